//! Gradio's `preprocess=False` and `postprocess=False` in Ferry: a `serde_json::Value` argument
//! takes the input as the page sent it, and [`ferry_ui::Raw`] sends props as they are, past the
//! component's own conversion (Markdown's rendering here), still held by the server and still
//! vetted (Markdown sanitises raw html).
#![allow(clippy::unwrap_used)]

mod common;

use common::{update_for, Running};
use ferry_ui::prelude::*;
use ferry_ui::Raw;
use serde_json::{json, Value};

fn app() -> App {
    Blocks::new(|b| {
        b.show_error(true);
        let text = b.add(Textbox::new("Text")); // 1
        let note = b.add(Markdown::new("")); // 2
        let echo = b.add(Textbox::new("Echo")); // 3
        let go = b.add(Button::new("Go")); // 4
                                           // 0: the raw input, shown as JSON text; the typed one, for contrast.
        b.on(
            go.click(),
            (text, text),
            echo,
            |raw: Value, typed: String| format!("raw {raw} typed {typed:?}"),
        );
        // 1: raw props for a Markdown output, not rendered.
        b.on(go.click(), text, note, |text: String| {
            Raw(json!({ "value": text, "label": "unrendered" }))
        });
        // 2: the same text, rendered by the component.
        b.on(go.click(), text, note, |text: String| text);
        // 3: raw props that are not an object.
        b.on(go.click(), (), echo, || Raw(json!([1, 2])));
        // 4: raw props that hide the output: the server holds them.
        b.on(go.click(), (), echo, || {
            Raw(json!({ "interactive": false }))
        });
        // 5: an event triggered by the output's own submit.
        b.on(echo.submit(), (), (), || ());
        // 6: raw html for a Markdown, with a script in it.
        b.on(go.click(), (), note, || {
            Raw(json!({ "html": "<p>hi<script>alert(1)</script><img src=x onerror=alert(1)></p>" }))
        });
    })
}

#[tokio::test]
async fn a_value_argument_takes_the_input_as_the_page_sent_it() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let (status, body) = server.run(&page, 0, json!([null, null])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(update_for(&body, 3)["value"], r#"raw null typed """#);
}

#[tokio::test]
async fn raw_props_reach_the_page_as_they_are_and_the_component_converts_the_rest() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let (_, raw) = server.run(&page, 1, json!(["**bold**"])).await;
    assert_eq!(
        update_for(&raw, 2),
        json!({ "value": "**bold**", "label": "unrendered" })
    );
    let (_, rendered) = server.run(&page, 2, json!(["**bold**"])).await;
    assert_eq!(
        update_for(&rendered, 2)["html"],
        "<p><strong>bold</strong></p>\n"
    );
}

#[tokio::test]
async fn raw_props_that_are_not_an_object_are_an_error_in_the_page() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let (status, body) = server.run(&page, 3, json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["error"]["message"],
        "a Raw output must be a JSON object of props, not a list"
    );
}

#[tokio::test]
async fn raw_props_are_held_by_the_server_like_any_update() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let (status, _) = server.run(&page, 4, json!([])).await;
    assert_eq!(status, 200);
    let (status, body) = server.run(&page, 5, json!([])).await;
    assert_eq!(status, 409, "the Echo box is no longer interactive: {body}");
}

#[tokio::test]
async fn raw_html_for_a_markdown_is_sanitised_as_rendered_html_is() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let (_, body) = server.run(&page, 6, json!([])).await;
    assert_eq!(update_for(&body, 2)["html"], r#"<p>hi<img src="x"></p>"#);
}
