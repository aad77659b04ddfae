//! The Blocks page's side of the Gradio-compatible API (`crate::gradio`): which events an API
//! client may call, its inputs turned into the page's, its runs, and the values it gets back.
//!
//! An API call runs the event's handler as the page's run would (same input checks, the same
//! limits on runs per session, concurrency queue, time limit, cancellation by other events'
//! `cancels`, and the same error messages), without a trigger: as in Gradio, an API client
//! calls an endpoint, not a button. An event is callable unless it is private
//! ([`ApiVisibility::Private`]), runs in the page only, or runs at a session's start or end.

use std::sync::Arc;

use axum::http::StatusCode;
use futures_util::future::BoxFuture;
use serde_json::Value;

use crate::components::HeldProps;
use crate::events::{ApiVisibility, CancelToken, TriggerGates, TriggerMode};
use crate::gradio::{GradioContext, GradioInput};
use crate::runtime::{ApiError, Props, Runtime, Session};

use super::page::{answer_of, Page, Ticket};

/// A run an API client started: its number (its messages on the session's stream carry it),
/// the token that cancels it, and how it ends.
pub(crate) struct ApiStarted {
    pub run: u64,
    pub cancel: CancelToken,
    pub answer: BoxFuture<'static, ApiOutcome>,
}

/// How an API run ended. Its outputs' values are then what the session holds.
#[derive(Debug)]
pub(crate) enum ApiOutcome {
    /// The handler returned; its outputs were recorded for the session.
    Done,
    /// It failed: the message the page would show (a handler's own text only with
    /// `show_error`), and its title.
    Failed {
        message: String,
        title: Option<String>,
    },
    /// `gradio_api/cancel` or another event's `cancels` stopped it.
    Cancelled,
}

impl Page {
    /// Whether an API client may call event `index`.
    pub(crate) fn api_callable(&self, index: usize) -> bool {
        self.dependencies.get(index).is_some_and(|d| {
            d.backend && !d.on_load && !d.on_unload && d.api_visibility != ApiVisibility::Private
        })
    }

    /// Calls `f` with the props the server holds for component `id` of `session`, with
    /// `overlay` (a streamed update) over the session's own.
    pub(crate) fn with_held<R>(
        &self,
        session: Option<&Session>,
        id: usize,
        overlay: Option<&Props>,
        f: impl FnOnce(&HeldProps<'_>) -> R,
    ) -> R {
        let startup = self.startup.snapshot();
        let declared = Some(&self.nodes[id].props);
        let with_own = |own: Option<&Props>| {
            let merged;
            let own = match overlay {
                Some(update) => {
                    let mut props = own.cloned().unwrap_or_default();
                    props.extend(update.clone());
                    merged = props;
                    Some(&merged)
                }
                None => own,
            };
            f(&HeldProps {
                layers: [own, startup.get(&id), declared],
            })
        };
        match session {
            Some(session) => session.props_of(id, with_own),
            None => with_own(None),
        }
    }

    /// The Gradio value of component `id` for `session` (`None`: as declared).
    pub(crate) fn gradio_value(
        &self,
        session: Option<&Session>,
        id: usize,
        overlay: Option<&Props>,
        cx: &GradioContext,
    ) -> Value {
        self.with_held(session, id, overlay, |held| {
            self.nodes[id].behaviour.gradio_value(held, cx)
        })
    }

    /// The handler inputs of event `index` from an API client's values: each input component
    /// turns its Gradio value into the page's (a file the client uploaded is issued to the
    /// session and held as the component's value), then checks it as a page's value.
    pub(crate) fn api_inputs(
        &self,
        runtime: &Runtime,
        session: &Session,
        index: usize,
        values: Vec<Value>,
        cx: &GradioContext,
    ) -> Result<Vec<Value>, ApiError> {
        let dependency = &self.dependencies[index];
        if values.len() != dependency.inputs.len() {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!(
                    "event {index} takes {} input value(s), got {}",
                    dependency.inputs.len(),
                    values.len()
                ),
            ));
        }
        let mut page = Vec::with_capacity(values.len());
        for (position, (&id, value)) in dependency.inputs.iter().zip(values).enumerate() {
            let converted = self.with_held(Some(session), id, None, |held| {
                self.nodes[id].behaviour.gradio_input(value, held, cx)
            });
            match converted {
                Ok(GradioInput::Page(value)) => page.push(value),
                Ok(GradioInput::Held(value)) => {
                    session
                        .record(&[(id, Props::from_iter([("value".to_owned(), value.clone())]))]);
                    page.push(value);
                }
                Err(message) => {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        format!("bad input {position}: {message}"),
                    ))
                }
            }
        }
        self.input_values(runtime, session, dependency, page)
    }

    /// Starts event `index` for `session` with the handler inputs from
    /// [`api_inputs`](Self::api_inputs).
    pub(crate) fn api_run(
        self: Arc<Self>,
        runtime: Arc<Runtime>,
        session: Session,
        index: usize,
        data: Vec<Value>,
    ) -> Result<ApiStarted, ApiError> {
        let limit = runtime.limits.max_runs_per_session;
        let counted = session.try_start_run(limit).ok_or_else(|| {
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "this session has {limit} runs in progress, the most it may: wait for one to finish"
                ),
            )
        })?;
        for &cancelled in &self.dependencies[index].cancels {
            TriggerGates::cancel(&session, cancelled);
        }
        // Every API call runs (Gradio queues each); the gate still lets `cancels` reach it.
        let admission =
            TriggerGates::enter(&session, index, TriggerMode::Multiple).map_err(|_| {
                ApiError::new(
                    StatusCode::CONFLICT,
                    format!("event {index} is still running for this session"),
                )
            })?;
        let run = runtime.next_run_id();
        let cancel = CancelToken::default();
        let mine = cancel.clone();
        let answer = async move {
            let Ok(pass) = admission.admitted().await else {
                return ApiOutcome::Cancelled;
            };
            let ticket = Ticket {
                run,
                cancel: mine.clone(),
                counted: Some(counted),
            };
            let execute = self.execute(&runtime, &session, index, data, ticket);
            tokio::pin!(execute);
            let mut linked = false;
            let result = loop {
                tokio::select! {
                    result = &mut execute => break result,
                    () = pass.cancel.cancelled(), if !linked => {
                        linked = true;
                        mine.cancel();
                    }
                }
            };
            self.record_outcome(&session, index, &result);
            drop(pass);
            match answer_of(result, index, self.show_error) {
                Ok(answer) if answer.cancelled => ApiOutcome::Cancelled,
                Ok(answer) => match answer.error {
                    None => ApiOutcome::Done,
                    Some(error) => ApiOutcome::Failed {
                        message: error.message,
                        title: error.title,
                    },
                },
                Err(refused) => ApiOutcome::Failed {
                    message: refused.message,
                    title: None,
                },
            }
        };
        Ok(ApiStarted {
            run,
            cancel,
            answer: Box::pin(answer),
        })
    }
}
