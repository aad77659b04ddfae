//! Fragments and drawings over HTTP: a fragment's widget reruns only the fragment (its page
//! answer holds only it), a widget outside reruns everything, a fragment's interaction that
//! comes while a rerun of the whole page is pending reruns the whole page, a fragment's timer
//! reruns it and is skipped while a rerun runs; a rerun answers relative to the drawing the page
//! shows (unchanged nodes `kept`, without props), and in full when the page shows another.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::Running;
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};
use serde_json::{json, Value};

/// Every node of a tree, depth first.
fn nodes(node: &Value) -> Vec<&Value> {
    let mut all = vec![node];
    for child in node["children"].as_array().into_iter().flatten() {
        all.extend(nodes(child));
    }
    all
}

/// The id of the node of this type whose label (or a button's `value`) is `label`.
fn id_of(root: &Value, kind: &str, label: &str) -> u64 {
    nodes(root)
        .into_iter()
        .find(|n| {
            n["type"] == kind && (n["props"]["label"] == label || n["props"]["value"] == label)
        })
        .unwrap_or_else(|| panic!("no {kind} {label} in {root}"))["id"]
        .as_u64()
        .unwrap()
}

/// The Markdown texts of a tree, in order (a `kept` one as "kept").
fn texts(root: &Value) -> Vec<String> {
    nodes(root)
        .into_iter()
        .filter(|n| n["type"] == "markdown")
        .map(|n| {
            if n["kept"] == true {
                "kept".to_owned()
            } else {
                n["props"]["html"].as_str().unwrap_or_default().to_owned()
            }
        })
        .collect()
}

/// Sends event `event` of widget `id` with `values` for the dependency's inputs (by id, else
/// null), saying the page shows drawing `shown`.
async fn send(
    server: &Running,
    session: &Value,
    page: &Value,
    id: u64,
    event: &str,
    values: &[(u64, Value)],
    shown: Option<u64>,
) -> (u16, Value) {
    let dependency = page["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no dependency {id} in {page}"));
    let data: Vec<Value> = dependency["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|input| {
            values
                .iter()
                .find(|(id, _)| input == id)
                .map_or(Value::Null, |(_, v)| v.clone())
        })
        .collect();
    server
        .run_raw(json!({
            "session": session, "dependency": id, "trigger": [id, event], "data": data,
            "shown": shown
        }))
        .await
}

struct Counted {
    app: App,
    whole: Arc<AtomicU32>,
    fragment: Arc<AtomicU32>,
}

/// A page with a counted whole script and a counted fragment holding a checkbox and a button.
fn counted_app() -> Counted {
    let whole = Arc::new(AtomicU32::new(0));
    let fragment = Arc::new(AtomicU32::new(0));
    let (w, f) = (Arc::clone(&whole), Arc::clone(&fragment));
    let app = ScriptApp::new(move |ui: &mut Ui| {
        let n = w.fetch_add(1, Ordering::SeqCst) + 1;
        ui.markdown(format!("whole runs: {n}"));
        ui.button("Outside");
        let f = Arc::clone(&f);
        ui.fragment(move |ui| {
            let n = f.fetch_add(1, Ordering::SeqCst) + 1;
            let totals = ui.checkbox("Show totals", false);
            if ui.button("Inside").clicked() {
                ui.markdown("inside clicked");
            }
            ui.markdown(format!("fragment runs: {n}, totals {totals}"));
        });
        ui.markdown("the end");
    })
    .into_app();
    Counted {
        app,
        whole,
        fragment,
    }
}

#[tokio::test]
async fn a_fragments_widget_reruns_only_the_fragment_and_one_outside_reruns_everything() {
    let counted = counted_app();
    let server = Running::start(counted.app).await;
    let page = server.session().await;
    let root = &page["root"];
    assert_eq!(
        texts(root),
        [
            "<p>whole runs: 1</p>\n",
            "<p>fragment runs: 1, totals false</p>\n",
            "<p>the end</p>\n"
        ]
    );
    let fragment = nodes(root)
        .into_iter()
        .find(|n| n["props"]["elem_classes"] == json!(["ferry-fragment"]))
        .unwrap()["id"]
        .clone();
    let totals = id_of(root, "checkbox", "Show totals");
    let inside = id_of(root, "button", "Inside");
    let outside = id_of(root, "button", "Outside");

    let (status, answer) = send(
        &server,
        &page["session"],
        &page,
        totals,
        "change",
        &[(totals, json!(true))],
        None,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let drawn = &answer["page"];
    assert_eq!(drawn["fragment"], fragment, "{drawn}");
    assert_eq!(
        drawn["root"]["id"], fragment,
        "the answer holds the fragment only"
    );
    assert_eq!(
        texts(&drawn["root"]),
        ["<p>fragment runs: 2, totals true</p>\n"]
    );
    assert_eq!(
        counted.whole.load(Ordering::SeqCst),
        1,
        "the rest did not rerun"
    );
    assert_eq!(counted.fragment.load(Ordering::SeqCst), 2);
    assert_eq!(id_of(&drawn["root"], "checkbox", "Show totals"), totals);

    // A click inside is seen by the fragment's rerun, and the box keeps its value.
    let (status, answer) = send(
        &server,
        &page["session"],
        drawn,
        inside,
        "click",
        &[(totals, json!(true))],
        None,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        texts(&answer["page"]["root"]),
        [
            "<p>inside clicked</p>\n",
            "<p>fragment runs: 3, totals true</p>\n"
        ]
    );
    assert_eq!(counted.whole.load(Ordering::SeqCst), 1);

    // A widget outside reruns the whole script, the fragment with it.
    let (status, answer) = send(
        &server,
        &page["session"],
        &answer["page"],
        outside,
        "click",
        &[(totals, json!(true))],
        None,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer["page"].get("fragment").is_none(), "{answer}");
    assert_eq!(
        texts(&answer["page"]["root"]),
        [
            "<p>whole runs: 2</p>\n",
            "<p>fragment runs: 4, totals true</p>\n",
            "<p>the end</p>\n"
        ]
    );
}

#[tokio::test]
async fn a_rerun_sends_unchanged_nodes_as_kept_relative_to_the_drawing_the_page_shows() {
    let counted = counted_app();
    let server = Running::start(counted.app).await;
    let page = server.session().await;
    let first = page["seq"].as_u64().unwrap();
    let outside = id_of(&page["root"], "button", "Outside");
    let totals = id_of(&page["root"], "checkbox", "Show totals");

    let (_, answer) = send(
        &server,
        &page["session"],
        &page,
        outside,
        "click",
        &[(totals, json!(false))],
        Some(first),
    )
    .await;
    let drawn = &answer["page"];
    assert_eq!(drawn["base"], first, "{drawn}");
    assert_eq!(drawn["seq"], first + 1);
    // The counters' texts changed; "the end", the buttons and the checkbox did not.
    assert_eq!(
        texts(&drawn["root"]),
        [
            "<p>whole runs: 2</p>\n",
            "<p>fragment runs: 2, totals false</p>\n",
            "kept"
        ]
    );
    let kept: Vec<&Value> = nodes(&drawn["root"])
        .into_iter()
        .filter(|n| n["kept"] == true)
        .collect();
    assert!(
        kept.iter().all(|n| n["props"]
            .as_object()
            .is_some_and(serde_json::Map::is_empty)),
        "a kept node carries no props: {kept:?}"
    );
    assert!(kept.iter().any(|n| n["id"] == outside), "{drawn}");
    assert!(kept.iter().any(|n| n["id"] == totals), "{drawn}");

    // A page that shows an older drawing (an answer it never got) is sent everything.
    let (_, answer) = send(
        &server,
        &page["session"],
        drawn,
        outside,
        "click",
        &[(totals, json!(true))],
        Some(first),
    )
    .await;
    let full = &answer["page"];
    assert!(full.get("base").is_none(), "{full}");
    assert!(nodes(&full["root"]).iter().all(|n| n.get("kept").is_none()));
    assert_eq!(texts(&full["root"])[2], "<p>the end</p>\n");
    // The checkbox's value changed: even relative to the last drawing it is sent.
    let (_, answer) = send(
        &server,
        &page["session"],
        full,
        outside,
        "click",
        &[(totals, json!(false))],
        full["seq"].as_u64(),
    )
    .await;
    let checkbox = nodes(&answer["page"]["root"])
        .into_iter()
        .find(|n| n["id"] == totals)
        .unwrap()
        .clone();
    assert_eq!(checkbox["props"]["value"], false, "{checkbox}");
    assert!(checkbox.get("kept").is_none());
}

#[tokio::test]
async fn a_fragments_interaction_while_the_whole_page_waits_to_rerun_reruns_the_whole_page() {
    let slow_runs = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&slow_runs);
    let app = ScriptApp::new(move |ui: &mut Ui| {
        if ui.button("Slow").clicked() {
            counter.fetch_add(1, Ordering::SeqCst);
            for _ in 0..8 {
                std::thread::sleep(Duration::from_millis(50));
                ui.checkpoint();
            }
            ui.markdown("slow clicked");
        }
        let picked = ui.checkbox("Outside box", false);
        ui.markdown(format!("outside box {picked}"));
        ui.fragment(|ui| {
            ui.button("Inside");
        });
    })
    .into_app();
    let server = Running::start(app).await;
    let page = server.session().await;
    let slow = id_of(&page["root"], "button", "Slow");
    let inside = id_of(&page["root"], "button", "Inside");
    let outside_box = id_of(&page["root"], "checkbox", "Outside box");
    let session = page["session"].clone();
    let ticked = [(outside_box, json!(true))];
    let first = send(&server, &session, &page, slow, "click", &ticked, None);
    let second = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        send(&server, &session, &page, inside, "click", &ticked, None).await
    };
    let ((_, a1), (s2, a2)) = tokio::join!(first, second);
    assert_eq!(a1["cancelled"], true, "{a1}");
    assert_eq!(s2, 200, "{a2}");
    assert!(
        a2["page"].get("fragment").is_none(),
        "the outside change is drawn: {a2}"
    );
    assert!(texts(&a2["page"]["root"]).contains(&"<p>outside box true</p>\n".to_owned()));
    assert_eq!(slow_runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_fragments_timer_reruns_it_and_a_tick_during_a_rerun_is_skipped() {
    let app = ScriptApp::new(|ui: &mut Ui| {
        if ui.button("Slow").clicked() {
            std::thread::sleep(Duration::from_millis(400));
        }
        ui.fragment_every(Duration::from_millis(1500), |ui| {
            let n = ui.with_state(|n: &mut u32| {
                *n += 1;
                *n
            });
            ui.markdown(format!("ticks drawn: {n}"));
        });
    })
    .into_app();
    let server = Running::start(app).await;
    let page = server.session().await;
    let timer = nodes(&page["root"])
        .into_iter()
        .find(|n| n["type"] == "timer")
        .unwrap()
        .clone();
    assert_eq!(
        timer["props"]["value"], 1.5,
        "the page ticks it at its interval"
    );
    let timer = timer["id"].as_u64().unwrap();
    let session = page["session"].clone();
    let (status, answer) = send(&server, &session, &page, timer, "tick", &[], None).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(texts(&answer["page"]["root"]), ["<p>ticks drawn: 2</p>\n"]);
    assert!(answer["page"]["fragment"].is_u64());

    let slow = id_of(&page["root"], "button", "Slow");
    let first = send(&server, &session, &page, slow, "click", &[], None);
    let second = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        send(&server, &session, &page, timer, "tick", &[], None).await
    };
    let ((_, a1), (s2, a2)) = tokio::join!(first, second);
    assert_eq!(s2, 200);
    assert_eq!(a2["cancelled"], true, "the tick is skipped: {a2}");
    assert_eq!(
        texts(&a1["page"]["root"]),
        ["<p>ticks drawn: 3</p>\n"],
        "the slow rerun was not stopped by the tick"
    );
}

#[tokio::test]
async fn a_fragments_widget_of_an_outside_identity_and_its_panic_are_shown_in_it() {
    let app = ScriptApp::new(|ui: &mut Ui| {
        ui.button("Go");
        ui.fragment(|ui| {
            if ui.button("Boom").clicked() {
                panic!("the fragment broke");
            }
            if ui.checkbox("Clash", false) {
                ui.button("Go");
            }
        });
    })
    .show_error(true)
    .into_app();
    let server = Running::start(app).await;
    let page = server.session().await;
    let root = &page["root"];
    let (boom, clash) = (
        id_of(root, "button", "Boom"),
        id_of(root, "checkbox", "Clash"),
    );
    let session = page["session"].clone();
    let (_, answer) = send(
        &server,
        &session,
        &page,
        clash,
        "change",
        &[(clash, json!(true))],
        None,
    )
    .await;
    let errors = answer["page"]["errors"].to_string();
    assert!(
        errors.contains("has the same identity as a widget outside its fragment"),
        "{errors}"
    );
    let (_, answer) = send(
        &server,
        &session,
        &page,
        boom,
        "click",
        &[(clash, json!(false))],
        None,
    )
    .await;
    let drawn = &answer["page"];
    assert!(drawn["fragment"].is_u64(), "{drawn}");
    assert!(
        drawn["errors"]
            .to_string()
            .contains("The script stopped here: the fragment broke"),
        "{drawn}"
    );
    assert!(
        drawn["errors"].as_array().unwrap().len() == 1,
        "the clash went with the widget: {drawn}"
    );
}
