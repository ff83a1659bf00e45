//! The `typst` command: found, version-checked, and run in a sealed folder
//! with a time limit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::interrupt::{kill_group, Group};

/// The oldest Typst the template is written for (tagged PDF by default,
/// `--ignore-embedded-fonts`).
pub const MIN_VERSION: (u32, u32) = (0, 14);

pub const INSTALL_HINT: &str = "install it with `cargo install typst-cli --locked` (about 15 minutes on 2 cores), or point dossier at one with --typst PATH or DOSSIER_TYPST";

#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    pub version: String,
}

fn on_path(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    // `cargo install` puts it here, which a fresh shell may not have on PATH.
    if let Some(home) =
        std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn parse_version(s: &str) -> Option<(u32, u32)> {
    let v = s.split_whitespace().nth(1)?;
    let mut parts = v.split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// What identifies a typst binary without running it.
fn fingerprint(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{}\n{}\n{}", path.display(), meta.len(), modified.as_nanos()))
}

/// [`find`], with a checked version remembered between builds: `saved` is
/// what the cache file (in the output folder) holds, and the answer says
/// what to write there when the binary was checked again (its path, size
/// or time changed), so a rebuild does not spawn typst twice.
pub fn find_cached(explicit: Option<&Path>, saved: Option<&str>, timeout: Duration) -> Result<(Typst, Option<String>), String> {
    let path = locate(explicit)?;
    if let (Some(print), Some(saved)) = (fingerprint(&path.0), saved) {
        if let Some(version) = saved.strip_prefix(&format!("{print}\n")) {
            return Ok((Typst { path: path.0, version: version.trim().to_string() }, None));
        }
    }
    let typst = check(path, timeout)?;
    let cache = fingerprint(&typst.path).map(|print| format!("{print}\n{}\n", typst.version));
    Ok((typst, cache))
}

/// Find typst: `--typst`, then `DOSSIER_TYPST`, then `PATH`.
pub fn find(explicit: Option<&Path>) -> Result<Typst, String> {
    check(locate(explicit)?, Duration::from_secs(60))
}

/// Where typst is, and how it was found (for messages). A relative path is
/// made absolute against the current folder now, because typst runs in
/// another one; a bare name is looked up on PATH.
fn locate(explicit: Option<&Path>) -> Result<(PathBuf, &'static str), String> {
    let (path, how) = match explicit {
        Some(p) => (Some(p.to_path_buf()), "--typst"),
        None => match std::env::var_os("DOSSIER_TYPST").filter(|v| !v.is_empty()) {
            Some(p) => (Some(PathBuf::from(p)), "DOSSIER_TYPST"),
            None => (on_path("typst"), "PATH"),
        },
    };
    let Some(path) = path else { return Err(format!("the typst CLI was not found on PATH; {INSTALL_HINT}")) };
    if path.is_absolute() {
        return Ok((path, how));
    }
    let bare = path.components().count() == 1 && !path.as_os_str().to_string_lossy().starts_with('.');
    if bare && how != "PATH" {
        if let Some(found) = path.to_str().and_then(on_path) {
            return Ok((found, how));
        }
    }
    let cwd = std::env::current_dir().map_err(|e| format!("cannot resolve {} (from {how}): {e}", path.display()))?;
    Ok((cwd.join(path), how))
}

/// Run `typst --version` and check it is new enough.
fn check((path, how): (PathBuf, &'static str), timeout: Duration) -> Result<Typst, String> {
    let out = run_bounded(Command::new(&path).arg("--version"), timeout).map_err(|e| match e {
        RunError::Spawn(e) => format!("cannot run typst at {} (from {how}): {e}; {INSTALL_HINT}", path.display()),
        RunError::TimedOut => {
            format!("{} --version (from {how}) did not answer within {} s; is it typst?", path.display(), timeout.as_secs_f64())
        }
    })?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    match parse_version(&version) {
        Some(v) if v >= MIN_VERSION => Ok(Typst { path, version }),
        Some(_) => Err(format!(
            "{} is {version}; dossier needs typst {}.{} or newer: {INSTALL_HINT}",
            path.display(),
            MIN_VERSION.0,
            MIN_VERSION.1
        )),
        None => {
            Err(format!("{} (from {how}) did not report a typst version (`--version` said {version:?}); {INSTALL_HINT}", path.display()))
        }
    }
}

/// Why typst did not make a PDF.
#[derive(Debug)]
pub enum CompileError {
    /// It could not be started.
    Spawn(String),
    /// It failed; what it said.
    Failed(String),
    /// It ran past its time and was stopped, with its children.
    TimedOut(Duration),
    /// It needed more memory than it may have (bytes).
    OutOfMemory(u64),
}

/// The address space typst may use: a 42-page dossier takes about 80 MB,
/// a 1,000-article one about 1 GB; past this, something in the dossier
/// (an image, an unbroken run) asks for far too much.
pub const MEMORY_LIMIT: u64 = 6 << 30;

/// Run `cmd` with at most `bytes` of address space (RLIMIT_AS): typst
/// then fails an allocation and stops, rather than taking the machine.
#[cfg(unix)]
fn limit_memory(cmd: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe; nothing is allocated.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_: &mut Command, _: u64) {}

#[derive(Debug)]
enum RunError {
    Spawn(std::io::Error),
    TimedOut,
}

/// Run `cmd` in a process group of its own, collecting its output, for at
/// most `timeout`; past it the whole group is killed (typst and anything it
/// started: a child left alive would hold the pipes open).
fn run_bounded(cmd: &mut Command, timeout: Duration) -> Result<Output, RunError> {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let group = Group::spawn(cmd).map_err(RunError::Spawn)?;
    let pid = group.id();
    let (done, finished) = mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let out = group.wait_with_output();
        let _ = done.send(());
        out
    });
    if finished.recv_timeout(timeout).is_err() {
        kill_group(pid);
        // The group is dead: the pipes close and the waiter returns. A
        // process that left the group could hold them; do not wait for it.
        let _ = finished.recv_timeout(Duration::from_secs(5));
        return Err(RunError::TimedOut);
    }
    waiter.join().map_err(|_| RunError::Spawn(std::io::Error::other("the thread waiting for typst failed")))?.map_err(RunError::Spawn)
}

impl Typst {
    /// Compile `dir/main` to `pdf`, with `dir` as the root and only the
    /// fonts in `fonts`: nothing outside the folder is read, no system or
    /// Typst-embedded font reaches the PDF. Stopped after `timeout`.
    /// `standard` (`ua-1`) makes typst check the document against that PDF
    /// standard and refuse one that breaks it.
    #[allow(clippy::too_many_arguments)]
    pub fn compile(
        &self,
        dir: &Path,
        main: &str,
        fonts: &Path,
        pdf: &Path,
        timestamp: Option<i64>,
        timeout: Duration,
        standard: Option<&str>,
    ) -> Result<Duration, CompileError> {
        let mut cmd = Command::new(&self.path);
        cmd.arg("compile")
            .arg("--root")
            .arg(dir)
            .arg("--font-path")
            .arg(fonts)
            .arg("--ignore-system-fonts")
            .arg("--ignore-embedded-fonts")
            .arg("--package-path")
            .arg(dir.join(".no-packages"))
            .arg("--package-cache-path")
            .arg(dir.join(".no-packages"))
            .arg("--jobs")
            .arg("2");
        if let Some(ts) = timestamp {
            // One argument: a date before 1970 is negative, and a separate
            // `-14256000` would read as an option.
            cmd.arg(format!("--creation-timestamp={ts}"));
        }
        if let Some(standard) = standard {
            cmd.arg("--pdf-standard").arg(standard);
        }
        cmd.arg(dir.join(main)).arg(pdf).current_dir(dir).env_remove("SOURCE_DATE_EPOCH");
        without_network(&mut cmd);
        limit_memory(&mut cmd, MEMORY_LIMIT);
        let start = Instant::now();
        let out = run_bounded(&mut cmd, timeout).map_err(|e| match e {
            RunError::Spawn(e) => CompileError::Spawn(format!("cannot run {}: {e}", self.path.display())),
            RunError::TimedOut => CompileError::TimedOut(timeout),
        })?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            // Rust's allocator says this before it aborts.
            if stderr.contains("memory allocation of") {
                return Err(CompileError::OutOfMemory(MEMORY_LIMIT));
            }
            return Err(CompileError::Failed(stderr.into_owned()));
        }
        // A font typst cannot find would leave text out of the PDF: an error.
        if stderr.contains("unknown font family") {
            return Err(CompileError::Failed(format!(
                "the bundled fonts were not found by typst (font path {}):\n{stderr}",
                fonts.display()
            )));
        }
        Ok(start.elapsed())
    }
}

/// Where typst is told its proxy is: a loopback port nothing listens on.
const NO_NETWORK: &str = "http://127.0.0.1:9";

/// Packages off by what typst resolves, not by reading the template: the
/// package folders are empty, and every download (typst honours the proxy
/// variables) goes to a closed loopback port, refused at once. A package
/// name computed or escaped in a template reaches no network either.
fn without_network(cmd: &mut Command) {
    for var in ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"] {
        cmd.env(var, NO_NETWORK);
    }
    for var in ["no_proxy", "NO_PROXY", "TYPST_PACKAGE_PATH", "TYPST_PACKAGE_CACHE_PATH"] {
        cmd.env_remove(var);
    }
}

/// typst's error when a template asked for a package it could not have.
pub fn is_package_refusal(stderr: &str) -> bool {
    stderr.contains("failed to download package") || stderr.contains("package not found")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(parse_version("typst 0.15.1 (unknown commit)"), Some((0, 15)));
        assert_eq!(parse_version("nonsense"), None);
    }

    fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let bin = dir.join(name);
        std::fs::write(&bin, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        bin
    }

    #[test]
    fn version_cache_is_used_until_the_binary_changes() {
        let dir = tempfile::tempdir().unwrap();
        let bin = script(dir.path(), "typst", "echo 'typst 0.14.2 (fake)'");
        let t = Duration::from_secs(30);
        let (typst, saved) = find_cached(Some(&bin), None, t).unwrap();
        assert_eq!(typst.version, "typst 0.14.2 (fake)");
        // The answer now comes from the cache: prove it by editing the cache.
        let saved = saved.unwrap().replace("0.14.2", "0.14.9");
        let (typst, again) = find_cached(Some(&bin), Some(&saved), t).unwrap();
        assert_eq!((typst.version.as_str(), again), ("typst 0.14.9 (fake)", None));
        // A changed binary is checked again, and a too-old one refused.
        script(dir.path(), "typst", "echo 'typst 0.11.0 (older, longer)'");
        assert!(find_cached(Some(&bin), Some(&saved), t).unwrap_err().contains("0.14 or newer"));
    }

    #[test]
    fn a_hanging_typst_is_stopped_with_its_children() {
        let dir = tempfile::tempdir().unwrap();
        // The script's children (the sleeps) hold the output pipes: only
        // killing the whole group ends the wait before the 5 s grace.
        let bin = script(dir.path(), "typst", "sleep 30 &\nsleep 30");
        let start = Instant::now();
        let e = run_bounded(&mut Command::new(&bin), Duration::from_millis(300)).unwrap_err();
        assert!(matches!(e, RunError::TimedOut), "{e:?}");
        assert!(start.elapsed() < Duration::from_secs(4), "{:?}", start.elapsed());
    }

    #[test]
    fn relative_paths_are_made_absolute_before_typst_runs_elsewhere() {
        let (path, how) = locate(Some(Path::new("bin/typst"))).unwrap();
        assert_eq!((path, how), (std::env::current_dir().unwrap().join("bin/typst"), "--typst"));
    }

    #[test]
    fn a_missing_typst_says_how_to_install() {
        let err = find(Some(Path::new("/nonexistent/typst"))).unwrap_err();
        assert!(err.contains("cargo install typst-cli --locked"), "{err}");
    }
}
