//! Safe with the user's files: `fix` keeps what a file is (link, hard link,
//! mode, owner, read-only), never overwrites an edit saved during the fix,
//! says when it could not read something, and dossier's outputs get the
//! usual permissions. Through the real binary, as root (this machine) and,
//! where it differs, as an unprivileged user under `setpriv`.
#![cfg(unix)]

mod common;
use common::*;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DIRTY: &str = "قال  نعم\n";
const FIXED: &str = "قال نعم\n";
/// The unprivileged user and group the `setpriv` runs use.
const NOBODY: u32 = 65534;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A folder anyone may use: the unprivileged runs read and write in it.
fn shared_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o777);
    dir
}

fn is_root() -> bool {
    let dir = tempfile::tempdir().unwrap();
    std::fs::metadata(dir.path()).unwrap().uid() == 0
}

/// No `.dossier-*.tmp` left behind in `dir`.
fn no_temp_files(dir: &Path) {
    let left: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().ends_with(".tmp")).collect();
    assert!(left.is_empty(), "temporary files left in {}: {left:?}", dir.display());
}

/// Run the binary as user and group 65534 with no other groups, or `None`
/// (with a note) when that is not possible here: no `setpriv`, or not root.
fn as_nobody(args: &[&str], dir: &Path) -> Option<Output> {
    let nobody = || {
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_dossier")]);
        cmd
    };
    if !nobody().arg("--version").output().is_ok_and(|o| o.status.success()) {
        eprintln!("note: cannot run dossier as an unprivileged user here (needs setpriv and root); that part is skipped");
        return None;
    }
    Some(nobody().args(args).current_dir(dir).env("NO_COLOR", "1").stdin(Stdio::null()).output().unwrap())
}

// 1. `fix` keeps what the file is.

#[test]
fn a_symlink_stays_a_link_and_its_target_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let target = write(dir.path(), "articles/target.txt", DIRTY);
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    let link = dir.path().join("notes/link.txt");
    std::os::unix::fs::symlink("../articles/target.txt", &link).unwrap();
    let out = run(&["fix", "notes/link.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced by a file");
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("../articles/target.txt"));
    assert_eq!(read(&target), FIXED);
    no_temp_files(&dir.path().join("articles"));
    no_temp_files(&dir.path().join("notes"));
}

#[test]
fn a_dangling_or_looping_link_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("loop2.txt", dir.path().join("loop1.txt")).unwrap();
    std::os::unix::fs::symlink("loop1.txt", dir.path().join("loop2.txt")).unwrap();
    for name in ["dangling.txt", "loop1.txt"] {
        for cmd in ["fix", "check"] {
            let out = run(&[cmd, name], b"", dir.path());
            assert_eq!(out.status.code(), Some(2), "{cmd} {name}");
            let err = text(&out.stderr);
            assert!(err.contains(name) && err.contains("symbolic link"), "{cmd} {name}: {err}");
            assert!(!text(&out.stdout).contains("clean"), "{cmd} {name}: {}", text(&out.stdout));
        }
    }
}

#[test]
fn a_hard_link_keeps_both_names() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let b = dir.path().join("b.txt");
    std::fs::hard_link(&a, &b).unwrap();
    let inode = std::fs::metadata(&a).unwrap().ino();
    let out = run(&["fix", "a.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!((read(&a), read(&b)), (FIXED.to_string(), FIXED.to_string()), "both names see the fix");
    let meta = std::fs::metadata(&a).unwrap();
    assert_eq!((meta.ino(), meta.nlink()), (inode, 2), "still one file with two names");
    no_temp_files(dir.path());

    // Both names in one run: the file is fixed once, not found "changed"
    // by its own first write.
    std::fs::write(&a, DIRTY).unwrap();
    let out = run(&["fix", "."], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("in 1 file"), "{}", text(&out.stderr));
    assert_eq!((read(&a), read(&b)), (FIXED.to_string(), FIXED.to_string()));
}

#[test]
fn mode_and_owner_are_kept() {
    let dir = shared_dir();
    let p = write(dir.path(), "a.txt", DIRTY);
    chmod(&p, 0o640);
    let root = is_root();
    if root {
        std::os::unix::fs::chown(&p, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    let before = std::fs::metadata(&p).unwrap();
    let out = run(&["fix", "a.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(read(&p), FIXED);
    let after = std::fs::metadata(&p).unwrap();
    assert_eq!(
        (mode(&p), after.uid(), after.gid()),
        (0o640, before.uid(), before.gid()),
        "root fixing another user's file keeps it theirs"
    );

    // An unprivileged user cannot give a file away: fixing a file of root's
    // that they may write rewrites it in place, and root still owns it.
    let theirs = write(dir.path(), "theirs.txt", DIRTY);
    chmod(&theirs, 0o666);
    let Some(out) = as_nobody(&["fix", "theirs.txt"], dir.path()) else { return };
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(read(&theirs), FIXED);
    let meta = std::fs::metadata(&theirs).unwrap();
    assert_eq!((meta.uid(), mode(&theirs)), (0, 0o666));
    no_temp_files(dir.path());
}

#[test]
fn read_only_files_need_force() {
    let dir = shared_dir();
    let p = write(dir.path(), "ro.txt", DIRTY);
    chmod(&p, 0o444);
    let out = run(&["fix", "ro.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("ro.txt") && err.contains("read-only") && err.contains("--force"), "{err}");
    assert_eq!(read(&p), DIRTY);
    let out = run(&["fix", "--force", "ro.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!((read(&p), mode(&p)), (FIXED.to_string(), 0o444), "fixed, and still read-only");
    assert!(text(&run(&["fix", "--help"], b"", dir.path()).stdout).contains("--force"));

    // Unprivileged: their own read-only file, as above; and a file they
    // may not write (root's, 0644), which --force cannot make theirs.
    if !is_root() {
        return;
    }
    let own = write(dir.path(), "own.txt", DIRTY);
    std::os::unix::fs::chown(&own, Some(NOBODY), Some(NOBODY)).unwrap();
    chmod(&own, 0o444);
    let roots = write(dir.path(), "roots.txt", DIRTY);
    chmod(&roots, 0o644);
    let Some(out) = as_nobody(&["fix", "own.txt"], dir.path()) else { return };
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("read-only"), "{}", text(&out.stderr));
    assert_eq!(read(&own), DIRTY);
    let out = as_nobody(&["fix", "--force", "own.txt"], dir.path()).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!((read(&own), mode(&own), std::fs::metadata(&own).unwrap().uid()), (FIXED.to_string(), 0o444, NOBODY));
    let out = as_nobody(&["fix", "roots.txt"], dir.path()).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("roots.txt: read-only"), "{}", text(&out.stderr));
    let out = as_nobody(&["fix", "--force", "roots.txt"], dir.path()).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("roots.txt: cannot write"), "{}", text(&out.stderr));
    assert_eq!((read(&roots), std::fs::metadata(&roots).unwrap().uid()), (DIRTY.to_string(), 0));
    no_temp_files(dir.path());
}

/// Run `fix NAME` with the test-only pause before its write; once it says
/// it is pausing (it has read the file), `meanwhile` changes things.
fn fix_while(dir: &Path, name: &str, meanwhile: impl FnOnce()) -> Output {
    let mut child = bin()
        .args(["fix", name])
        .current_dir(dir)
        .env("DOSSIER_TEST_PAUSE_BEFORE_WRITE_MS", "1500")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    while !said.contains("test pause before writing") {
        let before = said.len();
        stderr.read_line(&mut said).unwrap();
        assert!(said.len() > before, "dossier ended before its pause: {said}");
    }
    meanwhile();
    let mut out = child.wait_with_output().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    out.stderr = format!("{said}{rest}").into_bytes();
    out
}

#[test]
fn a_file_saved_during_the_fix_is_not_overwritten() {
    const CHANGED: &str = "changed while dossier was fixing it; nothing was written";
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Someone appends a line: size and time change.
    let appended = write(d, "appended.txt", DIRTY);
    // Someone saves the same number of bytes: only the time changes.
    let resaved = write(d, "resaved.txt", DIRTY);
    // A hard-linked file, rewritten in place, is checked the same way.
    let linked = write(d, "linked.txt", DIRTY);
    std::fs::hard_link(&linked, d.join("other-name.txt")).unwrap();
    // A link whose target goes away.
    write(d, "target.txt", DIRTY);
    std::os::unix::fs::symlink("target.txt", d.join("link.txt")).unwrap();

    let edit = "قال  لعم\n";
    assert_eq!(edit.len(), DIRTY.len());
    let resave = || {
        let before = std::fs::metadata(&resaved).unwrap().modified().unwrap();
        std::fs::write(&resaved, edit).unwrap();
        // However coarse the file system's clock, the time moves.
        let file = std::fs::File::options().write(true).open(&resaved).unwrap();
        file.set_modified(before + std::time::Duration::from_secs(1)).unwrap();
    };
    let runs: Vec<(&str, Output)> = std::thread::scope(|s| {
        let handles = [
            ("appended.txt", s.spawn(|| fix_while(d, "appended.txt", || append(&appended, "وسطر آخر\n")))),
            ("resaved.txt", s.spawn(|| fix_while(d, "resaved.txt", resave))),
            ("linked.txt", s.spawn(|| fix_while(d, "linked.txt", || append(&linked, "وسطر آخر\n")))),
            ("link.txt", s.spawn(|| fix_while(d, "link.txt", || std::fs::remove_file(d.join("target.txt")).unwrap()))),
        ];
        handles.into_iter().map(|(n, h)| (n, h.join().unwrap())).collect()
    });
    for (name, out) in &runs {
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out.stderr));
        let err = text(&out.stderr);
        let expected = if *name == "link.txt" { "symbolic link" } else { CHANGED };
        assert!(err.contains(&format!("{name}: ")) && err.contains(expected), "{name}: {err}");
    }
    assert_eq!(read(&appended), format!("{DIRTY}وسطر آخر\n"), "the edit survives");
    assert_eq!(read(&resaved), edit);
    assert_eq!(read(&linked), format!("{DIRTY}وسطر آخر\n"));
    assert!(!d.join("target.txt").exists(), "nothing was written through the broken link");
    no_temp_files(d);
}

fn append(p: &Path, more: &str) {
    use std::io::Write;
    std::fs::OpenOptions::new().append(true).open(p).unwrap().write_all(more.as_bytes()).unwrap();
}

// 2. Honest exit codes.

#[test]
fn a_missing_path_is_a_failure_never_clean() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.txt", FIXED);
    for cmd in ["check", "fix"] {
        let out = run(&[cmd, "ok.txt", "nope.txt"], b"", dir.path());
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(text(&out.stderr).contains("nope.txt: no such file or folder"), "{cmd}: {}", text(&out.stderr));
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(!all.contains("clean"), "{cmd}: {all}");
    }
}

#[test]
fn an_unreadable_file_or_folder_in_a_walk_is_a_failure_never_clean() {
    // Root reads anything: an unprivileged user meets what cannot be read.
    let dir = shared_dir();
    write(dir.path(), "d/ok.txt", FIXED);
    write(dir.path(), "d/sub/hidden.txt", DIRTY);
    let secret = write(dir.path(), "d/secret.txt", DIRTY);
    chmod(&dir.path().join("d/sub"), 0o000);
    chmod(&secret, 0o000);
    for cmd in ["check", "fix"] {
        let Some(out) = as_nobody(&[cmd, "d"], dir.path()) else { return };
        assert_eq!(out.status.code(), Some(2), "{cmd}: {}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(err.contains("d/sub: cannot read") && err.contains("d/secret.txt: cannot read"), "{cmd}: {err}");
        let all = format!("{}{err}", text(&out.stdout));
        assert!(!all.contains("clean"), "{cmd}: {all}");
    }
    let out = as_nobody(&["check", "--format", "json", "d"], dir.path()).unwrap();
    assert_eq!(out.status.code(), Some(2));
    chmod(&dir.path().join("d/sub"), 0o755);
}

// 4. Outputs get the usual permissions.

/// Run the binary under `umask`.
fn with_umask(umask: &str, args: &[&str], dir: &Path) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn new_outputs_get_the_usual_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "one.txt", DIRTY);
    write(d, "two.txt", DIRTY);
    for (umask, file, expected) in [("022", "one", 0o644), ("027", "two", 0o640)] {
        let out = with_umask(umask, &["import", &format!("{file}.txt")], d);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(mode(&d.join(format!("{file}.md"))), expected, "import under umask {umask}");
    }

    // Everything a build writes, with a stand-in for typst.
    let typst = write(d, "bin/typst", "#!/bin/sh\n[ \"$1\" = --version ] && { echo 'typst 0.14.2 (stand-in)'; exit 0; }\nfor last; do :; done\necho '%PDF-1.7' > \"$last\"\n");
    chmod(&typst, 0o755);
    write(d, "dossier/article.txt", "قال  نعم في المقال.\n");
    let out = with_umask("022", &["build", "dossier", "--typst", typst.to_str().unwrap(), "--out", "out"], d);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut written = vec![d.join("out/dossier.pdf"), d.join("out/dossier.typ"), d.join("out/dossier.json"), d.join("out/report.json")];
    written.push(d.join("out/clean/article.md"));
    written.extend(std::fs::read_dir(d.join("out/fonts")).unwrap().map(|e| e.unwrap().path()));
    for p in written {
        assert_eq!(mode(&p), 0o644, "{}", p.display());
    }
}

/// A text over the size from which files are mapped (4 MB), not read.
fn large_text() -> String {
    "قال  نعم, ثم “مضى” في 512022.\n".repeat(6 << 20 >> 5)
}

/// A large file is mapped, not read: its findings, its fix in place and its
/// fix through standard input (mapped when redirected from the file, read
/// when piped) are what the same text gives when read.
#[test]
fn a_large_file_is_fixed_as_a_small_one_is() {
    let dir = tempfile::tempdir().unwrap();
    let text = large_text();
    assert!(text.len() > 5 << 20);
    let file = write(dir.path(), "big.txt", &text);
    let piped = run(&["fix", "-"], text.as_bytes(), dir.path());
    assert!(piped.status.success());
    let redirected = bin().args(["fix", "-"]).current_dir(dir.path()).stdin(std::fs::File::open(&file).unwrap()).output().unwrap();
    assert_eq!(redirected.stdout, piped.stdout, "standard input mapped from the file");
    let small = run(&["fix", "-"], &text.as_bytes()[..text.find('\n').unwrap() + 1], dir.path());
    assert_eq!(piped.stdout, small.stdout.repeat(text.lines().count()), "the large text fixed line by line as one line is");
    let checked = run(&["check", "--format", "json", "big.txt"], b"", dir.path());
    assert_eq!(checked.status.code(), Some(1));
    assert!(run(&["fix", "big.txt"], b"", dir.path()).status.success());
    assert_eq!(read(&file).as_bytes(), &piped.stdout[..]);
    no_temp_files(dir.path());
}

/// Standard input that a program before dossier has partly read is taken
/// from where it stands, not mapped from the file's start.
#[test]
fn standard_input_is_read_from_where_it_stands() {
    use std::io::{Seek, SeekFrom};
    let dir = tempfile::tempdir().unwrap();
    let text = large_text();
    let file = write(dir.path(), "big.txt", &text);
    let skip = text.find('\n').unwrap() + 1;
    let mut stdin = std::fs::File::open(&file).unwrap();
    stdin.seek(SeekFrom::Start(skip as u64)).unwrap();
    let rest = bin().args(["fix", "-"]).current_dir(dir.path()).stdin(stdin).output().unwrap();
    let piped = run(&["fix", "-"], &text.as_bytes()[skip..], dir.path());
    assert!(piped.status.success());
    assert_eq!(rest.stdout, piped.stdout);
}

/// In a mapped file, invalid UTF-8 and NUL bytes are found wherever they
/// are (the check runs in stretches on every core), and the first one is
/// named by its exact offset; the file is left as it was.
#[test]
fn a_large_file_that_is_not_text_is_named_at_its_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let text = large_text().into_bytes();
    // A character cut at a stretch's edge (1 MB) is still text.
    for (name, at, byte, says) in [
        ("late.txt", (5 << 20) + 7, 0xFF, "not UTF-8 text (invalid byte at offset"),
        ("nul.txt", (3 << 20) + 1, 0x00, "looks like a binary file (NUL byte at offset"),
        ("first.txt", 7, 0x00, "looks like a binary file (NUL byte at offset"),
        ("cut.txt", text.len() - 1, 0xD9, "not UTF-8 text (invalid byte at offset"),
    ] {
        let mut bytes = text.clone();
        bytes[at] = byte;
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        for cmd in ["check", "fix"] {
            let out = run(&[cmd, name], b"", dir.path());
            assert_eq!(out.status.code(), Some(2), "{cmd} {name}");
            let err = String::from_utf8_lossy(&out.stderr).to_string();
            // An invalid byte in the middle of a character is named at the character's start.
            let named = if byte == 0xFF && bytes[at - 1] >= 0xC0 { at - 1 } else { at };
            assert!(err.contains(&format!("{says} {named})")), "{cmd} {name}: {err}");
        }
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{name} untouched");
    }
}

/// A `.gitignore` that is a link (git stores links, so a cloned folder can
/// carry one) to `/dev/zero`, a FIFO or a file outside is not read: `check`
/// ends at once, says which file it did not honour, and fails.
#[test]
fn ignore_files_that_are_links_or_fifos_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    write(&d, "a.md", DIRTY);
    write(&d, "sub/b.md", DIRTY);
    write(dir.path(), "outside", "a.md\n");
    std::os::unix::fs::symlink("/dev/zero", d.join(".gitignore")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("outside"), d.join("sub/.ignore")).unwrap();
    assert!(Command::new("mkfifo").arg(d.join("sub/.gitignore")).status().unwrap().success());
    let mut child = bin().args(["check", "d"]).current_dir(dir.path()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("check hung on an ignore file");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for name in ["d/.gitignore", "d/sub/.ignore", "d/sub/.gitignore"] {
        assert!(err.lines().any(|l| l.contains(name) && l.contains("not honoured")), "{name}: {err}");
    }
    assert!(text(&out.stdout).contains("a.md:1"), "what a link named is still checked");
}

/// A large file is mapped; cut short by another program meanwhile, it
/// stops dossier with a message naming it (not a silent exit 135), and
/// nothing is written.
#[test]
fn a_mapped_file_cut_short_is_named_not_a_silent_crash() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "big.txt", &large_text());
    let mut child = bin()
        .args(["fix", "big.txt"])
        .current_dir(dir.path())
        .env("DOSSIER_TEST_PAUSE_AFTER_READ_MS", "1500")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.contains("test pause after reading"), "{line}");
    std::fs::OpenOptions::new().write(true).open(&big).unwrap().set_len(10).unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "{rest}");
    assert!(rest.contains("big.txt") && rest.contains("cut short by another program"), "{rest}");
    assert_eq!(std::fs::metadata(&big).unwrap().len(), 10, "nothing was written over it");
}

/// Past a file-size limit (`ulimit -f`) a write fails with a message and
/// leaves the file and its folder as they were: no signal kills dossier
/// silently, no temporary file stays.
#[test]
fn a_file_size_limit_is_an_error_not_a_silent_death() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = DIRTY.repeat(2000);
    let p = write(dir.path(), "a.txt", &dirty);
    let script = format!("ulimit -f 8; exec {} fix a.txt", env!("CARGO_BIN_EXE_dossier"));
    let out = Command::new("sh").args(["-c", &script]).current_dir(dir.path()).output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("a.txt") && err.contains("File too large"), "{err}");
    assert_eq!(read(&p), dirty);
    no_temp_files(dir.path());
}

/// `--config` that never ends, or a timeout too large to hold, is a clear
/// error at once.
#[test]
fn a_config_that_never_ends_and_an_endless_timeout_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", FIXED);
    assert!(Command::new("mkfifo").arg(dir.path().join("fifo.toml")).status().unwrap().success());
    for config in ["/dev/zero", "fifo.toml"] {
        let out = run(&["check", "--config", config, "a.txt"], b"", dir.path());
        assert_eq!(out.status.code(), Some(2), "{config}");
        assert!(text(&out.stderr).contains("not a regular file"), "{config}: {}", text(&out.stderr));
    }
    let out = run(&["build", ".", "--timeout", "1e30"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("not a number of seconds"), "{}", text(&out.stderr));
}
