//! `dossier.toml`: the dossier's metadata, house style and article list.
//!
//! Unknown keys are errors (a typo must not be silently ignored), and every
//! error names the file, the line and the key.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::clean::{CleanConfig, Settings};

pub const FILE_NAME: &str = "dossier.toml";

/// Text in Arabic and English; either may be missing. In TOML either a
/// table `{ ar = "…", en = "…" }` or a plain string (language detected).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Bilingual {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Bilingual {
    pub fn is_empty(&self) -> bool {
        self.ar.is_none() && self.en.is_none()
    }
    /// Arabic when given, else English.
    pub fn primary(&self) -> Option<&str> {
        self.ar.as_deref().or(self.en.as_deref())
    }
    /// A plain string goes to the language most of its words belong to.
    pub fn from_plain(s: &str) -> Bilingual {
        if crate::clean::paragraph::Features::of(s).is_arabic() {
            Bilingual { ar: Some(s.to_string()), en: None }
        } else {
            Bilingual { ar: None, en: Some(s.to_string()) }
        }
    }
}

impl<'de> Deserialize<'de> for Bilingual {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            ar: Option<String>,
            en: Option<String>,
        }
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a string, or a table like { ar = \"…\", en = \"…\" }")]
        enum Repr {
            Plain(String),
            Table(Table),
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Plain(s) => Bilingual::from_plain(&s),
            Repr::Table(t) => Bilingual { ar: t.ar, en: t.en },
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ar,
    En,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierMeta {
    #[serde(default)]
    pub title: Bilingual,
    #[serde(default)]
    pub subtitle: Bilingual,
    pub editor: Option<String>,
    /// `YYYY-MM-DD`; also the PDF's creation date, so builds are reproducible.
    pub date: Option<String>,
}

/// Per-article metadata, in `[[article]]` or in a `.md` file's front matter.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The article's file, relative to the dossier folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Bilingual::is_empty")]
    pub title: Bilingual,
    /// The outlet that published it.
    #[serde(default, skip_serializing_if = "Bilingual::is_empty")]
    pub source: Bilingual,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub lang: Option<Lang>,
    /// An agency credit (`أ ف ب`), shown at the end of the article.
    pub credit: Option<String>,
    /// The author's short biography, shown at the end of the article.
    pub bio: Option<String>,
}

impl ArticleMeta {
    /// Fields of `self` where given, else `other`'s.
    pub fn or(&self, other: &ArticleMeta) -> ArticleMeta {
        let bi = |a: &Bilingual, b: &Bilingual| Bilingual {
            ar: a.ar.clone().or_else(|| b.ar.clone()),
            en: a.en.clone().or_else(|| b.en.clone()),
        };
        ArticleMeta {
            file: self.file.clone().or_else(|| other.file.clone()),
            title: bi(&self.title, &other.title),
            source: bi(&self.source, &other.source),
            author: self.author.clone().or_else(|| other.author.clone()),
            date: self.date.clone().or_else(|| other.date.clone()),
            url: self.url.clone().or_else(|| other.url.clone()),
            lang: self.lang.or(other.lang),
            credit: self.credit.clone().or_else(|| other.credit.clone()),
            bio: self.bio.clone().or_else(|| other.bio.clone()),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    /// `amiri` or `noto-naskh` for the Arabic body text.
    pub font: Option<String>,
    /// Output folder, relative to the dossier folder and inside it.
    pub out: Option<PathBuf>,
    /// Seconds typst may run before the build stops it (at most
    /// [`MAX_TIMEOUT`]: a dossier from someone else must not hold the
    /// machine; `--timeout` is the user's own and has no such cap).
    pub timeout: Option<f64>,
    /// Font families from the dossier's own `fonts/` folder, tried in order
    /// for characters the bundled fonts lack (emoji, CJK).
    #[serde(default)]
    pub fallback: Vec<String>,
}

/// The longest `[build] timeout` a dossier may ask for, in seconds.
pub const MAX_TIMEOUT: f64 = 3600.0;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub dossier: DossierMeta,
    #[serde(default)]
    pub clean: CleanConfig,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default, rename = "article")]
    pub articles: Vec<ArticleMeta>,
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config =
            toml::from_str(text).map_err(|e| ConfigError { path: path.to_path_buf(), message: describe_toml_error(text, &e) })?;
        config.settings().map_err(|message| ConfigError { path: path.to_path_buf(), message: format!("[clean]: {message}") })?;
        if let Some(t) = config.build.timeout {
            if !(t > 0.0 && t <= MAX_TIMEOUT) {
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    message: format!("[build] timeout = {t}: give the seconds typst may run, more than 0 and at most {MAX_TIMEOUT}"),
                });
            }
        }
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes = std::fs::read(path).map_err(|e| ConfigError { path: path.to_path_buf(), message: format!("cannot read: {e}") })?;
        let text = String::from_utf8(bytes).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            message: format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
        })?;
        Config::parse(&text, path)
    }

    /// The nearest `dossier.toml` at or above `start` (a file or folder).
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_dir() { start.to_path_buf() } else { start.parent().map(Path::to_path_buf).unwrap_or_default() };
        let abs = std::fs::canonicalize(if start.as_os_str().is_empty() { Path::new(".") } else { &start }).ok()?;
        abs.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
    }

    pub fn settings(&self) -> Result<Settings, String> {
        Settings::from_config(&self.clean)
    }
}

/// toml's message, with the line and column spelled out and the offending
/// line quoted, so the error reads the same everywhere.
fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            let line_start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
            let col = text[line_start..span.start.min(text.len())].chars().count() + 1;
            let source_line = text[line_start..].lines().next().unwrap_or("");
            format!("line {line}, column {col}: {message}\n    {line} | {source_line}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_shape() {
        let c = Config::parse(
            r#"
[dossier]
title = { ar = "كازاخستان", en = "Kazakhstan" }
editor = "فريق"
date = "2022-01-20"
[clean]
quotes = "curly"
month-pairs = "gregorian-first"
mixed-marks = "as-typed"
[[article]]
file = "a.txt"
source = "موقع العهد الإخباري"
lang = "ar"
"#,
            Path::new("dossier.toml"),
        )
        .unwrap();
        assert_eq!(c.dossier.title.en.as_deref(), Some("Kazakhstan"));
        assert_eq!(c.articles[0].source.ar.as_deref(), Some("موقع العهد الإخباري"));
        assert_eq!(c.clean.quotes, crate::clean::settings::QuoteStyle::Curly);
        assert_eq!(c.clean.mixed_marks, crate::clean::settings::MixedMarks::AsTyped);
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = Config::parse("[dossier]\ntitle = \"x\"\ntitel = \"y\"\n", Path::new("d/dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("d/dossier.toml") && e.contains("line 3") && e.contains("titel"), "{e}");
        let e = Config::parse("[clean]\nquotes = \"fancy\"\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("fancy"), "{e}");
        let e = Config::parse("[clean]\nignore = [\"Z9\"]\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("Z9"), "{e}");
        let e = Config::parse("[dossier\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
    }
}
