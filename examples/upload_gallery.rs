//! Run with: cargo run --release --example upload_gallery   (then open http://127.0.0.1:7860)
//!
//! Every UploadButton feature on one page: several files, a whole folder, accepted types,
//! handlers taking the upload as `Vec<UploadedFile>`, `Bytes` or a path, the click, change and
//! upload events, a handler that relabels its button, an upload handed to a download button,
//! variants, sizes, an icon, and a disabled button (which the server refuses too).

use std::path::PathBuf;

use bytes::Bytes;
use ferry_ui::prelude::*;

/// An up arrow over a bar, as a data URL (the example's own assets only have a down arrow).
const UPLOAD_ICON: &str = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' \
    viewBox='0 0 24 24' width='24' height='24'><path fill='%232563eb' \
    d='M11 20h2V10.83l3.59 3.58L18 13l-6-6-6 6 1.41 1.41L11 10.83z'/>\
    <path fill='%232563eb' d='M5 4h14v2H5z'/></svg>";

/// "a.txt (2 B, text/plain; charset=utf-8)", one line per file.
fn describe(files: &[UploadedFile]) -> String {
    files
        .iter()
        .map(|f| format!("{} ({} B, {})", f.name, f.size, f.mime_type))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "1 file", "3 files".
fn files_count(n: usize) -> String {
    if n == 1 {
        "1 file".to_owned()
    } else {
        format!("{n} files")
    }
}

/// A read-only textbox that shows what a handler wrote.
fn output(label: &str, elem_id: &str, lines: u32) -> Textbox {
    Textbox::new(label)
        .lines(lines)
        .max_lines(12)
        .interactive(false)
        .elem_id(elem_id)
}

fn app() -> App {
    Blocks::new(|b| {
        b.title("Ferry · UploadButton gallery");
        b.markdown(
            "# UploadButton gallery\n\
             Every button below opens the file picker and uploads what you choose. The files \
             stream to a private folder of your session; the handlers get them as paths, bytes \
             or `UploadedFile`s.",
        );

        b.markdown("## Several files, a folder, accepted types");
        b.row(|r| {
            let many = r.add(
                UploadButton::new("Upload several files")
                    .file_count(FileCount::Multiple)
                    .variant(Variant::Primary)
                    .elem_id("multiple"),
            );
            let list =
                r.add(output("Files uploaded (name, size, type)", "multiple-list", 3).scale(2));
            r.on(many.upload(), many, list, |files: Vec<UploadedFile>| {
                describe(&files)
            });
        });
        b.row(|r| {
            let folder = r.add(
                UploadButton::new("Upload a folder")
                    .file_count(FileCount::Directory)
                    .elem_id("directory"),
            );
            let list = r.add(output("Files in the folder", "directory-list", 3).scale(2));
            r.on(folder.upload(), folder, list, |files: Vec<UploadedFile>| {
                let paths: Vec<String> = files
                    .iter()
                    .map(|f| {
                        let path = f.relative_path.as_deref().unwrap_or(&f.name);
                        format!("{path} ({} B)", f.size)
                    })
                    .collect();
                format!("{}:\n{}", files_count(files.len()), paths.join("\n"))
            });
        });
        b.row(|r| {
            let csv = r.add(
                UploadButton::new("Upload a CSV")
                    .file_types([".csv"])
                    .elem_id("csv"),
            );
            let lines = r.add(output("Lines in the CSV", "csv-lines", 1).scale(2));
            r.on(
                csv.upload(),
                csv,
                lines,
                |bytes: Bytes| match String::from_utf8_lossy(&bytes).lines().count() {
                    1 => "1 line".to_owned(),
                    n => format!("{n} lines"),
                },
            );
        });
        b.row(|r| {
            let image = r.add(
                UploadButton::new("Upload an image")
                    .file_types(["image"])
                    .icon(UPLOAD_ICON)
                    .elem_id("image"),
            );
            let info = r.add(output("The image", "image-info", 1).scale(2));
            r.on(image.upload(), image, info, |file: UploadedFile| {
                describe(&[file])
            });
        });

        b.markdown("## Events: `click`, `change`, `upload`");
        b.row(|r| {
            let events = r.add(UploadButton::new("Click or upload").elem_id("events"));
            let clicks = r.add(
                Textbox::new("Clicks")
                    .value("0")
                    .interactive(false)
                    .elem_id("clicks"),
            );
            let changed = r.add(output("Its change event", "changed", 1));
            r.on(events.click(), clicks, clicks, |count: String| {
                (count.parse::<u64>().unwrap_or(0) + 1).to_string()
            });
            r.on(
                events.change(),
                events,
                changed,
                |file: Option<UploadedFile>| match file {
                    Some(file) => format!("changed: {}", file.name),
                    None => "changed: no file".to_owned(),
                },
            );
        });
        b.row(|r| {
            let relabel = r.add(
                UploadButton::new("Upload, and I relabel myself")
                    .file_count(FileCount::Multiple)
                    .elem_id("relabel"),
            );
            r.on(
                relabel.upload(),
                relabel,
                relabel,
                |files: Vec<UploadedFile>| {
                    UploadButton::update().label(format!("Uploaded {}", files_count(files.len())))
                },
            );
            r.markdown(
                "Its `upload` handler returns `UploadButton::update().label(…)`: the button \
                 relabels itself with the number of files.",
            );
        });

        b.markdown("## Upload, then download it");
        b.row(|r| {
            let upload = r.add(UploadButton::new("Upload a file").elem_id("to-download"));
            let download = r.add(
                DownloadButton::new("Nothing uploaded yet")
                    .interactive(false)
                    .elem_id("download"),
            );
            r.on(upload.upload(), upload, download, |path: PathBuf| {
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                DownloadButton::update()
                    .label(format!("Download {name}"))
                    .value(path)
                    .variant(Variant::Primary)
                    .interactive(true)
            });
        });

        b.markdown("## Variants and sizes");
        b.row(|r| {
            for (label, variant) in [
                ("Primary", Variant::Primary),
                ("Secondary", Variant::Secondary),
                ("Stop", Variant::Stop),
            ] {
                r.add(
                    UploadButton::new(label)
                        .variant(variant)
                        .elem_id(format!("variant-{}", label.to_lowercase())),
                );
            }
        });
        b.row(|r| {
            for (label, size) in [
                ("Small", Size::Sm),
                ("Medium", Size::Md),
                ("Large", Size::Lg),
            ] {
                r.add(
                    UploadButton::new(label)
                        .size(size)
                        .elem_id(format!("size-{}", label.to_lowercase())),
                );
            }
        });

        b.markdown("## Not interactive");
        b.row(|r| {
            r.add(
                UploadButton::new("Uploads are off")
                    .interactive(false)
                    .elem_id("disabled"),
            );
            r.markdown(
                "`interactive(false)`: the button is disabled, and the server refuses uploads \
                 to it (403).",
            );
        });
    })
}

fn main() {
    app().launch();
}
