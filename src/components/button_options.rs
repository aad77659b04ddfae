//! What Streamlit's buttons have beyond Gradio's and Ferry's buttons share: a help tooltip, a
//! width, a keyboard shortcut, label wrapping and what a click does (`on_click`).

use std::sync::Arc;

use serde_json::Value;

use crate::runtime::Session;

use super::{HeldProps, Node, Width};

/// What clicking a button does in a script app ([`crate::script()`]): Streamlit's `on_click`.
///
/// Streamlit's `args` and `kwargs` have no equivalent: the closure given to
/// [`OnClick::call`] captures what it needs.
#[derive(Clone, Default)]
pub enum OnClick {
    /// Reruns the script, in which the button's response says it was clicked. The default.
    #[default]
    Rerun,
    /// Nothing on the server: a download button only downloads (a page-only control, no
    /// rerun). The server refuses a click a page sends anyway.
    Ignore,
    /// Runs the callback with the session (its state: [`Session::with_state`]) before the
    /// rerun that the click starts.
    Call(Arc<dyn Fn(&Session) + Send + Sync>),
}

impl OnClick {
    /// A callback run before the rerun the click starts.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    /// use ferry_ui::components::OnClick;
    ///
    /// let app = ferry_ui::script(|ui| {
    ///     ui.add(Button::new("Count").on_click(OnClick::call(|session: &Session| {
    ///         session.with_state(|clicks: &mut u32| *clicks += 1);
    ///     })));
    ///     let clicks = ui.with_state(|clicks: &mut u32| *clicks);
    ///     ui.write(format!("{clicks} click(s)"));
    /// });
    /// # let _ = app;
    /// ```
    pub fn call(callback: impl Fn(&Session) + Send + Sync + 'static) -> Self {
        OnClick::Call(Arc::new(callback))
    }
}

impl std::fmt::Debug for OnClick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OnClick::Rerun => "Rerun",
            OnClick::Ignore => "Ignore",
            OnClick::Call(_) => "Call(..)",
        })
    }
}

/// A click callback as a node carries it to the script runtime.
pub(crate) type ClickCallback = Arc<dyn Fn(&Session) + Send + Sync>;

/// The options of [`button_option_setters!`], held by each button type.
#[derive(Clone, Debug)]
pub(crate) struct ButtonOptions {
    help: Option<String>,
    width: Option<Width>,
    shortcut: Option<String>,
    wrap: bool,
    on_click: OnClick,
}

impl Default for ButtonOptions {
    fn default() -> Self {
        ButtonOptions {
            help: None,
            width: None,
            shortcut: None,
            wrap: true,
            on_click: OnClick::Rerun,
        }
    }
}

impl ButtonOptions {
    /// Writes the options into the button's node: props for the page, the callback for the
    /// script runtime.
    pub fn write(self, mut node: Node) -> Node {
        node = node
            .prop("help", self.help.map(|help| render_help(&help)))
            .prop("width", self.width.map(Width::to_json))
            .prop("shortcut", self.shortcut);
        if !self.wrap {
            node = node.prop("wrap", false);
        }
        match self.on_click {
            OnClick::Rerun => {}
            OnClick::Ignore => node = node.prop("on_click", "ignore"),
            OnClick::Call(callback) => node.on_click = Some(callback),
        }
        node
    }

    pub fn set_help(&mut self, help: String) {
        self.help = Some(help);
    }

    pub fn set_width(&mut self, width: Width) {
        self.width = Some(width);
    }

    #[track_caller]
    pub fn set_shortcut(&mut self, keys: &str) {
        match super::shortcut::parse(keys) {
            Ok(keys) => self.shortcut = Some(keys),
            Err(error) => panic!("{error}"),
        }
    }

    pub fn set_wrap(&mut self, wrap: bool) {
        self.wrap = wrap;
    }

    pub fn set_on_click(&mut self, on_click: OnClick) {
        self.on_click = on_click;
    }
}

/// A click is refused for a button whose clicks do nothing on the server (`OnClick::Ignore`),
/// as for one that is hidden or disabled.
pub(crate) fn check_click(
    wire_type: &str,
    event: &str,
    held: &HeldProps<'_>,
) -> Result<(), String> {
    if event == "change" {
        return Ok(());
    }
    if event == "click" && held.get("on_click").and_then(Value::as_str) == Some("ignore") {
        return Err(format!(
            "this {wire_type} only acts in the page (on_click ignore): the server takes no click"
        ));
    }
    held.usable(wire_type)
}

/// Help text: Markdown rendered and sanitised, as the page shows it in the tooltip.
fn render_help(help: &str) -> String {
    super::markdown::render_markdown(help)
}

/// A button label in Streamlit's Markdown subset: bold, italics, strikethrough, inline code,
/// links and images (drawn as icons, one line high); every other element is unwrapped to its
/// text. `None` when the label has no Markdown at all (the page shows it as text).
pub(crate) fn label_html(label: &str) -> Option<String> {
    use pulldown_cmark::{html, Options, Parser};
    if !label.contains(['*', '_', '~', '`', '[', '!', '<', '&', '\\', '#', '-', '>']) {
        return None;
    }
    let mut raw = String::with_capacity(label.len() * 2);
    html::push_html(
        &mut raw,
        Parser::new_ext(label, Options::ENABLE_STRIKETHROUGH),
    );
    let html = ammonia::Builder::empty()
        .add_tags(["strong", "em", "del", "code", "a", "img"])
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("img", ["src", "alt"])
        .link_rel(Some("noopener noreferrer"))
        .add_generic_attributes(["title"])
        .clean(&raw)
        .to_string();
    // One line: the blocks it unwrapped leave line breaks between their texts.
    Some(html.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Generates the setters of [`ButtonOptions`] for a button type with an `options` field.
macro_rules! button_option_setters {
    () => {
        /// Sets a tooltip (Markdown, rendered and sanitised) shown when the pointer rests on
        /// the button and when it has the keyboard focus: Streamlit's `help`. Defaults to none.
        #[must_use = "a setter returns the changed component"]
        pub fn help(mut self, help: impl Into<String>) -> Self {
            self.options.set_help(help.into());
            self
        }

        /// Sets the width: the label's own ([`Width::Content`](crate::components::Width)),
        /// the column's ([`Width::Stretch`](crate::components::Width)) or pixels. Defaults to
        /// each style's own: the column's in Blocks apps (as Gradio), the label's in script
        /// apps (as Streamlit).
        #[must_use = "a setter returns the changed component"]
        pub fn width(mut self, width: impl Into<$crate::components::Width>) -> Self {
            self.options.set_width(width.into());
            self
        }

        /// With `true`, as wide as the column (`width(Width::Stretch)`), with `false` as wide
        /// as its label (`width(Width::Content)`): Streamlit's `use_container_width`.
        #[must_use = "a setter returns the changed component"]
        pub fn use_container_width(self, stretch: bool) -> Self {
            self.width(if stretch {
                $crate::components::Width::Stretch
            } else {
                $crate::components::Width::Content
            })
        }

        /// Clicks the button when the user presses `keys` anywhere on the page (`"Ctrl+S"`,
        /// `"Cmd+Shift+O"`, `"Mod+Enter"`, `"K"`), also named in its tooltip: Streamlit's
        /// `shortcut`. A key without Ctrl, Cmd, Mod or Alt does nothing while the user types
        /// in a field. Defaults to none.
        ///
        /// # Panics
        ///
        /// When `keys` is not a shortcut a page can have (see
        /// [`shortcut::parse`](crate::components::shortcut::parse) for the keys and the
        /// reserved ones), with the reason: a script app shows it in the page.
        #[must_use = "a setter returns the changed component"]
        #[track_caller]
        pub fn shortcut(mut self, keys: &str) -> Self {
            self.options.set_shortcut(keys);
            self
        }

        /// With `false` a label too long for the button is cut with "…" on one line, instead
        /// of wrapping onto more lines: Streamlit's `wrap`. Defaults to `true`.
        #[must_use = "a setter returns the changed component"]
        pub fn wrap(mut self, wrap: bool) -> Self {
            self.options.set_wrap(wrap);
            self
        }

        /// What a click does in a script app: rerun (the default), nothing on the server
        /// ([`OnClick::Ignore`](crate::components::OnClick)), or a callback first
        /// ([`OnClick::call`](crate::components::OnClick::call)): Streamlit's `on_click`. In a
        /// Blocks app only `Ignore` means something (no `click` event reaches the server);
        /// wire handlers with `b.on(button.click(), …)`.
        #[must_use = "a setter returns the changed component"]
        pub fn on_click(mut self, on_click: $crate::components::OnClick) -> Self {
            self.options.set_on_click(on_click);
            self
        }
    };
}

pub(crate) use button_option_setters;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::label_html;

    #[test]
    fn labels_keep_the_inline_subset_and_unwrap_the_rest() {
        assert_eq!(label_html("Download"), None);
        assert_eq!(
            label_html("**Save** _now_ ~~later~~ `csv`").unwrap(),
            "<strong>Save</strong> <em>now</em> <del>later</del> <code>csv</code>"
        );
        assert_eq!(label_html("# Big\n\n- item").unwrap(), "Big item");
        let link = label_html("[docs](https://example.com/a)").unwrap();
        assert!(
            link.starts_with("<a href=\"https://example.com/a\""),
            "{link}"
        );
        assert!(link.contains("rel=\"noopener noreferrer\""), "{link}");
        let script = label_html("<script>alert(1)</script>**x**").unwrap();
        assert!(!script.contains("<script"), "{script}");
        assert!(label_html("![i](https://example.com/i.png) Go")
            .unwrap()
            .starts_with("<img src=\"https://example.com/i.png\" alt=\"i\">"));
    }
}
