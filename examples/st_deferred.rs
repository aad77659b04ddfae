//! Run with: cargo run --example st_deferred
//!
//! Streamlit's callable `data`, done as Ferry does it: a large CSV made only when the button is
//! clicked, from the rows and the station the page shows, with a progress bar and a cancel
//! control under the button, reading (and counting in) the session's state, and downloaded in
//! the same click. A second click while it is being made joins the run; a click on the same
//! page later gets the kept file at once; a change of a widget makes a new one.
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Duration;

use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// Each row of the CSV is this many bytes: `0000000042,north,   332.598\n`.
pub const ROW_BYTES: u64 = 30;
/// The CSV's header line.
pub const HEADER: &str = "id,station,reading\n";
/// The CSV is written in this many steps, each reporting its progress.
const STEPS: u64 = 50;

/// What this session's exports did: the function counts in it, the script shows it.
#[derive(Clone, Default)]
struct Exports {
    made: u32,
}

/// Row `i` of the CSV for `station`.
pub fn row(i: u64, station: &str) -> String {
    let milli = (i * 7919) % 1_000_003;
    format!(
        "{i:010},{station:<5},{:>8}.{:03}\n",
        milli / 1000,
        milli % 1000
    )
}

/// The pause after each step, so the bar can be watched (`FERRY_CSV_PACE_MS`, default 20 ms).
fn pace() -> Duration {
    let ms = std::env::var("FERRY_CSV_PACE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    Duration::from_millis(ms)
}

/// Writes `rows` rows for `station` in the run's scratch folder (removed by Ferry when the file
/// is no longer kept, or at once when the run is cancelled), reporting progress.
fn write_csv(
    rows: u64,
    station: &str,
    scratch: &Scratch,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<PathBuf, ferry_ui::Error> {
    let failed =
        |e: std::io::Error| ferry_ui::Error::new(format!("the CSV could not be written: {e}"));
    let path = scratch.path("readings.csv").map_err(failed)?;
    let mut out = BufWriter::new(std::fs::File::create(&path).map_err(failed)?);
    out.write_all(HEADER.as_bytes()).map_err(failed)?;
    let per_step = rows.div_ceil(STEPS).max(1);
    let mut written = 0;
    while written < rows {
        if cancel.is_cancelled() {
            return Err(ferry_ui::Error::new("cancelled"));
        }
        let end = (written + per_step).min(rows);
        for i in written..end {
            out.write_all(row(i, station).as_bytes()).map_err(failed)?;
        }
        written = end;
        progress.set(
            written as f64 / rows as f64,
            format!("Writing row {written} of {rows}"),
        );
        std::thread::sleep(pace());
    }
    out.flush().map_err(failed)?;
    Ok(path)
}

/// The script, also used by the tests.
pub fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.title("Station readings");
        let rows = ui
            .number_input("Rows", 2_000_000.0)
            .clamp(1.0, 20_000_000.0) as u64;
        let station = ui.selectbox("Station", ["north", "south", "east"], 0);
        let made = ui.with_state(|exports: &mut Exports| exports.made);
        ui.caption(format!(
            "{rows} rows, about {} MB, written only when you click. Exports this session: {made}.",
            (rows * ROW_BYTES + HEADER.len() as u64) / 1_000_000
        ));
        let csv = FileSource::deferred(
            move |session: Session, scratch: Scratch, progress: Progress, cancel: CancelToken| {
                let path = write_csv(rows, &station, &scratch, &progress, &cancel)?;
                let made = session.with_state(|exports: &mut Exports| {
                    exports.made += 1;
                    exports.made
                });
                Ok::<_, ferry_ui::Error>(
                    FileSource::path(path).file_name(format!("readings-{station}-{made}.csv")),
                )
            },
        )
        .mime_type("text/csv");
        ui.add(
            DownloadButton::new("Download readings.csv")
                .elem_id("readings")
                .value(csv)
                .variant(Variant::Primary)
                .icon(":material/download:"),
        );
    })
    .title("Station readings")
    .into_app()
}

fn main() {
    app().launch();
}
