//! A Ferry app nested in an axum app under `/ui`: the page, its assets, its API and its files
//! all work under the prefix.
#![allow(clippy::unwrap_used)]

use ferry_ui::prelude::*;
use serde_json::{json, Value};

fn app() -> App {
    Blocks::new(|b| {
        let name = b.add(Textbox::new("Name").value("Ada"));
        let go = b.add(Button::new("Go"));
        let note = b.add(DownloadButton::new("Note"));
        b.on(go.click(), name, note, |name: String| {
            FileSource::text(format!("Hello, {name}!")).file_name("note.txt")
        });
    })
}

#[tokio::test]
async fn the_app_works_nested_under_a_prefix() {
    let site = axum::Router::new()
        .route("/", axum::routing::get(|| async { "home" }))
        .nest_service("/ui", app().into_router());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, site).await });
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    assert_eq!(
        client
            .get(format!("{base}/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "home"
    );
    let redirect = client.get(format!("{base}/ui")).send().await.unwrap();
    assert_eq!(redirect.status(), 308);
    assert_eq!(redirect.headers()["location"], "ui/");
    let shell = client.get(format!("{base}/ui/")).send().await.unwrap();
    assert_eq!(shell.status(), 200);
    let html = shell.text().await.unwrap();
    let js = html
        .split("src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(js.starts_with("assets/app."), "{js}");
    let bundle = client.get(format!("{base}/ui/{js}")).send().await.unwrap();
    assert_eq!(bundle.status(), 200);

    let page: Value = client
        .post(format!("{base}/ui/api/session"))
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let answer: Value = client
        .post(format!("{base}/ui/api/run"))
        .json(&json!({ "session": page["session"], "dependency": 0, "trigger": [2, "click"], "data": ["Grace"] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = answer["updates"][0]["props"]["value"]["url"]
        .as_str()
        .unwrap();
    assert!(url.starts_with("file/"), "relative: {url}");
    let file = client.get(format!("{base}/ui/{url}")).send().await.unwrap();
    assert_eq!(file.text().await.unwrap(), "Hello, Grace!");
}
