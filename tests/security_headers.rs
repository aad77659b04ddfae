//! User content run on the app's origin (Jupyter CVE-2018-21030, NiceGUI CVE-2025-66470) and
//! error bodies of unknown type: the page and every API answer carry the page's
//! Content-Security-Policy, every answer of every route `nosniff` and `Referrer-Policy`, every
//! error body is `text/plain` or JSON, and files (uploaded, made by a handler, declared) are
//! sandboxed attachments; a session's files are never stored by the browser.
#![allow(clippy::unwrap_used)]

mod common;

use base64::Engine;
use common::{by_elem_id, update_for, Running};
use ferry_ui::prelude::*;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// `'sha256-…'` of `text`, as CSP writes hashes.
fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The page's policy, with `style` after `'self'` in `style-src` and these `frame-ancestors`.
fn policy(style: &str, frame_ancestors: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self' {style}; \
         img-src * data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors {frame_ancestors}"
    )
}

/// The policy of every answer but the shell's: only the inline stylesheet's hash.
fn base_policy() -> String {
    policy(&hash(include_str!("../assets/app.css")), "'self'")
}

const SANDBOX: &str = "default-src 'none'; sandbox";

/// A page with a hidden button (its first paint has `style="display:none"`), a declared
/// download, a button whose handler makes a file, and an upload button.
fn app() -> App {
    Blocks::new(|b| {
        b.add(
            Button::new("Hidden")
                .visible(Visibility::Hidden)
                .elem_id("hidden"),
        );
        b.add(
            DownloadButton::new("Declared")
                .value(FileSource::text("<svg onload=alert(1)>").file_name("declared.svg"))
                .elem_id("declared"),
        );
        let make = b.add(Button::new("Make").elem_id("make"));
        let made = b.add(DownloadButton::new("Made").elem_id("made"));
        b.on(make.click(), (), made, || {
            FileSource::text("<script>alert(1)</script>").file_name("made.html")
        });
        b.add(UploadButton::new("Upload").elem_id("upload"));
    })
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

/// The headers every answer carries, with this policy.
fn assert_common(response: &reqwest::Response, csp: &str, what: &str) {
    assert_eq!(
        header(response, "content-security-policy"),
        Some(csp),
        "{what}"
    );
    assert_eq!(
        header(response, "x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        header(response, "referrer-policy"),
        Some("no-referrer"),
        "{what}"
    );
    let cors = response
        .headers()
        .keys()
        .any(|name| name.as_str().starts_with("access-control-"));
    assert!(!cors, "{what}: no CORS header");
}

fn id_of(page: &Value, elem_id: &str) -> u64 {
    by_elem_id(&page["root"], elem_id).unwrap()["id"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn the_shell_carries_the_page_policy_with_its_inline_style_hashes() {
    let server = Running::start(app()).await;
    let response = server.get("/").await;
    assert_eq!(response.status(), 200);
    let style = format!(
        "{} 'unsafe-hashes' {}",
        hash(include_str!("../assets/app.css")),
        hash("display:none")
    );
    assert_common(&response, &policy(&style, "'self'"), "the shell");
    assert_eq!(
        header(&response, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(header(&response, "cache-control"), Some("no-cache"));
    let html = response.text().await.unwrap();
    assert!(html.contains(" style=\"display:none\""), "{html}");
    assert!(
        !html.contains("<script>") && !html.contains("<script type=\"module\">"),
        "no inline script the policy would block"
    );
}

#[tokio::test]
async fn frame_ancestors_are_configurable_for_embedding() {
    let server = Running::start(
        Blocks::new(|b| {
            b.markdown("Embedded");
        })
        .frame_ancestors(["'self'", "https://portal.example"]),
    )
    .await;
    let expected = policy(
        &hash(include_str!("../assets/app.css")),
        "'self' https://portal.example",
    );
    let shell = server.get("/").await;
    assert_common(&shell, &expected, "the shell");
    let session = server.session_response().await;
    assert_common(&session, &expected, "api/session");

    let sealed = Running::start(
        Blocks::new(|b| {
            b.markdown("Never framed");
        })
        .frame_ancestors(Vec::<String>::new()),
    )
    .await;
    let shell = sealed.get("/").await;
    assert_common(
        &shell,
        &policy(&hash(include_str!("../assets/app.css")), "'none'"),
        "the shell",
    );
}

#[tokio::test]
async fn api_answers_and_errors_of_every_route_carry_the_headers_and_a_typed_body() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let session = page["session"].as_str().unwrap();
    let csp = base_policy();
    let client = &server.client;
    let base = &server.base;
    let cases: Vec<(&str, reqwest::RequestBuilder, u16, &str, &str)> = vec![
        (
            "api/session",
            client.post(format!("{base}/api/session")).json(&json!({})),
            200,
            "application/json",
            "",
        ),
        (
            "a run",
            client.post(format!("{base}/api/run")).json(&json!({
                "session": session, "dependency": 0, "trigger": [id_of(&page, "make"), "click"], "data": []
            })),
            200,
            "application/json",
            "",
        ),
        (
            "a run of an unknown session",
            client.post(format!("{base}/api/run")).json(&json!({
                "session": "0".repeat(32), "dependency": 0, "trigger": [id_of(&page, "make"), "click"], "data": []
            })),
            404,
            "application/json",
            "{\"error\":\"this session has expired: reload the page\"}",
        ),
        (
            "a malformed run",
            client
                .post(format!("{base}/api/run"))
                .header("content-type", "application/json")
                .body("{"),
            400,
            "application/json",
            "",
        ),
        (
            "a 404",
            client.get(format!("{base}/nothing/here")),
            404,
            "text/plain; charset=utf-8",
            "not found",
        ),
        (
            "GET api/run (405)",
            client.get(format!("{base}/api/run")),
            405,
            "text/plain; charset=utf-8",
            "method not allowed",
        ),
        (
            "an unknown asset",
            client.get(format!("{base}/assets/app.0.js")),
            404,
            "text/plain; charset=utf-8",
            "no such asset",
        ),
        (
            "an unknown file",
            client.get(format!("{base}/file/{session}/{}/x.txt", "0".repeat(32))),
            404,
            "text/plain; charset=utf-8",
            "not found",
        ),
        (
            "the stream of an unknown session",
            client.get(format!("{base}/api/stream/{}", "0".repeat(32))),
            404,
            "application/json",
            "{\"error\":\"this session has expired: reload the page\"}",
        ),
        (
            "the stream",
            client.get(format!("{base}/api/stream/{session}")),
            200,
            "text/event-stream",
            "",
        ),
        (
            "a cross-origin refusal",
            client
                .post(format!("{base}/api/session"))
                .header("origin", "http://evil.test")
                .json(&json!({})),
            403,
            "text/plain; charset=utf-8",
            "",
        ),
        (
            "a text/plain refusal",
            client
                .post(format!("{base}/api/session"))
                .header("content-type", "text/plain")
                .body("{}"),
            415,
            "text/plain; charset=utf-8",
            "",
        ),
        (
            "a rebinding refusal",
            client
                .get(format!("{base}/"))
                .header("host", "evil.test"),
            403,
            "text/plain; charset=utf-8",
            "",
        ),
        (
            "the favicon",
            client.get(format!("{base}/favicon.ico")),
            200,
            "image/svg+xml",
            "",
        ),
    ];
    for (what, request, status, content_type, body) in cases {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), status, "{what}");
        assert_common(&response, &csp, what);
        assert_eq!(
            header(&response, "content-type"),
            Some(content_type),
            "{what}"
        );
        if what == "the stream" {
            continue;
        }
        let text = response.text().await.unwrap();
        if !body.is_empty() {
            assert_eq!(text, body, "{what}");
        }
    }
}

#[tokio::test]
async fn uploads_and_files_are_sandboxed_attachments_and_session_files_are_never_stored() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let session = page["session"].as_str().unwrap();

    // The upload's answer: JSON with the page's headers.
    let form = Form::new().part(
        "files",
        Part::bytes(b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec())
            .file_name("evil.svg"),
    );
    let response = server
        .client
        .post(format!(
            "{}/api/upload/{session}/{}",
            server.base,
            id_of(&page, "upload")
        ))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_common(&response, &base_policy(), "the upload's answer");
    assert_eq!(header(&response, "content-type"), Some("application/json"));
    let uploaded: Value = response.json().await.unwrap();
    let uploaded = uploaded["files"][0]["url"].as_str().unwrap().to_owned();

    // What the handler made.
    let (status, answer) = server.run(&page, 0, json!([])).await;
    assert_eq!(status, 200, "{answer}");
    let made = update_for(&answer, id_of(&page, "made"))["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let declared = by_elem_id(&page["root"], "declared").unwrap()["props"]["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(declared.starts_with("file/app/"), "{declared}");

    for (url, name, content_type, cache) in [
        (
            &uploaded,
            "evil.svg",
            "image/svg+xml; charset=utf-8",
            "private, no-store",
        ),
        (
            &made,
            "made.html",
            "text/html; charset=utf-8",
            "private, no-store",
        ),
        (
            &declared,
            "declared.svg",
            "image/svg+xml; charset=utf-8",
            "private, max-age=0, must-revalidate",
        ),
    ] {
        let response = server.get(url).await;
        assert_eq!(response.status(), 200, "{url}");
        assert_common(&response, SANDBOX, name);
        assert_eq!(
            header(&response, "content-disposition"),
            Some(format!("attachment; filename=\"{name}\"; filename*=UTF-8''{name}").as_str()),
            "{name}"
        );
        assert_eq!(
            header(&response, "content-type"),
            Some(content_type),
            "{name}"
        );
        assert_eq!(header(&response, "cache-control"), Some(cache), "{name}");
    }
}
