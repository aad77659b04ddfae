//! [`Ui`]: what a script draws the page with, and what its widgets answer.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use crate::components::{
    Behaviour, Button, Checkbox, Choice, Component, DownloadButton, Dropdown, Markdown, Node,
    Number, ScriptWidget, Slider, Textbox, ValueSpec,
};
use crate::events::{CancelToken, OutValue};
use crate::files::FileSource;
use crate::runtime::{Props, Session};

/// Unwinds a rerun that a newer interaction replaced, from its next widget call.
pub(crate) struct Interrupted;

/// One widget a rerun drew, before it has an id in the page.
pub(crate) struct Drawn {
    /// Its identity: its key, else its type and label.
    pub identity: String,
    /// How the page's errors name it: `textbox “Message”`.
    pub name: String,
    pub behaviour: Arc<dyn Behaviour>,
    pub props: Props,
    /// A value its component turns into props once the script has returned (a file to publish).
    pub value: Option<OutValue>,
    pub widget: Option<ScriptWidget>,
    /// What is wrong with it, shown under it.
    pub problem: Option<String>,
}

/// What a widget call answers: whether the widget was clicked (this rerun is its click's), and
/// its value where it has one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Response {
    clicked: bool,
    value: Option<Value>,
}

impl Response {
    /// Whether this rerun is the one its click started (Streamlit's `if st.button(…):`).
    pub fn clicked(&self) -> bool {
        self.clicked
    }

    /// The widget's value as the page holds it, where it has one.
    pub fn value(&self) -> Option<&Value> {
        self.value.as_ref()
    }

    /// The widget's value as text: a text field's text, or empty.
    pub fn text(&self) -> String {
        match &self.value {
            Some(Value::String(text)) => text.clone(),
            _ => String::new(),
        }
    }

    /// The widget's value as a boolean: whether a checkbox is ticked, or `false`.
    pub fn checked(&self) -> bool {
        matches!(self.value, Some(Value::Bool(true)))
    }

    /// The widget's value as a list of text: a multiselect's chosen values, or empty.
    pub fn texts(&self) -> Vec<String> {
        match &self.value {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The widget's value as a number (a number field, a slider), or `None` when it has none.
    pub fn number(&self) -> Option<f64> {
        self.value.as_ref().and_then(Value::as_f64)
    }
}

/// What a script draws the page with: each call adds a widget at the end of the page and returns
/// its current value. A script takes `&mut Ui`; see the [module](super) docs.
pub struct Ui {
    session: Session,
    /// The widgets' values the page sent, by identity.
    values: HashMap<String, Value>,
    /// The identity of the widget whose click started this rerun.
    clicked: Option<String>,
    cancel: CancelToken,
    pub(crate) drawn: Vec<Drawn>,
    /// Identity -> place in `drawn`, to find a second widget of one identity.
    seen: HashMap<String, usize>,
    markdowns: usize,
}

impl Ui {
    pub(crate) fn new(
        session: Session,
        values: HashMap<String, Value>,
        clicked: Option<String>,
        cancel: CancelToken,
    ) -> Self {
        Ui {
            session,
            values,
            clicked,
            cancel,
            drawn: Vec::new(),
            seen: HashMap::new(),
            markdowns: 0,
        }
    }

    /// The session this rerun draws the page of.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Calls `f` with this session's value of type `T` (made with `T::default()` on first use),
    /// kept across reruns: Streamlit's `st.session_state`, typed.
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     if ui.button("Count").clicked() {
    ///         ui.with_state(|n: &mut u32| *n += 1);
    ///     }
    ///     let n = ui.with_state(|n: &mut u32| *n);
    ///     ui.markdown(format!("Clicked {n} time(s)"));
    /// });
    /// # let _ = app;
    /// ```
    pub fn with_state<T: Default + Send + 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        self.session.with_state(f)
    }

    /// Markdown text, rendered and sanitised on the server.
    pub fn markdown(&mut self, text: impl Into<String>) {
        self.interrupt_if_replaced();
        let identity = format!("markdown#{}", self.markdowns);
        self.markdowns += 1;
        self.place(Markdown::new(text.into()).into_node(), identity, None);
    }

    /// A one-line text field; returns its text (`default` until the user changes it). The page
    /// reruns the script when the user presses Enter, or with any other widget's interaction.
    pub fn text_input(&mut self, label: impl Into<String>, default: impl Into<String>) -> String {
        self.add(Textbox::new(label).value(default)).text()
    }

    /// A text area of four lines; returns its text, as [`text_input`](Self::text_input).
    pub fn text_area(&mut self, label: impl Into<String>, default: impl Into<String>) -> String {
        self.add(Textbox::new(label).value(default).lines(4)).text()
    }

    /// A checkbox; returns whether it is ticked (`default` until the user changes it). Ticking
    /// or unticking it reruns the script (Streamlit's `st.checkbox`).
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     if ui.checkbox("Show details", false) {
    ///         ui.markdown("The details.");
    ///     }
    /// });
    /// # let _ = app;
    /// ```
    pub fn checkbox(&mut self, label: impl Into<String>, default: bool) -> bool {
        self.add(Checkbox::new(label).value(default)).checked()
    }

    /// A number field; returns its number (`default` until the user changes it, and while the
    /// field is empty). Enter, leaving the field after an edit, or its step arrows rerun the
    /// script (Streamlit's `st.number_input`). For bounds, a step or a precision, add a
    /// [`Number`] with [`add`](Self::add) and read [`Response::number`].
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     let n = ui.number_input("Copies", 1.0);
    ///     let age = ui.add(Number::new("Age").value(30.0).minimum(0.0).maximum(120.0));
    ///     ui.markdown(format!("{n} copies, age {}", age.number().unwrap_or_default()));
    /// });
    /// # let _ = app;
    /// ```
    pub fn number_input(&mut self, label: impl Into<String>, default: f64) -> f64 {
        self.add(Number::new(label).value(default))
            .number()
            .unwrap_or(default)
    }

    /// A slider from `min` to `max` in steps of 1; returns its value (`default`, kept within
    /// the bounds, until the user moves it). Letting go of the handle, or a key that steps it,
    /// reruns the script (Streamlit's `st.slider`). For another step, add a [`Slider`].
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     let level = ui.slider("Level", 0.0, 10.0, 3.0);
    ///     ui.markdown(format!("Level {level}"));
    /// });
    /// # let _ = app;
    /// ```
    pub fn slider(&mut self, label: impl Into<String>, min: f64, max: f64, default: f64) -> f64 {
        let lowest = min.min(max);
        self.add(Slider::new(label, min, max).value(default))
            .number()
            .unwrap_or(lowest)
    }

    /// A select box of `choices` (strings, or `(label, value)` pairs), the one at
    /// `default_index` chosen until the user picks another; returns the chosen value (empty when
    /// there are no choices). Choosing reruns the script (Streamlit's `st.selectbox`).
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     let fruit = ui.selectbox("Fruit", ["Apple", "Pear"], 1);
    ///     ui.markdown(format!("You chose {fruit}"));
    /// });
    /// # let _ = app;
    /// ```
    pub fn selectbox<C: Into<Choice>>(
        &mut self,
        label: impl Into<String>,
        choices: impl IntoIterator<Item = C>,
        default_index: usize,
    ) -> String {
        let choices: Vec<Choice> = choices.into_iter().map(Into::into).collect();
        let mut dropdown = Dropdown::new(label, choices.clone());
        if let Some(choice) = choices.get(default_index).or(choices.first()) {
            dropdown = dropdown.value(choice.value());
        }
        self.add(dropdown).text()
    }

    /// A list of `choices` of which the user picks any number, `defaults` (values) picked until
    /// the user changes them; returns the picked values. Each change reruns the script
    /// (Streamlit's `st.multiselect`).
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     let picked = ui.multiselect("Toppings", ["Cream", "Nuts"], ["Nuts"]);
    ///     ui.markdown(picked.join(", "));
    /// });
    /// # let _ = app;
    /// ```
    pub fn multiselect<C: Into<Choice>, S: Into<String>>(
        &mut self,
        label: impl Into<String>,
        choices: impl IntoIterator<Item = C>,
        defaults: impl IntoIterator<Item = S>,
    ) -> Vec<String> {
        self.add(
            Dropdown::new(label, choices)
                .multiselect(true)
                .values(defaults),
        )
        .texts()
    }

    /// A button; `clicked()` is true in the rerun its click started.
    pub fn button(&mut self, label: impl Into<String>) -> Response {
        self.add(Button::new(label))
    }

    /// A download button for `data` (text, bytes, a file: a [`FileSource`] and its name);
    /// `clicked()` is true in the rerun its click started, as Streamlit's.
    pub fn download_button(
        &mut self,
        label: impl Into<String>,
        data: impl Into<FileSource>,
    ) -> Response {
        self.add(DownloadButton::new(label).value(data.into()))
    }

    /// Adds any component (Ferry's or yours) and returns its response: `ui.add(Button::new("Go")
    /// .variant(Variant::Primary))`. Its identity is its `key` when it has one, else its type
    /// and label.
    pub fn add<C: Component>(&mut self, component: C) -> Response {
        self.interrupt_if_replaced();
        let node = component.into_node();
        let label = ["label", "value"]
            .iter()
            .find_map(|name| node.props.get(*name).and_then(Value::as_str))
            .unwrap_or_default()
            .to_owned();
        let identity = match node.props.get("key") {
            Some(Value::String(key)) => format!("key:{key}"),
            Some(Value::Number(key)) => format!("key:{key}"),
            _ => format!("{}:{label}", C::TYPE),
        };
        let widget = C::script_widget();
        let name = format!("{} “{label}”", C::TYPE);
        let place = self.place(node, identity.clone(), Some(name));
        let drawn = &mut self.drawn[place];
        let mut response = Response {
            clicked: self.clicked.as_deref() == Some(identity.as_str()),
            value: None,
        };
        if widget.is_some_and(|w| w.has_value) {
            let value = self
                .values
                .get(&drawn.identity)
                .cloned()
                .or_else(|| drawn.props.get("value").cloned());
            if let Some(value) = &value {
                drawn.props.insert("value".to_owned(), value.clone());
            }
            response.value = value;
        }
        drawn.widget = widget;
        response
    }

    /// Adds `node` under `identity`; a second widget of one identity gets a problem naming both.
    fn place(&mut self, node: Node, identity: String, name: Option<String>) -> usize {
        let mut problem = None;
        let name = name.unwrap_or_else(|| node.wire_type().to_owned());
        let mut identity = identity;
        if let Some(&first) = self.seen.get(&identity) {
            problem = Some(format!(
                "two widgets have the same identity: {} and {name} (widgets {} and {}); give one of them a key",
                self.drawn[first].name,
                first + 1,
                self.drawn.len() + 1
            ));
            identity = format!("{identity}#{}", self.drawn.len());
        }
        let value = match node.value {
            ValueSpec::None => None,
            ValueSpec::File(source) => Some(OutValue::File(source)),
            ValueSpec::Function { .. } => {
                problem.get_or_insert_with(|| {
                    "`value_with` is for Blocks apps: a script computes the value itself".to_owned()
                });
                None
            }
        };
        if node.icon.is_some() {
            problem.get_or_insert_with(|| "icons are not shown in script apps yet".to_owned());
        }
        self.seen.insert(identity.clone(), self.drawn.len());
        self.drawn.push(Drawn {
            identity,
            name,
            behaviour: node.behaviour,
            props: node.props,
            value,
            widget: None,
            problem,
        });
        self.drawn.len() - 1
    }

    /// Stops the rerun here when a newer interaction or the page's stop control replaced it,
    /// as every widget call does: a long computation between widget calls calls it now and
    /// then.
    ///
    /// ```
    /// use std::time::Duration;
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     if ui.button("Work").clicked() {
    ///         for _ in 0..30 {
    ///             std::thread::sleep(Duration::from_millis(100));
    ///             ui.checkpoint();
    ///         }
    ///         ui.markdown("Done.");
    ///     }
    /// });
    /// # let _ = app;
    /// ```
    pub fn checkpoint(&self) {
        self.interrupt_if_replaced();
    }

    /// A newer interaction replaced this rerun: unwinds to the rerun's start, which drops it.
    fn interrupt_if_replaced(&self) {
        if self.cancel.is_cancelled() {
            std::panic::resume_unwind(Box::new(Interrupted));
        }
    }
}
