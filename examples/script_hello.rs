//! Run with: cargo run --example script_hello
//!
//! The script style (Streamlit's): the closure draws the page for each session and again after
//! each interaction; widget calls return their current values. A text area and a file name, a
//! button that counts in the session's state, a download of what was typed (Streamlit's
//! "Prepare download" example), a slow rerun that the page's Stop control stops, and a button
//! whose rerun panics, shown in place.
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// The script, also used by the tests.
pub fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.markdown("# A Ferry script\nEach interaction reruns this closure.");
        let message = ui.text_area("Message", "Hello from a Ferry script");
        let file_name = ui.text_input("File name", "message.txt");
        if ui.button("Shout").clicked() {
            ui.with_state(|shouts: &mut u32| *shouts += 1);
        }
        let shouts = ui.with_state(|shouts: &mut u32| *shouts);
        ui.markdown(format!(
            "Shouted {shouts} time(s): **{}**",
            message.to_uppercase()
        ));
        let saved = ui.download_button(
            "Download the message",
            FileSource::text(message.clone()).file_name(file_name.clone()),
        );
        if saved.clicked() {
            ui.markdown(format!("Saved *{file_name}*."));
        }
        if ui.button("Work for 3 s").clicked() {
            for _ in 0..30 {
                std::thread::sleep(std::time::Duration::from_millis(100));
                ui.checkpoint();
            }
            ui.markdown("Worked for 3 s.");
        }
        if ui.button("Panic").clicked() {
            panic!("the Panic button was clicked");
        }
    })
    .title("Ferry script")
    .show_error(true)
    .into_app()
}

fn main() {
    app().launch();
}
