//! Render: the article model to the data the Typst template reads.
//!
//! Text reaches Typst only as JSON strings, which Typst shows literally:
//! no character of an article can start a command. Direction is decided
//! here, because Typst does not detect it: each block gets `dir` from its
//! content (most words), and every string shown in a block, a title or a
//! metadata line has its runs of the other direction isolated
//! ([`isolate_runs`]: tokens, not letters) so punctuation stays put.

use serde::Serialize;

use super::model::{plain, Article, Block, Inline};
use super::report::ArticleReport;
use crate::config::{Bilingual, Lang};
pub use crate::text::runs::Dir;
use crate::text::runs::{isolate_runs, isolate_whole};

fn dir_of(lang: Lang) -> Dir {
    match lang {
        Lang::Ar => Dir::Rtl,
        Lang::En => Dir::Ltr,
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockData {
    Heading { level: u8, dir: Dir, inlines: Vec<Inline> },
    Paragraph { dir: Dir, inlines: Vec<Inline> },
    Quote { dir: Dir, blocks: Vec<BlockData> },
    List { dir: Dir, ordered: bool, start: u64, items: Vec<Vec<BlockData>> },
    Code { text: String },
    Rule,
}

/// One reference: a citation laid out in its own direction, with its link.
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub dir: Dir,
    pub inlines: Vec<Inline>,
}

/// Text in both languages, each one isolate of its own direction: a title
/// or an outlet is shown in lines of either direction (contents, running
/// header, metadata) and must read whole in each.
#[derive(Debug, Clone, Serialize)]
pub struct Bi {
    pub ar: Option<String>,
    pub en: Option<String>,
}

impl Bi {
    pub fn of(b: &Bilingual) -> Bi {
        Bi { ar: b.ar.as_deref().map(|s| isolate_whole(s, Dir::Rtl)), en: b.en.as_deref().map(|s| isolate_whole(s, Dir::Ltr)) }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleData {
    pub id: String,
    pub lang: Lang,
    pub dir: Dir,
    pub title: Bi,
    pub source: Bi,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub credit: Option<String>,
    pub bio: Option<String>,
    pub blocks: Vec<BlockData>,
    pub references: Vec<Reference>,
}

/// The same inlines, their text isolated for a block of direction `base`.
fn inlines(xs: &[Inline], base: Dir) -> Vec<Inline> {
    xs.iter()
        .map(|x| match x {
            Inline::Text { text } => Inline::Text { text: isolate_runs(text, base) },
            Inline::Emph { children } => Inline::Emph { children: inlines(children, base) },
            Inline::Strong { children } => Inline::Strong { children: inlines(children, base) },
            Inline::Code { text } => Inline::Code { text: text.clone() },
            Inline::Link { url, children } => Inline::Link { url: url.clone(), children: inlines(children, base) },
            Inline::Break => Inline::Break,
        })
        .collect()
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Heading { inlines, .. } | Block::Paragraph { inlines } => plain(inlines),
        Block::Quote { blocks } => blocks.iter().map(block_text).collect::<Vec<_>>().join(" "),
        Block::List { items, .. } => items.iter().flatten().map(block_text).collect::<Vec<_>>().join(" "),
        Block::Code { text } => text.clone(),
        Block::Rule => String::new(),
    }
}

fn block(b: &Block, fallback: Dir) -> BlockData {
    let dir = Dir::of_text(&block_text(b), fallback);
    match b {
        Block::Heading { level, inlines: xs } => BlockData::Heading { level: *level, dir, inlines: inlines(xs, dir) },
        Block::Paragraph { inlines: xs } => BlockData::Paragraph { dir, inlines: inlines(xs, dir) },
        Block::Quote { blocks } => BlockData::Quote { dir, blocks: blocks.iter().map(|b| block(b, dir)).collect() },
        Block::List { ordered, start, items } => BlockData::List {
            dir,
            ordered: *ordered,
            start: *start,
            items: items.iter().map(|item| item.iter().map(|b| block(b, dir)).collect()).collect(),
        },
        Block::Code { text } => BlockData::Code { text: text.clone() },
        Block::Rule => BlockData::Rule,
    }
}

/// Headings that open an article's references section.
const REFERENCE_HEADINGS: &[&str] = &["المراجع", "المصادر", "References", "Sources", "Bibliography"];

pub fn article(a: &Article, index: usize) -> ArticleData {
    let base = dir_of(a.lang);
    let mut blocks = Vec::new();
    let mut references = Vec::new();
    let mut iter = a.blocks.iter().peekable();
    while let Some(b) = iter.next() {
        // A references heading followed by a list: the article's references,
        // each laid out in its own direction (English citations left to right).
        if let Block::Heading { inlines: xs, .. } = b {
            let title = plain(xs);
            if REFERENCE_HEADINGS.iter().any(|h| title.trim().trim_end_matches(':') == *h) {
                if let Some(Block::List { items, .. }) = iter.peek() {
                    for item in items {
                        let text: String = item.iter().map(block_text).collect::<Vec<_>>().join(" ");
                        let dir = Dir::of_text(&text, Dir::Ltr);
                        let xs: Vec<Inline> = item
                            .iter()
                            .flat_map(|b| if let Block::Paragraph { inlines } = b { inlines.clone() } else { Vec::new() })
                            .collect();
                        references.push(Reference { dir, inlines: inlines(&xs, dir) });
                    }
                    iter.next();
                    continue;
                }
            }
        }
        blocks.push(block(b, base));
    }
    ArticleData {
        id: format!("article-{}", index + 1),
        lang: a.lang,
        dir: base,
        title: Bi::of(&a.meta.title),
        source: Bi::of(&a.meta.source),
        // Author and credit sit in lines of the article's direction, next
        // to other fields: a name in the other script is a run.
        author: a.meta.author.as_deref().map(|s| isolate_runs(s, base)),
        date: a.meta.date.clone(),
        url: a.meta.url.clone(),
        credit: a.meta.credit.as_deref().map(|s| isolate_runs(s, base)),
        bio: a.meta.bio.as_deref().map(|b| isolate_runs(b, Dir::of_text(b, base))),
        blocks,
        references,
    }
}

/// An article's editorial notes as the template shows them: messages and
/// guesses are English lines quoting Arabic, removed lines are the
/// article's own text, each with its other-direction runs isolated.
pub fn appendix(report: &ArticleReport) -> ArticleReport {
    let own = |line: &String| isolate_runs(line, Dir::of_text(line, Dir::Rtl));
    let mut shown = report.clone();
    shown.title = report.title.as_ref().map(|t| isolate_whole(t, Dir::of_text(t, Dir::Rtl)));
    shown.guesses = report.guesses.iter().map(|g| isolate_runs(g, Dir::Ltr)).collect();
    shown.removed = report.removed.iter().map(own).collect();
    shown.dropped_html = report.dropped_html.iter().map(own).collect();
    for left in &mut shown.left {
        left.message = isolate_runs(&left.message, Dir::Ltr);
    }
    shown
}

/// A name or other short field of the cover, as one isolate of its own
/// direction.
pub fn field(text: &str) -> String {
    isolate_whole(text, Dir::of_text(text, Dir::Rtl))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_isolate_by_their_own_direction() {
        let p = Block::Paragraph { inlines: vec![Inline::Text { text: "قال @KassymJomart إن شبكات 5G جاهزة.".into() }] };
        let BlockData::Paragraph { dir, inlines } = block(&p, Dir::Ltr) else { panic!() };
        assert_eq!(dir, Dir::Rtl);
        assert_eq!(inlines, vec![Inline::Text { text: "قال \u{2066}@KassymJomart\u{2069} إن شبكات \u{2066}5G\u{2069} جاهزة.".into() }]);
        let p = Block::Paragraph { inlines: vec![Inline::Text { text: "The hashtag #كازاخستان trended.".into() }] };
        let BlockData::Paragraph { dir, inlines } = block(&p, Dir::Rtl) else { panic!() };
        assert_eq!(dir, Dir::Ltr);
        assert_eq!(inlines, vec![Inline::Text { text: "The hashtag \u{2067}#كازاخستان\u{2069} trended.".into() }]);
    }
}
