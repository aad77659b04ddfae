//! [`Icon`]: what a button shows beside its label (an emoji, a Material Symbol from the embedded
//! font, a spinner, or an image), and [`IconPosition`]: on which side.

mod emoji;
mod material_symbols;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use material_symbols::MATERIAL_SYMBOLS;

/// An icon shown in a button, beside its label: Streamlit's `icon` and Gradio's.
///
/// Text turns into an icon as Streamlit reads it, then as Gradio does:
///
/// | text | icon |
/// |---|---|
/// | `":material/thumb_up:"` | [`Icon::Material`]: a glyph of Material Symbols Rounded, drawn from a font embedded in Ferry (see [`Icon::material_names`]) |
/// | `"spinner"` | [`Icon::Spinner`]: a spinning ring |
/// | `"🔥"` (one emoji) | [`Icon::Emoji`] |
/// | `"https://…"`, `"http://…"`, `"data:image/…"` | [`Icon::Url`]: the browser loads it |
/// | anything else | [`Icon::Path`]: an image file served by Ferry; text that has neither a folder nor an extension (`"fire"`, `"🔥🔥"`) is an error |
///
/// An icon that is not one (an unknown Material name, text that is neither one emoji nor a path)
/// is reported when the page is declared: [`Blocks::add`](crate::Blocks::add) panics naming the
/// line, and a script shows the message under the button. [`Icon::parse`] tells it first.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.add(Button::new("Hot").icon("🔥"));
///     b.add(DownloadButton::new("Export").icon(":material/download:"));
///     b.add(Button::new("Like").icon(Icon::Material("thumb_up".into())).icon_position(IconPosition::Right));
///     b.add(Button::new("Working").icon(Icon::Spinner));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains(r#""material":"download""#) && page.contains(r#""emoji":"🔥""#));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Icon {
    /// One emoji, written as text before (or after) the label.
    Emoji(String),
    /// A Material Symbol (Rounded), by its snake-case name (`"thumb_up"`), drawn from the font
    /// Ferry embeds; the page loads the font only when it shows one.
    Material(String),
    /// A spinning ring, as a busy button shows (Streamlit 1.67's `icon="spinner"`).
    Spinner,
    /// An image file on disk, served inline by Ferry (in a script, for its session alone and
    /// only under the allowed paths, as every path chosen at run time).
    Path(PathBuf),
    /// An image URL (`http://…`, `https://…` or `data:image/…`), loaded by the browser.
    Url(String),
}

/// Why an [`Icon`] is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IconError {
    /// A Material Symbol that Ferry's font does not have.
    #[error(
        "`:material/{name}:` is not one of the {count} Material Symbols Ferry embeds \
         (Icon::material_names() lists them){hint}",
        count = MATERIAL_SYMBOLS.len(),
        hint = suggestion(name)
    )]
    UnknownMaterial {
        /// The name asked for.
        name: String,
    },
    /// Text that is neither one emoji, `:material/name:`, `spinner`, a URL nor a path.
    #[error(
        "the icon {text:?} is not one emoji, `:material/name:`, `spinner`, a URL, \
         nor a path to an image (one with a folder or an extension; pass a PathBuf for another)"
    )]
    NotAnIcon {
        /// The text given.
        text: String,
    },
}

impl Icon {
    /// The icon `text` names (see the table above), or why it names none.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// assert_eq!(Icon::parse(":material/download:"), Ok(Icon::Material("download".into())));
    /// assert_eq!(Icon::parse("🔥"), Ok(Icon::Emoji("🔥".into())));
    /// assert!(Icon::parse(":material/nope:").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Icon, IconError> {
        let icon = Icon::from(text);
        icon.check()?;
        Ok(icon)
    }

    /// Checks that the icon is one: an emoji is one emoji, a Material name is one Ferry's font
    /// draws.
    pub fn check(&self) -> Result<(), IconError> {
        match self {
            Icon::Emoji(text) if !emoji::is_one_emoji(text) => {
                Err(IconError::NotAnIcon { text: text.clone() })
            }
            Icon::Material(name) if glyph(name).is_none() => {
                Err(IconError::UnknownMaterial { name: name.clone() })
            }
            _ => Ok(()),
        }
    }

    /// The names of the Material Symbols Ferry's font draws, in alphabetical order: common
    /// icons for files, actions, status, media, navigation and people (`download`, `upload`,
    /// `description`, `check`, `delete`, `search`, `settings`, `thumb_up`, `rocket_launch`…).
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// assert!(Icon::material_names().any(|name| name == "thumb_up"));
    /// ```
    pub fn material_names() -> impl Iterator<Item = &'static str> {
        MATERIAL_SYMBOLS.iter().map(|(name, _)| *name)
    }

    /// The `icon` prop of an icon the page draws by itself (docs/protocol.md); `None` for a
    /// path, which the server publishes first, and for an icon that is not one.
    pub(crate) fn wire(&self) -> Option<Value> {
        self.check().ok()?;
        Some(match self {
            Icon::Emoji(emoji) => json!({ "emoji": emoji }),
            Icon::Material(name) => json!({ "material": name, "glyph": glyph(name)?.to_string() }),
            Icon::Spinner => json!({ "spinner": true }),
            Icon::Url(url) => json!({ "url": url }),
            Icon::Path(_) => return None,
        })
    }
}

/// The codepoint of a Material Symbol in the embedded font.
fn glyph(name: &str) -> Option<char> {
    MATERIAL_SYMBOLS
        .binary_search_by(|(known, _)| known.cmp(&name))
        .ok()
        .map(|at| MATERIAL_SYMBOLS[at].1)
}

/// `: did you mean `x`?` for the embedded name nearest to `name`, when one is near.
fn suggestion(name: &str) -> String {
    let nearest = MATERIAL_SYMBOLS
        .iter()
        .map(|(known, _)| (edit_distance(name, known), *known))
        .min();
    match nearest {
        Some((distance, known)) if distance <= 2 || known.starts_with(name) && name.len() > 2 => {
            format!(": did you mean `{known}`?")
        }
        _ => String::new(),
    }
}

/// The Levenshtein distance between two short names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

impl From<&str> for Icon {
    fn from(s: &str) -> Self {
        if let Some(rest) = s.strip_prefix(":material/") {
            return match rest.strip_suffix(':') {
                Some(name) => Icon::Material(name.to_owned()),
                // Not a path: kept as the emoji it is not, which `check` reports.
                None => Icon::Emoji(s.to_owned()),
            };
        }
        if s == "spinner" {
            return Icon::Spinner;
        }
        if emoji::is_one_emoji(s) {
            return Icon::Emoji(s.to_owned());
        }
        if s.starts_with("http://") || s.starts_with("https://") || s.starts_with("data:image/") {
            return Icon::Url(s.to_owned());
        }
        let path = Path::new(s);
        if s.contains(['/', '\\']) || path.extension().is_some() {
            return Icon::Path(path.to_owned());
        }
        // Neither a path nor one emoji: kept as the emoji it is not, which `check` reports.
        Icon::Emoji(s.to_owned())
    }
}

impl From<String> for Icon {
    fn from(s: String) -> Self {
        Icon::from(s.as_str())
    }
}

impl From<PathBuf> for Icon {
    fn from(p: PathBuf) -> Self {
        Icon::Path(p)
    }
}

impl From<&Path> for Icon {
    fn from(p: &Path) -> Self {
        Icon::Path(p.to_owned())
    }
}

/// On which side of the label a button shows its icon: Streamlit's `icon_position`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IconPosition {
    /// Before the label. The default.
    #[default]
    Left,
    /// After the label.
    Right,
}

impl IconPosition {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            IconPosition::Left => "left",
            IconPosition::Right => "right",
        }
    }
}

/// A button's icon and its side, as the button-like components hold them.
#[derive(Clone, Debug, Default)]
pub(crate) struct ButtonIcon {
    pub icon: Option<Icon>,
    pub position: IconPosition,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn material_names_are_recognised_and_unknown_ones_refused_precisely() {
        assert_eq!(
            Icon::parse(":material/download:"),
            Ok(Icon::Material("download".into()))
        );
        let wire = Icon::Material("download".into()).wire().unwrap_or_default();
        assert_eq!(wire["material"], "download");
        assert_eq!(wire["glyph"], "\u{e171}");
        let error = Icon::parse(":material/nope:").unwrap_err();
        assert_eq!(
            error,
            IconError::UnknownMaterial {
                name: "nope".into()
            }
        );
        let text = error.to_string();
        assert!(
            text.contains("`:material/nope:` is not one of the"),
            "{text}"
        );
        let typo = Icon::parse(":material/dowload:").unwrap_err().to_string();
        assert!(typo.contains("did you mean `download`?"), "{typo}");
        // Names are snake case, as Streamlit's.
        assert!(Icon::parse(":material/ThumbUp:").is_err());
        assert!(Icon::parse(":material/thumb_up:").is_ok());
        assert_eq!(Icon::Material("nope".into()).wire(), None);
    }

    #[test]
    fn spinner_emoji_urls_and_paths() {
        assert_eq!(Icon::parse("spinner"), Ok(Icon::Spinner));
        assert_eq!(Icon::parse("🔥"), Ok(Icon::Emoji("🔥".into())));
        assert_eq!(Icon::parse("👍🏽"), Ok(Icon::Emoji("👍🏽".into())));
        assert_eq!(Icon::parse("❤️"), Ok(Icon::Emoji("❤️".into())));
        assert_eq!(Icon::parse("🇫🇷"), Ok(Icon::Emoji("🇫🇷".into())));
        assert_eq!(Icon::parse("👩‍💻"), Ok(Icon::Emoji("👩‍💻".into())));
        assert_eq!(
            Icon::parse("https://example.com/i.svg"),
            Ok(Icon::Url("https://example.com/i.svg".into()))
        );
        assert!(matches!(
            Icon::parse("data:image/png;base64,AAAA"),
            Ok(Icon::Url(_))
        ));
        assert_eq!(
            Icon::parse("icons/logo.svg"),
            Ok(Icon::Path("icons/logo.svg".into()))
        );
        assert_eq!(Icon::parse("logo.png"), Ok(Icon::Path("logo.png".into())));
        assert_eq!(
            Icon::parse("assets\\logo"),
            Ok(Icon::Path("assets\\logo".into()))
        );
        assert_eq!(Icon::from(PathBuf::from("logo")), Icon::Path("logo".into()));
        assert_eq!(Icon::Spinner.wire(), Some(json!({ "spinner": true })));
        assert_eq!(Icon::Path("a.png".into()).wire(), None);
    }

    #[test]
    fn text_that_is_neither_one_emoji_nor_a_path_is_refused() {
        for text in [
            "fire",
            "🔥🔥",
            "ab",
            "",
            ":fire:",
            ":material/download",
            "1",
            "#",
        ] {
            let Err(error) = Icon::parse(text) else {
                panic!("{text:?} was taken");
            };
            assert_eq!(error, IconError::NotAnIcon { text: text.into() }, "{text}");
            assert!(error.to_string().contains("is not one emoji"), "{error}");
        }
        assert!(Icon::Emoji("ab".into()).check().is_err());
    }

    #[test]
    fn the_name_table_is_sorted_unique_and_in_the_private_use_area() {
        assert!(MATERIAL_SYMBOLS.len() >= 150);
        assert!(MATERIAL_SYMBOLS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(MATERIAL_SYMBOLS
            .iter()
            .all(|(_, c)| ('\u{e000}'..='\u{f8ff}').contains(c)
                || ('\u{f0000}'..='\u{10ffff}').contains(c)));
    }
}
