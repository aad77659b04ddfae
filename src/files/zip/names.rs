//! Entry names: each is a sanitised download name (Ferry's one file-name policy, so no entry
//! can name a folder, `..` or a device), and two entries never share one.

use std::collections::HashSet;

use crate::files::file_name::{sanitize_file_name, MAX_NAME_BYTES};

/// Gives out unique entry names, case-insensitively (so that none overwrites another on
/// Windows or macOS): the second `a.txt` becomes `a (1).txt`, the third `a (2).txt`.
#[derive(Default)]
pub(super) struct UniqueNames {
    taken: HashSet<String>,
}

impl UniqueNames {
    /// A unique name for `name`, which is sanitised first.
    pub(super) fn claim(&mut self, name: &str) -> String {
        let name = sanitize_file_name(name);
        if self.taken.insert(name.to_lowercase()) {
            return name;
        }
        let (stem, ext) = split_extension(&name);
        for n in 1u64.. {
            let suffix = format!(" ({n})");
            let room = MAX_NAME_BYTES.saturating_sub(suffix.len() + ext.len());
            let candidate = sanitize_file_name(&format!("{}{suffix}{ext}", floor(stem, room)));
            if self.taken.insert(candidate.to_lowercase()) {
                return candidate;
            }
        }
        unreachable!("u64 suffixes ran out")
    }
}

/// `("a.tar", ".gz")` for `a.tar.gz`; `("name", "")` without an extension.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 32 => name.split_at(i),
        _ => (name, ""),
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn floor(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_get_numbers_before_the_extension_and_hostile_names_are_sanitised() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim("a.txt"), "a.txt");
        assert_eq!(names.claim("A.TXT"), "A (1).txt".replace("txt", "TXT"));
        assert_eq!(names.claim("a.txt"), "a (2).txt");
        assert_eq!(names.claim("a (1).txt"), "a (1) (1).txt");
        assert_eq!(names.claim("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(names.claim("..\\..\\x"), "_.._x");
        assert_eq!(names.claim("README"), "README");
        assert_eq!(names.claim("README"), "README (1)");
        let long = format!("{}.txt", "é".repeat(200));
        let first = names.claim(&long);
        let second = names.claim(&long);
        assert!(first.len() <= 255 && second.len() <= 255);
        assert!(second.ends_with(" (1).txt"), "{second}");
    }
}
