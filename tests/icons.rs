//! Button icons over HTTP: emoji, Material Symbols, spinners and URLs reach the page as props
//! (and its first paint) on the side `icon_position` says, in both styles; a handler moves an
//! icon; an unknown Material name panics at the declaring line in Blocks and shows under its
//! button in a script; a script's image icon is published for its session only; the embedded
//! font is served under its hashed name with a year's cache; a handler's update changes an
//! icon (an image file published for its session), and one that is not an icon is an error.
#![allow(clippy::unwrap_used)]

mod common;

use common::{by_elem_id, update_for, Running};
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};
use serde_json::{json, Value};

fn blocks_app() -> App {
    Blocks::new(|b| {
        b.add(Button::new("Hot").icon("🔥").elem_id("hot"));
        b.add(
            DownloadButton::new("Export")
                .icon(":material/download:")
                .elem_id("export"),
        );
        let like = b.add(
            Button::new("Like")
                .icon(":material/thumb_up:")
                .icon_position(IconPosition::Right)
                .elem_id("like"),
        );
        b.add(
            UploadButton::new("Send")
                .icon(Icon::Spinner)
                .elem_id("send"),
        );
        b.add(
            Button::new("Remote")
                .icon("https://example.com/i.svg")
                .elem_id("remote"),
        );
        b.on(like.click(), (), like, || {
            Button::update().icon_position(IconPosition::Left)
        });
    })
}

#[tokio::test]
async fn every_kind_of_icon_reaches_the_page_with_its_side() {
    let server = Running::start(blocks_app()).await;
    let page = server.session().await;
    let props = |id: &str| by_elem_id(&page["root"], id).unwrap()["props"].clone();
    assert_eq!(props("hot")["icon"], json!({ "emoji": "🔥" }));
    assert_eq!(props("hot")["icon_position"], "left");
    assert_eq!(
        props("export")["icon"],
        json!({ "material": "download", "glyph": "\u{e171}" })
    );
    assert_eq!(
        props("like")["icon"],
        json!({ "material": "thumb_up", "glyph": "\u{e817}" })
    );
    assert_eq!(props("like")["icon_position"], "right");
    assert_eq!(props("send")["icon"], json!({ "spinner": true }));
    assert_eq!(
        props("remote")["icon"],
        json!({ "url": "https://example.com/i.svg" })
    );
    // A handler moves the icon for its session.
    let like = by_elem_id(&page["root"], "like").unwrap()["id"]
        .as_u64()
        .unwrap();
    let (status, body) = server.run(&page, 0, json!([])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(update_for(&body, like)["icon_position"], "left");
}

#[tokio::test]
async fn the_first_paint_draws_the_icons_and_the_font_is_served_with_a_long_cache() {
    let server = Running::start(blocks_app()).await;
    let html = server.get("/").await.text().await.unwrap();
    assert!(
        html.contains(
            "<span class=\"ferry-emoji\" aria-hidden=\"true\">🔥</span><span class=\"ferry-btn-label\">Hot</span>"
        ),
        "{html}"
    );
    assert!(html.contains(
        "<span class=\"ferry-btn-label\">Like</span><span class=\"ferry-symbol\" aria-hidden=\"true\">\u{e817}</span>"
    ));
    assert!(html.contains("<span class=\"ferry-spinner\" aria-hidden=\"true\"></span>"));
    let start = html
        .find("src:url(assets/material-symbols-rounded.")
        .unwrap()
        + "src:url(".len();
    let name = &html[start..start + html[start..].find(')').unwrap()];
    let response = server.get(name).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "font/woff2");
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.get("content-encoding").is_none());
    let body = response.bytes().await.unwrap();
    assert_eq!(
        &body[..],
        include_bytes!("../assets/fonts/material-symbols-rounded.woff2")
    );
    assert!(body.len() < 100 * 1024, "{} bytes", body.len());
    assert_eq!(
        server
            .get("/assets/material-symbols-rounded.000000000000.woff2")
            .await
            .status(),
        404
    );
}

#[test]
fn an_unknown_material_name_panics_at_the_line_that_adds_the_button() {
    let line = line!() + 3;
    let panic = std::panic::catch_unwind(|| {
        Blocks::new(|b| {
            b.add(Button::new("Go").icon(":material/thumbs_up:"));
        })
    })
    .err()
    .unwrap();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(
        message.starts_with(&format!("{}:{line}:", file!())),
        "{message}"
    );
    assert!(
        message.contains("the icon of button “Go”: `:material/thumbs_up:` is not one of the"),
        "{message}"
    );
    assert!(message.ends_with("did you mean `thumb_up`?"), "{message}");
    let panic = std::panic::catch_unwind(|| {
        Blocks::new(|b| {
            b.add(DownloadButton::new("Get").icon("fire"));
        })
    })
    .err()
    .unwrap();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("the icon of download_button “Get”: the icon \"fire\" is not one emoji"),
        "{message}"
    );
}

fn script_app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.add(Button::new("Hot").icon("🔥"));
        ui.add(
            DownloadButton::new("Export")
                .value(FileSource::text("a,b\n").file_name("a.csv"))
                .icon(":material/download:")
                .icon_position(IconPosition::Right),
        );
        ui.add(Button::new("Wait").icon("spinner"));
        ui.add(Button::new("Typo").icon(":material/nope:"));
        ui.add(Button::new("Logo").icon("examples/assets/flower.png"));
        ui.add(Button::new("Missing").icon("examples/assets/no-such-icon.png"));
        ui.add(Button::new("Outside").icon("/etc/passwd"));
    })
    .into_app()
}

#[tokio::test]
async fn a_script_shows_its_icons_and_explains_the_ones_it_cannot() {
    let server = Running::start(script_app()).await;
    let page = server.session().await;
    let widgets: Vec<Value> = page["root"]["children"].as_array().unwrap().clone();
    let by_label = |label: &str| {
        widgets
            .iter()
            .find(|w| w["props"]["value"] == label || w["props"]["label"] == label)
            .unwrap()
            .clone()
    };
    assert_eq!(by_label("Hot")["props"]["icon"], json!({ "emoji": "🔥" }));
    let export = by_label("Export");
    assert_eq!(export["props"]["icon"]["material"], "download");
    assert_eq!(export["props"]["icon_position"], "right");
    assert!(export["props"]["value"]["url"].is_string(), "{export}");
    assert_eq!(
        by_label("Wait")["props"]["icon"],
        json!({ "spinner": true })
    );
    assert_eq!(by_label("Typo")["props"]["icon"], Value::Null);
    let errors = page["errors"].as_array().unwrap();
    let error_of = |label: &str| {
        let id = by_label(label)["id"].clone();
        errors
            .iter()
            .find(|e| e["component"] == id)
            .map(|e| e["message"].as_str().unwrap().to_owned())
    };
    assert_eq!(errors.len(), 3, "{page}");
    assert!(error_of("Typo")
        .unwrap()
        .starts_with("`:material/nope:` is not one of the"));
    assert_eq!(
        error_of("Missing").unwrap(),
        "icon: file not found: no-such-icon.png"
    );
    let outside = error_of("Outside").unwrap();
    assert!(outside.starts_with("icon: "), "{outside}");
    assert!(!outside.contains("/etc"), "names the file only: {outside}");
    assert_eq!(by_label("Outside")["props"]["icon"], Value::Null);
    assert_eq!(error_of("Hot"), None);
    assert_eq!(error_of("Logo"), None);

    // The image file is served inline to this session, under one URL for every rerun.
    let url = by_label("Logo")["props"]["icon"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = server.get(&url).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("inline"));
    assert_eq!(
        &response.bytes().await.unwrap()[..],
        include_bytes!("../examples/assets/flower.png")
    );
    let hot = by_label("Hot")["id"].as_u64().unwrap();
    let (status, answer) = server
        .run_raw(json!({
            "session": page["session"], "dependency": hot, "trigger": [hot, "click"], "data": []
        }))
        .await;
    assert_eq!(status, 200, "{answer}");
    let again = answer["page"]["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["props"]["value"] == "Logo")
        .unwrap()["props"]["icon"]["url"]
        .clone();
    assert_eq!(again, url.as_str(), "published once per session");
    // Another session's page has its own URL; this one's is not for it.
    let other = server.session().await;
    let other_url = other["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["props"]["value"] == "Logo")
        .unwrap()["props"]["icon"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(other_url, url);
    let foreign = url.replace(
        page["session"].as_str().unwrap(),
        other["session"].as_str().unwrap(),
    );
    assert_eq!(server.get(&foreign).await.status(), 404);
}

#[tokio::test]
async fn a_handler_changes_a_buttons_icon_and_an_icon_that_is_not_one_is_an_error_under_it() {
    let app = Blocks::new(|b| {
        let save = b.add(DownloadButton::new("Save").icon("🔥").elem_id("save"));
        let material = b.add(Button::new("Material").elem_id("material"));
        let image = b.add(Button::new("Image").elem_id("image"));
        let wrong = b.add(Button::new("Wrong").elem_id("wrong"));
        let plain = b.add(Button::new("Plain").elem_id("plain"));
        b.on(material.click(), (), save, || {
            DownloadButton::update().icon(":material/check:")
        });
        b.on(image.click(), (), save, || {
            DownloadButton::update().icon(std::path::PathBuf::from("examples/assets/download.svg"))
        });
        b.on(wrong.click(), (), save, || {
            DownloadButton::update().icon(":material/no_such_symbol:")
        });
        b.on(plain.click(), (), save, || {
            DownloadButton::update().no_icon()
        });
    });
    let server = Running::start(app).await;
    let page = server.session().await;
    let save = by_elem_id(&page["root"], "save").unwrap()["id"]
        .as_u64()
        .unwrap();
    let run = |dep: usize| {
        let (server, page) = (&server, &page);
        async move {
            let (status, body) = server.run(page, dep, json!([])).await;
            assert_eq!(status, 200, "{body}");
            body
        }
    };
    let body = run(0).await;
    assert_eq!(
        update_for(&body, save)["icon"],
        json!({ "material": "check", "glyph": "\u{e5ca}" })
    );
    // An image file: published for this session, inline.
    let body = run(1).await;
    let url = update_for(&body, save)["icon"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let served = server.get(&url).await;
    assert_eq!(served.status(), 200);
    assert_eq!(
        served.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    assert!(served.text().await.unwrap().contains("<svg"));
    let body = run(2).await;
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("icon: `:material/no_such_symbol:` is not one of the"),
        "{message}"
    );
    assert_eq!(body["error"]["component"], save);
    let body = run(3).await;
    assert_eq!(update_for(&body, save)["icon"], Value::Null);
}
