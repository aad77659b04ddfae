//! [`Run`]: one execution of a handler, with its concurrency slot, time limit, cancellation and,
//! for a streaming handler, the pace of its updates.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use serde_json::Value;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::{
    CancelToken, ErasedHandler, InputContext, Output, Progress, Queue, QueueSlot, RunContext,
    RunError,
};
use crate::protocol::{StreamMessage, UpdateMessage};
use crate::runtime::{Props, Session, SessionRun};

/// Turns one set of a handler's outputs into the updates sent to the page (and recorded).
pub(crate) type Apply<'a> =
    &'a (dyn Fn(Vec<Output>) -> BoxFuture<'a, Result<Vec<(usize, Props)>, RunError>> + Sync);

/// What a run is, for its messages on the session's stream.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RunId {
    /// The run's number.
    pub run: u64,
    /// Its event.
    pub dependency: usize,
}

/// How a run goes: its time limit and the least time between two streamed updates.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Pace {
    pub time_limit: Option<Duration>,
    pub stream_every: Option<Duration>,
}

/// What a run holds until its handler has really stopped: its event's concurrency slot and its
/// place among its session's runs.
pub(crate) struct RunSlots {
    _event: Option<QueueSlot>,
    _session: Option<SessionRun>,
}

/// One run of a handler. It owns its concurrency slot and its place among its session's runs
/// (released only when the handler has really stopped), the token that cancels it and the
/// reporter of its progress.
pub(crate) struct Run {
    id: RunId,
    slot: Arc<RunSlots>,
    cancel: CancelToken,
    progress: Progress,
}

impl Run {
    /// Waits for a slot of `queue` (when the event has a concurrency limit) and returns the run,
    /// which keeps `counted` (its place among its session's runs, when it has one) too; a run
    /// cancelled while it waits leaves the queue.
    pub async fn start(
        id: RunId,
        queue: Option<(&Arc<Queue>, &Session)>,
        counted: Option<SessionRun>,
        cancel: CancelToken,
        progress: Progress,
    ) -> Result<Run, RunError> {
        let permit = match queue {
            Some((queue, session)) => {
                Some(queue.enter(id.run, id.dependency, session, &cancel).await?)
            }
            None => None,
        };
        Ok(Run {
            id,
            slot: Arc::new(RunSlots {
                _event: permit,
                _session: counted,
            }),
            cancel,
            progress,
        })
    }

    /// Runs `handler` on `data` as a task of its own and applies what it returns. A streaming
    /// handler's items are applied as they come, each but the last sent on the session's stream
    /// (at most one per `stream_every`, the newest winning), and the last returned. When the
    /// time limit passes first (for a stream, over the whole stream), the run is cancelled (an
    /// async handler is dropped at its next `.await`, a sync one sees its [`CancelToken`]) and
    /// the error returned at once; the slot stays taken until the handler has stopped.
    pub async fn execute(
        self,
        handler: &ErasedHandler,
        data: Vec<Value>,
        inputs: InputContext,
        session: Session,
        pace: Pace,
        apply: Apply<'_>,
    ) -> Result<Vec<(usize, Props)>, RunError> {
        let id = self.id;
        let (items, mut received) = mpsc::channel(1);
        let stream = session.clone();
        let cx = RunContext {
            inputs,
            session,
            progress: self.progress,
            cancel: self.cancel.clone(),
            items,
            scratch: None,
            _slot: self.slot,
        };
        let mut task = tokio::spawn(handler(data, cx));
        let abort = task.abort_handle();
        let time_up = async {
            match pace.time_limit {
                Some(limit) => tokio::time::sleep(limit).await,
                None => std::future::pending().await,
            }
        };
        let mut time_up = std::pin::pin!(time_up);
        let mut shown: Option<Vec<(usize, Props)>> = None;
        let mut newest: Option<Vec<Output>> = None;
        let mut next_show = Instant::now();
        loop {
            let show_at = next_show;
            tokio::select! {
                biased;
                () = &mut time_up => {
                    self.cancel.cancel();
                    abort.abort();
                    return Err(RunError::TimedOut(pace.time_limit.unwrap_or_default()));
                }
                () = self.cancel.cancelled() => {
                    abort.abort();
                    return Err(RunError::Cancelled);
                }
                joined = &mut task => {
                    if let Some(outputs) = joined.map_err(RunError::from_join)?? {
                        return apply(outputs).await;
                    }
                    // The stream ended: its last item, still waiting or already shown, stays.
                    while let Ok(item) = received.try_recv() {
                        newest = Some(item);
                    }
                    return match newest {
                        Some(outputs) => apply(outputs).await,
                        None => Ok(shown.unwrap_or_default()),
                    };
                }
                Some(item) = received.recv() => {
                    if pace.stream_every.is_none() || Instant::now() >= show_at {
                        newest = None;
                        shown = Some(show(&stream, id, apply, item).await?);
                        next_show = Instant::now() + pace.stream_every.unwrap_or_default();
                    } else {
                        newest = Some(item);
                    }
                }
                () = tokio::time::sleep_until(show_at), if newest.is_some() => {
                    if let Some(item) = newest.take() {
                        shown = Some(show(&stream, id, apply, item).await?);
                    }
                    next_show = Instant::now() + pace.stream_every.unwrap_or_default();
                }
            }
        }
    }
}

/// Applies one streamed item and sends its updates on the session's stream.
async fn show(
    session: &Session,
    id: RunId,
    apply: Apply<'_>,
    item: Vec<Output>,
) -> Result<Vec<(usize, Props)>, RunError> {
    let updates = apply(item).await?;
    session.data.stream().push(&StreamMessage::Partial {
        run: id.run,
        dependency: id.dependency,
        updates: updates
            .iter()
            .map(|(id, props)| UpdateMessage {
                id: *id,
                props: props.clone(),
            })
            .collect(),
    });
    Ok(updates)
}
