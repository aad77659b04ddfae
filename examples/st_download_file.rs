//! Run with: cargo run --example st_download_file
//!
//! Streamlit's third `st.download_button` example, "Download a file", as a Ferry script: the
//! PNG shipped in `examples/assets/` is shown with `image` and offered as `flower.png`,
//! `image/png`. The file is streamed from disk on each download (with `Range` for resuming),
//! never read into memory.
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// The flower, beside this example.
const FLOWER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/assets/flower.png");

/// The script, also used by the tests.
pub fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.add(Image::new(FileSource::path(FLOWER)).caption("flower.png"));
        ui.download_button(
            "Download image",
            FileSource::path(FLOWER)
                .file_name("flower.png")
                .mime_type("image/png"),
        );
    })
    .title("Download a file")
    .into_app()
}

fn main() {
    app().launch();
}
