//! Run with: cargo run --example st_download_csv
//!
//! Streamlit's first `st.download_button` example, "Download a dataframe as a CSV file", as a
//! Ferry script: a 50 × 20 table of random numbers, made once and cached for every session, is
//! shown with `dataframe` and offered as `data.csv`. As pandas' `to_csv()` does, the CSV starts
//! with the index as an unnamed column (0 … 49); the table shows it too, so the table's own
//! "Download as CSV" saves the very same bytes.
use ferry_ui::cache::DataCache;
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// A number from the standard normal distribution (numpy's `randn`), by Box–Muller.
fn randn() -> f64 {
    let u: f64 = 1.0 - rand::random::<f64>();
    let v: f64 = rand::random();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// `pd.DataFrame(np.random.randn(50, 20), columns=("col %d" % i for i in range(20)))`, with its
/// index as the first, unnamed column.
fn get_data() -> Table {
    let headers = std::iter::once(String::new()).chain((0..20).map(|i| format!("col {i}")));
    let rows =
        (0..50).map(|i| std::iter::once(Cell::Int(i)).chain((0..20).map(|_| Cell::Float(randn()))));
    Table::from_rows(headers, rows)
}

/// The script, also used by the tests.
pub fn app() -> App {
    let data: DataCache<(), Table> = DataCache::new();
    let csv: DataCache<(), Vec<u8>> = DataCache::new();
    ScriptApp::new(move |ui: &mut Ui| {
        let df = data.get(&(), |_| get_data());
        let bytes = csv.get(&(), |_| df.to_csv());
        ui.dataframe(df);
        ui.add(
            DownloadButton::new("Download CSV")
                .value(
                    FileSource::bytes(bytes)
                        .file_name("data.csv")
                        .mime_type("text/csv"),
                )
                .icon(":material/download:"),
        );
    })
    .title("Download a dataframe as CSV")
    .into_app()
}

fn main() {
    app().launch();
}
