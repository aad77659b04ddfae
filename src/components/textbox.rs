//! [`Textbox`]: a one-line or multi-line text field.

use serde_json::Value;

use crate::events::{InputContext, InputOf, OutValue, RunError, Update};
use crate::runtime::Props;

use super::{
    common_setters, update_setters, Common, Component, Handle, HeldProps, Node, OutputContext,
    Trigger,
};

/// A text field: Gradio's `gr.Textbox`.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new)
/// - Content: [`value`](Self::value), [`placeholder`](Self::placeholder), [`info`](Self::info)
/// - Appearance: [`lines`](Self::lines), [`max_lines`](Self::max_lines),
///   [`show_label`](Self::show_label), [`interactive`](Self::interactive),
///   [`visible`](Self::visible), [`scale`](Self::scale), [`min_width`](Self::min_width),
///   [`elem_id`](Self::elem_id), [`elem_classes`](Self::elem_classes), [`render`](Self::render),
///   [`key`](Self::key)
/// - Events: [`Handle::change`](Handle::change), [`Handle::input`](Handle::input),
///   [`Handle::submit`](Handle::submit)
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.add(Textbox::new("Message").value("Lorem ipsum.").lines(4));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Lorem ipsum."));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Textbox {
    label: String,
    value: String,
    placeholder: Option<String>,
    info: Option<String>,
    lines: u32,
    max_lines: u32,
    show_label: bool,
    interactive: bool,
    common: Common,
}

impl Textbox {
    /// An empty text field with this label.
    pub fn new(label: impl Into<String>) -> Self {
        Textbox {
            label: label.into(),
            value: String::new(),
            placeholder: None,
            info: None,
            lines: 1,
            max_lines: 20,
            show_label: true,
            interactive: true,
            common: Common::default(),
        }
    }

    /// Sets the initial text. Defaults to empty.
    #[must_use = "a setter returns the changed component"]
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = value.into();
        self
    }

    /// Sets the hint shown while the field is empty. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
        self.placeholder = Some(placeholder.into());
        self
    }

    /// Sets a line of help under the label. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn info(mut self, info: impl Into<String>) -> Self {
        self.info = Some(info.into());
        self
    }

    /// Sets the visible number of lines; more than one makes a text area. Defaults to 1.
    #[must_use = "a setter returns the changed component"]
    pub fn lines(mut self, lines: u32) -> Self {
        self.lines = lines.max(1);
        self
    }

    /// Sets the most lines a text area grows to. Defaults to 20.
    #[must_use = "a setter returns the changed component"]
    pub fn max_lines(mut self, max_lines: u32) -> Self {
        self.max_lines = max_lines.max(1);
        self
    }

    /// Shows or hides the label (it stays the field's accessible name). Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn show_label(mut self, show_label: bool) -> Self {
        self.show_label = show_label;
        self
    }

    /// With `false` the field is read-only. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    common_setters!();

    /// An update for a text field, returned by a handler to change its properties.
    pub fn update() -> TextboxUpdate {
        TextboxUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Textbox {
    const TYPE: &'static str = "textbox";

    fn script_widget() -> Option<super::ScriptWidget> {
        Some(super::ScriptWidget {
            rerun_on: "submit",
            has_value: true,
        })
    }

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("label", self.label)
            .prop("value", self.value)
            .prop("placeholder", self.placeholder)
            .prop("info", self.info)
            .prop("lines", self.lines)
            .prop("max_lines", self.max_lines)
            .prop("show_label", self.show_label)
            .prop("interactive", self.interactive)
    }

    async fn value_props(value: OutValue, _: OutputContext) -> Result<Props, RunError> {
        let value = match value {
            OutValue::Text(text) => text,
            OutValue::Null => String::new(),
            other => return Err(super::cannot_show(Self::TYPE, &other)),
        };
        Ok(Props::from_iter([("value".to_owned(), value.into())]))
    }

    /// The text the user typed: the page's value, which must be text.
    fn input_value(page: Value, _: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        match page {
            Value::String(_) | Value::Null => Ok(page),
            other => Err(format!(
                "expected text, got {}",
                crate::events::value_kind(&other)
            )),
        }
    }
}

impl InputOf<Textbox> for String {}
impl InputOf<Textbox> for Option<String> {}
impl InputOf<Textbox> for Value {}
impl crate::events::DefaultInput for Textbox {
    type Input = String;
}
crate::events::text_output!(Textbox);
crate::events::update_output!(TextboxUpdate => Textbox);

impl Handle<Textbox> {
    /// Fires when the text changes, by the user or by an update.
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }

    /// Fires when the user types.
    pub fn input(&self) -> Trigger {
        self.trigger("input")
    }

    /// Fires when the user presses Enter in a one-line field.
    pub fn submit(&self) -> Trigger {
        self.trigger("submit")
    }
}

/// New properties for a [`Textbox`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct TextboxUpdate(pub(crate) Update);

impl TextboxUpdate {
    /// Changes the text.
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.0.set_text(value.into());
        self
    }

    /// Changes the label.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set("label", label.into());
        self
    }

    /// Changes the placeholder.
    #[must_use = "a setter returns the changed update"]
    pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
        self.0.set("placeholder", placeholder.into());
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
