//! The REST pair curl users use: `POST gradio_api/call/<api_name>` with `{"data": […]}`
//! answers `{"event_id": …}`; `GET gradio_api/call/<api_name>/<event_id>` streams the result as
//! server-sent events named `generating`, `complete`, `error` and `heartbeat`, each with a JSON
//! `data:` line (the outputs' values, or the error message).

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::stream::{Stream, StreamExt};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::events::ApiVisibility;
use crate::runtime::{ApiError, Client};

use super::queue::{bad_body, raw};
use super::root::AppRoot;
use super::state::GradioState;

/// The body of `call/<api_name>`.
#[derive(Deserialize)]
pub(crate) struct Call {
    #[serde(default)]
    data: Vec<Value>,
}

/// The event named `api_name` that an API client may call, or 404.
fn endpoint(state: &GradioState, api_name: &str) -> Result<usize, ApiError> {
    let page = state.page()?;
    page.dependencies
        .iter()
        .enumerate()
        .position(|(index, d)| {
            page.api_callable(index)
                && d.api_visibility != ApiVisibility::Private
                && d.api_name.as_deref() == Some(api_name)
        })
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "no API endpoint named /{}",
                    api_name.chars().take(64).collect::<String>()
                ),
            )
        })
}

/// `POST gradio_api/call/<api_name>`: starts the event in a session of its own.
pub(crate) async fn call(
    State(state): State<Arc<GradioState>>,
    Client(client): Client,
    root: AppRoot,
    Path(api_name): Path<String>,
    body: Result<Json<Call>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let index = endpoint(&state, &api_name)?;
    let Json(call) = body.map_err(|r| bad_body(&r))?;
    let session = state.call_session(client, &root.api()).await?;
    let id = super::event::start(&state, &session, index, call.data, client)?;
    state.remember_call(&id, session)?;
    Ok(Json(json!({"event_id": id})))
}

/// `GET gradio_api/call/<api_name>/<event_id>`: the call's result, read once.
pub(crate) async fn result(
    State(state): State<Arc<GradioState>>,
    Path((api_name, event)): Path<(String, String)>,
) -> Response {
    if let Err(error) = endpoint(&state, &api_name) {
        return error.into_response();
    }
    let Some(session) = state.take_call(&event) else {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "no such call, or its result was read",
        )
        .into_response();
    };
    Sse::new(rest_events(raw(session))).into_response()
}

/// The queue's messages as the REST pair names them: `generating` with the values (the
/// queue's later ones are diffs, each a whole replacement), then `complete` with the outputs or
/// `error` with the message, after which the stream ends.
fn rest_events(
    messages: impl Stream<Item = Value> + Send + 'static,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let messages = messages.boxed();
    futures_util::stream::unfold(Some((messages, false)), |state| async move {
        let (mut messages, mut generated) = state?;
        loop {
            let message = messages.next().await?;
            let output = &message["output"];
            let (name, data, last) = match message["msg"].as_str() {
                Some("process_generating") => {
                    let data = if generated {
                        whole(&output["data"])
                    } else {
                        output["data"].clone()
                    };
                    generated = true;
                    ("generating", data, false)
                }
                Some("process_completed") if message["success"] == Value::Bool(true) => {
                    ("complete", output["data"].clone(), true)
                }
                Some("process_completed") => ("error", output["error"].clone(), true),
                Some("heartbeat") => ("heartbeat", Value::Null, false),
                Some("close_stream") => return None,
                _ => continue,
            };
            let event = Event::default().event(name).data(data.to_string());
            let next = (!last).then_some((messages, generated));
            return Some((Ok(event), next));
        }
    })
}

/// The values of diffs that each replace a value whole.
fn whole(diffs: &Value) -> Value {
    diffs
        .as_array()
        .map(|diffs| {
            diffs
                .iter()
                .map(|diff| diff[0][2].clone())
                .collect::<Vec<Value>>()
        })
        .map_or(Value::Null, Value::Array)
}
