//! Stopping a launched app: the first Ctrl-C (or SIGTERM) lets open connections finish, a second
//! one quits at once.

use std::future::Future;
use std::io::Write;
use std::time::Duration;

/// How a stop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stopped {
    /// Every open connection finished.
    Drained,
    /// The grace period ran out with connections still open.
    GraceOver,
    /// A second signal came first: the caller quits at once.
    Quit,
}

/// After the first stop signal: says how many connections are still open (`open`), then waits
/// for them (`drained`) for up to `grace`, or until `again` (the second signal) completes.
///
/// Writes to `out` the `Stopping: …` line (only when connections are open), then `Stopped.`, or
/// `Quit.` when `again` came first.
pub(super) async fn stop(
    open: usize,
    drained: impl Future<Output = ()>,
    again: impl Future<Output = ()>,
    grace: Duration,
    out: &mut impl Write,
) -> Stopped {
    if open > 0 {
        say(out, &stopping_message(open, grace));
    }
    let stopped = tokio::select! {
        biased;
        () = again => Stopped::Quit,
        finished = tokio::time::timeout(grace, drained) => match finished {
            Ok(()) => Stopped::Drained,
            Err(_) => Stopped::GraceOver,
        },
    };
    match stopped {
        Stopped::Quit => say(out, "Quit."),
        Stopped::GraceOver => {
            tracing::warn!("some connections were still open after the grace period");
            say(out, "Stopped.");
        }
        Stopped::Drained => say(out, "Stopped."),
    }
    stopped
}

/// `Stopping: waiting up to 30 s for 2 open connections to finish (press Ctrl-C again to quit
/// now).`
fn stopping_message(open: usize, grace: Duration) -> String {
    let connections = if open == 1 {
        "connection"
    } else {
        "connections"
    };
    format!(
        "Stopping: waiting up to {} s for {open} open {connections} to finish \
         (press Ctrl-C again to quit now).",
        grace.as_secs()
    )
}

/// Writes one line and flushes it (a closed stdout is no reason to stop stopping).
fn say(out: &mut impl Write, line: &str) {
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Ctrl-C and SIGTERM, listened for from [`new`](Self::new) on, so that a signal that comes
/// between two [`next`](Self::next) calls is not lost. Make it inside a Tokio runtime.
pub(super) struct StopSignals {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl StopSignals {
    /// Starts listening; a signal that cannot be listened for never comes.
    pub(super) fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            StopSignals {
                interrupt: signal(SignalKind::interrupt()).ok(),
                terminate: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        StopSignals {}
    }

    /// Completes on the next Ctrl-C (or SIGTERM on Unix).
    pub(super) async fn next(&mut self) {
        #[cfg(unix)]
        {
            let StopSignals {
                interrupt,
                terminate,
            } = self;
            tokio::select! {
                () = receive(interrupt) => {},
                () = receive(terminate) => {},
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// The next delivery of `signal`; never, when it could not be listened for.
#[cfg(unix)]
async fn receive(signal: &mut Option<tokio::signal::unix::Signal>) {
    if let Some(signal) = signal {
        if signal.recv().await.is_some() {
            return;
        }
    }
    std::future::pending().await
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::future::pending;

    use tokio::sync::oneshot;

    use super::*;

    const GRACE: Duration = Duration::from_secs(30);
    const STOPPING_2: &str = "Stopping: waiting up to 30 s for 2 open connections to finish \
                              (press Ctrl-C again to quit now).\n";

    /// A future that completes when `rx`'s sender sends or goes away.
    async fn fired(rx: oneshot::Receiver<()>) {
        let _ = rx.await;
    }

    #[test]
    fn the_stopping_line_counts_connections() {
        assert_eq!(
            stopping_message(1, GRACE),
            "Stopping: waiting up to 30 s for 1 open connection to finish \
             (press Ctrl-C again to quit now)."
        );
        assert_eq!(format!("{}\n", stopping_message(2, GRACE)), STOPPING_2);
    }

    #[tokio::test]
    async fn connections_that_finish_end_in_stopped() {
        let (done, drained) = oneshot::channel();
        let (_again_tx, again) = oneshot::channel::<()>();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            done.send(()).unwrap();
        });
        let mut out = Vec::new();
        let stopped = stop(2, fired(drained), fired(again), GRACE, &mut out).await;
        assert_eq!(stopped, Stopped::Drained);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{STOPPING_2}Stopped.\n")
        );
    }

    #[tokio::test]
    async fn a_second_signal_quits_without_waiting() {
        let (again_tx, again) = oneshot::channel();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            again_tx.send(()).unwrap();
        });
        let mut out = Vec::new();
        let started = std::time::Instant::now();
        let stopped = stop(2, pending(), fired(again), GRACE, &mut out).await;
        assert_eq!(stopped, Stopped::Quit);
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{STOPPING_2}Quit.\n")
        );
    }

    #[tokio::test]
    async fn the_grace_period_ends_the_wait() {
        let mut out = Vec::new();
        let grace = Duration::from_millis(20);
        let stopped = stop(1, pending(), pending(), grace, &mut out).await;
        assert_eq!(stopped, Stopped::GraceOver);
        assert!(String::from_utf8(out).unwrap().ends_with("\nStopped.\n"));
    }

    #[tokio::test]
    async fn with_nothing_open_it_just_stops() {
        let mut out = Vec::new();
        let stopped = stop(0, async {}, pending(), GRACE, &mut out).await;
        assert_eq!(stopped, Stopped::Drained);
        assert_eq!(String::from_utf8(out).unwrap(), "Stopped.\n");
    }
}
