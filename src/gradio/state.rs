//! What the Gradio routes share: the app, its page, and the Gradio clients' sessions, events
//! and upload pools, each bounded.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::http::StatusCode;

use crate::app::{AppInner, Page};
use crate::runtime::{ApiError, Runtime};

use super::pools::Pools;
use super::session::GradioSession;
use super::value::GradioContext;
use super::watch;

/// The state of the Gradio routes.
pub(crate) struct GradioState {
    pub app: Arc<AppInner>,
    /// The Blocks page; `None` for a program without one (the routes then answer 404).
    pub page: Option<Arc<Page>>,
    /// Starts the reaper of idle sessions (once), as a page's first session does.
    pub on_session: Box<dyn Fn() + Send + Sync>,
    sessions: Mutex<HashMap<String, Arc<GradioSession>>>,
    /// The events of `gradio_api/call/…`, each in a session of its own, until read.
    calls: Mutex<HashMap<String, Arc<GradioSession>>>,
    pub pools: Arc<Pools>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// A `session_hash` a client may choose: 1 to 128 letters, digits, `-` and `_`.
fn valid_hash(hash: &str) -> bool {
    (1..=128).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl GradioState {
    pub fn new(app: Arc<AppInner>, on_session: Box<dyn Fn() + Send + Sync>) -> Self {
        let page = Arc::clone(&app.program).blocks();
        GradioState {
            app,
            page,
            on_session,
            sessions: Mutex::default(),
            calls: Mutex::default(),
            pools: Arc::default(),
        }
    }

    pub fn runtime(&self) -> &Arc<Runtime> {
        &self.app.runtime
    }

    /// The page, or 404 for an app without one.
    pub fn page(&self) -> Result<&Arc<Page>, ApiError> {
        self.page.as_ref().ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "this app has no Gradio API (only Blocks apps have one)",
            )
        })
    }

    /// The live session of `hash`, when there is one.
    pub fn existing(&self, hash: &str) -> Option<Arc<GradioSession>> {
        let session = lock(&self.sessions).get(hash).cloned()?;
        // Marks the Ferry session as seen, and finds it gone when it was reaped.
        self.runtime().sessions.get(session.ferry.id())?;
        Some(session)
    }

    /// The session of `hash`, started (as a page's: same limits) on first use.
    pub async fn session(
        &self,
        hash: &str,
        client: Option<IpAddr>,
        api_root: &str,
    ) -> Result<Arc<GradioSession>, ApiError> {
        if !valid_hash(hash) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "session_hash is 1 to 128 letters, digits, '-' and '_'",
            ));
        }
        if let Some(session) = self.existing(hash) {
            return Ok(session);
        }
        let session = self.start(client, api_root).await?;
        let max = self.runtime().limits.max_sessions;
        let mut table = lock(&self.sessions);
        if table.len() >= max {
            table.retain(|_, s| !s.ferry.data.stream_closed());
        }
        // Two first requests of one hash at once: the first one in wins (the other session
        // idles out). An entry whose session ended is replaced.
        match table.get(hash) {
            Some(current) if !current.ferry.data.stream_closed() => Ok(Arc::clone(current)),
            _ => {
                table.insert(hash.to_owned(), Arc::clone(&session));
                Ok(session)
            }
        }
    }

    /// A session of its own for a `gradio_api/call/…` request.
    pub async fn call_session(
        &self,
        client: Option<IpAddr>,
        api_root: &str,
    ) -> Result<Arc<GradioSession>, ApiError> {
        self.start(client, api_root).await
    }

    async fn start(
        &self,
        client: Option<IpAddr>,
        api_root: &str,
    ) -> Result<Arc<GradioSession>, ApiError> {
        let page = self.page()?;
        (self.on_session)();
        let runtime = self.runtime();
        let ferry = crate::server::create_session(runtime, client)?;
        // Its values at start and its load events, as for a page.
        crate::runtime::Program::start(page.as_ref(), runtime, &ferry).await;
        let session = Arc::new(GradioSession::new(ferry, api_root.to_owned()));
        watch::spawn(&session, Arc::clone(page), self.context(&session, None));
        Ok(session)
    }

    /// Remembers call `event` until its stream is read; 503 when too many wait.
    pub fn remember_call(&self, event: &str, session: Arc<GradioSession>) -> Result<(), ApiError> {
        let max = self.runtime().limits.max_sessions;
        let mut calls = lock(&self.calls);
        if calls.len() >= max {
            calls.retain(|_, s| !s.ferry.data.stream_closed());
        }
        if calls.len() >= max {
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("{max} calls wait to be read: read their results first"),
            ));
        }
        calls.insert(event.to_owned(), session);
        Ok(())
    }

    /// The session of call `event`, taken: its stream is read once.
    pub fn take_call(&self, event: &str) -> Option<Arc<GradioSession>> {
        lock(&self.calls).remove(event)
    }

    /// The session whose pending event is `event` (for `reset`, which names no session).
    pub fn session_of_event(&self, event: &str) -> Option<Arc<GradioSession>> {
        let in_table = |table: &HashMap<String, Arc<GradioSession>>| {
            table
                .values()
                .find(|s| s.with_event(event, |_, _| ()).is_some())
                .cloned()
        };
        in_table(&lock(&self.sessions)).or_else(|| in_table(&lock(&self.calls)))
    }

    /// What components need to turn values into Gradio's and back, for `session`, with the
    /// upload pool of the client when it sends files.
    pub fn context(&self, session: &GradioSession, pool: Option<String>) -> GradioContext {
        GradioContext {
            session: session.ferry.id().to_owned(),
            store: Arc::clone(&self.runtime().store),
            pool,
            api_root: session.api_root.clone(),
            max_file_size: self.runtime().upload_limits.max_file_size,
        }
    }
}
