//! Readers and streams as download values, over HTTP through a real app: a spooled stream is
//! served as a file (length, ETag, Range); a direct stream starts before its producer ends,
//! is chunked, is sent once, and breaks off with an error (never a clean end) when its
//! producer fails or breaks its declared size.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use common::{update_for, Running};
use ferry_ui::prelude::*;
use futures_util::stream;
use serde_json::json;
use tokio::sync::mpsc;

type Chunk = Result<Bytes, std::io::Error>;
/// The receiving end of the next stream a handler hands over.
type Next = Arc<Mutex<Option<mpsc::UnboundedReceiver<Chunk>>>>;

/// A stream fed chunk by chunk through a channel.
fn channel_stream(rx: mpsc::UnboundedReceiver<Chunk>) -> impl futures_util::Stream<Item = Chunk> {
    stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
}

/// One button whose handler hands the next channel's stream to a download button, directly.
fn live_app(next: Next, size: Option<u64>) -> App {
    Blocks::new(move |b| {
        let file = b.add(DownloadButton::new("Live")); // 1
        let go = b.add(Button::new("Make")); // 2
        let next = Arc::clone(&next);
        b.on(go.click(), (), file, move || {
            let rx = next.lock().unwrap().take().unwrap();
            let source = FileSource::stream(channel_stream(rx))
                .file_name("live.csv")
                .stream_directly();
            match size {
                Some(size) => source.size(size),
                None => source,
            }
        });
    })
}

/// Starts the app, runs its handler, returns the server, the feed and the file URL.
async fn started(size: Option<u64>) -> (Running, mpsc::UnboundedSender<Chunk>, String) {
    let next: Next = Arc::default();
    let (tx, rx) = mpsc::unbounded_channel();
    *next.lock().unwrap() = Some(rx);
    let server = Running::start(live_app(next, size)).await;
    let page = server.session().await;
    let (status, body) = server.run(&page, 0, json!([])).await;
    assert_eq!(status, 200, "{body}");
    let value = &update_for(&body, 1)["value"];
    assert_eq!(value["file_name"], "live.csv");
    assert_eq!(value["size"], json!(size));
    let url = value["url"].as_str().unwrap().to_owned();
    (server, tx, url)
}

#[tokio::test]
async fn a_direct_stream_starts_before_its_producer_ends_and_a_failure_mid_way_fails_the_body() {
    let (server, tx, url) = started(None).await;
    tx.send(Ok(Bytes::from("id,value\n1,"))).unwrap();
    let mut response = server.get(&url).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert!(headers.get("content-length").is_none(), "{headers:?}");
    assert_eq!(headers["transfer-encoding"], "chunked");
    assert_eq!(headers["accept-ranges"], "none");
    assert!(headers.get("etag").is_none());
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"live.csv\"; filename*=UTF-8''live.csv"
    );
    // The first chunk arrives while the producer still runs.
    let first = response.chunk().await.unwrap().unwrap();
    assert_eq!(&first[..], b"id,value\n1,");
    tx.send(Err(std::io::Error::other("the sensor went away")))
        .unwrap();
    let end = response.chunk().await;
    assert!(
        end.is_err(),
        "the body fails, it does not end cleanly: {end:?}"
    );

    let again = server.get(&url).await;
    assert_eq!(again.status(), 410);
    assert_eq!(
        again.text().await.unwrap(),
        "this download was streamed once and cannot be sent again"
    );
}

#[tokio::test]
async fn a_direct_stream_that_ends_well_is_whole_and_head_does_not_use_it_up() {
    let (server, tx, url) = started(None).await;
    let head = server
        .client
        .head(format!("{}/{url}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    for i in 0..100 {
        tx.send(Ok(Bytes::from(format!("{i},x\n")))).unwrap();
    }
    drop(tx);
    let body = server.get(&url).await.text().await.unwrap();
    let want: String = (0..100).map(|i| format!("{i},x\n")).collect();
    assert_eq!(body, want);
}

#[tokio::test]
async fn a_declared_size_is_the_content_length_and_a_short_stream_fails_the_body() {
    let (server, tx, url) = started(Some(10)).await;
    let head = server
        .client
        .head(format!("{}/{url}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(head.headers()["content-length"], "10");
    tx.send(Ok(Bytes::from("12345"))).unwrap();
    drop(tx); // five bytes short
              // The server may break off before its head went out, or after: the client gets an
              // error either way, never five bytes that look whole.
    let got = server
        .client
        .get(format!("{}/{url}", server.base))
        .send()
        .await;
    match got {
        Ok(response) => assert!(response.bytes().await.is_err(), "short: the body fails"),
        Err(error) => assert!(!error.is_status(), "{error}"),
    }

    let (server, tx, url) = started(Some(4)).await;
    tx.send(Ok(Bytes::from("1234"))).unwrap();
    drop(tx);
    let response = server.get(&url).await;
    assert_eq!(&response.bytes().await.unwrap()[..], b"1234");
    drop(server);
}

#[tokio::test]
async fn a_spooled_stream_is_served_as_a_file_with_its_length_etag_and_ranges() {
    let app = Blocks::new(|b| {
        let file = b.add(DownloadButton::new("Report")); // 1
        let go = b.add(Button::new("Make")); // 2
        b.on(go.click(), (), file, || {
            let rows =
                stream::iter((0..1000).map(|i| Ok::<_, std::io::Error>(format!("{i:04}\n"))));
            FileSource::stream(rows).file_name("rows.txt")
        });
        let reader = b.add(DownloadButton::new("Reader")); // 3
        let read = b.add(Button::new("Read")); // 4
        b.on(read.click(), (), reader, || {
            FileSource::reader(std::io::Cursor::new(vec![7u8; 100_000])).file_name("sevens.bin")
        });
        // A handler that takes the spooled file as input and hands its path on.
        let copy = b.add(DownloadButton::new("Copy")); // 5
        let pass = b.add(Button::new("Pass")); // 6
        b.on(pass.click(), file, copy, |path: std::path::PathBuf| path);
    });
    let server = Running::start(app).await;
    let page = server.session().await;
    let (_, body) = server.run(&page, 0, json!([])).await;
    let value = &update_for(&body, 1)["value"];
    assert_eq!(value["size"], 5000);
    let url = value["url"].as_str().unwrap();
    let full = server.get(url).await;
    assert_eq!(full.headers()["content-length"], "5000");
    assert_eq!(full.headers()["accept-ranges"], "bytes");
    let etag = full.headers()["etag"].to_str().unwrap().to_owned();
    let text = full.text().await.unwrap();
    assert!(text.starts_with("0000\n0001\n") && text.ends_with("0999\n"));
    let part = server
        .client
        .get(format!("{}/{url}", server.base))
        .header("range", "bytes=4995-")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], "bytes 4995-4999/5000");
    assert_eq!(part.text().await.unwrap(), "0999\n");
    // Served again from the spool: the stream is not read twice.
    assert_eq!(server.get(url).await.text().await.unwrap(), text);

    let (_, body) = server.run(&page, 1, json!([])).await;
    let value = &update_for(&body, 3)["value"];
    let bytes = server
        .get(value["url"].as_str().unwrap())
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(&bytes[..], &[7u8; 100_000][..]);

    let (status, body) = server.run(&page, 2, json!([null])).await;
    assert_eq!(status, 200, "{body}");
    let copied = update_for(&body, 5)["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(server.get(&copied).await.text().await.unwrap(), text);
}
