//! Content types for file downloads.
//!
//! [`content_type_for`] guesses a `Content-Type` from a file name and adds `charset=utf-8` to
//! textual types, so that browsers never have to guess the encoding (and never sniff, together
//! with `X-Content-Type-Options: nosniff`). [`is_compressible`] tells whether compressing a
//! type is worth it; Ferry does not compress file downloads for now, but the server may use it
//! for other responses.

use mime_guess::mime::{self, Mime};

/// The type sent when nothing better is known.
pub const OCTET_STREAM: &str = "application/octet-stream";

/// Guesses the `Content-Type` of a file from its name.
///
/// Textual types (`text/*`, JSON, JavaScript, XML, SVG and every `+json`/`+xml` type) get
/// `; charset=utf-8`. An unknown extension gives `application/octet-stream`.
///
/// ```
/// use ferry_ui::files::mime::content_type_for;
/// assert_eq!(content_type_for("report.csv"), "text/csv; charset=utf-8");
/// assert_eq!(content_type_for("photo.PNG"), "image/png");
/// assert_eq!(content_type_for("blob"), "application/octet-stream");
/// ```
pub fn content_type_for(file_name: &str) -> String {
    match mime_guess::from_path(file_name).first() {
        Some(mime) => with_charset(&mime),
        None => OCTET_STREAM.to_owned(),
    }
}

/// Parses a MIME type given by the app, adding `charset=utf-8` to textual types without one.
///
/// Returns `None` when `value` is not a valid MIME type (for instance when it holds CR or LF).
pub fn normalize(value: &str) -> Option<String> {
    let mime: Mime = value.trim().parse().ok()?;
    Some(with_charset(&mime))
}

/// Renders `mime`, adding `; charset=utf-8` when it is textual and names no charset.
fn with_charset(mime: &Mime) -> String {
    if is_textual(mime) && mime.get_param(mime::CHARSET).is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// Whether a type is text a browser would decode with a charset.
fn is_textual(mime: &Mime) -> bool {
    if mime.type_() == mime::TEXT {
        return true;
    }
    let suffix_textual = matches!(mime.suffix(), Some(s) if s == mime::JSON || s == mime::XML);
    suffix_textual
        || (mime.type_() == mime::APPLICATION
            && matches!(mime.subtype().as_str(), "json" | "javascript" | "xml"))
}

/// Whether compressing a response of this `Content-Type` saves bytes.
///
/// True for textual types; false for images (except SVG), audio, video, archives, PDFs,
/// `application/octet-stream` and anything unparseable.
pub fn is_compressible(content_type: &str) -> bool {
    let Ok(mime) = content_type.trim().parse::<Mime>() else {
        return false;
    };
    if is_textual(&mime) {
        return true;
    }
    mime.type_() == mime::APPLICATION && matches!(mime.subtype().as_str(), "wasm" | "x-ndjson")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn guesses_with_charset_for_text() {
        let table = [
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.csv", "text/csv; charset=utf-8"),
            ("a.html", "text/html; charset=utf-8"),
            ("a.md", "text/markdown; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.mjs", "application/javascript; charset=utf-8"),
            ("a.json", "application/json; charset=utf-8"),
            ("a.xml", "text/xml; charset=utf-8"),
            ("a.svg", "image/svg+xml; charset=utf-8"),
            ("a.png", "image/png"),
            ("a.pdf", "application/pdf"),
            ("a.zip", "application/zip"),
            ("a.gz", "application/gzip"),
            ("A.CSV", "text/csv; charset=utf-8"),
            ("noext", OCTET_STREAM),
            ("weird.unknownext", OCTET_STREAM),
            ("", OCTET_STREAM),
        ];
        for (name, want) in table {
            assert_eq!(content_type_for(name), want, "{name}");
        }
    }

    #[test]
    fn normalize_overrides() {
        assert_eq!(
            normalize("text/plain").as_deref(),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(
            normalize("text/csv; charset=latin1").as_deref(),
            Some("text/csv; charset=latin1")
        );
        assert_eq!(
            normalize("application/vnd.ms-excel").as_deref(),
            Some("application/vnd.ms-excel")
        );
        assert_eq!(normalize("text/plain\r\nX-Evil: 1"), None);
        assert_eq!(normalize("not a mime"), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn compressible_table() {
        let table = [
            ("text/plain; charset=utf-8", true),
            ("text/csv", true),
            ("application/json", true),
            ("application/javascript", true),
            ("image/svg+xml", true),
            ("application/ld+json", true),
            ("application/xml", true),
            ("application/wasm", true),
            ("image/png", false),
            ("image/jpeg", false),
            ("video/mp4", false),
            ("audio/mpeg", false),
            ("application/zip", false),
            ("application/gzip", false),
            ("application/pdf", false),
            ("application/octet-stream", false),
            ("garbage", false),
        ];
        for (ct, want) in table {
            assert_eq!(is_compressible(ct), want, "{ct}");
        }
    }
}
