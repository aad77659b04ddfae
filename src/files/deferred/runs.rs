//! [`DeferredRuns`]: the runs of deferred functions, one per session, button and inputs, and the
//! files they made, kept for a while.
//!
//! A click on a deferred download button is an ordinary run of a hidden event of the page (so it
//! has the event system's progress, busy state, errors and bounds), whose handler is
//! [`DeferredRuns::click`]: it gives back the file kept from an earlier click, joins the run
//! already going, or starts one. The function itself runs as a task of its own with its own
//! cancellation token, so that a click that leaves (its answer is no longer awaited) does not
//! stop it, while the cancel control, the page closing, the session ending and the time limit do.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::watch;

use crate::components::{Component, DownloadButton};
use crate::events::{CancelToken, OutValue, Output, RunContext, RunError, Update};
use crate::files::roots::ServeRoots;
use crate::files::source::{DeferredFn, EntryBody};
use crate::files::value::describe;
use crate::files::{FileSource, FileStore, Owner, Resolved, Token};
use crate::runtime::Session;

use super::Scratch;

/// The most runs of deferred functions one session may have going at once (clicks that join a
/// run do not count).
pub(crate) const MAX_RUNNING_PER_SESSION: usize = 4;

/// The most finished files one session keeps; the oldest goes first.
pub(crate) const MAX_KEPT_PER_SESSION: usize = 8;

/// The longest a finished file is kept, whatever `keep_for` says.
const MAX_KEEP_FOR: Duration = Duration::from_secs(24 * 60 * 60);

/// How long a page's stream may stay closed before its runs are cancelled (the page was closed;
/// a reload or a dropped connection reconnects within about a second).
const PAGE_GONE_AFTER: Duration = Duration::from_secs(5);

/// The runs and kept files of every session.
#[derive(Default)]
pub(crate) struct DeferredRuns {
    files: OnceLock<(Arc<FileStore>, Arc<ServeRoots>)>,
    /// The folder of every run's [`Scratch`] folder, made on first use and removed when the app
    /// is dropped.
    base: OnceLock<Option<tempfile::TempDir>>,
    sessions: Mutex<HashMap<String, SessionRuns>>,
    /// The buttons declared with a deferred value (`value_deferred`).
    declared: OnceLock<HashSet<usize>>,
    /// Numbers the deferred files handlers give buttons, so that a file kept for one is never
    /// given back for another.
    assignments: AtomicU64,
}

#[derive(Default)]
struct SessionRuns {
    running: Vec<Running>,
    kept: VecDeque<Arc<Kept>>,
    /// The deferred files handlers gave this session's buttons, by button.
    assigned: HashMap<usize, Assigned>,
}

/// A deferred file a handler gave a button (rather than declared with it).
#[derive(Clone)]
pub(crate) struct Assigned {
    /// Unique to this assignment: part of its runs' key.
    pub number: u64,
    pub source: FileSource,
}

/// What identifies a run: the button and the inputs' values.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Key {
    component: usize,
    inputs: [u8; 16],
}

struct Running {
    key: Key,
    shared: Arc<Shared>,
}

/// What the clicks that wait for one run share.
struct Shared {
    cancel: CancelToken,
    done: watch::Sender<Option<Outcome>>,
}

type Outcome = Result<Arc<Kept>, Arc<RunError>>;

/// A finished file, kept for its session.
struct Kept {
    key: Key,
    /// Whether a later click may download it again: not a stream sent once as it is produced.
    reusable: bool,
    token: Option<Token>,
    value: Value,
    expires: Instant,
    /// Its run's scratch folder: removed when the file is no longer kept.
    _scratch: Scratch,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl DeferredRuns {
    /// Gives the runs the app's file store and roots (once the runtime exists).
    pub fn bind(&self, store: Arc<FileStore>, roots: Arc<ServeRoots>) {
        let _ = self.files.set((store, roots));
    }

    /// Records the buttons declared with a deferred value (once, when the page is built).
    pub fn declare(&self, buttons: HashSet<usize>) {
        let _ = self.declared.set(buttons);
    }

    /// Whether button `component` was declared with a deferred value.
    pub fn is_declared(&self, component: usize) -> bool {
        self.declared
            .get()
            .is_some_and(|declared| declared.contains(&component))
    }

    /// A handler gave button `component` of `session` the deferred file `source`: its clicks
    /// run that function from now on. The function takes no inputs (it captures what the
    /// handler had); a function that lists some is refused with the reason.
    pub fn assign(
        &self,
        session: &str,
        component: usize,
        source: FileSource,
    ) -> Result<(), String> {
        let arity = source.deferred_fn().map_or(0, |f| f.arity);
        if arity > 0 {
            return Err(format!(
                "a deferred file returned by a handler takes no inputs (its function takes {arity}): it captures the values it needs"
            ));
        }
        let number = self.assignments.fetch_add(1, Ordering::Relaxed);
        lock(&self.sessions)
            .entry(session.to_owned())
            .or_default()
            .assigned
            .insert(component, Assigned { number, source });
        Ok(())
    }

    /// A handler gave button `component` a value that is not deferred: forgets the deferred
    /// file a handler gave it before, and says whether there was one.
    pub fn unassign(&self, session: &str, component: usize) -> bool {
        lock(&self.sessions)
            .get_mut(session)
            .is_some_and(|runs| runs.assigned.remove(&component).is_some())
    }

    /// The deferred file a handler gave button `component` of `session`, if any.
    pub fn assigned(&self, session: &str, component: usize) -> Option<Assigned> {
        lock(&self.sessions)
            .get(session)
            .and_then(|runs| runs.assigned.get(&component).cloned())
    }

    /// Where a new run's scratch folder goes.
    fn scratch_for(&self, session: &str) -> Scratch {
        let base = self.base.get_or_init(|| {
            tempfile::Builder::new()
                .prefix("ferry-deferred-")
                .tempdir()
                .inspect_err(|error| tracing::error!(%error, "no folder for deferred files"))
                .ok()
        });
        let name = format!("{session}-{:032x}", rand::random::<u128>());
        let dir = match base {
            Some(base) => base.path().join(name),
            None => std::env::temp_dir().join(format!("ferry-deferred-{name}")),
        };
        Scratch::at(dir)
    }

    /// A click on deferred button `component`: the download of the file kept from an earlier
    /// click with the same inputs (unless `fresh_each_click`), of the run going for them (which
    /// it joins), or of a new run. `declared` is the button's source (its name and type win).
    pub async fn click(
        self: Arc<Self>,
        component: usize,
        declared: &FileSource,
        values: Vec<Value>,
        cx: RunContext,
    ) -> Result<Option<Vec<Output>>, RunError> {
        let key = values.clone();
        self.click_as(component, declared, values, key, cx).await
    }

    /// [`click`](Self::click) with the run identified by `key` rather than by the inputs'
    /// values (a script's function takes none: what it captured is told by its page's
    /// generation).
    pub async fn click_as(
        self: Arc<Self>,
        component: usize,
        declared: &FileSource,
        values: Vec<Value>,
        key: Vec<Value>,
        cx: RunContext,
    ) -> Result<Option<Vec<Output>>, RunError> {
        let Some(function) = declared.deferred_fn() else {
            return Err(RunError::Output(
                "this download button has no deferred file".into(),
            ));
        };
        let key = Key {
            component,
            inputs: inputs_key(&key),
        };
        let session = cx.session.id().to_owned();
        let shared = {
            let mut sessions = lock(&self.sessions);
            let runs = sessions.entry(session.clone()).or_default();
            runs.forget_expired(Instant::now());
            if !function.options.fresh_each_click {
                if let Some(kept) = runs.kept.iter().rev().find(|k| k.key == key) {
                    return Ok(Some(vec![download_update(kept.value.clone())]));
                }
            }
            match runs.running.iter().find(|r| r.key == key) {
                Some(running) => Arc::clone(&running.shared),
                None => {
                    if runs.running.len() >= MAX_RUNNING_PER_SESSION {
                        return Err(at(component, RunError::Shown(crate::Error::new(format!(
                            "this session is already making {MAX_RUNNING_PER_SESSION} files: wait for one to finish"
                        )))));
                    }
                    let shared = Arc::new(Shared {
                        cancel: CancelToken::default(),
                        done: watch::channel(None).0,
                    });
                    runs.running.push(Running {
                        key,
                        shared: Arc::clone(&shared),
                    });
                    let run = RunOne {
                        key,
                        function: Arc::clone(function),
                        declared: declared.clone(),
                        scratch: self.scratch_for(&session),
                        shared: Arc::clone(&shared),
                    };
                    tokio::spawn(Arc::clone(&self).run(run, values, cx.clone()));
                    shared
                }
            }
        };
        let mut done = shared.done.subscribe();
        let outcome = tokio::select! {
            outcome = done.wait_for(Option::is_some) => outcome.ok().and_then(|o| o.clone()),
            () = cx.cancel.cancelled() => return Err(RunError::Cancelled),
        };
        drop(cx);
        match outcome {
            Some(Ok(kept)) => Ok(Some(vec![download_update(kept.value.clone())])),
            Some(Err(error)) => Err(copy_error(&error)),
            None => Err(RunError::Cancelled),
        }
    }

    /// Cancels the runs of button `component` for `session`: their functions stop at their next
    /// `.await` or cancellation check, and every click waiting for them ends, saying nothing.
    pub fn cancel(&self, session: &str, component: usize) {
        if let Some(runs) = lock(&self.sessions).get(session) {
            for running in runs.running.iter().filter(|r| r.key.component == component) {
                running.shared.cancel.cancel();
            }
        }
    }

    /// `session` ended: its runs are cancelled, its kept files forgotten and their scratch
    /// folders removed (a function still running removes its own when it stops).
    pub fn end_session(&self, session: &str) {
        let Some(runs) = lock(&self.sessions).remove(session) else {
            return;
        };
        for running in &runs.running {
            running.shared.cancel.cancel();
        }
        if let Some((store, _)) = self.files.get() {
            for kept in &runs.kept {
                if let Some(token) = &kept.token {
                    store.remove(token);
                }
            }
        }
    }

    /// Runs one deferred function to its end and tells the clicks waiting for it.
    async fn run(self: Arc<Self>, run: RunOne, values: Vec<Value>, cx: RunContext) {
        let session = cx.session.id().to_owned();
        let outcome = self.execute(&run, values, &cx).await;
        drop(cx);
        let outcome = match outcome {
            Ok(kept) => self.keep(&session, &run, kept),
            Err(error) => {
                if !matches!(error, RunError::Cancelled) && error.is_logged() {
                    tracing::warn!(component = run.key.component, %error, "a deferred file failed");
                }
                self.stop(&session, &run);
                Err(Arc::new(error))
            }
        };
        run.shared.done.send_replace(Some(outcome));
    }
}

/// One run about to start.
struct RunOne {
    key: Key,
    function: Arc<DeferredFn>,
    declared: FileSource,
    scratch: Scratch,
    shared: Arc<Shared>,
}

impl DeferredRuns {
    /// Calls the function with its own context and publishes its file.
    async fn execute(
        &self,
        run: &RunOne,
        values: Vec<Value>,
        cx: &RunContext,
    ) -> Result<Kept, RunError> {
        let cancel = run.shared.cancel.clone();
        let own = RunContext {
            inputs: cx.inputs.clone(),
            session: cx.session.clone(),
            progress: cx.progress.clone(),
            cancel: cancel.clone(),
            items: tokio::sync::mpsc::channel(1).0,
            scratch: Some(run.scratch.clone()),
            // The click's concurrency slot and place among its session's runs, held until the
            // function has really stopped.
            _slot: Arc::clone(&cx._slot),
        };
        let mut task = tokio::spawn((run.function.handler)(values, own));
        let abort = task.abort_handle();
        let limit = run.function.options.time_limit;
        let time_up = async {
            match limit {
                Some(limit) => tokio::time::sleep(limit).await,
                None => std::future::pending().await,
            }
        };
        let outputs = tokio::select! {
            biased;
            () = cancel.cancelled() => {
                abort.abort();
                return Err(RunError::Cancelled);
            }
            () = time_up => {
                cancel.cancel();
                abort.abort();
                return Err(at(run.key.component, RunError::TimedOut(limit.unwrap_or_default())));
            }
            () = page_gone(&cx.session) => {
                cancel.cancel();
                abort.abort();
                return Err(RunError::Cancelled);
            }
            joined = &mut task => joined
                .map_err(RunError::from_join)
                .and_then(|outputs| outputs)
                .map_err(|error| at(run.key.component, error))?,
        };
        let component = run.key.component;
        let source = match outputs.map(|mut o| (o.len(), o.pop())) {
            Some((1, Some(Output::Value(OutValue::File(source))))) => source,
            _ => {
                return Err(at(
                    component,
                    RunError::Output("the deferred function made no file".into()),
                ))
            }
        };
        let (token, value, reusable) = self
            .publish(cx.session.id(), source, run)
            .await
            .map_err(|e| at(component, e))?;
        Ok(Kept {
            key: run.key,
            reusable,
            token,
            value,
            expires: Instant::now() + keep_for(&run.function),
            _scratch: run.scratch.clone(),
        })
    }

    /// Serves a function's file for `session` until the session no longer keeps it.
    async fn publish(
        &self,
        session: &str,
        mut source: FileSource,
        run: &RunOne,
    ) -> Result<(Option<Token>, Value, bool), RunError> {
        let Some((store, roots)) = self.files.get() else {
            return Err(RunError::Output("the app is not serving".into()));
        };
        if run.function.options.streamlit_mime {
            source = source.with_streamlit_mime();
        }
        if let Some(name) = run.declared.file_name_set() {
            source = source.file_name(name);
        }
        if let Some(mime) = run.declared.mime_override() {
            source = source.mime_type(mime);
        }
        let shown = |e: crate::files::FileError| RunError::Shown(crate::Error::new(e.to_string()));
        // A file in the run's own scratch folder was made by the app for this run: served as
        // it is. Any other path was chosen at run time: only under the app's roots.
        let resolved = match source.as_path() {
            Some(path) if run.scratch.holds(path) => {
                let resolved = source
                    .resolve_with(None, store.spool())
                    .await
                    .map_err(shown)?;
                if in_folder(&resolved, &run.scratch) {
                    resolved
                } else {
                    source
                        .resolve_with(Some(roots), store.spool())
                        .await
                        .map_err(shown)?
                }
            }
            // A reader or a stream is spooled (or streamed directly) as any handler's is.
            _ => source
                .resolve_with(Some(roots), store.spool())
                .await
                .map_err(shown)?,
        };
        Ok(match resolved {
            Resolved::Served(entry) => {
                let reusable = !matches!(entry.body(), EntryBody::Direct(_));
                let owner = Owner::Session(session.to_owned());
                let token =
                    store.issue_with_ttl(owner, Arc::clone(&entry), keep_for(&run.function));
                (Some(token), describe(session, &token, &entry), reusable)
            }
            Resolved::External { url, file_name } => (
                None,
                json!({ "url": url, "file_name": file_name, "size": null,
                        "mime_type": null, "external": true }),
                true,
            ),
        })
    }

    /// Records a finished file for its session (unless the session ended meanwhile) and
    /// forgets it when its time is up.
    fn keep(self: &Arc<Self>, session: &str, run: &RunOne, kept: Kept) -> Outcome {
        let kept = Arc::new(kept);
        let mut sessions = lock(&self.sessions);
        let Some(runs) = sessions.get_mut(session) else {
            drop(sessions);
            self.forget_token(&kept);
            return Err(Arc::new(RunError::Cancelled));
        };
        runs.running
            .retain(|r| !Arc::ptr_eq(&r.shared, &run.shared));
        if !kept.reusable {
            // Sent once as it is produced: the next click runs the function again.
            return Ok(kept);
        }
        runs.kept.push_back(Arc::clone(&kept));
        let mut evicted = Vec::new();
        while runs.kept.len() > MAX_KEPT_PER_SESSION {
            evicted.extend(runs.kept.pop_front());
        }
        drop(sessions);
        for old in &evicted {
            self.forget_token(old);
        }
        let engine: Weak<Self> = Arc::downgrade(self);
        let (session, wait, held) = (
            session.to_owned(),
            kept.expires.saturating_duration_since(Instant::now()),
            Arc::downgrade(&kept),
        );
        tokio::spawn(async move {
            tokio::time::sleep(wait).await;
            if let (Some(engine), Some(kept)) = (engine.upgrade(), held.upgrade()) {
                let mut sessions = lock(&engine.sessions);
                if let Some(runs) = sessions.get_mut(&session) {
                    runs.kept.retain(|k| !Arc::ptr_eq(k, &kept));
                    if runs.is_empty() {
                        sessions.remove(&session);
                    }
                }
            }
        });
        Ok(kept)
    }

    /// A run ended without a file: it is no longer going.
    fn stop(&self, session: &str, run: &RunOne) {
        if let Some(runs) = lock(&self.sessions).get_mut(session) {
            runs.running
                .retain(|r| !Arc::ptr_eq(&r.shared, &run.shared));
        }
    }

    fn forget_token(&self, kept: &Kept) {
        if let (Some((store, _)), Some(token)) = (self.files.get(), &kept.token) {
            store.remove(token);
        }
    }
}

impl SessionRuns {
    fn forget_expired(&mut self, now: Instant) {
        self.kept.retain(|k| k.expires > now);
    }

    /// Nothing going and nothing kept: the session's entry can go.
    fn is_empty(&self) -> bool {
        self.running.is_empty() && self.kept.is_empty() && self.assigned.is_empty()
    }
}

/// How long the files of `function` are kept.
fn keep_for(function: &DeferredFn) -> Duration {
    function.options.keep_for.min(MAX_KEEP_FOR)
}

/// Whether a resolved file lies in `scratch` once its links are followed.
fn in_folder(resolved: &Resolved, scratch: &Scratch) -> bool {
    let Resolved::Served(entry) = resolved else {
        return false;
    };
    let EntryBody::Path(full) = entry.body() else {
        return true;
    };
    let folder: PathBuf = std::fs::canonicalize(scratch.location()).unwrap_or_default();
    !folder.as_os_str().is_empty() && full.starts_with(folder)
}

/// Resolves when the page that holds `session`'s stream has been gone for a while (never for a
/// client that never opened one).
async fn page_gone(session: &Session) {
    let stream = session.data.stream();
    if !stream.is_open() {
        return std::future::pending().await;
    }
    let step = Duration::from_millis(250);
    let mut closed = Duration::ZERO;
    loop {
        tokio::time::sleep(step).await;
        closed = if stream.is_open() {
            Duration::ZERO
        } else {
            closed + step
        };
        if closed >= PAGE_GONE_AFTER {
            return;
        }
    }
}

/// The 128-bit hash of the inputs' values.
fn inputs_key(values: &[Value]) -> [u8; 16] {
    let text = serde_json::to_string(values).unwrap_or_default();
    let hash = blake3::hash(text.as_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&hash.as_bytes()[..16]);
    key
}

/// The update that makes the page download `file` at once.
fn download_update(file: Value) -> Output {
    let mut update = Update::new(DownloadButton::TYPE);
    update.set("download", file);
    Output::Update(update)
}

/// An error shown under the button as well.
fn at(component: usize, error: RunError) -> RunError {
    match error {
        RunError::Cancelled | RunError::At { .. } => error,
        error => RunError::At {
            component,
            error: Box::new(error),
        },
    }
}

/// The same error again, for each click that waited for the run.
fn copy_error(error: &RunError) -> RunError {
    match error {
        RunError::Input { index, message } => RunError::Input {
            index: *index,
            message: message.clone(),
        },
        RunError::Handler(m) => RunError::Handler(m.clone()),
        RunError::Shown(e) => RunError::Shown(e.clone()),
        RunError::Panicked(m) => RunError::Panicked(m.clone()),
        RunError::TimedOut(d) => RunError::TimedOut(*d),
        RunError::Cancelled => RunError::Cancelled,
        RunError::Output(m) => RunError::Output(m.clone()),
        RunError::At { component, error } => RunError::At {
            component: *component,
            error: Box::new(copy_error(error)),
        },
    }
}
