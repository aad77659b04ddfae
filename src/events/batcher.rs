//! [`Batcher`]: the line of a batched event. Its runs, from every session, wait here; each time
//! a slot of the event's concurrency group frees, the runs waiting at that moment (up to the
//! batch size) go to the handler together, and each run gets its own item of the result.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::oneshot;

use super::batch::{BatchItem, ErasedBatchHandler};
use super::queue::{announce, announce_left};
use super::{CancelToken, Output, Queue, RunError, RunId};
use crate::runtime::Session;

/// Gradio's default `max_batch_size`.
pub(crate) const DEFAULT_MAX_BATCH_SIZE: usize = 4;

/// A batched event's handler and the runs waiting for it (a clone shares the line).
#[derive(Clone)]
pub(crate) struct Batcher {
    handler: ErasedBatchHandler,
    max_size: usize,
    line: Arc<Mutex<Line>>,
}

#[derive(Default)]
struct Line {
    waiting: VecDeque<Waiting>,
    /// Whether a task is taking slots for the line; at most one does.
    driving: bool,
}

struct Waiting {
    id: RunId,
    session: Session,
    item: BatchItem,
    reply: oneshot::Sender<Result<Vec<Output>, RunError>>,
}

/// How a batch goes: its event's concurrency group, and its time limit.
#[derive(Clone)]
pub(crate) struct BatchPace {
    pub group: Arc<Queue>,
    pub time_limit: Option<Duration>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Batcher {
    /// A line for `handler`, whose batches hold at most `max_size` runs.
    pub fn new(handler: ErasedBatchHandler, max_size: usize) -> Self {
        Batcher {
            handler,
            max_size: max_size.max(1),
            line: Arc::default(),
        }
    }

    /// Sets the most runs one batch holds (when the app is built).
    pub fn set_max_size(&mut self, max_size: usize) {
        self.max_size = max_size.max(1);
    }

    /// Puts run `id` of `session` in the line and returns its outputs once its batch has run. A
    /// run cancelled while it waits leaves the line; one cancelled while its batch runs gets
    /// [`RunError::Cancelled`] at once, and the batch goes on for the others.
    pub async fn submit(
        &self,
        id: RunId,
        session: &Session,
        item: BatchItem,
        cancel: &CancelToken,
        pace: &BatchPace,
    ) -> Result<Vec<Output>, RunError> {
        let (reply, answer) = oneshot::channel();
        let drive = {
            let mut line = lock(&self.line);
            line.waiting.push_back(Waiting {
                id,
                session: session.clone(),
                item,
                reply,
            });
            !std::mem::replace(&mut line.driving, true)
        };
        self.announce(&pace.group);
        if drive {
            tokio::spawn(self.clone().drive(pace.clone()));
        }
        tokio::select! {
            answer = answer => answer.unwrap_or_else(|_| {
                Err(RunError::Handler("the batch stopped before it answered".to_owned()))
            }),
            () = cancel.cancelled() => {
                let left = {
                    let mut line = lock(&self.line);
                    let before = line.waiting.len();
                    line.waiting.retain(|w| w.id.run != id.run);
                    line.waiting.len() != before
                };
                if left {
                    announce_left(id.run, id.dependency, session);
                    self.announce(&pace.group);
                }
                Err(RunError::Cancelled)
            }
        }
    }

    /// Takes a slot of the group each time one frees and runs the runs then waiting as one
    /// batch, until the line is empty.
    async fn drive(self, pace: BatchPace) {
        loop {
            let Some(slot) = pace.group.batch_slot().await else {
                return self.fail_waiting("the server is shutting down");
            };
            let batch: Vec<Waiting> = {
                let mut line = lock(&self.line);
                if line.waiting.is_empty() {
                    line.driving = false;
                    return;
                }
                let take = line.waiting.len().min(self.max_size);
                line.waiting.drain(..take).collect()
            };
            for waiting in &batch {
                announce_left(waiting.id.run, waiting.id.dependency, &waiting.session);
            }
            self.announce(&pace.group);
            let handler = Arc::clone(&self.handler);
            tokio::spawn(run_batch(handler, batch, Box::new(slot), pace.time_limit));
        }
    }

    fn fail_waiting(&self, message: &str) {
        let mut line = lock(&self.line);
        line.driving = false;
        for waiting in line.waiting.drain(..) {
            let _ = waiting
                .reply
                .send(Err(RunError::Handler(message.to_owned())));
        }
    }

    /// Tells each waiting run's page its place; a round takes `max_size` runs per slot.
    fn announce(&self, group: &Queue) {
        let line = lock(&self.line);
        announce(
            line.waiting
                .iter()
                .map(|w| (w.id.run, w.id.dependency, &w.session)),
            self.max_size * group.limit(),
            group.average(),
        );
    }
}

/// Runs one batch and answers each of its runs; `slot` is held until the handler has returned.
async fn run_batch(
    handler: ErasedBatchHandler,
    batch: Vec<Waiting>,
    slot: Box<dyn std::any::Any + Send>,
    time_limit: Option<Duration>,
) {
    let (items, replies): (Vec<BatchItem>, Vec<_>) =
        batch.into_iter().map(|w| (w.item, w.reply)).unzip();
    let count = items.len();
    let mut task = tokio::spawn(handler(items, slot));
    let results = match time_limit {
        Some(limit) => match tokio::time::timeout(limit, &mut task).await {
            Ok(joined) => joined.map_err(RunError::from_join),
            Err(_) => {
                task.abort();
                Err(RunError::TimedOut(limit))
            }
        },
        None => task.await.map_err(RunError::from_join),
    };
    let results = match results {
        Ok(results) => results,
        Err(error) => (0..count).map(|_| Err(error.clone())).collect(),
    };
    for (reply, result) in replies.into_iter().zip(results) {
        let _ = reply.send(result);
    }
}
