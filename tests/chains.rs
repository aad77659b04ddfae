//! Chained events over HTTP: `.success` runs only after a success, `.failure` only after a
//! failure, `.then` after either, and the server refuses a chained run that its event's last run
//! does not allow, whatever the client sends.
#![allow(clippy::unwrap_used)]

mod common;

use common::{update_for, Running};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

fn app() -> App {
    Blocks::new(|b| {
        let name = b.add(Textbox::new("Name"));
        let save = b.add(Button::new("Save"));
        let status = b.add(Textbox::new("Status"));
        let log = b.add(Textbox::new("Log"));
        b.on(save.click(), name, status, |name: String| {
            if name.is_empty() {
                Err(ferry_ui::Error::new("A name is needed"))
            } else {
                Ok(format!("Saved {name}"))
            }
        }) // 0
        .success(name, log, |name: String| format!("after success: {name}")) // 1
        .failure((), log, || "after failure") // 2
        .then((), (), || ()); // 3: follows 2
    })
}

/// Runs chained event `dep` with the trigger `[before, when]`.
async fn chained(
    server: &Running,
    page: &Value,
    dep: usize,
    before: usize,
    when: &str,
    data: Value,
) -> (u16, Value) {
    server
        .run_raw(json!({ "session": page["session"], "dependency": dep, "trigger": [before, when], "data": data }))
        .await
}

#[tokio::test]
async fn the_page_description_says_what_each_chained_event_follows() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let deps = &page["dependencies"];
    assert_eq!(
        deps[1]["after"],
        json!({ "dependency": 0, "when": "success" })
    );
    assert_eq!(
        deps[2]["after"],
        json!({ "dependency": 1, "when": "failure" })
    );
    assert_eq!(deps[3]["after"], json!({ "dependency": 2, "when": "then" }));
    assert_eq!(deps[1]["triggers"], json!([]));
    assert_eq!(deps[0]["after"], json!(null));
}

#[tokio::test]
async fn success_runs_only_after_a_success_and_failure_only_after_a_failure() {
    let server = Running::start(app()).await;
    let page = server.session().await;

    let (status, body) = chained(&server, &page, 1, 0, "success", json!(["x"])).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("event 0 has not run in this session"))
    );

    let (status, body) = server.run(&page, 0, json!([""])).await;
    assert_eq!(status, 200);
    assert_eq!(body["error"]["message"], "A name is needed");
    let (status, body) = chained(&server, &page, 1, 0, "success", json!([""])).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("event 0 did not end as `success` requires"))
    );

    let (status, body) = server.run(&page, 0, json!(["Ada"])).await;
    assert_eq!(
        (status, update_for(&body, 3)["value"].as_str()),
        (200, Some("Saved Ada"))
    );
    let (status, body) = chained(&server, &page, 1, 0, "success", json!(["Ada"])).await;
    assert_eq!(
        (status, update_for(&body, 4)["value"].as_str()),
        (200, Some("after success: Ada"))
    );
    // Event 1 succeeded, so its `.failure` (event 2) may not run.
    let (status, _) = chained(&server, &page, 2, 1, "failure", json!([])).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn a_chained_event_takes_only_its_own_trigger() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let (status, _) = server.run(&page, 0, json!(["Ada"])).await;
    assert_eq!(status, 200);
    for (before, when) in [(0, "then"), (0, "failure"), (3, "success"), (2, "click")] {
        let (status, body) = chained(&server, &page, 1, before, when, json!(["Ada"])).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (409, Some("this event follows event 0 (success)")),
            "{before} {when}"
        );
    }
    // Another session's success does not count for this one.
    let other = server.session().await;
    let (status, _) = chained(&server, &other, 1, 0, "success", json!(["Ada"])).await;
    assert_eq!(status, 409);
}

/// Gradio's `api_name` numbering and `show_api` / `api_visibility`, as the page description
/// carries them for the API (and its page) to use.
#[tokio::test]
async fn api_names_used_twice_are_numbered_and_visibility_is_described() {
    let server = Running::start(Blocks::new(|b| {
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        b.on(go.click(), (), out, || "a").api_name("predict");
        b.on(go.click(), (), out, || "b")
            .api_name("predict")
            .show_api(false);
        b.on(go.click(), (), out, || "c").api_name("predict_1");
        b.on(go.click(), (), out, || "d")
            .api_name("predict")
            .api_visibility(ApiVisibility::Private);
        b.on(go.click(), (), out, || "e");
    }))
    .await;
    let page = server.session().await;
    let described: Vec<(Value, Value)> = page["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["api_name"].clone(), d["api_visibility"].clone()))
        .collect();
    assert_eq!(
        described,
        [
            (json!("predict"), json!("public")),
            (json!("predict_1"), json!("undocumented")),
            (json!("predict_1_1"), json!("public")),
            (json!("predict_2"), json!("private")),
            (json!(null), json!("public")),
        ]
    );
}

/// `js` is served as a script of the app's own origin (never inline), and a `js`-only event
/// never runs on the server.
#[tokio::test]
async fn js_functions_are_served_as_a_same_origin_script_and_js_only_events_stay_in_the_page() {
    let server = Running::start(Blocks::new(|b| {
        let text = b.add(Textbox::new("Text"));
        let go = b.add(Button::new("Go"));
        b.on(go.click(), text, text, |t: String| t)
            .js("(t) => t.trim()");
        b.js(go.click(), text, text, "(t) => [...t].reverse().join('')");
    }))
    .await;
    let page = server.session().await;
    let deps = &page["dependencies"];
    assert_eq!(
        (&deps[0]["js"], &deps[0]["backend"]),
        (&json!(true), &json!(true))
    );
    assert_eq!(
        (&deps[1]["js"], &deps[1]["backend"]),
        (&json!(true), &json!(false))
    );
    let shell = server.get("/").await.text().await.unwrap();
    let at = shell
        .find("assets/components.")
        .expect("the events script is linked");
    let name = &shell[at..at + shell[at..].find('"').unwrap()];
    assert!(!shell.contains("t.trim()"), "no js inline in the shell");
    let script = server.get(&format!("/{name}")).await.text().await.unwrap();
    assert_eq!(
        script,
        "window.ferry.events({\n  0: ((t) => t.trim()),\n  1: ((t) => [...t].reverse().join('')),\n});\n"
    );
    let (status, body) = server.run(&page, 1, json!(["abc"])).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("event 1 runs in the page only (its `js`)"))
    );
}
