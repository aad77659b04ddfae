//! Run with: cargo run --example st_download_options
//!
//! Every parameter of Streamlit's `st.download_button` (1.46 and what 1.67 added) on one
//! script page: a Markdown label, text and bytes with Streamlit's default types, a help tooltip,
//! a keyboard shortcut, an `on_click` callback that counts in the session's state, a page-only
//! download (`OnClick::Ignore`), tertiary and disabled buttons, widths (content, stretch,
//! pixels, `use_container_width`) and a label that does not wrap.
use ferry_ui::components::OnClick;
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// How many times the callback ran in this session.
#[derive(Default)]
struct Saves(u32);

/// The script, also used by the tests.
pub fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.markdown("# Download options");
        let saves = ui.with_state(|saves: &mut Saves| saves.0);
        ui.markdown(format!("The callback ran **{saves}** time(s)."));

        let clicked = ui.download_button(
            "**Bold** _notes_ as `text`",
            FileSource::text("notes\n").file_name("notes.csv"),
        );
        if clicked.clicked() {
            ui.markdown("The notes were downloaded.");
        }
        ui.download_button("Raw bytes", FileSource::bytes(vec![0u8, 1, 2, 255]));
        ui.add(
            DownloadButton::new("With help")
                .value(FileSource::text("help\n").file_name("help.txt"))
                .help("Saves **help.txt**, a one-line file.")
                .key("help"),
        );
        ui.add(
            DownloadButton::new("With a shortcut")
                .value(FileSource::text("shortcut\n").file_name("shortcut.txt"))
                .shortcut("Ctrl+Shift+S"),
        );
        ui.add(
            DownloadButton::new("Count my saves")
                .value(FileSource::text("counted\n").file_name("counted.txt"))
                .on_click(OnClick::call(|session: &Session| {
                    session.with_state(|saves: &mut Saves| saves.0 += 1);
                })),
        );
        ui.add(
            DownloadButton::new("Page only")
                .value(FileSource::text("page only\n").file_name("page-only.txt"))
                .on_click(OnClick::Ignore),
        );
        ui.add(
            DownloadButton::new("Tertiary")
                .value(FileSource::text("tertiary\n").file_name("tertiary.txt"))
                .variant(Variant::Tertiary),
        );
        ui.add(
            DownloadButton::new("Disabled")
                .value(FileSource::text("never\n").file_name("never.txt"))
                .interactive(false),
        );
        ui.add(
            DownloadButton::new("Stretch")
                .value(FileSource::text("wide\n").file_name("wide.txt"))
                .use_container_width(true),
        );
        ui.add(
            DownloadButton::new("300 px")
                .value(FileSource::text("px\n").file_name("px.txt"))
                .width(Width::Pixels(300)),
        );
        ui.add(
            DownloadButton::new("A label far too long to fit on one line of a narrow button")
                .value(FileSource::text("long\n").file_name("long.txt"))
                .width(Width::Pixels(200))
                .wrap(false),
        );
    })
    .title("Download options")
    .into_app()
}

fn main() {
    app().launch();
}
