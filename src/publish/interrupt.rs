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
/// interruption.
pub struct TempDir {
    dir: Option<tempfile::TempDir>,
}

impl TempDir {
    pub fn new(prefix: &str) -> std::io::Result<TempDir> {
        use std::os::unix::fs::PermissionsExt;
        let mut state = state();
        if state.interrupted {
            return Err(std::io::Error::other(STOPPED));
        }
        let dir = tempfile::Builder::new().prefix(prefix).permissions(std::fs::Permissions::from_mode(0o700)).tempdir()?;
        state.dirs.push(dir.path().to_path_buf());
        Ok(TempDir { dir: Some(dir) })
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
        let _held = clean_up();
        eprintln!("dossier: interrupted; typst was stopped and the build folder removed");
        std::process::exit(130);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

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
