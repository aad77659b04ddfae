//! Run with: cargo run --example hostile_names   (then open http://127.0.0.1:7860)
//!
//! One download button per hostile file name (control characters, quotes, separators, bidi
//! overrides, Windows device names, trailing dots, NFD, 300 bytes), each saved under the name
//! Ferry's file-name policy makes of it; and Gradio CVE-2024-47868's app, a path typed in a
//! textbox handed to a download button, served only under the app's folders.

use ferry_ui::prelude::*;

/// `(elem_id, file name as the app gives it)`. `e2e/tests/download_names.test.mjs` checks the
/// name Chromium saves each under.
fn hostile_names() -> Vec<(&'static str, String)> {
    let table = [
        ("tab", "tab\there.txt"),
        ("crlf", "a\r\nSet-Cookie: x=1.txt"),
        ("nul", "nul\0byte.txt"),
        ("nul-ext", "evil.html\0.png"),
        ("del", "del\u{7f}.txt"),
        ("c1", "c1\u{85}\u{9b}.txt"),
        ("quotes", "x.txt\"; filename=\"evil.bin"),
        ("semicolon", "a;b.txt"),
        ("slash", "dir/sub/file.txt"),
        ("backslash", "C:\\Users\\x\\file.txt"),
        ("traversal", "../../etc/passwd"),
        ("angle", "<b>bold</b>.txt"),
        ("colon", "evil.html:x.png"),
        ("question", "what?.txt"),
        ("star", "star*.txt"),
        ("pipe", "pipe|d.txt"),
        ("kept", "Bob's 50% #1 & co~.txt"),
        ("rlo", "invoice\u{202E}fdp.txt"),
        ("isolates", "a\u{2066}b\u{2069}.txt"),
        ("zwsp", "zw\u{200B}sp.txt"),
        ("zwj", "\u{1F468}\u{200D}\u{1F4BB}.txt"),
        ("con", "CON"),
        ("con-ext", "con.txt"),
        ("prn", "Prn.tar.gz"),
        ("com1", "COM1.log"),
        ("lpt9", "lpt9.doc"),
        ("com-sup", "COM\u{b9}.txt"),
        ("nul-space", "nul .txt"),
        ("trailing-dot", "report.csv."),
        ("trailing", "report.csv. . "),
        ("dotfile", ".env"),
        ("dots", ".."),
        ("nfd", "cafe\u{301}.txt"),
        ("accents", "résumé – été.txt"),
        ("cjk", "日本語.csv"),
        ("emoji", "📦 box.zip"),
    ];
    let mut names: Vec<(&str, String)> = table.iter().map(|(id, n)| (*id, n.to_string())).collect();
    // 300 bytes, cut to 255 keeping `.csv`.
    names.push(("long", format!("{}.csv", "n".repeat(296))));
    names
}

/// The bytes of the file named by row `index`: its number, then every byte value once.
fn content_of(index: usize) -> Vec<u8> {
    let mut bytes = format!("hostile name {index}\n").into_bytes();
    bytes.extend(0..=255u8);
    bytes
}

/// The page: the names, then the CVE's textbox and download button.
fn app() -> App {
    Blocks::new(|b| {
        b.title("Ferry · hostile file names");
        b.markdown(
            "# Hostile file names\nEach button saves a file under the name Ferry's file-name \
             policy makes of the name below it.",
        );
        for (index, (id, name)) in hostile_names().into_iter().enumerate() {
            let label = format!("{name:?}");
            let source = FileSource::bytes(content_of(index))
                .file_name(name)
                .mime_type("application/octet-stream");
            b.add(
                DownloadButton::new(label)
                    .value(source)
                    .elem_id(format!("name-{id}")),
            );
        }

        b.markdown(
            "## A path typed by a user (Gradio CVE-2024-47868)\nOnly files under the app's \
             working directory are served; try `/etc/passwd` or `examples/assets/report.csv`.",
        );
        let path = b.add(Textbox::new("Path").elem_id("path"));
        let get = b.add(Button::new("Get this file").elem_id("get"));
        let typed = b.add(DownloadButton::new("Download it").elem_id("typed"));
        b.on(get.click(), path, typed, |path: String| path);
    })
}

fn main() {
    app().launch();
}
