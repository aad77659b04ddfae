//! Many files as one download: a zip built on the fly, in constant memory, as it is sent.
//!
//! [`FileSource::zip`](crate::files::FileSource::zip) resolves each of its files as a single
//! download would be resolved (a path chosen at run time goes through the same
//! [allowed roots](crate::files::roots); a reader or a stream is spooled first) and gives each
//! entry its download name under Ferry's one file-name policy, made unique (`a.txt`,
//! `a (1).txt`). Entries are flat: a name cannot hold a folder, so no entry can land outside the
//! folder it is extracted to.
//!
//! The zip is written by Ferry itself (PKWARE APPNOTE 6.3): local headers with data descriptors,
//! so each entry streams straight from its file with its CRC-32 worked out on the way; stored
//! entries for content that is already compressed, raw deflate otherwise ([`Compression`]);
//! UTF-8 names; Zip64 where a size, an offset or the count needs it. When every entry is stored
//! the length is known before a byte is read and the response has a `Content-Length` (so the
//! browser shows a progress bar with an end); a deflated entry makes it chunked.
//!
//! Each request writes the zip anew from the files (there is no ETag and no `Range`: the
//! headers say `Accept-Ranges: none`). A file that changed size since the request began, or
//! that vanished, breaks the response off, so the browser shows a failed download rather than a
//! zip that looks whole.

mod deflate;
mod format;
mod method;
mod names;
mod time;
mod writer;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use futures_util::Stream;

pub use self::method::Compression;
pub(crate) use self::method::Method;

use self::format::{predicted_len, EntryHead};
use self::method::method_for;
use self::names::UniqueNames;
use self::time::dos_date_time;
use self::writer::Writer;
use super::source::{EntryBody, FileError, Resolved, Result};
use super::spool::SpoolFile;

/// A zip's entries, resolved: what [`EntryBody::Zip`] serves.
#[derive(Debug)]
pub struct ZipPlan {
    items: Vec<ZipItem>,
    /// The time given to entries held in memory.
    made: SystemTime,
}

#[derive(Debug)]
struct ZipItem {
    name: String,
    method: Method,
    data: ItemData,
    /// The size when resolved.
    size: u64,
}

/// Where an entry's bytes are.
#[derive(Clone, Debug)]
pub(crate) enum ItemData {
    Path(PathBuf),
    Bytes(Bytes),
    Spooled(Arc<SpoolFile>),
}

impl ZipPlan {
    /// The plan for `entries` (each resolved as a single download), named uniquely, each
    /// stored or deflated as `compression` says.
    pub(crate) fn new(entries: Vec<Resolved>, compression: Compression) -> Result<Self> {
        let mut names = UniqueNames::default();
        let mut items = Vec::with_capacity(entries.len());
        for resolved in entries {
            let entry = match resolved {
                Resolved::Served(entry) => entry,
                Resolved::External { file_name, .. } => {
                    return Err(not_zippable(file_name, "it is a URL the browser fetches"))
                }
            };
            let data = match entry.body() {
                EntryBody::Path(path) => ItemData::Path(path.clone()),
                EntryBody::Bytes { bytes, .. } => ItemData::Bytes(bytes.clone()),
                EntryBody::Spooled(file) => ItemData::Spooled(Arc::clone(file)),
                EntryBody::Zip(_) => return Err(not_zippable(entry.file_name(), "it is a zip")),
                EntryBody::Direct(_) => {
                    return Err(not_zippable(entry.file_name(), "it is streamed directly"))
                }
            };
            let name = names.claim(entry.file_name());
            items.push(ZipItem {
                method: method_for(compression, &name, entry.content_type()),
                name,
                data,
                size: entry.len_hint().unwrap_or(0),
            });
        }
        Ok(Self {
            items,
            made: SystemTime::now(),
        })
    }

    /// The entries' names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|item| item.name.as_str())
    }

    /// The same zip as a source again, for a handler that takes it as input.
    pub(crate) fn to_source(&self) -> super::FileSource {
        use super::FileSource;
        let entries = self.items.iter().map(|item| {
            let source = match &item.data {
                ItemData::Path(path) => FileSource::path(path.clone()),
                ItemData::Bytes(bytes) => FileSource::bytes(bytes.clone()),
                ItemData::Spooled(file) => FileSource::path(file.path()),
            };
            source.file_name(item.name.clone())
        });
        let compression = if self.items.iter().all(|item| item.method == Method::Stored) {
            Compression::Stored
        } else if self.items.iter().all(|item| item.method == Method::Deflate) {
            Compression::Deflate
        } else {
            Compression::Auto
        };
        FileSource::zip(entries).compression(compression)
    }

    /// The zip's length from the sizes seen when it was resolved, when every entry is stored.
    pub fn len_hint(&self) -> Option<u64> {
        let heads: Vec<EntryHead> = self
            .items
            .iter()
            .map(|item| self.head(item, item.size, self.made))
            .collect();
        predicted_len(&heads)
    }

    fn head(&self, item: &ZipItem, size: u64, modified: SystemTime) -> EntryHead {
        let (time, date) = dos_date_time(modified);
        EntryHead {
            name: item.name.clone(),
            method: item.method,
            size,
            time,
            date,
        }
    }

    /// Looks at every file once more (sizes and times, in one blocking call) and returns the
    /// zip's exact length, when every entry is stored, and its bytes.
    pub(crate) async fn open(
        self: &Arc<Self>,
    ) -> io::Result<(
        Option<u64>,
        impl Stream<Item = io::Result<Bytes>> + Send + 'static,
    )> {
        let plan = Arc::clone(self);
        let entries = tokio::task::spawn_blocking(move || plan.stat())
            .await
            .map_err(|_| io::Error::other("blocking pool gone"))??;
        let heads: Vec<EntryHead> = entries.iter().map(|(head, _)| head.clone()).collect();
        Ok((predicted_len(&heads), Writer::new(entries).into_stream()))
    }

    /// Each entry's head with its current size and time, and its data.
    fn stat(&self) -> io::Result<Vec<(EntryHead, ItemData)>> {
        self.items
            .iter()
            .map(|item| {
                let (size, modified) = match &item.data {
                    ItemData::Bytes(bytes) => (bytes.len() as u64, self.made),
                    ItemData::Path(path) => meta(path)?,
                    ItemData::Spooled(file) => meta(file.path())?,
                };
                Ok((self.head(item, size, modified), item.data.clone()))
            })
            .collect()
    }
}

fn meta(path: &std::path::Path) -> io::Result<(u64, SystemTime)> {
    let md = std::fs::metadata(path)?;
    Ok((md.len(), md.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
}

fn not_zippable(name: impl Into<String>, why: &'static str) -> FileError {
    FileError::NotZippable {
        name: name.into(),
        why,
    }
}
