//! The checks in front of the routes: the `Host` check (against DNS rebinding), the `Origin`
//! check of the state-changing routes and the stream (against cross-site requests), and JSON
//! bodies only on the API. Each refusal is a 4xx with a `text/plain` message.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::origin::{HostName, Origin};
use super::page_headers::PagePolicy;

/// The most of a client's header value a refusal message repeats.
const ECHO_LIMIT: usize = 100;

/// What the checks admit, resolved when the app starts serving.
pub(crate) struct Guard {
    /// Origins besides the app's own.
    origins: Vec<Origin>,
    /// The host names answered, or `None` to answer every host.
    hosts: Option<Vec<HostName>>,
    /// The page's Content-Security-Policy.
    pub policy: PagePolicy,
}

impl Guard {
    pub fn new(origins: Vec<Origin>, hosts: Option<Vec<HostName>>, policy: PagePolicy) -> Self {
        Guard {
            origins,
            hosts,
            policy,
        }
    }
}

/// Every route: a request whose `Host` the app does not answer to gets 403.
pub(crate) async fn check_host(
    State(guard): State<Arc<Guard>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(admitted) = &guard.hosts else {
        return next.run(request).await;
    };
    let default_port = default_port(&scheme(&request));
    let verdict = match request_host(&request) {
        Some(Ok(host)) if admitted.iter().any(|a| a.admits(&host, default_port)) => Ok(()),
        Some(Ok(host)) => Err(format!("the host name {host}")),
        Some(Err(text)) => Err(format!("the host {}", echo(&text))),
        None => Err("a request without a Host header".to_owned()),
    };
    match verdict {
        Ok(()) => next.run(request).await,
        Err(what) => {
            tracing::warn!("refused {what}: not an allowed host");
            refuse(
                StatusCode::FORBIDDEN,
                format!(
                    "this server does not answer to {what} (a defence against DNS rebinding): \
                     allow it with App::allowed_hosts or FERRY_ALLOWED_HOSTS"
                ),
            )
        }
    }
}

/// The state-changing routes and the stream: an `Origin` other than the app's own and the
/// allowed ones gets 403, and so does a request without `Origin` that the browser says comes
/// from another site.
pub(crate) async fn check_origin(
    State(guard): State<Arc<Guard>>,
    request: Request,
    next: Next,
) -> Response {
    match origin_verdict(&guard, &request) {
        Ok(()) => next.run(request).await,
        Err(why) => {
            tracing::warn!("refused a cross-origin request: {why}");
            refuse(
                StatusCode::FORBIDDEN,
                format!("cross-origin request refused: {why}"),
            )
        }
    }
}

fn origin_verdict(guard: &Guard, request: &Request) -> Result<(), String> {
    let headers = request.headers();
    let mut values = headers.get_all(header::ORIGIN).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return no_origin(headers);
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    let own = match request_host(request) {
        Some(Ok(host)) => Some(Origin::of_request(&scheme(request), &host)),
        _ => None,
    };
    let Ok(origin) = Origin::parse(&text) else {
        return Err(format!(
            "the Origin {} is not this app's{} nor an allowed origin \
             (App::allowed_origins, FERRY_ALLOWED_ORIGINS)",
            echo(&text),
            own.map(|own| format!(" ({own})")).unwrap_or_default()
        ));
    };
    if own.as_ref() == Some(&origin) || guard.origins.contains(&origin) {
        return Ok(());
    }
    Err(format!(
        "the Origin {origin} is not this app's{} nor an allowed origin \
         (App::allowed_origins, FERRY_ALLOWED_ORIGINS)",
        own.map(|own| format!(" ({own})")).unwrap_or_default()
    ))
}

/// A request without one `Origin`: refused when it has several, or when the browser's
/// `Sec-Fetch-Site` says it comes from another origin; allowed otherwise (curl, scripts and API
/// clients send neither; browsers send `Origin` on every POST, and `Sec-Fetch-Site` on
/// every request).
fn no_origin(headers: &HeaderMap) -> Result<(), String> {
    if headers.get_all(header::ORIGIN).iter().count() > 1 {
        return Err("the request has more than one Origin header".to_owned());
    }
    match headers.get("sec-fetch-site").map(HeaderValue::as_bytes) {
        None | Some(b"same-origin" | b"none") => Ok(()),
        Some(site) => Err(format!(
            "the request has no Origin header and its Sec-Fetch-Site is {}",
            echo(&String::from_utf8_lossy(site))
        )),
    }
}

/// `api/session` and `api/run`: a body that is not `Content-Type: application/json` gets 415
/// (a `text/plain` body is what a cross-site form or `no-cors` fetch can send).
pub(crate) async fn require_json(request: Request, next: Next) -> Response {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let essence = content_type
        .as_deref()
        .and_then(|v| v.split(';').next())
        .map(str::trim);
    if essence.is_some_and(|e| e.eq_ignore_ascii_case("application/json")) {
        return next.run(request).await;
    }
    let sent = match content_type {
        Some(value) => format!("this request's is {}", echo(&value)),
        None => "this request has none".to_owned(),
    };
    refuse(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!("this route takes a JSON body with Content-Type: application/json ({sent})"),
    )
}

/// The scheme the client used: `X-Forwarded-Proto` or `Forwarded: proto=` when a proxy says
/// so (a page cannot set either on a request to another origin), else the request's own.
fn scheme(request: &Request) -> String {
    let headers = request.headers();
    let forwarded_proto = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim);
    let forwarded = || {
        headers
            .get(header::FORWARDED)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|first| {
                first.split(';').find_map(|pair| {
                    let (name, value) = pair.trim().split_once('=')?;
                    name.eq_ignore_ascii_case("proto")
                        .then(|| value.trim_matches('"'))
                })
            })
    };
    let scheme = forwarded_proto
        .or_else(forwarded)
        .or_else(|| request.uri().scheme_str())
        .unwrap_or("http")
        .to_ascii_lowercase();
    if scheme == "https" {
        scheme
    } else {
        "http".to_owned()
    }
}

fn default_port(scheme: &str) -> Option<u16> {
    Some(if scheme == "https" { 443 } else { 80 })
}

/// The request's `Host` (or, in HTTP/2, its authority): parsed, or the text that did not
/// parse; `None` when it has neither.
fn request_host(request: &Request) -> Option<Result<HostName, String>> {
    let text = match request.headers().get(header::HOST) {
        Some(value) => String::from_utf8_lossy(value.as_bytes()).into_owned(),
        None => request.uri().authority()?.as_str().to_owned(),
    };
    Some(HostName::parse(text.trim()).map_err(|_| text))
}

/// A client's value for a message: quoted, cut at [`ECHO_LIMIT`] characters.
fn echo(text: &str) -> String {
    let cut: String = text.chars().take(ECHO_LIMIT).collect();
    if cut.len() < text.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

fn refuse(status: StatusCode, message: String) -> Response {
    (status, message).into_response()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().uri("/api/run");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(axum::body::Body::empty()).unwrap()
    }

    fn guard() -> Guard {
        Guard::new(
            vec![Origin::parse("https://portal.example").unwrap()],
            None,
            PagePolicy::new(None),
        )
    }

    #[test]
    fn the_origin_verdict_table() {
        let host = ("host", "127.0.0.1:7860");
        for (headers, allowed) in [
            (vec![host, ("origin", "http://127.0.0.1:7860")], true),
            (vec![host, ("origin", "HTTP://127.0.0.1:7860")], true),
            (vec![host, ("origin", "https://portal.example")], true),
            (vec![host], true),
            (vec![host, ("sec-fetch-site", "same-origin")], true),
            (vec![host, ("sec-fetch-site", "none")], true),
            (vec![host, ("sec-fetch-site", "cross-site")], false),
            (vec![host, ("sec-fetch-site", "same-site")], false),
            (vec![host, ("origin", "null")], false),
            (
                vec![host, ("origin", "http://127.0.0.1:7860.evil.test")],
                false,
            ),
            (vec![host, ("origin", "http://127.0.0.1.evil.test")], false),
            (vec![host, ("origin", "http://127.0.0.1:7861")], false),
            (vec![host, ("origin", "https://127.0.0.1:7860")], false),
            (vec![host, ("origin", "http://localhost:7860")], false),
            (
                vec![
                    host,
                    ("origin", "http://127.0.0.1:7860"),
                    ("origin", "http://127.0.0.1:7860"),
                ],
                false,
            ),
            (vec![("origin", "http://127.0.0.1:7860")], false),
            (
                vec![
                    ("host", "app.example"),
                    ("x-forwarded-proto", "https"),
                    ("origin", "https://app.example"),
                ],
                true,
            ),
            (
                vec![
                    ("host", "app.example"),
                    ("forwarded", "for=1.2.3.4;proto=https"),
                    ("origin", "https://app.example"),
                ],
                true,
            ),
            (
                vec![("host", "app.example"), ("origin", "https://app.example")],
                false,
            ),
        ] {
            let verdict = origin_verdict(&guard(), &request(&headers));
            assert_eq!(verdict.is_ok(), allowed, "{headers:?}: {verdict:?}");
        }
    }

    #[test]
    fn refusal_messages_say_what_was_refused() {
        let verdict = |headers: &[(&str, &str)]| origin_verdict(&guard(), &request(headers));
        assert_eq!(
            verdict(&[("host", "127.0.0.1:7860"), ("origin", "http://evil.test")]).unwrap_err(),
            "the Origin http://evil.test is not this app's (http://127.0.0.1:7860) nor an \
             allowed origin (App::allowed_origins, FERRY_ALLOWED_ORIGINS)"
        );
        assert_eq!(
            verdict(&[("host", "127.0.0.1:7860"), ("origin", "null")]).unwrap_err(),
            "the Origin \"null\" is not this app's (http://127.0.0.1:7860) nor an allowed \
             origin (App::allowed_origins, FERRY_ALLOWED_ORIGINS)"
        );
        let long = format!("http://{}", "a".repeat(300));
        let message = verdict(&[("origin", long.as_str())]).unwrap_err();
        assert!(message.len() < 250, "{message}");
    }
}
