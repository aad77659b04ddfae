//! Slow clients and too many connections (slowloris; axum's `serve` has no header-read timeout):
//! request bodies keep to a minimum rate and API bodies arrive within a time limit, idle and
//! slow-header connections are closed, a reader that stops is cut, and one address cannot take
//! every connection while others are served. Limits are shortened so that each test runs in
//! about a second.
#![allow(clippy::unwrap_used)]

mod common;
#[path = "security/raw_http.rs"]
mod raw_http;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::Running;
use ferry_ui::prelude::*;
use ferry_ui::runtime::MinRate;
use raw_http::{closed_within, connect_from, head, json_post_head, read_response};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// 64 bytes a second, checked every second: a byte every 300 ms is far too slow.
const TEST_RATE: MinRate = MinRate {
    bytes: 64,
    per: Duration::from_secs(1),
};

fn address(server: &Running) -> SocketAddr {
    server.base.trim_start_matches("http://").parse().unwrap()
}

fn page(limits: Limits) -> App {
    Blocks::new(move |b| {
        b.limits(limits);
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        b.on(go.click(), (), out, || "done");
    })
}

/// Writes `head`, then one byte every `gap` until the server stops taking them.
fn trickle(
    mut stream: TcpStream,
    head: Vec<u8>,
    gap: Duration,
) -> tokio::task::JoinHandle<TcpStream> {
    tokio::spawn(async move {
        stream.write_all(&head).await.unwrap();
        for _ in 0..200 {
            tokio::time::sleep(gap).await;
            if stream.write_all(b" ").await.is_err() {
                break;
            }
        }
        stream
    })
}

/// A GET of the page on a new connection from `from`: its status, and how long it took.
async fn get_page(from: &str, address: SocketAddr, limit: Duration) -> (Option<u16>, Duration) {
    let started = Instant::now();
    let mut stream = connect_from(from, address).await;
    stream
        .write_all(&head("GET", "/", address, &[]))
        .await
        .unwrap();
    let response = read_response(&mut stream, limit).await;
    (response.map(|r| r.status), started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trickling_bodies_are_cut_at_the_minimum_rate_and_the_waiting_client_is_then_served() {
    // One address may hold every slot here, so the time limit is what frees them.
    let limits = Limits {
        max_connections: 12,
        max_connections_per_address: 12,
        min_body_rate: TEST_RATE,
        ..Limits::default()
    };
    let server = Running::start(page(limits)).await;
    let address = address(&server);
    let started = Instant::now();
    let mut tricklers = Vec::new();
    for _ in 0..12 {
        let stream = TcpStream::connect(address).await.unwrap();
        let head = json_post_head("/api/run", address, 10_000);
        tricklers.push(trickle(stream, head, Duration::from_millis(300)));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Every slot is taken: the next client waits in the listen queue until the tricklers are cut.
    let (status, waited) = get_page("127.0.0.1", address, Duration::from_secs(5)).await;
    assert_eq!(status, Some(200));
    assert!(waited < Duration::from_secs(3), "served after {waited:?}");
    for trickler in tricklers {
        let mut stream = trickler.await.unwrap();
        let response = read_response(&mut stream, Duration::from_secs(3))
            .await
            .unwrap();
        assert_eq!(response.status, 408);
        assert_eq!(response.header("connection"), Some("close"));
        assert_eq!(
            response.json()["error"],
            "the request body arrived too slowly (less than 64 bytes in 1 s)"
        );
        assert!(closed_within(&mut stream, Duration::from_secs(1)).await);
    }
    let all_cut = started.elapsed();
    assert!(all_cut >= Duration::from_millis(900), "{all_cut:?}");
    assert!(all_cut < Duration::from_secs(4), "{all_cut:?}");
}

#[tokio::test]
async fn an_api_body_that_keeps_the_rate_is_still_cut_at_the_body_read_timeout() {
    let limits = Limits {
        min_body_rate: MinRate {
            bytes: 1,
            per: Duration::from_secs(1),
        },
        body_read_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    let server = Running::start(page(limits)).await;
    let address = address(&server);
    let started = Instant::now();
    let stream = TcpStream::connect(address).await.unwrap();
    let head = json_post_head("/api/run", address, 10_000);
    let mut stream = trickle(stream, head, Duration::from_millis(100))
        .await
        .unwrap();
    let response = read_response(&mut stream, Duration::from_secs(3))
        .await
        .unwrap();
    assert_eq!(response.status, 408);
    assert_eq!(
        response.json()["error"],
        "the request body took longer than 1 s to arrive"
    );
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(950) && took < Duration::from_secs(3),
        "{took:?}"
    );
    assert!(closed_within(&mut stream, Duration::from_secs(1)).await);
}

#[tokio::test]
async fn an_upload_that_trickles_is_cut_at_the_same_minimum_rate() {
    let limits = Limits {
        min_body_rate: TEST_RATE,
        ..Limits::default()
    };
    let server = Running::start(Blocks::new(move |b| {
        b.limits(limits);
        b.add(UploadButton::new("Upload").elem_id("u"));
    }))
    .await;
    let address = address(&server);
    let page = server.session().await;
    let session = page["session"].as_str().unwrap();
    let component = common::by_elem_id(&page["root"], "u").unwrap()["id"].clone();
    let mut head = head(
        "POST",
        &format!("/api/upload/{session}/{component}"),
        address,
        &[
            (
                "Content-Type",
                "multipart/form-data; boundary=XyZ".to_owned(),
            ),
            ("Content-Length", "100000".to_owned()),
        ],
    );
    head.extend_from_slice(
        b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"slow.txt\"\r\n\r\n",
    );
    let started = Instant::now();
    let stream = TcpStream::connect(address).await.unwrap();
    let mut stream = trickle(stream, head, Duration::from_millis(300))
        .await
        .unwrap();
    let response = read_response(&mut stream, Duration::from_secs(3))
        .await
        .unwrap();
    assert_eq!(response.status, 408);
    assert_eq!(
        response.json()["error"],
        "the request body arrived too slowly (less than 64 bytes in 1 s)"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_connection_that_sends_nothing_or_its_head_slowly_is_closed_at_the_header_timeout() {
    let limits = Limits {
        header_read_timeout: Duration::from_millis(500),
        ..Limits::default()
    };
    let server = Running::start(page(limits)).await;
    let address = address(&server);
    let started = Instant::now();
    let mut silent = TcpStream::connect(address).await.unwrap();
    // A head sent a byte at a time never completes in time.
    let slow_head = TcpStream::connect(address).await.unwrap();
    let slow_head = tokio::spawn(async move {
        let mut stream = slow_head;
        for byte in head("GET", "/", address, &[]) {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if stream.write_all(&[byte]).await.is_err() {
                break;
            }
        }
        stream
    });
    // A kept-alive connection that asks nothing more is idle: closed too.
    let mut kept = TcpStream::connect(address).await.unwrap();
    kept.write_all(&head("GET", "/", address, &[]))
        .await
        .unwrap();
    assert_eq!(
        read_response(&mut kept, Duration::from_secs(1))
            .await
            .unwrap()
            .status,
        200
    );
    assert!(closed_within(&mut silent, Duration::from_secs(2)).await);
    assert!(closed_within(&mut kept, Duration::from_secs(2)).await);
    let mut slow_head = slow_head.await.unwrap();
    assert!(closed_within(&mut slow_head, Duration::from_secs(2)).await);
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(450), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[tokio::test]
async fn a_client_that_stops_reading_a_download_is_cut_after_the_send_timeout() {
    let limits = Limits {
        send_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let server = Running::start(Blocks::new(move |b| {
        b.limits(limits);
        b.add(
            DownloadButton::new("Big")
                .value(FileSource::bytes(vec![7u8; 64 << 20]).file_name("big.bin")),
        );
    }))
    .await;
    let address = address(&server);
    let shell = server.get("/").await.text().await.unwrap();
    let start = shell.find("file/app/").unwrap();
    let end = start + shell[start..].find('"').unwrap();
    let url = shell[start..end].to_owned();
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(&head("GET", &format!("/{url}"), address, &[]))
        .await
        .unwrap();
    // Read nothing for well past the send timeout, then take whatever is left.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut received = Vec::new();
    // The server ends the connection (it may reset it), so the read ends, whatever its result.
    let _ = tokio::time::timeout(
        Duration::from_secs(5),
        tokio::io::AsyncReadExt::read_to_end(&mut stream, &mut received),
    )
    .await
    .expect("the server closed the connection");
    let text = String::from_utf8_lossy(&received[..1000.min(received.len())]).into_owned();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        text.contains(&format!("content-length: {}", 64 << 20)),
        "{text}"
    );
    assert!(
        received.len() < 64 << 20,
        "the whole file came: the stalled connection was not cut"
    );
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_take_every_connection_while_another_is_served() {
    // The whole of 127.0.0.0/8 is this machine: 127.0.0.2 is another client.
    let limits = Limits {
        max_connections: 64,
        max_connections_per_address: 8,
        ..Limits::default()
    };
    let server = Running::start(page(limits)).await;
    let address = address(&server);
    let mut held = Vec::new();
    for _ in 0..8 {
        let mut stream = connect_from("127.0.0.1", address).await;
        stream.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
        held.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    // One more from the same address is closed as soon as it is accepted.
    let started = Instant::now();
    let mut refused = connect_from("127.0.0.1", address).await;
    assert!(closed_within(&mut refused, Duration::from_millis(500)).await);
    assert!(started.elapsed() < Duration::from_millis(500));
    // Another address is served at once.
    let (status, took) = get_page("127.0.0.2", address, Duration::from_secs(2)).await;
    assert_eq!(status, Some(200));
    assert!(took < Duration::from_millis(500), "{took:?}");
    // Once the first address lets its connections go, it is served again.
    drop(held);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, _) = get_page("127.0.0.1", address, Duration::from_secs(2)).await;
    assert_eq!(status, Some(200));
}

#[tokio::test]
async fn a_browser_worth_of_connections_is_fine_under_the_default_limits() {
    let server = Running::start(page(Limits::default())).await;
    let address = address(&server);
    let mut streams = Vec::new();
    for _ in 0..8 {
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream
            .write_all(&head("GET", "/", address, &[]))
            .await
            .unwrap();
        streams.push(stream);
    }
    for stream in &mut streams {
        let response = read_response(stream, Duration::from_secs(2)).await.unwrap();
        assert_eq!(response.status, 200);
    }
}
