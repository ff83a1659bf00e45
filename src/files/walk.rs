//! Which files a command reads: files as given, folders walked recursively
//! for `.md` and `.txt`, honouring `.gitignore` and skipping hidden files.

use std::path::{Path, PathBuf};

/// The extensions cleanup reads when it walks a folder.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// A path given on the command line that does not exist.
#[derive(Debug)]
pub struct Missing(pub PathBuf);

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: no such file or folder", self.0.display())
    }
}

fn has_text_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Expand `paths` into files, in a stable order. Files named explicitly are
/// kept whatever their extension.
pub fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Missing>) {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for path in paths {
        if path.is_file() {
            out.push(path.clone());
        } else if path.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(path)
                .require_git(false)
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && has_text_extension(e.path()))
                .map(|e| e.into_path())
                .collect();
            found.sort();
            out.extend(found);
        } else {
            missing.push(Missing(path.clone()));
        }
    }
    (out, missing)
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
        let (files, missing) = files(&[d.to_path_buf(), d.join("nope")]);
        let names: Vec<String> = files.iter().map(|p| p.strip_prefix(d).unwrap().display().to_string()).collect();
        assert_eq!(names, vec!["a.txt", "sub/b.md"]);
        assert_eq!(missing.len(), 1);
    }
}
