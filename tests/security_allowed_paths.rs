//! Gradio CVE-2024-47868, over HTTP: a handler returns a path taken from a Textbox. Paths chosen
//! at run time are served only under the working directory, Ferry's upload folder and the
//! allowed paths, symlinks resolved, blocked paths and hidden names refused; the refusal is
//! shown under the download button and names the file only. Paths declared with the page stay
//! trusted.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{by_elem_id, update_for, Running};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

/// The folders of this test binary: its working directory (set once, before any app is built:
/// every test here shares it) with a report, a `.env` and a `.git` folder; an allowed folder
/// with a blocked part; and a folder outside both.
struct Folders {
    work: PathBuf,
    allowed: PathBuf,
    outside: PathBuf,
}

fn folders() -> &'static Folders {
    static FOLDERS: OnceLock<Folders> = OnceLock::new();
    FOLDERS.get_or_init(|| {
        // Under cargo's folder for test files, made afresh, so that no run leaves anything in
        // the system's temporary folder.
        let base = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("security_allowed_paths");
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).unwrap();
        let base = std::fs::canonicalize(base).unwrap();
        let folders = Folders {
            work: base.join("work"),
            allowed: base.join("allowed"),
            outside: base.join("outside"),
        };
        for dir in [
            &folders.work,
            &folders.work.join(".git"),
            &folders.allowed,
            &folders.allowed.join("drafts"),
            &folders.outside,
        ] {
            std::fs::create_dir_all(dir).unwrap();
        }
        let files: [(PathBuf, &[u8]); 6] = [
            (folders.work.join("report.csv"), b"city,temp\nLyon,24\n"),
            (folders.work.join(".env"), b"TOKEN=secret\n"),
            (folders.work.join(".git/config"), b"[core]\n"),
            (folders.allowed.join("shared.bin"), &[0, 1, 2, 254, 255]),
            (folders.allowed.join("drafts/plan.txt"), b"draft\n"),
            (folders.outside.join("secret.txt"), b"outside\n"),
        ];
        for (path, bytes) in files {
            std::fs::write(path, bytes).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink("/etc/passwd", folders.allowed.join("link.txt")).unwrap();
            symlink(
                folders.outside.join("secret.txt"),
                folders.work.join("notes.txt"),
            )
            .unwrap();
            symlink(&folders.outside, folders.work.join("more")).unwrap();
            symlink(
                folders.work.join("report.csv"),
                folders.work.join("latest.csv"),
            )
            .unwrap();
        }
        std::env::set_current_dir(&folders.work).unwrap();
        folders
    })
}

/// The CVE's app: a path typed in a Textbox is handed to a DownloadButton.
fn app() -> App {
    let folders = folders();
    let (allowed, drafts) = (folders.allowed.clone(), folders.allowed.join("drafts"));
    Blocks::new(move |b| {
        b.allowed_paths([allowed]).blocked_paths([drafts]);
        let path = b.add(Textbox::new("Path").elem_id("path")); // 1
        let file = b.add(DownloadButton::new("Download").elem_id("file")); // 2
        let go = b.add(Button::new("Get")); // 3
        b.on(go.click(), path, file, |path: String| path);
    })
}

/// Runs the handler with `path` typed in the Textbox.
async fn ask(server: &Running, page: &Value, path: &str) -> Value {
    let (status, body) = server.run(page, 0, json!([path])).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

fn shown(message: &str) -> Value {
    json!({ "message": message, "title": null, "component": 2, "duration": 10.0 })
}

#[tokio::test]
async fn cve_2024_47868_paths_typed_by_a_user_outside_the_roots_are_refused() {
    let folders = folders();
    let app = app();
    let server = Running::start(app.clone()).await;
    let page = server.session().await;
    let outside = "\"passwd\" is outside the folders this app may serve";
    let mut table = vec![
        ("/etc/passwd".to_owned(), shown(outside)),
        ("../../etc/passwd".to_owned(), shown(outside)),
        (format!("{}etc/passwd", "../".repeat(20)), shown(outside)),
        ("/etc/../etc/./passwd".to_owned(), shown(outside)),
        (
            folders.outside.join("secret.txt").display().to_string(),
            shown("\"secret.txt\" is outside the folders this app may serve"),
        ),
        // A file that does not exist outside the roots gets the same answer as one that does.
        (
            "/etc/no-such-file".to_owned(),
            shown("\"no-such-file\" is outside the folders this app may serve"),
        ),
        (
            ".env".to_owned(),
            shown("\".env\" is a hidden file, which this app does not serve"),
        ),
        (
            folders.work.join(".env").display().to_string(),
            shown("\".env\" is a hidden file, which this app does not serve"),
        ),
        (
            ".git/config".to_owned(),
            shown("\"config\" is in a hidden folder, which this app does not serve"),
        ),
        (
            folders
                .allowed
                .join("drafts/plan.txt")
                .display()
                .to_string(),
            shown("\"plan.txt\" is in a path this app blocks"),
        ),
    ];
    if cfg!(unix) {
        table.extend([
            // A symlink in an allowed folder that points out of it.
            (
                folders.allowed.join("link.txt").display().to_string(),
                shown("\"link.txt\" is outside the folders this app may serve"),
            ),
            // A symlink in the working directory that points out of it, and a linked folder.
            (
                "notes.txt".to_owned(),
                shown("\"notes.txt\" is outside the folders this app may serve"),
            ),
            (
                "more/secret.txt".to_owned(),
                shown("\"secret.txt\" is outside the folders this app may serve"),
            ),
        ]);
    }
    let files_before = app.file_count();
    for (path, error) in table {
        let body = ask(&server, &page, &path).await;
        assert_eq!(body["error"], error, "{path}");
        assert_eq!(body["updates"], json!([]), "{path}: nothing changes");
        let text = body.to_string();
        for leak in [
            "root:",
            "TOKEN",
            "outside\\n",
            "/etc",
            folders.work.to_str().unwrap(),
        ] {
            assert!(
                !text.contains(leak),
                "{path}: the answer holds {leak:?}: {text}"
            );
        }
    }
    assert_eq!(app.file_count(), files_before, "no token was issued");
}

#[tokio::test]
async fn files_under_the_working_dir_and_allowed_paths_download_with_their_exact_bytes() {
    let folders = folders();
    let server = Running::start(app()).await;
    let page = server.session().await;
    let mut table: Vec<(String, &str, Vec<u8>)> = vec![
        (
            "report.csv".into(),
            "report.csv",
            b"city,temp\nLyon,24\n".to_vec(),
        ),
        (
            folders.work.join("report.csv").display().to_string(),
            "report.csv",
            b"city,temp\nLyon,24\n".to_vec(),
        ),
        (
            folders.allowed.join("shared.bin").display().to_string(),
            "shared.bin",
            vec![0, 1, 2, 254, 255],
        ),
        // `..` that stays inside a root.
        (
            folders
                .allowed
                .join("drafts/../shared.bin")
                .display()
                .to_string(),
            "shared.bin",
            vec![0, 1, 2, 254, 255],
        ),
    ];
    if cfg!(unix) {
        // A symlink that stays inside: served, under the link's name.
        table.push((
            "latest.csv".into(),
            "latest.csv",
            b"city,temp\nLyon,24\n".to_vec(),
        ));
    }
    for (path, name, bytes) in table {
        let body = ask(&server, &page, &path).await;
        assert_eq!(body["error"], Value::Null, "{path}: {body}");
        let value = &update_for(&body, 2)["value"];
        assert_eq!(value["file_name"], name, "{path}");
        let response = server.get(value["url"].as_str().unwrap()).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.headers()["content-disposition"],
            format!("attachment; filename=\"{name}\"; filename*=UTF-8''{name}").as_str()
        );
        assert_eq!(response.bytes().await.unwrap(), bytes, "{path}");
    }
}

#[tokio::test]
async fn a_value_function_run_per_session_is_checked_too() {
    let folders = folders();
    let secret = folders.outside.join("secret.txt");
    let server = Running::start(Blocks::new(move |b| {
        b.add(
            DownloadButton::new("Per session")
                .value_with(move || secret.clone())
                .elem_id("per-session"),
        );
        b.add(DownloadButton::new("Env").value_with(|| PathBuf::from(".env")));
    }))
    .await;
    let page = server.session().await;
    let mut errors = page["errors"].as_array().unwrap().clone();
    errors.sort_by_key(|e| e["component"].as_u64());
    assert_eq!(
        errors,
        vec![
            json!({ "component": 1, "message": "\"secret.txt\" is outside the folders this app may serve" }),
            json!({ "component": 2, "message": "\".env\" is a hidden file, which this app does not serve" }),
        ]
    );
    let button = by_elem_id(&page["root"], "per-session").unwrap();
    assert_eq!(button["props"]["value"], Value::Null);
}

#[tokio::test]
async fn paths_declared_with_the_page_stay_trusted() {
    let folders = folders();
    let declared = folders.outside.join("secret.txt");
    let server = Running::start(Blocks::new(move |b| {
        b.add(
            DownloadButton::new("Declared")
                .value(declared.as_path())
                .elem_id("declared"),
        );
    }))
    .await;
    let page = server.session().await;
    assert_eq!(page["errors"], json!([]));
    let value = &by_elem_id(&page["root"], "declared").unwrap()["props"]["value"];
    let response = server.get(value["url"].as_str().unwrap()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.unwrap(), "outside\n");
}

#[tokio::test]
async fn an_uploaded_file_handed_back_by_a_handler_is_served() {
    folders();
    let server = Running::start(Blocks::new(|b| {
        let up = b.add(UploadButton::new("Upload").elem_id("up")); // 1
        let down = b.add(DownloadButton::new("Download").elem_id("down")); // 2
        b.on(up.upload(), up, down, |path: PathBuf| path);
    }))
    .await;
    let page = server.session().await;
    let session = page["session"].as_str().unwrap();
    let form = reqwest::multipart::Form::new().part(
        "files",
        reqwest::multipart::Part::bytes(b"uploaded bytes\n".to_vec()).file_name("mine.txt"),
    );
    let response = server
        .client
        .post(format!("{}/api/upload/{session}/1", server.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let uploaded: Value = response.json().await.unwrap();
    let (status, body) = server.run(&page, 0, json!([uploaded["files"][0]])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["error"], Value::Null, "{body}");
    let url = update_for(&body, 2)["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let downloaded = server.get(&url).await;
    assert_eq!(downloaded.bytes().await.unwrap(), "uploaded bytes\n");
}
