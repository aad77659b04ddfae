//! The routes of an app.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;

use crate::app::AppState;
use crate::files::serve::file_router;

use super::{api, assets, upload};

/// The most a JSON request to the API may weigh.
const API_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// Every route of an app: the page, its assets, its API and its files.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    let title = state.title.clone();
    let store = state.store.clone();
    Router::new()
        .route("/", get(move || assets::index(title.clone())))
        .route("/assets/{name}", get(assets::serve_asset))
        .route("/favicon.svg", get(assets::favicon))
        .route("/favicon.ico", get(assets::favicon))
        .route("/api/session", post(api::start_session))
        .route("/api/run", post(api::run))
        .layer(DefaultBodyLimit::max(API_BODY_LIMIT))
        // Uploads enforce their own limits while streaming.
        .route(
            "/api/upload/{session}/{component}",
            post(upload::upload).layer(DefaultBodyLimit::disable()),
        )
        .with_state(state)
        .merge(file_router(store))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
}
