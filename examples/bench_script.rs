//! Run with: cargo run --release --example bench_script
//!
//! A script of 20 widgets (a title, five text fields, five buttons, nine lines of text) for
//! `scripts/bench-script.sh`: the server's cost per rerun and per idle script session.
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.title("Twenty widgets");
        let mut total = 0;
        for n in 1..=5 {
            total += ui.text_input(format!("Field {n}"), "text").len();
        }
        for n in 1..=5 {
            if ui.button(format!("Button {n}")).clicked() {
                ui.with_state(|clicks: &mut u64| *clicks += 1);
            }
        }
        let clicks = ui.with_state(|clicks: &mut u64| *clicks);
        for line in 1..=9 {
            ui.markdown(format!(
                "Line {line}: {total} characters, {clicks} click(s)"
            ));
        }
    })
    // The benchmark starts 10,000 sessions from one address in seconds: lift the session caps,
    // which are there to stop exactly that.
    .limits(Limits {
        max_sessions: usize::MAX,
        session_starts_per_minute: u32::MAX,
        ..Limits::default()
    })
    .into_app()
}

fn main() {
    app().launch();
}
