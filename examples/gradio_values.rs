//! Run with: cargo run --example gradio_values
//!
//! Every component's value through Gradio's API: a picture (a file in, the same file out, and
//! its size), a table (in, and out with a total column), and the form widgets (text, number, checkbox, slider, dropdown) echoed back as
//! they came, so that `gradio_client` (tests/gradio_client/test_gradio_values.py) can check
//! each value's round trip. The page works in a browser too.
use std::path::PathBuf;

use ferry_ui::prelude::*;

/// The flower shipped beside the examples.
const FLOWER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/assets/flower.png");

fn main() {
    app().launch();
}

/// The page, also used by the tests.
pub fn app() -> App {
    Blocks::new(|b| {
        b.title("Gradio values");
        b.markdown("# Values through the API\nEach event echoes what it received.");
        b.row(|r| {
            let picture = r.add(
                Image::new(FileSource::path(FLOWER))
                    .label("Picture")
                    .elem_id("picture"),
            );
            let echoed = r.add(Image::empty().label("Echoed").elem_id("echoed"));
            let size = r.add(Number::new("Bytes").interactive(false).elem_id("size"));
            let mirror = r.add(Button::new("Echo the picture"));
            r.on(
                mirror.click(),
                picture,
                (echoed, size),
                |picture: Option<PathBuf>| {
                    let bytes = picture
                        .as_ref()
                        .and_then(|p| std::fs::metadata(p).ok())
                        .map_or(0, |m| m.len());
                    match picture {
                        Some(path) => (Image::update().value(FileSource::path(path)), bytes as f64),
                        None => (Image::update().caption("no picture"), 0.0),
                    }
                },
            )
            .api_name("picture");
        });
        b.row(|r| {
            let table = r.add(
                Dataframe::from_rows(["item", "count"], [vec![Cell::from("pens"), Cell::from(3)]])
                    .label("Table"),
            );
            let totals = r.add(Dataframe::empty().label("With totals"));
            let total = r.add(Button::new("Add a total"));
            r.on(total.click(), table, totals, |table: Table| {
                let sum: f64 = table
                    .rows()
                    .iter()
                    .filter_map(|row| match row.get(1) {
                        Some(Cell::Int(n)) => Some(*n as f64),
                        Some(Cell::Float(x)) => Some(*x),
                        _ => None,
                    })
                    .sum();
                let mut rows = table.into_rows();
                rows.push(vec![Cell::from("total"), Cell::Float(sum)]);
                Table::from_rows(["item", "count"], rows)
            })
            .api_name("table");
        });
        b.row(|r| {
            let text = r.add(Textbox::new("Text").value("hello"));
            let number = r.add(Number::new("Number").value(1.5));
            let tick = r.add(Checkbox::new("Tick"));
            let slider = r.add(Slider::new("Slider", 0.0, 10.0).step(0.5).value(2.0));
            let pick = r.add(Dropdown::new("Pick", ["red", "green", "blue"]).value("green"));
            let echo = r.add(Button::new("Echo the widgets"));
            let (text_out, number_out, tick_out, slider_out, pick_out) = (
                r.add(Textbox::new("Text echo").interactive(false)),
                r.add(Number::new("Number echo").interactive(false)),
                r.add(Checkbox::new("Tick echo").interactive(false)),
                r.add(
                    Slider::new("Slider echo", 0.0, 10.0)
                        .step(0.5)
                        .interactive(false),
                ),
                r.add(Dropdown::new("Pick echo", ["red", "green", "blue"]).interactive(false)),
            );
            let summary = r.add(Markdown::new(""));
            r.on(
                echo.click(),
                (text, number, tick, slider, pick),
                (
                    text_out, number_out, tick_out, slider_out, pick_out, summary,
                ),
                |text: String, number: f64, tick: bool, slider: f64, pick: String| {
                    let summary = format!("**{text}** {number} {tick} {slider} {pick}");
                    (text, number, tick, slider, pick, summary)
                },
            )
            .api_name("widgets");
        });
    })
}
