//! [`ScriptApp`]: the script program on the runtime: each session's page is what its last rerun
//! drew, and each interaction reruns the script.

use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum::http::StatusCode;
use futures_util::future::BoxFuture;
use serde_json::Value;

use crate::components::{Column, Component, HeldProps, Markdown, OutputContext};
use crate::events::{
    ApiVisibility, CancelToken, InputContext, RunError, ShowProgress, TriggerMode,
};
use crate::files::deferred::runs::DeferredRuns;
use crate::files::roots::ServeRoots;
use crate::files::upload::{UploadLimits, UploadRules};
use crate::protocol::{
    ComponentError, ComponentNode, DependencyInfo, PageDescription, RunAnswer, RunRequest,
    SessionInfo,
};
use crate::runtime::{ApiError, Limits, Program, Props, RunStarted, Runtime, Session};

use super::deferred;
use super::fragment::fragment_node;
use super::state::{DeferredFile, Placed, PlacedFragment, ScriptState, MAX_PATH_ICONS};
use super::ui::{Drawn, Interrupted, Ui};

type ScriptFn = Arc<dyn Fn(&mut Ui) + Send + Sync>;

/// A script app before it serves: its script and settings. [`crate::script()`] makes one with the
/// defaults; `ScriptApp` sets more.
///
/// ```
/// use ferry_ui::script::{ScriptApp, Ui};
///
/// let app = ScriptApp::new(|ui: &mut Ui| ui.markdown("Hello"))
///     .title("Greeter")
///     .show_error(true)
///     .into_app();
/// # let _ = app;
/// ```
pub struct ScriptApp {
    script: ScriptFn,
    title: String,
    show_error: bool,
    limits: Limits,
}

impl ScriptApp {
    /// A script app for `script`.
    pub fn new(script: impl Fn(&mut Ui) + Send + Sync + 'static) -> Self {
        ScriptApp {
            script: Arc::new(script),
            title: "Ferry".to_owned(),
            show_error: false,
            limits: Limits::default(),
        }
    }

    /// Sets the browser tab's title. Defaults to "Ferry".
    #[must_use = "a setter returns the changed app"]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Shows a panic's own message in the page; otherwise the page shows a generic message and
    /// the server's log has the details. Defaults to `false`.
    #[must_use = "a setter returns the changed app"]
    pub fn show_error(mut self, show: bool) -> Self {
        self.show_error = show;
        self
    }

    /// Sets the bounds on what clients can make the server hold. Defaults to
    /// [`Limits::default`].
    #[must_use = "a setter returns the changed app"]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The app, ready to serve.
    pub fn into_app(self) -> crate::App {
        let runtime = Runtime::new(UploadLimits::default(), self.limits, ServeRoots::current());
        let deferred = Arc::new(DeferredRuns::default());
        deferred.bind(runtime.store.clone(), runtime.roots.clone());
        let program = ScriptProgram {
            script: self.script,
            title: self.title,
            show_error: self.show_error,
            deferred,
        };
        crate::App::new(runtime, Arc::new(program))
    }
}

impl From<ScriptApp> for crate::App {
    fn from(app: ScriptApp) -> Self {
        app.into_app()
    }
}

struct ScriptProgram {
    script: ScriptFn,
    title: String,
    show_error: bool,
    /// The runs of its deferred download buttons, and the files they made.
    deferred: Arc<DeferredRuns>,
}

fn empty_root() -> ComponentNode {
    ComponentNode {
        kind: Column::TYPE,
        id: 0,
        props: Column::new().into_node().props,
        children: Some(Vec::new()),
        kept: false,
    }
}

/// What started a rerun, as the rerun needs it.
#[derive(Default)]
struct Interaction {
    /// The identity of the widget whose click started it.
    clicked: Option<String>,
    /// The fragment whose widget started it: only that fragment reruns.
    fragment: Option<usize>,
    /// A fragment's timer ticked: the rerun neither stops nor waits for one in progress.
    tick: bool,
    /// The drawing the page shows ([`crate::protocol::RunRequest::shown`]).
    shown: Option<u64>,
}

/// A drawing being made: what the page is sent, and what the session keeps of it.
#[derive(Default)]
struct Drawing {
    placed: Vec<Placed>,
    errors: Vec<ComponentError>,
    /// Each node's (id, fingerprint), in page order.
    fingerprints: Vec<(usize, u64)>,
    fragments: Vec<PlacedFragment>,
    /// The fingerprints (sorted by id) of the drawing the page shows, when that is the last one
    /// sent: a node drawn as it was is sent `kept`, without its props.
    shown: Option<Vec<(usize, u64)>>,
    /// Every node's id, in page order.
    ids: Vec<usize>,
}

impl Drawing {
    /// A drawing for a page that says it shows drawing `shown`; and the drawing it is sent
    /// relative to, when that is the session's last.
    fn new(state: &ScriptState, shown: Option<u64>) -> (Self, Option<u64>) {
        let base = shown.filter(|&seq| seq > 0 && seq == state.seq);
        let drawing = Drawing {
            shown: base.map(|_| state.fingerprints.clone()),
            ..Drawing::default()
        };
        (drawing, base)
    }

    /// Records node `id` drawn with these props; whether the page has them already.
    fn record(&mut self, id: usize, kind: &str, props: &crate::runtime::Props) -> bool {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        kind.hash(&mut hasher);
        serde_json::to_string(props)
            .unwrap_or_default()
            .hash(&mut hasher);
        let fingerprint = hasher.finish();
        self.ids.push(id);
        self.fingerprints.push((id, fingerprint));
        self.shown.as_ref().is_some_and(|shown| {
            shown
                .binary_search_by_key(&id, |&(id, _)| id)
                .is_ok_and(|at| shown[at].1 == fingerprint)
        })
    }
}

pub(super) fn script_state<R>(session: &Session, f: impl FnOnce(&mut ScriptState) -> R) -> R {
    session.with_state(f)
}

impl ScriptProgram {
    /// Reruns the script (or the fragment the interaction names) for `session`, after the
    /// rerun in progress, which it stops; returns the page it drew (or the fragment).
    async fn rerun(
        &self,
        runtime: &Runtime,
        session: &Session,
        interaction: Interaction,
    ) -> Result<PageDescription, RunError> {
        let lock = script_state(session, |state| Arc::clone(&state.rerun));
        let (_turn, cancel) = if interaction.tick {
            // A tick neither stops a rerun nor waits for one: it is skipped.
            let Ok(turn) = lock.try_lock_owned() else {
                return Err(RunError::Cancelled);
            };
            let cancel = script_state(session, |state| {
                state.current = CancelToken::default();
                state.current.clone()
            });
            (turn, cancel)
        } else {
            let cancel = script_state(session, |state| {
                state.current.cancel();
                state.current = CancelToken::default();
                state.current.clone()
            });
            (lock.lock_owned().await, cancel)
        };
        if cancel.is_cancelled() {
            return Err(RunError::Cancelled);
        }
        let Interaction {
            clicked,
            fragment,
            shown,
            ..
        } = interaction;
        let (values, callback, fragment, reserved) = script_state(session, |state| {
            let clicked = clicked
                .as_ref()
                .and_then(|identity| state.placed.iter().find(|p| &p.identity == identity));
            // What a deferred function captures may change with any rerun but its own
            // button's click (which a second click, joining its run, must find the same).
            if clicked.is_none_or(|p| p.deferred.is_none()) {
                state.generation += 1;
            }
            let callback = clicked.and_then(|placed| placed.on_click.clone());
            // A rerun of the whole page that has not drawn yet takes the fragment's place.
            let fragment = fragment
                .filter(|_| !state.page_stale)
                .and_then(|id| state.fragment(id).cloned());
            let reserved = fragment.as_ref().map(|fragment| {
                state
                    .placed
                    .iter()
                    .filter(|p| !fragment.inside.contains(&p.id))
                    .map(|p| p.identity.clone())
                    .collect()
            });
            (state.values.clone(), callback, fragment, reserved)
        });
        let mut ui = Ui::new(session.clone(), values, clicked, cancel);
        ui.reserved = reserved.unwrap_or_default();
        if let Some(fragment) = &fragment {
            ui.root = fragment.id;
        }
        let script = Arc::clone(&self.script);
        let body = fragment.clone();
        let (ui, outcome) = tokio::task::spawn_blocking(move || {
            let mut ui = ui;
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
                // The clicked button's callback runs first, as in Streamlit: the rerun sees
                // what it changed.
                if let Some(callback) = callback {
                    callback(ui.session());
                }
                match &body {
                    Some(f) => ui.draw_fragment_body(&f.identity, f.every, &f.body),
                    None => script(&mut ui),
                }
            }));
            (ui, outcome)
        })
        .await
        .map_err(RunError::from_join)?;
        let mut drawn = ui.into_drawn();
        if let Err(payload) = outcome {
            if payload.is::<Interrupted>() {
                return Err(RunError::Cancelled);
            }
            let text = panic_text(payload.as_ref());
            tracing::warn!(panic = %text, "the script panicked");
            let message = if self.show_error {
                text
            } else {
                crate::events::GENERIC_MESSAGE.to_owned()
            };
            let within = fragment.as_ref().map(|f| f.identity.as_str());
            drawn.push(stopped_here(message, within));
        }
        Ok(match fragment {
            Some(fragment) => {
                self.fragment_page_of(runtime, session, fragment, drawn, shown)
                    .await
            }
            None => self.page_of(runtime, session, drawn, shown).await,
        })
    }

    /// Gives each drawn widget its id, turns values into props (publishing files for the
    /// session), records the page for the next interaction and describes it: relative to the
    /// drawing the page shows (`shown`) when that is the session's last.
    async fn page_of(
        &self,
        runtime: &Runtime,
        session: &Session,
        drawn: Vec<Drawn>,
        shown: Option<u64>,
    ) -> PageDescription {
        let (mut drawing, base) = script_state(session, |state| Drawing::new(state, shown));
        let children = self
            .nodes_of(runtime, session, drawn, None, &mut drawing)
            .await;
        let errors = drawing.errors.clone();
        let (dependencies, seq) = script_state(session, |state| {
            let Drawing {
                placed,
                errors,
                mut fingerprints,
                fragments,
                ..
            } = drawing;
            state.placed = placed;
            state.placed.shrink_to_fit();
            state.fragments = fragments;
            state.errors = errors;
            fingerprints.sort_unstable();
            // An idle session holds them: no spare room.
            fingerprints.shrink_to_fit();
            state.fingerprints = fingerprints;
            state.keep_only_placed();
            state.page_stale = false;
            state.seq += 1;
            (dependencies_of(state), state.seq)
        });
        let mut root = empty_root();
        root.children = Some(children);
        PageDescription {
            title: self.title.clone(),
            root,
            dependencies,
            errors,
            script: true,
            seq: Some(seq),
            base,
            fragment: None,
        }
    }

    /// As [`page_of`](Self::page_of), for a rerun of one fragment: describes only it, and
    /// replaces in the session's records what it drew before.
    async fn fragment_page_of(
        &self,
        runtime: &Runtime,
        session: &Session,
        fragment: PlacedFragment,
        drawn: Vec<Drawn>,
        shown: Option<u64>,
    ) -> PageDescription {
        let (mut drawing, base) = script_state(session, |state| Drawing::new(state, shown));
        let children = self
            .nodes_of(runtime, session, drawn, Some(fragment.id), &mut drawing)
            .await;
        let (dependencies, errors, seq) = script_state(session, |state| {
            let old: HashSet<usize> = fragment.inside.iter().copied().collect();
            let new: HashSet<usize> = drawing.ids.iter().copied().collect();
            let Drawing {
                placed,
                errors,
                fingerprints,
                fragments,
                ids,
                ..
            } = drawing;
            // Its widgets take the place of those it drew before.
            let at = state
                .placed
                .iter()
                .position(|p| old.contains(&p.id))
                .unwrap_or(state.placed.len());
            state.placed.retain(|p| !old.contains(&p.id));
            let at = at.min(state.placed.len());
            state.placed.splice(at..at, placed);
            state.placed.shrink_to_fit();
            state.fragments.retain(|f| !old.contains(&f.id));
            for outer in &mut state.fragments {
                if outer.id == fragment.id {
                    outer.inside.clone_from(&ids);
                } else if outer.inside.contains(&fragment.id) {
                    outer.inside.retain(|id| !old.contains(id));
                    outer.inside.extend(&ids);
                }
            }
            state.fragments.extend(fragments);
            state.errors.retain(|e| !old.contains(&e.component));
            state.errors.extend(errors);
            state.fingerprints.retain(|(id, _)| !old.contains(id));
            state.fingerprints.extend(fingerprints);
            state.fingerprints.sort_unstable();
            state.fingerprints.shrink_to_fit();
            state.forget(|id| old.contains(&id) && !new.contains(&id));
            state.seq += 1;
            (dependencies_of(state), state.errors.clone(), state.seq)
        });
        let node = fragment_node();
        let held = HeldProps {
            layers: [Some(&node.props), None, None],
        };
        let props = node.behaviour.shown_props(node.props.clone(), &held);
        PageDescription {
            title: self.title.clone(),
            root: ComponentNode {
                kind: node.behaviour.wire_type(),
                id: fragment.id,
                // Its own props never change.
                props: if base.is_some() { Props::new() } else { props },
                children: Some(children),
                kept: base.is_some(),
            },
            dependencies,
            errors,
            script: true,
            seq: Some(seq),
            base,
            fragment: Some(fragment.id),
        }
    }

    /// The page's nodes for `drawn` (and their layouts' widgets), in order, recorded in
    /// `drawing`; `fragment` is the innermost fragment they are in.
    fn nodes_of<'a>(
        &'a self,
        runtime: &'a Runtime,
        session: &'a Session,
        drawn: Vec<Drawn>,
        fragment: Option<usize>,
        drawing: &'a mut Drawing,
    ) -> BoxFuture<'a, Vec<ComponentNode>> {
        Box::pin(async move {
            let (ids, generation) = script_state(session, |state| {
                let ids: Vec<usize> = drawn.iter().map(|d| state.id_of(&d.identity)).collect();
                (ids, state.generation)
            });
            let mut nodes = Vec::with_capacity(drawn.len());
            for (drawn, id) in drawn.into_iter().zip(ids) {
                let mut props = drawn.props;
                let mut problem = drawn.problem;
                if let Some(value) = drawn.value {
                    let cx = OutputContext {
                        session: session.id().to_owned(),
                        component: id,
                        store: Arc::clone(&runtime.store),
                        roots: Arc::clone(&runtime.roots),
                        app_wide: false,
                        props: OutputContext::props_of(
                            drawn.behaviour.output_props(),
                            &[Some(&props)],
                        ),
                        deferred: None,
                    };
                    match drawn.behaviour.value_props(value, cx).await {
                        Ok(extra) => props.extend(extra),
                        Err(error) => {
                            problem.get_or_insert_with(|| error.shown_message(self.show_error));
                        }
                    }
                }
                if let Some(path) = &drawn.icon {
                    match path_icon(runtime, session, path).await {
                        Ok(url) => {
                            props.insert("icon".to_owned(), serde_json::json!({ "url": url }));
                        }
                        Err(message) => {
                            problem.get_or_insert(message);
                        }
                    }
                }
                if let Some(message) = problem {
                    drawing.errors.push(ComponentError {
                        component: id,
                        message,
                    });
                }
                let held = HeldProps {
                    layers: [Some(&props), None, None],
                };
                let shown = drawn.behaviour.shown_props(props.clone(), &held);
                let kind = drawn.behaviour.wire_type();
                let kept = drawing.record(id, kind, &shown);
                let identity = drawn.identity;
                // Only widgets are kept for the next interaction (a session holds them while
                // idle): the rest can neither be triggered nor send values. Their ids are.
                if drawn.widget.is_some() {
                    let mut placed = Placed::new(
                        id,
                        identity.clone(),
                        Arc::clone(&drawn.behaviour),
                        &props,
                        drawn.widget,
                        drawn.on_click,
                        drawn
                            .deferred
                            .map(|source| DeferredFile { source, generation }),
                    );
                    placed.fragment = fragment;
                    drawing.placed.push(placed);
                } else {
                    script_state(session, |state| state.keep_id(identity.clone()));
                }
                let children = match (drawn.children, drawn.fragment) {
                    (Some(children), Some((body, every))) => {
                        let start = drawing.ids.len();
                        let nodes = self
                            .nodes_of(runtime, session, children, Some(id), drawing)
                            .await;
                        let inside = drawing.ids[start..].to_vec();
                        drawing.fragments.push(PlacedFragment {
                            id,
                            identity,
                            body,
                            every,
                            inside,
                        });
                        Some(nodes)
                    }
                    (Some(children), None) => Some(
                        self.nodes_of(runtime, session, children, fragment, drawing)
                            .await,
                    ),
                    (None, _) => None,
                };
                nodes.push(ComponentNode {
                    kind,
                    id,
                    props: if kept { Props::new() } else { shown },
                    children,
                    kept,
                });
            }
            nodes
        })
    }

    /// Checks an interaction against the session's page and records the values it sent;
    /// returns what the rerun needs of it.
    fn take_interaction(
        &self,
        runtime: &Runtime,
        session: &Session,
        request: &RunRequest,
    ) -> Result<Interaction, ApiError> {
        let (component, event) = &request.trigger;
        script_state(session, |state| {
            let refuse = |message: String| ApiError::new(StatusCode::CONFLICT, message);
            let placed = state
                .placed(*component)
                .ok_or_else(|| refuse(format!("no widget {component} on this session's page")))?;
            let rerun_on = placed.widget.map(|w| w.rerun_on);
            if request.dependency != *component || rerun_on != Some(event.as_str()) {
                return Err(refuse(format!(
                    "widget {component} does not rerun the script on {event}"
                )));
            }
            let props = placed.props();
            let held = HeldProps {
                layers: [Some(&props), None, None],
            };
            placed.behaviour.check_event(event, &held).map_err(refuse)?;
            let clicked = (event == "click").then(|| placed.identity.clone());
            let fragment = placed.fragment;
            let inputs = state.inputs();
            if request.data.len() != inputs.len() {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "this page sends {} widget value(s), got {}",
                        inputs.len(),
                        request.data.len()
                    ),
                ));
            }
            let cx = InputContext {
                session: session.id().to_owned(),
                store: runtime.store.clone(),
            };
            let mut values: Vec<(String, Value)> = Vec::with_capacity(inputs.len());
            for (index, (id, value)) in inputs.iter().zip(&request.data).enumerate() {
                let Some(placed) = state.placed(*id) else {
                    continue;
                };
                let props = placed.props();
                let held = HeldProps {
                    layers: [Some(&props), None, None],
                };
                let value = placed
                    .behaviour
                    .input_value(value.clone(), &held, &cx)
                    .map_err(|message| {
                        ApiError::new(
                            StatusCode::BAD_REQUEST,
                            format!("bad value {index}: {message}"),
                        )
                    })?;
                values.push((placed.identity.clone(), value));
            }
            state.values.extend(values);
            if fragment.is_none() {
                state.page_stale = true;
            }
            Ok(Interaction {
                clicked,
                fragment,
                tick: event == "tick",
                shown: request.shown,
            })
        })
    }
}

/// One event per widget that reruns the script, each sending every value widget's value, and
/// the `prepare` and `cancel` events of each deferred download button.
fn dependencies_of(state: &ScriptState) -> Vec<DependencyInfo> {
    let inputs = state.inputs();
    let mut dependencies: Vec<DependencyInfo> = state
        .placed
        .iter()
        .filter_map(|placed| {
            let widget = placed.widget?;
            Some(DependencyInfo {
                id: placed.id,
                triggers: vec![(placed.id, widget.rerun_on)],
                inputs: inputs.clone(),
                outputs: Vec::new(),
                // The server runs the newest and stops the one in progress.
                trigger_mode: TriggerMode::Multiple,
                show_progress: ShowProgress::Hidden,
                scroll_to_output: false,
                api_name: None,
                api_visibility: ApiVisibility::Private,
                js: false,
                backend: true,
                after: None,
            })
        })
        .collect();
    dependencies.extend(deferred::dependencies(&state.placed));
    dependencies
}

/// The URL of an image file the script shows as an icon: published for the session the first
/// time, then the same for every rerun.
async fn path_icon(
    runtime: &Runtime,
    session: &Session,
    path: &std::path::Path,
) -> Result<Value, String> {
    let known = script_state(session, |state| {
        if let Some(url) = state.icons.get(path) {
            return Ok(Some(url.clone()));
        }
        if state.icons.len() >= MAX_PATH_ICONS {
            return Err(format!(
                "icon: this session's script already shows {MAX_PATH_ICONS} different image files as icons"
            ));
        }
        Ok(None)
    })?;
    if let Some(url) = known {
        return Ok(url);
    }
    let url = crate::files::value::publish_icon(&runtime.store, &runtime.roots, session.id(), path)
        .await
        .map_err(|error| format!("icon: {error}"))?;
    script_state(session, |state| {
        state.icons.insert(path.to_owned(), url.clone())
    });
    Ok(url)
}

/// The widget shown where a rerun panicked: its message, under an empty Markdown; `within`
/// names the fragment that reran alone.
fn stopped_here(message: String, within: Option<&str>) -> Drawn {
    let node = Markdown::new("").elem_id("ferry-script-error").into_node();
    let identity = match within {
        Some(fragment) => format!("{fragment}/ferry-script-error"),
        None => "ferry-script-error".to_owned(),
    };
    Drawn {
        identity,
        behaviour: node.behaviour,
        props: node.props,
        value: None,
        widget: None,
        problem: Some(format!("The script stopped here: {message}")),
        on_click: None,
        children: None,
        icon: None,
        deferred: None,
        fragment: None,
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_owned())
}

impl Program for ScriptProgram {
    fn title(&self) -> &str {
        &self.title
    }

    fn page<'a>(&'a self, _: &'a Runtime) -> BoxFuture<'a, PageDescription> {
        // The page is what a session's first run draws: nothing before it.
        Box::pin(async move {
            PageDescription {
                title: self.title.clone(),
                root: empty_root(),
                dependencies: Vec::new(),
                errors: Vec::new(),
                script: true,
                seq: None,
                base: None,
                fragment: None,
            }
        })
    }

    fn first_paint(&self, _: &PageDescription) -> String {
        String::new()
    }

    fn start<'a>(
        &'a self,
        runtime: &'a Runtime,
        session: &'a Session,
    ) -> BoxFuture<'a, SessionInfo> {
        Box::pin(async move {
            let page = match self.rerun(runtime, session, Interaction::default()).await {
                Ok(page) => page,
                Err(error) => {
                    let mut page = self.page_of(runtime, session, Vec::new(), None).await;
                    page.errors.push(ComponentError {
                        component: 0,
                        message: error.shown_message(self.show_error),
                    });
                    page
                }
            };
            SessionInfo {
                session: session.id().to_owned(),
                page,
            }
        })
    }

    fn run(
        self: Arc<Self>,
        runtime: Arc<Runtime>,
        session: Session,
        request: RunRequest,
    ) -> BoxFuture<'static, Result<RunStarted, ApiError>> {
        Box::pin(async move {
            if request.trigger == (0, "stop".to_owned()) {
                // The page's stop control: the rerun in progress ends at its next widget call.
                script_state(&session, |state| state.current.cancel());
                return Ok(RunStarted {
                    run: runtime.next_run_id(),
                    answer: Box::pin(async {
                        Ok(RunAnswer {
                            cancelled: true,
                            ..RunAnswer::default()
                        })
                    }),
                });
            }
            let (component, event) = &request.trigger;
            let deferred_event = script_state(&session, |state| match state.placed(*component) {
                Some(placed) => deferred::event_of(placed, request.dependency, event),
                None => Ok(None),
            })?;
            if let Some(event) = deferred_event {
                return deferred::start(
                    &self.deferred,
                    runtime,
                    session,
                    *component,
                    event,
                    self.show_error,
                );
            }
            let interaction = self.take_interaction(&runtime, &session, &request)?;
            let limit = runtime.limits.max_runs_per_session;
            let counted = session.try_start_run(limit).ok_or_else(|| {
                ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!("this session has {limit} reruns waiting, the most it may"),
                )
            })?;
            let run = runtime.next_run_id();
            let answer = async move {
                let result = self.rerun(&runtime, &session, interaction).await;
                drop(counted);
                Ok(match result {
                    Ok(page) => RunAnswer {
                        page: Some(Box::new(page)),
                        ..RunAnswer::default()
                    },
                    Err(RunError::Cancelled) => RunAnswer {
                        cancelled: true,
                        ..RunAnswer::default()
                    },
                    Err(error) => RunAnswer {
                        error: Some(crate::protocol::RunErrorMessage {
                            message: error.shown_message(self.show_error),
                            title: None,
                            component: None,
                            duration: error.duration().map(|d| d.as_secs_f64()),
                        }),
                        ..RunAnswer::default()
                    },
                })
            };
            Ok(RunStarted {
                run,
                answer: Box::pin(answer),
            })
        })
    }

    fn upload_rules(&self, _: &Session, component: usize) -> Result<UploadRules, ApiError> {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("component {component} takes no uploads: script apps take none yet"),
        ))
    }

    fn uploaded(&self, _: &Session, _: usize, _: Value) {}

    fn stream_opened(self: Arc<Self>, _: Arc<Runtime>, _: Session) {}

    fn session_ended(self: Arc<Self>, _: Arc<Runtime>, session: Session) -> BoxFuture<'static, ()> {
        Box::pin(async move { self.deferred.end_session(session.id()) })
    }

    fn scripts(&self) -> Vec<String> {
        crate::components::extra_scripts()
    }
}
