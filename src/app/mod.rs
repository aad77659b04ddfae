//! The Blocks style: declare the page once, wire events to handlers, launch.

mod api_run;
mod application;
mod blocks;
mod chain;
mod deferred;
mod event;
mod outputs;
mod page;
mod startup;
mod ticks;

pub(crate) use api_run::ApiOutcome;
pub use application::App;
pub(crate) use application::AppInner;
pub use blocks::Blocks;
pub use event::Event;
pub(crate) use page::{answer_of, Page};
