//! [`DownloadButton`]: a button that downloads a file when clicked.

use serde_json::Value;

use crate::events::{AnyInputs, Handler, InputContext, OutValue, RunError, Update};
use crate::files::deferred::publish_download;
use crate::files::deferred::Deferred;
use crate::files::FileSource;
use crate::runtime::Props;

use super::file_value::{
    file_inputs, file_outputs, file_value_props, gradio_file_value, held_file_value,
};
use super::{
    button_option_setters, button_setters, button_update_setters, common_setters, update_setters,
    ButtonIcon, ButtonOptions, Common, Component, Every, Handle, HeldProps, IntoComponents, Node,
    OutputContext, Size, Trigger, ValueSpec, Variant,
};

/// A button that downloads a file when clicked: Gradio's `gr.DownloadButton`.
///
/// Clicking makes the browser download the current value through an `<a download>` to a
/// capability URL (a native, streamed download), then fires [`click`](Handle::click).
///
/// # Methods
///
/// - Constructors: [`new`](Self::new), [`from_path`](Self::from_path), [`default`](Self::default)
/// - Content: [`label`](Self::label), [`value`](Self::value), [`value_with`](Self::value_with),
///   [`every`](Self::every), [`inputs`](Self::inputs)
/// - Made when clicked: [`value_deferred`](Self::value_deferred), [`inputs`](Self::inputs),
///   [`fresh_each_click`](Self::fresh_each_click), [`keep_for`](Self::keep_for),
///   [`time_limit`](Self::time_limit)
/// - Appearance: [`variant`](Self::variant), [`size`](Self::size), [`icon`](Self::icon),
///   [`interactive`](Self::interactive), [`visible`](Self::visible), [`scale`](Self::scale),
///   [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::click`](Handle::click), [`Handle::change`](Handle::change)
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.add(
///         DownloadButton::new("Download the notes")
///             .value(FileSource::text("Ferry is fast.\n").file_name("notes.txt"))
///             .variant(Variant::Primary),
///     );
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Download the notes"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct DownloadButton {
    label: String,
    value: ValueSpec,
    variant: Variant,
    size: Size,
    icon: ButtonIcon,
    interactive: bool,
    options: ButtonOptions,
    common: Common,
}

impl Default for DownloadButton {
    /// A button labelled "Download" with no file yet.
    fn default() -> Self {
        DownloadButton::new("Download")
    }
}

impl DownloadButton {
    /// A download button with this label and no file yet.
    pub fn new(label: impl Into<String>) -> Self {
        DownloadButton {
            label: label.into(),
            value: ValueSpec::None,
            variant: Variant::Secondary,
            size: Size::Lg,
            icon: ButtonIcon::default(),
            interactive: true,
            options: ButtonOptions::default(),
            common: Common::default(),
        }
    }

    /// A button labelled "Download" that downloads the file at `path`.
    pub fn from_path(path: impl Into<std::path::PathBuf>) -> Self {
        DownloadButton::default().value(FileSource::path(path))
    }

    /// Sets the text on the button. Defaults to "Download".
    #[must_use = "a setter returns the changed component"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Sets the file to download: a path, a URL (`http(s)://…`, downloaded by the browser itself),
    /// any [`FileSource`] (bytes, text, a reader, a stream, or a [deferred](FileSource::deferred)
    /// file made when clicked), or a list of them (a `Vec` or an array), downloaded as one zip
    /// built as it is sent ([`FileSource::zip`]). Defaults to none.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     b.add(DownloadButton::new("Both reports").value(vec![
    ///         FileSource::text("q1,42\n").file_name("q1.csv"),
    ///         FileSource::text("q2,57\n").file_name("q2.csv"),
    ///     ]));
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("download.zip"));
    /// ```
    #[must_use = "a setter returns the changed component"]
    #[track_caller]
    pub fn value(mut self, value: impl Into<FileSource>) -> Self {
        let source = value.into();
        self.value = if source.is_deferred() {
            ValueSpec::Deferred {
                source,
                declared_at: std::panic::Location::caller(),
                inputs: Vec::new(),
            }
        } else {
            ValueSpec::File(source)
        };
        self
    }

    /// Makes the file only when the user clicks: `function` runs then, the button shows its
    /// progress and a cancel control, and the browser downloads the result at once, in the same
    /// click. The same as `.value(FileSource::deferred(function))`: see
    /// [`FileSource::deferred`] for what the function takes and returns, and
    /// [`inputs`](Self::inputs), [`fresh_each_click`](Self::fresh_each_click),
    /// [`keep_for`](Self::keep_for) and [`time_limit`](Self::time_limit) for its options.
    /// Defaults to none.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let name = b.add(Textbox::new("Name").value("Ferry"));
    ///     b.add(
    ///         DownloadButton::new("Download the greeting")
    ///             .value_deferred(|progress: Progress, name: String| async move {
    ///                 progress.describe("Writing");
    ///                 FileSource::text(format!("Hello, {name}!\n")).file_name("greeting.txt")
    ///             })
    ///             .inputs(name),
    ///     );
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Download the greeting"));
    /// ```
    #[must_use = "a setter returns the changed component"]
    #[track_caller]
    pub fn value_deferred<M, H: Handler<AnyInputs, Handle<Deferred>, M>>(
        self,
        function: H,
    ) -> Self {
        self.value(FileSource::deferred(function))
    }

    /// For a [deferred](Self::value_deferred) value: with `true` every click runs the function
    /// again instead of giving back the file kept from the last run (a click while it runs
    /// still joins that run). Defaults to `false`.
    #[must_use = "a setter returns the changed component"]
    pub fn fresh_each_click(self, fresh: bool) -> Self {
        self.deferred_source(|source| source.fresh_each_click(fresh))
    }

    /// For a [deferred](Self::value_deferred) value: how long a finished file stays ready for
    /// the session (a broken download resumes from it, a click downloads it again without
    /// running the function). Defaults to 10 minutes.
    #[must_use = "a setter returns the changed component"]
    pub fn keep_for(self, keep_for: std::time::Duration) -> Self {
        self.deferred_source(|source| source.keep_for(keep_for))
    }

    /// For a [deferred](Self::value_deferred) value: cancels a run that takes longer, and says
    /// so under the button. Defaults to no limit.
    #[must_use = "a setter returns the changed component"]
    pub fn time_limit(self, limit: std::time::Duration) -> Self {
        self.deferred_source(|source| source.time_limit(limit))
    }

    fn deferred_source(mut self, change: impl FnOnce(FileSource) -> FileSource) -> Self {
        if let ValueSpec::Deferred { source, .. } = &mut self.value {
            *source = change(source.clone());
        }
        self
    }

    /// Computes the file with a function, run for each session when the page loads, again on
    /// every tick of [`every`](Self::every), and whenever one of [`inputs`](Self::inputs) changes.
    /// The function takes the inputs' values and returns a path, a URL or a [`FileSource`],
    /// sync or async. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    #[track_caller]
    pub fn value_with<M, H: Handler<AnyInputs, Handle<DownloadButton>, M>>(
        mut self,
        handler: H,
    ) -> Self {
        let (every, inputs) = match std::mem::replace(&mut self.value, ValueSpec::None) {
            ValueSpec::Function { every, inputs, .. } => (every, inputs),
            _ => (None, Vec::new()),
        };
        self.value = ValueSpec::Function {
            handler: handler.into_erased(),
            arity: H::arity(),
            declared_at: std::panic::Location::caller(),
            every,
            inputs,
        };
        self
    }

    /// Reruns the [`value_with`](Self::value_with) function on a timer: a number of seconds or
    /// a [`Timer`](super::Timer) handle. No effect on a fixed value. Defaults to never.
    #[must_use = "a setter returns the changed component"]
    pub fn every(mut self, every: impl Into<Every>) -> Self {
        if let ValueSpec::Function { every: slot, .. } = &mut self.value {
            *slot = Some(every.into());
        }
        self
    }

    /// The components whose values the [`value_with`](Self::value_with) function takes (it
    /// reruns whenever one changes), or the [`value_deferred`](Self::value_deferred) function
    /// (read when the button is clicked; a file kept from an earlier click is given back only
    /// for the same values). No effect on a fixed value. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn inputs(mut self, inputs: impl IntoComponents) -> Self {
        match &mut self.value {
            ValueSpec::Function { inputs: slot, .. } | ValueSpec::Deferred { inputs: slot, .. } => {
                *slot = inputs.into_ids();
            }
            _ => {}
        }
        self
    }

    /// With `false` the button is disabled: it neither downloads nor fires events.
    /// Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    button_setters!();

    button_option_setters!();

    common_setters!();

    /// An update for a download button, returned by a handler to change its properties.
    pub fn update() -> DownloadButtonUpdate {
        DownloadButtonUpdate(Update::new(Self::TYPE))
    }
}

impl Component for DownloadButton {
    const TYPE: &'static str = "download_button";

    fn script_widget() -> Option<super::ScriptWidget> {
        Some(super::ScriptWidget {
            rerun_on: "click",
            has_value: false,
        })
    }

    /// Refuses clicks while hidden or disabled, and any click for `OnClick::Ignore`.
    fn check_event(event: &str, held: &HeldProps<'_>) -> Result<(), String> {
        super::button_options::check_click(Self::TYPE, event, held)
    }

    fn into_node(self) -> Node {
        let mut node = Node::new::<Self>(&self.common)
            .prop("label", self.label)
            .prop("value", serde_json::Value::Null)
            .prop("variant", self.variant.as_str())
            .prop("size", self.size.as_str())
            .button_icon(self.icon)
            .prop("interactive", self.interactive);
        if matches!(self.value, ValueSpec::Deferred { .. }) {
            node = node.prop("deferred", true);
        }
        node.value = self.value;
        self.options.write(node)
    }

    fn first_paint(props: &Props, _: &str) -> Option<String> {
        Some(super::first_paint_button_component(
            Self::TYPE,
            props,
            "label",
            "Download",
        ))
    }

    async fn value_props(value: OutValue, cx: OutputContext) -> Result<Props, RunError> {
        if let OutValue::Download(source) = value {
            let file = publish_download(&cx.store, &cx.roots, &cx.session, cx.component, &source)
                .await
                .map_err(|e| RunError::Shown(crate::Error::new(e.to_string())))?;
            return Ok(Props::from_iter([("download".to_owned(), file)]));
        }
        if let OutValue::File(source) = &value {
            if source.is_deferred() {
                return deferred_value_props(source, &cx);
            }
        }
        let had_deferred = cx
            .deferred
            .as_ref()
            .is_some_and(|runs| runs.unassign(&cx.session, cx.component));
        let mut props = file_value_props(Self::TYPE, value, cx.clone()).await?;
        if had_deferred {
            let declared = cx
                .deferred
                .as_ref()
                .is_some_and(|runs| runs.is_declared(cx.component));
            props.insert("deferred".to_owned(), Value::Bool(declared));
        }
        Ok(props)
    }

    fn input_value(page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        held_file_value(&page, held)
    }

    /// Gradio's `DownloadButton`: a file (`FileData`).
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::file("downloadbutton", "DownloadButton")
    }

    /// The file as `FileData`, its `path` an opaque token the client downloads through
    /// `gradio_api/file=`.
    fn gradio_value(held: &HeldProps<'_>, cx: &crate::gradio::GradioContext) -> Value {
        gradio_file_value(held, cx)
    }

    /// A file the client uploaded (`handle_file`), issued to the session.
    fn gradio_input(
        value: Value,
        _: &HeldProps<'_>,
        cx: &crate::gradio::GradioContext,
    ) -> Result<crate::gradio::GradioInput, String> {
        cx.claim_files(value, &crate::files::upload::UploadRules::default())
            .map(crate::gradio::GradioInput::Held)
    }

    /// The file's URL reaches the page only while the button is visible and interactive
    /// (NiceGUI's disabled-element advisory): until then the page holds `null`, and the file
    /// follows the update that makes the button usable.
    fn shown_props(mut update: Props, held: &HeldProps<'_>) -> Props {
        if held.usable(Self::TYPE).is_err() {
            if update.contains_key("value") {
                update.insert("value".to_owned(), Value::Null);
            }
        } else if update.contains_key("visible") || update.contains_key("interactive") {
            if let Some(value) = held.get("value") {
                update
                    .entry("value".to_owned())
                    .or_insert_with(|| value.clone());
            }
        }
        update
    }
}

/// A deferred file a handler gave the button: clicks run its function from now on (for this
/// session), and the page holds no file until one is made.
fn deferred_value_props(source: &FileSource, cx: &OutputContext) -> Result<Props, RunError> {
    let Some(runs) = &cx.deferred else {
        return Err(RunError::Shown(crate::Error::new(
            crate::files::FileError::Deferred.to_string(),
        )));
    };
    runs.assign(&cx.session, cx.component, source.clone())
        .map_err(|message| RunError::Shown(crate::Error::new(message)))?;
    Ok(Props::from_iter([
        ("value".to_owned(), Value::Null),
        ("deferred".to_owned(), Value::Bool(true)),
    ]))
}

file_inputs!(DownloadButton);
/// Gradio's DownloadButton as input: the file's path, `None` when it has no file.
impl crate::events::DefaultInput for DownloadButton {
    type Input = Option<std::path::PathBuf>;
}
file_outputs!(DownloadButton);
crate::events::update_output!(DownloadButtonUpdate => DownloadButton);

impl Handle<DownloadButton> {
    /// Fires when the button is clicked (after the download starts; for a
    /// [deferred](DownloadButton::value_deferred) file, when the click asks for it).
    pub fn click(&self) -> Trigger {
        self.trigger("click")
    }

    /// Fires when the button's file changes, by an update or its value function.
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }
}

/// New properties for a [`DownloadButton`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct DownloadButtonUpdate(pub(crate) Update);

impl DownloadButtonUpdate {
    /// Changes the text on the button.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set("label", label.into());
        self
    }

    /// Changes the file to download: a path, a URL or any [`FileSource`].
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, value: impl Into<FileSource>) -> Self {
        self.0.set_file(value.into());
        self
    }

    /// Clears the file: clicking then downloads nothing.
    #[must_use = "a setter returns the changed update"]
    pub fn no_value(mut self) -> Self {
        self.0.set_null_value();
        self
    }

    button_update_setters!();

    update_setters!();
}
