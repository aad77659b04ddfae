//! Ctrl-C on a launched app, as a real process: the `download_gallery` example, already built
//! under this test's target folder (`cargo test` builds the examples; run alone, this test is
//! skipped with a message when the binary is missing or older than the sources).
//!
//! The first SIGINT says how many connections are open; a second one quits at once with code
//! 130; when the open connection finishes instead, the server prints `Stopped.` and exits 0.
#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

const STOPPING: &str = "Stopping: waiting up to 30 s for 1 open connection to finish \
                        (press Ctrl-C again to quit now).";
const WAIT: Duration = Duration::from_secs(30);

/// The newest change to anything the example embeds or runs.
fn newest_source() -> SystemTime {
    fn walk(dir: &Path, newest: &mut SystemTime) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                walk(&entry.path(), newest);
            } else if let Ok(modified) = meta.modified() {
                *newest = (*newest).max(modified);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut newest = SystemTime::UNIX_EPOCH;
    for dir in ["src", "assets"] {
        walk(&root.join(dir), &mut newest);
    }
    newest
}

/// The built gallery: first the one of this test's profile, then the release one; `Err` says
/// why there is none to run.
fn gallery() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().unwrap();
    // <target>/<profile>/deps/ctrl_c-<hash>
    let profile = exe.parent().and_then(Path::parent).unwrap();
    let target = profile.parent().unwrap();
    let name = format!("download_gallery{}", std::env::consts::EXE_SUFFIX);
    let candidates = [
        profile.join("examples").join(&name),
        target.join("release/examples").join(&name),
    ];
    let newest = newest_source();
    let fresh = |path: &PathBuf| {
        std::fs::metadata(path)
            .and_then(|m| m.modified())
            .is_ok_and(|built| built >= newest)
    };
    candidates
        .iter()
        .find(|p| fresh(p))
        .cloned()
        .ok_or_else(|| {
            let looked: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
            format!(
                "no download_gallery binary newer than src/ and assets/ at {} \
             (cargo build --example download_gallery, or run the whole cargo test)",
                looked.join(" or ")
            )
        })
}

/// The gallery, running on 127.0.0.1 with a port of its own and a TMPDIR of its own.
struct Gallery {
    child: Child,
    lines: mpsc::Receiver<String>,
    address: String,
    tmp: tempfile::TempDir,
}

impl Gallery {
    fn start(bin: &Path) -> Gallery {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(bin)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("FERRY_SERVER_NAME", "127.0.0.1")
            .env("FERRY_SERVER_PORT", "0")
            .env("TMPDIR", tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut gallery = Gallery {
            child,
            lines,
            address: String::new(),
            tmp,
        };
        let ready = gallery.line();
        gallery.address = ready
            .strip_prefix("Running on local URL:  http://")
            .unwrap_or_else(|| panic!("not the ready line: {ready:?}"))
            .to_owned();
        gallery
    }

    /// The next line the server prints (waits up to 30 s).
    fn line(&self) -> String {
        self.lines
            .recv_timeout(WAIT)
            .expect("a line from the server within 30 s")
    }

    fn interrupt(&self) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// How the server exited (waits up to `within`).
    fn exit(&mut self, within: Duration) -> ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server is still running");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Folders named `ferry-uploads-*` in the server's TMPDIR.
    fn upload_folders(&self) -> usize {
        std::fs::read_dir(self.tmp.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("ferry-uploads-")
            })
            .count()
    }

    /// A connection in the middle of a request: one answered request first (so it is surely
    /// accepted), then a POST whose body has 1 of its 10 bytes.
    fn busy_connection(&self) -> TcpStream {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream
            .write_all(b"GET /favicon.ico HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        read_answer(&mut stream);
        stream
            .write_all(
                b"POST /api/run HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n\
                  content-length: 10\r\n\r\n{",
            )
            .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        stream
    }
}

/// Reads one HTTP/1.1 answer with a `content-length` body.
fn read_answer(stream: &mut TcpStream) {
    let mut answer = Vec::new();
    let mut buf = [0; 4096];
    loop {
        if let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
            assert!(head.starts_with("http/1.1 200"), "{head}");
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .expect("a content-length")
                .trim()
                .parse()
                .unwrap();
            if answer.len() >= end + 4 + length {
                return;
            }
        }
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "the connection closed early");
        answer.extend_from_slice(&buf[..n]);
    }
}

impl Drop for Gallery {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_second_ctrl_c_quits_at_once_with_code_130() {
    let bin = match gallery() {
        Ok(bin) => bin,
        Err(why) => return eprintln!("skipped: {why}"),
    };
    let mut gallery = Gallery::start(&bin);
    assert_eq!(gallery.upload_folders(), 1);
    let _busy = gallery.busy_connection();
    gallery.interrupt();
    assert_eq!(gallery.line(), STOPPING);
    gallery.interrupt();
    assert_eq!(gallery.line(), "Quit.");
    let status = gallery.exit(Duration::from_secs(5));
    assert_eq!(status.code(), Some(130), "{status}");
    assert_eq!(gallery.upload_folders(), 0, "the upload folder is removed");
}

#[test]
fn the_first_ctrl_c_waits_for_the_open_connection_then_stops() {
    let bin = match gallery() {
        Ok(bin) => bin,
        Err(why) => return eprintln!("skipped: {why}"),
    };
    let mut gallery = Gallery::start(&bin);
    let mut busy = gallery.busy_connection();
    gallery.interrupt();
    assert_eq!(gallery.line(), STOPPING);
    busy.write_all(br#""a":1234}"#).unwrap();
    let mut answer = Vec::new();
    busy.read_to_end(&mut answer).unwrap();
    assert!(answer.starts_with(b"HTTP/1.1 "), "{answer:?}");
    assert_eq!(gallery.line(), "Stopped.");
    let status = gallery.exit(Duration::from_secs(10));
    assert!(status.success(), "{status}");
    assert_eq!(gallery.upload_folders(), 0);
}
