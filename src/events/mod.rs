//! Events: typed handlers, their inputs and outputs, and how a run turns into page updates.

mod apply;
mod dependency;
mod error;
mod file_input;
mod handler;
mod input;
mod output;
mod run;

pub(crate) use apply::apply_outputs;
pub(crate) use dependency::Dependency;
pub use dependency::{EventListener, ShowProgress, TriggerMode};
pub use error::RunError;
pub use file_input::{FromFile, ReceivedFile, UploadedFile};
pub(crate) use handler::ErasedHandler;
pub use handler::{AsyncFn, Handler, SyncFn};
pub use input::{FromInput, InputContext};
pub use output::{IntoOutput, IntoOutputs, NoChange, OutValue, Output, Update};
pub(crate) use run::run_dependency;
