//! Table tests for `serve.rs` and `serve/headers.rs`, driving `file_router` with `tower::ServiceExt::oneshot`.

use super::headers::{parse_range, RangeOutcome};
use super::*;
use crate::files::store::Owner;
use axum::http::Request;
use tower::ServiceExt;

const DIGITS: &[u8] = b"0123456789";

struct Fixture {
    router: Router,
    store: Arc<FileStore>,
    bytes_url: String,
    path_url: String,
    empty_url: String,
    _dir: tempfile::TempDir,
    file: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let store = Arc::new(FileStore::new());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("digits.txt");
    std::fs::write(&file, DIGITS).unwrap();
    let bytes = Arc::new(FileEntry::new(
        "digits.txt",
        "text/plain; charset=utf-8",
        EntryBody::from_bytes(Bytes::from_static(DIGITS)),
    ));
    let path = Arc::new(FileEntry::new(
        "digits.txt",
        "text/plain; charset=utf-8",
        EntryBody::Path(file.clone()),
    ));
    let empty = Arc::new(FileEntry::new(
        "empty.bin",
        "application/octet-stream",
        EntryBody::from_bytes(Bytes::new()),
    ));
    let s = || Owner::Session("s1".to_owned());
    let bytes_url = file_url("s1", &store.issue(s(), bytes), "digits.txt");
    let path_url = file_url("s1", &store.issue(s(), path), "digits.txt");
    let empty_url = file_url("s1", &store.issue(s(), empty), "empty.bin");
    Fixture {
        router: file_router(Arc::clone(&store)),
        store,
        bytes_url,
        path_url,
        empty_url,
        _dir: dir,
        file,
    }
}

struct Got {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

async fn send(router: &Router, method: Method, uri: &str, headers: &[(&str, &str)]) -> Got {
    let mut req = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    Got {
        status,
        headers,
        body,
    }
}

async fn get(router: &Router, uri: &str, headers: &[(&str, &str)]) -> Got {
    send(router, Method::GET, uri, headers).await
}

#[test]
fn range_parsing_table() {
    use RangeOutcome::*;
    let p = |start, end| Partial { start, end };
    let table = [
        ("bytes=0-3", 10, p(0, 3)),
        ("bytes=2-2", 10, p(2, 2)),
        ("bytes=7-", 10, p(7, 9)),
        ("bytes=-3", 10, p(7, 9)),
        ("bytes=-100", 10, p(0, 9)),
        ("bytes=5-100", 10, p(5, 9)),
        ("bytes=0-99999999999999999999999", 10, p(0, 9)),
        ("BYTES=0-3", 10, p(0, 3)),
        (" bytes = 1 - 2 ", 10, p(1, 2)),
        ("bytes=9-9", 10, p(9, 9)),
        ("bytes=10-", 10, Unsatisfiable),
        ("bytes=10-20", 10, Unsatisfiable),
        ("bytes=99999999999999999999999-", 10, Unsatisfiable),
        ("bytes=-0", 10, Unsatisfiable),
        ("bytes=0-", 0, Unsatisfiable),
        ("bytes=0-0", 0, Unsatisfiable),
        ("bytes=-0", 0, Unsatisfiable),
        ("bytes=-5", 0, Ignore),
        ("bytes=3-1", 10, Ignore),
        ("bytes=0-1,3-4", 10, Ignore),
        ("bytes=0-1,", 10, Ignore),
        ("bytes=-", 10, Ignore),
        ("bytes=--5", 10, Ignore),
        ("bytes=-5-", 10, Ignore),
        ("bytes=a-b", 10, Ignore),
        ("bytes=+1-2", 10, Ignore),
        ("bytes=1", 10, Ignore),
        ("bytes 0-3", 10, Ignore),
        ("items=0-3", 10, Ignore),
        ("bytes=", 10, Ignore),
        ("", 10, Ignore),
    ];
    for (header, len, want) in table {
        assert_eq!(parse_range(header, len), want, "{header:?} len {len}");
    }
}

#[tokio::test]
async fn full_response_headers() {
    let f = fixture();
    for url in [&f.bytes_url, &f.path_url] {
        let g = get(&f.router, url, &[]).await;
        assert_eq!(g.status, StatusCode::OK);
        assert_eq!(&g.body[..], DIGITS);
        assert_eq!(g.header("content-type"), Some("text/plain; charset=utf-8"));
        assert_eq!(
            g.header("content-disposition"),
            Some("attachment; filename=\"digits.txt\"; filename*=UTF-8''digits.txt")
        );
        assert_eq!(g.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(g.header("accept-ranges"), Some("bytes"));
        assert_eq!(g.header("content-length"), Some("10"));
        assert_eq!(g.header("cache-control"), Some(SESSION_CACHE_CONTROL));
        assert_eq!(g.header("content-security-policy"), Some(ATTACHMENT_CSP));
        let etag = g.header("etag").unwrap();
        assert!(
            etag.starts_with('"') && etag.ends_with('"') && etag.len() >= 34,
            "{etag}"
        );
    }
    let g = get(&f.router, &f.path_url, &[]).await;
    let lm = g.header("last-modified").unwrap();
    let mtime = std::fs::metadata(&f.file).unwrap().modified().unwrap();
    assert_eq!(lm, httpdate::fmt_http_date(mtime));
    assert!(get(&f.router, &f.bytes_url, &[])
        .await
        .header("last-modified")
        .is_none());
}

#[tokio::test]
async fn ranges_over_http_for_bytes_and_paths() {
    let f = fixture();
    let table: [(&str, StatusCode, &str, Option<&str>); 10] = [
        (
            "bytes=0-3",
            StatusCode::PARTIAL_CONTENT,
            "0123",
            Some("bytes 0-3/10"),
        ),
        (
            "bytes=-3",
            StatusCode::PARTIAL_CONTENT,
            "789",
            Some("bytes 7-9/10"),
        ),
        (
            "bytes=7-",
            StatusCode::PARTIAL_CONTENT,
            "789",
            Some("bytes 7-9/10"),
        ),
        (
            "bytes=5-100",
            StatusCode::PARTIAL_CONTENT,
            "56789",
            Some("bytes 5-9/10"),
        ),
        (
            "bytes=10-",
            StatusCode::RANGE_NOT_SATISFIABLE,
            "",
            Some("bytes */10"),
        ),
        (
            "bytes=-0",
            StatusCode::RANGE_NOT_SATISFIABLE,
            "",
            Some("bytes */10"),
        ),
        ("bytes=0-1,4-5", StatusCode::OK, "0123456789", None),
        ("bytes=zzz", StatusCode::OK, "0123456789", None),
        ("lines=0-3", StatusCode::OK, "0123456789", None),
        ("bytes=3-1", StatusCode::OK, "0123456789", None),
    ];
    for url in [&f.bytes_url, &f.path_url] {
        for (range, status, body, content_range) in table {
            let g = get(&f.router, url, &[("range", range)]).await;
            assert_eq!(g.status, status, "{range} {url}");
            assert_eq!(&g.body[..], body.as_bytes(), "{range} {url}");
            assert_eq!(g.header("content-range"), content_range, "{range}");
            assert_eq!(g.header("content-length"), Some(&*body.len().to_string()));
        }
    }
}

#[tokio::test]
async fn empty_file() {
    let f = fixture();
    let g = get(&f.router, &f.empty_url, &[]).await;
    assert_eq!(
        (g.status, g.header("content-length")),
        (StatusCode::OK, Some("0"))
    );
    let g = get(&f.router, &f.empty_url, &[("range", "bytes=0-")]).await;
    assert_eq!(g.status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(g.header("content-range"), Some("bytes */0"));
    let g = get(&f.router, &f.empty_url, &[("range", "bytes=-5")]).await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.is_empty());
}

#[tokio::test]
async fn if_none_match_and_if_modified_since() {
    let f = fixture();
    for url in [&f.bytes_url, &f.path_url] {
        let etag = get(&f.router, url, &[])
            .await
            .header("etag")
            .unwrap()
            .to_owned();
        let weak = format!("W/{etag}");
        let list = format!("\"nope\", {etag}");
        let cases: [(&[(&str, &str)], StatusCode); 6] = [
            (&[("if-none-match", &etag)], StatusCode::NOT_MODIFIED),
            (&[("if-none-match", &weak)], StatusCode::NOT_MODIFIED),
            (&[("if-none-match", &list)], StatusCode::NOT_MODIFIED),
            (&[("if-none-match", "*")], StatusCode::NOT_MODIFIED),
            (&[("if-none-match", "\"other\"")], StatusCode::OK),
            (
                &[
                    ("if-none-match", "\"other\""),
                    ("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT"),
                ],
                StatusCode::OK,
            ),
        ];
        for (headers, status) in cases {
            for method in [Method::GET, Method::HEAD] {
                let g = send(&f.router, method, url, headers).await;
                assert_eq!(g.status, status, "{headers:?}");
                if status == StatusCode::NOT_MODIFIED {
                    assert!(g.body.is_empty());
                    assert_eq!(g.header("etag"), Some(etag.as_str()));
                    assert_eq!(g.header("cache-control"), Some(SESSION_CACHE_CONTROL));
                }
            }
        }
    }

    let lm = get(&f.router, &f.path_url, &[]).await;
    let lm = lm.header("last-modified").unwrap();
    let future = "Fri, 01 Jan 2100 00:00:00 GMT";
    let past = "Thu, 01 Jan 1970 00:00:00 GMT";
    let cases = [
        (lm, StatusCode::NOT_MODIFIED),
        (future, StatusCode::NOT_MODIFIED),
        (past, StatusCode::OK),
        ("garbage", StatusCode::OK),
    ];
    for (since, status) in cases {
        let g = get(&f.router, &f.path_url, &[("if-modified-since", since)]).await;
        assert_eq!(g.status, status, "{since}");
    }
    // Bytes have no Last-Modified, so If-Modified-Since never applies.
    let g = get(&f.router, &f.bytes_url, &[("if-modified-since", future)]).await;
    assert_eq!(g.status, StatusCode::OK);
}

#[tokio::test]
async fn if_range() {
    let f = fixture();
    let path = get(&f.router, &f.path_url, &[]).await;
    let (path_etag, lm) = (
        path.header("etag").unwrap(),
        path.header("last-modified").unwrap(),
    );
    let bytes_etag = get(&f.router, &f.bytes_url, &[]).await;
    let bytes_etag = bytes_etag.header("etag").unwrap();
    let weak = format!("W/{path_etag}");
    let cases = [
        (&f.path_url, path_etag, StatusCode::PARTIAL_CONTENT),
        (&f.path_url, lm, StatusCode::PARTIAL_CONTENT),
        (&f.path_url, &weak, StatusCode::OK),
        (&f.path_url, "\"stale\"", StatusCode::OK),
        (&f.path_url, "Thu, 01 Jan 1970 00:00:00 GMT", StatusCode::OK),
        (&f.path_url, "not a date", StatusCode::OK),
        (&f.bytes_url, bytes_etag, StatusCode::PARTIAL_CONTENT),
        (&f.bytes_url, path_etag, StatusCode::OK),
        (&f.bytes_url, lm, StatusCode::OK),
    ];
    for (url, validator, status) in cases {
        let g = get(
            &f.router,
            url,
            &[("range", "bytes=2-4"), ("if-range", validator)],
        )
        .await;
        assert_eq!(g.status, status, "{validator}");
        let want: &[u8] = if status == StatusCode::OK {
            DIGITS
        } else {
            b"234"
        };
        assert_eq!(&g.body[..], want);
    }
    // If-Range without Range changes nothing.
    let g = get(&f.router, &f.path_url, &[("if-range", "\"stale\"")]).await;
    assert_eq!(g.status, StatusCode::OK);
}

#[tokio::test]
async fn head_and_methods() {
    let f = fixture();
    for url in [&f.bytes_url, &f.path_url] {
        let full = get(&f.router, url, &[]).await;
        let head = send(&f.router, Method::HEAD, url, &[]).await;
        assert_eq!(head.status, StatusCode::OK);
        assert!(head.body.is_empty());
        assert_eq!(head.headers, full.headers);
        let head = send(&f.router, Method::HEAD, url, &[("range", "bytes=1-2")]).await;
        assert_eq!(head.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(head.header("content-length"), Some("2"));
        assert!(head.body.is_empty());
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS] {
            let g = send(&f.router, method.clone(), url, &[]).await;
            assert_eq!(g.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
            assert_eq!(g.header("allow"), Some("GET, HEAD"));
        }
    }
}

#[tokio::test]
async fn vanished_file_is_404_not_500() {
    let f = fixture();
    std::fs::remove_file(&f.file).unwrap();
    let g = get(&f.router, &f.path_url, &[]).await;
    assert_eq!(g.status, StatusCode::NOT_FOUND);
    assert_eq!(&g.body[..], b"file no longer exists");
    std::fs::create_dir(&f.file).unwrap();
    let g = get(&f.router, &f.path_url, &[]).await;
    assert_eq!(g.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unknown_tokens_and_other_sessions() {
    let f = fixture();
    let token = f.bytes_url.split('/').nth(3).unwrap().to_owned();
    let cases = [
        format!("/file/s2/{token}/digits.txt"),
        format!("/file/s1/{}/digits.txt", Token::random()),
        "/file/s1/..%2f..%2fetc%2fpasswd/x".to_owned(),
        "/file/s1/%ff%fe/x".to_owned(),
        "/file/s1/%00/x".to_owned(),
        format!("/file/s1/{}/x", token.to_uppercase()),
    ];
    for uri in cases {
        let g = get(&f.router, &uri, &[]).await;
        assert_eq!(g.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(&g.body[..], b"not found");
    }
    // The bare route and any cosmetic name work.
    for uri in [
        format!("/file/s1/{token}"),
        format!("/file/s1/{token}/whatever.bin"),
    ] {
        assert_eq!(
            get(&f.router, &uri, &[]).await.status,
            StatusCode::OK,
            "{uri}"
        );
    }
    f.store.drop_session("s1");
    assert_eq!(
        get(&f.router, &f.bytes_url, &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn inline_entries_are_sandboxed() {
    let store = Arc::new(FileStore::new());
    let svg = FileEntry::new(
        "icon.svg",
        "image/svg+xml; charset=utf-8",
        EntryBody::from_bytes(Bytes::from_static(b"<svg/>")),
    )
    .into_inline();
    let token = store.issue(Owner::App, Arc::new(svg));
    let router = file_router(store);
    let g = get(&router, &file_url("any", &token, "icon.svg"), &[]).await;
    assert_eq!(g.status, StatusCode::OK);
    assert_eq!(
        g.header("content-disposition"),
        Some("inline; filename=\"icon.svg\"; filename*=UTF-8''icon.svg")
    );
    assert_eq!(g.header("content-security-policy"), Some(INLINE_CSP));
}

#[tokio::test]
async fn an_html_download_is_sandboxed_and_app_wide_files_keep_their_caching() {
    let store = Arc::new(FileStore::new());
    let page = || {
        Arc::new(FileEntry::new(
            "page.html",
            "text/html; charset=utf-8",
            EntryBody::from_bytes(Bytes::from_static(b"<script>alert(1)</script>")),
        ))
    };
    let app = store.issue(Owner::App, page());
    let own = store.issue(Owner::Session("s1".to_owned()), page());
    let router = file_router(store);
    let app_wide = get(&router, &file_url("app", &app, "page.html"), &[]).await;
    let session = get(&router, &file_url("s1", &own, "page.html"), &[]).await;
    for g in [&app_wide, &session] {
        assert_eq!(g.status, StatusCode::OK);
        assert_eq!(
            g.header("content-security-policy"),
            Some("default-src 'none'; sandbox")
        );
        assert_eq!(
            g.header("content-disposition"),
            Some("attachment; filename=\"page.html\"; filename*=UTF-8''page.html")
        );
        assert_eq!(g.header("x-content-type-options"), Some("nosniff"));
    }
    assert_eq!(
        app_wide.header("cache-control"),
        Some("private, max-age=0, must-revalidate")
    );
    assert_eq!(session.header("cache-control"), Some("private, no-store"));
    // An app-wide token read under a session's id is that session's copy: never stored.
    let under_session = get(&router, &file_url("s1", &app, "page.html"), &[]).await;
    assert_eq!(
        under_session.header("cache-control"),
        Some("private, no-store")
    );
}
