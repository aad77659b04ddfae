//! Run with: cargo run --example custom_component
//!
//! A component written outside Ferry: a star rating, with its Rust side (the `Component` trait)
//! and its few lines of front end (`ferry.register`), wired to Ferry's own components.
use ferry_ui::components::{Component, Node};
use ferry_ui::events::{DefaultInput, InputOf, OutValue, Output, OutputFor, RunError};
use ferry_ui::prelude::*;

/// From 0 to 5 stars; the user clicks one to rate.
pub struct Rating {
    stars: u8,
    label: String,
    elem_id: Option<String>,
}

impl Rating {
    /// A rating with this label and no stars.
    pub fn new(label: impl Into<String>) -> Self {
        Rating {
            stars: 0,
            label: label.into(),
            elem_id: None,
        }
    }

    /// Sets the DOM `id` of the rating, as every component's `elem_id`.
    pub fn elem_id(mut self, id: impl Into<String>) -> Self {
        self.elem_id = Some(id.into());
        self
    }
}

/// The front end: draws five buttons; a click sets the value (which fires `input` and
/// `change`).
const RATING_JS: &str = r#"
ferry.register("rating", {
  render(el, props, ctx) {
    el.replaceChildren();
    const label = document.createElement("span");
    label.className = "rating-label";
    label.textContent = String(props.label ?? "");
    el.append(label);
    for (let n = 1; n <= 5; n++) {
      const star = document.createElement("button");
      star.type = "button";
      star.textContent = n <= Number(props.value) ? "★" : "☆";
      star.setAttribute("aria-label", `${n} star${n > 1 ? "s" : ""}`);
      star.setAttribute("aria-pressed", String(n <= Number(props.value)));
      star.style.cssText = "font-size:1.6rem;background:none;border:0;cursor:pointer;color:#e8a400";
      star.onclick = () => ctx.setValue(n);
      el.append(star);
    }
  },
});
"#;

impl Component for Rating {
    const TYPE: &'static str = "rating";

    fn into_node(self) -> Node {
        Node::of::<Self>()
            .prop("value", self.stars)
            .prop("label", self.label)
            .prop("elem_id", self.elem_id)
    }

    fn script() -> Option<&'static str> {
        Some(RATING_JS)
    }
}

/// A handler may return a number of stars for a rating output.
impl OutputFor<Rating> for u8 {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(Output::Value(OutValue::Json(self.min(5).into())))
    }
}

/// A handler may take a rating's value as an integer, and does unless it says otherwise.
impl InputOf<Rating> for i64 {}

impl DefaultInput for Rating {
    type Input = i64;
}

/// The rating's events.
pub trait RatingEvents {
    /// Fires when the user picks a number of stars (not when a handler sets it).
    fn input(&self) -> ferry_ui::components::Trigger;
    /// Fires whenever the number of stars changes, by the user or by a handler.
    fn change(&self) -> ferry_ui::components::Trigger;
}

impl RatingEvents for Handle<Rating> {
    fn input(&self) -> ferry_ui::components::Trigger {
        self.trigger("input")
    }

    fn change(&self) -> ferry_ui::components::Trigger {
        self.trigger("change")
    }
}

fn app() -> App {
    Blocks::new(|b| {
        b.title("Custom component");
        b.markdown("# Rate Ferry\nA component made outside Ferry, wired like Ferry's own.");
        let rating = b.add(Rating::new("Your rating").elem_id("rating"));
        let said = b.add(Textbox::new("You said").elem_id("said"));
        let reset = b.add(Button::new("Reset").elem_id("reset"));
        // `stars` is an `i64`: the rating's default input, inferred.
        b.event(rating.input(), rating, said)
            .run(|stars| format!("{stars} star{}", if stars == 1 { "" } else { "s" }));
        b.on(reset.click(), (), (rating, said), || (0u8, "no stars yet"));
    })
}

fn main() {
    app().launch();
}
