//! Handlers of every shape compile and wire: sync and async, 0 to 3 inputs, results.

use std::path::PathBuf;

use ferry_ui::prelude::*;

#[test]
fn sync_and_async_handlers_of_every_shape_wire_up() {
    let app = Blocks::new(|b| {
        let t = b.add(Textbox::new("t"));
        let d = b.add(DownloadButton::new("d"));
        let go = b.add(Button::new("go"));
        b.on(go.click(), (), t, || "x");
        b.on(go.click(), t, t, |s: String| s.to_uppercase());
        b.on(
            go.click(),
            t,
            t,
            |s: String| async move { s.to_lowercase() },
        );
        b.on(go.click(), (t, t), (t, d), |a: String, b: String| {
            (a + &b, NoChange)
        });
        b.on(go.click(), d, t, |p: Option<PathBuf>| format!("{p:?}"));
        b.on(go.click(), (), d, || {
            Ok::<_, std::io::Error>(PathBuf::from("Cargo.toml"))
        });
        b.on(go.click(), (), (), || async {});
        b.on(go.click(), (), d, || {
            DownloadButton::update().label("x").visible(false)
        });
    });
    assert!(ferry_ui::testing::render(&app).contains("\"download_button\""));
}
