//! The Blocks style: declare the page once, wire events to handlers, launch.

mod app;
mod blocks;
mod outputs;
mod page;
mod startup;

pub use app::App;
pub(crate) use app::AppInner;
pub use blocks::Blocks;
