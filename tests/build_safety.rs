//! `dossier build` on someone else's dossier: the real binary against
//! hostile folders. Reads stay inside the dossier folder, writes go only
//! where the user asked and only over dossier's own files, typst is
//! bounded in time and cleaned up after, links are only web and mail.
//!
//! Most tests run a fake typst (a shell script that answers `--version`
//! and writes a stand-in PDF, or hangs): fast, and no typst needed. The
//! few that need the real one skip when it is missing (or with
//! `DOSSIER_SKIP_PDF_TESTS=1`).

mod common;
use common::*;

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// What a fake typst does on `compile`: record its arguments and its
/// folder's mode in `$FAKE_LOG`, write a stand-in PDF where asked.
const WRITES_PDF: &str = r#"printf '%s\n' "$@" > "$FAKE_LOG/args"
stat -c %a . > "$FAKE_LOG/mode"
for a; do last=$a; done
printf '%%PDF-1.4 stand-in\n' > "$last""#;

/// A typst that hangs, and starts a child that hangs too.
const HANGS: &str = r#"echo $$ > "$FAKE_LOG/pid"
sleep 1000 &
echo $! > "$FAKE_LOG/child"
wait"#;

/// A fake typst in `dir/bin/typst`: `typst 0.15.0` for `--version`.
fn fake_typst(dir: &Path, compile: &str) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let path = bin.join("typst");
    std::fs::write(&path, format!("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.0 (fake)'; exit 0; fi\n{compile}\n"))
        .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A scratch area: the dossier in `d/`, a fake typst, a log folder for it,
/// a private TMPDIR.
struct Bench {
    root: tempfile::TempDir,
}

impl Bench {
    fn new(compile: &str) -> Bench {
        let root = tempfile::tempdir().unwrap();
        for d in ["d", "log", "tmp"] {
            std::fs::create_dir_all(root.path().join(d)).unwrap();
        }
        fake_typst(root.path(), compile);
        std::fs::write(root.path().join("d/a.txt"), "مقال أول\nنص عربي قصير.\n").unwrap();
        Bench { root }
    }
    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }
    fn dossier(&self) -> PathBuf {
        self.path("d")
    }
    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    fn command(&self, args: &[&str]) -> Command {
        self.command_with(args, &self.path("bin/typst"))
    }
    fn command_with(&self, args: &[&str], typst: &Path) -> Command {
        let mut c = bin();
        c.arg("build")
            .args(args)
            .arg("--typst")
            .arg(typst)
            .env("FAKE_LOG", self.path("log"))
            .env("TMPDIR", self.path("tmp"))
            .current_dir(self.root.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }
    /// `dossier build ARGS`, killed if it runs past a minute.
    fn build(&self, args: &[&str]) -> Output {
        output_within(self.command(args), Duration::from_secs(60))
    }
    fn left_in_tmp(&self) -> Vec<String> {
        std::fs::read_dir(self.path("tmp")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }
}

/// Run `cmd`, killing it if it takes longer than `limit` (a test must not
/// hang on a FIFO or a stuck child).
fn output_within(mut cmd: Command, limit: Duration) -> Output {
    let child = cmd.spawn().unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            panic!("dossier did not finish within {limit:?}");
        }
    }
}

fn err(out: &Output) -> String {
    text(&out.stderr)
}

fn ok(out: &Output) {
    assert!(out.status.success(), "build failed: {}", err(out));
}

fn refused(out: &Output, words: &[&str]) -> String {
    assert_eq!(out.status.code(), Some(2), "should have failed: {}", err(out));
    let e = err(out);
    for w in words {
        assert!(e.contains(w), "`{w}` missing from the error: {e}");
    }
    e
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// A process that is gone (or a zombie nobody reaped yet).
fn dead(pid: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match std::fs::read_to_string(format!("/proc/{}/stat", pid.trim())) {
            Err(_) => return true,
            Ok(stat) if stat.rsplit(')').next().is_some_and(|s| s.trim_start().starts_with('Z')) => return true,
            Ok(_) if Instant::now() > deadline => return false,
            Ok(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

const PASSWD_MARK: &str = "root:x:0:0";

fn no_passwd_in(out: &Output, dirs: &[PathBuf]) {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first = passwd.lines().next().unwrap_or(PASSWD_MARK);
    assert!(!text(&out.stderr).contains(first) && !text(&out.stdout).contains(first), "/etc/passwd reached the terminal");
    for f in dirs.iter().flat_map(|d| files_under(d)) {
        let bytes = std::fs::read(&f).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&bytes).contains(first), "/etc/passwd reached {}", f.display());
    }
}

#[test]
fn reads_stay_inside_the_dossier_folder() {
    let rule = "inside its own folder";
    let cases: &[(&str, &[&str])] = &[
        ("[[article]]\nfile = \"../../../../../../etc/passwd\"\n", &["../../../../../../etc/passwd", rule]),
        ("[[article]]\nfile = \"/etc/passwd\"\n", &["/etc/passwd", "absolute path", rule]),
        ("[[article]]\nfile = \"a.txt\"\n[[article]]\nfile = \"link.txt\"\n", &["link.txt", "/etc/passwd", rule, "symbolic links"]),
    ];
    for (toml, words) in cases {
        let b = Bench::new(WRITES_PDF);
        symlink("/etc/passwd", b.path("d/link.txt")).unwrap();
        b.write("d/dossier.toml", toml);
        let out = b.build(&["d", "--out", "out"]);
        refused(&out, words);
        no_passwd_in(&out, &[b.path("out"), b.path("log")]);
    }

    // Found without a dossier.toml: a link leading out is an error too.
    let b = Bench::new(WRITES_PDF);
    symlink("/etc/passwd", b.path("d/passwd.txt")).unwrap();
    let out = b.build(&["d", "--out", "out"]);
    refused(&out, &["passwd.txt", rule]);
    no_passwd_in(&out, &[b.path("out")]);

    // The template override and dossier.toml themselves.
    for link in ["d/templates/dossier.typ", "d/dossier.toml"] {
        let b = Bench::new(WRITES_PDF);
        std::fs::create_dir_all(b.path("d/templates")).unwrap();
        symlink("/etc/passwd", b.path(link)).unwrap();
        let out = b.build(&["d", "--out", "out"]);
        refused(&out, &[rule]);
        no_passwd_in(&out, &[b.path("out")]);
    }

    // A font of the dossier's own, or its whole fonts/ folder, leading out.
    for (link, target) in [("d/fonts/evil.ttf", "/etc/passwd"), ("d/fonts", "/etc")] {
        let b = Bench::new(WRITES_PDF);
        std::fs::create_dir_all(b.path("d/fonts")).unwrap();
        if link == "d/fonts" {
            std::fs::remove_dir(b.path("d/fonts")).unwrap();
        }
        symlink(target, b.path(link)).unwrap();
        let out = b.build(&["d", "--out", "out"]);
        refused(&out, &[&link[2..], rule]);
        no_passwd_in(&out, &[b.path("out")]);
    }

    // An image leading out.
    let b = Bench::new(WRITES_PDF);
    b.write("d/a.md", "نص.\n\n![صورة](../../../../../../../etc/passwd)\n");
    let out = b.build(&["d", "--out", "out"]);
    refused(&out, &["etc/passwd", "outside the dossier folder"]);
    no_passwd_in(&out, &[b.path("out")]);

    // A link that stays inside the folder is fine.
    let b = Bench::new(WRITES_PDF);
    symlink("a.txt", b.path("d/alias.txt")).unwrap();
    b.write("d/dossier.toml", "[[article]]\nfile = \"alias.txt\"\n");
    ok(&b.build(&["d", "--out", "out"]));
}

#[test]
fn the_output_folder_is_never_where_the_inputs_are() {
    let b = Bench::new(WRITES_PDF);
    refused(&b.build(&["d", "--out", "d"]), &["dossier folder itself"]);
    refused(&b.build(&["d", "--out", "."]), &["holds the dossier's input", "a.txt"]);
    assert!(files_under(&b.dossier()).iter().all(|f| f.ends_with("a.txt")), "nothing was written into the dossier");
    // A dossier's own [build] out stays inside it.
    for out in ["../elsewhere", "/tmp/elsewhere"] {
        b.write("d/dossier.toml", &format!("[build]\nout = \"{out}\"\n"));
        refused(&b.build(&["d"]), &[out, "leads outside the dossier folder"]);
    }
    assert!(!b.path("elsewhere").exists());
}

#[test]
fn foreign_files_in_the_output_folder_are_kept() {
    let b = Bench::new(WRITES_PDF);
    b.write("d/b.txt", "مقال ثان\nنص آخر.\n");
    b.write("out/notes.txt", "mine");
    b.write("out/clean/mine.md", "mine");
    b.write("victim.txt", "mine");
    ok(&b.build(&["d", "--out", "out"]));
    assert!(b.path("out/clean/b.md").exists() && b.path("out/dossier.pdf").exists());
    // The next build drops b.txt: its clean file goes, theirs stay, and a
    // manifest line leading out of the folder is ignored.
    std::fs::remove_file(b.path("d/b.txt")).unwrap();
    let manifest = std::fs::read_to_string(b.path("out/.dossier-manifest")).unwrap();
    let manifest = manifest.replace("\"clean/a.md\"", "\"../victim.txt\", \"clean/../../victim.txt\", \"clean/a.md\"");
    assert!(manifest.contains("victim"), "{manifest}");
    std::fs::write(b.path("out/.dossier-manifest"), manifest).unwrap();
    ok(&b.build(&["d", "--out", "out"]));
    assert!(!b.path("out/clean/b.md").exists(), "a file dossier wrote before and no longer writes is removed");
    for theirs in ["out/notes.txt", "out/clean/mine.md", "victim.txt"] {
        assert_eq!(std::fs::read_to_string(b.path(theirs)).unwrap(), "mine", "{theirs} changed");
    }
    // A PDF written elsewhere leaves the folder's own PDF alone.
    ok(&b.build(&["d", "--out", "out", "-o", "elsewhere.pdf"]));
    assert!(b.path("out/dossier.pdf").exists() && b.path("elsewhere.pdf").exists());

    // A file of theirs where dossier would write: refused, untouched.
    b.write("out2/report.json", "mine");
    let e = refused(&b.build(&["d", "--out", "out2"]), &["report.json", "did not write it"]);
    assert!(e.contains(".dossier-manifest"), "{e}");
    assert_eq!(std::fs::read_to_string(b.path("out2/report.json")).unwrap(), "mine");

    // clean/ as a link to someone's folder is not written through.
    std::fs::create_dir_all(b.path("theirs")).unwrap();
    std::fs::create_dir_all(b.path("out3")).unwrap();
    symlink(b.path("theirs"), b.path("out3/clean")).unwrap();
    refused(&b.build(&["d", "--out", "out3"]), &["clean", "symbolic link"]);
    assert!(files_under(&b.path("theirs")).is_empty());
}

/// The manifest is JSON: a name with a newline could not pass for two. A
/// name with a control character is refused before anything is written, and
/// an older line-per-name manifest only lets its files be replaced, never
/// removed (it cannot tell `x⏎README.md` from two names).
#[test]
fn a_name_with_a_newline_cannot_delete_a_users_file() {
    let b = Bench::new(WRITES_PDF);
    b.write("out/README.md", "mine");
    b.write("d/x\nREADME.txt", "مقال\nنص.\n");
    let e = refused(&b.build(&["d", "--out", "out"]), &["control character", "U+000A", "x\\nREADME.md"]);
    assert!(!e.contains("x\nREADME"), "the name is shown escaped: {e}");
    assert_eq!(std::fs::read_to_string(b.path("out/README.md")).unwrap(), "mine");
    std::fs::remove_file(b.path("d/x\nREADME.txt")).unwrap();

    // What an older dossier wrote for that name: two lines.
    b.write("out/.dossier-manifest", "# Files dossier wrote in this folder\nclean/x\nREADME.md\nclean/a.md\n");
    b.write("out/clean/a.md", "old");
    ok(&b.build(&["d", "--out", "out"]));
    assert_eq!(std::fs::read_to_string(b.path("out/README.md")).unwrap(), "mine", "never removed on an old manifest's word");
    assert_ne!(std::fs::read_to_string(b.path("out/clean/a.md")).unwrap(), "old", "an old manifest's file is replaced");
    let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(b.path("out/.dossier-manifest")).unwrap()).unwrap();
    let listed: Vec<&str> = manifest["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(listed.contains(&"clean/a.md") && !listed.contains(&"README.md"), "{listed:?}");
}

/// One build at a time writes into a folder; a file an earlier race left
/// unlisted is taken back when it holds exactly what this build writes.
#[test]
fn two_builds_never_write_one_folder_at_once() {
    // typst waits for the test's word, so the first build holds the lock.
    let b = Bench::new(&format!("touch \"$FAKE_LOG/started\"\nwhile [ ! -e \"$FAKE_LOG/go\" ]; do sleep 0.05; done\n{WRITES_PDF}"));
    let first = b.command(&["d", "--out", "out"]).spawn().unwrap();
    let started = Instant::now();
    while !b.path("log/started").exists() {
        assert!(started.elapsed() < Duration::from_secs(30), "the first build never reached typst");
        std::thread::sleep(Duration::from_millis(20));
    }
    refused(&b.build(&["d", "--out", "out"]), &["another dossier build is writing into this folder", "--out"]);
    std::fs::write(b.path("log/go"), "").unwrap();
    let first = first.wait_with_output().unwrap();
    ok(&first);
    ok(&b.build(&["d", "--out", "out"]));

    // A manifest that lost a name (two builds raced before there was a lock).
    let path = b.path("out/.dossier-manifest");
    let manifest = std::fs::read_to_string(&path).unwrap().replace("\"clean/a.md\",", "");
    assert!(!manifest.contains("clean/a.md"), "{manifest}");
    std::fs::write(&path, manifest).unwrap();
    ok(&b.build(&["d", "--out", "out"]));
    assert!(std::fs::read_to_string(&path).unwrap().contains("\"clean/a.md\""), "the same bytes prove it dossier's");
    // Unlisted and different: someone's file, refused and kept.
    let manifest = std::fs::read_to_string(&path).unwrap().replace("\"clean/a.md\",", "");
    std::fs::write(&path, manifest).unwrap();
    b.write("out/clean/a.md", "mine");
    refused(&b.build(&["d", "--out", "out"]), &["clean/a.md", "did not write it", "differs"]);
    assert_eq!(std::fs::read_to_string(b.path("out/clean/a.md")).unwrap(), "mine");
}

/// `kill -9` runs no handler: typst still dies with dossier (a parent-death
/// signal), and the build folder left in the temporary folder is removed
/// by the next build once nobody holds it.
#[test]
fn a_killed_build_leaves_no_typst_running_and_its_folder_goes_next_time() {
    let b = Bench::new(HANGS);
    let mut first = b.command(&["d", "--out", "out"]).spawn().unwrap();
    let started = Instant::now();
    while !b.path("log/child").exists() {
        assert!(started.elapsed() < Duration::from_secs(30), "typst never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    first.kill().unwrap();
    first.wait().unwrap();
    let typst = std::fs::read_to_string(b.path("log/pid")).unwrap();
    let gone = Instant::now();
    while !dead(&typst) {
        assert!(gone.elapsed() < Duration::from_secs(10), "typst {typst} outlived a killed dossier");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The fake's own child is not typst's to take along (typst starts none).
    let child: i32 = std::fs::read_to_string(b.path("log/child")).unwrap().trim().parse().unwrap();
    unsafe { libc::kill(child, libc::SIGKILL) };
    let left: Vec<String> = b.left_in_tmp().into_iter().filter(|n| n.starts_with("dossier-build-")).collect();
    assert_eq!(left.len(), 1, "{left:?}");
    // A minute later (its time set back), the next build removes it.
    let stale = b.path("tmp").join(&left[0]);
    std::fs::File::open(&stale).unwrap().set_modified(std::time::SystemTime::now() - Duration::from_secs(3600)).unwrap();
    let b2 = Bench::new(WRITES_PDF);
    let mut c = b2.command(&["d", "--out", "out"]);
    c.env("TMPDIR", b.path("tmp"));
    ok(&output_within(c, Duration::from_secs(60)));
    assert!(!stale.exists(), "the stale build folder was removed");
}

#[test]
fn pdf_output_refuses_inputs_fifos_folders_and_links() {
    let b = Bench::new(WRITES_PDF);
    let article = std::fs::read_to_string(b.path("d/a.txt")).unwrap();
    refused(&b.build(&["d", "--out", "out", "-o", "d/a.txt"]), &["d/a.txt", "input", "never writes over"]);
    assert_eq!(std::fs::read_to_string(b.path("d/a.txt")).unwrap(), article);

    let fifo = b.path("fifo.pdf");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    refused(&b.build(&["d", "--out", "out", "-o", "fifo.pdf"]), &["fifo.pdf", "FIFO"]);

    std::fs::create_dir_all(b.path("folder.pdf")).unwrap();
    refused(&b.build(&["d", "--out", "out", "-o", "folder.pdf"]), &["folder.pdf", "a folder"]);

    b.write("target.pdf", "old");
    symlink(b.path("target.pdf"), b.path("link.pdf")).unwrap();
    refused(&b.build(&["d", "--out", "out", "-o", "link.pdf"]), &["link.pdf", "symbolic link", "--follow-symlinks"]);
    assert_eq!(std::fs::read_to_string(b.path("target.pdf")).unwrap(), "old");
    ok(&b.build(&["d", "--out", "out", "-o", "link.pdf", "--follow-symlinks"]));
    assert!(std::fs::read_to_string(b.path("target.pdf")).unwrap().starts_with("%PDF"), "written through the link");
    assert!(std::fs::symlink_metadata(b.path("link.pdf")).unwrap().file_type().is_symlink(), "the link stays a link");

    // A link pointing at an input is refused even when following links.
    symlink(b.path("d/a.txt"), b.path("sneaky.pdf")).unwrap();
    refused(&b.build(&["d", "--out", "out", "-o", "sneaky.pdf", "--follow-symlinks"]), &["input"]);
    assert_eq!(std::fs::read_to_string(b.path("d/a.txt")).unwrap(), article);
}

#[test]
fn a_hanging_typst_is_stopped_after_the_timeout_and_leaves_nothing() {
    let b = Bench::new(HANGS);
    let start = Instant::now();
    let out = b.build(&["d", "--out", "out", "--timeout", "1"]);
    let took = start.elapsed();
    refused(&out, &["did not finish within 1 s", "--timeout"]);
    assert!(took >= Duration::from_secs(1) && took < Duration::from_secs(20), "{took:?}");
    assert!(b.left_in_tmp().iter().all(|n| !n.starts_with("dossier-build-")), "left behind: {:?}", b.left_in_tmp());
    for who in ["pid", "child"] {
        let pid = std::fs::read_to_string(b.path("log").join(who)).unwrap();
        assert!(dead(&pid), "typst's {who} {pid} still runs");
    }
    // The same limit from dossier.toml.
    b.write("d/dossier.toml", "[build]\ntimeout = 1\n");
    refused(&b.build(&["d", "--out", "out"]), &["did not finish within 1 s"]);
}

#[test]
fn ctrl_c_stops_typst_and_removes_the_build_folder() {
    let b = Bench::new(HANGS);
    let child = b.command(&["d", "--out", "out"]).spawn().unwrap();
    let pid = child.id();
    let started = b.path("log/child");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !started.exists() {
        assert!(Instant::now() < deadline, "typst never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(b.left_in_tmp().iter().any(|n| n.starts_with("dossier-build-")), "the build folder exists while typst runs");
    unsafe { libc::kill(pid as i32, libc::SIGINT) };
    let out = output_within_child(child, Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(130), "{}", err(&out));
    assert!(b.left_in_tmp().iter().all(|n| !n.starts_with("dossier-build-")), "left behind: {:?}", b.left_in_tmp());
    for who in ["pid", "child"] {
        let pid = std::fs::read_to_string(b.path("log").join(who)).unwrap();
        assert!(dead(&pid), "typst's {who} {pid} still runs");
    }
}

fn output_within_child(child: std::process::Child, limit: Duration) -> Output {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| {
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            panic!("dossier did not exit within {limit:?}")
        })
        .unwrap()
}

#[test]
fn the_build_folder_is_private_and_outputs_follow_the_umask() {
    for (umask, mode) in [("022", 0o644), ("027", 0o640)] {
        let b = Bench::new(WRITES_PDF);
        let cmd = b.command(&["d", "--out", "out"]);
        // The same command, under a known umask.
        let program = PathBuf::from(cmd.get_program());
        let args: Vec<String> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        let mut sh = Command::new("sh");
        sh.arg("-c").arg(format!("umask {umask}; exec \"$0\" \"$@\"")).arg(program).args(args);
        for (k, v) in cmd.get_envs() {
            if let Some(v) = v {
                sh.env(k, v);
            }
        }
        sh.current_dir(b.root.path()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let out = output_within(sh, Duration::from_secs(60));
        ok(&out);
        assert_eq!(std::fs::read_to_string(b.path("log/mode")).unwrap().trim(), "700", "typst's folder is private");
        for f in ["dossier.pdf", "report.json", "dossier.json", "dossier.typ", "clean/a.md", ".dossier-manifest"] {
            let got = std::fs::metadata(b.path("out").join(f)).unwrap().permissions().mode() & 0o777;
            assert_eq!(got, mode, "{f} under umask {umask}: {got:o}");
        }
    }
}

/// Typst is given the fonts typesetting may use, no more: of the two
/// bundled Arabic faces, only the one the dossier asks for.
#[test]
fn typst_is_given_only_the_arabic_face_asked_for() {
    const LISTS_FONTS: &str = r#"ls fonts > "$FAKE_LOG/fonts"
for a; do last=$a; done
printf '%%PDF-1.4 stand-in\n' > "$last""#;
    for (config, face, other) in [(None, "NotoNaskhArabic-Regular.ttf", "Amiri-"), (Some("amiri"), "Amiri-Regular.ttf", "NotoNaskhArabic-")]
    {
        let b = Bench::new(LISTS_FONTS);
        if let Some(font) = config {
            b.write("d/dossier.toml", &format!("[build]\nfont = \"{font}\"\n"));
        }
        ok(&b.build(&["d", "--out", "out"]));
        let given = std::fs::read_to_string(b.path("log/fonts")).unwrap();
        assert!(given.lines().any(|f| f == face) && !given.lines().any(|f| f.starts_with(other)), "{config:?}: {given}");
        assert!(given.lines().any(|f| f == "NotoSerif-Regular.ttf"), "{given}");
        // The output folder keeps every face, for compiling again.
        assert!(b.path("out/fonts/Amiri-Regular.ttf").is_file() && b.path("out/fonts/NotoNaskhArabic-Regular.ttf").is_file());
    }
}

#[test]
fn a_relative_typst_path_is_found_from_where_dossier_runs() {
    let b = Bench::new(WRITES_PDF);
    // bin/typst from the bench's root, where dossier runs; typst itself
    // runs in the build folder, where that path would lead nowhere.
    let out = output_within(b.command_with(&["d", "--out", "out"], Path::new("bin/typst")), Duration::from_secs(60));
    ok(&out);
    assert!(b.path("out/dossier.pdf").exists());
}

#[test]
fn articles_whose_names_clean_alike_get_a_suffix() {
    // Both listed: a.txt and a.md would both be clean/a.md.
    let b = Bench::new(WRITES_PDF);
    b.write("d/a.md", "نص من ملف آخر.\n");
    b.write("d/dossier.toml", "[[article]]\nfile = \"a.txt\"\n[[article]]\nfile = \"a.md\"\n");
    ok(&b.build(&["d", "--out", "out"]));
    assert!(std::fs::read_to_string(b.path("out/clean/a.md")).unwrap().contains("مقال أول"), "the first listed keeps its name");
    assert!(std::fs::read_to_string(b.path("out/clean/a-2.md")).unwrap().contains("ملف آخر"));
    let report = std::fs::read_to_string(b.path("out/report.json")).unwrap();
    assert!(report.contains("\"clean\": \"clean/a-2.md\""), "{report}");

    // In two folders: each keeps its folder.
    let b = Bench::new(WRITES_PDF);
    b.write("d/x/a.md", "نص س.\n");
    b.write("d/y/a.md", "نص ص.\n");
    b.write("d/dossier.toml", "[[article]]\nfile = \"x/a.md\"\n[[article]]\nfile = \"y/a.md\"\n");
    ok(&b.build(&["d", "--out", "out"]));
    assert!(std::fs::read_to_string(b.path("out/clean/x/a.md")).unwrap().contains("نص س"));
    assert!(std::fs::read_to_string(b.path("out/clean/y/a.md")).unwrap().contains("نص ص"));
}

#[test]
fn a_template_cannot_import_packages() {
    let b = Bench::new(WRITES_PDF);
    b.write("d/templates/dossier.typ", "#let data = json(\"dossier.json\")\n#import \"@preview/cetz:0.2.0\": canvas\n");
    refused(&b.build(&["d", "--out", "out"]), &["templates/dossier.typ:2", "@preview/cetz:0.2.0", "network"]);
}

/// typst is run with no way to the network: every proxy variable names a
/// closed loopback port, and the package folders are empty.
#[test]
fn typst_runs_with_packages_off_and_no_network() {
    let b = Bench::new(&format!("env > \"$FAKE_LOG/env\"\n{WRITES_PDF}"));
    let mut c = b.command(&["d", "--out", "out"]);
    c.env("HTTPS_PROXY", "http://proxy.example:3128").env("NO_PROXY", "*").env("TYPST_PACKAGE_PATH", "/usr/share/typst");
    ok(&output_within(c, Duration::from_secs(60)));
    let env = std::fs::read_to_string(b.path("log/env")).unwrap();
    for var in ["https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy"] {
        assert!(env.lines().any(|l| l == format!("{var}=http://127.0.0.1:9")), "{var}: {env}");
    }
    assert!(!env.lines().any(|l| l.starts_with("NO_PROXY=") || l.starts_with("TYPST_PACKAGE_PATH=")), "{env}");
}

/// A package name the text scan cannot see (computed) still reaches no
/// network: typst's download is refused at the loopback port.
#[test]
fn a_computed_package_import_is_refused_without_network() {
    if !typst_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# عنوان\n\nنص.\n").unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/dossier.typ"),
        "#let ns = \"pre\" + \"view\"\n#import \"@\" + ns + \"/cetz:0.2.0\": canvas\n#let data = json(\"dossier.json\")\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let result = real_build(dir.path(), &out.path().join("out"));
    let e = refused(&result, &["packages turned off", "Connection refused", "templates/dossier.typ:2:8"]);
    assert!(started.elapsed() < Duration::from_secs(60), "{e}");
}

/// typst runs under a memory limit; past it, the build says so.
#[test]
fn typst_runs_under_a_memory_limit() {
    // The fake reports its limit, then fails as Rust's allocator does.
    let b = Bench::new("ulimit -v > \"$FAKE_LOG/limit\"\necho 'memory allocation of 17179869184 bytes failed' >&2\nkill -ABRT $$");
    refused(&b.build(&["d", "--out", "out"]), &["more than the 6 GiB of memory", "enormous unbroken word"]);
    let limit = std::fs::read_to_string(b.path("log/limit")).unwrap();
    assert_eq!(limit.trim(), (6u64 << 20).to_string(), "ulimit -v counts KiB");
}

/// A PNG's header, with its width and height (the pixels need not follow:
/// dossier reads only the header).
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    png
}

/// An image that decodes to gigabytes, and a run no line can hold, are
/// errors naming the article's line before typst sees them.
#[test]
fn huge_images_and_unbroken_runs_are_refused_before_typst() {
    let b = Bench::new(WRITES_PDF);
    std::fs::remove_file(b.path("d/a.txt")).unwrap();
    std::fs::write(b.path("d/bomb.png"), png_header(20_000, 20_000)).unwrap();
    b.write("d/a.md", "# عنوان\n\nنص.\n\n![خريطة](bomb.png)\n");
    refused(&b.build(&["d", "--out", "out"]), &["a.md:5", "bomb.png", "20000×20000 pixels", "scale it down"]);
    std::fs::write(b.path("d/bomb.png"), b"\x89PNG\r\n\x1a\nbroken").unwrap();
    refused(&b.build(&["d", "--out", "out"]), &["a.md:5", "bomb.png", "damaged"]);
    std::fs::write(b.path("d/bomb.png"), png_header(2000, 1000)).unwrap();
    ok(&b.build(&["d", "--out", "out"]));

    b.write("d/a.md", &format!("# عنوان\n\nنص.\n\nكلمة {} أخرى.\n", "x".repeat(160_000)));
    refused(&b.build(&["d", "--out", "out"]), &["a.md:5", "a run of 160000 characters", "no space"]);
    b.write("d/a.md", &format!("# عنوان\n\nنص `{}`.\n", "ب".repeat(33_000)));
    refused(&b.build(&["d", "--out", "out"]), &["a.md:3", "a run of 33000 characters"]);
    // A long address breaks at its slashes, and a link's target is not set.
    let long = format!("https://example.com/{}", "segment/".repeat(500));
    b.write("d/a.md", &format!("# عنوان\n\nانظر <{long}> و[هنا](https://example.com/?q={}).\n", "x".repeat(5000)));
    ok(&b.build(&["d", "--out", "out"]));
}

/// typst's error about an image names the article's line, not the copy.
#[test]
fn a_damaged_image_is_named_by_the_article_line() {
    if !typst_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut png = png_header(10, 10);
    png.extend(b"\x00\x00\x00\x10IDATgarbage-not-zlib");
    std::fs::write(dir.path().join("photo.png"), png).unwrap();
    std::fs::write(dir.path().join("a.md"), "# عنوان\n\nنص.\n\n![صورة](photo.png)\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    refused(&real_build(dir.path(), &out.path().join("out")), &["a.md:5", "photo.png", "could not draw this image"]);
}

#[test]
fn deep_nesting_is_an_error_naming_the_line() {
    let b = Bench::new(WRITES_PDF);
    std::fs::remove_file(b.path("d/a.txt")).unwrap();
    b.write("d/deep.md", &format!("---\ntitle: عميق\n---\n\nفقرة.\n\n{}نص\n", "> ".repeat(30_000)));
    let start = Instant::now();
    refused(&b.build(&["d", "--out", "out"]), &["deep.md:7", "nested more than 12 deep"]);
    assert!(start.elapsed() < Duration::from_secs(20));
    // Lists too, written the short way.
    b.write("d/deep.md", &format!("{}نص\n", "- ".repeat(30_000)));
    refused(&b.build(&["d", "--out", "out"]), &["deep.md:1", "nested more than 12 deep"]);
}

#[test]
fn only_web_and_mail_links_are_passed_to_typst() {
    let b = Bench::new(WRITES_PDF);
    std::fs::remove_file(b.path("d/a.txt")).unwrap();
    b.write(
        "d/a.md",
        "+++\nurl = \"file:///etc/passwd\"\n+++\n\nاضغط [هنا](javascript:alert(1)) أو <launch:calc> أو [هناك](https://example.com/x) أو [تلك](data:text/html,x).\n",
    );
    ok(&b.build(&["d", "--out", "out"]));
    let json = std::fs::read_to_string(b.path("out/dossier.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut urls = Vec::new();
    collect_links(&data["articles"], &mut urls);
    assert_eq!(urls, ["https://example.com/x"], "only the web link reaches the template");
    assert!(data["articles"][0]["url"].is_null(), "a file: address is not the article's link");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(b.path("out/report.json")).unwrap()).unwrap();
    let unlinked: Vec<&str> = report["articles"][0]["unlinked"].as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
    assert_eq!(unlinked, ["file:///etc/passwd", "javascript:alert(1)", "launch:calc", "data:text/html,x"]);
    assert!(json.contains("هنا") && json.contains("launch:calc"), "the text of a refused link is still shown");
}

fn collect_links(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if m.get("t").and_then(|t| t.as_str()) == Some("link") {
                out.push(m["url"].as_str().unwrap().to_string());
            }
            m.values().for_each(|v| collect_links(v, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_links(v, out)),
        _ => {}
    }
}

#[test]
fn a_date_before_1970_is_passed_as_one_argument() {
    let b = Bench::new(WRITES_PDF);
    b.write("d/dossier.toml", "[dossier]\ndate = \"1969-07-20\"\n");
    ok(&b.build(&["d", "--out", "out"]));
    let args = std::fs::read_to_string(b.path("log/args")).unwrap();
    assert!(args.lines().any(|a| a == "--creation-timestamp=-14256000"), "{args}");
}

// ------------------------------------------------------------ real typst

fn typst_present() -> bool {
    if std::env::var_os("DOSSIER_SKIP_PDF_TESTS").is_some() {
        return false;
    }
    let found = Command::new("typst").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: the typst CLI is not on PATH");
    }
    found
}

/// A build with the real typst (from PATH).
fn real_build(dir: &Path, out: &Path) -> Output {
    let mut c = bin();
    c.args(["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]).stdout(Stdio::piped()).stderr(Stdio::piped());
    output_within(c, Duration::from_secs(300))
}

#[test]
fn javascript_links_are_not_clickable_in_the_pdf() {
    if !typst_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "+++\nurl = \"javascript:alert(2)\"\n+++\n\nاضغط [هنا](javascript:alert(1)) أو <file:///etc/passwd> أو [هناك](https://example.com/x).\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    ok(&real_build(dir.path(), out.path()));
    let pdf = out.path().join("dossier.pdf");
    let urls = Command::new("pdfinfo").arg("-url").arg(&pdf).output().expect("pdfinfo (poppler-utils)");
    let urls = text(&urls.stdout);
    assert!(urls.contains("https://example.com/x"), "the web link is a link: {urls}");
    for bad in ["javascript", "file:"] {
        assert!(!urls.contains(bad), "{bad} became a link: {urls}");
    }
    let shown = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    let shown = text(&shown.stdout);
    assert!(shown.contains("javascript:alert(1)") && shown.contains("file:///etc/passwd"), "listed in the editorial notes:\n{shown}");
}

#[test]
fn a_dossier_dated_before_1970_builds_and_shows_its_date() {
    if !typst_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dossier.toml"), "[dossier]\ntitle = \"Apollo\"\ndate = \"1969-07-20\"\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "مقال\nهبط الإنسان على القمر.\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    ok(&real_build(dir.path(), out.path()));
    let shown = Command::new("pdftotext").arg(out.path().join("dossier.pdf")).arg("-").output().expect("pdftotext");
    // The cover writes the date out in both languages.
    assert!(text(&shown.stdout).contains("20 July 1969"), "{}", text(&shown.stdout));
}

/// An article in the folder that dossier.toml does not list is left out,
/// and the build says so: in its summary, the editorial notes and the
/// report. The summary says where the findings left for an editor are.
#[test]
fn articles_left_out_are_named() {
    let b = Bench::new(WRITES_PDF);
    b.write("d/dossier.toml", "[[article]]\nfile = \"a.txt\"\n");
    b.write("d/b.md", "# مقال ثان\n\nقال «نعم ثم مضى.\n");
    let out = b.build(&["d", "--out", "out"]);
    ok(&out);
    let said = err(&out);
    assert!(said.contains("left out 1 article in the folder that dossier.toml does not list: b.md"), "{said}");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(b.path("out/report.json")).unwrap()).unwrap();
    assert_eq!(report["unlisted"], serde_json::json!(["b.md"]));
    let data = std::fs::read_to_string(b.path("out/dossier.json")).unwrap();
    assert!(data.contains("b.md is in the folder but not listed in dossier.toml"), "{data}");
    // Listed, it is built, and its unpaired quote is left for an editor.
    b.write("d/dossier.toml", "[[article]]\nfile = \"a.txt\"\n\n[[article]]\nfile = \"b.md\"\n");
    let out = b.build(&["d", "--out", "out"]);
    ok(&out);
    let said = err(&out);
    assert!(!said.contains("left out") && said.contains("2 articles"), "{said}");
    assert!(said.contains("1 finding left for an editor, listed in out/report.json"), "{said}");
}

/// With no --out, the build writes beside its articles, in DIR/out, and
/// never the current folder; a second build and `check` do not take the
/// clean copies there for articles.
#[test]
fn the_default_output_folder_is_inside_the_dossier() {
    let b = Bench::new(WRITES_PDF);
    b.write("d/b.md", "# عنوان\n\nنص ثان.\n");
    ok(&b.build(&["d"]));
    assert!(b.path("d/out/dossier.pdf").exists() && b.path("d/out/clean/a.md").exists(), "{:?}", b.left_in_tmp());
    assert!(!b.path("out").exists(), "the current folder was written");
    let again = b.build(&["d"]);
    ok(&again);
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(b.path("d/out/report.json")).unwrap()).unwrap();
    assert_eq!(report["articles"].as_array().unwrap().len(), 2, "{}", err(&again));
    let check = bin().args(["check", "--format", "concise", "d"]).current_dir(b.path("")).output().unwrap();
    let shown = String::from_utf8_lossy(&check.stdout);
    assert!(!shown.contains("d/out/") && shown.contains("2 files"), "{shown}");
}

/// `build --watch` builds, then again when an article changes, and says
/// so; the build's own output does not set it off again.
#[test]
fn watch_builds_again_when_an_article_changes() {
    let b = Bench::new(WRITES_PDF);
    let mut child = b
        .command(&["--watch", b.dossier().to_str().unwrap(), "--out", b.path("d/out").to_str().unwrap()])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wait_for = |what: &str| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
                if line.contains(what) {
                    return;
                }
            }
        }
        panic!("no `{what}` from build --watch");
    };
    wait_for("built ");
    wait_for("watching");
    // Its own output (d/out) changed: no rebuild for that.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(rx.try_iter().all(|l| !l.contains("built ")), "the build's own output set off a rebuild");
    b.write("d/a.txt", "مقال أول\nنص عربي آخر.\n");
    wait_for("built ");
    child.kill().unwrap();
    child.wait().unwrap();
}
