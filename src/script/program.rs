//! [`ScriptApp`]: the script program on the runtime: each session's page is what its last rerun
//! drew, and each interaction reruns the script.

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
use crate::runtime::{ApiError, Limits, Program, RunStarted, Runtime, Session};

use super::deferred;
use super::state::{DeferredFile, Placed, ScriptState, MAX_PATH_ICONS};
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
    }
}

fn script_state<R>(session: &Session, f: impl FnOnce(&mut ScriptState) -> R) -> R {
    session.with_state(f)
}

impl ScriptProgram {
    /// Reruns the script for `session` (after the one in progress, which it stops) and returns
    /// the page it drew; `clicked` is the identity of the widget whose click started it.
    async fn rerun(
        &self,
        runtime: &Runtime,
        session: &Session,
        clicked: Option<String>,
    ) -> Result<PageDescription, RunError> {
        let (lock, cancel) = script_state(session, |state| {
            state.current.cancel();
            state.current = CancelToken::default();
            (Arc::clone(&state.rerun), state.current.clone())
        });
        let _turn = lock.lock_owned().await;
        if cancel.is_cancelled() {
            return Err(RunError::Cancelled);
        }
        let (values, callback) = script_state(session, |state| {
            let clicked = clicked
                .as_ref()
                .and_then(|identity| state.placed.iter().find(|p| &p.identity == identity));
            // What a deferred function captures may change with any rerun but its own
            // button's click (which a second click, joining its run, must find the same).
            if clicked.is_none_or(|p| p.deferred.is_none()) {
                state.generation += 1;
            }
            let callback = clicked.and_then(|placed| placed.on_click.clone());
            (state.values.clone(), callback)
        });
        let ui = Ui::new(session.clone(), values, clicked, cancel);
        let script = Arc::clone(&self.script);
        let (ui, outcome) = tokio::task::spawn_blocking(move || {
            let mut ui = ui;
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
                // The clicked button's callback runs first, as in Streamlit: the rerun sees
                // what it changed.
                if let Some(callback) = callback {
                    callback(ui.session());
                }
                script(&mut ui)
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
            let shown = if self.show_error {
                text
            } else {
                crate::events::GENERIC_MESSAGE.to_owned()
            };
            drawn.push(stopped_here(shown));
        }
        Ok(self.page_of(runtime, session, drawn).await)
    }

    /// Gives each drawn widget its id, turns values into props (publishing files for the
    /// session), records the page for the next interaction and describes it.
    async fn page_of(
        &self,
        runtime: &Runtime,
        session: &Session,
        drawn: Vec<Drawn>,
    ) -> PageDescription {
        let mut placed = Vec::new();
        let mut errors = Vec::new();
        let children = self
            .nodes_of(runtime, session, drawn, &mut placed, &mut errors)
            .await;
        let dependencies = script_state(session, |state| {
            state.placed = placed;
            state.keep_only_placed();
            dependencies_of(state)
        });
        let mut root = empty_root();
        root.children = Some(children);
        PageDescription {
            title: self.title.clone(),
            root,
            dependencies,
            errors,
            script: true,
        }
    }

    /// The page's nodes for `drawn` (and their layouts' widgets), in order; each widget goes to
    /// `placed`, each problem to `errors`.
    fn nodes_of<'a>(
        &'a self,
        runtime: &'a Runtime,
        session: &'a Session,
        drawn: Vec<Drawn>,
        placed: &'a mut Vec<Placed>,
        errors: &'a mut Vec<ComponentError>,
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
                    errors.push(ComponentError {
                        component: id,
                        message,
                    });
                }
                let held = HeldProps {
                    layers: [Some(&props), None, None],
                };
                let shown = drawn.behaviour.shown_props(props.clone(), &held);
                // Only widgets are kept for the next interaction (a session holds them while
                // idle): the rest can neither be triggered nor send values. Their ids are.
                if drawn.widget.is_some() {
                    placed.push(Placed::new(
                        id,
                        drawn.identity,
                        Arc::clone(&drawn.behaviour),
                        &props,
                        drawn.widget,
                        drawn.on_click,
                        drawn
                            .deferred
                            .map(|source| DeferredFile { source, generation }),
                    ));
                } else {
                    script_state(session, |state| state.keep_id(drawn.identity));
                }
                let children = match drawn.children {
                    Some(children) => Some(
                        self.nodes_of(runtime, session, children, placed, errors)
                            .await,
                    ),
                    None => None,
                };
                nodes.push(ComponentNode {
                    kind: drawn.behaviour.wire_type(),
                    id,
                    props: shown,
                    children,
                });
            }
            nodes
        })
    }

    /// Checks an interaction against the session's page and records the values it sent;
    /// returns the identity of the widget clicked, if it was a click.
    fn take_interaction(
        &self,
        runtime: &Runtime,
        session: &Session,
        request: &RunRequest,
    ) -> Result<Option<String>, ApiError> {
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
            Ok(clicked)
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

/// The widget shown where a rerun panicked: its message, under an empty Markdown.
fn stopped_here(message: String) -> Drawn {
    let node = Markdown::new("").elem_id("ferry-script-error").into_node();
    Drawn {
        identity: "ferry-script-error".to_owned(),
        behaviour: node.behaviour,
        props: node.props,
        value: None,
        widget: None,
        problem: Some(format!("The script stopped here: {message}")),
        on_click: None,
        children: None,
        icon: None,
        deferred: None,
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
            let page = match self.rerun(runtime, session, None).await {
                Ok(page) => page,
                Err(error) => {
                    let mut page = self.page_of(runtime, session, Vec::new()).await;
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
            let clicked = self.take_interaction(&runtime, &session, &request)?;
            let limit = runtime.limits.max_runs_per_session;
            let counted = session.try_start_run(limit).ok_or_else(|| {
                ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!("this session has {limit} reruns waiting, the most it may"),
                )
            })?;
            let run = runtime.next_run_id();
            let answer = async move {
                let result = self.rerun(&runtime, &session, clicked).await;
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
