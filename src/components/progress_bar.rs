//! [`ProgressBar`]: a bar filled to a fraction, with a text above it.

use serde_json::Value;

use crate::events::{OutValue, RunError, Update};
use crate::runtime::Props;

use super::{common_setters, update_setters, Common, Component, Node, OutputContext};

/// A bar filled to a fraction, with an optional text: Streamlit's `st.progress`. (A run's own
/// progress, shown on its outputs, is [`Progress`](crate::events::Progress).)
///
/// The value is a fraction from 0.0 to 1.0; Streamlit's whole percentages (0 to 100) are taken
/// too when given as an integer with [`percent`](Self::percent).
///
/// # Methods
///
/// - Constructors: [`new`](Self::new), [`percent`](Self::percent)
/// - Content: [`text`](Self::text)
/// - Appearance: [`visible`](Self::visible), [`scale`](Self::scale),
///   [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
///
/// A handler shows a fraction (`f64`) or a [`ProgressBarUpdate`].
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.add(ProgressBar::new(0.25).text("A quarter done"));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("A quarter done"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct ProgressBar {
    value: f64,
    text: Option<String>,
    common: Common,
}

/// A fraction clamped to 0.0..=1.0 (NaN is 0).
fn fraction(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 1.0)
    }
}

impl ProgressBar {
    /// A bar filled to `value` (0.0 to 1.0, clamped).
    pub fn new(value: f64) -> Self {
        ProgressBar {
            value: fraction(value),
            text: None,
            common: Common::default(),
        }
    }

    /// A bar filled to `percent` of 100 (clamped): Streamlit's integer values.
    pub fn percent(percent: u32) -> Self {
        ProgressBar::new(f64::from(percent.min(100)) / 100.0)
    }

    /// Sets the text shown above the bar. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    common_setters!();

    /// An update for a progress bar, returned by a handler.
    pub fn update() -> ProgressBarUpdate {
        ProgressBarUpdate(Update::new(Self::TYPE))
    }
}

impl Component for ProgressBar {
    const TYPE: &'static str = "progress_bar";

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("value", self.value)
            .prop("text", self.text)
    }

    /// Drawn by its own script, loaded only by pages that show a progress bar.
    fn script() -> Option<&'static str> {
        Some(include_str!("../../assets/extras/progress_bar.js"))
    }

    /// Gradio has no progress bar: in the API it is a number from 0 to 1.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new("number", "Number")
            .schema(serde_json::json!({"type": "number"}))
            .python_type("float")
    }

    /// The text and a native bar before the script has loaded.
    fn first_paint(props: &Props, _: &str) -> Option<String> {
        let value = props.get("value").and_then(Value::as_f64).unwrap_or(0.0);
        let text = props
            .get("text")
            .and_then(Value::as_str)
            .map(|t| {
                format!(
                    "<span class=\"ferry-progress-bar-text\">{}</span>",
                    super::first_paint::escape(t)
                )
            })
            .unwrap_or_default();
        let inner = format!(
            "<div class=\"ferry-progress-bar-box\">{text}<progress class=\"ferry-progress-bar-bar\" max=\"1\" value=\"{value}\"></progress></div>"
        );
        Some(super::first_paint_outer(
            Self::TYPE,
            props,
            "ferry-custom",
            &inner,
        ))
    }

    async fn value_props(value: OutValue, _: OutputContext) -> Result<Props, RunError> {
        let value = match value {
            OutValue::Json(Value::Number(n)) => fraction(n.as_f64().unwrap_or(0.0)),
            OutValue::Null => 0.0,
            other => return Err(super::cannot_show(Self::TYPE, &other)),
        };
        Ok(Props::from_iter([("value".to_owned(), value.into())]))
    }
}

impl crate::events::OutputFor<ProgressBar> for f64 {
    fn into_output(self) -> Result<crate::events::Output, RunError> {
        Ok(crate::events::Output::Value(OutValue::Json(
            fraction(self).into(),
        )))
    }
}
crate::events::update_output!(ProgressBarUpdate => ProgressBar);

/// New properties for a [`ProgressBar`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct ProgressBarUpdate(pub(crate) Update);

impl ProgressBarUpdate {
    /// Changes the fraction (0.0 to 1.0, clamped).
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, value: f64) -> Self {
        self.0.set("value", fraction(value));
        self
    }

    /// Changes the text.
    #[must_use = "a setter returns the changed update"]
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.0.set("text", text.into());
        self
    }

    update_setters!();
}
