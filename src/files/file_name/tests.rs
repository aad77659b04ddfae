//! The policy on a table of hostile names, and its invariants on any name.

use super::*;
use proptest::prelude::*;

/// `(name as given, name as sanitised)`: every rule of the policy, at least once.
const HOSTILE_NAMES: &[(&str, &str)] = &[
    // Control characters become `_`: tab, CR, LF, NUL, DEL, C1.
    ("tab\there.txt", "tab_here.txt"),
    ("a\r\nSet-Cookie: x=1.txt", "a__Set-Cookie_ x=1.txt"),
    ("nul\0byte.txt", "nul_byte.txt"),
    ("evil.html\0.png", "evil.html_.png"),
    ("del\u{7f}.txt", "del_.txt"),
    ("c1\u{80}\u{85}\u{9b}\u{9f}.txt", "c1____.txt"),
    ("bell\u{7}esc\u{1b}.txt", "bell_esc_.txt"),
    // Quotes, `;`, separators and Windows' reserved characters become `_`.
    ("a\"b.txt", "a_b.txt"),
    ("x.txt\"; filename=\"evil.exe", "x.txt__ filename=_evil.exe"),
    ("a;b.txt", "a_b.txt"),
    ("a\\b.txt", "a_b.txt"),
    ("dir/sub/file.txt", "dir_sub_file.txt"),
    ("C:\\Users\\x\\file.txt", "C__Users_x_file.txt"),
    ("../../etc/passwd", "_.._etc_passwd"),
    ("<script>.html", "_script_.html"),
    ("evil.html:x.png", "evil.html_x.png"),
    ("what?.txt", "what_.txt"),
    ("star*.txt", "star_.txt"),
    ("pipe|d.txt", "pipe_d.txt"),
    // Kept: the single quote, `%`, `#`, `&`, `~`, inner spaces.
    ("Bob's 50% #1 & co~.txt", "Bob's 50% #1 & co~.txt"),
    ("%0d%0a.txt", "%0d%0a.txt"),
    // Bidirectional controls become `_`.
    ("invoice\u{202E}fdp.exe", "invoice_fdp.exe"),
    ("a\u{202A}b\u{202B}c\u{202C}d\u{202D}.txt", "a_b_c_d_.txt"),
    ("a\u{2066}b\u{2067}c\u{2068}d\u{2069}.txt", "a_b_c_d_.txt"),
    ("rlm\u{200F}lrm\u{200E}.txt", "rlm_lrm_.txt"),
    // Other invisible characters too, the zero-width joiners included (as Chromium does).
    ("zw\u{200B}sp\u{FEFF}.txt", "zw_sp_.txt"),
    ("line\u{2028}sep.txt", "line_sep.txt"),
    ("\u{1F468}\u{200D}\u{1F4BB}.txt", "\u{1F468}_\u{1F4BB}.txt"),
    ("zw\u{200C}nj.txt", "zw_nj.txt"),
    // Windows device names get a leading `_`, in any case, with any extension.
    ("CON", "_CON"),
    ("con.txt", "_con.txt"),
    ("Prn.tar.gz", "_Prn.tar.gz"),
    ("aux.", "_aux"),
    ("nul .txt", "_nul .txt"),
    ("COM1.log", "_COM1.log"),
    ("com9", "_com9"),
    ("LPT1", "_LPT1"),
    ("lpt9.doc", "_lpt9.doc"),
    ("COM\u{b9}.txt", "_COM\u{b9}.txt"),
    ("lpt\u{b2}", "_lpt\u{b2}"),
    ("LPT\u{b3}.csv", "_LPT\u{b3}.csv"),
    ("conin$.txt", "_conin$.txt"),
    // …but names that only start like one are left alone.
    ("CONSOLE.txt", "CONSOLE.txt"),
    ("COM10.txt", "COM10.txt"),
    ("LPT.txt", "LPT.txt"),
    ("my con.txt", "my con.txt"),
    // Trailing dots and spaces go; so do leading ones (no hidden file, no `..`).
    ("report.csv.", "report.csv"),
    ("report.csv. . ", "report.csv"),
    ("  spaced  .txt  ", "spaced  .txt"),
    (".env", "env"),
    ("...hidden..", "hidden"),
    ("..", "download"),
    (" .. ", "download"),
    ("", "download"),
    ("/", "_"),
    // NFC: a decomposed accent is composed.
    ("cafe\u{301}.txt", "caf\u{e9}.txt"),
    ("A\u{30a}ngstro\u{308}m.txt", "\u{c5}ngstr\u{f6}m.txt"),
    // Non-ASCII that is visible stays.
    ("résumé – été.txt", "résumé – été.txt"),
    ("日本語.csv", "日本語.csv"),
    ("📦 box.zip", "📦 box.zip"),
];

#[test]
fn hostile_names_follow_the_policy() {
    for (input, want) in HOSTILE_NAMES {
        assert_eq!(sanitize_file_name(input), *want, "input {input:?}");
    }
}

#[test]
fn sanitised_names_come_out_as_they_went_in() {
    for (_, want) in HOSTILE_NAMES {
        assert_eq!(sanitize_file_name(want), *want);
    }
}

#[test]
fn long_names_are_cut_at_255_bytes_keeping_the_extension() {
    let long = format!("{}.csv", "a".repeat(296));
    let s = sanitize_file_name(&long);
    assert_eq!(s.len(), 255);
    assert_eq!(s, format!("{}.csv", "a".repeat(251)));

    // Two-byte characters: never split one.
    let s = sanitize_file_name(&format!("{}.txt", "é".repeat(150)));
    assert_eq!(s, format!("{}.txt", "é".repeat(125)));
    assert_eq!(s.len(), 254);

    // Four-byte characters.
    let s = sanitize_file_name(&format!("{}.png", "😀".repeat(100)));
    assert_eq!(s, format!("{}.png", "😀".repeat(62)));
    assert_eq!(s.len(), 252);

    // Decomposed accents count once composed.
    let s = sanitize_file_name(&format!("{}.txt", "e\u{301}".repeat(125)));
    assert_eq!(s, format!("{}.txt", "é".repeat(125)));

    // A very long "extension" is not kept as one.
    let s = sanitize_file_name(&format!("x.{}", "b".repeat(300)));
    assert_eq!(s, format!("x.{}", "b".repeat(253)));

    // The cut stem loses the dots and spaces it ends with.
    let s = sanitize_file_name(&format!("{}. . .{}.txt", "a".repeat(248), "z".repeat(20)));
    assert_eq!(s, format!("{}.txt", "a".repeat(248)));

    // A device name keeps its `_` within the limit.
    let s = sanitize_file_name(&format!("con.{}", "x".repeat(300)));
    assert_eq!(s.len(), 255);
    assert!(s.starts_with("_con."));
}

proptest! {
    #[test]
    fn any_name_gives_a_safe_name(name in any::<String>()) {
        check(&name)?;
    }

    #[test]
    fn hostile_alphabet_gives_a_safe_name(
        name in "[\"\\\\/;:<>|?*%\t\r\n\0\u{7f}\u{85} .aCcOoNnLlPpTt1\u{b9}\u{e9}\u{301}\u{202e}\u{2066}\u{200b}\u{1F600}]{0,300}"
    ) {
        check(&name)?;
    }
}

fn check(name: &str) -> Result<(), TestCaseError> {
    let s = sanitize_file_name(name);
    prop_assert!(!s.is_empty());
    prop_assert!(s.len() <= MAX_NAME_BYTES);
    prop_assert!(!s.chars().any(is_unsafe), "{s:?}");
    prop_assert!(
        !s.starts_with(['.', ' ']) && !s.ends_with(['.', ' ']),
        "{s:?}"
    );
    prop_assert!(!is_windows_device_name(&s), "{s:?}");
    prop_assert_eq!(s.nfc().collect::<String>(), s.clone());
    prop_assert_eq!(sanitize_file_name(&s), s);
    Ok(())
}
