//! Serving a [`FileEntry`] over HTTP: `GET`/`HEAD`, ranges, validators, and the token route.
//!
//! [`serve_entry`] answers one request for one entry with constant memory: files on disk are
//! opened at serve time (open, metadata and validators in one blocking call) and streamed in
//! chunks of up to 256 KiB, files of 64 KiB or less are read whole in that same call, and
//! in-memory bytes are sliced without copying. It honours `Range` (one range; multi-range requests get the whole file, so a
//! request never costs more than one pass), `If-Range`, `If-None-Match`, `If-Modified-Since`
//! and `HEAD`. [`file_router`] mounts [`file_route`] at `/file/{session}/{token}/{name}`.

use std::io::SeekFrom;
use std::sync::Arc;

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

mod headers;
mod streamed;

use self::headers::{if_range_allows, not_modified, parse_range, path_etag, Meta, RangeOutcome};
use super::disposition::content_disposition;
use super::source::{EntryBody, FileEntry};
use super::store::{FileStore, Token};

/// Read size for streaming files from disk.
const CHUNK: usize = 256 * 1024;
/// Files up to this size are read whole when opened, and served like in-memory bytes.
const SMALL_FILE: u64 = 64 * 1024;
/// Cache policy of app-wide files (values built at start-up): the browser may keep them, but
/// revalidates each time.
const CACHE_CONTROL: &str = "private, max-age=0, must-revalidate";
/// Cache policy of a session's files (uploads, what its handlers made): never stored.
const SESSION_CACHE_CONTROL: &str = "private, no-store";
/// The scope in file URLs of app-wide tokens (session ids are 32 hex digits, never this).
const APP_SCOPE: &str = "app";
/// Policy for entries served inline (icons): no scripts, no requests, a sandboxed origin.
const INLINE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
/// Policy for downloads: an HTML or SVG file opened directly runs nothing, in a sandboxed
/// origin that is not the app's.
const ATTACHMENT_CSP: &str = "default-src 'none'; sandbox";
/// Path segments keep only RFC 3986 unreserved characters unencoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The opened content.
enum Opened {
    File(tokio::fs::File),
    Bytes(Bytes),
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
    match entry.body() {
        EntryBody::Direct(stream) => return streamed::serve_direct(entry, stream, method),
        EntryBody::Zip(plan) => return streamed::serve_zip(entry, plan, method).await,
        _ => {}
    }
    let (opened, meta) = match open(entry).await {
        Ok(x) => x,
        Err(response) => return response,
    };

    let mut out = HeaderMap::new();
    put(&mut out, header::ETAG, &meta.etag);
    if let Some(lm) = meta.last_modified {
        put(
            &mut out,
            header::LAST_MODIFIED,
            &httpdate::fmt_http_date(lm),
        );
    }
    put(&mut out, header::CACHE_CONTROL, CACHE_CONTROL);
    if not_modified(headers, &meta) {
        return respond(StatusCode::NOT_MODIFIED, out, Body::empty());
    }

    content_headers(entry, &mut out);
    put(&mut out, header::ACCEPT_RANGES, "bytes");

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
            put(
                &mut out,
                header::CONTENT_RANGE,
                &format!("bytes */{}", meta.len),
            );
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

/// The headers every file response carries: type, disposition, `nosniff` and the policy.
fn content_headers(entry: &FileEntry, out: &mut HeaderMap) {
    put(out, header::CONTENT_TYPE, entry.content_type());
    out.insert(
        header::CONTENT_DISPOSITION,
        content_disposition(entry.file_name(), entry.inline()),
    );
    put(out, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    let policy = if entry.inline() {
        INLINE_CSP
    } else {
        ATTACHMENT_CSP
    };
    put(out, header::CONTENT_SECURITY_POLICY, policy);
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
        EntryBody::Path(_) | EntryBody::Spooled(_) => {
            let path = match entry.body() {
                EntryBody::Spooled(file) => file.path().to_owned(),
                EntryBody::Path(path) => path.clone(),
                _ => return Err(not_found()),
            };
            match tokio::task::spawn_blocking(move || open_path(&path)).await {
                Ok(Ok(Some(opened))) => Ok(opened),
                Ok(Ok(None)) => Err(text(StatusCode::NOT_FOUND, "file no longer exists")),
                Ok(Err(e)) => Err(io_error(e)),
                Err(_) => Err(io_error(std::io::Error::other("blocking pool gone"))),
            }
        }
        // Served by `streamed` before the entry is opened.
        EntryBody::Direct(_) | EntryBody::Zip(_) => Err(not_found()),
    }
}

/// Opens a file on disk and reads its validators and, when it is small, its content, all in one
/// blocking call (one trip to the blocking pool per request instead of three or more).
/// `None` when the path is not a regular file.
fn open_path(path: &std::path::Path) -> std::io::Result<Option<(Opened, Meta)>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let md = file.metadata()?;
    if !md.is_file() {
        return Ok(None);
    }
    let mut meta = Meta {
        len: md.len(),
        etag: path_etag(&md),
        last_modified: md.modified().ok(),
    };
    if md.len() <= SMALL_FILE {
        let mut content = Vec::with_capacity(usize::try_from(md.len()).unwrap_or(0));
        (&file).take(md.len()).read_to_end(&mut content)?;
        meta.len = content.len() as u64;
        return Ok(Some((Opened::Bytes(Bytes::from(content)), meta)));
    }
    Ok(Some((Opened::File(tokio::fs::File::from_std(file)), meta)))
}

/// The body for bytes `start..start + len`.
async fn body(opened: Opened, start: u64, len: u64) -> Result<Body, Response> {
    match opened {
        Opened::Bytes(bytes) => {
            let from = usize::try_from(start)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            let to = usize::try_from(start.saturating_add(len))
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            Ok(Body::from(bytes.slice(from..to)))
        }
        Opened::File(mut file) => {
            if start > 0 {
                file.seek(SeekFrom::Start(start)).await.map_err(io_error)?;
            }
            // No 256 KiB buffer for a short range.
            let capacity = usize::try_from(len).map_or(CHUNK, |len| len.clamp(1, CHUNK));
            let stream = ReaderStream::with_capacity(file.take(len), capacity);
            Ok(Body::from_stream(stream))
        }
    }
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
            text(
                StatusCode::SERVICE_UNAVAILABLE,
                "file temporarily unavailable",
            )
        }
    }
}

/// The handler of `GET`/`HEAD /file/{session}/{token}/{name}`; `name` is cosmetic.
///
/// Unknown, malformed, expired or other-session tokens, and undecodable paths, get 404
/// `not found`; methods other than `GET` and `HEAD` get 405. A session's files (any scope but
/// `app`) are sent with `Cache-Control: private, no-store`.
pub async fn file_route(
    State(store): State<Arc<FileStore>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let ids = path
        .ok()
        .map(|Path((session, token, _name))| (session, token));
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
    let Some((scope, entry)) = ids.and_then(|(session, token)| {
        let entry = store.get(&token, &session)?;
        Some((session, entry))
    }) else {
        return not_found();
    };
    let mut response = serve_entry(&entry, method, headers).await;
    if scope != APP_SCOPE {
        put(
            response.headers_mut(),
            header::CACHE_CONTROL,
            SESSION_CACHE_CONTROL,
        );
    }
    response
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
#[allow(clippy::unwrap_used)]
mod tests;
