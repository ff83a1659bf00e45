//! What a build must undo if it is interrupted (Ctrl-C, SIGTERM): the
//! private build folder and typst's process group.
//!
//! The build registers both here while they exist; [`clean_up`] (called by
//! the signal handler the `build` command installs, on its own thread)
//! kills the processes, removes the folders and refuses new ones, all under
//! one lock, so nothing is created after the handler has run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::sync::Mutex;

pub struct State {
    interrupted: bool,
    dirs: Vec<PathBuf>,
    groups: Vec<u32>,
}

static STATE: Mutex<State> = Mutex::new(State { interrupted: false, dirs: Vec::new(), groups: Vec::new() });

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

const STOPPED: &str = "interrupted";

/// A build folder, private to the user (0700), removed when dropped or on
/// interruption. It is locked (flock) while it lives, so one left by a
/// dossier that was killed outright (`kill -9`) is known by its free lock
/// and removed by the next build ([`remove_stale`]).
pub struct TempDir {
    dir: Option<tempfile::TempDir>,
    _lock: Option<std::fs::File>,
}

impl TempDir {
    pub fn new(prefix: &str) -> std::io::Result<TempDir> {
        use std::os::unix::fs::PermissionsExt;
        let mut state = state();
        if state.interrupted {
            return Err(std::io::Error::other(STOPPED));
        }
        let dir = tempfile::Builder::new().prefix(prefix).permissions(std::fs::Permissions::from_mode(0o700)).tempdir()?;
        let lock = std::fs::File::open(dir.path())?;
        crate::files::try_lock(&lock)?;
        state.dirs.push(dir.path().to_path_buf());
        Ok(TempDir { dir: Some(dir), _lock: Some(lock) })
    }

    pub fn path(&self) -> &Path {
        self.dir.as_ref().expect("present until dropped").path()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            state().dirs.retain(|d| d != dir.path());
            let _ = dir.close();
        }
    }
}

/// Remove the build folders named `prefix…` in the temporary folder that a
/// killed dossier left: not locked, and untouched for a minute (a younger
/// one may belong to a build that is about to lock it).
pub fn remove_stale(prefix: &str) {
    let tmp = std::env::temp_dir();
    let Ok(entries) = std::fs::read_dir(&tmp) else { return };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        if !entry.file_name().to_str().is_some_and(|n| n.starts_with(prefix)) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        let old = meta.modified().is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age.as_secs() > 60));
        if !meta.is_dir() || !old || !is_mine(&meta) {
            continue;
        }
        if std::fs::File::open(&path).is_ok_and(|f| crate::files::try_lock(&f).unwrap_or(false)) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// The folder belongs to the user running dossier (a shared /tmp holds
/// other users' folders, which are theirs to clean).
fn is_mine(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

/// A child process in a process group of its own, which is killed whole
/// on interruption while this lives.
pub struct Group {
    child: Option<Child>,
    pid: u32,
}

impl Group {
    /// Spawn `cmd` as the leader of a new process group (so Ctrl-C at the
    /// terminal reaches dossier alone, which then stops the group).
    pub fn spawn(cmd: &mut Command) -> std::io::Result<Group> {
        use std::os::unix::process::CommandExt;
        let mut state = state();
        if state.interrupted {
            return Err(std::io::Error::other(STOPPED));
        }
        die_with_parent(cmd);
        let child = cmd.process_group(0).spawn()?;
        let pid = child.id();
        state.groups.push(pid);
        Ok(Group { child: Some(child), pid })
    }

    pub fn id(&self) -> u32 {
        self.pid
    }

    /// Wait for the leader and collect its output; the group stays
    /// registered until then.
    pub fn wait_with_output(mut self) -> std::io::Result<Output> {
        self.child.take().expect("waited for once").wait_with_output()
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        state().groups.retain(|&g| g != self.pid);
    }
}

/// On Linux, the child is killed when dossier dies, however it dies: a
/// `kill -9` runs no handler, and typst would go on with no time limit.
#[cfg(target_os = "linux")]
fn die_with_parent(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: getpid has no preconditions.
    let parent = unsafe { libc::getpid() };
    // SAFETY: prctl and getppid are async-signal-safe, as pre_exec requires;
    // nothing is allocated between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // dossier died before the call: nothing would send the signal.
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_: &mut Command) {}

/// Kill every process of the group led by `pid`.
pub fn kill_group(pid: u32) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: kill(2) takes plain integers; a negative pid names the group.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
}

/// Stop everything registered: kill the process groups, remove the build
/// folders, and refuse to start new ones. Returns the lock, which the
/// caller holds until it exits: the build's own threads, woken by typst's
/// death, wait on it instead of reporting typst's failure and exiting first.
pub fn clean_up() -> std::sync::MutexGuard<'static, State> {
    let mut state = state();
    state.interrupted = true;
    for &pid in &state.groups {
        kill_group(pid);
    }
    for dir in &state.dirs {
        let _ = std::fs::remove_dir_all(dir);
    }
    state
}

/// Install the handler for Ctrl-C and SIGTERM: clean up, then exit 130.
pub fn install_handler() {
    let _ = ctrlc::set_handler(|| {
        let held = clean_up();
        // Between builds (`--watch` waiting) there is nothing to undo.
        let what = match (held.groups.is_empty(), held.dirs.is_empty()) {
            (true, true) => "",
            (false, _) => "; typst was stopped and the build folder removed",
            (true, false) => "; the build folder was removed",
        };
        eprintln!("dossier: interrupted{what}");
        std::process::exit(130);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_build_folders_are_removed_and_live_ones_kept() {
        let prefix = format!("dossier-stale-test-{}-", std::process::id());
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let stale = std::env::temp_dir().join(format!("{prefix}dead"));
        std::fs::create_dir_all(stale.join("fonts")).unwrap();
        std::fs::File::open(&stale).unwrap().set_modified(old).unwrap();
        let live = TempDir::new(&prefix).unwrap();
        std::fs::File::open(live.path()).unwrap().set_modified(old).unwrap();
        remove_stale(&prefix);
        assert!(!stale.exists(), "a folder nobody holds is removed");
        assert!(live.path().exists(), "a locked folder stays");
    }

    #[test]
    fn build_folders_are_private_and_removed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new("dossier-test-").unwrap();
        let path = dir.path().to_path_buf();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o700);
        assert!(state().dirs.contains(&path));
        drop(dir);
        assert!(!path.exists() && !state().dirs.contains(&path));
    }
}
