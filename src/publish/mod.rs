//! `dossier build`: a folder of articles to a shaped, bilingual PDF.
//!
//! The pipeline, one stage per module, run in this order by [`build`]:
//! 1. [`load`]: `dossier.toml` (optional) and its articles;
//! 2. [`prepare`]: each article read and cleaned once; `.txt` through
//!    [`import`], `.md` through its [`frontmatter`]; then its [`model`],
//!    built from pulldown-cmark events;
//! 3. [`fonts`]: every character must have a glyph in the bundled fonts
//!    (or the dossier's own fallback fonts);
//! 4. [`render`]: the model to data the Typst template reads with `json()`,
//!    never as markup, with each block's direction decided;
//! 5. [`typst`]: compiled in a fresh folder holding only what the build
//!    wrote, with the bundled fonts only;
//! 6. [`report`]: what happened to each article, in `report.json`.

pub mod discover;
pub mod fonts;
pub mod frontmatter;
pub mod import;
pub mod load;
pub mod model;
pub mod prepare;
pub mod render;
pub mod report;
pub mod typst;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Bilingual;
use fonts::{ArabicFace, Coverage};
use load::Project;
use prepare::{prepare, Prepared};
use render::{ArticleData, Bi};
use report::{ArticleReport, Report, Timing};

/// The built-in template; a dossier's own `templates/dossier.typ` wins.
pub const TEMPLATE: &str = include_str!("../../templates/dossier.typ");

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The dossier folder.
    pub dir: PathBuf,
    /// Output folder (default: `[build] out`, else `out`).
    pub out: Option<PathBuf>,
    /// The PDF's path (default: `OUT/dossier.pdf`).
    pub pdf: Option<PathBuf>,
    /// The typst binary (default: `DOSSIER_TYPST`, then PATH).
    pub typst: Option<PathBuf>,
}

/// Why a build stopped, in words a user can act on.
#[derive(Debug)]
pub struct BuildError(pub String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BuildError {}

impl From<String> for BuildError {
    fn from(s: String) -> Self {
        BuildError(s)
    }
}

#[derive(Serialize)]
struct DossierData {
    title: Bi,
    subtitle: Bi,
    editor: Option<String>,
    date: Option<String>,
    count: usize,
}

#[derive(Serialize)]
struct FontsData {
    arabic: &'static str,
    latin: &'static str,
    mono: &'static str,
    /// The dossier's own families for what the bundled fonts lack.
    fallback: Vec<String>,
}

#[derive(Serialize)]
struct Document {
    dossier: DossierData,
    /// Notes on the dossier as a whole, first in the editorial notes.
    notes: Vec<String>,
    fonts: FontsData,
    articles: Vec<ArticleData>,
    appendix: Vec<ArticleReport>,
}

/// `YYYY-MM-DD` as seconds since 1970 (midnight UTC).
pub fn unix_timestamp(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let (y, m, d): (i64, i64, i64) = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146097 + doe - 719468) * 86400)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| BuildError(format!("{}: cannot create folder: {e}", parent.display())))?;
    }
    crate::files::write_output(path, bytes).map_err(|e| BuildError(format!("{}: cannot write: {e}", path.display())))
}

/// Which article a line of the data file belongs to, to show typst's errors
/// against the article they come from.
fn article_at_line(json: &str, line: usize, articles: &[Prepared]) -> Option<String> {
    let mut current = None;
    for (n, l) in json.lines().enumerate() {
        if let Some(rest) = l.trim().strip_prefix("\"id\": \"article-") {
            current = rest.trim_end_matches(['"', ',']).parse::<usize>().ok();
        }
        if n + 1 == line {
            return current.and_then(|i| articles.get(i - 1)).map(|p| p.article.name.clone());
        }
    }
    None
}

/// Every character shown must have a glyph: one error names each one
/// that has none, with where it is in the author's files.
fn check_glyphs(project: &Project, prepared: &[Prepared], coverage: &Coverage) -> Result<(), BuildError> {
    const PLACES: usize = 20;
    let meta = &project.config.dossier;
    let shown = [&meta.title.ar, &meta.title.en, &meta.subtitle.ar, &meta.subtitle.en, &meta.editor];
    let mut all: BTreeSet<char> = shown.iter().filter_map(|s| s.as_deref()).flat_map(|s| fonts::missing(s, coverage)).collect();
    let per_article: Vec<BTreeSet<char>> = prepared.iter().map(|p| fonts::missing(&p.clean_md, coverage)).collect();
    all.extend(per_article.iter().flatten());
    if all.is_empty() {
        return Ok(());
    }
    let mut places = BTreeMap::new();
    if let Ok(toml) = std::fs::read_to_string(project.config_path()) {
        fonts::places(&project.config_path().display().to_string(), &toml, &all, PLACES, &mut places);
    }
    for (p, chars) in prepared.iter().zip(&per_article) {
        fonts::places(&p.path, &p.source, chars, PLACES, &mut places);
        // What cleanup or dossier.toml put there, not the author's file.
        let made: BTreeSet<char> = chars.iter().filter(|c| !places.contains_key(*c)).copied().collect();
        fonts::places(&format!("clean/{}", clean_name(&p.article.name)), &p.clean_md, &made, PLACES, &mut places);
    }
    Err(BuildError(fonts::missing_message(&places, coverage, &project.dir)))
}

/// Where an article's clean markdown is written, under `OUT/clean/`.
fn clean_name(name: &str) -> String {
    Path::new(name).with_extension("md").display().to_string()
}

/// The dossier's title, or its folder's name (with a note saying so).
fn dossier_title(project: &Project, notes: &mut Vec<String>) -> Bilingual {
    let title = &project.config.dossier.title;
    if !title.is_empty() {
        return title.clone();
    }
    let dir = std::fs::canonicalize(&project.dir).unwrap_or_else(|_| project.dir.clone());
    let folder = dir.file_name().map_or_else(|| "Dossier".to_string(), |n| n.to_string_lossy().into_owned());
    notes.push(format!(
        "The dossier has no title: the cover shows the folder's name, «{folder}». Give it one in dossier.toml: [dossier] title = {{ ar = \"…\", en = \"…\" }}"
    ));
    Bilingual::from_plain(&folder)
}

/// Build the dossier in `opts.dir`.
pub fn build(opts: &BuildOptions) -> Result<Report, BuildError> {
    let started = Instant::now();
    let project = Project::load(&opts.dir)?;
    let out =
        opts.out.clone().or_else(|| project.config.build.out.as_ref().map(|o| project.dir.join(o))).unwrap_or_else(|| PathBuf::from("out"));
    // Finding and version-checking typst spawns it: do that while the
    // articles are being cleaned, and remember the answer in OUT.
    let typst_path = opts.typst.clone();
    let cache = out.join(".typst-version");
    let finding = std::thread::spawn(move || {
        let _ = cache.parent().map(std::fs::create_dir_all);
        typst::find_cached(typst_path.as_deref(), &cache)
    });
    let face = ArabicFace::parse(project.config.build.font.as_deref())?;
    let pdf = opts.pdf.clone().unwrap_or_else(|| out.join("dossier.pdf"));
    let timestamp = match &project.config.dossier.date {
        Some(d) => Some(unix_timestamp(d).ok_or_else(|| {
            BuildError(format!("{}: [dossier] date = \"{d}\" is not a date like 2022-01-20", project.config_path().display()))
        })?),
        None => None,
    };

    let own_fonts = fonts::own_fonts(&project.dir)?;
    let fallback = &project.config.build.fallback;
    fonts::check_fallback(fallback, &own_fonts, &project.dir)?;
    let prepared: Result<Vec<Prepared>, BuildError> =
        project.articles.par_iter().enumerate().map(|(i, a)| prepare(a, &project, i)).collect();
    let typst = finding.join().map_err(|_| BuildError("looking for typst failed".into()))??;
    let prepared = prepared?;
    let clean_seconds = started.elapsed().as_secs_f64();
    let coverage = Coverage::new(face, &own_fonts, fallback);
    check_glyphs(&project, &prepared, &coverage)?;

    let meta = &project.config.dossier;
    let mut notes = Vec::new();
    let title = dossier_title(&project, &mut notes);
    // The families as the font files spell them (typst matches them exactly).
    let fallback_families: Vec<String> = fallback
        .iter()
        .filter_map(|want| own_fonts.iter().find(|f| f.family.eq_ignore_ascii_case(want)).map(|f| f.family.clone()))
        .collect();
    let document = Document {
        notes: notes.iter().map(|n| crate::text::runs::isolate_runs(n, render::Dir::Ltr)).collect(),
        dossier: DossierData {
            title: Bi::of(&title),
            subtitle: Bi::of(&meta.subtitle),
            editor: meta.editor.as_deref().map(render::field),
            date: meta.date.clone(),
            count: prepared.len(),
        },
        fonts: FontsData { arabic: face.family(), latin: fonts::LATIN_FAMILY, mono: fonts::MONO_FAMILY, fallback: fallback_families },
        articles: prepared.iter().enumerate().map(|(i, p)| render::article(&p.article, i)).collect(),
        appendix: prepared.iter().map(|p| render::appendix(&p.report)).collect(),
    };
    let json = serde_json::to_string_pretty(&document).map_err(|e| BuildError(format!("cannot write the data file: {e}")))?;
    let template = match std::fs::read_to_string(project.dir.join("templates/dossier.typ")) {
        Ok(own) => own,
        Err(_) => TEMPLATE.to_string(),
    };

    // What the user keeps: the clean articles, the Typst source and data.
    let clean_dir = out.join("clean");
    let _ = std::fs::remove_dir_all(&clean_dir);
    for p in &prepared {
        write(&clean_dir.join(clean_name(&p.article.name)), p.clean_md.as_bytes())?;
    }
    // The articles' images, where the template reads them.
    let _ = std::fs::remove_dir_all(out.join("images"));
    let assets: Vec<&prepare::Asset> = prepared.iter().flat_map(|p| &p.assets).collect();
    for a in &assets {
        write(&out.join(&a.name), &a.bytes)?;
    }
    write(&out.join("dossier.typ"), template.as_bytes())?;
    write(&out.join("dossier.json"), json.as_bytes())?;
    let font_dir = out.join("fonts");
    std::fs::create_dir_all(&font_dir).map_err(|e| BuildError(format!("{}: cannot create folder: {e}", font_dir.display())))?;
    // Typst runs in the sealed folder: the font path must not be relative.
    let font_dir = std::fs::canonicalize(&font_dir).map_err(|e| BuildError(format!("{}: {e}", font_dir.display())))?;
    let font_files: Vec<(&str, &[u8])> =
        fonts::FONTS.iter().map(|f| (f.name, f.data)).chain(own_fonts.iter().map(|f| (f.name.as_str(), f.data.as_slice()))).collect();
    for (name, data) in &font_files {
        let path = font_dir.join(name);
        // 5 MB of fonts: rewritten only when missing or of another size
        // (reading them back to compare would cost more than the build).
        if std::fs::metadata(&path).map_or(true, |m| m.len() != data.len() as u64) {
            write(&path, data)?;
        }
    }
    // A font left by an earlier build must not reach this one.
    for entry in std::fs::read_dir(&font_dir).map_err(|e| BuildError(format!("{}: {e}", font_dir.display())))?.flatten() {
        let name = entry.file_name();
        if !font_files.iter().any(|(n, _)| std::ffi::OsStr::new(n) == name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }

    // Compile in a fresh folder that holds only what the build wrote. Fonts
    // are read through --font-path, not the root, so they stay in OUT/fonts.
    let sealed = tempfile::Builder::new()
        .prefix("dossier-build-")
        .tempdir()
        .map_err(|e| BuildError(format!("cannot create a build folder: {e}")))?;
    let scratch = |name: &str, bytes: &[u8]| {
        std::fs::write(sealed.path().join(name), bytes).map_err(|e| BuildError(format!("cannot write the build folder: {e}")))
    };
    scratch("dossier.typ", template.as_bytes())?;
    scratch("dossier.json", json.as_bytes())?;
    if !assets.is_empty() {
        std::fs::create_dir_all(sealed.path().join("images")).map_err(|e| BuildError(format!("cannot write the build folder: {e}")))?;
    }
    for a in &assets {
        scratch(&a.name, &a.bytes)?;
    }
    let before_typst = started.elapsed().as_secs_f64();
    let sealed_pdf = sealed.path().join("dossier.pdf");
    let typst_time = typst.compile(sealed.path(), "dossier.typ", &font_dir, &sealed_pdf, timestamp).map_err(|stderr| {
        const DATA: &str = "dossier.json:";
        let located = stderr
            .find(DATA)
            .and_then(|i| stderr[i + DATA.len()..].split(':').next()?.parse::<usize>().ok())
            .and_then(|line| article_at_line(&json, line, &prepared));
        let whose = located.map(|a| format!(" (in article {a})")).unwrap_or_default();
        BuildError(format!("typst could not compile the dossier{whose}:\n{}", stderr.trim_end()))
    })?;
    let bytes = std::fs::read(&sealed_pdf).map_err(|e| BuildError(format!("typst wrote no PDF: {e}")))?;
    write(&pdf, &bytes)?;

    let total = started.elapsed().as_secs_f64();
    let typst_seconds = typst_time.as_secs_f64();
    let report = Report {
        pdf: pdf.display().to_string(),
        typst: typst.version.clone(),
        notes,
        articles: prepared.iter().map(|p| p.report.clone()).collect(),
        timing: Timing {
            total_seconds: total,
            typst_seconds,
            dossier_seconds: total - typst_seconds,
            clean_seconds,
            before_typst_seconds: before_typst,
        },
    };
    let report_json = serde_json::to_string_pretty(&report).map_err(|e| BuildError(e.to_string()))?;
    write(&out.join("report.json"), report_json.as_bytes())?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(unix_timestamp("1970-01-01"), Some(0));
        assert_eq!(unix_timestamp("2022-01-20"), Some(1_642_636_800));
        assert_eq!(unix_timestamp("2022-13-01"), None);
        assert_eq!(unix_timestamp("yesterday"), None);
    }
}
