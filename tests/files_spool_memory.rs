//! Constant memory: a 1 GiB stream is spooled to disk and downloaded while this process's
//! resident memory (`VmRSS`, the server runs in it) is sampled every 10 ms. Zero-filled chunks
//! shared from one static buffer keep the producer itself free.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use common::{update_for, Running};
use ferry_ui::prelude::*;
use futures_util::stream;
use serde_json::json;

const CHUNK: usize = 256 * 1024;
const CHUNKS: usize = 4096; // 1 GiB
static ZEROS: [u8; CHUNK] = [0; CHUNK];
/// The most the process may grow while it spools and serves the gigabyte.
const ALLOWED_GROWTH: u64 = 48 * 1024 * 1024;

/// This process's resident memory in bytes.
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spooled_gigabyte_stream_is_saved_and_served_in_constant_memory() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return; // no procfs: nothing to sample
    }
    let app = Blocks::new(|b| {
        let file = b.add(DownloadButton::new("Zeros")); // 1
        let go = b.add(Button::new("Make")); // 2
        b.on(go.click(), (), file, || {
            let chunks = (0..CHUNKS).map(|_| Ok::<_, std::io::Error>(Bytes::from_static(&ZEROS)));
            FileSource::stream(stream::iter(chunks)).file_name("zeros.bin")
        });
    });
    let server = Running::start(app).await;
    let page = server.session().await;
    let baseline = rss();
    let peak = Arc::new(AtomicU64::new(baseline));
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, stop) = (Arc::clone(&peak), Arc::clone(&stop));
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(rss(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };

    let (status, body) = server.run(&page, 0, json!([])).await;
    assert_eq!(status, 200, "{body}");
    let value = &update_for(&body, 1)["value"];
    assert_eq!(value["size"], (CHUNK * CHUNKS) as u64);
    let mut response = server.get(value["url"].as_str().unwrap()).await;
    assert_eq!(
        response.headers()["content-length"],
        (CHUNK * CHUNKS).to_string().as_str()
    );
    let (mut got, mut nonzero) = (0u64, false);
    while let Some(chunk) = response.chunk().await.unwrap() {
        got += chunk.len() as u64;
        nonzero |= chunk.iter().any(|&b| b != 0);
    }
    stop.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    assert_eq!(got, (CHUNK * CHUNKS) as u64);
    assert!(!nonzero);
    let growth = peak.load(Ordering::Relaxed).saturating_sub(baseline);
    eprintln!("resident memory grew by {} KiB", growth / 1024);
    assert!(
        growth < ALLOWED_GROWTH,
        "resident memory grew by {} MiB while spooling and serving 1 GiB",
        growth / (1024 * 1024)
    );
}
