//! The spool, through a real app: the files readers and streams are saved to before they are
//! served. A spool past its quota or a producer that fails shows its message in the page and
//! leaves no file behind; a spooled file is removed when its session ends.
//!
//! One test on purpose: it points `TMPDIR` at a folder of its own before any app is made, so
//! that it can look at every file the spool makes (a second test in this binary would race on
//! the variable).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use common::{update_for, Running};
use ferry_ui::prelude::*;
use futures_util::stream;
use serde_json::{json, Value};

/// The files in every spool folder under `tmp`.
fn spooled(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("ferry-spool-")
        })
        .flat_map(|dir| {
            std::fs::read_dir(dir.path())
                .unwrap()
                .filter_map(Result::ok)
        })
        .map(|file| file.path())
        .collect()
}

/// An app with one button whose handler's source goes to one download button.
fn app(limits: Limits, source: fn() -> FileSource) -> App {
    Blocks::new(move |b| {
        b.limits(limits.clone());
        let file = b.add(DownloadButton::new("File")); // 1
        let go = b.add(Button::new("Make")); // 2
        b.on(go.click(), (), file, source);
    })
}

async fn click(server: &Running) -> Value {
    let page = server.session().await;
    let (status, body) = server.run(&page, 0, json!([])).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn chunks(n: usize, size: usize) -> FileSource {
    let chunk = Bytes::from(vec![b'x'; size]);
    FileSource::stream(stream::iter(
        (0..n).map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
    ))
}

#[tokio::test]
async fn the_spool_keeps_its_quota_removes_partial_files_and_ends_with_its_session() {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("files_spool");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    std::env::set_var("TMPDIR", &tmp);

    // Past the quota: a clear message, nothing left.
    let small = Limits {
        spool_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let server = Running::start(app(small.clone(), || chunks(4, 512 * 1024))).await;
    let body = click(&server).await;
    assert_eq!(
        body["error"]["message"],
        "the file is too large to prepare: downloads being prepared may hold at most 1 MiB \
         on this server's disk"
    );
    assert_eq!(body["error"]["component"], 1);
    assert_eq!(spooled(&tmp), Vec::<PathBuf>::new());
    // Within the quota the same app spools.
    let server = Running::start(app(small, || chunks(2, 256 * 1024))).await;
    let body = click(&server).await;
    assert_eq!(update_for(&body, 1)["value"]["size"], 512 * 1024);
    assert_eq!(spooled(&tmp).len(), 1);
    // Stopping the server removes it.
    let mut server = server;
    server.stop();
    (&mut server.done).await.unwrap().unwrap();
    common::until(Duration::from_secs(10), || spooled(&tmp).is_empty()).await;

    // A producer that fails part-way: its ferry_ui::Error shown as written, no partial file.
    let before = 0;
    let failing = || {
        let chunks = (0..3)
            .map(|_| Ok(Bytes::from(vec![0u8; 64 * 1024])))
            .chain([Err(ferry_ui::Error::new("the database went away"))]);
        FileSource::stream(stream::iter(chunks))
    };
    let server = Running::start(app(Limits::default(), failing)).await;
    let body = click(&server).await;
    assert_eq!(body["error"]["message"], "the database went away");
    assert_eq!(spooled(&tmp).len(), before);
    // Any other error: a generic message, the details only in the log.
    let other = || {
        FileSource::stream(stream::iter([
            Ok(Bytes::from("a")),
            Err(std::io::Error::other("/srv/secret/db.sock: refused")),
        ]))
    };
    let server = Running::start(app(Limits::default(), other)).await;
    let body = click(&server).await;
    assert_eq!(
        body["error"]["message"],
        "the file could not be made (the details are in the server's log)"
    );
    assert!(!body.to_string().contains("secret"));
    assert_eq!(spooled(&tmp).len(), before);

    // A spooled file lives as long as its session.
    let short = Limits {
        session_idle: Duration::from_millis(300),
        ..Limits::default()
    };
    let reader = || FileSource::reader(std::io::Cursor::new(vec![5u8; 300_000]));
    let server = Running::start(app(short, reader)).await;
    let body = click(&server).await;
    let url = update_for(&body, 1)["value"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(spooled(&tmp).len(), before + 1);
    let got = server.get(&url).await.bytes().await.unwrap();
    assert_eq!(got.len(), 300_000);
    common::until(Duration::from_secs(10), || spooled(&tmp).len() == before).await;
    assert_eq!(
        spooled(&tmp).len(),
        before,
        "removed when the session ended"
    );
    assert_eq!(server.get(&url).await.status(), 404);
}
