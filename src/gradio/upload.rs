//! `POST gradio_api/upload`: files for later inputs (`handle_file`), streamed to disk into the
//! client's upload pool with the app's upload limits; answers their paths, opaque tokens
//! (`<pool>/<token>/<name>`) that only an event of this client can take as input.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::files::source::EntryBody;
use crate::files::upload::{FileCount, UploadError, UploadRules};
use crate::files::{FileEntry, Owner};
use crate::runtime::{ApiError, Client};

use super::state::GradioState;

/// Receives the files; the body keeps to the minimum rate of every request body.
pub(crate) async fn upload(
    State(state): State<Arc<GradioState>>,
    Client(client): Client,
    request: Request,
) -> Response {
    let rate = state.runtime().limits.min_body_rate;
    let (request, verdict) = crate::server::guard_body(request, rate, None);
    let answer = receive(&state, client, request).await;
    verdict.response().unwrap_or_else(|| answer.into_response())
}

async fn receive(
    state: &GradioState,
    client: Option<std::net::IpAddr>,
    request: Request,
) -> Result<Json<Vec<String>>, ApiError> {
    state.page()?;
    let runtime = state.runtime();
    let uploads = runtime.uploads.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::INSUFFICIENT_STORAGE,
            "the server has no room for uploads",
        )
    })?;
    let pool = state.pools.enter(runtime, client).await?;
    let refused = |error: UploadError| ApiError::new(error.status(), error.to_string());
    let limits = &runtime.upload_limits;
    let multipart = uploads
        .accept(&pool, request, limits)
        .await
        .map_err(refused)?;
    let rules = UploadRules {
        file_count: FileCount::Multiple,
        file_types: Vec::new(),
    };
    let received = uploads
        .receive(&pool, multipart, limits, &rules)
        .await
        .map_err(refused)?;
    let paths = received
        .into_iter()
        .map(|file| {
            let name = file.name.clone();
            let entry = FileEntry::new(file.name, file.mime_type, EntryBody::Path(file.path))
                .with_size(file.size);
            let token = runtime
                .store
                .issue(Owner::Session(pool.clone()), Arc::new(entry));
            format!("{pool}/{token}/{name}")
        })
        .collect();
    Ok(Json(paths))
}
