//! A wired event: its triggers, inputs, outputs, handler and listener options.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tokio::sync::Semaphore;

use super::ErasedHandler;

/// Whether a trigger may start a run while one is pending: Gradio's `trigger_mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerMode {
    /// No new run while one is pending. The default for every event but `change` and `input`.
    Once,
    /// Every trigger runs.
    Multiple,
    /// While pending, only the last trigger is kept and runs when the pending run ends.
    /// The default for `change` and `input`.
    AlwaysLast,
}

/// How the page shows that an event is running: Gradio's `show_progress`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShowProgress {
    /// A spinner over each output and the elapsed time. The default.
    #[default]
    Full,
    /// The elapsed time only.
    Minimal,
    /// Nothing.
    Hidden,
}

/// An event wired to a handler.
pub(crate) struct Dependency {
    pub triggers: Vec<(usize, &'static str)>,
    pub inputs: Vec<usize>,
    pub outputs: Vec<usize>,
    pub handler: ErasedHandler,
    pub trigger_mode: TriggerMode,
    pub show_progress: ShowProgress,
    pub scroll_to_output: bool,
    pub api_name: Option<String>,
    pub concurrency_limit: Option<usize>,
    pub concurrency_id: Option<String>,
    pub time_limit: Option<Duration>,
    /// The least time between two updates of a streaming handler.
    pub stream_every: Option<Duration>,
    /// The events a run of this one cancels, for the same session.
    pub cancels: Vec<usize>,
    /// Runs when a session starts (a component's value function).
    pub on_load: bool,
    /// Set when the app is built, from `concurrency_limit` and `concurrency_id`.
    pub semaphore: Option<Arc<Semaphore>>,
}

impl Dependency {
    pub fn new(
        triggers: Vec<(usize, &'static str)>,
        inputs: Vec<usize>,
        outputs: Vec<usize>,
        handler: ErasedHandler,
    ) -> Self {
        let keeps_last = |event: &str| event == "change" || event == "input";
        let trigger_mode =
            if !triggers.is_empty() && triggers.iter().all(|(_, event)| keeps_last(event)) {
                TriggerMode::AlwaysLast
            } else {
                TriggerMode::Once
            };
        Dependency {
            triggers,
            inputs,
            outputs,
            handler,
            trigger_mode,
            show_progress: ShowProgress::Full,
            scroll_to_output: false,
            api_name: None,
            concurrency_limit: None,
            concurrency_id: None,
            time_limit: None,
            stream_every: None,
            cancels: Vec::new(),
            on_load: false,
            semaphore: None,
        }
    }
}

/// The options of an event listener, returned by [`Blocks::on`](crate::Blocks::on):
/// Gradio's event-listener parameters.
///
/// ```
/// use ferry_ui::prelude::*;
/// use std::time::Duration;
///
/// let app = Blocks::new(|b| {
///     let go = b.add(Button::new("Go"));
///     let out = b.add(Textbox::new("Result"));
///     b.on(go.click(), (), out, || "done")
///         .show_progress(ShowProgress::Minimal)
///         .trigger_mode(TriggerMode::Multiple)
///         .concurrency_limit(2)
///         .time_limit(Duration::from_secs(5))
///         .api_name("go");
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("\"minimal\""));
/// ```
pub struct EventListener<'a> {
    pub(crate) dependency: &'a mut Dependency,
    pub(crate) id: EventId,
}

/// An event wired on a page, named by [`EventListener::id`], for another event to
/// [`cancel`](EventListener::cancels) it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventId(pub(crate) usize);

impl EventListener<'_> {
    /// The event, for another one's [`cancels`](Self::cancels). Call it last: it ends the
    /// chain of options.
    pub fn id(self) -> EventId {
        self.id
    }

    /// When this event fires, it stops the runs of `events` for the same session: a run
    /// waiting its turn leaves the queue, a running async handler is dropped at its next
    /// `.await`, a stream stops, a sync handler sees its [`CancelToken`](super::CancelToken);
    /// their outputs keep the last value they were given. Gradio's `cancels`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let (start, stop) = (b.add(Button::new("Count")), b.add(Button::new("Stop")));
    ///     let out = b.add(Textbox::new("Count"));
    ///     let counting = b
    ///         .on(start.click(), (), out, || {
    ///             futures_util::stream::unfold(0u64, |n| async move {
    ///                 tokio::time::sleep(Duration::from_millis(100)).await;
    ///                 Some((n.to_string(), n + 1))
    ///             })
    ///         })
    ///         .id();
    ///     b.on(stop.click(), (), (), || ()).cancels([counting]);
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Stop"));
    /// ```
    pub fn cancels(self, events: impl IntoIterator<Item = EventId>) -> Self {
        self.dependency
            .cancels
            .extend(events.into_iter().map(|event| event.0));
        self
    }

    /// For a handler that returns a stream or an iterator: at most one update of the outputs
    /// per `interval` (the newest item wins; the last one always shows). Defaults to every
    /// item as it comes.
    pub fn stream_every(self, interval: Duration) -> Self {
        self.dependency.stream_every = Some(interval);
        self
    }
    /// How the page shows the run. Defaults to [`ShowProgress::Full`].
    pub fn show_progress(self, show_progress: ShowProgress) -> Self {
        self.dependency.show_progress = show_progress;
        self
    }

    /// Whether a trigger may start a run while one is pending. Defaults to
    /// [`TriggerMode::Once`], or [`TriggerMode::AlwaysLast`] for `change` events.
    pub fn trigger_mode(self, trigger_mode: TriggerMode) -> Self {
        self.dependency.trigger_mode = trigger_mode;
        self
    }

    /// Scrolls the page to the first output when the run ends. Defaults to `false`.
    pub fn scroll_to_output(self, scroll: bool) -> Self {
        self.dependency.scroll_to_output = scroll;
        self
    }

    /// The name of the event in the API. Defaults to none.
    pub fn api_name(self, name: impl Into<String>) -> Self {
        self.dependency.api_name = Some(name.into());
        self
    }

    /// At most this many runs of this event at once, across all sessions; more wait their turn.
    /// Defaults to no limit.
    pub fn concurrency_limit(self, limit: usize) -> Self {
        self.dependency.concurrency_limit = Some(limit.max(1));
        self
    }

    /// Shares one concurrency limit among every event with this id; the lowest limit set wins.
    /// Defaults to none.
    pub fn concurrency_id(self, id: impl Into<String>) -> Self {
        self.dependency.concurrency_id = Some(id.into());
        self
    }

    /// Stops a run that takes longer and shows an error in the page. Defaults to no limit.
    pub fn time_limit(self, limit: Duration) -> Self {
        self.dependency.time_limit = Some(limit);
        self
    }
}
