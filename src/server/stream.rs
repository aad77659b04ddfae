//! `GET api/stream/{session}`: the session's server→browser stream, as server-sent events with
//! heartbeats and `Last-Event-ID` resumption.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};

use crate::runtime::{ApiError, Sent, Session};

use super::router::Shared;

/// How often an idle stream sends a comment, so that proxies and the browser keep it open.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// How soon a page reconnects when its stream drops.
const RECONNECT: Duration = Duration::from_secs(1);

/// Opens the stream: first what the page missed (after its `Last-Event-ID`), then every new
/// message. 404 when the session is unknown or has ended. While the stream is open the session
/// is not idle, so an open page keeps it.
pub(crate) async fn stream(
    State(shared): State<Arc<Shared>>,
    Path(session): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(session) = shared.app.runtime.sessions.get(&session) else {
        return ApiError::session_gone().into_response();
    };
    Arc::clone(&shared.app.program).stream_opened(Arc::clone(&shared.app.runtime), session.clone());
    let last_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0);
    Sse::new(messages(session, last_id))
        .keep_alive(KeepAlive::new().interval(HEARTBEAT))
        .into_response()
}

fn messages(session: Session, last_id: u64) -> impl Stream<Item = Result<Event, Infallible>> {
    // First the reconnection delay: a page whose connection dropped is back within a second.
    let retry = stream::once(async { Ok(Event::default().retry(RECONNECT)) });
    // Held as long as the connection reads the stream: the session is not idle meanwhile.
    let open = session.open_stream();
    let messages = stream::unfold(
        (session, last_id, open),
        |(session, last_id, open)| async move {
            let batch: Vec<Sent> = session.data.stream().after(last_id).await?;
            let next = batch.last().map_or(last_id, |sent| sent.id);
            Some((batch, (session, next, open)))
        },
    )
    .flat_map(|batch| {
        stream::iter(batch.into_iter().map(|sent| {
            Ok(Event::default()
                .id(sent.id.to_string())
                .data(sent.json.as_ref()))
        }))
    });
    retry.chain(messages)
}
