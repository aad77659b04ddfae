//! [`Scratch`]: a private folder for the files a run makes, removed by Ferry.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::events::{FromContext, RunContext};
use crate::files::file_name::sanitize_file_name;

/// A private folder (0700) for the files a run makes, removed with everything in it when the
/// run no longer needs it: a context argument, like [`Progress`](crate::events::Progress).
///
/// In a [deferred](crate::files::FileSource::deferred) function, a file made here and returned
/// as its path is served from here and removed when the session no longer keeps it (its time
/// is up, or the session ended); when the run fails or is cancelled (the cancel control, the
/// page closing, the session ending, a time limit), the folder is removed as soon as the
/// function has stopped, so no partial file stays behind. In any other handler, the folder
/// lasts as long as the handler holds its `Scratch`.
///
/// The folder is made on first use.
///
/// ```
/// use std::io::Write;
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.add(DownloadButton::new("Export").value_deferred(|scratch: Scratch| -> std::io::Result<_> {
///         let path = scratch.path("report.csv")?;
///         let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
///         writeln!(file, "id,total")?;
///         file.flush()?;
///         Ok(path)
///     }));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Export"));
/// ```
#[derive(Clone, Debug)]
pub struct Scratch(Arc<Folder>);

#[derive(Debug)]
struct Folder {
    dir: PathBuf,
    made: OnceLock<Result<(), String>>,
}

impl Scratch {
    /// A folder at `dir`, made when first used and removed when the last clone is dropped.
    pub(crate) fn at(dir: PathBuf) -> Self {
        Scratch(Arc::new(Folder {
            dir,
            made: OnceLock::new(),
        }))
    }

    /// A folder of its own under the system's temporary folder.
    fn detached() -> Self {
        let name = format!("ferry-scratch-{:032x}", rand::random::<u128>());
        Scratch::at(std::env::temp_dir().join(name))
    }

    /// The folder, made (0700) if it is not there yet.
    pub fn dir(&self) -> io::Result<&Path> {
        let made = self.0.made.get_or_init(|| {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(&self.0.dir).map_err(|e| e.to_string())
        });
        match made {
            Ok(()) => Ok(&self.0.dir),
            Err(message) => Err(io::Error::other(message.clone())),
        }
    }

    /// A path for a file named `name` in the folder (the name sanitised as download names are,
    /// so it cannot leave the folder). The file is not created.
    pub fn path(&self, name: &str) -> io::Result<PathBuf> {
        Ok(self.dir()?.join(sanitize_file_name(name)))
    }

    /// Whether `path` lies in this folder.
    pub(crate) fn holds(&self, path: &Path) -> bool {
        path.starts_with(&self.0.dir)
    }

    /// Where the folder is (made or not).
    pub(crate) fn location(&self) -> &Path {
        &self.0.dir
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        if !matches!(self.made.get(), Some(Ok(()))) {
            return;
        }
        match std::fs::remove_dir_all(&self.dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(error) => tracing::warn!(%error, "could not remove a run's scratch folder"),
        }
    }
}

impl FromContext for Scratch {
    fn from_context(cx: &RunContext) -> Self {
        cx.scratch.clone().unwrap_or_else(Scratch::detached)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_made_on_first_use_and_removed_with_the_last_clone() {
        let base = tempfile::tempdir().unwrap();
        let scratch = Scratch::at(base.path().join("run"));
        assert!(!base.path().join("run").exists());
        let path = scratch.path("../a/b.csv").unwrap();
        assert_eq!(path, base.path().join("run").join("_a_b.csv"));
        std::fs::write(&path, b"x").unwrap();
        assert!(scratch.holds(&path));
        let kept = scratch.clone();
        drop(scratch);
        assert!(path.exists());
        drop(kept);
        assert!(!base.path().join("run").exists());
    }
}
