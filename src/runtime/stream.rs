//! A session's server→browser stream: numbered messages kept in a small buffer, so that a page
//! whose connection dropped gets, on reconnecting with `Last-Event-ID`, everything it missed.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use crate::protocol::StreamMessage;

/// How many messages a session keeps for a page that reconnects.
pub(crate) const STREAM_BUFFER: usize = 256;

/// One session's messages.
#[derive(Default)]
pub(crate) struct Stream {
    inner: Mutex<Buffer>,
    notify: Notify,
    closed: std::sync::atomic::AtomicBool,
    /// How many connections of the session's page(s) are reading the stream now.
    connections: std::sync::atomic::AtomicUsize,
}

#[derive(Default)]
struct Buffer {
    next_id: u64,
    messages: VecDeque<Sent>,
}

/// A message as it is sent: its number, the run it reports progress of (progress messages of
/// one run replace each other), and its JSON.
#[derive(Clone)]
pub(crate) struct Sent {
    pub id: u64,
    progress_of: Option<u64>,
    pub json: Arc<str>,
}

impl Stream {
    fn buffer(&self) -> std::sync::MutexGuard<'_, Buffer> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sends a message to the session's page(s).
    pub fn push(&self, message: &StreamMessage) {
        let json: Arc<str> = match serde_json::to_string(message) {
            Ok(json) => json.into(),
            Err(error) => {
                tracing::error!(%error, "a stream message cannot be written");
                return;
            }
        };
        let progress_of = match message {
            StreamMessage::Progress { run, .. } => Some(*run),
            _ => None,
        };
        {
            let mut buffer = self.buffer();
            if progress_of.is_some() {
                buffer
                    .messages
                    .retain(|sent| sent.progress_of != progress_of);
            }
            buffer.next_id += 1;
            let id = buffer.next_id;
            buffer.messages.push_back(Sent {
                id,
                progress_of,
                json,
            });
            while buffer.messages.len() > STREAM_BUFFER {
                buffer.messages.pop_front();
            }
        }
        self.notify.notify_waiters();
    }

    /// The messages after `last_id`, waiting for one when there are none yet; `None` once the
    /// session has ended.
    pub async fn after(&self, last_id: u64) -> Option<Vec<Sent>> {
        loop {
            if self.closed.load(std::sync::atomic::Ordering::Acquire) {
                return None;
            }
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let found: Vec<Sent> = self
                .buffer()
                .messages
                .iter()
                .filter(|sent| sent.id > last_id)
                .cloned()
                .collect();
            if !found.is_empty() {
                return Some(found);
            }
            notified.await;
        }
    }

    /// Whether [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.closed.load(std::sync::atomic::Ordering::Acquire)
    }

    /// A page connected to the stream.
    pub(crate) fn connected(&self) {
        self.connections
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// A page's connection to the stream ended.
    pub(crate) fn disconnected(&self) {
        self.connections
            .fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// Whether a page is connected to the stream now.
    pub(crate) fn is_open(&self) -> bool {
        self.connections.load(std::sync::atomic::Ordering::Acquire) > 0
    }

    /// Ends the stream: every open connection closes (the session ended).
    pub fn close(&self) {
        self.closed
            .store(true, std::sync::atomic::Ordering::Release);
        self.notify.notify_waiters();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_closed_stream_ends_its_waiting_connections() {
        let stream = Arc::new(Stream::default());
        let waiter = tokio::spawn({
            let stream = stream.clone();
            async move { stream.after(0).await.is_none() }
        });
        tokio::task::yield_now().await;
        stream.close();
        assert!(waiter.await.unwrap());
    }

    fn toast(n: usize) -> StreamMessage {
        StreamMessage::Toast {
            level: crate::protocol::ToastLevel::Info,
            title: None,
            message: format!("m{n}"),
            duration: None,
        }
    }

    #[tokio::test]
    async fn a_reconnecting_page_gets_what_it_missed_and_no_more() {
        let stream = Stream::default();
        for n in 0..3 {
            stream.push(&toast(n));
        }
        let missed = stream.after(1).await.unwrap();
        assert_eq!(missed.iter().map(|s| s.id).collect::<Vec<_>>(), [2, 3]);
        assert!(missed[0].json.contains("m1"));
    }

    #[tokio::test]
    async fn the_buffer_is_bounded_and_progress_replaces_progress() {
        let stream = Stream::default();
        for n in 0..STREAM_BUFFER + 10 {
            stream.push(&toast(n));
        }
        assert_eq!(stream.after(0).await.unwrap().len(), STREAM_BUFFER);
        for fraction in [0.1, 0.2, 0.3] {
            stream.push(&StreamMessage::Progress {
                run: 9,
                dependency: 0,
                fraction: Some(fraction),
                description: None,
            });
        }
        let last = stream.after(STREAM_BUFFER as u64 + 10).await.unwrap();
        assert_eq!(last.len(), 1);
        assert!(last[0].json.contains("0.3"));
    }

    #[tokio::test]
    async fn a_waiting_connection_wakes_on_a_new_message() {
        let stream = Arc::new(Stream::default());
        let waiter = tokio::spawn({
            let stream = stream.clone();
            async move { stream.after(0).await.map(|m| m.len()) }
        });
        tokio::task::yield_now().await;
        stream.push(&toast(1));
        assert_eq!(waiter.await.unwrap(), Some(1));
    }
}
