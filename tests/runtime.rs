//! The runtime under a Blocks page, over HTTP on 127.0.0.1: session state held by the server,
//! server-side refusals, trigger modes, runs (slots, time limits, context arguments) and the
//! per-session stream.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{by_elem_id, update_for, Running};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(5);

fn run_body(page: &Value, dep: usize, data: Value, stream: bool) -> Value {
    let trigger = page["dependencies"][dep]["triggers"][0].clone();
    json!({ "session": page["session"], "dependency": dep, "trigger": trigger, "data": data, "stream": stream })
}

#[tokio::test]
async fn a_once_event_is_refused_by_the_server_while_its_run_is_pending() {
    let server = Running::start(Blocks::new(|b| {
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        b.on(go.click(), (), out, || async {
            tokio::time::sleep(Duration::from_millis(400)).await;
            "done"
        });
    }))
    .await;
    let page = server.session().await;
    let first = server.run_raw(run_body(&page, 0, json!([]), false));
    let second = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        server.run_raw(run_body(&page, 0, json!([]), false)).await
    };
    let ((s1, b1), (s2, b2)) = tokio::join!(first, second);
    assert_eq!(
        (s1, update_for(&b1, 2)["value"].as_str()),
        (200, Some("done"))
    );
    assert_eq!(
        (s2, b2["error"].as_str()),
        (409, Some("event 0 is still running for this session"))
    );
    // Another session is not held back, and once the run ended the event runs again.
    let other = server.session().await;
    assert_eq!(server.run(&other, 0, json!([])).await.0, 200);
    assert_eq!(server.run(&page, 0, json!([])).await.0, 200);
}

#[tokio::test]
async fn always_last_on_the_server_runs_only_the_last_waiting_trigger() {
    let seen = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = seen.clone();
    let server = Running::start(Blocks::new(move |b| {
        let text = b.add(Textbox::new("Text"));
        let out = b.add(Textbox::new("Out"));
        let log = log.clone();
        b.on(text.change(), text, out, move |text: String| {
            log.lock().unwrap().push(text.clone());
            std::thread::sleep(Duration::from_millis(300));
            text
        });
    }))
    .await;
    let page = server.session().await;
    let send = |text: &'static str, delay: u64| {
        let body = run_body(&page, 0, json!([text]), false);
        let server = &server;
        async move {
            tokio::time::sleep(Duration::from_millis(delay)).await;
            server.run_raw(body).await.0
        }
    };
    let (a, b, c) = tokio::join!(send("a", 0), send("b", 80), send("c", 160));
    assert_eq!((a, b, c), (200, 409, 200), "b was superseded by c");
    assert_eq!(*seen.lock().unwrap(), ["a", "c"]);
}

#[tokio::test]
async fn a_concurrency_limit_of_one_with_a_time_limit_never_overlaps() {
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (r, p) = (running.clone(), peak.clone());
    let server = Running::start(Blocks::new(move |b| {
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        let (r, p) = (r.clone(), p.clone());
        b.on(go.click(), (), out, move || {
            let now = r.fetch_add(1, Ordering::SeqCst) + 1;
            p.fetch_max(now, Ordering::SeqCst);
            // A sync handler cannot be stopped: it runs on past its time limit.
            std::thread::sleep(Duration::from_millis(250));
            r.fetch_sub(1, Ordering::SeqCst);
            "done"
        })
        .concurrency_limit(1)
        .time_limit(Duration::from_millis(50));
    }))
    .await;
    let mut pages = Vec::new();
    for _ in 0..3 {
        pages.push(server.session().await);
    }
    let runs = pages.iter().map(|page| server.run(page, 0, json!([])));
    for (status, body) in futures_util::future::join_all(runs).await {
        assert_eq!(status, 200);
        assert_eq!(
            body["error"]["message"],
            "the handler took longer than its time limit of 50ms"
        );
    }
    // Each answered after 50 ms; the slot stayed taken until each handler really returned.
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(running.load(Ordering::SeqCst), 0);
    assert_eq!(peak.load(Ordering::SeqCst), 1, "runs overlapped");
}

fn lockable() -> App {
    Blocks::new(|b| {
        let go = b.add(Button::new("Go").elem_id("go"));
        let out = b.add(Textbox::new("Out"));
        let lock = b.add(Button::new("Lock"));
        let hide = b.add(Button::new("Hide"));
        b.on(go.click(), (), out, || "ran"); // 0
        b.on(lock.click(), (), go, || Button::update().interactive(false)); // 1
        b.on(hide.click(), (), go, || Button::update().visible(false)); // 2
    })
}

#[tokio::test]
async fn events_of_a_component_disabled_or_hidden_for_the_session_are_refused_and_run_nothing() {
    let server = Running::start(lockable()).await;
    let (locked, hidden, other) = (
        server.session().await,
        server.session().await,
        server.session().await,
    );
    assert_eq!(server.run(&locked, 0, json!([])).await.0, 200);
    server.run(&locked, 1, json!([])).await;
    server.run(&hidden, 2, json!([])).await;
    let (status, body) = server.run(&locked, 0, json!([])).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("this button is disabled"))
    );
    let (status, body) = server.run(&hidden, 0, json!([])).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("this button is not visible"))
    );
    // The rule is per session: the third one still clicks.
    let (status, body) = server.run(&other, 0, json!([])).await;
    assert_eq!(
        (status, update_for(&body, 2)["value"].as_str()),
        (200, Some("ran"))
    );
}

#[tokio::test]
async fn a_file_value_the_server_did_not_issue_is_refused_and_its_own_is_used() {
    let server = Running::start(Blocks::new(|b| {
        let d = b.add(
            DownloadButton::new("d")
                .value(FileSource::text("the server's").file_name("a.txt"))
                .elem_id("d"),
        );
        let out = b.add(Textbox::new("Out"));
        b.on(d.click(), d, out, |file: bytes::Bytes| {
            String::from_utf8_lossy(&file).into_owned()
        });
    }))
    .await;
    let page = server.session().await;
    for forged in [
        json!({ "url": "file/app/../../etc/passwd/x", "file_name": "passwd" }),
        json!({ "external": true, "url": "http://169.254.169.254/latest/meta-data/" }),
        json!("/etc/passwd"),
    ] {
        let (status, body) = server.run(&page, 0, json!([forged])).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (
                400,
                Some("bad input 0: this file value was not issued by the server for this session")
            ),
            "{forged}"
        );
    }
    let own = by_elem_id(&page["root"], "d").unwrap()["props"]["value"].clone();
    assert!(own["url"].is_string(), "{own}");
    for value in [own, json!(null)] {
        let (status, body) = server.run(&page, 0, json!([value])).await;
        assert_eq!(
            (status, update_for(&body, 2)["value"].as_str()),
            (200, Some("the server's"))
        );
    }
}

fn streaming() -> App {
    #[derive(Default)]
    struct Count(u32);
    Blocks::new(|b| {
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        b.on(go.click(), (), out, |progress: Progress| async move {
            progress.set(0.5, "half way");
            tokio::time::sleep(Duration::from_millis(400)).await;
            "slow result"
        }); // 0
        b.on(go.click(), (), out, |session: Session| {
            let n = session.with_state(|count: &mut Count| {
                count.0 += 1;
                count.0
            });
            session.info(format!("click {n}"));
            n.to_string()
        }); // 1
        b.on(
            go.click(),
            (),
            out,
            || -> Result<String, ferry_ui::Error> {
                Err(ferry_ui::Error::new("No rows match.")
                    .title("Export failed")
                    .duration(None))
            },
        ); // 2
        b.on(go.click(), (), (), |session: Session| {
            session.toast(
                ferry_ui::runtime::Toast::warning("Disk almost full")
                    .title("Disk")
                    .duration(Duration::from_secs(3)),
            );
        }); // 3
    })
}

#[tokio::test]
async fn a_slow_run_is_answered_on_the_stream_with_its_progress() {
    let server = Running::start(streaming()).await;
    let page = server.session().await;
    let session = page["session"].as_str().unwrap();
    let mut events = server.events(session, None).await;
    let (status, reply) = server.run_raw(run_body(&page, 0, json!([]), true)).await;
    assert_eq!(status, 200);
    let run = reply["pending"].as_u64().expect("pending on a slow run");
    let progress = events.next_of("progress", WAIT).await.unwrap();
    assert_eq!(
        progress.data,
        json!({ "kind": "progress", "run": run, "dependency": 0, "fraction": 0.5, "description": "half way" })
    );
    let result = events.next_of("result", WAIT).await.unwrap();
    assert_eq!(result.data["run"], run);
    assert_eq!(result.data["updates"][0]["props"]["value"], "slow result");
    assert_eq!(result.data["error"], Value::Null);
}

#[tokio::test]
async fn a_page_that_reconnects_gets_what_it_missed_and_nothing_twice() {
    let server = Running::start(streaming()).await;
    let page = server.session().await;
    let session = page["session"].as_str().unwrap();
    // The run's result comes while no stream is open.
    let (_, reply) = server.run_raw(run_body(&page, 0, json!([]), true)).await;
    let run = reply["pending"].as_u64().unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    let mut events = server.events(session, None).await;
    let result = events.next_of("result", WAIT).await.unwrap();
    assert_eq!(result.data["run"], run);
    drop(events);
    // Resuming after it: only what came later.
    server.run(&page, 1, json!([])).await;
    let mut resumed = server.events(session, Some(result.id)).await;
    let next = resumed.next(WAIT).await.unwrap();
    assert!(next.id > result.id);
    assert_eq!(next.data["kind"], "toast");
    assert_eq!(next.data["message"], "click 1");
    assert!(resumed.next(Duration::from_millis(300)).await.is_none());
}

#[tokio::test]
async fn a_stream_of_an_unknown_session_is_404() {
    let server = Running::start(streaming()).await;
    let response = server
        .stream("0123456789abcdef0123456789abcdef", None)
        .await;
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "this session has expired: reload the page");
}

#[tokio::test]
async fn session_state_is_per_session_and_toasts_and_titled_errors_reach_the_page() {
    let server = Running::start(streaming()).await;
    let (a, b) = (server.session().await, server.session().await);
    for expected in ["1", "2"] {
        let (_, body) = server.run(&a, 1, json!([])).await;
        assert_eq!(update_for(&body, 2)["value"], expected);
    }
    let (_, body) = server.run(&b, 1, json!([])).await;
    assert_eq!(update_for(&body, 2)["value"], "1");
    let mut events = server.events(a["session"].as_str().unwrap(), None).await;
    let toast = events.next_of("toast", WAIT).await.unwrap();
    assert_eq!(
        toast.data,
        json!({ "kind": "toast", "level": "info", "title": null, "message": "click 1", "duration": 10.0 })
    );
    let (_, body) = server.run(&a, 2, json!([])).await;
    assert_eq!(
        body["error"],
        json!({ "message": "No rows match.", "title": "Export failed", "component": null, "duration": null })
    );
    let (status, _) = server.run(&a, 3, json!([])).await;
    assert_eq!(status, 200);
    let click_2 = events.next_of("toast", WAIT).await.unwrap();
    assert_eq!(click_2.data["message"], "click 2");
    let toast = events.next_of("toast", WAIT).await.unwrap();
    assert_eq!(
        toast.data,
        json!({ "kind": "toast", "level": "warning", "title": "Disk", "message": "Disk almost full", "duration": 3.0 })
    );
}

#[tokio::test]
async fn a_declared_file_that_appears_after_start_up_downloads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("late.txt");
    let app = {
        let path = path.clone();
        Blocks::new(move |b| {
            b.add(DownloadButton::from_path(path).elem_id("late"));
        })
    };
    let server = Running::start(app).await;
    let first = server.session().await;
    assert_eq!(first["errors"][0]["component"], 1);
    assert!(first["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("late.txt"));
    std::fs::write(&path, "here now").unwrap();
    let second = server.session().await;
    assert_eq!(second["errors"], json!([]));
    let button = common::by_elem_id(&second["root"], "late").unwrap();
    let url = button["props"]["value"]["url"].as_str().unwrap();
    assert_eq!(server.get(url).await.text().await.unwrap(), "here now");
}

#[tokio::test]
async fn an_event_wired_with_inferred_argument_types_runs() {
    let server = Running::start(Blocks::new(|b| {
        let (first, last) = (b.add(Textbox::new("First")), b.add(Textbox::new("Last")));
        let out = b.add(Textbox::new("Out"));
        let go = b.add(Button::new("Go"));
        b.event(go.click(), (first, last), out)
            .run(|first, last| format!("{} {}", first.trim(), last.to_uppercase()));
    }))
    .await;
    let page = server.session().await;
    let (status, body) = server.run(&page, 0, json!([" Ada ", "lovelace"])).await;
    assert_eq!(
        (status, update_for(&body, 3)["value"].as_str()),
        (200, Some("Ada LOVELACE"))
    );
}

/// NiceGUI's disabled-element advisory, for files: a hidden or disabled download button's file
/// is not handed to the page until the button can be used.
#[tokio::test]
async fn a_hidden_or_disabled_download_buttons_file_reaches_the_page_only_when_usable() {
    let server = Running::start(Blocks::new(|b| {
        let hidden = b.add(
            DownloadButton::new("Hidden")
                .value(FileSource::text("secret report").file_name("r.txt"))
                .visible(false)
                .elem_id("hidden"),
        );
        let off = b.add(
            DownloadButton::new("Off")
                .value(FileSource::text("later").file_name("l.txt"))
                .interactive(false)
                .elem_id("off"),
        );
        let show = b.add(Button::new("Show"));
        b.on(show.click(), (), hidden, || {
            DownloadButton::update().visible(true)
        }); // 0
        b.on(show.click(), (), off, || {
            DownloadButton::update()
                .value(FileSource::text("newer").file_name("n.txt"))
                .interactive(false)
        }); // 1
    }))
    .await;
    let page = server.session().await;
    for elem_id in ["hidden", "off"] {
        let node = by_elem_id(&page["root"], elem_id).unwrap();
        assert_eq!(node["props"]["value"], json!(null), "{elem_id}: {node}");
    }
    assert!(
        !page.to_string().contains("file/"),
        "no file URL anywhere in the page: {page}"
    );

    let (status, body) = server.run(&page, 1, json!([])).await;
    assert_eq!(status, 200, "{body}");
    let off = by_elem_id(&page["root"], "off").unwrap()["id"]
        .as_u64()
        .unwrap();
    assert_eq!(update_for(&body, off)["value"], json!(null), "{body}");

    let (status, body) = server.run(&page, 0, json!([])).await;
    assert_eq!(status, 200, "{body}");
    let hidden = by_elem_id(&page["root"], "hidden").unwrap()["id"]
        .as_u64()
        .unwrap();
    let update = update_for(&body, hidden);
    assert_eq!(update["visible"], true);
    let url = update["value"]["url"].as_str().unwrap();
    let response = server.get(url).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "secret report");
}

/// A timer that ticks on the server: its results come on the stream of a session whose page is
/// open, in order; the page may not tick it; a handler stops it; a session without a stream
/// gets no ticks.
#[tokio::test]
async fn a_server_timer_ticks_for_open_pages_and_its_updates_come_on_the_stream() {
    #[derive(Default)]
    struct Ticks(u32);
    let server = Running::start(Blocks::new(|b| {
        let clock = b.add(Timer::new(0.1).on_server(true));
        let shown = b.add(Textbox::new("Ticks"));
        b.on(clock.tick(), (), shown, |session: Session| {
            session.with_state(|t: &mut Ticks| {
                t.0 += 1;
                t.0.to_string()
            })
        }); // 0
        let stop = b.add(Button::new("Stop"));
        b.on(stop.click(), (), clock, || Timer::update().active(false)); // 1
    }))
    .await;
    let quiet = server.session().await;
    let page = server.session().await;
    let session = page["session"].as_str().unwrap();
    let mut events = server.events(session, None).await;
    for expected in ["1", "2", "3"] {
        let event = events
            .next_of("updates", Duration::from_secs(2))
            .await
            .expect("a tick's updates");
        assert_eq!(event.data["updates"][0]["id"], 2);
        assert_eq!(event.data["updates"][0]["props"]["value"], expected);
    }

    let (status, body) = server
        .run_raw(json!({ "session": session, "dependency": 0, "trigger": [1, "tick"], "data": [] }))
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("this timer ticks on the server"))
    );

    let (status, _) = server.run(&page, 1, json!([])).await;
    assert_eq!(status, 200);
    // A tick already running may still land; then nothing more.
    for _ in 0..2 {
        if events
            .next_of("updates", Duration::from_millis(300))
            .await
            .is_none()
        {
            break;
        }
    }
    assert!(events
        .next_of("updates", Duration::from_millis(500))
        .await
        .is_none());

    let mut silent = server
        .events(quiet["session"].as_str().unwrap(), None)
        .await;
    let first = silent.next_of("updates", Duration::from_secs(2)).await;
    assert_eq!(
        first.unwrap().data["updates"][0]["props"]["value"],
        "1",
        "the other session's ticks started only when its stream opened, from 1"
    );
}

/// `b.load` runs when each session starts, before its page is drawn; `b.unload` when it ends.
#[tokio::test]
async fn load_runs_at_session_start_and_unload_when_the_session_ends() {
    use std::sync::{Arc, Mutex};
    let ended: Arc<Mutex<Vec<String>>> = Arc::default();
    let app = {
        let ended = Arc::clone(&ended);
        Blocks::new(move |b| {
            b.limits(ferry_ui::Limits {
                session_idle: Duration::from_millis(300),
                ..ferry_ui::Limits::default()
            });
            let greeting = b.add(Textbox::new("Greeting").elem_id("greeting"));
            b.load((), greeting, |session: Session| {
                format!("Welcome, {}", &session.id()[..6])
            });
            let ended = Arc::clone(&ended);
            b.unload(move |session: Session| {
                ended.lock().unwrap().push(session.id().to_owned());
            });
        })
    };
    let server = Running::start(app).await;
    let page = server.session().await;
    let id = page["session"].as_str().unwrap().to_owned();
    let greeting = by_elem_id(&page["root"], "greeting").unwrap();
    assert_eq!(greeting["props"]["value"], format!("Welcome, {}", &id[..6]));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while ended.lock().unwrap().is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "unload never ran");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(*ended.lock().unwrap(), [id]);
}
