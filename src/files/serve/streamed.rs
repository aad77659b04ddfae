//! Responses whose bytes are made as they are sent: a direct stream (sent once) and a zip
//! (written anew for each request). Neither has an ETag nor honours `Range`
//! (`Accept-Ranges: none`); a `Content-Length` is sent when the length is known ahead (a
//! declared stream size; a zip of stored entries), chunked otherwise. When making the bytes
//! fails mid-way the body errors, so the connection is broken off and the browser shows a
//! failed download.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;

use super::{content_headers, io_error, put, respond, text, CACHE_CONTROL};
use crate::files::source::FileEntry;
use crate::files::stream_body::DirectStream;
use crate::files::zip::ZipPlan;

/// The headers of a made-as-sent response of `len` bytes, when known.
fn made_headers(entry: &FileEntry, len: Option<u64>) -> HeaderMap {
    let mut out = HeaderMap::new();
    put(&mut out, header::CACHE_CONTROL, CACHE_CONTROL);
    content_headers(entry, &mut out);
    put(&mut out, header::ACCEPT_RANGES, "none");
    if let Some(len) = len {
        put(&mut out, header::CONTENT_LENGTH, &len.to_string());
    }
    out
}

/// Sends a direct stream: the first `GET` takes it, later ones get `410 Gone`; `HEAD` only
/// describes it.
pub(super) fn serve_direct(entry: &FileEntry, stream: &DirectStream, method: &Method) -> Response {
    let out = made_headers(entry, stream.size());
    if method == Method::HEAD {
        return respond(StatusCode::OK, out, Body::empty());
    }
    match stream.take() {
        Some(body) => respond(StatusCode::OK, out, Body::from_stream(body)),
        None => text(
            StatusCode::GONE,
            "this download was streamed once and cannot be sent again",
        ),
    }
}

/// Sends a zip, written as it is sent.
pub(super) async fn serve_zip(
    entry: &FileEntry,
    plan: &std::sync::Arc<ZipPlan>,
    method: &Method,
) -> Response {
    let (len, body) = match plan.open().await {
        Ok(opened) => opened,
        Err(error) => return io_error(error),
    };
    let out = made_headers(entry, len);
    if method == Method::HEAD {
        return respond(StatusCode::OK, out, Body::empty());
    }
    respond(StatusCode::OK, out, Body::from_stream(body))
}
