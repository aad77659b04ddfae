//! An event a Gradio client joined: started as the page's run would be, its messages queued
//! for the client's stream, and its end (`process_completed`).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::http::StatusCode;
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use serde_json::{json, Value};

use crate::app::ApiOutcome;
use crate::runtime::ApiError;

use super::session::{ensure_started, estimation, process_starts, GradioSession, Pending};
use super::state::GradioState;
use super::watch::generating;

/// Starts event `index` for `session` with the client's `data`; answers the event id.
pub(crate) fn start(
    state: &Arc<GradioState>,
    session: &Arc<GradioSession>,
    index: usize,
    data: Vec<Value>,
    client: Option<IpAddr>,
) -> Result<String, ApiError> {
    let page = state.page()?;
    if !page.api_callable(index) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no API endpoint with fn_index {index}"),
        ));
    }
    let pool = state.pools.id_of(client);
    let cx = state.context(session, Some(pool));
    let runtime = state.runtime();
    let inputs = page.api_inputs(runtime, &session.ferry, index, data, &cx)?;
    state.pools.touch(client);
    let started =
        Arc::clone(page).api_run(Arc::clone(runtime), session.ferry.clone(), index, inputs)?;
    let id = format!("{:032x}", rand::random::<u128>());
    let dependency = &page.dependencies[index];
    let waits = dependency.queued && dependency.queue.is_some();
    session.register(Pending {
        id: id.clone(),
        run: started.run,
        dependency: index,
        cancel: started.cancel,
        started_at: Instant::now(),
        started: !waits,
        generated: None,
    });
    session.push(estimation(&id, 0, 1, None));
    if !waits {
        session.push(process_starts(&id));
    }
    tokio::spawn(finish(
        Arc::clone(state),
        Arc::clone(session),
        Started {
            id: id.clone(),
            run: started.run,
            index,
            waits,
        },
        started.answer,
    ));
    Ok(id)
}

/// What [`finish`] needs of a started event.
struct Started {
    id: String,
    run: u64,
    index: usize,
    /// Whether its event has a concurrency queue.
    waits: bool,
}

/// Whether run `run` waits in its queue: entering a full queue says so on the session's stream
/// at once (synchronously, in its first poll).
fn waits_in_queue(session: &GradioSession, run: u64) -> bool {
    let Some(Some(sent)) = session.ferry.data.stream().after(0).now_or_never() else {
        return false;
    };
    sent.iter().any(|sent| {
        serde_json::from_str::<Value>(&sent.json).is_ok_and(|m| {
            m["kind"] == "queue" && m["run"] == run && m["position"].as_u64().is_some_and(|p| p > 0)
        })
    })
}

/// Waits for the run's end and queues its `process_completed`: the outputs' values as the
/// session now holds them, or the error the page would show. An event with a queue is told
/// `process_starts` as soon as its run has a slot.
async fn finish(
    state: Arc<GradioState>,
    session: Arc<GradioSession>,
    started: Started,
    mut answer: BoxFuture<'static, ApiOutcome>,
) {
    let Started {
        id,
        run,
        index,
        waits,
    } = started;
    let outcome = match futures_util::future::poll_immediate(&mut answer).await {
        Some(outcome) => outcome,
        None => {
            if waits && !waits_in_queue(&session, run) {
                session.with_event(&id, ensure_started);
            }
            answer.await
        }
    };
    let Some(page) = state.page.as_ref() else {
        return;
    };
    let cx = state.context(&session, None);
    let last = match outcome {
        ApiOutcome::Done => {
            let values: Vec<Value> = page.dependencies[index]
                .outputs
                .iter()
                .map(|&output| page.gradio_value(Some(&session.ferry), output, None, &cx))
                .collect();
            let duration = session
                .with_event(&id, |p, outbox| {
                    ensure_started(p, outbox);
                    // A stream's last item, when it was not sent as it came.
                    if let Some(previous) = &p.generated {
                        if *previous != values {
                            outbox.push(generating(&p.id, Some(previous), &values));
                        }
                    }
                    p.started_at.elapsed().as_secs_f64()
                })
                .unwrap_or_default();
            json!({
                "msg": "process_completed",
                "event_id": id,
                "output": {
                    "data": values,
                    "is_generating": false,
                    "duration": duration,
                    "average_duration": duration,
                },
                "success": true,
            })
        }
        ApiOutcome::Failed { message, title } => {
            session.with_event(&id, ensure_started);
            json!({
                "msg": "process_completed",
                "event_id": id,
                "output": {"error": message, "title": title.unwrap_or_else(|| "Error".to_owned())},
                "success": false,
            })
        }
        ApiOutcome::Cancelled => json!({
            "msg": "process_completed",
            "event_id": id,
            "output": {"error": "This run was cancelled."},
            "success": false,
        }),
    };
    session.finish(&id, last);
}
