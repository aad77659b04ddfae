//! The form widgets over HTTP: the server takes from the page only values within each widget's
//! rules (a checkbox's boolean, a number's bounds and precision, a slider's range and step, a
//! dropdown's choices as the session holds them) and answers anything else with a 400 that names
//! the widget; a widget declared not interactive keeps the server's value; handlers read and
//! return the typed values in both styles.
#![allow(clippy::unwrap_used)]

mod common;

use common::{by_elem_id, update_for, Running};
use ferry_ui::prelude::*;
use ferry_ui::script::{ScriptApp, Ui};
use serde_json::{json, Value};

fn app() -> App {
    Blocks::new(|b| {
        let agree = b.add(Checkbox::new("Agree").elem_id("agree"));
        let locked = b.add(
            Checkbox::new("Locked")
                .value(true)
                .interactive(false)
                .elem_id("locked"),
        );
        let age = b.add(
            Number::new("Age")
                .minimum(0.0)
                .maximum(120.0)
                .precision(0)
                .elem_id("age"),
        );
        let maybe = b.add(Number::new("Maybe").empty().elem_id("maybe"));
        let volume = b.add(Slider::new("Volume", 0.0, 10.0).step(0.5).elem_id("volume"));
        let fruit =
            b.add(Dropdown::new("Fruit", [("Apple", "apple"), ("Pear", "pear")]).elem_id("fruit"));
        let many = b.add(
            Dropdown::new("Many", ["a", "b", "c"])
                .multiselect(true)
                .max_choices(2)
                .elem_id("many"),
        );
        let out = b.add(Textbox::new("Out").elem_id("out"));
        let go = b.add(Button::new("Go"));
        // 0
        b.on(go.click(), (agree, locked), out, |a: bool, l: bool| {
            format!("{a} {l}")
        });
        // 1
        b.on(go.click(), (age, maybe), out, |a: i64, m: Option<f64>| {
            format!("{a} {m:?}")
        });
        // 2
        b.on(go.click(), volume, out, |v: f64| format!("{v}"));
        // 3
        b.on(go.click(), fruit, out, |f: String| f);
        // 4
        b.on(go.click(), many, out, |m: Vec<String>| m.join("+"));
        // 5: new choices for this session
        b.on(go.click(), (), fruit, || {
            Dropdown::update().choices([("Kiwi", "kiwi")]).value("kiwi")
        });
        // 6: typed outputs
        b.on(go.click(), (), (agree, volume, age, many), || {
            (true, 7.5, 33_i64, vec!["b".to_owned()])
        });
        // 7: locks a box the user may have changed
        b.on(go.click(), (), agree, || {
            Checkbox::update().interactive(false)
        });
    })
}

async fn refused(server: &Running, page: &Value, dep: usize, data: Value) -> String {
    let (status, body) = server.run(page, dep, data.clone()).await;
    assert_eq!(status, 400, "{data} was taken: {body}");
    body.to_string()
}

async fn echo(server: &Running, page: &Value, dep: usize, data: Value) -> Value {
    let (status, body) = server.run(page, dep, data.clone()).await;
    assert_eq!(status, 200, "{data}: {body}");
    let out = by_elem_id(&page["root"], "out").unwrap()["id"]
        .as_u64()
        .unwrap();
    update_for(&body, out)["value"].clone()
}

#[tokio::test]
async fn a_checkbox_takes_only_a_boolean_and_a_locked_one_keeps_the_servers_value() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    assert_eq!(
        echo(&server, &page, 0, json!([true, true])).await,
        "true true"
    );
    // The locked box is ticked on the server: the page's `false` is not the user's.
    assert_eq!(
        echo(&server, &page, 0, json!([false, false])).await,
        "false true"
    );
    // Locked by an update after the user could change it: the page's value is the user's.
    let (status, _) = server.run(&page, 7, json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(
        echo(&server, &page, 0, json!([true, false])).await,
        "true true"
    );
    let message = refused(&server, &page, 0, json!(["yes", true])).await;
    assert!(
        message.contains("“Agree”: expected true or false, got text"),
        "{message}"
    );
}

#[tokio::test]
async fn a_number_is_kept_within_its_bounds_and_rounded_to_its_precision() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    assert_eq!(
        echo(&server, &page, 1, json!([41.6, null])).await,
        "42 None"
    );
    assert_eq!(
        echo(&server, &page, 1, json!([120, 2.5])).await,
        "120 Some(2.5)"
    );
    let above = refused(&server, &page, 1, json!([121, null])).await;
    assert!(
        above.contains("“Age”: 121 is above the maximum 120"),
        "{above}"
    );
    let below = refused(&server, &page, 1, json!([-0.5, null])).await;
    assert!(
        below.contains("“Age”: -0.5 is below the minimum 0"),
        "{below}"
    );
    let text = refused(&server, &page, 1, json!(["12", null])).await;
    assert!(
        text.contains("“Age”: expected a number, got text"),
        "{text}"
    );
}

#[tokio::test]
async fn a_slider_takes_only_values_in_its_range_and_on_its_steps() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    assert_eq!(echo(&server, &page, 2, json!([9.5])).await, "9.5");
    assert_eq!(echo(&server, &page, 2, json!([0])).await, "0");
    let off = refused(&server, &page, 2, json!([2.25])).await;
    assert!(
        off.contains("“Volume”: 2.25 is not 0 plus a multiple of the step 0.5"),
        "{off}"
    );
    let above = refused(&server, &page, 2, json!([10.5])).await;
    assert!(
        above.contains("“Volume”: 10.5 is above the maximum 10"),
        "{above}"
    );
    let none = refused(&server, &page, 2, json!([null])).await;
    assert!(
        none.contains("“Volume”: expected a number, got null"),
        "{none}"
    );
}

#[tokio::test]
async fn a_dropdown_takes_only_the_choices_the_session_holds() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    assert_eq!(echo(&server, &page, 3, json!(["pear"])).await, "pear");
    let unknown = refused(&server, &page, 3, json!(["../../etc/passwd"])).await;
    assert!(
        unknown.contains(r#"“Fruit”: \"../../etc/passwd\" is not one of the choices"#),
        "{unknown}"
    );
    // A label is shown, not taken.
    refused(&server, &page, 3, json!(["Apple"])).await;
    // A handler gives this session new choices: the old ones are refused, the new one taken.
    let (status, _) = server.run(&page, 5, json!([])).await;
    assert_eq!(status, 200);
    refused(&server, &page, 3, json!(["pear"])).await;
    assert_eq!(echo(&server, &page, 3, json!(["kiwi"])).await, "kiwi");
    // Another session still has the declared choices.
    let other = server.session().await;
    assert_eq!(echo(&server, &other, 3, json!(["apple"])).await, "apple");
    refused(&server, &other, 3, json!(["kiwi"])).await;
}

#[tokio::test]
async fn a_multiselect_takes_distinct_choices_up_to_its_maximum() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    assert_eq!(echo(&server, &page, 4, json!([["c", "a"]])).await, "c+a");
    assert_eq!(echo(&server, &page, 4, json!([[]])).await, "");
    let three = refused(&server, &page, 4, json!([["a", "b", "c"]])).await;
    assert!(
        three.contains("“Many”: at most 2 choices, got 3"),
        "{three}"
    );
    let twice = refused(&server, &page, 4, json!([["a", "a"]])).await;
    assert!(
        twice.contains("“Many”: \\\"a\\\" is chosen twice"),
        "{twice}"
    );
    let unknown = refused(&server, &page, 4, json!([["a", "z"]])).await;
    assert!(unknown.contains("is not one of the choices"), "{unknown}");
    let one = refused(&server, &page, 4, json!(["a"])).await;
    assert!(
        one.contains("“Many”: expected a list of choices, got text"),
        "{one}"
    );
}

#[tokio::test]
async fn handlers_return_typed_values_that_become_the_widgets_values() {
    let server = Running::start(app()).await;
    let page = server.session().await;
    let (status, body) = server.run(&page, 6, json!([])).await;
    assert_eq!(status, 200, "{body}");
    let id = |elem: &str| {
        by_elem_id(&page["root"], elem).unwrap()["id"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(update_for(&body, id("agree"))["value"], true);
    assert_eq!(update_for(&body, id("volume"))["value"], 7.5);
    assert_eq!(update_for(&body, id("age"))["value"], 33);
    assert_eq!(update_for(&body, id("many"))["value"], json!(["b"]));
}

#[tokio::test]
async fn the_first_paint_draws_each_widget_with_its_label_and_value() {
    let server = Running::start(app()).await;
    let page = server.get("/").await.text().await.unwrap();
    assert!(
        page.contains("<input type=\"checkbox\" checked disabled><span>Locked</span>"),
        "{page}"
    );
    assert!(
        page.contains("type=\"range\" class=\"ferry-range\" aria-label=\"Volume\" min=\"0\" max=\"10\" step=\"0.5\" value=\"0\""),
        "{page}"
    );
    assert!(
        page.contains(
            "<option value=\"apple\" selected>Apple</option><option value=\"pear\">Pear</option>"
        ),
        "{page}"
    );
}

fn script() -> App {
    ScriptApp::new(|ui: &mut Ui| {
        let on = ui.checkbox("On", false);
        let n = ui.number_input("N", 2.0);
        let level = ui.slider("Level", 0.0, 5.0, 1.0);
        let fruit = ui.selectbox("Fruit", ["Apple", "Pear"], 1);
        let extras = ui.multiselect("Extras", ["x", "y"], ["y"]).join("+");
        ui.markdown(format!("{on} {n} {level} {fruit} {extras}"));
    })
    .into_app()
}

fn script_line(page: &Value) -> String {
    page["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["type"] == "markdown")
        .map(|w| w["props"]["html"].as_str().unwrap().to_owned())
        .unwrap()
}

fn widget_id(page: &Value, kind: &str) -> u64 {
    page["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["type"] == kind)
        .unwrap()["id"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn script_widgets_return_their_values_and_rerun_on_their_events() {
    let server = Running::start(script()).await;
    let page = server.session().await;
    assert_eq!(script_line(&page), "<p>false 2 1 Pear y</p>\n");
    let interact = |id: u64, event: &str, data: Value| {
        server.run_raw(json!({
            "session": page["session"], "dependency": id, "trigger": [id, event], "data": data
        }))
    };
    let on = widget_id(&page, "checkbox");
    let (status, answer) = interact(on, "change", json!([true, 2, 1, "Pear", ["y"]])).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(script_line(&answer["page"]), "<p>true 2 1 Pear y</p>\n");
    let n = widget_id(&page, "number");
    let (status, answer) = interact(n, "submit", json!([true, 7.5, 1, "Pear", ["y"]])).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(script_line(&answer["page"]), "<p>true 7.5 1 Pear y</p>\n");
    let level = widget_id(&page, "slider");
    let (status, answer) =
        interact(level, "change", json!([true, 7.5, 4, "Apple", ["x", "y"]])).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        script_line(&answer["page"]),
        "<p>true 7.5 4 Apple x+y</p>\n"
    );
    // The slider reruns on change, not while dragging.
    let (status, _) = interact(level, "input", json!([true, 7.5, 4, "Apple", ["x", "y"]])).await;
    assert_eq!(status, 409);
    // Values outside the widgets' rules are refused, and the script keeps the last good ones.
    let fruit = widget_id(&page, "dropdown");
    let (status, body) = interact(fruit, "change", json!([true, 7.5, 4, "Kiwi", []])).await;
    assert_eq!(status, 400);
    assert!(
        body.to_string()
            .contains(r#"“Fruit”: \"Kiwi\" is not one of the choices"#),
        "{body}"
    );
    let (status, body) = interact(level, "change", json!([true, 7.5, 6, "Apple", []])).await;
    assert_eq!(status, 400);
    assert!(
        body.to_string()
            .contains("“Level”: 6 is above the maximum 5"),
        "{body}"
    );
    let (status, answer) = interact(on, "change", json!([false, 7.5, 4, "Apple", ["x"]])).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(script_line(&answer["page"]), "<p>false 7.5 4 Apple x</p>\n");
}
