//! Publishing a file: issuing its token and describing it to the page as a FileValue.

use serde_json::{json, Value};

use super::serve::file_url;
use super::source::EntryBody;
use super::{FileEntry, FileError, FileSource, FileStore, Owner, Resolved};

/// Resolves `source`, issues a token for `owner`, and returns the page's FileValue (see
/// `docs/protocol.md`). A URL source is described as is: the browser fetches it, never the server.
pub(crate) async fn publish(
    store: &FileStore,
    source: &FileSource,
    owner: Owner,
) -> Result<Value, FileError> {
    match source.resolve().await? {
        Resolved::Served(entry) => Ok(issue(store, entry, owner)),
        Resolved::External { url, file_name } => Ok(json!({
            "url": url,
            "file_name": file_name,
            "size": null,
            "mime_type": null,
            "external": true,
        })),
    }
}

/// Issues a token for an entry that is already resolved and describes it.
pub(crate) fn issue(store: &FileStore, entry: std::sync::Arc<FileEntry>, owner: Owner) -> Value {
    let scope = match &owner {
        Owner::App => "app".to_owned(),
        Owner::Session(session) => session.clone(),
    };
    let token = store.issue(owner, std::sync::Arc::clone(&entry));
    json!({
        "url": file_url(&scope, &token, entry.file_name()),
        "file_name": entry.file_name(),
        "size": entry.len_hint(),
        "mime_type": entry.content_type(),
    })
}

/// The source an issued entry came from, for a handler that takes a file as input.
pub(crate) fn source_of(entry: &FileEntry) -> FileSource {
    let source = match entry.body() {
        EntryBody::Path(path) => FileSource::path(path.clone()),
        EntryBody::Bytes { bytes, .. } => FileSource::bytes(bytes.clone()),
    };
    source.file_name(entry.file_name()).mime_type(entry.content_type())
}
