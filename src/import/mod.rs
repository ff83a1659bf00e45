//! Import: what people collect, as markdown articles (cleanup.md, "Import").
//!
//! - [`text`]: pasted web text (`.txt`), by the shape of its lines;
//! - [`html`]: a page saved from a browser (`.html`, `.htm`, with its
//!   `_files/` folder), its body found by a readability extractor;
//! - [`docx`]: a Word document, from its own structure and properties.
//!
//! Pages and documents are read into one [`markdown::Article`] tree and
//! written by [`markdown::write`]; then [`finish`] takes out furniture the
//! extractor kept, checks there is a body, and says which language it is in.
//! Nothing is fetched and no script runs: images come only from inside the
//! saved page's folder or the document itself. A page or document is
//! someone else's file: every read is bounded ([`limits`]).

pub mod docx;
pub mod html;
pub mod markdown;
pub mod text;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::config::{ArticleMeta, LangTag};
use crate::text::language::{self, Language};
use markdown::{block_text, Article, Block};
use text::ImportReport;

/// How much import reads, so a hostile file cannot exhaust memory or time.
pub mod limits {
    /// The largest saved page read (a long article with inline styles is
    /// about 2 MB).
    pub const PAGE: u64 = 16 << 20;
    /// The deepest nesting of elements in a page (real pages stay under 100).
    pub const DEPTH: usize = 160;
    /// The most elements in a page (a long article page has some 20 000; the extractor took 40 s on 190 000 elements 240 deep).
    pub const ELEMENTS: usize = 100_000;
    /// The largest `.docx` read.
    pub const DOCX: u64 = 64 << 20;
    /// What all of a `.docx`'s parts read may expand to, together.
    pub const EXPANDED: u64 = 64 << 20;
    /// How many times its compressed size one part may expand to (text
    /// deflates about 5×, a zip bomb over 1000×), past the first megabyte.
    pub const RATIO: u64 = 100;
    /// The most entries a `.docx` may hold.
    pub const ENTRIES: usize = 10_000;
    /// The largest image copied.
    pub const IMAGE: u64 = 20 << 20;
    /// What all the images one article brings may weigh together.
    pub const IMAGES: u64 = 64 << 20;
}

/// An image the article uses, to be written under the dossier's `images/`.
#[derive(Debug, Clone)]
pub struct Image {
    /// Its path relative to the article, as the markdown names it.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page or document read: what it says about itself, its body and images.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    pub meta: ArticleMeta,
    pub article: Article,
    pub images: Vec<Image>,
    pub report: ImportReport,
}

/// What kind of input a file is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Already an article: its front matter read, cleaned, copied.
    Markdown,
    Html,
    Docx,
}

impl Kind {
    pub fn of(path: &Path) -> Kind {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("html" | "htm" | "xhtml") => Kind::Html,
            Some("docx") => Kind::Docx,
            Some("md" | "markdown") => Kind::Markdown,
            _ => Kind::Text,
        }
    }
}

/// Read a saved page or a Word document (`kind` [`Kind::Html`] or [`Kind::Docx`]). Images
/// are named under `images_dir` (`images/<article>`), relative to the article.
pub fn convert(path: &Path, kind: Kind, images_dir: &str, furniture: &[String]) -> Result<Converted, String> {
    let name = crate::files::escaped(path);
    let converted = match kind {
        Kind::Html => html::import(path, images_dir),
        Kind::Docx => docx::import(path, images_dir),
        Kind::Text | Kind::Markdown => return Err(format!("{name}: text and markdown are read by the cleaner, not converted")),
    }
    .map_err(|e| format!("{name}: {e}"))?;
    finish(converted, furniture).map_err(|e| format!("{name}: {e}"))
}

/// The least an article body holds, in words of prose.
const MIN_WORDS: usize = 20;

/// Take out paragraphs that are site furniture by their words (`اقرأ أيضا:`,
/// a share bar the extractor kept), refuse an article with no body, and say
/// when it is not in Arabic.
pub fn finish(mut converted: Converted, furniture: &[String]) -> Result<Converted, String> {
    // Paragraphs are read as the text importer reads lines; other blocks stay.
    let texts: Vec<String> =
        converted.article.blocks.iter().map(|b| if let Block::Paragraph(_) = b { block_text(b) } else { String::new() }).collect();
    let lines: Vec<&str> = texts.iter().map(String::as_str).collect();
    let furniture = text::furniture_lines(&lines, furniture);
    let mut keep = furniture.iter();
    converted.article.blocks.retain(|b| {
        let furniture = *keep.next().unwrap_or(&false) && matches!(b, Block::Paragraph(_));
        if furniture {
            converted.report.removed.push(block_text(b));
        }
        !furniture
    });
    // A heading with nothing after it (`المراجع` over notes that became footnotes).
    while matches!(converted.article.blocks.last(), Some(Block::Heading(..))) {
        converted.article.blocks.pop();
    }
    let body: String = converted.article.blocks.iter().map(block_text).collect::<Vec<_>>().join("\n");
    let words = body.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
    if words < MIN_WORDS {
        return Err(format!(
            "no article body found ({words} words of text); is this a front page, a list of links or a page that needs scripts to show its text?{}",
            taken_out(&converted.report)
        ));
    }
    if converted.meta.title.is_empty() {
        untitled(&mut converted);
    }
    let found = language::document(&body);
    if !found.is_arabic_script() && found != Language::Unknown {
        converted
            .report
            .guesses
            .push(format!("the article is in {}, not Arabic: imported as it is (set `lang` in its front matter if need be)", found.name()));
        if converted.meta.lang.is_none() && found == Language::English {
            converted.meta.lang = LangTag::new("en");
        }
    }
    Ok(converted)
}

/// What import took out as furniture, for an error saying no body was
/// left: if that was the body, the editor sees where it went.
pub fn taken_out(report: &ImportReport) -> String {
    if report.removed.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = report.removed.iter().take(3).map(|r| format!("«{}»", r.chars().take(60).collect::<String>())).collect();
    let more = report.removed.len().saturating_sub(shown.len());
    format!(" Taken out as furniture: {}{}", shown.join(", "), if more > 0 { format!(" and {more} more") } else { String::new() })
}

/// No title in the page or document's metadata: its first heading, else its
/// opening words stand in, and the editor is told.
fn untitled(converted: &mut Converted) {
    let blocks = &mut converted.article.blocks;
    if let Some(at) = blocks.iter().position(|b| matches!(b, Block::Heading(..))).filter(|&at| at <= 1) {
        let title = block_text(&blocks.remove(at));
        converted.report.guesses.push(format!("title from the first heading: «{title}»"));
        converted.meta.title = crate::config::Bilingual::from_plain(&title);
    } else if let Some(first) = blocks.iter().find(|b| matches!(b, Block::Paragraph(_))) {
        let text = block_text(first);
        let words: Vec<&str> = text.split_whitespace().take(8).collect();
        let title = format!("{}…", words.join(" ").trim_end_matches(['.', '،', ':', ',', '–', '-']));
        converted.report.guesses.push(format!("no title: the opening words stand in («{title}»)"));
        converted.meta.title = crate::config::Bilingual::from_plain(&title);
    }
}

/// A file name safe to write under `images/`: its last component only,
/// no leading dot, ASCII letters, digits, `-` `_` `.` kept, others `_`.
pub fn safe_file_name(name: &str, fallback: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect::<String>()
        .trim_start_matches('.')
        .chars()
        .take(80)
        .collect();
    if cleaned.is_empty() || !cleaned.contains(|c: char| c.is_ascii_alphanumeric()) {
        fallback.to_string()
    } else {
        cleaned
    }
}

/// The folder under `images/` for the article `stem`: its safe name, and
/// when that had to change it (`تقرير` and `مقال` both clean to nothing) a
/// hash of the whole stem, so no two articles share a folder.
pub fn images_folder(stem: &str) -> String {
    let name = safe_file_name(stem, "article");
    if name == stem {
        return name;
    }
    // FNV-1a: stable across Rust versions, as a folder name on disk must be.
    let hash = stem.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("{}-{hash:08x}", name.trim_matches('_'))
}

/// The images an article brings: each source copied once however often the
/// article shows it, names unique, all of them within [`limits::IMAGES`].
pub struct Images {
    dir: String,
    pub list: Vec<Image>,
    /// Each source read: its path, or why it was left out.
    by_source: HashMap<String, Result<String, String>>,
    taken: HashSet<String>,
    /// The last number tried for a name (`a-7.jpg`), so probing stays linear.
    tried: HashMap<String, usize>,
    bytes: u64,
    budget: u64,
}

impl Images {
    /// Images named under `dir` (`images/<article>`), `budget` bytes in all.
    pub fn new(dir: &str, budget: u64) -> Images {
        Images {
            dir: dir.to_string(),
            list: Vec::new(),
            by_source: HashMap::new(),
            taken: HashSet::new(),
            tried: HashMap::new(),
            bytes: 0,
            budget,
        }
    }

    /// The path of the image from `source` (a key naming the file: a
    /// canonical path, a part's name), read by `read` the first time only
    /// and named after `name`; else why it is left out.
    pub fn add(&mut self, source: &str, name: &str, read: impl FnOnce() -> Result<Vec<u8>, String>) -> Result<String, String> {
        if let Some(done) = self.by_source.get(source) {
            return done.clone();
        }
        let done = read().and_then(|bytes| {
            let total = self.bytes + bytes.len() as u64;
            if total > self.budget {
                return Err(format!("the article's images would pass {} MiB together", self.budget >> 20));
            }
            self.bytes = total;
            let name = self.unique(safe_file_name(name, "image"));
            let path = format!("{}/{name}", self.dir);
            self.list.push(Image { path: path.clone(), bytes });
            Ok(path)
        });
        self.by_source.insert(source.to_string(), done.clone());
        done
    }

    /// `name` made unique among the names taken (`a.jpg`, `a-2.jpg` …).
    fn unique(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
            _ => (name.clone(), String::new()),
        };
        let n = self.tried.entry(name).or_insert(1);
        loop {
            *n += 1;
            let candidate = format!("{stem}-{n}{ext}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use markdown::Inline;

    #[test]
    fn file_names() {
        assert_eq!(safe_file_name("../../etc/passwd", "image"), "passwd");
        assert_eq!(safe_file_name("صورة 1.jpg", "image.jpg"), "_____1.jpg");
        assert_eq!(safe_file_name("...", "image"), "image");
        assert_eq!(safe_file_name(".hidden.png", "x"), "hidden.png");
        let mut images = Images::new("images/a", 10);
        let read = |n: usize| move || Ok(vec![0u8; n]);
        assert_eq!(images.add("/p/x/a.png", "x/a.png", read(4)), Ok("images/a/a.png".to_string()));
        assert_eq!(images.add("/p/y/a.png", "y/a.png", read(4)), Ok("images/a/a-2.png".to_string()));
        assert_eq!(images.add("/p/x/a.png", "x/a.png", || panic!("read twice")), Ok("images/a/a.png".to_string()));
        assert!(images.add("/p/z/a.png", "z/a.png", read(4)).unwrap_err().contains("images would pass"));
        assert_eq!(images.add("/p/a-2.png", "a-2.png", read(1)), Ok("images/a/a-2-2.png".to_string()));
        assert_eq!((images.list.len(), images.bytes), (3, 9));
        assert_eq!(images_folder("page"), "page");
        let arabic = ["تقرير", "مقال", "تقرير 1", "report 1"].map(images_folder);
        assert!(arabic[0].starts_with("article-") && arabic[0] != arabic[1], "{arabic:?}");
        assert!(arabic[2].starts_with("1-") && arabic[3].starts_with("report_1-"), "{arabic:?}");
    }

    #[test]
    fn no_body_is_refused_and_english_is_said() {
        let para = |s: &str| Block::Paragraph(vec![Inline::Text(s.to_string())]);
        let short = Converted { article: Article { blocks: vec![para("الرئيسية")], notes: vec![] }, ..Default::default() };
        assert!(finish(short, &[]).unwrap_err().contains("no article body"));
        let english = "The committee met on Monday and agreed to publish the report on the floods next week after a long debate. ";
        let converted =
            Converted { article: Article { blocks: vec![para(english), para("Share this")], notes: vec![] }, ..Default::default() };
        let done = finish(converted, &[]).unwrap();
        assert_eq!(done.report.removed, vec!["Share this"]);
        assert!(done.report.guesses.iter().any(|g| g.contains("in English, not Arabic")), "{:?}", done.report.guesses);
        assert_eq!(done.meta.title.primary(), Some("The committee met on Monday and agreed to…"));
        assert_eq!(done.meta.lang, LangTag::new("en"));
    }
}
