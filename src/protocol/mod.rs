//! The wire messages between the page and the server, as serde types: the one source of truth
//! for `docs/protocol.md` and the front end's `frontend/src/protocol.ts`, which
//! `tests/protocol.rs` checks against these types (every field name and every enum value), so
//! the two cannot drift.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::events::{ApiVisibility, Chain, ShowProgress, TriggerMode};

/// A component's props as they travel: a partial object, merged into what the page holds.
pub type Props = Map<String, Value>;

/// The page as declared: drawn at once from the HTML shell, before the session answers.
#[derive(Clone, Debug, Serialize)]
pub struct PageDescription {
    /// The browser tab's title.
    pub title: String,
    /// The layout tree.
    pub root: ComponentNode,
    /// The events and what they run.
    pub dependencies: Vec<DependencyInfo>,
    /// Problems found while computing values, shown under their components.
    pub errors: Vec<ComponentError>,
    /// A script app: each interaction reruns the script, which sends the new page; while
    /// one runs, the page shows that it runs, with a control that stops it (the trigger
    /// `[0, "stop"]`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub script: bool,
    /// A script app's page: the number of this drawing of the session's page, which the page
    /// sends back with its next interaction (`RunRequest::shown`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// This drawing is relative to drawing `base`, which the page said it shows: a node whose
    /// props did not change since is sent `kept`, with no props.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<u64>,
    /// Only a fragment reran (`Ui::fragment`): `root` is the node with this id, which replaces
    /// the one the page shows; `dependencies` and `errors` are still the whole page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fragment: Option<usize>,
}

/// The answer of `POST api/session`: the page with this session's own values.
#[derive(Clone, Debug, Serialize)]
pub struct SessionInfo {
    /// The session's id.
    pub session: String,
    /// The page, with the session's values.
    #[serde(flatten)]
    pub page: PageDescription,
}

/// One component in the layout tree.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentNode {
    /// The wire type: `"download_button"`, `"row"`, or a custom component's.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The id, unique in the page.
    pub id: usize,
    /// The props.
    pub props: Props,
    /// The children of a layout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<ComponentNode>>,
    /// A script app's rerun drew this node with the same props as the drawing the page shows
    /// (`PageDescription::base`): `props` is empty and the page keeps what it was sent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub kept: bool,
}

/// An event as the page sees it.
#[derive(Clone, Debug, Serialize)]
pub struct DependencyInfo {
    /// Its number, sent back in `RunRequest::dependency`.
    pub id: usize,
    /// `[component id, event name]` pairs that start it.
    pub triggers: Vec<(usize, &'static str)>,
    /// The components whose values it takes.
    pub inputs: Vec<usize>,
    /// The components it updates.
    pub outputs: Vec<usize>,
    /// Whether a trigger may start a run while one is pending.
    pub trigger_mode: TriggerMode,
    /// How the page shows a run.
    pub show_progress: ShowProgress,
    /// Scroll to the first output when the run ends.
    pub scroll_to_output: bool,
    /// The event's name in the API.
    pub api_name: Option<String>,
    /// Whether the API lists it, and whether API clients may call it.
    pub api_visibility: ApiVisibility,
    /// It has a JavaScript function (`js`), which the page runs first; its return replaces the
    /// inputs (or, with no handler, becomes the outputs' values).
    pub js: bool,
    /// It has a handler on the server; `false` for an event that is only `js`.
    pub backend: bool,
    /// For a chained event (`.then`, `.success`, `.failure`): the event it follows and when;
    /// the page runs it once that event's run ends so, with the trigger `[dependency, when]`.
    pub after: Option<After>,
}

/// What a chained event follows.
#[derive(Clone, Debug, Serialize)]
pub struct After {
    /// The event before it.
    pub dependency: usize,
    /// When it follows.
    pub when: Chain,
}

/// A problem shown under a component.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentError {
    /// The component.
    pub component: usize,
    /// The message.
    pub message: String,
}

/// The body of `POST api/run`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct RunRequest {
    /// The session.
    pub session: String,
    /// The event (`DependencyInfo::id`).
    pub dependency: usize,
    /// The component and event that fired.
    pub trigger: (usize, String),
    /// One value per input component.
    #[serde(default)]
    pub data: Vec<Value>,
    /// The page listens on its stream: a run that takes more than a moment is answered there.
    #[serde(default)]
    pub stream: bool,
    /// A script app's page: the drawing it shows (`PageDescription::seq`), so a rerun sends
    /// only what changed since.
    #[serde(default)]
    pub shown: Option<u64>,
}

/// What `POST api/run` answers: the result, or the run whose result will come on the stream.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum RunReply {
    /// The run ended.
    Done(RunAnswer),
    /// The run goes on; its result comes on the stream as `StreamMessage::Result`.
    Pending {
        /// The run's number.
        pending: u64,
    },
}

/// The result of a run: its updates, or the error to show.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RunAnswer {
    /// New props per component.
    pub updates: Vec<UpdateMessage>,
    /// The handler's error, shown in a toast.
    pub error: Option<RunErrorMessage>,
    /// Another event cancelled the run: nothing is shown, and no chained event follows.
    pub cancelled: bool,
    /// A script app's rerun: the new page (or fragment), which replaces the tree (components
    /// that keep their id keep their place in the page, their focus and what the user typed
    /// since).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<Box<PageDescription>>,
}

/// New props for one component.
#[derive(Clone, Debug, Serialize)]
pub struct UpdateMessage {
    /// The component.
    pub id: usize,
    /// Its new props.
    pub props: Props,
}

/// A run's error as the page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct RunErrorMessage {
    /// The message.
    pub message: String,
    /// A title in bold above it.
    pub title: Option<String>,
    /// The component to show it under as well.
    pub component: Option<usize>,
    /// Seconds the toast stays; `None`: until the user dismisses it.
    pub duration: Option<f64>,
}

/// The level of a toast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ToastLevel {
    /// Information: Gradio's `gr.Info`.
    Info,
    /// A warning: Gradio's `gr.Warning`.
    Warning,
    /// An error.
    Error,
}

/// One message on a session's stream (`GET api/stream/<session>`, server-sent events).
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StreamMessage {
    /// The result of a run that `POST api/run` answered as pending.
    Result {
        /// The run.
        run: u64,
        /// Its result.
        #[serde(flatten)]
        answer: RunAnswer,
    },
    /// One item of a streaming handler, applied while the run goes on (the run's `result`
    /// carries the last one).
    Partial {
        /// The run.
        run: u64,
        /// Its event.
        dependency: usize,
        /// New props per component.
        updates: Vec<UpdateMessage>,
    },
    /// A run waiting for a slot of its concurrency group: its place (`0` once it has left the
    /// queue), the queue's size and an estimate of when it will have run, in seconds.
    Queue {
        /// The run.
        run: u64,
        /// Its event.
        dependency: usize,
        /// Its place, from 1; `0`: it is no longer waiting.
        position: usize,
        /// How many runs wait.
        size: usize,
        /// Seconds until it ends, once a run of the group has been timed.
        eta: Option<f64>,
    },
    /// A running handler's progress.
    Progress {
        /// The run.
        run: u64,
        /// Its event.
        dependency: usize,
        /// Done so far, 0 to 1, when known.
        fraction: Option<f64>,
        /// What it is doing.
        description: Option<String>,
    },
    /// A toast to show.
    Toast {
        /// Info, warning or error.
        level: ToastLevel,
        /// A title in bold above the message.
        title: Option<String>,
        /// The message.
        message: String,
        /// Seconds it stays; `None`: until the user dismisses it.
        duration: Option<f64>,
    },
    /// What a script app's rerun is doing (a `ui.spinner` or `ui.status` running), shown where
    /// the script called it: in the layout `parent`, after its child `after` (first when
    /// `None`); in the page's running indicator when `parent` is `None` (a layout the page does
    /// not show yet). `text` is `None` when it is done.
    ScriptStatus {
        /// The text to show.
        text: Option<String>,
        /// Show the time since it started beside the text.
        show_time: bool,
        /// The layout it is shown in.
        #[serde(skip_serializing_if = "Option::is_none")]
        parent: Option<usize>,
        /// The child of `parent` it follows.
        #[serde(skip_serializing_if = "Option::is_none")]
        after: Option<usize>,
    },
    /// Updates the server started.
    Updates {
        /// New props per component.
        updates: Vec<UpdateMessage>,
    },
}

/// The body of every API error: `{"error": message}`.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: String,
}

/// The answer of an upload: the files' values, issued to the session.
#[derive(Clone, Debug, Serialize)]
pub struct UploadAnswer {
    /// One FileValue per file.
    pub files: Vec<Value>,
}
