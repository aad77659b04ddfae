//! [`Run`]: one execution of a handler, with its concurrency slot, time limit and cancellation.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::Semaphore;

use super::{CancelToken, ErasedHandler, InputContext, Output, Progress, RunContext, RunError};
use crate::runtime::{Session, SessionRun};

/// What a run holds until its handler has really stopped: its event's concurrency slot and its
/// place among its session's runs.
pub(crate) struct RunSlots {
    _event: Option<tokio::sync::OwnedSemaphorePermit>,
    _session: Option<SessionRun>,
}

/// One run of a handler. It owns its concurrency slot and its place among its session's runs
/// (released only when the handler has really stopped), the token that cancels it and the
/// reporter of its progress.
pub(crate) struct Run {
    slot: Arc<RunSlots>,
    cancel: CancelToken,
    progress: Progress,
}

impl Run {
    /// Waits for a slot of `limit` (when the event has a concurrency limit) and returns the run,
    /// which keeps `counted` (its place among its session's runs, when it has one) too.
    pub async fn start(
        limit: Option<&Arc<Semaphore>>,
        counted: Option<SessionRun>,
        cancel: CancelToken,
        progress: Progress,
    ) -> Result<Run, RunError> {
        let permit = match limit {
            Some(semaphore) => Some(
                Arc::clone(semaphore)
                    .acquire_owned()
                    .await
                    .map_err(|_| RunError::Handler("the server is shutting down".to_owned()))?,
            ),
            None => None,
        };
        Ok(Run {
            slot: Arc::new(RunSlots {
                _event: permit,
                _session: counted,
            }),
            cancel,
            progress,
        })
    }

    /// Runs `handler` on `data` as a task of its own. When `time_limit` passes first, the run is
    /// cancelled (an async handler is dropped at its next `.await`, a sync one sees its
    /// [`CancelToken`]) and the error returned at once; the slot stays taken until the handler
    /// has stopped.
    pub async fn execute(
        self,
        handler: &ErasedHandler,
        data: Vec<Value>,
        inputs: InputContext,
        session: Session,
        time_limit: Option<Duration>,
    ) -> Result<Vec<Output>, RunError> {
        let cx = RunContext {
            inputs,
            session,
            progress: self.progress,
            cancel: self.cancel.clone(),
            _slot: self.slot,
        };
        let mut task = tokio::spawn(handler(data, cx));
        let abort = task.abort_handle();
        let time_up = async {
            match time_limit {
                Some(limit) => tokio::time::sleep(limit).await,
                None => std::future::pending().await,
            }
        };
        let joined = tokio::select! {
            joined = &mut task => joined,
            () = time_up => {
                self.cancel.cancel();
                abort.abort();
                return Err(RunError::TimedOut(time_limit.unwrap_or_default()));
            }
            () = self.cancel.cancelled() => {
                abort.abort();
                return Err(RunError::Cancelled);
            }
        };
        joined.map_err(RunError::from_join)?
    }
}
