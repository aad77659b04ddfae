//! Private folders and files, and the guard that removes a request's files unless it succeeds.

use std::io;
use std::path::{Path, PathBuf};

/// The folders one request has created, removed (with everything in them) when dropped.
///
/// The guard lives in the `receive` future, so it is dropped, and the partial files removed,
/// on every way out but success: an error, the timeout, or the client going away (the server
/// then drops the future). Removal is a blocking `remove_dir_all` in `Drop`; it touches only
/// the request's own folders.
#[derive(Debug, Default)]
pub(crate) struct Leftovers {
    dirs: Vec<PathBuf>,
}

impl Leftovers {
    /// Registers a folder to remove unless [`keep`](Self::keep) is called.
    pub(crate) fn push(&mut self, dir: PathBuf) {
        self.dirs.push(dir);
    }

    /// The request succeeded: keep every folder.
    pub(crate) fn keep(mut self) {
        self.dirs.clear();
    }
}

impl Drop for Leftovers {
    fn drop(&mut self) {
        for dir in self.dirs.drain(..) {
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => tracing::warn!(error = %e, "could not remove a partial upload"),
            }
        }
    }
}

// Folders and files are created with blocking calls on purpose: each is one quick syscall, and
// doing it inline (rather than on tokio's blocking pool) means that when the future is dropped
// nothing is still about to be created behind the guard's back.

/// Creates the folder `path` (its parent must exist), readable only by this user (0700).
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// Like [`create_private_dir`], but a folder (not a link) that already exists is fine.
pub(crate) fn ensure_private_dir(path: &Path) -> io::Result<()> {
    match create_private_dir(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if std::fs::symlink_metadata(path)?.is_dir() {
                Ok(())
            } else {
                Err(e)
            }
        }
        other => other,
    }
}

/// Creates the new file `path` (never opening an existing one), readable only by this user
/// (0600).
pub(crate) fn create_private_file(path: &Path) -> io::Result<tokio::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(tokio::fs::File::from_std)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_removed_unless_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        let b = tmp.path().join("b");
        for dir in [&a, &b] {
            create_private_dir(dir).unwrap();
            std::fs::write(dir.join("f"), b"x").unwrap();
        }
        let mut guard = Leftovers::default();
        guard.push(a.clone());
        guard.push(tmp.path().join("never-created"));
        drop(guard);
        assert!(!a.exists());

        let mut guard = Leftovers::default();
        guard.push(b.clone());
        guard.keep();
        assert!(b.join("f").exists());
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn modes_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("d");
        create_private_dir(&dir).unwrap();
        ensure_private_dir(&dir).unwrap();
        let file = dir.join("f");
        drop(create_private_file(&file).unwrap());
        assert!(create_private_file(&file).is_err(), "never reopens");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&file), 0o600);

        std::os::unix::fs::symlink(&dir, tmp.path().join("link")).unwrap();
        assert!(ensure_private_dir(&tmp.path().join("link")).is_err());
    }
}
