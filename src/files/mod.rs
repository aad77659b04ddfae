//! File delivery: capability tokens, sources, and HTTP serving with ranges and validators.
//!
//! The browser names a file only by an opaque token that the server issued for a value the app's
//! own code produced. No route ever opens a path or fetches a URL that a client sent.

pub mod deferred;
pub mod disposition;
pub mod file_name;
pub mod mime;
pub mod roots;
pub mod serve;
pub mod source;
pub mod spool;
pub mod store;
pub mod stream_body;
pub mod upload;
pub(crate) mod value;
pub mod zip;

pub use source::{FileEntry, FileError, FileSource, Resolved};
pub use store::{FileStore, Owner, Token};
pub use zip::Compression;
