//! Keyboard shortcuts that click a button: Streamlit's `shortcut` parameter, checked on the
//! server and written in one canonical form that the page matches key presses against.

use std::fmt;

/// The modifiers a shortcut may hold, in the order the canonical form writes them.
const MODIFIERS: [(&str, &[&str]); 5] = [
    ("Ctrl", &["ctrl", "control"]),
    ("Cmd", &["cmd", "command", "meta", "super", "win"]),
    ("Mod", &["mod"]),
    ("Alt", &["alt", "option", "opt"]),
    ("Shift", &["shift"]),
];

/// Named keys, as the canonical form writes them, with the other names they are known by.
const NAMED_KEYS: [(&str, &[&str]); 14] = [
    ("Enter", &["enter", "return"]),
    ("Escape", &["escape", "esc"]),
    ("Tab", &["tab"]),
    ("Space", &["space", "spacebar"]),
    ("Backspace", &["backspace"]),
    ("Delete", &["delete", "del"]),
    ("ArrowUp", &["arrowup", "up"]),
    ("ArrowDown", &["arrowdown", "down"]),
    ("ArrowLeft", &["arrowleft", "left"]),
    ("ArrowRight", &["arrowright", "right"]),
    ("Home", &["home"]),
    ("End", &["end"]),
    ("PageUp", &["pageup"]),
    ("PageDown", &["pagedown"]),
];

/// Why a shortcut was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcutError(String);

impl fmt::Display for ShortcutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShortcutError {}

/// Checks `text` (`"Ctrl+S"`, `"Cmd+Shift+O"`, `"K"`, `"F11"`, `"Enter"`) and returns it in
/// canonical form: modifiers in the order Ctrl, Cmd, Mod, Alt, Shift, then the key, letters
/// upper-cased, joined by `+`.
///
/// Keys: a letter, a digit, `F1` to `F12`, or Enter, Escape, Tab, Space, Backspace, Delete, the
/// arrows, Home, End, PageUp, PageDown. Modifiers: Ctrl, Cmd (the Command key on a Mac, the
/// Windows key elsewhere), Mod (Cmd on a Mac, Ctrl elsewhere), Alt (Option), Shift.
///
/// Refused: what is not one key with distinct modifiers; `C` and `R` alone or with only Shift
/// (reserved, as in Streamlit); Tab alone or with only Shift (it moves the focus); and the
/// combinations browsers keep for themselves and never give a page (Ctrl, Cmd or Mod with W,
/// T, N, Q or Tab, with or without Shift).
pub fn parse(text: &str) -> Result<String, ShortcutError> {
    let refuse = |why: String| Err(ShortcutError(format!("shortcut {text:?}: {why}")));
    let mut modifiers = [false; MODIFIERS.len()];
    let mut key: Option<String> = None;
    for token in text.split('+').map(str::trim) {
        if token.is_empty() {
            return refuse("has an empty part (write keys joined by +, like \"Ctrl+S\")".into());
        }
        let lower = token.to_ascii_lowercase();
        if let Some(at) = MODIFIERS
            .iter()
            .position(|(_, names)| names.contains(&lower.as_str()))
        {
            if std::mem::replace(&mut modifiers[at], true) {
                return refuse(format!("names {} twice", MODIFIERS[at].0));
            }
            continue;
        }
        let Some(name) = key_name(token, &lower) else {
            return refuse(format!(
                "{token:?} is not a key Ferry knows (a letter, a digit, F1-F12, Enter, Escape, Tab, Space, Backspace, Delete, an arrow, Home, End, PageUp, PageDown) nor a modifier (Ctrl, Cmd, Mod, Alt, Shift)"
            ));
        };
        if let Some(first) = key.replace(name) {
            return refuse(format!(
                "has two keys ({first} and {token}); a shortcut is modifiers and one key"
            ));
        }
    }
    let Some(key) = key else {
        return refuse("has no key, only modifiers".into());
    };
    let [ctrl, cmd, command_or_ctrl, alt, _shift] = modifiers;
    let only_shift = !(ctrl || cmd || command_or_ctrl || alt);
    if only_shift && (key == "C" || key == "R") {
        return refuse(format!(
            "{key} alone or with Shift is reserved (as in Streamlit); add Ctrl, Cmd, Mod or Alt"
        ));
    }
    if only_shift && key == "Tab" {
        return refuse("Tab alone or with Shift moves the keyboard focus".into());
    }
    if (ctrl || cmd || command_or_ctrl) && ["W", "T", "N", "Q", "Tab"].contains(&key.as_str()) {
        return refuse(format!(
            "browsers keep Ctrl/Cmd+{key} for themselves and never give it to a page"
        ));
    }
    let mut parts: Vec<&str> = MODIFIERS
        .iter()
        .zip(modifiers)
        .filter(|(_, on)| *on)
        .map(|((name, _), _)| *name)
        .collect();
    parts.push(&key);
    Ok(parts.join("+"))
}

/// The canonical name of key `token` (`lower` is it in lower case), if it is one.
fn key_name(token: &str, lower: &str) -> Option<String> {
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c
            .is_ascii_alphanumeric()
            .then(|| c.to_ascii_uppercase().to_string());
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then(|| format!("F{n}"));
    }
    NAMED_KEYS
        .iter()
        .find(|(_, names)| names.contains(&lower))
        .map(|(name, _)| (*name).to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::parse;

    #[test]
    fn writes_the_canonical_form() {
        assert_eq!(parse("ctrl+s").unwrap(), "Ctrl+S");
        assert_eq!(parse("Shift + cmd + o").unwrap(), "Cmd+Shift+O");
        assert_eq!(parse("K").unwrap(), "K");
        assert_eq!(parse("4").unwrap(), "4");
        assert_eq!(parse("f11").unwrap(), "F11");
        assert_eq!(parse("Esc").unwrap(), "Escape");
        assert_eq!(parse("Mod+Enter").unwrap(), "Mod+Enter");
        assert_eq!(parse("Option+Shift+up").unwrap(), "Alt+Shift+ArrowUp");
        assert_eq!(parse("Ctrl+C").unwrap(), "Ctrl+C");
    }

    #[test]
    fn refuses_what_cannot_work_with_a_reason() {
        let why = |text: &str| parse(text).unwrap_err().to_string();
        assert!(why("C").contains("reserved"));
        assert!(why("Shift+R").contains("reserved"));
        assert!(why("Tab").contains("focus"));
        assert!(why("Ctrl+W").contains("browsers keep"));
        assert!(why("Mod+Shift+T").contains("browsers keep"));
        assert!(why("Ctrl+").contains("empty part"));
        assert!(why("Ctrl+Shift").contains("no key"));
        assert!(why("A+B").contains("two keys"));
        assert!(why("Ctrl+Ctrl+S").contains("twice"));
        assert!(why("Hyper+S").contains("not a key"));
        assert!(why("F13").contains("not a key"));
        assert!(why("é").contains("not a key"));
    }
}
