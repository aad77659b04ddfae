//! Batched events over HTTP: the runs of several sessions that wait while a batch runs go to the
//! handler in one call, at most `max_batch_size` at a time, each session getting its own item;
//! a waiting run hears its place; a batch's error reaches every session of it.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{update_for, Running};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

/// The batches the handler was called with, in order.
type Calls = Arc<Mutex<Vec<Vec<String>>>>;

/// A page whose "Shout" event is batched: the handler records each call and upper-cases each
/// item after 300 ms. Event 0 uses the default batch size, event 1 a size of 2, event 2 returns
/// one item too few.
fn app(calls: Calls) -> App {
    Blocks::new(move |b| {
        b.show_error(true);
        let word = b.add(Textbox::new("Word"));
        let out = b.add(Textbox::new("Shouted"));
        let go = b.add(Button::new("Shout"));
        let shout = move |words: Vec<String>| {
            let calls = Arc::clone(&calls);
            async move {
                calls.lock().unwrap().push(words.clone());
                tokio::time::sleep(Duration::from_millis(300)).await;
                words
                    .into_iter()
                    .map(|w| format!("{}!", w.to_uppercase()))
                    .collect::<Vec<_>>()
            }
        };
        b.on_batch(go.click(), word, out, shout.clone());
        b.on_batch(go.click(), word, out, shout).max_batch_size(2);
        b.on_batch(go.click(), word, out, |words: Vec<String>| {
            words.into_iter().skip(1).collect::<Vec<_>>()
        });
    })
}

/// Runs event `dependency` for each of `pages` with its word, the first at once and the others
/// 100 ms later (while the first one's batch runs); returns each answer's shouted value.
async fn shout_from(
    server: &Running,
    pages: &[(Value, &str)],
    dependency: usize,
) -> Vec<(u16, Value)> {
    let runs = pages
        .iter()
        .enumerate()
        .map(|(at, (page, word))| async move {
            if at > 0 {
                tokio::time::sleep(Duration::from_millis(100 + 10 * at as u64)).await;
            }
            server.run(page, dependency, json!([word])).await
        });
    futures_util::future::join_all(runs).await
}

async fn sessions(server: &Running, words: &[&'static str]) -> Vec<(Value, &'static str)> {
    let mut pages = Vec::new();
    for word in words {
        pages.push((server.session().await, *word));
    }
    pages
}

#[tokio::test]
async fn the_runs_of_several_sessions_that_wait_go_to_one_call_each_getting_its_own_item() {
    let calls = Calls::default();
    let server = Running::start(app(Arc::clone(&calls))).await;
    let pages = sessions(&server, &["a", "b", "c", "d"]).await;
    let answers = shout_from(&server, &pages, 0).await;
    let shouted: Vec<Value> = answers
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 200, "{body}");
            update_for(body, 2)["value"].clone()
        })
        .collect();
    assert_eq!(
        shouted,
        [json!("A!"), json!("B!"), json!("C!"), json!("D!")]
    );
    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls, [vec!["a"], vec!["b", "c", "d"]]);
}

#[tokio::test]
async fn a_batch_holds_at_most_max_batch_size_runs() {
    let calls = Calls::default();
    let server = Running::start(app(Arc::clone(&calls))).await;
    let pages = sessions(&server, &["a", "b", "c", "d"]).await;
    let answers = shout_from(&server, &pages, 1).await;
    assert_eq!(update_for(&answers[3].1, 2)["value"], "D!");
    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls, [vec!["a"], vec!["b", "c"], vec!["d"]]);
}

#[tokio::test]
async fn a_run_waiting_for_a_batch_hears_its_place() {
    let server = Running::start(app(Calls::default())).await;
    let pages = sessions(&server, &["a", "b"]).await;
    let mut events = server
        .events(pages[1].0["session"].as_str().unwrap(), None)
        .await;
    shout_from(&server, &pages, 0).await;
    let waiting = events
        .next_of("queue", Duration::from_secs(1))
        .await
        .unwrap();
    assert_eq!(
        (&waiting.data["position"], &waiting.data["dependency"]),
        (&json!(1), &json!(0))
    );
    let left = events
        .next_of("queue", Duration::from_secs(1))
        .await
        .unwrap();
    assert_eq!(left.data["position"], 0, "its batch took it");
}

#[tokio::test]
async fn a_batch_that_returns_too_few_items_fails_for_each_of_its_sessions() {
    let server = Running::start(app(Calls::default())).await;
    let pages = sessions(&server, &["a"]).await;
    let answers = shout_from(&server, &pages, 2).await;
    let (status, body) = &answers[0];
    assert_eq!(*status, 200);
    assert_eq!(
        body["error"]["message"],
        "the batched handler returned 0 item(s) for 1 input set(s)"
    );
}
