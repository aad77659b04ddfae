//! Run with: cargo run --release --example bench_events
//!
//! One Button and one Textbox with a trivial handler, for `scripts/bench-events.sh`: it shows
//! the server's cost per event (`POST /api/run`) and per session (`POST /api/session`).
use ferry_ui::prelude::*;

fn app() -> App {
    Blocks::new(|b| {
        // The benchmark starts 10,000 sessions from one address in seconds: lift the session
        // caps, which are there to stop exactly that.
        b.limits(Limits {
            max_sessions: usize::MAX,
            session_starts_per_minute: u32::MAX,
            ..Limits::default()
        });
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Result"));
        // Several connections share each session: `multiple` lets each of their clicks run (the
        // default `once` refuses, with a 409, a click whose previous run is still pending).
        b.on(go.click(), (), out, || "ok")
            .trigger_mode(TriggerMode::Multiple);
    })
}

fn main() {
    app().launch();
}
