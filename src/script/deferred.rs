//! A script's deferred download buttons (`FileSource::deferred` as `data`, Streamlit's callable
//! `data`): the `prepare` and `cancel` events of each, run by the same
//! [`DeferredRuns`](crate::files::deferred::runs::DeferredRuns) as a Blocks app's, so a script
//! gets the same progress, cancel control, joined second clicks and kept, resumable files.

use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::Value;

use crate::events::{
    ApiVisibility, CancelToken, ErasedHandler, InputContext, Output, Pace, Progress, Run, RunId,
    ShowProgress, TriggerMode,
};
use crate::files::deferred::runs::DeferredRuns;
use crate::protocol::{DependencyInfo, RunAnswer, StreamMessage};
use crate::runtime::{ApiError, Props, RunStarted, Runtime, Session};

use super::state::{DeferredFile, Placed};

/// Dependency ids of the page: a widget's rerun is its own id; the `prepare` event of deferred
/// button `id` is `PREPARE + id`, its `cancel` `CANCEL + id` (below 2^53, exact in JavaScript).
const SPAN: usize = 1 << 30;
const PREPARE: usize = SPAN;
const CANCEL: usize = 2 * SPAN;

/// A deferred button's event the page sent.
pub(super) enum DeferredEvent {
    Prepare(DeferredFile),
    Cancel,
}

/// The two events of each deferred download button on the page.
pub(super) fn dependencies(placed: &[Placed]) -> impl Iterator<Item = DependencyInfo> + '_ {
    placed
        .iter()
        .filter(|p| p.deferred.is_some() && p.id < SPAN)
        .flat_map(|p| {
            let event = |id: usize, name: &'static str, outputs: Vec<usize>, show| DependencyInfo {
                id,
                triggers: vec![(p.id, name)],
                inputs: Vec::new(),
                outputs,
                // A second click joins the run on the server; cancel never waits.
                trigger_mode: TriggerMode::Multiple,
                show_progress: show,
                scroll_to_output: false,
                api_name: None,
                api_visibility: ApiVisibility::Private,
                js: false,
                backend: true,
                after: None,
            };
            [
                event(PREPARE + p.id, "prepare", vec![p.id], ShowProgress::Full),
                event(CANCEL + p.id, "cancel", Vec::new(), ShowProgress::Hidden),
            ]
        })
}

/// The deferred event `request` names on `placed`, if it names one: checked against the page
/// (the dependency id must be the event's) and the button's rules (hidden or disabled buttons
/// take no clicks).
pub(super) fn event_of(
    placed: &Placed,
    dependency: usize,
    event: &str,
) -> Result<Option<DeferredEvent>, ApiError> {
    let (base, kind) = match event {
        "prepare" => (PREPARE, 0),
        "cancel" => (CANCEL, 1),
        _ => return Ok(None),
    };
    let refuse = |message: String| ApiError::new(StatusCode::CONFLICT, message);
    let Some(file) = &placed.deferred else {
        return Err(refuse(format!(
            "widget {} has no file made when clicked",
            placed.id
        )));
    };
    if dependency != base + placed.id {
        return Err(refuse(format!(
            "dependency {dependency} is not the {event} event of widget {}",
            placed.id
        )));
    }
    if kind == 1 {
        return Ok(Some(DeferredEvent::Cancel));
    }
    let props = placed.props();
    let held = crate::components::HeldProps {
        layers: [Some(&props), None, None],
    };
    placed.behaviour.check_event(event, &held).map_err(refuse)?;
    Ok(Some(DeferredEvent::Prepare((**file).clone())))
}

/// Starts the run of a deferred event: the function's run (joined, or kept from an earlier click
/// of the same page generation) for `prepare`, the end of the button's runs for `cancel`.
pub(super) fn start(
    runs: &Arc<DeferredRuns>,
    runtime: Arc<Runtime>,
    session: Session,
    component: usize,
    event: DeferredEvent,
    show_error: bool,
) -> Result<RunStarted, ApiError> {
    let run = runtime.next_run_id();
    let file = match event {
        DeferredEvent::Cancel => {
            runs.cancel(session.id(), component);
            return Ok(RunStarted {
                run,
                answer: Box::pin(async { Ok(RunAnswer::default()) }),
            });
        }
        DeferredEvent::Prepare(file) => file,
    };
    let limit = runtime.limits.max_runs_per_session;
    let counted = session.try_start_run(limit).ok_or_else(|| {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!("this session has {limit} runs in progress, the most it may"),
        )
    })?;
    let dependency = PREPARE + component;
    let handler: ErasedHandler = {
        let runs = Arc::clone(runs);
        Arc::new(move |_, cx| {
            let (runs, file) = (Arc::clone(&runs), file.clone());
            Box::pin(async move {
                // The generation stands for what the function captured: a file kept from a
                // click on the same page is given back, one from an older page is not.
                let key = vec![Value::from(file.generation)];
                runs.click_as(component, &file.source, Vec::new(), key, cx)
                    .await
            })
        })
    };
    let progress = {
        let session = session.clone();
        Progress::new(move |report| {
            session.data.stream().push(&StreamMessage::Progress {
                run,
                dependency,
                fraction: report.fraction,
                description: report.description,
            })
        })
    };
    let answer = async move {
        let id = RunId { run, dependency };
        let apply = |outputs: Vec<Output>| -> futures_util::future::BoxFuture<'_, _> {
            Box::pin(async move { Ok(updates_of(component, outputs)) })
        };
        let inputs = InputContext {
            session: session.id().to_owned(),
            store: runtime.store.clone(),
        };
        let result =
            match Run::start(id, None, Some(counted), CancelToken::default(), progress).await {
                Ok(started) => {
                    started
                        .execute(
                            &handler,
                            Vec::new(),
                            inputs,
                            session,
                            Pace::default(),
                            &apply,
                        )
                        .await
                }
                Err(error) => Err(error),
            };
        crate::app::answer_of(result, dependency, show_error)
    };
    Ok(RunStarted {
        run,
        answer: Box::pin(answer),
    })
}

/// The props a deferred run's outputs set on its button (the file to download at once).
fn updates_of(component: usize, outputs: Vec<Output>) -> Vec<(usize, Props)> {
    outputs
        .into_iter()
        .filter_map(|output| match output {
            Output::Update(update) => Some((component, update.props)),
            _ => None,
        })
        .collect()
}
