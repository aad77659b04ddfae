//! What can go wrong when an event runs.

use std::any::Any;
use std::fmt::Display;

/// What the page shows for a handler's error or panic when the app does not show errors.
pub const GENERIC_MESSAGE: &str =
    "Something went wrong in this app; the details are in the server's log";

/// Why an event run produced no updates.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The client sent a value that the handler cannot take (a 400 for the client).
    #[error("bad input {index}: {message}")]
    Input {
        /// Which input, from 0.
        index: usize,
        /// What was wrong.
        message: String,
    },
    /// The handler returned an error; its message is logged, and shown in the page only when
    /// the app shows errors.
    #[error("{0}")]
    Handler(String),
    /// The handler returned a [`crate::Error`]: shown as written, with its title.
    #[error("{0}")]
    Shown(crate::Error),
    /// The handler panicked; the message is logged (shown only when the app shows errors) and
    /// the app goes on.
    #[error("the handler panicked: {0}")]
    Panicked(String),
    /// The handler ran past its time limit.
    #[error("the handler took longer than its time limit of {0:?}")]
    TimedOut(std::time::Duration),
    /// The run was cancelled before it ended.
    #[error("the run was cancelled")]
    Cancelled,
    /// The handler returned a value that its output component cannot show, or a file Ferry
    /// cannot serve; the message is Ferry's own and names at most a file's name.
    #[error("{0}")]
    Output(String),
    /// An error about one output component's value: shown under that component as well.
    #[error("{error}")]
    At {
        /// The component.
        component: usize,
        /// The error.
        error: Box<RunError>,
    },
}

impl RunError {
    /// Whether the client is at fault (a 4xx) rather than the handler (shown in the page).
    pub fn is_client_error(&self) -> bool {
        matches!(self, RunError::Input { .. })
    }

    /// The output component the error is about, when it is one component's.
    pub fn component(&self) -> Option<usize> {
        match self {
            RunError::At { component, .. } => Some(*component),
            _ => None,
        }
    }

    /// The error itself, without the component it is about.
    fn inner(&self) -> &RunError {
        match self {
            RunError::At { error, .. } => error.inner(),
            other => other,
        }
    }

    /// How long the page's toast stays (`None`: until closed): a [`crate::Error`]'s own, else
    /// 10 seconds.
    pub fn duration(&self) -> Option<std::time::Duration> {
        match self.inner() {
            RunError::Shown(error) => error.duration_value(),
            _ => Some(crate::error::TOAST_DURATION),
        }
    }

    /// Whether the server's log records the error: always, but for a [`crate::Error`] made
    /// with `print_exception(false)`.
    pub fn is_logged(&self) -> bool {
        match self.inner() {
            RunError::Shown(error) => error.prints(),
            _ => true,
        }
    }

    /// The title to show above the message, when the handler gave one.
    pub fn title(&self) -> Option<&str> {
        match self.inner() {
            RunError::Shown(error) => error.title_text(),
            _ => None,
        }
    }

    /// The whole message, as the server's log records it.
    pub fn message(&self) -> String {
        match self.inner() {
            RunError::Shown(error) => error.message().to_owned(),
            other => other.to_string(),
        }
    }

    /// The message the page may show. A handler's own error text and a panic's text can name
    /// server paths or secrets, so unless the app shows errors (`show_error(true)`, Gradio's
    /// `show_error`) they become [`GENERIC_MESSAGE`]; a [`crate::Error`] is shown as written,
    /// and Ferry's own messages (time limits, files it cannot serve, which name only the file)
    /// are shown as well.
    pub fn shown_message(&self, show_error: bool) -> String {
        match self.inner() {
            RunError::Handler(_) | RunError::Panicked(_) if !show_error => {
                GENERIC_MESSAGE.to_owned()
            }
            other => other.message(),
        }
    }

    /// The error a handler returned: a [`crate::Error`] keeps its title.
    pub(crate) fn from_handler_error<E: Display + 'static>(error: E) -> Self {
        match (&error as &dyn Any).downcast_ref::<crate::Error>() {
            Some(shown) => RunError::Shown(shown.clone()),
            None => RunError::Handler(error.to_string()),
        }
    }

    pub(crate) fn from_join(err: tokio::task::JoinError) -> Self {
        match err.try_into_panic() {
            Ok(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_owned());
                RunError::Panicked(message)
            }
            Err(_) => RunError::Cancelled,
        }
    }
}
