//! Writing files atomically: to a temporary file in the same folder, renamed
//! over the original, so a crash or a full disk never leaves half a file.

use std::io::{self, Write};
use std::path::Path;

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

fn replace(path: &Path, contents: &[u8], durable: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dossier-").suffix(".tmp");
    // A new file gets the permissions any program's new file gets (0666
    // less the umask), not a temporary file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(contents)?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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

    #[cfg(unix)]
    #[test]
    fn new_files_get_ordinary_permissions_and_old_ones_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.pdf");
        write_output(&new, b"x").unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        // 0666 less the umask the test runs under (Linux tells it).
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Umask:").and_then(|v| u32::from_str_radix(v.trim(), 8).ok())));
        match umask {
            Some(umask) => assert_eq!(mode, 0o666 & !umask, "new file mode {mode:o} under umask {umask:o}"),
            None => assert!(mode & 0o600 == 0o600, "new file mode {mode:o}"),
        }
        let old = dir.path().join("old.txt");
        std::fs::write(&old, "x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&old, b"y").unwrap();
        assert_eq!(std::fs::metadata(&old).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
