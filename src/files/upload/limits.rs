//! How much one upload request may carry, and what one component accepts.

use std::time::Duration;

/// The default [`UploadLimits::max_file_size`]: 4 GiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 << 30;
/// The default [`UploadLimits::max_total_size`]: 8 GiB.
pub const DEFAULT_MAX_TOTAL_SIZE: u64 = 8 << 30;
/// The default [`UploadLimits::max_files`]: 100.
pub const DEFAULT_MAX_FILES: usize = 100;
/// The default [`UploadLimits::timeout`]: one hour.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60 * 60);
/// The default [`UploadLimits::session_bytes`]: 8 GiB, as much as one request may carry, so
/// that a 4 GiB file can still be replaced by another.
pub const DEFAULT_SESSION_BYTES: u64 = 8 << 30;
/// The default [`UploadLimits::max_part_header_size`]: 16 KiB (a browser's part header is a
/// few hundred bytes, a long folder path included).
pub const DEFAULT_MAX_PART_HEADER_SIZE: usize = 16 * 1024;
/// How many bytes of multipart framing (boundaries, part headers) a body may carry beyond
/// [`UploadLimits::max_total_size`]: 1 MiB. A `Content-Length` past both is refused at once.
pub const FRAMING_ALLOWANCE: u64 = 1 << 20;

/// Limits on one upload request, enforced while its body streams in.
///
/// Every field is public; change the ones you need and keep the rest:
///
/// ```
/// use ferry_ui::files::upload::UploadLimits;
/// let limits = UploadLimits { max_file_size: 10_000_000, ..UploadLimits::default() };
/// assert_eq!(limits.max_files, 100);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadLimits {
    /// The largest single file, in bytes; one byte more and the request fails with 413.
    /// Defaults to 4 GiB.
    pub max_file_size: u64,
    /// The most bytes all the parts of one request may carry together (files and other fields;
    /// the multipart framing is not counted). Defaults to 8 GiB.
    pub max_total_size: u64,
    /// The most files in one request. Defaults to 100 (and is 1 for [`FileCount::Single`]).
    pub max_files: usize,
    /// How long one whole request may take, from the first byte of its body to the last.
    /// Defaults to one hour.
    pub timeout: Duration,
    /// The most bytes one session's uploads may take on disk at once, across requests; an
    /// upload that would pass it is refused with 413. An upload that replaces the previous one
    /// of its button frees that one's bytes once it is stored. Defaults to 8 GiB.
    pub session_bytes: u64,
    /// The longest header block of one part, and the longest preamble before the first part;
    /// one byte more and the request fails with 413, so that a header that never ends costs no
    /// more memory than this. Defaults to 16 KiB.
    pub max_part_header_size: usize,
}

impl Default for UploadLimits {
    fn default() -> Self {
        Self {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_total_size: DEFAULT_MAX_TOTAL_SIZE,
            max_files: DEFAULT_MAX_FILES,
            timeout: DEFAULT_TIMEOUT,
            session_bytes: DEFAULT_SESSION_BYTES,
            max_part_header_size: DEFAULT_MAX_PART_HEADER_SIZE,
        }
    }
}

/// How many files one upload may hold (Gradio's `file_count`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FileCount {
    /// Exactly one file. Defaults to this.
    #[default]
    Single,
    /// Any number of files, up to [`UploadLimits::max_files`].
    Multiple,
    /// The files of a folder: the client's names may hold `/` (the browser's
    /// `webkitRelativePath`); the path is kept, sanitised, in [`Uploaded::relative_path`].
    ///
    /// [`Uploaded::relative_path`]: super::Uploaded::relative_path
    Directory,
}

impl FileCount {
    /// Gradio's name for it: `"single"`, `"multiple"` or `"directory"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::Directory => "directory",
        }
    }
}

/// What one upload component accepts.
///
/// ```
/// use ferry_ui::files::upload::{FileCount, UploadRules};
/// let rules = UploadRules {
///     file_count: FileCount::Multiple,
///     file_types: vec![".csv".into(), "image".into()],
/// };
/// assert_eq!(UploadRules::default().file_count, FileCount::Single);
/// # let _ = rules;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadRules {
    /// How many files. Defaults to [`FileCount::Single`].
    pub file_count: FileCount,
    /// The accepted types, as checked by [`type_allowed`](super::type_allowed): extensions
    /// (`".csv"`), categories (`"image"`, `"video"`, `"audio"`, `"text"`), MIME types
    /// (`"application/pdf"`, `"image/*"`) or `"file"` for any. Defaults to empty: any type.
    pub file_types: Vec<String>,
}

impl UploadLimits {
    /// The most bytes a whole request body may carry, framing included:
    /// [`max_total_size`](Self::max_total_size) plus [`FRAMING_ALLOWANCE`].
    pub fn max_body_size(&self) -> u64 {
        self.max_total_size.saturating_add(FRAMING_ALLOWANCE)
    }
}

impl UploadRules {
    /// The most files one request may carry under these rules and `limits`.
    pub(crate) fn max_files(&self, limits: &UploadLimits) -> usize {
        match self.file_count {
            FileCount::Single => limits.max_files.min(1),
            FileCount::Multiple | FileCount::Directory => limits.max_files,
        }
    }
}
