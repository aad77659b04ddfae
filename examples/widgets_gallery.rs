//! Run with: cargo run --example widgets_gallery
//!
//! The form widgets in the Blocks style, one row each: a Checkbox, a Number with bounds and
//! precision, a Slider with a step (its value while dragging and on release) and Dropdowns (one
//! choice of labelled values, and a multiselect); each handler echoes what it received into a
//! Textbox, so the page shows exactly what the server handed it.
use ferry_ui::prelude::*;

fn main() {
    app().launch();
}

/// The gallery, also used by the browser tests.
pub fn app() -> App {
    Blocks::new(|b| {
        b.title("Ferry widgets gallery");
        b.markdown(
            "# Widgets gallery\nEach widget's handler echoes the value it received; the server \
             refuses values outside a widget's rules.",
        );

        b.row(|r| {
            let subscribe = r.add(
                Checkbox::new("Subscribe")
                    .info("We send one letter a month.")
                    .elem_id("checkbox"),
            );
            let echo = r.add(
                Textbox::new("Checkbox echo")
                    .interactive(false)
                    .elem_id("checkbox-echo"),
            );
            r.on(subscribe.change(), subscribe, echo, |on: bool| {
                format!("subscribed: {on}")
            });
        });

        b.row(|r| {
            let age = r.add(
                Number::new("Age")
                    .value(30.0)
                    .minimum(0.0)
                    .maximum(120.0)
                    .precision(0)
                    .info("From 0 to 120; Enter or leaving the field sends it.")
                    .elem_id("number"),
            );
            let echo = r.add(
                Textbox::new("Number echo")
                    .interactive(false)
                    .elem_id("number-echo"),
            );
            r.on(age.submit(), age, echo, |age: i64| format!("age: {age}"));
        });

        b.row(|r| {
            let volume = r.add(
                Slider::new("Volume", 0.0, 10.0)
                    .value(5.0)
                    .step(0.5)
                    .info("Steps of 0.5.")
                    .elem_id("slider"),
            );
            let live = r.add(
                Textbox::new("While dragging")
                    .interactive(false)
                    .elem_id("slider-live"),
            );
            let echo = r.add(
                Textbox::new("On release")
                    .interactive(false)
                    .elem_id("slider-echo"),
            );
            r.on(volume.input(), volume, live, |v: f64| {
                format!("volume: {v}")
            });
            r.on(volume.release(), volume, echo, |v: f64| {
                format!("volume: {v}")
            });
        });

        b.row(|r| {
            let fruit = r.add(
                Dropdown::new(
                    "Fruit",
                    [
                        ("Green apple", "apple"),
                        ("Pear", "pear"),
                        ("Cherry", "cherry"),
                    ],
                )
                .info("The label is shown; the handler gets the value.")
                .elem_id("dropdown"),
            );
            let echo = r.add(
                Textbox::new("Dropdown echo")
                    .interactive(false)
                    .elem_id("dropdown-echo"),
            );
            r.on(fruit.change(), fruit, echo, |fruit: String| {
                format!("fruit: {fruit}")
            });
        });

        b.row(|r| {
            let toppings = r.add(
                Dropdown::new("Toppings", ["Cream", "Nuts", "Honey"])
                    .multiselect(true)
                    .max_choices(2)
                    .info("Up to two.")
                    .elem_id("multiselect"),
            );
            let echo = r.add(
                Textbox::new("Multiselect echo")
                    .interactive(false)
                    .elem_id("multiselect-echo"),
            );
            r.on(toppings.change(), toppings, echo, |chosen: Vec<String>| {
                format!("toppings: {}", chosen.join(", "))
            });
        });
    })
}
