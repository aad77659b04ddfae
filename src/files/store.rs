//! The capability table: which random token names which file, for whom, until when.
//!
//! A [`Token`] is 128 random bits. The server issues one for every [`FileEntry`] the app hands
//! over and the browser only ever sees the token. A token is bound to the session that created
//! it ([`Owner::Session`]) or, for values built at app start-up, usable by every session
//! ([`Owner::App`]). Tokens may have a lifetime; a reaper task frees expired ones.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use super::source::FileEntry;
use super::spool::Spool;

/// An unguessable 128-bit name for a file; written as 32 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Token(u128);

impl Token {
    /// A fresh token from the thread-local cryptographically secure generator.
    pub fn random() -> Self {
        Self(rand::random())
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl fmt::Debug for Token {
    /// Shows only the first 8 hex digits, so that logs never hold a usable capability.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let full = self.to_string();
        write!(f, "Token({}…)", &full[..8])
    }
}

/// The error for a string that is not exactly 32 lowercase hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a file token is exactly 32 lowercase hex digits")]
pub struct BadToken;

impl FromStr for Token {
    type Err = BadToken;

    /// Parses exactly 32 lowercase hex digits; anything else (other lengths, uppercase, signs,
    /// spaces, `..`, NUL) is rejected.
    fn from_str(s: &str) -> Result<Self, BadToken> {
        let lower_hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
        if s.len() != 32 || !s.as_bytes().iter().all(lower_hex) {
            return Err(BadToken);
        }
        u128::from_str_radix(s, 16).map(Self).map_err(|_| BadToken)
    }
}

/// Who may use a token.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    /// Every session (values built at app start-up).
    App,
    /// Only the session with this id.
    Session(String),
}

struct Slot {
    owner: Owner,
    entry: Arc<FileEntry>,
    expires: Option<Instant>,
}

impl Slot {
    fn expired(&self, now: Instant) -> bool {
        self.expires.is_some_and(|t| t <= now)
    }
}

/// What the store knows of one session: its tokens, and which of them hold each component's
/// current value.
#[derive(Default)]
struct SessionTokens {
    tokens: HashSet<Token>,
    /// The token of each component's current value (set by [`FileStore::issue_current`]).
    current: Vec<(usize, Token)>,
    /// The tokens of each component's current upload (set by [`FileStore::replace_uploaded`]).
    uploaded: Vec<(usize, Vec<Token>)>,
}

/// The tables, behind one lock.
///
/// Costs, with `n` tokens in all and `k` of one session: [`FileStore::drop_session`] is `O(k)`
/// (the session's own index, not a scan of every token) and [`FileStore::reap`] `O(e log n)` for
/// `e` expired tokens (a heap of deadlines, not a scan). Measured by the ignored test
/// `dropping_one_session_among_a_million_tokens_is_quick` (`cargo test --release --lib --
/// --ignored store --nocapture`): on a busy 2-core machine, ending one session of 100 tokens
/// among 1,000,000 held the write lock for about 0.1 ms, where the scan it replaced took about
/// 140 ms.
#[derive(Default)]
struct Tables {
    slots: HashMap<Token, Slot>,
    sessions: HashMap<String, SessionTokens>,
    /// Each token with a deadline, soonest first. An entry whose token has gone or whose deadline
    /// changed is skipped when it comes up.
    deadlines: BinaryHeap<Reverse<(Instant, Token)>>,
}

impl Tables {
    /// Removes `token`; returns its slot.
    fn remove(&mut self, token: &Token) -> Option<Slot> {
        let slot = self.slots.remove(token)?;
        if let Owner::Session(session) = &slot.owner {
            if let Some(index) = self.sessions.get_mut(session) {
                index.tokens.remove(token);
                if index.tokens.is_empty() {
                    self.sessions.remove(session);
                }
            }
        }
        Some(slot)
    }

    /// Sets the deadline of the slot of `token`, keeping an earlier one.
    fn expire_by(&mut self, token: Token, deadline: Option<Instant>) {
        let Some(slot) = self.slots.get_mut(&token) else {
            return;
        };
        let earlier = match (slot.expires, deadline) {
            (Some(old), Some(new)) => Some(old.min(new)),
            (old, new) => old.or(new),
        };
        if earlier != slot.expires {
            slot.expires = earlier;
            if let Some(at) = earlier {
                self.deadlines.push(Reverse((at, token)));
            }
        }
    }

    /// Rebuilds the heap from the slots when stale entries outnumber live ones.
    fn compact_deadlines(&mut self) {
        if self.deadlines.len() <= 2 * self.slots.len() + 1024 {
            return;
        }
        self.deadlines = self
            .slots
            .iter()
            .filter_map(|(token, slot)| Some(Reverse((slot.expires?, *token))))
            .collect();
    }
}

/// The table of issued tokens. Cheap to share behind an `Arc`; all methods take `&self`.
///
/// ```
/// use std::sync::Arc;
/// use bytes::Bytes;
/// use ferry_ui::files::{FileEntry, FileStore, Owner};
/// use ferry_ui::files::source::EntryBody;
///
/// let store = FileStore::new();
/// let entry = Arc::new(FileEntry::new("a.txt", "text/plain", EntryBody::from_bytes(Bytes::from("hi"))));
/// let token = store.issue(Owner::Session("s1".into()), entry);
/// assert!(store.get(&token.to_string(), "s1").is_some());
/// assert!(store.get(&token.to_string(), "s2").is_none());
/// ```
#[derive(Default)]
pub struct FileStore {
    tables: RwLock<Tables>,
    /// Where the readers and streams of the values it publishes are spooled.
    spool: Spool,
}

impl fmt::Debug for FileStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileStore")
            .field("len", &self.len())
            .finish()
    }
}

impl FileStore {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty table whose published readers and streams are spooled into `spool`.
    pub fn with_spool(spool: Spool) -> Self {
        Self {
            tables: RwLock::default(),
            spool,
        }
    }

    /// Where the readers and streams of the values it publishes are spooled. A spooled file
    /// is removed when the last token (or other holder) of its entry goes: when its session
    /// ends, for instance.
    pub fn spool(&self) -> &Spool {
        &self.spool
    }

    fn read(&self) -> RwLockReadGuard<'_, Tables> {
        self.tables.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Tables> {
        self.tables.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Issues a token for `entry`, usable by `owner` until the session is dropped.
    pub fn issue(&self, owner: Owner, entry: Arc<FileEntry>) -> Token {
        self.insert(owner, entry, None)
    }

    /// Issues a token for `entry` that expires after `ttl`.
    pub fn issue_with_ttl(&self, owner: Owner, entry: Arc<FileEntry>, ttl: Duration) -> Token {
        self.insert(owner, entry, Instant::now().checked_add(ttl))
    }

    fn insert(&self, owner: Owner, entry: Arc<FileEntry>, expires: Option<Instant>) -> Token {
        let mut tables = self.write();
        let mut token = Token::random();
        while tables.slots.contains_key(&token) {
            token = Token::random();
        }
        if let Owner::Session(session) = &owner {
            match tables.sessions.get_mut(session) {
                Some(index) => {
                    index.tokens.insert(token);
                }
                None => {
                    let mut index = SessionTokens::default();
                    index.tokens.insert(token);
                    tables.sessions.insert(session.clone(), index);
                }
            }
        }
        if let Some(at) = expires {
            tables.deadlines.push(Reverse((at, token)));
        }
        tables.slots.insert(
            token,
            Slot {
                owner,
                entry,
                expires,
            },
        );
        token
    }

    /// The entry named by `token` for `session`.
    ///
    /// `None` when the token is malformed, unknown, expired, or belongs to another session.
    /// Tokens owned by [`Owner::App`] work for every session.
    pub fn get(&self, token: &str, session: &str) -> Option<Arc<FileEntry>> {
        let token: Token = token.parse().ok()?;
        let tables = self.read();
        let slot = tables.slots.get(&token)?;
        if slot.expired(Instant::now()) {
            return None;
        }
        match &slot.owner {
            Owner::App => Some(Arc::clone(&slot.entry)),
            Owner::Session(s) if s == session => Some(Arc::clone(&slot.entry)),
            Owner::Session(_) => None,
        }
    }

    /// Issues a token for the new value of `component` in `session`. The token of its previous
    /// value stays valid for `grace` (so a download of it can still resume), then expires: a
    /// value recomputed every second does not pile up files for the session's whole life.
    pub fn issue_current(
        &self,
        session: &str,
        component: usize,
        entry: Arc<FileEntry>,
        grace: Duration,
    ) -> Token {
        let token = self.issue(Owner::Session(session.to_owned()), entry);
        let mut tables = self.write();
        let Some(index) = tables.sessions.get_mut(session) else {
            return token;
        };
        let previous = match index.current.iter_mut().find(|(c, _)| *c == component) {
            Some((_, held)) => Some(std::mem::replace(held, token)),
            None => {
                index.current.push((component, token));
                None
            }
        };
        if let Some(previous) = previous {
            tables.expire_by(previous, Instant::now().checked_add(grace));
        }
        token
    }

    /// Records `tokens` as the files uploaded to `component` in `session` now, forgets the
    /// tokens of the files uploaded to it before, and returns their entries, so that the caller
    /// can remove those files: an upload replaces the previous one.
    pub fn replace_uploaded(
        &self,
        session: &str,
        component: usize,
        tokens: Vec<Token>,
    ) -> Vec<Arc<FileEntry>> {
        let mut tables = self.write();
        if !tables.sessions.contains_key(session) {
            if tokens.is_empty() {
                return Vec::new();
            }
            tables
                .sessions
                .insert(session.to_owned(), SessionTokens::default());
        }
        let Some(index) = tables.sessions.get_mut(session) else {
            return Vec::new();
        };
        let previous = match index.uploaded.iter_mut().find(|(c, _)| *c == component) {
            Some((_, held)) => std::mem::replace(held, tokens),
            None => {
                index.uploaded.push((component, tokens));
                Vec::new()
            }
        };
        previous
            .iter()
            .filter_map(|token| tables.remove(token))
            .map(|slot| slot.entry)
            .collect()
    }

    /// Forgets one token. Returns whether it was there.
    pub fn remove(&self, token: &Token) -> bool {
        self.write().remove(token).is_some()
    }

    /// Forgets every token of `session`; returns how many. App-wide tokens stay.
    ///
    /// Touches only that session's tokens, through its own index: the write lock is held for a
    /// time that grows with the session's files, not with every session's.
    pub fn drop_session(&self, session: &str) -> usize {
        let mut tables = self.write();
        let Some(index) = tables.sessions.remove(session) else {
            return 0;
        };
        for token in &index.tokens {
            tables.slots.remove(token);
        }
        index.tokens.len()
    }

    /// Forgets every expired token; returns how many.
    ///
    /// Takes the expired deadlines off a heap: the work grows with the tokens that expired,
    /// not with every token held.
    pub fn reap(&self) -> usize {
        let now = Instant::now();
        let mut tables = self.write();
        let mut reaped = 0;
        while let Some(Reverse((at, token))) = tables.deadlines.peek().copied() {
            if at > now {
                break;
            }
            tables.deadlines.pop();
            let current = tables.slots.get(&token).and_then(|slot| slot.expires);
            if current == Some(at) && tables.remove(&token).is_some() {
                reaped += 1;
            }
        }
        tables.compact_deadlines();
        reaped
    }

    /// The number of tokens held, expired ones included until reaped.
    pub fn len(&self) -> usize {
        self.read().slots.len()
    }

    /// Whether no token is held.
    pub fn is_empty(&self) -> bool {
        self.read().slots.is_empty()
    }

    /// The number of tokens `session` holds, expired ones included until reaped.
    pub fn session_len(&self, session: &str) -> usize {
        self.read()
            .sessions
            .get(session)
            .map_or(0, |index| index.tokens.len())
    }

    /// Spawns a task that calls [`reap`](Self::reap) every `every` (at least 1 ms).
    ///
    /// The task ends by itself once the store is dropped; abort the handle to stop it sooner.
    /// Must be called inside a Tokio runtime.
    pub fn spawn_reaper(self: &Arc<Self>, every: Duration) -> tokio::task::JoinHandle<()> {
        let weak = Arc::downgrade(self);
        let every = every.max(Duration::from_millis(1));
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                let Some(store) = weak.upgrade() else { break };
                store.reap();
            }
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::files::source::EntryBody;
    use bytes::Bytes;

    fn entry(text: &'static str) -> Arc<FileEntry> {
        Arc::new(FileEntry::new(
            "a.txt",
            "text/plain",
            EntryBody::from_bytes(Bytes::from_static(text.as_bytes())),
        ))
    }

    fn session(s: &str) -> Owner {
        Owner::Session(s.to_owned())
    }

    #[test]
    fn token_text_round_trip() {
        let t = Token::random();
        let s = t.to_string();
        assert_eq!(s.len(), 32);
        assert!(s
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(s.parse::<Token>(), Ok(t));
        assert_ne!(Token::random(), Token::random());
        assert_eq!(Token(1).to_string(), "00000000000000000000000000000001");
        assert!(!format!("{t:?}").contains(&s));
    }

    #[test]
    fn token_parse_rejects() {
        let bad = [
            "",
            "abc",
            "0000000000000000000000000000000",
            "000000000000000000000000000000000",
            "0000000000000000000000000000000G",
            "0000000000000000000000000000000A",
            "+000000000000000000000000000000f",
            " 0000000000000000000000000000000",
            "../../../../../../etc/passwd0000",
            "000000000000000000000000000000\0\0",
            "ééééééééééééééé00",
        ];
        for s in bad {
            assert_eq!(s.parse::<Token>(), Err(BadToken), "{s:?}");
        }
    }

    #[test]
    fn sessions_are_isolated() {
        let store = FileStore::new();
        let a = store.issue(session("A"), entry("a"));
        let app = store.issue(Owner::App, entry("app"));
        assert!(store.get(&a.to_string(), "A").is_some());
        assert!(store.get(&a.to_string(), "B").is_none());
        assert!(store.get(&a.to_string(), "").is_none());
        assert!(store.get(&app.to_string(), "A").is_some());
        assert!(store.get(&app.to_string(), "anything").is_some());
        assert!(store.get(&Token::random().to_string(), "A").is_none());
        assert!(store.get("not-a-token", "A").is_none());
        assert!(store.get(&a.to_string().to_uppercase(), "A").is_none());
    }

    #[test]
    fn drop_session_and_remove() {
        let store = FileStore::new();
        let a1 = store.issue(session("A"), entry("1"));
        store.issue(session("A"), entry("2"));
        let b = store.issue(session("B"), entry("3"));
        let app = store.issue(Owner::App, entry("4"));
        assert_eq!(store.len(), 4);
        assert_eq!(store.drop_session("A"), 2);
        assert_eq!(store.drop_session("A"), 0);
        assert!(store.get(&a1.to_string(), "A").is_none());
        assert!(store.get(&b.to_string(), "B").is_some());
        assert!(store.get(&app.to_string(), "A").is_some());
        assert!(store.remove(&b));
        assert!(!store.remove(&b));
        assert_eq!(store.len(), 1);
        assert!(!store.is_empty());
    }

    #[test]
    fn ttl_and_reap() {
        let store = FileStore::new();
        let gone = store.issue_with_ttl(session("A"), entry("x"), Duration::ZERO);
        let kept = store.issue_with_ttl(session("A"), entry("y"), Duration::from_secs(3600));
        let forever = store.issue(session("A"), entry("z"));
        assert!(store.get(&gone.to_string(), "A").is_none());
        assert!(store.get(&kept.to_string(), "A").is_some());
        assert_eq!(store.reap(), 1);
        assert_eq!(store.reap(), 0);
        assert_eq!(store.len(), 2);
        assert!(store.get(&forever.to_string(), "A").is_some());
        // An absurd TTL never overflows: it just never expires.
        let huge = store.issue_with_ttl(Owner::App, entry("h"), Duration::MAX);
        assert!(store.get(&huge.to_string(), "A").is_some());
    }

    #[test]
    fn entries_are_freed() {
        let store = FileStore::new();
        let e = entry("x");
        store.issue(session("A"), Arc::clone(&e));
        assert_eq!(Arc::strong_count(&e), 2);
        store.drop_session("A");
        assert_eq!(Arc::strong_count(&e), 1);
    }

    #[test]
    fn survives_a_poisoned_lock() {
        let store = Arc::new(FileStore::new());
        let t = store.issue(Owner::App, entry("x"));
        let s2 = Arc::clone(&store);
        let _ = std::thread::spawn(move || {
            let _guard = s2.tables.write().unwrap();
            panic!("poison");
        })
        .join();
        assert!(store.tables.is_poisoned());
        assert!(store.get(&t.to_string(), "A").is_some());
        assert_eq!(store.len(), 1);
    }

    #[tokio::test]
    async fn reaper_runs_and_stops_with_the_store() {
        let store = Arc::new(FileStore::new());
        store.issue_with_ttl(Owner::App, entry("x"), Duration::from_millis(10));
        store.issue(Owner::App, entry("kept"));
        let handle = store.spawn_reaper(Duration::from_millis(20));
        for _ in 0..100 {
            if store.len() == 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(store.len(), 1);
        drop(store);
        tokio::time::timeout(Duration::from_secs(1), handle)
            .await
            .unwrap()
            .unwrap();
    }

    #[test]
    fn a_replaced_current_value_expires_after_its_grace() {
        let store = FileStore::new();
        let entry = || {
            Arc::new(FileEntry::new(
                "a.txt",
                "text/plain",
                EntryBody::from_bytes(Bytes::from("a")),
            ))
        };
        let first = store.issue_current("s1", 7, entry(), Duration::ZERO);
        let other_component = store.issue_current("s1", 8, entry(), Duration::ZERO);
        assert!(store.get(&first.to_string(), "s1").is_some());
        let second = store.issue_current("s1", 7, entry(), Duration::ZERO);
        assert!(
            store.get(&first.to_string(), "s1").is_none(),
            "replaced value still served"
        );
        assert!(store.get(&second.to_string(), "s1").is_some());
        assert!(store.get(&other_component.to_string(), "s1").is_some());
        assert_eq!(store.reap(), 1);
        assert_eq!(store.drop_session("s1"), 2);
        let third = store.issue_current("s1", 7, entry(), Duration::ZERO);
        assert!(
            store.get(&third.to_string(), "s1").is_some(),
            "a new session life starts clean"
        );
    }

    #[test]
    fn dropping_a_session_removes_exactly_its_tokens_and_leaves_the_others() {
        let store = FileStore::new();
        let mut kept = Vec::new();
        for s in ["B", "C"] {
            for i in 0..50 {
                kept.push((
                    s,
                    store.issue(session(s), entry(if i % 2 == 0 { "x" } else { "y" })),
                ));
            }
        }
        let app = store.issue(Owner::App, entry("app"));
        let mine: Vec<Token> = (0..30)
            .map(|_| store.issue(session("A"), entry("a")))
            .collect();
        let current = store.issue_current("A", 3, entry("c"), Duration::from_secs(60));
        let timed = store.issue_with_ttl(session("A"), entry("t"), Duration::from_secs(60));
        assert_eq!(store.session_len("A"), 32);
        assert_eq!(store.drop_session("A"), 32);
        assert_eq!(store.session_len("A"), 0);
        for token in mine.iter().chain([&current, &timed]) {
            assert!(store.get(&token.to_string(), "A").is_none());
        }
        assert_eq!(store.len(), 101);
        for (s, token) in &kept {
            assert!(store.get(&token.to_string(), s).is_some());
        }
        assert!(store.get(&app.to_string(), "A").is_some());
        // The timed token's deadline is still on the heap; reaping it later counts nothing.
        assert_eq!(store.reap(), 0);
    }

    #[test]
    fn an_upload_replaces_the_previous_one_of_its_component_only() {
        let store = FileStore::new();
        let first: Vec<Token> = (0..2)
            .map(|_| store.issue(session("A"), entry("1")))
            .collect();
        assert!(store.replace_uploaded("A", 4, first.clone()).is_empty());
        let other = store.issue(session("A"), entry("o"));
        assert!(store.replace_uploaded("A", 5, vec![other]).is_empty());
        let second = store.issue(session("A"), entry("2"));
        let replaced = store.replace_uploaded("A", 4, vec![second]);
        assert_eq!(replaced.len(), 2);
        for token in &first {
            assert!(store.get(&token.to_string(), "A").is_none());
        }
        assert!(store.get(&second.to_string(), "A").is_some());
        assert!(store.get(&other.to_string(), "A").is_some());
        assert_eq!(store.session_len("A"), 2);
        assert!(store.replace_uploaded("B", 4, Vec::new()).is_empty());
    }

    #[test]
    fn reaping_takes_only_expired_deadlines_and_skips_stale_ones() {
        let store = FileStore::new();
        let soon = store.issue_with_ttl(session("A"), entry("s"), Duration::ZERO);
        let removed = store.issue_with_ttl(session("A"), entry("r"), Duration::ZERO);
        let later = store.issue_with_ttl(session("A"), entry("l"), Duration::from_secs(3600));
        assert!(store.remove(&removed));
        assert_eq!(store.reap(), 1);
        assert!(store.get(&soon.to_string(), "A").is_none());
        assert!(store.get(&later.to_string(), "A").is_some());
        assert_eq!(store.len(), 1);
    }

    /// The cost of ending one session among many, as the comment on `Tables` reports it:
    /// `cargo test --release --lib -- --ignored store --nocapture`.
    #[test]
    #[ignore = "a micro-benchmark; run by hand"]
    fn dropping_one_session_among_a_million_tokens_is_quick() {
        let store = FileStore::new();
        let shared = entry("x");
        for s in 0..10_000 {
            let owner = session(&format!("{s:032x}"));
            for _ in 0..100 {
                store.issue(owner.clone(), Arc::clone(&shared));
            }
        }
        let started = Instant::now();
        assert_eq!(store.drop_session(&format!("{:032x}", 5_000)), 100);
        let took = started.elapsed();
        // What ending a session cost before the index: a scan of every token.
        let mut all: HashMap<Token, Owner> = HashMap::new();
        for s in 0..10_000 {
            for _ in 0..100 {
                all.insert(Token::random(), session(&format!("{s:032x}")));
            }
        }
        let gone = session(&format!("{:032x}", 5_000));
        let started = Instant::now();
        all.retain(|_, owner| *owner != gone);
        let scan = started.elapsed();
        println!(
            "drop_session of 100 tokens among {}: {took:?}; a scan of them all: {scan:?}",
            store.len() + 100
        );
        assert!(took < scan / 10, "{took:?} against {scan:?}");
    }
}
