//! Events: typed handlers, their context arguments, their inputs and outputs, and runs.
//!
//! This module knows no component: components say, in their own files, which values they show
//! ([`OutputFor`]) and which inputs they give ([`InputOf`]).

mod batch;
mod batcher;
mod context;
mod dependency;
mod error;
mod file_input;
mod handler;
mod input;
mod output;
mod queue;
mod run;
mod trigger;

pub(crate) use batch::BatchItem;
pub use batch::{BatchHandler, BatchInputs, IntoBatch};
pub(crate) use batcher::{BatchPace, Batcher, DEFAULT_MAX_BATCH_SIZE};
pub use context::{CancelToken, FromContext, Progress, ProgressReport, RunContext, Tracked};
pub use dependency::{ApiVisibility, Chain, EventId, EventListener, ShowProgress, TriggerMode};
pub(crate) use dependency::{Dependency, Work};
pub use error::{RunError, GENERIC_MESSAGE};
pub use file_input::{FromFile, ReceivedFile, UploadedFile};
pub use handler::{
    AnyInputs, AsyncFn, ErasedHandler, Handler, HandlerFuture, IterFn, StreamFn, SyncFn,
};
pub(crate) use input::kind as value_kind;
pub use input::{DefaultInput, FromInput, InputContext, InputOf};
pub(crate) use output::{text_output, update_output};
pub use output::{IntoOutputs, NoChange, OutValue, Output, OutputFor, Raw, Update};
pub(crate) use queue::{Queue, QueueSlot};
pub(crate) use run::{Pace, Run, RunId};
pub(crate) use trigger::{Admission, Refused, TriggerGates};
