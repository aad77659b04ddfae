//! [`FromFile`]: the types a handler can take a file as, and [`UploadedFile`].

use std::path::{Path, PathBuf};

use bytes::Bytes;

use crate::files::FileSource;

/// A file the page named as an input, as the server knows it (never as the page describes it).
#[derive(Clone, Debug)]
pub struct ReceivedFile {
    /// The file.
    pub source: FileSource,
    /// For a folder upload, where the file was in the folder (`album/2024/a.png`), sanitised.
    pub relative_path: Option<String>,
}

/// A type a handler can take a file as: [`PathBuf`] (Gradio's `type="filepath"`), [`Bytes`]
/// (Gradio's `type="binary"`: the whole content), [`UploadedFile`] (path, name, relative path,
/// size and MIME type) or [`FileSource`]. As a handler argument, `T`, `Option<T>` and `Vec<T>`
/// all work.
pub trait FromFile: Sized + Send + 'static {
    /// Makes the value from a file the session was given.
    fn from_file(file: ReceivedFile) -> Result<Self, String>;
}

impl FromFile for ReceivedFile {
    fn from_file(file: ReceivedFile) -> Result<Self, String> {
        Ok(file)
    }
}

impl FromFile for FileSource {
    fn from_file(file: ReceivedFile) -> Result<Self, String> {
        Ok(file.source)
    }
}

impl FromFile for PathBuf {
    fn from_file(ReceivedFile { source: file, .. }: ReceivedFile) -> Result<Self, String> {
        file.as_path()
            .map(Path::to_owned)
            .ok_or_else(|| "this file is not on disk, so it has no path".to_owned())
    }
}

impl FromFile for Bytes {
    fn from_file(ReceivedFile { source: file, .. }: ReceivedFile) -> Result<Self, String> {
        if let Some(bytes) = file.as_bytes() {
            return Ok(bytes.clone());
        }
        let path = file
            .as_path()
            .ok_or_else(|| "this file is a URL; the server does not fetch URLs".to_owned())?;
        std::fs::read(path)
            .map(Bytes::from)
            .map_err(|error| format!("cannot read {}: {error}", file.download_name()))
    }
}

/// A file a handler received, with what is known of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadedFile {
    /// Where it is on the server's disk.
    pub path: PathBuf,
    /// Its name, as sent by the browser and then sanitised.
    pub name: String,
    /// For a folder upload, where it was in the folder (`album/2024/a.png`), sanitised.
    pub relative_path: Option<String>,
    /// Its size in bytes.
    pub size: u64,
    /// Its MIME type, guessed from its name.
    pub mime_type: String,
}

impl FromFile for UploadedFile {
    fn from_file(received: ReceivedFile) -> Result<Self, String> {
        let path = PathBuf::from_file(received.clone())?;
        let ReceivedFile {
            source: file,
            relative_path,
        } = received;
        let size = std::fs::metadata(&path)
            .map_err(|error| format!("cannot read {}: {error}", file.download_name()))?
            .len();
        Ok(UploadedFile {
            name: file.download_name(),
            relative_path,
            mime_type: file
                .mime_override()
                .map(str::to_owned)
                .unwrap_or_else(|| crate::files::mime::content_type_for(&file.download_name())),
            path,
            size,
        })
    }
}
