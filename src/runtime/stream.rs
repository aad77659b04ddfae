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

    /// The messages after `last_id`, waiting for one when there are none yet.
    pub async fn after(&self, last_id: u64) -> Vec<Sent> {
        loop {
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
                return found;
            }
            notified.await;
        }
    }

    /// Wakes every open connection of the stream (the session ended: they close).
    pub fn close(&self) {
        self.notify.notify_waiters();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn toast(n: usize) -> StreamMessage {
        StreamMessage::Toast {
            level: crate::protocol::ToastLevel::Info,
            title: None,
            message: format!("m{n}"),
        }
    }

    #[tokio::test]
    async fn a_reconnecting_page_gets_what_it_missed_and_no_more() {
        let stream = Stream::default();
        for n in 0..3 {
            stream.push(&toast(n));
        }
        let missed = stream.after(1).await;
        assert_eq!(missed.iter().map(|s| s.id).collect::<Vec<_>>(), [2, 3]);
        assert!(missed[0].json.contains("m1"));
    }

    #[tokio::test]
    async fn the_buffer_is_bounded_and_progress_replaces_progress() {
        let stream = Stream::default();
        for n in 0..STREAM_BUFFER + 10 {
            stream.push(&toast(n));
        }
        assert_eq!(stream.after(0).await.len(), STREAM_BUFFER);
        for fraction in [0.1, 0.2, 0.3] {
            stream.push(&StreamMessage::Progress {
                run: 9,
                dependency: 0,
                fraction: Some(fraction),
                description: None,
            });
        }
        let last = stream.after(STREAM_BUFFER as u64 + 10).await;
        assert_eq!(last.len(), 1);
        assert!(last[0].json.contains("0.3"));
    }

    #[tokio::test]
    async fn a_waiting_connection_wakes_on_a_new_message() {
        let stream = Arc::new(Stream::default());
        let waiter = tokio::spawn({
            let stream = stream.clone();
            async move { stream.after(0).await.len() }
        });
        tokio::task::yield_now().await;
        stream.push(&toast(1));
        assert_eq!(waiter.await.unwrap(), 1);
    }
}
