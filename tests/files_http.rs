//! File delivery over a real socket: headers, ranges, validators, capability checks, collisions,
//! concurrency and disconnects. Each test starts `file_router` on 127.0.0.1:0.

#![allow(clippy::unwrap_used)]

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ferry_ui::files::serve::{file_router, file_url};
use ferry_ui::files::{FileEntry, FileSource, FileStore, Owner, Resolved, Token};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct Server {
    addr: SocketAddr,
    store: Arc<FileStore>,
    client: reqwest::Client,
}

impl Server {
    async fn start() -> Self {
        let store = Arc::new(FileStore::new());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = file_router(Arc::clone(&store));
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        Self {
            addr,
            store,
            client,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Resolves `source`, issues it for `owner` and returns the entry and its URL path.
    async fn publish(&self, source: FileSource, owner: Owner) -> (Arc<FileEntry>, String) {
        let Resolved::Served(entry) = source.resolve().await.unwrap() else {
            panic!("expected a served source")
        };
        let session = match &owner {
            Owner::App => "app".to_owned(),
            Owner::Session(s) => s.clone(),
        };
        let token = self.store.issue(owner, Arc::clone(&entry));
        let path = file_url(&session, &token, entry.file_name());
        (entry, path)
    }

    async fn get(&self, path: &str, headers: &[(&str, &str)]) -> (StatusCode, HeaderMap, Vec<u8>) {
        let mut req = self.client.get(self.url(path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = req.send().await.unwrap();
        let (status, headers) = (res.status(), res.headers().clone());
        (status, headers, res.bytes().await.unwrap().to_vec())
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

fn session(s: &str) -> Owner {
    Owner::Session(s.to_owned())
}

fn random_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|_| rand::random::<u8>()).collect()
}

/// Sends raw bytes as a request and reads the whole answer (the request asks to close).
async fn raw_request(addr: SocketAddr, target: &[u8]) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let mut req = b"GET ".to_vec();
    req.extend_from_slice(target);
    req.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(&req).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

#[tokio::test]
async fn exact_headers_for_a_file_on_disk() {
    let server = Server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("résumé 日本.csv");
    std::fs::write(&path, "name,age\nAda,36\n").unwrap();
    let (_, url) = server.publish(FileSource::path(&path), session("s1")).await;

    let (status, h, body) = server.get(&url, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"name,age\nAda,36\n");
    assert_eq!(
        header(&h, "content-disposition"),
        Some(
            "attachment; filename=\"r_sum_ __.csv\"; \
             filename*=UTF-8''r%C3%A9sum%C3%A9%20%E6%97%A5%E6%9C%AC.csv"
        )
    );
    assert_eq!(header(&h, "content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(header(&h, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(&h, "accept-ranges"), Some("bytes"));
    assert_eq!(header(&h, "content-length"), Some("16"));
    // A session's file: never kept by the browser or a proxy.
    assert_eq!(header(&h, "cache-control"), Some("private, no-store"));
    assert_eq!(
        header(&h, "content-security-policy"),
        Some("default-src 'none'; sandbox")
    );
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    assert_eq!(
        header(&h, "last-modified"),
        Some(httpdate::fmt_http_date(mtime).as_str())
    );
    let etag = header(&h, "etag").unwrap();
    assert_eq!(etag.len(), 34);
    assert!(etag.starts_with('"') && etag.ends_with('"'));
    assert!(etag[1..33].bytes().all(|b| b.is_ascii_hexdigit()));

    // The ETag changes when the file does.
    std::fs::write(&path, "name,age\nAda,37\n").unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (_, h2, body) = server.get(&url, &[]).await;
    assert_eq!(body, b"name,age\nAda,37\n");
    assert_ne!(header(&h2, "etag"), Some(etag));
}

#[tokio::test]
async fn exact_headers_for_text() {
    let server = Server::start().await;
    let (_, url) = server
        .publish(
            FileSource::text("héllo\n").file_name("notes.txt"),
            session("s1"),
        )
        .await;
    let (status, h, body) = server.get(&url, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "héllo\n".as_bytes());
    assert_eq!(
        header(&h, "content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(
        header(&h, "content-disposition"),
        Some("attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt")
    );
    assert_eq!(header(&h, "content-length"), Some("7"));
    let hex = blake3::hash("héllo\n".as_bytes()).to_hex();
    let want = format!("\"b3-{}\"", &hex.as_str()[..32]);
    assert_eq!(header(&h, "etag"), Some(want.as_str()));
    assert_eq!(header(&h, "last-modified"), None);
}

#[tokio::test]
async fn ranges_validators_and_head() {
    let server = Server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("abc.bin");
    let data = random_bytes(100_000);
    std::fs::write(&path, &data).unwrap();
    let (_, url) = server.publish(FileSource::path(&path), session("s1")).await;
    let (_, h, _) = server.get(&url, &[]).await;
    let etag = header(&h, "etag").unwrap().to_owned();
    let lm = header(&h, "last-modified").unwrap().to_owned();

    let (status, h, body) = server.get(&url, &[("range", "bytes=1000-1999")]).await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(body, &data[1000..2000]);
    assert_eq!(header(&h, "content-range"), Some("bytes 1000-1999/100000"));
    assert_eq!(header(&h, "content-length"), Some("1000"));

    // Resuming a broken download: open-ended range with a matching If-Range.
    let (status, _, body) = server
        .get(&url, &[("range", "bytes=60000-"), ("if-range", &etag)])
        .await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(body, &data[60000..]);
    let (status, _, body) = server
        .get(&url, &[("range", "bytes=-10"), ("if-range", &lm)])
        .await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(body, &data[99990..]);

    // Stale If-Range: the whole file with 200.
    let (status, _, body) = server
        .get(&url, &[("range", "bytes=0-9"), ("if-range", "\"stale\"")])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, data);

    let (status, h, body) = server.get(&url, &[("range", "bytes=100000-")]).await;
    assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(header(&h, "content-range"), Some("bytes */100000"));
    assert!(body.is_empty());

    let (status, _, body) = server.get(&url, &[("range", "bytes=0-1,5-6")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.len(), data.len());

    let (status, h, body) = server.get(&url, &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert_eq!(header(&h, "etag"), Some(etag.as_str()));
    assert!(body.is_empty());
    let (status, _, _) = server.get(&url, &[("if-modified-since", &lm)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);

    let res = server.client.head(server.url(&url)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(res.headers(), "content-length"), Some("100000"));
    assert_eq!(header(res.headers(), "etag"), Some(etag.as_str()));
    assert!(res.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn traversal_attempts_are_404_and_never_leak() {
    let server = Server::start().await;
    let (_, good) = server.publish(FileSource::text("ok"), session("s")).await;
    let token = good.split('/').nth(3).unwrap().to_owned();
    let passwd = std::fs::read("/etc/passwd").unwrap_or_default();
    let long: String = (0..4096)
        .map(|_| char::from(b'a' + rand::random::<u8>() % 26))
        .collect();

    let targets: Vec<String> = vec![
        "/file/s/..%2f..%2fetc%2fpasswd/x".into(),
        "/file/s/%2e%2e/%2e%2e/etc/passwd".into(),
        "/file/s/%2e%2e%2f%2e%2e%2fetc%2fpasswd/passwd".into(),
        "/file/s/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".into(),
        "/file/s/../../etc/passwd".into(),
        "/file/../../../../etc/passwd".into(),
        "/file/s/%2fetc%2fpasswd/passwd".into(),
        "/file/s//etc/passwd".into(),
        "//etc/passwd".into(),
        "/etc/passwd".into(),
        "/file/s/..%5c..%5cetc%5cpasswd/x".into(),
        "/file/s/%5c%5cserver%5cshare/x".into(),
        "/file/s/C:%5cWindows%5cwin.ini/x".into(),
        "/file/s/%00/x".into(),
        format!("/file/s/{token}%00/x"),
        format!("/file/s/{token}/../../../../etc/passwd"),
        format!("/file/s/{token}/..%2f..%2f..%2fetc%2fpasswd/x"),
        format!("/file/s/{long}/x"),
        format!("/file/s/{long}"),
    ];
    for target in &targets {
        let (status, answer) = raw_request(server.addr, target.as_bytes()).await;
        assert_eq!(status, 404, "{target}");
        assert!(!contains(&answer, b"root:"), "{target}");
        if !passwd.is_empty() {
            assert!(
                !contains(&answer, &passwd[..passwd.len().min(64)]),
                "{target}"
            );
        }
    }
    // A raw backslash is routed (and not found); a raw NUL is not even a valid request line.
    for (target, want) in [
        (&b"/file/s/..\\..\\etc\\passwd/x"[..], 404),
        (b"/file/s/\0/x", 400),
    ] {
        let (status, answer) = raw_request(server.addr, target).await;
        assert_eq!(status, want);
        assert!(!contains(&answer, b"root:"));
    }
    // The same through a normal client.
    for target in &targets[..4] {
        let (status, _, body) = server.get(target, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{target}");
        assert!(!contains(&body, b"root:"));
    }
    assert_eq!(server.get(&good, &[]).await.2, b"ok");
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn tokens_are_bound_to_their_session() {
    let server = Server::start().await;
    let (entry, url_a) = server
        .publish(FileSource::text("for A only"), session("A"))
        .await;
    let token = url_a.split('/').nth(3).unwrap().to_owned();
    let as_b = format!("/file/B/{token}/{}", entry.file_name());
    let (status, _, body) = server.get(&as_b, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, b"not found");
    assert_eq!(server.get(&url_a, &[]).await.2, b"for A only");

    let (_, app_url) = server
        .publish(FileSource::text("for all"), Owner::App)
        .await;
    let app_token: Token = app_url.split('/').nth(3).unwrap().parse().unwrap();
    for s in ["A", "B", "anyone"] {
        let (status, _, body) = server.get(&file_url(s, &app_token, "x.txt"), &[]).await;
        assert_eq!(
            (status, body.as_slice()),
            (StatusCode::OK, &b"for all"[..]),
            "{s}"
        );
    }

    server.store.drop_session("A");
    assert_eq!(server.get(&url_a, &[]).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn files_of_equal_length_differing_in_one_byte_do_not_collide() {
    let server = Server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let a = random_bytes(2 * 1024 * 1024);
    let mut b = a.clone();
    b[1024 * 1024 + 7] ^= 0xff;
    let (pa, pb) = (dir.path().join("a.bin"), dir.path().join("b.bin"));
    std::fs::write(&pa, &a).unwrap();
    std::fs::write(&pb, &b).unwrap();

    let sources = [
        (FileSource::path(&pa), &a),
        (FileSource::path(&pb), &b),
        (FileSource::bytes(a.clone()).file_name("same.bin"), &a),
        (FileSource::bytes(b.clone()).file_name("same.bin"), &b),
    ];
    let mut etags = Vec::new();
    for (source, want) in sources {
        let (_, url) = server.publish(source, session("s")).await;
        let (status, h, body) = server.get(&url, &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body == *want, "wrong bytes for {url}");
        etags.push(header(&h, "etag").unwrap().to_owned());
    }
    assert_ne!(etags[0], etags[1]);
    assert_ne!(etags[2], etags[3]);
}

async fn big_file(dir: &Path, len: usize) -> (std::path::PathBuf, Vec<u8>) {
    let path = dir.join("big.bin");
    let data = random_bytes(len);
    tokio::fs::write(&path, &data).await.unwrap();
    (path, data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_concurrent_downloads_get_exact_bytes() {
    let server = Arc::new(Server::start().await);
    let dir = tempfile::tempdir().unwrap();
    let (path, data) = big_file(dir.path(), 8 * 1024 * 1024).await;
    let (_, url) = server.publish(FileSource::path(&path), session("s")).await;
    let want = blake3::hash(&data);

    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (server, url) = (Arc::clone(&server), url.clone());
            tokio::spawn(async move { server.get(&url, &[]).await })
        })
        .collect();
    for task in tasks {
        let (status, _, body) = task.await.unwrap();
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body.len(), data.len());
        assert_eq!(blake3::hash(&body), want);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_disconnects_mid_download_leaks_nothing() {
    let server = Server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let (path, data) = big_file(dir.path(), 8 * 1024 * 1024).await;
    let (entry, url) = server.publish(FileSource::path(&path), session("s")).await;
    let (bytes_entry, bytes_url) = server
        .publish(FileSource::bytes(data.clone()), session("s"))
        .await;
    let baseline = (Arc::strong_count(&entry), Arc::strong_count(&bytes_entry));

    for target in [&url, &bytes_url] {
        for _ in 0..4 {
            let mut stream = TcpStream::connect(server.addr).await.unwrap();
            let req = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
            stream.write_all(req.as_bytes()).await.unwrap();
            let mut buf = vec![0u8; 64 * 1024];
            let mut got = 0;
            while got < 100_000 {
                let n = stream.read(&mut buf).await.unwrap();
                assert!(n > 0);
                got += n;
            }
            drop(stream);
        }
    }

    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let now = (Arc::strong_count(&entry), Arc::strong_count(&bytes_entry));
        if now == baseline {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "entries still held: {now:?} vs {baseline:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // The server goes on serving whole files.
    let (status, _, body) = server.get(&url, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body == data);
    let (status, _, body) = server.get(&bytes_url, &[("range", "bytes=-5")]).await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(body, &data[data.len() - 5..]);
}
