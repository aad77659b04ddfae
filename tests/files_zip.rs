//! Many files as one download, over HTTP through a real app: a DownloadButton whose value is a
//! list of files, and a handler that returns `FileSource::zip`. The zip is unzipped here (the
//! `zip` crate checks every CRC): names, bytes, methods, `Content-Length` exactly when every
//! size is known, and the allowed-roots check on every path in it.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Cursor, Read};
use std::path::PathBuf;

use common::{by_elem_id, update_for, Running};
use ferry_ui::files::Compression;
use ferry_ui::prelude::*;
use serde_json::{json, Value};

/// A fresh folder under cargo's folder for test files, with a photo, a CSV and a note.
fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("files_zip-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("photo.jpg"), jpeg()).unwrap();
    std::fs::write(dir.join("table.csv"), csv()).unwrap();
    std::fs::write(dir.join("note.txt"), "a note\n").unwrap();
    std::fs::canonicalize(dir).unwrap()
}

fn jpeg() -> Vec<u8> {
    (0..200_000u32).map(|i| (i * 31 % 253) as u8).collect()
}

fn csv() -> String {
    (0..20_000).map(|i| format!("{i},{}\n", i % 9)).collect()
}

/// `(name, bytes, stored?)` of every entry, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>, bool)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            let stored = entry.compression() == zip::CompressionMethod::Stored;
            (entry.name().to_owned(), content, stored)
        })
        .collect()
}

fn file_url(page: &Value, elem_id: &str) -> String {
    let node = by_elem_id(&page["root"], elem_id).unwrap();
    node["props"]["value"]["url"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_download_button_whose_value_is_a_list_downloads_one_zip_of_them() {
    let dir = folder("list");
    let app = {
        let dir = dir.clone();
        Blocks::new(move |b| {
            b.add(
                DownloadButton::new("All files")
                    .value(vec![
                        FileSource::path(dir.join("photo.jpg")),
                        FileSource::path(dir.join("table.csv")),
                        FileSource::path(dir.join("note.txt")),
                        FileSource::text("second note").file_name("NOTE.txt"),
                        FileSource::text("hostile").file_name("../../.ssh/authorized_keys\r\n"),
                    ])
                    .elem_id("all"),
            );
        })
    };
    let server = Running::start(app).await;
    let page = server.session().await;
    let node = by_elem_id(&page["root"], "all").unwrap();
    assert_eq!(node["props"]["value"]["file_name"], "download.zip");
    assert_eq!(node["props"]["value"]["mime_type"], "application/zip");
    assert_eq!(
        node["props"]["value"]["size"],
        json!(null),
        "deflated: unknown"
    );

    let response = server.get(&file_url(&page, "all")).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/zip");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"download.zip\"; filename*=UTF-8''download.zip"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["accept-ranges"], "none");
    assert!(headers.get("content-length").is_none(), "{headers:?}");
    assert_eq!(headers["transfer-encoding"], "chunked");
    let body = response.bytes().await.unwrap();
    let entries = unzip(&body);
    let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "photo.jpg",
            "table.csv",
            "note.txt",
            "NOTE (1).txt",
            "_.._.ssh_authorized_keys__"
        ]
    );
    assert_eq!(entries[0].1, jpeg());
    assert!(entries[0].2, "a JPEG is stored");
    assert_eq!(entries[1].1, csv().as_bytes());
    assert!(!entries[1].2, "a CSV is deflated");
    assert_eq!(entries[2].1, b"a note\n");
    assert_eq!(entries[3].1, b"second note");
    assert_eq!(entries[4].1, b"hostile");
}

#[tokio::test]
async fn a_stored_zip_has_a_content_length_equal_to_its_bytes_and_head_says_it_too() {
    let dir = folder("stored");
    let app = {
        let dir = dir.clone();
        Blocks::new(move |b| {
            let twenty: Vec<FileSource> = (0..20)
                .map(|i| FileSource::text(format!("file {i}\n")).file_name(format!("f{i:02}.txt")))
                .chain([FileSource::path(dir.join("photo.jpg"))])
                .collect();
            b.add(
                DownloadButton::new("Stored")
                    .value(
                        FileSource::zip(twenty)
                            .compression(Compression::Stored)
                            .file_name("twenty.zip"),
                    )
                    .elem_id("stored"),
            );
        })
    };
    let server = Running::start(app).await;
    let page = server.session().await;
    let url = file_url(&page, "stored");
    let size = by_elem_id(&page["root"], "stored").unwrap()["props"]["value"]["size"]
        .as_u64()
        .unwrap();

    let head = server
        .client
        .head(format!("{}/{url}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(head.headers()["content-length"], size.to_string().as_str());

    let response = server.get(&url).await;
    let length: u64 = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body = response.bytes().await.unwrap();
    assert_eq!(length, body.len() as u64);
    assert_eq!(length, size, "the page was told the same size");
    let entries = unzip(&body);
    assert_eq!(entries.len(), 21);
    assert!(entries.iter().all(|(_, _, stored)| *stored));
    assert_eq!(
        entries[7],
        ("f07.txt".to_owned(), b"file 7\n".to_vec(), true)
    );
    assert_eq!(entries[20].1, jpeg());

    // A range is not honoured: the whole zip comes with 200.
    let ranged = server
        .client
        .get(format!("{}/{url}", server.base))
        .header("range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(ranged.status(), 200);
    assert_eq!(ranged.bytes().await.unwrap().len() as u64, size);
}

/// The zip app of a handler: the paths typed in a Textbox (one per line), zipped.
fn typed_paths_app(allowed: PathBuf) -> App {
    Blocks::new(move |b| {
        b.allowed_paths([allowed.clone()]);
        let paths = b.add(Textbox::new("Paths")); // 1
        let file = b.add(DownloadButton::new("Zip").elem_id("zip")); // 2
        let go = b.add(Button::new("Zip them")); // 3
        b.on(go.click(), paths, file, |paths: String| {
            FileSource::zip(paths.lines().map(str::to_owned).collect::<Vec<_>>())
        });
    })
}

#[tokio::test]
async fn every_path_in_a_zip_a_handler_returns_passes_the_allowed_roots() {
    let dir = folder("roots");
    let app = typed_paths_app(dir.clone());
    let server = Running::start(app.clone()).await;
    let page = server.session().await;
    let before = app.file_count();
    let typed = format!("{}\n/etc/passwd", dir.join("note.txt").display());
    let (status, body) = server.run(&page, 0, json!([typed])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["error"]["message"],
        "\"passwd\" is outside the folders this app may serve"
    );
    assert_eq!(body["updates"], json!([]));
    assert!(!body.to_string().contains("root:"));
    assert_eq!(app.file_count(), before, "no token was issued");

    let typed = format!(
        "{}\n{}",
        dir.join("note.txt").display(),
        dir.join("table.csv").display()
    );
    let (status, body) = server.run(&page, 0, json!([typed])).await;
    assert_eq!(status, 200, "{body}");
    let url = update_for(&body, 2)["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let entries = unzip(&server.get(&url).await.bytes().await.unwrap());
    assert_eq!(entries[0].0, "note.txt");
    assert_eq!(entries[1].1, csv().as_bytes());
}
