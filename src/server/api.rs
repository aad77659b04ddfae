//! The page's API: start a session, run an event.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::protocol::{RunAnswer, RunReply, RunRequest, SessionInfo, StreamMessage};
use crate::runtime::ApiError;

use super::router::Shared;

/// How long a run's POST waits for its result when the page listens on its stream; a run
/// that takes longer is answered there.
const QUICK_ANSWER: Duration = Duration::from_millis(100);

/// `POST api/session`: starts a session and describes its page.
pub(crate) async fn start_session(State(shared): State<Arc<Shared>>) -> Json<SessionInfo> {
    shared.start_reaper();
    let runtime = &shared.app.runtime;
    let session = runtime.sessions.create();
    Json(shared.app.program.start(runtime, &session).await)
}

/// `POST api/run`: runs one event; answers its result, or the run whose result will come on
/// the session's stream.
pub(crate) async fn run(
    State(shared): State<Arc<Shared>>,
    body: Result<Json<RunRequest>, JsonRejection>,
) -> Result<Json<RunReply>, ApiError> {
    let Json(request) =
        body.map_err(|rejection| ApiError::new(StatusCode::BAD_REQUEST, rejection.body_text()))?;
    let runtime = Arc::clone(&shared.app.runtime);
    let session = runtime
        .sessions
        .get(&request.session)
        .ok_or_else(ApiError::session_gone)?;
    let on_stream = request.stream;
    let started = Arc::clone(&shared.app.program)
        .run(runtime, session.clone(), request)
        .await?;
    // The run is a task of its own: it goes on whatever becomes of this request.
    let (sender, receiver) = tokio::sync::oneshot::channel::<Result<RunAnswer, ApiError>>();
    let run = started.run;
    let answer = started.answer;
    tokio::spawn(async move {
        let result = answer.await;
        if let Err(Ok(answer)) = sender.send(result) {
            // Nobody waits on the POST any more: the page gets the result on its stream.
            session
                .data
                .stream()
                .push(&StreamMessage::Result { run, answer });
        }
    });
    let result = if on_stream {
        match tokio::time::timeout(QUICK_ANSWER, receiver).await {
            Ok(result) => result,
            Err(_) => return Ok(Json(RunReply::Pending { pending: run })),
        }
    } else {
        receiver.await
    };
    let answer = result.map_err(|_| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the run stopped before it answered",
        )
    })??;
    Ok(Json(RunReply::Done(answer)))
}
