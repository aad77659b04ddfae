//! Raw deflate (zip method 8), fed chunk by chunk: its memory is the compressor's window and
//! one output buffer, whatever the entry's size.

use std::io;

use bytes::Bytes;
use flate2::{Compress, FlushCompress, Status};

/// The compression level: zlib's default, a good balance for text.
const LEVEL: u32 = 6;
/// Room kept free in the output buffer before each call, so that each call can progress.
const SLACK: usize = 16 * 1024;

/// A raw deflate stream.
pub(super) struct Deflater {
    compress: Compress,
}

impl Deflater {
    pub(super) fn new() -> Self {
        Self {
            compress: Compress::new(flate2::Compression::new(LEVEL), false),
        }
    }

    /// Compresses `input`; returns what the compressor gave out (maybe nothing yet).
    pub(super) fn push(&mut self, mut input: &[u8]) -> io::Result<Bytes> {
        let mut out = Vec::with_capacity(input.len() / 2 + SLACK);
        while !input.is_empty() {
            if out.capacity() - out.len() < SLACK {
                out.reserve(SLACK * 4);
            }
            let before = self.compress.total_in();
            self.compress
                .compress_vec(input, &mut out, FlushCompress::None)
                .map_err(io::Error::other)?;
            let used = usize::try_from(self.compress.total_in() - before).unwrap_or(usize::MAX);
            input = input.get(used..).unwrap_or_default();
        }
        Ok(Bytes::from(out))
    }

    /// Ends the stream; returns its last bytes.
    pub(super) fn finish(&mut self) -> io::Result<Bytes> {
        let mut out = Vec::with_capacity(SLACK);
        loop {
            if out.capacity() - out.len() < SLACK {
                out.reserve(SLACK * 4);
            }
            let status = self
                .compress
                .compress_vec(&[], &mut out, FlushCompress::Finish)
                .map_err(io::Error::other)?;
            if status == Status::StreamEnd {
                return Ok(Bytes::from(out));
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn chunks_deflate_into_one_raw_stream() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("row {i},{}\n", i % 7).into_bytes())
            .collect();
        let mut deflater = Deflater::new();
        let mut packed = Vec::new();
        for chunk in text.chunks(65_536) {
            packed.extend_from_slice(&deflater.push(chunk).unwrap());
        }
        packed.extend_from_slice(&deflater.finish().unwrap());
        assert!(packed.len() < text.len() / 3);
        let mut back = Vec::new();
        flate2::read::DeflateDecoder::new(&packed[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }
}
