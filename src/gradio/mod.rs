//! The Gradio-compatible HTTP API: the official `gradio_client` (Python) and `@gradio/client`
//! (JavaScript) call a Blocks app as if it were a Gradio app.
//!
//! | route | what |
//! |---|---|
//! | `GET config` | the components (id, type, props, value schema) and events, `protocol: "sse_v3"`, `api_prefix: "/gradio_api"` |
//! | `GET gradio_api/info` | each listed endpoint's parameters and returns (`view_api()`) |
//! | `POST gradio_api/upload` | files for later inputs (`handle_file`): answers their opaque paths |
//! | `POST gradio_api/queue/join` | starts an event for a `session_hash`: `{"event_id"}` |
//! | `GET gradio_api/queue/data?session_hash=…` | the session's messages, server-sent |
//! | `POST gradio_api/cancel`, `POST gradio_api/reset` | stops an event |
//! | `GET gradio_api/heartbeat/{session_hash}` | keeps the session while held |
//! | `GET gradio_api/file=<path>` | a file of a `FileData` the app handed over |
//! | `POST gradio_api/call/<api_name>`, `GET gradio_api/call/<api_name>/<event_id>` | the REST pair |
//!
//! A `session_hash` maps to a Ferry session, started on first use with the same limits as a
//! page's; events run as the page's would, with the same checks and error messages. A file
//! value's `path` is an opaque token (`<session>/<token>/<name>`), never a server path, and the
//! server never opens a path or fetches a URL a client sent. Components say how their values
//! cross the API with [`Component::gradio_api`](crate::components::Component::gradio_api),
//! [`gradio_value`](crate::components::Component::gradio_value) and
//! [`gradio_input`](crate::components::Component::gradio_input).

mod call;
mod config;
mod event;
mod file;
mod info;
mod pools;
mod queue;
mod root;
mod session;
mod snippets;
mod state;
mod value;
mod watch;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::app::AppInner;

pub use value::{GradioApi, GradioContext, GradioInput};

/// The Gradio routes of `app`, as two routers: the JSON ones (to put behind the API's body
/// limits) and the upload (which enforces its own while streaming). `on_session` runs when
/// the API starts a session (it starts the reaper of idle sessions).
pub(crate) fn routes(
    app: Arc<AppInner>,
    on_session: Box<dyn Fn() + Send + Sync>,
) -> (Router, Router) {
    let state = Arc::new(state::GradioState::new(app, on_session));
    let json = Router::new()
        .route("/config", get(config::config))
        .route("/gradio_api/config", get(config::config))
        .route("/gradio_api/info", get(info::info))
        .route("/gradio_api/queue/join", post(queue::join))
        .route("/gradio_api/queue/data", get(queue::data))
        .route("/gradio_api/cancel", post(queue::cancel))
        .route("/gradio_api/reset", post(queue::cancel))
        .route(
            "/gradio_api/heartbeat/{session_hash}",
            get(queue::heartbeat),
        )
        .route("/gradio_api/call/{api_name}", post(call::call))
        .route("/gradio_api/call/{api_name}/{event_id}", get(call::result))
        .route("/gradio_api/{*rest}", get(file::file))
        .with_state(Arc::clone(&state));
    let upload = Router::new()
        .route("/gradio_api/upload", post(upload::upload))
        .with_state(state);
    (json, upload)
}

mod upload;
