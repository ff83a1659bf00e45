//! Render: the article model to the data the Typst template reads.
//!
//! Text reaches Typst only as JSON strings, which Typst shows literally:
//! no character of an article can start a command. Direction is decided
//! here, because Typst does not detect it: each block gets `dir` from its
//! content (most words), and runs of the other direction inside a block are
//! wrapped in Unicode isolates (LRI/RLI … PDI) so punctuation stays put.

use serde::Serialize;

use super::model::{plain, Article, Block, Inline};
use crate::clean::paragraph::Features;
use crate::config::{Bilingual, Lang};
use crate::text::chars::{is_digit, strong, Strong};

const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Rtl,
    Ltr,
}

impl Dir {
    fn of_lang(lang: Lang) -> Dir {
        match lang {
            Lang::Ar => Dir::Rtl,
            Lang::En => Dir::Ltr,
        }
    }

    /// The direction of `text` by its words; `fallback` when it has none
    /// or as many of each.
    pub fn of_text(text: &str, fallback: Dir) -> Dir {
        let f = Features::of(text);
        match f.arabic_words.cmp(&f.latin_words) {
            std::cmp::Ordering::Greater => Dir::Rtl,
            std::cmp::Ordering::Less => Dir::Ltr,
            std::cmp::Ordering::Equal => fallback,
        }
    }
}

/// Wrap each run of the other direction in `text` in isolates. A run goes
/// from its first strong letter to its last strong letter or digit before
/// a strong letter of `base`'s direction; the neutrals around it stay
/// outside, so they follow the paragraph.
pub fn isolate(text: &str, base: Dir) -> String {
    let (other, open) = match base {
        Dir::Rtl => (Strong::Ltr, LRI),
        Dir::Ltr => (Strong::Rtl, RLI),
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut copied = 0;
    while i < chars.len() {
        if strong(chars[i].1) != Some(other) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut last = i;
        let mut j = i;
        while j < chars.len() {
            match strong(chars[j].1) {
                Some(s) if s == other => last = j,
                Some(_) => break,
                None if is_digit(chars[j].1) => last = j,
                None => {}
            }
            j += 1;
        }
        let end = chars[last].0 + chars[last].1.len_utf8();
        out.push_str(&text[copied..start]);
        out.push(open);
        out.push_str(&text[start..end]);
        out.push(PDI);
        copied = end;
        i = last + 1;
    }
    out.push_str(&text[copied..]);
    out
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

/// Text in both languages, each isolated for its own direction.
#[derive(Debug, Clone, Serialize)]
pub struct Bi {
    pub ar: Option<String>,
    pub en: Option<String>,
}

impl Bi {
    pub fn of(b: &Bilingual) -> Bi {
        Bi { ar: b.ar.as_deref().map(|s| isolate(s, Dir::Rtl)), en: b.en.as_deref().map(|s| isolate(s, Dir::Ltr)) }
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
            Inline::Text { text } => Inline::Text { text: isolate(text, base) },
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
    let base = Dir::of_lang(a.lang);
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
        author: a.meta.author.clone(),
        date: a.meta.date.clone(),
        url: a.meta.url.clone(),
        credit: a.meta.credit.clone(),
        bio: a.meta.bio.as_deref().map(|b| isolate(b, Dir::of_text(b, base))),
        blocks,
        references,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolates_latin_runs_in_arabic() {
        assert_eq!(isolate("صحيفة The New York Times.", Dir::Rtl), "صحيفة \u{2066}The New York Times\u{2069}.");
        assert_eq!(isolate("الأمن القومي – KNB / جهاز", Dir::Rtl), "الأمن القومي – \u{2066}KNB\u{2069} / جهاز");
        assert_eq!(isolate("نظام Windows 10 الجديد", Dir::Rtl), "نظام \u{2066}Windows 10\u{2069} الجديد");
        assert_eq!(isolate("في 5/1/2022 حدث", Dir::Rtl), "في 5/1/2022 حدث");
        assert_eq!(isolate("The word كازاخستان means", Dir::Ltr), "The word \u{2067}كازاخستان\u{2069} means");
    }

    #[test]
    fn direction_by_words() {
        assert_eq!(Dir::of_text("Live Updates: Heavy Clashes Reported in Almaty", Dir::Rtl), Dir::Ltr);
        assert_eq!(Dir::of_text("كشفت مصادر في الجيش Google", Dir::Ltr), Dir::Rtl);
    }
}
