//! Run with: cargo run --release --example bench_events
//!
//! Trivial handlers for `scripts/bench-events.sh`: the server's cost per event (`POST /api/run`)
//! with the queue in its three states, per streamed update, and per session
//! (`POST /api/session`).
use ferry_ui::prelude::*;
use futures_util::StreamExt;

fn app() -> App {
    Blocks::new(|b| {
        // The benchmark starts 10,000 sessions from one address in seconds: lift the session
        // caps, which are there to stop exactly that.
        b.limits(Limits {
            max_sessions: usize::MAX,
            session_starts_per_minute: u32::MAX,
            ..Limits::default()
        });
        let out = b.add(Textbox::new("Result"));
        let plain = b.add(Button::new("No limit"));
        let queued = b.add(Button::new("Queued, one at a time"));
        let direct = b.add(Button::new("Not queued"));
        let stream = b.add(Button::new("Stream"));
        // Several connections may share a session: `multiple` lets each of their clicks run (the
        // default `once` refuses, with a 409, a click whose previous run is still pending).
        // 0: Ferry's default, queued with no concurrency limit.
        b.on(plain.click(), (), out, || "ok")
            .trigger_mode(TriggerMode::Multiple)
            .api_name("trivial");
        // 1: Gradio's default, every run through the queue, one at a time app-wide.
        b.on(queued.click(), (), out, || "ok")
            .trigger_mode(TriggerMode::Multiple)
            .concurrency_limit(1);
        // 2: `queue(false)`, even with a limit set.
        b.on(direct.click(), (), out, || "ok")
            .trigger_mode(TriggerMode::Multiple)
            .concurrency_limit(1)
            .queue(false);
        // 3: a stream of 20,000 updates, as fast as they go.
        b.on(stream.click(), (), out, || {
            futures_util::stream::iter(1..=20_000u32).map(|n| n.to_string())
        });
    })
}

fn main() {
    app().launch();
}
