//! Uploads over real sockets: bytes and modes on disk, hostile names, limits (413, 415, 408),
//! all-or-nothing cleanup on errors and disconnects, session removal, and a 64 MiB stream.
#![allow(clippy::unwrap_used)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use bytes::Bytes;
use ferry_ui::files::upload::{FileCount, UploadLimits, UploadRules, Uploads};
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const SESSION: &str = "0123456789abcdef0123456789abcdef";
const OTHER_SESSION: &str = "fedcba9876543210fedcba9876543210";
const BOUNDARY: &str = "----ferry-test-7d3f9a";

// ---------------------------------------------------------------------------------------------
// The server under test

struct Env {
    uploads: Uploads,
    limits: UploadLimits,
    rules: UploadRules,
}

struct Server {
    addr: SocketAddr,
    uploads: Uploads,
    /// The folder that holds the upload root, and nothing else.
    parent: TempDir,
}

impl Server {
    fn session_dir(&self, session: &str) -> PathBuf {
        self.uploads.root().join(session)
    }

    fn url(&self, session: &str) -> String {
        format!("http://{}/up/{session}", self.addr)
    }
}

async fn up(
    State(env): State<Arc<Env>>,
    UrlPath(session): UrlPath<String>,
    multipart: Multipart,
) -> Response {
    match env
        .uploads
        .receive(&session, multipart, &env.limits, &env.rules)
        .await
    {
        Ok(files) => {
            let files: Vec<Value> = files
                .iter()
                .map(|f| {
                    json!({
                        "path": f.path, "name": f.name, "relative_path": f.relative_path,
                        "size": f.size, "mime_type": f.mime_type,
                    })
                })
                .collect();
            Json(files).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// Drops the whole `receive` future after 200 ms, as the server does when a client goes away.
async fn abandoned(
    State(env): State<Arc<Env>>,
    UrlPath(session): UrlPath<String>,
    multipart: Multipart,
) -> Response {
    let receive = env
        .uploads
        .receive(&session, multipart, &env.limits, &env.rules);
    match tokio::time::timeout(Duration::from_millis(200), receive).await {
        Ok(_) => Json(json!({ "error": "finished" })).into_response(),
        Err(_) => Json(json!({ "error": "abandoned" })).into_response(),
    }
}

async fn serve(limits: UploadLimits, rules: UploadRules) -> Server {
    let parent = tempfile::tempdir().unwrap();
    let uploads = Uploads::new_in(parent.path()).unwrap();
    let env = Arc::new(Env {
        uploads: uploads.clone(),
        limits,
        rules,
    });
    let app = Router::new()
        .route("/up/{session}", post(up))
        .route("/abandon/{session}", post(abandoned))
        .layer(DefaultBodyLimit::disable())
        .with_state(env);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server {
        addr,
        uploads,
        parent,
    }
}

fn multiple() -> UploadRules {
    UploadRules {
        file_count: FileCount::Multiple,
        file_types: vec![],
    }
}

// ---------------------------------------------------------------------------------------------
// Multipart bodies, by hand (so that names are sent exactly as written)

fn part_head(file_name: &[u8], content_type: &str) -> Vec<u8> {
    let mut b =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"")
            .into_bytes();
    b.extend_from_slice(file_name);
    b.extend_from_slice(format!("\"\r\nContent-Type: {content_type}\r\n\r\n").as_bytes());
    b
}

fn file_part(file_name: &[u8], data: &[u8]) -> Vec<u8> {
    let mut b = part_head(file_name, "application/octet-stream");
    b.extend_from_slice(data);
    b.extend_from_slice(b"\r\n");
    b
}

fn text_part(field: &str, value: &str) -> Vec<u8> {
    format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n")
        .into_bytes()
}

fn closing() -> Vec<u8> {
    format!("--{BOUNDARY}--\r\n").into_bytes()
}

fn body(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut b = parts.concat();
    b.extend_from_slice(&closing());
    b
}

fn content_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// Posts `body` with reqwest; answers the status and the JSON body.
async fn post_body(url: &str, body: impl Into<reqwest::Body>) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", content_type())
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// The head of a raw request that announces `content_length` body bytes.
fn raw_head(addr: SocketAddr, session: &str, content_length: usize) -> Vec<u8> {
    raw_head_at(addr, &format!("/up/{session}"), content_length)
}

/// The head of a raw request to `path`.
fn raw_head_at(addr: SocketAddr, path: &str, content_length: usize) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {}\r\n\
         Content-Length: {content_length}\r\nConnection: close\r\n\r\n",
        content_type()
    )
    .into_bytes()
}

/// Sends each piece then waits its pause, without ever sending more; then reads the whole
/// response. The server has read every byte sent by then, so closing never resets.
async fn raw_exchange(
    addr: SocketAddr,
    pieces: Vec<(Vec<u8>, Duration)>,
) -> (u16, Value, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    for (piece, pause) in pieces {
        stream.write_all(&piece).await.unwrap();
        tokio::time::sleep(pause).await;
    }
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut response))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&response);
    let status = text[9..12].parse().unwrap();
    let (_, json) = text.split_once("\r\n\r\n").unwrap();
    (
        status,
        serde_json::from_str(json).unwrap(),
        started.elapsed(),
    )
}

/// Sends a whole small request in one write.
async fn raw_post(addr: SocketAddr, session: &str, body: &[u8]) -> (u16, Value) {
    let mut request = raw_head(addr, session, body.len());
    request.extend_from_slice(body);
    let (status, json, _) = raw_exchange(addr, vec![(request, Duration::ZERO)]).await;
    (status, json)
}

// ---------------------------------------------------------------------------------------------
// Looking at the disk

/// Every regular file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            out.extend(files_under(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

/// The entries directly in `dir`.
fn entries_of(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => vec![],
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Checks `path` is `<root>/<session>/<32 hex>/<name>` and returns the random folder.
fn check_layout(server: &Server, session: &str, path: &Path, name: &str) -> PathBuf {
    let dir = path.parent().unwrap();
    assert_eq!(path.file_name().unwrap().to_str().unwrap(), name);
    assert_eq!(dir.parent().unwrap(), server.session_dir(session));
    let random = dir.file_name().unwrap().to_str().unwrap();
    assert_eq!(random.len(), 32, "{random}");
    assert!(random
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    dir.to_owned()
}

async fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn path_of(file: &Value) -> PathBuf {
    PathBuf::from(file["path"].as_str().unwrap())
}

// ---------------------------------------------------------------------------------------------
// Success

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_file_exact_bytes_private_modes_and_name_kept() {
    let server = serve(UploadLimits::default(), UploadRules::default()).await;
    let data = b"name,score\nada,10\n\0\xff binary too";
    let mut part = part_head(b"report.csv", "image/png"); // the client's type is not trusted
    part.extend_from_slice(data);
    part.extend_from_slice(b"\r\n");
    let (status, files) = post_body(&server.url(SESSION), body(&[part])).await;

    assert_eq!(status, 200, "{files}");
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 1);
    let file = &files[0];
    assert_eq!(file["name"], "report.csv");
    assert_eq!(file["size"], data.len());
    assert_eq!(file["mime_type"], "text/csv; charset=utf-8");
    assert_eq!(file["relative_path"], Value::Null);
    let path = path_of(file);
    let dir = check_layout(&server, SESSION, &path, "report.csv");
    assert_eq!(std::fs::read(&path).unwrap(), data);
    assert_eq!(server.uploads.session_bytes(SESSION), data.len() as u64);
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&server.session_dir(SESSION)), 0o700);
        assert_eq!(mode(server.uploads.root()), 0o700);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_without_an_extension_is_named_by_its_bytes_when_they_say_a_type() {
    // Gradio's JavaScript client names a Blob "blob"; a text file without an extension stays.
    let server = serve(UploadLimits::default(), multiple()).await;
    let png: &[u8] = include_bytes!("../examples/assets/flower.png");
    let mut blob = part_head(b"blob", "image/png");
    blob.extend_from_slice(png);
    blob.extend_from_slice(b"\r\n");
    let mut notes = part_head(b"NOTES", "text/plain");
    notes.extend_from_slice(b"plain text\n");
    notes.extend_from_slice(b"\r\n");
    let (status, files) = post_body(&server.url(SESSION), body(&[blob, notes])).await;
    assert_eq!(status, 200, "{files}");
    let files = files.as_array().unwrap();
    assert_eq!(files[0]["name"], "blob.png");
    assert_eq!(files[0]["mime_type"], "image/png");
    let path = path_of(&files[0]);
    check_layout(&server, SESSION, &path, "blob.png");
    assert_eq!(std::fs::read(&path).unwrap(), png);
    assert_eq!(files[1]["name"], "NOTES");
    assert_eq!(std::fs::read(path_of(&files[1])).unwrap(), b"plain text\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_files_same_names_never_collide_and_other_fields_are_ignored() {
    let server = serve(UploadLimits::default(), multiple()).await;
    let parts = vec![
        text_part("note", "not a file"),
        file_part(b"same.txt", b"first"),
        file_part(b"same.txt", b"second"),
        file_part(b"empty.bin", b""),
        text_part("other", "ignored too"),
        file_part(b"photo.png", &[0x89, b'P', b'N', b'G']),
    ];
    let (status, files) = post_body(&server.url(SESSION), body(&parts)).await;

    assert_eq!(status, 200, "{files}");
    let files = files.as_array().unwrap();
    let got: Vec<(String, Vec<u8>, u64)> = files
        .iter()
        .map(|f| {
            let path = path_of(f);
            check_layout(&server, SESSION, &path, f["name"].as_str().unwrap());
            (
                f["name"].as_str().unwrap().to_owned(),
                std::fs::read(&path).unwrap(),
                f["size"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("same.txt", &b"first"[..]),
        ("same.txt", b"second"),
        ("empty.bin", b""),
        ("photo.png", b"\x89PNG"),
    ];
    assert_eq!(got.len(), want.len());
    for ((name, bytes, size), (want_name, want_bytes)) in got.iter().zip(want) {
        assert_eq!((name.as_str(), bytes.as_slice()), (want_name, want_bytes));
        assert_eq!(*size, want_bytes.len() as u64);
    }
    assert_ne!(path_of(&files[0]), path_of(&files[1]));
    assert_eq!(files[3]["mime_type"], "image/png");
    assert_eq!(files_under(server.uploads.root()).len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_stay_inside_the_session_folder() {
    let server = serve(UploadLimits::default(), multiple()).await;
    let long = format!("{}.csv", "n".repeat(296));
    let table: Vec<(Vec<u8>, String)> = vec![
        (b"../../x".to_vec(), "x".into()),
        (b"C:\\x".to_vec(), "x".into()),
        (b"..\\..\\boot.ini".to_vec(), "boot.ini".into()),
        (b"/etc/passwd".to_vec(), "passwd".into()),
        (b"a%00b".to_vec(), "a%00b".into()),
        (b"..".to_vec(), "download".into()),
        (b"".to_vec(), "download".into()),
        (b"tab\there.txt".to_vec(), "tab_here.txt".into()),
        (b"a\\\"b.txt".to_vec(), "a_b.txt".into()),
        (
            "invoice\u{202E}fdp.exe".as_bytes().to_vec(),
            "invoice_fdp.exe".into(),
        ),
        (b"evil.html:x.png".to_vec(), "evil.html_x.png".into()),
        (b"CON.txt".to_vec(), "_CON.txt".into()),
        (b"notes.txt. ".to_vec(), "notes.txt".into()),
        (
            "cafe\u{301}.txt".as_bytes().to_vec(),
            "caf\u{e9}.txt".into(),
        ),
        (
            long.clone().into_bytes(),
            format!("{}.csv", "n".repeat(251)),
        ),
    ];
    let parts: Vec<Vec<u8>> = table
        .iter()
        .enumerate()
        .map(|(i, (name, _))| file_part(name, format!("file {i}").as_bytes()))
        .collect();
    let (status, files) = post_body(&server.url(SESSION), body(&parts)).await;

    assert_eq!(status, 200, "{files}");
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), table.len());
    let mut dirs = Vec::new();
    for (i, (file, (sent, want))) in files.iter().zip(&table).enumerate() {
        assert_eq!(
            file["name"],
            want.as_str(),
            "sent {:?}",
            String::from_utf8_lossy(sent)
        );
        let path = path_of(file);
        dirs.push(check_layout(&server, SESSION, &path, want));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            format!("file {i}").as_bytes()
        );
    }
    dirs.sort();
    dirs.dedup();
    assert_eq!(dirs.len(), table.len(), "one random folder per file");
    // Nothing outside the root: its parent holds the root only, and every file is 3 deep.
    assert_eq!(
        entries_of(server.parent.path()),
        vec![server.uploads.root().to_owned()]
    );
    assert_eq!(
        entries_of(server.uploads.root()),
        vec![server.session_dir(SESSION)]
    );
    for path in files_under(server.uploads.root()) {
        let inside = path.strip_prefix(server.session_dir(SESSION)).unwrap();
        assert_eq!(inside.components().count(), 2, "{path:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_nul_in_a_name_is_refused_by_the_parser() {
    let server = serve(UploadLimits::default(), multiple()).await;
    let (status, json) = raw_post(server.addr, SESSION, &body(&[file_part(b"a\0b", b"x")])).await;
    assert_eq!(status, 400, "{json}");
    assert!(json["error"]
        .as_str()
        .unwrap()
        .starts_with("the upload is not a valid multipart form"));
    assert!(files_under(server.uploads.root()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_mode_keeps_relative_paths_as_metadata() {
    let rules = UploadRules {
        file_count: FileCount::Directory,
        file_types: vec![],
    };
    let server = serve(UploadLimits::default(), rules).await;
    let parts = vec![
        file_part(b"photos/2024/a.jpg", b"a"),
        file_part(b"photos/../../b.txt", b"b"),
        file_part(b"c.txt", b"c"),
    ];
    let (status, files) = post_body(&server.url(SESSION), body(&parts)).await;

    assert_eq!(status, 200, "{files}");
    let got: Vec<(&str, &str)> = files
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            check_layout(&server, SESSION, &path_of(f), f["name"].as_str().unwrap());
            (
                f["name"].as_str().unwrap(),
                f["relative_path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a.jpg", "photos/2024/a.jpg"),
            ("b.txt", "photos/b.txt"),
            ("c.txt", "c.txt")
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remove_session_removes_everything_of_that_session_only() {
    let server = serve(UploadLimits::default(), multiple()).await;
    let two = body(&[file_part(b"a.txt", b"aaa"), file_part(b"b.txt", b"bb")]);
    assert_eq!(post_body(&server.url(SESSION), two).await.0, 200);
    let one = body(&[file_part(b"c.txt", b"c")]);
    assert_eq!(post_body(&server.url(OTHER_SESSION), one).await.0, 200);
    assert_eq!(server.uploads.session_bytes(SESSION), 5);

    server.uploads.remove_session(SESSION).await.unwrap();
    assert!(!server.session_dir(SESSION).exists());
    assert_eq!(server.uploads.session_bytes(SESSION), 0);
    assert_eq!(server.uploads.session_bytes(OTHER_SESSION), 1);
    assert_eq!(files_under(server.uploads.root()).len(), 1);
    server.uploads.remove_session(SESSION).await.unwrap(); // twice is fine
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_64_mib_upload_streams_to_disk_intact() {
    const CHUNK: usize = 1 << 20;
    const CHUNKS: u64 = 64;
    fn chunk(i: u64) -> Bytes {
        let mut seed = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let data: Vec<u8> = (0..CHUNK)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        Bytes::from(data)
    }
    let mut want = blake3::Hasher::new();
    for i in 0..CHUNKS {
        want.update(&chunk(i));
    }
    let server = serve(UploadLimits::default(), UploadRules::default()).await;
    let head = Bytes::from(part_head(b"big.bin", "application/octet-stream"));
    let tail = Bytes::from([&b"\r\n"[..], &closing()].concat());
    let stream = futures_util::stream::iter(
        std::iter::once(head)
            .chain((0..CHUNKS).map(chunk))
            .chain(std::iter::once(tail))
            .map(Ok::<_, std::io::Error>),
    );
    let (status, files) = post_body(&server.url(SESSION), reqwest::Body::wrap_stream(stream)).await;

    assert_eq!(status, 200, "{files}");
    let file = &files[0];
    assert_eq!(file["size"], CHUNKS * CHUNK as u64);
    let mut got = blake3::Hasher::new();
    got.update_reader(std::fs::File::open(path_of(file)).unwrap())
        .unwrap();
    assert_eq!(got.finalize(), want.finalize());
}

// ---------------------------------------------------------------------------------------------
// Limits and errors: the right status and message, and nothing left on disk

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_max_file_size_is_413_at_once_and_leaves_nothing() {
    let limits = UploadLimits {
        max_file_size: 10_000,
        ..UploadLimits::default()
    };
    let server = serve(limits, UploadRules::default()).await;
    // The body announces 1 GB, but the server answers as soon as byte 10 001 arrives.
    let mut first = raw_head(server.addr, SESSION, 1 << 30);
    first.extend_from_slice(&part_head(b"big.bin", "application/octet-stream"));
    first.extend_from_slice(&[7; 10_000]);
    let pieces = vec![
        (first, Duration::from_millis(100)),
        (vec![7; 100], Duration::ZERO),
    ];
    let (status, json, _) = raw_exchange(server.addr, pieces).await;

    assert_eq!(status, 413);
    assert_eq!(json["error"], "“big.bin” is larger than the 10 kB limit");
    assert!(files_under(server.uploads.root()).is_empty());
    assert!(entries_of(&server.session_dir(SESSION)).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_max_file_size_is_fine() {
    let limits = UploadLimits {
        max_file_size: 1000,
        ..UploadLimits::default()
    };
    let server = serve(limits, UploadRules::default()).await;
    let (status, files) = post_body(
        &server.url(SESSION),
        body(&[file_part(b"a.bin", &[1; 1000])]),
    )
    .await;
    assert_eq!(status, 200, "{files}");
    assert_eq!(files[0]["size"], 1000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_max_files_is_413_and_all_or_nothing() {
    let limits = UploadLimits {
        max_files: 3,
        ..UploadLimits::default()
    };
    let server = serve(limits, multiple()).await;
    let parts: Vec<Vec<u8>> = (0..4)
        .map(|i| file_part(format!("f{i}.txt").as_bytes(), b"data"))
        .collect();
    let (status, json) = raw_post(server.addr, SESSION, &body(&parts)).await;

    assert_eq!(status, 413);
    assert_eq!(json["error"], "at most 3 files may be uploaded at once");
    assert!(files_under(server.uploads.root()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_refuses_a_second_file() {
    let server = serve(UploadLimits::default(), UploadRules::default()).await;
    let parts = vec![file_part(b"a.txt", b"a"), file_part(b"b.txt", b"b")];
    let (status, json) = raw_post(server.addr, SESSION, &body(&parts)).await;

    assert_eq!(status, 413);
    assert_eq!(json["error"], "only one file may be uploaded");
    assert!(files_under(server.uploads.root()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_max_total_size_is_413_and_leaves_nothing() {
    let limits = UploadLimits {
        max_total_size: 3000,
        ..UploadLimits::default()
    };
    let server = serve(limits, multiple()).await;
    let parts = vec![
        file_part(b"a.bin", &[1; 2000]),
        file_part(b"b.bin", &[2; 2000]),
    ];
    let (status, json) = raw_post(server.addr, SESSION, &body(&parts)).await;

    assert_eq!(status, 413);
    assert_eq!(
        json["error"],
        "the files together are larger than the 3 kB limit"
    );
    assert!(files_under(server.uploads.root()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_type_is_415_before_any_byte_is_written() {
    let rules = UploadRules {
        file_count: FileCount::Multiple,
        file_types: vec![".csv".into(), "image".into()],
    };
    let server = serve(UploadLimits::default(), rules).await;

    let mut part = part_head(b"x.exe", "text/csv"); // the client's type is not trusted
    part.extend_from_slice(b"MZ\x90\0\r\n");
    let (status, json) = raw_post(server.addr, SESSION, &body(&[part])).await;
    assert_eq!(status, 415);
    assert_eq!(
        json["error"],
        "“x.exe” is not an accepted type: .csv, image"
    );
    assert!(
        entries_of(&server.session_dir(SESSION)).is_empty(),
        "not even a folder"
    );

    // A good file before a bad one is removed too.
    let parts = vec![file_part(b"ok.csv", b"a,b\n"), file_part(b"x.exe", b"MZ")];
    let (status, _) = raw_post(server.addr, SESSION, &body(&parts)).await;
    assert_eq!(status, 415);
    assert!(files_under(server.uploads.root()).is_empty());

    let parts = vec![file_part(b"ok.CSV", b"a,b\n"), file_part(b"p.jpeg", JPEG)];
    let (status, files) = post_body(&server.url(SESSION), body(&parts)).await;
    assert_eq!(status, 200, "{files}");
}

// ---------------------------------------------------------------------------------------------
// File types by content: what a name claims, its first bytes must be

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0";
const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
const ZIP: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0";
const MP3: &[u8] = b"ID3\x03\0\0\0\0\0\x0f";
const HTML: &[u8] =
    b"<!DOCTYPE html><html><body><script>fetch('/api/session')</script></body></html>\n";

fn typed(file_types: &[&str]) -> UploadRules {
    UploadRules {
        file_count: FileCount::Multiple,
        file_types: file_types.iter().map(|t| t.to_string()).collect(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_named_as_an_image_a_pdf_a_zip_or_audio_is_415_and_leaves_nothing() {
    let rules = typed(&[
        "image", ".pdf", ".zip", "audio", "video", ".csv", ".txt", ".svg",
    ]);
    let server = serve(UploadLimits::default(), rules).await;
    let refused: &[(&[u8], &[u8], &str)] = &[
        (b"notimage.png", HTML, "“notimage.png” is not an image"),
        // The percent sign is kept as written: the name ends in .png.
        (
            b"evil.html%00.png",
            HTML,
            "“evil.html%00.png” is not an image",
        ),
        // `:` (an NTFS stream) becomes `_`; the name still claims .png.
        (
            b"evil.html:x.png",
            HTML,
            "“evil.html_x.png” is not an image",
        ),
        (b"photo.JPG", HTML, "“photo.JPG” is not an image"),
        (b"empty.gif", b"", "“empty.gif” is not an image"),
        (b"pdf-as-png.png", PDF, "“pdf-as-png.png” is not an image"),
        (b"invoice.pdf", HTML, "“invoice.pdf” is not a PDF document"),
        (b"bundle.zip", HTML, "“bundle.zip” is not a zip archive"),
        (b"song.mp3", HTML, "“song.mp3” is not audio or video"),
        (b"clip.mp4", PNG, "“clip.mp4” is not audio or video"),
    ];
    for (name, bytes, message) in refused {
        let (status, json) = raw_post(server.addr, SESSION, &body(&[file_part(name, bytes)])).await;
        assert_eq!(status, 415, "{}", String::from_utf8_lossy(name));
        assert_eq!(
            json["error"],
            format!("{message}: its content does not match its name")
        );
        assert!(files_under(server.uploads.root()).is_empty());
        assert!(
            entries_of(&server.session_dir(SESSION)).is_empty(),
            "not even a folder"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_that_matches_its_name_and_types_no_crate_can_tell_are_stored_intact() {
    let rules = typed(&["image", ".pdf", ".zip", "audio", ".csv", ".txt", ".svg"]);
    let server = serve(UploadLimits::default(), rules).await;
    let big_png = [PNG, &[7u8; 100_000][..]].concat();
    let table: Vec<(&[u8], Vec<u8>)> = vec![
        (b"pixel.png", PNG.to_vec()),
        (b"big.png", big_png),
        (b"photo.jpeg", JPEG.to_vec()),
        // Still an image: the family matches, not the exact format.
        (b"really-a-jpeg.png", JPEG.to_vec()),
        (b"doc.pdf", PDF.to_vec()),
        (b"bundle.zip", ZIP.to_vec()),
        (b"song.mp3", MP3.to_vec()),
        // No signature for these: accepted by name, whatever they hold.
        (b"table.csv", HTML.to_vec()),
        (b"notes.txt", PNG.to_vec()),
        (
            b"drawing.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
        ),
    ];
    let parts: Vec<Vec<u8>> = table.iter().map(|(n, b)| file_part(n, b)).collect();
    let (status, files) = post_body(&server.url(SESSION), body(&parts)).await;
    assert_eq!(status, 200, "{files}");
    for (file, (name, bytes)) in files.as_array().unwrap().iter().zip(&table) {
        assert_eq!(file["name"], String::from_utf8_lossy(name).as_ref());
        assert_eq!(std::fs::read(path_of(file)).unwrap(), *bytes);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_restricting_file_types_list_content_is_not_judged() {
    for rules in [multiple(), typed(&["file"]), typed(&["image", "*"])] {
        let server = serve(UploadLimits::default(), rules).await;
        let (status, files) = post_body(
            &server.url(SESSION),
            body(&[file_part(b"notimage.png", HTML)]),
        )
        .await;
        assert_eq!(status, 200, "{files}");
        assert_eq!(std::fs::read(path_of(&files[0])).unwrap(), HTML);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mismatch_is_refused_on_the_first_bytes_while_the_rest_is_still_coming() {
    let server = serve(UploadLimits::default(), typed(&["image"])).await;
    // The body announces 1 GiB; the first 5 000 bytes are HTML. The answer comes at once,
    // without the rest, and nothing of the file was written.
    let mut first = raw_head(server.addr, SESSION, 1 << 30);
    first.extend_from_slice(&part_head(b"notimage.png", "image/png"));
    first.extend_from_slice(HTML);
    first.extend_from_slice(&[b' '; 5000]);
    let pieces = vec![
        (first, Duration::from_millis(100)),
        (vec![b' '; 100], Duration::ZERO),
    ];
    let (status, json, elapsed) = raw_exchange(server.addr, pieces).await;
    assert_eq!(status, 415);
    assert_eq!(
        json["error"],
        "“notimage.png” is not an image: its content does not match its name"
    );
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert!(files_under(server.uploads.root()).is_empty());
    assert!(entries_of(&server.session_dir(SESSION)).is_empty());

    // A good file before the bad one is removed too: all or nothing.
    let parts = vec![file_part(b"good.png", PNG), file_part(b"bad.png", HTML)];
    let (status, json) = raw_post(server.addr, SESSION, &body(&parts)).await;
    assert_eq!(status, 415, "{json}");
    assert_eq!(
        json["error"],
        "“bad.png” is not an image: its content does not match its name"
    );
    assert!(files_under(server.uploads.root()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_file_and_bad_bodies_are_400() {
    let server = serve(UploadLimits::default(), multiple()).await;
    let (status, json) = raw_post(server.addr, SESSION, &body(&[text_part("a", "b")])).await;
    assert_eq!(status, 400);
    assert_eq!(json["error"], "no file was uploaded");

    // Cut short: the closing boundary never comes.
    let (status, json) = raw_post(server.addr, SESSION, &file_part(b"a.txt", b"abc")).await;
    assert_eq!(status, 400, "{json}");
    assert!(files_under(server.uploads.root()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_session_ids_are_400_and_touch_nothing() {
    let server = serve(UploadLimits::default(), UploadRules::default()).await;
    let one = body(&[file_part(b"a.txt", b"a")]);
    for session in [
        "0123456789ABCDEF0123456789ABCDEF",
        "..%2F..%2F..%2Ftmp",
        "0123456789abcdef0123456789abcde",
        "%2e%2e",
    ] {
        let (status, json) = raw_post(server.addr, session, &one).await;
        assert_eq!(status, 400, "{session}");
        assert_eq!(json["error"], "not a valid session id");
    }
    assert!(entries_of(server.uploads.root()).is_empty());
    assert_eq!(
        entries_of(server.parent.path()),
        vec![server.uploads.root().to_owned()]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_disconnects_mid_upload_leaves_nothing() {
    let server = serve(UploadLimits::default(), UploadRules::default()).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let mut first = raw_head(server.addr, SESSION, 100 << 20);
    first.extend_from_slice(&part_head(b"partial.bin", "application/octet-stream"));
    stream.write_all(&first).await.unwrap();
    stream.write_all(&vec![5; 1 << 20]).await.unwrap();

    let session_dir = server.session_dir(SESSION);
    wait_until("the partial file has bytes", Duration::from_secs(5), || {
        files_under(&session_dir)
            .iter()
            .any(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 0))
    })
    .await;
    drop(stream);
    wait_until(
        "the partial file is removed",
        Duration::from_secs(2),
        || files_under(&session_dir).is_empty() && entries_of(&session_dir).is_empty(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upload_times_out_with_408_and_leaves_nothing() {
    let limits = UploadLimits {
        timeout: Duration::from_millis(300),
        ..UploadLimits::default()
    };
    let server = serve(limits, UploadRules::default()).await;
    let mut first = raw_head(server.addr, SESSION, 1 << 20);
    first.extend_from_slice(&part_head(b"slow.bin", "application/octet-stream"));
    first.extend_from_slice(&[1; 100]);
    let pieces = vec![
        (first, Duration::from_millis(100)),
        (vec![1; 100], Duration::from_millis(100)),
        (vec![1; 100], Duration::ZERO),
    ];
    let (status, json, elapsed) = raw_exchange(server.addr, pieces).await;

    assert_eq!(status, 408);
    assert_eq!(json["error"], "the upload took too long and was stopped");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert!(files_under(server.uploads.root()).is_empty());
    assert!(entries_of(&server.session_dir(SESSION)).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receive_future_dropped_mid_upload_leaves_nothing() {
    let server = serve(UploadLimits::default(), UploadRules::default()).await;
    let mut first = raw_head_at(server.addr, &format!("/abandon/{SESSION}"), 100 << 20);
    first.extend_from_slice(&part_head(b"partial.bin", "application/octet-stream"));
    first.extend_from_slice(&vec![5; 1 << 20]);
    let (status, json, _) = raw_exchange(server.addr, vec![(first, Duration::ZERO)]).await;

    assert_eq!((status, json["error"].as_str()), (200, Some("abandoned")));
    assert!(files_under(server.uploads.root()).is_empty());
    assert!(entries_of(&server.session_dir(SESSION)).is_empty());
}
