//! A handler gives a download button a deferred file: nothing runs until the button is
//! clicked; the click runs the function the handler returned (with what it captured), keeps its
//! file for the session, and a newer handler run's function never gets an older one's file. The
//! file belongs to the session that the handler ran for, and a plain file given later takes the
//! button back.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::{by_elem_id, event_of, update_for, Running};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

fn app(runs: Arc<AtomicUsize>) -> App {
    Blocks::new(move |b| {
        let name = b.add(Textbox::new("Name").value("Ada").elem_id("name"));
        let make = b.add(Button::new("Make").elem_id("make"));
        let plain = b.add(Button::new("Plain").elem_id("plain"));
        let wrong = b.add(Button::new("Wrong").elem_id("wrong"));
        let greeting = b.add(DownloadButton::new("Greeting").elem_id("greeting"));
        let counted = Arc::clone(&runs);
        b.on(make.click(), name, greeting, move |name: String| {
            let counted = Arc::clone(&counted);
            FileSource::deferred(move |progress: Progress| {
                counted.fetch_add(1, Ordering::SeqCst);
                progress.describe("Writing");
                format!("Hello, {name}!\n")
            })
            .file_name("greeting.txt")
        });
        b.on(plain.click(), (), greeting, || {
            FileSource::text("plain\n").file_name("plain.txt")
        });
        b.on(wrong.click(), (), greeting, || {
            FileSource::deferred(|topic: String| topic)
        });
    })
}

fn id_of(page: &Value, elem_id: &str) -> u64 {
    by_elem_id(&page["root"], elem_id).unwrap()["id"]
        .as_u64()
        .unwrap()
}

async fn fire(server: &Running, page: &Value, elem_id: &str, event: &str, data: Value) -> Value {
    let (status, answer) = server.run(page, event_of(page, elem_id, event), data).await;
    assert_eq!(status, 200, "{answer}");
    answer
}

/// Clicks the greeting button as the page does: the file it downloads, and its text.
async fn prepare(server: &Running, page: &Value) -> (Value, String) {
    let answer = fire(server, page, "greeting", "prepare", json!([])).await;
    let file = update_for(&answer, id_of(page, "greeting"))["download"].clone();
    assert!(file.is_object(), "a download: {answer}");
    let text = server
        .get(file["url"].as_str().unwrap())
        .await
        .text()
        .await
        .unwrap();
    (file, text)
}

#[tokio::test]
async fn a_deferred_file_from_a_handler_runs_only_when_clicked_and_once_per_handler_run() {
    let runs = Arc::new(AtomicUsize::new(0));
    let server = Running::start(app(Arc::clone(&runs))).await;
    let page = server.session().await;
    let greeting = id_of(&page, "greeting");
    assert_eq!(
        by_elem_id(&page["root"], "greeting").unwrap()["props"].get("deferred"),
        None
    );

    let answer = fire(&server, &page, "make", "click", json!(["Ada"])).await;
    let update = update_for(&answer, greeting);
    assert_eq!(update["deferred"], true, "{answer}");
    assert_eq!(update["value"], Value::Null);
    assert_eq!(
        runs.load(Ordering::SeqCst),
        0,
        "nothing runs before a click"
    );

    let (file, text) = prepare(&server, &page).await;
    assert_eq!(file["file_name"], "greeting.txt");
    assert_eq!(text, "Hello, Ada!\n");
    let (again, _) = prepare(&server, &page).await;
    assert_eq!(again, file, "the kept file");
    assert_eq!(runs.load(Ordering::SeqCst), 1, "two clicks, one run");

    // The handler runs again with another name: its function makes a new file.
    fire(&server, &page, "make", "click", json!(["Bob"])).await;
    let (_, text) = prepare(&server, &page).await;
    assert_eq!(text, "Hello, Bob!\n");
    assert_eq!(runs.load(Ordering::SeqCst), 2);

    // Another session's button was given nothing.
    let other = server.session().await;
    let answer = fire(&server, &other, "greeting", "prepare", json!([])).await;
    assert_eq!(answer["updates"], json!([]), "{answer}");
    assert!(answer["error"].is_object(), "{answer}");
    assert_eq!(runs.load(Ordering::SeqCst), 2);

    // A plain file takes the button back.
    let answer = fire(&server, &page, "plain", "click", json!([])).await;
    let update = update_for(&answer, greeting);
    assert_eq!(update["deferred"], false, "{answer}");
    assert_eq!(update["value"]["file_name"], "plain.txt");
    let answer = fire(&server, &page, "greeting", "prepare", json!([])).await;
    assert!(answer["error"].is_object(), "{answer}");
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_deferred_function_from_a_handler_that_takes_inputs_is_refused_with_the_reason() {
    let server = Running::start(app(Arc::default())).await;
    let page = server.session().await;
    let answer = fire(&server, &page, "wrong", "click", json!([])).await;
    assert_eq!(
        answer["error"]["message"],
        "a deferred file returned by a handler takes no inputs (its function takes 1): it captures the values it needs"
    );
    assert_eq!(answer["error"]["component"], id_of(&page, "greeting"));
}
