//! Memos shared by every session and every rerun: Streamlit's `st.cache_data` ([`DataCache`],
//! each caller gets its own copy) and `st.cache_resource` ([`ResourceCache`], every caller shares
//! one value). A value is computed once per key, even when several sessions ask for it at once
//! (the others wait for it); `ttl` and `max_entries` bound how long and how many are kept.
//!
//! Make the cache once, outside the script (or the Blocks handler), and move it in:
//!
//! ```
//! use std::time::Duration;
//! use ferry_ui::cache::DataCache;
//! use ferry_ui::script::Ui;
//!
//! let tables = DataCache::new().ttl(Duration::from_secs(600)).max_entries(16);
//! let app = ferry_ui::script(move |ui: &mut Ui| {
//!     let rows = 50;
//!     // Computed by the first session that asks; a copy for everyone after.
//!     let table: Vec<u64> = tables.get(&rows, |&rows| (0..rows).map(|n| n * n).collect());
//!     ui.markdown(format!("{} rows", table.len()));
//! });
//! # let _ = app;
//! ```

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// One key's value: computed once (the callers that come while it is computed wait for it).
struct Slot<V> {
    value: OnceLock<Arc<V>>,
    made: Instant,
}

struct Entry<V> {
    slot: Arc<Slot<V>>,
    used: Instant,
}

/// The memo both caches are made of: values by key, shared as `Arc`s.
struct Memo<K, V> {
    table: Mutex<Table<K, V>>,
}

struct Table<K, V> {
    entries: HashMap<K, Entry<V>>,
    ttl: Option<Duration>,
    max_entries: Option<usize>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl<K: Hash + Eq + Clone, V> Memo<K, V> {
    fn new() -> Self {
        Memo {
            table: Mutex::new(Table {
                entries: HashMap::new(),
                ttl: None,
                max_entries: None,
            }),
        }
    }

    /// The value of `key`: the kept one, or `compute`'s (once, whoever else asks meanwhile).
    fn get(&self, key: &K, compute: impl FnOnce(&K) -> V) -> Arc<V> {
        let slot = self.slot(key);
        let value = slot.value.get_or_init(|| Arc::new(compute(key)));
        Arc::clone(value)
    }

    /// The slot of `key`: its live one, or a new one (dropping expired ones, and the least
    /// recently used past `max_entries`).
    fn slot(&self, key: &K) -> Arc<Slot<V>> {
        let now = Instant::now();
        let mut table = lock(&self.table);
        let (ttl, max_entries) = (table.ttl, table.max_entries);
        let entries = &mut table.entries;
        let fresh = |slot: &Slot<V>| ttl.is_none_or(|ttl| now.duration_since(slot.made) < ttl);
        if let Some(entry) = entries.get_mut(key) {
            if fresh(&entry.slot) {
                entry.used = now;
                return Arc::clone(&entry.slot);
            }
        }
        entries.retain(|_, entry| fresh(&entry.slot));
        if let Some(max) = max_entries {
            while entries.len() >= max.max(1) {
                let Some(oldest) = entries
                    .iter()
                    .min_by_key(|(_, entry)| entry.used)
                    .map(|(key, _)| key.clone())
                else {
                    break;
                };
                entries.remove(&oldest);
            }
        }
        let slot = Arc::new(Slot {
            value: OnceLock::new(),
            made: now,
        });
        entries.insert(
            key.clone(),
            Entry {
                slot: Arc::clone(&slot),
                used: now,
            },
        );
        slot
    }

    fn len(&self) -> usize {
        lock(&self.table).entries.len()
    }

    fn clear(&self) {
        lock(&self.table).entries.clear();
    }

    fn set_ttl(&self, ttl: Duration) {
        lock(&self.table).ttl = Some(ttl);
    }

    fn set_max_entries(&self, n: usize) {
        lock(&self.table).max_entries = Some(n);
    }
}

macro_rules! cache_settings {
    () => {
        /// Keeps each value for at most `ttl` from when it was computed; the next caller after
        /// computes it again. Defaults to forever.
        #[must_use = "a setter returns the changed cache"]
        pub fn ttl(self, ttl: Duration) -> Self {
            self.memo.set_ttl(ttl);
            self
        }

        /// Keeps at most `n` values, dropping the least recently used first. Defaults to no
        /// bound.
        #[must_use = "a setter returns the changed cache"]
        pub fn max_entries(self, n: usize) -> Self {
            self.memo.set_max_entries(n);
            self
        }

        /// How many values it keeps now (expired ones included until the next miss).
        pub fn len(&self) -> usize {
            self.memo.len()
        }

        /// Whether it keeps no value.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }

        /// Drops every value (Streamlit's `.clear()`).
        pub fn clear(&self) {
            self.memo.clear();
        }
    };
}

/// Streamlit's `st.cache_data`: each caller gets its own copy of the value computed for a key,
/// so no session can change another's. See the [module](self) docs. Clones share the values.
pub struct DataCache<K, V> {
    memo: Arc<Memo<K, V>>,
}

impl<K, V> Clone for DataCache<K, V> {
    fn clone(&self) -> Self {
        DataCache {
            memo: Arc::clone(&self.memo),
        }
    }
}

impl<K: Hash + Eq + Clone, V: Clone> Default for DataCache<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq + Clone, V: Clone> DataCache<K, V> {
    /// An empty cache that keeps every value forever.
    pub fn new() -> Self {
        DataCache {
            memo: Arc::new(Memo::new()),
        }
    }

    /// A copy of the value kept for `key`, or of `compute(key)`, which is then kept. While one
    /// caller computes a key, the others that ask for it wait and share its value. A panic in
    /// `compute` reaches its caller and keeps nothing.
    pub fn get(&self, key: &K, compute: impl FnOnce(&K) -> V) -> V {
        V::clone(&self.memo.get(key, compute))
    }

    cache_settings!();
}

/// Streamlit's `st.cache_resource`: every caller shares the one value computed for a key (a
/// connection pool, a loaded model), as an `Arc`. See the [module](self) docs. Clones share the
/// values.
pub struct ResourceCache<K, V> {
    memo: Arc<Memo<K, V>>,
}

impl<K, V> Clone for ResourceCache<K, V> {
    fn clone(&self) -> Self {
        ResourceCache {
            memo: Arc::clone(&self.memo),
        }
    }
}

impl<K: Hash + Eq + Clone, V> Default for ResourceCache<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq + Clone, V> ResourceCache<K, V> {
    /// An empty cache that keeps every value forever.
    pub fn new() -> Self {
        ResourceCache {
            memo: Arc::new(Memo::new()),
        }
    }

    /// The value kept for `key`, or `compute(key)`, which is then kept; every caller shares
    /// it. As [`DataCache::get`] otherwise.
    pub fn get(&self, key: &K, compute: impl FnOnce(&K) -> V) -> Arc<V> {
        self.memo.get(key, compute)
    }

    cache_settings!();
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn a_key_is_computed_once_even_when_callers_come_at_once() {
        let cache: DataCache<u32, String> = DataCache::new();
        let computed = Arc::new(AtomicU32::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (cache, computed) = (cache.clone(), Arc::clone(&computed));
                std::thread::spawn(move || {
                    cache.get(&7, |n| {
                        computed.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(50));
                        format!("seven is {n}")
                    })
                })
            })
            .collect();
        for thread in threads {
            assert_eq!(thread.join().unwrap(), "seven is 7");
        }
        assert_eq!(computed.load(Ordering::SeqCst), 1);
        assert_eq!(
            cache.get(&8, |n| n.to_string()),
            "8",
            "another key, its own value"
        );
    }

    #[test]
    fn a_value_past_its_ttl_is_computed_again() {
        let cache = DataCache::new().ttl(Duration::from_millis(30));
        assert_eq!(cache.get(&"k", |_| 1), 1);
        assert_eq!(cache.get(&"k", |_| 2), 1, "still fresh");
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get(&"k", |_| 3), 3);
    }

    #[test]
    fn past_max_entries_the_least_recently_used_goes() {
        let cache = DataCache::new().max_entries(2);
        cache.get(&1, |_| "one");
        cache.get(&2, |_| "two");
        cache.get(&1, |_| "uno"); // 1 is used again: 2 is now the least recent
        cache.get(&3, |_| "three");
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.get(&1, |_| "again"), "one");
        assert_eq!(cache.get(&2, |_| "two, again"), "two, again");
    }

    #[test]
    fn a_panic_while_computing_keeps_nothing_and_the_next_caller_computes() {
        let cache: ResourceCache<u8, u8> = ResourceCache::new();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            cache.get(&1, |_| panic!("no"));
        }));
        assert!(caught.is_err());
        assert_eq!(*cache.get(&1, |_| 9), 9);
    }

    #[test]
    fn a_resource_is_one_value_shared_and_data_is_a_copy_each() {
        let resources: ResourceCache<(), Vec<u8>> = ResourceCache::new();
        let (a, b) = (
            resources.get(&(), |_| vec![1]),
            resources.get(&(), |_| vec![2]),
        );
        assert!(Arc::ptr_eq(&a, &b));
        let data: DataCache<(), Vec<u8>> = DataCache::new();
        let mut mine = data.get(&(), |_| vec![1]);
        mine.push(2);
        assert_eq!(
            data.get(&(), |_| vec![3]),
            vec![1],
            "a copy changed, not the cache"
        );
    }
}
