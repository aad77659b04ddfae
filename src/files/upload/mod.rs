//! Uploads: multipart bodies streamed to private per-session folders, with limits.
//!
//! [`Uploads::receive`] reads a `multipart/form-data` body part by part and writes each file as
//! its bytes arrive; no file is ever held whole in memory. On disk the layout is
//!
//! ```text
//! <root>/<session>/<32 random hex digits>/<sanitised client name>
//! ```
//!
//! The random folder is chosen by the server for every file, so two uploads with the same name
//! never collide, and `path.file_name()` is still the client's (sanitised) name, as in Gradio.
//! Folders are `0700`, files `0600`. The client's name is only ever metadata: it goes through
//! [`sanitize_file_name`](crate::files::file_name::sanitize_file_name) and cannot name
//! another folder. The stored type is guessed from that name, never taken from the client.
//!
//! [`Uploads::accept`] checks a request before its body is read (a `Content-Length` over the
//! limits is refused at once) and guards its framing: a part header or a preamble longer than
//! [`UploadLimits::max_part_header_size`] fails the request, so a header that never ends costs no
//! memory past that. Limits ([`UploadLimits`]) are checked on every chunk and the request stops
//! at the first byte too many, the session's quota across requests included
//! ([`UploadLimits::session_bytes`]); types ([`UploadRules::file_types`]) are checked from the
//! part's header, before any byte is written, and then, when the list restricts the types,
//! against the file's first bytes (an HTML page named `photo.png` is refused with 415 before the
//! file is created; see the `content` module for which types are checked). A request is all or
//! nothing: on any error, on timeout and when the client goes away, every file it wrote is
//! removed. [`Uploads::remove_files`] removes the files an upload replaced,
//! [`Uploads::remove_session`] a session's uploads when it ends, and dropping [`Uploads`] removes
//! them all.

mod cleanup;
mod content;
mod error;
mod framing;
mod limits;
mod names;
mod quota;
mod receive;
mod types;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use tempfile::TempDir;

pub use error::{Result, UploadError};
pub use limits::{
    FileCount, UploadLimits, UploadRules, DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_PART_HEADER_SIZE, DEFAULT_MAX_TOTAL_SIZE, DEFAULT_SESSION_BYTES, DEFAULT_TIMEOUT,
    FRAMING_ALLOWANCE,
};
pub use types::type_allowed;

use cleanup::{ensure_private_dir, Leftovers};
use framing::FramingGuard;
use names::valid_session_id;
use quota::Usage;

/// One file received and stored.
///
/// `path` is a server path: hand it to the app's handler, never to the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uploaded {
    /// Where the file is: `<root>/<session>/<random>/<name>`.
    pub path: PathBuf,
    /// The client's file name, sanitised (the last segment only); also `path.file_name()`.
    pub name: String,
    /// For [`FileCount::Directory`], the client's relative path, sanitised segment by segment
    /// and joined by `/` (for instance `photos/2024/a.jpg`); `None` otherwise.
    pub relative_path: Option<String>,
    /// The size in bytes.
    pub size: u64,
    /// The type guessed from `name` (as [`content_type_for`](crate::files::mime::content_type_for)).
    pub mime_type: String,
}

/// The upload area of one app: a private temporary folder with one folder per session.
///
/// Cloning is cheap and shares the folder, which is removed with everything in it when the
/// last clone is dropped.
///
/// ```
/// use axum::extract::{DefaultBodyLimit, Path, Request, State};
/// use axum::response::{IntoResponse, Response};
/// use axum::{routing::post, Json, Router};
/// use ferry_ui::files::upload::{UploadLimits, UploadRules, Uploads};
///
/// async fn upload(
///     State(uploads): State<Uploads>,
///     Path(session): Path<String>,
///     request: Request,
/// ) -> Response {
///     let (limits, rules) = (UploadLimits::default(), UploadRules::default());
///     let received = match uploads.accept(&session, request, &limits).await {
///         Ok(multipart) => uploads.receive(&session, multipart, &limits, &rules).await,
///         Err(e) => Err(e),
///     };
///     match received {
///         Ok(files) => Json(files.iter().map(|f| f.name.clone()).collect::<Vec<_>>()).into_response(),
///         Err(e) => e.into_response(), // status() and {"error": message}
///     }
/// }
///
/// let uploads = Uploads::new()?;
/// let app: Router = Router::new()
///     .route("/upload/{session}", post(upload))
///     .layer(DefaultBodyLimit::disable()) // the limits are the Uploads'
///     .with_state(uploads);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Uploads {
    root: Arc<TempDir>,
    usage: Arc<Usage>,
}

impl Uploads {
    /// Creates a private folder (0700) named `ferry-uploads-…` in [`std::env::temp_dir`].
    pub fn new() -> io::Result<Self> {
        Self::new_in(std::env::temp_dir())
    }

    /// Creates a private folder (0700) named `ferry-uploads-…` in `parent`.
    pub fn new_in(parent: impl AsRef<Path>) -> io::Result<Self> {
        let mut builder = tempfile::Builder::new();
        builder.prefix("ferry-uploads-");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        Ok(Self {
            root: Arc::new(builder.tempdir_in(parent)?),
            usage: Arc::default(),
        })
    }

    /// The folder that holds every session's uploads.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// Checks an upload request before its body is read, and returns its multipart body with
    /// its framing guarded.
    ///
    /// A `Content-Length` larger than [`UploadLimits::max_body_size`] is
    /// [`UploadError::TotalTooLarge`], one larger than the room left in `session`'s quota (plus
    /// [`FRAMING_ALLOWANCE`]) is [`UploadError::SessionQuotaExceeded`]: both at once, without
    /// reading a byte of the body. While the body streams, a part header or a preamble longer
    /// than [`UploadLimits::max_part_header_size`] fails the request with
    /// [`UploadError::PartHeaderTooLarge`], and a body longer than
    /// [`UploadLimits::max_body_size`] with [`UploadError::TotalTooLarge`].
    ///
    /// A request that is not `multipart/form-data` is [`UploadError::BadMultipart`].
    pub async fn accept(
        &self,
        session: &str,
        request: Request,
        limits: &UploadLimits,
    ) -> Result<Multipart> {
        if !valid_session_id(session) {
            return Err(UploadError::BadSession);
        }
        let (parts, body) = request.into_parts();
        let length = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        if let Some(length) = length {
            if length > limits.max_body_size() {
                return Err(UploadError::TotalTooLarge {
                    limit: limits.max_total_size,
                });
            }
            let room = limits
                .session_bytes
                .saturating_sub(self.usage.used(session));
            if length > room.saturating_add(FRAMING_ALLOWANCE) {
                return Err(UploadError::SessionQuotaExceeded {
                    limit: limits.session_bytes,
                });
            }
        }
        let boundary = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| multer::parse_boundary(value).ok());
        let body = match boundary {
            Some(boundary) => Body::from_stream(FramingGuard::new(
                body.into_data_stream(),
                &boundary,
                limits,
            )),
            // Not multipart: the parser refuses it with its own message.
            None => body,
        };
        Multipart::from_request(Request::from_parts(parts, body), &())
            .await
            .map_err(|rejection| UploadError::BadMultipart(rejection.body_text()))
    }

    /// Streams the files of `multipart` (from [`accept`](Self::accept)) into `session`'s
    /// folder.
    ///
    /// `session` must be 32 lowercase hex digits ([`UploadError::BadSession`] otherwise). Parts
    /// without a file name are read and ignored (they count against
    /// [`UploadLimits::max_total_size`]); a request without any file is
    /// [`UploadError::NoFiles`]. The files' bytes count against the session's quota
    /// ([`UploadLimits::session_bytes`], [`UploadError::SessionQuotaExceeded`]) until they are
    /// removed. The whole call is bounded by [`UploadLimits::timeout`].
    ///
    /// All or nothing: on `Err`, on timeout, and when the future is dropped before it completes
    /// (the client went away), every file of this request is removed.
    ///
    /// The route must not add a body limit of its own (`DefaultBodyLimit::disable()`): axum's
    /// default of 2 MB would cut uploads short with a less precise error.
    pub async fn receive(
        &self,
        session: &str,
        multipart: Multipart,
        limits: &UploadLimits,
        rules: &UploadRules,
    ) -> Result<Vec<Uploaded>> {
        if !valid_session_id(session) {
            return Err(UploadError::BadSession);
        }
        let session_dir = self.root().join(session);
        let mut leftovers = Leftovers::default();
        let mut quota = self.usage.reserve(session, limits.session_bytes);
        let work = async {
            ensure_private_dir(&session_dir)?;
            receive::receive_into(
                &session_dir,
                multipart,
                limits,
                rules,
                &mut leftovers,
                &mut quota,
            )
            .await
        };
        let result = tokio::time::timeout(limits.timeout, work)
            .await
            .unwrap_or(Err(UploadError::TimedOut));
        if result.is_ok() {
            leftovers.keep();
            quota.keep();
        }
        result
    }

    /// Removes uploaded files of `session`, each with the folder made for it, and gives their
    /// bytes back to the session's quota: the files an upload replaced. Each is given as its
    /// path and the size it was stored with ([`Uploaded::path`], [`Uploaded::size`]); its bytes
    /// are given back even when the file is already gone. A path that is not one of `session`'s
    /// uploads is skipped.
    ///
    /// Fails with [`io::ErrorKind::InvalidInput`] when `session` is not 32 lowercase hex digits.
    pub async fn remove_files(
        &self,
        session: &str,
        files: impl IntoIterator<Item = (PathBuf, u64)>,
    ) -> io::Result<()> {
        let session_dir = self.session_dir(session)?;
        for (path, size) in files {
            let Some(dir) = path.parent() else { continue };
            if dir.parent() != Some(session_dir.as_path()) {
                continue;
            }
            match tokio::fs::remove_dir_all(dir).await {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            self.usage.release(session, size);
        }
        Ok(())
    }

    /// Removes `session`'s folder and every upload in it; a session without uploads is fine.
    ///
    /// Fails with [`io::ErrorKind::InvalidInput`] when `session` is not 32 lowercase hex digits.
    pub async fn remove_session(&self, session: &str) -> io::Result<()> {
        let dir = self.session_dir(session)?;
        let removed = match tokio::fs::remove_dir_all(&dir).await {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        };
        if removed.is_ok() {
            self.usage.forget(session);
        }
        removed
    }

    /// The bytes of every file `session` has stored now; 0 for an unknown or invalid session.
    ///
    /// Walks the session's folder with blocking calls: meant for tests and diagnostics.
    pub fn session_bytes(&self, session: &str) -> u64 {
        self.session_dir(session)
            .map(|dir| folder_bytes(&dir))
            .unwrap_or(0)
    }

    /// `<root>/<session>`, for a valid session id only.
    fn session_dir(&self, session: &str) -> io::Result<PathBuf> {
        if valid_session_id(session) {
            Ok(self.root().join(session))
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a valid session id",
            ))
        }
    }
}

/// The bytes of the regular files under `dir`, links not followed.
fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|entry| Some((entry.path(), entry.file_type().ok()?)))
        .map(|(path, kind)| {
            if kind.is_dir() {
                folder_bytes(&path)
            } else if kind.is_file() {
                std::fs::symlink_metadata(&path).map_or(0, |m| m.len())
            } else {
                0
            }
        })
        .sum()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const SESSION: &str = "0123456789abcdef0123456789abcdef";

    #[tokio::test]
    async fn root_is_private_and_removed_on_drop() {
        let parent = tempfile::tempdir().unwrap();
        let uploads = Uploads::new_in(parent.path()).unwrap();
        let root = uploads.root().to_owned();
        assert!(root.starts_with(parent.path()));
        assert!(root
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("ferry-uploads-"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&root).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let clone = uploads.clone();
        drop(uploads);
        assert!(root.exists(), "a clone keeps the folder");
        drop(clone);
        assert!(!root.exists());
    }

    #[tokio::test]
    async fn sessions_are_validated_before_touching_the_disk() {
        let uploads = Uploads::new_in(tempfile::tempdir().unwrap().path()).unwrap();
        for bad in ["..", "../x", "", "ABCDEF0123456789ABCDEF0123456789", "/tmp"] {
            let err = uploads.remove_session(bad).await.unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
            assert_eq!(uploads.session_bytes(bad), 0);
        }
        uploads.remove_session(SESSION).await.unwrap();
        assert_eq!(uploads.session_bytes(SESSION), 0);
    }

    #[tokio::test]
    async fn session_bytes_and_remove_session() {
        let uploads = Uploads::new_in(tempfile::tempdir().unwrap().path()).unwrap();
        let dir = uploads.root().join(SESSION).join(names::random_dir_name());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), b"hello").unwrap();
        std::fs::write(dir.join("b.txt"), b"!!").unwrap();
        assert_eq!(uploads.session_bytes(SESSION), 7);
        uploads.remove_session(SESSION).await.unwrap();
        assert!(!uploads.root().join(SESSION).exists());
        assert!(uploads.root().exists());
    }
}
