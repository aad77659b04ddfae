//! [`Error`]: an error a handler returns to show its message to the user, as written.

use std::fmt;
use std::time::Duration;

/// An error whose message (and title) the page shows as written: Gradio's `gr.Error`.
///
/// Return it from a handler (`Err(ferry_ui::Error::new("No rows match").title("Export"))`) and
/// the page shows a red toast with the title in bold over the message, for 10 seconds unless
/// [`duration`](Self::duration) says otherwise.
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let go = b.add(Button::new("Export"));
///     let out = b.add(Textbox::new("Result"));
///     b.on(go.click(), (), out, || -> Result<String, ferry_ui::Error> {
///         Err(ferry_ui::Error::new("No rows match the filter.")
///             .title("Export failed")
///             .duration(None)) // stays until closed
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Export"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    message: String,
    title: Option<String>,
    duration: Option<Duration>,
    print_exception: bool,
}

/// How long a toast stays when nothing else is said: Gradio's 10 seconds.
pub(crate) const TOAST_DURATION: Duration = Duration::from_secs(10);

impl Error {
    /// An error with this message, shown to the user as written.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            title: None,
            duration: Some(TOAST_DURATION),
            print_exception: true,
        }
    }

    /// How long the toast stays: `Some(duration)`, or `None` to keep it until the user closes
    /// it. Defaults to 10 seconds, as in Gradio.
    #[must_use = "a setter returns the changed error"]
    pub fn duration(mut self, duration: impl Into<Option<Duration>>) -> Self {
        self.duration = duration.into();
        self
    }

    /// Whether the server's log records the error too (Gradio's `print_exception`). Defaults to
    /// `true`.
    #[must_use = "a setter returns the changed error"]
    pub fn print_exception(mut self, print: bool) -> Self {
        self.print_exception = print;
        self
    }

    /// How long the toast stays; `None`: until closed.
    pub fn duration_value(&self) -> Option<Duration> {
        self.duration
    }

    /// Whether the server's log records the error.
    pub fn prints(&self) -> bool {
        self.print_exception
    }

    /// Sets the title shown in bold above the message. Defaults to none ("Error").
    #[must_use = "a setter returns the changed error"]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The title, when set.
    pub fn title_text(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.title {
            Some(title) => write!(f, "{title}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
