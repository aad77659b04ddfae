//! What can go wrong when an event runs.

/// Why an event run produced no updates.
#[derive(Debug, thiserror::Error)]
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
    /// The handler returned an error; its message is shown in the page.
    #[error("{0}")]
    Handler(String),
    /// The handler panicked; the message is shown in the page and the app goes on.
    #[error("the handler panicked: {0}")]
    Panicked(String),
    /// The handler ran past its time limit.
    #[error("the handler took longer than its time limit of {0:?}")]
    TimedOut(std::time::Duration),
    /// The handler returned a value that does not fit its output component.
    #[error("{0}")]
    Output(String),
}

impl RunError {
    /// Whether the client is at fault (a 4xx) rather than the handler (shown in the page).
    pub fn is_client_error(&self) -> bool {
        matches!(self, RunError::Input { .. })
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
            Err(_) => RunError::Handler("the handler was cancelled".to_owned()),
        }
    }
}
