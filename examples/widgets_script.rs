//! Run with: cargo run --example widgets_script
//!
//! The form widgets in the script style (Streamlit's `st.checkbox`, `st.number_input`,
//! `st.slider`, `st.selectbox`, `st.multiselect`): each interaction reruns the script, which reads every widget's
//! value and writes them on one line.
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};

/// The script, also used by the tests.
pub fn app() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        ui.markdown("# Widgets in a script");
        let subscribed = ui.checkbox("Subscribe", false);
        let copies = ui.add(
            Number::new("Copies")
                .value(1.0)
                .minimum(1.0)
                .maximum(10.0)
                .precision(0),
        );
        let copies = copies.number().unwrap_or(1.0);
        let level = ui.slider("Level", 0.0, 10.0, 3.0);
        let fruit = ui.selectbox("Fruit", ["Apple", "Pear", "Cherry"], 1);
        let extras = ui.multiselect("Extras", ["Sugar", "Milk", "Lemon"], ["Milk"]);
        ui.markdown(format!(
            "Subscribed: **{subscribed}** · Copies: **{copies}** · Level: **{level}** · Fruit: **{fruit}** · Extras: **{}**",
            extras.join(", ")
        ));
        if subscribed {
            ui.markdown("Thanks for subscribing.");
        }
    })
    .title("Ferry widgets script")
    .into_app()
}

fn main() {
    app().launch();
}
