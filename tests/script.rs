//! The script style over HTTP: the first run draws the session's page; an interaction records
//! the values the page sent and reruns the script, whose page keeps each widget's id; a click is
//! seen only by its own rerun; two widgets of one identity, a panic and a forged interaction are
//! errors; a newer interaction stops the rerun in progress.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::Running;
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};
use serde_json::{json, Value};

/// The widgets of a page, in order: (type, id, props).
fn widgets(page: &Value) -> Vec<(String, u64, Value)> {
    page["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["type"].as_str().unwrap().to_owned(),
                w["id"].as_u64().unwrap(),
                w["props"].clone(),
            )
        })
        .collect()
}

/// The id of the first widget of this type and label (a button's label is its `value`).
fn id_of(page: &Value, kind: &str, label: &str) -> u64 {
    widgets(page)
        .into_iter()
        .find(|(k, _, props)| k == kind && (props["label"] == label || props["value"] == label))
        .unwrap_or_else(|| panic!("no {kind} {label} in {page}"))
        .1
}

fn htmls(page: &Value) -> Vec<String> {
    widgets(page)
        .into_iter()
        .filter(|(k, _, _)| k == "markdown")
        .map(|(_, _, props)| props["html"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn counter_app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        let name = ui.text_input("Name", "world");
        if ui.button("Greet").clicked() {
            ui.with_state(|n: &mut u32| *n += 1);
            ui.markdown(format!("Hello, {name}"));
        }
        let n = ui.with_state(|n: &mut u32| *n);
        ui.markdown(format!("greeted {n} time(s)"));
        if ui.button("Twice").clicked() {
            ui.button("Greet");
        }
        if ui.button("Panic").clicked() {
            panic!("a panic in the script");
        }
    })
    .show_error(true)
    .into_app()
}

/// Sends an interaction: `event` of widget `id`, with every value widget's value.
async fn interact(
    server: &Running,
    page: &Value,
    id: u64,
    event: &str,
    data: Value,
) -> (u16, Value) {
    server
        .run_raw(json!({
            "session": page["session"], "dependency": id, "trigger": [id, event], "data": data
        }))
        .await
}

#[tokio::test]
async fn a_click_reruns_the_script_with_the_values_the_page_sent() {
    let server = Running::start(counter_app()).await;
    let page = server.session().await;
    assert_eq!(htmls(&page), ["<p>greeted 0 time(s)</p>\n"]);
    let name = id_of(&page, "textbox", "Name");
    let greet = id_of(&page, "button", "Greet");
    let (status, answer) = interact(&server, &page, greet, "click", json!(["Ada"])).await;
    assert_eq!(status, 200, "{answer}");
    let next = &answer["page"];
    assert_eq!(
        htmls(next),
        ["<p>Hello, Ada</p>\n", "<p>greeted 1 time(s)</p>\n"]
    );
    assert_eq!(
        id_of(next, "textbox", "Name"),
        name,
        "the field keeps its id"
    );
    assert_eq!(id_of(next, "button", "Greet"), greet);
    // The submit of the text field reruns too; the click belonged to the rerun before.
    let (status, answer) = interact(&server, &page, name, "submit", json!(["Grace"])).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(htmls(&answer["page"]), ["<p>greeted 1 time(s)</p>\n"]);
    assert_eq!(widgets(&answer["page"])[0].2["value"], "Grace");
}

#[tokio::test]
async fn two_widgets_of_one_identity_are_an_error_that_names_both() {
    let server = Running::start(counter_app()).await;
    let page = server.session().await;
    let twice = id_of(&page, "button", "Twice");
    let (_, answer) = interact(&server, &page, twice, "click", json!(["x"])).await;
    let errors = answer["page"]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{answer}");
    assert_eq!(
        errors[0]["message"],
        "two widgets have the same identity: button “Greet” and button “Greet” (widgets 2 and 5); give one of them a key"
    );
}

#[tokio::test]
async fn a_panic_is_shown_where_the_script_stopped_and_the_session_goes_on() {
    let server = Running::start(counter_app()).await;
    let page = server.session().await;
    let panic = id_of(&page, "button", "Panic");
    let (status, answer) = interact(&server, &page, panic, "click", json!(["x"])).await;
    assert_eq!(status, 200);
    let last = widgets(&answer["page"]).pop().unwrap();
    assert_eq!(last.2["elem_id"], "ferry-script-error");
    assert_eq!(
        answer["page"]["errors"][0]["message"],
        "The script stopped here: a panic in the script"
    );
    assert_eq!(answer["page"]["errors"][0]["component"], last.1);
    let greet = id_of(&page, "button", "Greet");
    let (status, answer) = interact(&server, &page, greet, "click", json!(["x"])).await;
    assert_eq!(status, 200);
    assert_eq!(answer["page"]["errors"], json!([]));
}

#[tokio::test]
async fn an_interaction_the_page_does_not_offer_is_refused() {
    let server = Running::start(counter_app()).await;
    let page = server.session().await;
    let name = id_of(&page, "textbox", "Name");
    let greet = id_of(&page, "button", "Greet");
    let (status, body) = interact(&server, &page, name, "click", json!(["x"])).await;
    assert_eq!(
        (status, &body["error"]),
        (
            409,
            &json!(format!("widget {name} does not rerun the script on click"))
        )
    );
    let (status, body) = interact(&server, &page, 999, "click", json!(["x"])).await;
    assert_eq!(
        (status, &body["error"]),
        (409, &json!("no widget 999 on this session's page"))
    );
    let (status, body) = interact(&server, &page, greet, "click", json!([])).await;
    assert_eq!(
        (status, &body["error"]),
        (400, &json!("this page sends 1 widget value(s), got 0"))
    );
    let (status, _) = interact(&server, &page, greet, "click", json!([42])).await;
    assert_eq!(status, 400, "a text field's value is text");
}

#[tokio::test]
async fn a_newer_interaction_stops_the_rerun_in_progress_at_its_next_widget_call() {
    let finished = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&finished);
    let app = ScriptApp::new(move |ui: &mut Ui| {
        let slow = ui.button("Slow").clicked();
        ui.button("Fast");
        if slow {
            std::thread::sleep(Duration::from_millis(400));
            ui.markdown("slow done");
            seen.fetch_add(1, Ordering::SeqCst);
        }
    })
    .into_app();
    let server = Running::start(app).await;
    let page = server.session().await;
    let (slow, fast) = (
        id_of(&page, "button", "Slow"),
        id_of(&page, "button", "Fast"),
    );
    let first = interact(&server, &page, slow, "click", json!([]));
    let second = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        interact(&server, &page, fast, "click", json!([])).await
    };
    let ((s1, a1), (s2, a2)) = tokio::join!(first, second);
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(a1["cancelled"], true, "{a1}");
    assert!(a1.get("page").is_none());
    assert_eq!(htmls(&a2["page"]), Vec::<String>::new());
    assert_eq!(
        finished.load(Ordering::SeqCst),
        0,
        "the slow rerun never drew past its sleep"
    );
}

#[tokio::test]
async fn a_data_cache_serves_every_session_from_one_computation() {
    let computed = Arc::new(AtomicU32::new(0));
    let count = Arc::clone(&computed);
    let squares = ferry_ui::cache::DataCache::new();
    let app = ScriptApp::new(move |ui: &mut Ui| {
        let table: Vec<u64> = squares.get(&5u64, |&n| {
            count.fetch_add(1, Ordering::SeqCst);
            (0..n).map(|i| i * i).collect()
        });
        ui.markdown(format!("{table:?}"));
    })
    .into_app();
    let server = Running::start(app).await;
    let (a, b) = (server.session().await, server.session().await);
    assert_eq!(htmls(&a), ["<p>[0, 1, 4, 9, 16]</p>\n"]);
    assert_eq!(htmls(&b), htmls(&a));
    assert_eq!(
        computed.load(Ordering::SeqCst),
        1,
        "computed for the first session only"
    );
}

#[tokio::test]
async fn the_stop_control_ends_the_rerun_in_progress_and_draws_nothing() {
    let app = ScriptApp::new(|ui: &mut Ui| {
        if ui.button("Work").clicked() {
            for _ in 0..50 {
                std::thread::sleep(Duration::from_millis(20));
                ui.checkpoint();
            }
            ui.markdown("worked");
        }
    })
    .into_app();
    let server = Running::start(app).await;
    let page = server.session().await;
    let work = id_of(&page, "button", "Work");
    let started = std::time::Instant::now();
    let running = interact(&server, &page, work, "click", json!([]));
    let stop = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        interact(&server, &page, 0, "stop", json!([])).await
    };
    let ((s1, a1), (s2, a2)) = tokio::join!(running, stop);
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(
        (&a1["cancelled"], &a2["cancelled"]),
        (&json!(true), &json!(true))
    );
    assert!(
        a1.get("page").is_none(),
        "a stopped rerun draws nothing: {a1}"
    );
    assert!(
        started.elapsed() < Duration::from_millis(600),
        "stopped at a checkpoint, not after 1 s"
    );
}

#[tokio::test]
async fn layouts_nest_their_widgets_and_text_shortcuts_show_text_as_written() {
    let app = ScriptApp::new(|ui: &mut Ui| {
        ui.title("Totals * for 2025_26");
        ui.row(|ui| {
            ui.column(|ui| ui.caption("left <b>side</b>"));
            ui.column(|ui| {
                if ui.button("Inner").clicked() {
                    ui.code("let tick = `x`;");
                }
            });
        });
    })
    .into_app();
    let server = Running::start(app).await;
    let page = server.session().await;
    let root = &page["root"]["children"];
    assert_eq!(root[0]["props"]["html"], "<h1>Totals * for 2025_26</h1>\n");
    assert_eq!(root[1]["type"], "row");
    let columns = root[1]["children"].as_array().unwrap();
    assert_eq!(columns.len(), 2);
    assert_eq!(
        columns[0]["children"][0]["props"]["html"],
        "<p><small>left &lt;b&gt;side&lt;/b&gt;</small></p>\n"
    );
    let inner = columns[1]["children"][0]["id"].as_u64().unwrap();
    let (status, answer) = interact(&server, &page, inner, "click", json!([])).await;
    assert_eq!(status, 200, "{answer}");
    let column = &answer["page"]["root"]["children"][1]["children"][1]["children"];
    assert_eq!(column[0]["id"], inner, "the nested button keeps its id");
    assert_eq!(
        column[1]["props"]["html"],
        "<pre><code>let tick = `x`;\n</code></pre>\n"
    );
}

#[tokio::test]
async fn widget_values_are_readable_by_key_in_callbacks_and_in_the_script() {
    use ferry_ui::components::OnClick;
    let app = ScriptApp::new(|ui: &mut Ui| {
        let shown = ui
            .value_of("name")
            .and_then(Value::as_str)
            .unwrap_or("nothing");
        ui.markdown(format!("script sees {shown}"));
        ui.add(Textbox::new("Name").key("name"));
        ui.add(Button::new("Greet").on_click(OnClick::call(|session| {
            let name = ferry_ui::script::widget_value(session, "name");
            let name = name.and_then(|v| v.as_str().map(str::to_owned));
            session.with_state(|heard: &mut Vec<String>| heard.push(name.unwrap_or_default()));
        })));
        let heard = ui.with_state(|heard: &mut Vec<String>| heard.join(", "));
        ui.markdown(format!("callback heard [{heard}]"));
    })
    .into_app();
    let server = Running::start(app).await;
    let page = server.session().await;
    assert_eq!(
        htmls(&page),
        ["<p>script sees nothing</p>\n", "<p>callback heard []</p>\n"]
    );
    let greet = id_of(&page, "button", "Greet");
    let (status, answer) = interact(&server, &page, greet, "click", json!(["Ada"])).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        htmls(&answer["page"]),
        ["<p>script sees Ada</p>\n", "<p>callback heard [Ada]</p>\n"],
        "the callback, run before the rerun, and the script both read the value the page sent"
    );
}
