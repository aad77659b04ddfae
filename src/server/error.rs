//! Errors of the server: launch failures, and API errors as responses.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

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

/// A client mistake: a status and a message, sent as `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}
