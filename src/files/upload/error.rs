//! Why an upload failed, as a status and a message the page can show.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Why [`Uploads::receive`](super::Uploads::receive) refused an upload.
///
/// The message (`Display`) is meant for the person uploading: it names the file as they named
/// it (sanitised) and the limit, and never a server path. [`status`](Self::status) is the HTTP
/// status to answer with. Whatever the error, no file of the request is left on disk.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UploadError {
    /// A file is larger than [`UploadLimits::max_file_size`](super::UploadLimits). 413.
    #[error("“{name}” is larger than the {} limit", human_size(*limit))]
    FileTooLarge {
        /// The file's (sanitised) name.
        name: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The request carries more than [`UploadLimits::max_total_size`](super::UploadLimits). 413.
    #[error("the files together are larger than the {} limit", human_size(*limit))]
    TotalTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The session's uploads would take more than
    /// [`UploadLimits::session_bytes`](super::UploadLimits) with this one. 413.
    #[error("this session's uploads may take {} in all, and this one would pass it", human_size(*limit))]
    SessionQuotaExceeded {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A part's header block, or the preamble before the first part, is longer than
    /// [`UploadLimits::max_part_header_size`](super::UploadLimits). 413.
    #[error("a part's header is longer than the {} limit", human_size(*limit as u64))]
    PartHeaderTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The request carries more files than allowed (one for
    /// [`FileCount::Single`](super::FileCount::Single)). 413.
    #[error("{}", too_many_files(*limit))]
    TooManyFiles {
        /// The most files allowed.
        limit: usize,
    },
    /// A file's type is not one of [`UploadRules::file_types`](super::UploadRules). 415.
    #[error("“{name}” is not an accepted type: {}", allowed.join(", "))]
    TypeNotAllowed {
        /// The file's (sanitised) name.
        name: String,
        /// The accepted types, as the app listed them.
        allowed: Vec<String>,
    },
    /// A file's first bytes are not what its name claims (HTML named `photo.png`), while
    /// [`UploadRules::file_types`](super::UploadRules) restricts the types. 415. No byte of it
    /// was stored.
    #[error("“{name}” is not {expected}: its content does not match its name")]
    ContentMismatch {
        /// The file's (sanitised) name.
        name: String,
        /// What the name claims, as the message says it (`an image`, `a PDF document`, …).
        expected: &'static str,
    },
    /// The request holds no file. 400.
    #[error("no file was uploaded")]
    NoFiles,
    /// The body is not a well-formed `multipart/form-data` body, or it ended early. 400.
    #[error("the upload is not a valid multipart form: {0}")]
    BadMultipart(String),
    /// The session id is not 32 lowercase hex digits. 400.
    #[error("not a valid session id")]
    BadSession,
    /// The request took longer than [`UploadLimits::timeout`](super::UploadLimits). 408.
    #[error("the upload took too long and was stopped")]
    TimedOut,
    /// The server could not write the files (disk full, permissions…). 507. The message is
    /// generic; the I/O error is kept as the source, for logs only.
    #[error("the server could not store the upload")]
    Storage(#[from] std::io::Error),
}

/// A `Result` whose error is an [`UploadError`].
pub type Result<T, E = UploadError> = std::result::Result<T, E>;

impl UploadError {
    /// The HTTP status for this error: 413, 415, 400, 408 or 507.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::FileTooLarge { .. }
            | Self::TotalTooLarge { .. }
            | Self::TooManyFiles { .. }
            | Self::SessionQuotaExceeded { .. }
            | Self::PartHeaderTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TypeNotAllowed { .. } | Self::ContentMismatch { .. } => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            Self::NoFiles | Self::BadMultipart(_) | Self::BadSession => StatusCode::BAD_REQUEST,
            Self::TimedOut => StatusCode::REQUEST_TIMEOUT,
            Self::Storage(_) => StatusCode::INSUFFICIENT_STORAGE,
        }
    }
}

impl IntoResponse for UploadError {
    /// [`status`](Self::status) and the JSON body `{"error": message}`.
    fn into_response(self) -> Response {
        if let Self::Storage(source) = &self {
            tracing::warn!(error = %source, "an upload could not be stored");
        }
        let body = serde_json::json!({ "error": self.to_string() });
        (self.status(), Json(body)).into_response()
    }
}

/// The message for [`UploadError::TooManyFiles`].
fn too_many_files(limit: usize) -> String {
    match limit {
        0 => "no file may be uploaded here".to_owned(),
        1 => "only one file may be uploaded".to_owned(),
        n => format!("at most {n} files may be uploaded at once"),
    }
}

/// A byte count for people: exact binary or decimal units when they fit, else one decimal.
pub(crate) fn human_size(bytes: u64) -> String {
    const BINARY: [(u64, &str); 4] = [
        (1 << 40, "TiB"),
        (1 << 30, "GiB"),
        (1 << 20, "MiB"),
        (1 << 10, "KiB"),
    ];
    const DECIMAL: [(u64, &str); 4] = [
        (1_000_000_000_000, "TB"),
        (1_000_000_000, "GB"),
        (1_000_000, "MB"),
        (1_000, "kB"),
    ];
    if bytes == 1 {
        return "1 byte".to_owned();
    }
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let exact = BINARY
        .iter()
        .chain(DECIMAL.iter())
        .find(|(unit, _)| bytes % unit == 0);
    if let Some((unit, name)) = exact {
        return format!("{} {name}", bytes / unit);
    }
    match DECIMAL.iter().find(|(unit, _)| bytes >= *unit) {
        Some((unit, name)) => format!("{:.1} {name}", bytes as f64 / *unit as f64),
        None => format!("{bytes} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        let table = [
            (0, "0 bytes"),
            (1, "1 byte"),
            (999, "999 bytes"),
            (1000, "1 kB"),
            (1024, "1 KiB"),
            (10_000_000, "10 MB"),
            (10 << 20, "10 MiB"),
            (4 << 30, "4 GiB"),
            (1_234_567, "1.2 MB"),
            (1536, "1.5 kB"),
        ];
        for (n, want) in table {
            assert_eq!(human_size(n), want, "{n}");
        }
    }

    #[test]
    fn messages_and_statuses() {
        let cases = [
            (
                UploadError::FileTooLarge {
                    name: "big.bin".into(),
                    limit: 10_000_000,
                },
                413,
                "“big.bin” is larger than the 10 MB limit",
            ),
            (
                UploadError::SessionQuotaExceeded { limit: 8 << 30 },
                413,
                "this session's uploads may take 8 GiB in all, and this one would pass it",
            ),
            (
                UploadError::PartHeaderTooLarge { limit: 16 * 1024 },
                413,
                "a part's header is longer than the 16 KiB limit",
            ),
            (
                UploadError::TooManyFiles { limit: 1 },
                413,
                "only one file may be uploaded",
            ),
            (
                UploadError::TypeNotAllowed {
                    name: "x.exe".into(),
                    allowed: vec![".csv".into(), "image".into()],
                },
                415,
                "“x.exe” is not an accepted type: .csv, image",
            ),
            (
                UploadError::ContentMismatch {
                    name: "notimage.png".into(),
                    expected: "an image",
                },
                415,
                "“notimage.png” is not an image: its content does not match its name",
            ),
            (UploadError::NoFiles, 400, "no file was uploaded"),
            (
                UploadError::TimedOut,
                408,
                "the upload took too long and was stopped",
            ),
            (
                UploadError::Storage(std::io::Error::other("/tmp/secret/path: disk full")),
                507,
                "the server could not store the upload",
            ),
        ];
        for (err, status, message) in cases {
            assert_eq!(err.status().as_u16(), status, "{err:?}");
            assert_eq!(err.to_string(), message);
        }
    }
}
