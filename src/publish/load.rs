//! A dossier folder: its `dossier.toml` (optional) and its articles.

use std::path::{Path, PathBuf};

use super::BuildError;
use crate::clean::Settings;
use crate::config::{self, ArticleMeta, Config};

/// An article to build: where it is and what the dossier says of it.
#[derive(Debug, Clone)]
pub struct ArticleSource {
    /// The file name relative to the dossier folder.
    pub name: String,
    pub path: PathBuf,
    pub meta: ArticleMeta,
    /// What an editor should know about how it was chosen.
    pub notes: Vec<String>,
}

pub struct Project {
    pub dir: PathBuf,
    pub config: Config,
    pub settings: Settings,
    pub articles: Vec<ArticleSource>,
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
        let config_path = dir.join(config::FILE_NAME);
        let config =
            if config_path.is_file() { Config::load(&config_path).map_err(|e| BuildError(e.to_string()))? } else { Config::default() };
        let settings = config.settings().map_err(|e| BuildError(format!("{}: [clean]: {e}", config_path.display())))?;
        let articles: Vec<ArticleSource> = if config.articles.is_empty() {
            let skip: Vec<PathBuf> = config.build.out.iter().map(|o| dir.join(o)).collect();
            super::discover::articles(dir, &skip)
                .into_iter()
                .map(|f| ArticleSource { name: f.name, path: f.path, meta: ArticleMeta::default(), notes: f.notes })
                .collect()
        } else {
            config
                .articles
                .iter()
                .enumerate()
                .map(|(i, meta)| {
                    let file = meta
                        .file
                        .as_ref()
                        .ok_or_else(|| BuildError(format!("{}: [[article]] number {} has no `file`", config_path.display(), i + 1)))?;
                    let path = dir.join(file);
                    if !path.is_file() {
                        return Err(BuildError(format!(
                            "{}: [[article]] number {} names file = \"{}\", which does not exist in {}",
                            config_path.display(),
                            i + 1,
                            file.display(),
                            dir.display()
                        )));
                    }
                    Ok(ArticleSource { name: file.display().to_string(), path, meta: meta.clone(), notes: Vec::new() })
                })
                .collect::<Result<_, _>>()?
        };
        if articles.is_empty() {
            return Err(BuildError(format!(
                "{}: no articles: add .txt or .md files, or [[article]] entries to dossier.toml",
                dir.display()
            )));
        }
        Ok(Project { dir: dir.to_path_buf(), config, settings, articles })
    }
}
