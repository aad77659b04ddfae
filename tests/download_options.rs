//! Streamlit's `st.download_button` parameters in a script app, over HTTP
//! (`examples/st_download_options.rs`, `st_download_text.rs`, `st_download_file.rs`): the
//! default types (text → `text/plain`, bytes → `application/octet-stream`, a path's from its
//! name), a Markdown label, the props the page draws help, width, shortcut and wrap from,
//! `on_click` ignore refused by the server, and a callback that runs before the rerun and
//! sees the session's state.
#![allow(clippy::unwrap_used)]

mod common;

#[path = "../examples/st_download_file.rs"]
#[allow(dead_code)]
mod st_download_file;
#[path = "../examples/st_download_options.rs"]
#[allow(dead_code)]
mod st_download_options;
#[path = "../examples/st_download_text.rs"]
#[allow(dead_code)]
mod st_download_text;

use common::Running;
use serde_json::{json, Value};

/// The page's widgets, layouts flattened.
fn nodes(page: &Value) -> Vec<Value> {
    fn walk(node: &Value, out: &mut Vec<Value>) {
        for child in node["children"].as_array().into_iter().flatten() {
            out.push(child.clone());
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    walk(&page["root"], &mut out);
    out
}

/// The download button with this label.
fn button(page: &Value, label: &str) -> Value {
    nodes(page)
        .into_iter()
        .find(|n| n["type"] == "download_button" && n["props"]["label"] == label)
        .unwrap_or_else(|| panic!("no download button {label:?} in {page}"))
}

/// Downloads a file value's URL: (Content-Type, Content-Disposition, bytes).
async fn fetch(server: &Running, file: &Value) -> (String, String, Vec<u8>) {
    let response = server
        .get(&format!("/{}", file["url"].as_str().unwrap()))
        .await;
    assert_eq!(response.status(), 200);
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
    let (kind, disposition) = (header("content-type"), header("content-disposition"));
    (kind, disposition, response.bytes().await.unwrap().to_vec())
}

/// Clicks the widget `id` of `page`, sending the values the page holds.
async fn click(server: &Running, page: &Value, id: &Value) -> (u16, Value) {
    let values: Vec<Value> = page["dependencies"][0]["inputs"]
        .as_array()
        .map(|inputs| {
            inputs
                .iter()
                .map(|input| {
                    nodes(page)
                        .into_iter()
                        .find(|n| n["id"] == *input)
                        .map(|n| n["props"]["value"].clone())
                        .unwrap_or(Value::Null)
                })
                .collect()
        })
        .unwrap_or_default();
    server
        .run_raw(json!({
            "session": page["session"], "dependency": id, "trigger": [id, "click"], "data": values
        }))
        .await
}

#[tokio::test]
async fn default_types_follow_streamlit_and_a_named_type_wins() {
    let server = Running::start(st_download_options::app()).await;
    let page = server.session().await;
    let notes = button(&page, "**Bold** _notes_ as `text`");
    let (kind, _, bytes) = fetch(&server, &notes["props"]["value"]).await;
    assert_eq!(
        kind, "text/plain; charset=utf-8",
        "text, whatever its name (notes.csv)"
    );
    assert_eq!(bytes, b"notes\n");
    let raw = button(&page, "Raw bytes");
    let (kind, disposition, bytes) = fetch(&server, &raw["props"]["value"]).await;
    assert_eq!(kind, "application/octet-stream");
    assert_eq!(
        disposition,
        "attachment; filename=\"download\"; filename*=UTF-8''download"
    );
    assert_eq!(bytes, [0, 1, 2, 255]);

    let server = Running::start(st_download_file::app()).await;
    let page = server.session().await;
    let image = button(&page, "Download image");
    let (kind, disposition, bytes) = fetch(&server, &image["props"]["value"]).await;
    assert_eq!(kind, "image/png");
    assert_eq!(
        disposition,
        "attachment; filename=\"flower.png\"; filename*=UTF-8''flower.png"
    );
    assert_eq!(bytes, std::fs::read("examples/assets/flower.png").unwrap());
}

#[tokio::test]
async fn the_page_gets_the_label_help_width_shortcut_and_wrap_as_set() {
    let server = Running::start(st_download_options::app()).await;
    let page = server.session().await;
    let notes = button(&page, "**Bold** _notes_ as `text`");
    assert_eq!(
        notes["props"]["label_html"],
        "<strong>Bold</strong> <em>notes</em> as <code>text</code>"
    );
    assert_eq!(notes["props"]["width"], "content", "a script's default");
    assert_eq!(
        button(&page, "With help")["props"]["help"],
        "<p>Saves <strong>help.txt</strong>, a one-line file.</p>\n"
    );
    assert_eq!(
        button(&page, "With a shortcut")["props"]["shortcut"],
        "Ctrl+Shift+S"
    );
    assert_eq!(button(&page, "Stretch")["props"]["width"], "stretch");
    assert_eq!(button(&page, "300 px")["props"]["width"], 300);
    let long = button(
        &page,
        "A label far too long to fit on one line of a narrow button",
    );
    assert_eq!(long["props"]["wrap"], false);
    assert_eq!(button(&page, "Tertiary")["props"]["variant"], "tertiary");
}

#[tokio::test]
async fn a_page_only_button_refuses_clicks_and_a_callback_runs_before_the_rerun() {
    let server = Running::start(st_download_options::app()).await;
    let page = server.session().await;
    let page_only = button(&page, "Page only");
    assert_eq!(page_only["props"]["on_click"], "ignore");
    let (status, body) = click(&server, &page, &page_only["id"]).await;
    assert_eq!(
        (status, body["error"].as_str().unwrap()),
        (
            409,
            "this download_button only acts in the page (on_click ignore): the server takes no click"
        )
    );
    let count = button(&page, "Count my saves");
    let (status, body) = click(&server, &page, &count["id"]).await;
    assert_eq!(status, 200, "{body}");
    let shown = nodes(&body["page"])
        .into_iter()
        .find_map(|n| {
            n["props"]["html"]
                .as_str()
                .map(str::to_owned)
                .filter(|h| h.contains("callback"))
        })
        .unwrap();
    assert_eq!(
        shown, "<p>The callback ran <strong>1</strong> time(s).</p>\n",
        "the rerun sees what the callback did"
    );
    // Another button's click runs no callback.
    let mut next = body["page"].clone();
    next["session"] = page["session"].clone();
    let notes = button(&next, "**Bold** _notes_ as `text`");
    let (status, body) = click(&server, &next, &notes["id"]).await;
    assert_eq!(status, 200, "{body}");
    let texts: Vec<String> = nodes(&body["page"])
        .into_iter()
        .filter_map(|n| n["props"]["html"].as_str().map(str::to_owned))
        .collect();
    assert!(
        texts.contains(&"<p>The callback ran <strong>1</strong> time(s).</p>\n".to_owned()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"<p>The notes were downloaded.</p>\n".to_owned()),
        "{texts:?}"
    );
}

#[tokio::test]
async fn the_text_example_reveals_its_page_only_download_of_the_typed_message() {
    let server = Running::start(st_download_text::app()).await;
    let page = server.session().await;
    assert!(nodes(&page).iter().all(|n| n["type"] != "download_button"));
    let prepare = nodes(&page)
        .into_iter()
        .find(|n| n["props"]["value"] == "Prepare download")
        .unwrap();
    let (status, body) = click(&server, &page, &prepare["id"]).await;
    assert_eq!(status, 200, "{body}");
    let download = button(&body["page"], "Download text");
    assert_eq!(download["props"]["variant"], "primary");
    assert_eq!(download["props"]["on_click"], "ignore");
    let (kind, disposition, bytes) = fetch(&server, &download["props"]["value"]).await;
    assert_eq!(kind, "text/plain; charset=utf-8");
    assert_eq!(
        disposition,
        "attachment; filename=\"message.txt\"; filename*=UTF-8''message.txt"
    );
    assert_eq!(bytes, b"Lorem ipsum.\nStreamlit is cool.");
}
