//! The page's API: start a session, run an event.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::protocol::{RunAnswer, RunReply, RunRequest, SessionInfo, StreamMessage};
use crate::runtime::{ApiError, Client, StartRefused};

use super::router::Shared;

/// How long a run's POST waits for its result when the page listens on its stream; a run
/// that takes longer is answered there.
const QUICK_ANSWER: Duration = Duration::from_millis(100);

/// `POST api/session`: starts a session and describes its page. 429 when the client's address
/// started too many sessions in the last minute, 503 when the app holds as many as it may.
pub(crate) async fn start_session(
    State(shared): State<Arc<Shared>>,
    Client(client): Client,
) -> Result<Json<SessionInfo>, ApiError> {
    shared.start_reaper();
    let runtime = &shared.app.runtime;
    let session = create_session(runtime, client)?;
    Ok(Json(shared.app.program.start(runtime, &session).await))
}

/// Starts a session for `client` (the Gradio API's too): 429 when the client's address started
/// too many sessions in the last minute, 503 when the app holds as many as it may.
pub(crate) fn create_session(
    runtime: &crate::runtime::Runtime,
    client: Option<std::net::IpAddr>,
) -> Result<crate::runtime::Session, ApiError> {
    let limits = &runtime.limits;
    if let Some(client) = client {
        let per_minute = limits.session_starts_per_minute;
        runtime
            .session_starts
            .take(client, per_minute)
            .map_err(|wait| {
                let seconds = wait.as_secs() + 1;
                ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!(
                        "too many new sessions from this address (at most {per_minute} a minute): try again in {seconds} s"
                    ),
                )
                .retry_after(wait)
            })?;
    }
    let session =
        runtime
            .sessions
            .try_create(limits.max_sessions)
            .map_err(|StartRefused::Full(max)| {
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("the app has as many sessions as it can hold ({max}): try again later"),
                )
                .retry_after(limits.reap_interval())
            })?;
    Ok(session)
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
