//! Serving a [`FileEntry`] over HTTP: `GET`/`HEAD`, ranges, validators, and the token route.
//!
//! [`serve_entry`] answers one request for one entry with constant memory: files on disk are
//! opened at serve time and streamed in 256 KiB chunks, in-memory bytes are sliced without
//! copying. It honours `Range` (one range; multi-range requests get the whole file, so a
//! request never costs more than one pass), `If-Range`, `If-None-Match`, `If-Modified-Since`
//! and `HEAD`. [`file_router`] mounts [`file_route`] at `/file/{session}/{token}/{name}`.

use std::io::SeekFrom;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use super::disposition::content_disposition;
use super::source::{EntryBody, FileEntry};
use super::store::{FileStore, Token};

/// Read size for streaming files from disk.
const CHUNK: usize = 256 * 1024;
/// Cache policy of every file response: the browser may keep it, but revalidates each time.
const CACHE_CONTROL: &str = "private, max-age=0, must-revalidate";
/// Policy for entries served inline (icons): no scripts, no requests, a sandboxed origin.
const INLINE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
/// Path segments keep only RFC 3986 unreserved characters unencoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The validators and size of the entry at serve time.
struct Meta {
    len: u64,
    etag: String,
    last_modified: Option<SystemTime>,
}

/// The opened content.
enum Opened {
    File(tokio::fs::File),
    Bytes(Bytes),
}

/// What a `Range` header asks for, against a representation of a known length.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RangeOutcome {
    /// No usable range: send everything with 200.
    Ignore,
    /// Bytes `start..=end`, both within the representation.
    Partial {
        /// First byte.
        start: u64,
        /// Last byte, inclusive.
        end: u64,
    },
    /// A valid range that selects nothing: 416.
    Unsatisfiable,
}

/// Answers one `GET` or `HEAD` request for `entry`.
///
/// Other methods get 405 with `Allow: GET, HEAD`. A file that vanished since it was handed over
/// gets 404 `file no longer exists`; other I/O errors get a 404 or 503 with a message. Never
/// panics and never buffers a whole file.
pub async fn serve_entry(entry: &FileEntry, method: &Method, headers: &HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return method_not_allowed();
    }
    let (opened, meta) = match open(entry).await {
        Ok(x) => x,
        Err(response) => return response,
    };

    let mut out = HeaderMap::new();
    put(&mut out, header::ETAG, &meta.etag);
    if let Some(lm) = meta.last_modified {
        put(&mut out, header::LAST_MODIFIED, &httpdate::fmt_http_date(lm));
    }
    put(&mut out, header::CACHE_CONTROL, CACHE_CONTROL);
    if not_modified(headers, &meta) {
        return respond(StatusCode::NOT_MODIFIED, out, Body::empty());
    }

    put(&mut out, header::CONTENT_TYPE, entry.content_type());
    out.insert(
        header::CONTENT_DISPOSITION,
        content_disposition(entry.file_name(), entry.inline()),
    );
    put(&mut out, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    put(&mut out, header::ACCEPT_RANGES, "bytes");
    if entry.inline() {
        put(&mut out, header::CONTENT_SECURITY_POLICY, INLINE_CSP);
    }

    let range = match headers.get(header::RANGE).map(HeaderValue::to_str) {
        Some(Ok(value)) if if_range_allows(headers, &meta) => parse_range(value, meta.len),
        _ => RangeOutcome::Ignore,
    };
    let (status, start, len) = match range {
        RangeOutcome::Ignore => (StatusCode::OK, 0, meta.len),
        RangeOutcome::Partial { start, end } => {
            let content_range = format!("bytes {start}-{end}/{}", meta.len);
            put(&mut out, header::CONTENT_RANGE, &content_range);
            (StatusCode::PARTIAL_CONTENT, start, end - start + 1)
        }
        RangeOutcome::Unsatisfiable => {
            put(&mut out, header::CONTENT_RANGE, &format!("bytes */{}", meta.len));
            put(&mut out, header::CONTENT_LENGTH, "0");
            return respond(StatusCode::RANGE_NOT_SATISFIABLE, out, Body::empty());
        }
    };
    put(&mut out, header::CONTENT_LENGTH, &len.to_string());
    if method == Method::HEAD {
        return respond(status, out, Body::empty());
    }
    match body(opened, start, len).await {
        Ok(body) => respond(status, out, body),
        Err(response) => response,
    }
}

/// Opens the entry's content and reads its current validators.
async fn open(entry: &FileEntry) -> Result<(Opened, Meta), Response> {
    match entry.body() {
        EntryBody::Bytes { bytes, etag } => {
            let meta = Meta {
                len: bytes.len() as u64,
                etag: etag.clone(),
                last_modified: None,
            };
            Ok((Opened::Bytes(bytes.clone()), meta))
        }
        EntryBody::Path(path) => {
            let file = tokio::fs::File::open(path).await.map_err(io_error)?;
            let md = file.metadata().await.map_err(io_error)?;
            if !md.is_file() {
                return Err(text(StatusCode::NOT_FOUND, "file no longer exists"));
            }
            let meta = Meta {
                len: md.len(),
                etag: path_etag(&md),
                last_modified: md.modified().ok(),
            };
            Ok((Opened::File(file), meta))
        }
    }
}

/// The body for bytes `start..start + len`.
async fn body(opened: Opened, start: u64, len: u64) -> Result<Body, Response> {
    match opened {
        Opened::Bytes(bytes) => {
            let from = usize::try_from(start).unwrap_or(usize::MAX).min(bytes.len());
            let to = usize::try_from(start.saturating_add(len))
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            Ok(Body::from(bytes.slice(from..to)))
        }
        Opened::File(mut file) => {
            if start > 0 {
                file.seek(SeekFrom::Start(start)).await.map_err(io_error)?;
            }
            let stream = ReaderStream::with_capacity(file.take(len), CHUNK);
            Ok(Body::from_stream(stream))
        }
    }
}

/// A strong ETag from the file's length, modification time and identity.
fn path_etag(md: &std::fs::Metadata) -> String {
    let mut h = blake3::Hasher::new();
    h.update(&md.len().to_le_bytes());
    let nanos = md
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    h.update(&nanos.to_le_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        h.update(&md.ino().to_le_bytes());
        h.update(&md.dev().to_le_bytes());
    }
    format!("\"{}\"", &h.finalize().to_hex().as_str()[..32])
}

/// Whether `If-None-Match` (or, without it, `If-Modified-Since`) lets us answer 304.
fn not_modified(headers: &HeaderMap, meta: &Meta) -> bool {
    let mut inm = headers.get_all(header::IF_NONE_MATCH).iter().peekable();
    if inm.peek().is_some() {
        return inm
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .any(|tag| tag == "*" || opaque(tag) == opaque(&meta.etag));
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v.trim()).ok());
    match (since, meta.last_modified) {
        (Some(since), Some(lm)) => unix_secs(lm) <= unix_secs(since),
        _ => false,
    }
}

/// Whether a `Range` may be honoured given `If-Range` (absent, or a validator that matches).
fn if_range_allows(headers: &HeaderMap, meta: &Meta) -> bool {
    let Some(value) = headers.get(header::IF_RANGE) else {
        return true;
    };
    let Ok(value) = value.to_str().map(str::trim) else {
        return false;
    };
    if value.starts_with('"') || value.starts_with("W/") {
        // Strong comparison: a weak tag never matches.
        return value == meta.etag;
    }
    match (httpdate::parse_http_date(value), meta.last_modified) {
        (Ok(date), Some(lm)) => unix_secs(date) == unix_secs(lm),
        _ => false,
    }
}

/// Parses a `Range` header for a representation of `len` bytes.
pub(crate) fn parse_range(value: &str, len: u64) -> RangeOutcome {
    let Some((unit, spec)) = value.trim().split_once('=') else {
        return RangeOutcome::Ignore;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") || spec.contains(',') {
        return RangeOutcome::Ignore;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeOutcome::Ignore;
    };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        return match digits(last) {
            None => RangeOutcome::Ignore,
            Some(0) => RangeOutcome::Unsatisfiable,
            // An empty file has no bytes to name: send it whole.
            Some(_) if len == 0 => RangeOutcome::Ignore,
            Some(n) => RangeOutcome::Partial {
                start: len.saturating_sub(n),
                end: len - 1,
            },
        };
    }
    let Some(start) = digits(first) else {
        return RangeOutcome::Ignore;
    };
    let end = if last.is_empty() {
        u64::MAX
    } else {
        match digits(last) {
            Some(end) if end >= start => end,
            _ => return RangeOutcome::Ignore,
        }
    };
    if start >= len {
        return RangeOutcome::Unsatisfiable;
    }
    RangeOutcome::Partial {
        start,
        end: end.min(len - 1),
    }
}

/// A non-empty run of ASCII digits, saturating at `u64::MAX`.
fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

/// An entity tag without its weakness prefix.
fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

/// Whole seconds since the epoch (HTTP dates have one-second resolution).
fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Inserts a header whose value is known to be valid; silently skips an invalid one.
fn put(headers: &mut HeaderMap, name: HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.insert(name, v);
    }
}

fn respond(status: StatusCode, headers: HeaderMap, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

/// A short plain-text response (errors).
fn text(status: StatusCode, message: &'static str) -> Response {
    let mut h = HeaderMap::new();
    put(&mut h, header::CONTENT_TYPE, "text/plain; charset=utf-8");
    put(&mut h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    put(&mut h, header::CACHE_CONTROL, "no-store");
    respond(status, h, Body::from(message))
}

fn method_not_allowed() -> Response {
    let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    put(response.headers_mut(), header::ALLOW, "GET, HEAD");
    response
}

fn not_found() -> Response {
    text(StatusCode::NOT_FOUND, "not found")
}

/// Maps an I/O error at serve time to a response; never a 500.
fn io_error(e: std::io::Error) -> Response {
    match e.kind() {
        std::io::ErrorKind::NotFound => text(StatusCode::NOT_FOUND, "file no longer exists"),
        std::io::ErrorKind::PermissionDenied => {
            tracing::warn!(error = %e, "file became unreadable");
            text(StatusCode::NOT_FOUND, "file is no longer readable")
        }
        _ => {
            tracing::warn!(error = %e, "cannot read file");
            text(StatusCode::SERVICE_UNAVAILABLE, "file temporarily unavailable")
        }
    }
}

/// The handler of `GET`/`HEAD /file/{session}/{token}/{name}`; `name` is cosmetic.
///
/// Unknown, malformed, expired or other-session tokens, and undecodable paths, get 404
/// `not found`; methods other than `GET` and `HEAD` get 405.
pub async fn file_route(
    State(store): State<Arc<FileStore>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let ids = path.ok().map(|Path((session, token, _name))| (session, token));
    lookup(&store, ids, &method, &headers).await
}

/// `GET`/`HEAD /file/{session}/{token}`: the same without the cosmetic name.
async fn file_route_bare(
    State(store): State<Arc<FileStore>>,
    path: Result<Path<(String, String)>, PathRejection>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    lookup(&store, path.ok().map(|Path(ids)| ids), &method, &headers).await
}

async fn lookup(
    store: &FileStore,
    ids: Option<(String, String)>,
    method: &Method,
    headers: &HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return method_not_allowed();
    }
    let Some(entry) = ids.and_then(|(session, token)| store.get(&token, &session)) else {
        return not_found();
    };
    serve_entry(&entry, method, headers).await
}

/// A router serving the store's files at `/file/{session}/{token}/{name}` and
/// `/file/{session}/{token}`. Merge it into the app's router.
pub fn file_router(store: Arc<FileStore>) -> Router {
    Router::new()
        .route("/file/{session}/{token}/{name}", any(file_route))
        .route("/file/{session}/{token}", any(file_route_bare))
        .with_state(store)
}

/// The URL path of a file: `/file/<session>/<token>/<file name>`, percent-encoded.
///
/// ```
/// use ferry_ui::files::{serve::file_url, Token};
/// let token: Token = "0123456789abcdef0123456789abcdef".parse().unwrap();
/// assert_eq!(
///     file_url("s1", &token, "my report.csv"),
///     "/file/s1/0123456789abcdef0123456789abcdef/my%20report.csv"
/// );
/// ```
pub fn file_url(session: &str, token: &Token, file_name: &str) -> String {
    format!(
        "/file/{}/{token}/{}",
        utf8_percent_encode(session, SEGMENT),
        utf8_percent_encode(file_name, SEGMENT)
    )
}

#[cfg(test)]
#[path = "serve_tests.rs"]
mod tests;
