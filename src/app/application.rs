//! [`App`]: a program on its runtime, ready to serve or to mount.

use std::sync::Arc;

use crate::runtime::{Program, Runtime};
use crate::server::Security;

/// A Ferry app: build it with [`Blocks::new`](crate::Blocks::new), run it with
/// [`App::launch`], or mount it in an axum app with [`App::into_router`].
///
/// Cloning is cheap: clones share the page, the sessions and the files.
#[derive(Clone)]
#[must_use = "an app does nothing until launched or served"]
pub struct App {
    pub(crate) inner: Arc<AppInner>,
    /// Cross-origin settings (`server/security.rs`), read when the app starts serving.
    pub(crate) security: Security,
}

/// What every request of an app shares: the runtime and the program it serves.
pub(crate) struct AppInner {
    pub runtime: Arc<Runtime>,
    pub program: Arc<dyn Program>,
}

impl App {
    pub(crate) fn new(runtime: Runtime, program: Arc<dyn Program>) -> Self {
        App {
            inner: Arc::new(AppInner {
                runtime: Arc::new(runtime),
                program,
            }),
            security: Security::default(),
        }
    }

    /// The number of live sessions.
    pub fn session_count(&self) -> usize {
        self.inner.runtime.sessions.len()
    }

    /// The file tokens currently issued, across sessions.
    pub fn file_count(&self) -> usize {
        self.inner.runtime.store.len()
    }

    /// The app's routes as an axum [`Router`](axum::Router), to nest in an axum app of your own:
    /// `Router::new().nest_service("/ui", app.into_router())` (`nest_service` rather than
    /// `nest`: axum's `nest` does not route `/ui/`, the page's own address). The page uses only
    /// URLs relative to its own, so it works under any prefix and behind a reverse proxy that
    /// keeps the trailing slash; `/ui` redirects to `/ui/`. Idle sessions are reaped from the
    /// first session on, as under [`launch`](Self::launch).
    ///
    /// Mounted, the app cannot know the address it listens on, so it answers every `Host`
    /// unless [`allowed_hosts`](Self::allowed_hosts) (or `FERRY_ALLOWED_HOSTS`) names some;
    /// the Origin check and the page's headers apply as under `launch`.
    /// The router keeps the [`Limits`](crate::Limits) on request bodies, sessions and runs; the
    /// ones on connections (how many, header and send timeouts) belong to the server that
    /// accepts them, yours here. Session starts are counted per client address only when the
    /// router knows it: serve with `into_make_service_with_connect_info::<SocketAddr>()`.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     b.markdown("Mounted under /ui/");
    /// });
    /// let router: axum::Router = axum::Router::new().nest_service("/ui", app.into_router());
    /// # let _ = router;
    /// ```
    pub fn into_router(self) -> axum::Router {
        let guard = self.security.guard(None);
        crate::server::router(self.inner, guard)
    }
}
