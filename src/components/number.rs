//! [`Number`]: a field for a number, with optional bounds, step and precision.

use serde_json::Value;

use crate::events::{InputContext, InputOf, OutValue, Output, OutputFor, RunError, Update};
use crate::runtime::Props;

use super::checkbox::{held_when_locked, label_of};
use super::first_paint::{escape, info_html, label_html};
use super::numeric;
use super::{
    common_setters, update_setters, Common, Component, Handle, HeldProps, Node, ScriptWidget,
    Trigger,
};

/// A field for a number: Gradio's `gr.Number`, Streamlit's `st.number_input`.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new)
/// - Content: [`value`](Self::value), [`empty`](Self::empty), [`info`](Self::info)
/// - Rules: [`minimum`](Self::minimum), [`maximum`](Self::maximum), [`step`](Self::step),
///   [`precision`](Self::precision)
/// - Appearance: [`interactive`](Self::interactive), [`visible`](Self::visible),
///   [`scale`](Self::scale), [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::change`](Handle::change), [`Handle::input`](Handle::input),
///   [`Handle::submit`](Handle::submit)
///
/// The server is the authority on the rules: a value from the page that is not a number, or is
/// below `minimum` or above `maximum`, is refused with a 400 and a message that names the field;
/// a value is rounded to `precision` before a handler sees it. A handler reads it as `f64`,
/// `i64` (refused unless whole), `Option<f64>` (an empty field is `None`) or `Value`.
///
/// `submit` fires when the user presses Enter and when an edit is committed by leaving the field
/// or with the step arrows (as Streamlit's `number_input` commits): a script reruns on it.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let age = b.add(Number::new("Age").value(30.0).minimum(0.0).maximum(120.0).precision(0));
///     let said = b.add(Textbox::new("Next year"));
///     b.on(age.submit(), age, said, |age: i64| format!("{}", age + 1));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("\"maximum\":120.0"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Number {
    label: String,
    value: Option<f64>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    step: f64,
    precision: Option<u32>,
    info: Option<String>,
    interactive: bool,
    common: Common,
}

impl Number {
    /// A field holding 0 with this label.
    pub fn new(label: impl Into<String>) -> Self {
        Number {
            label: label.into(),
            value: Some(0.0),
            minimum: None,
            maximum: None,
            step: 1.0,
            precision: None,
            info: None,
            interactive: true,
            common: Common::default(),
        }
    }

    /// Sets the number shown at first. Defaults to 0.
    #[must_use = "a setter returns the changed component"]
    pub fn value(mut self, value: f64) -> Self {
        self.value = Some(value).filter(|v| v.is_finite());
        self
    }

    /// Starts with an empty field (a handler's `Option<f64>` reads `None`). Defaults to 0.
    #[must_use = "a setter returns the changed component"]
    pub fn empty(mut self) -> Self {
        self.value = None;
        self
    }

    /// Sets the smallest number the server accepts. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn minimum(mut self, minimum: f64) -> Self {
        self.minimum = Some(minimum);
        self
    }

    /// Sets the largest number the server accepts. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn maximum(mut self, maximum: f64) -> Self {
        self.maximum = Some(maximum);
        self
    }

    /// Sets how much the arrow keys and step buttons add or take. Defaults to 1.
    #[must_use = "a setter returns the changed component"]
    pub fn step(mut self, step: f64) -> Self {
        if step > 0.0 && step.is_finite() {
            self.step = step;
        }
        self
    }

    /// Rounds the number to this many decimal places before a handler sees it; 0 makes it an
    /// integer. Defaults to none (no rounding).
    #[must_use = "a setter returns the changed component"]
    pub fn precision(mut self, places: u32) -> Self {
        self.precision = Some(places.min(15));
        self
    }

    /// Sets a line of help under the label. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn info(mut self, info: impl Into<String>) -> Self {
        self.info = Some(info.into());
        self
    }

    /// With `false` the field is read-only. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    common_setters!();

    /// An update for a number field, returned by a handler to change its properties.
    pub fn update() -> NumberUpdate {
        NumberUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Number {
    const TYPE: &'static str = "number";

    /// Gradio's `Number` in the API: A number.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new(Self::TYPE, "Number")
            .schema(serde_json::json!({"type": "number"}))
            .python_type("float")
    }

    /// Reruns a script on Enter, and when an edit is committed (leaving the field, the arrows).
    fn script_widget() -> Option<ScriptWidget> {
        Some(ScriptWidget {
            rerun_on: "submit",
            has_value: true,
        })
    }

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("label", self.label)
            .prop("value", self.value)
            .prop("minimum", self.minimum)
            .prop("maximum", self.maximum)
            .prop("step", self.step)
            .prop("precision", self.precision)
            .prop("info", self.info)
            .prop("interactive", self.interactive)
    }

    async fn value_props(value: OutValue, _: super::OutputContext) -> Result<Props, RunError> {
        let value = match value {
            OutValue::Json(Value::Number(n)) => Value::Number(n),
            OutValue::Null => Value::Null,
            other => return Err(super::cannot_show(Self::TYPE, &other)),
        };
        Ok(Props::from_iter([("value".to_owned(), value)]))
    }

    /// A number within the bounds, rounded to the precision, or `null` for an empty field; the
    /// held value for a field declared not interactive.
    fn input_value(page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        if let Some(value) = held_when_locked(held) {
            return Ok(value);
        }
        if page.is_null() {
            return Ok(page);
        }
        let what = label_of(held, "number");
        let value = numeric::number(&page, &what)?;
        numeric::in_range(value, held, &what)?;
        Ok(numeric::rounded(value, held))
    }

    fn first_paint(props: &Props, _: &str) -> Option<String> {
        let mut attrs = String::new();
        for name in ["value", "minimum", "maximum", "step"] {
            if let Some(n) = props.get(name).and_then(Value::as_f64) {
                let attr = match name {
                    "minimum" => "min",
                    "maximum" => "max",
                    other => other,
                };
                attrs.push_str(&format!(" {attr}=\"{}\"", numeric::show(n)));
            }
        }
        if props.get("interactive") == Some(&Value::Bool(false)) {
            attrs.push_str(" disabled");
        }
        let label = super::prop_text(props, "label", "");
        let inner = format!(
            "{}{}<input type=\"number\" class=\"ferry-input\" aria-label=\"{}\"{attrs}>",
            label_html(props),
            info_html(props),
            escape(label)
        );
        Some(super::first_paint_outer(Self::TYPE, props, "", &inner))
    }
}

impl InputOf<Number> for f64 {}
impl InputOf<Number> for i64 {}
impl InputOf<Number> for Option<f64> {}
impl InputOf<Number> for Value {}
impl crate::events::DefaultInput for Number {
    type Input = f64;
}
crate::events::update_output!(NumberUpdate => Number);

/// The JSON of a number a handler returned, or the error for one JSON cannot hold.
pub(crate) fn number_output(value: f64, wire_type: &str) -> Result<Output, RunError> {
    if !value.is_finite() {
        return Err(RunError::Output(format!(
            "a {wire_type} cannot show {value}"
        )));
    }
    Ok(Output::Value(OutValue::Json(value.into())))
}

impl OutputFor<Number> for f64 {
    fn into_output(self) -> Result<Output, RunError> {
        number_output(self, Number::TYPE)
    }
}

impl OutputFor<Number> for i64 {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(Output::Value(OutValue::Json(self.into())))
    }
}

impl Handle<Number> {
    /// Fires when the number changes, by the user or by an update.
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }

    /// Fires as the user types.
    pub fn input(&self) -> Trigger {
        self.trigger("input")
    }

    /// Fires on Enter, and when the user leaves the field after an edit or steps it.
    pub fn submit(&self) -> Trigger {
        self.trigger("submit")
    }
}

/// New properties for a [`Number`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct NumberUpdate(pub(crate) Update);

impl NumberUpdate {
    /// Changes the number.
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, value: f64) -> Self {
        self.0.set_value(OutValue::Json(value.into()));
        self
    }

    /// Changes the label.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set("label", label.into());
        self
    }

    /// Changes the smallest number accepted.
    #[must_use = "a setter returns the changed update"]
    pub fn minimum(mut self, minimum: f64) -> Self {
        self.0.set("minimum", minimum);
        self
    }

    /// Changes the largest number accepted.
    #[must_use = "a setter returns the changed update"]
    pub fn maximum(mut self, maximum: f64) -> Self {
        self.0.set("maximum", maximum);
        self
    }

    /// Makes the field editable or read-only.
    #[must_use = "a setter returns the changed update"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.0.set("interactive", interactive);
        self
    }

    update_setters!();
}
