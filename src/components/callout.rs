//! [`Callout`]: a coloured box with a message: success, info, warning or error.

use crate::events::{OutValue, RunError, Update};
use crate::runtime::Props;

use super::markdown::render_markdown;
use super::{common_setters, update_setters, Common, Component, Node, OutputContext};

/// What a [`Callout`] says about its message, and so its colour and icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    /// Something went well (green, ✓).
    Success,
    /// Something to know (blue, i).
    Info,
    /// Something to watch (amber, !); announced at once by screen readers.
    Warning,
    /// Something went wrong (red, ×); announced at once by screen readers.
    Error,
}

impl CalloutKind {
    fn as_str(self) -> &'static str {
        match self {
            CalloutKind::Success => "success",
            CalloutKind::Info => "info",
            CalloutKind::Warning => "warning",
            CalloutKind::Error => "error",
        }
    }
}

/// A coloured box with a Markdown message: Streamlit's `st.success`, `st.info`, `st.warning`
/// and `st.error`. The message is rendered on the server and sanitised, like [`Markdown`]'s.
///
/// [`Markdown`]: super::Markdown
///
/// # Methods
///
/// - Constructors: [`success`](Self::success), [`info`](Self::info),
///   [`warning`](Self::warning), [`error`](Self::error), [`new`](Self::new)
/// - Appearance: [`icon`](Self::icon), [`visible`](Self::visible), [`scale`](Self::scale),
///   [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
///
/// A handler shows new text (a `String`) or a [`CalloutUpdate`].
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.add(Callout::success("Saved **3** files."));
///     b.add(Callout::warning("The disk is nearly full.").icon("💾"));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("<strong>3</strong>"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Callout {
    kind: CalloutKind,
    text: String,
    icon: Option<String>,
    common: Common,
}

impl Callout {
    /// A callout of this kind with this Markdown message.
    pub fn new(kind: CalloutKind, text: impl Into<String>) -> Self {
        Callout {
            kind,
            text: text.into(),
            icon: None,
            common: Common::default(),
        }
    }

    /// A green box: something went well.
    pub fn success(text: impl Into<String>) -> Self {
        Callout::new(CalloutKind::Success, text)
    }

    /// A blue box: something to know.
    pub fn info(text: impl Into<String>) -> Self {
        Callout::new(CalloutKind::Info, text)
    }

    /// An amber box: something to watch.
    pub fn warning(text: impl Into<String>) -> Self {
        Callout::new(CalloutKind::Warning, text)
    }

    /// A red box: something went wrong.
    pub fn error(text: impl Into<String>) -> Self {
        Callout::new(CalloutKind::Error, text)
    }

    /// Shows this emoji instead of the kind's own mark (Streamlit's `icon`). Defaults to the
    /// kind's mark.
    #[must_use = "a setter returns the changed component"]
    pub fn icon(mut self, emoji: impl Into<String>) -> Self {
        self.icon = Some(emoji.into());
        self
    }

    common_setters!();

    /// An update for a callout, returned by a handler.
    pub fn update() -> CalloutUpdate {
        CalloutUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Callout {
    const TYPE: &'static str = "callout";

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("kind", self.kind.as_str())
            .prop("html", render_markdown(&self.text))
            .prop("value", self.text)
            .prop("icon", self.icon)
    }

    /// Drawn by its own script, loaded only by pages that show a callout.
    fn script() -> Option<&'static str> {
        Some(include_str!("../../assets/extras/callout.js"))
    }

    /// The source text stays on the server (the API's value); the page gets the HTML.
    fn shown_props(mut update: Props, _: &super::HeldProps<'_>) -> Props {
        update.remove("value");
        update
    }

    /// Sanitises raw `html` as rendered text is.
    fn raw_props(props: Props) -> Props {
        super::markdown::sanitise_raw_html(props)
    }

    /// Gradio has no callout: in the API it is Markdown, its source text.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new("markdown", "Markdown")
            .schema(serde_json::json!({"type": "string"}))
            .python_type("str")
    }

    /// The box and its message before the script has loaded.
    fn first_paint(props: &Props, _: &str) -> Option<String> {
        let kind = super::prop_text(props, "kind", "info");
        let html = super::prop_text(props, "html", "");
        let inner = format!(
            "<div class=\"ferry-callout-box ferry-callout-{}\"><div class=\"ferry-callout-body ferry-prose\">{html}</div></div>",
            super::first_paint::escape(kind)
        );
        Some(super::first_paint_outer(
            Self::TYPE,
            props,
            "ferry-custom",
            &inner,
        ))
    }

    async fn value_props(value: OutValue, _: OutputContext) -> Result<Props, RunError> {
        super::markdown::rendered_props(Self::TYPE, value)
    }
}

crate::events::text_output!(Callout);
crate::events::update_output!(CalloutUpdate => Callout);

/// New properties for a [`Callout`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct CalloutUpdate(pub(crate) Update);

impl CalloutUpdate {
    /// Changes the message.
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, text: impl Into<String>) -> Self {
        self.0.set_text(text.into());
        self
    }

    /// Changes the kind (and so the colour and mark).
    #[must_use = "a setter returns the changed update"]
    pub fn kind(mut self, kind: CalloutKind) -> Self {
        self.0.set("kind", kind.as_str());
        self
    }

    update_setters!();
}
