//! Run with: cargo run --example script_fragment
//!
//! Fragments (Streamlit's `st.fragment`): a part of the page that reruns alone. The page counts
//! the whole script's runs; the order form is a fragment, so ticking its boxes or clicking its
//! button reruns only it (the count stays); a clock is a fragment the page reruns every second
//! on its own; "Refresh all" reruns everything.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// The script, also used by the tests.
pub fn app() -> App {
    let whole_runs = Arc::new(AtomicU64::new(0));
    ScriptApp::new(move |ui: &mut Ui| {
        ui.title("Fragments");
        let runs = whole_runs.fetch_add(1, Ordering::SeqCst) + 1;
        ui.markdown(format!("The whole script ran **{runs}** time(s)."));
        ui.fragment(|ui| {
            ui.subheader("Order");
            let cream = ui.checkbox("Cream", false);
            let nuts = ui.checkbox("Nuts", false);
            let copies = ui.number_input("Cups", 1.0);
            let price =
                copies * (3.0 + if cream { 0.5 } else { 0.0 } + if nuts { 0.8 } else { 0.0 });
            ui.markdown(format!("Total: **{price:.2} €**"));
            if ui.button("Order").clicked() {
                ui.with_state(|orders: &mut u32| *orders += 1);
            }
            let orders = ui.with_state(|orders: &mut u32| *orders);
            ui.markdown(format!("Orders placed: **{orders}**"));
        });
        ui.fragment_every(Duration::from_secs(1), |ui| {
            let ticks = ui.with_state(|ticks: &mut ClockTicks| {
                ticks.0 += 1;
                ticks.0
            });
            ui.markdown(format!("Clock drawn **{ticks}** time(s), once a second."));
        });
        ui.button("Refresh all");
    })
    .title("Fragments")
    .into_app()
}

/// How many times the clock fragment was drawn, in the session's state.
#[derive(Default)]
struct ClockTicks(u64);

fn main() {
    app().launch();
}
