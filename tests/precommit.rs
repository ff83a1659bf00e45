//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by pre-commit
//! itself (`pre-commit try-repo`) in a fresh git repository, as a project
//! using them would. pre-commit builds dossier with `cargo install` (its
//! `language: rust`); the build goes to target/tmp with a light release
//! profile, so a second run reuses it. Skipped, saying why, when pre-commit
//! is not installed (`bash .ci/setup` installs it) or this is not a git
//! checkout.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `pre-commit`, or `python3 -m pre_commit` (pip --user puts the script
/// where PATH may not look).
fn pre_commit() -> Option<Vec<String>> {
    let works = |cmd: &[&str]| Command::new(cmd[0]).args(&cmd[1..]).arg("--version").output().is_ok_and(|o| o.status.success());
    if works(&["pre-commit"]) {
        return Some(vec!["pre-commit".into()]);
    }
    let home = std::env::var("HOME").unwrap_or_default();
    let user = format!("{home}/.local/bin/pre-commit");
    if works(&[&user]) {
        return Some(vec![user]);
    }
    works(&["python3", "-m", "pre_commit"]).then(|| vec!["python3".into(), "-m".into(), "pre_commit".into()])
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git").args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

fn try_repo(cmd: &[String], dir: &Path, files: &[&str]) -> Output {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let mut c = Command::new(&cmd[0]);
    c.args(&cmd[1..]).args(["try-repo", &root().display().to_string(), "--files"]).args(files).current_dir(dir);
    // A quick build, kept between runs; pre-commit's own cache beside it.
    c.env("CARGO_TARGET_DIR", tmp.join("pre-commit-target"))
        .env("PRE_COMMIT_HOME", tmp.join("pre-commit-home"))
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        .env("NO_COLOR", "1")
        .env_remove("CARGO_MAKEFLAGS");
    c.output().unwrap()
}

#[test]
fn pre_commit_runs_the_check_and_fix_hooks() {
    let Some(cmd) = pre_commit() else {
        eprintln!("skipped: pre-commit is not installed (`bash .ci/setup` installs it: pip install --user pre-commit)");
        return;
    };
    if !root().join(".git").exists() {
        eprintln!("skipped: {} is not a git checkout, and pre-commit try-repo needs one", root().display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::write(d.join("dirty.md"), "# عنوان\n\nقال  “نعم” ثم مضى.\n").unwrap();
    std::fs::write(d.join("clean.txt"), "قال «نعم» ثم مضى.\n").unwrap();
    std::fs::write(d.join("notes.rs"), "// “x”  y\n").unwrap();
    git(d, &["add", "."]);

    let out = try_repo(&cmd, d, &["dirty.md", "clean.txt", "notes.rs"]);
    let shown = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{shown}");
    let line =
        |hook: &str| shown.lines().find(|l| l.starts_with(hook)).unwrap_or_else(|| panic!("no {hook} line in:\n{shown}")).to_string();
    assert!(line("dossier check").ends_with("Failed"), "{shown}");
    assert!(line("dossier fix").ends_with("Failed") && shown.contains("files were modified by this hook"), "{shown}");
    assert!(shown.contains("dirty.md:3:4: error S001"), "check reports the staged file: {shown}");
    assert_eq!(std::fs::read_to_string(d.join("dirty.md")).unwrap(), "# عنوان\n\nقال «نعم» ثم مضى.\n");
    assert_eq!(std::fs::read_to_string(d.join("notes.rs")).unwrap(), "// “x”  y\n", "only .md and .txt");

    // Fixed and staged, both hooks pass.
    git(d, &["add", "."]);
    let out = try_repo(&cmd, d, &["dirty.md", "clean.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
}
