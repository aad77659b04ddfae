//! The queue routes of protocol `sse_v3`: `POST gradio_api/queue/join` starts an event and
//! answers its id, `GET gradio_api/queue/data?session_hash=…` streams the session's messages
//! (`estimation`, `process_starts`, `progress`, `process_generating`, `process_completed`,
//! `heartbeat`) and ends with `close_stream` once nothing is pending; `POST gradio_api/cancel`
//! (and `reset`) stop an event; `GET gradio_api/heartbeat/{session_hash}` keeps the session.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::runtime::{ApiError, Client};

use super::root::AppRoot;
use super::session::{GradioSession, Next};
use super::state::GradioState;

/// How often an idle stream says it is alive.
pub(crate) const HEARTBEAT: Duration = Duration::from_secs(15);

/// The body of `queue/join`.
#[derive(Deserialize)]
pub(crate) struct Join {
    #[serde(default)]
    data: Vec<Value>,
    fn_index: usize,
    session_hash: String,
}

/// The error for a JSON body axum refused: its own status (400, 415, 422) and message.
pub(crate) fn bad_body(rejection: &JsonRejection) -> ApiError {
    let status = match rejection.status() {
        StatusCode::UNPROCESSABLE_ENTITY => StatusCode::BAD_REQUEST,
        status => status,
    };
    ApiError::new(status, rejection.body_text())
}

/// `POST gradio_api/queue/join`: `{"event_id": …}`.
pub(crate) async fn join(
    State(state): State<Arc<GradioState>>,
    Client(client): Client,
    root: AppRoot,
    body: Result<Json<Join>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(join) = body.map_err(|r| bad_body(&r))?;
    let session = state
        .session(&join.session_hash, client, &root.api())
        .await?;
    let id = super::event::start(&state, &session, join.fn_index, join.data, client)?;
    Ok(Json(json!({"event_id": id})))
}

/// The query of `queue/data`.
#[derive(Deserialize)]
pub(crate) struct DataQuery {
    session_hash: String,
}

/// `GET gradio_api/queue/data?session_hash=…`: 404 for a session that never joined an event.
pub(crate) async fn data(
    State(state): State<Arc<GradioState>>,
    query: Result<Query<DataQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else {
        return ApiError::new(StatusCode::BAD_REQUEST, "queue/data takes ?session_hash=…")
            .into_response();
    };
    let Some(session) = state.existing(&query.session_hash) else {
        return ApiError::new(StatusCode::NOT_FOUND, "Session not found.").into_response();
    };
    Sse::new(messages(session)).into_response()
}

/// The session's messages as `data:` lines (no comments: `gradio_client` reads every line as
/// data).
fn messages(session: Arc<GradioSession>) -> impl Stream<Item = Result<Event, Infallible>> {
    raw(session).map(|message| Ok(Event::default().data(message.to_string())))
}

/// The session's messages, a heartbeat when idle, and `close_stream` once nothing is pending
/// (then the stream ends). While it is read, the session is not idle.
pub(crate) fn raw(session: Arc<GradioSession>) -> impl Stream<Item = Value> {
    let open = session.ferry.open_stream();
    stream::unfold(Some((session, open)), |state| async move {
        let (session, open) = state?;
        loop {
            // `Some(message)` to send, `None` to look again.
            let step = {
                let changed = session.changed();
                tokio::pin!(changed);
                changed.as_mut().enable();
                match session.next() {
                    Next::Message(message) => Some(message),
                    Next::Idle => {
                        let close = json!({"msg": "close_stream", "event_id": null});
                        return Some((close, None));
                    }
                    Next::Wait => tokio::time::timeout(HEARTBEAT, changed)
                        .await
                        .is_err()
                        .then(|| json!({"msg": "heartbeat"})),
                }
            };
            if let Some(message) = step {
                return Some((message, Some((session, open))));
            }
        }
    })
}

/// The body of `cancel` and `reset`.
#[derive(Deserialize)]
pub(crate) struct CancelBody {
    event_id: String,
    #[serde(default)]
    session_hash: Option<String>,
}

/// `POST gradio_api/cancel` (and `reset`): stops a pending event; 404 when it is not pending.
pub(crate) async fn cancel(
    State(state): State<Arc<GradioState>>,
    body: Result<Json<CancelBody>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(body) = body.map_err(|r| bad_body(&r))?;
    let session = match &body.session_hash {
        Some(hash) => state.existing(hash),
        None => state.session_of_event(&body.event_id),
    };
    if session.is_some_and(|s| s.cancel(&body.event_id)) {
        Ok(Json(json!({"success": true})))
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!(
                "no pending event {} in this session",
                body.event_id.chars().take(64).collect::<String>()
            ),
        ))
    }
}

/// `GET gradio_api/heartbeat/{session_hash}`: a heartbeat every 15 s for as long as the client
/// holds it; meanwhile its session (once it has one) is not idle.
pub(crate) async fn heartbeat(
    State(state): State<Arc<GradioState>>,
    Path(hash): Path<String>,
) -> Response {
    let beats = stream::unfold(
        (state, hash, None, true),
        |(state, hash, mut open, first)| async move {
            if !first {
                tokio::time::sleep(HEARTBEAT).await;
            }
            if open.is_none() {
                open = state.existing(&hash).map(|s| s.ferry.open_stream());
            }
            let event = Event::default().data(json!({"msg": "heartbeat"}).to_string());
            Some((Ok::<_, Infallible>(event), (state, hash, open, false)))
        },
    );
    Sse::new(beats).into_response()
}
