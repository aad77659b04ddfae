//! [`AppRoot`]: the app's absolute URL as the client reached it, for the URLs the API hands out.

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::header;
use axum::http::request::Parts;

/// `http://host:port/prefix` (no trailing slash): the scheme (`X-Forwarded-Proto` when a
/// proxy says so), the `Host` the client sent, and the prefix the app is nested under.
pub(crate) struct AppRoot(pub String);

impl AppRoot {
    /// `…/gradio_api/`: the base of the API's file URLs.
    pub fn api(&self) -> String {
        format!("{}/gradio_api/", self.0)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for AppRoot {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let text = |name| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let scheme = match text("x-forwarded-proto").as_deref().map(str::trim) {
            Some("https") => "https",
            _ => "http",
        };
        let host = text(header::HOST.as_str())
            .filter(|h| !h.is_empty() && !h.contains(['/', ' ', '"', '<', '>']))
            .unwrap_or_else(|| "localhost".to_owned());
        let full = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.path().to_owned(), |o| o.path().to_owned());
        let prefix = full
            .strip_suffix(parts.uri.path())
            .unwrap_or_default()
            .trim_end_matches('/');
        Ok(AppRoot(format!("{scheme}://{host}{prefix}")))
    }
}
