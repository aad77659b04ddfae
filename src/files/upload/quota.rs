//! Each session's upload quota ([`UploadLimits::session_bytes`](super::UploadLimits)): the bytes
//! its uploads hold on disk, across requests, counted as they stream in.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::UploadError;

/// The bytes each session's uploads hold, stored or streaming in.
#[derive(Debug, Default)]
pub(crate) struct Usage {
    table: Mutex<HashMap<String, Arc<AtomicU64>>>,
}

impl Usage {
    fn table(&self) -> MutexGuard<'_, HashMap<String, Arc<AtomicU64>>> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The bytes `session` holds now.
    pub(crate) fn used(&self, session: &str) -> u64 {
        self.table()
            .get(session)
            .map_or(0, |used| used.load(Ordering::Acquire))
    }

    /// A reservation of `session`'s bytes for one request, up to `limit` in all.
    pub(crate) fn reserve(&self, session: &str, limit: u64) -> Reservation {
        let counter = Arc::clone(self.table().entry(session.to_owned()).or_default());
        Reservation {
            counter,
            limit,
            taken: 0,
        }
    }

    /// `session`'s files of `bytes` were removed.
    pub(crate) fn release(&self, session: &str, bytes: u64) {
        if let Some(used) = self.table().get(session) {
            let _ = used.fetch_update(Ordering::AcqRel, Ordering::Acquire, |held| {
                Some(held.saturating_sub(bytes))
            });
        }
    }

    /// `session` ended: its count goes.
    pub(crate) fn forget(&self, session: &str) {
        self.table().remove(session);
    }
}

/// The bytes one request took from its session's quota: given back when dropped, unless the
/// request succeeded and [`keep`](Self::keep) was called.
pub(crate) struct Reservation {
    counter: Arc<AtomicU64>,
    limit: u64,
    taken: u64,
}

impl Reservation {
    /// Takes `n` more bytes, or refuses them when the session would pass its limit.
    pub(crate) fn take(&mut self, n: u64) -> Result<(), UploadError> {
        let limit = self.limit;
        self.counter
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(n).filter(|&total| total <= limit)
            })
            .map_err(|_| UploadError::SessionQuotaExceeded { limit })?;
        self.taken += n;
        Ok(())
    }

    /// The request succeeded: its bytes stay counted until its files are removed.
    pub(crate) fn keep(mut self) {
        self.taken = 0;
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let taken = self.taken;
        let _ = self
            .counter
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                Some(used.saturating_sub(taken))
            });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_refused_past_its_limit_across_requests_and_gets_its_bytes_back() {
        let usage = Usage::default();
        let mut first = usage.reserve("s", 10);
        first.take(6).unwrap();
        first.keep();
        assert_eq!(usage.used("s"), 6);
        let mut second = usage.reserve("s", 10);
        second.take(4).unwrap();
        assert!(matches!(
            second.take(1),
            Err(UploadError::SessionQuotaExceeded { limit: 10 })
        ));
        drop(second);
        assert_eq!(usage.used("s"), 6, "a failed request gives its bytes back");
        assert_eq!(usage.used("other"), 0);
        usage.release("s", 6);
        assert_eq!(usage.used("s"), 0);
        usage.forget("s");
        assert_eq!(usage.used("s"), 0);
    }
}
