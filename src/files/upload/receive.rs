//! The streaming loop: one multipart body to files on disk, limits checked on every chunk.

use std::path::{Path, PathBuf};

use axum::extract::multipart::{Field, MultipartError};
use axum::extract::Multipart;
use axum::http::header::CONTENT_DISPOSITION;
use tokio::fs::File;
use tokio::io::{AsyncWriteExt, BufWriter};

use super::cleanup::{create_private_dir, create_private_file, Leftovers};
use super::content::{Claim, Sniffer, SNIFF_BYTES};
use super::framing::refusal_in;
use super::names::{random_dir_name, stored_names};
use super::quota::Reservation;
use super::types::restricts_types;
use super::{type_allowed, UploadError, UploadLimits, UploadRules, Uploaded};
use crate::files::mime::content_type_for;

/// How many bytes are gathered before each write to disk.
const WRITE_BUFFER: usize = 256 * 1024;

/// Byte counts of one request so far, and its share of the session's quota.
struct Budget<'a> {
    limits: &'a UploadLimits,
    total: u64,
    quota: &'a mut Reservation,
}

impl Budget<'_> {
    /// Counts `n` more bytes of a file that already holds `file_size`, or refuses them.
    fn take(&mut self, file_name: Option<&str>, file_size: u64, n: u64) -> Result<(), UploadError> {
        if let Some(name) = file_name {
            if file_size.saturating_add(n) > self.limits.max_file_size {
                return Err(UploadError::FileTooLarge {
                    name: name.to_owned(),
                    limit: self.limits.max_file_size,
                });
            }
        }
        let total = self.total.saturating_add(n);
        if total > self.limits.max_total_size {
            return Err(UploadError::TotalTooLarge {
                limit: self.limits.max_total_size,
            });
        }
        if file_name.is_some() {
            self.quota.take(n)?;
        }
        self.total = total;
        Ok(())
    }
}

/// Reads every part of `multipart`, writing each file under its own random folder in
/// `session_dir` and registering that folder in `leftovers` before anything is written.
pub(crate) async fn receive_into(
    session_dir: &Path,
    mut multipart: Multipart,
    limits: &UploadLimits,
    rules: &UploadRules,
    leftovers: &mut Leftovers,
    quota: &mut Reservation,
) -> Result<Vec<Uploaded>, UploadError> {
    let max_files = rules.max_files(limits);
    let mut budget = Budget {
        limits,
        total: 0,
        quota,
    };
    let mut files = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(bad_multipart)? {
        let Some(client_name) = client_file_name(&field) else {
            skip_field(&mut field, &mut budget).await?;
            continue;
        };
        if files.len() >= max_files {
            return Err(UploadError::TooManyFiles { limit: max_files });
        }
        let (name, relative_path) = stored_names(&client_name, rules.file_count);
        if !type_allowed(&name, &rules.file_types) {
            return Err(UploadError::TypeNotAllowed {
                name,
                allowed: rules.file_types.clone(),
            });
        }
        let claim = restricts_types(&rules.file_types)
            .then(|| Claim::of(&name))
            .flatten();
        let dir = session_dir.join(random_dir_name());
        create_private_dir(&dir)?;
        leftovers.push(dir.clone());
        let path = dir.join(&name);
        let size = write_field(&mut field, &path, &name, claim, &mut budget).await?;
        let (name, path) = named_by_content(name, path);
        files.push(Uploaded {
            path,
            mime_type: content_type_for(&name),
            name,
            relative_path,
            size,
        });
    }
    if files.is_empty() {
        return Err(UploadError::NoFiles);
    }
    Ok(files)
}

/// A file whose name has no extension (Gradio's JavaScript client names a `Blob` "blob") gets
/// the extension its first bytes say, when they say one (`blob` → `blob.png`), so that it is
/// typed and served by its content; any other file keeps its name.
fn named_by_content(name: String, path: PathBuf) -> (String, PathBuf) {
    if name.contains('.') {
        return (name, path);
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    let read = std::fs::File::open(&path).and_then(|file| {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(file, SNIFF_BYTES as u64),
            &mut head,
        )
    });
    let Some(kind) = read.ok().and_then(|_| infer::get(&head)) else {
        return (name, path);
    };
    let named = format!("{name}.{}", kind.extension());
    let renamed = path.with_file_name(&named);
    match std::fs::rename(&path, &renamed) {
        Ok(()) => (named, renamed),
        Err(_) => (name, path),
    }
}

/// The client's name for a file part, or `None` for a part that is not a file.
///
/// A part is a file when its `Content-Disposition` has a `filename` parameter, even one the
/// parser could not read (not UTF-8, or only `filename*`): that file is called `""`, which
/// sanitises to the fallback name.
fn client_file_name(field: &Field<'_>) -> Option<String> {
    if let Some(name) = field.file_name() {
        return Some(decode_form_file_name(name));
    }
    let disposition = field.headers().get(CONTENT_DISPOSITION)?.as_bytes();
    let has_file_name = disposition
        .windows(b"filename".len())
        .any(|w| w.eq_ignore_ascii_case(b"filename"));
    has_file_name.then(String::new)
}

/// Undoes the escapes browsers apply to a file name in a multipart form (the HTML standard's
/// form encoding): `"` is sent as `%22`, CR as `%0D`, LF as `%0A`. Nothing else is decoded,
/// so a name that really holds `%41` keeps it. Sanitising then removes the CR and LF.
fn decode_form_file_name(name: &str) -> String {
    name.replace("%22", "\"")
        .replace("%0D", "\r")
        .replace("%0A", "\n")
}

/// Streams one file part to a new private file at `path`; returns its size. When the name
/// makes a `claim`, the first bytes are judged before the file is even created.
async fn write_field(
    field: &mut Field<'_>,
    path: &Path,
    name: &str,
    claim: Option<Claim>,
    budget: &mut Budget<'_>,
) -> Result<u64, UploadError> {
    let mismatch = |claim: Claim| UploadError::ContentMismatch {
        name: name.to_owned(),
        expected: claim.describe(),
    };
    let mut sniffer = Sniffer::new(claim);
    let mut out: Option<BufWriter<File>> = None;
    let mut size = 0u64;
    while let Some(chunk) = field.chunk().await.map_err(bad_multipart)? {
        let n = chunk.len() as u64;
        budget.take(Some(name), size, n)?;
        size += n;
        for ready in sniffer.push(chunk).map_err(mismatch)? {
            opened(&mut out, path)?.write_all(&ready).await?;
        }
    }
    let out = opened(&mut out, path)?;
    for ready in sniffer.finish().map_err(mismatch)? {
        out.write_all(&ready).await?;
    }
    // Waits for the last write to reach the file, so that errors such as a full disk show here.
    out.flush().await?;
    Ok(size)
}

/// The file being written, created on first use.
fn opened<'a>(
    out: &'a mut Option<BufWriter<File>>,
    path: &Path,
) -> std::io::Result<&'a mut BufWriter<File>> {
    match out {
        Some(out) => Ok(out),
        None => Ok(out.insert(BufWriter::with_capacity(
            WRITE_BUFFER,
            create_private_file(path)?,
        ))),
    }
}

/// Reads and drops a part that is not a file, counting it against the total size.
async fn skip_field(field: &mut Field<'_>, budget: &mut Budget<'_>) -> Result<(), UploadError> {
    while let Some(chunk) = field.chunk().await.map_err(bad_multipart)? {
        budget.take(None, 0, chunk.len() as u64)?;
    }
    Ok(())
}

fn bad_multipart(err: MultipartError) -> UploadError {
    // The framing guard of `Uploads::accept` stopped the body: say why, not the parser.
    if let Some(refusal) = refusal_in(&err) {
        return refusal.into();
    }
    UploadError::BadMultipart(err.body_text())
}

#[cfg(test)]
mod tests {
    use super::decode_form_file_name;

    #[test]
    fn browser_escapes_in_form_file_names_are_undone() {
        assert_eq!(decode_form_file_name("quote%22d.txt"), "quote\"d.txt");
        assert_eq!(decode_form_file_name("a%0D%0Ab.txt"), "a\r\nb.txt");
        assert_eq!(decode_form_file_name("100%41.txt"), "100%41.txt");
    }
}
