//! [`Ui`]: what a script draws the page with, and what its widgets answer.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use crate::components::{
    label_html, Accordion, Behaviour, Button, Callout, Checkbox, Choice, ClickCallback, Column,
    Component, Dataframe, DownloadButton, Dropdown, Group, Icon, Image, Markdown, Node, Number,
    ProgressBar, Row, ScriptWidget, Slider, Table, Textbox, ValueSpec,
};
use crate::events::{CancelToken, OutValue};
use crate::files::FileSource;
use crate::runtime::{Props, Session};

/// What a fragment draws: kept by the session, to be run again alone.
pub(crate) type FragmentBody = Arc<dyn Fn(&mut Ui) + Send + Sync>;

/// Unwinds a rerun that a newer interaction replaced, from its next widget call.
pub(crate) struct Interrupted;

/// One widget a rerun drew, before it has an id in the page.
pub(crate) struct Drawn {
    /// Its identity: its key, else its type and label.
    pub identity: String,
    pub behaviour: Arc<dyn Behaviour>,
    pub props: Props,
    /// A value its component turns into props once the script has returned (a file to publish).
    pub value: Option<OutValue>,
    pub widget: Option<ScriptWidget>,
    /// What is wrong with it, shown under it.
    pub problem: Option<String>,
    /// Its click callback, run before the rerun its click starts.
    pub on_click: Option<ClickCallback>,
    /// A layout's widgets.
    pub children: Option<Vec<Drawn>>,
    /// An image file it shows as its icon, published once the script has returned.
    pub icon: Option<PathBuf>,
    /// A download button's file made only when clicked.
    pub deferred: Option<FileSource>,
    /// A fragment's body and how often the page reruns it on its own.
    pub fragment: Option<(FragmentBody, Option<std::time::Duration>)>,
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
    /// The widgets drawn so far: the page's, then those of each layout being drawn.
    pub(super) stack: Vec<Vec<Drawn>>,
    /// Identity -> (name, place in drawing order), to find a second widget of one identity.
    seen: HashMap<String, (String, usize)>,
    /// The identities of the widgets outside the fragment this rerun redraws alone.
    pub(super) reserved: std::collections::HashSet<String>,
    /// How many widgets were drawn, layouts included.
    count: usize,
    /// Per kind of positional widget (Markdown, layouts): how many were drawn in the fragment
    /// being drawn (or outside any).
    pub(super) positional: HashMap<&'static str, usize>,
    /// What the positional identities of the fragment being drawn start with.
    pub(super) prefix: String,
    /// The id of the layout the rerun draws into: the page's root, or the fragment it reruns.
    pub(super) root: usize,
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
            stack: vec![Vec::new()],
            seen: HashMap::new(),
            reserved: std::collections::HashSet::new(),
            count: 0,
            positional: HashMap::new(),
            prefix: String::new(),
            root: 0,
        }
    }

    /// The widgets the script drew, in page order.
    pub(crate) fn into_drawn(mut self) -> Vec<Drawn> {
        // A panic inside a layout leaves it open: its widgets still show, in it.
        while self.stack.len() > 1 {
            self.close_layout();
        }
        self.stack.pop().unwrap_or_default()
    }

    /// The value the page last sent for the widget with this `key` (Streamlit's
    /// `st.session_state[key]`): `None` before the page sent one (a widget's call returns its
    /// default then). [`widget_value`](super::widget_value) says the same outside the script.
    pub fn value_of(&self, key: &str) -> Option<&Value> {
        self.values.get(&key_identity(key))
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
        let identity = self.positional_identity(Markdown::TYPE);
        self.place(Markdown::new(text.into()).into_node(), identity, None);
    }

    /// Text as Markdown: Streamlit's `st.write` for text.
    pub fn write(&mut self, text: impl std::fmt::Display) {
        self.markdown(text.to_string());
    }

    /// A title (a first-level heading of plain text): Streamlit's `st.title`.
    pub fn title(&mut self, text: impl AsRef<str>) {
        self.markdown(format!("# {}", escape_markdown(text.as_ref())));
    }

    /// A header (a second-level heading of plain text): Streamlit's `st.header`.
    pub fn header(&mut self, text: impl AsRef<str>) {
        self.markdown(format!("## {}", escape_markdown(text.as_ref())));
    }

    /// A subheader (a third-level heading of plain text): Streamlit's `st.subheader`.
    pub fn subheader(&mut self, text: impl AsRef<str>) {
        self.markdown(format!("### {}", escape_markdown(text.as_ref())));
    }

    /// Small print of plain text: Streamlit's `st.caption`.
    pub fn caption(&mut self, text: impl AsRef<str>) {
        self.markdown(format!("<small>{}</small>", escape_markdown(text.as_ref())));
    }

    /// A block of code, shown as it is: Streamlit's `st.code`.
    pub fn code(&mut self, code: impl AsRef<str>) {
        let code = code.as_ref();
        // A fence longer than any run of backticks in the code.
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        self.markdown(format!("{fence}\n{code}\n{fence}"));
    }

    /// Widgets side by side: what `draw` adds goes in one row (Streamlit's `st.columns`, one
    /// widget or column per cell).
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     ui.row(|ui| {
    ///         ui.column(|ui| ui.markdown("left"));
    ///         ui.column(|ui| ui.markdown("right"));
    ///     });
    /// });
    /// # let _ = app;
    /// ```
    pub fn row<R>(&mut self, draw: impl FnOnce(&mut Ui) -> R) -> R {
        self.layout(Row::new().into_node(), draw)
    }

    /// Widgets one above the other, as one cell of a [`row`](Self::row).
    pub fn column<R>(&mut self, draw: impl FnOnce(&mut Ui) -> R) -> R {
        self.layout(Column::new().into_node(), draw)
    }

    /// Widgets in a panel of their own: Streamlit's `st.container(border=True)`.
    pub fn group<R>(&mut self, draw: impl FnOnce(&mut Ui) -> R) -> R {
        self.layout(Group::new().into_node(), draw)
    }

    /// Widgets in a titled section the user opens and closes, closed at first: Streamlit's
    /// `st.expander`. `ui.accordion(Accordion::new(…).open(true), …)` starts it open.
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     ui.expander("See explanation", |ui| ui.markdown("It is simple."));
    /// });
    /// # let _ = app;
    /// ```
    pub fn expander<R>(&mut self, label: impl Into<String>, draw: impl FnOnce(&mut Ui) -> R) -> R {
        self.accordion(Accordion::new(label).open(false), draw)
    }

    /// Widgets in a titled section with these options.
    pub fn accordion<R>(&mut self, accordion: Accordion, draw: impl FnOnce(&mut Ui) -> R) -> R {
        self.layout(accordion.into_node(), draw)
    }

    fn layout<R>(&mut self, node: Node, draw: impl FnOnce(&mut Ui) -> R) -> R {
        self.interrupt_if_replaced();
        let identity = self.positional_identity(node.wire_type());
        self.place(node, identity, None);
        self.stack.push(Vec::new());
        let drawn = draw(self);
        self.close_layout();
        drawn
    }

    /// Ends the layout being drawn: its widgets become its children.
    pub(super) fn close_layout(&mut self) {
        let Some(children) = self.stack.pop() else {
            return;
        };
        if let Some(layout) = self.current().last_mut() {
            layout.children = Some(children);
        }
    }

    fn current(&mut self) -> &mut Vec<Drawn> {
        if self.stack.is_empty() {
            self.stack.push(Vec::new());
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// The identity of the next widget of a kind that has no label (Markdown, layouts): its
    /// place among those of its kind.
    pub(super) fn positional_identity(&mut self, kind: &'static str) -> String {
        let n = self.positional.entry(kind).or_default();
        *n += 1;
        format!("{}{kind}#{n}", self.prefix)
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
    /// `clicked()` is true in the rerun its click started, as Streamlit's. Its type is
    /// Streamlit's when the source names none: `text/plain` for text, `application/octet-stream`
    /// for bytes and readers, a path's from its name. `ui.add(DownloadButton::new(label)
    /// .value(data).help(…).shortcut(…))` sets the rest (and keeps Ferry's rule: a type from
    /// the file name first).
    pub fn download_button(
        &mut self,
        label: impl Into<String>,
        data: impl Into<FileSource>,
    ) -> Response {
        self.add(DownloadButton::new(label).value(data.into().with_streamlit_mime()))
    }

    /// A green box with a Markdown message: Streamlit's `st.success`.
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     ui.success("Saved.");
    ///     ui.info("Next: the report.");
    ///     ui.warning("The disk is nearly full.");
    ///     ui.error("The upload failed.");
    /// });
    /// # let _ = app;
    /// ```
    pub fn success(&mut self, text: impl Into<String>) {
        self.add(Callout::success(text));
    }

    /// A blue box with a Markdown message: Streamlit's `st.info`.
    pub fn info(&mut self, text: impl Into<String>) {
        self.add(Callout::info(text));
    }

    /// An amber box with a Markdown message: Streamlit's `st.warning`.
    pub fn warning(&mut self, text: impl Into<String>) {
        self.add(Callout::warning(text));
    }

    /// A red box with a Markdown message: Streamlit's `st.error`.
    pub fn error(&mut self, text: impl Into<String>) {
        self.add(Callout::error(text));
    }

    /// A bar filled to `value` (0.0 to 1.0) with a text above it: Streamlit's `st.progress`.
    pub fn progress(&mut self, value: f64, text: impl Into<String>) {
        let text: String = text.into();
        let bar = ProgressBar::new(value);
        self.add(if text.is_empty() { bar } else { bar.text(text) });
    }

    /// A picture (a path, bytes or a URL), as wide as it is; `ui.add(Image::new(…).caption(…)
    /// .width(Width::Stretch))` sets the rest.
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     ui.image("examples/assets/flower.png");
    /// });
    /// # let _ = app;
    /// ```
    pub fn image(&mut self, source: impl Into<FileSource>) {
        self.add(Image::new(source));
    }

    /// A table, as wide as the column, sortable by its headers, with "Download as CSV" under
    /// it: Streamlit's `st.dataframe`. `ui.add(Dataframe::new(…).height(…).label(…))` sets
    /// the rest.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     let squares = Table::from_rows(["n", "n²"], (1..=10).map(|n| [n, n * n]));
    ///     ui.dataframe(&squares);
    /// });
    /// # let _ = app;
    /// ```
    pub fn dataframe(&mut self, table: impl Into<Table>) {
        self.add(Dataframe::new(table));
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
        let widget = C::script_widget();
        let identity = match node.props.get("key") {
            Some(Value::String(key)) => key_identity(key),
            Some(Value::Number(key)) => format!("key:{key}"),
            // What the user cannot change needs no lasting identity: its place is enough.
            _ if widget.is_none() => self.positional_identity(C::TYPE),
            _ => format!("{}:{label}", C::TYPE),
        };
        let name = format!("{} “{label}”", C::TYPE);
        let mut node = node;
        if widget.is_some_and(|w| w.rerun_on == "click") {
            // A button's label is Streamlit's Markdown subset in a script app.
            if let Some(html) = label_html(&label) {
                node = node.prop("label_html", html);
            }
            // As wide as its label, as Streamlit's, unless the script says otherwise.
            if node.props.get("width").is_none_or(Value::is_null) {
                node = node.prop("width", "content");
            }
        }
        let clicked = self.clicked.as_deref() == Some(identity.as_str());
        let placed = self.place(node, identity, Some(name)).identity.clone();
        let kept = self.values.get(&placed).cloned();
        let Some(drawn) = self.current().last_mut() else {
            return Response::default();
        };
        let mut response = Response {
            clicked,
            value: None,
        };
        if widget.is_some_and(|w| w.has_value) {
            let value = kept.or_else(|| drawn.props.get("value").cloned());
            if let Some(value) = &value {
                drawn.props.insert("value".to_owned(), value.clone());
            }
            response.value = value;
        }
        drawn.widget = widget;
        response
    }

    /// Adds `node` under `identity` to the layout being drawn; a second widget of one
    /// identity gets a problem naming both.
    pub(super) fn place(
        &mut self,
        node: Node,
        identity: String,
        name: Option<String>,
    ) -> &mut Drawn {
        let mut problem = None;
        let name = name.unwrap_or_else(|| node.wire_type().to_owned());
        let mut identity = identity;
        self.count += 1;
        if self.reserved.contains(&identity) {
            problem = Some(format!(
                "{name} has the same identity as a widget outside its fragment; give one of them a key"
            ));
            identity = format!("{identity}#{}", self.count);
        } else if let Some((first_name, first)) = self.seen.get(&identity) {
            problem = Some(format!(
                "two widgets have the same identity: {first_name} and {name} (widgets {first} and {}); give one of them a key",
                self.count
            ));
            identity = format!("{identity}#{}", self.count);
        }
        let mut deferred = None;
        let value = match node.value {
            ValueSpec::None => None,
            ValueSpec::File(source) => Some(OutValue::File(source)),
            ValueSpec::Value(value) => Some(value),
            ValueSpec::Function { .. } => {
                problem.get_or_insert_with(|| {
                    "`value_with` is for Blocks apps: a script computes the value itself".to_owned()
                });
                None
            }
            ValueSpec::Deferred { source, inputs, .. } => {
                let arity = source.deferred_fn().map_or(0, |f| f.arity);
                if arity > 0 || !inputs.is_empty() {
                    problem.get_or_insert_with(|| {
                        "a script's deferred function takes no inputs (`inputs` is for Blocks apps): it captures the values it needs".to_owned()
                    });
                } else {
                    deferred = Some(source);
                }
                None
            }
        };
        // Emoji, Material Symbols, spinners and URLs are in the props already; an image file
        // is published once the script has returned.
        let mut icon = None;
        match node.icon {
            Some(Icon::Path(path)) => icon = Some(path),
            Some(other) => {
                if let Err(error) = other.check() {
                    problem.get_or_insert_with(|| error.to_string());
                }
            }
            None => {}
        }
        self.seen
            .insert(identity.clone(), (name.clone(), self.count));
        let current = self.current();
        current.push(Drawn {
            identity,
            behaviour: node.behaviour,
            props: node.props,
            value,
            widget: None,
            problem,
            on_click: node.on_click,
            children: None,
            icon,
            deferred,
            fragment: None,
        });
        let last = current.len() - 1;
        &mut current[last]
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

/// The identity of the widget with this key.
pub(crate) fn key_identity(key: &str) -> String {
    format!("key:{key}")
}

/// `text` with Markdown's punctuation escaped, so it shows as written.
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_{}[]()#+-.!|<>~".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
