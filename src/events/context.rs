//! Context arguments: what a handler may take beside its inputs ([`Progress`], [`CancelToken`],
//! [`Session`](crate::runtime::Session)), and the run context they are taken from.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use crate::runtime::Session;

use super::run::RunSlots;
use super::InputContext;

/// Everything a running handler can reach: its inputs' context, its session, its progress
/// reporter, its cancellation token and its concurrency slot.
#[doc(hidden)]
#[derive(Clone)]
pub struct RunContext {
    pub(crate) inputs: InputContext,
    pub(crate) session: Session,
    pub(crate) progress: Progress,
    pub(crate) cancel: CancelToken,
    /// Where a streaming handler sends its items, in order.
    pub(crate) items: tokio::sync::mpsc::Sender<Vec<super::Output>>,
    /// The run's scratch folder: set for a deferred function's run, whose result may live there.
    pub(crate) scratch: Option<crate::files::deferred::Scratch>,
    /// The run's concurrency slot and its place among its session's runs: freed when the last
    /// clone of the context is dropped, that is once the handler has really stopped (a sync
    /// handler's thread keeps them until it returns).
    pub(crate) _slot: Arc<RunSlots>,
}

/// A type a handler can take as a context argument, before its inputs: it is not an input and
/// does not count as one. Implemented for [`Progress`], [`CancelToken`] and
/// [`Session`](crate::runtime::Session).
pub trait FromContext: Send + 'static {
    /// Takes the value from the run's context.
    fn from_context(cx: &RunContext) -> Self;
}

impl FromContext for Progress {
    fn from_context(cx: &RunContext) -> Self {
        cx.progress.clone()
    }
}

impl FromContext for CancelToken {
    fn from_context(cx: &RunContext) -> Self {
        cx.cancel.clone()
    }
}

impl FromContext for Session {
    fn from_context(cx: &RunContext) -> Self {
        cx.session.clone()
    }
}

/// Tells a handler that its run was cancelled (a `time_limit`, a cancelling event, the session
/// ending). Async handlers are stopped at their next `.await` anyway; a sync handler that loops
/// should check [`is_cancelled`](Self::is_cancelled) and return.
///
/// ```
/// use std::time::Duration;
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let go = b.add(Button::new("Count"));
///     let out = b.add(Textbox::new("Done"));
///     b.on(go.click(), (), out, |cancel: CancelToken| {
///         let mut n = 0;
///         while n < 1_000 && !cancel.is_cancelled() {
///             n += 1;
///         }
///         n.to_string()
///     })
///     .time_limit(Duration::from_secs(2));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Count"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct CancelToken(pub(crate) CancellationToken);

impl CancelToken {
    /// Whether the run was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.0.is_cancelled()
    }

    /// Completes when the run is cancelled.
    pub async fn cancelled(&self) {
        self.0.cancelled().await;
    }

    pub(crate) fn cancel(&self) {
        self.0.cancel();
    }
}

/// One report of a running handler's progress.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressReport {
    /// Done so far, from 0 to 1; `None` when unknown.
    pub fraction: Option<f64>,
    /// What the handler is doing.
    pub description: Option<String>,
}

type Sink = Arc<dyn Fn(ProgressReport) + Send + Sync>;

/// Reports a running handler's progress to the page: Gradio's `gr.Progress`. Take it as a
/// context argument; the outputs of the event show a bar with the fraction and the description.
///
/// Reports are sent at most every 50 ms (the last one, and one at 100 %, always).
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let go = b.add(Button::new("Process"));
///     let out = b.add(Textbox::new("Result"));
///     b.on(go.click(), (), out, |progress: Progress| {
///         let mut total = 0u64;
///         for n in progress.track(0..100u64, "Adding") {
///             total += n;
///         }
///         progress.set(1.0, "Done");
///         total.to_string()
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Process"));
/// ```
#[derive(Clone, Default)]
pub struct Progress {
    sink: Option<Sink>,
    last: Arc<Mutex<Option<Instant>>>,
}

/// The least time between two progress reports sent to the page.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

impl Progress {
    /// A reporter that hands every report to `sink`.
    pub(crate) fn new(sink: impl Fn(ProgressReport) + Send + Sync + 'static) -> Self {
        Progress {
            sink: Some(Arc::new(sink)),
            last: Arc::default(),
        }
    }

    /// Reports that `fraction` (0 to 1) is done, doing `description`.
    pub fn set(&self, fraction: f64, description: impl Into<String>) {
        let description = description.into();
        self.report(ProgressReport {
            fraction: Some(fraction.clamp(0.0, 1.0)),
            description: (!description.is_empty()).then_some(description),
        });
    }

    /// Reports what the handler is doing, without a fraction (the page shows a spinner).
    pub fn describe(&self, description: impl Into<String>) {
        self.report(ProgressReport {
            fraction: None,
            description: Some(description.into()),
        });
    }

    /// Wraps an iterator so that each item taken reports the fraction done (from its
    /// `size_hint`), with `description`: Gradio's `progress.tqdm`.
    pub fn track<I: IntoIterator>(
        &self,
        items: I,
        description: impl Into<String>,
    ) -> Tracked<I::IntoIter> {
        let items = items.into_iter();
        let total = items.size_hint().1.filter(|&n| n > 0);
        Tracked {
            items,
            progress: self.clone(),
            description: description.into(),
            done: 0,
            total,
        }
    }

    fn report(&self, report: ProgressReport) {
        let Some(sink) = &self.sink else {
            return;
        };
        let finished = report.fraction.is_some_and(|f| f >= 1.0);
        {
            let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            if !finished && last.is_some_and(|at| now.duration_since(at) < PROGRESS_EVERY) {
                return;
            }
            *last = Some(now);
        }
        sink(report);
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("connected", &self.sink.is_some())
            .finish()
    }
}

/// An iterator that reports its progress: made by [`Progress::track`].
#[derive(Debug)]
pub struct Tracked<I> {
    items: I,
    progress: Progress,
    description: String,
    done: usize,
    total: Option<usize>,
}

impl<I: Iterator> Iterator for Tracked<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.items.next();
        match self.total {
            Some(total) => {
                let fraction = self.done as f64 / total as f64;
                self.progress.set(fraction, self.description.clone());
            }
            None => self
                .progress
                .describe(format!("{} ({})", self.description, self.done)),
        }
        if item.is_some() {
            self.done += 1;
        }
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}
