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
