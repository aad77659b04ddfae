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
mod program;
mod state;
mod ui;

pub use program::ScriptApp;
pub use ui::{Response, Ui};

/// A script app: `f` draws the page for each session, and again after each interaction. Serve
/// it with [`App::launch`](crate::App::launch), like a Blocks app. See the [module](self) docs.
pub fn script(f: impl Fn(&mut Ui) + Send + Sync + 'static) -> crate::App {
    ScriptApp::new(f).into_app()
}
