//! Sessions: one per page load, each with its components' state, its own typed state, its
//! trigger gates and its stream.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use crate::events::TriggerGates;

use super::{Stream, Toast};

/// A component's props as a JSON object.
pub type Props = Map<String, Value>;

/// A live session, as a handler sees it when it takes `Session` as a context argument: its id,
/// a typed state of its own, and toasts.
///
/// ```
/// use ferry_ui::prelude::*;
///
/// #[derive(Default)]
/// struct Clicks(u32);
///
/// let app = Blocks::new(|b| {
///     let go = b.add(Button::new("Click"));
///     let out = b.add(Textbox::new("Clicks"));
///     b.on(go.click(), (), out, |session: Session| {
///         let n = session.with_state(|clicks: &mut Clicks| {
///             clicks.0 += 1;
///             clicks.0
///         });
///         if n == 10 {
///             session.info("Ten clicks!");
///         }
///         n.to_string()
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Clicks"));
/// ```
#[derive(Clone)]
pub struct Session {
    pub(crate) data: Arc<SessionData>,
}

/// What a session's handlers left on the server.
#[derive(Default)]
struct Held {
    /// The props this session's handlers set, per component, over the page's own.
    props: Vec<(usize, Props)>,
    /// The session's typed state, by type.
    state: Vec<(TypeId, Box<dyn Any + Send>)>,
}

/// What the server holds for one session. Kept small (lists that stay empty until used rather
/// than maps), since an idle session costs only this: `scripts/bench-events.sh` measures it.
pub(crate) struct SessionData {
    /// The id: 32 lowercase hex digits.
    id: [u8; 32],
    /// When the session was last seen, in milliseconds since [`EPOCH`].
    seen: AtomicU64,
    /// The props this session's handlers set, and its typed state: one lock for both, made on
    /// first use, so that an idle session is one small allocation (`scripts/bench-events.sh`).
    held: Mutex<Option<Box<Held>>>,
    pub gates: TriggerGates,
    /// The runs started and not finished (see [`Session::try_start_run`]).
    runs: AtomicU32,
    /// Made when first used: a session that never opens its stream (an API client) or gets no
    /// message pays one pointer for it.
    stream: std::sync::OnceLock<Box<Stream>>,
}

impl SessionData {
    /// The session's stream, made on first use.
    pub fn stream(&self) -> &Stream {
        self.stream.get_or_init(Box::default)
    }

    /// Whether the stream was ended (the session ended).
    pub fn stream_closed(&self) -> bool {
        self.stream.get().is_some_and(|stream| stream.is_closed())
    }

    /// Ends the stream, when it was ever made: its open connections close.
    pub fn close_stream(&self) {
        if let Some(stream) = self.stream.get() {
            stream.close();
        }
    }
}

/// The origin of the sessions' clocks.
static EPOCH: LazyLock<Instant> = LazyLock::new(Instant::now);

fn now_ms() -> u64 {
    u64::try_from(EPOCH.elapsed().as_millis()).unwrap_or(u64::MAX)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Session {
    fn new(key: u128) -> Self {
        let mut id = [0u8; 32];
        id.copy_from_slice(format!("{key:032x}").as_bytes());
        Session {
            data: Arc::new(SessionData {
                id,
                seen: AtomicU64::new(now_ms()),
                held: Mutex::new(None),
                gates: TriggerGates::default(),
                runs: AtomicU32::new(0),
                stream: std::sync::OnceLock::new(),
            }),
        }
    }

    /// The session's id: 128 random bits in hex.
    pub fn id(&self) -> &str {
        // Always 32 ASCII hex digits, written in `new`.
        std::str::from_utf8(&self.data.id).unwrap_or_default()
    }

    /// Calls `f` with this session's value of type `T` (made with `T::default()` on first use)
    /// and returns what it returns. The value lives as long as the session.
    ///
    /// Do not call `with_state` again inside `f`: the state is locked while `f` runs.
    pub fn with_state<T: Default + Send + 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut held = lock(&self.data.held);
        let state = &mut held.get_or_insert_with(Box::default).state;
        let key = TypeId::of::<T>();
        let at = match state.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                state.push((key, Box::new(T::default())));
                state.len() - 1
            }
        };
        match state[at].1.downcast_mut::<T>() {
            Some(value) => f(value),
            // The map is keyed by the value's own type id: this arm is never taken.
            None => f(&mut T::default()),
        }
    }

    /// A copy of this session's value of type `T`, when it has one.
    pub fn state<T: Clone + Send + 'static>(&self) -> Option<T> {
        lock(&self.data.held)
            .as_ref()?
            .state
            .iter()
            .find(|(key, _)| *key == TypeId::of::<T>())
            .and_then(|(_, value)| value.downcast_ref::<T>())
            .cloned()
    }

    /// Shows an information toast in the session's page for 10 seconds: Gradio's `gr.Info`.
    pub fn info(&self, message: impl Into<String>) {
        self.toast(Toast::info(message));
    }

    /// Shows a warning toast in the session's page for 10 seconds: Gradio's `gr.Warning`.
    pub fn warning(&self, message: impl Into<String>) {
        self.toast(Toast::warning(message));
    }

    /// Shows a toast with its own title and duration in the session's page.
    pub fn toast(&self, toast: Toast) {
        self.data.stream().push(&toast.into_message());
    }

    /// The props this session's handlers set for `component`, when they set any.
    pub(crate) fn props_of<R>(&self, component: usize, f: impl FnOnce(Option<&Props>) -> R) -> R {
        f(lock(&self.data.held).as_ref().and_then(|held| {
            held.props
                .iter()
                .find(|(id, _)| *id == component)
                .map(|(_, props)| props)
        }))
    }

    /// Records props that updates sent to this session.
    pub(crate) fn record(&self, updates: &[(usize, Props)]) {
        if updates.is_empty() {
            return;
        }
        let mut held = lock(&self.data.held);
        let table = &mut held.get_or_insert_with(Box::default).props;
        for (component, props) in updates {
            let fresh = props.iter().map(|(k, v)| (k.clone(), v.clone()));
            match table.iter_mut().find(|(id, _)| id == component) {
                Some((_, held)) => held.extend(fresh),
                None => table.push((*component, fresh.collect())),
            }
        }
    }

    fn touch(&self) {
        self.data.seen.store(now_ms(), Ordering::Relaxed);
    }

    /// How long the session has not been seen; zero while a page holds its stream open.
    fn idle_for(&self, now_ms: u64) -> Duration {
        if self
            .data
            .stream
            .get()
            .is_some_and(|stream| stream.is_open())
        {
            return Duration::ZERO;
        }
        Duration::from_millis(now_ms.saturating_sub(self.data.seen.load(Ordering::Relaxed)))
    }

    /// Counts a run of this session until the returned guard is dropped, or `None` when
    /// `limit` runs are already counted.
    pub(crate) fn try_start_run(&self, limit: usize) -> Option<SessionRun> {
        let limit = u32::try_from(limit).unwrap_or(u32::MAX);
        self.data
            .runs
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |runs| {
                (runs < limit).then_some(runs + 1)
            })
            .ok()?;
        Some(SessionRun {
            session: self.clone(),
        })
    }

    /// Marks the session's stream as open until the returned guard is dropped: a session whose
    /// page holds its stream open is never idle. When the guard drops, the session counts as
    /// seen then.
    pub(crate) fn open_stream(&self) -> OpenStream {
        self.data.stream().connected();
        OpenStream {
            session: self.clone(),
        }
    }
}

/// One run of a session, counted until dropped (see [`Session::try_start_run`]).
pub(crate) struct SessionRun {
    session: Session,
}

impl Drop for SessionRun {
    fn drop(&mut self) {
        self.session.data.runs.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A page's open stream, counted until dropped (see [`Session::open_stream`]).
pub(crate) struct OpenStream {
    session: Session,
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.session.data.stream().disconnected();
        self.session.touch();
    }
}

/// Why a session could not start.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum StartRefused {
    /// The app holds as many live sessions as it may.
    Full(usize),
}

/// The live sessions, by their id's 128 bits.
#[derive(Default)]
pub(crate) struct Sessions {
    table: Mutex<HashMap<u128, Session>>,
}

/// The 128 bits of a session id: exactly 32 lowercase hex digits.
fn key_of(id: &str) -> Option<u128> {
    let lower_hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    (id.len() == 32 && id.as_bytes().iter().all(lower_hex))
        .then(|| u128::from_str_radix(id, 16).ok())
        .flatten()
}

impl Sessions {
    /// Starts a session, whatever the number of live ones.
    pub fn create(&self) -> Session {
        let key = rand::random::<u128>();
        let session = Session::new(key);
        lock(&self.table).insert(key, session.clone());
        session
    }

    /// Starts a session unless `max` are live.
    pub fn try_create(&self, max: usize) -> Result<Session, StartRefused> {
        let mut table = lock(&self.table);
        if table.len() >= max {
            return Err(StartRefused::Full(max));
        }
        let mut key = rand::random::<u128>();
        while table.contains_key(&key) {
            key = rand::random::<u128>();
        }
        let session = Session::new(key);
        table.insert(key, session.clone());
        Ok(session)
    }

    /// The live session with this id, marked as seen.
    pub fn get(&self, id: &str) -> Option<Session> {
        let session = lock(&self.table).get(&key_of(id)?).cloned()?;
        session.touch();
        Some(session)
    }

    /// Ends the sessions not seen for `idle` and returns them. A session whose page holds its
    /// stream open is kept.
    pub fn reap(&self, idle: Duration) -> Vec<Session> {
        let now = now_ms();
        let mut table = lock(&self.table);
        let expired: Vec<u128> = table
            .iter()
            .filter(|(_, session)| session.idle_for(now) > idle)
            .map(|(key, _)| *key)
            .collect();
        expired.iter().filter_map(|key| table.remove(key)).collect()
    }

    /// The number of live sessions.
    pub fn len(&self) -> usize {
        lock(&self.table).len()
    }
}
/// The per-session memory figure in the README (`scripts/bench-events.sh`) depends on this size:
/// with the `Arc`'s counts and the allocator's header, 104 bytes fill a 128-byte chunk; 112 would
/// take the next, 144.
#[cfg(all(test, target_pointer_width = "64"))]
mod size {
    #[test]
    fn a_session_stays_within_its_allocation_size_class() {
        let size = std::mem::size_of::<super::SessionData>();
        assert!(size <= 104, "SessionData grew to {size} bytes");
    }
}
