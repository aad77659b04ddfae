//! Fragments (Streamlit's `st.fragment`): a part of the page whose widgets rerun only it, not
//! the whole script, and which the page may rerun on its own at an interval (`run_every`).

use std::sync::Arc;
use std::time::Duration;

use crate::components::{Column, Component, Node, Timer};

use super::ui::FragmentBody;
use super::Ui;

impl Ui {
    /// A fragment: what `body` draws is a part of the page that reruns alone when one of its
    /// widgets is used, leaving the rest as it is (Streamlit's `st.fragment`). A rerun of the
    /// whole page runs `body` again too. `body` keeps what it captured (by `move`) from the
    /// rerun that drew it, as Streamlit's fragment keeps its arguments; what it shares with the
    /// rest of the script goes through the session's state.
    ///
    /// A fragment's widget that has the identity of one outside it shows an error; a
    /// fragment's rerun that panics shows the panic inside the fragment.
    ///
    /// ```
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     ui.title("Orders");
    ///     ui.fragment(|ui| {
    ///         // Only this part reruns when the box is ticked.
    ///         if ui.checkbox("Show totals", false) {
    ///             ui.markdown("Total: **42**");
    ///         }
    ///     });
    /// });
    /// # let _ = app;
    /// ```
    pub fn fragment(&mut self, body: impl Fn(&mut Ui) + Send + Sync + 'static) {
        self.draw_fragment(None, Arc::new(body));
    }

    /// A [fragment](Self::fragment) that the page also reruns on its own every `every` (at
    /// least 50 ms) while it shows: Streamlit's `st.fragment(run_every=…)`. A tick that comes
    /// while a rerun runs is skipped, never queued.
    ///
    /// ```
    /// use std::time::Duration;
    /// use ferry_ui::script::Ui;
    ///
    /// let app = ferry_ui::script(|ui: &mut Ui| {
    ///     ui.fragment_every(Duration::from_secs(2), |ui| {
    ///         let ticks = ui.with_state(|n: &mut u64| {
    ///             *n += 1;
    ///             *n
    ///         });
    ///         ui.markdown(format!("Drawn {ticks} time(s)"));
    ///     });
    /// });
    /// # let _ = app;
    /// ```
    pub fn fragment_every(
        &mut self,
        every: Duration,
        body: impl Fn(&mut Ui) + Send + Sync + 'static,
    ) {
        self.draw_fragment(Some(every), Arc::new(body));
    }

    fn draw_fragment(&mut self, every: Option<Duration>, body: FragmentBody) {
        self.checkpoint();
        let identity = self.positional_identity("fragment");
        let drawn = self.place(fragment_node(), identity.clone(), None);
        drawn.fragment = Some((Arc::clone(&body), every));
        self.stack.push(Vec::new());
        self.draw_fragment_body(&identity, every, &body);
        self.close_layout();
    }

    /// Draws a fragment's widgets where the layout being drawn is: its positional identities
    /// are its own, and with `every` a timer in it ticks its reruns.
    pub(super) fn draw_fragment_body(
        &mut self,
        identity: &str,
        every: Option<Duration>,
        body: &FragmentBody,
    ) {
        let outer_prefix = std::mem::replace(&mut self.prefix, format!("{identity}/"));
        let outer_positional = std::mem::take(&mut self.positional);
        if let Some(every) = every {
            let timer = Timer::new(every.as_secs_f64()).into_node();
            let drawn = self.place(timer, format!("{identity}/every"), None);
            drawn.widget = Timer::script_widget();
        }
        body(self);
        self.prefix = outer_prefix;
        self.positional = outer_positional;
    }
}

/// The node that holds a fragment's widgets: a column, marked for the page's styles.
pub(super) fn fragment_node() -> Node {
    Column::new().elem_classes(["ferry-fragment"]).into_node()
}
