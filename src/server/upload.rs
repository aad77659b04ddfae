//! `POST /api/upload/{session}/{component}`: files for an upload button, streamed to disk.

use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::app::AppState;
use crate::files::source::EntryBody;
use crate::files::upload::{FileCount, UploadRules};
use crate::files::value::issue;
use crate::files::{FileEntry, Owner};

use super::error::ApiError;

/// Receives the files, then answers their FileValues, issued to the session:
/// `{"files": [FileValue, …]}`.
pub(crate) async fn upload(
    State(state): State<Arc<AppState>>,
    Path((session, component)): Path<(String, usize)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Json<Value>, ApiError> {
    if !state.sessions.touch(&session) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "this session has expired: reload the page",
        ));
    }
    let rules = rules_of(&state, &session, component)?;
    let multipart = multipart
        .map_err(|rejection| ApiError::new(StatusCode::BAD_REQUEST, rejection.body_text()))?;
    let uploads = state.uploads.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::INSUFFICIENT_STORAGE,
            "the server has no room for uploads",
        )
    })?;
    let received = uploads
        .receive(&session, multipart, &state.upload_limits, &rules)
        .await
        .map_err(|error| ApiError::new(error.status(), error.to_string()))?;
    let files: Vec<Value> = received
        .into_iter()
        .map(|file| {
            let entry = FileEntry::new(file.name, file.mime_type, EntryBody::Path(file.path))
                .with_size(file.size)
                .with_relative_path(file.relative_path);
            issue(
                &state.store,
                Arc::new(entry),
                Owner::Session(session.clone()),
            )
        })
        .collect();
    Ok(Json(json!({ "files": files })))
}

/// The rules of an upload button, from its declared props; 404 for anything else, 403 when
/// it is disabled (as declared, or by a handler of this session).
fn rules_of(state: &AppState, session: &str, component: usize) -> Result<UploadRules, ApiError> {
    let node = state
        .nodes
        .get(component)
        .filter(|node| node.wire_type == "upload_button")
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!("no upload button {component}"),
            )
        })?;
    let declared = node.props.get("interactive").and_then(Value::as_bool);
    let interactive = state.sessions.interactive(session, component).or(declared);
    if interactive == Some(false) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this upload button is disabled",
        ));
    }
    let file_count = match node.props.get("file_count").and_then(Value::as_str) {
        Some("multiple") => FileCount::Multiple,
        Some("directory") => FileCount::Directory,
        _ => FileCount::Single,
    };
    let file_types = node
        .props
        .get("file_types")
        .and_then(Value::as_array)
        .map(|types| {
            types
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(UploadRules {
        file_count,
        file_types,
    })
}
