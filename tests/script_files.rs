//! Beyond Streamlit's download files (issue 10, item 5), in a script app over HTTP: two 2 MiB
//! payloads that differ in one byte download as themselves (Streamlit's sample hash confuses
//! them), a file URL of one session is 404 in another, and a session's files are freed when it
//! ends by its idle timer, not when another session writes.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::Running;
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};
use serde_json::Value;

const SIZE: usize = 2 * 1024 * 1024;

/// Two 2 MiB payloads, the same but for their last byte.
fn payloads() -> (Vec<u8>, Vec<u8>) {
    let a: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
    let mut b = a.clone();
    b[SIZE - 1] ^= 0xff;
    (a, b)
}

fn app(limits: Limits) -> App {
    ScriptApp::new(|ui: &mut Ui| {
        let (a, b) = payloads();
        ui.download_button("First", FileSource::bytes(a).file_name("a.bin"));
        ui.download_button("Second", FileSource::bytes(b).file_name("b.bin"));
    })
    .limits(limits)
    .into_app()
}

/// The URL of the download button with this label in a session's page.
fn url_of(page: &Value, label: &str) -> String {
    page["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["props"]["label"] == label)
        .and_then(|n| n["props"]["value"]["url"].as_str())
        .map(|url| format!("/{url}"))
        .unwrap_or_else(|| panic!("no {label} in {page}"))
}

#[tokio::test]
async fn payloads_that_differ_in_one_byte_download_as_themselves() {
    let server = Running::start(app(Limits::default())).await;
    let page = server.session().await;
    let (a, b) = payloads();
    let (url_a, url_b) = (url_of(&page, "First"), url_of(&page, "Second"));
    assert_ne!(url_a, url_b);
    assert_eq!(server.get(&url_a).await.bytes().await.unwrap(), a);
    assert_eq!(server.get(&url_b).await.bytes().await.unwrap(), b);
}

#[tokio::test]
async fn a_url_of_one_session_is_404_in_another() {
    let server = Running::start(app(Limits::default())).await;
    let first = server.session().await;
    let second = server.session().await;
    let url = url_of(&first, "First");
    assert_eq!(server.get(&url).await.status(), 200);
    // The other session's URL for the same button is its own.
    assert_ne!(url_of(&second, "First"), url);
    // A URL carries its session: with the other session's id in place, it names nothing.
    let session_a = first["session"].as_str().unwrap();
    let session_b = second["session"].as_str().unwrap();
    let forged = url.replace(session_a, session_b);
    assert_ne!(forged, url, "the URL names its session: {url}");
    assert_eq!(server.get(&forged).await.status(), 404);
}

#[tokio::test]
async fn a_sessions_files_are_freed_by_its_idle_timer() {
    let limits = Limits {
        session_idle: Duration::from_millis(300),
        ..Limits::default()
    };
    let server = Running::start(app(limits)).await;
    let page = server.session().await;
    let url = url_of(&page, "First");
    assert_eq!(server.get(&url).await.status(), 200);
    // Nothing else happens on the server: no other session, no other write.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        server.get(&url).await.status(),
        404,
        "freed when the session ended"
    );
}
