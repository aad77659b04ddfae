//! [`Queue`]: one concurrency group's slots, and the runs waiting for one, in order. A waiting
//! run's page is told its place and an estimate (Gradio's "queue: 2/5 | 1.3/4.0s") on the
//! session's stream, each time the queue moves.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::{CancelToken, RunError};
use crate::protocol::StreamMessage;
use crate::runtime::Session;

/// The slots of one concurrency group (an event, or every event with one `concurrency_id`).
pub(crate) struct Queue {
    slots: Arc<Semaphore>,
    limit: usize,
    waiting: Mutex<VecDeque<Waiter>>,
    /// How long a run of the group takes, on average (seconds), once one has run.
    average: Mutex<Option<f64>>,
}

struct Waiter {
    run: u64,
    dependency: usize,
    session: Session,
}

/// A slot of the group, held until the handler has stopped; it times the run for the estimate.
pub(crate) struct QueueSlot {
    queue: Arc<Queue>,
    started: Instant,
    _permit: OwnedSemaphorePermit,
}

impl Drop for QueueSlot {
    fn drop(&mut self) {
        let took = self.started.elapsed().as_secs_f64();
        let mut average = lock(&self.queue.average);
        // A moving average: recent runs count most.
        *average = Some(average.map_or(took, |mean| mean * 0.8 + took * 0.2));
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Queue {
    /// A group of `limit` slots.
    pub fn new(limit: usize) -> Arc<Queue> {
        Arc::new(Queue {
            slots: Arc::new(Semaphore::new(limit)),
            limit,
            waiting: Mutex::default(),
            average: Mutex::default(),
        })
    }

    /// A slot for run `run` of event `dependency`: at once when one is free, else in turn. While
    /// it waits, its session hears its place each time the queue moves; it leaves the queue when
    /// `cancel` fires.
    pub async fn enter(
        self: &Arc<Self>,
        run: u64,
        dependency: usize,
        session: &Session,
        cancel: &CancelToken,
    ) -> Result<QueueSlot, RunError> {
        if let Ok(permit) = Arc::clone(&self.slots).try_acquire_owned() {
            return Ok(self.slot(permit));
        }
        lock(&self.waiting).push_back(Waiter {
            run,
            dependency,
            session: session.clone(),
        });
        self.announce();
        let result = tokio::select! {
            permit = Arc::clone(&self.slots).acquire_owned() => permit
                .map_err(|_| RunError::Handler("the server is shutting down".to_owned())),
            () = cancel.cancelled() => Err(RunError::Cancelled),
        };
        lock(&self.waiting).retain(|w| w.run != run);
        announce_left(run, dependency, session);
        self.announce();
        result.map(|permit| self.slot(permit))
    }

    /// A slot of the group for a batch of runs, which wait in their batcher's own line; `None`
    /// when the server is shutting down.
    pub async fn batch_slot(self: &Arc<Self>) -> Option<QueueSlot> {
        let permit = Arc::clone(&self.slots).acquire_owned().await.ok()?;
        Some(self.slot(permit))
    }

    /// How many runs of the group run at once.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// How long a run of the group takes on average, once one has run.
    pub fn average(&self) -> Option<f64> {
        *lock(&self.average)
    }

    fn slot(self: &Arc<Self>, permit: OwnedSemaphorePermit) -> QueueSlot {
        QueueSlot {
            queue: Arc::clone(self),
            started: Instant::now(),
            _permit: permit,
        }
    }

    /// Tells every waiting run's page its place, the queue's size and an estimate of the wait.
    fn announce(&self) {
        let average = self.average();
        let waiting = lock(&self.waiting);
        announce(
            waiting.iter().map(|w| (w.run, w.dependency, &w.session)),
            self.limit,
            average,
        );
    }
}

/// Tells each of `waiting` (run, event, session), in order, its place, the line's size and an
/// estimate of its wait, when the line moves `per_round` runs at a time and a round takes
/// `average` seconds.
pub(crate) fn announce<'a>(
    waiting: impl ExactSizeIterator<Item = (u64, usize, &'a Session)>,
    per_round: usize,
    average: Option<f64>,
) {
    let size = waiting.len();
    for (at, (run, dependency, session)) in waiting.enumerate() {
        let position = at + 1;
        // Runs ahead of it finish `per_round` at a time, then its own round.
        let rounds = position.div_ceil(per_round.max(1)) + 1;
        session.data.stream().push(&StreamMessage::Queue {
            run,
            dependency,
            position,
            size,
            eta: average.map(|mean| mean * rounds as f64),
        });
    }
}

/// Tells a run's page that it no longer waits.
pub(crate) fn announce_left(run: u64, dependency: usize, session: &Session) {
    session.data.stream().push(&StreamMessage::Queue {
        run,
        dependency,
        position: 0,
        size: 0,
        eta: None,
    });
}
