//! The Blocks style: declare the page once, wire events to handlers, launch.

mod application;
mod blocks;
mod chain;
mod deferred;
mod event;
mod outputs;
mod page;
mod startup;
mod ticks;

pub use application::App;
pub(crate) use application::AppInner;
pub use blocks::Blocks;
pub use event::Event;
