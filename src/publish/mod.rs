//! `dossier build`: a folder of articles to a shaped, bilingual PDF.
//!
//! The pipeline, one stage per module, run in this order by [`build`]:
//! 1. [`load`]: `dossier.toml` (optional) and its articles; then the build's
//!    plan (where it writes, typst's time, the fonts), settled once;
//! 2. [`prepare`]: each article read and cleaned once; `.txt` through
//!    [`import`], `.md` through its [`frontmatter`]; then its [`model`],
//!    built from pulldown-cmark events, in the parse that also checks what
//!    a build cannot lay out (a clean article is parsed twice: to clean, to
//!    lay out);
//! 3. [`fonts`]: every character must have a glyph in the bundled fonts
//!    (or the dossier's own fallback fonts);
//! 4. [`render`]: the model to data the Typst template reads with `json()`,
//!    never as markup, with each block's direction decided;
//! 5. [`typst`]: compiled in a fresh private folder holding only what the
//!    build wrote, with the bundled fonts only, within a time limit;
//! 6. [`report`]: what happened to each article, in `report.json`.
//!
//! A dossier may come from someone else: [`load`] reads only inside its
//! folder, [`output`] writes only where the user asked and only over files
//! dossier wrote, [`links`] keeps PDF links to web and mail addresses, and
//! [`interrupt`] cleans up after Ctrl-C.

pub mod discover;
pub mod fonts;
pub mod frontmatter;
/// The pasted-text importer, now in [`crate::import`] beside the page and
/// document importers.
pub use crate::import::text as import;
pub mod interrupt;
pub mod links;
pub mod load;
pub mod model;
pub mod output;
pub mod pairs;
pub mod preflight;
pub mod prepare;
pub mod progress;
pub mod render;
pub mod report;
pub mod typst;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Bilingual, Parallel};
use fonts::{ArabicFace, Coverage};
use load::Project;
use prepare::{prepare, Prepared};
use render::{ArticleData, Bi};
use report::{ArticleReport, PairReport, Report, Timing};

/// The built-in template; a dossier's own `templates/dossier.typ` wins.
pub const TEMPLATE: &str = include_str!("../../templates/dossier.typ");

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The dossier folder.
    pub dir: PathBuf,
    /// Output folder (default: `[build] out`, else `DIR/out`).
    pub out: Option<PathBuf>,
    /// The PDF's path (default: `OUT/dossier.pdf`).
    pub pdf: Option<PathBuf>,
    /// The typst binary (default: `DOSSIER_TYPST`, then PATH).
    pub typst: Option<PathBuf>,
    /// How long typst may run (default: `[build] timeout`, else
    /// [`DEFAULT_TIMEOUT`]).
    pub timeout: Option<Duration>,
    /// `pdf` may be a symbolic link, written through.
    pub follow_symlinks: bool,
    /// Show how far a long build is (see [`progress`]): for a terminal.
    pub progress: bool,
}

/// How long typst may run unless told otherwise: generous, since the seeds
/// take seconds, but finite.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

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
    /// The cover's logo, as copied into the build folder.
    logo: Option<String>,
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
    style: render::StyleData,
    articles: Vec<ArticleData>,
    appendix: Vec<ArticleReport>,
}

/// `YYYY-MM-DD` (year 1 to 9999) as seconds since 1970 (midnight UTC),
/// negative before 1970.
pub fn unix_timestamp(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let (y, m, d): (i64, i64, i64) = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
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

/// The data file: indented down to each block, and each block on one line.
/// Indenting all the way would make a deeply nested block's file grow with
/// the square of its depth; one line per block keeps it a small multiple
/// of the articles, still readable, and typst's line numbers still lead to
/// the article.
fn data_json(document: &Document) -> Result<String, BuildError> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, json::Shallow::new(4));
    document.serialize(&mut ser).map_err(|e| BuildError(format!("cannot write the data file: {e}")))?;
    String::from_utf8(out).map_err(|e| BuildError(format!("cannot write the data file: {e}")))
}

mod json {
    //! A JSON formatter pretty down to a depth, compact below it.
    use std::io::{self, Write};

    use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

    pub struct Shallow {
        pretty: PrettyFormatter<'static>,
        depth: usize,
        max: usize,
    }

    impl Shallow {
        pub fn new(max: usize) -> Shallow {
            Shallow { pretty: PrettyFormatter::with_indent(b"  "), depth: 0, max }
        }
        fn deep(&self) -> bool {
            self.depth > self.max
        }
    }

    macro_rules! either {
        ($self:ident, $method:ident($($arg:expr),*)) => {
            if $self.deep() { CompactFormatter.$method($($arg),*) } else { $self.pretty.$method($($arg),*) }
        };
    }

    impl Formatter for Shallow {
        fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.depth += 1;
            either!(self, begin_array(w))
        }
        fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            let r = either!(self, end_array(w));
            self.depth -= 1;
            r
        }
        fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
            either!(self, begin_array_value(w, first))
        }
        fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            either!(self, end_array_value(w))
        }
        fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.depth += 1;
            either!(self, begin_object(w))
        }
        fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            let r = either!(self, end_object(w));
            self.depth -= 1;
            r
        }
        fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
            either!(self, begin_object_key(w, first))
        }
        fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            either!(self, begin_object_value(w))
        }
        fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            either!(self, end_object_value(w))
        }
    }
}

/// Every character shown must have a glyph: one error names each one
/// that has none, with where it is in the author's files.
fn check_glyphs(project: &Project, prepared: &[Prepared], coverage: &Coverage) -> Result<(), BuildError> {
    const PLACES: usize = 20;
    let (mut all, per_article) = missing_glyphs(project, prepared, coverage);
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
        fonts::places(&p.report.clean, &p.clean_md, &made, PLACES, &mut places);
    }
    Err(BuildError(fonts::missing_message(&places, coverage, &project.dir)))
}

/// The characters no font of the build draws: in what `dossier.toml` shows
/// (its title, subtitle, editor), and in each article as cleaned.
fn missing_glyphs<'a>(
    project: &Project,
    prepared: impl IntoIterator<Item = &'a Prepared>,
    coverage: &Coverage,
) -> (BTreeSet<char>, Vec<BTreeSet<char>>) {
    let meta = &project.config.dossier;
    let shown = [&meta.title.ar, &meta.title.en, &meta.subtitle.ar, &meta.subtitle.en, &meta.editor];
    let in_config = shown.iter().filter_map(|s| s.as_deref()).flat_map(|s| fonts::missing(s, coverage)).collect();
    (in_config, prepared.into_iter().map(|p| fonts::missing(&p.clean_md, coverage)).collect())
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

/// The name of the private folders typst compiles in.
const SEALED_PREFIX: &str = "dossier-build-";

/// Where the output folder remembers typst's version.
const TYPST_CACHE: &str = ".typst-version";

/// Build the dossier in `opts.dir`: load it, settle the plan, prepare each
/// article once (read, clean, parse, model), check its glyphs, render the
/// data file, write the outputs, compile with typst, and report.
pub fn build(opts: &BuildOptions) -> Result<Report, BuildError> {
    let started = Instant::now();
    let project = Project::load(&opts.dir)?;
    project.require_articles()?;
    let plan = Plan::settle(opts, &project)?;
    let mut out = plan.claim_outputs(&project)?;
    // Finding typst (and checking its version) spawns it: done while the
    // articles are prepared.
    let finding = plan.find_typst(opts, &out);
    let progress = progress::Progress::new(opts.progress, project.articles.len());
    let prepared = prepare_articles(&project, &progress);
    let typst = plan.found_typst(finding, &mut out)?;
    let prepared = prepared?;
    let clean_seconds = started.elapsed().as_secs_f64();
    check_glyphs(&project, &prepared, &Coverage::new(plan.face, &plan.own_fonts, &plan.fallback))?;
    let (document, notes, pairs) = plan.document(&project, &prepared);
    let json = data_json(&document)?;
    let template = project.template.as_deref().unwrap_or(TEMPLATE);
    let assets: Vec<&prepare::Asset> = prepared.iter().flat_map(|p| &p.assets).chain(&plan.logo).collect();
    plan.write_outputs(&mut out, &prepared, &assets, template, &json)?;
    let sealed = plan.seal(&assets, template, &json)?;
    let before_typst = started.elapsed().as_secs_f64();
    progress.compiling();
    let compiled = plan.compile(sealed, &typst, &project, &prepared, &assets, &json);
    progress.done();
    let (pdf, typst_time) = compiled?;
    let pdf_shown = plan.write_pdf(&mut out, &pdf)?;

    let total = started.elapsed().as_secs_f64();
    let typst_seconds = typst_time.as_secs_f64();
    let report = Report {
        pdf: pdf_shown.display().to_string(),
        report_path: out.shown("report.json").display().to_string(),
        typst: typst.version.clone(),
        notes,
        unlisted: project.unlisted.clone(),
        articles: prepared.iter().map(|p| p.report.clone()).collect(),
        pairs,
        timing: Timing {
            total_seconds: total,
            typst_seconds,
            dossier_seconds: total - typst_seconds,
            clean_seconds,
            before_typst_seconds: before_typst,
        },
    };
    let report_json = serde_json::to_string_pretty(&report).map_err(|e| BuildError(e.to_string()))?;
    out.write("report.json", report_json.as_bytes())?;
    out.finish()?;
    Ok(report)
}

/// Every article prepared, side by side. With `DOSSIER_TEST_COUNTS` set,
/// says on stderr how many times each was parsed as markdown (a test holds
/// the build to its one parse to clean and one to lay out).
fn prepare_articles(project: &Project, progress: &progress::Progress) -> Result<Vec<Prepared>, BuildError> {
    let prepared: Vec<Prepared> = project
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let p = prepare(a, project, i);
            progress.article_prepared();
            p
        })
        .collect::<Result<_, _>>()?;
    if std::env::var_os("DOSSIER_TEST_COUNTS").is_some() {
        for p in &prepared {
            eprintln!("dossier-test: {} parsed as markdown {} times", p.path, p.parses);
        }
    }
    Ok(prepared)
}

/// What a build decides from its options and `dossier.toml`, settled once
/// before any article is read: where it writes, how long typst may run,
/// and the fonts it sets with.
struct Plan {
    out_dir: PathBuf,
    /// `-o`, checked: the PDF goes there rather than into the output folder.
    pdf_target: Option<crate::files::Target>,
    timeout: Duration,
    face: ArabicFace,
    /// `[dossier] date`, as typst's timestamp.
    timestamp: Option<i64>,
    /// The dossier's own fonts (from inside its folder), for what the
    /// bundled ones lack.
    own_fonts: Vec<fonts::OwnFont>,
    /// `[build] fallback`, as the font files spell the families (typst
    /// matches them exactly).
    fallback: Vec<String>,
    /// `[dossier] logo`, checked as an article's image is.
    logo: Option<prepare::Asset>,
}

impl Plan {
    fn settle(opts: &BuildOptions, project: &Project) -> Result<Plan, BuildError> {
        let out_dir = match (&opts.out, &project.config.build.out) {
            (Some(out), _) => out.clone(),
            // The dossier's own choice stays inside its folder, like its reads.
            (None, Some(own)) => {
                load::writable_inside(project, own, "[build] out")?;
                project.dir.join(own)
            }
            // Beside the articles, as a reader of the dossier expects; the
            // walk skips it once built (see `files::walk::is_build_output`),
            // and `OutDir::open` refuses it if it holds an input.
            (None, None) => project.dir.join("out"),
        };
        let timeout = opts.timeout.or(project.config.build.timeout.map(Duration::from_secs_f64)).unwrap_or(DEFAULT_TIMEOUT);
        let face = ArabicFace::parse(project.config.build.font.as_deref())?;
        let timestamp = match &project.config.dossier.date {
            Some(d) => Some(unix_timestamp(d).ok_or_else(|| {
                BuildError(format!("{}: [dossier] date = \"{d}\" is not a date like 2022-01-20", project.config_path().display()))
            })?),
            None => None,
        };
        let pdf_target = match &opts.pdf {
            Some(file) => {
                let inputs: Vec<&Path> = project.inputs.iter().map(PathBuf::as_path).collect();
                Some(crate::files::Target::check(file, &inputs, opts.follow_symlinks, "-o").map_err(BuildError)?)
            }
            None => None,
        };
        let own_fonts = fonts::own_fonts(&project.dir, &project.root)?;
        let fallback = fonts::check_fallback(&project.config.build.fallback, &own_fonts, &project.dir)?;
        let logo = project.config.dossier.logo.as_deref().map(|path| prepare::logo(&project.dir, path)).transpose()?;
        Ok(Plan { out_dir, pdf_target, timeout, face, timestamp, own_fonts, fallback, logo })
    }

    /// Every font the output folder keeps, and whether typst is given it:
    /// typst reads every font it is given, and of the bundled ones only
    /// those typesetting may use are needed.
    fn font_files(&self) -> impl Iterator<Item = (String, &[u8], bool)> {
        let bundled = fonts::FONTS.iter().map(|f| (f.name, f.data, self.face.uses(f.name)));
        let own = self.own_fonts.iter().map(|f| (f.name.as_str(), f.data.as_slice(), true));
        bundled.chain(own).map(|(name, data, given)| (format!("fonts/{name}"), data, given))
    }

    /// Everything this build writes, claimed before anything is written.
    fn claim_outputs(&self, project: &Project) -> Result<output::OutDir, BuildError> {
        let mut out = output::OutDir::open(&self.out_dir, project)?;
        let clean_files: Vec<String> = project.articles.iter().map(|a| format!("clean/{}", a.clean_name)).collect();
        let font_files: Vec<String> = self.font_files().map(|(rel, ..)| rel).collect();
        let mut claims: Vec<&str> = vec![TYPST_CACHE, "dossier.typ", "dossier.json", "report.json"];
        if self.pdf_target.is_none() {
            claims.push("dossier.pdf");
        } else {
            out.keep("dossier.pdf");
        }
        claims.extend(clean_files.iter().map(String::as_str));
        claims.extend(font_files.iter().map(String::as_str));
        out.claim(claims)?;
        Ok(out)
    }

    /// Look for typst on a thread of its own, with the version the output
    /// folder remembers. Only a regular file is read back (a FIFO there
    /// would block).
    fn find_typst(
        &self,
        opts: &BuildOptions,
        out: &output::OutDir,
    ) -> std::thread::JoinHandle<Result<(typst::Typst, Option<String>), String>> {
        let (explicit, timeout) = (opts.typst.clone(), self.timeout);
        let cache_path = out.path().join(TYPST_CACHE);
        let saved =
            std::fs::symlink_metadata(&cache_path).ok().filter(|m| m.is_file()).and_then(|_| std::fs::read_to_string(&cache_path).ok());
        std::thread::spawn(move || typst::find_cached(explicit.as_deref(), saved.as_deref(), timeout))
    }

    /// The typst [`Plan::find_typst`] found; a new version is remembered.
    fn found_typst(
        &self,
        finding: std::thread::JoinHandle<Result<(typst::Typst, Option<String>), String>>,
        out: &mut output::OutDir,
    ) -> Result<typst::Typst, BuildError> {
        let (typst, cache) = finding.join().map_err(|_| BuildError("looking for typst failed".into()))??;
        if let Some(cache) = cache {
            out.write(TYPST_CACHE, cache.as_bytes())?;
        }
        Ok(typst)
    }

    /// The data the template reads: the dossier, its notes, fonts and
    /// rendered articles. Also returns the notes and the pairs, for the
    /// report.
    fn document(&self, project: &Project, prepared: &[Prepared]) -> (Document, Vec<String>, Vec<PairReport>) {
        let meta = &project.config.dossier;
        let mut notes = Vec::new();
        let title = dossier_title(project, &mut notes);
        let (articles, pairs) = paired_articles(project, prepared, &mut notes);
        for name in &project.unlisted {
            notes.push(format!(
                "{name} is in the folder but not listed in dossier.toml, so it was left out: add an [[article]] entry to include it"
            ));
        }
        let document = Document {
            notes: notes.iter().map(|n| crate::text::runs::isolate_runs(n, render::Dir::Ltr)).collect(),
            dossier: DossierData {
                title: Bi::of(&title),
                subtitle: Bi::of(&meta.subtitle),
                editor: meta.editor.as_deref().map(render::field),
                date: meta.date.clone(),
                count: articles.len(),
                logo: self.logo.as_ref().map(|l| l.name.clone()),
            },
            fonts: FontsData {
                arabic: self.face.family(),
                latin: fonts::LATIN_FAMILY,
                mono: fonts::MONO_FAMILY,
                fallback: self.fallback.clone(),
            },
            style: render::style(self.face, &project.config.style),
            articles,
            appendix: prepared.iter().map(|p| render::appendix(&p.report)).collect(),
        };
        (document, notes, pairs)
    }

    /// What the user keeps: the clean articles, their images (claimed now
    /// that they are known), the Typst source, its data and fonts.
    fn write_outputs(
        &self,
        out: &mut output::OutDir,
        prepared: &[Prepared],
        assets: &[&prepare::Asset],
        template: &str,
        json: &str,
    ) -> Result<(), BuildError> {
        out.claim(assets.iter().map(|a| a.name.as_str()))?;
        for p in prepared {
            out.write(&p.report.clean, p.clean_md.as_bytes())?;
        }
        for a in assets {
            out.write(&a.name, &a.bytes)?;
        }
        out.write("dossier.typ", template.as_bytes())?;
        out.write("dossier.json", json.as_bytes())?;
        for (rel, data, _) in self.font_files() {
            // 5 MB of fonts: rewritten only when missing or of another size
            // (reading them back to compare would cost more than the build).
            if !out.has(&rel, data.len() as u64) {
                out.write(&rel, data)?;
            }
        }
        Ok(())
    }

    /// A fresh private folder for typst that holds only what the build
    /// wrote, removed on every way out (Ctrl-C too): the template, the data,
    /// the images, and the fonts, written there from memory so that no font
    /// left in OUT/fonts (by an earlier build, or by anyone) reaches this
    /// one.
    fn seal(&self, assets: &[&prepare::Asset], template: &str, json: &str) -> Result<interrupt::TempDir, BuildError> {
        interrupt::remove_stale(SEALED_PREFIX);
        let sealed = interrupt::TempDir::new(SEALED_PREFIX).map_err(|e| BuildError(format!("cannot create a build folder: {e}")))?;
        let scratch = |name: &str, bytes: &[u8]| {
            let path = sealed.path().join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| BuildError(format!("cannot write the build folder: {e}")))?;
            }
            std::fs::write(path, bytes).map_err(|e| BuildError(format!("cannot write the build folder: {e}")))
        };
        scratch("dossier.typ", template.as_bytes())?;
        scratch("dossier.json", json.as_bytes())?;
        for a in assets {
            scratch(&a.name, &a.bytes)?;
        }
        for (rel, data, given) in self.font_files() {
            if given {
                scratch(&rel, data)?;
            }
        }
        Ok(sealed)
    }

    /// Compile in the sealed folder; returns the PDF and how long typst took.
    fn compile(
        &self,
        sealed: interrupt::TempDir,
        typst: &typst::Typst,
        project: &Project,
        prepared: &[Prepared],
        assets: &[&prepare::Asset],
        json: &str,
    ) -> Result<(Vec<u8>, Duration), BuildError> {
        let sealed_pdf = sealed.path().join("dossier.pdf");
        // The built-in template meets PDF/UA-1 (accessible: tagged, headings
        // in order, alternative text, a title and a language); a dossier's
        // own template is its author's to check.
        let ua = project.template.is_none().then_some("ua-1");
        let took = typst
            .compile(sealed.path(), "dossier.typ", &sealed.path().join("fonts"), &sealed_pdf, self.timestamp, self.timeout, ua)
            .map_err(|e| compile_error(e, project, prepared, assets, json))?;
        let pdf = std::fs::read(&sealed_pdf).map_err(|e| BuildError(format!("typst wrote no PDF: {e}")))?;
        Ok((pdf, took))
    }

    /// Write the PDF where it goes; returns its path as the user named it.
    fn write_pdf(&self, out: &mut output::OutDir, pdf: &[u8]) -> Result<PathBuf, BuildError> {
        match &self.pdf_target {
            Some(target) => {
                target.write(pdf).map_err(BuildError)?;
                Ok(target.shown.clone())
            }
            None => {
                out.write("dossier.pdf", pdf)?;
                Ok(out.shown("dossier.pdf"))
            }
        }
    }
}

/// The articles set beside their translation, as (Arabic, English)
/// indexes into `articles` (see [`pairs`]) and how the two are set, unless
/// `parallel = "off"`; what cannot be paired is noted.
fn partners(project: &Project, articles: &[&model::Article], notes: &mut Vec<String>) -> Vec<(usize, usize, Parallel)> {
    let named: Vec<pairs::Named> = articles
        .iter()
        .map(|a| pairs::Named { name: &a.name, translation: a.meta.translation.as_deref().and_then(Path::to_str) })
        .collect();
    let (found, unnamed) = pairs::pair_articles(&named);
    notes.extend(unnamed);
    let mut out = Vec::new();
    for (i, j) in found {
        let (a, b) = (articles[i], articles[j]);
        let mode = a.meta.parallel.or(b.meta.parallel).or(project.config.build.parallel).unwrap_or_default();
        if mode == Parallel::Off {
            continue;
        }
        if (a.lang == crate::config::Lang::Ar) == (b.lang == crate::config::Lang::Ar) {
            notes.push(format!(
                "{} and {} are paired but are in the same language; each is set on its own (give one `lang` in its front matter)",
                a.name, b.name
            ));
            continue;
        }
        out.push(if a.lang == crate::config::Lang::Ar { (i, j, mode) } else { (j, i, mode) });
    }
    out
}

/// An article's blocks as [`pairs::align`] sees them.
fn side(x: &model::Article) -> pairs::Side {
    pairs::Side {
        headings: x.blocks.iter().map(|b| matches!(b, model::Block::Heading { .. })).collect(),
        lines: x.lines.clone(),
        marks: x.marks.clone(),
    }
}

/// Each article rendered, an article and its translation as one (see
/// [`partners`]), and the pairs; what fell out of step is noted.
fn paired_articles(project: &Project, prepared: &[Prepared], notes: &mut Vec<String>) -> (Vec<ArticleData>, Vec<PairReport>) {
    let articles: Vec<&model::Article> = prepared.iter().map(|p| &p.article).collect();
    let mut partner: Vec<Option<(usize, Parallel)>> = vec![None; prepared.len()];
    for (ar, en, mode) in partners(project, &articles, notes) {
        partner[ar] = Some((en, mode));
        partner[en] = Some((ar, mode));
    }
    let (mut out, mut pairs) = (Vec::new(), Vec::new());
    for (i, p) in prepared.iter().enumerate() {
        match partner[i] {
            None => out.push(render::article(&p.article, i)),
            Some((j, _)) if j < i => {}
            Some((j, mode)) => {
                let (ar, en) = if p.article.lang == crate::config::Lang::Ar { (i, j) } else { (j, i) };
                let (a, b) = (&prepared[ar].article, &prepared[en].article);
                let (rows, mismatches) = pairs::align(&side(a), &side(b));
                notes.extend(mismatches.iter().map(|m| m.message(&a.name, &b.name)));
                let mut first = render::article(a, ar);
                let second = render::article(b, en);
                // One entry, with both titles: each from its own article.
                first.title = Bi {
                    ar: first.title.ar.clone().or_else(|| second.title.ar.clone()),
                    en: second.title.en.clone().or_else(|| first.title.en.clone()),
                };
                out.push(render::parallel(first, second, &rows, mode));
                pairs.push(PairReport { article: a.name.clone(), translation: b.name.clone(), layout: mode });
            }
        }
    }
    (out, pairs)
}

/// Where each pair of an article and its translation falls out of step:
/// (Arabic, English) indexes into `articles`, and the place.
pub(crate) fn mismatches(project: &Project, articles: &[&model::Article]) -> Vec<(usize, usize, pairs::Mismatch)> {
    let mut ignored = Vec::new();
    partners(project, articles, &mut ignored)
        .into_iter()
        .flat_map(|(ar, en, _)| pairs::align(&side(articles[ar]), &side(articles[en])).1.into_iter().map(move |m| (ar, en, m)))
        .collect()
}

/// Why typst failed, told against the user's own files: the article a line
/// of the data file belongs to, their template, the image typst could not
/// draw.
fn compile_error(e: typst::CompileError, project: &Project, prepared: &[Prepared], assets: &[&prepare::Asset], json: &str) -> BuildError {
    match e {
        typst::CompileError::Spawn(e) => BuildError(e),
        typst::CompileError::OutOfMemory(limit) => BuildError(format!(
            "typst needed more than the {} GiB of memory dossier lets it use, and stopped; look for a very large image \
             or an enormous unbroken word in the articles",
            limit >> 30
        )),
        typst::CompileError::TimedOut(t) => BuildError(format!(
            "typst did not finish within {} s and was stopped; raise the limit with --timeout SECONDS (or [build] timeout in dossier.toml)",
            t.as_secs_f64()
        )),
        typst::CompileError::Failed(stderr) => {
            const DATA: &str = "dossier.json:";
            let located = stderr
                .find(DATA)
                .and_then(|i| stderr[i + DATA.len()..].split(':').next()?.parse::<usize>().ok())
                .and_then(|line| article_at_line(json, line, prepared));
            let whose = located.map(|a| format!(" (in article {a})")).unwrap_or_default();
            // typst names the sealed copy; the user knows their own file.
            let stderr = match project.template {
                Some(_) => stderr.replace(" dossier.typ:", &format!(" {}:", project.dir.join(load::TEMPLATE_PATH).display())),
                None => stderr,
            };
            // typst names the copy of an image, or only the template's line;
            // the user knows the article's image.
            if stderr.contains("decode image") || stderr.contains("load image") {
                let named: Vec<&&prepare::Asset> = assets.iter().filter(|a| stderr.contains(a.name.as_str())).collect();
                let suspects: Vec<&&prepare::Asset> = if named.is_empty() { assets.iter().collect() } else { named };
                let which = match suspects.as_slice() {
                    [one] => format!("{}: typst could not draw this image", one.origin),
                    many => format!(
                        "typst could not draw one of these images:\n{}",
                        many.iter().take(20).map(|a| format!("  {}", a.origin)).collect::<Vec<_>>().join("\n")
                    ),
                };
                return BuildError(format!(
                    "{which} (damaged, or not what its name says); save it again or convert it:\n{}",
                    stderr.trim_end()
                ));
            }
            if typst::is_package_refusal(&stderr) {
                return BuildError(format!(
                    "the template imports a Typst package; dossier runs typst with packages turned off and no network, \
                     so builds are reproducible and a contributed template cannot reach out: put the package's files \
                     in templates/ and import them by path\n{}",
                    stderr.trim_end()
                ));
            }
            BuildError(format!("typst could not compile the dossier{whose}:\n{}", stderr.trim_end()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(unix_timestamp("1970-01-01"), Some(0));
        assert_eq!(unix_timestamp("2022-01-20"), Some(1_642_636_800));
        assert_eq!(unix_timestamp("1969-07-20"), Some(-14_256_000));
        assert_eq!(unix_timestamp("2022-13-01"), None);
        assert_eq!(unix_timestamp("0000-01-01"), None);
        assert_eq!(unix_timestamp("yesterday"), None);
    }
}
