//! Which folders a path chosen at run time may be served from (Gradio's `allowed_paths` and
//! `blocked_paths`, stricter).
//!
//! A path that a handler or a value function returns may come from user text (Gradio
//! CVE-2024-47868: a Dropdown's value handed to a DownloadButton let anyone download
//! `/etc/passwd`). Such a path is served only when [`ServeRoots::check`] accepts it:
//!
//! 1. The path is resolved: made absolute, every symlink followed and every `..` applied
//!    (`canonicalize`). A path that does not exist is resolved as far as it exists, so that a
//!    refusal does not tell whether a file outside the roots exists.
//! 2. **Blocked paths win**: a path equal to or under a blocked path is refused.
//! 3. It must lie under a **root**: the app's working directory when it started (unless that is
//!    the file system's root, `/`, which would allow everything), Ferry's own folders (the
//!    upload folder), or a path the app allows. A root may be a folder or one file.
//! 4. **No hidden names below the root**: a path one of whose components below the root starts
//!    with `.` (`.env`, `.git/config`) is refused, unless a root names that hidden file or
//!    folder itself (allowing `/srv/app/.well-known` serves what is under it).
//!
//! Roots are resolved the same way when a path is checked (a root that does not exist yet is
//! taken as written, made absolute), so a link swapped after start-up cannot widen them. Paths
//! fixed when the page is declared are trusted and never checked, as in Gradio.
//!
//! ```
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! use ferry_ui::files::roots::{Refusal, ServeRoots};
//!
//! let app = tempfile::tempdir().unwrap();
//! std::fs::write(app.path().join("report.csv"), "a,b\n").unwrap();
//! std::fs::write(app.path().join(".env"), "TOKEN=x\n").unwrap();
//! let roots = ServeRoots::at(app.path());
//!
//! assert!(roots.check(&app.path().join("report.csv")).await.is_ok());
//! let refused = roots.check(&app.path().join(".env")).await.unwrap_err();
//! assert_eq!(refused.reason, Refusal::HiddenFile);
//! let refused = roots.check(std::path::Path::new("/etc/passwd")).await.unwrap_err();
//! assert_eq!(refused.reason, Refusal::Outside);
//! # });
//! ```

use std::ffi::OsStr;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Why [`ServeRoots::check`] refused a path.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The resolved path is under no root.
    Outside,
    /// The resolved path is, or is under, a blocked path.
    Blocked,
    /// The file's own name starts with `.`.
    HiddenFile,
    /// A folder between the root and the file starts with `.`.
    HiddenFolder,
}

impl Refusal {
    /// The message shown in the page for a file named `name` (never its folder).
    pub fn message(self, name: &str) -> String {
        match self {
            Refusal::Outside => format!("\"{name}\" is outside the folders this app may serve"),
            Refusal::Blocked => format!("\"{name}\" is in a path this app blocks"),
            Refusal::HiddenFile => {
                format!("\"{name}\" is a hidden file, which this app does not serve")
            }
            Refusal::HiddenFolder => {
                format!("\"{name}\" is in a hidden folder, which this app does not serve")
            }
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Outside => "outside every root",
            Refusal::Blocked => "blocked",
            Refusal::HiddenFile => "a hidden file",
            Refusal::HiddenFolder => "in a hidden folder",
        })
    }
}

/// A path [`ServeRoots::check`] refused: why, and what it resolved to (for the log only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Why it was refused.
    pub reason: Refusal,
    /// The path after resolving symlinks and `..`.
    pub resolved: PathBuf,
}

/// The folders that paths chosen at run time may be served from, and the paths that never are.
///
/// Constructors: [`at`](Self::at), [`current`](Self::current). Setters:
/// [`ferry_folder`](Self::ferry_folder), [`allowed_paths`](Self::allowed_paths),
/// [`blocked_paths`](Self::blocked_paths). Check: [`check`](Self::check).
#[derive(Clone, Debug)]
#[must_use = "ServeRoots does nothing until a path is checked"]
pub struct ServeRoots {
    /// The working directory at start, absolute; `None` when unknown or `/`.
    working_dir: Option<PathBuf>,
    /// Ferry's own folders (uploads).
    ferry: Vec<PathBuf>,
    /// Roots the app allows, absolute.
    allowed: Vec<PathBuf>,
    /// Paths never served, absolute.
    blocked: Vec<PathBuf>,
}

impl ServeRoots {
    /// Roots with `working_dir` as the app's working directory. Relative paths given later
    /// count from it. The file system's root (`/`) is not taken as a root: it would allow
    /// every file.
    pub fn at(working_dir: impl Into<PathBuf>) -> Self {
        let dir = lexically_normal(&absolute(&working_dir.into()));
        let is_fs_root = dir.parent().is_none();
        if is_fs_root {
            tracing::warn!(
                dir = %dir.display(),
                "the working directory is the file system's root: it is not a root files chosen at run time may be served from"
            );
        }
        ServeRoots {
            working_dir: (!is_fs_root).then_some(dir),
            ferry: Vec::new(),
            allowed: Vec::new(),
            blocked: Vec::new(),
        }
    }

    /// Roots with the process's working directory now (none if it cannot be read).
    pub fn current() -> Self {
        match std::env::current_dir() {
            Ok(dir) => Self::at(dir),
            Err(error) => {
                tracing::warn!(%error, "no working directory: only allowed paths are served");
                ServeRoots {
                    working_dir: None,
                    ferry: Vec::new(),
                    allowed: Vec::new(),
                    blocked: Vec::new(),
                }
            }
        }
    }

    /// Adds one of Ferry's own folders (its upload folder) as a root. Defaults to none.
    pub fn ferry_folder(mut self, folder: impl Into<PathBuf>) -> Self {
        let folder = self.absolute(folder.into());
        self.ferry.push(folder);
        self
    }

    /// Adds folders or files that may be served (relative ones count from the working
    /// directory). A hidden file or folder named here is allowed, with what is under it.
    /// Defaults to none.
    pub fn allowed_paths<P: Into<PathBuf>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        let paths: Vec<PathBuf> = paths.into_iter().map(|p| self.absolute(p.into())).collect();
        self.allowed.extend(paths);
        self
    }

    /// Adds folders or files that are never served, even under a root or an allowed path
    /// (relative ones count from the working directory). Defaults to none.
    pub fn blocked_paths<P: Into<PathBuf>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        let paths: Vec<PathBuf> = paths.into_iter().map(|p| self.absolute(p.into())).collect();
        self.blocked.extend(paths);
        self
    }

    /// Resolves `path` and returns it when it may be served, or why not (see the module's
    /// documentation for the rule). Touches the disk (on Tokio's blocking pool) but never
    /// opens the file.
    pub async fn check(&self, path: &Path) -> Result<PathBuf, Refused> {
        let (roots, path) = (self.clone(), path.to_owned());
        match tokio::task::spawn_blocking(move || roots.check_blocking(&path)).await {
            Ok(result) => result,
            // The check cannot panic; should the pool be gone (shutting down), refuse.
            Err(_) => Err(Refused {
                reason: Refusal::Outside,
                resolved: PathBuf::new(),
            }),
        }
    }

    /// [`check`](Self::check), on the calling thread.
    pub fn check_blocking(&self, path: &Path) -> Result<PathBuf, Refused> {
        let resolved = resolve(path);
        let refuse = |reason| Refused {
            reason,
            resolved: resolved.clone(),
        };
        if self
            .blocked
            .iter()
            .any(|blocked| resolved.starts_with(resolve(blocked)))
        {
            return Err(refuse(Refusal::Blocked));
        }
        let mut hidden = None;
        let roots = self
            .working_dir
            .iter()
            .chain(&self.ferry)
            .chain(&self.allowed);
        for root in roots {
            let Ok(below) = resolved.strip_prefix(resolve(root)) else {
                continue;
            };
            match hidden_component(below) {
                None => return Ok(resolved),
                Some(reason) => hidden = hidden.or(Some(reason)),
            }
        }
        Err(refuse(hidden.unwrap_or(Refusal::Outside)))
    }

    /// `path` made absolute against the working directory, with `.` and `..` applied.
    fn absolute(&self, path: PathBuf) -> PathBuf {
        let joined = match (&self.working_dir, path.is_absolute()) {
            (Some(dir), false) => dir.join(path),
            _ => absolute(&path),
        };
        lexically_normal(&joined)
    }
}

/// Whether a component of `below` (a path relative to a root) is hidden: the last one (the
/// file) or one before it (a folder).
fn hidden_component(below: &Path) -> Option<Refusal> {
    let names: Vec<&OsStr> = below
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name),
            _ => None,
        })
        .collect();
    let is_hidden = |name: &&OsStr| name.as_encoded_bytes().first() == Some(&b'.');
    let (file, folders) = names.split_last()?;
    if folders.iter().any(is_hidden) {
        Some(Refusal::HiddenFolder)
    } else if is_hidden(file) {
        Some(Refusal::HiddenFile)
    } else {
        None
    }
}

/// `path` with every symlink followed and every `..` applied. A path that does not exist is
/// resolved as far as it exists (its deepest existing folder canonicalised, the rest applied
/// lexically), so that it is judged the same way as an existing one.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    let normal = lexically_normal(&absolute(path));
    for ancestor in normal.ancestors().skip(1) {
        if let Ok(canonical) = std::fs::canonicalize(ancestor) {
            let rest = normal.strip_prefix(ancestor).unwrap_or(Path::new(""));
            return lexically_normal(&canonical.join(rest));
        }
    }
    normal
}

/// `path` made absolute against the process's working directory, without touching the disk
/// otherwise; as given when that cannot be read.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_: io::Error| path.to_owned())
}

/// `path` with `.` dropped and each `..` removing the component before it (never above the
/// root).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests;
