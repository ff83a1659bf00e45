//! Which `dossier.toml` applies where, as ruff does it: each file takes the
//! nearest `dossier.toml` in its folder or above, looking no higher than the
//! repository's root (a folder holding `.git`); `--config` names one for
//! all. So `dossier check a b` and `dossier check b a` agree.
//!
//! A glob in `exclude`, `extend-exclude` or `per-file-ignores` is read from
//! the folder of the `dossier.toml` that holds it. Without a `/` it matches
//! a file or folder name anywhere below (`drafts`, `*.en.md`); with one, the
//! path from that folder (`notes/*.md`, `archive/**`). A folder that matches
//! covers everything in it.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use super::{Config, ConfigError, FILE_NAME};
use crate::clean::{selection, CleanConfig, Settings};

/// Folders never read unless `exclude` says otherwise: other people's text.
pub const DEFAULT_EXCLUDE: &[&str] = &["node_modules", "target", "vendor", "site-packages"];

/// What the command line sets over every `dossier.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config FILE`: this file for every path, found or not.
    pub config: Option<PathBuf>,
    /// `--select`: replaces `[clean] select`.
    pub select: Option<Vec<String>>,
    /// `--ignore`: added to `[clean] ignore`.
    pub ignore: Vec<String>,
}

/// One `dossier.toml` (or the defaults), ready to answer for files.
#[derive(Debug)]
pub struct Style {
    /// The file it came from; `None` for the built-in defaults.
    pub source: Option<PathBuf>,
    /// Where its globs start: the file's folder, or for the defaults the
    /// repository's root (else the folder the search began in).
    pub root: PathBuf,
    /// The configuration, command-line overrides applied.
    pub config: Config,
    settings: Settings,
    exclude: Matcher,
    per_file: Vec<(Matcher, Vec<String>)>,
}

impl Style {
    fn new(source: Option<PathBuf>, root: PathBuf, mut config: Config, overrides: &Overrides) -> Result<Style, String> {
        if let Some(select) = &overrides.select {
            config.clean.select = Some(select.clone());
        }
        config.clean.ignore.extend(overrides.ignore.iter().cloned());
        let settings = config.settings().map_err(|e| format!("[clean]: {e}"))?;
        let exclude = Matcher::new(&exclude_patterns(&config.clean)).map_err(|e| format!("[clean] exclude: {e}"))?;
        let per_file = config
            .clean
            .per_file_ignores
            .iter()
            .map(|(glob, codes)| Ok((Matcher::new(std::slice::from_ref(glob))?, codes.clone())))
            .collect::<Result<_, String>>()
            .map_err(|e| format!("[clean.per-file-ignores]: {e}"))?;
        Ok(Style { source, root, config, settings, exclude, per_file })
    }

    /// `path` (absolute, or relative to the working folder) is excluded.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.matches(&self.relative(path))
    }

    /// The rules `per-file-ignores` switches off for `path`.
    pub fn ignored_for(&self, path: &Path) -> Vec<String> {
        let rel = self.relative(path);
        self.per_file.iter().filter(|(m, _)| m.matches(&rel)).flat_map(|(_, codes)| codes.iter().cloned()).collect()
    }

    /// The settings for `path`: the house style, less its per-file ignores.
    pub fn settings_for(&self, path: &Path) -> Settings {
        let extra = self.ignored_for(path);
        if extra.is_empty() {
            return self.settings.clone();
        }
        // The selectors were checked when the file was loaded.
        self.settings.without(selection::resolve(&extra).0)
    }

    /// The house style without per-file ignores.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// `path` from `root`; a path outside it is kept as it is.
    fn relative(&self, path: &Path) -> PathBuf {
        let abs = absolute_path(path);
        abs.strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or(abs)
    }
}

/// `exclude` (or the defaults) and `extend-exclude`.
pub fn exclude_patterns(clean: &CleanConfig) -> Vec<String> {
    let base = clean.exclude.clone().unwrap_or_else(|| DEFAULT_EXCLUDE.iter().map(|s| s.to_string()).collect());
    base.into_iter().chain(clean.extend_exclude.iter().cloned()).collect()
}

/// Every glob of `[clean]` compiles: a config with a bad one is refused
/// when it is loaded, naming the glob.
pub fn check_globs(clean: &CleanConfig) -> Result<(), String> {
    Matcher::new(&exclude_patterns(clean)).map_err(|e| format!("exclude: {e}"))?;
    for glob in clean.per_file_ignores.keys() {
        Matcher::new(std::slice::from_ref(glob)).map_err(|e| format!("per-file-ignores: {e}"))?;
    }
    Ok(())
}

/// Globs split by how they match: names anywhere, or paths from the root.
#[derive(Debug)]
struct Matcher {
    names: GlobSet,
    paths: GlobSet,
}

impl Matcher {
    fn new(patterns: &[String]) -> Result<Matcher, String> {
        let (mut names, mut paths) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        for pattern in patterns {
            let trimmed = pattern.trim().trim_start_matches("./").trim_end_matches('/');
            let anchored = trimmed.trim_start_matches('/');
            let glob = |p: &str| -> Result<Glob, String> {
                GlobBuilder::new(p).literal_separator(true).build().map_err(|e| format!("`{pattern}` is not a glob: {}", e.kind()))
            };
            if anchored.is_empty() {
                return Err(format!("`{pattern}` matches nothing: name a file, folder or glob"));
            } else if anchored.contains('/') || anchored.len() != trimmed.len() {
                paths.add(glob(anchored)?);
            } else {
                names.add(glob(anchored)?);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| e.to_string());
        Ok(Matcher { names: build(names)?, paths: build(paths)? })
    }

    /// `rel` (a path from the root) or a folder it is in matches.
    fn matches(&self, rel: &Path) -> bool {
        let normal: Vec<&std::ffi::OsStr> =
            rel.components().filter_map(|c| if let Component::Normal(n) = c { Some(n) } else { None }).collect();
        if normal.iter().any(|n| self.names.is_match(Path::new(n))) {
            return true;
        }
        let mut prefix = PathBuf::new();
        normal.iter().any(|n| {
            prefix.push(n);
            self.paths.is_match(&prefix)
        })
    }
}

/// A style, or why its dossier.toml cannot be used (kept, so it is read once).
pub type Loaded = Result<Arc<Style>, Arc<ConfigError>>;

/// Finds and caches the style of every folder a run meets. Shared by the
/// threads of a walk.
pub struct Resolver {
    overrides: Overrides,
    fixed: Option<Loaded>,
    /// Folder (absolute) → the style that governs it.
    folders: Mutex<HashMap<PathBuf, Loaded>>,
    /// `dossier.toml` (or defaults root) → its style, each loaded once.
    styles: Mutex<HashMap<(Option<PathBuf>, PathBuf), Loaded>>,
}

impl Resolver {
    pub fn new(overrides: Overrides) -> Resolver {
        let fixed = overrides.config.as_ref().map(|path| {
            let abs = absolute_path(path);
            let root = abs.parent().map(Path::to_path_buf).unwrap_or_default();
            load_style(Some(path.clone()), root, &overrides)
        });
        Resolver { overrides, fixed, folders: Mutex::new(HashMap::new()), styles: Mutex::new(HashMap::new()) }
    }

    /// The style for a file (or a name that need not exist, like
    /// `--stdin-name`): the nearest `dossier.toml` above it.
    pub fn style_for(&self, path: &Path) -> Loaded {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        self.style_of_folder(folder)
    }

    /// The style that governs what is in `folder`.
    pub fn style_of_folder(&self, folder: &Path) -> Loaded {
        if let Some(fixed) = &self.fixed {
            return fixed.clone();
        }
        let folder = absolute_dir(folder);
        if let Some(found) = lock(&self.folders).get(&folder) {
            return found.clone();
        }
        let (source, repo_root) = nearest(&folder);
        let root = match &source {
            Some(file) => file.parent().map(Path::to_path_buf).unwrap_or_default(),
            None => repo_root.unwrap_or_else(|| default_root(&folder)),
        };
        let key = (source.clone(), root.clone());
        let existing = lock(&self.styles).get(&key).cloned();
        let style = existing.unwrap_or_else(|| {
            let loaded = load_style(source, root, &self.overrides);
            lock(&self.styles).insert(key, loaded.clone());
            loaded
        });
        lock(&self.folders).insert(folder, style.clone());
        style
    }

    /// `path`, met in a walk, is excluded by the style of its folder. A
    /// folder whose style cannot be loaded excludes nothing: its files fail
    /// with the error instead.
    pub fn excludes(&self, path: &Path) -> bool {
        self.style_for(path).is_ok_and(|s| s.excludes(path))
    }

    /// What the command line set.
    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn load_style(source: Option<PathBuf>, root: PathBuf, overrides: &Overrides) -> Loaded {
    let config = match &source {
        Some(path) => Config::load(path).map_err(Arc::new)?,
        None => Config::default(),
    };
    let shown = source.clone().unwrap_or_else(|| PathBuf::from("the command line"));
    Style::new(source, root, config, overrides).map(Arc::new).map_err(|message| Arc::new(ConfigError { path: shown, message }))
}

/// The nearest `dossier.toml` at or above `folder` (absolute), and the
/// repository root that stopped the search, if one did.
pub fn nearest(folder: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    for dir in folder.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return (Some(candidate), None);
        }
        if dir.join(".git").exists() {
            return (None, Some(dir.to_path_buf()));
        }
    }
    (None, None)
}

/// Without a repository, default globs start at the working folder when
/// the path is inside it, else at the path's own folder.
fn default_root(folder: &Path) -> PathBuf {
    let cwd = std::env::current_dir().ok().and_then(|c| c.canonicalize().ok());
    match cwd {
        Some(cwd) if folder.starts_with(&cwd) => cwd,
        _ => folder.to_path_buf(),
    }
}

/// `folder` made absolute with links resolved, as far as it exists (a
/// `--stdin-name` may name a folder that does not).
pub fn absolute_dir(folder: &Path) -> PathBuf {
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let abs = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    let mut missing = Vec::new();
    let mut existing = abs.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return missing.iter().rev().fold(real, |p: PathBuf, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// `path` made absolute: its folder resolved, its own name kept (a link is
/// judged by the name it was given).
pub fn absolute_path(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => absolute_dir(parent).join(name),
        _ => absolute_dir(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(patterns: &[&str]) -> Matcher {
        Matcher::new(&patterns.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn names_match_anywhere_paths_from_the_root() {
        let m = matcher(&["drafts", "*.en.md", "notes/*.md", "/top.txt", "archive/"]);
        for yes in ["drafts", "a/drafts/x.md", "b/c.en.md", "notes/n.md", "top.txt", "x/archive/y/z.txt"] {
            assert!(m.matches(Path::new(yes)), "{yes}");
        }
        for no in ["draft.md", "a/notes/n.md", "notes/sub/n.md", "a/top.txt", "c.md"] {
            assert!(!m.matches(Path::new(no)), "{no}");
        }
        assert!(matcher(&["notes/**"]).matches(Path::new("notes/sub/n.md")));
    }

    #[test]
    fn bad_globs_are_named() {
        let e = Matcher::new(&["a[".to_string()]).unwrap_err();
        assert!(e.contains("`a[`"), "{e}");
        assert!(Matcher::new(&["/".to_string()]).is_err());
    }

    #[test]
    fn nearest_config_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().canonicalize().unwrap();
        std::fs::write(d.join(FILE_NAME), "").unwrap();
        std::fs::create_dir_all(d.join("repo/.git")).unwrap();
        std::fs::create_dir_all(d.join("repo/a/b")).unwrap();
        assert_eq!(nearest(&d.join("repo/a/b")), (None, Some(d.join("repo"))));
        std::fs::write(d.join("repo/a/dossier.toml"), "").unwrap();
        assert_eq!(nearest(&d.join("repo/a/b")).0, Some(d.join("repo/a/dossier.toml")));
        assert_eq!(nearest(&d).0, Some(d.join(FILE_NAME)));
    }

    #[test]
    fn absolute_dir_keeps_missing_parts() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().canonicalize().unwrap();
        assert_eq!(absolute_dir(&d.join("no/such")), d.join("no/such"));
    }
}
