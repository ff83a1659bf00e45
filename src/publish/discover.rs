//! The articles of a dossier folder that `dossier.toml` does not list:
//! every `.md`, `.markdown` and `.txt` (any case) in the folder and its
//! subfolders, in path order, honouring `.gitignore` and skipping hidden
//! files, `templates/`, `fonts/` and build output. `x.txt` and `x.md` in
//! one folder are one article: the markdown is the article, with a note.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::files::walk::{self, Unreadable};

/// An article file found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Relative to the dossier folder, with `/`.
    pub name: String,
    /// What an editor should know (a `.txt` set aside for this file).
    pub notes: Vec<String>,
}

const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

fn extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    EXTENSIONS.contains(&ext.as_str()).then_some(ext)
}

/// A folder a build wrote (it holds the build's data or typst's version
/// check), or one that holds a dossier's templates or fonts.
fn is_not_articles(dir: &Path, top: &Path) -> bool {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
    (dir.parent() == Some(top) && matches!(name, "templates" | "fonts")) || crate::files::walk::is_build_output(dir)
}

/// The folder's articles, in path order, and what was set aside; an
/// ignore file that could not be honoured is an error (see
/// [`walk`](crate::files::walk)): the build would take in what it names.
pub fn articles(dir: &Path, skip: &[PathBuf]) -> Result<Vec<Found>, Unreadable> {
    let top = dir.to_path_buf();
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    let (mut walker, ignores) = walk::walker(dir);
    let problems = std::sync::Arc::clone(&ignores);
    let walker = walker
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            e.depth() == 0
                || (ignores.keeps(e)
                    && !(is_dir && (is_not_articles(e.path(), &top) || std::fs::canonicalize(e.path()).is_ok_and(|c| skip.contains(&c)))))
        })
        .build();
    let mut files: Vec<(PathBuf, String)> = walker
        .filter_map(Result::ok)
        // Links too: the loader resolves them, and one leading out of the
        // folder is an error rather than silently skipped.
        .filter(|e| e.file_type().is_some_and(|t| t.is_file() || t.is_symlink()))
        .filter_map(|e| Some((e.path().to_path_buf(), extension(e.path())?)))
        .filter(|(p, _)| !p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.eq_ignore_ascii_case("README")))
        .collect();
    files.sort();

    // One article per folder and stem: markdown wins over text.
    let mut by_stem: BTreeMap<PathBuf, Vec<(PathBuf, String)>> = BTreeMap::new();
    for (path, ext) in files {
        by_stem.entry(path.with_extension("")).or_default().push((path, ext));
    }
    let name =
        |p: &Path| p.strip_prefix(dir).unwrap_or(p).components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    let mut out: Vec<Found> = Vec::new();
    for (_, mut group) in by_stem {
        group.sort_by_key(|(_, ext)| ext == "txt");
        let (path, _) = group.remove(0);
        let notes = group
            .iter()
            .map(|(other, _)| format!("{} was set aside: {} has the same name and is the article", name(other), name(&path)))
            .collect();
        out.push(Found { name: name(&path), path, notes });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    match problems.take().into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_rules() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "b.txt",
            "b.md",
            "a.MD",
            "c.markdown",
            "README.md",
            "sub/2.txt",
            "sub/1.md",
            "notes.rs",
            "templates/x.md",
            "fonts/y.md",
            "out/clean/a.md",
            "out/.typst-version",
            ".hidden.md",
            "ignored/z.md",
        ] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::write(d.join(".gitignore"), "ignored/\n").unwrap();
        let found = articles(d, &[]).unwrap();
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, vec!["a.MD", "b.md", "c.markdown", "sub/1.md", "sub/2.txt"]);
        assert_eq!(found[1].notes, vec!["b.txt was set aside: b.md has the same name and is the article"]);
        // A configured output folder is skipped even without a marker.
        std::fs::create_dir_all(d.join("build")).unwrap();
        std::fs::write(d.join("build/x.md"), "x").unwrap();
        assert!(articles(d, &[d.join("build")]).unwrap().iter().all(|f| !f.name.starts_with("build/")));
        // An ignore file that leads out of the folder is an error, not a walk.
        std::fs::remove_file(d.join(".gitignore")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", d.join(".gitignore")).unwrap();
        let e = articles(d, &[]).unwrap_err().to_string();
        assert!(e.contains(".gitignore") && e.contains("symbolic link"), "{e}");
    }
}
