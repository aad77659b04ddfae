//! [`FileSource::deferred`]: a file made only when its download button is clicked, and the
//! options of its runs. What runs it is in [`crate::files::deferred`].

use std::sync::Arc;
use std::time::Duration;

use super::{FileSource, Kind};
use crate::components::Handle;
use crate::events::{AnyInputs, ErasedHandler, Handler};
use crate::files::deferred::Deferred;

/// How long a deferred file stays ready for its session once made, by default: ten minutes.
pub const DEFAULT_KEEP_FOR: Duration = Duration::from_secs(10 * 60);

/// A deferred source's function, with its types erased, and how its runs go.
pub(crate) struct DeferredFn {
    /// The function, taking context arguments and one argument per input.
    pub handler: ErasedHandler,
    /// How many inputs it takes.
    pub arity: usize,
    /// Its options.
    pub options: DeferredOptions,
}

/// How a deferred source's runs go.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DeferredOptions {
    /// Run again on every click instead of giving back the file kept from the last run.
    pub fresh_each_click: bool,
    /// How long a finished file stays ready (and its URL valid) for the session.
    pub keep_for: Duration,
    /// Cancel a run that takes longer.
    pub time_limit: Option<Duration>,
    /// Type the result by Streamlit's rule when it names no type (a script's `download_button`).
    pub streamlit_mime: bool,
}

impl Default for DeferredOptions {
    fn default() -> Self {
        DeferredOptions {
            fresh_each_click: false,
            keep_for: DEFAULT_KEEP_FOR,
            time_limit: None,
            streamlit_mime: false,
        }
    }
}

impl FileSource {
    /// A file made only when the user clicks its download button: `function` runs then, with
    /// the button's progress bar and cancel control, and the browser downloads what it returns
    /// as soon as it is ready, in the same click.
    ///
    /// `function` is sync or async and takes what handlers take: first any context arguments
    /// ([`Session`](crate::runtime::Session) with its state, [`Progress`](crate::events::Progress),
    /// [`CancelToken`](crate::events::CancelToken), [`Scratch`](crate::files::deferred::Scratch)
    /// for files Ferry removes for you), then one argument per input listed with the button's
    /// [`inputs`](crate::components::DownloadButton::inputs). It returns a path, a `FileSource`,
    /// bytes (`Vec<u8>`, `Bytes`) or text (`String`, `&'static str`: the text is the file), or
    /// a `Result` of one (see [`DeferredResult`](crate::files::deferred::DeferredResult)).
    ///
    /// A second click while it runs joins the same run; a finished file is kept for the session
    /// for [`keep_for`](Self::keep_for) (a broken download resumes without running again) unless
    /// [`fresh_each_click`](Self::fresh_each_click). The name set with
    /// [`file_name`](Self::file_name) here wins over the result's own.
    ///
    /// A handler may return one for a download button among its outputs: that session's clicks
    /// then run it. Such a function takes no inputs (it captures what the handler was given),
    /// and each handler run's function makes its own file.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let name = b.add(Textbox::new("Name").value("Ada"));
    ///     let ready = b.add(Button::new("Prepare"));
    ///     let save = b.add(DownloadButton::new("Save the greeting"));
    ///     b.on(ready.click(), name, save, |name: String| {
    ///         FileSource::deferred(move || format!("Hello, {name}!\n")).file_name("hello.txt")
    ///     });
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Save the greeting"));
    /// ```
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     b.add(DownloadButton::new("Export").value(
    ///         FileSource::deferred(|progress: Progress| {
    ///             progress.set(0.5, "Counting");
    ///             (1..=3).map(|n| format!("{n}\n")).collect::<String>()
    ///         })
    ///         .file_name("numbers.txt"),
    ///     ));
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Export"));
    /// ```
    pub fn deferred<M, H: Handler<AnyInputs, Handle<Deferred>, M>>(function: H) -> Self {
        Self::of(Kind::Deferred(Arc::new(DeferredFn {
            handler: function.into_erased(),
            arity: H::arity(),
            options: DeferredOptions::default(),
        })))
    }

    /// Whether this is a [`deferred`](Self::deferred) source.
    pub fn is_deferred(&self) -> bool {
        matches!(self.kind, Kind::Deferred(_))
    }

    /// For a [`deferred`](Self::deferred) source: with `true`, every click runs the function
    /// again (a click while it runs still joins that run) instead of giving back the file kept
    /// from the last run. No effect on other sources. Defaults to `false`.
    pub fn fresh_each_click(self, fresh: bool) -> Self {
        self.with_options(|options| options.fresh_each_click = fresh)
    }

    /// For a [`deferred`](Self::deferred) source: how long a finished file stays ready for the
    /// session, under a URL that supports `Range`, so a broken download resumes without running
    /// the function again. At most a day. No effect on other sources. Defaults to 10 minutes.
    pub fn keep_for(self, keep_for: Duration) -> Self {
        self.with_options(|options| options.keep_for = keep_for)
    }

    /// For a [`deferred`](Self::deferred) source: a run that takes longer is cancelled (an
    /// async function is dropped at its next `.await`, a sync one sees its `CancelToken`) and
    /// the page says why. No effect on other sources. Defaults to no limit.
    pub fn time_limit(self, limit: Duration) -> Self {
        self.with_options(|options| options.time_limit = Some(limit))
    }

    /// For a deferred source: its result is typed by Streamlit's rule when it names no type.
    pub(crate) fn streamlit_mime_when_made(self) -> Self {
        self.with_options(|options| options.streamlit_mime = true)
    }

    fn with_options(mut self, set: impl FnOnce(&mut DeferredOptions)) -> Self {
        if let Kind::Deferred(function) = &self.kind {
            let mut options = function.options;
            set(&mut options);
            self.kind = Kind::Deferred(Arc::new(DeferredFn {
                handler: Arc::clone(&function.handler),
                arity: function.arity,
                options,
            }));
        }
        self
    }

    /// The function of a deferred source.
    pub(crate) fn deferred_fn(&self) -> Option<&Arc<DeferredFn>> {
        match &self.kind {
            Kind::Deferred(function) => Some(function),
            _ => None,
        }
    }

    /// The name set with [`file_name`](Self::file_name), if any.
    pub(crate) fn file_name_set(&self) -> Option<&str> {
        self.file_name.as_deref()
    }
}
