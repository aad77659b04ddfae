//! Run with: cargo run --release --example bench_streams -- MODE [FOLDER]
//!
//! One download button for `scripts/bench-deferred.sh`: MODE `direct` streams
//! `$FERRY_BENCH_SIZE_MIB` MiB of zeros as they are produced (chunked), `spooled` spools a reader
//! of that size when each session starts and serves it as a file, `zip` zips every file in
//! FOLDER, stored.
use std::path::PathBuf;

use bytes::Bytes;
use ferry_ui::files::Compression;
use ferry_ui::prelude::*;
use futures_util::stream;
use tokio::io::AsyncReadExt;

const CHUNK: usize = 256 * 1024;
static ZEROS: [u8; CHUNK] = [0; CHUNK];

fn size_bytes() -> u64 {
    let mib: u64 = std::env::var("FERRY_BENCH_SIZE_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    mib * 1024 * 1024
}

/// `size` bytes of zeros, in chunks shared from one static buffer.
fn zeros(size: u64) -> FileSource {
    let chunks = size.div_ceil(CHUNK as u64);
    let last = size - (chunks.saturating_sub(1)) * CHUNK as u64;
    let stream = stream::iter((0..chunks).map(move |i| {
        let len = if i + 1 == chunks {
            last as usize
        } else {
            CHUNK
        };
        Ok::<_, std::io::Error>(Bytes::from_static(&ZEROS[..len]))
    }));
    FileSource::stream(stream)
}

/// The one button of `mode`.
fn button(mode: &str, folder: Option<PathBuf>) -> DownloadButton {
    let size = size_bytes();
    let button = DownloadButton::new("Download the benchmark stream");
    match mode {
        "direct" => {
            button.value_with(move || zeros(size).file_name("direct.bin").stream_directly())
        }
        "spooled" => button.value_with(move || {
            FileSource::reader(tokio::io::repeat(0).take(size)).file_name("spooled.bin")
        }),
        _ => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(folder.unwrap_or_default())
                .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            button.value(
                FileSource::zip(files)
                    .compression(Compression::Stored)
                    .file_name("bench.zip"),
            )
        }
    }
}

fn app(mode: String, folder: Option<PathBuf>) -> App {
    Blocks::new(move |b| {
        b.add(button(&mode, folder.clone()));
    })
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    if !matches!(mode.as_str(), "direct" | "spooled" | "zip") {
        eprintln!("usage: bench_streams direct|spooled|zip [FOLDER]");
        std::process::exit(2);
    }
    let folder = args.next().map(PathBuf::from);
    if mode == "zip" && !folder.as_ref().is_some_and(|f| f.is_dir()) {
        eprintln!("error: zip needs a FOLDER of files");
        std::process::exit(2);
    }
    app(mode, folder).launch();
}
