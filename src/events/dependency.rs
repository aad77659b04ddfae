//! A wired event: its triggers, inputs, outputs, handler and listener options.

use std::sync::Arc;
use std::time::Duration;

use super::{Batcher, ErasedHandler, Handler, Queue};
use crate::components::IntoComponents;
use serde::Serialize;

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

/// Whether an event is part of the app's API (Gradio's `api_visibility`; `show_api=False` is
/// `Undocumented`, `api_name=False` is `Private`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiVisibility {
    /// Listed on the API page and callable. The default.
    #[default]
    Public,
    /// Callable by API clients, but not listed.
    Undocumented,
    /// Not part of the API: only the page runs it.
    Private,
}

/// When a chained event runs after the one before it: Gradio's `.then`, `.success`, `.failure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Chain {
    /// Whatever became of the one before (not after a cancel).
    Then,
    /// Only when the one before succeeded.
    Success,
    /// Only when the one before failed (an error, a panic, a time limit).
    Failure,
}

impl Chain {
    /// The name the page sends as the event of its trigger.
    pub fn name(self) -> &'static str {
        match self {
            Chain::Then => "then",
            Chain::Success => "success",
            Chain::Failure => "failure",
        }
    }

    /// Whether it follows a run that ended so (`true`: success).
    pub fn follows(self, succeeded: bool) -> bool {
        match self {
            Chain::Then => true,
            Chain::Success => succeeded,
            Chain::Failure => !succeeded,
        }
    }
}

/// What runs when an event fires.
pub(crate) enum Work {
    /// A handler, once per run.
    One(ErasedHandler),
    /// A batched handler, once per batch of runs (`Blocks::on_batch`).
    Batch(Batcher),
}

/// An event wired to a handler.
pub(crate) struct Dependency {
    pub triggers: Vec<(usize, &'static str)>,
    pub inputs: Vec<usize>,
    pub outputs: Vec<usize>,
    pub handler: Work,
    pub trigger_mode: TriggerMode,
    pub show_progress: ShowProgress,
    pub scroll_to_output: bool,
    pub api_name: Option<String>,
    pub api_visibility: ApiVisibility,
    /// `None`: the app's default (`Blocks::default_concurrency_limit`); `Some(None)`: no limit.
    pub concurrency_limit: Option<Option<usize>>,
    pub concurrency_id: Option<String>,
    pub time_limit: Option<Duration>,
    /// The least time between two updates of a streaming handler.
    pub stream_every: Option<Duration>,
    /// The events a run of this one cancels, for the same session.
    pub cancels: Vec<usize>,
    /// A JavaScript function run in the page first (Gradio's `js`).
    pub js: Option<String>,
    /// Whether it has a handler on the server (`false` for a `js`-only event).
    pub backend: bool,
    /// For a chained event: the event it follows, and when.
    pub after: Option<(usize, Chain)>,
    /// Runs when a session starts (a component's value function).
    pub on_load: bool,
    /// Runs when a session ends (`b.unload`).
    pub on_unload: bool,
    /// Set when the app is built, from `concurrency_limit`, `concurrency_id`, `queue` and the
    /// app's default limit.
    pub queue: Option<Arc<Queue>>,
    /// Whether its runs wait in its group's queue (Gradio's `queue`); `false` runs at once.
    pub queued: bool,
}

impl From<ErasedHandler> for Work {
    fn from(handler: ErasedHandler) -> Self {
        Work::One(handler)
    }
}

impl From<Batcher> for Work {
    fn from(batcher: Batcher) -> Self {
        Work::Batch(batcher)
    }
}

impl Dependency {
    pub fn new(
        triggers: Vec<(usize, &'static str)>,
        inputs: Vec<usize>,
        outputs: Vec<usize>,
        handler: impl Into<Work>,
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
            handler: handler.into(),
            trigger_mode,
            show_progress: ShowProgress::Full,
            scroll_to_output: false,
            api_name: None,
            api_visibility: ApiVisibility::Public,
            concurrency_limit: None,
            concurrency_id: None,
            time_limit: None,
            stream_every: None,
            cancels: Vec::new(),
            js: None,
            backend: true,
            after: None,
            on_load: false,
            on_unload: false,
            queue: None,
            queued: true,
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
    pub(crate) dependencies: &'a mut Vec<Dependency>,
    pub(crate) index: usize,
    /// How many components the page has, to check the handles of a chained event.
    pub(crate) components: usize,
}

/// An event wired on a page, named by [`EventListener::id`], for another event to
/// [`cancel`](EventListener::cancels) it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventId(pub(crate) usize);

impl<'a> EventListener<'a> {
    fn dependency(&mut self) -> &mut Dependency {
        &mut self.dependencies[self.index]
    }

    /// The event, for another one's [`cancels`](Self::cancels). Call it last: it ends the
    /// chain of options.
    pub fn id(self) -> EventId {
        EventId(self.index)
    }

    /// Runs `handler` after this event's run ends, whatever became of it (not after a
    /// cancel), with its own inputs, outputs and options: Gradio's `.then`. Returns the new
    /// event's listener.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let go = b.add(Button::new("Save"));
    ///     let (status, log) = (b.add(Textbox::new("Status")), b.add(Textbox::new("Log")));
    ///     b.on(go.click(), (), status, || -> Result<String, ferry_ui::Error> { Ok("saved".into()) })
    ///         .success((), log, || "saved at last")
    ///         .failure((), log, || "the save failed")
    ///         .then((), (), || ());
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("\"success\""));
    /// ```
    ///
    /// # Panics
    ///
    /// When a handle belongs to another page.
    #[track_caller]
    pub fn then<I, O, M, H>(self, inputs: I, outputs: O, handler: H) -> EventListener<'a>
    where
        I: IntoComponents,
        O: IntoComponents,
        H: Handler<I, O, M>,
    {
        self.chain(Chain::Then, inputs, outputs, handler)
    }

    /// Runs `handler` after this event's run succeeded: Gradio's `.success`.
    ///
    /// # Panics
    ///
    /// As [`then`](Self::then).
    #[track_caller]
    pub fn success<I, O, M, H>(self, inputs: I, outputs: O, handler: H) -> EventListener<'a>
    where
        I: IntoComponents,
        O: IntoComponents,
        H: Handler<I, O, M>,
    {
        self.chain(Chain::Success, inputs, outputs, handler)
    }

    /// Runs `handler` after this event's run failed (an error, a panic, a time limit):
    /// Gradio's `.failure`.
    ///
    /// # Panics
    ///
    /// As [`then`](Self::then).
    #[track_caller]
    pub fn failure<I, O, M, H>(self, inputs: I, outputs: O, handler: H) -> EventListener<'a>
    where
        I: IntoComponents,
        O: IntoComponents,
        H: Handler<I, O, M>,
    {
        self.chain(Chain::Failure, inputs, outputs, handler)
    }

    #[track_caller]
    fn chain<I, O, M, H>(self, when: Chain, inputs: I, outputs: O, handler: H) -> EventListener<'a>
    where
        I: IntoComponents,
        O: IntoComponents,
        H: Handler<I, O, M>,
    {
        let (inputs, outputs) = (inputs.into_ids(), outputs.into_ids());
        for &id in inputs.iter().chain(&outputs) {
            assert!(id < self.components, "component {id} is not on this page");
        }
        let mut dependency = Dependency::new(Vec::new(), inputs, outputs, handler.into_erased());
        dependency.after = Some((self.index, when));
        self.dependencies.push(dependency);
        EventListener {
            index: self.dependencies.len() - 1,
            dependencies: self.dependencies,
            components: self.components,
        }
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
    pub fn cancels(mut self, events: impl IntoIterator<Item = EventId>) -> Self {
        self.dependency()
            .cancels
            .extend(events.into_iter().map(|event| event.0));
        self
    }

    /// For a handler that returns a stream or an iterator: at most one update of the outputs
    /// per `interval` (the newest item wins; the last one always shows). Defaults to every
    /// item as it comes.
    pub fn stream_every(mut self, interval: Duration) -> Self {
        self.dependency().stream_every = Some(interval);
        self
    }
    /// How the page shows the run. Defaults to [`ShowProgress::Full`].
    pub fn show_progress(mut self, show_progress: ShowProgress) -> Self {
        self.dependency().show_progress = show_progress;
        self
    }

    /// Whether a trigger may start a run while one is pending. Defaults to
    /// [`TriggerMode::Once`], or [`TriggerMode::AlwaysLast`] for `change` events.
    pub fn trigger_mode(mut self, trigger_mode: TriggerMode) -> Self {
        self.dependency().trigger_mode = trigger_mode;
        self
    }

    /// Scrolls the page to the first output when the run ends. Defaults to `false`.
    pub fn scroll_to_output(mut self, scroll: bool) -> Self {
        self.dependency().scroll_to_output = scroll;
        self
    }

    /// The name of the event in the API; a name used by an earlier event gets `_1`, `_2`, … as
    /// in Gradio. Defaults to none.
    pub fn api_name(mut self, name: impl Into<String>) -> Self {
        self.dependency().api_name = Some(name.into());
        self
    }

    /// Whether the API page lists the event: `false` keeps it callable by API clients but
    /// unlisted (Gradio's `show_api=False`). Defaults to `true`.
    pub fn show_api(mut self, show: bool) -> Self {
        self.dependency().api_visibility = if show {
            ApiVisibility::Public
        } else {
            ApiVisibility::Undocumented
        };
        self
    }

    /// Whether the event is part of the API at all, and listed. Defaults to
    /// [`ApiVisibility::Public`].
    pub fn api_visibility(mut self, visibility: ApiVisibility) -> Self {
        self.dependency().api_visibility = visibility;
        self
    }

    /// At most this many runs of this event at once, across all sessions; more wait their turn
    /// in the queue, and each waiting page shows its place ("queue: 2/5 | 1.3/4.0s"). `None`:
    /// no limit, whatever the app's default. Defaults to the app's
    /// [`default_concurrency_limit`](crate::Blocks::default_concurrency_limit), itself no limit.
    pub fn concurrency_limit(mut self, limit: impl Into<Option<usize>>) -> Self {
        self.dependency().concurrency_limit = Some(limit.into().map(|n| n.max(1)));
        self
    }

    /// A JavaScript function (its source, such as `"(text) => [text.trim()]"`) that the page
    /// runs with the inputs' values before the handler; what it returns (one value, or a list
    /// with one per input) replaces the inputs the handler gets (Gradio's `js`). The page loads
    /// it as a script of the app's own origin, so the page's CSP needs no `unsafe-inline`.
    pub fn js(mut self, function: impl Into<String>) -> Self {
        self.dependency().js = Some(function.into());
        self
    }

    /// Whether this event's runs wait in the queue of its concurrency group (Gradio's `queue`);
    /// `false` runs each at once, whatever the limit. Defaults to `true`.
    ///
    /// # Panics
    ///
    /// On `false` for a batched event, whose runs are gathered in its queue.
    #[track_caller]
    pub fn queue(mut self, queued: bool) -> Self {
        assert!(
            queued || !matches!(self.dependency().handler, Work::Batch(_)),
            "a batched event gathers its runs in the queue: it cannot have queue(false)"
        );
        self.dependency().queued = queued;
        self
    }

    /// For an event wired with [`Blocks::on_batch`](crate::Blocks::on_batch): the most events
    /// one call of its handler takes (Gradio's `max_batch_size`). Defaults to 4, as Gradio.
    ///
    /// # Panics
    ///
    /// When the event is not batched: its handler takes one event at a time.
    #[track_caller]
    pub fn max_batch_size(mut self, size: usize) -> Self {
        match &mut self.dependency().handler {
            Work::Batch(batcher) => batcher.set_max_size(size),
            Work::One(_) => panic!(
                "max_batch_size is for events wired with b.on_batch; this one's handler takes one event at a time"
            ),
        }
        self
    }

    /// Shares one concurrency limit among every event with this id; the lowest limit set wins.
    /// Defaults to none.
    pub fn concurrency_id(mut self, id: impl Into<String>) -> Self {
        self.dependency().concurrency_id = Some(id.into());
        self
    }

    /// Stops a run that takes longer and shows an error in the page. Defaults to no limit.
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.dependency().time_limit = Some(limit);
        self
    }
}
