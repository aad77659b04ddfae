//! What every program shares: sessions and their component state, the file store, uploads,
//! limits, and each session's server→browser stream.
//!
//! A *program* (the crate's `Program` trait) describes a session's page and handles its events: the Blocks page
//! today, the script runtime next. The routes talk to the program only through that trait.

mod client;
mod error;
mod limits;
mod program;
mod session;
mod start_rate;
mod stream;
mod toast;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub(crate) use client::{client_key, Client};
pub(crate) use error::ApiError;
pub use limits::{
    Limits, MinRate, DEFAULT_BODY_READ_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_MAX_RUNS_PER_SESSION,
    DEFAULT_MAX_SESSIONS, DEFAULT_MIN_BODY_RATE, DEFAULT_SEND_TIMEOUT, DEFAULT_SESSION_IDLE,
    DEFAULT_SESSION_STARTS_PER_MINUTE,
};
pub(crate) use program::{Program, RunStarted};
pub use session::{Props, Session};
pub(crate) use session::{SessionRun, Sessions, StartRefused};
pub(crate) use start_rate::StartRate;
pub(crate) use stream::{Sent, Stream};
pub use toast::Toast;

use crate::files::roots::ServeRoots;
use crate::files::spool::Spool;
use crate::files::upload::{UploadLimits, Uploads};
use crate::files::FileStore;

/// The state every request of an app shares.
pub(crate) struct Runtime {
    pub sessions: Sessions,
    pub store: Arc<FileStore>,
    /// Where uploads go; `None` when no private folder could be made (uploads then fail).
    pub uploads: Option<Uploads>,
    pub upload_limits: UploadLimits,
    /// Where paths chosen at run time may be served from: the app's, plus the upload folder.
    pub roots: Arc<ServeRoots>,
    /// The caps on connections, request bodies, sessions and runs.
    pub limits: Limits,
    /// Session starts per client address.
    pub session_starts: StartRate,
    next_run: AtomicU64,
}

impl Runtime {
    pub fn new(upload_limits: UploadLimits, limits: Limits, roots: ServeRoots) -> Self {
        let uploads = Uploads::new()
            .inspect_err(|error| tracing::error!(%error, "no folder for uploads"))
            .ok();
        let roots = match &uploads {
            Some(uploads) => roots.ferry_folder(uploads.root()),
            None => roots,
        };
        let spool = Spool::new(limits.spool_bytes);
        // A handler that received a spooled file as input may return its path.
        let roots = match spool.ensure_dir() {
            Ok(dir) => roots.ferry_folder(dir),
            Err(error) => {
                tracing::error!(%error, "no folder for spooled downloads");
                roots
            }
        };
        Runtime {
            sessions: Sessions::default(),
            store: Arc::new(FileStore::with_spool(spool)),
            uploads,
            upload_limits,
            roots: Arc::new(roots),
            limits,
            session_starts: StartRate::default(),
            next_run: AtomicU64::new(1),
        }
    }

    /// One round of the reaper: ends the sessions idle for longer than
    /// [`Limits::session_idle`], forgets expired file tokens and the addresses whose session
    /// starts are all refilled. Returns the sessions it ended.
    pub async fn reap(&self) -> Vec<Session> {
        let ended = self.sessions.reap(self.limits.session_idle);
        for session in &ended {
            self.end_session(session).await;
        }
        self.store.reap();
        self.session_starts
            .prune(self.limits.session_starts_per_minute);
        ended
    }

    /// A number for a new run, unique in the app.
    pub fn next_run_id(&self) -> u64 {
        self.next_run.fetch_add(1, Ordering::Relaxed)
    }

    /// Ends a session: forgets its file tokens, removes its uploads, closes its stream.
    pub async fn end_session(&self, session: &Session) {
        self.store.drop_session(session.id());
        session.data.close_stream();
        if let Some(uploads) = &self.uploads {
            if let Err(error) = uploads.remove_session(session.id()).await {
                tracing::warn!(%error, "could not remove a session's uploads");
            }
        }
    }
}
