//! Run with: cargo run --example button_icons
//!
//! Streamlit's button icons in the script style: an emoji, Material Symbols (drawn from the font
//! Ferry embeds, fetched only by pages that show one) on the left or right of the label, and a
//! spinner, and an image file; a mistaken icon name is shown under its button.
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// The script, also used by the tests.
pub fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.title("Button icons");
        ui.row(|ui| {
            if ui.add(Button::new("Hot").icon("🔥")).clicked() {
                ui.with_state(|n: &mut u32| *n += 1);
            }
            ui.add(
                DownloadButton::new("Download report")
                    .value(FileSource::text("day,sales\nMon,3\n").file_name("report.csv"))
                    .icon(":material/download:")
                    .variant(Variant::Primary),
            );
            let liked = ui.add(
                Button::new("Like")
                    .icon(":material/thumb_up:")
                    .icon_position(IconPosition::Right),
            );
            if liked.clicked() {
                ui.with_state(|n: &mut u32| *n += 1);
            }
            ui.add(Button::new("Working").icon("spinner").interactive(false));
        });
        let clicks = ui.with_state(|n: &mut u32| *n);
        ui.markdown(format!("Clicked {clicks} time(s)."));
        ui.subheader("Sizes and variants");
        ui.row(|ui| {
            ui.add(
                Button::new("Settings")
                    .icon(":material/settings:")
                    .size(Size::Sm),
            );
            ui.add(
                Button::new("Search")
                    .icon(":material/search:")
                    .size(Size::Md),
            );
            ui.add(
                Button::new("Launch")
                    .icon(":material/rocket_launch:")
                    .variant(Variant::Primary),
            );
            ui.add(
                Button::new("Delete")
                    .icon(":material/delete:")
                    .variant(Variant::Stop),
            );
            ui.add(
                Button::new("Star")
                    .icon("⭐")
                    .icon_position(IconPosition::Right),
            );
            // An image file: published for the session, as the script's other files.
            ui.add(Button::new("Flower").icon("examples/assets/flower.png"));
        });
        ui.subheader("A mistake, shown in place");
        ui.add(Button::new("Thumbs").icon(":material/thumbs_up:"));
    })
    .title("Button icons")
    .into_app()
}

fn main() {
    app().launch();
}
