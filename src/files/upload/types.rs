//! The server-side file type check.

use crate::files::mime::content_type_for;

/// Whether a file named `name` is one of `file_types`; an empty list accepts everything.
///
/// Each entry is one of:
/// - an extension with its dot, matched case-insensitively against the end of the name
///   (`".csv"`, `".tar.gz"`);
/// - a category, matched against the top level of the type guessed from the name (`"image"`,
///   `"video"`, `"audio"`, `"text"`, or any other top-level type);
/// - a MIME type (`"application/pdf"`) or a wildcard one (`"image/*"`);
/// - `"file"`, `"*"` or `"*/*"`: any file.
///
/// The type is always guessed from the name, never taken from the client's `Content-Type`.
///
/// ```
/// use ferry_ui::files::upload::type_allowed;
/// assert!(type_allowed("Data.CSV", &[".csv"]));
/// assert!(type_allowed("photo.png", &[".csv", "image"]));
/// assert!(!type_allowed("x.exe", &[".csv", "image"]));
/// assert!(type_allowed("x.exe", &[] as &[&str]));
/// ```
pub fn type_allowed<S: AsRef<str>>(name: &str, file_types: &[S]) -> bool {
    if file_types.is_empty() {
        return true;
    }
    let name = name.to_lowercase();
    let guessed = content_type_for(&name);
    let essence = essence(&guessed);
    let top = essence.split('/').next().unwrap_or_default();
    file_types
        .iter()
        .any(|entry| entry_matches(entry.as_ref(), &name, &essence, top))
}

/// Whether `file_types` restricts what may be uploaded: not empty, and no entry that accepts
/// any file (`"file"`, `"*"`, `"*/*"`). Only then is a file's content checked against its name.
pub(crate) fn restricts_types<S: AsRef<str>>(file_types: &[S]) -> bool {
    !file_types.is_empty()
        && !file_types
            .iter()
            .any(|entry| matches!(entry.as_ref().trim(), "file" | "*" | "*/*"))
}

/// Whether one `file_types` entry accepts a file with this (lowercase) name and guessed type.
fn entry_matches(entry: &str, name: &str, essence_of_name: &str, top: &str) -> bool {
    let entry = entry.trim().to_lowercase();
    if matches!(entry.as_str(), "file" | "*" | "*/*") {
        return true;
    }
    if entry.starts_with('.') {
        return entry.len() > 1 && name.ends_with(&entry);
    }
    let entry = essence(&entry);
    match entry.split_once('/') {
        Some((category, "*")) => category == top,
        Some(_) => entry == essence_of_name,
        None => !entry.is_empty() && entry == top,
    }
}

/// The `type/subtype` part of a MIME type, lowercase, without parameters.
fn essence(mime: &str) -> String {
    mime.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_allowed_table() {
        let table: &[(&str, &[&str], bool)] = &[
            ("a.csv", &[], true),
            ("a.exe", &[], true),
            ("a.csv", &[".csv"], true),
            ("A.CSV", &[".csv"], true),
            ("a.csv", &[".CSV"], true),
            ("a.csv", &[" .csv "], true),
            ("a.csv.exe", &[".csv"], false),
            ("csv", &[".csv"], false),
            ("a.tar.gz", &[".tar.gz"], true),
            ("a.gz", &[".tar.gz"], false),
            ("a.csv", &["."], false),
            ("a.png", &["image"], true),
            ("a.JPG", &["image"], true),
            ("a.svg", &["image"], true),
            ("a.png", &["IMAGE"], true),
            ("a.mp4", &["video"], true),
            ("a.mp3", &["audio"], true),
            ("a.txt", &["text"], true),
            ("a.csv", &["text"], true),
            ("a.json", &["text"], false),
            ("a.png", &["video", "audio"], false),
            ("a.pdf", &["application/pdf"], true),
            ("a.pdf", &["Application/PDF"], true),
            ("a.csv", &["text/csv"], true),
            ("a.csv", &["text/csv; charset=utf-8"], true),
            ("a.txt", &["text/csv"], false),
            ("a.png", &["image/*"], true),
            ("a.pdf", &["image/*"], false),
            ("blob", &["application/octet-stream"], true),
            ("blob", &["image"], false),
            ("a.exe", &["file"], true),
            ("a.exe", &["*"], true),
            ("a.exe", &["*/*"], true),
            ("a.exe", &[""], false),
            ("a.exe", &[".csv", "image"], false),
            ("a.png", &[".csv", "image"], true),
            ("download", &[".csv"], false),
        ];
        for (name, types, want) in table {
            assert_eq!(type_allowed(name, types), *want, "{name:?} in {types:?}");
        }
    }

    #[test]
    fn restricting_lists() {
        assert!(!restricts_types(&[] as &[&str]));
        assert!(!restricts_types(&["image", "file"]));
        assert!(!restricts_types(&[" * "]));
        assert!(!restricts_types(&["*/*"]));
        assert!(restricts_types(&["image"]));
        assert!(restricts_types(&[".png", ".csv"]));
    }

    #[test]
    fn owned_strings_work() {
        let types = vec![".csv".to_owned()];
        assert!(type_allowed("x.csv", &types));
    }
}
