//! Resources a client cannot grow without bound: multipart framing, upload sizes announced up
//! front, each session's upload quota and replaced uploads, live sessions and session starts
//! per address, idle sessions, and the files of a reaped session. Each test tries to pass its
//! limit. Runs in flight per session are in `security_run_burst.rs`.
#![allow(clippy::unwrap_used)]

mod common;
#[path = "security/raw_http.rs"]
mod raw_http;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{by_elem_id, update_for, Running};
use ferry_ui::files::upload::UploadLimits;
use ferry_ui::prelude::*;
use raw_http::{head, read_response};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

fn address(base: &str) -> SocketAddr {
    base.trim_start_matches("http://").parse().unwrap()
}

fn id_of(page: &Value, elem_id: &str) -> u64 {
    by_elem_id(&page["root"], elem_id).unwrap()["id"]
        .as_u64()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Uploads

/// One upload button (`u`) whose upload event shows the stored file's path in `path`.
fn upload_page(upload_limits: UploadLimits, limits: Limits) -> App {
    Blocks::new(move |b| {
        b.upload_limits(upload_limits);
        b.limits(limits);
        let u = b.add(UploadButton::new("Upload").elem_id("u"));
        let path = b.add(Textbox::new("Path").elem_id("path"));
        b.on(u.upload(), u, path, |file: PathBuf| {
            file.display().to_string()
        });
        let go = b.add(Button::new("Go"));
        b.on(go.click(), (), path, || "went");
    })
}

async fn upload(server: &Running, page: &Value, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    let form = Form::new().part("files", Part::bytes(bytes).file_name(name.to_owned()));
    let url = format!(
        "{}/api/upload/{}/{}",
        server.base,
        page["session"].as_str().unwrap(),
        id_of(page, "u")
    );
    let response = server
        .client
        .post(url)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The path the upload event's handler saw for the button's current file.
async fn stored_path(server: &Running, page: &Value) -> PathBuf {
    let (status, body) = server.run(page, 0, json!([null])).await;
    assert_eq!(status, 200, "{body}");
    PathBuf::from(
        update_for(&body, id_of(page, "path"))["value"]
            .as_str()
            .unwrap(),
    )
}

#[tokio::test]
async fn a_part_header_that_never_ends_is_refused_with_413_long_before_the_body_is_sent() {
    let server = Running::start(upload_page(UploadLimits::default(), Limits::default())).await;
    let address = address(&server.base);
    let page = server.session().await;
    let total: usize = 8 << 20;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let mut request = head(
        "POST",
        &format!(
            "/api/upload/{}/{}",
            page["session"].as_str().unwrap(),
            id_of(&page, "u")
        ),
        address,
        &[
            (
                "Content-Type",
                "multipart/form-data; boundary=XyZ".to_owned(),
            ),
            ("Content-Length", total.to_string()),
        ],
    );
    request.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"");
    stream.write_all(&request).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(request.len()));
    let counter = Arc::clone(&sent);
    let writing = tokio::spawn(async move {
        let chunk = vec![b'a'; 64 * 1024];
        while counter.load(std::sync::atomic::Ordering::Relaxed) < total {
            if writer.write_all(&chunk).await.is_err() {
                return;
            }
            counter.fetch_add(chunk.len(), std::sync::atomic::Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    });
    let started = Instant::now();
    let response = read_response(&mut reader, Duration::from_secs(10))
        .await
        .unwrap();
    let sent_then = sent.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(response.status, 413);
    assert_eq!(
        response.json()["error"],
        "a part's header is longer than the 16 KiB limit"
    );
    // The answer came before a tenth of the body was sent: the server held at most that.
    assert!(
        sent_then < total / 10,
        "answered after {sent_then} of {total} bytes"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    writing.abort();
    // The server still serves, and stored nothing.
    let (status, _) = upload(&server, &page, "ok.txt", b"fine".to_vec()).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_content_length_over_the_limit_is_refused_with_413_before_any_of_the_body() {
    let upload_limits = UploadLimits {
        max_total_size: 1 << 20,
        ..UploadLimits::default()
    };
    let server = Running::start(upload_page(upload_limits, Limits::default())).await;
    let address = address(&server.base);
    let page = server.session().await;
    let path = format!(
        "/api/upload/{}/{}",
        page["session"].as_str().unwrap(),
        id_of(&page, "u")
    );
    for (length, message) in [
        (
            100u64 << 30,
            "the files together are larger than the 1 MiB limit",
        ),
        (
            (2 << 20) + 1,
            "the files together are larger than the 1 MiB limit",
        ),
    ] {
        let mut stream = TcpStream::connect(address).await.unwrap();
        let request = head(
            "POST",
            &path,
            address,
            &[
                (
                    "Content-Type",
                    "multipart/form-data; boundary=XyZ".to_owned(),
                ),
                ("Content-Length", length.to_string()),
            ],
        );
        // The headers only: the answer must not wait for a body.
        stream.write_all(&request).await.unwrap();
        let response = read_response(&mut stream, Duration::from_secs(2))
            .await
            .expect("an answer without the body");
        assert_eq!(response.status, 413, "{length}");
        assert_eq!(response.json()["error"], message, "{length}");
    }
}

#[tokio::test]
async fn an_upload_that_would_pass_the_session_quota_is_refused_with_413_and_a_message() {
    let upload_limits = UploadLimits {
        session_bytes: 1000,
        ..UploadLimits::default()
    };
    let server = Running::start(Blocks::new(move |b| {
        b.upload_limits(upload_limits);
        b.add(UploadButton::new("One").elem_id("u"));
        b.add(UploadButton::new("Two").elem_id("two"));
    }))
    .await;
    let page = server.session().await;
    assert_eq!(upload(&server, &page, "a.bin", vec![1; 600]).await.0, 200);
    // The second button's upload counts against the same session.
    let form = Form::new().part("files", Part::bytes(vec![2; 600]).file_name("b.bin"));
    let url = format!(
        "{}/api/upload/{}/{}",
        server.base,
        page["session"].as_str().unwrap(),
        id_of(&page, "two")
    );
    let response = server
        .client
        .post(url)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["error"],
        "this session's uploads may take 1 kB in all, and this one would pass it"
    );
    // Another session has its own quota.
    let other = server.session().await;
    assert_eq!(upload(&server, &other, "c.bin", vec![3; 600]).await.0, 200);
    // An announced length past the room left is refused before the body.
    let address = address(&server.base);
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = head(
        "POST",
        &format!(
            "/api/upload/{}/{}",
            page["session"].as_str().unwrap(),
            id_of(&page, "two")
        ),
        address,
        &[
            (
                "Content-Type",
                "multipart/form-data; boundary=XyZ".to_owned(),
            ),
            ("Content-Length", (2u64 << 20).to_string()),
        ],
    );
    stream.write_all(&request).await.unwrap();
    let response = read_response(&mut stream, Duration::from_secs(2))
        .await
        .unwrap();
    assert_eq!(response.status, 413);
    assert_eq!(
        response.json()["error"],
        "this session's uploads may take 1 kB in all, and this one would pass it"
    );
}

#[tokio::test]
async fn an_upload_that_replaces_another_removes_its_file_and_frees_its_quota() {
    let upload_limits = UploadLimits {
        session_bytes: 1000,
        ..UploadLimits::default()
    };
    let server = Running::start(upload_page(upload_limits, Limits::default())).await;
    let page = server.session().await;
    let (status, first) = upload(&server, &page, "first.txt", vec![b'1'; 400]).await;
    assert_eq!(status, 200);
    let first_path = stored_path(&server, &page).await;
    assert_eq!(std::fs::read(&first_path).unwrap(), vec![b'1'; 400]);
    let first_url = first["files"][0]["url"].as_str().unwrap().to_owned();
    assert_eq!(server.get(&first_url).await.status(), 200);

    let (status, _) = upload(&server, &page, "second.txt", vec![b'2'; 400]).await;
    assert_eq!(status, 200);
    let second_path = stored_path(&server, &page).await;
    assert_ne!(first_path, second_path);
    assert!(!first_path.exists(), "the replaced upload is still on disk");
    assert!(
        !first_path.parent().unwrap().exists(),
        "its folder is still on disk"
    );
    assert_eq!(server.get(&first_url).await.status(), 404);
    assert_eq!(std::fs::read(&second_path).unwrap(), vec![b'2'; 400]);
    // Its bytes were given back: two more replacements fit a 1000-byte quota.
    for name in ["third.txt", "fourth.txt"] {
        assert_eq!(upload(&server, &page, name, vec![b'3'; 400]).await.0, 200);
    }
}

// ---------------------------------------------------------------------------------------------
// Sessions

#[tokio::test]
async fn too_many_session_starts_from_one_address_get_429_with_a_message() {
    let limits = Limits {
        session_starts_per_minute: 5,
        ..Limits::default()
    };
    let server = Running::start(upload_page(UploadLimits::default(), limits)).await;
    for _ in 0..5 {
        server.session().await;
    }
    let response = server
        .client
        .post(format!("{}/api/session", server.base))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "12");
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["error"],
        "too many new sessions from this address (at most 5 a minute): try again in 12 s"
    );
    #[cfg(target_os = "linux")]
    {
        // Another address has its own minute.
        let other = reqwest::Client::builder()
            .no_proxy()
            .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
            .build()
            .unwrap();
        let response = other
            .post(format!("{}/api/session", server.base))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
}

#[tokio::test]
async fn the_live_sessions_are_capped_until_one_ends() {
    let limits = Limits {
        max_sessions: 3,
        session_idle: Duration::from_millis(300),
        ..Limits::default()
    };
    let server = Running::start(upload_page(UploadLimits::default(), limits)).await;
    for _ in 0..3 {
        server.session().await;
    }
    let response = server
        .client
        .post(format!("{}/api/session", server.base))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["error"],
        "the app has as many sessions as it can hold (3): try again later"
    );
    // Once the idle ones have ended there is room again.
    tokio::time::sleep(Duration::from_millis(800)).await;
    server.session().await;
}

#[tokio::test]
async fn an_idle_session_ends_on_its_timer_while_one_whose_page_holds_its_stream_is_kept() {
    let limits = Limits {
        session_idle: Duration::from_millis(400),
        ..Limits::default()
    };
    let server = Running::start(upload_page(UploadLimits::default(), limits)).await;
    let idle = server.session().await;
    let open = server.session().await;
    let stream = server.events(open["session"].as_str().unwrap(), None).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let (status, body) = server.run(&idle, 1, json!([])).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("this session has expired: reload the page"))
    );
    let (status, body) = server.run(&open, 1, json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(update_for(&body, id_of(&open, "path"))["value"], "went");
    // The page closes: from then on the session idles and ends too.
    drop(stream);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(server.run(&open, 1, json!([])).await.0, 404);
}

#[tokio::test]
async fn reaping_a_session_removes_its_files_and_tokens_and_leaves_the_others() {
    let limits = Limits {
        session_idle: Duration::from_millis(400),
        ..Limits::default()
    };
    let app = upload_page(UploadLimits::default(), limits);
    let server = Running::start(app.clone()).await;
    let gone = server.session().await;
    let kept = server.session().await;
    let _stream = server.events(kept["session"].as_str().unwrap(), None).await;
    let (_, gone_files) = upload(&server, &gone, "gone.txt", b"gone".to_vec()).await;
    let gone_path = stored_path(&server, &gone).await;
    let (_, kept_files) = upload(&server, &kept, "kept.txt", b"kept".to_vec()).await;
    let kept_path = stored_path(&server, &kept).await;
    let tokens_before = app.file_count();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(app.session_count(), 1);
    assert_eq!(
        app.file_count(),
        tokens_before - 1,
        "exactly its token went"
    );
    let gone_url = gone_files["files"][0]["url"].as_str().unwrap();
    let kept_url = kept_files["files"][0]["url"].as_str().unwrap();
    assert_eq!(server.get(gone_url).await.status(), 404);
    assert!(!gone_path.exists());
    let response = server.get(kept_url).await;
    assert_eq!(response.status(), 200);
    assert_eq!(&response.bytes().await.unwrap()[..], b"kept");
    assert!(kept_path.exists());
}
