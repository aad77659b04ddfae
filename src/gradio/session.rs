//! A Gradio client's session: the Ferry session its `session_hash` maps to, its pending events,
//! and the messages waiting for its `queue/data` stream.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use serde_json::{json, Value};
use tokio::sync::Notify;

use crate::events::CancelToken;
use crate::runtime::Session;

/// The most messages a session keeps for a client that does not read its stream; past it the
/// oldest go.
const MAX_MESSAGES: usize = 1024;

/// One event a client joined and that has not ended.
pub(crate) struct Pending {
    pub id: String,
    pub run: u64,
    pub dependency: usize,
    pub cancel: CancelToken,
    pub started_at: Instant,
    /// Whether `process_starts` was sent.
    pub started: bool,
    /// The values of the last `process_generating`, when one was sent.
    pub generated: Option<Vec<Value>>,
}

#[derive(Default)]
struct Inner {
    pending: Vec<Pending>,
    messages: VecDeque<Value>,
}

/// The Gradio side of one Ferry session.
pub(crate) struct GradioSession {
    pub ferry: Session,
    /// `http://host/prefix/gradio_api/`, for the URLs of its files.
    pub api_root: String,
    inner: Mutex<Inner>,
    notify: Notify,
}

/// What a reader of the stream gets next.
pub(crate) enum Next {
    Message(Value),
    /// Nothing is pending and every message was read: the stream may close.
    Idle,
    /// Nothing yet: wait for [`GradioSession::changed`].
    Wait,
}

impl GradioSession {
    pub fn new(ferry: Session, api_root: String) -> Self {
        GradioSession {
            ferry,
            api_root,
            inner: Mutex::default(),
            notify: Notify::new(),
        }
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues a message for the client's stream.
    pub fn push(&self, message: Value) {
        {
            queue(&mut self.inner(), [message]);
        }
        self.notify.notify_waiters();
    }

    /// Registers an event the client joined.
    pub fn register(&self, pending: Pending) {
        self.inner().pending.push(pending);
    }

    /// Calls `f` with pending event `id` and an outbox whose messages are queued after it, in
    /// one step; `None` when the event is not pending.
    pub fn with_event<R>(
        &self,
        id: &str,
        f: impl FnOnce(&mut Pending, &mut Vec<Value>) -> R,
    ) -> Option<R> {
        self.with(|p| p.id == id, f)
    }

    /// The same for the pending event of run `run`.
    pub fn with_run<R>(
        &self,
        run: u64,
        f: impl FnOnce(&mut Pending, &mut Vec<Value>) -> R,
    ) -> Option<R> {
        self.with(|p| p.run == run, f)
    }

    fn with<R>(
        &self,
        which: impl Fn(&Pending) -> bool,
        f: impl FnOnce(&mut Pending, &mut Vec<Value>) -> R,
    ) -> Option<R> {
        let mut outbox = Vec::new();
        let result = {
            let mut inner = self.inner();
            let pending = inner.pending.iter_mut().find(|p| which(p))?;
            let result = f(pending, &mut outbox);
            queue(&mut inner, outbox.drain(..));
            result
        };
        self.notify.notify_waiters();
        Some(result)
    }

    /// Ends event `id`: queues its last message and forgets it.
    pub fn finish(&self, id: &str, last: Value) {
        {
            let mut inner = self.inner();
            inner.pending.retain(|p| p.id != id);
            queue(&mut inner, [last]);
        }
        self.notify.notify_waiters();
    }

    /// Cancels pending event `id`; `false` when it is not pending.
    pub fn cancel(&self, id: &str) -> bool {
        self.with_event(id, |p, _| p.cancel.cancel()).is_some()
    }

    /// The next message for the stream.
    pub fn next(&self) -> Next {
        let mut inner = self.inner();
        match inner.messages.pop_front() {
            Some(message) => Next::Message(message),
            None if inner.pending.is_empty() => Next::Idle,
            None => Next::Wait,
        }
    }

    /// Completes when a message is queued or an event ends. Create it before calling
    /// [`next`](Self::next), so that nothing is missed in between.
    pub fn changed(&self) -> tokio::sync::futures::Notified<'_> {
        self.notify.notified()
    }
}

/// The message that tells where event `id` stands before it runs.
pub(crate) fn estimation(id: &str, rank: usize, queue_size: usize, eta: Option<f64>) -> Value {
    json!({
        "msg": "estimation",
        "event_id": id,
        "rank": rank,
        "queue_size": queue_size,
        "rank_eta": eta,
    })
}

/// The message that says event `id` runs.
pub(crate) fn process_starts(id: &str) -> Value {
    json!({"msg": "process_starts", "event_id": id, "eta": null})
}

/// Queues `p`'s `process_starts`, once, before anything it produced.
pub(crate) fn ensure_started(p: &mut Pending, outbox: &mut Vec<Value>) {
    if !p.started {
        p.started = true;
        outbox.push(process_starts(&p.id));
    }
}

fn queue(inner: &mut Inner, messages: impl IntoIterator<Item = Value>) {
    inner.messages.extend(messages);
    while inner.messages.len() > MAX_MESSAGES {
        inner.messages.pop_front();
    }
}
