//! The first paint: components drawn as HTML in the shell, so that the page shows before its
//! script has loaded (the script then draws the same thing and takes over). Each component
//! gives its own HTML ([`Component::first_paint`](super::Component::first_paint)); these are
//! the pieces they share, mirroring the front end's `outer()` and button markup.

use std::fmt::Write;

use serde_json::Value;

use crate::runtime::Props;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn text<'a>(props: &'a Props, name: &str) -> Option<&'a str> {
    props.get(name).and_then(Value::as_str)
}

/// A component's outermost element around `inner`: `data-testid`, `id`, the classes, and
/// `display: none` for `visible: "hidden"`; nothing at all for `visible: false`.
pub fn outer(wire_type: &str, props: &Props, extra_class: &str, inner: &str) -> String {
    if props.get("visible") == Some(&Value::Bool(false)) {
        return String::new();
    }
    let mut html = format!("<div data-testid=\"{}\"", escape(wire_type));
    if let Some(id) = text(props, "elem_id").filter(|id| !id.is_empty()) {
        let _ = write!(html, " id=\"{}\"", escape(id));
    }
    let mut classes = format!("ferry-block ferry-{}", wire_type.replace('_', "-"));
    if !extra_class.is_empty() {
        classes.push(' ');
        classes.push_str(extra_class);
    }
    for class in props
        .get("elem_classes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        classes.push(' ');
        classes.push_str(class);
    }
    let _ = write!(html, " class=\"{}\"", escape(&classes));
    if matches!(props.get("visible"), Some(Value::String(_))) {
        html.push_str(" style=\"display:none\"");
    }
    let _ = write!(html, ">{inner}</div>");
    html
}

/// A button's `<button>`: its variant, size, label and disabled state.
pub fn button(props: &Props, label: &str) -> String {
    let variant = text(props, "variant").unwrap_or("secondary");
    let size = text(props, "size").unwrap_or("lg");
    let disabled = if props.get("interactive") == Some(&Value::Bool(false)) {
        " disabled"
    } else {
        ""
    };
    let icon = icon_html(props);
    let label = format!("<span class=\"ferry-btn-label\">{}</span>", escape(label));
    let content = if text(props, "icon_position") == Some("right") {
        label + &icon
    } else {
        icon + &label
    };
    format!(
        "<button type=\"button\" class=\"ferry-btn ferry-btn-{} ferry-btn-{}\"{disabled}>\
         {content}</button>",
        escape(variant),
        escape(size),
    )
}

/// A button's icon (its `icon` prop) as the front end's `ButtonContent` draws it, or nothing.
fn icon_html(props: &Props) -> String {
    let Some(icon) = props.get("icon").filter(|icon| icon.is_object()) else {
        return String::new();
    };
    let field = |name: &str| icon.get(name).and_then(Value::as_str);
    if icon.get("spinner") == Some(&Value::Bool(true)) {
        "<span class=\"ferry-spinner\" aria-hidden=\"true\"></span>".to_owned()
    } else if let Some(url) = field("url") {
        format!(
            "<img class=\"ferry-btn-icon\" alt=\"\" src=\"{}\">",
            escape(url)
        )
    } else if let Some(glyph) = field("glyph") {
        format!(
            "<span class=\"ferry-symbol\" aria-hidden=\"true\">{}</span>",
            escape(glyph)
        )
    } else if let Some(emoji) = field("emoji") {
        format!(
            "<span class=\"ferry-emoji\" aria-hidden=\"true\">{}</span>",
            escape(emoji)
        )
    } else {
        String::new()
    }
}

/// A button-like component (button, download and upload buttons): its outer element around
/// its `<button>`, labelled by the prop `label_prop` (or `default`).
pub fn button_component(wire_type: &str, props: &Props, label_prop: &str, default: &str) -> String {
    let label = text(props, label_prop).unwrap_or(default);
    outer(wire_type, props, "", &button(props, label))
}

/// A field's line of help (its `info` prop) as the front end draws it, or nothing.
pub fn info_html(props: &Props) -> String {
    match text(props, "info").filter(|info| !info.is_empty()) {
        Some(info) => format!("<p class=\"ferry-info\">{}</p>", escape(info)),
        None => String::new(),
    }
}

/// A field's label (its `label` prop) as the front end draws it, or nothing. The first paint
/// knows no element ids, so the control it labels carries the label as its `aria-label`.
pub fn label_html(props: &Props) -> String {
    match text(props, "label").filter(|label| !label.is_empty()) {
        Some(label) => format!("<span class=\"ferry-label\">{}</span>", escape(label)),
        None => String::new(),
    }
}

/// The text of a prop, or `default`.
pub fn prop_text<'a>(props: &'a Props, name: &str, default: &'a str) -> &'a str {
    text(props, name).unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let props: Props = serde_json::from_str(
            r#"{"elem_id":"a\"b","elem_classes":["x<y"],"visible":true,"variant":"primary"}"#,
        )
        .unwrap_or_default();
        let html = outer("button", &props, "", &button(&props, "<script>&"));
        assert!(html.contains("id=\"a&quot;b\""), "{html}");
        assert!(html.contains("x&lt;y"), "{html}");
        assert!(html.contains("&lt;script&gt;&amp;"), "{html}");
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn icons_are_drawn_on_their_side_of_the_label() {
        let props: Props = serde_json::from_str(
            r#"{"icon":{"material":"download","glyph":"\ue171"},"icon_position":"right"}"#,
        )
        .unwrap_or_default();
        assert_eq!(
            button(&props, "Get"),
            "<button type=\"button\" class=\"ferry-btn ferry-btn-secondary ferry-btn-lg\">\
             <span class=\"ferry-btn-label\">Get</span>\
             <span class=\"ferry-symbol\" aria-hidden=\"true\">\u{e171}</span></button>"
        );
        let props: Props = serde_json::from_str(r#"{"icon":{"emoji":"🔥"}}"#).unwrap_or_default();
        assert!(button(&props, "Hot").contains(
            "<span class=\"ferry-emoji\" aria-hidden=\"true\">🔥</span><span class=\"ferry-btn-label\">"
        ));
        let props: Props =
            serde_json::from_str(r#"{"icon":{"url":"a\"b.png"}}"#).unwrap_or_default();
        assert!(button(&props, "x")
            .contains("<img class=\"ferry-btn-icon\" alt=\"\" src=\"a&quot;b.png\">"));
    }

    #[test]
    fn a_removed_component_is_not_drawn_and_a_hidden_one_is_not_shown() {
        let removed: Props = serde_json::from_str(r#"{"visible":false}"#).unwrap_or_default();
        assert_eq!(outer("button", &removed, "", "x"), "");
        let hidden: Props = serde_json::from_str(r#"{"visible":"hidden"}"#).unwrap_or_default();
        assert!(outer("button", &hidden, "", "x").contains("display:none"));
    }
}
