//! Run with: cargo run --example upload_and_download
//!
//! Gradio's `upload_and_download` demo, line for line: upload a file, the upload button hides
//! and "Download NAME" appears; download it, and the buttons swap back.

use std::path::PathBuf;

use ferry_ui::prelude::*;

pub(crate) fn upload_file(filepath: PathBuf) -> (UploadButtonUpdate, DownloadButtonUpdate) {
    let name = filepath
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    (
        UploadButton::update().visible(false),
        DownloadButton::update()
            .label(format!("Download {name}"))
            .value(filepath)
            .visible(true),
    )
}

pub(crate) fn download_file() -> (UploadButtonUpdate, DownloadButtonUpdate) {
    (
        UploadButton::update().visible(true),
        DownloadButton::update().visible(false),
    )
}

fn app() -> App {
    Blocks::new(|b| {
        b.markdown("First upload a file and and then you'll be able download it (but only once!)");
        let (u, d) = b.row(|r| {
            let u = r.add(
                UploadButton::new("Upload a file")
                    .file_count(FileCount::Single)
                    .elem_id("upload"),
            );
            let d = r.add(
                DownloadButton::new("Download the file")
                    .visible(false)
                    .elem_id("download"),
            );
            (u, d)
        });

        b.on(u.upload(), u, (u, d), upload_file).api_name("upload");
        b.on(d.click(), (), (u, d), download_file)
            .api_name("download");
    })
}

fn main() {
    app().launch();
}
