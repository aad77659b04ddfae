//! Upload pools: `gradio_api/upload` names no session, so the files a client uploads wait in a
//! pool of its own (one per client address, with an unguessable id), until an event of one of
//! its sessions takes them as input. A pool counts against the upload limits as a session does
//! (`UploadLimits::session_bytes`), is refused past `Limits::max_sessions` pools, and is
//! removed (files and tokens) once unused for `Limits::session_idle`: by a sweeper that runs as
//! often as the session reaper, from the first upload on, not only when another upload comes.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, Once, Weak};
use std::time::Instant;

use axum::http::StatusCode;

use crate::runtime::{ApiError, Runtime};

/// The upload pools of an app.
pub(crate) struct Pools {
    /// Keys the pool ids, so that nobody can work out another address's pool.
    key: [u8; 32],
    /// Each pool's last use.
    table: Mutex<HashMap<String, Instant>>,
    /// Starts the sweeper, once.
    sweeper: Once,
}

impl Default for Pools {
    fn default() -> Self {
        Pools {
            key: rand::random(),
            table: Mutex::default(),
            sweeper: Once::new(),
        }
    }
}

impl Pools {
    /// The pool id of `client`: 32 hex digits, as a session id.
    pub fn id_of(&self, client: Option<IpAddr>) -> String {
        let address = client.map_or_else(|| "local".to_owned(), |ip| ip.to_string());
        let hash = blake3::keyed_hash(&self.key, address.as_bytes());
        hash.to_hex()[..32].to_owned()
    }

    /// The pool of `client`, marked as used, after the pools unused for too long were removed;
    /// 503 when the app holds as many pools as sessions.
    pub async fn enter(
        self: &Arc<Self>,
        runtime: &Arc<Runtime>,
        client: Option<IpAddr>,
    ) -> Result<String, ApiError> {
        self.start_sweeper(runtime);
        self.prune(runtime).await;
        let id = self.id_of(client);
        let max = runtime.limits.max_sessions;
        let mut table = self.table.lock().unwrap_or_else(|p| p.into_inner());
        if !table.contains_key(&id) && table.len() >= max {
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the app holds as many uploads as it can ({max} clients): try again later"),
            ));
        }
        table.insert(id.clone(), Instant::now());
        Ok(id)
    }

    /// Whether `scope` is a pool's id (its files are inputs only, never served back).
    pub fn is_pool(&self, scope: &str) -> bool {
        self.table
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(scope)
    }

    /// Marks `client`'s pool as used (an event took files from it).
    pub fn touch(&self, client: Option<IpAddr>) {
        let id = self.id_of(client);
        let mut table = self.table.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(used) = table.get_mut(&id) {
            *used = Instant::now();
        }
    }

    /// Starts, once, the task that removes the pools unused for too long, every
    /// `Limits::reap_interval`; it stops when the pools or the runtime are dropped.
    fn start_sweeper(self: &Arc<Self>, runtime: &Arc<Runtime>) {
        self.sweeper.call_once(|| {
            let (pools, runtime): (Weak<Self>, Weak<Runtime>) =
                (Arc::downgrade(self), Arc::downgrade(runtime));
            let every = runtime
                .upgrade()
                .map_or(std::time::Duration::from_secs(60), |r| {
                    r.limits.reap_interval()
                });
            tokio::spawn(async move {
                let mut ticks = tokio::time::interval(every);
                ticks.tick().await;
                loop {
                    ticks.tick().await;
                    let (Some(pools), Some(runtime)) = (pools.upgrade(), runtime.upgrade()) else {
                        return;
                    };
                    pools.prune(&runtime).await;
                }
            });
        });
    }

    /// Removes the pools unused for `Limits::session_idle`: their tokens and files.
    async fn prune(&self, runtime: &Runtime) {
        let idle = runtime.limits.session_idle;
        let expired: Vec<String> = {
            let mut table = self.table.lock().unwrap_or_else(|p| p.into_inner());
            let expired: Vec<String> = table
                .iter()
                .filter(|(_, used)| used.elapsed() > idle)
                .map(|(id, _)| id.clone())
                .collect();
            for id in &expired {
                table.remove(id);
            }
            expired
        };
        for id in expired {
            runtime.store.drop_session(&id);
            if let Some(uploads) = &runtime.uploads {
                if let Err(error) = uploads.remove_session(&id).await {
                    tracing::warn!(%error, "could not remove an upload pool");
                }
            }
        }
    }
}
