//! The page's API on a real socket: sessions, runs, handler errors, client mistakes, files as
//! outputs and inputs, limits, and graceful shutdown.
#![allow(clippy::unwrap_used)]

mod common;

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{by_elem_id, update_for, Running};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

fn greeter() -> App {
    greeter_showing_errors(false)
}

fn greeter_showing_errors(show_error: bool) -> App {
    Blocks::new(|b| {
        b.show_error(show_error);
        let name = b.add(Textbox::new("Name").value("Ada").elem_id("name"));
        let out = b.add(Textbox::new("Greeting").elem_id("out"));
        let go = b.add(Button::new("Greet").elem_id("go"));
        b.on(go.click(), name, out, |name: String| {
            format!("Hello, {name}!")
        }); // 0
        b.on(go.click(), name, out, |name: String| async move {
            name.to_uppercase()
        }); // 1
        b.on(go.click(), (), out, || -> Result<String, String> {
            Err("no greeting today".into())
        }); // 2
        b.on(go.click(), (), out, || -> String { panic!("boom") }); // 3
        b.on(go.click(), (), out, || async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "late"
        })
        .time_limit(Duration::from_millis(200)); // 4
        b.on(
            go.click(),
            (),
            out,
            || -> Result<String, ferry_ui::Error> {
                Err(ferry_ui::Error::new("No greeting for /srv/app today").title("Greeter"))
            },
        ); // 5
    })
}

#[tokio::test]
async fn session_describes_the_page_and_its_events() {
    let server = Running::start(greeter()).await;
    let page = server.session().await;
    assert_eq!(page["session"].as_str().unwrap().len(), 32);
    let name = by_elem_id(&page["root"], "name").unwrap();
    assert_eq!(name["type"], "textbox");
    assert_eq!(name["props"]["value"], "Ada");
    assert_eq!(name["props"]["visible"], true);
    assert_eq!(page["dependencies"][0]["triggers"], json!([[3, "click"]]));
    assert_eq!(page["dependencies"][0]["inputs"], json!([1]));
    assert_eq!(page["dependencies"][0]["trigger_mode"], "once");
    assert_eq!(page["errors"], json!([]));
}

#[tokio::test]
async fn sync_and_async_handlers_answer_updates() {
    let server = Running::start(greeter()).await;
    let page = server.session().await;
    let (status, body) = server.run(&page, 0, json!(["Grace"])).await;
    assert_eq!(status, 200);
    assert_eq!(update_for(&body, 2)["value"], "Hello, Grace!");
    let (_, body) = server.run(&page, 1, json!(["Grace"])).await;
    assert_eq!(update_for(&body, 2)["value"], "GRACE");
}

#[tokio::test]
async fn handler_errors_and_panics_are_messages_and_the_app_goes_on() {
    let server = Running::start(greeter_showing_errors(true)).await;
    let page = server.session().await;
    let (status, body) = server.run(&page, 2, json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(body["error"]["message"], "no greeting today");
    assert_eq!(body["updates"], json!([]));
    let (status, body) = server.run(&page, 3, json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(body["error"]["message"], "the handler panicked: boom");
    let (_, body) = server.run(&page, 4, json!([])).await;
    assert_eq!(
        body["error"]["message"],
        "the handler took longer than its time limit of 200ms"
    );
    let (status, body) = server.run(&page, 0, json!(["again"])).await;
    assert_eq!(status, 200);
    assert_eq!(update_for(&body, 2)["value"], "Hello, again!");
}

/// Gradio's `show_error=False` leak, closed: unless the app shows errors, a handler's own error
/// text and a panic's text stay in the server's log; a `ferry_ui::Error` is shown as written.
#[tokio::test]
async fn error_texts_leak_nothing_unless_the_app_shows_errors() {
    let server = Running::start(greeter()).await;
    let page = server.session().await;
    for dependency in [2, 3] {
        let (status, body) = server.run(&page, dependency, json!([])).await;
        assert_eq!(status, 200);
        assert_eq!(
            body["error"]["message"],
            "Something went wrong in this app; the details are in the server's log"
        );
        assert_eq!(body["error"]["title"], json!(null));
    }
    let (_, body) = server.run(&page, 4, json!([])).await;
    assert_eq!(
        body["error"]["message"], "the handler took longer than its time limit of 200ms",
        "Ferry's own messages are shown"
    );
    let (_, body) = server.run(&page, 5, json!([])).await;
    assert_eq!(body["error"]["message"], "No greeting for /srv/app today");
    assert_eq!(body["error"]["title"], "Greeter");
}

#[tokio::test]
async fn client_mistakes_get_precise_4xx() {
    let server = Running::start(greeter()).await;
    let page = server.session().await;
    let session = page["session"].clone();
    let cases = [
        (
            json!({ "session": "nope", "dependency": 0, "trigger": [3, "click"], "data": ["x"] }),
            404,
            "this session has expired: reload the page",
        ),
        (
            json!({ "session": session, "dependency": 99, "trigger": [3, "click"], "data": [] }),
            404,
            "no event 99",
        ),
        (
            json!({ "session": session, "dependency": 0, "trigger": [1, "click"], "data": ["x"] }),
            409,
            "event 0 is not triggered by click on component 1",
        ),
        (
            json!({ "session": session, "dependency": 0, "trigger": [3, "click"], "data": [] }),
            400,
            "event 0 takes 1 input value(s), got 0",
        ),
        (
            json!({ "session": session, "dependency": 0, "trigger": [3, "click"], "data": [42] }),
            400,
            "bad input 0: expected text, got a number",
        ),
    ];
    for (body, status, message) in cases {
        let (got, answer) = server.run_raw(body).await;
        assert_eq!((got, answer["error"].as_str().unwrap()), (status, message));
    }
    let response = server
        .client
        .post(format!("{}/api/run", server.base))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("Failed to parse"),
        "{body}"
    );
    assert_eq!(server.get("/api/nothing-here").await.status(), 404);
}

fn file_app(dir: PathBuf) -> App {
    Blocks::new(move |b| {
        // The handlers' files are in a temporary folder, outside the working directory.
        b.allowed_paths([&dir]);
        let d = b.add(DownloadButton::new("Download").elem_id("d"));
        let shown = b.add(Textbox::new("Path").elem_id("shown"));
        let make = b.add(Button::new("Make"));
        let report = dir.join("report.csv");
        let missing = dir.join("missing.csv");
        b.on(make.click(), (), d, move || {
            DownloadButton::update()
                .label("Download report.csv")
                .value(report.clone())
        }); // 0
        b.on(make.click(), d, shown, |path: PathBuf| {
            path.display().to_string()
        }); // 1
        b.on(make.click(), (), d, move || missing.clone()); // 2
    })
}

#[tokio::test]
async fn a_path_returned_by_a_handler_downloads_with_its_name_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.csv"), "a,b\n1,2\n").unwrap();
    let server = Running::start(file_app(dir.path().to_owned())).await;
    let page = server.session().await;
    let (_, body) = server.run(&page, 0, json!([])).await;
    let props = update_for(&body, 1);
    assert_eq!(props["label"], "Download report.csv");
    assert_eq!(props["value"]["file_name"], "report.csv");
    assert_eq!(props["value"]["size"], 8);
    let url = props["value"]["url"].as_str().unwrap();
    let response = server.get(url).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"report.csv\"; filename*=UTF-8''report.csv"
    );
    assert_eq!(response.bytes().await.unwrap(), "a,b\n1,2\n");

    // The same token under another session's id is not found.
    let other = server.session().await;
    let stolen = url.replace(
        page["session"].as_str().unwrap(),
        other["session"].as_str().unwrap(),
    );
    assert_eq!(server.get(&stolen).await.status(), 404);

    // As an input, the handler receives the file's path.
    let (_, body) = server.run(&page, 1, json!([props["value"]])).await;
    assert_eq!(
        update_for(&body, 2)["value"],
        dir.path().join("report.csv").display().to_string()
    );
}

#[tokio::test]
async fn forged_or_foreign_file_values_are_refused_as_inputs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.csv"), "x").unwrap();
    let server = Running::start(file_app(dir.path().to_owned())).await;
    let page = server.session().await;
    let other = server.session().await;
    let (_, body) = server.run(&other, 0, json!([])).await;
    let foreign = update_for(&body, 1)["value"].clone();
    let forged = [
        json!({ "url": "/etc/passwd" }),
        json!({ "url": "/file/app/../../etc/passwd/x" }),
        json!({ "url": format!("/file/{}/{}/x", page["session"].as_str().unwrap(), "0".repeat(32)) }),
        foreign,
        json!("/etc/passwd"),
    ];
    for value in forged {
        let (status, body) = server.run(&page, 1, json!([value])).await;
        assert_eq!(status, 400, "{value} was accepted: {body}");
        assert!(!body.to_string().contains("root:"), "{body}");
    }
}

#[tokio::test]
async fn a_missing_file_is_an_error_when_set_not_at_click_time() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(file_app(dir.path().to_owned())).await;
    let page = server.session().await;
    let (status, body) = server.run(&page, 2, json!([])).await;
    assert_eq!(status, 200);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message == "file not found: missing.csv", "{message}");
    assert_eq!(
        body["error"]["component"], 1,
        "shown under the download button"
    );

    // Set when the page is declared: the page loads and shows the error under the button.
    let missing = dir.path().join("gone.csv");
    let app = Blocks::new(move |b| {
        b.add(DownloadButton::from_path(&missing).elem_id("gone"));
    });
    let server = Running::start(app).await;
    let page = server.session().await;
    assert_eq!(page["errors"][0]["component"], 1);
    assert_eq!(page["errors"][0]["message"], "file not found: gone.csv");
    assert_eq!(
        by_elem_id(&page["root"], "gone").unwrap()["props"]["value"],
        serde_json::Value::Null
    );
}

/// Runs in flight now (`.0`) and the most there ever were at once (`.1`).
type Gauge = Arc<(AtomicUsize, AtomicUsize)>;

/// A handler that takes 150 ms and records in `gauge` how many of its runs overlap.
fn gauged(
    gauge: Gauge,
) -> impl Fn() -> Pin<Box<dyn Future<Output = &'static str> + Send>> + Clone + Send + Sync + 'static
{
    move || {
        let gauge = gauge.clone();
        Box::pin(async move {
            let now = gauge.0.fetch_add(1, Ordering::SeqCst) + 1;
            gauge.1.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(150)).await;
            gauge.0.fetch_sub(1, Ordering::SeqCst);
            "done"
        })
    }
}

fn gauge_app(limit: Option<usize>, gauge: Gauge) -> App {
    Blocks::new(move |b| {
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        let listener = b.on(go.click(), (), out, gauged(gauge));
        if let Some(limit) = limit {
            listener.concurrency_limit(limit);
        }
    })
}

#[tokio::test]
async fn concurrency_limit_bounds_simultaneous_runs() {
    for (limit, expected_peak) in [(Some(1), 1), (None, 4)] {
        let gauge = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let server = Running::start(gauge_app(limit, gauge.clone())).await;
        // One session each: within one session a `once` click never overlaps itself.
        let mut pages = Vec::new();
        for _ in 0..4 {
            pages.push(server.session().await);
        }
        let runs = pages.iter().map(|page| server.run(page, 0, json!([])));
        for (status, body) in futures_util::future::join_all(runs).await {
            assert_eq!(
                (status, update_for(&body, 2)["value"].as_str()),
                (200, Some("done"))
            );
        }
        assert_eq!(
            gauge.1.load(Ordering::SeqCst),
            expected_peak,
            "limit {limit:?}"
        );
    }
}

#[tokio::test]
async fn value_functions_run_per_session_on_load_on_ticks_and_on_input_changes() {
    let app = Blocks::new(|b| {
        let text = b.add(Textbox::new("Text").value("first").elem_id("text"));
        b.add(
            DownloadButton::new("Yours")
                .value_with(|text: String| FileSource::text(text).file_name("yours.txt"))
                .inputs(text)
                .elem_id("yours"),
        );
        b.add(
            DownloadButton::new("Clock")
                .value_with(|| FileSource::text("tick").file_name("tick.txt"))
                .every(0.5)
                .elem_id("clock"),
        );
    });
    let server = Running::start(app).await;
    let page = server.session().await;
    let yours = by_elem_id(&page["root"], "yours").unwrap();
    let url = yours["props"]["value"]["url"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("file/{}/", page["session"].as_str().unwrap())),
        "{url}"
    );
    assert_eq!(server.get(url).await.text().await.unwrap(), "first");

    let deps = page["dependencies"].as_array().unwrap();
    let change = deps
        .iter()
        .position(|d| d["triggers"] == json!([[1, "change"]]))
        .unwrap();
    assert_eq!(deps[change]["trigger_mode"], "always_last");
    let (_, body) = server.run(&page, change, json!(["second"])).await;
    let url = update_for(&body, 2)["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(server.get(&url).await.text().await.unwrap(), "second");

    let timer = page["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["type"] == "timer")
        .unwrap();
    assert_eq!(timer["props"]["value"], 0.5);
    let tick = deps
        .iter()
        .position(|d| d["triggers"] == json!([[timer["id"], "tick"]]))
        .unwrap();
    let (_, body) = server.run(&page, tick, json!([])).await;
    assert_eq!(update_for(&body, 3)["value"]["file_name"], "tick.txt");
}

#[tokio::test]
async fn graceful_shutdown_lets_a_download_in_flight_finish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.bin");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = vec![7u8; 1 << 20];
    for _ in 0..32 {
        file.write_all(&block).unwrap();
    }
    drop(file);
    let app = Blocks::new(move |b| {
        b.add(DownloadButton::from_path(&path).elem_id("big"));
    });
    let mut server = Running::start(app).await;
    let page = server.session().await;
    let url = by_elem_id(&page["root"], "big").unwrap()["props"]["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut response = server.get(&url).await;
    let mut received = response.chunk().await.unwrap().unwrap().len();
    server.stop();
    while let Some(chunk) = response.chunk().await.unwrap() {
        received += chunk.len();
    }
    assert_eq!(received, 32 << 20);
    tokio::time::timeout(Duration::from_secs(5), &mut server.done)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn events_sharing_a_concurrency_id_share_the_lowest_limit() {
    let gauge: Gauge = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
    let slow = gauged(gauge.clone());
    let app = Blocks::new(move |b| {
        let a = b.add(Button::new("A"));
        let c = b.add(Button::new("C"));
        let out = b.add(Textbox::new("Out"));
        b.on(a.click(), (), out, slow.clone())
            .concurrency_limit(1)
            .concurrency_id("gpu");
        b.on(c.click(), (), out, slow.clone())
            .concurrency_limit(3)
            .concurrency_id("gpu");
    });
    let server = Running::start(app).await;
    let mut pages = Vec::new();
    for _ in 0..6 {
        pages.push(server.session().await);
    }
    let runs = pages
        .iter()
        .enumerate()
        .map(|(i, page)| server.run(page, i % 2, json!([])));
    for (status, body) in futures_util::future::join_all(runs).await {
        assert_eq!(
            (status, update_for(&body, 3)["value"].as_str()),
            (200, Some("done"))
        );
    }
    assert_eq!(
        gauge.1.load(Ordering::SeqCst),
        1,
        "the group's lowest limit, 1, holds across both events"
    );
}

#[tokio::test]
async fn every_takes_a_timer_whose_ticks_rerun_the_value_function() {
    let app = Blocks::new(|b| {
        let timer = b.add(Timer::new(2.0));
        b.add(
            DownloadButton::new("Latest")
                .value_with(|| FileSource::text("latest").file_name("latest.txt"))
                .every(timer)
                .elem_id("latest"),
        );
    });
    let server = Running::start(app).await;
    let page = server.session().await;
    let timer = page["root"]["children"][0].clone();
    assert_eq!(
        (timer["type"].as_str(), timer["props"]["value"].as_f64()),
        (Some("timer"), Some(2.0))
    );
    // The value function's event; the button's hidden `prepare` and `cancel` (a value
    // function may return a deferred file) come after it.
    let deps = page["dependencies"].as_array().unwrap();
    let ticked: Vec<&Value> = deps
        .iter()
        .filter(|d| d["triggers"].to_string().contains("tick"))
        .collect();
    assert_eq!(ticked.len(), 1, "no second timer is made");
    assert_eq!(deps[0]["triggers"], json!([[timer["id"], "tick"]]));
    let (_, body) = server.run(&page, 0, json!([])).await;
    let url = update_for(&body, 2)["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(server.get(&url).await.text().await.unwrap(), "latest");
}
