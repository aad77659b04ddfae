//! [`Blocks`]: the builder a page is declared with.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::components::{
    Accordion, Column, Component, Every, Group, Handle, Icon, IntoComponents, Markdown, Node,
    PageSettings, Row, Timer, Trigger, ValueSpec,
};
use crate::events::{
    BatchHandler, Batcher, Dependency, EventListener, Handler, Queue, ShowProgress, TriggerMode,
    Work, DEFAULT_MAX_BATCH_SIZE,
};
use crate::files::deferred::runs::DeferredRuns;
use crate::files::roots::ServeRoots;
use crate::files::upload::UploadLimits;
use crate::runtime::{Limits, Runtime};

use super::page::Page;
use super::startup::Startup;
use super::App;

/// The builder of a page in the Blocks style: add components inside rows, columns and groups,
/// then wire their events to handlers.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.markdown("# Notes");
///     let text = b.add(Textbox::new("Note").value("Ferry is fast."));
///     let save = b.add(DownloadButton::new("Save note"));
///     let make = b.add(Button::new("Prepare download"));
///     b.on(make.click(), text, save, |text: String| {
///         DownloadButton::update()
///             .value(FileSource::text(text).file_name("note.txt"))
///             .variant(Variant::Primary)
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Prepare download"));
/// ```
pub struct Blocks {
    pub(crate) nodes: Vec<Node>,
    stack: Vec<usize>,
    pub(crate) dependencies: Vec<Dependency>,
    pub(crate) title: String,
    pub(crate) upload_limits: UploadLimits,
    show_error: bool,
    default_concurrency_limit: Option<usize>,
    allowed_paths: Vec<PathBuf>,
    blocked_paths: Vec<PathBuf>,
    pub(crate) limits: Limits,
}

impl Blocks {
    /// Declares a page with `build` and returns the app, ready to launch.
    ///
    /// The builder lives only inside `build`, as a Gradio page lives inside `with gr.Blocks()`.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(build: impl FnOnce(&mut Blocks)) -> App {
        let mut blocks = Blocks {
            nodes: vec![Column::new().into_node()],
            stack: vec![0],
            dependencies: Vec::new(),
            title: "Ferry".to_owned(),
            upload_limits: UploadLimits::default(),
            show_error: false,
            default_concurrency_limit: None,
            allowed_paths: Vec::new(),
            blocked_paths: Vec::new(),
            limits: Limits::default(),
        };
        build(&mut blocks);
        blocks.apply_environment();
        let deferred = Arc::new(DeferredRuns::default());
        blocks.finish(&deferred);
        let roots = ServeRoots::current()
            .allowed_paths(blocks.allowed_paths)
            .blocked_paths(blocks.blocked_paths);
        let runtime = Runtime::new(blocks.upload_limits, blocks.limits, roots);
        deferred.bind(runtime.store.clone(), runtime.roots.clone());
        let page = Page {
            nodes: blocks.nodes,
            dependencies: blocks.dependencies,
            title: blocks.title,
            startup: Startup::default(),
            show_error: blocks.show_error,
            deferred,
        };
        App::new(runtime, Arc::new(page))
    }

    /// Sets the browser tab's title. Defaults to "Ferry".
    pub fn title(&mut self, title: impl Into<String>) -> &mut Self {
        self.title = title.into();
        self
    }

    /// Shows handlers' own error texts and panic messages in the page (Gradio's `show_error`).
    ///
    /// Off by default: such texts can name server paths or secrets, so the page shows "Something
    /// went wrong in this app; the details are in the server's log" and the server logs the
    /// whole text. A [`crate::Error`] is always shown as written, whatever this says.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     b.show_error(true); // while developing
    ///     let go = b.add(Button::new("Divide"));
    ///     let out = b.add(Textbox::new("Result"));
    ///     b.on(go.click(), (), out, || -> Result<String, std::num::ParseIntError> {
    ///         Ok("x".parse::<i32>()?.to_string())
    ///     });
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Divide"));
    /// ```
    pub fn show_error(&mut self, show: bool) -> &mut Self {
        self.show_error = show;
        self
    }

    /// Sets the largest file a user may upload, in bytes (Gradio's `max_file_size`); a larger
    /// one is refused with a 413 shown next to the upload button. Defaults to 4 GiB.
    pub fn max_file_size(&mut self, bytes: u64) -> &mut Self {
        self.upload_limits.max_file_size = bytes;
        self
    }

    /// Sets every upload limit: file size, total size, file count and time.
    /// Defaults to [`UploadLimits::default`].
    pub fn upload_limits(&mut self, limits: UploadLimits) -> &mut Self {
        self.upload_limits = limits;
        self
    }

    /// Lets handlers and value functions serve files from these folders or files too (Gradio's
    /// `allowed_paths`); relative paths count from the working directory. A hidden file or
    /// folder (`.well-known`) named here is served, with what is under it.
    ///
    /// A path a handler or a value function returns is chosen at run time (it may come from
    /// user text), so it is served only when, symlinks resolved, it lies under the working
    /// directory at start, Ferry's upload folder or one of these paths, is not blocked, and has
    /// no hidden file or folder below that root; otherwise the page shows why under the
    /// component, naming the file only. Paths given when the page is declared are trusted.
    /// `FERRY_ALLOWED_PATHS` (a list like `PATH`) adds more. Defaults to none.
    ///
    /// ```
    /// use std::path::PathBuf;
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     b.allowed_paths(["/srv/reports"]).blocked_paths(["/srv/reports/drafts"]);
    ///     let name = b.add(Textbox::new("Report"));
    ///     let file = b.add(DownloadButton::new("Download"));
    ///     b.on(name.submit(), name, file, |name: String| {
    ///         PathBuf::from("/srv/reports").join(name)
    ///     });
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Download"));
    /// ```
    pub fn allowed_paths<P: Into<PathBuf>>(
        &mut self,
        paths: impl IntoIterator<Item = P>,
    ) -> &mut Self {
        self.allowed_paths.extend(paths.into_iter().map(Into::into));
        self
    }

    /// Never serves these folders or files to handlers and value functions, even under the
    /// working directory or an allowed path (Gradio's `blocked_paths`); relative paths count
    /// from the working directory. `FERRY_BLOCKED_PATHS` (a list like `PATH`) adds more.
    /// Defaults to none.
    pub fn blocked_paths<P: Into<PathBuf>>(
        &mut self,
        paths: impl IntoIterator<Item = P>,
    ) -> &mut Self {
        self.blocked_paths.extend(paths.into_iter().map(Into::into));
        self
    }

    /// Sets the caps on what clients can make the server hold: connections, the time request
    /// headers and bodies may take, sessions, session starts per address, runs in flight per
    /// session. Defaults to [`Limits::default`].
    pub fn limits(&mut self, limits: Limits) -> &mut Self {
        self.limits = limits;
        self
    }

    /// Adds a component in the current layout (unless it was built with `.render(false)`) and
    /// returns its handle.
    ///
    /// # Panics
    ///
    /// When the component's icon is not one (an unknown `:material/…:` name, text that is
    /// neither one emoji nor a path): a mistake in the program, reported at this call.
    #[track_caller]
    pub fn add<C: Component>(&mut self, component: C) -> Handle<C> {
        let node = component.into_node();
        if let Some(Err(error)) = node.icon.as_ref().map(Icon::check) {
            let label = ["label", "value"]
                .iter()
                .find_map(|name| node.props.get(*name).and_then(serde_json::Value::as_str))
                .unwrap_or_default();
            panic!(
                "{}: the icon of {} “{label}”: {error}",
                std::panic::Location::caller(),
                C::TYPE,
            );
        }
        let render = node.render;
        let id = self.nodes.len();
        self.nodes.push(node);
        if render {
            self.place(id);
        }
        Handle::new(id)
    }

    /// Places, in the current layout, a component built with `.render(false)`.
    ///
    /// # Panics
    ///
    /// When the component is already placed: a page shows each component once.
    pub fn render<C>(&mut self, handle: Handle<C>) -> Handle<C> {
        let node = &mut self.nodes[handle.id];
        assert!(
            !node.render,
            "component {} is already on the page",
            handle.id
        );
        node.render = true;
        self.place(handle.id);
        handle
    }

    /// Adds Markdown text.
    pub fn markdown(&mut self, text: impl Into<String>) -> Handle<Markdown> {
        self.add(Markdown::new(text))
    }

    /// Lays out what `build` adds side by side.
    pub fn row<R>(&mut self, build: impl FnOnce(&mut Blocks) -> R) -> R {
        self.row_with(Row::new(), build)
    }

    /// Lays out what `build` adds side by side, in a row with these options.
    pub fn row_with<R>(&mut self, row: Row, build: impl FnOnce(&mut Blocks) -> R) -> R {
        self.nest(row, build)
    }

    /// Stacks what `build` adds vertically.
    pub fn column<R>(&mut self, build: impl FnOnce(&mut Blocks) -> R) -> R {
        self.column_with(Column::new(), build)
    }

    /// Stacks what `build` adds vertically, in a column with these options.
    pub fn column_with<R>(&mut self, column: Column, build: impl FnOnce(&mut Blocks) -> R) -> R {
        self.nest(column, build)
    }

    /// Groups what `build` adds in one panel.
    pub fn group<R>(&mut self, build: impl FnOnce(&mut Blocks) -> R) -> R {
        self.group_with(Group::new(), build)
    }

    /// Groups what `build` adds in one panel with these options.
    pub fn group_with<R>(&mut self, group: Group, build: impl FnOnce(&mut Blocks) -> R) -> R {
        self.nest(group, build)
    }

    /// Puts what `build` adds in a titled section the user opens and closes.
    pub fn accordion<R>(
        &mut self,
        accordion: Accordion,
        build: impl FnOnce(&mut Blocks) -> R,
    ) -> R {
        self.nest(accordion, build)
    }

    /// Runs `handler` when `trigger` fires, with the values of `inputs`, and applies what it
    /// returns to `outputs`. Returns the listener, whose options can still be set.
    ///
    /// `inputs` and `outputs` are `()`, one handle or a tuple of handles; the handler takes one
    /// argument per input (after any context arguments such as
    /// [`Progress`](crate::events::Progress)) of a type that component gives, and returns what
    /// the outputs show. A mismatch in count or type is a compile error.
    ///
    /// # Panics
    ///
    /// When a handle belongs to another page: a mistake in the program, caught before it serves.
    #[track_caller]
    pub fn on<I, O, M, H>(
        &mut self,
        trigger: Trigger,
        inputs: I,
        outputs: O,
        handler: H,
    ) -> EventListener<'_>
    where
        I: IntoComponents,
        O: IntoComponents,
        H: Handler<I, O, M>,
    {
        self.on_any([trigger], inputs, outputs, handler)
    }

    /// Runs `handler` when each session's page loads, with the inputs' values, and shows what
    /// it returns in the outputs before the page is drawn (Gradio's `demo.load`). Returns the
    /// listener; an error shows under the first output.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let greeting = b.add(Textbox::new("Greeting"));
    ///     b.load((), greeting, |session: Session| format!("Welcome, {}", &session.id()[..6]));
    ///     b.unload(|session: Session| println!("session {} ended", session.id()));
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Greeting"));
    /// ```
    ///
    /// # Panics
    ///
    /// As [`on`](Self::on).
    #[track_caller]
    pub fn load<I, O, M, H>(&mut self, inputs: I, outputs: O, handler: H) -> EventListener<'_>
    where
        I: IntoComponents,
        O: IntoComponents,
        H: Handler<I, O, M>,
    {
        let listener = self.on_any([], inputs, outputs, handler);
        listener.dependencies[listener.index].on_load = true;
        listener
    }

    /// Runs only `function`, JavaScript in the page, when `trigger` fires: it takes the inputs'
    /// values and returns the outputs' (one value, or a list with one per output); nothing runs
    /// on the server (Gradio's event with `fn=None` and `js`).
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let (text, shown) = (b.add(Textbox::new("Text")), b.add(Textbox::new("Reversed")));
    ///     let go = b.add(Button::new("Reverse"));
    ///     b.js(go.click(), text, shown, "(t) => [...t].reverse().join('')");
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Reverse"));
    /// ```
    #[track_caller]
    pub fn js<I, O>(
        &mut self,
        trigger: Trigger,
        inputs: I,
        outputs: O,
        function: impl Into<String>,
    ) -> EventListener<'_>
    where
        I: IntoComponents,
        O: IntoComponents,
    {
        let (inputs, outputs) = (inputs.into_ids(), outputs.into_ids());
        for &id in inputs.iter().chain(&outputs) {
            assert!(id < self.nodes.len(), "component {id} is not on this page");
        }
        let listener = self.on_any([trigger], (), (), || ()).js(function);
        let index = listener.index;
        let dependency = &mut listener.dependencies[index];
        dependency.backend = false;
        dependency.inputs = inputs;
        dependency.outputs = outputs;
        listener
    }

    /// Runs `handler` when a session ends (Gradio's `demo.unload`): its page was closed and it
    /// stayed idle for [`Limits::session_idle`](crate::Limits), or the server's limits ended
    /// it. It takes context arguments only (`Session` with its state) and shows nothing.
    pub fn unload<M, H>(&mut self, handler: H) -> EventListener<'_>
    where
        H: Handler<(), (), M>,
    {
        let listener = self.on_any([], (), (), handler);
        listener.dependencies[listener.index].on_unload = true;
        listener
    }

    /// Like [`on`](Self::on), for several triggers that run the same handler (Gradio's `gr.on`).
    ///
    /// # Panics
    ///
    /// As [`on`](Self::on).
    #[track_caller]
    pub fn on_any<I, O, M, H>(
        &mut self,
        triggers: impl IntoIterator<Item = Trigger>,
        inputs: I,
        outputs: O,
        handler: H,
    ) -> EventListener<'_>
    where
        I: IntoComponents,
        O: IntoComponents,
        H: Handler<I, O, M>,
    {
        let triggers: Vec<(usize, &'static str)> = triggers
            .into_iter()
            .map(|t| (t.component, t.event))
            .collect();
        self.wire(triggers, inputs, outputs, handler.into_erased())
    }

    /// Runs a batched `handler` when `trigger` fires: the events waiting in the event's queue
    /// (from every session, up to [`max_batch_size`](EventListener::max_batch_size), 4 by
    /// default) go to one call, as a `Vec` with one item per event, each the tuple of that
    /// event's input values; the handler returns a `Vec` with one item per event, in the same
    /// order, and each session's outputs get their own item (Gradio's `batch=True`). Items and
    /// outputs are typed as a handler's are ([`BatchHandler`]).
    ///
    /// A batch runs each time a slot of the event's concurrency group frees; with no
    /// [`concurrency_limit`](EventListener::concurrency_limit) a batched event runs one batch
    /// at a time (Gradio's default for it), so the events that come while one runs make the
    /// next batch. A batched handler takes no context arguments: its events are of several
    /// sessions.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let (word, times) = (b.add(Textbox::new("Word")), b.add(Textbox::new("Times")));
    ///     let out = b.add(Textbox::new("Repeated"));
    ///     b.on_batch(word.submit(), (word, times), out, |items: Vec<(String, String)>| {
    ///         items
    ///             .into_iter()
    ///             .map(|(word, times)| word.repeat(times.parse().unwrap_or(1)))
    ///             .collect::<Vec<_>>()
    ///     })
    ///     .max_batch_size(8)
    ///     .concurrency_limit(2);
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Repeated"));
    /// ```
    ///
    /// # Panics
    ///
    /// As [`on`](Self::on).
    #[track_caller]
    pub fn on_batch<I, O, M, H>(
        &mut self,
        trigger: Trigger,
        inputs: I,
        outputs: O,
        handler: H,
    ) -> EventListener<'_>
    where
        I: IntoComponents,
        O: IntoComponents,
        H: BatchHandler<I, O, M>,
    {
        let batcher = Batcher::new(handler.into_erased_batch(), DEFAULT_MAX_BATCH_SIZE);
        self.wire(
            vec![(trigger.component, trigger.event)],
            inputs,
            outputs,
            batcher,
        )
    }

    /// Adds an event; checks that its components are on this page.
    #[track_caller]
    fn wire(
        &mut self,
        triggers: Vec<(usize, &'static str)>,
        inputs: impl IntoComponents,
        outputs: impl IntoComponents,
        work: impl Into<Work>,
    ) -> EventListener<'_> {
        let (inputs, outputs) = (inputs.into_ids(), outputs.into_ids());
        for id in triggers
            .iter()
            .map(|t| t.0)
            .chain(inputs.iter().copied())
            .chain(outputs.iter().copied())
        {
            assert!(id < self.nodes.len(), "component {id} is not on this page");
        }
        self.dependencies
            .push(Dependency::new(triggers, inputs, outputs, work));
        EventListener {
            index: self.dependencies.len() - 1,
            dependencies: &mut self.dependencies,
            components: self.nodes.len(),
        }
    }

    fn nest<C: Component, R>(&mut self, layout: C, build: impl FnOnce(&mut Blocks) -> R) -> R {
        let id = self.add(layout).id;
        self.stack.push(id);
        let result = build(self);
        self.stack.pop();
        result
    }

    fn place(&mut self, id: usize) {
        let parent = *self.stack.last().unwrap_or(&0);
        if let Some(children) = self.nodes[parent].children.as_mut() {
            children.push(id);
        }
    }

    /// `FERRY_MAX_FILE_SIZE` (`5mb`, `1GiB`, bytes) overrides the upload size limit;
    /// `FERRY_ALLOWED_PATHS` and `FERRY_BLOCKED_PATHS` add allowed and blocked paths.
    fn apply_environment(&mut self) {
        if let Some(list) = std::env::var_os("FERRY_ALLOWED_PATHS") {
            self.allowed_paths
                .extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
        }
        if let Some(list) = std::env::var_os("FERRY_BLOCKED_PATHS") {
            self.blocked_paths
                .extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
        }
        if let Ok(text) = std::env::var("FERRY_MAX_FILE_SIZE") {
            match crate::server::parse_size(&text) {
                Some(bytes) => self.upload_limits.max_file_size = bytes,
                None => {
                    tracing::warn!(%text, "FERRY_MAX_FILE_SIZE is not a size such as 5mb; ignored")
                }
            }
        }
    }

    /// Turns value functions into load, timer and input-change events, lets each component
    /// fill in props from the app's settings, and builds the concurrency limits.
    fn finish(&mut self, deferred: &Arc<DeferredRuns>) {
        self.stack.truncate(1);
        let settings = PageSettings {
            upload_limits: self.upload_limits.clone(),
        };
        for node in &mut self.nodes {
            let behaviour = Arc::clone(&node.behaviour);
            behaviour.prepare(&mut node.props, &settings);
        }
        for id in 0..self.nodes.len() {
            let ValueSpec::Function {
                handler,
                every,
                inputs,
                arity,
                declared_at,
            } = &self.nodes[id].value
            else {
                continue;
            };
            let (handler, every, inputs, arity) = (handler.clone(), *every, inputs.clone(), *arity);
            if inputs.len() != arity {
                let names: Vec<String> = inputs
                    .iter()
                    .map(|&i| format!("{} {i}", self.nodes[i].wire_type()))
                    .collect();
                panic!(
                    "{declared_at}: the value function of {} {id} takes {arity} argument(s) but lists {} input(s) [{}]",
                    self.nodes[id].wire_type(),
                    inputs.len(),
                    names.join(", ")
                );
            }
            let mut triggers: Vec<(usize, &'static str)> =
                inputs.iter().map(|&i| (i, "change")).collect();
            match every {
                Some(Every::Seconds(seconds)) => {
                    triggers.push((self.add(Timer::new(seconds)).id, "tick"))
                }
                Some(Every::Timer(timer)) => triggers.push((timer, "tick")),
                None => {}
            }
            let mut dependency = Dependency::new(triggers, inputs, vec![id], handler);
            dependency.on_load = true;
            dependency.trigger_mode = TriggerMode::AlwaysLast;
            dependency.show_progress = ShowProgress::Hidden;
            self.dependencies.push(dependency);
        }
        super::deferred::add_dependencies(&self.nodes, &mut self.dependencies, deferred);
        self.number_api_names();
        let mut limits: HashMap<String, usize> = HashMap::new();
        for (index, dependency) in self.dependencies.iter().enumerate() {
            let batched = matches!(dependency.handler, Work::Batch(_));
            let limit = match dependency
                .concurrency_limit
                .unwrap_or(self.default_concurrency_limit)
            {
                // Batches gather the runs that wait while one runs: with no limit none would.
                None if batched => Some(1),
                limit => limit,
            };
            if let (Some(limit), true) = (limit, dependency.queued) {
                let group = concurrency_group(dependency, index);
                let slot = limits.entry(group).or_insert(limit);
                *slot = (*slot).min(limit);
            }
        }
        let queues: HashMap<String, Arc<Queue>> = limits
            .into_iter()
            .map(|(group, limit)| (group, Queue::new(limit)))
            .collect();
        for (index, dependency) in self.dependencies.iter_mut().enumerate() {
            if dependency.queued {
                dependency.queue = queues.get(&concurrency_group(dependency, index)).cloned();
            }
        }
    }
}

impl Blocks {
    /// Gives every event's API name once, as Gradio does: the second `"predict"` becomes
    /// `"predict_1"`, the third `"predict_2"` (skipping names already taken).
    fn number_api_names(&mut self) {
        let mut taken: HashSet<String> = HashSet::new();
        for dependency in &mut self.dependencies {
            let Some(name) = dependency.api_name.clone() else {
                continue;
            };
            let mut unique = name.clone();
            let mut n = 1;
            while taken.contains(&unique) {
                unique = format!("{name}_{n}");
                n += 1;
            }
            taken.insert(unique.clone());
            dependency.api_name = Some(unique);
        }
    }

    /// Sets the concurrency limit of every event that does not set its own (Gradio's
    /// `Blocks.queue(default_concurrency_limit=…)`). Defaults to `None`, no limit: Gradio's
    /// default of 1 suits one GPU, while a Rust handler serving many users should not be
    /// serialised app-wide unless the app says so; `b.default_concurrency_limit(1)` gives
    /// Gradio's behaviour.
    pub fn default_concurrency_limit(&mut self, limit: impl Into<Option<usize>>) -> &mut Self {
        self.default_concurrency_limit = limit.into().map(|n| n.max(1));
        self
    }
}

fn concurrency_group(dependency: &Dependency, index: usize) -> String {
    match &dependency.concurrency_id {
        Some(id) => format!("id:{id}"),
        None => format!("dep:{index}"),
    }
}
