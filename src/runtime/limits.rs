//! [`Limits`]: every server-side cap on what one client can make the server hold, in one place.
//!
//! Upload sizes and the per-session upload quota are in [`UploadLimits`](crate::files::upload::UploadLimits);
//! everything else a client could otherwise grow without bound is here: connections, the time a
//! request's headers and body may take, sessions, session starts and runs in flight.

use std::time::Duration;

/// The default [`Limits::max_connections`]: 4096.
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;
/// The default [`Limits::max_connections_per_address`]: 512, an eighth of
/// [`DEFAULT_MAX_CONNECTIONS`].
pub const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS: usize = DEFAULT_MAX_CONNECTIONS / 8;
/// The default [`Limits::header_read_timeout`]: 30 seconds.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// The default [`Limits::send_timeout`]: 60 seconds (nginx's `send_timeout`).
pub const DEFAULT_SEND_TIMEOUT: Duration = Duration::from_secs(60);
/// The default [`Limits::body_read_timeout`]: 30 seconds.
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// The default [`Limits::min_body_rate`]: 8 KiB in every 20 seconds (about 400 bytes a second,
/// close to Apache's `mod_reqtimeout` `MinRate=500`, and a 20-second stall is forgiven).
pub const DEFAULT_MIN_BODY_RATE: MinRate = MinRate {
    bytes: 8 * 1024,
    per: Duration::from_secs(20),
};
/// The default [`Limits::max_sessions`]: 10,000.
pub const DEFAULT_MAX_SESSIONS: usize = 10_000;
/// The default [`Limits::session_starts_per_minute`]: 60.
pub const DEFAULT_SESSION_STARTS_PER_MINUTE: u32 = 60;
/// The default [`Limits::session_idle`]: 30 minutes.
pub const DEFAULT_SESSION_IDLE: Duration = Duration::from_secs(30 * 60);
/// The default [`Limits::max_runs_per_session`]: 16.
pub const DEFAULT_MAX_RUNS_PER_SESSION: usize = 16;

/// The slowest a request body may arrive: at least `bytes` in every `per` that the server
/// spends waiting for it. Zero bytes, or a zero window, turns the check off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MinRate {
    /// How many bytes must arrive in each window.
    pub bytes: u64,
    /// How long each window is.
    pub per: Duration,
}

/// Caps on what clients can make the server hold, each with a default that a page used by a
/// person never reaches. Set them with [`Blocks::limits`](crate::Blocks::limits).
///
/// Every field is public; change the ones you need and keep the rest:
///
/// ```
/// use std::time::Duration;
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.limits(Limits {
///         session_idle: Duration::from_secs(10 * 60),
///         max_sessions: 500,
///         ..Limits::default()
///     });
///     b.markdown("A small internal tool");
/// });
/// # let _ = app;
/// ```
///
/// Client addresses: an IPv4 address counts as itself, an IPv6 address by its /64 network (what
/// one household or one cloud machine is usually given). Behind a reverse proxy every request
/// comes from the proxy's address: raise [`max_connections_per_address`](Self::max_connections_per_address)
/// and [`session_starts_per_minute`](Self::session_starts_per_minute) to the whole app's figures
/// there, and let the proxy limit each client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most connections served at once; more wait to be accepted. Defaults to 4096.
    pub max_connections: usize,
    /// The most connections one client address may hold open at once; one more is closed as
    /// soon as it is accepted. A browser opens at most 6 to one server. Defaults to 512.
    pub max_connections_per_address: usize,
    /// How long a connection may take to send a request's headers, counted from when it is
    /// ready for a request: so it is also the idle timeout of a kept-alive connection with no
    /// request. Defaults to 30 seconds.
    pub header_read_timeout: Duration,
    /// How long a response may wait on a client that does not read it (a download or a stream
    /// whose reader stopped); then the connection is closed. Defaults to 60 seconds.
    pub send_timeout: Duration,
    /// How long an API request's body (`api/session`, `api/run`) may take to arrive in full;
    /// a slower one is answered 408. Uploads have [`UploadLimits::timeout`](crate::files::upload::UploadLimits::timeout)
    /// instead. Defaults to 30 seconds.
    pub body_read_timeout: Duration,
    /// The slowest any request body, uploads included, may arrive; a slower one is answered
    /// 408 and its connection closed. Defaults to 8 KiB in every 20 seconds.
    pub min_body_rate: MinRate,
    /// The most live sessions; a new one past it is refused with 503 until one ends.
    /// Defaults to 10,000.
    pub max_sessions: usize,
    /// The most sessions one client address may start in a minute (a bucket that refills
    /// evenly); one more is refused with 429. Defaults to 60.
    pub session_starts_per_minute: u32,
    /// Sessions not seen for this long end, and their files and uploads are removed. A page
    /// keeps its session alive while its event stream is open. Defaults to 30 minutes.
    pub session_idle: Duration,
    /// The most runs one session may have started and not finished (waiting their turn or
    /// running); one more is refused with 429. A sync handler's run counts until its function
    /// returns, even after its time limit, so one session cannot fill the blocking thread pool.
    /// Defaults to 16.
    pub max_runs_per_session: usize,
    /// The most bytes that downloads being prepared may hold on disk at once, across every
    /// session: readers and streams spooled before they are served
    /// ([`FileSource::reader`](crate::files::FileSource::reader),
    /// [`FileSource::stream`](crate::files::FileSource::stream)). A spool that would pass it fails
    /// with a message shown in the page, and leaves nothing behind. Defaults to 10 GiB.
    pub spool_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_connections_per_address: DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            send_timeout: DEFAULT_SEND_TIMEOUT,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
            min_body_rate: DEFAULT_MIN_BODY_RATE,
            max_sessions: DEFAULT_MAX_SESSIONS,
            session_starts_per_minute: DEFAULT_SESSION_STARTS_PER_MINUTE,
            session_idle: DEFAULT_SESSION_IDLE,
            max_runs_per_session: DEFAULT_MAX_RUNS_PER_SESSION,
            spool_bytes: crate::files::spool::DEFAULT_SPOOL_BYTES,
        }
    }
}

/// The shortest pause between two reaps, so that a test's tiny idle time does not spin.
const MIN_REAP_INTERVAL: Duration = Duration::from_millis(10);
/// The longest pause between two reaps.
const MAX_REAP_INTERVAL: Duration = Duration::from_secs(60);

impl Limits {
    /// How often idle sessions are looked for: a quarter of [`session_idle`](Self::session_idle),
    /// from 10 ms to one minute. A session ends between `session_idle` and `session_idle` plus
    /// this after it was last seen.
    pub(crate) fn reap_interval(&self) -> Duration {
        (self.session_idle / 4).clamp(MIN_REAP_INTERVAL, MAX_REAP_INTERVAL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reap_interval_follows_the_idle_time_within_bounds() {
        let with = |idle| Limits {
            session_idle: idle,
            ..Limits::default()
        };
        assert_eq!(Limits::default().reap_interval(), Duration::from_secs(60));
        assert_eq!(
            with(Duration::from_secs(2)).reap_interval(),
            Duration::from_millis(500)
        );
        assert_eq!(with(Duration::ZERO).reap_interval(), MIN_REAP_INTERVAL);
    }
}
