//! The zip as a stream of chunks: each entry is opened when its turn comes, read in chunks,
//! checksummed (and deflated) on the way, and followed by its descriptor; the central directory
//! goes out in pieces of at most 64 KiB at the end. Memory: one read buffer, the compressor, and
//! 24 bytes per entry for the central directory.
//!
//! A file that changed size since the zip's length was worked out, or that cannot be read,
//! fails the stream: the response then breaks off, and the browser shows a failed download
//! rather than a zip that looks complete.

use std::io;
use std::path::Path;

use bytes::{Bytes, BytesMut};
use futures_util::Stream;

use super::deflate::Deflater;
use super::format::{
    central_header, data_descriptor, end_records, local_header, EntryHead, EntryTail, ZIP64_SIZE,
};
use super::method::Method;
use super::ItemData;

/// Read size for stored entries (as the file engine's).
const STORED_CHUNK: usize = 1024 * 1024;
/// Read size for deflated entries: about a millisecond of compression per chunk, so the
/// server's threads are never held for long.
const DEFLATE_CHUNK: usize = 64 * 1024;
/// The central directory goes out in pieces of about this size.
const CENTRAL_PIECE: usize = 64 * 1024;

/// The entries to write, their heads worked out when the request came.
pub(super) struct Writer {
    entries: Vec<(EntryHead, ItemData)>,
    next: usize,
    offset: u64,
    tails: Vec<EntryTail>,
    current: Option<Current>,
    central: Option<Central>,
    finished: bool,
}

/// The entry being written.
struct Current {
    index: usize,
    source: Source,
    crc: crc32fast::Hasher,
    read: u64,
    compressed: u64,
    deflater: Option<Deflater>,
    start: u64,
}

/// Where the central directory is up to.
struct Central {
    start: u64,
    next: usize,
    size: u64,
}

enum Source {
    /// Read on the blocking pool, a whole piece per trip (`None` while a read has it).
    File(Option<std::fs::File>),
    Bytes(Bytes),
}

fn broken(name: &str, why: &str) -> io::Error {
    io::Error::other(format!("zip entry {name:?}: {why}"))
}

impl Writer {
    pub(super) fn new(entries: Vec<(EntryHead, ItemData)>) -> Self {
        Self {
            tails: Vec::with_capacity(entries.len()),
            entries,
            next: 0,
            offset: 0,
            current: None,
            central: None,
            finished: false,
        }
    }

    /// The zip's bytes, chunk by chunk.
    pub(super) fn into_stream(self) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
        futures_util::stream::try_unfold(self, |mut writer| async move {
            Ok(writer.next_chunk().await?.map(|chunk| (chunk, writer)))
        })
    }

    /// The next chunk of the zip; `None` at its end.
    async fn next_chunk(&mut self) -> io::Result<Option<Bytes>> {
        loop {
            if let Some(current) = &mut self.current {
                let head = &self.entries[current.index].0;
                match read_piece(current, head).await? {
                    Some(input) => {
                        current.crc.update(&input);
                        current.read += input.len() as u64;
                        let out = match &mut current.deflater {
                            Some(deflater) => deflater.push(&input)?,
                            None => input,
                        };
                        current.compressed += out.len() as u64;
                        self.offset += out.len() as u64;
                        if !out.is_empty() {
                            return Ok(Some(out));
                        }
                    }
                    None => return self.end_entry().map(Some),
                }
            } else if self.next < self.entries.len() {
                return self.start_entry().await.map(Some);
            } else if !self.finished {
                return Ok(Some(self.central_piece()));
            } else {
                return Ok(None);
            }
        }
    }

    async fn start_entry(&mut self) -> io::Result<Bytes> {
        let index = self.next;
        self.next += 1;
        let (head, data) = &self.entries[index];
        let source = match data {
            ItemData::Bytes(bytes) => Source::Bytes(bytes.clone()),
            ItemData::Path(path) => open_sized(path, head).await?,
            ItemData::Spooled(file) => open_sized(file.path(), head).await?,
        };
        let header = local_header(head);
        self.current = Some(Current {
            index,
            source,
            crc: crc32fast::Hasher::new(),
            read: 0,
            compressed: 0,
            deflater: (head.method == Method::Deflate).then(Deflater::new),
            start: self.offset,
        });
        self.offset += header.len() as u64;
        Ok(Bytes::from(header))
    }

    fn end_entry(&mut self) -> io::Result<Bytes> {
        let Some(mut current) = self.current.take() else {
            return Ok(Bytes::new());
        };
        let head = &self.entries[current.index].0;
        let mut out = match &mut current.deflater {
            Some(deflater) => BytesMut::from(deflater.finish()?),
            None => BytesMut::new(),
        };
        current.compressed += out.len() as u64;
        if !head.zip64() && current.compressed >= ZIP64_SIZE {
            return Err(broken(&head.name, "compressed past 4 GiB without Zip64"));
        }
        let tail = EntryTail {
            crc: current.crc.finalize(),
            compressed: current.compressed,
            offset: current.start,
        };
        out.extend_from_slice(&data_descriptor(head, &tail));
        self.offset += out.len() as u64;
        self.tails.push(tail);
        Ok(out.freeze())
    }

    /// The next piece of the central directory, the end records after its last entry.
    fn central_piece(&mut self) -> Bytes {
        let central = self.central.get_or_insert(Central {
            start: self.offset,
            next: 0,
            size: 0,
        });
        let mut out = Vec::with_capacity(CENTRAL_PIECE + 512);
        while central.next < self.entries.len() && out.len() < CENTRAL_PIECE {
            let header = central_header(&self.entries[central.next].0, &self.tails[central.next]);
            central.size += header.len() as u64;
            out.extend_from_slice(&header);
            central.next += 1;
        }
        if central.next == self.entries.len() {
            out.extend_from_slice(&end_records(
                self.entries.len() as u64,
                central.start,
                central.size,
            ));
            self.finished = true;
        }
        Bytes::from(out)
    }
}

/// Opens a file whose size must still be the one the zip's length was worked out with.
async fn open_sized(path: &Path, head: &EntryHead) -> io::Result<Source> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| broken(&head.name, &format!("cannot be opened: {e}")))?;
    let len = file.metadata().await?.len();
    if len != head.size {
        return Err(broken(&head.name, "changed size while the zip was sent"));
    }
    Ok(Source::File(Some(file.into_std().await)))
}

/// The next piece of the current entry's content; `None` once all of it was read.
async fn read_piece(current: &mut Current, head: &EntryHead) -> io::Result<Option<Bytes>> {
    let left = head.size - current.read;
    if left == 0 {
        return Ok(None);
    }
    let chunk = match head.method {
        Method::Stored => STORED_CHUNK,
        Method::Deflate => DEFLATE_CHUNK,
    };
    let want = usize::try_from(left).map_or(chunk, |left| left.min(chunk));
    match &mut current.source {
        Source::Bytes(bytes) => {
            let from = usize::try_from(current.read).unwrap_or(usize::MAX);
            let piece = bytes.slice(from.min(bytes.len())..(from + want).min(bytes.len()));
            if piece.is_empty() {
                return Err(broken(&head.name, "shorter than its size"));
            }
            Ok(Some(piece))
        }
        Source::File(slot) => {
            let Some(mut file) = slot.take() else {
                return Err(broken(&head.name, "was read after a failed read"));
            };
            // One trip to the blocking pool per piece (a thread hand-off per small read costs
            // more than the copy).
            let (file, piece) = tokio::task::spawn_blocking(move || {
                let mut buf = vec![0u8; want];
                let mut filled = 0;
                while filled < want {
                    let n = std::io::Read::read(&mut file, &mut buf[filled..])?;
                    if n == 0 {
                        break;
                    }
                    filled += n;
                }
                buf.truncate(filled);
                Ok::<_, io::Error>((file, buf))
            })
            .await
            .map_err(io::Error::other)??;
            if piece.len() < want {
                return Err(broken(&head.name, "shrank while the zip was sent"));
            }
            *slot = Some(file);
            Ok(Some(Bytes::from(piece)))
        }
    }
}
