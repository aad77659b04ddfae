//! Why an app could not start serving.

/// Why an app could not start serving.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LaunchError {
    /// No port could be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address tried last.
        address: String,
        /// The error from the system.
        source: std::io::Error,
    },
    /// `FERRY_SERVER_PORT` is not a port number.
    #[error("FERRY_SERVER_PORT must be a port number (0–65535), not {0:?}")]
    BadPort(String),
    /// The runtime or the accept loop failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}
