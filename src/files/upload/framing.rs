//! A multipart body's framing, watched as it streams in: the preamble before the first part and
//! the header block of each part are capped, and so is the whole body.
//!
//! The parser (`multer`, under axum's `Multipart`) keeps in memory everything it has read while
//! it looks for the end of a part's headers or for the first boundary, with no limit: 300 MiB
//! of header that never ends would cost 300 MiB. [`FramingGuard`] sits between the body and the
//! parser and follows the same stages as the parser does (first boundary, the rest of the
//! boundary line, headers up to the blank line, content up to `CRLF--boundary`), so it fails
//! the body as soon as a stage that the parser buffers grows past the cap. Content is only
//! searched for the next boundary (with `memchr`'s `memmem`, as the parser does), never held.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::Stream;
use memchr::memmem;

use super::{UploadError, UploadLimits};

/// Why the guard stopped a body. Carried as the body's error, then turned into an
/// [`UploadError`] by [`refusal_in`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Refusal {
    /// A part's header block, or the preamble, passed the cap.
    #[error("a part's header is longer than {0} bytes")]
    Header(usize),
    /// The whole body passed its limit: the total size plus the framing allowance. Holds the
    /// total size, as people are told it.
    #[error("the body is longer than its limit ({0} bytes and the framing)")]
    Body(u64),
}

impl From<Refusal> for UploadError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Header(limit) => UploadError::PartHeaderTooLarge { limit },
            Refusal::Body(limit) => UploadError::TotalTooLarge { limit },
        }
    }
}

/// The refusal somewhere in the source chain of `error`, when the guard stopped the body.
pub(crate) fn refusal_in(error: &(dyn std::error::Error + 'static)) -> Option<Refusal> {
    let mut current = Some(error);
    while let Some(error) = current {
        if let Some(refusal) = error.downcast_ref::<Refusal>() {
            return Some(*refusal);
        }
        current = error.source();
    }
    None
}

/// Where the scanner is in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Before the first `--boundary`.
    Preamble,
    /// Just after a `--boundary`: `--` ends the body, anything else starts a part.
    AfterDelimiter,
    /// The rest of the boundary line, up to its CRLF.
    DelimiterLine,
    /// The part's headers, up to the blank line.
    Headers,
    /// The part's content, up to `CRLF--boundary`.
    Content,
    /// After the closing `--boundary--`: the parser reads no further.
    Epilogue,
}

/// The stages of one multipart body, fed chunk by chunk.
pub(crate) struct Scanner {
    stage: Stage,
    /// `--boundary`.
    delimiter: Vec<u8>,
    /// `CRLF--boundary`.
    part_end: Vec<u8>,
    /// The cap on the preamble, and on a part's boundary line and headers together.
    cap: usize,
    /// The bytes of the current capped stage (at most `cap` plus a pattern's length).
    held: Vec<u8>,
    /// No match of the current pattern starts in `held` before this.
    searched: usize,
    /// The end of a part's content seen so far that may be the start of `part_end`.
    carry: Vec<u8>,
}

const CRLF: &[u8] = b"\r\n";
const CRLF_CRLF: &[u8] = b"\r\n\r\n";

impl Scanner {
    /// A scanner for a body whose parts are separated by `boundary`, with header blocks of at
    /// most `cap` bytes.
    pub(crate) fn new(boundary: &str, cap: usize) -> Self {
        let delimiter = [b"--", boundary.as_bytes()].concat();
        let part_end = [CRLF, &delimiter].concat();
        Scanner {
            stage: Stage::Preamble,
            delimiter,
            part_end,
            cap,
            held: Vec::new(),
            searched: 0,
            carry: Vec::new(),
        }
    }

    /// Follows the body through `chunk`.
    pub(crate) fn feed(&mut self, chunk: &[u8]) -> Result<(), Refusal> {
        let mut rest = chunk;
        while !rest.is_empty() {
            rest = match self.stage {
                Stage::Epilogue => return Ok(()),
                Stage::Content => self.content(rest),
                Stage::AfterDelimiter => self.after_delimiter(rest),
                Stage::Preamble | Stage::DelimiterLine | Stage::Headers => self.capped(rest)?,
            };
        }
        Ok(())
    }

    /// A stage the parser holds in memory: gathers it, up to the cap, until its end.
    fn capped<'a>(&mut self, rest: &'a [u8]) -> Result<&'a [u8], Refusal> {
        let pattern: &[u8] = match self.stage {
            Stage::Preamble => &self.delimiter,
            Stage::DelimiterLine => CRLF,
            _ => CRLF_CRLF,
        };
        let before = self.held.len();
        let room = (self.cap + pattern.len()).saturating_sub(before).max(1);
        let take = rest.len().min(room);
        self.held.extend_from_slice(&rest[..take]);
        if let Some(at) = memmem::find(&self.held[self.searched..], pattern) {
            let end = self.searched + at + pattern.len();
            let used = end.saturating_sub(before);
            match self.stage {
                Stage::Preamble => self.enter(Stage::AfterDelimiter),
                Stage::DelimiterLine => {
                    // The headers count with their boundary line, against one cap.
                    self.held.truncate(end);
                    self.searched = end;
                    self.stage = Stage::Headers;
                }
                _ => self.enter(Stage::Content),
            }
            return Ok(&rest[used..]);
        }
        if self.held.len() > self.cap {
            return Err(Refusal::Header(self.cap));
        }
        self.searched = self
            .held
            .len()
            .saturating_sub(pattern.len() - 1)
            .max(self.searched);
        Ok(&rest[take..])
    }

    /// Two dashes end the body; anything else is the rest of a boundary line.
    fn after_delimiter<'a>(&mut self, rest: &'a [u8]) -> &'a [u8] {
        if rest[0] == b'-' {
            if self.held.is_empty() {
                self.held.push(b'-');
            } else {
                self.enter(Stage::Epilogue);
            }
            return &rest[1..];
        }
        // A dash seen stays in `held`, as part of the line; this byte is read again there.
        self.stage = Stage::DelimiterLine;
        self.searched = 0;
        rest
    }

    /// A part's content: only looked through for `CRLF--boundary`.
    fn content<'a>(&mut self, rest: &'a [u8]) -> &'a [u8] {
        let tail = self.part_end.len() - 1;
        if !self.carry.is_empty() {
            // A boundary that starts at the end of the last chunk ends in this one's first bytes.
            let take = rest.len().min(tail);
            let old = self.carry.len();
            self.carry.extend_from_slice(&rest[..take]);
            if let Some(at) = memmem::find(&self.carry, &self.part_end) {
                let used = at + self.part_end.len() - old;
                self.enter(Stage::AfterDelimiter);
                return &rest[used..];
            }
            if take == rest.len() {
                let drop = self.carry.len().saturating_sub(tail);
                self.carry.drain(..drop);
                return &[];
            }
            self.carry.clear();
        }
        match memmem::find(rest, &self.part_end) {
            Some(at) => {
                self.enter(Stage::AfterDelimiter);
                &rest[at + self.part_end.len()..]
            }
            None => {
                self.carry
                    .extend_from_slice(&rest[rest.len().saturating_sub(tail)..]);
                &[]
            }
        }
    }

    fn enter(&mut self, stage: Stage) {
        self.stage = stage;
        self.held.clear();
        self.searched = 0;
        self.carry.clear();
    }
}

/// A body stream that fails when its framing passes [`UploadLimits::max_part_header_size`] or
/// the whole body passes [`UploadLimits::max_body_size`].
pub(crate) struct FramingGuard<S> {
    inner: S,
    scanner: Scanner,
    seen: u64,
    max_body: u64,
    max_total: u64,
    failed: bool,
}

impl<S> FramingGuard<S> {
    /// Watches `inner`, a body of parts separated by `boundary`.
    pub(crate) fn new(inner: S, boundary: &str, limits: &UploadLimits) -> Self {
        FramingGuard {
            inner,
            scanner: Scanner::new(boundary, limits.max_part_header_size),
            seen: 0,
            max_body: limits.max_body_size(),
            max_total: limits.max_total_size,
            failed: false,
        }
    }
}

impl<S, E> Stream for FramingGuard<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<axum::BoxError>,
{
    type Item = Result<Bytes, axum::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.failed {
            return Poll::Ready(None);
        }
        let chunk = match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => chunk,
            Poll::Ready(Some(Err(error))) => {
                return Poll::Ready(Some(Err(axum::Error::new(error))))
            }
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => return Poll::Pending,
        };
        this.seen = this.seen.saturating_add(chunk.len() as u64);
        let checked = if this.seen > this.max_body {
            Err(Refusal::Body(this.max_total))
        } else {
            this.scanner.feed(&chunk)
        };
        match checked {
            Ok(()) => Poll::Ready(Some(Ok(chunk))),
            Err(refusal) => {
                this.failed = true;
                Poll::Ready(Some(Err(axum::Error::new(refusal))))
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const BOUNDARY: &str = "XyZ";

    fn part(name: &str, data: &[u8]) -> Vec<u8> {
        let mut part = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"f\"; filename=\"{name}\"\r\n\r\n"
        )
        .into_bytes();
        part.extend_from_slice(data);
        part.extend_from_slice(b"\r\n");
        part
    }

    fn body(parts: &[Vec<u8>]) -> Vec<u8> {
        let mut body = parts.concat();
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        body
    }

    /// Feeds `body` in chunks of `size` bytes; returns the stage reached.
    fn scan(body: &[u8], size: usize, cap: usize) -> Result<Stage, Refusal> {
        let mut scanner = Scanner::new(BOUNDARY, cap);
        for chunk in body.chunks(size) {
            scanner.feed(chunk)?;
        }
        Ok(scanner.stage)
    }

    #[test]
    fn a_well_formed_body_passes_in_chunks_of_every_size() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        // Content that looks like a boundary without being one.
        let tricky = b"\r\n--XyQ \r\n-- XyZ\r\r\n--Xy".to_vec();
        let body = body(&[part("a.bin", &data), part("b.txt", &tricky), part("c", b"")]);
        for size in [1, 2, 3, 5, 7, 64, 1000, body.len()] {
            assert_eq!(
                scan(&body, size, 128),
                Ok(Stage::Epilogue),
                "chunks of {size}"
            );
        }
    }

    #[test]
    fn a_header_that_never_ends_is_refused_at_the_cap_whatever_the_chunks() {
        let mut body =
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"").into_bytes();
        body.extend(std::iter::repeat_n(b'a', 10_000));
        for size in [1, 100, 4096, body.len()] {
            assert_eq!(
                scan(&body, size, 1024),
                Err(Refusal::Header(1024)),
                "chunks of {size}"
            );
        }
        // Within the cap it is only unfinished.
        assert_eq!(scan(&body[..900], 64, 1024), Ok(Stage::Headers));
    }

    #[test]
    fn an_endless_preamble_or_boundary_line_is_refused() {
        let preamble = vec![b'p'; 5000];
        assert_eq!(scan(&preamble, 333, 1024), Err(Refusal::Header(1024)));
        let mut line = format!("--{BOUNDARY}").into_bytes();
        line.extend(std::iter::repeat_n(b' ', 5000));
        assert_eq!(scan(&line, 333, 1024), Err(Refusal::Header(1024)));
        // An empty header block is followed by a search for the blank line, as the parser does.
        let mut empty = format!("--{BOUNDARY}\r\n\r\n").into_bytes();
        empty.extend(std::iter::repeat_n(b'd', 5000));
        assert_eq!(scan(&empty, 333, 1024), Err(Refusal::Header(1024)));
    }

    #[test]
    fn large_content_is_never_held() {
        let data = vec![b'z'; 1 << 20];
        let body = body(&[part("big.bin", &data)]);
        let mut scanner = Scanner::new(BOUNDARY, 64 + 40);
        for chunk in body.chunks(8192) {
            scanner.feed(chunk).unwrap();
            assert!(scanner.held.len() <= 64 + 40 + 4);
            assert!(scanner.carry.len() < scanner.part_end.len());
        }
        assert_eq!(scanner.stage, Stage::Epilogue);
    }

    #[test]
    fn refusals_are_found_through_error_chains() {
        let error = axum::Error::new(Refusal::Header(7));
        assert_eq!(refusal_in(&error), Some(Refusal::Header(7)));
        assert_eq!(refusal_in(&std::io::Error::other("x")), None);
    }
}
