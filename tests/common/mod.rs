//! Starting an app on 127.0.0.1:0 for a test, and talking to it.
#![allow(dead_code, clippy::unwrap_used)]

use ferry_ui::App;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running app: its base URL and the switch that stops it.
pub struct Running {
    pub base: String,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    pub done: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub async fn start(app: App) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let done = tokio::spawn(app.serve_until(listener, async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        Running {
            base,
            client,
            stop: Some(stop),
            done,
        }
    }

    /// Asks the server to stop (in-flight requests finish).
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    pub async fn session(&self) -> Value {
        let response = self
            .client
            .post(format!("{}/api/session", self.base))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// `POST api/session` as a client without Origin sends it, answer unread.
    pub async fn session_response(&self) -> reqwest::Response {
        self.client
            .post(format!("{}/api/session", self.base))
            .json(&json!({}))
            .send()
            .await
            .unwrap()
    }

    /// Posts a run and returns the status and body.
    pub async fn run_raw(&self, body: Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/api/run", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Runs dependency `dep` of `page` with its first trigger.
    pub async fn run(&self, page: &Value, dep: usize, data: Value) -> (u16, Value) {
        let trigger = page["dependencies"][dep]["triggers"][0].clone();
        self.run_raw(json!({ "session": page["session"], "dependency": dep, "trigger": trigger, "data": data })).await
    }

    /// Calls Gradio's REST pair (`POST gradio_api/call/NAME`, then its event stream) with
    /// `data`: the stream's text, or the status and body of a refused call.
    pub async fn gradio_call(&self, api_name: &str, data: Value) -> String {
        let response = self
            .client
            .post(format!("{}/gradio_api/call/{api_name}", self.base))
            .json(&json!({ "data": data }))
            .send()
            .await
            .unwrap();
        if response.status() != 200 {
            return format!(
                "{} {}",
                response.status().as_u16(),
                response.text().await.unwrap()
            );
        }
        let event: Value = response.json().await.unwrap();
        let id = event["event_id"].as_str().unwrap();
        self.get(&format!("/gradio_api/call/{api_name}/{id}"))
            .await
            .text()
            .await
            .unwrap()
    }

    /// GETs `path`, absolute or relative to the page (as file values are).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        let path = path.trim_start_matches('/');
        self.client
            .get(format!("{}/{path}", self.base))
            .send()
            .await
            .unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The node with this elem_id in a page's tree.
pub fn by_elem_id<'a>(node: &'a Value, elem_id: &str) -> Option<&'a Value> {
    if node["props"]["elem_id"] == elem_id {
        return Some(node);
    }
    node["children"]
        .as_array()?
        .iter()
        .find_map(|child| by_elem_id(child, elem_id))
}

/// The index of the event that `event` of the component with `elem_id` triggers, alone.
pub fn event_of(page: &Value, elem_id: &str, event: &str) -> usize {
    let id = by_elem_id(&page["root"], elem_id).unwrap()["id"].clone();
    page["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["triggers"] == json!([[id, event]]))
        .unwrap()
}

/// The props of the update for component `id` in a run's answer.
pub fn update_for(body: &Value, id: u64) -> Value {
    body["updates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .map(|u| u["props"].clone())
        .unwrap_or(Value::Null)
}

/// A session's server-sent event stream, read message by message.
pub struct EventStream {
    response: reqwest::Response,
    buffer: String,
}

/// One message of a stream: its id and its JSON.
#[derive(Debug)]
pub struct StreamEvent {
    pub id: u64,
    pub data: Value,
}

impl Running {
    /// Opens the stream of `session`, resuming after `last_event_id` when given.
    pub async fn stream(&self, session: &str, last_event_id: Option<u64>) -> reqwest::Response {
        let mut request = self
            .client
            .get(format!("{}/api/stream/{session}", self.base));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        request.send().await.unwrap()
    }

    /// Opens the stream of `session` and checks that it is an event stream.
    pub async fn events(&self, session: &str, last_event_id: Option<u64>) -> EventStream {
        let response = self.stream(session, last_event_id).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        EventStream {
            response,
            buffer: String::new(),
        }
    }
}

impl EventStream {
    /// The next message (heartbeat comments skipped), or `None` after `timeout`.
    pub async fn next(&mut self, timeout: std::time::Duration) -> Option<StreamEvent> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(rest) = line.strip_prefix("id:") {
                        id = rest.trim().parse().ok();
                    } else if let Some(rest) = line.strip_prefix("data:") {
                        data.push_str(rest.trim_start());
                    }
                }
                if let Some(id) = id {
                    return Some(StreamEvent {
                        id,
                        data: serde_json::from_str(&data).unwrap(),
                    });
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .unwrap()?;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next message whose `kind` is `kind`, skipping others.
    pub async fn next_of(
        &mut self,
        kind: &str,
        timeout: std::time::Duration,
    ) -> Option<StreamEvent> {
        loop {
            let event = self.next(timeout).await?;
            if event.data["kind"] == kind {
                return Some(event);
            }
        }
    }
}

/// Waits until `done` holds, checking every 5 ms; panics after `timeout`.
pub async fn until(timeout: std::time::Duration, done: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + timeout;
    while !done() {
        assert!(tokio::time::Instant::now() < deadline, "timed out waiting");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
