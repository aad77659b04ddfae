//! [`UploadButton`]: a button that uploads files from the user's computer.

use serde_json::Value;

use crate::events::{InputContext, OutValue, RunError, Update};
use crate::files::upload::{FileCount, UploadRules};
use crate::runtime::Props;

use super::file_value::{
    file_inputs, file_outputs, file_value_props, gradio_file_value, held_file_value,
};
use super::{
    button_setters, button_update_setters, common_setters, update_setters, ButtonIcon, Common,
    Component, Handle, HeldProps, Node, OutputContext, PageSettings, Size, Trigger, Variant,
};

/// A button that opens the file picker and uploads what the user chooses: Gradio's
/// `gr.UploadButton`.
///
/// The upload streams to a private folder of the session, within the app's
/// [`UploadLimits`](crate::files::upload::UploadLimits), with its types checked on the server.
/// Then [`upload`](Handle::upload) and [`change`](Handle::change) fire, and handlers taking the
/// button as input receive the file as a `PathBuf` (Gradio's `type="filepath"`), `Bytes`
/// (`type="binary"`), an [`UploadedFile`](crate::events::UploadedFile), or a `Vec` of those for
/// several files. Its `path.file_name()` is the name the user's file had, sanitised.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new), [`default`](Self::default)
/// - Content: [`file_count`](Self::file_count), [`file_types`](Self::file_types)
/// - Appearance: [`variant`](Self::variant), [`size`](Self::size), [`icon`](Self::icon),
///   [`interactive`](Self::interactive), [`visible`](Self::visible), [`scale`](Self::scale),
///   [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::click`](Handle::click), [`Handle::upload`](Handle::upload),
///   [`Handle::change`](Handle::change)
///
/// # Example
///
/// ```
/// use std::path::PathBuf;
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let upload = b.add(UploadButton::new("Upload a CSV").file_types([".csv"]));
///     let rows = b.add(Textbox::new("Rows"));
///     b.on(upload.upload(), upload, rows, |path: PathBuf| {
///         std::fs::read_to_string(&path).map(|text| text.lines().count().to_string())
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Upload a CSV"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct UploadButton {
    label: String,
    file_count: FileCount,
    file_types: Option<Vec<String>>,
    variant: Variant,
    size: Size,
    icon: ButtonIcon,
    interactive: bool,
    common: Common,
}

impl Default for UploadButton {
    /// A button labelled "Upload a File" for one file of any type.
    fn default() -> Self {
        UploadButton::new("Upload a File")
    }
}

impl UploadButton {
    /// An upload button with this label, for one file of any type.
    pub fn new(label: impl Into<String>) -> Self {
        UploadButton {
            label: label.into(),
            file_count: FileCount::Single,
            file_types: None,
            variant: Variant::Secondary,
            size: Size::Lg,
            icon: ButtonIcon::default(),
            interactive: true,
            common: Common::default(),
        }
    }

    /// One file, several files, or a whole folder. Defaults to [`FileCount::Single`].
    #[must_use = "a setter returns the changed component"]
    pub fn file_count(mut self, file_count: FileCount) -> Self {
        self.file_count = file_count;
        self
    }

    /// The accepted types: extensions (`".csv"`), categories (`"image"`, `"video"`, `"audio"`,
    /// `"text"`) or MIME types (`"application/pdf"`). The picker offers only those, and the
    /// server refuses any other with a 415 shown next to the button. Defaults to any type.
    #[must_use = "a setter returns the changed component"]
    pub fn file_types<S: Into<String>>(mut self, file_types: impl IntoIterator<Item = S>) -> Self {
        self.file_types = Some(file_types.into_iter().map(Into::into).collect());
        self
    }

    /// With `false` the button is disabled, and the server refuses uploads to it.
    /// Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    button_setters!();

    common_setters!();

    /// An update for an upload button, returned by a handler to change its properties.
    pub fn update() -> UploadButtonUpdate {
        UploadButtonUpdate(Update::new(Self::TYPE))
    }
}

impl Component for UploadButton {
    const TYPE: &'static str = "upload_button";

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("label", self.label)
            .prop("value", serde_json::Value::Null)
            .prop("file_count", self.file_count.as_str())
            .prop("file_types", self.file_types)
            .prop("variant", self.variant.as_str())
            .prop("size", self.size.as_str())
            .button_icon(self.icon)
            .prop("interactive", self.interactive)
    }

    fn first_paint(props: &Props, _: &str) -> Option<String> {
        Some(super::first_paint_button_component(
            Self::TYPE,
            props,
            "label",
            "Upload a File",
        ))
    }

    async fn value_props(value: OutValue, cx: OutputContext) -> Result<Props, RunError> {
        file_value_props(Self::TYPE, value, cx).await
    }

    /// The files the server received for this session (recorded by the upload route).
    fn input_value(page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        held_file_value(&page, held)
    }

    /// Gradio's `UploadButton`: a file (`FileData`), or a list of them for several files.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::file("uploadbutton", "UploadButton")
    }

    /// The uploaded files as `FileData`, their `path` an opaque token.
    fn gradio_value(held: &HeldProps<'_>, cx: &crate::gradio::GradioContext) -> Value {
        gradio_file_value(held, cx)
    }

    /// Files the client uploaded (`handle_file`), checked against the button's count, types
    /// and size, and issued to the session as a page's upload would be.
    fn gradio_input(
        value: Value,
        held: &HeldProps<'_>,
        cx: &crate::gradio::GradioContext,
    ) -> Result<crate::gradio::GradioInput, String> {
        let rules = Self::upload_rules(held).unwrap_or_default();
        cx.claim_files(value, &rules)
            .map(crate::gradio::GradioInput::Held)
    }

    fn upload_rules(held: &HeldProps<'_>) -> Option<UploadRules> {
        let file_count = match held.get("file_count").and_then(Value::as_str) {
            Some("multiple") => FileCount::Multiple,
            Some("directory") => FileCount::Directory,
            _ => FileCount::Single,
        };
        let file_types = held
            .get("file_types")
            .and_then(Value::as_array)
            .map(|types| {
                types
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Some(UploadRules {
            file_count,
            file_types,
        })
    }

    /// Tells the page the largest file the server takes, so it can refuse a larger one at once.
    fn prepare(props: &mut Props, settings: &PageSettings) {
        props.insert(
            "max_file_size".into(),
            settings.upload_limits.max_file_size.into(),
        );
    }
}

file_inputs!(UploadButton);
/// Gradio's `type="filepath"`: the uploaded files' paths (one for a single-file button).
impl crate::events::DefaultInput for UploadButton {
    type Input = Vec<std::path::PathBuf>;
}
file_outputs!(UploadButton);
crate::events::update_output!(UploadButtonUpdate => UploadButton);

impl Handle<UploadButton> {
    /// Fires when the button is clicked (before the file picker opens).
    pub fn click(&self) -> Trigger {
        self.trigger("click")
    }

    /// Fires when an upload has finished.
    pub fn upload(&self) -> Trigger {
        self.trigger("upload")
    }

    /// Fires when the button's files change, by an upload or an update.
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }
}

/// New properties for an [`UploadButton`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct UploadButtonUpdate(pub(crate) Update);

impl UploadButtonUpdate {
    /// Changes the text on the button.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set("label", label.into());
        self
    }

    /// Forgets the uploaded files (the button's value becomes empty).
    #[must_use = "a setter returns the changed update"]
    pub fn no_value(mut self) -> Self {
        self.0.set_null_value();
        self
    }

    button_update_setters!();

    update_setters!();
}
