//! [`Page`]: the Blocks program. A fixed tree of components and the events wired between them,
//! served to each session with the props the server holds for it.

use std::sync::Arc;

use axum::http::StatusCode;
use futures_util::future::{join_all, BoxFuture};
use serde_json::Value;

use crate::components::{HeldProps, Node};
use crate::events::{
    Admission, BatchItem, BatchPace, CancelToken, Dependency, InputContext, Output, Pace, Progress,
    Refused, Run, RunError, RunId, TriggerGates, Work,
};
use crate::files::deferred::runs::DeferredRuns;
use crate::files::upload::UploadRules;
use crate::protocol::{
    After, ComponentError, ComponentNode, DependencyInfo, PageDescription, RunAnswer,
    RunErrorMessage, RunRequest, SessionInfo, StreamMessage, UpdateMessage,
};
use crate::runtime::{ApiError, Program, Props, RunStarted, Runtime, Session, SessionRun};

use super::outputs::apply_outputs;
use super::startup::Startup;

/// What a run starts with besides its inputs: its number, the token that cancels it, and its
/// place among its session's runs (`None` for runs the server starts itself, such as loads).
pub(super) struct Ticket {
    pub run: u64,
    pub cancel: CancelToken,
    pub counted: Option<SessionRun>,
}

impl Ticket {
    /// A run that nothing else cancels and that does not count among its session's runs.
    pub fn new(run: u64) -> Self {
        Ticket {
            run,
            cancel: CancelToken::default(),
            counted: None,
        }
    }
}

/// A Blocks page, as built by [`Blocks::new`](crate::Blocks::new).
pub(crate) struct Page {
    pub nodes: Vec<Node>,
    pub dependencies: Vec<Dependency>,
    pub title: String,
    pub startup: Startup,
    /// Whether the page shows handlers' own error texts and panics (Gradio's `show_error`).
    pub show_error: bool,
    /// The runs of its deferred download buttons, and the files they made.
    pub deferred: Arc<DeferredRuns>,
}

impl Page {
    /// Calls `f` with the props the server holds for component `id` of `session` (the session's
    /// own over the start-up values over the declared ones).
    pub(super) fn held<R>(
        &self,
        session: &Session,
        startup: Option<&Props>,
        id: usize,
        f: impl FnOnce(&HeldProps<'_>) -> R,
    ) -> R {
        session.props_of(id, |own| {
            f(&HeldProps {
                layers: [own, startup, Some(&self.nodes[id].props)],
            })
        })
    }

    fn dependency_info(&self) -> Vec<DependencyInfo> {
        self.dependencies
            .iter()
            .enumerate()
            .map(|(id, d)| DependencyInfo {
                id,
                triggers: d.triggers.clone(),
                inputs: d.inputs.clone(),
                outputs: d.outputs.clone(),
                trigger_mode: d.trigger_mode,
                show_progress: d.show_progress,
                scroll_to_output: d.scroll_to_output,
                api_name: d.api_name.clone(),
                api_visibility: d.api_visibility,
                js: d.js.is_some(),
                backend: d.backend,
                after: d.after.map(|(dependency, when)| After { dependency, when }),
            })
            .collect()
    }

    /// Each component's props at start-up, and the problems to show.
    async fn initial_props(&self, runtime: &Runtime) -> (Vec<Props>, Vec<ComponentError>) {
        let (startup, failed) = self
            .startup
            .get(&self.nodes, (&runtime.store, &runtime.roots))
            .await;
        let mut props: Vec<Props> = self.nodes.iter().map(|n| n.props.clone()).collect();
        for (id, extra) in startup {
            props[id].extend(extra);
        }
        let errors = failed
            .into_iter()
            .map(|(component, message)| ComponentError { component, message })
            .collect();
        (props, errors)
    }

    /// One node and its children as HTML, as each component draws itself.
    fn paint(&self, node: &ComponentNode) -> String {
        let children: String = node
            .children
            .iter()
            .flatten()
            .map(|child| self.paint(child))
            .collect();
        self.nodes[node.id]
            .behaviour
            .first_paint(&node.props, &children)
            .unwrap_or_default()
    }

    /// The tree from node `id` down, with what each component lets the page see of its props.
    fn tree(&self, id: usize, props: &mut [Props]) -> ComponentNode {
        let node = &self.nodes[id];
        let all = std::mem::take(&mut props[id]);
        let held = HeldProps {
            layers: [Some(&all), None, None],
        };
        ComponentNode {
            kind: node.wire_type(),
            id,
            props: node.behaviour.shown_props(all.clone(), &held),
            children: node
                .children
                .as_ref()
                .map(|children| children.iter().map(|&c| self.tree(c, props)).collect()),
            kept: false,
        }
    }

    /// Runs dependency `index` for `session` with the inputs' values, and records and returns
    /// the updates. `ticket.counted` is the run's place among the session's runs, kept until the
    /// handler has stopped.
    pub(super) async fn execute(
        &self,
        runtime: &Runtime,
        session: &Session,
        index: usize,
        data: Vec<Value>,
        ticket: Ticket,
    ) -> Result<Vec<(usize, Props)>, RunError> {
        let dependency = &self.dependencies[index];
        let run = ticket.run;
        let progress = {
            let session = session.clone();
            Progress::new(move |report| {
                session.data.stream().push(&StreamMessage::Progress {
                    run,
                    dependency: index,
                    fraction: report.fraction,
                    description: report.description,
                })
            })
        };
        let inputs = InputContext {
            session: session.id().to_owned(),
            store: runtime.store.clone(),
        };
        let apply = |outputs: Vec<Output>| -> BoxFuture<'_, Result<Vec<(usize, Props)>, RunError>> {
            Box::pin(self.apply(runtime, session, index, outputs))
        };
        let id = RunId {
            run,
            dependency: index,
        };
        let handler = match &dependency.handler {
            Work::One(handler) => handler,
            Work::Batch(batcher) => {
                let pace = BatchPace {
                    group: dependency.queue.clone().ok_or_else(|| {
                        RunError::Handler("a batched event has no queue".to_owned())
                    })?,
                    time_limit: dependency.time_limit,
                };
                let item = BatchItem {
                    values: data,
                    inputs,
                };
                let outputs = batcher
                    .submit(id, session, item, &ticket.cancel, &pace)
                    .await?;
                drop(ticket.counted);
                return apply(outputs).await;
            }
        };
        Run::start(
            id,
            dependency.queue.as_ref().map(|queue| (queue, session)),
            ticket.counted,
            ticket.cancel,
            progress,
        )
        .await?
        .execute(
            handler,
            data,
            inputs,
            session.clone(),
            Pace {
                time_limit: dependency.time_limit,
                stream_every: dependency.stream_every,
            },
            &apply,
        )
        .await
    }

    /// Applies one set of outputs of dependency `index` for `session`: records them and returns
    /// what the page may see of them.
    async fn apply(
        &self,
        runtime: &Runtime,
        session: &Session,
        index: usize,
        outputs: Vec<Output>,
    ) -> Result<Vec<(usize, Props)>, RunError> {
        let updates = apply_outputs(
            &self.nodes,
            &self.dependencies[index].outputs,
            outputs,
            session,
            (&runtime.store, &runtime.roots),
            &self.deferred,
        )
        .await?;
        session.record(&updates);
        let startup = self.startup.snapshot();
        Ok(updates
            .into_iter()
            .map(|(id, update)| {
                let shown = self.held(session, startup.get(&id), id, |held| {
                    self.nodes[id].behaviour.shown_props(update, held)
                });
                (id, shown)
            })
            .collect())
    }

    /// Checks a run request against the page and the session; returns the inputs' values.
    fn check(
        &self,
        runtime: &Runtime,
        session: &Session,
        request: &RunRequest,
    ) -> Result<Vec<Value>, ApiError> {
        let index = request.dependency;
        let dependency = self
            .dependencies
            .get(index)
            .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no event {index}")))?;
        if !dependency.backend {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("event {index} runs in the page only (its `js`)"),
            ));
        }
        if dependency.after.is_some() {
            Self::check_chain(session, dependency, &request.trigger)?;
        } else {
            self.check_trigger(session, index, &request.trigger)?;
        }
        if request.data.len() != dependency.inputs.len() {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!(
                    "event {index} takes {} input value(s), got {}",
                    dependency.inputs.len(),
                    request.data.len()
                ),
            ));
        }
        self.input_values(runtime, session, dependency, request.data.clone())
    }

    /// Whether `trigger` (a component and its event) may start event `index` for `session`.
    fn check_trigger(
        &self,
        session: &Session,
        index: usize,
        (component, event): &(usize, String),
    ) -> Result<(), ApiError> {
        if !self.dependencies[index]
            .triggers
            .iter()
            .any(|(c, e)| c == component && e == event)
        {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("event {index} is not triggered by {event} on component {component}"),
            ));
        }
        let startup = self.startup.snapshot();
        self.held(session, startup.get(component), *component, |held| {
            self.nodes[*component]
                .behaviour
                .check_event(event, held)
                .map_err(|message| ApiError::new(StatusCode::CONFLICT, message))
        })
    }

    /// The handler inputs of `dependency` for `session`, from the values the page sent; each
    /// component says what its value means (a file component takes only what the server
    /// issued).
    pub(super) fn input_values(
        &self,
        runtime: &Runtime,
        session: &Session,
        dependency: &Dependency,
        data: Vec<Value>,
    ) -> Result<Vec<Value>, ApiError> {
        let startup = self.startup.snapshot();
        let cx = InputContext {
            session: session.id().to_owned(),
            store: runtime.store.clone(),
        };
        dependency
            .inputs
            .iter()
            .zip(data)
            .enumerate()
            .map(|(index, (&id, value))| {
                self.held(session, startup.get(&id), id, |held| {
                    self.nodes[id].behaviour.input_value(value, held, &cx)
                })
                .map_err(|message| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        format!("bad input {index}: {message}"),
                    )
                })
            })
            .collect()
    }
}

/// The answer the page shows for a run's result: an error is shown in a toast, and under the
/// component it is about.
pub(crate) fn answer_of(
    result: Result<Vec<(usize, Props)>, RunError>,
    index: usize,
    show_error: bool,
) -> Result<RunAnswer, ApiError> {
    match result {
        Ok(updates) => Ok(RunAnswer {
            updates: updates
                .into_iter()
                .map(|(id, props)| UpdateMessage { id, props })
                .collect(),
            error: None,
            cancelled: false,
            page: None,
        }),
        Err(error @ RunError::Input { .. }) => {
            Err(ApiError::new(StatusCode::BAD_REQUEST, error.to_string()))
        }
        // Another event stopped it: the outputs keep what they last showed, and nothing is said.
        Err(RunError::Cancelled) => Ok(RunAnswer {
            updates: Vec::new(),
            error: None,
            cancelled: true,
            page: None,
        }),
        Err(error) => {
            if error.is_logged() {
                tracing::warn!(dependency = index, %error, "handler failed");
            }
            Ok(RunAnswer {
                updates: Vec::new(),
                error: Some(RunErrorMessage {
                    message: error.shown_message(show_error),
                    title: error.title().map(str::to_owned),
                    component: error.component(),
                    duration: error.duration().map(|d| d.as_secs_f64()),
                }),
                cancelled: false,
                page: None,
            })
        }
    }
}

impl Page {
    /// The events' `js` functions, as one script that hands them to the page: built from the
    /// declared text and served from the app's own origin, so the page's CSP allows it without
    /// `unsafe-inline` or `eval`.
    fn events_script(&self) -> Option<String> {
        let entries: Vec<String> = self
            .dependencies
            .iter()
            .enumerate()
            .filter_map(|(id, d)| d.js.as_ref().map(|js| format!("  {id}: ({js}),")))
            .collect();
        (!entries.is_empty())
            .then(|| format!("window.ferry.events({{\n{}\n}});\n", entries.join("\n")))
    }
}

impl Program for Page {
    fn title(&self) -> &str {
        &self.title
    }

    fn page<'a>(&'a self, runtime: &'a Runtime) -> BoxFuture<'a, PageDescription> {
        Box::pin(async move {
            let (mut props, errors) = self.initial_props(runtime).await;
            PageDescription {
                title: self.title.clone(),
                root: self.tree(0, &mut props),
                dependencies: self.dependency_info(),
                errors,
                script: false,
                seq: None,
                base: None,
                fragment: None,
            }
        })
    }

    fn first_paint(&self, page: &PageDescription) -> String {
        format!(
            "<main class=\"ferry-app\">{}</main>",
            self.paint(&page.root)
        )
    }

    fn start<'a>(
        &'a self,
        runtime: &'a Runtime,
        session: &'a Session,
    ) -> BoxFuture<'a, SessionInfo> {
        Box::pin(async move {
            let (mut props, mut errors) = self.initial_props(runtime).await;
            let loads = self
                .dependencies
                .iter()
                .enumerate()
                .filter(|(_, d)| d.on_load)
                .map(|(index, dependency)| {
                    let data = dependency
                        .inputs
                        .iter()
                        .map(|&i| props[i].get("value").cloned().unwrap_or(Value::Null))
                        .collect();
                    let run = runtime.next_run_id();
                    async move {
                        // Load events run once per session start, which is limited itself.
                        let result = self
                            .execute(runtime, session, index, data, Ticket::new(run))
                            .await;
                        (dependency.outputs.first().copied(), result)
                    }
                })
                .collect::<Vec<_>>();
            for (component, result) in join_all(loads).await {
                match result {
                    Ok(updates) => {
                        for (id, update) in updates {
                            props[id].extend(update);
                        }
                    }
                    Err(error) => errors.push(ComponentError {
                        component: error.component().or(component).unwrap_or_default(),
                        message: error.shown_message(self.show_error),
                    }),
                }
            }
            SessionInfo {
                session: session.id().to_owned(),
                page: PageDescription {
                    title: self.title.clone(),
                    root: self.tree(0, &mut props),
                    dependencies: self.dependency_info(),
                    errors,
                    script: false,
                    seq: None,
                    base: None,
                    fragment: None,
                },
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
            let data = self.check(&runtime, &session, &request)?;
            let limit = runtime.limits.max_runs_per_session;
            let counted = session.try_start_run(limit).ok_or_else(|| {
                ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!(
                        "this session has {limit} runs in progress, the most it may: wait for one to finish"
                    ),
                )
            })?;
            let index = request.dependency;
            for &cancelled in &self.dependencies[index].cancels {
                TriggerGates::cancel(&session, cancelled);
            }
            let mode = self.dependencies[index].trigger_mode;
            let admission: Admission =
                TriggerGates::enter(&session, index, mode).map_err(|_| {
                    ApiError::new(
                        StatusCode::CONFLICT,
                        format!("event {index} is still running for this session"),
                    )
                })?;
            let run = runtime.next_run_id();
            let answer = async move {
                let pass = match admission.admitted().await {
                    Ok(pass) => pass,
                    Err(Refused::Superseded | Refused::Running) => {
                        return Err(ApiError::new(
                            StatusCode::CONFLICT,
                            "a newer trigger of this event took this one's place",
                        ))
                    }
                    Err(Refused::Cancelled) => {
                        return answer_of(Err(RunError::Cancelled), index, false)
                    }
                };
                let ticket = Ticket {
                    run,
                    cancel: pass.cancel.clone(),
                    counted: Some(counted),
                };
                let result = self.execute(&runtime, &session, index, data, ticket).await;
                self.record_outcome(&session, index, &result);
                drop(pass);
                answer_of(result, index, self.show_error)
            };
            Ok(RunStarted {
                run,
                answer: Box::pin(answer),
            })
        })
    }

    fn upload_rules(&self, session: &Session, component: usize) -> Result<UploadRules, ApiError> {
        let node = self.nodes.get(component).ok_or_else(|| {
            ApiError::new(StatusCode::NOT_FOUND, format!("no component {component}"))
        })?;
        let startup = self.startup.snapshot();
        self.held(session, startup.get(&component), component, |held| {
            let rules = node.behaviour.upload_rules(held).ok_or_else(|| {
                ApiError::new(
                    StatusCode::NOT_FOUND,
                    format!("component {component} takes no uploads"),
                )
            })?;
            node.behaviour
                .check_event("upload", held)
                .map_err(|message| ApiError::new(StatusCode::FORBIDDEN, message))?;
            Ok(rules)
        })
    }

    fn uploaded(&self, session: &Session, component: usize, files: Value) {
        session.record(&[(component, Props::from_iter([("value".to_owned(), files)]))]);
    }

    fn session_ended(
        self: Arc<Self>,
        runtime: Arc<Runtime>,
        session: Session,
    ) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            self.deferred.end_session(session.id());
            for (index, dependency) in self.dependencies.iter().enumerate() {
                if !dependency.on_unload {
                    continue;
                }
                let ticket = Ticket::new(runtime.next_run_id());
                if let Err(error) = self
                    .execute(&runtime, &session, index, Vec::new(), ticket)
                    .await
                {
                    tracing::warn!(dependency = index, %error, "an unload handler failed");
                }
            }
        })
    }

    fn stream_opened(self: Arc<Self>, runtime: Arc<Runtime>, session: Session) {
        self.start_ticks(runtime, session);
    }

    fn scripts(&self) -> Vec<String> {
        let mut scripts: Vec<String> = Vec::new();
        for script in self.nodes.iter().filter_map(|n| n.behaviour.script()) {
            if !scripts.iter().any(|s| s == script) {
                scripts.push(script.to_owned());
            }
        }
        scripts.extend(self.events_script());
        scripts
    }

    fn blocks(self: Arc<Self>) -> Option<Arc<Page>> {
        Some(self)
    }
}
