//! Run with: cargo run --example zip_download
//!
//! Many files as one zip built as it is sent, a stream sent to the browser as it is produced,
//! a reader spooled once and served as a file, and a stream that fails mid-way (the browser
//! shows a failed download, never a truncated file).
use std::time::Duration;

use bytes::Bytes;
use ferry_ui::files::Compression;
use ferry_ui::prelude::*;
use futures_util::stream::{self, Stream};

/// Rows in the live CSV, and the row after which the failing stream fails.
const LIVE_ROWS: u32 = 400;
const FAIL_AFTER: u32 = 120;

/// Twenty files: nineteen text files and one with a hostile name, zipped as a list.
fn twenty_files() -> Vec<FileSource> {
    let mut files: Vec<FileSource> = (1..=19)
        .map(|i| {
            FileSource::text(format!("report {i}\n{}", "row,value\n".repeat(i * 10)))
                .file_name(format!("report-{i:02}.csv"))
        })
        .collect();
    files.push(FileSource::text("not a way out\n").file_name("../../etc/passwd"));
    files
}

/// The live CSV's row `i`.
fn row(i: u32) -> String {
    format!("{i},{}\n", i * i)
}

/// The live CSV, one row every few milliseconds; fails after [`FAIL_AFTER`] rows when `fail`.
fn live_csv(fail: bool) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    stream::unfold(0u32, move |i| async move {
        if i == LIVE_ROWS {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
        if fail && i == FAIL_AFTER {
            return Some((
                Err(std::io::Error::other("the sensor went away")),
                LIVE_ROWS,
            ));
        }
        Some((Ok(Bytes::from(row(i))), i + 1))
    })
}

/// A live CSV download, streamed directly: each click's stream is sent once.
fn live(fail: bool) -> FileSource {
    let name = if fail { "failing.csv" } else { "live.csv" };
    FileSource::stream(live_csv(fail))
        .file_name(name)
        .stream_directly()
}

fn app() -> App {
    Blocks::new(|b| {
        b.markdown("# Zips and streams");
        b.add(
            DownloadButton::new("Twenty files (zip)")
                .value(FileSource::zip(twenty_files()).file_name("twenty.zip"))
                .elem_id("twenty"),
        );
        b.add(
            DownloadButton::new("Twenty files, stored (zip with a length)")
                .value(
                    FileSource::zip(twenty_files())
                        .compression(Compression::Stored)
                        .file_name("twenty-stored.zip"),
                )
                .elem_id("stored"),
        );
        b.add(
            DownloadButton::new("Example sources (a list is a zip)")
                .value(vec![
                    "examples/zip_download.rs",
                    "examples/assets/report.csv",
                ])
                .elem_id("sources"),
        );
        b.add(
            DownloadButton::new("A reader, spooled once")
                .value(
                    FileSource::reader(std::io::Cursor::new(b"read once, served as a file\n"))
                        .file_name("spooled.txt"),
                )
                .elem_id("spooled"),
        );
        // A direct stream is sent once: each session gets its own at load, and a click hands
        // the button a fresh one for the next click.
        let streamed = b.add(
            DownloadButton::new("Live CSV (streamed as produced)")
                .value_with(|| live(false))
                .elem_id("live"),
        );
        b.on(streamed.click(), (), streamed, || live(false));
        let failing = b.add(
            DownloadButton::new("A stream that fails mid-way")
                .value_with(|| live(true))
                .variant(Variant::Stop)
                .elem_id("failing"),
        );
        b.on(failing.click(), (), failing, || live(true));
    })
}

fn main() {
    app().launch();
}
