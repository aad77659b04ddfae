//! Sessions: one per page load, each with its components' state, its own typed state, its
//! trigger gates and its stream.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use crate::events::TriggerGates;
use crate::protocol::{StreamMessage, ToastLevel};

use super::Stream;

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

/// What the server holds for one session.
pub(crate) struct SessionData {
    pub id: String,
    seen: Mutex<Instant>,
    /// The props this session's handlers set, per component, over the page's own.
    props: Mutex<HashMap<usize, Props>>,
    state: Mutex<HashMap<TypeId, Box<dyn Any + Send>>>,
    pub gates: TriggerGates,
    pub stream: Stream,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Session {
    fn new(id: String) -> Self {
        Session {
            data: Arc::new(SessionData {
                id,
                seen: Mutex::new(Instant::now()),
                props: Mutex::default(),
                state: Mutex::default(),
                gates: TriggerGates::default(),
                stream: Stream::default(),
            }),
        }
    }

    /// The session's id: 128 random bits in hex.
    pub fn id(&self) -> &str {
        &self.data.id
    }

    /// Calls `f` with this session's value of type `T` (made with `T::default()` on first use)
    /// and returns what it returns. The value lives as long as the session.
    ///
    /// Do not call `with_state` again inside `f`: the state is locked while `f` runs.
    pub fn with_state<T: Default + Send + 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut state = lock(&self.data.state);
        let slot = state
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(T::default()));
        match slot.downcast_mut::<T>() {
            Some(value) => f(value),
            // The map is keyed by the value's own type id: this arm is never taken.
            None => f(&mut T::default()),
        }
    }

    /// A copy of this session's value of type `T`, when it has one.
    pub fn state<T: Clone + Send + 'static>(&self) -> Option<T> {
        lock(&self.data.state)
            .get(&TypeId::of::<T>())
            .and_then(|value| value.downcast_ref::<T>())
            .cloned()
    }

    /// Shows an information toast in the session's page: Gradio's `gr.Info`.
    pub fn info(&self, message: impl Into<String>) {
        self.toast(ToastLevel::Info, message.into());
    }

    /// Shows a warning toast in the session's page: Gradio's `gr.Warning`.
    pub fn warning(&self, message: impl Into<String>) {
        self.toast(ToastLevel::Warning, message.into());
    }

    fn toast(&self, level: ToastLevel, message: String) {
        self.data.stream.push(&StreamMessage::Toast {
            level,
            title: None,
            message,
        });
    }

    /// The props this session's handlers set for `component`, when they set any.
    pub(crate) fn props_of<R>(&self, component: usize, f: impl FnOnce(Option<&Props>) -> R) -> R {
        f(lock(&self.data.props).get(&component))
    }

    /// Records props that updates sent to this session.
    pub(crate) fn record(&self, updates: &[(usize, Props)]) {
        let mut table = lock(&self.data.props);
        for (component, props) in updates {
            table
                .entry(*component)
                .or_default()
                .extend(props.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }

    fn touch(&self) {
        *lock(&self.data.seen) = Instant::now();
    }

    fn idle_for(&self, now: Instant) -> Duration {
        now.duration_since(*lock(&self.data.seen))
    }
}

/// The live sessions.
#[derive(Default)]
pub(crate) struct Sessions {
    table: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Starts a session.
    pub fn create(&self) -> Session {
        let session = Session::new(format!("{:032x}", rand::random::<u128>()));
        lock(&self.table).insert(session.id().to_owned(), session.clone());
        session
    }

    /// The live session with this id, marked as seen.
    pub fn get(&self, id: &str) -> Option<Session> {
        let session = lock(&self.table).get(id).cloned()?;
        session.touch();
        Some(session)
    }

    /// Ends the sessions not seen for `idle` and returns them.
    pub fn reap(&self, idle: Duration) -> Vec<Session> {
        let now = Instant::now();
        let mut table = lock(&self.table);
        let expired: Vec<String> = table
            .iter()
            .filter(|(_, session)| session.idle_for(now) > idle)
            .map(|(id, _)| id.clone())
            .collect();
        expired.iter().filter_map(|id| table.remove(id)).collect()
    }

    /// The number of live sessions.
    pub fn len(&self) -> usize {
        lock(&self.table).len()
    }
}
