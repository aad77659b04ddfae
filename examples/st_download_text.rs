//! Run with: cargo run --example st_download_text
//!
//! Streamlit's second `st.download_button` example, "Download a string as a text file", as a
//! Ferry script: a text area, and a "Prepare download" button that reveals a primary download
//! button saving the message as `message.txt` (text, so `text/plain`). Its `on_click` is
//! `Ignore`: the download stays in the page and reruns nothing, so the button does not vanish
//! with the rerun a click would start.
use ferry_ui::components::OnClick;
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// The script, also used by the tests.
pub fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        let message = ui.text_area("Message", "Lorem ipsum.\nStreamlit is cool.");
        if ui.button("Prepare download").clicked() {
            ui.add(
                DownloadButton::new("Download text")
                    .value(FileSource::text(message).file_name("message.txt"))
                    .on_click(OnClick::Ignore)
                    .variant(Variant::Primary)
                    .icon(":material/download:"),
            );
        }
    })
    .title("Download a string as a text file")
    .into_app()
}

fn main() {
    app().launch();
}
