//! The Gradio-compatible API over real sockets: the shapes `gradio_client` reads (config, info,
//! upload, queue join and data, the REST pair) and the refusals (file= traversal, other
//! sessions' tokens, forged file inputs, cross-origin requests, bad bodies).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::Running;
use ferry_ui::prelude::*;
use futures_util::stream::{self, StreamExt};
use serde_json::{json, Value};

/// An upload that answers the file back as a download, a streaming counter, a typed error,
/// an unlisted endpoint and a private one.
fn app() -> App {
    Blocks::new(|b| {
        let upload = b.add(UploadButton::new("Upload a file"));
        let download = b.add(DownloadButton::new("Download"));
        b.on(upload.upload(), upload, download, |path: PathBuf| path)
            .api_name("echo_file");
        let go = b.add(Button::new("Count"));
        let counter = b.add(Textbox::new("Counter"));
        b.on(go.click(), (), counter, || {
            stream::iter(1..=3u32).then(|n| async move {
                tokio::time::sleep(Duration::from_millis(30)).await;
                n.to_string()
            })
        })
        .api_name("count");
        let name = b.add(Textbox::new("Name").value("world"));
        let greeting = b.add(Textbox::new("Greeting"));
        b.on(go.click(), name, greeting, |name: String| {
            if name.is_empty() {
                Err(ferry_ui::Error::new("A name is needed"))
            } else {
                Ok(format!("Hello {name}"))
            }
        })
        .api_name("greet")
        // Not queued: the same routes all the same.
        .queue(false);
        b.on(go.click(), name, greeting, |name: String| {
            name.to_uppercase()
        })
        .api_name("shout")
        .show_api(false);
        b.on(go.click(), name, greeting, |name: String| name)
            .api_name("secret")
            .api_visibility(ApiVisibility::Private);
    })
}

async fn get_json(running: &Running, path: &str) -> Value {
    let response = running.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

/// The index of the dependency named `name` in the config.
fn fn_index(config: &Value, name: &str) -> u64 {
    config["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["api_name"] == name)
        .unwrap()["id"]
        .as_u64()
        .unwrap()
}

async fn join(running: &Running, body: Value) -> (u16, Value) {
    let response = running
        .client
        .post(format!("{}/gradio_api/queue/join", running.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Reads `queue/data` for `hash` until `close_stream`: every message, in order.
async fn messages(running: &Running, hash: &str) -> Vec<Value> {
    let response = running
        .get(&format!("/gradio_api/queue/data?session_hash={hash}"))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let body = tokio::time::timeout(Duration::from_secs(10), response.text())
        .await
        .expect("the stream ends with close_stream")
        .unwrap();
    body.split("\n\n")
        .filter(|chunk| !chunk.is_empty())
        .map(|chunk| {
            let data = chunk.strip_prefix("data: ").expect("only data lines");
            serde_json::from_str(data).unwrap()
        })
        .collect()
}

/// Uploads `bytes` as `name` and returns the path the API answered.
async fn upload(running: &Running, name: &str, bytes: &'static [u8]) -> String {
    let form = reqwest::multipart::Form::new().part(
        "files",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    let response = running
        .client
        .post(format!("{}/gradio_api/upload", running.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let paths: Vec<String> = response.json().await.unwrap();
    assert_eq!(paths.len(), 1);
    paths[0].clone()
}

fn file_data(path: &str) -> Value {
    json!({"path": path, "meta": {"_type": "gradio.FileData"}})
}

#[tokio::test]
async fn config_says_the_protocol_and_describes_components_and_events() {
    let running = Running::start(app()).await;
    let config = get_json(&running, "/config").await;
    assert_eq!(config["protocol"], "sse_v3");
    assert_eq!(config["api_prefix"], "/gradio_api");
    // Without unload handlers, as Gradio says, no heartbeat is needed.
    assert_eq!(config["connect_heartbeat"], false);
    assert!(config["version"].as_str().unwrap().starts_with('5'));
    let components = config["components"].as_array().unwrap();
    assert_eq!(components[0]["type"], "column");
    assert_eq!(components[0]["skip_api"], true);
    assert_eq!(components[1]["type"], "uploadbutton");
    assert_eq!(components[1]["props"]["label"], "Upload a file");
    assert_eq!(components[1]["api_info"]["title"], "FileData");
    let name = components
        .iter()
        .find(|c| c["props"]["label"] == "Name")
        .unwrap();
    assert_eq!(name["type"], "textbox");
    assert_eq!(name["props"]["value"], "world");
    let echo = &config["dependencies"][fn_index(&config, "echo_file") as usize];
    assert_eq!(echo["inputs"], json!([1]));
    assert_eq!(echo["outputs"], json!([2]));
    assert_eq!(echo["targets"], json!([[1, "upload"]]));
    assert_eq!(echo["api_visibility"], "public");
    let shout = &config["dependencies"][fn_index(&config, "shout") as usize];
    assert_eq!(shout["api_visibility"], "undocumented");
    assert_eq!(
        config["dependencies"][fn_index(&config, "greet") as usize]["queue"],
        false
    );
    let secret = config["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["api_visibility"] == "private")
        .unwrap();
    assert_eq!(secret["api_name"], false);
}

#[tokio::test]
async fn info_lists_public_endpoints_only_with_their_parameters() {
    let running = Running::start(app()).await;
    let info = get_json(&running, "/gradio_api/info?serialize=False").await;
    let named = info["named_endpoints"].as_object().unwrap();
    let mut names: Vec<&String> = named.keys().collect();
    names.sort();
    assert_eq!(names, ["/count", "/echo_file", "/greet"]);
    let greet = &named["/greet"];
    assert_eq!(
        greet["parameters"][0],
        json!({
            "label": "Name",
            "parameter_name": "name",
            "parameter_has_default": true,
            "parameter_default": "world",
            "type": {"type": "string"},
            "python_type": {"type": "str", "description": ""},
            "component": "Textbox",
            "example_input": "world",
        })
    );
    assert_eq!(greet["returns"][0]["label"], "Greeting");
    let echo = &named["/echo_file"];
    assert_eq!(echo["parameters"][0]["python_type"]["type"], "filepath");
    assert_eq!(echo["parameters"][0]["parameter_has_default"], false);
    assert_eq!(echo["returns"][0]["component"], "DownloadButton");
}

#[tokio::test]
async fn an_uploaded_file_goes_in_and_its_download_comes_out_byte_for_byte() {
    let running = Running::start(app()).await;
    let config = get_json(&running, "/config").await;
    let path = upload(&running, "notes.txt", b"exact bytes\n").await;
    let (pool, rest) = path.split_once('/').unwrap();
    assert_eq!(pool.len(), 32);
    assert!(rest.ends_with("/notes.txt"), "{path}");
    let (status, answer) = join(
        &running,
        json!({
            "data": [file_data(&path)],
            "fn_index": fn_index(&config, "echo_file"),
            "session_hash": "upload-test",
        }),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let event = answer["event_id"].as_str().unwrap().to_owned();
    let messages = messages(&running, "upload-test").await;
    let kinds: Vec<&str> = messages
        .iter()
        .map(|m| m["msg"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "estimation",
            "process_starts",
            "process_completed",
            "close_stream"
        ]
    );
    let completed = &messages[2];
    assert_eq!(completed["event_id"], event.as_str());
    assert_eq!(completed["success"], true);
    let file = &completed["output"]["data"][0];
    assert_eq!(file["orig_name"], "notes.txt");
    assert_eq!(file["size"], 12);
    assert_eq!(file["meta"]["_type"], "gradio.FileData");
    let out_path = file["path"].as_str().unwrap();
    assert!(
        !out_path.starts_with('/'),
        "a token, not a server path: {out_path}"
    );
    assert_eq!(
        file["url"],
        format!("{}/gradio_api/file={out_path}", running.base)
    );
    let download = running.get(&format!("/gradio_api/file={out_path}")).await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert_eq!(download.headers()["cache-control"], "private, no-store");
    assert!(download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(download.bytes().await.unwrap().as_ref(), b"exact bytes\n");
}

#[tokio::test]
async fn file_route_refuses_paths_traversal_and_other_sessions_tokens() {
    let running = Running::start(app()).await;
    let config = get_json(&running, "/config").await;
    let path = upload(&running, "a.txt", b"mine").await;
    join(
        &running,
        json!({"data": [file_data(&path)], "fn_index": fn_index(&config, "echo_file"), "session_hash": "a"}),
    )
    .await;
    let mine = messages(&running, "a").await;
    let out = mine[2]["output"]["data"][0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let (session_a, token_and_name) = out.split_once('/').unwrap();
    // Another session's id in front of session a's token.
    join(
        &running,
        json!({"data": ["x"], "fn_index": fn_index(&config, "greet"), "session_hash": "b"}),
    )
    .await;
    messages(&running, "b").await;
    let other = format!("{:032x}", 7u128);
    let a_file = std::env::temp_dir().join("ferry-gradio-test-real.txt");
    std::fs::write(&a_file, "real file").unwrap();
    for bad in [
        "/etc/passwd".to_owned(),
        "etc/passwd".to_owned(),
        "../../../../etc/passwd".to_owned(),
        "..%2f..%2f..%2fetc%2fpasswd".to_owned(),
        "%2e%2e/%2e%2e/etc/passwd".to_owned(),
        a_file.display().to_string(),
        format!("{other}/{token_and_name}"),
        format!("app/{token_and_name}"),
        format!("{session_a}/../{token_and_name}"),
        format!("{session_a}/{}/x", "0".repeat(32)),
        path.clone(),
    ] {
        let response = running.get(&format!("/gradio_api/file={bad}")).await;
        assert_eq!(response.status(), 404, "file={bad}");
        assert_eq!(response.text().await.unwrap(), "not found");
    }
    // The upload itself is only an input: the uploader cannot fetch it through file= either.
    let ok = running.get(&format!("/gradio_api/file={out}")).await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "mine");
}

#[tokio::test]
async fn forged_file_inputs_are_refused_with_400() {
    let running = Running::start(app()).await;
    let config = get_json(&running, "/config").await;
    let echo = fn_index(&config, "echo_file");
    let a_file = std::env::temp_dir().join("ferry-gradio-test-forged.txt");
    std::fs::write(&a_file, "do not read").unwrap();
    let token = format!("{:032x}", 9u128);
    for forged in [
        file_data("/etc/passwd"),
        file_data(&a_file.display().to_string()),
        file_data(&format!("app/{token}/x.txt")),
        file_data("https://example.invalid/x.txt"),
        json!("/etc/passwd"),
    ] {
        let (status, body) = join(
            &running,
            json!({"data": [forged], "fn_index": echo, "session_hash": "forger"}),
        )
        .await;
        assert_eq!(status, 400, "{forged}");
        assert!(
            body["error"].as_str().unwrap().starts_with("bad input 0:"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_stream_sends_every_item_then_completes_and_errors_keep_their_message() {
    let running = Running::start(app()).await;
    let config = get_json(&running, "/config").await;
    join(
        &running,
        json!({"data": [], "fn_index": fn_index(&config, "count"), "session_hash": "s"}),
    )
    .await;
    let streamed = messages(&running, "s").await;
    let generating: Vec<&Value> = streamed
        .iter()
        .filter(|m| m["msg"] == "process_generating")
        .collect();
    assert_eq!(generating.len(), 3, "{streamed:?}");
    assert_eq!(generating[0]["output"]["data"], json!(["1"]));
    // After the first, diffs (protocol sse_v3).
    assert_eq!(
        generating[1]["output"]["data"],
        json!([[["replace", [], "2"]]])
    );
    assert_eq!(
        generating[2]["output"]["data"],
        json!([[["replace", [], "3"]]])
    );
    let done = streamed
        .iter()
        .find(|m| m["msg"] == "process_completed")
        .unwrap();
    assert_eq!(done["output"]["data"], json!(["3"]));

    join(
        &running,
        json!({"data": [""], "fn_index": fn_index(&config, "greet"), "session_hash": "e"}),
    )
    .await;
    let errors = messages(&running, "e").await;
    let failed = errors
        .iter()
        .find(|m| m["msg"] == "process_completed")
        .unwrap();
    assert_eq!(failed["success"], false);
    assert_eq!(
        failed["output"],
        json!({"error": "A name is needed", "title": "Error"})
    );
}

#[tokio::test]
async fn hidden_endpoints_are_callable_and_private_ones_are_not() {
    let running = Running::start(app()).await;
    let config = get_json(&running, "/config").await;
    join(
        &running,
        json!({"data": ["ada"], "fn_index": fn_index(&config, "shout"), "session_hash": "h"}),
    )
    .await;
    let messages = messages(&running, "h").await;
    let done = messages
        .iter()
        .find(|m| m["msg"] == "process_completed")
        .unwrap();
    assert_eq!(done["output"]["data"], json!(["ADA"]));
    let private = config["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["api_visibility"] == "private")
        .unwrap()["id"]
        .clone();
    let (status, body) = join(
        &running,
        json!({"data": ["x"], "fn_index": private, "session_hash": "h"}),
    )
    .await;
    assert_eq!(status, 404, "{body}");
    let (status, _) = join(
        &running,
        json!({"data": [], "fn_index": 999, "session_hash": "h"}),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_rest_pair_answers_named_events() {
    let running = Running::start(app()).await;
    let response = running
        .client
        .post(format!("{}/gradio_api/call/greet", running.base))
        .json(&json!({"data": ["Bob"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let event: Value = response.json().await.unwrap();
    let id = event["event_id"].as_str().unwrap();
    let body = running
        .get(&format!("/gradio_api/call/greet/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(body, "event: complete\ndata: [\"Hello Bob\"]\n\n");
    // Read once.
    let again = running.get(&format!("/gradio_api/call/greet/{id}")).await;
    assert_eq!(again.status(), 404);

    assert_eq!(
        call(&running, "count", json!([])).await,
        "event: generating\ndata: [\"1\"]\n\nevent: generating\ndata: [\"2\"]\n\n\
         event: generating\ndata: [\"3\"]\n\nevent: complete\ndata: [\"3\"]\n\n"
    );
    assert_eq!(
        call(&running, "greet", json!([""])).await,
        "event: error\ndata: \"A name is needed\"\n\n"
    );

    let unknown = running
        .client
        .post(format!("{}/gradio_api/call/secret", running.base))
        .json(&json!({"data": ["x"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn refusals_are_precise() {
    let running = Running::start(app()).await;
    let post = |path: &str| running.client.post(format!("{}{path}", running.base));
    // Another site's page.
    let response = post("/gradio_api/queue/join")
        .header("origin", "http://evil.example")
        .json(&json!({"data": [], "fn_index": 0, "session_hash": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = post("/gradio_api/upload")
        .header("origin", "http://evil.example")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // Not JSON, malformed JSON, a bad session hash.
    let response = post("/gradio_api/queue/join")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    let response = post("/gradio_api/queue/join")
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let (status, body) = join(
        &running,
        json!({"data": [], "fn_index": 0, "session_hash": "no/slashes"}),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    // A stream of a session that never joined, a cancel of nothing.
    let response = running
        .get("/gradio_api/queue/data?session_hash=never")
        .await;
    assert_eq!(response.status(), 404);
    let response = post("/gradio_api/cancel")
        .json(&json!({"event_id": "nothing", "session_hash": "never"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    // Not multipart.
    let response = post("/gradio_api/upload").body("x").send().await.unwrap();
    assert_eq!(response.status(), 400);
    let response = running.get("/gradio_api/nothing-here").await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn cancel_stops_a_running_event() {
    let running = Running::start(Blocks::new(|b| {
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        b.on(go.click(), (), out, || {
            stream::unfold(0u32, |n| async move {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Some((n.to_string(), n + 1))
            })
        })
        .api_name("forever");
    }))
    .await;
    let (_, answer) = join(
        &running,
        json!({"data": [], "fn_index": 0, "session_hash": "c"}),
    )
    .await;
    let id = answer["event_id"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let cancel = |id: String| {
        running
            .client
            .post(format!("{}/gradio_api/cancel", running.base))
            .json(&json!({"event_id": id, "session_hash": "c", "fn_index": 0}))
            .send()
    };
    assert_eq!(cancel(id.clone()).await.unwrap().status(), 200);
    let messages = messages(&running, "c").await;
    let last = &messages[messages.len() - 2];
    assert_eq!(last["msg"], "process_completed");
    assert_eq!(last["success"], false);
    assert_eq!(messages.last().unwrap()["msg"], "close_stream");
    // It is no longer pending.
    assert_eq!(cancel(id).await.unwrap().status(), 404);
}

/// A one-endpoint app with these limits.
fn limited(limits: ferry_ui::Limits) -> App {
    Blocks::new(move |b| {
        b.limits(limits.clone());
        let name = b.add(Textbox::new("Name"));
        let out = b.add(Textbox::new("Out"));
        b.on(name.submit(), name, out, |name: String| {
            format!("hi {name}")
        })
        .api_name("hi");
    })
}

#[tokio::test]
async fn an_app_with_an_unload_handler_asks_for_a_heartbeat_which_beats_at_once() {
    let running = Running::start(Blocks::new(|b| {
        b.unload(|| ());
    }))
    .await;
    let config = get_json(&running, "/config").await;
    assert_eq!(config["connect_heartbeat"], true);
    let mut beat = running.get("/gradio_api/heartbeat/some-hash").await;
    assert_eq!(beat.status(), 200);
    assert_eq!(beat.headers()["content-type"], "text/event-stream");
    let first = tokio::time::timeout(Duration::from_secs(2), beat.chunk())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(first.as_ref(), b"data: {\"msg\":\"heartbeat\"}\n\n");
}

#[tokio::test]
async fn a_session_hash_whose_session_ended_gets_a_new_one() {
    let running = Running::start(limited(ferry_ui::Limits {
        session_idle: Duration::from_millis(300),
        ..ferry_ui::Limits::default()
    }))
    .await;
    let hi = json!({"data": ["a"], "fn_index": 0, "session_hash": "again"});
    assert_eq!(join(&running, hi.clone()).await.0, 200);
    messages(&running, "again").await;
    // Idle past the limit: the reaper ends the session.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (status, body) = join(&running, hi).await;
    assert_eq!(status, 200, "{body}");
    let done = messages(&running, "again").await;
    assert_eq!(done[done.len() - 2]["output"]["data"], json!(["hi a"]));
}

#[tokio::test]
async fn api_sessions_count_against_the_session_start_limit() {
    let running = Running::start(limited(ferry_ui::Limits {
        session_starts_per_minute: 2,
        ..ferry_ui::Limits::default()
    }))
    .await;
    for hash in ["one", "two"] {
        let (status, _) = join(
            &running,
            json!({"data": ["a"], "fn_index": 0, "session_hash": hash}),
        )
        .await;
        assert_eq!(status, 200);
    }
    // The same hash again is the same session: no new start.
    let (status, _) = join(
        &running,
        json!({"data": ["b"], "fn_index": 0, "session_hash": "one"}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = join(
        &running,
        json!({"data": ["a"], "fn_index": 0, "session_hash": "three"}),
    )
    .await;
    assert_eq!(status, 429);
    assert!(body["error"]
        .as_str()
        .unwrap()
        .starts_with("too many new sessions from this address (at most 2 a minute)"));
}

/// Runs a shell snippet in `folder` and returns what it printed.
async fn run_bash(snippet: String, folder: PathBuf) -> String {
    tokio::task::spawn_blocking(move || {
        let output = std::process::Command::new("bash")
            .arg("-c")
            .arg(&snippet)
            .current_dir(folder)
            .output()
            .unwrap();
        assert!(output.status.success(), "{snippet}\n{output:?}");
        String::from_utf8(output.stdout).unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_curl_snippets_run_as_shown_give_the_documented_answer() {
    let running = Running::start(app()).await;
    let info = get_json(&running, "/gradio_api/info").await;
    let snippet = |name: &str| {
        info["named_endpoints"][name]["code_snippets"]["bash"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let greet = snippet("/greet");
    assert!(
        greet.contains(&format!("{}/gradio_api/call/greet", running.base)),
        "{greet}"
    );
    let folder = std::env::temp_dir().join(format!("ferry-snippets-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    assert_eq!(
        run_bash(greet, folder.clone()).await,
        "event: complete\ndata: [\"Hello world\"]\n\n"
    );
    // A file parameter: the snippet uploads file.txt first.
    std::fs::write(folder.join("file.txt"), "from the snippet\n").unwrap();
    let out = run_bash(snippet("/echo_file"), folder.clone()).await;
    let data = out
        .strip_prefix("event: complete\ndata: ")
        .unwrap_or_else(|| panic!("{out}"));
    let files: Value = serde_json::from_str(data.trim()).unwrap();
    assert_eq!(files[0]["orig_name"], "file.txt");
    let download = running
        .get(&format!(
            "/gradio_api/file={}",
            files[0]["path"].as_str().unwrap()
        ))
        .await;
    assert_eq!(download.text().await.unwrap(), "from the snippet\n");
    // The other languages name the endpoint and its parameters.
    let python = info["named_endpoints"]["/greet"]["code_snippets"]["python"]
        .as_str()
        .unwrap();
    assert_eq!(
        python,
        format!(
            "from gradio_client import Client\n\nclient = Client(\"{}/\")\nresult = client.predict(\n    name=\"world\",\n    api_name=\"/greet\",\n)\nprint(result)\n",
            running.base
        )
    );
    let js = info["named_endpoints"]["/echo_file"]["code_snippets"]["javascript"]
        .as_str()
        .unwrap();
    assert!(js.contains("await client.predict(\"/echo_file\", [\n  handle_file(new File([await readFile(\"file.txt\")], \"file.txt\")),\n]);"), "{js}");
    std::fs::remove_dir_all(folder).unwrap();
}

#[tokio::test]
async fn markdown_button_and_timer_values_cross_the_api() {
    let running = Running::start(Blocks::new(|b| {
        let notes = b.add(Markdown::new("# Notes"));
        let go = b.add(Button::new("Go"));
        let timer = b.add(Timer::new(2.5));
        let out = b.add(Textbox::new("Out"));
        b.on(
            go.click(),
            (go, timer),
            (notes, out),
            |label: String, every: f64| (format!("**{label}** every {every} s"), label),
        )
        .api_name("describe");
    }))
    .await;
    let config = get_json(&running, "/config").await;
    let notes = &config["components"][1];
    assert_eq!(notes["type"], "markdown");
    // The API gives Markdown's source; the page gets only its HTML.
    assert_eq!(notes["props"]["value"], "# Notes");
    let page = running.session().await;
    assert!(page["root"]["children"][0]["props"].get("value").is_none());
    assert_eq!(config["components"][3]["type"], "timer");
    assert_eq!(config["components"][3]["props"]["value"], 2.5);
    let (status, _) = join(
        &running,
        json!({"data": ["ignored", 9], "fn_index": 0, "session_hash": "v"}),
    )
    .await;
    assert_eq!(status, 200);
    let done = messages(&running, "v").await;
    // A button's and a timer's input are the values the server holds, whatever the client sent.
    assert_eq!(
        done[done.len() - 2]["output"]["data"],
        json!(["**Go** every 2.5 s", "Go"])
    );
}

#[tokio::test]
async fn under_a_prefix_the_config_root_and_file_urls_carry_it() {
    let site = axum::Router::new().nest_service("/ui", app().into_router());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, site).await });
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let config: Value = client
        .get(format!("{base}/ui/config"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(config["root"], format!("{base}/ui"));
    let info: Value = client
        .get(format!("{base}/ui/gradio_api/info"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let python = info["named_endpoints"]["/greet"]["code_snippets"]["python"]
        .as_str()
        .unwrap();
    assert!(
        python.contains(&format!("Client(\"{base}/ui/\")")),
        "{python}"
    );
}

#[tokio::test]
async fn a_run_waiting_for_its_concurrency_slot_is_told_its_place_then_starts() {
    let running = Running::start(Blocks::new(|b| {
        let go = b.add(Button::new("Go"));
        let out = b.add(Textbox::new("Out"));
        b.on(go.click(), (), out, || async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            "done".to_owned()
        })
        .api_name("slow")
        .concurrency_limit(1);
    }))
    .await;
    let slow = |hash: &str| json!({"data": [], "fn_index": 0, "session_hash": hash});
    let joined = std::time::Instant::now();
    assert_eq!(join(&running, slow("first")).await.0, 200);
    assert_eq!(join(&running, slow("second")).await.0, 200);
    // The first is told it started as soon as it has its slot, long before it ends.
    let mut stream = running
        .get("/gradio_api/queue/data?session_hash=first")
        .await;
    let mut seen = String::new();
    while !seen.contains("process_starts") {
        let chunk = stream.chunk().await.unwrap().unwrap();
        seen.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert!(!seen.contains("process_completed"), "{seen}");
    assert!(
        joined.elapsed() < Duration::from_millis(250),
        "{:?}",
        joined.elapsed()
    );
    drop(stream);
    let (first, second) = tokio::join!(messages(&running, "first"), messages(&running, "second"));
    let kinds = |m: &[Value]| -> Vec<String> {
        m.iter()
            .map(|m| m["msg"].as_str().unwrap().to_owned())
            .collect()
    };
    // What the first stream had not read yet.
    assert_eq!(kinds(&first), ["process_completed", "close_stream"]);
    // The second waited: it heard its place in the queue, then started.
    let second_kinds = kinds(&second);
    let starts = second_kinds
        .iter()
        .position(|k| k == "process_starts")
        .unwrap();
    let waiting = &second[starts - 1];
    assert_eq!(waiting["msg"], "estimation");
    assert_eq!(waiting["rank"], 0);
    assert_eq!(waiting["queue_size"], 1);
    assert_eq!(second[starts + 1]["output"]["data"], json!(["done"]));
}

/// The REST pair's answer for `api_name` called with `data`.
async fn call(running: &Running, api_name: &str, data: Value) -> String {
    running.gradio_call(api_name, data).await
}

#[tokio::test]
async fn form_widget_values_cross_the_api_and_their_rules_hold() {
    let app = Blocks::new(|b| {
        b.show_error(true);
        let n = b.add(Number::new("Count").minimum(0.0).maximum(10.0));
        let on = b.add(Checkbox::new("On"));
        let level = b.add(Slider::new("Level", 0.0, 1.0).step(0.5));
        let pick = b.add(Dropdown::new("Pick", ["red", "blue"]));
        let out = b.add(Textbox::new("Out"));
        let go = b.add(Button::new("Go"));
        b.on(
            go.click(),
            (n, on, level, pick),
            out,
            |n: f64, on: bool, level: f64, pick: String| format!("{n} {on} {level} {pick}"),
        )
        .api_name("echo");
    });
    let running = Running::start(app).await;
    let info = get_json(&running, "/gradio_api/info").await;
    let types: Vec<&Value> = info["named_endpoints"]["/echo"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["python_type"]["type"])
        .collect();
    assert_eq!(types, ["float", "bool", "float", "Literal['red', 'blue']"]);
    assert_eq!(
        info["named_endpoints"]["/echo"]["parameters"][3]["type"],
        json!({"type": "string", "enum": ["red", "blue"]})
    );
    let body = call(&running, "echo", json!([3, true, 0.5, "blue"])).await;
    assert_eq!(body, "event: complete\ndata: [\"3 true 0.5 blue\"]\n\n");
    let body = call(&running, "echo", json!([3, true, 0.5, "green"])).await;
    assert!(
        body.starts_with("400 "),
        "a value that is no choice: {body}"
    );
    let body = call(&running, "echo", json!([11, true, 0.5, "red"])).await;
    assert!(
        body.starts_with("400 "),
        "a number past its maximum: {body}"
    );
    assert!(
        body.contains("“Count”: 11 is above the maximum 10"),
        "{body}"
    );
    let body = call(&running, "echo", json!([3, true, 0.25, "red"])).await;
    assert!(
        body.starts_with("400 "),
        "a level off the slider's step: {body}"
    );
}

#[tokio::test]
async fn an_upload_pool_unused_past_the_idle_limit_is_removed_by_the_reaper_without_another_upload()
{
    let app = Blocks::new(|b| {
        b.limits(ferry_ui::Limits {
            session_idle: Duration::from_millis(300),
            ..ferry_ui::Limits::default()
        });
        let upload = b.add(UploadButton::new("Upload a file"));
        let download = b.add(DownloadButton::new("Download"));
        b.on(upload.upload(), upload, download, |path: PathBuf| path)
            .api_name("echo_file");
    });
    let running = Running::start(app).await;
    let config = get_json(&running, "/config").await;
    // A session starts the reaper, as a page's first session does.
    running.session().await;
    let path = upload(&running, "notes.txt", b"exact bytes\n").await;
    // Idle past the limit, and no other upload comes: the reaper's round removes the pool.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (status, answer) = join(
        &running,
        json!({
            "data": [file_data(&path)],
            "fn_index": fn_index(&config, "echo_file"),
            "session_hash": "late",
        }),
    )
    .await;
    let messages = if status == 200 {
        messages(&running, "late").await
    } else {
        Vec::new()
    };
    let echoed = messages
        .iter()
        .any(|m| m["msg"] == "process_completed" && m["success"] == true);
    assert!(
        !echoed,
        "the pool's file is gone: {status} {answer} {messages:?}"
    );
}
