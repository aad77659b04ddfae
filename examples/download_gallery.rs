//! Run with: cargo run --release --example download_gallery   (then open http://127.0.0.1:7860)
//!
//! Every DownloadButton feature on one page: variants, sizes, icons, visibility, interactivity,
//! files from a path, bytes, text and a URL, values computed every second or from a textbox,
//! handlers that swap the file, and errors shown in the page.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use ferry_ui::prelude::*;

/// The example's own files.
fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/assets")
        .join(name)
}

/// The gallery; `url_base` is where the example's second server serves its URL downloads.
fn app(url_base: &str) -> App {
    let url_base = url_base.to_owned();
    Blocks::new(move |b| {
        b.title("Ferry · DownloadButton gallery");
        b.markdown(
            "# DownloadButton gallery\n\
             Every button below downloads a real file. Ferry streams it through a one-off \
             capability URL; the browser saves it natively.",
        );

        // Built now, placed further down with `b.render(placed_later)`.
        let placed_later = b.add(
            DownloadButton::new("Placed later")
                .value(asset("report.csv"))
                .render(false)
                .elem_id("placed-later"),
        );

        b.markdown("## Variants and sizes");
        b.row(|r| {
            for (label, variant) in [
                ("Primary", Variant::Primary),
                ("Secondary", Variant::Secondary),
                ("Stop", Variant::Stop),
            ] {
                r.add(
                    DownloadButton::new(label)
                        .value(asset("report.csv"))
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
                    DownloadButton::new(label)
                        .value(asset("report.csv"))
                        .size(size)
                        .elem_id(format!("size-{}", label.to_lowercase())),
                );
            }
        });

        b.markdown("## Sources and icons");
        b.row(|r| {
            r.add(
                DownloadButton::new("CSV from a path")
                    .value(asset("report.csv"))
                    .icon(asset("download.svg"))
                    .elem_id("from-path"),
            );
            let bytes: Vec<u8> = (0..=255u8).collect();
            r.add(
                DownloadButton::new("256 bytes")
                    .value(FileSource::bytes(bytes).file_name("all-bytes.bin"))
                    .elem_id("from-bytes"),
            );
            r.add(
                DownloadButton::new("Résumé (UTF-8 name)")
                    .value(
                        FileSource::text("Ferry ships files.\nÇa marche : déjà téléchargé.\n")
                            .file_name("résumé – été.txt"),
                    )
                    .elem_id("from-text"),
            );
            r.add(
                DownloadButton::new("From a URL")
                    .value(format!("{url_base}/notes.txt"))
                    .icon(format!("{url_base}/icon.svg"))
                    .elem_id("from-url"),
            );
        });

        b.markdown("## Layout: `scale` and `min_width`");
        b.row(|r| {
            r.add(
                DownloadButton::new("scale 2")
                    .value(asset("report.csv"))
                    .scale(2)
                    .elem_id("scale-2")
                    .elem_classes(["gallery-wide", "gallery-accent"]),
            );
            r.add(
                DownloadButton::new("scale 1")
                    .value(asset("report.csv"))
                    .scale(1)
                    .elem_id("scale-1"),
            );
            r.add(
                DownloadButton::new("min_width 320")
                    .value(asset("report.csv"))
                    .min_width(320)
                    .elem_id("min-width"),
            );
        });

        b.markdown("## Visibility and interactivity");
        let (hidden, removed) = b.row(|r| {
            r.add(
                DownloadButton::new("Disabled")
                    .value(asset("report.csv"))
                    .interactive(false)
                    .elem_id("disabled"),
            );
            let hidden = r.add(
                DownloadButton::new("Hidden in the DOM")
                    .value(asset("report.csv"))
                    .visible(Visibility::Hidden)
                    .elem_id("hidden"),
            );
            let removed = r.add(
                DownloadButton::new("Not rendered")
                    .value(asset("report.csv"))
                    .visible(false)
                    .elem_id("removed"),
            );
            (hidden, removed)
        });
        let reveal = b.add(
            Button::new("Show the hidden buttons")
                .size(Size::Md)
                .elem_id("reveal"),
        );
        b.on(reveal.click(), (), (hidden, removed), || {
            (
                DownloadButton::update().visible(true),
                DownloadButton::update().visible(true),
            )
        });

        b.markdown("## Values computed by functions");
        let ticks = Arc::new(AtomicU64::new(0));
        b.row(|r| {
            r.add(
                DownloadButton::new("Snapshot")
                    .value_with(move || {
                        let n = ticks.fetch_add(1, Ordering::Relaxed) + 1;
                        DownloadButton::update()
                            .label(format!("Snapshot #{n}"))
                            .value(
                                FileSource::text(format!("snapshot {n}\n"))
                                    .file_name(format!("snapshot-{n}.txt")),
                            )
                    })
                    .every(1.0)
                    .key("snapshot")
                    .elem_id("every"),
            );
            let text = r.add(
                Textbox::new("Your text")
                    .value("Hello from Ferry")
                    .elem_id("your-text"),
            );
            r.add(
                DownloadButton::new("Download your text")
                    .value_with(|text: String| FileSource::text(text).file_name("your-text.txt"))
                    .inputs(text)
                    .variant(Variant::Primary)
                    .elem_id("from-inputs"),
            );
        });

        b.markdown("## Handlers");
        let (swap, swapped, clicks) = b.row(|r| {
            let swap = r.add(Button::new("Swap the file").elem_id("swap"));
            let swapped = r.add(
                DownloadButton::new("Download report.csv")
                    .value(asset("report.csv"))
                    .icon(":material/csv:")
                    .elem_id("swapped"),
            );
            let clicks = r.add(
                Textbox::new("Downloads clicked")
                    .value("0")
                    .interactive(false)
                    .elem_id("clicks"),
            );
            (swap, swapped, clicks)
        });
        let current = b.add(
            Textbox::new("The swapped button's file (its change event)")
                .interactive(false)
                .elem_id("current-file"),
        );
        b.render(placed_later);
        let swap_files = move |current: PathBuf| {
            let next = if current.ends_with("report.csv") {
                asset("download.svg")
            } else {
                asset("report.csv")
            };
            let name = next
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let icon = if name.ends_with(".svg") {
                ":material/image:"
            } else {
                ":material/csv:"
            };
            DownloadButton::update()
                .label(format!("Download {name}"))
                .icon(icon)
                .value(next)
        };
        b.on(swap.click(), swapped, swapped, swap_files)
            .api_name("swap");
        b.on(swapped.click(), clicks, clicks, |count: String| {
            (count.parse::<u64>().unwrap_or(0) + 1).to_string()
        });
        b.on(
            swapped.change(),
            swapped,
            current,
            |file: Option<FileSource>| file.map(|f| f.download_name()).unwrap_or_default(),
        );

        b.markdown("## Event options: `show_progress`, `trigger_mode`, `scroll_to_output`");
        b.row(|r| {
            let slow = r.add(Button::new("Slow export (1 s)").elem_id("slow"));
            let result = r.add(DownloadButton::new("Not exported yet").elem_id("slow-result"));
            r.on(slow.click(), (), result, || async {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                DownloadButton::update()
                    .label("Download export.txt")
                    .value(FileSource::text("exported\n").file_name("export.txt"))
            })
            .show_progress(ShowProgress::Full);
        });
        b.row(|r| {
            let runs = Arc::new(AtomicU64::new(0));
            let counter = move || {
                let runs = runs.clone();
                async move {
                    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
                    (runs.fetch_add(1, Ordering::SeqCst) + 1).to_string()
                }
            };
            let once = r.add(Button::new("Run once (trigger_mode once)").elem_id("run-once"));
            let many = r.add(Button::new("Run each click (multiple)").elem_id("run-multiple"));
            let count = r.add(
                Textbox::new("Runs")
                    .value("0")
                    .interactive(false)
                    .elem_id("runs"),
            );
            r.on(once.click(), (), count, counter.clone())
                .trigger_mode(TriggerMode::Once);
            r.on(many.click(), (), count, counter)
                .trigger_mode(TriggerMode::Multiple);
        });
        let slowly = || async {
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            "done"
        };
        let scrolled = b.row(|r| {
            let minimal = r.add(Button::new("Minimal progress").elem_id("progress-minimal"));
            let hidden = r.add(Button::new("Hidden progress").elem_id("progress-hidden"));
            let scroll = r.add(Button::new("Scroll to the output").elem_id("scroll"));
            let shown = r.add(
                Textbox::new("Progress target")
                    .interactive(false)
                    .elem_id("progress-target"),
            );
            r.on(minimal.click(), (), shown, slowly)
                .show_progress(ShowProgress::Minimal);
            r.on(hidden.click(), (), shown, slowly)
                .show_progress(ShowProgress::Hidden);
            scroll
        });
        b.row(|r| {
            let typed = r.add(
                Textbox::new("Type fast (a slow change handler, always_last)").elem_id("type-fast"),
            );
            let echo = r.add(Textbox::new("Echo").interactive(false).elem_id("echo"));
            let runs = r.add(
                Textbox::new("Change runs")
                    .value("0")
                    .interactive(false)
                    .elem_id("change-runs"),
            );
            r.on(
                typed.change(),
                (typed, runs),
                (echo, runs),
                |text: String, runs: String| async move {
                    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
                    (text, (runs.parse::<u64>().unwrap_or(0) + 1).to_string())
                },
            );
        });

        b.markdown("## Errors are shown, never crash");
        b.row(|r| {
            let fail = r.add(
                Button::new("A handler that fails")
                    .variant(Variant::Stop)
                    .size(Size::Md)
                    .elem_id("fail"),
            );
            let panic = r.add(
                Button::new("A handler that panics")
                    .variant(Variant::Stop)
                    .size(Size::Md)
                    .elem_id("panic"),
            );
            let target = r.add(
                DownloadButton::new("Missing file")
                    .value(asset("missing.csv"))
                    .elem_id("missing"),
            );
            // A `ferry_ui::Error` is shown as written; any other error or a panic shows a
            // generic message unless the app calls `b.show_error(true)`.
            r.on(
                fail.click(),
                (),
                target,
                || -> Result<PathBuf, ferry_ui::Error> {
                    Err(ferry_ui::Error::new(
                        "The export failed: the disk is full (this error is on purpose)",
                    )
                    .title("Export"))
                },
            );
            r.on(panic.click(), (), target, || -> PathBuf {
                panic!("this handler panics on purpose")
            });
        });

        b.markdown("## A slow job\nIts progress and result come on the page's stream.");
        b.row(|r| {
            let slow = r.add(Button::new("Run a slow job").elem_id("stream-job"));
            let result = r.add(
                Textbox::new("Slow job")
                    .interactive(false)
                    .elem_id("stream-result"),
            );
            r.on(slow.click(), (), result, |progress: Progress| async move {
                for step in 1..=4u32 {
                    progress.set(f64::from(step) / 5.0, format!("Step {step} of 5"));
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
                "The slow job finished"
            });
            let notify = r.add(Button::new("Notify me").elem_id("notify"));
            r.on(notify.click(), (), (), |session: Session| {
                session.info("The export is queued.");
                session.warning("Disk space is low.");
            });
            // Ticked by the server, not the page: each second's result comes on the stream.
            let clock = r.add(Timer::new(1.0).on_server(true));
            let ticks = r.add(
                Textbox::new("Server ticks")
                    .interactive(false)
                    .elem_id("server-ticks"),
            );
            #[derive(Default)]
            struct Ticks(u64);
            r.on(clock.tick(), (), ticks, |session: Session| {
                let n = session.with_state(|ticks: &mut Ticks| {
                    ticks.0 += 1;
                    ticks.0
                });
                format!("{n} second{} on this page", if n == 1 { "" } else { "s" })
            });
        });

        // The output of the "Scroll to the output" button, at the very bottom of the page.
        let landing = b.add(
            Textbox::new("Scrolled here")
                .interactive(false)
                .elem_id("scroll-target"),
        );
        b.on(scrolled.click(), (), landing, || {
            "You scrolled to the output"
        })
        .scroll_to_output(true);
    })
}

/// Serves the files the URL buttons point at, on a port of its own, as another site would.
fn serve_url_files() -> String {
    use axum::http::header;
    use axum::routing::get;
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").expect("a free port for the URL server");
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    let address = listener.local_addr().expect("the URL server's address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let router = axum::Router::new()
                .route(
                    "/notes.txt",
                    get(|| async {
                        (
                            [
                                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                                (
                                    header::CONTENT_DISPOSITION,
                                    "attachment; filename=\"notes.txt\"",
                                ),
                            ],
                            "Notes served from another origin.\n",
                        )
                    }),
                )
                .route(
                    "/icon.svg",
                    get(|| async {
                        (
                            [(header::CONTENT_TYPE, "image/svg+xml")],
                            include_str!("assets/download.svg"),
                        )
                    }),
                );
            let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
            axum::serve(listener, router).await.expect("the URL server");
        });
    });
    format!("http://{address}")
}

fn main() {
    app(&serve_url_files()).launch();
}
