//! [`DeferredResult`]: what a deferred function may return.

use std::path::{Path, PathBuf};

use bytes::Bytes;

use crate::events::{OutValue, Output, OutputFor, RunError};
use crate::files::FileSource;

/// The output list of a deferred function: it returns one [`DeferredResult`] (or anything
/// that converts into one). Only named in the bound of
/// [`FileSource::deferred`](crate::files::FileSource::deferred).
#[derive(Debug)]
pub enum Deferred {}

/// The file a deferred function made: a path, bytes, text or any [`FileSource`].
///
/// Converts from a [`FileSource`] (so whatever sources Ferry can serve, a deferred function can
/// return: a reader or a stream is spooled and kept like a file, one sent with
/// [`stream_directly`](FileSource::stream_directly) is sent once and not kept, a zip is built as
/// it is sent), a `PathBuf` or `&Path` (a file on disk; put it in the run's
/// [`Scratch`](super::Scratch) folder and Ferry removes it when the file is no longer kept),
/// `Vec<u8>` and `Bytes` (the bytes are the file), `String` and `&'static str` (the text is the
/// file, not a path: unlike a handler's output for a download button).
///
/// ```
/// use ferry_ui::files::deferred::DeferredResult;
/// use ferry_ui::files::FileSource;
///
/// let text: DeferredResult = "a,b\n".to_owned().into();
/// assert_eq!(text.source().as_bytes().map(|b| b.len()), Some(4));
/// let named: DeferredResult = FileSource::bytes(vec![1, 2]).file_name("x.bin").into();
/// assert_eq!(named.source().download_name(), "x.bin");
/// ```
#[derive(Clone, Debug)]
#[must_use = "a DeferredResult does nothing until the deferred function returns it"]
pub struct DeferredResult(FileSource);

impl DeferredResult {
    /// The source that is served.
    pub fn source(&self) -> &FileSource {
        &self.0
    }

    /// The source that is served.
    pub fn into_source(self) -> FileSource {
        self.0
    }
}

impl From<FileSource> for DeferredResult {
    fn from(source: FileSource) -> Self {
        DeferredResult(source)
    }
}

impl From<PathBuf> for DeferredResult {
    fn from(path: PathBuf) -> Self {
        DeferredResult(FileSource::path(path))
    }
}

impl From<&Path> for DeferredResult {
    fn from(path: &Path) -> Self {
        DeferredResult(FileSource::path(path))
    }
}

impl From<String> for DeferredResult {
    fn from(text: String) -> Self {
        DeferredResult(FileSource::text(text))
    }
}

impl From<&'static str> for DeferredResult {
    fn from(text: &'static str) -> Self {
        DeferredResult(FileSource::text(text))
    }
}

impl From<Vec<u8>> for DeferredResult {
    fn from(bytes: Vec<u8>) -> Self {
        DeferredResult(FileSource::bytes(bytes))
    }
}

impl From<Bytes> for DeferredResult {
    fn from(bytes: Bytes) -> Self {
        DeferredResult(FileSource::bytes(bytes))
    }
}

/// `OutputFor<Deferred>` for each type a deferred function may return.
macro_rules! deferred_outputs {
    ($($t:ty),*) => {$(
        impl OutputFor<Deferred> for $t {
            fn into_output(self) -> Result<Output, RunError> {
                Ok(Output::Value(OutValue::File(DeferredResult::from(self).into_source())))
            }
        }
    )*};
}

deferred_outputs!(
    DeferredResult,
    FileSource,
    PathBuf,
    &Path,
    String,
    &'static str,
    Vec<u8>,
    Bytes
);
