//! Run with: cargo run --example big_table
//!
//! A table of 100,000 readings shown with `dataframe` in a script: the page draws only the rows
//! in view (and a margin), so it shows at once and scrolls smoothly; a click on a header sorts
//! every row; "Download as CSV" saves them all. The table is made once and cached for every
//! session.
use ferry_ui::cache::DataCache;
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// How many rows the table has.
pub const ROWS: u64 = 100_000;

/// Reading `i`: a number that jumps about, the same every time (`(i * 7919) mod 10007` / 10).
pub fn reading(i: u64) -> f64 {
    ((i * 7919) % 10_007) as f64 / 10.0
}

/// The table: id, sensor, reading, and whether the reading is in range.
fn readings() -> Table {
    Table::from_columns([
        ("id", (0..ROWS).collect::<Cells>()),
        (
            "sensor",
            (0..ROWS).map(|i| format!("sensor-{:02}", i % 16)).collect(),
        ),
        ("reading", (0..ROWS).map(reading).collect()),
        ("in range", (0..ROWS).map(|i| reading(i) < 900.0).collect()),
    ])
}

/// The script, also used by the tests.
pub fn app() -> App {
    let table: DataCache<(), Table> = DataCache::new();
    ScriptApp::new(move |ui: &mut Ui| {
        ui.title("100,000 readings");
        ui.caption("Only the rows in view are drawn: scroll, sort by a header, or save them all.");
        let readings = table.get(&(), |_| readings());
        ui.add(Dataframe::new(readings).label("Readings").height(480));
    })
    .title("A big table")
    .into_app()
}

fn main() {
    app().launch();
}
