//! Streaming handlers and `cancels`, over HTTP: each item of a stream or an iterator reaches the
//! page in order on the session's stream, `stream_every` paces them, `time_limit` covers the
//! whole stream, and a cancelling event stops runs (running and waiting) within 100 ms.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{update_for, EventStream, Running};
use ferry_ui::prelude::*;
use futures_util::stream;
use serde_json::{json, Value};

/// Counts `0, 1, 2, …` forever, one every 50 ms.
fn counting() -> impl futures_util::Stream<Item = String> {
    stream::unfold(0u64, |n| async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Some((n.to_string(), n + 1))
    })
}

struct Flags {
    dropped_at: std::sync::Mutex<Option<Instant>>,
    sync_saw_cancel: AtomicBool,
    waiting_ran: AtomicUsize,
}

struct DropGuard(Arc<Flags>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        *self.0.dropped_at.lock().unwrap() = Some(Instant::now());
    }
}

fn app(flags: Arc<Flags>) -> App {
    Blocks::new(move |b| {
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        let stop = b.add(Button::new("Stop"));
        // 0: an async stream of three items.
        b.on(go.click(), (), out, || {
            stream::iter(1..=3).then(|n| async move {
                tokio::time::sleep(Duration::from_millis(60)).await;
                format!("async {n}")
            })
        });
        // 1: a sync iterator of three items, on a blocking thread.
        b.on(go.click(), (), out, || {
            (1..=3).map(|n| {
                std::thread::sleep(Duration::from_millis(60));
                format!("sync {n}")
            })
        });
        // 2: twenty items 20 ms apart, shown at most every 250 ms.
        b.on(go.click(), (), out, || {
            stream::iter(1..=20).then(|n| async move {
                tokio::time::sleep(Duration::from_millis(20)).await;
                n.to_string()
            })
        })
        .stream_every(Duration::from_millis(250));
        // 3: an endless stream with a time limit over the whole of it.
        b.on(go.click(), (), out, counting)
            .time_limit(Duration::from_millis(300));
        // 4: an endless stream that notes when it is dropped, and may be cancelled.
        let endless = {
            let flags = Arc::clone(&flags);
            b.on(go.click(), (), out, move || {
                let guard = DropGuard(Arc::clone(&flags));
                counting().map(move |n| {
                    let _ = &guard;
                    n
                })
            })
            .trigger_mode(TriggerMode::Multiple)
            .concurrency_limit(1)
            .id()
        };
        // 5: a sync handler that loops until it sees its cancellation token.
        let looping = {
            let flags = Arc::clone(&flags);
            b.on(go.click(), (), out, move |cancel: CancelToken| {
                while !cancel.is_cancelled() {
                    std::thread::sleep(Duration::from_millis(5));
                }
                flags.sync_saw_cancel.store(true, Ordering::SeqCst);
                "stopped"
            })
            .id()
        };
        // 6: the Stop button.
        b.on(stop.click(), (), (), || ())
            .cancels([endless, looping]);
        // 7: one run at a time across sessions, each 600 ms long.
        let waiting = {
            let flags = Arc::clone(&flags);
            b.on(go.click(), (), out, move || {
                let flags = Arc::clone(&flags);
                async move {
                    flags.waiting_ran.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(600)).await;
                    "the run ran"
                }
            })
            .trigger_mode(TriggerMode::Multiple)
            .concurrency_limit(1)
            .id()
        };
        // 8: cancels 7.
        b.on(stop.click(), (), (), || ()).cancels([waiting]);
    })
}

use futures_util::StreamExt;

fn flags() -> Arc<Flags> {
    Arc::new(Flags {
        dropped_at: std::sync::Mutex::new(None),
        sync_saw_cancel: AtomicBool::new(false),
        waiting_ran: AtomicUsize::new(0),
    })
}

/// The values of the `partial` messages of run events until the stream is quiet for 400 ms.
async fn partial_values(events: &mut EventStream) -> Vec<Value> {
    let mut values = Vec::new();
    while let Some(event) = events.next_of("partial", Duration::from_millis(400)).await {
        values.push(event.data["updates"][0]["props"]["value"].clone());
    }
    values
}

#[tokio::test]
async fn each_item_of_a_stream_or_an_iterator_reaches_the_page_in_order_and_the_last_stays() {
    let server = Running::start(app(flags())).await;
    let page = server.session().await;
    let mut events = server.events(page["session"].as_str().unwrap(), None).await;
    for (dependency, kind) in [(0, "async"), (1, "sync")] {
        let ((status, body), partials) = tokio::join!(
            server.run(&page, dependency, json!([])),
            partial_values(&mut events)
        );
        assert_eq!(status, 200, "{body}");
        // Each item as it came, then the run's result with the last one (which may have come
        // as a partial update too, when it was not the very end of the stream).
        let mut shown = partials;
        shown.push(update_for(&body, 2)["value"].clone());
        shown.dedup();
        assert_eq!(
            shown,
            [1, 2, 3].map(|n| json!(format!("{kind} {n}"))),
            "every item, in order"
        );
    }
}

#[tokio::test]
async fn stream_every_paces_the_updates_and_the_last_item_always_shows() {
    let server = Running::start(app(flags())).await;
    let page = server.session().await;
    let mut events = server.events(page["session"].as_str().unwrap(), None).await;
    let ((status, body), partials) =
        tokio::join!(server.run(&page, 2, json!([])), partial_values(&mut events));
    assert_eq!(status, 200, "{body}");
    // Twenty items over about 400 ms, at most one per 250 ms: two or three updates, not 20.
    assert!(
        (1..=3).contains(&partials.len()),
        "paced updates: {partials:?}"
    );
    assert_eq!(update_for(&body, 2)["value"], "20", "the last item stays");
}

#[tokio::test]
async fn a_time_limit_covers_the_whole_stream() {
    let server = Running::start(app(flags())).await;
    let page = server.session().await;
    let started = Instant::now();
    let (status, body) = server.run(&page, 3, json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["error"]["message"],
        "the handler took longer than its time limit of 300ms"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn cancels_stops_a_running_stream_within_100_ms_and_a_sync_handler_sees_its_token() {
    let flags = flags();
    let server = Running::start(app(Arc::clone(&flags))).await;
    let page = server.session().await;
    let mut events = server.events(page["session"].as_str().unwrap(), None).await;
    let run = |dependency: usize| {
        server.run_raw(json!({
            "session": page["session"], "dependency": dependency,
            "trigger": page["dependencies"][dependency]["triggers"][0], "data": [], "stream": true
        }))
    };
    let ((_, streaming), (_, looping)) = tokio::join!(run(4), run(5));
    assert!(streaming["pending"].is_u64(), "{streaming}");
    assert!(looping["pending"].is_u64(), "{looping}");
    // Items flow…
    assert!(events
        .next_of("partial", Duration::from_secs(2))
        .await
        .is_some());
    let stopped_at = Instant::now();
    let (status, _) = server.run(&page, 6, json!([])).await;
    assert_eq!(status, 200);
    // …and stop: the stream's handler is dropped within 100 ms, the sync one sees its token.
    common::until(Duration::from_secs(2), || {
        flags.dropped_at.lock().unwrap().is_some() && flags.sync_saw_cancel.load(Ordering::SeqCst)
    })
    .await;
    let dropped_at = flags.dropped_at.lock().unwrap().unwrap();
    assert!(
        dropped_at.duration_since(stopped_at) < Duration::from_millis(100),
        "dropped {:?} after the cancel",
        dropped_at.duration_since(stopped_at)
    );
    // Both runs end quietly: their results carry no error and no update.
    let mut results = Vec::new();
    while results.len() < 2 {
        let event = events
            .next_of("result", Duration::from_secs(2))
            .await
            .expect("the cancelled runs' results");
        results.push(event.data);
    }
    for result in &results {
        assert_eq!(result["error"], json!(null), "{result}");
        assert_eq!(result["updates"], json!([]), "{result}");
    }
    assert!(events
        .next_of("partial", Duration::from_millis(300))
        .await
        .is_none());
}

#[tokio::test]
async fn a_cancelled_run_waiting_for_its_concurrency_slot_leaves_the_queue_and_never_runs() {
    let flags = flags();
    let server = Running::start(app(Arc::clone(&flags))).await;
    // Event 7's one slot is held by a run of 7 in another session, for 600 ms.
    let other = server.session().await;
    let page = server.session().await;
    let _ = server
        .run_raw(json!({
            "session": other["session"], "dependency": 7,
            "trigger": other["dependencies"][7]["triggers"][0], "data": [], "stream": true
        }))
        .await;
    let started = Instant::now();
    let (waited, cancelled) = tokio::join!(server.run(&page, 7, json!([])), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        server.run(&page, 8, json!([])).await
    });
    assert_eq!(cancelled.0, 200);
    assert_eq!(waited.0, 200, "{}", waited.1);
    assert_eq!(waited.1["error"], json!(null));
    assert_eq!(waited.1["updates"], json!([]));
    assert!(
        started.elapsed() < Duration::from_millis(450),
        "answered when cancelled, not when the slot came free: {:?}",
        started.elapsed()
    );
    assert_eq!(
        flags.waiting_ran.load(Ordering::SeqCst),
        1,
        "only the other session's run of 7 ran"
    );
}
