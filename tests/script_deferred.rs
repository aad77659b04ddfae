//! Deferred files in script apps (Streamlit's callable `data`) over HTTP: nothing runs until the
//! button's `prepare`; the function sees what the rerun captured and the session's state; its
//! file is kept for clicks on the same page (the button's own click rerun included) and made
//! again once another interaction reran the script; the cancel event stops it; its error is
//! shown under the button; the result is typed by Streamlit's rule; forged events are refused.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{until, Running};
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};
use serde_json::{json, Value};

#[derive(Default)]
struct Flags {
    report_runs: AtomicUsize,
    slow_started: AtomicBool,
    slow_saw_cancel: AtomicBool,
}

#[derive(Clone, Default)]
struct User(String);

fn app(flags: Arc<Flags>) -> App {
    ScriptApp::new(move |ui: &mut Ui| {
        let topic = ui.text_input("Topic", "a");
        if ui.button("Sign in").clicked() {
            ui.with_state(|user: &mut User| user.0 = "ada".to_owned());
        }
        let report = Arc::clone(&flags);
        ui.download_button(
            "Report",
            FileSource::deferred(move |session: Session| {
                report.report_runs.fetch_add(1, Ordering::SeqCst);
                let user = session.state::<User>().unwrap_or_default().0;
                format!("topic={topic} user={user}\n")
            })
            .file_name("report.txt"),
        );
        let slow = Arc::clone(&flags);
        ui.download_button(
            "Slow",
            FileSource::deferred(move |cancel: CancelToken| {
                slow.slow_started.store(true, Ordering::SeqCst);
                for _ in 0..500 {
                    if cancel.is_cancelled() {
                        slow.slow_saw_cancel.store(true, Ordering::SeqCst);
                        return Err(ferry_ui::Error::new("stopped"));
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                Ok(FileSource::bytes(vec![1u8; 10]).file_name("slow.bin"))
            }),
        );
        ui.download_button(
            "Broken",
            FileSource::deferred(|| -> Result<FileSource, ferry_ui::Error> {
                Err(ferry_ui::Error::new("no data for this topic"))
            }),
        );
        ui.add(
            DownloadButton::new("Off")
                .value(FileSource::deferred(|| "never"))
                .interactive(false),
        );
        ui.add(DownloadButton::new("Takes input").value(FileSource::deferred(|text: String| text)));
    })
    .show_error(true)
    .into_app()
}

fn id_of(page: &Value, label: &str) -> u64 {
    page["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["props"]["label"] == label || w["props"]["value"] == label)
        .unwrap_or_else(|| panic!("no {label} in {page}"))["id"]
        .as_u64()
        .unwrap()
}

/// A rerun's page, with the session of `page` (a rerun's answer does not repeat it).
fn next_page(answer: &Value, page: &Value) -> Value {
    let mut next = answer["page"].clone();
    next["session"] = page["session"].clone();
    next
}

/// The dependency the page sends for `event` of widget `id`.
fn dependency_of(page: &Value, id: u64, event: &str) -> u64 {
    page["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["triggers"][0] == json!([id, event]))
        .unwrap_or_else(|| panic!("no {event} of {id} in {page}"))["id"]
        .as_u64()
        .unwrap()
}

async fn send(server: &Running, page: &Value, id: u64, event: &str, data: Value) -> (u16, Value) {
    let dependency = if event == "prepare" || event == "cancel" {
        dependency_of(page, id, event)
    } else {
        id
    };
    server
        .run_raw(json!({
            "session": page["session"], "dependency": dependency,
            "trigger": [id, event], "data": data
        }))
        .await
}

/// Prepares `label`'s file and downloads it: its URL, its type and its text.
async fn prepare(server: &Running, page: &Value, label: &str) -> (String, String, String) {
    let id = id_of(page, label);
    let (status, answer) = send(server, page, id, "prepare", json!([])).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["updates"][0]["id"], id, "{answer}");
    let file = &answer["updates"][0]["props"]["download"];
    let url = file["url"].as_str().unwrap_or_else(|| panic!("{answer}"));
    let response = server.get(url).await;
    assert_eq!(response.status(), 200);
    let mime = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (url.to_owned(), mime, response.text().await.unwrap())
}

#[tokio::test]
async fn nothing_runs_until_clicked_and_the_file_holds_what_the_page_showed() {
    let flags = Arc::new(Flags::default());
    let server = Running::start(app(Arc::clone(&flags))).await;
    let page = server.session().await;
    let report = id_of(&page, "Report");
    assert_eq!(page["root"]["children"][2]["props"]["deferred"], true);
    assert_eq!(
        flags.report_runs.load(Ordering::SeqCst),
        0,
        "drawing runs nothing"
    );

    let (url, mime, text) = prepare(&server, &page, "Report").await;
    assert_eq!(text, "topic=a user=\n");
    assert_eq!(
        mime, "text/plain; charset=utf-8",
        "Streamlit's type for text"
    );
    assert!(url.contains("report.txt"), "{url}");
    assert_eq!(flags.report_runs.load(Ordering::SeqCst), 1);

    // Clicked again on the same page, and after the rerun of its own click: the kept file.
    let (again, _, _) = prepare(&server, &page, "Report").await;
    assert_eq!(again, url);
    let (status, answer) = send(&server, &page, report, "click", json!(["a"])).await;
    assert_eq!(status, 200, "{answer}");
    let after_click = next_page(&answer, &page);
    let (kept, _, _) = prepare(&server, &after_click, "Report").await;
    assert_eq!(kept, url);
    assert_eq!(
        flags.report_runs.load(Ordering::SeqCst),
        1,
        "one run for three clicks"
    );

    // Another interaction reran the script: the function sees what that rerun captured.
    let topic = page["root"]["children"][0]["id"].as_u64().unwrap();
    let (status, answer) = send(&server, &page, topic, "submit", json!(["b"])).await;
    assert_eq!(status, 200, "{answer}");
    let (_, _, text) = prepare(&server, &next_page(&answer, &page), "Report").await;
    assert_eq!(text, "topic=b user=\n");
    // And the session's state as it is when clicked.
    let sign_in = id_of(&page, "Sign in");
    let (_, answer) = send(&server, &page, sign_in, "click", json!(["b"])).await;
    let (_, _, text) = prepare(&server, &next_page(&answer, &page), "Report").await;
    assert_eq!(text, "topic=b user=ada\n");
    assert_eq!(flags.report_runs.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn the_cancel_event_stops_the_function_and_its_click_answers_cancelled() {
    let flags = Arc::new(Flags::default());
    let server = Arc::new(Running::start(app(Arc::clone(&flags))).await);
    let page = server.session().await;
    let slow = id_of(&page, "Slow");
    let click = {
        let (server, page) = (Arc::clone(&server), page.clone());
        tokio::spawn(async move { send(&server, &page, slow, "prepare", json!([])).await })
    };
    until(Duration::from_secs(5), || {
        flags.slow_started.load(Ordering::SeqCst)
    })
    .await;
    let (status, answer) = send(&server, &page, slow, "cancel", json!([])).await;
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = click.await.unwrap();
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["cancelled"], true, "{answer}");
    assert!(answer["updates"].as_array().unwrap().is_empty(), "{answer}");
    until(Duration::from_secs(5), || {
        flags.slow_saw_cancel.load(Ordering::SeqCst)
    })
    .await;
    assert!(flags.slow_saw_cancel.load(Ordering::SeqCst));
}

#[tokio::test]
async fn a_failing_function_shows_its_message_under_its_button() {
    let server = Running::start(app(Arc::default())).await;
    let page = server.session().await;
    let broken = id_of(&page, "Broken");
    let (status, answer) = send(&server, &page, broken, "prepare", json!([])).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["error"]["message"], "no data for this topic");
    assert_eq!(answer["error"]["component"], broken);
}

#[tokio::test]
async fn forged_and_refused_events_get_a_clear_409_and_run_nothing() {
    let flags = Arc::new(Flags::default());
    let server = Running::start(app(Arc::clone(&flags))).await;
    let page = server.session().await;
    let report = id_of(&page, "Report");
    // The prepare event under the id of the button's rerun.
    let (status, answer) = server
        .run_raw(json!({
            "session": page["session"], "dependency": report,
            "trigger": [report, "prepare"], "data": []
        }))
        .await;
    assert_eq!(status, 409, "{answer}");
    assert!(
        answer.to_string().contains("is not the prepare event"),
        "{answer}"
    );
    // A button with no deferred file, and a disabled one.
    let sign_in = id_of(&page, "Sign in");
    let (status, answer) = server
        .run_raw(json!({
            "session": page["session"], "dependency": (1u64 << 30) + sign_in,
            "trigger": [sign_in, "prepare"], "data": []
        }))
        .await;
    assert_eq!(status, 409, "{answer}");
    assert!(
        answer.to_string().contains("no file made when clicked"),
        "{answer}"
    );
    let off = id_of(&page, "Off");
    let (status, answer) = send(&server, &page, off, "prepare", json!([])).await;
    assert_eq!(status, 409, "{answer}");
    assert_eq!(flags.report_runs.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_function_that_takes_inputs_is_an_error_in_the_page() {
    let server = Running::start(app(Arc::default())).await;
    let page = server.session().await;
    let id = id_of(&page, "Takes input");
    let errors = page["errors"].as_array().unwrap();
    let error = errors
        .iter()
        .find(|e| e["component"] == id)
        .unwrap_or_else(|| panic!("{page}"));
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("takes no inputs"),
        "{error}"
    );
}
