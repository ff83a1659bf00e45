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
    let mut tmp = tempfile::Builder::new().prefix(".dossier-").suffix(".tmp").tempfile_in(dir)?;
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
}
