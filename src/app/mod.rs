//! The Blocks style: declare the page once, wire events to handlers, launch.

mod app;
mod blocks;
mod session;
mod startup;

pub use app::App;
pub use blocks::Blocks;
pub(crate) use app::AppState;
