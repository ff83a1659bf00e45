//! `dossier.toml`: the dossier's metadata, house style and article list.
//!
//! Unknown keys are errors (a typo must not be silently ignored), and every
//! error names the file, the line and the key, with the closest known key.
//! Which file applies to which article is [`resolve`]'s job.

pub mod resolve;

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

/// The language an article is laid out in: right to left (Arabic and the
/// other Arabic-script languages) or left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ar,
    En,
}

/// An article's language as its front matter or `dossier.toml` names it
/// (`ar`, `fa`, `ur`, `ckb`, `en`, `fr` …), kept as written so that a
/// cleaned article still says `fa`; any tag the language component knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct LangTag(String);

impl LangTag {
    /// The tag for a language dossier knows (`ar`, `en` …), as import sets it.
    pub fn new(tag: &str) -> Option<LangTag> {
        crate::text::language::Language::from_tag(tag).map(|_| LangTag(tag.to_string()))
    }

    /// The layout it takes.
    pub fn layout(&self) -> Lang {
        match crate::text::language::Language::from_tag(&self.0).and_then(|l| l.direction()) {
            Some(crate::text::runs::Dir::Ltr) => Lang::En,
            _ => Lang::Ar,
        }
    }
}

impl<'de> Deserialize<'de> for LangTag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(d)?;
        match crate::text::language::Language::from_tag(&tag) {
            Some(_) => Ok(LangTag(tag)),
            None => Err(serde::de::Error::custom(format!(
                "`{tag}` is no language tag dossier knows; use one such as ar, fa, ur, ckb, ps, en or fr"
            ))),
        }
    }
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
    /// An image inside the dossier folder, shown on the cover.
    pub logo: Option<String>,
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
    pub lang: Option<LangTag>,
    /// An agency credit (`أ ف ب`), shown at the end of the article.
    pub credit: Option<String>,
    /// The author's short biography, shown at the end of the article.
    pub bio: Option<String>,
    /// Rules switched off for the whole article (`dossier-ignore: [S001]`).
    #[serde(default, rename = "dossier-ignore", skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// The article's translation (or original), a file of the dossier
    /// relative to this one's folder: the two are set side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<PathBuf>,
    /// How this article and its translation are set (overrides `[build]
    /// parallel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallel: Option<Parallel>,
}

/// How an article and its translation are set: side by side in two
/// columns, on facing pages (Arabic on the right-hand page, English on the
/// left-hand one), or one after the other.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Parallel {
    #[default]
    Columns,
    Pages,
    Off,
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
            lang: self.lang.clone().or_else(|| other.lang.clone()),
            credit: self.credit.clone().or_else(|| other.credit.clone()),
            bio: self.bio.clone().or_else(|| other.bio.clone()),
            ignore: if self.ignore.is_empty() { other.ignore.clone() } else { self.ignore.clone() },
            translation: self.translation.clone().or_else(|| other.translation.clone()),
            parallel: self.parallel.or(other.parallel),
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
    /// How paired articles are set: `columns` (the default), `pages` or
    /// `off`.
    pub parallel: Option<Parallel>,
}

/// `[style]`: how numbers, dates and lists are written on the page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StyleConfig {
    /// Digits of page numbers, contents, cover and dates.
    #[serde(default)]
    pub numerals: Numerals,
    /// How an Arabic date names its month.
    #[serde(default)]
    pub months: MonthNames,
    /// How a list nested in an Arabic ordered list is numbered.
    #[serde(default)]
    pub nested_lists: NestedNumbering,
}

/// The digits the dossier's own numbers (folios, contents, cover, dates)
/// are written in; the articles' text keeps the digits its authors used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Numerals {
    /// 0123456789
    #[default]
    Western,
    /// ٠١٢٣٤٥٦٧٨٩
    ArabicIndic,
}

/// Month names in Arabic dates: the two calendars' names the cleanup knows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MonthNames {
    /// `كانون الثاني/يناير`, as the Levantine press pairs them.
    #[default]
    Both,
    /// `يناير`
    Gregorian,
    /// `كانون الثاني`
    Levantine,
}

/// The numbering of an ordered list inside an Arabic ordered list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NestedNumbering {
    /// أ، ب، ج، د … (abjad order), as Arabic documents number sub-items.
    #[default]
    Abjad,
    /// 1، 2، 3 again.
    Decimal,
}

/// The largest `dossier.toml` read: a real one is a few kilobytes.
const MAX_CONFIG: u64 = 1 << 20;

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
    #[serde(default)]
    pub style: StyleConfig,
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
        resolve::check_globs(&config.clean)
            .map_err(|message| ConfigError { path: path.to_path_buf(), message: format!("[clean]: {message}") })?;
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
        // A regular file of sane size: `--config /dev/zero` or a FIFO must
        // not read forever. A link is followed: the user may keep one.
        // `/dev/null` is the usual way to say "no configuration".
        if path == Path::new("/dev/null") {
            return Config::parse("", path);
        }
        let bytes = match crate::files::read_bounded(path, MAX_CONFIG, true) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Err(ConfigError { path: path.to_path_buf(), message: "no such file".into() }),
            Err(why) => return Err(ConfigError { path: path.to_path_buf(), message: why.to_string() }),
        };
        let text = String::from_utf8(bytes).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            message: format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
        })?;
        Config::parse(&text, path)
    }

    /// The nearest `dossier.toml` at or above `start` (a file or folder),
    /// looking no higher than the repository's root (a folder holding `.git`).
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_dir() { start.to_path_buf() } else { start.parent().map(Path::to_path_buf).unwrap_or_default() };
        resolve::nearest(&resolve::absolute_dir(&start)).0
    }

    pub fn settings(&self) -> Result<Settings, String> {
        Settings::from_config(&self.clean)
    }
}

/// toml's message, with the line and column spelled out, the table named,
/// the offending line quoted and, for an unknown key or value, the closest
/// known one, so the error reads the same everywhere.
fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = did_you_mean(e.message().trim());
    match e.span() {
        Some(span) => {
            let at = span.start.min(text.len());
            let line = text[..at].matches('\n').count() + 1;
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let col = text[line_start..at].chars().count() + 1;
            let source_line = text[line_start..].lines().next().unwrap_or("");
            let table = text[..line_start]
                .lines()
                .rev()
                .map(str::trim)
                .find(|l| l.starts_with('['))
                .map(|l| format!(" in {}", l.split('#').next().unwrap_or(l).trim()))
                .unwrap_or_default();
            format!("line {line}, column {col}{table}: {message}\n    {line} | {source_line}")
        }
        None => message,
    }
}

/// serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown
/// variant") with the closest expected name first: "unknown key `titel`;
/// did you mean `title`? (expected one of …)".
fn did_you_mean(message: &str) -> String {
    let (what, rest) = if let Some(rest) = message.strip_prefix("unknown field ") {
        ("key", rest)
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        ("value", rest)
    } else {
        return message.to_string();
    };
    let mut quoted = rest.split('`').skip(1).step_by(2);
    let Some(given) = quoted.next() else { return message.to_string() };
    let expected: Vec<&str> = quoted.collect();
    let list = if expected.is_empty() {
        "nothing is expected here".to_string()
    } else {
        format!("expected one of {}", expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", "))
    };
    match closest(given, &expected) {
        Some(best) => format!("unknown {what} `{given}`; did you mean `{best}`? ({list})"),
        None => format!("unknown {what} `{given}` ({list})"),
    }
}

/// The candidate nearest to `given` (optimal string alignment distance,
/// so a swapped pair counts once), when near enough to be a typo.
fn closest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let given = given.to_lowercase().replace('_', "-");
    candidates
        .iter()
        .map(|c| (typo_distance(&given, &c.to_lowercase()), *c))
        .filter(|&(d, c)| d <= (c.chars().count() / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

fn typo_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
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

    #[test]
    fn unknown_keys_and_values_get_the_closest_known_one() {
        let e = Config::parse("[dossier]\ntitel = \"y\"\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("in [dossier]") && e.contains("unknown key `titel`; did you mean `title`?"), "{e}");
        let e = Config::parse("[clean]\nmonth-pair = \"keep\"\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("did you mean `month-pairs`?") && e.contains("`per-file-ignores`"), "{e}");
        let e = Config::parse("[clean]\nquotes = \"guillemet\"\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("unknown value `guillemet`; did you mean `guillemets`?"), "{e}");
        let e = Config::parse("[clean]\nzzzzzz = 1\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("unknown key `zzzzzz` (expected one of") && !e.contains("did you mean"), "{e}");
        let e = Config::parse("[clean.per-file-ignores]\n\"drafts/*\" = [\"Q01\"]\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("drafts/*") && e.contains("did you mean `Q001`?"), "{e}");
        let e = Config::parse("[clean]\nexclude = [\"a[\"]\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("exclude") && e.contains("a["), "{e}");
        let e = Config::parse("[style]\nnumerals = \"arabic\"\n", Path::new("dossier.toml")).unwrap_err().to_string();
        assert!(e.contains("unknown value `arabic`") && e.contains("`arabic-indic`"), "{e}");
    }

    #[test]
    fn style_settings_parse_with_their_defaults() {
        let c = Config::parse("[style]\nnumerals = \"arabic-indic\"\nnested-lists = \"decimal\"\n", Path::new("dossier.toml")).unwrap();
        assert_eq!(
            (c.style.numerals, c.style.months, c.style.nested_lists),
            (Numerals::ArabicIndic, MonthNames::Both, NestedNumbering::Decimal)
        );
        let c = Config::parse("", Path::new("dossier.toml")).unwrap();
        assert_eq!((c.style.numerals, c.style.nested_lists), (Numerals::Western, NestedNumbering::Abjad));
    }
}
