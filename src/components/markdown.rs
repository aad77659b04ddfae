//! [`Markdown`]: text rendered from Markdown on the server and sanitised.

use crate::events::{OutValue, RunError, Update};
use crate::runtime::Props;

use super::{
    common_setters, update_setters, Common, Component, Handle, Node, OutputContext, Trigger,
};

/// Markdown text: Gradio's `gr.Markdown`. Rendered to HTML on the server, then sanitised, so a
/// value can never run script in the page.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new)
/// - Appearance: [`visible`](Self::visible), [`scale`](Self::scale),
///   [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.add(Markdown::new("# Reports\nPick one **below**."));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("<strong>below</strong>"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Markdown {
    text: String,
    common: Common,
}

impl Markdown {
    /// Markdown text.
    pub fn new(text: impl Into<String>) -> Self {
        Markdown {
            text: text.into(),
            common: Common::default(),
        }
    }

    common_setters!();

    /// An update for Markdown text, returned by a handler.
    pub fn update() -> MarkdownUpdate {
        MarkdownUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Markdown {
    const TYPE: &'static str = "markdown";

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("html", render_markdown(&self.text))
            .prop("value", self.text)
    }

    /// The Markdown source is kept for the API (`value`); the page gets only the HTML.
    fn shown_props(mut update: Props, _: &super::HeldProps<'_>) -> Props {
        update.remove("value");
        update
    }

    /// Gradio's `Markdown`: its source text, a string.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new("markdown", "Markdown")
            .schema(serde_json::json!({"type": "string"}))
            .python_type("str")
    }

    /// The HTML it already holds (rendered and sanitised on the server).
    fn first_paint(props: &Props, _: &str) -> Option<String> {
        let html = super::prop_text(props, "html", "");
        let inner = format!("<div class=\"ferry-prose\">{html}</div>");
        Some(super::first_paint_outer(Self::TYPE, props, "", &inner))
    }

    /// Sanitises raw `html` as rendered text is: no raw value puts script in the page.
    fn raw_props(props: Props) -> Props {
        sanitise_raw_html(props)
    }

    /// Renders the text on the server and sanitises it: the page gets safe HTML.
    async fn value_props(value: OutValue, _: OutputContext) -> Result<Props, RunError> {
        rendered_props(Self::TYPE, value)
    }
}

/// The props of a component that shows Markdown text (Markdown, Callout): its `html`, rendered
/// and sanitised, and its source `value`, which the server keeps for the API.
pub(crate) fn rendered_props(wire_type: &str, value: OutValue) -> Result<Props, RunError> {
    let text = match value {
        OutValue::Text(text) => text,
        OutValue::Null => String::new(),
        other => return Err(super::cannot_show(wire_type, &other)),
    };
    Ok(Props::from_iter([
        ("html".to_owned(), render_markdown(&text).into()),
        ("value".to_owned(), text.into()),
    ]))
}

/// Sanitises a raw `html` prop as rendered text is.
pub(crate) fn sanitise_raw_html(mut props: Props) -> Props {
    if let Some(html) = props.get_mut("html") {
        *html = ammonia::clean(html.as_str().unwrap_or_default()).into();
    }
    props
}

crate::events::text_output!(Markdown);
crate::events::update_output!(MarkdownUpdate => Markdown);

/// New properties for [`Markdown`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct MarkdownUpdate(pub(crate) Update);

impl Handle<Markdown> {
    /// Fires when the text changes, by an update or its value function (Gradio's
    /// `Markdown.change`).
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let note = b.add(Markdown::new("*draft*"));
    ///     let seen = b.add(Textbox::new("Seen"));
    ///     b.on(note.change(), (), seen, || "the note changed");
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Seen"));
    /// ```
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }
}

impl MarkdownUpdate {
    /// Changes the text.
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, text: impl Into<String>) -> Self {
        self.0.set_text(text.into());
        self
    }

    update_setters!();
}

/// Renders Markdown to HTML and removes anything that could run script.
pub(crate) fn render_markdown(text: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    ammonia::clean(&raw)
}

#[cfg(test)]
mod tests {
    use super::render_markdown;

    #[test]
    fn renders_emphasis_and_strips_script() {
        let html =
            render_markdown("**bold** <script>alert(1)</script><img src=x onerror=alert(1)>");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("onerror"));
    }
}
