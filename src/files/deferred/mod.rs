//! Files made only when clicked ([`FileSource::deferred`](crate::files::FileSource::deferred)),
//! and downloads a handler starts ([`download`]).
//!
//! A deferred download button runs its function when the user clicks it, shows the progress the
//! function reports with a cancel control, and starts the browser's own download as soon as the
//! file is ready, in the same click. The run belongs to the session: a second click while it
//! runs joins it, and the finished file is kept for the session for a while under a token URL
//! (with `Range`, `If-Range` and `ETag`), so a broken download resumes without running again.
//! Cancelling (the cancel control, the page closing, the session ending, a time limit) stops the
//! function at its next `.await` or cancellation check and removes its [`Scratch`] files.

mod download;
mod result;
pub(crate) mod runs;
mod scratch;

pub(crate) use download::publish_download;
pub use download::{download, Download};
pub use result::{Deferred, DeferredResult};
pub use scratch::Scratch;
