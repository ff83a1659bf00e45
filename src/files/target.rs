//! A file the user names for a command's output (`build -o`, `check
//! --output-file`): written atomically, never over one of the command's
//! inputs, never into a folder, a device, a FIFO or a socket (renaming over
//! a device node, as root, would replace it), and through a symbolic link
//! only when asked. The folders above it are created when missing.

use std::fs;
use std::path::{Path, PathBuf};

use super::name::escaped;
use super::platform::file_id;
use super::write::write_output;

#[derive(Debug)]
pub struct Target {
    /// As given, for messages.
    pub shown: PathBuf,
    /// Where the bytes go (a link's target when links are followed).
    path: PathBuf,
}

impl Target {
    /// Check `file` before anything is written: `inputs` are what the
    /// command reads; `flag` names the option in messages (`-o`).
    pub fn check(file: &Path, inputs: &[&Path], follow_links: bool, flag: &str) -> Result<Target, String> {
        let shown = escaped(file);
        let mut path = file.to_path_buf();
        let meta = match fs::symlink_metadata(file) {
            Ok(m) if m.file_type().is_symlink() => {
                if !follow_links {
                    let how = if flag == "-o" { "; pass --follow-symlinks to write through it" } else { ": name the file itself" };
                    return Err(format!("{shown}: a symbolic link; dossier does not write through links{how}"));
                }
                path = fs::canonicalize(file)
                    .map_err(|e| format!("{shown}: a symbolic link that leads nowhere ({e}); fix the link or name another file"))?;
                fs::metadata(&path).ok()
            }
            Ok(m) => Some(m),
            Err(_) => None,
        };
        if let Some(m) = meta {
            if let Some(what) = not_regular(&m) {
                return Err(format!("{shown}: {what}; {flag} writes a regular file only"));
            }
            let real = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            let id = file_id(&m);
            let same = |i: &&&Path| {
                fs::canonicalize(i).is_ok_and(|r| r == real) || (id.is_some() && fs::metadata(i).ok().and_then(|im| file_id(&im)) == id)
            };
            if let Some(input) = inputs.iter().find(same) {
                return Err(format!(
                    "{shown}: this is the input {}; dossier never writes over what it reads: name another file",
                    escaped(input)
                ));
            }
        }
        Ok(Target { shown: PathBuf::from(shown), path })
    }

    /// Write `bytes` there, creating the missing folders above it.
    pub fn write(&self, bytes: &[u8]) -> Result<(), String> {
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create the folder: {e}", escaped(parent)))?;
        }
        write_output(&self.path, bytes).map_err(|e| format!("{}: cannot write: {e}", self.shown.display()))
    }
}

/// What a file is when it is not a regular file one may replace.
fn not_regular(m: &fs::Metadata) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = m.file_type();
        if kind.is_fifo() {
            return Some("a FIFO (named pipe), not a regular file");
        } else if kind.is_char_device() || kind.is_block_device() {
            return Some("a device, not a regular file");
        } else if kind.is_socket() {
            return Some("a socket, not a regular file");
        }
    }
    m.is_dir().then_some("a folder, not a file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_devices_folders_and_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.md");
        fs::write(&input, "نص").unwrap();
        let err = |p: &Path, follow| Target::check(p, &[input.as_path()], follow, "--output-file").unwrap_err();
        assert!(err(&input, false).contains("this is the input"));
        assert!(err(Path::new("/dev/null"), false).contains("a device"));
        assert!(err(dir.path(), false).contains("a folder"));
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        assert!(err(&link, false).contains("symbolic link"));
        assert!(err(&link, true).contains("this is the input"), "a followed link still may not reach an input");
        // Missing folders are created.
        let deep = dir.path().join("reports/ci/out.json");
        Target::check(&deep, &[input.as_path()], false, "--output-file").unwrap().write(b"{}").unwrap();
        assert_eq!(fs::read(&deep).unwrap(), b"{}");
        assert_eq!(fs::read_to_string(&input).unwrap(), "نص");
    }
}
