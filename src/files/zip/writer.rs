//! The zip as a stream of chunks: each entry is opened when its turn comes, read in chunks,
//! checksummed (and deflated) on the way, and followed by its descriptor; the central directory
//! goes out in pieces of at most 64 KiB at the end. A file's next chunk is read (and its CRC-32
//! worked out) on the blocking pool while the one before it is being sent, so reading and
//! sending overlap. Memory: two read buffers, the compressor, and 24 bytes per entry for the
//! central directory.
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
    /// Read on the blocking pool, a whole piece per trip, the next piece always in flight.
    File(FileReads),
    Bytes(Bytes),
}

/// A file's reads: the one in flight and how much is still to be asked for after it.
struct FileReads {
    in_flight: Option<tokio::task::JoinHandle<io::Result<Piece>>>,
    unrequested: u64,
    chunk: usize,
}

/// A piece read from a file, with its own CRC-32 (combined into the entry's in order).
struct Piece {
    file: std::fs::File,
    data: Bytes,
    crc: crc32fast::Hasher,
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
            ItemData::Path(path) => Source::File(FileReads::start(
                open_sized(path, head).await?,
                head.size,
                chunk_for(head),
            )),
            ItemData::Spooled(file) => Source::File(FileReads::start(
                open_sized(file.path(), head).await?,
                head.size,
                chunk_for(head),
            )),
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
async fn open_sized(path: &Path, head: &EntryHead) -> io::Result<std::fs::File> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| broken(&head.name, &format!("cannot be opened: {e}")))?;
    let len = file.metadata().await?.len();
    if len != head.size {
        return Err(broken(&head.name, "changed size while the zip was sent"));
    }
    Ok(file.into_std().await)
}

/// The chunk size for an entry's method.
fn chunk_for(head: &EntryHead) -> usize {
    match head.method {
        Method::Stored => STORED_CHUNK,
        Method::Deflate => DEFLATE_CHUNK,
    }
}

impl FileReads {
    /// Starts reading `size` bytes of `file`, a chunk at a time.
    fn start(file: std::fs::File, size: u64, chunk: usize) -> Self {
        let mut reads = Self {
            in_flight: None,
            unrequested: size,
            chunk,
        };
        reads.request(file);
        reads
    }

    /// Sends the next read to the blocking pool, when there is more to ask for.
    fn request(&mut self, file: std::fs::File) {
        if self.unrequested == 0 {
            return;
        }
        let want =
            usize::try_from(self.unrequested).map_or(self.chunk, |left| left.min(self.chunk));
        self.unrequested -= want as u64;
        self.in_flight = Some(tokio::task::spawn_blocking(move || read_chunk(file, want)));
    }
}

/// Reads `want` bytes (fewer only at the file's end) into a fresh buffer, and their CRC-32.
fn read_chunk(mut file: std::fs::File, want: usize) -> io::Result<Piece> {
    use std::io::Read;
    let mut data = Vec::with_capacity(want);
    (&mut file).take(want as u64).read_to_end(&mut data)?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(&data);
    Ok(Piece {
        file,
        data: Bytes::from(data),
        crc,
    })
}

/// The next piece of the current entry's content, its CRC-32 counted; `None` once all of it
/// was read.
async fn read_piece(current: &mut Current, head: &EntryHead) -> io::Result<Option<Bytes>> {
    let left = head.size - current.read;
    if left == 0 {
        return Ok(None);
    }
    match &mut current.source {
        Source::Bytes(bytes) => {
            let want = usize::try_from(left).map_or(STORED_CHUNK, |left| left.min(chunk_for(head)));
            let from = usize::try_from(current.read).unwrap_or(usize::MAX);
            let piece = bytes.slice(from.min(bytes.len())..(from + want).min(bytes.len()));
            if piece.is_empty() {
                return Err(broken(&head.name, "shorter than its size"));
            }
            current.crc.update(&piece);
            Ok(Some(piece))
        }
        Source::File(reads) => {
            let Some(in_flight) = reads.in_flight.take() else {
                return Err(broken(&head.name, "was read after a failed read"));
            };
            let piece = in_flight.await.map_err(io::Error::other)??;
            let want = usize::try_from(left).map_or(reads.chunk, |left| left.min(reads.chunk));
            if piece.data.len() < want {
                return Err(broken(&head.name, "shrank while the zip was sent"));
            }
            current.crc.combine(&piece.crc);
            reads.request(piece.file);
            Ok(Some(piece.data))
        }
    }
}
