//! Publishing a file: issuing its token and describing it to the page as a FileValue.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::events::ReceivedFile;

use super::roots::ServeRoots;
use super::serve::file_url;
use super::source::EntryBody;
use super::{FileEntry, FileError, FileSource, FileStore, Owner, Resolved, Token};

/// How long the token of a session component's previous value still works once replaced.
const REPLACED_VALUE_GRACE: Duration = Duration::from_secs(5 * 60);

/// Who a published file is for.
pub(crate) enum Audience<'a> {
    /// Every session: a value fixed when the page was declared, whose path is trusted.
    App,
    /// One session's value of one component, chosen at run time: a path is served only when
    /// `roots` accept it. Its previous value expires after a grace period.
    Component {
        session: &'a str,
        component: usize,
        roots: &'a ServeRoots,
    },
}

/// Resolves `source`, issues a token for `audience`, and returns the page's FileValue (see
/// `docs/protocol.md`). A URL source is described as is: the browser fetches it, never the server.
/// A failure is logged in full (paths included); its message names only the file.
pub(crate) async fn publish(
    store: &FileStore,
    source: &FileSource,
    audience: Audience<'_>,
) -> Result<Value, FileError> {
    let resolved = match &audience {
        Audience::App => source.resolve_with(None, store.spool()).await,
        Audience::Component { roots, .. } => source.resolve_with(Some(roots), store.spool()).await,
    };
    let resolved = resolved.inspect_err(|error| match error {
        FileError::Refused {
            path,
            resolved,
            reason,
        } => tracing::warn!(
            path = %path.display(),
            resolved = %resolved.display(),
            %reason,
            "refused to serve a path chosen at run time"
        ),
        error => tracing::warn!(?error, "a file value cannot be served"),
    })?;
    match resolved {
        Resolved::Served(entry) => Ok(match audience {
            Audience::App => issue(store, entry, Owner::App),
            Audience::Component {
                session, component, ..
            } => {
                let token = store.issue_current(
                    session,
                    component,
                    Arc::clone(&entry),
                    REPLACED_VALUE_GRACE,
                );
                describe(session, &token, &entry)
            }
        }),
        Resolved::External { url, file_name } => Ok(json!({
            "url": url,
            "file_name": file_name,
            "size": null,
            "mime_type": null,
            "external": true,
        })),
    }
}

/// Publishes an image file a script named as a button's icon, for `session` alone: served
/// inline (under a sandboxing policy), and only when `roots` accept the path, as every path
/// chosen at run time. Returns its URL, relative to the page.
pub(crate) async fn publish_icon(
    store: &FileStore,
    roots: &ServeRoots,
    session: &str,
    path: &std::path::Path,
) -> Result<Value, FileError> {
    let resolved = FileSource::path(path)
        .resolve_with(Some(roots), store.spool())
        .await
        .inspect_err(|error| tracing::warn!(?error, "a script's icon cannot be served"))?;
    Ok(match resolved {
        Resolved::Served(entry) => {
            let inline = Arc::new(Arc::unwrap_or_clone(entry).into_inline());
            issue(store, inline, Owner::Session(session.to_owned()))["url"].clone()
        }
        Resolved::External { url, .. } => Value::from(url),
    })
}

/// Issues a token for an entry that is already resolved and describes it.
pub(crate) fn issue(store: &FileStore, entry: Arc<FileEntry>, owner: Owner) -> Value {
    issue_token(store, entry, owner).1
}

/// Like [`issue`], returning the token too.
pub(crate) fn issue_token(
    store: &FileStore,
    entry: Arc<FileEntry>,
    owner: Owner,
) -> (Token, Value) {
    let scope = match &owner {
        Owner::App => "app".to_owned(),
        Owner::Session(session) => session.clone(),
    };
    let token = store.issue(owner, Arc::clone(&entry));
    let value = describe(&scope, &token, &entry);
    (token, value)
}

/// The page's FileValue for an issued token.
pub(crate) fn describe(scope: &str, token: &Token, entry: &FileEntry) -> Value {
    let mut value = json!({
        // Relative to the page, so that it resolves under any path prefix.
        "url": file_url(scope, token, entry.file_name()).trim_start_matches('/'),
        "file_name": entry.file_name(),
        "size": entry.len_hint(),
        "mime_type": entry.content_type(),
    });
    if let (Some(relative), Value::Object(map)) = (entry.relative_path(), &mut value) {
        map.insert("relative_path".into(), relative.into());
    }
    value
}

/// The file an issued entry holds, for a handler that takes a file as input.
pub(crate) fn received(entry: &FileEntry) -> ReceivedFile {
    ReceivedFile {
        source: source_of(entry),
        relative_path: entry.relative_path().map(str::to_owned),
    }
}

/// The source an issued entry came from.
fn source_of(entry: &FileEntry) -> FileSource {
    let source = match entry.body() {
        EntryBody::Path(path) => FileSource::path(path.clone()),
        EntryBody::Bytes { bytes, .. } => FileSource::bytes(bytes.clone()),
        EntryBody::Spooled(file) => FileSource::path(file.path()),
        // A direct stream is sent once: a handler that takes one as input gets nothing it
        // could read again.
        EntryBody::Direct(_) => FileSource::bytes(bytes::Bytes::new()),
        EntryBody::Zip(plan) => plan.to_source(),
    };
    source
        .file_name(entry.file_name())
        .mime_type(entry.content_type())
}
