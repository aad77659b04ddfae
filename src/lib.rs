//! Ferry turns Rust functions into web apps that people use from a browser, as Gradio and
//! Streamlit do for Python, with the best file delivery of any such framework.
//!
//! ```no_run
//! use ferry_ui::prelude::*;
//!
//! fn main() {
//!     Blocks::new(|b| {
//!         b.markdown("# Hello");
//!         b.add(DownloadButton::new("Download the notes").value(FileSource::text("Hi!\n").file_name("notes.txt")));
//!     })
//!     .launch();
//! }
//! ```
//!
//! See `README.md` for the parity table with Gradio and Streamlit, and `docs/protocol.md` for
//! what the browser and the server say to each other.

pub mod app;
pub mod components;
pub mod events;
pub mod files;
pub mod server;
#[doc(hidden)]
pub mod testing;

pub use app::{App, Blocks};
pub use server::{LaunchError, ServerConfig};

/// Everything an app usually needs: `use ferry_ui::prelude::*;`.
pub mod prelude {
    pub use crate::app::{App, Blocks};
    pub use crate::components::{
        AnyHandle, Button, ButtonUpdate, Column, DownloadButton, DownloadButtonUpdate, Every,
        FileCount, Group, Handle, Markdown, MarkdownUpdate, Row, Size, Textbox, TextboxUpdate,
        Timer, TimerUpdate, UploadButton, UploadButtonUpdate, Variant, Visibility,
    };
    pub use crate::events::{NoChange, ShowProgress, TriggerMode, UploadedFile};
    pub use crate::files::upload::UploadLimits;
    pub use crate::files::FileSource;
}

/// The README's examples, compiled as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
