//! [`Toast`]: a message a handler shows in its session's page (Gradio's `gr.Info` and
//! `gr.Warning`, with their `title` and `duration`).

use std::time::Duration;

use crate::error::TOAST_DURATION;
use crate::protocol::{StreamMessage, ToastLevel};

/// An information or warning toast, shown with [`Session::toast`](super::Session::toast).
///
/// ```
/// use std::time::Duration;
/// use ferry_ui::prelude::*;
/// use ferry_ui::runtime::Toast;
///
/// let app = Blocks::new(|b| {
///     let go = b.add(Button::new("Check"));
///     b.on(go.click(), (), (), |session: Session| {
///         session.toast(Toast::warning("The disk is almost full.").title("Disk"));
///         session.toast(Toast::info("Checked.").duration(Duration::from_secs(3)));
///         session.toast(Toast::info("Read me, then close me.").duration(None));
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Check"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use = "a toast shows nothing until `session.toast` shows it"]
pub struct Toast {
    level: ToastLevel,
    message: String,
    title: Option<String>,
    duration: Option<Duration>,
}

impl Toast {
    /// An information toast: Gradio's `gr.Info`.
    pub fn info(message: impl Into<String>) -> Self {
        Toast::new(ToastLevel::Info, message.into())
    }

    /// A warning toast: Gradio's `gr.Warning`.
    pub fn warning(message: impl Into<String>) -> Self {
        Toast::new(ToastLevel::Warning, message.into())
    }

    fn new(level: ToastLevel, message: String) -> Self {
        Toast {
            level,
            message,
            title: None,
            duration: Some(TOAST_DURATION),
        }
    }

    /// Sets the title shown in bold above the message. Defaults to the level ("Info",
    /// "Warning").
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// How long it stays: `Some(duration)`, or `None` to keep it until the user closes it.
    /// Defaults to 10 seconds, as in Gradio.
    pub fn duration(mut self, duration: impl Into<Option<Duration>>) -> Self {
        self.duration = duration.into();
        self
    }

    pub(crate) fn into_message(self) -> StreamMessage {
        StreamMessage::Toast {
            level: self.level,
            title: self.title,
            message: self.message,
            duration: self.duration.map(|d| d.as_secs_f64()),
        }
    }
}
