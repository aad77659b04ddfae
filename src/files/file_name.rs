//! The one file-name policy: every name Ferry sends to a browser or stores on disk goes
//! through [`sanitize_file_name`].
//!
//! Two callers share it: the `Content-Disposition` of every download
//! ([`content_disposition`](super::disposition::content_disposition), which also names files
//! served `inline`) and the name an upload is stored under (after the upload pipeline has kept
//! the last segment of the client's path). So a name reads, saves and uploads the same way
//! everywhere, and the saved name is the same in every browser: Ferry makes the choices that
//! browsers and file systems would otherwise make differently.
//!
//! # The policy, in order
//!
//! 1. **NFC.** The name is normalised to Unicode NFC, so `cafe` + U+0301 and `café` are one
//!    name (macOS hands out NFD names; Windows and Linux keep what they get).
//! 2. **Unsafe characters become `_`**, never vanish (a vanished character can join two parts
//!    into a misleading name: `evil.html\0.png`):
//!    - control characters: C0 (NUL, tab, CR, LF, …), DEL and C1 (U+0080–U+009F);
//!    - `"` `;` `\` `/` `<` `>` `:` `|` `?` `*` (RFC 8187 would allow some of them in
//!      `filename*`, but browsers and file systems treat them differently; `:` would name an
//!      NTFS stream, `/` and `\` a folder);
//!    - bidirectional controls: the overrides and embeddings U+202A–U+202E, the isolates
//!      U+2066–U+2069 and the marks U+200E, U+200F and U+061C (an override makes
//!      `invoice` + U+202E + `fdp.exe` read as `invoiceexe.pdf`);
//!    - every other invisible format character (Unicode's `Cf`: zero-width space, soft hyphen,
//!      byte-order mark, tag characters, …), line and paragraph separators and noncharacters.
//!      That includes the zero-width joiner and non-joiner, which some scripts and emoji
//!      sequences use: Chromium replaces them when it saves a file, so Ferry does too and the
//!      name is the same in every browser (`👨‍💻.txt` saves as `👨_💻.txt`).
//!
//!    The single quote, `%`, `#`, `&`, spaces inside the name and every visible non-ASCII
//!    character are kept.
//! 3. **Ends are trimmed**: dots and whitespace at the end (Windows drops them, so `a.txt.`
//!    would save as another name) and at the start (no hidden file, no name made of dots).
//! 4. **Windows device names get a leading `_`**: `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`,
//!    `LPT0`–`LPT9`, `COM¹`–`COM³`, `LPT¹`–`LPT³`, `CONIN$`, `CONOUT$` and `CLOCK$`, in any
//!    case, alone or with any extension (`nul.tar.gz` → `_nul.tar.gz`): Windows opens the
//!    device instead of a file.
//! 5. **At most 255 UTF-8 bytes** (the limit of common file systems), cut on a character
//!    boundary and keeping the extension (the part from the last dot, when it is at most 32
//!    bytes); the cut stem is trimmed again.
//! 6. **Never empty**: a name left empty becomes `download`.
//!
//! The policy is idempotent: a sanitised name comes out as it went in.
//!
//! ```
//! use ferry_ui::files::file_name::sanitize_file_name;
//! assert_eq!(sanitize_file_name("a\r\nb\0.txt"), "a__b_.txt");
//! assert_eq!(sanitize_file_name("x.txt\"; filename=\"evil.exe"), "x.txt__ filename=_evil.exe");
//! assert_eq!(sanitize_file_name("invoice\u{202E}fdp.exe"), "invoice_fdp.exe");
//! assert_eq!(sanitize_file_name("con.txt"), "_con.txt");
//! assert_eq!(sanitize_file_name("report.csv. . "), "report.csv");
//! assert_eq!(sanitize_file_name("cafe\u{301}.txt"), "caf\u{e9}.txt");
//! assert_eq!(sanitize_file_name(" .. "), "download");
//! ```

use unicode_normalization::UnicodeNormalization;

/// The name used when sanitising leaves nothing.
pub const FALLBACK_NAME: &str = "download";

/// The longest file name kept, in UTF-8 bytes (the limit of common file systems).
pub const MAX_NAME_BYTES: usize = 255;

/// Extensions longer than this (in bytes, with the dot) are not kept as extensions when
/// truncating.
const MAX_EXTENSION_BYTES: usize = 32;

/// What an unsafe character becomes.
const REPLACEMENT: char = '_';

/// Makes a file name safe to save, to show and to send: the policy of this module's
/// documentation, applied in its order.
///
/// ```
/// use ferry_ui::files::file_name::sanitize_file_name;
/// assert_eq!(sanitize_file_name("../../etc/passwd"), "_.._etc_passwd");
/// assert_eq!(sanitize_file_name("LPT\u{b9}.log"), "_LPT\u{b9}.log");
/// ```
pub fn sanitize_file_name(file_name: &str) -> String {
    let mapped: String = file_name
        .nfc()
        .map(|c| if is_unsafe(c) { REPLACEMENT } else { c })
        .collect();
    let trimmed = trim_ends(&mapped);
    let named = if is_windows_device_name(trimmed) {
        format!("{REPLACEMENT}{trimmed}")
    } else {
        trimmed.to_owned()
    };
    let truncated = truncate_keeping_extension(&named, MAX_NAME_BYTES);
    if truncated.is_empty() {
        FALLBACK_NAME.to_owned()
    } else {
        truncated
    }
}

/// Whether `c` becomes `_`: a control character, a character that is special to a file system
/// or to a header, a bidirectional control, or another invisible format character.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '"' | ';' | '\\' | '/' | '<' | '>' | ':' | '|' | '?' | '*'
        )
        || is_bidi_control(c)
        || is_invisible_format(c)
}

/// The bidirectional embeddings, overrides, isolates and marks.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Invisible characters that format text (Unicode's `Cf`, and the fillers that show nothing),
/// noncharacters, and line and paragraph separators.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'..='\u{2029}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{FFFE}'..='\u{FFFF}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Trims dots and whitespace from both ends.
fn trim_ends(s: &str) -> &str {
    s.trim_matches(|c: char| c == '.' || c.is_whitespace())
}

/// Whether Windows reads `name` as a device: its part before the first dot (trailing spaces
/// dropped, as Windows drops them) is a reserved device name, in any case.
fn is_windows_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    let upper = stem.to_ascii_uppercase();
    if matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" | "CLOCK$"
    ) {
        return true;
    }
    let Some(number) = upper
        .strip_prefix("COM")
        .or_else(|| upper.strip_prefix("LPT"))
    else {
        return false;
    };
    let mut chars = number.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('0'..='9' | '\u{B9}' | '\u{B2}' | '\u{B3}'), None)
    )
}

/// Cuts `name` to at most `max` bytes on a char boundary, keeping a short extension.
fn truncate_keeping_extension(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let ext = match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= MAX_EXTENSION_BYTES => &name[i..],
        _ => "",
    };
    let stem = &name[..name.len() - ext.len()];
    let stem = trim_ends(floor_to_char_boundary(stem, max - ext.len()));
    if stem.is_empty() {
        return String::new();
    }
    format!("{stem}{ext}")
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn floor_to_char_boundary(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests;
