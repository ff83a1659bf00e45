//! What a write needs to know about a file beyond its bytes: which file it
//! is, whether it has other names, who owns it, whether the user may write
//! it. Unix has all of these; elsewhere they fall back to what std knows.

use std::fs::{File, Metadata, Permissions};
use std::io;
use std::path::Path;

/// The file itself, whatever name reached it: two names with the same id
/// are one file (hard links, or a symbolic link and its target).
pub fn file_id(meta: &Metadata) -> Option<(u64, u64)> {
    imp::file_id(meta)
}

/// The file has other names (hard links) that a rename would leave behind.
pub fn has_other_names(meta: &Metadata) -> bool {
    imp::has_other_names(meta)
}

/// Give `tmp` the owner and group of the file it replaces. `false` when
/// that is not allowed (only root may give a file away): a rename would
/// then hand the user's file to someone else.
pub fn take_owner(tmp: &File, original: &Metadata) -> io::Result<bool> {
    imp::take_owner(tmp, original)
}

/// The user may not write `path`. Root may write anything, so for root a
/// file is read-only when its mode has no `w` bit at all.
pub fn is_read_only(path: &Path, meta: &Metadata) -> bool {
    imp::is_read_only(path, meta)
}

/// Take an exclusive advisory lock on `file` without waiting: `false` when
/// another open file (this process's or another's) holds it. Released when
/// `file` is closed, so a process killed while holding it leaves no lock.
pub fn try_lock(file: &File) -> io::Result<bool> {
    imp::try_lock(file)
}

/// The permissions a new file gets: 0666 less the umask, as any program
/// creating a file would give it (a temporary file starts private, 0600).
pub fn new_file_permissions() -> Option<Permissions> {
    imp::new_file_permissions()
}

#[cfg(unix)]
mod imp {
    use std::ffi::CString;
    use std::fs::{File, Metadata, Permissions};
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::Path;

    pub fn file_id(meta: &Metadata) -> Option<(u64, u64)> {
        Some((meta.dev(), meta.ino()))
    }

    pub fn has_other_names(meta: &Metadata) -> bool {
        meta.nlink() > 1
    }

    pub fn take_owner(tmp: &File, original: &Metadata) -> io::Result<bool> {
        let mine = tmp.metadata()?;
        if (mine.uid(), mine.gid()) == (original.uid(), original.gid()) {
            return Ok(true);
        }
        match std::os::unix::fs::fchown(tmp, Some(original.uid()), Some(original.gid())) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub fn is_read_only(path: &Path, meta: &Metadata) -> bool {
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            return meta.mode() & 0o222 == 0;
        }
        let Ok(c_path) = CString::new(path.as_os_str().as_bytes()) else { return false };
        // The effective ids decide, as they will for the write. Only a
        // refusal counts: a read-only file system fails the write itself.
        // SAFETY: c_path is a valid NUL-terminated string for the call.
        let refused = unsafe { libc::faccessat(libc::AT_FDCWD, c_path.as_ptr(), libc::W_OK, libc::AT_EACCESS) } != 0;
        refused && io::Error::last_os_error().raw_os_error() == Some(libc::EACCES)
    }

    pub fn new_file_permissions() -> Option<Permissions> {
        Some(Permissions::from_mode(0o666))
    }

    pub fn try_lock(file: &File) -> io::Result<bool> {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a descriptor this File owns; no memory is shared.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
            Ok(false)
        } else {
            Err(e)
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use std::fs::{File, Metadata, Permissions};
    use std::io;
    use std::path::Path;

    pub fn file_id(_: &Metadata) -> Option<(u64, u64)> {
        None
    }

    pub fn has_other_names(_: &Metadata) -> bool {
        false
    }

    pub fn take_owner(_: &File, _: &Metadata) -> io::Result<bool> {
        Ok(true)
    }

    pub fn is_read_only(_: &Path, meta: &Metadata) -> bool {
        meta.permissions().readonly()
    }

    pub fn new_file_permissions() -> Option<Permissions> {
        None
    }

    pub fn try_lock(_: &File) -> io::Result<bool> {
        Ok(true)
    }
}
