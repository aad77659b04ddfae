//! Run with: cargo run --release --example bench_server -- PATH
//!
//! A one-button app serving the file at PATH (or `$FERRY_BENCH_FILE`), for `scripts/bench-download.sh`.
use std::path::PathBuf;

use ferry_ui::prelude::*;

fn app(path: PathBuf) -> App {
    Blocks::new(move |b| {
        b.add(DownloadButton::from_path(path).label("Download the benchmark file"));
    })
}

fn main() {
    let Some(path) = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("FERRY_BENCH_FILE"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: bench_server PATH   (or set FERRY_BENCH_FILE)");
        std::process::exit(2);
    };
    if !path.is_file() {
        eprintln!("error: {} is not a file", path.display());
        std::process::exit(2);
    }
    app(path).launch();
}
