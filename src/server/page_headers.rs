//! The headers every answer of the app carries: the page's Content-Security-Policy (unless the
//! route set its own, as file routes do), `X-Content-Type-Options: nosniff` and
//! `Referrer-Policy: no-referrer`; and a `text/plain` message for an error that has no body
//! of a known type (axum's empty 405, for one).

use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::assets;
use super::guard::Guard;

/// The page's referrer policy: its URLs (file URLs carry a session's capability tokens) are
/// never sent to another site, nor to its own.
const REFERRER_POLICY: &str = "no-referrer";

/// The policy of the page, with its `frame-ancestors`.
pub(crate) struct PagePolicy {
    frame_ancestors: String,
    header: HeaderValue,
}

impl PagePolicy {
    /// The policy whose `frame-ancestors` lists `sources` (`None`: `'self'`; empty: `'none'`).
    pub fn new(sources: Option<&[String]>) -> Self {
        let frame_ancestors = match sources {
            None => "'self'".to_owned(),
            Some([]) => "'none'".to_owned(),
            Some(sources) => sources.join(" "),
        };
        let header = header_value(&policy(&frame_ancestors, &BTreeSet::new()));
        PagePolicy {
            frame_ancestors,
            header,
        }
    }

    /// The policy of every answer but the shell's.
    pub fn header(&self) -> HeaderValue {
        self.header.clone()
    }

    /// The shell's policy: also lets the `style="…"` attributes of its first paint apply,
    /// each by the hash of its value.
    pub fn for_shell(&self, first_paint: &str) -> HeaderValue {
        let hashes: BTreeSet<String> = style_attributes(first_paint)
            .map(|value| hash_source(&decode_entities(value)))
            .collect();
        header_value(&policy(&self.frame_ancestors, &hashes))
    }
}

/// The policy text: scripts and styles only from the app (plus the shell's inline stylesheet
/// and hashed style attributes), images from anywhere (icons and Markdown may name remote
/// images; an image runs no script), no plugins, forms and `<base>` only to the app itself.
fn policy(frame_ancestors: &str, attribute_hashes: &BTreeSet<String>) -> String {
    static STYLESHEET: LazyLock<String> =
        LazyLock::new(|| hash_source(&assets::inline_stylesheet()));
    let mut style = format!("'self' {}", &*STYLESHEET);
    if !attribute_hashes.is_empty() {
        style.push_str(" 'unsafe-hashes'");
        for hash in attribute_hashes {
            style.push(' ');
            style.push_str(hash);
        }
    }
    format!(
        "default-src 'self'; script-src 'self'; style-src {style}; img-src * data: blob:; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frame_ancestors}"
    )
}

/// `'sha256-…'` of `text`.
fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The values of the `style="…"` attributes in HTML written by Ferry's first paint (which
/// escapes every `"` in attribute values and text).
fn style_attributes(html: &str) -> impl Iterator<Item = &str> {
    html.split(" style=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(value, _)| value))
}

/// Undoes the first paint's escaping: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`.
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn header_value(text: &str) -> HeaderValue {
    // Made of visible ASCII only: the sources were checked by the setter.
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// Adds the headers every answer carries, without replacing those the route set.
pub(crate) async fn add(State(guard): State<Arc<Guard>>, response: Response) -> Response {
    let mut response = plain_error_body(response);
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, guard.policy.header());
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !headers.contains_key(header::REFERRER_POLICY) {
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static(REFERRER_POLICY),
        );
    }
    response
}

/// An error answer without a `Content-Type` (axum's 405 has an empty body) gets its reason
/// as `text/plain`, so that no error body is ever of an unknown type.
fn plain_error_body(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let reason = status
        .canonical_reason()
        .unwrap_or("error")
        .to_ascii_lowercase();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(reason))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn style_attributes_are_found_and_hashed_by_their_decoded_value() {
        let html = "<div style=\"display:none\"><p>style=&quot;x&quot;</p>\
                    <span style=\"content:&quot;&amp;&quot;\"></span></div>";
        let values: Vec<&str> = style_attributes(html).collect();
        assert_eq!(values, ["display:none", "content:&quot;&amp;&quot;"]);
        assert_eq!(decode_entities(values[1]), "content:\"&\"");
        // echo -n 'display:none' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash_source("display:none"),
            "'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='"
        );
    }

    #[test]
    fn the_shell_policy_adds_its_attribute_hashes_only() {
        let policy = PagePolicy::new(None);
        let plain = policy.for_shell("<div></div>");
        assert_eq!(plain, policy.header());
        let shell = policy.for_shell("<div style=\"display:none\"></div>");
        let text = shell.to_str().unwrap();
        assert!(
            text.contains(
                "'unsafe-hashes' 'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='; img-src"
            ),
            "{text}"
        );
        assert!(text.ends_with("; frame-ancestors 'self'"), "{text}");
        let none = PagePolicy::new(Some(&[]));
        assert!(none
            .header()
            .to_str()
            .unwrap()
            .ends_with("frame-ancestors 'none'"));
    }
}
