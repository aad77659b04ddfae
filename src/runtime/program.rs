//! [`Program`]: what describes a session's page and handles its events.

use std::sync::Arc;

use futures_util::future::BoxFuture;

use crate::files::upload::UploadRules;
use crate::protocol::{PageDescription, RunAnswer, RunRequest, SessionInfo};

use super::{ApiError, Runtime, Session};

/// A run that a program accepted: its number and the future of its answer.
pub(crate) struct RunStarted {
    pub run: u64,
    pub answer: BoxFuture<'static, Result<RunAnswer, ApiError>>,
}

/// A page and its behaviour, served by the [`Runtime`]: the Blocks page, or a script.
pub(crate) trait Program: Send + Sync + 'static {
    /// The browser tab's title.
    fn title(&self) -> &str;

    /// The page as declared, before any session: drawn by the page at once (first paint).
    fn page<'a>(&'a self, runtime: &'a Runtime) -> BoxFuture<'a, PageDescription>;

    /// The declared page as HTML, drawn before the page's script has loaded.
    fn first_paint(&self, page: &PageDescription) -> String;

    /// Starts `session`: computes its own values and describes its page.
    fn start<'a>(
        &'a self,
        runtime: &'a Runtime,
        session: &'a Session,
    ) -> BoxFuture<'a, SessionInfo>;

    /// Checks an event from the page and starts its run, or refuses it.
    fn run(
        self: Arc<Self>,
        runtime: Arc<Runtime>,
        session: Session,
        request: RunRequest,
    ) -> BoxFuture<'static, Result<RunStarted, ApiError>>;

    /// The rules of an upload to `component` for `session`, or why it is refused.
    fn upload_rules(&self, session: &Session, component: usize) -> Result<UploadRules, ApiError>;

    /// Records the files uploaded to `component` as its value for `session`.
    fn uploaded(&self, session: &Session, component: usize, files: serde_json::Value);

    /// The page of `session` opened its stream (each time it connects): a program starts what
    /// the server sends by itself, such as timers that tick on the server.
    fn stream_opened(self: Arc<Self>, runtime: Arc<Runtime>, session: Session);

    /// `session` ended (its page was closed and it went idle, or the server's limits ended it):
    /// a program runs what it registered for that (Gradio's `unload`).
    fn session_ended(
        self: Arc<Self>,
        runtime: Arc<Runtime>,
        session: Session,
    ) -> BoxFuture<'static, ()>;

    /// Front-end code to load after the bundle, as same-origin scripts (never inline, so the
    /// page's CSP needs no `unsafe-inline`): components written outside Ferry, and events' `js`.
    fn scripts(&self) -> Vec<String>;

    /// The Blocks page behind the program, for the Gradio-compatible API (`crate::gradio`);
    /// `None` (the default) for a program that has none.
    fn blocks(self: Arc<Self>) -> Option<Arc<crate::app::Page>> {
        let _ = self;
        None
    }
}
