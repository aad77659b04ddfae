//! [`Image`]: a picture shown in the page, from a path, bytes or a URL.

use serde_json::Value;

use crate::events::{InputContext, OutValue, RunError, Update};
use crate::files::FileSource;
use crate::runtime::Props;

use super::file_value::{file_inputs, file_outputs, gradio_file_value, held_file_value};
use super::first_paint::escape;
use super::{
    common_setters, update_setters, Common, Component, Handle, HeldProps, Node, OutputContext,
    Trigger, ValueSpec,
};

/// How wide an [`Image`] (or another component with a width) is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Width {
    /// The content's own width, never wider than the column: Streamlit's `width="content"`.
    #[default]
    Content,
    /// The column's whole width: Streamlit's `width="stretch"` (and `use_container_width`).
    Stretch,
    /// This many pixels, never wider than the column.
    Pixels(u32),
}

impl Width {
    /// The prop's JSON: `"content"`, `"stretch"` or a number.
    pub(crate) fn to_json(self) -> Value {
        match self {
            Width::Content => "content".into(),
            Width::Stretch => "stretch".into(),
            Width::Pixels(px) => px.into(),
        }
    }
}

impl From<u32> for Width {
    fn from(px: u32) -> Self {
        Width::Pixels(px)
    }
}

/// A picture: Gradio's `gr.Image` as an output, Streamlit's `st.image`.
///
/// The value is a path, bytes (their type is recognised from their first bytes: PNG, JPEG,
/// GIF, WebP, …) or an `http(s)` URL the browser loads itself. A file is served through a
/// capability URL of the session like every Ferry file, so a path chosen by a handler must
/// lie under the app's [allowed paths](crate::Blocks::allowed_paths). A small control in its
/// corner downloads it.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new), [`empty`](Self::empty)
/// - Content: [`value`](Self::value), [`label`](Self::label), [`caption`](Self::caption),
///   [`alt`](Self::alt)
/// - Appearance: [`width`](Self::width), [`height`](Self::height),
///   [`show_label`](Self::show_label), [`show_download_button`](Self::show_download_button),
///   [`visible`](Self::visible), [`scale`](Self::scale), [`min_width`](Self::min_width),
///   [`elem_id`](Self::elem_id), [`elem_classes`](Self::elem_classes),
///   [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::change`](Handle::change)
///
/// A handler shows a path, a [`FileSource`], bytes (`Vec<u8>`) or an [`ImageUpdate`], and
/// takes its value as a [`FileSource`], a path or the raw JSON.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let png = std::fs::read("examples/assets/flower.png").unwrap();
/// let app = Blocks::new(|b| {
///     b.add(Image::new(FileSource::bytes(png)).caption("A flower").width(Width::Pixels(240)));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("A flower"));
/// # assert!(page.contains("image.png"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Image {
    value: Option<FileSource>,
    label: Option<String>,
    show_label: bool,
    caption: Option<String>,
    alt: Option<String>,
    width: Width,
    height: Option<u32>,
    show_download_button: bool,
    common: Common,
}

impl Image {
    /// An image showing `source`: a path, a URL, bytes ([`FileSource::bytes`]) or any
    /// [`FileSource`].
    pub fn new(source: impl Into<FileSource>) -> Self {
        Image::empty().value(source)
    }

    /// An image with nothing to show yet (a handler gives it one).
    pub fn empty() -> Self {
        Image {
            value: None,
            label: None,
            show_label: true,
            caption: None,
            alt: None,
            width: Width::Content,
            height: None,
            show_download_button: true,
            common: Common::default(),
        }
    }

    /// Sets the picture: a path, a URL, bytes ([`FileSource::bytes`]) or any [`FileSource`].
    #[must_use = "a setter returns the changed component"]
    pub fn value(mut self, source: impl Into<FileSource>) -> Self {
        self.value = Some(recognised(source.into()));
        self
    }

    /// Sets the label shown above the picture. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// With `false` the label is not shown (it still names the picture for screen readers).
    /// Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn show_label(mut self, show: bool) -> Self {
        self.show_label = show;
        self
    }

    /// Sets the caption shown under the picture (Streamlit's `caption`). Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn caption(mut self, caption: impl Into<String>) -> Self {
        self.caption = Some(caption.into());
        self
    }

    /// Sets the text that replaces the picture for screen readers. Defaults to the caption,
    /// else the label, else the file's name.
    #[must_use = "a setter returns the changed component"]
    pub fn alt(mut self, alt: impl Into<String>) -> Self {
        self.alt = Some(alt.into());
        self
    }

    /// Sets the width: the picture's own ([`Width::Content`], the default), the column's
    /// ([`Width::Stretch`]) or pixels (`Width::Pixels(240)`, or `240`). Never wider than
    /// the column.
    #[must_use = "a setter returns the changed component"]
    pub fn width(mut self, width: impl Into<Width>) -> Self {
        self.width = width.into();
        self
    }

    /// Sets the height in pixels; the picture keeps its proportions inside. Defaults to its
    /// own.
    #[must_use = "a setter returns the changed component"]
    pub fn height(mut self, px: u32) -> Self {
        self.height = Some(px);
        self
    }

    /// With `false` the picture has no download control. Defaults to `true`, as in Gradio.
    #[must_use = "a setter returns the changed component"]
    pub fn show_download_button(mut self, show: bool) -> Self {
        self.show_download_button = show;
        self
    }

    common_setters!();

    /// An update for an image, returned by a handler to change its properties.
    pub fn update() -> ImageUpdate {
        ImageUpdate(Update::new(Self::TYPE))
    }
}

/// Bytes without a name get one from their type, so that the browser is told what they are
/// (`image/png`) and a download is saved as `image.png`.
fn recognised(source: FileSource) -> FileSource {
    if source.has_file_name() {
        return source;
    }
    let Some(kind) = source.as_bytes().and_then(|bytes| infer::get(bytes)) else {
        return source;
    };
    source
        .file_name(format!("image.{}", kind.extension()))
        .mime_type(kind.mime_type())
}

impl Component for Image {
    const TYPE: &'static str = "image";

    fn into_node(self) -> Node {
        let mut node = Node::new::<Self>(&self.common)
            .prop("value", Value::Null)
            .prop("label", self.label)
            .prop("show_label", self.show_label)
            .prop("caption", self.caption)
            .prop("alt", self.alt)
            .prop("width", self.width.to_json())
            .prop("height", self.height)
            .prop("show_download_button", self.show_download_button);
        if let Some(source) = self.value {
            node.value = ValueSpec::File(source);
        }
        node
    }

    /// Drawn by its own script, loaded only by pages that show an image.
    fn script() -> Option<&'static str> {
        Some(include_str!("../../assets/extras/image.js"))
    }

    /// The picture, its label and caption, before the script has loaded.
    fn first_paint(props: &Props, _: &str) -> Option<String> {
        let mut inner = String::from("<figure class=\"ferry-image-figure\">");
        let label = props.get("label").and_then(Value::as_str);
        if let (Some(label), false) = (label, props.get("show_label") == Some(&false.into())) {
            inner.push_str(&format!(
                "<span class=\"ferry-label\">{}</span>",
                escape(label)
            ));
        }
        let url = props
            .get("value")
            .and_then(|v| v.get("url"))
            .and_then(Value::as_str);
        let caption = props.get("caption").and_then(Value::as_str);
        if let Some(url) = url {
            let alt = props
                .get("alt")
                .and_then(Value::as_str)
                .or(caption)
                .or(label)
                .unwrap_or_default();
            inner.push_str(&format!(
                "<div class=\"ferry-image-frame\"><img class=\"ferry-image-img\" src=\"{}\" alt=\"{}\"></div>",
                escape(url),
                escape(alt)
            ));
        }
        if let Some(caption) = caption {
            inner.push_str(&format!(
                "<figcaption class=\"ferry-image-caption\">{}</figcaption>",
                escape(caption)
            ));
        }
        inner.push_str("</figure>");
        Some(super::first_paint_outer(
            Self::TYPE,
            props,
            "ferry-custom",
            &inner,
        ))
    }

    async fn value_props(value: OutValue, cx: OutputContext) -> Result<Props, RunError> {
        let value = match value {
            OutValue::Null => Value::Null,
            OutValue::Text(text) => cx.publish(&FileSource::from(text)).await?,
            OutValue::File(source) => cx.publish(&recognised(source)).await?,
            other => return Err(super::cannot_show(Self::TYPE, &other)),
        };
        Ok(Props::from_iter([("value".to_owned(), value)]))
    }

    /// The server's own value: the page only shows it.
    fn input_value(page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        held_file_value(&page, held)
    }

    /// Gradio's `Image`: a file (`FileData`).
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::file("image", "Image")
    }

    /// The picture as `FileData`, its `path` an opaque token the client downloads through
    /// `gradio_api/file=`.
    fn gradio_value(held: &HeldProps<'_>, cx: &crate::gradio::GradioContext) -> Value {
        gradio_file_value(held, cx)
    }

    /// A picture the client uploaded (`handle_file`), issued to the session; only images are
    /// taken.
    fn gradio_input(
        value: Value,
        _: &HeldProps<'_>,
        cx: &crate::gradio::GradioContext,
    ) -> Result<crate::gradio::GradioInput, String> {
        let rules = crate::files::upload::UploadRules {
            file_types: vec!["image".to_owned()],
            ..Default::default()
        };
        cx.claim_files(value, &rules)
            .map(crate::gradio::GradioInput::Held)
    }
}

file_inputs!(Image);
/// Gradio's Image as input (`type="filepath"`): the picture's path, `None` when it has none.
impl crate::events::DefaultInput for Image {
    type Input = Option<std::path::PathBuf>;
}
file_outputs!(Image);
crate::events::update_output!(ImageUpdate => Image);

impl crate::events::OutputFor<Image> for Vec<u8> {
    fn into_output(self) -> Result<crate::events::Output, RunError> {
        Ok(crate::events::Output::Value(OutValue::File(
            FileSource::bytes(self),
        )))
    }
}

/// New properties for an [`Image`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct ImageUpdate(pub(crate) Update);

impl ImageUpdate {
    /// Changes the picture: a path, bytes or any [`FileSource`].
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, source: impl Into<FileSource>) -> Self {
        self.0.set_file(recognised(source.into()));
        self
    }

    /// Changes the caption.
    #[must_use = "a setter returns the changed update"]
    pub fn caption(mut self, caption: impl Into<String>) -> Self {
        self.0.set("caption", caption.into());
        self
    }

    /// Changes the label.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set("label", label.into());
        self
    }

    /// Changes the width.
    #[must_use = "a setter returns the changed update"]
    pub fn width(mut self, width: impl Into<Width>) -> Self {
        self.0.set("width", width.into().to_json());
        self
    }

    update_setters!();
}

impl Handle<Image> {
    /// Fires when the picture changes, by an update or a handler's value (Gradio's
    /// `Image.change`).
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let picture = b.add(Image::empty());
    ///     let seen = b.add(Textbox::new("Seen"));
    ///     b.on(picture.change(), (), seen, || "a new picture");
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Seen"));
    /// ```
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }
}
