//! What the app hands over to be downloaded, and what it resolves to.
//!
//! A [`FileSource`] is a path, bytes, text, a URL, a reader, a byte stream or a zip of other
//! sources, with an optional download name and MIME type. [`FileSource::resolve`] checks it (the file exists and is readable, the URL is http(s))
//! and turns it into a [`Resolved`]: either a [`FileEntry`] the server streams through a token
//! URL, or an external URL the browser downloads itself (the server never fetches it).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;

mod deferred;
mod entry;
mod produced;
mod url;

pub(crate) use self::deferred::DeferredFn;
pub use self::deferred::DEFAULT_KEEP_FOR;
pub use self::entry::{EntryBody, FileEntry, Resolved};
use self::produced::Produced;
use self::url::{check_url, url_file_name};
use super::disposition::sanitize_file_name;
use super::mime;
use super::roots::{Refusal, Refused, ServeRoots};
use super::spool::Spool;
use super::zip::{Compression, ZipPlan};

/// Errors from resolving a [`FileSource`]. Each message is fit to show in the page: it names the
/// file, never the server's folders (the `Debug` form, which Ferry logs, has the whole path).
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The path does not exist.
    #[error("file not found: {}", shown(path))]
    NotFound {
        /// The path as the app gave it.
        path: PathBuf,
    },
    /// The path exists but is a directory or another non-regular file.
    #[error("not a regular file: {}", shown(path))]
    NotAFile {
        /// The path as the app gave it.
        path: PathBuf,
    },
    /// The file exists but cannot be opened.
    #[error("file is not readable: {}: {source}", shown(path))]
    Unreadable {
        /// The path as the app gave it.
        path: PathBuf,
        /// Why opening failed.
        source: std::io::Error,
    },
    /// The URL is not an absolute `http://` or `https://` URL with a host.
    #[error("not a valid http(s) URL: {url:?}")]
    BadUrl {
        /// The URL as the app gave it.
        url: String,
    },
    /// A path chosen at run time that the app's roots do not let Ferry serve (see
    /// [`roots`](super::roots)): outside every root, blocked, or hidden.
    #[error("{}", reason.message(&shown(path)))]
    Refused {
        /// The path as the app gave it.
        path: PathBuf,
        /// What it resolved to, symlinks followed.
        resolved: PathBuf,
        /// Why it was refused.
        reason: Refusal,
    },
    /// A [`FileSource::deferred`] value where a file that exists now is needed (a download a
    /// handler starts, a component other than a download button, a page's start-up value): a
    /// deferred file is the value of a download button, made when it is clicked.
    #[error("a deferred file is the value of a download button, made when it is clicked: here a file that exists now is needed")]
    Deferred,
    /// The MIME type given with [`FileSource::mime_type`] does not parse.
    #[error("not a valid MIME type: {mime_type:?}")]
    BadMimeType {
        /// The MIME type as the app gave it.
        mime_type: String,
    },
    /// Spooling a reader or stream would pass the spool's quota
    /// ([`Limits::spool_bytes`](crate::Limits::spool_bytes)); the partial file is removed.
    #[error(
        "the file is too large to prepare: downloads being prepared may hold at most {} on \
         this server's disk",
        shown_size(*limit)
    )]
    SpoolFull {
        /// The quota, in bytes.
        limit: u64,
    },
    /// The reader or stream failed, or gave another size than it declared. A
    /// [`ferry_ui::Error`](crate::Error) it failed with is shown as written; any other error
    /// only in the log.
    #[error("{}", produce_message(source))]
    Produce {
        /// The producer's error.
        source: std::io::Error,
    },
    /// The spool's disk failed.
    #[error("the file could not be saved on the server to be downloaded")]
    Spool {
        /// The disk's error.
        source: std::io::Error,
    },
    /// A reader or stream that was read already (a spool that failed or was cancelled).
    #[error("this file's content was read already and cannot be read again")]
    Consumed,
    /// A zip entry that cannot be zipped: a URL (the server never fetches one), a zip, or a
    /// stream served directly.
    #[error("\"{name}\" cannot go in a zip: {why}")]
    NotZippable {
        /// The entry's download name.
        name: String,
        /// Why.
        why: &'static str,
    },
}

/// A size as a message shows it: `512 MiB`, `10 GiB`, `1000 bytes`.
fn shown_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= 1024 * MIB && bytes % (1024 * MIB) == 0 {
        format!("{} GiB", bytes / (1024 * MIB))
    } else if bytes >= MIB {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// A producer's error as the page shows it: a `ferry_ui::Error`'s message, else a generic text.
fn produce_message(source: &std::io::Error) -> String {
    match source
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<crate::Error>())
    {
        Some(error) => error.message().to_owned(),
        None => "the file could not be made (the details are in the server's log)".to_owned(),
    }
}

/// The last component of a path, as a message shows it.
fn shown(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// `Result` with [`FileError`].
pub type Result<T, E = FileError> = std::result::Result<T, E>;

/// A file the app offers for download: a path, bytes, text, a URL, a reader, a byte stream, or
/// a zip of other sources.
///
/// Constructors: [`path`](Self::path), [`bytes`](Self::bytes), [`text`](Self::text),
/// [`url`](Self::url), [`reader`](Self::reader), [`stream`](Self::stream),
/// [`zip`](Self::zip), and `From` a `PathBuf`, `&Path`, `&str` or `String` (strings starting
/// with `http://` or `https://` are URLs, anything else a path, as in Gradio), or a `Vec` or
/// array of those (a zip).
/// Setters: [`file_name`](Self::file_name), [`mime_type`](Self::mime_type); for readers and
/// streams [`size`](Self::size) and [`stream_directly`](Self::stream_directly); for zips
/// [`compression`](Self::compression).
///
/// ```
/// use ferry_ui::files::FileSource;
/// let s = FileSource::text("a,b\n1,2\n").file_name("table.csv");
/// assert_eq!(s.download_name(), "table.csv");
/// ```
#[derive(Clone, Debug)]
#[must_use = "a FileSource does nothing until it is resolved"]
pub struct FileSource {
    kind: Kind,
    file_name: Option<String>,
    mime_type: Option<String>,
}

#[derive(Clone)]
enum Kind {
    Path(PathBuf),
    Bytes(Bytes),
    Text(Bytes),
    Url(String),
    /// A reader or stream, read once; `direct` streams it instead of spooling it.
    Produced {
        producer: Arc<Produced>,
        direct: bool,
        size: Option<u64>,
    },
    Zip {
        entries: Arc<Vec<FileSource>>,
        compression: Compression,
    },
    Deferred(Arc<DeferredFn>),
}

impl fmt::Debug for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(p) => f.debug_tuple("Path").field(p).finish(),
            Self::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            Self::Text(b) => write!(f, "Text({} bytes)", b.len()),
            Self::Url(u) => f.debug_tuple("Url").field(u).finish(),
            Self::Produced { direct, size, .. } => f
                .debug_struct("Produced")
                .field("direct", direct)
                .field("size", size)
                .finish(),
            Self::Zip {
                entries,
                compression,
            } => f
                .debug_struct("Zip")
                .field("entries", entries)
                .field("compression", compression)
                .finish(),
            Self::Deferred(_) => f.write_str("Deferred"),
        }
    }
}

impl FileSource {
    /// A file on disk, streamed at download time. Defaults to the path's file name.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        Self::of(Kind::Path(path.into()))
    }

    /// Bytes held in memory and shared by every download. Defaults to the name `download`.
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        Self::of(Kind::Bytes(bytes.into()))
    }

    /// Text, served as its UTF-8 bytes. Defaults to the name `download.txt`.
    pub fn text(text: impl Into<String>) -> Self {
        Self::of(Kind::Text(Bytes::from(text.into())))
    }

    /// A URL the browser downloads itself; the server never fetches it. Defaults to the name
    /// of the URL's last path segment.
    pub fn url(url: impl Into<String>) -> Self {
        Self::of(Kind::Url(url.into()))
    }

    /// A reader (a file, a pipe, a decoder…), read once when the source is resolved and
    /// spooled to a temporary file, which is then served like a file on disk (`Range`, `ETag`,
    /// `Content-Length`) in constant memory; with [`stream_directly`](Self::stream_directly)
    /// it is sent as it is read instead. Defaults to the name `download`.
    ///
    /// ```
    /// use ferry_ui::files::FileSource;
    /// let log = FileSource::reader(std::io::Cursor::new(b"line 1\n".to_vec())).file_name("log.txt");
    /// assert_eq!(log.download_name(), "log.txt");
    /// ```
    pub fn reader(reader: impl tokio::io::AsyncRead + Send + 'static) -> Self {
        Self::produced(Produced::reader(reader))
    }

    /// A stream of byte chunks (`Bytes`, `Vec<u8>`, `String`…; any error type), read once and
    /// spooled as [`reader`](Self::reader) is, or sent as it is produced with
    /// [`stream_directly`](Self::stream_directly). An error ends it: spooling fails (a
    /// [`ferry_ui::Error`](crate::Error)'s message is shown as written), and a direct
    /// download breaks off so the browser shows it as failed. Defaults to the name `download`.
    ///
    /// ```
    /// use ferry_ui::files::FileSource;
    /// use futures_util::stream;
    ///
    /// let rows = stream::iter((0..3).map(|i| Ok::<_, std::io::Error>(format!("{i}\n"))));
    /// let csv = FileSource::stream(rows).file_name("rows.csv").stream_directly();
    /// # let _ = csv;
    /// ```
    pub fn stream<S, B, E>(stream: S) -> Self
    where
        S: futures_util::Stream<Item = std::result::Result<B, E>> + Send + 'static,
        B: Into<Bytes> + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        Self::produced(Produced::stream(stream))
    }

    fn produced(producer: Produced) -> Self {
        Self::of(Kind::Produced {
            producer: Arc::new(producer),
            direct: false,
            size: None,
        })
    }

    /// Many files as one zip, built as it is sent, in constant memory (see
    /// [`files::zip`](super::zip)). Each entry is any source but a URL, a zip or a direct
    /// stream: paths chosen at run time pass the same allowed-roots check as single files,
    /// readers and streams are spooled first. Entry names are the entries' download names
    /// under the same policy as single downloads, made unique (`a.txt`, `a (1).txt`). Defaults
    /// to the name `download.zip`.
    ///
    /// ```
    /// use ferry_ui::files::FileSource;
    /// let both = FileSource::zip([
    ///     FileSource::text("a,b\n").file_name("table.csv"),
    ///     FileSource::path("photo.jpg"),
    /// ])
    /// .file_name("report.zip");
    /// assert_eq!(both.download_name(), "report.zip");
    /// ```
    pub fn zip<I>(entries: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<FileSource>,
    {
        Self::of(Kind::Zip {
            entries: Arc::new(entries.into_iter().map(Into::into).collect()),
            compression: Compression::Auto,
        })
    }

    /// For a reader or stream: sends it to the browser as it is produced rather than spooling
    /// it first. The download starts with the first chunk; the response has no
    /// `Content-Length` (unless [`size`](Self::size) declares one), no `Range` and no `ETag`,
    /// and can be sent only once (a second request gets `410 Gone`). When the producer fails,
    /// the response is broken off and the browser shows a failed download. No effect on other
    /// sources. Defaults to spooling.
    pub fn stream_directly(mut self) -> Self {
        if let Kind::Produced { direct, .. } = &mut self.kind {
            *direct = true;
        }
        self
    }

    /// For a reader or stream: declares its size in bytes. A spool larger than the room left
    /// is refused before a byte is read, a direct stream gets a `Content-Length`, and a
    /// producer that gives another size fails. No effect on other sources. Defaults to
    /// unknown.
    pub fn size(mut self, bytes: u64) -> Self {
        if let Kind::Produced { size, .. } = &mut self.kind {
            *size = Some(bytes);
        }
        self
    }

    /// For a zip: how its entries are stored. No effect on other sources. Defaults to
    /// [`Compression::Auto`] (stored when already compressed, deflated otherwise).
    pub fn compression(mut self, compression: Compression) -> Self {
        if let Kind::Zip { compression: c, .. } = &mut self.kind {
            *c = compression;
        }
        self
    }

    /// The entries, for a zip source.
    pub fn as_zip(&self) -> Option<&[FileSource]> {
        match &self.kind {
            Kind::Zip { entries, .. } => Some(entries),
            _ => None,
        }
    }

    fn of(kind: Kind) -> Self {
        Self {
            kind,
            file_name: None,
            mime_type: None,
        }
    }

    /// Sets the name the browser saves the file under. It is sanitised when resolved.
    ///
    /// Defaults to the path's file name, `download` for bytes, `download.txt` for text and the
    /// last path segment for URLs.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Whether a name was set with [`file_name`](Self::file_name).
    pub fn has_file_name(&self) -> bool {
        self.file_name.is_some()
    }

    /// Sets the MIME type (`Content-Type`). Textual types get `charset=utf-8` when they name
    /// no charset.
    ///
    /// Defaults to a guess from the file name, or `application/octet-stream`.
    pub fn mime_type(mut self, mime_type: impl Into<String>) -> Self {
        self.mime_type = Some(mime_type.into());
        self
    }

    /// The path, for a path source.
    pub fn as_path(&self) -> Option<&Path> {
        match &self.kind {
            Kind::Path(p) => Some(p),
            _ => None,
        }
    }

    /// The content, for a bytes or text source.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.kind {
            Kind::Bytes(b) | Kind::Text(b) => Some(b),
            _ => None,
        }
    }

    /// The URL, for a URL source.
    pub fn as_url(&self) -> Option<&str> {
        match &self.kind {
            Kind::Url(u) => Some(u),
            _ => None,
        }
    }

    /// The source with Streamlit's type when none was set: `text/plain` for text,
    /// `application/octet-stream` for bytes, readers and streams (whatever their name), a
    /// path's from its name, a URL's from its server.
    pub(crate) fn with_streamlit_mime(self) -> Self {
        if self.mime_type.is_some() {
            return self;
        }
        match self.kind {
            Kind::Text(_) => self.mime_type("text/plain"),
            Kind::Bytes(_) | Kind::Produced { .. } => self.mime_type("application/octet-stream"),
            // The rule applies to what the function returns.
            Kind::Deferred(_) => self.streamlit_mime_when_made(),
            _ => self,
        }
    }

    /// The MIME type set with [`mime_type`](Self::mime_type), if any.
    pub fn mime_override(&self) -> Option<&str> {
        self.mime_type.as_deref()
    }

    /// The sanitised name the browser will save the file under.
    pub fn download_name(&self) -> String {
        if let Some(name) = &self.file_name {
            return sanitize_file_name(name);
        }
        let default = match &self.kind {
            Kind::Path(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Kind::Bytes(_) | Kind::Produced { .. } => "download".to_owned(),
            Kind::Text(_) => "download.txt".to_owned(),
            Kind::Url(u) => url_file_name(u),
            Kind::Zip { .. } => "download.zip".to_owned(),
            Kind::Deferred(_) => "download".to_owned(),
        };
        sanitize_file_name(&default)
    }

    /// Checks the source and turns it into what the server serves, trusting its path: for a
    /// value fixed when the page is declared. A value chosen at run time goes through
    /// [`resolve_within`](Self::resolve_within).
    ///
    /// A path must name an existing, readable regular file (symlinks are followed); bytes and
    /// text get a strong ETag from their BLAKE3 hash; a URL must be an absolute http(s) URL with
    /// a host; a reader or stream is spooled into [`Spool::shared`] (unless streamed directly);
    /// a zip's entries are resolved each.
    pub async fn resolve(&self) -> Result<Resolved> {
        self.resolve_with(None, Spool::shared()).await
    }

    /// Like [`resolve`](Self::resolve), for a value chosen at run time (a handler's output, a
    /// value function's result): a path is served only when `roots` accept it, after its
    /// symlinks are resolved ([`FileError::Refused`] otherwise). Bytes, text and URLs are not
    /// paths and are not checked.
    pub async fn resolve_within(&self, roots: &ServeRoots) -> Result<Resolved> {
        self.resolve_with(Some(roots), Spool::shared()).await
    }

    /// Resolves the source, its paths checked against `roots` when given (a value chosen at run
    /// time) and trusted otherwise, a reader or stream spooled into `spool`.
    ///
    /// Resolving a reader or stream reads it: resolving it (or a clone) again gives the same
    /// spooled file, or the same one-shot direct stream.
    pub async fn resolve_with(
        &self,
        roots: Option<&ServeRoots>,
        spool: &Spool,
    ) -> Result<Resolved> {
        Box::pin(self.resolve_checked(roots, spool)).await
    }

    async fn resolve_checked(&self, roots: Option<&ServeRoots>, spool: &Spool) -> Result<Resolved> {
        let file_name = self.download_name();
        let (body, len) = match &self.kind {
            Kind::Url(url) => {
                check_url(url)?;
                return Ok(Resolved::External {
                    url: url.clone(),
                    file_name,
                });
            }
            Kind::Path(path) => {
                let checked = match roots {
                    Some(roots) => Some(roots.check(path).await.map_err(
                        |Refused { reason, resolved }| FileError::Refused {
                            path: path.clone(),
                            resolved,
                            reason,
                        },
                    )?),
                    None => None,
                };
                let (full, len) = check_path(path, checked.as_deref()).await?;
                (EntryBody::Path(full), Some(len))
            }
            Kind::Bytes(b) | Kind::Text(b) => {
                (EntryBody::from_bytes(b.clone()), Some(b.len() as u64))
            }
            Kind::Produced {
                producer,
                direct,
                size,
            } => producer.resolve(*direct, *size, spool).await?,
            Kind::Zip {
                entries,
                compression,
            } => {
                let mut resolved = Vec::with_capacity(entries.len());
                for entry in entries.iter() {
                    resolved.push(entry.resolve_with(roots, spool).await?);
                }
                let plan = ZipPlan::new(resolved, *compression)?;
                let len = plan.len_hint();
                (EntryBody::Zip(Arc::new(plan)), len)
            }
            Kind::Deferred(_) => return Err(FileError::Deferred),
        };
        let content_type = match &self.mime_type {
            Some(m) => mime::normalize(m).ok_or_else(|| FileError::BadMimeType {
                mime_type: m.clone(),
            })?,
            None => mime::content_type_for(&file_name),
        };
        let entry = FileEntry::new(file_name, content_type, body).with_len_hint(len);
        Ok(Resolved::Served(Arc::new(entry)))
    }
}

/// Checks that `path` is a readable regular file; returns its canonical path and size.
/// `resolved` is the path the roots accepted, when they were asked: that one is opened (so
/// the file served is the file checked), and errors still name `path`.
async fn check_path(path: &Path, resolved: Option<&Path>) -> Result<(PathBuf, u64)> {
    let unreadable = |source| FileError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let opened = resolved.unwrap_or(path);
    let meta = match tokio::fs::metadata(opened).await {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(FileError::NotFound {
                path: path.to_owned(),
            })
        }
        Err(e) => return Err(unreadable(e)),
    };
    if !meta.is_file() {
        return Err(FileError::NotAFile {
            path: path.to_owned(),
        });
    }
    tokio::fs::File::open(opened).await.map_err(unreadable)?;
    let full = tokio::fs::canonicalize(opened).await.map_err(unreadable)?;
    if resolved.is_some_and(|resolved| resolved != full) {
        // A link appeared between the check and now (the file did not exist when checked).
        return Err(unreadable(std::io::Error::other(
            "the path changed while it was checked",
        )));
    }
    Ok((full, meta.len()))
}

/// A list of files is a zip of them: `DownloadButton::new("All").value(vec!["a.csv", "b.png"])`.
impl<T: Into<FileSource>> From<Vec<T>> for FileSource {
    fn from(entries: Vec<T>) -> Self {
        Self::zip(entries)
    }
}

/// An array of files is a zip of them.
impl<T: Into<FileSource>, const N: usize> From<[T; N]> for FileSource {
    fn from(entries: [T; N]) -> Self {
        Self::zip(entries)
    }
}

impl From<PathBuf> for FileSource {
    fn from(path: PathBuf) -> Self {
        Self::path(path)
    }
}

impl From<&Path> for FileSource {
    fn from(path: &Path) -> Self {
        Self::path(path)
    }
}

impl From<&str> for FileSource {
    fn from(s: &str) -> Self {
        Self::from(s.to_owned())
    }
}

impl From<String> for FileSource {
    /// `http://…` and `https://…` are URLs; anything else is a path.
    fn from(s: String) -> Self {
        if s.starts_with("http://") || s.starts_with("https://") {
            Self::url(s)
        } else {
            Self::path(s)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn served(r: Resolved) -> Arc<FileEntry> {
        match r {
            Resolved::Served(e) => e,
            Resolved::External { .. } => panic!("expected a served entry"),
        }
    }

    #[tokio::test]
    async fn path_resolves_with_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("data.csv");
        std::fs::write(&p, "a,b\n").unwrap();
        let e = served(FileSource::path(&p).resolve().await.unwrap());
        assert_eq!(e.file_name(), "data.csv");
        assert_eq!(e.content_type(), "text/csv; charset=utf-8");
        assert_eq!(e.len_hint(), Some(4));
        assert!(!e.inline());
        assert!(matches!(e.body(), EntryBody::Path(x) if x.is_absolute()));
    }

    #[tokio::test]
    async fn path_errors_have_clear_messages() {
        let err = FileSource::path("data/x.csv").resolve().await.unwrap_err();
        assert!(matches!(err, FileError::NotFound { .. }));
        assert_eq!(err.to_string(), "file not found: x.csv");
        assert!(format!("{err:?}").contains("data/x.csv"));

        let dir = tempfile::tempdir().unwrap();
        let err = FileSource::path(dir.path()).resolve().await.unwrap_err();
        assert!(matches!(err, FileError::NotAFile { .. }));
        assert!(err.to_string().starts_with("not a regular file: "));
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn unreadable_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("secret.txt");
        std::fs::write(&p, "x").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::File::open(&p).is_ok() {
            return; // running as root: permissions are not enforced
        }
        let err = FileSource::path(&p).resolve().await.unwrap_err();
        assert!(matches!(err, FileError::Unreadable { .. }), "{err:?}");
        assert!(err.to_string().starts_with("file is not readable: "));
    }

    #[tokio::test]
    async fn bytes_and_text() {
        let e = served(FileSource::bytes(&b"abc"[..]).resolve().await.unwrap());
        assert_eq!(e.file_name(), "download");
        assert_eq!(e.content_type(), "application/octet-stream");
        let EntryBody::Bytes { etag, .. } = e.body() else {
            panic!()
        };
        let hex = blake3::hash(b"abc").to_hex();
        assert_eq!(etag, &format!("\"b3-{}\"", &hex.as_str()[..32]));

        let e = served(FileSource::text("héllo").resolve().await.unwrap());
        assert_eq!(e.file_name(), "download.txt");
        assert_eq!(e.content_type(), "text/plain; charset=utf-8");
        assert_eq!(e.len_hint(), Some(6));

        let e = FileSource::text("{}")
            .file_name("../x/\"d\".json")
            .mime_type("application/vnd.api+json");
        let e = served(e.resolve().await.unwrap());
        assert_eq!(e.file_name(), "_x__d_.json");
        assert_eq!(e.content_type(), "application/vnd.api+json; charset=utf-8");

        let err = FileSource::text("x")
            .mime_type("text/plain\r\nX: y")
            .resolve()
            .await;
        assert!(matches!(err, Err(FileError::BadMimeType { .. })));
    }

    #[tokio::test]
    async fn urls() {
        let ok = [
            (
                "https://example.com/files/report%20v2.pdf?x=1#f",
                "report v2.pdf",
            ),
            ("http://example.com", "download"),
            ("http://example.com/", "download"),
            ("HTTPS://user:pw@example.com:8443/a/b.zip", "b.zip"),
            ("http://[::1]:8080/x.txt", "x.txt"),
            ("https://example.com/..%2f..%2fetc%2fpasswd", "passwd"),
        ];
        for (url, name) in ok {
            match FileSource::url(url).resolve().await {
                Ok(Resolved::External { url: u, file_name }) => {
                    assert_eq!(u, url);
                    assert_eq!(file_name, name, "{url}");
                }
                other => panic!("{url}: {other:?}"),
            }
        }
        let bad = [
            "ftp://example.com/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://",
            "https:///path",
            "http://exa mple.com/",
            "http://example.com:99999/",
            "http://example.com:abc/",
            "http://example.com/\r\nx",
            "//example.com/x",
        ];
        for url in bad {
            let err = FileSource::url(url).resolve().await.unwrap_err();
            assert!(matches!(err, FileError::BadUrl { .. }), "{url}");
        }
    }

    #[test]
    fn from_strings_follow_gradio() {
        assert!(FileSource::from("https://x.org/a").as_url().is_some());
        assert!(FileSource::from("http://x.org/a".to_owned())
            .as_url()
            .is_some());
        assert!(FileSource::from("data/a.csv").as_path().is_some());
        assert!(FileSource::from("httpfoo").as_path().is_some());
        assert!(FileSource::from(PathBuf::from("a")).as_path().is_some());
        assert!(FileSource::from(Path::new("a")).as_path().is_some());
        assert!(FileSource::text("x").as_bytes().is_some());
        let s = FileSource::bytes(vec![0u8; 10_000]).mime_type("image/png");
        assert_eq!(s.mime_override(), Some("image/png"));
        assert!(format!("{s:?}").contains("10000 bytes"));
    }

    #[test]
    fn entry_inline_and_debug() {
        let e = FileEntry::new(
            "i.svg",
            "image/svg+xml",
            EntryBody::from_bytes(Bytes::from_static(b"<svg/>")),
        );
        assert!(!e.inline());
        let e = e.into_inline();
        assert!(e.inline());
        assert!(format!("{e:?}").contains("len: 6"));
    }
}
