//! Where a build writes: only where the user asked, never over its inputs,
//! and only over files it wrote itself.
//!
//! The output folder is created when missing, and refused when it is the
//! dossier folder or holds any of the dossier's inputs. One build at a time
//! writes into it: the build holds an advisory lock on the folder, and a
//! second one is refused, saying so. A manifest in it ([`MANIFEST`], JSON, so
//! that any file name is recorded as one name) lists the files dossier wrote
//! there; a build replaces or removes only those, so `--out` pointed at a
//! folder of someone's own files leaves them alone (a file of theirs where
//! dossier would write is an error). A name with a control character is
//! refused rather than recorded. Files are written to a temporary file and
//! renamed into place: never through a symbolic link, never half-written,
//! with the mode any new file gets (0666 less the umask).
//!
//! `-o FILE` is a [`files::Target`]: never an input, a folder, a device, a
//! FIFO or a socket, and through a symbolic link only when asked.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::load::Project;
use super::BuildError;
use crate::files;

/// The list of files dossier wrote in an output folder.
pub const MANIFEST: &str = ".dossier-manifest";

/// What the manifest holds: a format number and the files, as JSON.
#[derive(Serialize, Deserialize)]
struct Manifest {
    #[serde(rename = "dossier-manifest")]
    format: u32,
    about: String,
    files: BTreeSet<String>,
}

const MANIFEST_FORMAT: u32 = 2;
const MANIFEST_ABOUT: &str = "Files dossier wrote in this folder; a build replaces or removes only these.";

pub struct OutDir {
    /// As given, for messages.
    shown: PathBuf,
    /// After symbolic links.
    real: PathBuf,
    /// Held while the build writes here: one build at a time.
    _lock: File,
    /// What the manifest listed when the build started.
    before: BTreeSet<String>,
    /// What an older, line-per-name manifest listed: such a list cannot tell
    /// a name with a newline from two names, so its files may be replaced
    /// when this build writes them, never removed.
    legacy: BTreeSet<String>,
    /// Unlisted files already where this build writes, in a folder that has
    /// a manifest (two builds that raced before there was a lock could drop
    /// each other's names): written only when the bytes are the same, which
    /// proves them dossier's.
    unproven: BTreeSet<String>,
    /// What this build may write (claimed before anything is written).
    claimed: BTreeSet<String>,
    /// Earlier files this build leaves as they are.
    kept: BTreeSet<String>,
}

impl OutDir {
    /// Open (or create) the output folder `out` for `project`'s build.
    pub fn open(out: &Path, project: &Project) -> Result<OutDir, BuildError> {
        match fs::metadata(out) {
            Ok(m) if !m.is_dir() => {
                return Err(BuildError(format!("{}: not a folder; --out names the folder to write into", out.display())))
            }
            Ok(_) => {}
            Err(_) => {
                fs::create_dir_all(out).map_err(|e| BuildError(format!("{}: cannot create the output folder: {e}", out.display())))?
            }
        }
        let real = fs::canonicalize(out).map_err(|e| BuildError(format!("{}: {e}", out.display())))?;
        if real == project.root {
            return Err(BuildError(format!(
                "{}: this is the dossier folder itself; dossier never writes where its inputs are: choose another --out",
                out.display()
            )));
        }
        if let Some(input) = project.inputs.iter().find(|i| i.starts_with(&real)) {
            return Err(BuildError(format!(
                "{}: this folder holds the dossier's input {}; dossier never writes where its inputs are: choose another --out",
                out.display(),
                input.display()
            )));
        }
        let lock = File::open(&real).map_err(|e| BuildError(format!("{}: cannot open the output folder: {e}", out.display())))?;
        match files::try_lock(&lock) {
            Ok(true) => {}
            Ok(false) => {
                return Err(BuildError(format!(
                    "{}: another dossier build is writing into this folder (it holds the folder's lock); \
                     wait for it to finish, or choose another --out",
                    out.display()
                )))
            }
            Err(e) => return Err(BuildError(format!("{}: cannot lock the output folder: {e}", out.display()))),
        }
        let (before, legacy) = read_manifest(&real);
        Ok(OutDir {
            shown: out.to_path_buf(),
            real,
            _lock: lock,
            before,
            legacy,
            unproven: BTreeSet::new(),
            claimed: BTreeSet::new(),
            kept: BTreeSet::new(),
        })
    }

    /// The folder, after symbolic links.
    pub fn path(&self) -> &Path {
        &self.real
    }

    /// `rel` in the folder as the user named it, for messages and the report.
    pub fn shown(&self, rel: &str) -> PathBuf {
        self.shown.join(rel)
    }

    /// Check that every file in `rels` may be written, then record them in
    /// the manifest before any is: a build stopped halfway can still clean
    /// up after itself next time.
    pub fn claim<'a>(&mut self, rels: impl IntoIterator<Item = &'a str>) -> Result<(), BuildError> {
        for rel in rels {
            let rel = rel.to_string();
            if let Some(c) = rel.chars().find(|c| c.is_control()) {
                return Err(BuildError(format!(
                    "{}: dossier will not write a file whose name holds a control character (U+{:04X}): \
                     such a name can pass for another in listings; rename the file it comes from",
                    files::escaped(&self.shown(&rel)),
                    c as u32
                )));
            }
            debug_assert!(is_plain(&rel), "{rel}");
            self.check_parents(&rel)?;
            let path = self.real.join(&rel);
            if let Ok(m) = fs::symlink_metadata(&path) {
                if m.is_dir() {
                    return Err(BuildError(format!(
                        "{}: a folder is where dossier writes a file: move it away",
                        self.shown(&rel).display()
                    )));
                }
                let ours = self.before.contains(&rel) || self.legacy.contains(&rel);
                if !ours && self.has_manifest() && m.is_file() {
                    self.unproven.insert(rel.clone());
                } else if !ours {
                    return Err(BuildError(format!(
                        "{}: exists, and dossier did not write it (it is not listed in {}); dossier replaces only its own files: \
                         move it away or choose another --out",
                        self.shown(&rel).display(),
                        self.shown(MANIFEST).display()
                    )));
                }
            }
            self.claimed.insert(rel);
        }
        self.write_manifest(self.before.iter().chain(self.claimed.difference(&self.unproven)).collect())
    }

    /// The folder has a manifest: dossier wrote here before.
    fn has_manifest(&self) -> bool {
        !self.before.is_empty() || !self.legacy.is_empty()
    }

    /// Leave `rel` as an earlier build wrote it (still listed, not removed):
    /// the PDF in the folder when this build writes its PDF elsewhere.
    pub fn keep(&mut self, rel: &str) {
        if self.before.contains(rel) {
            self.kept.insert(rel.to_string());
        }
    }

    /// Write `bytes` to `rel`, a file claimed before.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), BuildError> {
        assert!(self.claimed.contains(rel), "{rel} written without being claimed");
        self.check_parents(rel)?;
        let path = self.real.join(rel);
        if self.unproven.contains(rel) {
            if !same_bytes(&path, bytes) {
                return Err(BuildError(format!(
                    "{}: exists, and dossier did not write it (it is not listed in {}, and it differs from what this build writes); \
                     dossier replaces only its own files: move it away or choose another --out",
                    self.shown(rel).display(),
                    self.shown(MANIFEST).display()
                )));
            }
            // The same bytes: dossier's own file, back in the list.
            self.unproven.remove(rel);
            self.write_manifest(self.before.iter().chain(self.claimed.difference(&self.unproven)).collect())?;
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            create_dirs(&self.real, parent).map_err(|e| BuildError(format!("{}: cannot create folder: {e}", parent.display())))?;
        }
        files::write_output(&path, bytes).map_err(|e| BuildError(format!("{}: cannot write: {e}", self.shown(rel).display())))
    }

    /// `rel` exists with exactly `len` bytes (the bundled fonts are not
    /// rewritten on every build).
    pub fn has(&self, rel: &str, len: u64) -> bool {
        !self.unproven.contains(rel) && fs::symlink_metadata(self.real.join(rel)).is_ok_and(|m| m.is_file() && m.len() == len)
    }

    /// The build is done: remove what an earlier build wrote and this one
    /// did not (an article since dropped), and list only this build's files.
    pub fn finish(self) -> Result<(), BuildError> {
        // An unproven file never written stays as it is, and unlisted.
        let listed: BTreeSet<&String> = self.claimed.difference(&self.unproven).chain(&self.kept).collect();
        for stale in self.before.iter().filter(|f| !listed.contains(f)) {
            if self.check_parents(stale).is_ok() {
                let path = self.real.join(stale);
                if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                    let _ = fs::remove_file(&path);
                }
            }
        }
        self.write_manifest(listed)
    }

    fn write_manifest(&self, files: BTreeSet<&String>) -> Result<(), BuildError> {
        let manifest = Manifest { format: MANIFEST_FORMAT, about: MANIFEST_ABOUT.into(), files: files.into_iter().cloned().collect() };
        let mut text = serde_json::to_string_pretty(&manifest).map_err(|e| BuildError(e.to_string()))?;
        text.push('\n');
        files::write_output(&self.real.join(MANIFEST), text.as_bytes())
            .map_err(|e| BuildError(format!("{}: cannot write: {e}", self.shown(MANIFEST).display())))
    }

    /// The folders between the output folder and `rel` are real folders (or
    /// missing): never a symbolic link leading elsewhere.
    fn check_parents(&self, rel: &str) -> Result<(), BuildError> {
        let mut at = self.real.clone();
        let parts: Vec<&str> = rel.split('/').collect();
        for part in &parts[..parts.len() - 1] {
            at.push(part);
            match fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() || !m.is_dir() => {
                    return Err(BuildError(format!(
                        "{}: not a plain folder (a symbolic link or a file); dossier writes in its output folder only: remove it",
                        at.display()
                    )))
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Ok(())
    }
}

/// A relative path of plain names, as the manifest holds: no `..`, no root.
fn is_plain(rel: &str) -> bool {
    !rel.is_empty() && rel != MANIFEST && Path::new(rel).components().all(|c| matches!(c, Component::Normal(_))) && !rel.contains('\\')
}

/// The manifest's files, and those of an older line-per-name manifest. A
/// name that is not a plain relative path (the manifest may come with
/// someone's folder) is ignored, never acted on.
fn read_manifest(dir: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    /// Far more than any dossier writes; a larger file is not a manifest.
    const MAX_LEN: u64 = 64 << 20;
    let path = dir.join(MANIFEST);
    // Only a regular file is read: a FIFO would block, a link lead elsewhere.
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_LEN) {
        return Default::default();
    }
    let text = fs::read_to_string(&path).unwrap_or_default();
    let plain = |names: &mut dyn Iterator<Item = String>| names.filter(|n| is_plain(n)).collect();
    match serde_json::from_str::<Manifest>(&text) {
        Ok(m) => (plain(&mut m.files.into_iter()), BTreeSet::new()),
        Err(_) if text.trim_start().starts_with('{') => Default::default(),
        Err(_) => (BTreeSet::new(), plain(&mut text.lines().filter(|l| !l.starts_with('#')).map(str::to_string))),
    }
}

/// `path` is a regular file holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) && fs::read(path).is_ok_and(|old| old == bytes)
}

/// Create `dir` and the missing folders above it, down from `base`.
fn create_dirs(base: &Path, dir: &Path) -> io::Result<()> {
    if dir == base || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dirs(base, parent)?;
    }
    match fs::create_dir(dir) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_names_must_be_plain() {
        assert!(is_plain("clean/a.md") && is_plain("dossier.pdf"));
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "./a", MANIFEST, "a\\..\\b"] {
            assert!(!is_plain(bad), "{bad}");
        }
    }
}
