//! [`Checkbox`]: a box the user ticks on or off.

use serde_json::Value;

use crate::events::{InputContext, InputOf, OutValue, Output, OutputFor, RunError, Update};
use crate::runtime::Props;

use super::first_paint::{escape, info_html};
use super::{
    common_setters, update_setters, Common, Component, Handle, HeldProps, Node, ScriptWidget,
    Trigger,
};

/// A box the user ticks on or off: Gradio's `gr.Checkbox`, Streamlit's `st.checkbox`.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new)
/// - Content: [`value`](Self::value), [`info`](Self::info)
/// - Appearance: [`interactive`](Self::interactive), [`visible`](Self::visible),
///   [`scale`](Self::scale), [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::change`](Handle::change), [`Handle::input`](Handle::input)
///
/// A handler reads it as a `bool` (or the page's JSON `Value`) and shows a `bool` or a
/// [`CheckboxUpdate`]. The server takes only `true` or `false` from the page, and for a box declared
/// not interactive it keeps the value it holds, whatever the page sends.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let agree = b.add(Checkbox::new("I agree").info("You can change your mind later."));
///     let said = b.add(Textbox::new("You said"));
///     b.on(agree.change(), agree, said, |yes: bool| if yes { "yes" } else { "no" });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("I agree"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Checkbox {
    label: String,
    value: bool,
    info: Option<String>,
    interactive: bool,
    common: Common,
}

impl Checkbox {
    /// An unticked box with this label.
    pub fn new(label: impl Into<String>) -> Self {
        Checkbox {
            label: label.into(),
            value: false,
            info: None,
            interactive: true,
            common: Common::default(),
        }
    }

    /// Ticks the box at first. Defaults to `false`.
    #[must_use = "a setter returns the changed component"]
    pub fn value(mut self, value: bool) -> Self {
        self.value = value;
        self
    }

    /// Sets a line of help under the label. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn info(mut self, info: impl Into<String>) -> Self {
        self.info = Some(info.into());
        self
    }

    /// With `false` the user cannot change the box. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    common_setters!();

    /// An update for a checkbox, returned by a handler to change its properties.
    pub fn update() -> CheckboxUpdate {
        CheckboxUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Checkbox {
    const TYPE: &'static str = "checkbox";

    /// Gradio's `Checkbox` in the API: True or false.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new(Self::TYPE, "Checkbox")
            .schema(serde_json::json!({"type": "boolean"}))
            .python_type("bool")
    }

    /// Reruns a script when the user ticks or unticks the box.
    fn script_widget() -> Option<ScriptWidget> {
        Some(ScriptWidget {
            rerun_on: "change",
            has_value: true,
        })
    }

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("label", self.label)
            .prop("value", self.value)
            .prop("info", self.info)
            .prop("interactive", self.interactive)
    }

    async fn value_props(value: OutValue, _: super::OutputContext) -> Result<Props, RunError> {
        let value = match value {
            OutValue::Json(Value::Bool(on)) => on,
            OutValue::Null => false,
            other => return Err(super::cannot_show(Self::TYPE, &other)),
        };
        Ok(Props::from_iter([("value".to_owned(), value.into())]))
    }

    /// `true` or `false` from the page; the held value for a box declared not interactive.
    fn input_value(page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        if let Some(value) = held_when_locked(held) {
            return Ok(value);
        }
        match page {
            Value::Bool(_) => Ok(page),
            other => Err(format!(
                "{}: expected true or false, got {}",
                label_of(held, "checkbox"),
                crate::events::value_kind(&other)
            )),
        }
    }

    fn first_paint(props: &Props, _: &str) -> Option<String> {
        let label = super::prop_text(props, "label", "");
        let checked = if props.get("value") == Some(&Value::Bool(true)) {
            " checked"
        } else {
            ""
        };
        let disabled = if props.get("interactive") == Some(&Value::Bool(false)) {
            " disabled"
        } else {
            ""
        };
        let inner = format!(
            "<label class=\"ferry-check\"><input type=\"checkbox\"{checked}{disabled}>\
             <span>{}</span></label>{}",
            escape(label),
            info_html(props).replace("ferry-info", "ferry-info ferry-check-info")
        );
        Some(super::first_paint_outer(Self::TYPE, props, "", &inner))
    }
}

/// The value the server holds, when the component was declared not interactive and no update
/// has changed that since: the user could never change it, so a value the page sends is not
/// the user's. (The server does not keep what the page sends, so once an update has made a
/// component interactive the page's value is the one the user chose, and is taken.)
pub(crate) fn held_when_locked(held: &HeldProps<'_>) -> Option<Value> {
    let mut layers = held.layers.iter().flatten().rev();
    let declared = layers.next()?;
    let changed = layers.any(|props| props.contains_key("interactive"));
    (!changed && declared.get("interactive") == Some(&Value::Bool(false)))
        .then(|| held.get("value").cloned().unwrap_or(Value::Null))
}

/// How a message names the component: its label, else `fallback`.
pub(crate) fn label_of(held: &HeldProps<'_>, fallback: &str) -> String {
    match held.get("label").and_then(Value::as_str) {
        Some(label) if !label.is_empty() => format!("“{label}”"),
        _ => fallback.to_owned(),
    }
}

impl InputOf<Checkbox> for bool {}
impl InputOf<Checkbox> for Value {}
impl crate::events::DefaultInput for Checkbox {
    type Input = bool;
}
crate::events::update_output!(CheckboxUpdate => Checkbox);

impl OutputFor<Checkbox> for bool {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(Output::Value(OutValue::Json(self.into())))
    }
}

impl Handle<Checkbox> {
    /// Fires when the box is ticked or unticked, by the user or by an update.
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }

    /// Fires when the user ticks or unticks the box.
    pub fn input(&self) -> Trigger {
        self.trigger("input")
    }
}

/// New properties for a [`Checkbox`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct CheckboxUpdate(pub(crate) Update);

impl CheckboxUpdate {
    /// Ticks or unticks the box.
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, value: bool) -> Self {
        self.0.set_value(OutValue::Json(value.into()));
        self
    }

    /// Changes the label.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set("label", label.into());
        self
    }

    /// Changes the line of help.
    #[must_use = "a setter returns the changed update"]
    pub fn info(mut self, info: impl Into<String>) -> Self {
        self.0.set("info", info.into());
        self
    }

    /// Lets the user change the box, or not.
    #[must_use = "a setter returns the changed update"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.0.set("interactive", interactive);
        self
    }

    update_setters!();
}
