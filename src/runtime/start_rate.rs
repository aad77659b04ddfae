//! Session starts per client address: for each address a bucket that holds
//! [`Limits::session_starts_per_minute`](super::Limits::session_starts_per_minute) starts and
//! refills evenly over a minute.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Past this many addresses tracked, full buckets are forgotten at once rather than at the
/// next reap. Each costs about 40 bytes.
const PRUNE_PAST: usize = 65_536;

/// The buckets of the addresses that started a session lately.
#[derive(Default)]
pub(crate) struct StartRate {
    table: Mutex<HashMap<IpAddr, Bucket>>,
}

struct Bucket {
    /// Starts left, fractions included.
    starts: f64,
    /// When `starts` was counted.
    at: Instant,
}

impl Bucket {
    /// The starts left at `now`, refilled at `per_minute` a minute up to `per_minute`.
    fn refilled(&self, now: Instant, per_minute: u32) -> f64 {
        let capacity = f64::from(per_minute);
        let refill = now.duration_since(self.at).as_secs_f64() * capacity / 60.0;
        (self.starts + refill).min(capacity)
    }
}

impl StartRate {
    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Bucket>> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes one start for `client`; when its bucket is empty, says how long until it holds
    /// one again.
    pub fn take(&self, client: IpAddr, per_minute: u32) -> Result<(), Duration> {
        if per_minute == 0 {
            return Err(Duration::from_secs(60));
        }
        let now = Instant::now();
        let mut table = self.table();
        if table.len() >= PRUNE_PAST {
            prune(&mut table, now, per_minute);
        }
        let bucket = table.entry(client).or_insert(Bucket {
            starts: f64::from(per_minute),
            at: now,
        });
        bucket.starts = bucket.refilled(now, per_minute);
        bucket.at = now;
        if bucket.starts >= 1.0 {
            bucket.starts -= 1.0;
            Ok(())
        } else {
            let missing = 1.0 - bucket.starts;
            Err(Duration::from_secs_f64(
                missing * 60.0 / f64::from(per_minute),
            ))
        }
    }

    /// Forgets the addresses whose bucket is full again: they are as good as new.
    pub fn prune(&self, per_minute: u32) {
        prune(&mut self.table(), Instant::now(), per_minute);
    }

    /// How many addresses are tracked.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.table().len()
    }
}

fn prune(table: &mut HashMap<IpAddr, Bucket>, now: Instant, per_minute: u32) {
    table.retain(|_, bucket| bucket.refilled(now, per_minute) < f64::from(per_minute));
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_minute_of_starts_then_waits_and_others_are_not_affected() {
        let rate = StartRate::default();
        let a: IpAddr = "203.0.113.1".parse().unwrap();
        let b: IpAddr = "203.0.113.2".parse().unwrap();
        for _ in 0..3 {
            rate.take(a, 3).unwrap();
        }
        let wait = rate.take(a, 3).unwrap_err();
        assert!(
            wait > Duration::from_secs(19) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        rate.take(b, 3).unwrap();
        assert_eq!(rate.len(), 2);
        rate.prune(3);
        assert_eq!(rate.len(), 2, "both buckets are still being refilled");
        assert!(rate.take(a, 0).is_err(), "a limit of 0 starts nothing");
    }

    #[test]
    fn full_buckets_are_pruned() {
        let rate = StartRate::default();
        let a: IpAddr = "203.0.113.1".parse().unwrap();
        rate.take(a, 60_000).unwrap();
        // 60,000 a minute refill one start in a millisecond.
        std::thread::sleep(Duration::from_millis(5));
        rate.prune(60_000);
        assert_eq!(rate.len(), 0);
    }
}
