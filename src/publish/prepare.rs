//! Prepare: read an article, clean it once, import pasted text or read its
//! front matter, and build its model. The clean markdown it makes is what
//! `out/clean/NAME.md` and `dossier import` write, so both pass `dossier check`.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Tag, TagEnd};

use super::frontmatter;
use super::import::{self, ImportReport};
use super::links::{is_linkable, unlinkable};
use super::load::{ArticleSource, Project};
use super::model::{self, Article, Block};
use super::render::Dir;
use super::report::{count_fixes, ArticleReport, Left, UndrawnAt};
use super::BuildError;
use crate::clean::registry::lookup;
use crate::clean::{self, Diagnostic, FixMode, Format, RuleCode, Settings};
use crate::config::{ArticleMeta, Bilingual, Lang};
use crate::text::features::is_arabic;
use crate::text::locate::Locator;

/// An article after clean and structure.
pub struct Prepared {
    pub article: Article,
    pub clean_md: String,
    pub report: ArticleReport,
    /// The article's images, to copy into the build folder.
    pub assets: Vec<Asset>,
    /// The author's file as read, and its path as given, for messages that
    /// point into it.
    pub source: String,
    pub path: String,
    /// How many times preparing it parsed markdown (see
    /// [`markdown_parses`](crate::files::format::markdown_parses)): once to
    /// clean, once to lay out. Counted on the thread that prepared it, so
    /// exact for an article too small for cleanup to split across threads.
    pub parses: usize,
}

/// An article as clean markdown with front matter, and what cleanup did.
pub struct CleanArticle {
    pub meta: ArticleMeta,
    /// Front matter and body, settled: `dossier check` accepts it.
    pub markdown: String,
    pub applied: BTreeMap<RuleCode, usize>,
    /// Findings left for a person (positions in `markdown`).
    pub remaining: Vec<Diagnostic>,
    pub import: ImportReport,
    /// What an editor should know that is no finding (front matter fields
    /// left out).
    pub notes: Vec<String>,
}

/// Clean `text` and make it an article file: pasted text (`.txt`) through
/// import, markdown through its front matter (`meta`, from dossier.toml,
/// wins over it). `name` is for error messages.
pub fn clean_article(
    name: &str,
    text: &str,
    format: Format,
    meta: &ArticleMeta,
    furniture: &[String],
    settings: &Settings,
) -> Result<CleanArticle, Refusal> {
    let refused = |line: Option<usize>, reason: String| Refusal::At { file: name.to_string(), line, reason };
    let not_converged = |e: clean::NotConverged| refused(None, e.to_string());
    let write = |meta: &ArticleMeta, body: &str| frontmatter::write(meta, body).map_err(|e| refused(None, e));
    // The article as markdown with its front matter, and what cleaning the
    // pasted text applied on the way.
    let mut notes = Vec::new();
    let (meta, draft, import_report, mut applied) = match format {
        Format::Text => {
            let fixed = clean::fix(text, format, settings, FixMode::Safe).map_err(not_converged)?;
            let imported = import::import(&fixed.text, meta, furniture);
            let draft = write(&imported.meta, &imported.markdown)?;
            (imported.meta, draft, imported.report, fixed.applied)
        }
        // Cleanup leaves front matter as it is (it is not prose), so it is
        // read and written first, and the markdown is cleaned once.
        Format::Markdown => {
            let (front, body) = frontmatter::split(text);
            let (front_meta, others) = match front {
                Some(front) => frontmatter::parse(&front).map_err(|e| {
                    if e.syntax {
                        let hint =
                            "quote values that hold `: ` (`dossier check` shows where; `dossier fix` quotes one where that cures it)";
                        Refusal::Reported(refused(Some(e.line), format!("front matter does not parse: {}; {hint}", e.reason)).to_string())
                    } else {
                        refused(Some(e.line), format!("front matter: {}", e.reason))
                    }
                })?,
                None => (ArticleMeta::default(), Vec::new()),
            };
            let meta = meta.or(&front_meta);
            let draft = write(&meta, body)?;
            if !others.is_empty() {
                let fields = others.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
                notes.push(format!("{name}: front matter {fields} (another tool's, not dossier's) left out"));
            }
            (meta, draft, ImportReport::default(), BTreeMap::new())
        }
    };
    // Settled as markdown, with the markup and front matter import added,
    // so what is written passes `dossier check` (cheap for pasted text: its
    // prose is already clean).
    let settled = clean::fix(&draft, Format::Markdown, settings, FixMode::Safe).map_err(not_converged)?;
    for (code, n) in &settled.applied {
        *applied.entry(*code).or_insert(0) += n;
    }
    Ok(CleanArticle { meta, markdown: settled.text, applied, remaining: settled.remaining, import: import_report, notes })
}

/// Where each line of `clean` (1-based) came from in `source`: lines the
/// cleanup left alone map exactly, changed lines to the line they replace
/// (cleanup joins blank lines and edits within lines; it moves nothing).
fn line_map(source: &str, clean: &str) -> Vec<usize> {
    let diff = similar::TextDiff::configure().timeout(std::time::Duration::from_millis(200)).diff_lines(source, clean);
    let mut map = Vec::new();
    for op in diff.ops() {
        let (_, old, new) = op.as_tag_tuple();
        for i in 0..new.len() {
            map.push(old.start + i.min(old.len().saturating_sub(1)) + 1);
        }
    }
    map
}

/// Lines of the clean markdown's body told as lines of the author's file.
struct SourceLines {
    map: Vec<usize>,
    /// 1-based line where each body starts.
    source_body: usize,
}

impl SourceLines {
    fn new(source: &str, format: Format, clean_body: &str) -> SourceLines {
        let (source_body, body) = match format {
            Format::Markdown => (frontmatter::body_line(source), frontmatter::split(source).1),
            Format::Text => (1, source),
        };
        SourceLines { map: line_map(body, clean_body), source_body }
    }

    /// The author's line for line `n` (1-based) of the clean body.
    fn line(&self, n: usize) -> usize {
        let within = self.map.get(n.saturating_sub(1)).copied().or_else(|| self.map.last().copied()).unwrap_or(1);
        self.source_body + within - 1
    }
}

/// Quotes and lists nested deeper than this are refused: the layout
/// recurses at each level, and Typst gives up on content nested about 16
/// deep ("maybe there are too deeply nested elements"); no article needs
/// more than a few.
pub const MAX_NESTING: usize = 12;

/// The longest unbroken run of text a build sets: no word is longer, and
/// typst sets a line with no break opportunity at great cost (a 160 KB run
/// took 10 s and 1.6 GB) or not at all (its PDF writer panicked on an
/// Arabic word of 33,000 letters).
pub const MAX_RUN: usize = 1000;

/// What a build refuses to lay out: quotes and lists nested more than
/// [`MAX_NESTING`] deep, and runs longer than [`MAX_RUN`] without a space,
/// `/` or `-` to break at. Shown each event of the parse the model is built
/// from ([`model::blocks_checked`]), so nothing after it (render, the data
/// file, typst) meets either; the error names the line in the author's file.
/// Why one article stops the build.
#[derive(Debug)]
pub enum Refusal {
    /// The file cannot be read as text (`check` reports that on its own).
    Unreadable(String),
    /// What a rule of `check` reports in the text itself (front matter
    /// that does not parse: M002).
    Reported(String),
    /// Its text stops the build: at a line of the author's file, when the
    /// cause has one (`check` reports it there as M009).
    At { file: String, line: Option<usize>, reason: String },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unreadable(why) | Refusal::Reported(why) => f.write_str(why),
            Refusal::At { file, line: Some(line), reason } => write!(f, "{file}:{line}: {reason}"),
            Refusal::At { file, line: None, reason } => write!(f, "{file}: {reason}"),
        }
    }
}

impl From<Refusal> for BuildError {
    fn from(r: Refusal) -> BuildError {
        BuildError(r.to_string())
    }
}

impl From<Refusal> for String {
    fn from(r: Refusal) -> String {
        r.to_string()
    }
}

struct Bounds<'a> {
    name: &'a str,
    body: &'a str,
    lines: &'a SourceLines,
    depth: usize,
}

impl Bounds<'_> {
    fn check(&mut self, event: &Event, range: &Range<usize>) -> Result<(), Refusal> {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                self.depth += 1;
                if self.depth > MAX_NESTING {
                    let (line, shown) = self.at(range.start);
                    return Err(self.refused(
                        line,
                        format!(
                            "quotes and lists nested more than {MAX_NESTING} deep (`{shown}`); \
                             a dossier lays out at most {MAX_NESTING} levels: flatten the nesting"
                        ),
                    ));
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => self.depth = self.depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => {
                if let Some(run) = longest_run(text).filter(|n| *n > MAX_RUN) {
                    let (line, shown) = self.at(range.start);
                    return Err(self.refused(
                        line,
                        format!(
                            "a run of {run} characters with no space (`{shown}`); no line can hold it \
                             (a dossier sets runs of at most {MAX_RUN}): break it with spaces, or shorten it"
                        ),
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn refused(&self, line: usize, reason: String) -> Refusal {
        Refusal::At { file: self.name.to_string(), line: Some(line), reason }
    }

    /// The author's line of `offset` in the body, and the start of its text.
    fn at(&self, offset: usize) -> (usize, String) {
        let body_line = self.body[..offset].matches('\n').count() + 1;
        let text = self.body[offset..].lines().next().unwrap_or("");
        let mut shown: String = text.chars().take(40).collect();
        if shown.len() < text.len() {
            shown.push('…');
        }
        (self.lines.line(body_line), shown)
    }
}

/// The length in characters of the longest stretch of `text` with no
/// place to break a line (a space, `/`, `-`).
fn longest_run(text: &str) -> Option<usize> {
    text.split(|c: char| c.is_whitespace() || c == '/' || c == '-').map(|run| run.chars().count()).max()
}

/// A link target as the notes show it: a `data:` address can be megabytes.
fn shorten(url: String) -> String {
    const MAX: usize = 200;
    match url.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &url[..at]),
        None => url,
    }
}

/// The most pixels an image may have: a 300-dpi A4 page is 8.7 million, a
/// 40-megapixel photo is more than a page needs; decoded, this is 400 MB.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Image formats Typst draws, by their first bytes.
fn image_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("gif")
    } else if String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).contains("<svg") {
        Some("svg")
    } else {
        None
    }
}

/// An image file copied into the build folder: its name there and bytes.
pub struct Asset {
    pub name: String,
    pub bytes: Vec<u8>,
    /// Where the article uses it (`a.md:12: image `x.png``), for typst's
    /// errors, which name only the copy.
    pub origin: String,
}

/// Resolves an article's images: files inside the dossier folder only,
/// copied into the build; remote ones become links with a warning.
struct Images<'a> {
    /// The dossier folder, canonical.
    root: PathBuf,
    /// The article's folder, against which its paths are read.
    base: PathBuf,
    /// How the author's file is named in messages.
    file: &'a str,
    prefix: String,
    assets: Vec<Asset>,
    seen: HashMap<PathBuf, String>,
    errors: Vec<ImageProblem>,
    notes: Vec<String>,
}

/// An image the build cannot use: where the article shows it and why.
#[derive(Debug, Clone)]
pub struct ImageProblem {
    /// The line in the author's file (0 for `[dossier] logo`).
    pub line: usize,
    pub url: String,
    /// What is wrong and what to do, without the place.
    pub message: String,
}

impl Images<'_> {
    fn fail(&mut self, line: usize, url: &str, message: String) -> Option<String> {
        self.errors.push(ImageProblem { line, url: url.to_string(), message });
        Some(url.to_string())
    }

    /// The problems as the build states them, one a line.
    fn stated(file: &str, errors: &[ImageProblem]) -> String {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| if e.line == 0 { format!("{file}: {}", e.message) } else { format!("{file}:{}: {}", e.line, e.message) })
            .collect();
        lines.join("\n")
    }
}

impl Images<'_> {
    fn resolve(&mut self, url: &str, line: usize) -> Option<String> {
        let at = format!("{}:{line}", self.file);
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
            self.notes.push(format!("{at}: remote image {url} is not fetched (builds use only local files): shown as a link"));
            return None;
        }
        if lower.starts_with("data:") || lower.contains("://") {
            return self.fail(
                line,
                url,
                format!("image `{}` is not a file; save it in the dossier folder and link to the file", short(url)),
            );
        }
        let path = crate::files::percent_decode(url.split(['?', '#']).next().unwrap_or(url));
        let wanted = match path.strip_prefix('/') {
            Some(from_root) => self.root.join(from_root),
            None => self.base.join(&path),
        };
        let real = match std::fs::canonicalize(&wanted) {
            Ok(real) if real.is_file() => real,
            _ => {
                return self.fail(line, url, format!("image `{url}` not found (looked for {})", wanted.display()));
            }
        };
        if !real.starts_with(&self.root) {
            return self.fail(
                line,
                url,
                format!(
                    "image `{url}` is outside the dossier folder ({}); only files inside {} are used: copy it there",
                    real.display(),
                    self.root.display()
                ),
            );
        }
        if let Some(name) = self.seen.get(&real) {
            return Some(name.clone());
        }
        let bytes = match std::fs::read(&real) {
            Ok(b) => b,
            Err(e) => {
                return self.fail(line, url, format!("image `{url}`: cannot read: {e}"));
            }
        };
        let Some(ext) = image_format(&bytes) else {
            return self.fail(line, url, format!("image `{url}` is not PNG, JPEG, GIF or SVG; convert it to one of those"));
        };
        if ext != "svg" {
            match imagesize::blob_size(&bytes) {
                Ok(size) if (size.width as u64) * (size.height as u64) > MAX_PIXELS => {
                    return self.fail(
                        line,
                        url,
                        format!(
                            "image `{url}` is {}×{} pixels, which decode to {} MB; a dossier takes images of at most {} \
                         megapixels: scale it down",
                            size.width,
                            size.height,
                            ((size.width as u64) * (size.height as u64) * 4) >> 20,
                            MAX_PIXELS / 1_000_000
                        ),
                    );
                }
                Ok(_) => {}
                Err(_) => {
                    return self.fail(line, url, format!("image `{url}` is damaged (its header gives no size); save it again"));
                }
            }
        }
        let name = format!("images/{}-{}.{ext}", self.prefix, self.assets.len() + 1);
        self.seen.insert(real, name.clone());
        self.assets.push(Asset { name: name.clone(), bytes, origin: format!("{at}: image `{}`", short(url)) });
        Some(name)
    }
}

/// The cover's logo (`[dossier] logo`), with an article image's checks:
/// a file inside the dossier folder, of a format and size typst draws.
pub fn logo(dir: &Path, path: &str) -> Result<Asset, BuildError> {
    let root = std::fs::canonicalize(dir).map_err(|e| BuildError(format!("{}: {e}", dir.display())))?;
    let mut images = Images {
        base: root.clone(),
        root,
        file: "dossier.toml: [dossier] logo",
        prefix: "logo".into(),
        assets: Vec::new(),
        seen: HashMap::new(),
        errors: Vec::new(),
        notes: Vec::new(),
    };
    images.resolve(path, 0);
    let file = images.file;
    let problems = images.errors.first().map(|_| Images::stated(file, &images.errors[..1]));
    match (images.assets.pop(), problems.into_iter().chain(images.notes).next()) {
        (Some(asset), None) => Ok(asset),
        (_, Some(problem)) => Err(BuildError(problem.replace(":0:", ":"))),
        (None, None) => Err(BuildError(format!("dossier.toml: [dossier] logo `{path}` is not a file inside the dossier folder"))),
    }
}

fn short(url: &str) -> String {
    if url.chars().count() > 40 {
        format!("{}…", url.chars().take(40).collect::<String>())
    } else {
        url.to_string()
    }
}

/// The title from the first `# H1`: it fills the side of the bilingual
/// title its language belongs to, and leaves the body (a title the
/// metadata gives already is not repeated either). An H1 that disagrees
/// with a title the metadata gives stays a heading.
/// Returns the index of the block it took out.
fn title_from_h1(blocks: &mut Vec<Block>, meta: &mut ArticleMeta) -> Option<usize> {
    let (i, h1) = model::first_h1(blocks)?;
    if h1.is_empty() {
        return None;
    }
    let same = |t: &Option<String>| t.as_deref().is_some_and(|t| t.trim() == h1);
    if same(&meta.title.ar) || same(&meta.title.en) {
        blocks.remove(i);
        return Some(i);
    }
    let slot = if is_arabic(&h1) { &mut meta.title.ar } else { &mut meta.title.en };
    if slot.is_none() {
        *slot = Some(h1);
        blocks.remove(i);
        return Some(i);
    }
    None
}

/// The article's link targets that are shown as text only: its own `url`,
/// then the body's, then its footnotes' (by label).
fn unlinked(meta: &ArticleMeta, blocks: &[Block], notes: &HashMap<String, Vec<Block>>) -> Vec<String> {
    let mut labels: Vec<&String> = notes.keys().collect();
    labels.sort();
    let in_notes = labels.into_iter().flat_map(|l| unlinkable(&notes[l]));
    meta.url.iter().filter(|u| !is_linkable(u)).cloned().chain(unlinkable(blocks)).chain(in_notes).map(shorten).collect()
}

/// Read, clean and structure one article, the `index`-th of the dossier.
pub fn prepare(src: &ArticleSource, project: &Project, index: usize) -> Result<Prepared, BuildError> {
    let (prepared, problems) = prepare_listing(src, project, index)?;
    if !problems.is_empty() {
        return Err(BuildError(Images::stated(&prepared.path, &problems)));
    }
    Ok(prepared)
}

/// [`prepare`], with the images the build cannot use listed rather than
/// stopping at them (for `check`, which reports each where it is).
pub fn prepare_listing(src: &ArticleSource, project: &Project, index: usize) -> Result<(Prepared, Vec<ImageProblem>), Refusal> {
    let parses_before = crate::files::format::markdown_parses();
    // Read from where the path resolved to (inside the dossier folder);
    // named and typed by the path as given.
    let bytes = std::fs::read(&src.real).map_err(|e| Refusal::Unreadable(format!("{}: cannot read: {e}", src.path.display())))?;
    let text = crate::files::read::decode(&src.path, bytes).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let source = crate::files::Source { name: src.path.clone(), text: text.into(), format: Format::of_path(&src.path), stamp: None };
    let name = src.path.display().to_string();
    let clean = clean_article(&name, &source.text, source.format, &src.meta, &project.config.clean.furniture, &project.settings)?;
    let mut locator = Locator::new(&clean.markdown);
    let left = clean
        .remaining
        .iter()
        .map(|d| Left {
            code: d.code.as_str(),
            rule: lookup(d.code.as_str()).map_or("", |r| r.name),
            severity: d.severity,
            line: locator.position(d.range.start).line,
            message: d.message.to_string(),
        })
        .collect();

    let (_, body) = frontmatter::split(&clean.markdown);
    let lines = SourceLines::new(&source.text, source.format, body);
    let mut bounds = Bounds { name: &name, body, lines: &lines, depth: 0 };
    let parsed = model::blocks_checked(body, |event, range| bounds.check(event, range))?;
    let mut blocks = parsed.blocks;
    let mut meta = clean.meta;
    let mut guesses = clean.import.guesses;
    // Each block's line in the author's file, and the pairing marks, kept
    // in step with the blocks (for a translation's alignment).
    let mut block_lines: Vec<usize> = parsed.lines.iter().map(|l| lines.line(*l)).collect();
    let mut marks = parsed.marks;
    if let Some(i) = title_from_h1(&mut blocks, &mut meta) {
        if i < block_lines.len() {
            block_lines.remove(i);
        }
        marks.iter_mut().filter(|m| **m > i).for_each(|m| *m -= 1);
    }
    if meta.title.is_empty() {
        if let Some(words) = model::opening_words(&blocks, 8) {
            let title = format!("{}…", words.trim_end_matches(['.', '،', ':', ',', '–', '-', ' ']));
            guesses.push(format!("no title: the opening words stand in («{title}»)"));
            meta.title = Bilingual::from_plain(&title);
        }
    }

    // Images: resolved against the article's own folder, inside the dossier.
    let root = std::fs::canonicalize(&project.dir).map_err(|e| Refusal::Unreadable(format!("{}: {e}", project.dir.display())))?;
    let base = std::fs::canonicalize(src.path.parent().unwrap_or(Path::new("."))).unwrap_or_else(|_| root.clone());
    let mut images = Images {
        root,
        base,
        file: &name,
        prefix: (index + 1).to_string(),
        assets: Vec::new(),
        seen: HashMap::new(),
        errors: Vec::new(),
        notes: Vec::new(),
    };
    let mut notes = parsed.notes;
    model::map_images(&mut blocks, &mut |url, _, line| images.resolve(url, lines.line(line)));
    let mut labels: Vec<String> = notes.keys().cloned().collect();
    labels.sort();
    for label in labels {
        if let Some(note) = notes.get_mut(&label) {
            model::map_images(note, &mut |url, _, line| images.resolve(url, lines.line(line)));
        }
    }

    // The article's language, from the same component as each block's: an
    // Arabic article full of English terms is still Arabic.
    let lang = meta.lang.as_ref().map(|t| t.layout()).unwrap_or_else(|| match crate::text::language::document(body).direction() {
        Some(Dir::Ltr) => Lang::En,
        _ => Lang::Ar,
    });
    let undrawn: Vec<UndrawnAt> = parsed
        .undrawn
        .into_iter()
        .map(|u| UndrawnAt { at: format!("{}:{}", src.name, lines.line(u.line)), what: u.what, text: u.text })
        .collect();
    let report = ArticleReport {
        file: src.name.clone(),
        title: meta.title.primary().map(str::to_string),
        fixes: count_fixes(&clean.applied),
        left,
        removed: clean.import.removed,
        guesses,
        undrawn,
        notes: src.notes.iter().cloned().chain(clean.notes).chain(images.notes).collect(),
        unlinked: unlinked(&meta, &blocks, &notes),
        clean: format!("clean/{}", src.clean_name),
    };
    let article = Article { name: src.name.clone(), meta, lang, blocks, lines: block_lines, marks, notes };
    let parses = crate::files::format::markdown_parses() - parses_before;
    let (assets, problems) = (images.assets, images.errors);
    let prepared = Prepared { article, clean_md: clean.markdown, report, assets, source: source.text.into_string(), path: name, parses };
    Ok((prepared, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h1(md: &str, meta: ArticleMeta) -> (ArticleMeta, Vec<Block>) {
        let mut blocks = model::blocks(md).blocks;
        let mut meta = meta;
        title_from_h1(&mut blocks, &mut meta);
        (meta, blocks)
    }

    #[test]
    fn the_first_h1_is_the_title_in_its_language() {
        let (m, b) = h1("# عنوان المقال\n\nنص.\n\n# قسم\n", ArticleMeta::default());
        assert_eq!((m.title.ar.as_deref(), m.title.en.as_deref()), (Some("عنوان المقال"), None));
        assert_eq!(b.len(), 2, "the title is not repeated; a later H1 stays a heading");
        let (m, b) = h1("# An English title\n\nText.\n", ArticleMeta::default());
        assert_eq!(m.title.en.as_deref(), Some("An English title"));
        assert_eq!(b.len(), 1);
        // dossier.toml or front matter gave the Arabic title: the English H1 fills the other side.
        let given = ArticleMeta { title: Bilingual { ar: Some("عنوان".into()), en: None }, ..Default::default() };
        let (m, b) = h1("# The title\n\nنص.\n", given.clone());
        assert_eq!((m.title.ar.as_deref(), m.title.en.as_deref()), (Some("عنوان"), Some("The title")));
        assert_eq!(b.len(), 1);
        // The same title again is not repeated; a different one stays a heading (the metadata wins).
        assert_eq!(h1("# عنوان\n\nنص.\n", given.clone()).1.len(), 1);
        let (m, b) = h1("# عنوان آخر\n\nنص.\n", given);
        assert_eq!((m.title.ar.as_deref(), b.len()), (Some("عنوان"), 2));
    }

    #[test]
    fn source_lines_survive_collapsed_blank_lines() {
        let source = "---\ntitle: x\n---\n\nأ\n\n\n\nب\n\n<div>\n";
        let clean_body = "أ\n\nب\n\n<div>\n";
        let lines = SourceLines::new(source, Format::Markdown, clean_body);
        assert_eq!((lines.line(1), lines.line(3), lines.line(5)), (5, 9, 11));
    }
}
