//! The queue over HTTP: with `concurrency_limit(1)` two runs go one after the other and the
//! waiting one's page hears its place; `b.default_concurrency_limit` applies to events without a
//! limit of their own; `queue(false)` runs at once.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::{update_for, Running};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

fn app() -> App {
    Blocks::new(|b| {
        b.default_concurrency_limit(1);
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        let slow = || async {
            tokio::time::sleep(Duration::from_millis(400)).await;
            "done"
        };
        b.on(go.click(), (), out, slow).concurrency_limit(1); // 0
        b.on(go.click(), (), out, slow); // 1: the app's default of one
        b.on(go.click(), (), out, slow).queue(false); // 2
        b.on(go.click(), (), out, slow).concurrency_limit(None); // 3
    })
}

async fn run(server: &Running, page: &Value, dependency: usize) -> (u16, Value) {
    server
        .run_raw(json!({
            "session": page["session"], "dependency": dependency,
            "trigger": page["dependencies"][dependency]["triggers"][0], "data": []
        }))
        .await
}

#[tokio::test]
async fn with_a_limit_of_one_two_runs_go_in_turn_and_the_second_hears_its_place() {
    let server = Running::start(app()).await;
    let (a, b) = (server.session().await, server.session().await);
    let mut events = server.events(b["session"].as_str().unwrap(), None).await;
    let started = Instant::now();
    let first = run(&server, &a, 0);
    let second = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        run(&server, &b, 0).await
    };
    let ((s1, r1), (s2, r2)) = tokio::join!(first, second);
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(update_for(&r1, 2)["value"], "done");
    assert_eq!(update_for(&r2, 2)["value"], "done");
    assert!(
        started.elapsed() >= Duration::from_millis(800),
        "one after the other: {:?}",
        started.elapsed()
    );
    let waiting = events
        .next_of("queue", Duration::from_secs(1))
        .await
        .unwrap();
    assert_eq!(
        (
            &waiting.data["position"],
            &waiting.data["size"],
            &waiting.data["dependency"]
        ),
        (&json!(1), &json!(1), &json!(0))
    );
    let left = events
        .next_of("queue", Duration::from_secs(1))
        .await
        .unwrap();
    assert_eq!(left.data["position"], 0, "then it leaves the queue");
}

#[tokio::test]
async fn the_default_limit_applies_to_events_without_their_own_and_queue_false_runs_at_once() {
    let server = Running::start(app()).await;
    let (a, b) = (server.session().await, server.session().await);
    for (dependency, together) in [(1, false), (2, true), (3, true)] {
        let started = Instant::now();
        let (first, second) =
            tokio::join!(run(&server, &a, dependency), run(&server, &b, dependency));
        assert_eq!((first.0, second.0), (200, 200));
        let took = started.elapsed();
        if together {
            assert!(
                took < Duration::from_millis(750),
                "event {dependency} at once: {took:?}"
            );
        } else {
            assert!(
                took >= Duration::from_millis(800),
                "event {dependency} in turn: {took:?}"
            );
        }
    }
}
