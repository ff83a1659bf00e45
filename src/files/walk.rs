//! Which files a command reads: files as given, folders walked recursively
//! for `.md` and `.txt`, honouring `.gitignore` and skipping hidden files.
//! What cannot be read on the way is said, never silently left out.
//!
//! Ignore files (`.gitignore`, `.ignore`, and `.git/info/exclude` at the top)
//! are read by dossier itself, with the rules articles get: inside the
//! folder walked, regular files, of bounded size. Git stores symbolic links,
//! so a cloned folder can carry a `.gitignore` that leads to `/dev/zero`, a
//! FIFO or a file outside; such a one is not read, and said.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;

use super::platform;
use super::read::{read_bounded, Refused};

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
    /// An ignore file that was not honoured, and why.
    IgnoreFile(PathBuf, Refused),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Missing(path) => write!(f, "{}: no such file or folder", super::escaped(path)),
            Unreadable::BrokenLink(path) => {
                write!(f, "{}: a symbolic link that leads nowhere (its target is missing, or links loop)", super::escaped(path))
            }
            Unreadable::Walk(error) => walk_error(f, error),
            Unreadable::IgnoreFile(path, why) => write!(
                f,
                "{}: {why}; this ignore file was not honoured, so what it names was not skipped: make it a plain file, or remove it",
                super::escaped(path)
            ),
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
        Some(path) => write!(f, "{}: cannot read: {why}; what it holds was skipped", super::escaped(path)),
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
    files_except(paths, |_| false)
}

/// A folder `dossier build` wrote: it holds typst's version check, or the
/// build's data beside its template. Its `clean/` copies are not the
/// author's articles, so neither `check` nor the build reads them as such.
pub fn is_build_output(dir: &Path) -> bool {
    dir.join(".typst-version").is_file() || (dir.join("dossier.typ").is_file() && dir.join("dossier.json").is_file())
}

/// [`files`], leaving out build output (see [`is_build_output`]) and what `skip` names among the files and folders met
/// in a walk (a folder skipped is not entered). The paths given are kept:
/// the caller decides about those.
pub fn files_except(paths: &[PathBuf], skip: impl Fn(&Path) -> bool + Send + Sync + Clone + 'static) -> (Vec<PathBuf>, Vec<Unreadable>) {
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        if path.is_file() {
            out.push(path.clone());
        } else if path.is_dir() {
            let mut found = Vec::new();
            let skip = skip.clone();
            let problems;
            let (mut walk, ignores) = walker(path);
            problems = Arc::clone(&ignores);
            let walk = walk
                .filter_entry(move |e| {
                    e.depth() == 0
                        || (ignores.keeps(e)
                            && !skip(e.path())
                            && !(e.file_type().is_some_and(|t| t.is_dir()) && is_build_output(e.path())))
                })
                .build();
            for entry in walk {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && has_text_extension(e.path()) => found.push(e.into_path()),
                    Ok(_) => {}
                    Err(error) => unreadable.push(Unreadable::Walk(error)),
                }
            }
            found.sort();
            out.extend(found);
            unreadable.extend(problems.take());
        } else if path.is_symlink() {
            unreadable.push(Unreadable::BrokenLink(path.clone()));
        } else {
            unreadable.push(Unreadable::Missing(path.clone()));
        }
    }
    (first_names(out), unreadable)
}

/// A walk of `root` that skips hidden files, with the ignore files in it
/// left to the returned [`IgnoreFiles`]: call its `keeps` in the walk's
/// `filter_entry`, and take its problems after the walk.
pub fn walker(root: &Path) -> (ignore::WalkBuilder, Arc<IgnoreFiles>) {
    let mut builder = ignore::WalkBuilder::new(root);
    builder.git_ignore(false).ignore(false).git_exclude(false).parents(false).require_git(false);
    let mut files = IgnoreFiles {
        root: root.to_path_buf(),
        canonical: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        parents: Vec::new(),
        read: Mutex::default(),
        problems: Mutex::default(),
    };
    files.parents = files.read_parents();
    (builder, Arc::new(files))
}

/// The ignore files of one walk, each read once, when the walk first
/// needs it.
pub struct IgnoreFiles {
    root: PathBuf,
    /// The same folder after symbolic links, for the folders above it.
    canonical: PathBuf,
    /// The matchers of the folders above the walk up to the top of its git
    /// repository, deepest first: `dossier check docs/` in a repository
    /// honours the repository's own `.gitignore`, as git does. Outside a
    /// repository, nothing above the walk is read.
    parents: Vec<Gitignore>,
    /// The matchers of each folder met, in precedence order.
    read: Mutex<HashMap<PathBuf, Arc<Vec<Gitignore>>>>,
    problems: Mutex<Vec<Unreadable>>,
}

/// What the first of `matchers` with a word on `path` says: ignore it
/// (`true`), keep it (`false`, a `!` pattern), or nothing.
fn verdict(matchers: &[Gitignore], path: &Path, is_dir: bool) -> Option<bool> {
    matchers.iter().find_map(|m| match m.matched(path, is_dir) {
        Match::Ignore(_) => Some(true),
        Match::Whitelist(_) => Some(false),
        Match::None => None,
    })
}

/// `.git/info/exclude` of the repository at `dir`, when `.git` is a folder.
/// In a worktree or a submodule `.git` is a file naming a git folder
/// elsewhere, outside what dossier reads: there is no exclude file then.
fn git_exclude(dir: &Path) -> Option<PathBuf> {
    std::fs::symlink_metadata(dir.join(".git")).ok().filter(|m| m.is_dir()).map(|_| dir.join(".git/info/exclude"))
}

/// Far more than any real ignore file; a larger one is not read.
const MAX_IGNORE_FILE: u64 = 1 << 20;

impl IgnoreFiles {
    /// Whether the walk keeps `entry` (the top always).
    pub fn keeps(&self, entry: &ignore::DirEntry) -> bool {
        entry.depth() == 0 || !self.ignores(entry.path(), entry.file_type().is_some_and(|t| t.is_dir()))
    }

    /// The ignore files say to skip `path`: the deepest folder's word
    /// counts, and in a folder `.ignore` before `.gitignore`, as in git
    /// and ripgrep.
    fn ignores(&self, path: &Path, is_dir: bool) -> bool {
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| d.starts_with(&self.root)) {
            if let Some(ignored) = verdict(&self.matchers(d), path, is_dir) {
                return ignored;
            }
            dir = d.parent();
        }
        if self.parents.is_empty() {
            return false;
        }
        let absolute = self.canonical.join(path.strip_prefix(&self.root).unwrap_or(path));
        verdict(&self.parents, &absolute, is_dir).unwrap_or(false)
    }

    /// The ignore files of the folders above the walk, up to the top of the
    /// git repository it is in (the first folder holding `.git`), read with
    /// the same rules as those inside it.
    fn read_parents(&self) -> Vec<Gitignore> {
        if self.canonical.join(".git").exists() {
            return Vec::new();
        }
        let Some(top) = self.canonical.ancestors().skip(1).find(|a| a.join(".git").exists()) else { return Vec::new() };
        let mut matchers = Vec::new();
        for dir in self.canonical.ancestors().skip(1) {
            let mut names = vec![dir.join(".ignore"), dir.join(".gitignore")];
            if dir == top {
                names.extend(git_exclude(dir));
            }
            matchers.extend(names.iter().filter_map(|file| self.read_one(dir, file)));
            if dir == top {
                break;
            }
        }
        matchers
    }

    fn matchers(&self, dir: &Path) -> Arc<Vec<Gitignore>> {
        if let Some(m) = self.read.lock().unwrap_or_else(|p| p.into_inner()).get(dir) {
            return Arc::clone(m);
        }
        let mut names = vec![dir.join(".ignore"), dir.join(".gitignore")];
        if dir == self.root {
            names.extend(git_exclude(dir));
        }
        let matchers: Vec<Gitignore> = names.iter().filter_map(|file| self.read_one(dir, file)).collect();
        let matchers = Arc::new(matchers);
        self.read.lock().unwrap_or_else(|p| p.into_inner()).insert(dir.to_path_buf(), Arc::clone(&matchers));
        matchers
    }

    fn read_one(&self, dir: &Path, file: &Path) -> Option<Gitignore> {
        let bytes = match read_bounded(file, MAX_IGNORE_FILE, false) {
            Ok(bytes) => bytes?,
            Err(why) => {
                self.problems.lock().unwrap_or_else(|p| p.into_inner()).push(Unreadable::IgnoreFile(file.to_path_buf(), why));
                return None;
            }
        };
        let mut builder = GitignoreBuilder::new(dir);
        for line in String::from_utf8_lossy(&bytes).lines() {
            // A pattern git would not understand is passed over, as git does.
            let _ = builder.add_line(Some(file.to_path_buf()), line);
        }
        builder.build().ok()
    }

    /// What could not be honoured, said once each.
    pub fn take(&self) -> Vec<Unreadable> {
        std::mem::take(&mut *self.problems.lock().unwrap_or_else(|p| p.into_inner()))
    }
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
        let (files, _) = files_except(&[d.to_path_buf()], |p| p.ends_with("sub"));
        assert_eq!(files, vec![d.join("a.txt")], "a skipped folder is not entered");
    }

    #[test]
    fn nested_ignore_files_negations_and_precedence() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in ["a.md", "b.md", "sub/c.md", "sub/d.md", "sub/deep/e.md", "drafts/f.md"] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::write(d.join(".gitignore"), "*.md\n!a.md\ndrafts/\n").unwrap();
        std::fs::write(d.join("sub/.gitignore"), "!c.md\n").unwrap();
        std::fs::write(d.join("sub/.ignore"), "c.md\n!d.md\n").unwrap();
        std::fs::write(d.join("sub/deep/.gitignore"), "!*.md\n").unwrap();
        let (files, unreadable) = files(&[d.to_path_buf()]);
        let names: Vec<String> = files.iter().map(|p| p.strip_prefix(d).unwrap().display().to_string()).collect();
        assert_eq!(names, vec!["a.md", "sub/d.md", "sub/deep/e.md"]);
        assert!(unreadable.is_empty());
    }

    /// In a repository, the ignore files above the folder walked count, as
    /// in git; outside one, nothing above it is read.
    #[test]
    fn a_repositorys_ignore_files_above_the_walk_count() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        for f in ["docs/a.md", "docs/drafts/b.md", "docs/sub/c.md", "docs/sub/keep.md"] {
            std::fs::create_dir_all(repo.join(f).parent().unwrap()).unwrap();
            std::fs::write(repo.join(f), "x").unwrap();
        }
        std::fs::create_dir_all(repo.join(".git/info")).unwrap();
        std::fs::write(repo.join(".gitignore"), "docs/drafts/\n*.md\n!docs/a.md\n!keep.md\n").unwrap();
        std::fs::write(repo.join(".git/info/exclude"), "docs/sub/keep.md\n").unwrap();
        let names = |root: &Path| -> Vec<String> {
            let (files, unreadable) = files(&[root.to_path_buf()]);
            assert!(unreadable.is_empty());
            files.iter().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect()
        };
        // The repository's .gitignore outranks its info/exclude, as in git.
        assert_eq!(names(&repo.join("docs")), vec!["a.md", "sub/keep.md"]);
        // A walk of a deeper folder sees the same.
        assert_eq!(names(&repo.join("docs/sub")), vec!["keep.md"]);
        // A worktree or a submodule: `.git` is a file naming a git folder
        // elsewhere; the repository's .gitignore counts, and there is no
        // exclude file to read (it was an error: "Not a directory").
        std::fs::remove_dir_all(repo.join(".git")).unwrap();
        std::fs::write(repo.join(".git"), "gitdir: /elsewhere/.git/worktrees/repo\n").unwrap();
        assert_eq!(names(&repo.join("docs")), vec!["a.md", "sub/keep.md"]);
        assert_eq!(names(&repo), vec!["docs/a.md", "docs/sub/keep.md"]);
        // No repository: the folder above is not read.
        std::fs::remove_file(repo.join(".git")).unwrap();
        assert_eq!(names(&repo.join("docs")), vec!["a.md", "drafts/b.md", "sub/c.md", "sub/keep.md"]);
    }

    #[test]
    fn ignore_files_that_lead_out_or_never_end_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("dossier");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::create_dir_all(d.join("pipe")).unwrap();
        std::fs::write(d.join("a.md"), "x").unwrap();
        std::fs::write(d.join("sub/b.md"), "x").unwrap();
        std::fs::write(d.join("pipe/c.md"), "x").unwrap();
        std::fs::write(dir.path().join("outside"), "a.md\n").unwrap();
        std::os::unix::fs::symlink("/dev/zero", d.join(".gitignore")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside"), d.join("sub/.ignore")).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(d.join("pipe/.gitignore")).status().unwrap().success());
        let (files, unreadable) = files(std::slice::from_ref(&d));
        assert_eq!(files.len(), 3, "nothing was skipped on the word of an ignore file that was not read: {files:?}");
        let said: Vec<String> = unreadable.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said.iter().all(|s| s.contains("was not honoured")), "{said:?}");
        assert!(said.iter().any(|s| s.contains("sub/.ignore") && s.contains("symbolic link")), "{said:?}");
        assert!(said.iter().any(|s| s.contains("pipe/.gitignore") && s.contains("not a regular file")), "{said:?}");
    }
}
