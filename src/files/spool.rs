//! The spool: where readers and streams handed over for download are saved before they are
//! served, so that they get a length, an ETag and `Range` like any file on disk.
//!
//! A [`Spool`] is a private folder (0700, made on first use in the system's temporary folder)
//! with a quota: the bytes that its files hold at once, across every session of the app. Each
//! spooled download is a [`SpoolFile`] (0600, a random name); it is removed, and its bytes given
//! back to the quota, when the last [`FileEntry`](super::FileEntry) that serves it goes — when
//! its session ends (the session's tokens are forgotten), when a handler's newer value replaces
//! it and its grace period passes, or at shutdown. A spool that fails part-way (the producer's
//! error, the quota, a cancelled run) removes its partial file at once.
//!
//! Copying costs one buffer of the producer's chunk size: memory stays constant whatever the
//! size of the download.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use tempfile::TempDir;
use tokio::io::AsyncWriteExt;

use super::source::{FileError, Result};

/// The default quota of a spool: 10 GiB on disk at once.
pub const DEFAULT_SPOOL_BYTES: u64 = 10 * 1024 * 1024 * 1024;

/// A private folder for spooled downloads, with a quota. Cloning is cheap and shares the
/// folder and the quota.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use ferry_ui::files::spool::Spool;
/// use futures_util::stream;
///
/// let spool = Spool::new(1024);
/// let chunks = stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from("hello"))]);
/// let file = spool.save(chunks, None).await.unwrap();
/// assert_eq!(std::fs::read(file.path()).unwrap(), b"hello");
/// assert_eq!(spool.used(), 5);
/// drop(file); // removed, and its bytes given back
/// assert_eq!(spool.used(), 0);
/// # });
/// ```
#[derive(Clone, Debug)]
pub struct Spool {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    /// Made on first use, so that an app that never spools makes no folder.
    dir: OnceLock<TempDir>,
    /// Where the folder is made.
    parent: PathBuf,
    used: AtomicU64,
    quota: u64,
}

impl Default for Spool {
    /// A spool in the system's temporary folder with [`DEFAULT_SPOOL_BYTES`].
    fn default() -> Self {
        Self::new(DEFAULT_SPOOL_BYTES)
    }
}

/// The spool of sources resolved without one (`FileSource::resolve` called directly).
static SHARED: LazyLock<Spool> = LazyLock::new(Spool::default);

impl Spool {
    /// A spool of at most `quota` bytes in [`std::env::temp_dir`].
    pub fn new(quota: u64) -> Self {
        Self::new_in(std::env::temp_dir(), quota)
    }

    /// A spool of at most `quota` bytes whose folder (`ferry-spool-…`) is made in `parent`.
    pub fn new_in(parent: impl Into<PathBuf>, quota: u64) -> Self {
        Self {
            shared: Arc::new(Shared {
                dir: OnceLock::new(),
                parent: parent.into(),
                used: AtomicU64::new(0),
                quota,
            }),
        }
    }

    /// The process-wide spool used when a source is resolved without one.
    pub fn shared() -> &'static Spool {
        &SHARED
    }

    /// The bytes the spool's files hold now.
    pub fn used(&self) -> u64 {
        self.shared.used.load(Ordering::Acquire)
    }

    /// The most bytes the spool's files may hold at once.
    pub fn quota(&self) -> u64 {
        self.shared.quota
    }

    /// The spool's folder, once a file was saved (`None` before).
    pub fn dir(&self) -> Option<&Path> {
        self.shared.dir.get().map(TempDir::path)
    }

    /// Makes the spool's folder now (it is otherwise made when the first file is saved) and
    /// returns it: for an app that lists it among the folders it may serve, so that a spooled
    /// file a handler received as input can be handed back.
    pub fn ensure_dir(&self) -> io::Result<&Path> {
        if let Some(dir) = self.shared.dir.get() {
            return Ok(dir.path());
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix("ferry-spool-");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let made = builder.tempdir_in(&self.shared.parent)?;
        // Another task may have made one meanwhile: the loser's folder is removed on drop.
        let _ = self.shared.dir.set(made);
        self.shared
            .dir
            .get()
            .map(TempDir::path)
            .ok_or_else(|| io::Error::other("spool folder vanished"))
    }

    /// Saves `chunks` to a new file of the spool and returns it.
    ///
    /// `declared` is the size the producer announced, if any: a larger one than the room left
    /// is refused before a byte is read, and a producer that ends with another size fails.
    /// Errors: [`FileError::SpoolFull`] when the quota would be passed,
    /// [`FileError::Produce`] when the producer fails or breaks its declared size,
    /// [`FileError::Spool`] when the disk does. On every error the partial file is removed.
    pub async fn save<S, E>(&self, chunks: S, declared: Option<u64>) -> Result<SpoolFile>
    where
        S: Stream<Item = std::result::Result<Bytes, E>>,
        E: Into<io::Error>,
    {
        let room = self.quota().saturating_sub(self.used());
        if declared.is_some_and(|size| size > room) {
            return Err(self.full());
        }
        let dir = self.ensure_dir().map_err(spool_error)?;
        let path = dir.join(format!("{:032x}", rand::random::<u128>()));
        let file = create_private_file(&path).map_err(spool_error)?;
        // From here the guard owns the file: any early return removes it.
        let mut saved = SpoolFile {
            path,
            len: 0,
            spool: self.clone(),
        };
        let mut writer = tokio::io::BufWriter::with_capacity(256 * 1024, file);
        let mut chunks = std::pin::pin!(chunks);
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| FileError::Produce { source: e.into() })?;
            let n = chunk.len() as u64;
            if declared.is_some_and(|size| saved.len + n > size) {
                return Err(size_broken(declared, saved.len + n));
            }
            self.take(n)?;
            saved.len += n;
            writer.write_all(&chunk).await.map_err(spool_error)?;
        }
        if declared.is_some_and(|size| size != saved.len) {
            return Err(size_broken(declared, saved.len));
        }
        writer.flush().await.map_err(spool_error)?;
        Ok(saved)
    }

    /// Counts `n` more bytes, or refuses them past the quota.
    fn take(&self, n: u64) -> Result<()> {
        let quota = self.quota();
        self.shared
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(n).filter(|&total| total <= quota)
            })
            .map(drop)
            .map_err(|_| self.full())
    }

    fn give_back(&self, n: u64) {
        let _ = self
            .shared
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                Some(used.saturating_sub(n))
            });
    }

    fn full(&self) -> FileError {
        FileError::SpoolFull {
            limit: self.quota(),
        }
    }
}

fn size_broken(declared: Option<u64>, got: u64) -> FileError {
    FileError::Produce {
        source: io::Error::other(format!(
            "the producer said {} bytes and gave {got}",
            declared.unwrap_or_default()
        )),
    }
}

fn spool_error(source: io::Error) -> FileError {
    FileError::Spool { source }
}

/// Creates the new file `path`, readable only by this user (0600).
fn create_private_file(path: &Path) -> io::Result<tokio::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(tokio::fs::File::from_std)
}

/// One spooled download: a file in a [`Spool`], removed (and its bytes given back) when
/// dropped.
#[derive(Debug)]
pub struct SpoolFile {
    path: PathBuf,
    len: u64,
    spool: Spool,
}

impl SpoolFile {
    /// Where the file is. A server path: never hand it to the browser.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its size in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether it holds no byte.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Drop for SpoolFile {
    fn drop(&mut self) {
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(error = %e, "could not remove a spooled download"),
        }
        self.spool.give_back(self.len);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use futures_util::stream;

    fn ok(s: &'static str) -> io::Result<Bytes> {
        Ok(Bytes::from_static(s.as_bytes()))
    }

    #[tokio::test]
    async fn the_quota_refuses_the_byte_too_many_and_leaves_nothing() {
        let parent = tempfile::tempdir().unwrap();
        let spool = Spool::new_in(parent.path(), 8);
        let kept = spool.save(stream::iter([ok("12345")]), None).await.unwrap();
        let err = spool
            .save(stream::iter([ok("12"), ok("34")]), None)
            .await
            .unwrap_err();
        assert!(matches!(err, FileError::SpoolFull { limit: 8 }), "{err:?}");
        assert_eq!(spool.used(), 5, "the failed spool gave its bytes back");
        let left: Vec<_> = std::fs::read_dir(spool.dir().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the kept file is left");
        let err = spool.save(stream::iter([ok("x")]), Some(4)).await;
        assert!(matches!(err, Err(FileError::SpoolFull { .. })));
        drop(kept);
        assert_eq!(spool.used(), 0);
        assert_eq!(std::fs::read_dir(spool.dir().unwrap()).unwrap().count(), 0);
    }

    #[tokio::test]
    async fn a_spool_cancelled_part_way_removes_its_partial_file() {
        let parent = tempfile::tempdir().unwrap();
        let spool = Spool::new_in(parent.path(), 1 << 20);
        let stalls = stream::iter([ok("abc")]).chain(stream::pending());
        let cancelled = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            spool.save(stalls, None),
        );
        assert!(cancelled.await.is_err(), "still waiting on the producer");
        assert_eq!(std::fs::read_dir(spool.dir().unwrap()).unwrap().count(), 0);
        assert_eq!(spool.used(), 0);
    }

    #[tokio::test]
    async fn a_producer_error_or_a_broken_size_removes_the_partial_file() {
        let parent = tempfile::tempdir().unwrap();
        let spool = Spool::new_in(parent.path(), 1 << 20);
        let failing = stream::iter([ok("abc"), Err(io::Error::other("disk of the producer"))]);
        let err = spool.save(failing, None).await.unwrap_err();
        assert!(matches!(err, FileError::Produce { .. }), "{err:?}");
        let short = spool.save(stream::iter([ok("abc")]), Some(4)).await;
        assert!(matches!(short, Err(FileError::Produce { .. })));
        let long = spool.save(stream::iter([ok("abcde")]), Some(4)).await;
        assert!(matches!(long, Err(FileError::Produce { .. })));
        assert_eq!(std::fs::read_dir(spool.dir().unwrap()).unwrap().count(), 0);
        assert_eq!(spool.used(), 0);
        let exact = spool.save(stream::iter([ok("abcd")]), Some(4)).await;
        assert_eq!(exact.unwrap().len(), 4);
    }
}
