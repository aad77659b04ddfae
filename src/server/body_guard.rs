//! Request bodies that arrive too slowly: every body must keep to
//! [`Limits::min_body_rate`](crate::Limits::min_body_rate), and an API body must arrive whole
//! within [`Limits::body_read_timeout`](crate::Limits::body_read_timeout).
//!
//! A body that fails either is cut: the handler reading it sees an error, and whatever it
//! answered is replaced by a 408 with `Connection: close`, so the connection goes too. The
//! clocks run only while the server waits for the client (a body the handler has not read yet
//! costs nothing and is never blamed for the server's own delays).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use tokio::time::{sleep, Instant, Sleep};

use crate::runtime::{ApiError, MinRate};

use super::router::Shared;

/// Why a body was cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SlowBody {
    /// Fewer bytes than the minimum arrived in one window.
    TooSlow(MinRate),
    /// The whole body took longer than this.
    TookTooLong(Duration),
}

impl fmt::Display for SlowBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlowBody::TooSlow(rate) => write!(
                f,
                "the request body arrived too slowly (less than {} bytes in {})",
                rate.bytes,
                seconds(rate.per)
            ),
            SlowBody::TookTooLong(limit) => write!(
                f,
                "the request body took longer than {} to arrive",
                seconds(*limit)
            ),
        }
    }
}

impl std::error::Error for SlowBody {}

/// `20 s`, `1.5 s`.
fn seconds(duration: Duration) -> String {
    let text = format!("{:.3}", duration.as_secs_f64());
    format!("{} s", text.trim_end_matches('0').trim_end_matches('.'))
}

/// Whether a guarded body was cut, and why; shared with the body.
#[derive(Clone, Default)]
pub(crate) struct Verdict(Arc<OnceLock<SlowBody>>);

impl Verdict {
    /// Why the body was cut, when it was.
    pub(crate) fn cut(&self) -> Option<SlowBody> {
        self.0.get().copied()
    }

    /// The 408 that replaces the handler's answer when the body was cut.
    pub(crate) fn response(&self) -> Option<Response> {
        let slow = self.cut()?;
        let mut response =
            ApiError::new(StatusCode::REQUEST_TIMEOUT, slow.to_string()).into_response();
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        Some(response)
    }
}

/// `request` with its body guarded: at least `rate`, and all of it within `total` when given.
/// A body known to be empty is left as it is.
pub(crate) fn guard(
    request: Request,
    rate: MinRate,
    total: Option<Duration>,
) -> (Request, Verdict) {
    let verdict = Verdict::default();
    if request.body().size_hint().exact() == Some(0) {
        return (request, verdict);
    }
    let (parts, body) = request.into_parts();
    let guarded = GuardedBody {
        inner: body,
        rate,
        window_bytes: 0,
        window: None,
        total,
        deadline: None,
        verdict: verdict.clone(),
    };
    (Request::from_parts(parts, Body::new(guarded)), verdict)
}

/// The middleware of the API routes: their bodies keep to the minimum rate and arrive within
/// the body read timeout.
pub(crate) async fn api_bodies(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let limits = &shared.app.runtime.limits;
    let (request, verdict) = guard(
        request,
        limits.min_body_rate,
        Some(limits.body_read_timeout),
    );
    let response = next.run(request).await;
    verdict.response().unwrap_or(response)
}

/// A body with a minimum rate and an optional total time.
struct GuardedBody {
    inner: Body,
    rate: MinRate,
    /// Bytes arrived in the current window.
    window_bytes: u64,
    /// The end of the current window; set on the first poll.
    window: Option<Pin<Box<Sleep>>>,
    total: Option<Duration>,
    /// When the whole body must have arrived; set on the first poll.
    deadline: Option<Pin<Box<Sleep>>>,
    verdict: Verdict,
}

impl GuardedBody {
    fn checks_rate(&self) -> bool {
        self.rate.bytes > 0 && !self.rate.per.is_zero()
    }

    fn cut(&self, why: SlowBody) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let _ = self.verdict.0.set(why);
        Poll::Ready(Some(Err(axum::Error::new(why))))
    }
}

impl HttpBody for GuardedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        if this.verdict.cut().is_some() {
            return Poll::Ready(None);
        }
        if this.window.is_none() && this.checks_rate() {
            this.window = Some(Box::pin(sleep(this.rate.per)));
        }
        if this.deadline.is_none() {
            this.deadline = this.total.map(|total| Box::pin(sleep(total)));
        }
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let (Some(data), Some(window)) = (frame.data_ref(), this.window.as_mut()) {
                    this.window_bytes += data.len() as u64;
                    if this.window_bytes >= this.rate.bytes {
                        this.window_bytes = 0;
                        window.as_mut().reset(Instant::now() + this.rate.per);
                    }
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Pending => {
                if let Some(deadline) = this.deadline.as_mut() {
                    if deadline.as_mut().poll(cx).is_ready() {
                        return this.cut(SlowBody::TookTooLong(this.total.unwrap_or_default()));
                    }
                }
                if let Some(window) = this.window.as_mut() {
                    if window.as_mut().poll(cx).is_ready() {
                        return this.cut(SlowBody::TooSlow(this.rate));
                    }
                }
                Poll::Pending
            }
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_the_rate_and_the_time() {
        let rate = MinRate {
            bytes: 8192,
            per: Duration::from_secs(20),
        };
        assert_eq!(
            SlowBody::TooSlow(rate).to_string(),
            "the request body arrived too slowly (less than 8192 bytes in 20 s)"
        );
        assert_eq!(
            SlowBody::TookTooLong(Duration::from_millis(1500)).to_string(),
            "the request body took longer than 1.5 s to arrive"
        );
    }

    fn trickle(
        gaps: Vec<Duration>,
    ) -> (
        tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
        Body,
        tokio::task::JoinHandle<()>,
    ) {
        let (sender, receiver) = tokio::sync::mpsc::channel(4);
        let body = Body::from_stream(tokio_stream_of(receiver));
        let feeder = sender.clone();
        let task = tokio::spawn(async move {
            for gap in gaps {
                tokio::time::sleep(gap).await;
                if feeder.send(Ok(Bytes::from_static(b"x"))).await.is_err() {
                    return;
                }
            }
        });
        (sender, body, task)
    }

    fn tokio_stream_of(
        mut receiver: tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>,
    ) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
        futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx))
    }

    #[tokio::test(start_paused = true)]
    async fn a_trickle_under_the_rate_is_cut_and_the_verdict_says_so() {
        let rate = MinRate {
            bytes: 4,
            per: Duration::from_secs(1),
        };
        let (_sender, body, _task) = trickle(vec![Duration::from_millis(300); 100]);
        let request = Request::builder().body(body).unwrap();
        let (request, verdict) = guard(request, rate, None);
        let started = Instant::now();
        let error = axum::body::to_bytes(request.into_body(), usize::MAX)
            .await
            .unwrap_err();
        assert_eq!(started.elapsed(), Duration::from_secs(1));
        assert_eq!(verdict.cut(), Some(SlowBody::TooSlow(rate)));
        assert!(error.to_string().contains("too slowly"), "{error}");
        let response = verdict.response().unwrap();
        assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(response.headers()[header::CONNECTION], "close");
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_at_the_rate_passes_the_rate_but_not_the_total_time() {
        let rate = MinRate {
            bytes: 2,
            per: Duration::from_secs(1),
        };
        let (_sender, body, _task) = trickle(vec![Duration::from_millis(400); 100]);
        let request = Request::builder().body(body).unwrap();
        let (request, verdict) = guard(request, rate, Some(Duration::from_secs(5)));
        let started = Instant::now();
        axum::body::to_bytes(request.into_body(), usize::MAX)
            .await
            .unwrap_err();
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        assert_eq!(
            verdict.cut(),
            Some(SlowBody::TookTooLong(Duration::from_secs(5)))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_ends_in_time_is_untouched() {
        let rate = MinRate {
            bytes: 1,
            per: Duration::from_secs(1),
        };
        let (sender, body, task) = trickle(vec![Duration::from_millis(500); 3]);
        drop(sender);
        let request = Request::builder().body(body).unwrap();
        let (request, verdict) = guard(request, rate, Some(Duration::from_secs(5)));
        let reading = tokio::spawn(axum::body::to_bytes(request.into_body(), usize::MAX));
        task.await.unwrap();
        assert_eq!(&reading.await.unwrap().unwrap()[..], b"xxx");
        assert_eq!(verdict.cut(), None);
    }
}
