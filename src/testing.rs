//! Helpers for doc tests and tests: render an app's page without binding a port.

use crate::App;

/// Starts a session of `app` in memory and returns its page description as JSON text.
///
/// # Panics
///
/// When no Tokio runtime can be built (tests only).
pub fn render(app: &App) -> String {
    #[allow(clippy::expect_used)]
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the test");
    let inner = &app.inner;
    runtime.block_on(async {
        let session = inner.runtime.sessions.create();
        let info = inner.program.start(&inner.runtime, &session).await;
        serde_json::to_string(&info).unwrap_or_default()
    })
}

/// Sends `request` to `app` mounted as [`App::into_router`] (no port bound) and returns the
/// status and the body as text.
///
/// # Panics
///
/// When no Tokio runtime can be built or the body cannot be read (tests only).
pub fn send(app: &App, request: axum::http::Request<axum::body::Body>) -> (u16, String) {
    use tower::ServiceExt;
    #[allow(clippy::expect_used)]
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the test");
    runtime.block_on(async {
        let Ok(response) = app.clone().into_router().oneshot(request).await;
        let status = response.status().as_u16();
        #[allow(clippy::expect_used)]
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        (status, String::from_utf8_lossy(&body).into_owned())
    })
}

/// The status of `POST api/session` to `app` with this `Host` and `Origin`.
///
/// # Panics
///
/// When the request cannot be built (tests only).
pub fn post_session(app: &App, host: &str, origin: &str) -> u16 {
    #[allow(clippy::expect_used)]
    let request = axum::http::Request::post("/api/session")
        .header("host", host)
        .header("origin", origin)
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{}"))
        .expect("a request");
    send(app, request).0
}

/// The status of `GET /` (the page) from `app` with this `Host`.
///
/// # Panics
///
/// When the request cannot be built (tests only).
pub fn get_page(app: &App, host: &str) -> u16 {
    #[allow(clippy::expect_used)]
    let request = axum::http::Request::get("/")
        .header("host", host)
        .body(axum::body::Body::empty())
        .expect("a request");
    send(app, request).0
}

/// The `Content-Security-Policy` of an API answer of `app` (a 404 of `GET api/nothing`).
///
/// # Panics
///
/// When no Tokio runtime can be built (tests only).
pub fn page_policy(app: &App) -> String {
    use tower::ServiceExt;
    #[allow(clippy::expect_used)]
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the test");
    runtime.block_on(async {
        let request = axum::http::Request::get("/api/nothing")
            .body(axum::body::Body::empty())
            .unwrap_or_default();
        let Ok(response) = app.clone().into_router().oneshot(request).await;
        response
            .headers()
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    })
}
