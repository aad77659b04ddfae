//! The rule on real folders: symlinks, `..`, hidden names, allowed and blocked paths.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// An app folder with a few files, and a folder outside it.
struct Layout {
    _tmp: tempfile::TempDir,
    app: PathBuf,
    outside: PathBuf,
}

fn layout() -> Layout {
    let tmp = tempfile::tempdir().unwrap();
    // Canonical from the start, so that expected paths compare equal on any system.
    let base = fs::canonicalize(tmp.path()).unwrap();
    let (app, outside) = (base.join("app"), base.join("outside"));
    for dir in [
        &app,
        &app.join("sub"),
        &app.join(".git"),
        &app.join(".well-known"),
        &outside,
    ] {
        fs::create_dir_all(dir).unwrap();
    }
    for file in [
        app.join("report.csv"),
        app.join("sub/data.txt"),
        app.join(".env"),
        app.join(".git/config"),
        app.join(".well-known/security.txt"),
        outside.join("secret.txt"),
    ] {
        fs::write(file, "x").unwrap();
    }
    Layout {
        _tmp: tmp,
        app,
        outside,
    }
}

fn reason(roots: &ServeRoots, path: &Path) -> Refusal {
    roots.check_blocking(path).unwrap_err().reason
}

#[test]
fn a_file_under_the_working_dir_is_served_as_its_canonical_path() {
    let l = layout();
    let roots = ServeRoots::at(&l.app);
    assert_eq!(
        roots.check_blocking(&l.app.join("report.csv")),
        Ok(l.app.join("report.csv"))
    );
    assert_eq!(
        roots.check_blocking(&l.app.join("sub/./../sub/data.txt")),
        Ok(l.app.join("sub/data.txt"))
    );
}

#[test]
fn absolute_paths_outside_are_refused() {
    let l = layout();
    let roots = ServeRoots::at(&l.app);
    assert_eq!(reason(&roots, Path::new("/etc/passwd")), Refusal::Outside);
    assert_eq!(
        reason(&roots, &l.outside.join("secret.txt")),
        Refusal::Outside
    );
}

#[test]
fn dot_dot_is_applied_before_judging() {
    let l = layout();
    let roots = ServeRoots::at(&l.app);
    let escape = l.app.join("sub/../../outside/secret.txt");
    let refused = roots.check_blocking(&escape).unwrap_err();
    assert_eq!(refused.reason, Refusal::Outside);
    assert_eq!(refused.resolved, l.outside.join("secret.txt"));
    let deep = l.app.join("../../../../../../../../../../etc/passwd");
    assert_eq!(reason(&roots, &deep), Refusal::Outside);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_root_is_refused() {
    let l = layout();
    let roots = ServeRoots::at(&l.app);
    let link = l.app.join("looks-local.txt");
    std::os::unix::fs::symlink(l.outside.join("secret.txt"), &link).unwrap();
    let refused = roots.check_blocking(&link).unwrap_err();
    assert_eq!(refused.reason, Refusal::Outside);
    assert_eq!(refused.resolved, l.outside.join("secret.txt"));

    let etc = l.app.join("etc-link");
    std::os::unix::fs::symlink("/etc", &etc).unwrap();
    assert_eq!(reason(&roots, &etc.join("passwd")), Refusal::Outside);
    // A file that does not exist behind the link is refused the same way: the answer does
    // not tell whether it exists.
    assert_eq!(reason(&roots, &etc.join("no-such-file")), Refusal::Outside);
}

#[cfg(unix)]
#[test]
fn a_symlink_that_stays_inside_is_served_as_its_target() {
    let l = layout();
    let roots = ServeRoots::at(&l.app);
    let link = l.app.join("latest.csv");
    std::os::unix::fs::symlink(l.app.join("report.csv"), &link).unwrap();
    assert_eq!(roots.check_blocking(&link), Ok(l.app.join("report.csv")));
}

#[cfg(unix)]
#[test]
fn a_root_reached_through_a_symlink_holds_the_same_files() {
    let l = layout();
    let alias = l.outside.join("app-alias");
    std::os::unix::fs::symlink(&l.app, &alias).unwrap();
    let roots = ServeRoots::at(&alias);
    assert_eq!(
        roots.check_blocking(&l.app.join("report.csv")),
        Ok(l.app.join("report.csv"))
    );
    assert_eq!(
        roots.check_blocking(&alias.join("report.csv")),
        Ok(l.app.join("report.csv"))
    );
    assert_eq!(
        reason(&roots, &l.outside.join("secret.txt")),
        Refusal::Outside
    );
}

#[test]
fn dotfiles_and_dot_folders_are_refused() {
    let l = layout();
    let roots = ServeRoots::at(&l.app);
    assert_eq!(reason(&roots, &l.app.join(".env")), Refusal::HiddenFile);
    assert_eq!(
        reason(&roots, &l.app.join(".git/config")),
        Refusal::HiddenFolder
    );
    assert_eq!(
        reason(&roots, &l.app.join(".well-known/security.txt")),
        Refusal::HiddenFolder
    );
    // Hidden names above the root do not count: only those below it.
    let roots = ServeRoots::at(l.app.join(".git"));
    assert_eq!(
        roots.check_blocking(&l.app.join(".git/config")),
        Ok(l.app.join(".git/config"))
    );
}

#[test]
fn a_hidden_file_or_folder_named_in_allowed_paths_is_served() {
    let l = layout();
    let roots =
        ServeRoots::at(&l.app).allowed_paths([l.app.join(".well-known"), l.app.join(".env")]);
    assert_eq!(
        roots.check_blocking(&l.app.join(".well-known/security.txt")),
        Ok(l.app.join(".well-known/security.txt"))
    );
    assert_eq!(
        roots.check_blocking(&l.app.join(".env")),
        Ok(l.app.join(".env"))
    );
    // Only those: another hidden name is still refused.
    assert_eq!(
        reason(&roots, &l.app.join(".git/config")),
        Refusal::HiddenFolder
    );
}

#[test]
fn allowed_paths_add_roots_and_count_from_the_working_dir() {
    let l = layout();
    let secret = l.outside.join("secret.txt");
    let roots = ServeRoots::at(&l.app).allowed_paths(["../outside"]);
    assert_eq!(roots.check_blocking(&secret), Ok(secret.clone()));
    // A root may be one file.
    fs::write(l.outside.join("other.txt"), "y").unwrap();
    let roots = ServeRoots::at(&l.app).allowed_paths([&secret]);
    assert_eq!(roots.check_blocking(&secret), Ok(secret.clone()));
    assert_eq!(
        reason(&roots, &l.outside.join("other.txt")),
        Refusal::Outside
    );
}

#[test]
fn blocked_paths_win_over_allowed_ones_and_every_root() {
    let l = layout();
    let secret = l.outside.join("secret.txt");
    let roots = ServeRoots::at(&l.app)
        .ferry_folder(&l.outside)
        .allowed_paths([&l.outside, &l.app.join(".env")])
        .blocked_paths([secret.clone(), l.app.join("sub"), l.app.join(".env")]);
    assert_eq!(reason(&roots, &secret), Refusal::Blocked);
    assert_eq!(
        reason(&roots, &l.app.join("sub/data.txt")),
        Refusal::Blocked
    );
    assert_eq!(reason(&roots, &l.app.join(".env")), Refusal::Blocked);
    assert_eq!(
        roots.check_blocking(&l.app.join("report.csv")),
        Ok(l.app.join("report.csv"))
    );
    // `sub2` is not under `sub`: paths compare by component, not by prefix.
    fs::create_dir(l.app.join("sub2")).unwrap();
    fs::write(l.app.join("sub2/x.txt"), "x").unwrap();
    assert_eq!(
        roots.check_blocking(&l.app.join("sub2/x.txt")),
        Ok(l.app.join("sub2/x.txt"))
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_into_a_blocked_folder_is_blocked() {
    let l = layout();
    let roots = ServeRoots::at(&l.app).blocked_paths([l.app.join("sub")]);
    let link = l.app.join("innocent.txt");
    std::os::unix::fs::symlink(l.app.join("sub/data.txt"), &link).unwrap();
    assert_eq!(reason(&roots, &link), Refusal::Blocked);
}

#[test]
fn ferry_folders_are_roots() {
    let l = layout();
    let roots = ServeRoots::at(&l.app).ferry_folder(&l.outside);
    let secret = l.outside.join("secret.txt");
    assert_eq!(roots.check_blocking(&secret), Ok(secret.clone()));
}

#[test]
fn a_missing_file_under_a_root_passes_the_check_and_one_outside_does_not() {
    let l = layout();
    let roots = ServeRoots::at(&l.app);
    assert_eq!(
        roots.check_blocking(&l.app.join("sub/later.csv")),
        Ok(l.app.join("sub/later.csv"))
    );
    assert_eq!(
        roots.check_blocking(&l.app.join("no/such/../dir.csv")),
        Ok(l.app.join("no/dir.csv"))
    );
    assert_eq!(
        reason(&roots, &l.outside.join("missing.txt")),
        Refusal::Outside
    );
    assert_eq!(
        reason(&roots, Path::new("/etc/no-such-file")),
        Refusal::Outside
    );
}

#[test]
fn the_file_system_root_is_never_a_working_dir_root() {
    let roots = ServeRoots::at("/");
    assert_eq!(reason(&roots, Path::new("/etc/passwd")), Refusal::Outside);
}

#[test]
fn messages_name_the_file_only() {
    let table = [
        (
            Refusal::Outside,
            "\"passwd\" is outside the folders this app may serve",
        ),
        (Refusal::Blocked, "\"passwd\" is in a path this app blocks"),
        (
            Refusal::HiddenFile,
            "\"passwd\" is a hidden file, which this app does not serve",
        ),
        (
            Refusal::HiddenFolder,
            "\"passwd\" is in a hidden folder, which this app does not serve",
        ),
    ];
    for (reason, message) in table {
        assert_eq!(reason.message("passwd"), message);
    }
}
