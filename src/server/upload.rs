//! `POST /api/upload/{session}/{component}`: files for an upload button, streamed to disk.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use crate::files::source::EntryBody;
use crate::files::upload::{FileCount, UploadError};
use crate::files::value::issue_token;
use crate::files::{FileEntry, Owner};
use crate::protocol::UploadAnswer;
use crate::runtime::ApiError;

use super::body_guard;
use super::router::Shared;

/// Receives the files, records them as the component's value for the session (removing the
/// files of the upload they replace), then answers their FileValues, issued to the session:
/// `{"files": [FileValue, …]}`. The body keeps to the minimum rate of every request body
/// (a slower one is answered 408); a `Content-Length` past the upload limits is answered 413
/// before the body is read.
pub(crate) async fn upload(
    State(shared): State<Arc<Shared>>,
    Path((session, component)): Path<(String, usize)>,
    request: Request,
) -> Response {
    let rate = shared.app.runtime.limits.min_body_rate;
    let (request, verdict) = body_guard::guard(request, rate, None);
    let answer = receive(&shared, &session, component, request).await;
    verdict.response().unwrap_or_else(|| answer.into_response())
}

async fn receive(
    shared: &Shared,
    session: &str,
    component: usize,
    request: Request,
) -> Result<Json<UploadAnswer>, ApiError> {
    let runtime = &shared.app.runtime;
    let session = runtime
        .sessions
        .get(session)
        .ok_or_else(ApiError::session_gone)?;
    let rules = shared.app.program.upload_rules(&session, component)?;
    let uploads = runtime.uploads.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::INSUFFICIENT_STORAGE,
            "the server has no room for uploads",
        )
    })?;
    let refused = |error: UploadError| ApiError::new(error.status(), error.to_string());
    let limits = &runtime.upload_limits;
    let multipart = uploads
        .accept(session.id(), request, limits)
        .await
        .map_err(refused)?;
    let received = uploads
        .receive(session.id(), multipart, limits, &rules)
        .await
        .map_err(refused)?;
    let mut tokens = Vec::with_capacity(received.len());
    let files: Vec<Value> = received
        .into_iter()
        .map(|file| {
            let entry = FileEntry::new(file.name, file.mime_type, EntryBody::Path(file.path))
                .with_size(file.size)
                .with_relative_path(file.relative_path);
            let (token, value) = issue_token(
                &runtime.store,
                Arc::new(entry),
                Owner::Session(session.id().to_owned()),
            );
            tokens.push(token);
            value
        })
        .collect();
    let value = match (rules.file_count, files.as_slice()) {
        (FileCount::Single, [one]) => one.clone(),
        _ => Value::Array(files.clone()),
    };
    shared.app.program.uploaded(&session, component, value);
    // The upload this one replaces: its tokens are forgotten, its files removed.
    let replaced = runtime
        .store
        .replace_uploaded(session.id(), component, tokens);
    let replaced_files: Vec<_> = replaced
        .iter()
        .filter_map(|entry| match entry.body() {
            EntryBody::Path(path) => Some((path.clone(), entry.len_hint().unwrap_or(0))),
            _ => None,
        })
        .collect();
    if let Err(error) = uploads.remove_files(session.id(), replaced_files).await {
        tracing::warn!(%error, "could not remove the files an upload replaced");
    }
    Ok(Json(UploadAnswer { files }))
}
