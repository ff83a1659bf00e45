//! A dossier folder: its `dossier.toml` (optional), its articles and its
//! template override.
//!
//! A dossier may come from someone else, so everything it names is read
//! only from inside its folder: each path (an `[[article]] file`, a file
//! found in the folder, `dossier.toml`, `templates/dossier.typ`) is resolved
//! after symbolic links and must stay under the folder. An absolute path,
//! `../../etc/passwd` or a link leading out is an error naming the path and
//! this rule, before anything is read.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use super::BuildError;
use crate::clean::Settings;
use crate::config::{self, ArticleMeta, Config};

/// Where a dossier's own template lives, relative to its folder.
pub const TEMPLATE_PATH: &str = "templates/dossier.typ";

/// An article to build: where it is and what the dossier says of it.
#[derive(Debug, Clone)]
pub struct ArticleSource {
    /// The file name relative to the dossier folder.
    pub name: String,
    /// The path as given (for messages).
    pub path: PathBuf,
    /// The file itself, after symbolic links: inside the dossier folder.
    pub real: PathBuf,
    /// Its name in `OUT/clean/`, unique among the dossier's articles.
    pub clean_name: String,
    pub meta: ArticleMeta,
    /// What an editor should know about how it was chosen.
    pub notes: Vec<String>,
}

pub struct Project {
    /// The folder as given.
    pub dir: PathBuf,
    /// The folder after symbolic links: every input is under it.
    pub root: PathBuf,
    pub config: Config,
    pub settings: Settings,
    pub articles: Vec<ArticleSource>,
    /// The dossier's own `templates/dossier.typ`, checked.
    pub template: Option<String>,
    /// Every file the build reads (after links): never written over.
    pub inputs: Vec<PathBuf>,
    /// Article files in the folder that `dossier.toml` does not list, so
    /// the build leaves them out (and says so).
    pub unlisted: Vec<String>,
}

const RULE: &str = "a dossier reads only files inside its own folder";

/// `rel` (a path the dossier names, relative to its folder `dir`, whose
/// resolved form is `root`) after symbolic links, or `None` when nothing is
/// there. An absolute path, or one that leads outside `root`, is an error
/// naming `what` and the rule.
pub fn resolve_inside(dir: &Path, root: &Path, rel: &Path, what: &str) -> Result<Option<PathBuf>, BuildError> {
    if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::Prefix(_) | Component::RootDir)) {
        return Err(BuildError(format!(
            "{what} `{}` is an absolute path; {RULE}: give a path relative to {}",
            rel.display(),
            dir.display()
        )));
    }
    if leaves_lexically(rel) {
        return Err(BuildError(format!("{what} `{}` leads outside the dossier folder {}; {RULE}", rel.display(), dir.display())));
    }
    let joined = root.join(rel);
    if std::fs::symlink_metadata(&joined).is_err() {
        return Ok(None);
    }
    let real = match std::fs::canonicalize(&joined) {
        Ok(real) => real,
        // A link that leads nowhere: as good as nothing there.
        Err(_) => return Ok(None),
    };
    if !real.starts_with(root) {
        return Err(BuildError(format!(
            "{what} `{}` leads outside the dossier folder {} (to {}); {RULE}, after following symbolic links: copy the file into the folder",
            rel.display(),
            dir.display(),
            real.display()
        )));
    }
    Ok(Some(real))
}

/// `rel`, a folder the dossier names for writing (`[build] out`), is
/// relative and stays inside its folder, through the folders that exist
/// already (one of them could be a link leading out).
pub fn writable_inside(project: &Project, rel: &Path, what: &str) -> Result<(), BuildError> {
    let outside = || {
        BuildError(format!(
            "{}: {what} = \"{}\" leads outside the dossier folder; a dossier writes only inside its own folder unless you pass --out DIR",
            project.config_path().display(),
            rel.display()
        ))
    };
    if rel.is_absolute() || rel.has_root() || leaves_lexically(rel) {
        return Err(outside());
    }
    let target = project.root.join(rel);
    let existing = target.ancestors().find(|a| std::fs::symlink_metadata(a).is_ok()).unwrap_or(&project.root);
    match std::fs::canonicalize(existing) {
        Ok(real) if real.starts_with(&project.root) => Ok(()),
        _ => Err(outside()),
    }
}

/// `..` climbs above the start: `../x`, `a/../../x`.
fn leaves_lexically(rel: &Path) -> bool {
    let mut depth = 0usize;
    for c in rel.components() {
        match c {
            Component::ParentDir if depth == 0 => return true,
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    false
}

impl Project {
    pub fn config_path(&self) -> PathBuf {
        self.dir.join(config::FILE_NAME)
    }

    /// Load `dir`: with a `dossier.toml`, its `[[article]]` list; else (or
    /// when it lists none) the articles [`super::discover`] finds.
    pub fn load(dir: &Path) -> Result<Project, BuildError> {
        if !dir.is_dir() {
            return Err(BuildError(format!("{}: not a folder; give the folder that holds the articles (and dossier.toml)", dir.display())));
        }
        let root = std::fs::canonicalize(dir).map_err(|e| BuildError(format!("{}: {e}", dir.display())))?;
        let mut inputs = Vec::new();
        let config_path = dir.join(config::FILE_NAME);
        let config = match resolve_inside(dir, &root, Path::new(config::FILE_NAME), config::FILE_NAME)? {
            Some(real) if real.is_file() => {
                let config = Config::load(&real).map_err(|e| BuildError(format!("{}: {}", config_path.display(), e.message)))?;
                inputs.push(real);
                config
            }
            _ => Config::default(),
        };
        let settings = config.settings().map_err(|e| BuildError(format!("{}: [clean]: {e}", config_path.display())))?;
        let mut articles =
            if config.articles.is_empty() { found_articles(dir, &root, &config)? } else { listed_articles(dir, &root, &config)? };
        let unlisted = if config.articles.is_empty() { Vec::new() } else { unlisted_articles(dir, &config, &articles) };
        name_clean_files(&mut articles);
        inputs.extend(articles.iter().map(|a| a.real.clone()));
        let template = match resolve_inside(dir, &root, Path::new(TEMPLATE_PATH), "the template override")? {
            Some(real) if real.is_file() => {
                let text = std::fs::read_to_string(&real)
                    .map_err(|e| BuildError(format!("{}: cannot read the template override: {e}", dir.join(TEMPLATE_PATH).display())))?;
                check_template(&dir.join(TEMPLATE_PATH), &text)?;
                inputs.push(real);
                Some(text)
            }
            _ => None,
        };
        Ok(Project { dir: dir.to_path_buf(), root, config, settings, articles, template, inputs, unlisted })
    }
}

impl Project {
    /// A build needs something to set (a folder being started is fine to
    /// `check`).
    pub fn require_articles(&self) -> Result<(), BuildError> {
        if self.articles.is_empty() {
            return Err(BuildError(format!(
                "{}: no articles: add .txt or .md files, or [[article]] entries to dossier.toml",
                self.dir.display()
            )));
        }
        Ok(())
    }
}

/// The article files [`super::discover`] finds that `listed` does not
/// hold. Only said, never an error: a folder that cannot be walked is
/// the listed build's business no more than before.
fn unlisted_articles(dir: &Path, config: &Config, listed: &[ArticleSource]) -> Vec<String> {
    let skip: Vec<PathBuf> = config.build.out.iter().map(|o| dir.join(o)).collect();
    let Ok(found) = super::discover::articles(dir, &skip) else { return Vec::new() };
    let listed: std::collections::HashSet<PathBuf> = listed.iter().map(|a| a.real.clone()).collect();
    found.into_iter().filter(|f| std::fs::canonicalize(&f.path).is_ok_and(|real| !listed.contains(&real))).map(|f| f.name).collect()
}

/// The articles [`super::discover`] finds (not in `[build] out`), each
/// resolved inside the folder.
fn found_articles(dir: &Path, root: &Path, config: &Config) -> Result<Vec<ArticleSource>, BuildError> {
    let skip: Vec<PathBuf> = config.build.out.iter().map(|o| dir.join(o)).collect();
    let mut out = Vec::new();
    let found = super::discover::articles(dir, &skip).map_err(|e| BuildError(e.to_string()))?;
    for found in found {
        // A link leading out is an error even here: silently skipping it
        // would hide that the dossier tried.
        if let Some(real) = resolve_inside(dir, root, Path::new(&found.name), "the article")? {
            if real.is_file() {
                out.push(ArticleSource {
                    path: found.path,
                    real,
                    name: found.name,
                    clean_name: String::new(),
                    meta: ArticleMeta::default(),
                    notes: found.notes,
                });
            }
        }
    }
    Ok(out)
}

/// The `[[article]]` entries of `dossier.toml`.
fn listed_articles(dir: &Path, root: &Path, config: &Config) -> Result<Vec<ArticleSource>, BuildError> {
    let config_path = dir.join(config::FILE_NAME);
    let mut out = Vec::new();
    for (i, meta) in config.articles.iter().enumerate() {
        let file = meta
            .file
            .as_ref()
            .ok_or_else(|| BuildError(format!("{}: [[article]] number {} has no `file`", config_path.display(), i + 1)))?;
        let what = format!("{}: [[article]] number {} names file", config_path.display(), i + 1);
        let real = match resolve_inside(dir, root, file, &what)? {
            Some(real) if real.is_file() => real,
            _ => {
                return Err(BuildError(format!(
                    "{}: [[article]] number {} names file = \"{}\", which does not exist in {}",
                    config_path.display(),
                    i + 1,
                    file.display(),
                    dir.display()
                )))
            }
        };
        out.push(ArticleSource {
            name: file.display().to_string(),
            path: dir.join(file),
            real,
            clean_name: String::new(),
            meta: meta.clone(),
            notes: Vec::new(),
        });
    }
    Ok(out)
}

/// `clean/PATH.md` for each article: its path in the dossier folder with
/// `.md` for its extension (`sub/a.txt` → `sub/a.md`), and when two meet
/// (`a.txt` and `a.md` both listed in dossier.toml) the later one gets the
/// first free `-2`, `-3`… on its stem. Names are compared without case (a
/// Mac's disk would make `A.md` and `a.md` one file) and depend only on the
/// article order, so rebuilds name them the same.
fn name_clean_files(articles: &mut [ArticleSource]) {
    let bases: Vec<PathBuf> = articles.iter().map(|a| plain_path(Path::new(&a.name)).with_extension("md")).collect();
    let key = |p: &Path| p.to_string_lossy().to_lowercase();
    let mut taken: HashSet<String> = bases.iter().map(|b| key(b)).collect();
    let mut first: HashSet<String> = HashSet::new();
    for (a, base) in articles.iter_mut().zip(&bases) {
        let name = if first.insert(key(base)) {
            base.clone()
        } else {
            let stem = base.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let free = (2..).map(|k| base.with_file_name(format!("{stem}-{k}.md"))).find(|n| !taken.contains(&key(n))).unwrap();
            taken.insert(key(&free));
            free
        };
        a.clean_name = name.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    }
}

/// `rel` with `.` and `..` worked out (it does not leave its folder: see
/// [`resolve_inside`]); `article` if nothing is left.
fn plain_path(rel: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in rel.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    if out.as_os_str().is_empty() {
        out.push("article");
    }
    out
}

/// A template override is code from the dossier: it may not import Typst
/// packages (`#import "@preview/…"`), which typst would download: builds
/// run without a network and must be reproducible from the folder alone.
fn check_template(path: &Path, text: &str) -> Result<(), BuildError> {
    for (n, line) in text.lines().enumerate() {
        if let Some(spec) = package_spec(line) {
            return Err(BuildError(format!(
                "{}:{}: the template imports the Typst package `{spec}`; a dossier's template cannot use packages \
                 (builds run without a network and must come out the same from the folder alone): copy what you need into the template",
                path.display(),
                n + 1
            )));
        }
    }
    Ok(())
}

/// A package specification (`"@preview/name:1.0.0"`, `@local/…`) in a line.
fn package_spec(line: &str) -> Option<&str> {
    line.match_indices('@').find_map(|(i, _)| {
        let rest = &line[i + 1..];
        let namespace = rest.find('/').map(|j| &rest[..j])?;
        let opens_string = line[..i].ends_with('"');
        let known = matches!(namespace, "preview" | "local");
        let plausible = !namespace.is_empty() && namespace.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if plausible && (opens_string || known) {
            let end = rest.find(|c: char| c == '"' || c.is_whitespace()).unwrap_or(rest.len());
            Some(&line[i..i + 1 + end])
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(name: &str) -> ArticleSource {
        ArticleSource {
            name: name.into(),
            path: name.into(),
            real: name.into(),
            clean_name: String::new(),
            meta: ArticleMeta::default(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn clean_names_do_not_collide() {
        let names = ["a.txt", "a.md", "x/b.md", "y/b.md", "x/B.txt", "a-2.md", "./c.md", "d/../c.txt"];
        let mut a: Vec<ArticleSource> = names.iter().map(|n| article(n)).collect();
        name_clean_files(&mut a);
        let names: Vec<&str> = a.iter().map(|a| a.clean_name.as_str()).collect();
        assert_eq!(names, ["a.md", "a-3.md", "x/b.md", "y/b.md", "x/B-2.md", "a-2.md", "c.md", "c-2.md"]);
    }

    #[test]
    fn package_imports_are_found() {
        assert_eq!(package_spec(r#"#import "@preview/cetz:0.2.0": canvas"#), Some("@preview/cetz:0.2.0"));
        assert_eq!(package_spec(r#"  import "@local/mine:1.0.0""#), Some("@local/mine:1.0.0"));
        assert_eq!(package_spec("Write to user@example.com or see @label."), None);
        assert_eq!(package_spec(r#"#import "helpers.typ": *"#), None);
    }

    #[test]
    fn paths_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", root.join("p.txt")).unwrap();
        std::os::unix::fs::symlink("a.txt", root.join("alias.txt")).unwrap();
        let inside = |p: &str| resolve_inside(dir.path(), &root, Path::new(p), "the article");
        assert_eq!(inside("a.txt").unwrap(), Some(root.join("a.txt")));
        assert_eq!(inside("alias.txt").unwrap(), Some(root.join("a.txt")), "a link inside the folder is fine");
        assert_eq!(inside("missing.txt").unwrap(), None);
        for bad in ["p.txt", "../../etc/passwd", "/etc/passwd", "x/../../nowhere.txt"] {
            let e = inside(bad).unwrap_err().0;
            assert!(e.contains(bad) && e.contains(RULE), "{e}");
        }
    }
}
