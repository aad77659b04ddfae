//! Uploads through the app: the upload route, the seed's upload_and_download flow over HTTP,
//! limits and types as the page sees them, sessions, and cleanup at shutdown.
#![allow(clippy::unwrap_used)]

mod common;

/// The seed demo itself: these tests run its handlers.
#[allow(dead_code)]
#[path = "../examples/upload_and_download.rs"]
mod demo;

use std::path::PathBuf;
use std::time::Duration;

use common::{by_elem_id, update_for, Running};
use ferry_ui::prelude::*;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

fn app(limit: u64) -> App {
    Blocks::new(move |b| {
        b.max_file_size(limit);
        let (u, d) = b.row(|r| {
            let u = r.add(UploadButton::new("Upload a file").elem_id("u"));
            let d = r.add(
                DownloadButton::new("Download the file")
                    .visible(false)
                    .elem_id("d"),
            );
            (u, d)
        });
        let csv = b.add(
            UploadButton::new("CSV only")
                .file_types([".csv"])
                .elem_id("csv"),
        );
        let many = b.add(
            UploadButton::new("Many")
                .file_count(FileCount::Multiple)
                .elem_id("many"),
        );
        b.add(UploadButton::new("Off").interactive(false).elem_id("off"));
        let shown = b.add(Textbox::new("Shown").elem_id("shown"));
        b.on(u.upload(), u, (u, d), demo::upload_file); // 0
        b.on(d.click(), (), (u, d), demo::download_file); // 1
        b.on(many.upload(), many, shown, |files: Vec<UploadedFile>| {
            files
                .iter()
                .map(|f| format!("{}:{}:{}", f.name, f.size, f.mime_type))
                .collect::<Vec<_>>()
                .join(",")
        }); // 2
        b.on(csv.upload(), csv, shown, |bytes: bytes::Bytes| {
            String::from_utf8_lossy(&bytes).into_owned()
        }); // 3
        b.on(u.upload(), u, shown, |path: PathBuf| {
            path.display().to_string()
        }); // 4
        let folder = b.add(
            UploadButton::new("Folder")
                .file_count(FileCount::Directory)
                .elem_id("folder"),
        );
        b.on(
            folder.upload(),
            folder,
            shown,
            |files: Vec<UploadedFile>| {
                let paths: Vec<String> = files
                    .iter()
                    .map(|f| format!("{}={}", f.name, f.relative_path.as_deref().unwrap_or("-")))
                    .collect();
                paths.join(",")
            },
        ); // 5
        let lock = b.add(Button::new("Lock uploads").elem_id("lock"));
        b.on(lock.click(), (), u, || {
            UploadButton::update().interactive(false)
        }); // 6
        b.on(lock.click(), (), u, || {
            UploadButton::update().interactive(true)
        }); // 7
    })
}

fn id_of(page: &Value, elem_id: &str) -> u64 {
    by_elem_id(&page["root"], elem_id).unwrap()["id"]
        .as_u64()
        .unwrap()
}

async fn upload(
    server: &Running,
    page: &Value,
    elem_id: &str,
    files: &[(&str, &[u8])],
) -> (u16, Value) {
    let mut form = Form::new();
    for (name, bytes) in files {
        form = form.part(
            "files",
            Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    }
    let url = format!(
        "{}/api/upload/{}/{}",
        server.base,
        page["session"].as_str().unwrap(),
        id_of(page, elem_id)
    );
    let response = server
        .client
        .post(url)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_seed_demo_flow_upload_then_download_with_the_same_name_and_bytes() {
    let server = Running::start(app(1 << 20)).await;
    let page = server.session().await;
    let (status, body) = upload(&server, &page, "u", &[("résumé.pdf", b"%PDF-1.7 tiny")]).await;
    assert_eq!(status, 200, "{body}");
    let file = body["files"][0].clone();
    assert_eq!(file["file_name"], "résumé.pdf");
    assert_eq!(file["size"], 13, "{file}");
    assert_eq!(file["mime_type"], "application/pdf");
    assert!(
        !file.to_string().contains("/tmp"),
        "no server path reaches the browser: {file}"
    );

    let (status, body) = server.run(&page, 0, json!([file])).await;
    assert_eq!(status, 200, "{body}");
    let (u, d) = (id_of(&page, "u"), id_of(&page, "d"));
    assert_eq!(update_for(&body, u)["visible"], false);
    let download = update_for(&body, d);
    assert_eq!(download["label"], "Download résumé.pdf");
    assert_eq!(download["visible"], true);
    let response = server.get(download["value"]["url"].as_str().unwrap()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"
    );
    assert_eq!(response.bytes().await.unwrap(), &b"%PDF-1.7 tiny"[..]);

    let (_, body) = server.run(&page, 1, json!([])).await;
    assert_eq!(update_for(&body, u)["visible"], true);
    assert_eq!(update_for(&body, d)["visible"], false);
}

#[tokio::test]
async fn handlers_take_uploads_as_lists_of_files_and_as_bytes() {
    let server = Running::start(app(1 << 20)).await;
    let page = server.session().await;
    let (status, body) = upload(
        &server,
        &page,
        "many",
        &[("a.txt", b"aa"), ("b.csv", b"b,b,b")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, run) = server.run(&page, 2, json!([body["files"]])).await;
    assert_eq!(
        update_for(&run, id_of(&page, "shown"))["value"],
        "a.txt:2:text/plain; charset=utf-8,b.csv:5:text/csv; charset=utf-8"
    );

    let (status, body) = upload(&server, &page, "csv", &[("n.csv", b"1,2\n")]).await;
    assert_eq!(status, 200, "{body}");
    let (_, run) = server.run(&page, 3, json!([body["files"][0]])).await;
    assert_eq!(update_for(&run, id_of(&page, "shown"))["value"], "1,2\n");
}

#[tokio::test]
async fn limits_types_and_rules_are_precise_4xx_with_messages() {
    let server = Running::start(app(1000)).await;
    let page = server.session().await;
    let big = vec![b'x'; 1001];
    let (status, body) = upload(&server, &page, "u", &[("big.bin", &big)]).await;
    assert_eq!(
        (status, body["error"].as_str().unwrap()),
        (413, "“big.bin” is larger than the 1 kB limit")
    );
    let (status, body) = upload(&server, &page, "csv", &[("x.exe", b"MZ")]).await;
    assert_eq!(status, 415);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .starts_with("“x.exe” is not an accepted type"),
        "{body}"
    );
    let (status, _) = upload(&server, &page, "u", &[("a", b"1"), ("b", b"2")]).await;
    assert_eq!(status, 413);
    let (status, body) = upload(&server, &page, "off", &[("a", b"1")]).await;
    assert_eq!(
        (status, body["error"].as_str().unwrap()),
        (403, "this upload button is disabled")
    );
    let (status, body) = upload(&server, &page, "shown", &[("a", b"1")]).await;
    assert_eq!(status, 404, "{body}");
    let mut other = page.clone();
    other["session"] = json!("0".repeat(32));
    let (status, _) = upload(&server, &other, "u", &[("a", b"1")]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn another_session_cannot_use_an_upload_and_shutdown_removes_uploads() {
    let mut server = Running::start(app(1 << 20)).await;
    let page = server.session().await;
    let (_, body) = upload(&server, &page, "u", &[("mine.txt", b"secret")]).await;
    let file = body["files"][0].clone();

    let thief = server.session().await;
    let (status, _) = server.run(&thief, 4, json!([file])).await;
    assert_eq!(status, 400, "another session's upload is refused as input");
    let stolen = file["url"].as_str().unwrap().replace(
        page["session"].as_str().unwrap(),
        thief["session"].as_str().unwrap(),
    );
    assert_eq!(server.get(&stolen).await.status(), 404);

    let (_, run) = server.run(&page, 4, json!([file])).await;
    let path = PathBuf::from(
        update_for(&run, id_of(&page, "shown"))["value"]
            .as_str()
            .unwrap(),
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"secret");
    assert_eq!(path.file_name().unwrap(), "mine.txt");
    server.stop();
    tokio::time::timeout(Duration::from_secs(5), &mut server.done)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(
        !path.exists(),
        "the session's upload is removed at shutdown"
    );
}

#[tokio::test]
async fn a_folder_upload_keeps_each_file_path_in_the_folder_for_handlers() {
    let server = Running::start(app(1 << 20)).await;
    let page = server.session().await;
    let files: [(&str, &[u8]); 2] = [("album/2024/a.txt", b"a"), ("album/b.txt", b"b")];
    let (status, body) = upload(&server, &page, "folder", &files).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["files"][0]["relative_path"], "album/2024/a.txt");
    // The page could send any relative_path back: it is refused, and the handler only ever
    // gets the server's own record.
    let mut forged = body["files"].clone();
    forged[0]["relative_path"] = json!("../../etc/passwd");
    let (status, _) = server.run(&page, 5, json!([forged])).await;
    assert_eq!(status, 400);
    let (_, run) = server.run(&page, 5, json!([body["files"]])).await;
    assert_eq!(
        update_for(&run, id_of(&page, "shown"))["value"],
        "a.txt=album/2024/a.txt,b.txt=album/b.txt"
    );
}

#[tokio::test]
async fn a_button_a_handler_disabled_refuses_uploads_for_that_session_only() {
    let server = Running::start(app(1 << 20)).await;
    let page = server.session().await;
    let other = server.session().await;
    let (status, _) = server.run(&page, 6, json!([])).await;
    assert_eq!(status, 200);
    let (status, body) = upload(&server, &page, "u", &[("a.txt", b"a")]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (403, Some("this upload button is disabled"))
    );
    let (status, _) = upload(&server, &other, "u", &[("a.txt", b"a")]).await;
    assert_eq!(status, 200, "another session's button is still enabled");
    server.run(&page, 7, json!([])).await;
    let (status, _) = upload(&server, &page, "u", &[("a.txt", b"a")]).await;
    assert_eq!(status, 200, "enabled again");
}

/// Gradio's SSRF and file-read CVEs: an upload button's value from the page must be the one the
/// server recorded for the session, never a URL or path the client made up.
#[tokio::test]
async fn a_forged_upload_value_is_refused_with_400() {
    let server = Running::start(app(1 << 20)).await;
    let page = server.session().await;
    let (status, body) = upload(&server, &page, "u", &[("a.txt", b"mine")]).await;
    assert_eq!(status, 200, "{body}");
    let own = body["files"][0].clone();
    let mut elsewhere = own.clone();
    elsewhere["url"] = json!("http://169.254.169.254/latest/meta-data/");
    for forged in [
        json!({ "external": true, "url": "http://169.254.169.254/latest/meta-data/" }),
        elsewhere,
    ] {
        let (status, body) = server.run(&page, 4, json!([forged])).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            body["error"],
            "bad input 0: this file value was not issued by the server for this session"
        );
    }
    let (status, body) = server.run(&page, 4, json!([own])).await;
    assert_eq!(status, 200, "{body}");
    let path = update_for(&body, id_of(&page, "shown"))["value"].clone();
    assert_eq!(
        std::fs::read(path.as_str().unwrap()).unwrap(),
        b"mine",
        "the handler got the uploaded file"
    );
}
