//! Prepare: read an article, clean it once, import pasted text or read its
//! front matter, and build its model. The clean markdown it makes is what
//! `out/clean/NAME.md` and `dossier import` write, so both pass `dossier check`.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::frontmatter;
use super::import::{self, ImportReport};
use super::links::{is_linkable, unlinkable};
use super::load::{ArticleSource, Project};
use super::model::{self, Article};
use super::render::Dir;
use super::report::{count_fixes, ArticleReport, Left};
use super::BuildError;
use crate::clean::registry::lookup;
use crate::clean::{self, Diagnostic, FixMode, Format, RuleCode, Settings};
use crate::config::{ArticleMeta, Lang};
use crate::text::locate::Locator;

/// An article after clean and structure.
pub struct Prepared {
    pub article: Article,
    pub clean_md: String,
    pub report: ArticleReport,
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
) -> Result<CleanArticle, String> {
    let not_converged = |e: clean::NotConverged| format!("{name}: {e}");
    let fixed = clean::fix(text, format, settings, FixMode::Safe).map_err(not_converged)?;
    let mut applied = fixed.applied.clone();
    let (meta, body, import_report) = match format {
        Format::Text => {
            let imported = import::import(&fixed.text, meta, furniture);
            (imported.meta, imported.markdown, imported.report)
        }
        Format::Markdown => {
            let (front, body) = frontmatter::split(&fixed.text);
            let front_meta = match front {
                Some((text, is_toml)) => frontmatter::parse(text, is_toml).map_err(|e| format!("{name}: front matter: {e}"))?,
                None => ArticleMeta::default(),
            };
            (meta.or(&front_meta), body.to_string(), ImportReport::default())
        }
    };
    // Import adds markup and front matter: settle those too, so what is
    // written passes `dossier check` (cheap: the prose is already clean).
    let draft = frontmatter::write(&meta, &body).map_err(|e| format!("{name}: {e}"))?;
    let settled = clean::fix(&draft, Format::Markdown, settings, FixMode::Safe).map_err(not_converged)?;
    for (code, n) in &settled.applied {
        *applied.entry(*code).or_insert(0) += n;
    }
    Ok(CleanArticle { meta, markdown: settled.text, applied, remaining: settled.remaining, import: import_report })
}

/// Quotes and lists nested deeper than this are refused: the layout
/// recurses at each level, and Typst gives up on content nested about 16
/// deep ("maybe there are too deeply nested elements"); no article needs
/// more than a few.
pub const MAX_NESTING: usize = 12;

/// `body` (the clean markdown the model is built from) nests quotes and
/// lists at most [`MAX_NESTING`] deep; else an error naming the line,
/// counted in the source file (`source_body`: its text after front matter).
fn check_nesting(name: &str, body: &str, source_body: (&str, usize)) -> Result<(), BuildError> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                depth += 1;
                if depth > MAX_NESTING {
                    // Cleanup keeps a markdown body's lines, so the line in
                    // the body is the line in the source's body.
                    let (source, first_line) = source_body;
                    let line = first_line + body[..range.start].matches('\n').count();
                    let text = source.lines().nth(line - first_line).unwrap_or("");
                    let mut shown: String = text.chars().take(40).collect();
                    if shown.len() < text.len() {
                        shown.push('…');
                    }
                    return Err(BuildError(format!(
                        "{name}:{line}: quotes and lists nested more than {MAX_NESTING} deep (`{shown}`); \
                         a dossier lays out at most {MAX_NESTING} levels: flatten the nesting"
                    )));
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// A link target as the notes show it: a `data:` address can be megabytes.
fn shorten(url: String) -> String {
    const MAX: usize = 200;
    match url.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &url[..at]),
        None => url,
    }
}

/// Read, clean and structure one article.
pub fn prepare(src: &ArticleSource, project: &Project) -> Result<Prepared, BuildError> {
    // Read from where the path resolved to (inside the dossier folder);
    // named and typed by the path as given.
    let bytes = std::fs::read(&src.real).map_err(|e| BuildError(format!("{}: cannot read: {e}", src.path.display())))?;
    let text = crate::files::read::decode(&src.path, bytes).map_err(|e| BuildError(e.to_string()))?;
    let name = src.path.display().to_string();
    let clean = clean_article(&name, &text, Format::of_path(&src.path), &src.meta, &project.config.clean.furniture, &project.settings)?;
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
    let (_, source_body) = frontmatter::split(&text);
    let first_line = 1 + text[..text.len() - source_body.len()].matches('\n').count();
    check_nesting(&name, body, (source_body, first_line))?;
    let (blocks, dropped_html) = model::blocks(body);
    let meta = clean.meta;
    let lang = meta.lang.unwrap_or_else(|| if Dir::of_text(body, Dir::Rtl) == Dir::Rtl { Lang::Ar } else { Lang::En });
    let report = ArticleReport {
        file: src.name.clone(),
        title: meta.title.primary().map(str::to_string),
        fixes: count_fixes(&clean.applied),
        left,
        removed: clean.import.removed,
        guesses: clean.import.guesses,
        dropped_html: dropped_html.clone(),
        unlinked: meta.url.iter().filter(|u| !is_linkable(u)).cloned().chain(unlinkable(&blocks)).map(shorten).collect(),
        clean: format!("clean/{}", src.clean_name),
    };
    let article = Article { name: src.name.clone(), meta, lang, blocks, dropped_html };
    Ok(Prepared { article, clean_md: clean.markdown, report })
}
