//! The script style (Streamlit's): a closure that draws the page, run once per session when its
//! page loads and again after each interaction. Widget calls return their current values.
//!
//! ```
//! use ferry_ui::prelude::*;
//! use ferry_ui::script::Ui;
//!
//! let app = ferry_ui::script(|ui: &mut Ui| {
//!     ui.markdown("# Notes");
//!     let text = ui.text_area("Message", "Hello");
//!     if ui.button("Shout").clicked() {
//!         ui.markdown(format!("**{}!**", text.to_uppercase()));
//!     }
//!     ui.download_button("Save", FileSource::text(text).file_name("message.txt"));
//! });
//! # let _ = app;
//! ```
//!
//! Each widget has an identity: its `key` when it has one, else its type and label. The page
//! keeps a widget (its place, its focus, what the user typed) for as long as a rerun draws a
//! widget of the same identity; two widgets of one identity in one run are an error shown in the
//! page, naming both. Reruns of a session run one at a time, on a blocking thread; an
//! interaction that comes while one runs stops it at its next widget call, and the new rerun
//! draws the page. A panic shows its message in place (or the generic message, unless
//! [`ScriptApp::show_error`]), and the session goes on.
//!
//! The same component types serve both styles; in a script, a component's Blocks-only setters
//! (`value_with`, `every`, `inputs`, `render`) have no meaning, and a widget that uses one shows
//! an error in the page.

mod deferred;
mod feedback;
mod fragment;
mod program;
mod state;
mod ui;

pub use feedback::TOAST_SHOWN_FOR;
pub use program::ScriptApp;
pub use ui::{Response, Ui};

/// The value the page last sent for the widget with this `key` (Streamlit's
/// `st.session_state[key]`), for a click callback ([`OnClick::call`](crate::components::OnClick::call))
/// or a deferred function, which get the session but no [`Ui`]; `None` before the page sent one.
/// Inside the script, [`Ui::value_of`] says the same.
///
/// ```
/// use ferry_ui::components::OnClick;
/// use ferry_ui::prelude::*;
/// use ferry_ui::script::Ui;
///
/// let app = ferry_ui::script(|ui: &mut Ui| {
///     ui.add(Textbox::new("Name").key("name"));
///     ui.add(Button::new("Greet").on_click(OnClick::call(|session| {
///         let name = ferry_ui::script::widget_value(session, "name");
///         session.with_state(|greeted: &mut Vec<String>| {
///             greeted.push(name.and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
///         });
///     })));
/// });
/// # let _ = app;
/// ```
pub fn widget_value(session: &crate::runtime::Session, key: &str) -> Option<serde_json::Value> {
    session.with_state(|state: &mut state::ScriptState| {
        state.values.get(&ui::key_identity(key)).cloned()
    })
}

/// A script app: `f` draws the page for each session, and again after each interaction. Serve
/// it with [`App::launch`](crate::App::launch), like a Blocks app. See the [module](self) docs.
pub fn script(f: impl Fn(&mut Ui) + Send + Sync + 'static) -> crate::App {
    ScriptApp::new(f).into_app()
}
