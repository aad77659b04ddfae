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
//! The layers: [`components`] (each component says everything it does), [`events`] (typed
//! handlers, context arguments, runs), [`runtime`] (sessions, their state and streams, files),
//! [`protocol`] (the wire messages), [`server`] (routes and launch) and [`app`] (Blocks).
//!
//! See `README.md` for the parity table with Gradio and Streamlit, and `docs/protocol.md` for
//! what the browser and the server say to each other.

pub mod app;
pub mod cache;
pub mod components;
mod error;
pub mod events;
pub mod files;
pub mod gradio;
pub mod protocol;
pub mod runtime;
pub mod script;
pub mod server;
#[doc(hidden)]
pub mod testing;

pub use app::{App, Blocks};
pub use error::Error;
pub use events::Raw;
pub use files::deferred::download;
pub use runtime::Limits;
pub use script::script;
pub use server::{LaunchError, ServerConfig};

/// Everything an app usually needs: `use ferry_ui::prelude::*;`.
pub mod prelude {
    pub use crate::app::{App, Blocks};
    pub use crate::components::{
        Accordion, AnyHandle, Button, ButtonUpdate, Callout, CalloutUpdate, Cell, Cells, Checkbox,
        CheckboxUpdate, Choice, Column, Dataframe, DataframeUpdate, DownloadButton,
        DownloadButtonUpdate, Dropdown, DropdownUpdate, Every, FileCount, Group, Handle, Icon,
        IconPosition, Image, ImageUpdate, Markdown, MarkdownUpdate, Number, NumberUpdate,
        ProgressBar, ProgressBarUpdate, Row, Size, Slider, SliderUpdate, Table, Textbox,
        TextboxUpdate, Timer, TimerUpdate, UploadButton, UploadButtonUpdate, Variant, Visibility,
        Width,
    };
    pub use crate::events::{
        ApiVisibility, CancelToken, EventId, NoChange, Progress, ShowProgress, TriggerMode,
        UploadedFile,
    };
    pub use crate::files::deferred::Scratch;
    pub use crate::files::upload::UploadLimits;
    pub use crate::files::FileSource;
    pub use crate::runtime::{Limits, Session};
}

/// The README's examples, compiled as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
