//! Cross-site requests and DNS rebinding (Gradio CVE-2024-1727, CVE-2024-47084, CVE-2024-47165;
//! Jupyter's Host allow-list): an app on 127.0.0.1 refuses, with 403 and a message, every
//! state-changing request and stream opening whose `Origin` is not its own or an allowed one,
//! API bodies that are not JSON (415), and requests whose `Host` is not a loopback name or an
//! allowed host; it never sends a CORS header. Nothing refused runs a handler, starts a session
//! or stores a file.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::{by_elem_id, Running};
use ferry_ui::prelude::*;
use reqwest::multipart::{Form, Part};
use reqwest::Response;
use serde_json::{json, Value};

/// A page with a button whose handler counts its runs, and an upload button.
fn app(runs: Arc<AtomicUsize>) -> App {
    Blocks::new(move |b| {
        let go = b.add(Button::new("Go").elem_id("go"));
        let out = b.add(Textbox::new("Out").elem_id("out"));
        b.add(UploadButton::new("Upload").elem_id("upload"));
        b.on(go.click(), (), out, move || {
            runs.fetch_add(1, Ordering::SeqCst);
            "ran"
        });
    })
}

/// The app on 127.0.0.1, with a handle on the same app (for its session and file counts) and
/// its run counter.
struct Target {
    server: Running,
    app: App,
    runs: Arc<AtomicUsize>,
    page: Value,
}

impl Target {
    async fn start() -> Target {
        Target::start_with(|app| app).await
    }

    async fn start_with(configure: impl FnOnce(App) -> App) -> Target {
        let runs = Arc::new(AtomicUsize::new(0));
        let app = configure(app(Arc::clone(&runs)));
        let server = Running::start(app.clone()).await;
        let page = server.session().await;
        Target {
            server,
            app,
            runs,
            page,
        }
    }

    fn port(&self) -> u16 {
        self.server
            .base
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }

    /// `http://127.0.0.1:PORT`.
    fn own_origin(&self) -> String {
        self.server.base.clone()
    }

    fn session_id(&self) -> &str {
        self.page["session"].as_str().unwrap()
    }

    fn id_of(&self, elem_id: &str) -> u64 {
        by_elem_id(&self.page["root"], elem_id).unwrap()["id"]
            .as_u64()
            .unwrap()
    }

    /// The JSON of a run of the button's click in this session.
    fn run_body(&self) -> Value {
        json!({ "session": self.session_id(), "dependency": 0, "trigger": [self.id_of("go"), "click"], "data": [] })
    }

    /// `POST path` with a JSON body and `headers`.
    async fn post_json(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Response {
        let mut request = self
            .server
            .client
            .post(format!("{}/{path}", self.server.base))
            .json(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }

    /// A multipart upload of one small HTML file to the upload button, with `headers`.
    async fn upload(&self, headers: &[(&str, &str)]) -> Response {
        let form = Form::new().part(
            "files",
            Part::bytes(b"<script>alert(1)</script>".to_vec()).file_name("evil.html"),
        );
        let url = format!(
            "{}/api/upload/{}/{}",
            self.server.base,
            self.session_id(),
            self.id_of("upload")
        );
        let mut request = self.server.client.post(url).multipart(form);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }

    /// `GET path` with `headers`.
    async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = self
            .server
            .client
            .get(format!("{}/{path}", self.server.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }
}

/// The status, `Content-Type` and text of an answer.
async fn answer(response: Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().await.unwrap())
}

const TEXT: &str = "text/plain; charset=utf-8";

/// The 403 message for an origin that parses.
fn refused(origin: &str, own: &str) -> String {
    format!(
        "cross-origin request refused: the Origin {origin} is not this app's ({own}) nor an \
         allowed origin (App::allowed_origins, FERRY_ALLOWED_ORIGINS)"
    )
}

/// The 403 message for an `Origin` that is not an origin at all.
fn refused_unparsed(origin: &str, own: &str) -> String {
    format!(
        "cross-origin request refused: the Origin {origin:?} is not this app's ({own}) nor an \
         allowed origin (App::allowed_origins, FERRY_ALLOWED_ORIGINS)"
    )
}

#[tokio::test]
async fn null_look_alike_other_port_and_other_scheme_origins_are_refused_on_every_state_changing_route(
) {
    let target = Target::start().await;
    let own = target.own_origin();
    let port = target.port();
    let other_port = if port == 65535 { port - 1 } else { port + 1 };
    let cases = [
        ("null".to_owned(), refused_unparsed("null", &own)),
        (
            "http://127.0.0.1.evil.test".to_owned(),
            refused("http://127.0.0.1.evil.test", &own),
        ),
        (
            format!("http://127.0.0.1:{port}.evil.test"),
            refused_unparsed(&format!("http://127.0.0.1:{port}.evil.test"), &own),
        ),
        (
            format!("http://127.0.0.1:{other_port}"),
            refused(&format!("http://127.0.0.1:{other_port}"), &own),
        ),
        (
            format!("https://127.0.0.1:{port}"),
            refused(&format!("https://127.0.0.1:{port}"), &own),
        ),
        (
            format!("http://localhost:{port}"),
            refused(&format!("http://localhost:{port}"), &own),
        ),
        (
            "http://evil.test".to_owned(),
            refused("http://evil.test", &own),
        ),
    ];
    let sessions = target.app.session_count();
    let files = target.app.file_count();
    for (origin, message) in &cases {
        let headers = [("origin", origin.as_str())];
        let session = target.post_json("api/session", &json!({}), &headers).await;
        assert_eq!(
            answer(session).await,
            (403, TEXT.to_owned(), message.clone()),
            "api/session from {origin}"
        );
        let run = target
            .post_json("api/run", &target.run_body(), &headers)
            .await;
        assert_eq!(
            answer(run).await,
            (403, TEXT.to_owned(), message.clone()),
            "api/run from {origin}"
        );
        let upload = target.upload(&headers).await;
        assert_eq!(
            answer(upload).await,
            (403, TEXT.to_owned(), message.clone()),
            "api/upload from {origin}"
        );
        let stream = target
            .get(&format!("api/stream/{}", target.session_id()), &headers)
            .await;
        assert_eq!(
            answer(stream).await,
            (403, TEXT.to_owned(), message.clone()),
            "api/stream from {origin}"
        );
    }
    assert_eq!(target.runs.load(Ordering::SeqCst), 0, "no handler ran");
    assert_eq!(target.app.session_count(), sessions, "no session started");
    assert_eq!(target.app.file_count(), files, "no file stored");
}

#[tokio::test]
async fn a_no_cors_multipart_upload_from_another_site_stores_nothing() {
    let target = Target::start().await;
    // What Chromium sends for `fetch(url, {method: "POST", mode: "no-cors", body: formData})`
    // from a page on http://evil.test:8000.
    let headers = [
        ("origin", "http://evil.test:8000"),
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-mode", "no-cors"),
        ("sec-fetch-dest", "empty"),
    ];
    let files = target.app.file_count();
    let (status, content_type, text) = answer(target.upload(&headers).await).await;
    assert_eq!(
        (status, content_type.as_str(), text.as_str()),
        (
            403,
            TEXT,
            refused("http://evil.test:8000", &target.own_origin()).as_str()
        )
    );
    assert_eq!(target.app.file_count(), files);
    // The same upload from the app's own page is stored.
    let own = target.own_origin();
    let (status, _, text) = answer(
        target
            .upload(&[("origin", own.as_str()), ("sec-fetch-site", "same-origin")])
            .await,
    )
    .await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(target.app.file_count(), files + 1);
}

#[tokio::test]
async fn a_stream_opened_from_another_origin_is_refused() {
    let target = Target::start().await;
    let path = format!("api/stream/{}", target.session_id());
    // An `EventSource` on another origin sends its Origin.
    let (status, _, text) =
        answer(target.get(&path, &[("origin", "http://evil.test")]).await).await;
    assert_eq!(
        (status, text),
        (403, refused("http://evil.test", &target.own_origin()))
    );
    // A `no-cors` GET (an `<img>`, a `<script>`) sends no Origin but says where it comes from.
    for site in ["cross-site", "same-site"] {
        let (status, content_type, text) =
            answer(target.get(&path, &[("sec-fetch-site", site)]).await).await;
        assert_eq!(
            (status, content_type.as_str(), text),
            (
                403,
                TEXT,
                format!(
                    "cross-origin request refused: the request has no Origin header and its \
                     Sec-Fetch-Site is \"{site}\""
                )
            )
        );
    }
    // The page's own `EventSource` sends no Origin and `Sec-Fetch-Site: same-origin`.
    let own = target
        .get(&path, &[("sec-fetch-site", "same-origin")])
        .await;
    assert_eq!(own.status(), 200);
    assert_eq!(own.headers()["content-type"], "text/event-stream");
}

#[tokio::test]
async fn text_plain_bodies_to_api_run_and_api_session_are_415() {
    let target = Target::start().await;
    let own = target.own_origin();
    let sessions = target.app.session_count();
    for (path, body) in [
        ("api/run", target.run_body().to_string()),
        ("api/session", "{}".to_owned()),
    ] {
        // What a cross-site form or a `no-cors` fetch can send: text/plain, even on the same origin.
        for content_type in [
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
        ] {
            let response = target
                .server
                .client
                .post(format!("{}/{path}", target.server.base))
                .header("origin", own.as_str())
                .header("content-type", content_type)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(
                answer(response).await,
                (
                    415,
                    TEXT.to_owned(),
                    format!(
                        "this route takes a JSON body with Content-Type: application/json \
                         (this request's is \"{content_type}\")"
                    )
                ),
                "{path}"
            );
        }
        let response = target
            .server
            .client
            .post(format!("{}/{path}", target.server.base))
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            answer(response).await,
            (
                415,
                TEXT.to_owned(),
                "this route takes a JSON body with Content-Type: application/json (this \
                 request has none)"
                    .to_owned()
            ),
            "{path} without a type"
        );
    }
    assert_eq!(target.runs.load(Ordering::SeqCst), 0);
    assert_eq!(target.app.session_count(), sessions);
    // `application/json; charset=utf-8` is JSON.
    let response = target
        .server
        .client
        .post(format!("{}/api/run", target.server.base))
        .header("content-type", "application/json; charset=utf-8")
        .body(target.run_body().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(target.runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_rebinding_host_is_refused_on_every_route() {
    let target = Target::start().await;
    let port = target.port();
    let sessions = target.app.session_count();
    for host in [
        format!("evil.test:{port}"),
        "evil.test".to_owned(),
        format!("127.0.0.1.evil.test:{port}"),
    ] {
        let message = format!(
            "this server does not answer to the host name {host} (a defence against DNS \
             rebinding): allow it with App::allowed_hosts or FERRY_ALLOWED_HOSTS"
        );
        let host_header = [("host", host.as_str())];
        for response in [
            target.get("", &host_header).await,
            target.get("favicon.svg", &host_header).await,
            target.get("nowhere", &host_header).await,
            target
                .post_json(
                    "api/session",
                    &json!({}),
                    &[
                        ("host", host.as_str()),
                        ("origin", &format!("http://{host}")),
                    ],
                )
                .await,
        ] {
            assert_eq!(
                answer(response).await,
                (403, TEXT.to_owned(), message.clone()),
                "{host}"
            );
        }
    }
    // Names that are not host names at all, and `localhost.` (which goes through DNS).
    for host in ["evil test".to_owned(), format!("localhost.:{port}")] {
        let (status, _, text) = answer(target.get("", &[("host", host.as_str())]).await).await;
        assert_eq!(
            (status, text),
            (
                403,
                format!(
                    "this server does not answer to the host {host:?} (a defence against DNS \
                     rebinding): allow it with App::allowed_hosts or FERRY_ALLOWED_HOSTS"
                )
            )
        );
    }
    assert_eq!(target.app.session_count(), sessions);
}

#[tokio::test]
async fn loopback_names_with_or_without_a_port_are_answered() {
    let target = Target::start().await;
    let port = target.port();
    for host in [
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_owned(),
        format!("localhost:{port}"),
        "LOCALHOST".to_owned(),
        format!("[::1]:{port}"),
        // A proxy on another port that keeps the Host it was reached by.
        "localhost:8080".to_owned(),
    ] {
        let response = target.get("", &[("host", host.as_str())]).await;
        assert_eq!(response.status(), 200, "{host}");
    }
}

#[tokio::test]
async fn the_same_origin_starts_sessions_runs_events_uploads_and_opens_its_stream() {
    let target = Target::start().await;
    let own = target.own_origin();
    let headers = [("origin", own.as_str()), ("sec-fetch-site", "same-origin")];
    let sessions = target.app.session_count();
    let response = target.post_json("api/session", &json!({}), &headers).await;
    assert_eq!(response.status(), 200);
    assert_eq!(target.app.session_count(), sessions + 1);
    let response = target
        .post_json("api/run", &target.run_body(), &headers)
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(target.runs.load(Ordering::SeqCst), 1);
    let files = target.app.file_count();
    let response = target.upload(&headers).await;
    assert_eq!(response.status(), 200);
    assert_eq!(target.app.file_count(), files + 1);
    let response = target
        .get(&format!("api/stream/{}", target.session_id()), &headers)
        .await;
    assert_eq!(response.status(), 200);
    // The app reached as localhost: its own origin is then http://localhost:PORT.
    let host = format!("localhost:{}", target.port());
    let response = target
        .post_json(
            "api/run",
            &target.run_body(),
            &[
                ("host", host.as_str()),
                ("origin", &format!("http://{host}")),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(target.runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn clients_without_origin_such_as_curl_are_served() {
    let target = Target::start().await;
    let response = target.post_json("api/session", &json!({}), &[]).await;
    assert_eq!(response.status(), 200);
    let response = target.post_json("api/run", &target.run_body(), &[]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(target.runs.load(Ordering::SeqCst), 1);
    assert_eq!(target.upload(&[]).await.status(), 200);
}

#[tokio::test]
async fn an_origin_allowed_with_the_setter_is_served_and_others_still_refused() {
    let target = Target::start_with(|app| {
        app.allowed_origins(["https://portal.example", "http://tools.test:9000/"])
    })
    .await;
    for origin in [
        "https://portal.example",
        "https://portal.example:443",
        "http://tools.test:9000",
    ] {
        let headers = [("origin", origin), ("sec-fetch-site", "cross-site")];
        let response = target
            .post_json("api/run", &target.run_body(), &headers)
            .await;
        assert_eq!(response.status(), 200, "{origin}");
        assert_eq!(target.upload(&headers).await.status(), 200, "{origin}");
    }
    assert_eq!(target.runs.load(Ordering::SeqCst), 3);
    for origin in [
        "http://portal.example",
        "https://portal.example:8443",
        "https://sub.portal.example",
        "http://tools.test",
    ] {
        let response = target
            .post_json("api/run", &target.run_body(), &[("origin", origin)])
            .await;
        assert_eq!(response.status(), 403, "{origin}");
    }
    assert_eq!(target.runs.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_host_allowed_with_the_setter_is_served_and_a_proxy_may_say_https() {
    let target = Target::start_with(|app| app.allowed_hosts(["app.test", "other.test:8443"])).await;
    for (host, status) in [
        ("app.test", 200),
        ("app.test:8080", 200),
        ("other.test:8443", 200),
        ("other.test", 403),
        ("other.test:8444", 403),
        ("evil.test", 403),
        ("localhost", 200),
    ] {
        let response = target.get("", &[("host", host)]).await;
        assert_eq!(response.status(), status, "{host}");
    }
    // Behind a TLS proxy that keeps the Host and says X-Forwarded-Proto: https.
    let response = target
        .post_json(
            "api/run",
            &target.run_body(),
            &[
                ("host", "app.test"),
                ("x-forwarded-proto", "https"),
                ("origin", "https://app.test"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    // Without it, the app was reached by http: an https page is another origin.
    let response = target
        .post_json(
            "api/run",
            &target.run_body(),
            &[("host", "app.test"), ("origin", "https://app.test")],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(target.runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn no_cors_header_is_ever_sent() {
    let target = Target::start().await;
    let evil = [("origin", "http://evil.test")];
    let preflight = target
        .server
        .client
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/run", target.server.base),
        )
        .header("origin", "http://evil.test")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    let mut responses = vec![("OPTIONS api/run", preflight)];
    responses.push(("GET /", target.get("", &evil).await));
    responses.push(("GET favicon.svg", target.get("favicon.svg", &evil).await));
    responses.push((
        "POST api/session",
        target.post_json("api/session", &json!({}), &evil).await,
    ));
    let own = target.own_origin();
    responses.push((
        "same-origin POST api/session",
        target
            .post_json("api/session", &json!({}), &[("origin", own.as_str())])
            .await,
    ));
    for (what, response) in responses {
        let cors: Vec<String> = response
            .headers()
            .keys()
            .map(|name| name.as_str().to_owned())
            .filter(|name| name.starts_with("access-control-"))
            .collect();
        assert!(cors.is_empty(), "{what} sent {cors:?}");
    }
}

#[tokio::test]
async fn a_mounted_app_checks_origins_and_answers_any_host_unless_told() {
    let runs = Arc::new(AtomicUsize::new(0));
    let site = axum::Router::new().nest_service("/ui", app(Arc::clone(&runs)).into_router());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, site).await });
    let client = reqwest::Client::builder().no_proxy().build().unwrap();

    // The bind address is the host app's: the names it answers to are its business.
    let page = client
        .get(format!("{base}/ui/"))
        .header("host", "intranet.example")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let refused = client
        .post(format!("{base}/ui/api/session"))
        .header("origin", "http://evil.test")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let own = client
        .post(format!("{base}/ui/api/session"))
        .header("host", "intranet.example")
        .header("origin", "http://intranet.example")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);

    // Told which hosts, it answers only those and the loopback names.
    let strict = axum::Router::new().nest_service(
        "/ui",
        app(runs).allowed_hosts(["intranet.example"]).into_router(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, strict).await });
    for (host, status) in [
        ("intranet.example", 200),
        ("evil.test", 403),
        ("localhost", 200),
    ] {
        let response = client
            .get(format!("{base}/ui/"))
            .header("host", host)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{host}");
    }
}
