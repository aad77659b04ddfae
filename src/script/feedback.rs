//! What a rerun tells the user while it runs: toasts (Streamlit's `st.toast`), a spinner around
//! slow work (`st.spinner`) and a status around a series of steps (`st.status`). They reach the
//! page at once, over the session's stream, not when the rerun ends.

use std::time::Duration;

use crate::components::Accordion;
use crate::protocol::StreamMessage;
use crate::runtime::{Session, Toast};

use super::Ui;

/// How long `ui.toast` shows a message: Streamlit's "short".
pub const TOAST_SHOWN_FOR: Duration = Duration::from_secs(4);

/// Clears the page's running text when the work it names ends, however it ends (a panic, a
/// newer interaction stopping the rerun).
struct StatusShown<'a>(&'a Session);

impl<'a> StatusShown<'a> {
    fn show(session: &'a Session, text: String, show_time: bool, place: Place) -> Self {
        session.data.stream().push(&StreamMessage::ScriptStatus {
            text: Some(text),
            show_time,
            parent: place.parent,
            after: place.after,
        });
        StatusShown(session)
    }
}

impl Drop for StatusShown<'_> {
    fn drop(&mut self) {
        self.0.data.stream().push(&StreamMessage::ScriptStatus {
            text: None,
            show_time: false,
            parent: None,
            after: None,
        });
    }
}

/// Where on the page the rerun has got to: the layout being drawn and the last of its
/// children the page already shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Place {
    pub parent: Option<usize>,
    pub after: Option<usize>,
}

impl Ui {
    /// Shows `text` in a toast at the corner of the page at once, for 4 seconds (Streamlit's
    /// `st.toast`); the rerun goes on. For a title, a warning or another duration, use
    /// `ui.session().toast(Toast::…)`.
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     if ui.button("Save").clicked() {
    ///         ui.toast("Saved.");
    ///     }
    /// });
    /// # let _ = app;
    /// ```
    pub fn toast(&mut self, text: impl Into<String>) {
        self.checkpoint();
        self.session()
            .toast(Toast::info(text).title("").duration(TOAST_SHOWN_FOR));
    }

    /// Runs `work` while the page shows a spinner and `text` where the script called it
    /// (Streamlit's `st.spinner`), with the time since it began when `show_time`; returns what
    /// `work` returns. It is shown at once, after the last widget drawn before it that the page
    /// already shows (in the page's running indicator when that is in a layout the page does
    /// not show yet), and goes when `work` ends, even by a panic.
    ///
    /// ```
    /// use std::time::Duration;
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     let total = ui.spinner("Adding up…", false, |ui| {
    ///         std::thread::sleep(Duration::from_millis(10));
    ///         ui.checkpoint();
    ///         (1..=10).sum::<u32>()
    ///     });
    ///     ui.write(total);
    /// });
    /// # let _ = app;
    /// ```
    pub fn spinner<R>(
        &mut self,
        text: impl Into<String>,
        show_time: bool,
        work: impl FnOnce(&mut Ui) -> R,
    ) -> R {
        self.checkpoint();
        let session = self.session().clone();
        let place = self.place_on_page();
        let _shown = StatusShown::show(&session, text.into(), show_time, place);
        work(self)
    }

    /// A status section for a series of steps (Streamlit's `st.status`): while `steps` runs the
    /// page shows `label` with a spinner and the time taken where the script called it (as
    /// [`spinner`](Self::spinner) places its text); what `steps` draws goes in
    /// a section titled `label`, marked done ("✓"), closed unless `expanded`. Returns what
    /// `steps` returns.
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     ui.status("Downloading data…", false, |ui| {
    ///         ui.write("Searching for data…");
    ///         ui.write("Found URL.");
    ///     });
    /// });
    /// # let _ = app;
    /// ```
    pub fn status<R>(
        &mut self,
        label: impl Into<String>,
        expanded: bool,
        steps: impl FnOnce(&mut Ui) -> R,
    ) -> R {
        self.checkpoint();
        let label = label.into();
        let session = self.session().clone();
        let place = self.place_on_page();
        let _shown = StatusShown::show(&session, label.clone(), true, place);
        self.accordion(
            Accordion::new(format!("✓ {label}"))
                .open(expanded)
                .elem_classes(["ferry-status"]),
            steps,
        )
    }
}

impl Ui {
    /// Where on the page this rerun has got to, in the ids of the page shown now.
    fn place_on_page(&self) -> Place {
        let depth = self.stack.len();
        let parent = (depth >= 2)
            .then(|| self.stack[depth - 2].last().map(|d| d.identity.clone()))
            .flatten();
        let siblings: Vec<String> = self
            .stack
            .last()
            .map(|drawn| drawn.iter().rev().map(|d| d.identity.clone()).collect())
            .unwrap_or_default();
        let root = self.root;
        super::program::script_state(self.session(), |state| {
            let parent = match &parent {
                Some(identity) => state.known_id(identity),
                None if depth >= 2 => None,
                None => Some(root),
            };
            // The last child drawn so far that the page shows (a new one is not there yet).
            let after = parent.and_then(|_| siblings.iter().find_map(|i| state.known_id(i)));
            Place { parent, after }
        })
    }
}
