//! The Blocks style: declare the page once, wire events to handlers, launch.

mod blocks;
mod session;
mod startup;
mod state;

pub use blocks::Blocks;
pub use state::App;
pub(crate) use state::AppState;
