//! [`download`]: a handler starts a download in the page, as a click on a download button would.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::components::DownloadButton;
use crate::events::{OutValue, Output, OutputFor, RunError};
use crate::files::roots::ServeRoots;
use crate::files::value::describe;
use crate::files::{FileError, FileSource, FileStore, Resolved};

/// How long the URL of a file a handler downloaded stays valid once another replaces it (so a
/// download still running or broken can resume).
const REPLACED_DOWNLOAD_GRACE: Duration = Duration::from_secs(60);

/// A file the page downloads as soon as the handler's result arrives: return it for a
/// [`DownloadButton`] output. Made by [`download`](crate::download).
#[derive(Clone, Debug)]
#[must_use = "a Download does nothing until a handler returns it for a download button"]
pub struct Download(FileSource);

/// Starts a download in the page from a handler, as a click on a download button would
/// (Streamlit's most asked-for missing feature): return it for a [`DownloadButton`] output,
/// which may be hidden (`.visible(false)`: a button nobody sees, there only to be an output).
///
/// The button's value stays as it is; the browser's own download starts when the update
/// arrives, with the file's name, from a URL of the session's (valid until another download of
/// the same button replaces it, and a minute more). `file` is anything a download button shows:
/// a path (under the app's folders, as for every path chosen at run time), bytes, text, a URL.
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let name = b.add(Textbox::new("Name").value("report"));
///     let save = b.add(Button::new("Save"));
///     let sink = b.add(DownloadButton::new("").visible(false));
///     b.on(save.click(), name, sink, |name: String| {
///         ferry_ui::download(FileSource::text("a,b\n").file_name(format!("{name}.csv")))
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Save"));
/// ```
pub fn download(file: impl Into<FileSource>) -> Download {
    Download(file.into())
}

impl OutputFor<DownloadButton> for Download {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(Output::Value(OutValue::Download(self.0)))
    }
}

impl From<Download> for Output {
    fn from(download: Download) -> Self {
        Output::Value(OutValue::Download(download.0))
    }
}

/// Publishes a file a handler downloads for component `component` of `session`: the page's
/// FileValue. Each replaces the button's previous one, whose URL works a minute more.
pub(crate) async fn publish_download(
    store: &FileStore,
    roots: &ServeRoots,
    session: &str,
    component: usize,
    source: &FileSource,
) -> Result<Value, FileError> {
    let resolved = source
        .resolve_with(Some(roots), store.spool())
        .await
        .inspect_err(|error| tracing::warn!(?error, "a file to download cannot be served"))?;
    Ok(match resolved {
        Resolved::Served(entry) => {
            // A slot of its own beside the button's value: `usize::MAX - component` is never
            // a component id of a page.
            let token = store.issue_current(
                session,
                usize::MAX - component,
                Arc::clone(&entry),
                REPLACED_DOWNLOAD_GRACE,
            );
            describe(session, &token, &entry)
        }
        Resolved::External { url, file_name } => json!({
            "url": url,
            "file_name": file_name,
            "size": null,
            "mime_type": null,
            "external": true,
        }),
    })
}
