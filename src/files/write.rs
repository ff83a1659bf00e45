//! Writing files atomically: to a temporary file in the same folder, renamed
//! over the original, so a crash or a full disk never leaves half a file.
//!
//! A user's file also stays what it was: a symbolic link stays a link (its
//! target is written), a hard-linked file keeps its other names, its mode and
//! owner are kept, a read-only file is left alone unless forced, and a file
//! that changed since it was read is not overwritten.
//!
//! A temporary file is locked (flock) while dossier writes it. One left by a
//! dossier that was killed (`kill -9`, a file-size limit) is unlocked and
//! old: the next run that writes in its folder removes it ([`Settle`]).

use std::collections::BTreeSet;
use std::fmt;
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

use super::platform;
use super::read::{Source, Stamp};

/// Why a user's file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// A symbolic link whose target is missing, or links that loop.
    BrokenLink {
        path: PathBuf,
        error: io::Error,
    },
    /// The user may not write the file, and the write was not forced.
    ReadOnly {
        path: PathBuf,
    },
    /// Its size or modification time changed after it was read.
    Changed {
        path: PathBuf,
    },
    /// Rewriting a hard-linked file in place stopped midway; the fixed text
    /// is safe in `kept`.
    Interrupted {
        path: PathBuf,
        error: io::Error,
        kept: PathBuf,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::BrokenLink { path, error } => {
                write!(
                    f,
                    "{}: a symbolic link that leads nowhere ({error}); nothing was written: fix or remove the link",
                    super::escaped(path)
                )
            }
            WriteError::ReadOnly { path } => {
                write!(
                    f,
                    "{}: read-only (no write permission); nothing was written: make it writable, or pass --force to fix it anyway",
                    super::escaped(path)
                )
            }
            WriteError::Changed { path } => {
                write!(f, "{}: changed while dossier was fixing it; nothing was written: run dossier again", super::escaped(path))
            }
            WriteError::Interrupted { path, error, kept } => write!(
                f,
                "{}: the rewrite stopped midway ({error}) and the file may be cut short; the fixed text is in {}: copy it over the file",
                super::escaped(path),
                super::escaped(kept)
            ),
            WriteError::Io { path, error } => write!(f, "{}: cannot write: {error}; the file was left as it was", super::escaped(path)),
        }
    }
}

impl std::error::Error for WriteError {}

/// The folders a run renamed files into. Each is synced once, at the end
/// (one `fsync` per file, not two: until then a crash can lose a rename,
/// never a file's text), and its stale temporary files are removed.
#[derive(Default)]
pub struct Settle {
    folders: BTreeSet<PathBuf>,
}

impl Settle {
    pub fn new() -> Settle {
        Settle::default()
    }

    fn add(&mut self, path: &Path) {
        self.folders.insert(folder_of(path).to_path_buf());
    }

    /// Make the renames durable and tidy the folders.
    pub fn finish(self) {
        for folder in &self.folders {
            if let Ok(dir) = File::open(folder) {
                let _ = dir.sync_all();
            }
            remove_stale_temps(folder);
        }
    }
}

/// The name of dossier's temporary files: `.dossier-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".dossier-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file this old whose lock nobody holds was left by a dossier
/// that died; a younger one may be a file another dossier just made and is
/// about to lock.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Remove the temporary files of dossiers that died in `folder`.
pub fn remove_stale_temps(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let ours = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) && name.len() == TEMP_PREFIX.len() + 6 + TEMP_SUFFIX.len();
        if !ours {
            continue;
        }
        let path = entry.path();
        let old = fs::symlink_metadata(&path)
            .is_ok_and(|m| m.is_file() && m.modified().is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_AFTER)));
        // Locked: a live dossier is writing it.
        if old && File::open(&path).is_ok_and(|f| platform::try_lock(&f).unwrap_or(false)) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Replace a user's file with `contents` (its fixed text), keeping what the
/// file is; `force` writes a read-only file too. The folder is synced when
/// `settle` finishes.
pub fn write_fixed(source: &Source, contents: &[u8], force: bool, settle: &mut Settle) -> Result<(), WriteError> {
    let name = &source.name;
    let cannot = |error| WriteError::Io { path: name.clone(), error };
    let path = through_links(name)?;
    let meta = fs::metadata(&path).map_err(|error| gone_or(name, error))?;
    if !force && platform::is_read_only(&path, &meta) {
        return Err(WriteError::ReadOnly { path: name.clone() });
    }
    let tmp = temp_copy(&path, contents).map_err(cannot)?;
    if !platform::has_other_names(&meta) && platform::take_owner(tmp.as_file(), &meta).map_err(cannot)? {
        tmp.as_file().set_permissions(meta.permissions()).map_err(cannot)?;
        unchanged_since(name, &path, source.stamp)?;
        tmp.persist(&path).map_err(|e| cannot(e.error))?;
        settle.add(&path);
        return Ok(());
    }
    // Other names a rename would leave behind, or an owner only root could
    // give the new file: write into the file's own inode instead.
    verify(&tmp, contents).map_err(cannot)?;
    unchanged_since(name, &path, source.stamp)?;
    rewrite_in_place(name, &path, tmp, contents)
}

/// Replace `path`'s contents with `contents` atomically, keeping its
/// permissions, and flushed to disk before the rename: for the user's files.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace(path, contents, true)
}

/// Replace a file dossier can regenerate (build output): still atomic (a
/// reader never sees half a file), without waiting for the disk.
pub fn write_output(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace(path, contents, false)
}

/// Rename a new file over `path` (a file, a link, or nothing): a link is
/// replaced, not followed, and only a regular file's mode is kept.
fn replace(path: &Path, contents: &[u8], durable: bool) -> io::Result<()> {
    let existing = fs::symlink_metadata(path).ok().filter(|m| m.is_file());
    // A new file gets the mode any program would give it (0666 less the
    // umask), not the temporary file's private 0600.
    let mode = if existing.is_none() { platform::new_file_permissions() } else { None };
    let mut tmp = temp_in(folder_of(path), mode)?;
    tmp.write_all(contents)?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    if let Some(meta) = existing {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    if durable {
        sync_folder(path);
    }
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn temp_in(dir: &Path, permissions: Option<Permissions>) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).rand_bytes(6);
    if let Some(p) = permissions {
        builder.permissions(p);
    }
    let tmp = builder.tempfile_in(dir)?;
    // Held until the file is renamed or removed: see remove_stale_temps.
    platform::try_lock(tmp.as_file())?;
    Ok(tmp)
}

/// The file `name` stands for: a symbolic link is written through (so it
/// stays a link); one that leads nowhere is an error naming it.
fn through_links(name: &Path) -> Result<PathBuf, WriteError> {
    match fs::symlink_metadata(name) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(name).map_err(|error| WriteError::BrokenLink { path: name.to_path_buf(), error })
        }
        _ => Ok(name.to_path_buf()),
    }
}

/// A file that is gone was changed too: moved or deleted since it was read.
fn gone_or(name: &Path, error: io::Error) -> WriteError {
    if error.kind() == io::ErrorKind::NotFound {
        WriteError::Changed { path: name.to_path_buf() }
    } else {
        WriteError::Io { path: name.to_path_buf(), error }
    }
}

/// The file is still as it was read: someone may have saved it while a long
/// fix ran, and their edit must not be lost.
fn unchanged_since(name: &Path, path: &Path, read: Option<Stamp>) -> Result<(), WriteError> {
    let Some(read) = read else { return Ok(()) };
    match fs::metadata(path) {
        Ok(now) if Stamp::of(&now) == read => Ok(()),
        Ok(_) => Err(WriteError::Changed { path: name.to_path_buf() }),
        Err(error) => Err(gone_or(name, error)),
    }
}

/// `contents` in a temporary file next to `path`, on disk.
fn temp_copy(path: &Path, contents: &[u8]) -> io::Result<NamedTempFile> {
    let mut tmp = temp_in(folder_of(path), None)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Read the temporary copy back: it is what survives if rewriting the
/// original goes wrong.
fn verify(tmp: &NamedTempFile, contents: &[u8]) -> io::Result<()> {
    if fs::read(tmp.path())? == contents {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::InvalidData, "the temporary copy does not read back as written"))
    }
}

/// Truncate the file and write `contents` into its own inode, so every name
/// and the owner stay. The verified copy goes afterwards, or stays and is
/// named if the rewrite stops midway.
fn rewrite_in_place(name: &Path, path: &Path, tmp: NamedTempFile, contents: &[u8]) -> Result<(), WriteError> {
    let mut file = OpenOptions::new().write(true).open(path).map_err(|error| WriteError::Io { path: name.to_path_buf(), error })?;
    match file.set_len(0).and_then(|()| file.write_all(contents)).and_then(|()| file.sync_all()) {
        Ok(()) => {
            // The fix is written; a stray copy left behind is only clutter.
            let _ = tmp.close();
            Ok(())
        }
        Err(error) => match tmp.keep() {
            Ok((_, kept)) => {
                // Under a name of its own, beside the file: not a stale
                // temporary file for a later run to remove.
                let shown = kept_name(path);
                let kept = if fs::rename(&kept, &shown).is_ok() { shown } else { kept };
                Err(WriteError::Interrupted { path: name.to_path_buf(), error, kept })
            }
            Err(_) => Err(WriteError::Io { path: name.to_path_buf(), error }),
        },
    }
}

/// Where the fixed text of an interrupted rewrite is kept: `a.md.fixed`
/// (then `a.md.fixed-2`, …), never over an existing file.
fn kept_name(path: &Path) -> PathBuf {
    let base = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (1..)
        .map(|i| path.with_file_name(if i == 1 { format!("{base}.fixed") } else { format!("{base}.fixed-{i}") }))
        .find(|p| fs::symlink_metadata(p).is_err())
        .expect("a free name")
}

/// Make the rename itself durable: the new name lives in the folder.
fn sync_folder(path: &Path) {
    if let Ok(dir) = File::open(folder_of(path)) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, "جديد".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "جديد");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }

    #[test]
    fn stale_temporary_files_go_live_and_young_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old = SystemTime::now() - Duration::from_secs(3600);
        let stale = d.join(".dossier-abc123.tmp");
        fs::write(&stale, "left by a killed dossier").unwrap();
        File::options().write(true).open(&stale).unwrap().set_modified(old).unwrap();
        let young = d.join(".dossier-def456.tmp");
        fs::write(&young, "just made").unwrap();
        let theirs = d.join(".dossier-notes.tmp.md");
        fs::write(&theirs, "a user's").unwrap();
        File::options().write(true).open(&theirs).unwrap().set_modified(old).unwrap();
        // A live one: locked by its writer, however old.
        let live = temp_in(d, None).unwrap();
        live.as_file().set_modified(old).unwrap();
        remove_stale_temps(d);
        assert!(!stale.exists() && young.exists() && theirs.exists() && live.path().exists());
    }

    #[cfg(unix)]
    #[test]
    fn new_outputs_get_the_mode_any_program_would_give() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        // fs::write creates with 0666 less the umask: the reference.
        std::fs::write(dir.path().join("probe"), "").unwrap();
        let expected = std::fs::metadata(dir.path().join("probe")).unwrap().permissions().mode() & 0o777;
        let path = dir.path().join("new.json");
        write_output(&path, b"{}").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, expected);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_output(&path, b"[]").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600, "an existing file keeps its mode");
        // A link where an output goes is replaced, not written through.
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_output(&link, b"pdf").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(!std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }
}
