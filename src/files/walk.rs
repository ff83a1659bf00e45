//! Which files a command reads: files as given, folders walked recursively
//! for `.md` and `.txt`, honouring `.gitignore` and skipping hidden files.
//! What cannot be read on the way is said, never silently left out.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use super::platform;

/// The extensions cleanup reads when it walks a folder.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// A path that could not be read for articles.
#[derive(Debug)]
pub enum Unreadable {
    /// Given on the command line, and not there.
    Missing(PathBuf),
    /// Given on the command line: a symbolic link whose target is missing,
    /// or links that loop.
    BrokenLink(PathBuf),
    /// Met in a walk: a folder the user may not read.
    Walk(ignore::Error),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Missing(path) => write!(f, "{}: no such file or folder", path.display()),
            Unreadable::BrokenLink(path) => {
                write!(f, "{}: a symbolic link that leads nowhere (its target is missing, or links loop)", path.display())
            }
            Unreadable::Walk(error) => walk_error(f, error),
        }
    }
}

/// An error of the walk as `path: cannot read: why`, like a file's.
fn walk_error(f: &mut fmt::Formatter<'_>, error: &ignore::Error) -> fmt::Result {
    // The operating system's reason alone: the error's own text repeats the path.
    let why = match error.io_error() {
        Some(e) => e.raw_os_error().map_or_else(|| e.kind().to_string(), |code| std::io::Error::from_raw_os_error(code).to_string()),
        None => error.to_string(),
    };
    match path_of(error) {
        Some(path) => write!(f, "{}: cannot read: {why}; what it holds was skipped", path.display()),
        None => write!(f, "cannot read: {why}"),
    }
}

fn path_of(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => path_of(err),
        ignore::Error::WithPath { path, .. } => Some(path),
        _ => None,
    }
}

fn has_text_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Expand `paths` into files, in a stable order, each file once. Files
/// named explicitly are kept whatever their extension.
pub fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Unreadable>) {
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        if path.is_file() {
            out.push(path.clone());
        } else if path.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && has_text_extension(e.path()) => found.push(e.into_path()),
                    Ok(_) => {}
                    Err(error) => unreadable.push(Unreadable::Walk(error)),
                }
            }
            found.sort();
            out.extend(found);
        } else if path.is_symlink() {
            unreadable.push(Unreadable::BrokenLink(path.clone()));
        } else {
            unreadable.push(Unreadable::Missing(path.clone()));
        }
    }
    (first_names(out), unreadable)
}

/// Each file once, under the first name that reached it (a link and its
/// target, two hard links): fixed twice, its second write would find it
/// changed by the first.
fn first_names(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    files.into_iter().filter(|p| std::fs::metadata(p).ok().and_then(|m| platform::file_id(&m)).is_none_or(|id| seen.insert(id))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_and_honours_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::create_dir_all(d.join("out")).unwrap();
        for f in ["a.txt", "sub/b.md", "c.rs", "out/x.md", ".hidden.txt"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::write(d.join(".gitignore"), "out/\n").unwrap();
        let (files, unreadable) = files(&[d.to_path_buf(), d.join("nope"), d.join("a.txt")]);
        let names: Vec<String> = files.iter().map(|p| p.strip_prefix(d).unwrap().display().to_string()).collect();
        assert_eq!(names, vec!["a.txt", "sub/b.md"], "each file once");
        assert!(matches!(unreadable.as_slice(), [Unreadable::Missing(_)]));
    }
}
