//! The resolved form of a source: a [`FileEntry`] the server serves, or an external URL.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;

use crate::files::disposition::sanitize_file_name;
use crate::files::spool::SpoolFile;
use crate::files::stream_body::DirectStream;
use crate::files::zip::ZipPlan;

/// A checked [`FileSource`](super::FileSource).
#[derive(Clone, Debug)]
pub enum Resolved {
    /// Served by Ferry through a token URL.
    Served(Arc<FileEntry>),
    /// Downloaded by the browser straight from `url`.
    External {
        /// The external URL.
        url: String,
        /// The sanitised download name.
        file_name: String,
    },
}

/// A file the server can serve: its name, type and body.
#[derive(Clone, Debug)]
pub struct FileEntry {
    file_name: String,
    content_type: String,
    body: EntryBody,
    inline: bool,
    len_hint: Option<u64>,
    relative_path: Option<String>,
}

/// Where a [`FileEntry`]'s bytes come from.
#[derive(Clone)]
pub enum EntryBody {
    /// A file on disk, opened at each request.
    Path(PathBuf),
    /// Bytes in memory, with their strong ETag.
    Bytes {
        /// The content, shared by every download.
        bytes: Bytes,
        /// The strong, quoted ETag of the content.
        etag: String,
    },
    /// A reader or stream saved to the spool; served like a file on disk, and removed when
    /// the last entry that holds it goes.
    Spooled(Arc<SpoolFile>),
    /// A stream served once, as it is produced (no length unless declared, no `Range`).
    Direct(Arc<DirectStream>),
    /// Several files, zipped as they are sent.
    Zip(Arc<ZipPlan>),
}

impl EntryBody {
    /// An in-memory body with its ETag: `"b3-"` and the first 32 hex digits of the BLAKE3 hash.
    pub fn from_bytes(bytes: Bytes) -> Self {
        let hash = blake3::hash(&bytes).to_hex();
        let etag = format!("\"b3-{}\"", &hash.as_str()[..32]);
        Self::Bytes { bytes, etag }
    }
}

impl fmt::Debug for EntryBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(p) => f.debug_tuple("Path").field(p).finish(),
            Self::Bytes { bytes, etag } => f
                .debug_struct("Bytes")
                .field("len", &bytes.len())
                .field("etag", etag)
                .finish(),
            Self::Spooled(file) => f.debug_tuple("Spooled").field(file).finish(),
            Self::Direct(stream) => f.debug_tuple("Direct").field(stream).finish(),
            Self::Zip(plan) => f
                .debug_tuple("Zip")
                .field(&plan.names().collect::<Vec<_>>())
                .finish(),
        }
    }
}

impl FileEntry {
    /// An attachment named `file_name` (sanitised here) with the given `Content-Type`.
    pub fn new(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        body: EntryBody,
    ) -> Self {
        let len_hint = match &body {
            EntryBody::Bytes { bytes, .. } => Some(bytes.len() as u64),
            EntryBody::Spooled(file) => Some(file.len()),
            EntryBody::Direct(stream) => stream.size(),
            EntryBody::Zip(plan) => plan.len_hint(),
            EntryBody::Path(_) => None,
        };
        Self {
            file_name: sanitize_file_name(&file_name.into()),
            content_type: content_type.into(),
            body,
            inline: false,
            len_hint,
            relative_path: None,
        }
    }

    /// Records where an uploaded file was in the folder the user chose (`album/2024/a.png`),
    /// already sanitised by the upload pipeline.
    pub fn with_relative_path(mut self, relative_path: Option<String>) -> Self {
        self.relative_path = relative_path;
        self
    }

    /// Where an uploaded file was in the folder the user chose, for folder uploads.
    pub fn relative_path(&self) -> Option<&str> {
        self.relative_path.as_deref()
    }

    /// Records the size, when it is known without asking the disk (an upload just written).
    pub fn with_size(mut self, size: u64) -> Self {
        self.len_hint = Some(size);
        self
    }

    /// Serves the entry `inline` (for icons and previews) under a sandboxing
    /// `Content-Security-Policy` instead of as an attachment.
    #[must_use]
    pub fn into_inline(mut self) -> Self {
        self.inline = true;
        self
    }

    /// The sanitised download name.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The `Content-Type` header value.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// Where the bytes come from.
    pub fn body(&self) -> &EntryBody {
        &self.body
    }

    /// Whether the entry is served `inline` rather than as an attachment.
    pub fn inline(&self) -> bool {
        self.inline
    }

    /// The size in bytes: exact for in-memory bodies, the size when resolved for paths (the
    /// file may change later), `None` when unknown.
    pub fn len_hint(&self) -> Option<u64> {
        self.len_hint
    }

    /// Records the size seen when the source was resolved.
    pub(super) fn with_len_hint(mut self, len: Option<u64>) -> Self {
        self.len_hint = len;
        self
    }
}
