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
        // This run's page: it is no longer waiting.
        session.data.stream().push(&StreamMessage::Queue {
            run,
            dependency,
            position: 0,
            size: 0,
            eta: None,
        });
        self.announce();
        result.map(|permit| self.slot(permit))
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
        let average = *lock(&self.average);
        let waiting = lock(&self.waiting);
        let size = waiting.len();
        for (at, waiter) in waiting.iter().enumerate() {
            let position = at + 1;
            // Runs ahead of it finish `limit` at a time, then its own run.
            let rounds = position.div_ceil(self.limit) + 1;
            waiter.session.data.stream().push(&StreamMessage::Queue {
                run: waiter.run,
                dependency: waiter.dependency,
                position,
                size,
                eta: average.map(|mean| mean * rounds as f64),
            });
        }
    }
}
