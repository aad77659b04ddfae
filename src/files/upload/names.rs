//! Names on disk: session ids, random folders and the client's sanitised file names.
//!
//! A client's file name is a path (RFC 7578 lets it carry folders, and old browsers send
//! `C:\Users\…\x.txt`): only its last segment, split at `/` and `\`, names the file. That
//! segment, and each folder of a folder upload, then follows Ferry's one file-name policy,
//! [`sanitize_file_name`] (see [`file_name`](crate::files::file_name)), the same one a
//! download's `Content-Disposition` follows.

use super::FileCount;
use crate::files::file_name::sanitize_file_name;

/// Whether `id` is exactly 32 lowercase hex digits, the only session ids joined into a path.
pub(crate) fn valid_session_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A fresh server-chosen folder name: 128 random bits as 32 lowercase hex digits.
pub(crate) fn random_dir_name() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// The name a file is stored under, and for [`FileCount::Directory`] its relative path.
///
/// The name is the client's name's last path segment, sanitised. The relative path is every
/// segment sanitised, with empty, `.` and `..` segments dropped, joined by `/`, and always ends
/// with the name.
pub(crate) fn stored_names(client_name: &str, file_count: FileCount) -> (String, Option<String>) {
    let last = client_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(client_name);
    let name = sanitize_file_name(last);
    if file_count != FileCount::Directory {
        return (name, None);
    }
    let mut segments: Vec<&str> = client_name.split(['/', '\\']).collect();
    segments.pop();
    let mut path: Vec<String> = segments
        .into_iter()
        .filter(|s| !matches!(s.trim(), "" | "." | ".."))
        .map(sanitize_file_name)
        .collect();
    path.push(name.clone());
    (name, Some(path.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids() {
        assert!(valid_session_id("0123456789abcdef0123456789abcdef"));
        assert!(valid_session_id(&random_dir_name()));
        let bad = [
            "",
            "0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0",
            "0123456789ABCDEF0123456789ABCDEF",
            "../../../../../../../../../../etc",
            "0123456789abcdef0123456789abcd/f",
            "0123456789abcdef0123456789abcd.f",
            "0123456789abcdef0123456789abcde\0",
            "g123456789abcdef0123456789abcdef",
            "+123456789abcdef0123456789abcdef",
            " 123456789abcdef0123456789abcdef",
            "０123456789abcdef0123456789abcde",
        ];
        for id in bad {
            assert!(!valid_session_id(id), "{id:?}");
        }
    }

    #[test]
    fn random_dirs_differ() {
        let a = random_dir_name();
        assert_eq!(a.len(), 32);
        assert_ne!(a, random_dir_name());
    }

    #[test]
    fn names_in_single_and_multiple_mode() {
        let table = [
            ("report.csv", "report.csv"),
            ("../../x", "x"),
            ("C:\\Users\\me\\x.txt", "x.txt"),
            ("/etc/passwd", "passwd"),
            ("..", "download"),
            ("", "download"),
            ("dir/", "download"),
            ("a\0b", "a_b"),
            ("a%00b", "a%00b"),
            ("invoice\u{202E}fdp.exe", "invoice_fdp.exe"),
            ("evil.html:x.png", "evil.html_x.png"),
            ("CON.txt", "_CON.txt"),
            ("cafe\u{301}.txt", "caf\u{e9}.txt"),
            ("notes.txt. ", "notes.txt"),
        ];
        for mode in [FileCount::Single, FileCount::Multiple] {
            for (raw, want) in table {
                assert_eq!(stored_names(raw, mode), (want.to_owned(), None), "{raw:?}");
            }
        }
        let long = format!("{}.csv", "n".repeat(296));
        let (name, _) = stored_names(&long, FileCount::Single);
        assert_eq!(name.len(), 255);
        assert!(name.ends_with(".csv"));
    }

    #[test]
    fn names_in_directory_mode() {
        let table = [
            ("photos/2024/a.jpg", "a.jpg", "photos/2024/a.jpg"),
            ("a.jpg", "a.jpg", "a.jpg"),
            ("photos/../../b.txt", "b.txt", "photos/b.txt"),
            ("/abs//./c.txt", "c.txt", "abs/c.txt"),
            ("win\\dir\\d.txt", "d.txt", "win/dir/d.txt"),
            ("dir/", "download", "dir/download"),
            (" .hidden/e.txt", "e.txt", "hidden/e.txt"),
            ("x\u{202E}y/f\0.txt", "f_.txt", "x_y/f_.txt"),
            ("nul/aux.txt", "_aux.txt", "_nul/_aux.txt"),
        ];
        for (raw, name, path) in table {
            let got = stored_names(raw, FileCount::Directory);
            assert_eq!(got, (name.to_owned(), Some(path.to_owned())), "{raw:?}");
        }
    }
}
