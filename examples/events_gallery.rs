//! Run with: cargo run --example events_gallery
//!
//! Gradio's event-listener parameters, one row each, each visibly doing its thing: a streaming
//! counter with a Stop button (`cancels`), a paced stream (`stream_every`), a progress bar, a
//! sync generator, trigger modes, a concurrency limit, chains, `js`, toasts, a batched handler,
//! raw props (`postprocess=False`), `change` of a Markdown and a time limit.
use std::time::Duration;

use ferry_ui::prelude::*;
use ferry_ui::runtime::Toast;
use futures_util::stream::{self, StreamExt};

fn main() {
    app().launch();
}

/// Counts up, one number every `every`, forever (until cancelled).
fn count_up(every: Duration) -> impl futures_util::Stream<Item = String> {
    stream::unfold(1u64, move |n| async move {
        tokio::time::sleep(every).await;
        Some((n.to_string(), n + 1))
    })
}

/// The gallery, also used by the browser tests.
pub fn app() -> App {
    Blocks::new(|b| {
        b.title("Ferry events gallery");
        b.markdown(
            "# Events gallery\nEach row shows one event-listener parameter at work, as Gradio's \
             page describes them.",
        );

        b.markdown(
            "## A streaming handler and `cancels`\nThe counter is an async stream; Stop \
                    cancels it and the number stays where it was.",
        );
        b.row(|r| {
            let start = r.add(
                Button::new("Count")
                    .variant(Variant::Primary)
                    .elem_id("count"),
            );
            let stop = r.add(Button::new("Stop").variant(Variant::Stop).elem_id("stop"));
            let counter = r.add(
                Textbox::new("Counter")
                    .interactive(false)
                    .elem_id("counter"),
            );
            let counting = r
                .on(start.click(), (), counter, || {
                    count_up(Duration::from_millis(200))
                })
                .id();
            r.on(stop.click(), (), (), || ()).cancels([counting]);
        });

        b.markdown(
            "## `stream_every`\nA stream of 40 items 25 ms apart, shown at most twice a \
                    second; the last one always shows.",
        );
        b.row(|r| {
            let go = r.add(Button::new("Stream 40 items").elem_id("paced-go"));
            let out = r.add(Textbox::new("Paced").interactive(false).elem_id("paced"));
            r.on(go.click(), (), out, || {
                stream::iter(1..=40u32).then(|n| async move {
                    tokio::time::sleep(Duration::from_millis(25)).await;
                    format!("item {n} of 40")
                })
            })
            .stream_every(Duration::from_millis(500));
        });

        b.markdown(
            "## A sync generator with progress\nAn iterator run on a blocking thread; \
                    `Progress` reports each step.",
        );
        b.row(|r| {
            let go = r.add(Button::new("Generate").elem_id("generate"));
            let out = r.add(
                Textbox::new("Generated")
                    .interactive(false)
                    .elem_id("generated"),
            );
            r.on(go.click(), (), out, |progress: Progress| {
                (1..=5u32).map(move |step| {
                    progress.set(f64::from(step) / 5.0, format!("Step {step} of 5"));
                    std::thread::sleep(Duration::from_millis(300));
                    format!("{} made", "▇".repeat(step as usize))
                })
            });
        });

        b.markdown("## `trigger_mode` and `concurrency_limit`");
        b.row(|r| {
            let once = r.add(Button::new("Once (ignores clicks while running)").elem_id("once"));
            let many = r.add(Button::new("Multiple (runs every click)").elem_id("multiple"));
            let runs = r.add(Textbox::new("Runs").interactive(false).elem_id("runs"));
            #[derive(Default)]
            struct Runs(u32);
            let slow_count = |session: Session| async move {
                tokio::time::sleep(Duration::from_millis(600)).await;
                let n = session.with_state(|runs: &mut Runs| {
                    runs.0 += 1;
                    runs.0
                });
                format!("{n} run(s) finished")
            };
            r.on(once.click(), (), runs, slow_count);
            r.on(many.click(), (), runs, slow_count)
                .trigger_mode(TriggerMode::Multiple)
                .concurrency_limit(1);
        });

        b.markdown(
            "## `.success`, `.failure` and `.then`\nSaving needs a name; what follows \
                    depends on how the save ended.",
        );
        b.row(|r| {
            let name = r.add(Textbox::new("Name").elem_id("chain-name"));
            let save = r.add(Button::new("Save").elem_id("chain-save"));
            let status = r.add(
                Textbox::new("Status")
                    .interactive(false)
                    .elem_id("chain-status"),
            );
            let log = r.add(Textbox::new("Log").interactive(false).elem_id("chain-log"));
            r.on(save.click(), name, status, |name: String| {
                if name.trim().is_empty() {
                    Err(ferry_ui::Error::new("A name is needed").title("Not saved"))
                } else {
                    Ok(format!("Saved {}", name.trim()))
                }
            })
            .success(name, log, |name: String| {
                format!("✓ {} is saved", name.trim())
            })
            .then((), (), || ());
            // A second chain from the same click: only after a failure.
            let failed = r.add(
                Textbox::new("After a failure")
                    .interactive(false)
                    .elem_id("chain-failed"),
            );
            r.on(
                save.click(),
                name,
                (),
                |name: String| -> Result<(), ferry_ui::Error> {
                    if name.trim().is_empty() {
                        Err(ferry_ui::Error::new("Type a name first"))
                    } else {
                        Ok(())
                    }
                },
            )
            .failure((), failed, || {
                "✗ the save failed: type a name and try again"
            });
        });

        b.markdown(
            "## `js`\nA JavaScript function runs in the page first: its return replaces the \
             handler's input, or, with no handler, gives the output.",
        );
        b.row(|r| {
            let text = r.add(Textbox::new("Text").value("hello").elem_id("js-text"));
            let shout = r.add(Button::new("Shout, then send").elem_id("js-shout"));
            let reverse = r.add(Button::new("Reverse in the page").elem_id("js-reverse"));
            let out = r.add(Textbox::new("Result").interactive(false).elem_id("js-out"));
            r.on(shout.click(), text, out, |text: String| {
                format!("The server got {text}")
            })
            .js("(text) => text.toUpperCase() + '!'");
            r.js(
                reverse.click(),
                text,
                out,
                "(text) => [...text].reverse().join('')",
            );
        });

        b.markdown(
            "## Toasts\n`Toast::info` for a second and a half, `Toast::warning` that stays \
                    until closed, and a `ferry_ui::Error` with a title.",
        );
        b.row(|r| {
            let info = r.add(Button::new("Info for 1.5 s").elem_id("toast-info"));
            let warning = r.add(Button::new("Warning that stays").elem_id("toast-warning"));
            let error = r.add(Button::new("Error").elem_id("toast-error"));
            r.on(info.click(), (), (), |session: Session| {
                session.toast(Toast::info("Saved a draft.").duration(Duration::from_millis(1500)));
            });
            r.on(warning.click(), (), (), |session: Session| {
                session.toast(
                    Toast::warning("The disk is almost full.")
                        .title("Disk")
                        .duration(None),
                );
            });
            r.on(error.click(), (), (), || -> Result<(), ferry_ui::Error> {
                Err(ferry_ui::Error::new("No rows match the filter.").title("Export failed"))
            });
        });

        b.markdown(
            "## `on_batch`\nOne call of the handler takes every click waiting while a batch \
             runs, from every visitor (up to 8): open the page twice and click in both.",
        );
        b.row(|r| {
            let word = r.add(Textbox::new("Word").value("ferry").elem_id("batch-word"));
            let go = r.add(Button::new("Shout (batched)").elem_id("batch-go"));
            let out = r.add(
                Textbox::new("Shouted")
                    .interactive(false)
                    .elem_id("batch-out"),
            );
            r.on_batch(go.click(), word, out, |words: Vec<String>| async move {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let size = words.len();
                words
                    .into_iter()
                    .map(|w| format!("{}! (one call for {size})", w.to_uppercase()))
                    .collect::<Vec<_>>()
            })
            .max_batch_size(8);
        });

        b.markdown(
            "## `change` of a Markdown, and raw props\nThe note is replaced by raw props \
             (Gradio's `postprocess=False`: sent as they are); its `change` counts the times.",
        );
        b.row(|r| {
            let note = r.add(Markdown::new("*No note yet*").elem_id("md-note"));
            let write = r.add(Button::new("Write a note").elem_id("md-write"));
            let changes = r.add(
                Textbox::new("Changes")
                    .interactive(false)
                    .elem_id("md-changes"),
            );
            r.on(write.click(), (), note, |session: Session| {
                let n = session.with_state(|count: &mut u32| {
                    *count += 1;
                    *count
                });
                ferry_ui::Raw(serde_json::json!({
                    "html": format!("<p>Note <strong>{n}</strong></p>")
                }))
            });
            r.on(note.change(), (), changes, |session: Session| {
                let n = session.with_state(|count: &mut u64| {
                    *count += 1;
                    *count
                });
                format!("{n} change(s)")
            });
        });

        b.markdown("## `time_limit`");
        b.row(|r| {
            let go = r.add(Button::new("Run for 5 s, limited to 1 s").elem_id("limited"));
            let out = r.add(
                Textbox::new("Limited")
                    .interactive(false)
                    .elem_id("limited-out"),
            );
            r.on(go.click(), (), out, || count_up(Duration::from_millis(250)))
                .time_limit(Duration::from_secs(1));
        });
    })
}
