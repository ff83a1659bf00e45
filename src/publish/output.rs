//! Where a build writes: only where the user asked, never over its inputs,
//! and only over files it wrote itself.
//!
//! The output folder is created when missing, and refused when it is the
//! dossier folder or holds any of the dossier's inputs. A manifest in it
//! ([`MANIFEST`]) lists the files dossier wrote there; a build replaces or
//! removes only those, so `--out` pointed at a folder of someone's own files
//! leaves them alone (a file of theirs where dossier would write is an
//! error). Files are written to a temporary file and renamed into place:
//! never through a symbolic link, never half-written, with the mode any new
//! file gets (0666 less the umask).
//!
//! `-o FILE` ([`PdfTarget`]) refuses an input, a folder, a device, a FIFO or
//! a socket, and writes through a symbolic link only when asked.

use std::collections::BTreeSet;
use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use super::load::Project;
use super::BuildError;

/// The list of files dossier wrote in an output folder.
pub const MANIFEST: &str = ".dossier-manifest";

const MANIFEST_HEADER: &str = "# Files dossier wrote in this folder; a build replaces or removes only these.\n";

pub struct OutDir {
    /// As given, for messages.
    shown: PathBuf,
    /// After symbolic links.
    real: PathBuf,
    /// What the manifest listed when the build started.
    before: BTreeSet<String>,
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
        let before = read_manifest(&real);
        Ok(OutDir { shown: out.to_path_buf(), real, before, claimed: BTreeSet::new(), kept: BTreeSet::new() })
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
                if !self.before.contains(&rel) {
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
        let all: BTreeSet<&String> = self.before.iter().chain(&self.claimed).collect();
        self.write_manifest(all)
    }

    /// Leave `rel` as an earlier build wrote it (still listed, not removed):
    /// the PDF in the folder when this build writes its PDF elsewhere.
    pub fn keep(&mut self, rel: &str) {
        if self.before.contains(rel) {
            self.kept.insert(rel.to_string());
        }
    }

    /// Write `bytes` to `rel`, a file claimed before.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), BuildError> {
        assert!(self.claimed.contains(rel), "{rel} written without being claimed");
        self.check_parents(rel)?;
        let path = self.real.join(rel);
        if let Some(parent) = path.parent() {
            create_dirs(&self.real, parent).map_err(|e| BuildError(format!("{}: cannot create folder: {e}", parent.display())))?;
        }
        replace(&path, bytes).map_err(|e| BuildError(format!("{}: cannot write: {e}", self.shown(rel).display())))
    }

    /// `rel` exists with exactly `len` bytes (the bundled fonts are not
    /// rewritten on every build).
    pub fn has(&self, rel: &str, len: u64) -> bool {
        fs::symlink_metadata(self.real.join(rel)).is_ok_and(|m| m.is_file() && m.len() == len)
    }

    /// The build is done: remove what an earlier build wrote and this one
    /// did not (an article since dropped), and list only this build's files.
    pub fn finish(self) -> Result<(), BuildError> {
        for stale in self.before.iter().filter(|f| !self.claimed.contains(*f) && !self.kept.contains(*f)) {
            if self.check_parents(stale).is_ok() {
                let path = self.real.join(stale);
                if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                    let _ = fs::remove_file(&path);
                }
            }
        }
        self.write_manifest(self.claimed.iter().chain(&self.kept).collect())
    }

    fn write_manifest(&self, files: BTreeSet<&String>) -> Result<(), BuildError> {
        let mut text = String::from(MANIFEST_HEADER);
        for f in files {
            text.push_str(f);
            text.push('\n');
        }
        replace(&self.real.join(MANIFEST), text.as_bytes())
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

/// The manifest's files; a line that is not a plain relative path (the
/// manifest may come with someone's folder) is ignored, never acted on.
fn read_manifest(dir: &Path) -> BTreeSet<String> {
    let path = dir.join(MANIFEST);
    // Only a regular file is read: a FIFO would block, a link lead elsewhere.
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return BTreeSet::new();
    }
    let text = fs::read_to_string(&path).unwrap_or_default();
    text.lines().filter(|l| !l.starts_with('#')).filter(|l| is_plain(l)).map(str::to_string).collect()
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

/// Replace `path` (a file, a link, or nothing) with a file holding `bytes`:
/// written beside it and renamed over it, so a link is replaced, not
/// followed. A new file gets 0666 less the umask (a temporary file's own
/// mode is a private 0600); a replaced regular file keeps its mode.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let old = fs::symlink_metadata(path).ok().filter(|m| m.is_file());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dossier-").suffix(".tmp");
    if old.is_none() {
        // open(2) applies the umask to this mode.
        builder.permissions(Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(m) = old {
        tmp.as_file().set_permissions(m.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Where `-o FILE` writes the PDF.
#[derive(Debug)]
pub struct PdfTarget {
    /// As given.
    pub shown: PathBuf,
    /// Where the bytes go (a link's target with `--follow-symlinks`).
    path: PathBuf,
}

impl PdfTarget {
    /// Check `file` before the build: not an input, not a folder, device,
    /// FIFO or socket; a symbolic link only with `follow_links`.
    pub fn check(file: &Path, project: &Project, follow_links: bool) -> Result<PdfTarget, BuildError> {
        let shown = file.to_path_buf();
        let mut path = file.to_path_buf();
        let meta = match fs::symlink_metadata(file) {
            Ok(m) if m.file_type().is_symlink() => {
                if !follow_links {
                    return Err(BuildError(format!(
                        "{}: a symbolic link; dossier does not write through links unless you pass --follow-symlinks",
                        file.display()
                    )));
                }
                path = fs::canonicalize(file).map_err(|e| {
                    BuildError(format!("{}: a symbolic link that leads nowhere ({e}); fix the link or name another file", file.display()))
                })?;
                fs::metadata(&path).ok()
            }
            Ok(m) => Some(m),
            Err(_) => None,
        };
        if let Some(m) = meta {
            let kind = m.file_type();
            let what = if kind.is_dir() {
                Some("a folder; -o names the PDF file to write (--out names the folder)")
            } else if kind.is_fifo() {
                Some("a FIFO (named pipe), not a regular file; -o writes a regular file only")
            } else if kind.is_char_device() || kind.is_block_device() {
                Some("a device, not a regular file; -o writes a regular file only")
            } else if kind.is_socket() {
                Some("a socket, not a regular file; -o writes a regular file only")
            } else {
                None
            };
            if let Some(what) = what {
                return Err(BuildError(format!("{}: {what}", file.display())));
            }
            let real = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            let same_file = |i: &PathBuf| *i == real || fs::metadata(i).is_ok_and(|im| im.dev() == m.dev() && im.ino() == m.ino());
            if let Some(input) = project.inputs.iter().find(|i| same_file(i)) {
                return Err(BuildError(format!(
                    "{}: this is the dossier's input {}; dossier never writes over what it reads: name another file",
                    file.display(),
                    input.display()
                )));
            }
        }
        Ok(PdfTarget { shown, path })
    }

    pub fn write(&self, bytes: &[u8]) -> Result<(), BuildError> {
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| BuildError(format!("{}: cannot create folder: {e}", parent.display())))?;
        }
        replace(&self.path, bytes).map_err(|e| BuildError(format!("{}: cannot write: {e}", self.shown.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines_must_be_plain() {
        assert!(is_plain("clean/a.md") && is_plain("dossier.pdf"));
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "./a", MANIFEST, "a\\..\\b"] {
            assert!(!is_plain(bad), "{bad}");
        }
    }

    #[test]
    fn new_files_get_the_usual_mode_and_links_are_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        replace(&path, b"pdf").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "a new output is readable by others (umask permitting): {mode:o}");
        let target = dir.path().join("target.txt");
        fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        replace(&link, b"pdf").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
        assert!(!fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }
}
