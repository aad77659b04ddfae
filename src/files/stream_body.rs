//! A stream served as it is produced (`FileSource::stream(…).stream_directly()`): sent once,
//! chunked unless its size was declared, and broken off on the producer's error so that the
//! browser shows a failed download, never a complete-looking truncated file.

use std::io;
use std::pin::Pin;
use std::sync::Mutex;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};

/// The bytes of a reader or a stream the app handed over, errors as `io::Error`.
pub type ByteStream = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send + 'static>>;

/// A stream that one request will serve: what [`EntryBody::Direct`](super::source::EntryBody)
/// holds. The first `GET` takes it; any later one gets `410 Gone`.
pub struct DirectStream {
    stream: Mutex<Option<ByteStream>>,
    size: Option<u64>,
}

impl std::fmt::Debug for DirectStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DirectStream")
            .field("size", &self.size)
            .field("taken", &self.is_taken())
            .finish()
    }
}

impl DirectStream {
    /// A stream to serve once; `size` is the length the producer declared, if any.
    pub(crate) fn new(stream: ByteStream, size: Option<u64>) -> Self {
        Self {
            stream: Mutex::new(Some(stream)),
            size,
        }
    }

    /// The declared size: sent as `Content-Length` and enforced.
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    /// Whether a request has taken the stream already.
    pub fn is_taken(&self) -> bool {
        self.lock().is_none()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<ByteStream>> {
        self.stream.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes the stream for one response: its bytes, failing when the producer fails or breaks
    /// the size it declared. `None` once taken.
    pub(crate) fn take(&self) -> Option<impl Stream<Item = io::Result<Bytes>> + Send + 'static> {
        let stream = self.lock().take()?;
        Some(checked(stream, self.size))
    }
}

/// `stream`, failing when it fails, or gives more or fewer bytes than `size` (when declared).
fn checked(
    stream: ByteStream,
    size: Option<u64>,
) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    futures_util::stream::try_unfold((stream, 0u64), move |(mut stream, mut sent)| async move {
        loop {
            match stream.next().await {
                Some(Ok(chunk)) if chunk.is_empty() => continue,
                Some(Ok(chunk)) => {
                    sent += chunk.len() as u64;
                    if size.is_some_and(|size| sent > size) {
                        return Err(broken("the stream gave more bytes than it declared"));
                    }
                    return Ok(Some((chunk, (stream, sent))));
                }
                Some(Err(error)) => {
                    tracing::warn!(%error, "a streamed download failed; its response is broken off");
                    return Err(error);
                }
                None if size.is_some_and(|size| sent != size) => {
                    return Err(broken("the stream ended before the size it declared"));
                }
                None => return Ok(None),
            }
        }
    })
}

fn broken(why: &str) -> io::Error {
    tracing::warn!(
        why,
        "a streamed download broke its declared size; its response is broken off"
    );
    io::Error::other(why.to_owned())
}
