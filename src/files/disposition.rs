//! The one audited writer of `Content-Disposition` (RFC 6266, RFC 8187).
//!
//! Every file response's `Content-Disposition` comes from [`content_disposition`]. A file name
//! first goes through [`sanitize_file_name`] (the one file-name policy, described in
//! [`file_name`](super::file_name), which the upload pipeline follows too), then is written
//! twice: an ASCII-only quoted `filename="…"` for old clients and a percent-encoded
//! `filename*=UTF-8''…` that modern browsers prefer. Neither can carry a quote, a backslash, CR,
//! LF, NUL or any other control character, so a file name can never inject a header
//! (CVE-2023-29401) or break out of the quoted string, and both forms name the same file.

use axum::http::HeaderValue;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

pub use super::file_name::{sanitize_file_name, FALLBACK_NAME, MAX_NAME_BYTES};

/// Everything but RFC 8187 `attr-char` is percent-encoded.
const ATTR_CHAR_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// Builds the `Content-Disposition` header value for a download named `file_name`.
///
/// The value is `attachment` (or `inline` when `inline` is true), then
/// `; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded UTF-8 name>`, both made
/// from [`sanitize_file_name`]`(file_name)`, so the characters that policy replaces are `_` in
/// both. In the ASCII fallback every non-ASCII character and `%` become `_` as well (some
/// clients percent-decode the quoted form).
///
/// ```
/// use ferry_ui::files::disposition::content_disposition;
/// let v = content_disposition("résumé.pdf", false);
/// assert_eq!(
///     v.to_str().unwrap(),
///     "attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"
/// );
/// ```
pub fn content_disposition(file_name: &str, inline: bool) -> HeaderValue {
    let name = sanitize_file_name(file_name);
    let kind = if inline { "inline" } else { "attachment" };
    let value = format!(
        "{kind}; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_fallback(&name),
        utf8_percent_encode(&name, ATTR_CHAR_ENCODE)
    );
    // Always valid: the value is printable ASCII only. Never panic regardless.
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// The ASCII-only name for the quoted `filename="…"` parameter.
fn ascii_fallback(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '"' | '\\' | '%' | ';' => '_',
            ' '..='~' => c,
            _ => '_',
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;
    use proptest::prelude::*;

    fn header(name: &str) -> String {
        content_disposition(name, false)
            .to_str()
            .unwrap()
            .to_owned()
    }

    fn expect(fallback: &str, encoded: &str) -> String {
        format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
    }

    #[test]
    fn cve_2023_29401_crlf_and_quotes_cannot_inject_headers() {
        let table = [
            ("a\"b.txt", "a_b.txt", "a_b.txt"),
            (
                "x.txt\"; filename=\"evil.exe",
                "x.txt__ filename=_evil.exe",
                "x.txt__%20filename%3D_evil.exe",
            ),
            ("a;b.txt", "a_b.txt", "a_b.txt"),
            (
                "a\r\nSet-Cookie: x=1.txt",
                "a__Set-Cookie_ x=1.txt",
                "a__Set-Cookie_%20x%3D1.txt",
            ),
            (
                "evil\r\n\r\n<html>.txt",
                "evil_____html_.txt",
                "evil_____html_.txt",
            ),
            ("nul\0byte.txt", "nul_byte.txt", "nul_byte.txt"),
            ("del\u{7f}\u{85}\u{9b}.txt", "del___.txt", "del___.txt"),
            ("a\\b.txt", "a_b.txt", "a_b.txt"),
            ("dir/sub/file.txt", "dir_sub_file.txt", "dir_sub_file.txt"),
            (
                "C:\\Users\\x\\file.txt",
                "C__Users_x_file.txt",
                "C__Users_x_file.txt",
            ),
            ("../../etc/passwd", "_.._etc_passwd", "_.._etc_passwd"),
            ("..", "download", "download"),
            ("...hidden..", "hidden", "hidden"),
            ("..\\..\\boot.ini", "_.._boot.ini", "_.._boot.ini"),
            ("50%.txt", "50_.txt", "50%25.txt"),
            ("%0d%0a.txt", "_0d_0a.txt", "%250d%250a.txt"),
            ("tab\there.txt", "tab_here.txt", "tab_here.txt"),
            ("", "download", "download"),
            ("/", "_", "_"),
            ("  spaced  .txt  ", "spaced  .txt", "spaced%20%20.txt"),
            ("con.txt", "_con.txt", "_con.txt"),
            ("a<b>c:d|e?f*.txt", "a_b_c_d_e_f_.txt", "a_b_c_d_e_f_.txt"),
        ];
        for (input, fallback, encoded) in table {
            let got = header(input);
            assert_eq!(got, expect(fallback, encoded), "input {input:?}");
            assert!(!got.contains(['\r', '\n', '\0']));
        }
    }

    #[test]
    fn unicode_names() {
        let table = [
            ("é.txt", "_.txt", "%C3%A9.txt"),
            ("日本語.csv", "___.csv", "%E6%97%A5%E6%9C%AC%E8%AA%9E.csv"),
            ("📦 box.zip", "_ box.zip", "%F0%9F%93%A6%20box.zip"),
            // NFD: e + combining acute accent is composed (NFC).
            ("cafe\u{301}.txt", "caf_.txt", "caf%C3%A9.txt"),
            // RTL override, isolates and invisible characters become `_`, so the name reads as
            // it is.
            (
                "invoice\u{202E}fdp.exe",
                "invoice_fdp.exe",
                "invoice_fdp.exe",
            ),
            (
                "a\u{2066}b\u{2069}\u{200B}\u{FEFF}.txt",
                "a_b___.txt",
                "a_b___.txt",
            ),
            // A zero-width joiner inside an emoji sequence becomes `_`, as Chromium saves it.
            (
                "\u{1F468}\u{200D}\u{1F4BB}.txt",
                "___.txt",
                "%F0%9F%91%A8_%F0%9F%92%BB.txt",
            ),
        ];
        for (input, fallback, encoded) in table {
            assert_eq!(header(input), expect(fallback, encoded), "input {input:?}");
        }
    }

    #[test]
    fn inline_kind() {
        let v = content_disposition("icon.svg", true);
        assert_eq!(
            v.to_str().unwrap(),
            "inline; filename=\"icon.svg\"; filename*=UTF-8''icon.svg"
        );
    }

    #[test]
    fn long_names_are_truncated_keeping_extension() {
        let long = format!("{}.csv", "a".repeat(296));
        assert_eq!(long.len(), 300);
        let s = sanitize_file_name(&long);
        assert_eq!(s.len(), 255);
        assert!(s.ends_with("aaa.csv"));

        // Multi-byte chars: never split a char.
        let long = format!("{}.txt", "é".repeat(150));
        let s = sanitize_file_name(&long);
        assert!(s.len() <= 255);
        assert!(s.ends_with("é.txt"));
        assert_eq!(s.len(), 254);

        // A very long "extension" is not kept as one.
        let long = format!("x.{}", "b".repeat(300));
        let s = sanitize_file_name(&long);
        assert_eq!(s.len(), 255);
        assert!(s.starts_with("x.bbb"));
    }

    proptest! {
        #[test]
        fn any_name_gives_a_safe_header(name in any::<String>(), inline in any::<bool>()) {
            check(&name, inline)?;
        }

        #[test]
        fn nasty_alphabet_gives_a_safe_header(
            name in "[\"\\\\/;%\r\n\0 .a\u{e9}\u{202e}\u{85}\u{1F600}\u{301}]{0,300}"
        ) {
            check(&name, false)?;
        }
    }

    fn check(name: &str, inline: bool) -> Result<(), TestCaseError> {
        let value = content_disposition(name, inline);
        let text = value
            .to_str()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(!text.contains(['\r', '\n', '\0']));
        prop_assert!(text.bytes().all(|b| (b' '..=b'~').contains(&b)));

        let sanitized = sanitize_file_name(name);
        prop_assert!(!sanitized.is_empty());
        prop_assert!(sanitized.len() <= MAX_NAME_BYTES);
        prop_assert!(!sanitized.contains(['/', '\\']));
        prop_assert!(!sanitized.chars().any(crate::files::file_name::is_unsafe));
        prop_assert_eq!(sanitize_file_name(&sanitized), sanitized.clone());

        let (_, encoded) = text
            .split_once("; filename*=UTF-8''")
            .ok_or_else(|| TestCaseError::fail("no filename*"))?;
        prop_assert!(encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"%!#$&+-.^_`|~".contains(&b)));
        let decoded = percent_decode_str(encoded)
            .decode_utf8()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(decoded.as_ref(), sanitized.as_str());

        let quoted = text
            .split_once("filename=\"")
            .and_then(|(_, rest)| rest.split_once("\"; filename*="))
            .map(|(q, _)| q)
            .ok_or_else(|| TestCaseError::fail("no filename"))?;
        prop_assert!(!quoted.contains(['"', '\\', '%', ';']));
        Ok(())
    }
}
