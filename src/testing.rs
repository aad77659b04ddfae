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
    runtime.block_on(app.state.start_session()).to_string()
}
