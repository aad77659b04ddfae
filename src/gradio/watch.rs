//! Reads a Ferry session's stream for the runs its Gradio client started, and turns their
//! streamed outputs, progress and queue places into Gradio's messages.

use std::sync::{Arc, Weak};

use serde_json::{json, Value};

use crate::app::Page;
use crate::runtime::{Props, Session};

use super::session::{ensure_started, estimation, GradioSession};
use super::value::GradioContext;

/// Starts watching `session`'s Ferry stream; the task ends with the Ferry session, or at its
/// next message once the Gradio session is gone.
pub(crate) fn spawn(session: &Arc<GradioSession>, page: Arc<Page>, cx: GradioContext) {
    let weak = Arc::downgrade(session);
    let ferry = session.ferry.clone();
    // Made now, so that `stream_closed` tells when the session ended.
    ferry.data.stream();
    tokio::spawn(watch(weak, ferry, page, cx));
}

async fn watch(weak: Weak<GradioSession>, ferry: Session, page: Arc<Page>, cx: GradioContext) {
    let mut last = 0;
    while let Some(batch) = ferry.data.stream().after(last).await {
        let Some(session) = weak.upgrade() else {
            return;
        };
        for sent in batch {
            last = sent.id;
            if let Ok(message) = serde_json::from_str::<Value>(&sent.json) {
                dispatch(&session, &page, &cx, &message);
            }
        }
    }
}

/// One message of the Ferry stream, for the Gradio event of its run when there is one.
fn dispatch(session: &Arc<GradioSession>, page: &Page, cx: &GradioContext, message: &Value) {
    let Some(run) = message.get("run").and_then(Value::as_u64) else {
        return;
    };
    match message.get("kind").and_then(Value::as_str) {
        Some("partial") => {
            let Some(dependency) = session.with_run(run, |p, _| p.dependency) else {
                return;
            };
            let updates = message.get("updates").and_then(Value::as_array);
            let overlay = |id: usize| -> Option<Props> {
                updates?
                    .iter()
                    .find(|u| u.get("id").and_then(Value::as_u64) == Some(id as u64))?
                    .get("props")?
                    .as_object()
                    .cloned()
            };
            let values: Vec<Value> = page.dependencies[dependency]
                .outputs
                .iter()
                .map(|&id| page.gradio_value(Some(&session.ferry), id, overlay(id).as_ref(), cx))
                .collect();
            session.with_run(run, |p, outbox| {
                ensure_started(p, outbox);
                outbox.push(generating(&p.id, p.generated.as_deref(), &values));
                p.generated = Some(values);
            });
        }
        Some("progress") => {
            session.with_run(run, |p, outbox| {
                ensure_started(p, outbox);
                outbox.push(json!({
                    "msg": "progress",
                    "event_id": p.id,
                    "progress_data": [{
                        "index": null,
                        "length": null,
                        "unit": null,
                        "progress": message.get("fraction").cloned().unwrap_or(Value::Null),
                        "desc": message.get("description").cloned().unwrap_or(Value::Null),
                    }],
                }));
            });
        }
        Some("queue") => {
            let position = message.get("position").and_then(Value::as_u64).unwrap_or(0);
            let size = message.get("size").and_then(Value::as_u64).unwrap_or(0);
            let eta = message.get("eta").and_then(Value::as_f64);
            session.with_run(run, |p, outbox| {
                if position == 0 {
                    ensure_started(p, outbox);
                } else if !p.started {
                    let rank = usize::try_from(position - 1).unwrap_or(usize::MAX);
                    let size = usize::try_from(size).unwrap_or(usize::MAX);
                    outbox.push(estimation(&p.id, rank, size, eta));
                }
            });
        }
        _ => {}
    }
}

/// A `process_generating` message: the values as they are the first time, then (protocol
/// `sse_v3`) as diffs against the previous ones, each a whole replacement.
pub(crate) fn generating(id: &str, previous: Option<&[Value]>, values: &[Value]) -> Value {
    let data: Vec<Value> = match previous {
        None => values.to_vec(),
        Some(_) => values
            .iter()
            .map(|value| json!([["replace", [], value]]))
            .collect(),
    };
    json!({
        "msg": "process_generating",
        "event_id": id,
        "output": {"data": data, "is_generating": true},
        "success": true,
    })
}
