//! Run with: cargo run --example hello_download
//!
//! The smallest Ferry app: one button that downloads a file (this example's own source).
use ferry_ui::prelude::*;

fn app() -> App {
    Blocks::new(|b| {
        b.add(DownloadButton::from_path(file!()).label("Download hello_download.rs"));
    })
}

fn main() {
    app().launch();
}
