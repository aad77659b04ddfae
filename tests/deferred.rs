//! Deferred downloads over HTTP: a click's run is joined by the clicks made while it runs and
//! its file kept (a range of it runs nothing), `fresh_each_click` runs again, a session makes at
//! most four files at once and keeps at most eight, the scratch files of a run are removed when
//! it is cancelled (the cancel event, a time limit, the page's stream gone) and when its session
//! ends, and a handler's `ferry_ui::download` reaches the page.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{by_elem_id, event_of, until, update_for, Running};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

#[derive(Default)]
struct Flags {
    /// Runs of the slow function, and of the quick one.
    slow_runs: AtomicUsize,
    quick_runs: AtomicUsize,
    /// The partial file the slow function is writing.
    partial: Mutex<Option<PathBuf>>,
    /// The file the quick function made.
    made: Mutex<Option<PathBuf>>,
    saw_cancel: AtomicBool,
}

const CONTENT: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz\n";

fn app(flags: Arc<Flags>, limits: Limits) -> App {
    Blocks::new(move |b| {
        b.limits(limits);
        let topic = b.add(Textbox::new("Topic").value("a").elem_id("topic"));
        // Writes a partial file for about 3 s (8 s when the topic is "long"), a chunk every 20 ms,
        // unless cancelled.
        let slow = Arc::clone(&flags);
        b.add(
            DownloadButton::new("Slow")
                .value_deferred(
                    move |cancel: CancelToken,
                          scratch: Scratch,
                          topic: String|
                          -> std::io::Result<PathBuf> {
                        slow.slow_runs.fetch_add(1, Ordering::SeqCst);
                        let path = scratch.path("partial.bin")?;
                        let mut file = std::fs::File::create(&path)?;
                        *slow.partial.lock().unwrap() = Some(path.clone());
                        let chunks = if topic == "long" { 400 } else { 150 };
                        for _ in 0..chunks {
                            if cancel.is_cancelled() {
                                slow.saw_cancel.store(true, Ordering::SeqCst);
                                return Err(std::io::Error::other("cancelled"));
                            }
                            file.write_all(CONTENT)?;
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        Ok(path)
                    },
                )
                .inputs(topic)
                .elem_id("slow"),
        );
        // Makes its file in 100 ms.
        let quick = Arc::clone(&flags);
        b.add(
            DownloadButton::new("Quick")
                .value_deferred(move |scratch: Scratch| {
                    let quick = Arc::clone(&quick);
                    async move {
                        quick.quick_runs.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        let path = scratch.path("quick.txt").unwrap();
                        std::fs::write(&path, CONTENT.repeat(100)).unwrap();
                        *quick.made.lock().unwrap() = Some(path.clone());
                        FileSource::path(path).file_name("quick.txt")
                    }
                })
                .elem_id("quick"),
        );
        // Writes a file, then waits past its time limit.
        let limited = Arc::clone(&flags);
        b.add(
            DownloadButton::new("Limited")
                .value_deferred(move |scratch: Scratch| {
                    let limited = Arc::clone(&limited);
                    async move {
                        let path = scratch.path("late.bin").unwrap();
                        std::fs::write(&path, CONTENT).unwrap();
                        *limited.partial.lock().unwrap() = Some(path.clone());
                        tokio::time::sleep(Duration::from_secs(30)).await;
                        path
                    }
                })
                .time_limit(Duration::from_millis(300))
                .elem_id("limited"),
        );
        // A handler starts a download through a hidden button, or tries to start a deferred one.
        let go = b.add(Button::new("Go").elem_id("go"));
        let sink = b.add(DownloadButton::new("").visible(false).elem_id("sink"));
        b.on(go.click(), (), sink, || {
            ferry_ui::download(FileSource::text("handed over\n").file_name("handed.txt"))
        });
        b.on(go.click(), (), sink, || {
            ferry_ui::download(FileSource::deferred(|| "never"))
        });
        // Fails with an error of its own, whose text may name server details.
        b.add(
            DownloadButton::new("Broken")
                .value_deferred(|| -> std::io::Result<PathBuf> {
                    Err(std::io::Error::other("cannot open /srv/secret/db"))
                })
                .elem_id("broken"),
        );
        // Returns a reader (spooled, then kept) and a stream sent once as it is produced.
        b.add(
            DownloadButton::new("Reader")
                .value_deferred(|| {
                    FileSource::reader(std::io::Cursor::new(CONTENT.repeat(1000)))
                        .file_name("read.txt")
                })
                .elem_id("reader"),
        );
        let direct = Arc::clone(&flags);
        b.add(
            DownloadButton::new("Direct")
                .value_deferred(move || {
                    direct.slow_runs.fetch_add(1, Ordering::SeqCst);
                    let chunks = futures_util::stream::iter(
                        [CONTENT, CONTENT].map(|c| Ok::<_, std::io::Error>(c.to_vec())),
                    );
                    FileSource::stream(chunks)
                        .stream_directly()
                        .file_name("live.txt")
                })
                .elem_id("direct"),
        );
        // Runs again on every click.
        let fresh = Arc::clone(&flags);
        b.add(
            DownloadButton::new("Fresh")
                .value_deferred(move || {
                    let n = fresh.quick_runs.fetch_add(1, Ordering::SeqCst);
                    format!("run {n}\n")
                })
                .fresh_each_click(true)
                .elem_id("fresh"),
        );
    })
}

/// Posts `event` of `elem_id` as the page does; returns the status and the answer.
async fn fire(
    server: &Running,
    page: &Value,
    elem_id: &str,
    event: &str,
    data: Value,
) -> (u16, Value) {
    server.run(page, event_of(page, elem_id, event), data).await
}

/// The file the answer to a `prepare` tells the page to download.
fn download_of(page: &Value, elem_id: &str, answer: &Value) -> Value {
    let id = by_elem_id(&page["root"], elem_id).unwrap()["id"]
        .as_u64()
        .unwrap();
    update_for(answer, id)["download"].clone()
}

#[tokio::test]
async fn clicks_while_it_runs_join_the_run_and_the_kept_file_resumes_without_running_again() {
    let flags = Arc::new(Flags::default());
    let server = Running::start(app(Arc::clone(&flags), Limits::default())).await;
    let page = server.session().await;
    assert_eq!(
        by_elem_id(&page["root"], "quick").unwrap()["props"]["deferred"],
        true
    );
    assert_eq!(
        flags.quick_runs.load(Ordering::SeqCst),
        0,
        "nothing runs before a click"
    );

    let (a, b, c) = tokio::join!(
        fire(&server, &page, "quick", "prepare", json!([])),
        fire(&server, &page, "quick", "prepare", json!([])),
        fire(&server, &page, "quick", "prepare", json!([])),
    );
    assert_eq!((a.0, b.0, c.0), (200, 200, 200));
    let file = download_of(&page, "quick", &a.1);
    assert_eq!(file["file_name"], "quick.txt");
    assert_eq!(file, download_of(&page, "quick", &b.1));
    assert_eq!(file, download_of(&page, "quick", &c.1));
    assert_eq!(
        flags.quick_runs.load(Ordering::SeqCst),
        1,
        "three clicks, one run"
    );

    let url = file["url"].as_str().unwrap();
    let whole = server.get(url).await;
    assert_eq!(whole.status(), 200);
    let etag = whole.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(whole.bytes().await.unwrap(), CONTENT.repeat(100));
    let part = server
        .client
        .get(format!("{}/{url}", server.base))
        .header("range", "bytes=37-73")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], "bytes 37-73/3700");
    assert_eq!(&part.bytes().await.unwrap()[..], CONTENT);

    // A later click gets the kept file at once.
    let again = fire(&server, &page, "quick", "prepare", json!([])).await;
    assert_eq!(download_of(&page, "quick", &again.1), file);
    assert_eq!(
        flags.quick_runs.load(Ordering::SeqCst),
        1,
        "the range and the click ran nothing"
    );
}

#[tokio::test]
async fn fresh_each_click_runs_again_and_a_session_keeps_eight_files_and_makes_four_at_once() {
    let flags = Arc::new(Flags::default());
    let server = Running::start(app(Arc::clone(&flags), Limits::default())).await;
    let page = server.session().await;
    let first = fire(&server, &page, "fresh", "prepare", json!([])).await;
    let second = fire(&server, &page, "fresh", "prepare", json!([])).await;
    let (first, second) = (
        download_of(&page, "fresh", &first.1),
        download_of(&page, "fresh", &second.1),
    );
    assert_ne!(first["url"], second["url"]);
    let body = |file: &Value| file["url"].as_str().unwrap().to_owned();
    assert_eq!(
        server.get(&body(&first)).await.text().await.unwrap(),
        "run 0\n"
    );
    assert_eq!(
        server.get(&body(&second)).await.text().await.unwrap(),
        "run 1\n"
    );

    // Four runs for four topics go; a fifth is refused, and says why under the button.
    let id = event_of(&page, "slow", "prepare");
    let trigger = page["dependencies"][id]["triggers"][0].clone();
    let post = |topic: &str| {
        server.run_raw(json!({ "session": page["session"], "dependency": id, "trigger": trigger, "data": [topic] }))
    };
    let going = futures_util::future::join_all(["a", "b", "c", "d"].iter().map(|t| post(t)));
    let fifth = async {
        until(Duration::from_secs(5), || {
            flags.slow_runs.load(Ordering::SeqCst) == 4
        })
        .await;
        let refused = post("e").await;
        let cancelled = fire(&server, &page, "slow", "cancel", json!([])).await;
        (refused, cancelled)
    };
    let (answers, ((status, refused), (cancel_status, _))) = tokio::join!(going, fifth);
    assert_eq!(status, 200);
    assert_eq!(
        refused["error"]["message"],
        "this session is already making 4 files: wait for one to finish"
    );
    assert_eq!(
        refused["error"]["component"],
        by_elem_id(&page["root"], "slow").unwrap()["id"]
    );
    assert_eq!(flags.slow_runs.load(Ordering::SeqCst), 4);
    assert_eq!(cancel_status, 200);
    for (status, body) in answers {
        assert_eq!(status, 200);
        assert_eq!(body["cancelled"], true, "{body}");
    }
}

#[tokio::test]
async fn cancel_stops_the_function_and_removes_its_partial_file() {
    let flags = Arc::new(Flags::default());
    let app = app(Arc::clone(&flags), Limits::default());
    let server = Running::start(app.clone()).await;
    let page = server.session().await;
    let tokens = app.file_count();
    let running = {
        let (server, page) = (server.base.clone(), page.clone());
        let client = server_client();
        let id = event_of(&page, "slow", "prepare");
        let body = json!({ "session": page["session"], "dependency": id,
                           "trigger": page["dependencies"][id]["triggers"][0], "data": ["a"] });
        tokio::spawn(async move {
            let response = client
                .post(format!("{server}/api/run"))
                .json(&body)
                .send()
                .await
                .unwrap();
            response.json::<Value>().await.unwrap()
        })
    };
    until(Duration::from_secs(5), || {
        flags
            .partial
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|p| p.exists())
    })
    .await;
    let partial = flags.partial.lock().unwrap().clone().unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        std::fs::metadata(&partial).unwrap().len() > 0,
        "it was writing"
    );

    let (status, _) = fire(&server, &page, "slow", "cancel", json!([])).await;
    assert_eq!(status, 200);
    let answer = running.await.unwrap();
    assert_eq!(answer["cancelled"], true);
    assert_eq!(answer["updates"], json!([]));
    until(Duration::from_secs(2), || {
        flags.saw_cancel.load(Ordering::SeqCst)
    })
    .await;
    until(Duration::from_secs(2), || {
        !partial.exists() && !partial.parent().unwrap().exists()
    })
    .await;
    assert_eq!(app.file_count(), tokens, "no file was issued");
    assert_eq!(flags.slow_runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_session_that_ends_cancels_its_run_and_removes_its_kept_and_partial_files() {
    let flags = Arc::new(Flags::default());
    let limits = Limits {
        session_idle: Duration::from_millis(400),
        ..Limits::default()
    };
    let app = app(Arc::clone(&flags), limits);
    let server = Running::start(app.clone()).await;
    let page = server.session().await;
    let (_, made) = fire(&server, &page, "quick", "prepare", json!([])).await;
    let url = download_of(&page, "quick", &made)["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let kept = flags.made.lock().unwrap().clone().unwrap();
    assert!(kept.exists());
    assert_eq!(server.get(&url).await.status(), 200);

    let slow = {
        let (base, client) = (server.base.clone(), server_client());
        let id = event_of(&page, "slow", "prepare");
        let body = json!({ "session": page["session"], "dependency": id,
                           "trigger": page["dependencies"][id]["triggers"][0], "data": ["a"] });
        tokio::spawn(async move {
            let response = client
                .post(format!("{base}/api/run"))
                .json(&body)
                .send()
                .await
                .unwrap();
            response.json::<Value>().await.unwrap()
        })
    };
    until(Duration::from_secs(5), || {
        flags
            .partial
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|p| p.exists())
    })
    .await;
    let partial = flags.partial.lock().unwrap().clone().unwrap();

    // No page holds the session's stream: it ends after 400 ms idle, at the reaper's next round.
    until(Duration::from_secs(5), || app.session_count() == 0).await;
    assert_eq!(slow.await.unwrap()["cancelled"], true);
    until(Duration::from_secs(2), || {
        flags.saw_cancel.load(Ordering::SeqCst)
    })
    .await;
    until(Duration::from_secs(2), || {
        !partial.parent().unwrap().exists()
    })
    .await;
    assert!(!kept.exists(), "the kept file went with its session");
    assert!(!kept.parent().unwrap().exists());
    assert_eq!(server.get(&url).await.status(), 404);
}

fn server_client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

#[tokio::test]
async fn a_page_that_closes_cancels_its_run_within_seconds() {
    let flags = Arc::new(Flags::default());
    let server = Running::start(app(Arc::clone(&flags), Limits::default())).await;
    let page = server.session().await;
    let session = page["session"].as_str().unwrap().to_owned();
    let stream = server.events(&session, None).await;
    let started = std::time::Instant::now();
    let (answer, ()) = tokio::join!(
        fire(&server, &page, "slow", "prepare", json!(["long"])),
        async {
            until(Duration::from_secs(5), || {
                flags.slow_runs.load(Ordering::SeqCst) == 1
            })
            .await;
            // The page goes away: its stream closes and nothing reconnects.
            drop(stream);
        }
    );
    assert_eq!(answer.0, 200);
    assert_eq!(answer.1["cancelled"], true, "{}", answer.1);
    let took = started.elapsed();
    until(Duration::from_secs(1), || {
        flags.saw_cancel.load(Ordering::SeqCst)
    })
    .await;
    // Cancelled after five seconds of a closed stream, well before its eight seconds of writing.
    assert!(
        took >= Duration::from_secs(5) && took < Duration::from_secs(8),
        "{took:?}"
    );
}

#[tokio::test]
async fn a_time_limit_stops_the_function_says_so_under_the_button_and_removes_its_file() {
    let flags = Arc::new(Flags::default());
    let server = Running::start(app(Arc::clone(&flags), Limits::default())).await;
    let page = server.session().await;
    let (status, answer) = fire(&server, &page, "limited", "prepare", json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(
        answer["error"]["message"],
        "the handler took longer than its time limit of 300ms"
    );
    assert_eq!(
        answer["error"]["component"],
        by_elem_id(&page["root"], "limited").unwrap()["id"]
    );
    let late = flags.partial.lock().unwrap().clone().unwrap();
    until(Duration::from_secs(2), || !late.parent().unwrap().exists()).await;
}

#[tokio::test]
async fn a_handler_starts_a_download_through_a_hidden_button_whose_value_stays() {
    let server = Running::start(app(Arc::default(), Limits::default())).await;
    let page = server.session().await;
    let go = by_elem_id(&page["root"], "go").unwrap()["id"].clone();
    let sink = by_elem_id(&page["root"], "sink").unwrap()["id"]
        .as_u64()
        .unwrap();
    let runs: Vec<usize> = page["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, d)| d["triggers"] == json!([[go, "click"]]))
        .map(|(i, _)| i)
        .collect();
    let (status, answer) = server.run(&page, runs[0], json!([])).await;
    assert_eq!(status, 200);
    let props = update_for(&answer, sink);
    assert_eq!(
        props.get("value"),
        None,
        "the button's value stays as it was"
    );
    assert_eq!(props["download"]["file_name"], "handed.txt");
    let response = server.get(props["download"]["url"].as_str().unwrap()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "handed over\n");

    let (status, refused) = server.run(&page, runs[1], json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(
        refused["error"]["message"],
        "a deferred file is the value of a download button, made when it is clicked: here a file that exists now is needed"
    );
}

#[tokio::test]
async fn a_failing_function_shows_the_generic_message_under_its_button_and_runs_again_on_the_next_click(
) {
    let server = Running::start(app(Arc::default(), Limits::default())).await;
    let page = server.session().await;
    for _ in 0..2 {
        let (status, answer) = fire(&server, &page, "broken", "prepare", json!([])).await;
        assert_eq!(status, 200);
        assert_eq!(
            answer["error"]["message"],
            ferry_ui::events::GENERIC_MESSAGE
        );
        assert_eq!(
            answer["error"]["component"],
            by_elem_id(&page["root"], "broken").unwrap()["id"]
        );
        assert_eq!(answer["updates"], json!([]));
    }
}

#[tokio::test]
async fn readers_and_streams_flow_through_a_reader_is_kept_and_a_direct_stream_runs_each_click() {
    let flags = Arc::new(Flags::default());
    let server = Running::start(app(Arc::clone(&flags), Limits::default())).await;
    let page = server.session().await;
    let (_, first) = fire(&server, &page, "reader", "prepare", json!([])).await;
    let file = download_of(&page, "reader", &first);
    assert_eq!(file["file_name"], "read.txt");
    let url = file["url"].as_str().unwrap().to_owned();
    assert_eq!(
        server.get(&url).await.bytes().await.unwrap(),
        CONTENT.repeat(1000)
    );
    let (_, again) = fire(&server, &page, "reader", "prepare", json!([])).await;
    assert_eq!(
        download_of(&page, "reader", &again)["url"],
        url.as_str(),
        "kept"
    );
    assert_eq!(
        server.get(&url).await.bytes().await.unwrap(),
        CONTENT.repeat(1000)
    );

    for n in 1..=2 {
        let (_, answer) = fire(&server, &page, "direct", "prepare", json!([])).await;
        let live = download_of(&page, "direct", &answer);
        assert_eq!(live["file_name"], "live.txt");
        let body = server
            .get(live["url"].as_str().unwrap())
            .await
            .bytes()
            .await
            .unwrap();
        assert_eq!(body, CONTENT.repeat(2));
        assert_eq!(
            flags.slow_runs.load(Ordering::SeqCst),
            n,
            "a direct stream is not kept"
        );
    }
}
