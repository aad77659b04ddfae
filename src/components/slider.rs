//! [`Slider`]: a number picked by dragging a handle between a minimum and a maximum.

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

/// A number picked by dragging a handle (or with the arrow keys) between a minimum and a
/// maximum: Gradio's `gr.Slider`, Streamlit's `st.slider`.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new)
/// - Content: [`value`](Self::value), [`info`](Self::info)
/// - Rules: [`minimum`](Self::minimum), [`maximum`](Self::maximum), [`step`](Self::step)
/// - Appearance: [`interactive`](Self::interactive), [`visible`](Self::visible),
///   [`scale`](Self::scale), [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::change`](Handle::change), [`Handle::input`](Handle::input),
///   [`Handle::release`](Handle::release)
///
/// The server refuses (400, naming the slider) a value from the page that is not a number, is
/// outside `minimum..=maximum`, or is not `minimum` plus a whole number of steps. A handler
/// reads it as `f64`, `i64` (refused unless whole) or `Value`.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let volume = b.add(Slider::new("Volume", 0.0, 11.0).value(5.0).step(0.5));
///     let said = b.add(Textbox::new("Volume is"));
///     b.on(volume.release(), volume, said, |v: f64| format!("{v}"));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("\"maximum\":11.0"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Slider {
    label: String,
    minimum: f64,
    maximum: f64,
    step: f64,
    value: Option<f64>,
    info: Option<String>,
    interactive: bool,
    common: Common,
}

impl Slider {
    /// A slider from `minimum` to `maximum` (swapped when given the wrong way round), with this
    /// label, at its minimum, in steps of 1.
    pub fn new(label: impl Into<String>, minimum: f64, maximum: f64) -> Self {
        let (minimum, maximum) = if minimum <= maximum {
            (minimum, maximum)
        } else {
            (maximum, minimum)
        };
        Slider {
            label: label.into(),
            minimum,
            maximum,
            step: 1.0,
            value: None,
            info: None,
            interactive: true,
            common: Common::default(),
        }
    }

    /// Sets where the handle starts (kept within the bounds). Defaults to the minimum.
    #[must_use = "a setter returns the changed component"]
    pub fn value(mut self, value: f64) -> Self {
        self.value = Some(value).filter(|v| v.is_finite());
        self
    }

    /// Changes the smallest value. Defaults to the constructor's.
    #[must_use = "a setter returns the changed component"]
    pub fn minimum(mut self, minimum: f64) -> Self {
        self.minimum = minimum;
        self
    }

    /// Changes the largest value. Defaults to the constructor's.
    #[must_use = "a setter returns the changed component"]
    pub fn maximum(mut self, maximum: f64) -> Self {
        self.maximum = maximum;
        self
    }

    /// Sets the distance between two values the handle can take. Defaults to 1.
    #[must_use = "a setter returns the changed component"]
    pub fn step(mut self, step: f64) -> Self {
        if step > 0.0 && step.is_finite() {
            self.step = step;
        }
        self
    }

    /// Sets a line of help under the label. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn info(mut self, info: impl Into<String>) -> Self {
        self.info = Some(info.into());
        self
    }

    /// With `false` the handle cannot be moved. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    common_setters!();

    /// An update for a slider, returned by a handler to change its properties.
    pub fn update() -> SliderUpdate {
        SliderUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Slider {
    const TYPE: &'static str = "slider";

    /// Gradio's `Slider` in the API: A number in the slider's range.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new(Self::TYPE, "Slider")
            .schema(serde_json::json!({"type": "number"}))
            .python_type("float")
    }

    /// Reruns a script when the user lets go of the handle, or steps it with a key.
    fn script_widget() -> Option<ScriptWidget> {
        Some(ScriptWidget {
            rerun_on: "change",
            has_value: true,
        })
    }

    fn into_node(self) -> Node {
        let value = self
            .value
            .unwrap_or(self.minimum)
            .clamp(self.minimum, self.maximum.max(self.minimum));
        Node::new::<Self>(&self.common)
            .prop("label", self.label)
            .prop("value", value)
            .prop("minimum", self.minimum)
            .prop("maximum", self.maximum)
            .prop("step", self.step)
            .prop("info", self.info)
            .prop("interactive", self.interactive)
    }

    async fn value_props(value: OutValue, _: super::OutputContext) -> Result<Props, RunError> {
        let value = match value {
            OutValue::Json(Value::Number(n)) => Value::Number(n),
            other => return Err(super::cannot_show(Self::TYPE, &other)),
        };
        Ok(Props::from_iter([("value".to_owned(), value)]))
    }

    /// A number within the bounds and on the steps; the held value when declared not interactive.
    fn input_value(page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        if let Some(value) = held_when_locked(held) {
            return Ok(value);
        }
        let what = label_of(held, "slider");
        let value = numeric::number(&page, &what)?;
        numeric::in_range(value, held, &what)?;
        numeric::on_step(value, held, &what)?;
        Ok(page)
    }

    fn first_paint(props: &Props, _: &str) -> Option<String> {
        let number = |name: &str| props.get(name).and_then(Value::as_f64).unwrap_or(0.0);
        let disabled = if props.get("interactive") == Some(&Value::Bool(false)) {
            " disabled"
        } else {
            ""
        };
        let value = numeric::show(number("value"));
        let inner = format!(
            "{}{}<div class=\"ferry-slider-row\"><input type=\"range\" class=\"ferry-range\" \
             aria-label=\"{}\" min=\"{}\" max=\"{}\" step=\"{}\" value=\"{value}\"{disabled}>\
             <output class=\"ferry-slider-value\">{value}</output></div>",
            label_html(props),
            info_html(props),
            escape(super::prop_text(props, "label", "")),
            numeric::show(number("minimum")),
            numeric::show(number("maximum")),
            numeric::show(number("step")),
        );
        Some(super::first_paint_outer(Self::TYPE, props, "", &inner))
    }
}

impl InputOf<Slider> for f64 {}
impl InputOf<Slider> for i64 {}
impl InputOf<Slider> for Value {}
impl crate::events::DefaultInput for Slider {
    type Input = f64;
}
crate::events::update_output!(SliderUpdate => Slider);

impl OutputFor<Slider> for f64 {
    fn into_output(self) -> Result<Output, RunError> {
        super::number::number_output(self, Slider::TYPE)
    }
}

impl OutputFor<Slider> for i64 {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(Output::Value(OutValue::Json(self.into())))
    }
}

impl Handle<Slider> {
    /// Fires when the value changes: when the user lets go of the handle or steps it with a
    /// key, or by an update.
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }

    /// Fires while the user drags the handle, at each value it passes.
    pub fn input(&self) -> Trigger {
        self.trigger("input")
    }

    /// Fires when the user lets go of the handle (or steps it with a key).
    pub fn release(&self) -> Trigger {
        self.trigger("release")
    }
}

/// New properties for a [`Slider`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct SliderUpdate(pub(crate) Update);

impl SliderUpdate {
    /// Moves the handle.
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

    /// Changes the smallest value.
    #[must_use = "a setter returns the changed update"]
    pub fn minimum(mut self, minimum: f64) -> Self {
        self.0.set("minimum", minimum);
        self
    }

    /// Changes the largest value.
    #[must_use = "a setter returns the changed update"]
    pub fn maximum(mut self, maximum: f64) -> Self {
        self.0.set("maximum", maximum);
        self
    }

    /// Changes the step.
    #[must_use = "a setter returns the changed update"]
    pub fn step(mut self, step: f64) -> Self {
        self.0.set("step", step);
        self
    }

    /// Lets the user move the handle, or not.
    #[must_use = "a setter returns the changed update"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.0.set("interactive", interactive);
        self
    }

    update_setters!();
}
