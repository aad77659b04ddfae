//! The page's API: start a session, run an event.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::AppState;
use crate::events::{run_dependency, InputContext, RunError};

use super::error::ApiError;

/// `POST /api/session`: starts a session and describes its page.
pub(crate) async fn start_session(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(state.start_session().await)
}

/// The body of `POST /api/run`.
#[derive(Deserialize)]
pub(crate) struct RunRequest {
    session: String,
    dependency: usize,
    trigger: (usize, String),
    #[serde(default)]
    data: Vec<Value>,
}

/// `POST /api/run`: runs one event and answers the updates, or the error to show.
pub(crate) async fn run(
    State(state): State<Arc<AppState>>,
    body: Result<Json<RunRequest>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(request) =
        body.map_err(|rejection| ApiError::new(StatusCode::BAD_REQUEST, rejection.body_text()))?;
    if !state.sessions.touch(&request.session) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "this session has expired: reload the page",
        ));
    }
    let dependency = state.dependencies.get(request.dependency).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no event {}", request.dependency),
        )
    })?;
    let (component, event) = &request.trigger;
    if !dependency
        .triggers
        .iter()
        .any(|(c, e)| c == component && e == event)
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "event {} is not triggered by {event} on component {component}",
                request.dependency
            ),
        ));
    }
    if request.data.len() != dependency.inputs.len() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!(
                "event {} takes {} input value(s), got {}",
                request.dependency,
                dependency.inputs.len(),
                request.data.len()
            ),
        ));
    }
    let session = request.session.clone();
    let ctx = InputContext {
        session: request.session,
        store: state.store.clone(),
    };
    let output_types = state.wire_types(&dependency.outputs);
    match run_dependency(dependency, &output_types, request.data, ctx).await {
        Ok(updates) => {
            state.sessions.record(&session, &updates);
            let updates: Vec<Value> = updates
                .into_iter()
                .map(|(id, props)| json!({ "id": id, "props": props }))
                .collect();
            Ok(Json(json!({ "updates": updates, "error": null })))
        }
        Err(error @ RunError::Input { .. }) => {
            Err(ApiError::new(StatusCode::BAD_REQUEST, error.to_string()))
        }
        Err(error) => {
            tracing::warn!(dependency = request.dependency, %error, "handler failed");
            Ok(Json(
                json!({ "updates": [], "error": { "message": error.to_string(), "component": null } }),
            ))
        }
    }
}
