//! The HTTP server: routes, the page's API, embedded assets, and the accept loop.

mod api;
mod assets;
mod body_guard;
mod config;
mod connections;
mod error;
mod guard;
mod launch;
mod origin;
mod page_headers;
mod router;
mod security;
mod send_timeout;
mod stop;
mod stream;
mod upload;

pub(crate) use api::create_session;
pub(crate) use body_guard::guard as guard_body;
pub(crate) use config::parse_size;
pub use config::ServerConfig;
pub use error::LaunchError;
pub(crate) use router::router;
pub(crate) use security::Security;
