//! Reading a request's `Range`, `If-Range`, `If-None-Match` and `If-Modified-Since` against
//! the entry's validators.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{header, HeaderMap};

/// The validators and size of the entry at serve time.
pub(super) struct Meta {
    pub(super) len: u64,
    pub(super) etag: String,
    pub(super) last_modified: Option<SystemTime>,
}

/// What a `Range` header asks for, against a representation of a known length.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum RangeOutcome {
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

/// A strong ETag from the file's length, modification time and identity.
pub(super) fn path_etag(md: &std::fs::Metadata) -> String {
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
pub(super) fn not_modified(headers: &HeaderMap, meta: &Meta) -> bool {
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
pub(super) fn if_range_allows(headers: &HeaderMap, meta: &Meta) -> bool {
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
pub(super) fn parse_range(value: &str, len: u64) -> RangeOutcome {
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
