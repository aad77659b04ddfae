//! Run with: cargo run --example deferred_download
//!
//! Files made only when clicked: a 200 MB CSV written on click with a progress bar and a cancel
//! control, a report that reads the session's state, an export that fails, a file a handler
//! prepares (a deferred file given to a button, made when it is clicked), and a download that a
//! handler starts (`ferry_ui::download`).
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Duration;

use ferry_ui::download;
use ferry_ui::prelude::*;

fn main() {
    app().launch();
}

/// Rows of the big CSV: 5,000,000 of exactly 40 bytes, after an 18-byte header (200,000,018
/// bytes in all).
pub const ROWS: u64 = 5_000_000;
/// The CSV is written in this many chunks, each reporting its progress.
pub const CHUNKS: u64 = 100;
const HEADER: &str = "id,sensor,reading\n";

/// What this session's CSV exports did, shown on the page.
#[derive(Default)]
struct Exports {
    runs: u32,
    cancelled: u32,
}

/// The notes this session added, which its report lists.
#[derive(Clone, Default)]
struct Notes(Vec<String>);

/// Row `i` of the big CSV: `0000000042,sensor-10,        332.598\n`, 40 bytes.
fn row(i: u64, out: &mut Vec<u8>) {
    let milli = (i * 7919) % 1_000_003;
    let _ = writeln!(
        out,
        "{i:010},sensor-{:02},{:>14}.{:03}",
        i % 16,
        milli / 1000,
        milli % 1000
    );
}

/// `1250000` as `1,250,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The pause after each chunk, so that the bar can be watched (`FERRY_CSV_PACE_MS`, default
/// 15 ms: about 1.5 s for the whole file on top of the writing). A real export needs none.
fn pace() -> Duration {
    let ms = std::env::var("FERRY_CSV_PACE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    Duration::from_millis(ms)
}

/// Writes the CSV in the run's scratch folder (Ferry removes it when the file is no longer
/// kept, or at once if the run is cancelled), checking for the cancel control between chunks.
fn write_csv(
    session: Session,
    progress: Progress,
    cancel: CancelToken,
    scratch: Scratch,
) -> io::Result<PathBuf> {
    session.with_state(|e: &mut Exports| e.runs += 1);
    let path = scratch.path("sensors.csv")?;
    let mut file = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
    file.write_all(HEADER.as_bytes())?;
    let per_chunk = ROWS / CHUNKS;
    let mut chunk = Vec::with_capacity(per_chunk as usize * 40);
    for c in 0..CHUNKS {
        if cancel.is_cancelled() {
            session.with_state(|e: &mut Exports| e.cancelled += 1);
            return Err(io::Error::other("cancelled"));
        }
        chunk.clear();
        for i in c * per_chunk..(c + 1) * per_chunk {
            row(i, &mut chunk);
        }
        file.write_all(&chunk)?;
        progress.set(
            (c + 1) as f64 / CHUNKS as f64,
            format!(
                "Writing rows: {} of {}",
                thousands((c + 1) * per_chunk),
                thousands(ROWS)
            ),
        );
        std::thread::sleep(pace());
    }
    file.flush()?;
    Ok(path)
}

/// The page, also used by the tests.
pub fn app() -> App {
    Blocks::new(|b| {
        b.title("Ferry: files made when clicked");
        b.markdown(
            "# Files made when clicked\nNothing below exists until you click. The file is made \
             on the server with its progress shown, and your browser saves it as soon as it is \
             ready, in the same click. Click again within ten minutes and you get the same file \
             at once; a broken download resumes without making it again.",
        );

        b.markdown("## A 200 MB CSV");
        b.add(
            DownloadButton::new("Download sensors.csv (200 MB)")
                .value_deferred(write_csv)
                .variant(Variant::Primary)
                .elem_id("big-csv"),
        );
        let status = b.add(Markdown::new("").elem_id("csv-status"));
        let clock = b.add(Timer::new(0.25).on_server(true));
        b.on(clock.tick(), (), status, |session: Session| {
            session.with_state(|e: &mut Exports| {
                format!(
                    "CSV exports started in this session: **{}** · cancelled: **{}**",
                    e.runs, e.cancelled
                )
            })
        });

        b.markdown("## A report from your session");
        let (title, note, add) = b.row(|r| {
            let title = r.add(
                Textbox::new("Report title")
                    .value("My notes")
                    .elem_id("title"),
            );
            let note = r.add(
                Textbox::new("Note")
                    .placeholder("Something to remember")
                    .elem_id("note"),
            );
            let add = r.add(Button::new("Add note").elem_id("add-note"));
            (title, note, add)
        });
        let added = b.add(Markdown::new("No notes yet.").elem_id("notes"));
        b.on(
            add.click(),
            note,
            (note, added),
            |session: Session, text: String| {
                let count = session.with_state(|notes: &mut Notes| {
                    if !text.trim().is_empty() {
                        notes.0.push(text.trim().to_owned());
                    }
                    notes.0.len()
                });
                (String::new(), format!("{count} note(s) in this session."))
            },
        );
        b.add(
            DownloadButton::new("Download report.md")
                .value_deferred(
                    |session: Session, progress: Progress, title: String| async move {
                        progress.describe("Gathering your notes");
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        let notes = session.state::<Notes>().unwrap_or_default().0;
                        let mut text = format!("# {title}\n\n");
                        for note in &notes {
                            text.push_str(&format!("- {note}\n"));
                        }
                        if notes.is_empty() {
                            text.push_str("(no notes)\n");
                        }
                        FileSource::text(text).file_name("report.md")
                    },
                )
                .inputs(title)
                .elem_id("report"),
        );

        b.markdown("## An export that fails");
        b.add(
            DownloadButton::new("Export from the archive")
                .value_deferred(|progress: Progress| async move {
                    progress.describe("Connecting to the archive");
                    tokio::time::sleep(Duration::from_millis(400)).await;
                    Err::<String, _>(ferry_ui::Error::new(
                        "The archive is offline: try again in a minute.",
                    ))
                })
                .variant(Variant::Stop)
                .elem_id("failing"),
        );

        b.markdown("## A file a handler prepares");
        let (rows, ready) = b.row(|r| {
            let rows = r.add(
                Slider::new("Rows", 10.0, 1000.0)
                    .step(10.0)
                    .value(100.0)
                    .elem_id("sample-rows"),
            );
            let ready = r.add(Button::new("Prepare sample.csv").elem_id("prepare-sample"));
            (rows, ready)
        });
        let sample = b.add(
            DownloadButton::new("Choose the rows, then prepare")
                .interactive(false)
                .elem_id("sample"),
        );
        // The handler gives the button a deferred file: nothing is written until it is clicked.
        b.on(ready.click(), rows, sample, |rows: f64| {
            let rows = rows as u64;
            DownloadButton::update()
                .label(format!("Download sample.csv ({rows} rows)"))
                .interactive(true)
                .value(
                    FileSource::deferred(move |progress: Progress| async move {
                        progress.describe("Writing the sample");
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        let mut out = HEADER.as_bytes().to_vec();
                        for i in 0..rows {
                            row(i, &mut out);
                        }
                        out
                    })
                    .file_name("sample.csv")
                    .mime_type("text/csv"),
                )
        });

        b.markdown("## A download a handler starts");
        let save = b.add(Button::new("Save my notes as notes.txt").elem_id("save-notes"));
        let sink = b.add(DownloadButton::new("").visible(false));
        b.on(save.click(), (), sink, |session: Session| {
            let notes = session.state::<Notes>().unwrap_or_default().0;
            download(FileSource::text(notes.join("\n") + "\n").file_name("notes.txt"))
        });
    })
}
