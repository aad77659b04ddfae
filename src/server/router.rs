//! The routes of an app. Every URL the page uses is relative to the page, so the router can be
//! nested under any prefix.

use std::sync::{Arc, Weak};

use axum::extract::{DefaultBodyLimit, OriginalUri, Path, State};
use axum::handler::Handler;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, map_response_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::Mutex;

use crate::app::AppInner;
use crate::files::serve::file_router;

use super::assets::{self, ComponentScripts};
use super::guard::{self, Guard};
use super::{api, body_guard, page_headers, stream, upload};

/// The most a JSON request to the API may weigh.
const API_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// What the routes share: the app, its checks and page policy, the scripts of its own
/// components, and the shell once it is known not to change.
pub(crate) struct Shared {
    pub app: Arc<AppInner>,
    guard: Arc<Guard>,
    scripts: Option<ComponentScripts>,
    shell_json: Mutex<Option<Arc<Shell>>>,
    reaper: std::sync::Once,
}

impl Shared {
    /// Starts, once, the task that ends idle sessions and forgets expired files; it stops when
    /// the app is dropped. Started by the first session, so that a router nested in another
    /// app reaps as well as one served by `launch`.
    pub fn start_reaper(&self) {
        self.reaper.call_once(|| {
            let app: Weak<AppInner> = Arc::downgrade(&self.app);
            // Sessions idle for `Limits::session_idle` end, their files are forgotten.
            let every = self.app.runtime.limits.reap_interval();
            tokio::spawn(async move {
                let mut ticks = tokio::time::interval(every);
                ticks.tick().await;
                loop {
                    ticks.tick().await;
                    let Some(app) = app.upgrade() else {
                        return;
                    };
                    for session in app.runtime.reap().await {
                        Arc::clone(&app.program)
                            .session_ended(Arc::clone(&app.runtime), session)
                            .await;
                    }
                }
            });
        });
    }
}

/// Every route of an app: the page, its assets, its API, its stream and its files, behind
/// `guard`'s checks (see `guard.rs`) and with the headers of `page_headers.rs`.
pub(crate) fn router(app: Arc<AppInner>, guard: Guard) -> Router {
    let store = app.runtime.store.clone();
    let scripts = ComponentScripts::new(&app.program.scripts());
    let guard = Arc::new(guard);
    let shared = Arc::new(Shared {
        app,
        guard: Arc::clone(&guard),
        scripts,
        shell_json: Mutex::new(None),
        reaper: std::sync::Once::new(),
    });
    // The state-changing routes and the stream's opening: same origin only, JSON only.
    let api = Router::new()
        .route(
            "/api/session",
            post(api::start_session.layer(from_fn(guard::require_json))),
        )
        .route(
            "/api/run",
            post(api::run.layer(from_fn(guard::require_json))),
        )
        .route("/api/stream/{session}", get(stream::stream))
        .layer(DefaultBodyLimit::max(API_BODY_LIMIT))
        .layer(from_fn_with_state(
            Arc::clone(&shared),
            body_guard::api_bodies,
        ))
        // Uploads enforce their own limits while streaming.
        .route(
            "/api/upload/{session}/{component}",
            post(upload::upload).layer(DefaultBodyLimit::disable()),
        )
        .route_layer(from_fn_with_state(Arc::clone(&guard), guard::check_origin));
    // The Gradio-compatible API (`crate::gradio`): the same origin check and body limits.
    let reaper = Arc::clone(&shared);
    let (gradio_json, gradio_upload) = crate::gradio::routes(
        Arc::clone(&shared.app),
        Box::new(move || reaper.start_reaper()),
    );
    let gradio = gradio_json
        .layer(DefaultBodyLimit::max(API_BODY_LIMIT))
        .layer(from_fn_with_state(
            Arc::clone(&shared),
            body_guard::api_bodies,
        ))
        .merge(gradio_upload.layer(DefaultBodyLimit::disable()))
        .route_layer(from_fn_with_state(Arc::clone(&guard), guard::check_origin));
    Router::new()
        .route("/", get(index))
        .route("/assets/{name}", get(asset))
        .route("/favicon.svg", get(assets::favicon))
        .route("/favicon.ico", get(assets::favicon))
        .merge(api)
        .with_state(shared)
        .merge(file_router(store))
        .merge(gradio)
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
        .layer(from_fn_with_state(Arc::clone(&guard), guard::check_host))
        .layer(map_response_with_state(guard, page_headers::add))
}

/// `GET /`: the HTML shell. Under a prefix opened without its trailing slash (`/ui`), a
/// redirect to `ui/`, so that the page's relative URLs resolve under the prefix.
async fn index(State(shared): State<Arc<Shared>>, OriginalUri(uri): OriginalUri) -> Response {
    let path = uri.path();
    if !path.ends_with('/') {
        let last = path.rsplit('/').next().unwrap_or_default();
        let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(location) = HeaderValue::from_str(&format!("{last}/")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    let shell = shell_parts(&shared).await;
    let mut response = assets::shell(
        shared.app.program.title(),
        &shell.json,
        &shell.html,
        shared.scripts.as_ref().map(|s| s.name.as_str()),
    );
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, shell.policy.clone());
    response
}

/// The declared page, as JSON for the script and as HTML for the first paint, and the
/// Content-Security-Policy that lets its first paint's styles apply.
struct Shell {
    json: String,
    html: String,
    policy: HeaderValue,
}

/// The declared page, kept once every start-up value resolved.
async fn shell_parts(shared: &Shared) -> Arc<Shell> {
    let mut cached = shared.shell_json.lock().await;
    if let Some(shell) = cached.as_ref() {
        return Arc::clone(shell);
    }
    let page = shared.app.program.page(&shared.app.runtime).await;
    let html = shared.app.program.first_paint(&page);
    let shell = Arc::new(Shell {
        json: serde_json::to_string(&page).unwrap_or_default(),
        policy: shared.guard.policy.for_shell(&html),
        html,
    });
    if page.errors.is_empty() {
        *cached = Some(Arc::clone(&shell));
    }
    shell
}

/// `GET /assets/{name}`: the bundle, or the app's own component scripts.
async fn asset(
    State(shared): State<Arc<Shared>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    match &shared.scripts {
        Some(scripts) if scripts.name == name => scripts.response(),
        _ => assets::serve_asset(&name, &headers),
    }
}
