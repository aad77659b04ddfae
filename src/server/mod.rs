//! The HTTP server: routes, the page's API, embedded assets, and the accept loop.

mod api;
mod assets;
mod body_guard;
mod config;
mod connections;
mod error;
mod launch;
mod router;
mod send_timeout;
mod stop;
mod stream;
mod upload;

pub(crate) use config::parse_size;
pub use config::ServerConfig;
pub use error::LaunchError;
pub(crate) use router::router;
