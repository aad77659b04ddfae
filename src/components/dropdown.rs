//! [`Dropdown`]: one choice (or several) from a list the app gives.

use serde_json::Value;

use crate::events::{InputContext, InputOf, OutValue, Output, OutputFor, RunError, Update};
use crate::runtime::Props;

use super::checkbox::{held_when_locked, label_of};
use super::first_paint::{escape, info_html, label_html};
use super::{
    common_setters, update_setters, Common, Component, Handle, HeldProps, Node, ScriptWidget,
    Trigger,
};

/// One entry of a [`Dropdown`]: the text shown and the value a handler gets. Made from a
/// string (shown as it is) or a `(label, value)` pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    label: String,
    value: String,
}

impl Choice {
    /// A choice that shows `label` and gives `value`.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Choice {
            label: label.into(),
            value: value.into(),
        }
    }

    /// The value a handler gets for it.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The text shown for it.
    pub fn label(&self) -> &str {
        &self.label
    }

    fn to_json(&self) -> Value {
        Value::from(vec![self.label.clone(), self.value.clone()])
    }
}

impl From<&str> for Choice {
    fn from(text: &str) -> Self {
        Choice::new(text, text)
    }
}

impl From<String> for Choice {
    fn from(text: String) -> Self {
        Choice::new(text.clone(), text)
    }
}

impl<L: Into<String>, V: Into<String>> From<(L, V)> for Choice {
    fn from((label, value): (L, V)) -> Self {
        Choice::new(label, value)
    }
}

/// One choice from a list, or several with [`multiselect`](Self::multiselect): Gradio's
/// `gr.Dropdown`, Streamlit's `st.selectbox` (and `st.multiselect`).
///
/// # Methods
///
/// - Constructors: [`new`](Self::new)
/// - Content: [`value`](Self::value), [`values`](Self::values), [`empty`](Self::empty),
///   [`info`](Self::info)
/// - Rules: [`multiselect`](Self::multiselect), [`max_choices`](Self::max_choices)
/// - Appearance: [`interactive`](Self::interactive), [`visible`](Self::visible),
///   [`scale`](Self::scale), [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::change`](Handle::change), [`Handle::input`](Handle::input),
///   [`Handle::select`](Handle::select)
///
/// The server refuses (400, naming the dropdown) a value from the page that is not the value of
/// one of the choices it holds for the session (an update can change them), and in a multiselect
/// a repeated value or more than `max_choices`: a handler only ever sees a value the app offered.
/// A handler reads it as `String`, `Option<String>` (nothing chosen), `Vec<String>` (a
/// multiselect) or `Value`.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let size = b.add(Dropdown::new("Size", ["Small", "Large"]).value("Large"));
///     let unit = b.add(Dropdown::new("Unit", [("Metres", "m"), ("Feet", "ft")]));
///     let said = b.add(Textbox::new("Chosen"));
///     b.on(size.change(), (size, unit), said, |size: String, unit: String| format!("{size} in {unit}"));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("[\"Feet\",\"ft\"]"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Dropdown {
    label: String,
    choices: Vec<Choice>,
    value: Option<Value>,
    multiselect: bool,
    max_choices: Option<usize>,
    info: Option<String>,
    interactive: bool,
    common: Common,
}

impl Dropdown {
    /// A dropdown with this label and these choices (strings, or `(label, value)` pairs), the
    /// first one chosen.
    pub fn new<C: Into<Choice>>(
        label: impl Into<String>,
        choices: impl IntoIterator<Item = C>,
    ) -> Self {
        Dropdown {
            label: label.into(),
            choices: choices.into_iter().map(Into::into).collect(),
            value: None,
            multiselect: false,
            max_choices: None,
            info: None,
            interactive: true,
            common: Common::default(),
        }
    }

    /// Chooses the choice of this value at first. Defaults to the first choice (none in a
    /// multiselect).
    #[must_use = "a setter returns the changed component"]
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(Value::String(value.into()));
        self
    }

    /// Chooses these values at first, in a multiselect. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        self.value = Some(Value::from(values));
        self
    }

    /// Starts with nothing chosen (a handler's `Option<String>` reads `None`). Defaults to the
    /// first choice.
    #[must_use = "a setter returns the changed component"]
    pub fn empty(mut self) -> Self {
        self.value = Some(Value::Null);
        self
    }

    /// Lets the user choose several values; a handler reads a `Vec<String>`. Defaults to `false`.
    #[must_use = "a setter returns the changed component"]
    pub fn multiselect(mut self, multiselect: bool) -> Self {
        self.multiselect = multiselect;
        self
    }

    /// The most values a multiselect takes. Defaults to no limit but the number of choices.
    #[must_use = "a setter returns the changed component"]
    pub fn max_choices(mut self, max: usize) -> Self {
        self.max_choices = Some(max);
        self
    }

    /// Sets a line of help under the label. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn info(mut self, info: impl Into<String>) -> Self {
        self.info = Some(info.into());
        self
    }

    /// With `false` the user cannot change the choice. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    common_setters!();

    /// An update for a dropdown, returned by a handler to change its properties.
    pub fn update() -> DropdownUpdate {
        DropdownUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Dropdown {
    const TYPE: &'static str = "dropdown";

    /// Gradio's `Dropdown` in the API: One of its choices (a list of them for a multiselect).
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new(Self::TYPE, "Dropdown")
            .schema(serde_json::json!({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}))
            .python_type("str | list[str]")
    }

    /// As Gradio describes a dropdown: one of its choices' values (`Literal['red', 'blue']`),
    /// or a list of them for a multiselect.
    fn gradio_api_of(props: &Props) -> crate::gradio::GradioApi {
        let values: Vec<String> = props
            .get("choices")
            .and_then(Value::as_array)
            .map(|choices| {
                choices
                    .iter()
                    .filter_map(|c| c.get(1).or(Some(c)).and_then(Value::as_str))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if values.is_empty() {
            return Self::gradio_api();
        }
        let one = serde_json::json!({"type": "string", "enum": values});
        let literal = format!(
            "Literal[{}]",
            values
                .iter()
                .map(|v| format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'")))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let api = crate::gradio::GradioApi::new(Self::TYPE, "Dropdown");
        if props.get("multiselect") == Some(&Value::Bool(true)) {
            api.schema(serde_json::json!({"type": "array", "items": one}))
                .python_type(format!("list[{literal}]"))
        } else {
            api.schema(one).python_type(literal)
        }
    }

    /// Reruns a script when the user chooses.
    fn script_widget() -> Option<ScriptWidget> {
        Some(ScriptWidget {
            rerun_on: "change",
            has_value: true,
        })
    }

    fn into_node(self) -> Node {
        let value = self.value.unwrap_or_else(|| {
            if self.multiselect {
                Value::Array(Vec::new())
            } else {
                self.choices
                    .first()
                    .map_or(Value::Null, |c| Value::String(c.value.clone()))
            }
        });
        let choices: Vec<Value> = self.choices.iter().map(Choice::to_json).collect();
        Node::new::<Self>(&self.common)
            .prop("label", self.label)
            .prop("choices", choices)
            .prop("value", value)
            .prop("multiselect", self.multiselect)
            .prop("max_choices", self.max_choices)
            .prop("info", self.info)
            .prop("interactive", self.interactive)
    }

    async fn value_props(value: OutValue, _: super::OutputContext) -> Result<Props, RunError> {
        let value = match value {
            OutValue::Text(text) => Value::String(text),
            OutValue::Json(json @ Value::Array(_)) => json,
            OutValue::Null => Value::Null,
            other => return Err(super::cannot_show(Self::TYPE, &other)),
        };
        Ok(Props::from_iter([("value".to_owned(), value)]))
    }

    /// A value of one of the held choices (a list of distinct ones in a multiselect), or
    /// `null`; the held value for one declared not interactive.
    fn input_value(page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        if let Some(value) = held_when_locked(held) {
            return Ok(value);
        }
        let what = label_of(held, "dropdown");
        let offered = |value: &Value| -> Result<(), String> {
            let Value::String(text) = value else {
                return Err(format!(
                    "{what}: expected text, got {}",
                    crate::events::value_kind(value)
                ));
            };
            let known = held
                .get("choices")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|choice| choice.get(1).and_then(Value::as_str) == Some(text));
            if known {
                Ok(())
            } else {
                Err(format!("{what}: {text:?} is not one of the choices"))
            }
        };
        let multiselect = held.get("multiselect") == Some(&Value::Bool(true));
        match (&page, multiselect) {
            (Value::Null, _) => {}
            (Value::Array(values), true) => {
                let max = held.get("max_choices").and_then(Value::as_u64);
                if max.is_some_and(|max| values.len() as u64 > max) {
                    return Err(format!(
                        "{what}: at most {} choices, got {}",
                        max.unwrap_or_default(),
                        values.len()
                    ));
                }
                for (i, value) in values.iter().enumerate() {
                    offered(value)?;
                    if values[..i].contains(value) {
                        return Err(format!("{what}: {value} is chosen twice"));
                    }
                }
            }
            (Value::Array(_), false) => {
                return Err(format!("{what}: expected one choice, got a list"))
            }
            (value, true) => {
                return Err(format!(
                    "{what}: expected a list of choices, got {}",
                    crate::events::value_kind(value)
                ))
            }
            (value, false) => offered(value)?,
        }
        Ok(page)
    }

    fn first_paint(props: &Props, _: &str) -> Option<String> {
        let chosen = |value: &str| match props.get("value") {
            Some(Value::String(v)) => v == value,
            Some(Value::Array(vs)) => vs.iter().any(|v| v.as_str() == Some(value)),
            _ => false,
        };
        let mut options = String::new();
        for choice in props
            .get("choices")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let label = choice.get(0).and_then(Value::as_str).unwrap_or_default();
            let value = choice.get(1).and_then(Value::as_str).unwrap_or_default();
            let selected = if chosen(value) { " selected" } else { "" };
            options.push_str(&format!(
                "<option value=\"{}\"{selected}>{}</option>",
                escape(value),
                escape(label)
            ));
        }
        let mut attrs = String::new();
        if props.get("multiselect") == Some(&Value::Bool(true)) {
            attrs.push_str(" multiple");
        }
        if props.get("interactive") == Some(&Value::Bool(false)) {
            attrs.push_str(" disabled");
        }
        let one = if attrs.contains("multiple") {
            ""
        } else {
            " ferry-select-one"
        };
        let inner = format!(
            "{}{}<div class=\"ferry-field{one}\"><select class=\"ferry-input ferry-select\" \
             aria-label=\"{}\"{attrs}>{options}</select></div>",
            label_html(props),
            info_html(props),
            escape(super::prop_text(props, "label", "")),
        );
        Some(super::first_paint_outer(Self::TYPE, props, "", &inner))
    }
}

impl InputOf<Dropdown> for String {}
impl InputOf<Dropdown> for Option<String> {}
impl InputOf<Dropdown> for Vec<String> {}
impl InputOf<Dropdown> for Value {}
impl crate::events::DefaultInput for Dropdown {
    type Input = String;
}
crate::events::text_output!(Dropdown);
crate::events::update_output!(DropdownUpdate => Dropdown);

impl OutputFor<Dropdown> for Vec<String> {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(Output::Value(OutValue::Json(self.into())))
    }
}

impl Handle<Dropdown> {
    /// Fires when the choice changes, by the user or by an update.
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }

    /// Fires when the user chooses.
    pub fn input(&self) -> Trigger {
        self.trigger("input")
    }

    /// Fires when the user chooses (Gradio's `select`).
    pub fn select(&self) -> Trigger {
        self.trigger("select")
    }
}

/// New properties for a [`Dropdown`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct DropdownUpdate(pub(crate) Update);

impl DropdownUpdate {
    /// Chooses the choice of this value.
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.0.set_text(value.into());
        self
    }

    /// Chooses the choices of these values, in a multiselect.
    #[must_use = "a setter returns the changed update"]
    pub fn values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        self.0.set_value(OutValue::Json(values.into()));
        self
    }

    /// Replaces the choices: the server then accepts only these.
    #[must_use = "a setter returns the changed update"]
    pub fn choices<C: Into<Choice>>(mut self, choices: impl IntoIterator<Item = C>) -> Self {
        let choices: Vec<Value> = choices.into_iter().map(|c| c.into().to_json()).collect();
        self.0.set("choices", choices);
        self
    }

    /// Changes the label.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set("label", label.into());
        self
    }

    /// Lets the user choose, or not.
    #[must_use = "a setter returns the changed update"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.0.set("interactive", interactive);
        self
    }

    update_setters!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_names_a_dropdowns_choices_and_a_multiselect_a_list_of_them() {
        let one = Dropdown::new("Pick", [("Red", "red"), ("It's blue", "blue's")]).into_node();
        let api = Dropdown::gradio_api_of(&one.props);
        assert_eq!(api.value_python_type(), r"Literal['red', 'blue\'s']");
        let many = Dropdown::new("Pick", ["a", "b"])
            .multiselect(true)
            .into_node();
        let api = Dropdown::gradio_api_of(&many.props);
        assert_eq!(api.value_python_type(), "list[Literal['a', 'b']]");
        assert_eq!(
            api.value_schema(),
            &serde_json::json!({"type": "array", "items": {"type": "string", "enum": ["a", "b"]}})
        );
    }
}
