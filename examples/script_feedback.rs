//! Run with: cargo run --example script_feedback
//!
//! The script style's feedback elements: the four callouts (Streamlit's `st.success`,
//! `st.info`, `st.warning`, `st.error`, one with its own emoji), a progress bar that a button
//! advances, an expander (closed at first) holding a widget, and what a rerun says while it
//! runs: a spinner with its time around slow work, a status section, and a toast.
use std::time::Duration;

use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// The script, also used by the tests.
pub fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.title("Feedback");
        ui.success("Saved **3** files.");
        ui.info("The next report runs at noon.");
        ui.warning("The disk is *nearly* full.");
        ui.add(Callout::error("The upload failed.").icon("🚨"));
        if ui.button("Advance").clicked() {
            ui.with_state(|steps: &mut u32| *steps = (*steps + 1).min(4));
        }
        let steps = ui.with_state(|steps: &mut u32| *steps);
        ui.progress(f64::from(steps) / 4.0, format!("Step {steps} of 4"));
        ui.expander("See explanation", |ui| {
            ui.markdown("Each click of **Advance** moves the bar a quarter.");
            if ui.button("Reset").clicked() {
                ui.with_state(|steps: &mut u32| *steps = 0);
                ui.markdown("Reset: the next rerun shows an empty bar.");
            }
        });
        if ui.button("Crunch").clicked() {
            let total = ui.spinner("Crunching numbers…", true, |ui| {
                let mut total = 0;
                for n in 1..=12 {
                    std::thread::sleep(Duration::from_millis(100));
                    ui.checkpoint();
                    total += n;
                }
                total
            });
            ui.status("Checking the total…", false, |ui| {
                std::thread::sleep(Duration::from_millis(600));
                ui.write(format!("1 + 2 + … + 12 = {total}"));
            });
            ui.toast(format!("Crunched: {total}."));
        }
    })
    .title("Feedback")
    .into_app()
}

fn main() {
    app().launch();
}
