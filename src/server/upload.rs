//! `POST /api/upload/{session}/{component}`: files for an upload button, streamed to disk.

use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::Value;

use crate::files::source::EntryBody;
use crate::files::upload::FileCount;
use crate::files::value::issue;
use crate::files::{FileEntry, Owner};
use crate::protocol::UploadAnswer;
use crate::runtime::ApiError;

use super::router::Shared;

/// Receives the files, records them as the component's value for the session, then answers
/// their FileValues, issued to the session: `{"files": [FileValue, …]}`.
pub(crate) async fn upload(
    State(shared): State<Arc<Shared>>,
    Path((session, component)): Path<(String, usize)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Json<UploadAnswer>, ApiError> {
    let runtime = &shared.app.runtime;
    let session = runtime
        .sessions
        .get(&session)
        .ok_or_else(ApiError::session_gone)?;
    let rules = shared.app.program.upload_rules(&session, component)?;
    let multipart = multipart
        .map_err(|rejection| ApiError::new(StatusCode::BAD_REQUEST, rejection.body_text()))?;
    let uploads = runtime.uploads.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::INSUFFICIENT_STORAGE,
            "the server has no room for uploads",
        )
    })?;
    let received = uploads
        .receive(session.id(), multipart, &runtime.upload_limits, &rules)
        .await
        .map_err(|error| ApiError::new(error.status(), error.to_string()))?;
    let files: Vec<Value> = received
        .into_iter()
        .map(|file| {
            let entry = FileEntry::new(file.name, file.mime_type, EntryBody::Path(file.path))
                .with_size(file.size)
                .with_relative_path(file.relative_path);
            issue(
                &runtime.store,
                Arc::new(entry),
                Owner::Session(session.id().to_owned()),
            )
        })
        .collect();
    let value = match (rules.file_count, files.as_slice()) {
        (FileCount::Single, [one]) => one.clone(),
        _ => Value::Array(files.clone()),
    };
    shared.app.program.uploaded(&session, component, value);
    Ok(Json(UploadAnswer { files }))
}
