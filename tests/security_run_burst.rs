//! A burst of clicks from one session (600 runs of a slow sync handler): past the cap on runs in
//! flight per session they get 429, and meanwhile another session's event and download are not
//! delayed by more than 100 ms, because one session cannot fill the blocking thread pool. In a
//! file of its own so that no other test shares the machine while it measures.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use common::{by_elem_id, update_for};
use ferry_ui::prelude::*;
use futures_util::StreamExt;
use serde_json::{json, Value};

fn id_of(page: &Value, elem_id: &str) -> u64 {
    by_elem_id(&page["root"], elem_id).unwrap()["id"]
        .as_u64()
        .unwrap()
}

fn run_body(page: &Value, dep: usize, stream: bool) -> Value {
    let trigger = page["dependencies"][dep]["triggers"][0].clone();
    json!({ "session": page["session"], "dependency": dep, "trigger": trigger, "data": [], "stream": stream })
}

/// A gate the slow handler waits at (sleeping on a condition variable, not spinning).
#[derive(Clone, Default)]
struct Gate(Arc<(Mutex<bool>, Condvar)>);

impl Gate {
    fn wait(&self) {
        let (open, changed) = &*self.0;
        let guard = open.lock().unwrap();
        let _ = changed
            .wait_timeout_while(guard, Duration::from_secs(20), |open| !*open)
            .unwrap();
    }

    fn open(&self) {
        let (open, changed) = &*self.0;
        *open.lock().unwrap() = true;
        changed.notify_all();
    }
}

/// Serves `app` on a runtime and thread of its own (as in production, the clients of the test
/// do not share its threads); returns its base URL and the switch that stops it.
fn serve_apart(
    app: App,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    std::thread::JoinHandle<()>,
) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (bound, address) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            bound.send(listener.local_addr().unwrap()).unwrap();
            app.serve_until(listener, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
    });
    let base = format!("http://{}", address.recv().unwrap());
    (base, stop, thread)
}

/// One look at the other session: its quick event, then its download; how long each took.
struct Probe<'a> {
    client: &'a reqwest::Client,
    base: &'a str,
    other: &'a Value,
    download: &'a str,
}

impl Probe<'_> {
    async fn once(&self) -> (Duration, Duration) {
        let started = Instant::now();
        let answer = self
            .client
            .post(format!("{}/api/run", self.base))
            .json(&run_body(self.other, 1, false))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        let answer: Value = answer.json().await.unwrap();
        assert_eq!(
            update_for(&answer, id_of(self.other, "out"))["value"],
            "quick"
        );
        let event = started.elapsed();
        let started = Instant::now();
        let file = self
            .client
            .get(format!("{}/{}", self.base, self.download))
            .send()
            .await
            .unwrap();
        assert_eq!(file.status(), 200);
        assert_eq!(file.bytes().await.unwrap().len(), FILE_SIZE);
        (event, started.elapsed())
    }
}

/// The other session's download: 256 KiB read from disk (through the blocking pool).
const FILE_SIZE: usize = 256 * 1024;

async fn start_session(client: &reqwest::Client, base: &str) -> Value {
    let response = client
        .post(format!("{base}/api/session"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_clicks_gets_429_past_the_cap_and_another_session_is_not_delayed() {
    let gate = Gate::default();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), vec![9u8; FILE_SIZE]).unwrap();
    let held = gate.clone();
    let path = file.path().to_owned();
    let app = Blocks::new(move |b| {
        let slow = b.add(Button::new("Slow"));
        let quick = b.add(Button::new("Quick"));
        let out = b.add(Textbox::new("Out").elem_id("out"));
        b.add(
            DownloadButton::from_path(path.clone())
                .label("Data")
                .elem_id("data"),
        );
        let gate = held.clone();
        // A sync handler: each run holds a thread of the blocking pool while it waits.
        b.on(slow.click(), (), out, move || {
            gate.wait();
            "slow"
        })
        .trigger_mode(TriggerMode::Multiple);
        b.on(quick.click(), (), out, || "quick");
    });
    let (base, stop, server) = serve_apart(app);
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let burster = start_session(&client, &base).await;
    let other = start_session(&client, &base).await;
    let download = by_elem_id(&other["root"], "data").unwrap()["props"]["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();

    // The other session's event and download, measured alone first, then again and again
    // during the burst, from a thread and a runtime of their own.
    let probing = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let (measured_alone, alone) = std::sync::mpsc::channel();
    let probe = {
        let (base, probing, other) = (base.clone(), Arc::clone(&probing), other.clone());
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let client = reqwest::Client::builder().no_proxy().build().unwrap();
                let probe = Probe {
                    client: &client,
                    base: &base,
                    other: &other,
                    download: &download,
                };
                let mut baseline = Vec::new();
                for _ in 0..5 {
                    baseline.push(probe.once().await);
                }
                measured_alone.send(()).unwrap();
                let mut times = Vec::new();
                while probing.load(std::sync::atomic::Ordering::Relaxed) || times.len() < 10 {
                    times.push(probe.once().await);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                (baseline, times)
            })
        })
    };
    alone.recv().unwrap();

    let clicks = futures_util::stream::iter(0..600)
        .map(|_| {
            let (client, base, burster) = (&client, &base, &burster);
            async move {
                let answer = client
                    .post(format!("{base}/api/run"))
                    .json(&run_body(burster, 0, true))
                    .send()
                    .await
                    .unwrap();
                let status = answer.status().as_u16();
                (status, answer.json::<Value>().await.unwrap())
            }
        })
        .buffer_unordered(16)
        .collect::<Vec<_>>()
        .await;
    probing.store(false, std::sync::atomic::Ordering::Relaxed);
    let (baseline, times) = probe.join().unwrap();

    let pending = clicks
        .iter()
        .filter(|(status, body)| *status == 200 && body["pending"].is_u64())
        .count();
    let refused: Vec<&Value> = clicks
        .iter()
        .filter(|(status, _)| *status == 429)
        .map(|(_, body)| body)
        .collect();
    assert_eq!(pending, ferry_ui::runtime::DEFAULT_MAX_RUNS_PER_SESSION);
    assert_eq!(refused.len(), 600 - pending);
    assert!(refused.iter().all(|body| body["error"]
        == "this session has 16 runs in progress, the most it may: wait for one to finish"));
    // The delay is the time past the slowest answer measured alone.
    let slowest = |times: &[(Duration, Duration)], pick: fn(&(Duration, Duration)) -> Duration| {
        times.iter().map(pick).max().unwrap()
    };
    let event_delay = slowest(&times, |t| t.0).saturating_sub(slowest(&baseline, |t| t.0));
    let download_delay = slowest(&times, |t| t.1).saturating_sub(slowest(&baseline, |t| t.1));
    assert!(
        event_delay < Duration::from_millis(100),
        "the other session's event was delayed by {event_delay:?} ({times:?}, alone {baseline:?})"
    );
    assert!(
        download_delay < Duration::from_millis(100),
        "the other session's download was delayed by {download_delay:?} ({times:?}, alone {baseline:?})"
    );

    // Once its runs end, the session may run again.
    gate.open();
    let mut again = 0;
    for _ in 0..50 {
        let answer = client
            .post(format!("{base}/api/run"))
            .json(&run_body(&burster, 0, false))
            .send()
            .await
            .unwrap();
        again = answer.status().as_u16();
        if again == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(again, 200);
    let _ = stop.send(());
    server.join().unwrap();
}
