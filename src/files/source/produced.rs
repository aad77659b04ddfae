//! Readers and streams handed over for download: read once, then spooled (served as a file)
//! or streamed directly. Clones of the source share what was made of it.

use std::io;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::{Stream, TryStreamExt};
use tokio::io::AsyncRead;
use tokio_util::io::ReaderStream;

use super::{EntryBody, FileError, Result};
use crate::files::spool::{Spool, SpoolFile};
use crate::files::stream_body::{ByteStream, DirectStream};

/// Read size for readers.
const READ_CHUNK: usize = 256 * 1024;

/// The producer of a reader or stream source, shared by the source's clones.
pub(crate) struct Produced {
    state: tokio::sync::Mutex<State>,
}

enum State {
    /// Not read yet.
    Pending(ByteStream),
    /// Spooled: every later resolve serves the same file.
    Spooled(Arc<SpoolFile>),
    /// Handed to a response to stream: every later resolve names the same one-shot stream.
    Direct(Arc<DirectStream>),
    /// Read, and failed or cancelled part-way.
    Gone,
}

impl Produced {
    pub(crate) fn reader<R: AsyncRead + Send + 'static>(reader: R) -> Self {
        Self::of(Box::pin(ReaderStream::with_capacity(reader, READ_CHUNK)))
    }

    pub(crate) fn stream<S, B, E>(stream: S) -> Self
    where
        S: Stream<Item = std::result::Result<B, E>> + Send + 'static,
        B: Into<Bytes> + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        Self::of(Box::pin(
            stream.map_ok(Into::into).map_err(io::Error::other),
        ))
    }

    fn of(stream: ByteStream) -> Self {
        Self {
            state: tokio::sync::Mutex::new(State::Pending(stream)),
        }
    }

    /// The body to serve, and its size when known: spooled into `spool` unless `direct`.
    /// Resolving again gives the same body.
    pub(crate) async fn resolve(
        &self,
        direct: bool,
        size: Option<u64>,
        spool: &Spool,
    ) -> Result<(EntryBody, Option<u64>)> {
        let mut state = self.state.lock().await;
        match std::mem::replace(&mut *state, State::Gone) {
            State::Pending(stream) if direct => {
                let direct = Arc::new(DirectStream::new(stream, size));
                *state = State::Direct(Arc::clone(&direct));
                Ok((EntryBody::Direct(direct), size))
            }
            State::Pending(stream) => {
                // A cancelled or failed spool leaves `Gone`, and its partial file removed.
                let file = Arc::new(spool.save(stream, size).await?);
                *state = State::Spooled(Arc::clone(&file));
                let len = file.len();
                Ok((EntryBody::Spooled(file), Some(len)))
            }
            State::Spooled(file) => {
                *state = State::Spooled(Arc::clone(&file));
                let len = file.len();
                Ok((EntryBody::Spooled(file), Some(len)))
            }
            State::Direct(direct) => {
                *state = State::Direct(Arc::clone(&direct));
                let size = direct.size();
                Ok((EntryBody::Direct(direct), size))
            }
            State::Gone => Err(FileError::Consumed),
        }
    }
}
