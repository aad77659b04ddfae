//! `GET`/`HEAD gradio_api/file=<scope>/<token>/<name>`: a file the app handed to a Gradio
//! client, named by the opaque `path` of its `FileData`. The scope is the session it was issued
//! to (or `app`); the name is cosmetic. Nothing else resolves: a real path, `..` in any
//! spelling, another session's token, a malformed token, an upload not yet taken by an event:
//! all are 404.

use std::sync::Arc;

use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

use crate::files::serve::serve_entry;

use super::state::GradioState;

/// The route's answer for everything it does not serve.
fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

/// `GET gradio_api/{*rest}`: `file=…`, anything else 404.
pub(crate) async fn file(
    State(state): State<Arc<GradioState>>,
    OriginalUri(uri): OriginalUri,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let Some((scope, token)) = uri
        .path()
        .split_once("/gradio_api/file=")
        .and_then(|(_, rest)| parse(rest))
    else {
        return not_found();
    };
    // An upload is an input: it comes back only once an event issued it to a session.
    if state.pools.is_pool(&scope) {
        return not_found();
    }
    let Some(entry) = state.runtime().store.get(&token, &scope) else {
        return not_found();
    };
    let mut response = serve_entry(&entry, &method, &headers).await;
    if scope != "app" {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// `<scope>/<token>` or `<scope>/<token>/<name>`, each segment percent-decoded: the scope 32
/// lowercase hex digits or `app`, the token 32 lowercase hex digits, the name one segment.
fn parse(rest: &str) -> Option<(String, String)> {
    let segments: Vec<String> = rest
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8().map(|s| s.into_owned()))
        .collect::<Result<_, _>>()
        .ok()?;
    let hex32 =
        |s: &str| s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    match segments.as_slice() {
        [scope, token] | [scope, token, _] if (scope == "app" || hex32(scope)) && hex32(token) => {
            if segments.len() == 3 && segments[2].contains(['/', '\\', '\0']) {
                return None;
            }
            Some((scope.clone(), token.clone()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    const T: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn only_scope_token_and_a_cosmetic_name_parse() {
        assert_eq!(
            parse(&format!("app/{T}/a.txt")),
            Some(("app".into(), T.into()))
        );
        assert_eq!(parse(&format!("{T}/{T}")), Some((T.into(), T.into())));
        for bad in [
            "/etc/passwd".to_owned(),
            "etc/passwd".to_owned(),
            format!("../{T}/{T}"),
            format!("app/../{T}"),
            format!("%2e%2e/{T}/x"),
            format!("app/{T}/a/b"),
            format!("app/{T}/a%2fb"),
            format!("app/{T}/a%5cb"),
            format!("app/{T}/a%00b"),
            format!("APP/{T}/x"),
            format!("app/{}/x", T.to_uppercase()),
            format!("app/{T}%00/x"),
            String::new(),
        ] {
            assert_eq!(parse(&bad), None, "{bad}");
        }
    }
}
