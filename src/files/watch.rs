//! Watching a dossier folder for changes, for `dossier build --watch`: the
//! folder is looked at twice a second (sizes and modification times), so
//! it works the same on every system and file system, network ones
//! included, with no watcher to set up or leak.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::walk::is_build_output;

/// The most entries looked at: a folder that holds more is no dossier, and
/// looking twice a second must stay cheap.
const MAX_ENTRIES: usize = 100_000;
/// How often the folder is looked at.
const POLL: Duration = Duration::from_millis(500);
/// A change is built once the folder has been still this long: an editor's
/// save (write, rename) or a `git checkout` is one rebuild, not several.
const SETTLE: Duration = Duration::from_millis(200);

/// What the folder holds, as far as a rebuild cares: every file's path,
/// size and modification time, hidden entries and build output aside.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot(Vec<(PathBuf, u64, Option<SystemTime>)>);

/// The file a path names, after the links of its folder (it need not exist
/// yet): what a snapshot's paths are compared with.
pub fn real_path(path: &Path) -> PathBuf {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (std::fs::canonicalize(folder), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}

impl Snapshot {
    /// `dir`'s files, but for `own` (what the build writes: its PDF when
    /// `-o` puts it in the folder, its output folder), as [`real_path`]s.
    pub fn of(dir: &Path, own: &[PathBuf]) -> Snapshot {
        let mut seen = Vec::new();
        let mut folders = vec![std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else { continue };
            for entry in entries.flatten() {
                if seen.len() >= MAX_ENTRIES {
                    break;
                }
                let path = entry.path();
                if entry.file_name().to_string_lossy().starts_with('.') || own.contains(&path) {
                    continue;
                }
                // Links are not followed: what they lead to is no part of
                // the folder (the build refuses what leads out, too).
                let Ok(meta) = entry.metadata() else { continue };
                if meta.is_dir() {
                    if !is_build_output(&path) {
                        folders.push(path);
                    }
                } else {
                    seen.push((path, meta.len(), meta.modified().ok()));
                }
            }
        }
        seen.sort();
        Snapshot(seen)
    }
}

/// Wait until something in `dir` changes from `since`, and settles; the
/// new state.
pub fn wait_for_change(dir: &Path, own: &[PathBuf], since: &Snapshot) -> Snapshot {
    loop {
        std::thread::sleep(POLL);
        let now = Snapshot::of(dir, own);
        if now == *since {
            continue;
        }
        let mut last = now;
        loop {
            std::thread::sleep(SETTLE);
            let again = Snapshot::of(dir, own);
            if again == last {
                return again;
            }
            last = again;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_seen_and_build_output_is_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "نص").unwrap();
        std::fs::create_dir_all(dir.path().join("out")).unwrap();
        std::fs::write(dir.path().join("out/.typst-version"), "x").unwrap();
        // `-o final.pdf` in the folder itself, named as the user gave it.
        let own = [real_path(&dir.path().join("final.pdf"))];
        let before = Snapshot::of(dir.path(), &own);
        std::fs::write(dir.path().join("out/dossier.pdf"), "pdf").unwrap();
        std::fs::write(dir.path().join(".hidden"), "x").unwrap();
        std::fs::write(dir.path().join("final.pdf"), "pdf").unwrap();
        assert_eq!(Snapshot::of(dir.path(), &own), before, "build output and hidden files are not watched");
        std::fs::write(dir.path().join("a.md"), "نص آخر").unwrap();
        assert_ne!(Snapshot::of(dir.path(), &own), before);
    }
}
