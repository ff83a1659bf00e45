//! Render: the article model to the data the Typst template reads.
//!
//! Text reaches Typst only as JSON strings, which Typst shows literally:
//! no character of an article can start a command. Direction is decided
//! here, because Typst does not detect it: each block gets `dir` from its
//! content by the language component (`text::language::direction`: a block
//! led by an Arabic word is right to left whatever English it holds), and every string shown in a block, a title or a
//! metadata line has its runs of the other direction isolated
//! ([`isolate_runs`]: tokens, not letters) so punctuation stays put.

use serde::Serialize;

use std::collections::HashSet;

use super::fonts::{ArabicFace, FaceMetrics};
use super::links::is_linkable;
use super::model::{plain, Align, Article, Block, Inline};
use super::report::ArticleReport;
use crate::config::{Bilingual, Lang, MonthNames, NestedNumbering, Numerals, Parallel, StyleConfig};
use crate::text::language;
use crate::text::months::{Calendar, MONTHS};
pub use crate::text::runs::Dir;
use crate::text::runs::{isolate_runs, isolate_whole};

fn dir_of(lang: Lang) -> Dir {
    match lang {
        Lang::Ar => Dir::Rtl,
        Lang::En => Dir::Ltr,
    }
}

/// An inline as the template reads it: text isolated for its block's
/// direction, footnotes resolved to their content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum InlineData {
    Text {
        text: String,
    },
    Emph {
        children: Vec<InlineData>,
    },
    Strong {
        children: Vec<InlineData>,
    },
    Strike {
        children: Vec<InlineData>,
    },
    /// Code and math: left to right in the code face, never isolated in
    /// the data (the template isolates them), so their text stays exact.
    Code {
        text: String,
    },
    Math {
        text: String,
    },
    Link {
        url: String,
        children: Vec<InlineData>,
    },
    Image {
        src: String,
        alt: String,
    },
    /// A page footnote, the first time its label is referenced.
    Footnote {
        key: String,
        dir: Dir,
        blocks: Vec<BlockData>,
    },
    /// The same footnote referenced again: its number, no second entry.
    Again {
        key: String,
    },
    Break,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemData {
    pub task: Option<bool>,
    pub blocks: Vec<BlockData>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellData {
    pub dir: Dir,
    pub inlines: Vec<InlineData>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockData {
    Heading {
        /// The heading's level in the book: 2 for the article's top
        /// sections (its title is 1), never more than one below the
        /// heading before it (see [`outline_levels`]).
        level: u8,
        dir: Dir,
        inlines: Vec<InlineData>,
    },
    Paragraph {
        dir: Dir,
        inlines: Vec<InlineData>,
    },
    Quote {
        dir: Dir,
        alert: Option<&'static str>,
        blocks: Vec<BlockData>,
    },
    List {
        dir: Dir,
        ordered: bool,
        start: u64,
        items: Vec<ItemData>,
    },
    Code {
        text: String,
        lang: Option<String>,
    },
    /// Columns run in `dir`; each cell is laid out in its own direction.
    Table {
        dir: Dir,
        align: Vec<Align>,
        head: Vec<CellData>,
        rows: Vec<Vec<CellData>>,
    },
    Figure {
        dir: Dir,
        src: String,
        caption: Vec<InlineData>,
    },
    Rule,
}

/// One reference: a citation laid out in its own direction, with its link.
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub dir: Dir,
    pub inlines: Vec<InlineData>,
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
    /// The keys of footnotes that read left to right.
    pub ltr_notes: Vec<String>,
    /// Which block of the model each of `blocks` comes from, in order (the
    /// footnotes that close it come after these), to set a translation
    /// level with it.
    #[serde(skip)]
    pub origin: Vec<usize>,
    /// Its translation, set beside it (see [`parallel`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel: Option<ParallelData>,
}

/// An article's translation and the rows the two are set in. The article's
/// `blocks` hold both sides, its own and then the translation's (whose
/// `blocks` are left empty), so a template that knows nothing of pairs
/// still sets both, one after the other; row `k` holds blocks `[a, b)`
/// (Arabic, the right column or page) and `[c, d)` (English, the left),
/// their tops level. `layout` says whether the sides are columns of one
/// page or facing pages.
#[derive(Debug, Clone, Serialize)]
pub struct ParallelData {
    pub layout: Parallel,
    pub translation: Box<ArticleData>,
    pub rows: Vec<[usize; 4]>,
}

/// `first` with `second` set beside it, in the rows given as ranges of the
/// two models' blocks; each model block's rendered blocks go where it goes.
/// Every rendered block lands in one row: the footnotes that close either
/// article go in the last.
pub fn parallel(mut first: ArticleData, mut second: ArticleData, rows: &[super::pairs::Row], layout: Parallel) -> ArticleData {
    // `origin` is in order: a row's blocks are found by halving, so a long
    // article costs rows × log(blocks).
    let span = |data: &ArticleData, r: &std::ops::Range<usize>, last: bool| {
        let start = data.origin.partition_point(|o| *o < r.start);
        let end = data.origin.partition_point(|o| *o < r.end);
        match start < end {
            true if last => (start, data.blocks.len()),
            true => (start, end),
            false if last => (data.origin.len(), data.blocks.len()),
            false => (0, 0),
        }
    };
    let n = rows.len();
    // The translation's blocks follow the article's.
    let offset = first.blocks.len();
    let mut out: Vec<[usize; 4]> = rows
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let (a, b) = span(&first, &row.first, k + 1 == n);
            let (c, d) = span(&second, &row.second, k + 1 == n);
            [a, b, c + offset, d + offset]
        })
        .collect();
    if out.is_empty() {
        out.push([0, offset, offset, offset + second.blocks.len()]);
    }
    first.blocks.append(&mut second.blocks);
    first.ltr_notes.extend(second.ltr_notes.iter().cloned());
    first.parallel = Some(ParallelData { layout, translation: Box::new(second), rows: out });
    first
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Heading { inlines, .. } | Block::Paragraph { inlines } => plain(inlines),
        Block::Quote { blocks, .. } => blocks_text(blocks),
        Block::List { items, .. } => items.iter().map(|i| blocks_text(&i.blocks)).collect::<Vec<_>>().join(" "),
        Block::Code { text, .. } => text.clone(),
        Block::Table { head, rows, .. } => head.iter().chain(rows.iter().flatten()).map(|c| plain(c)).collect::<Vec<_>>().join(" "),
        Block::Figure { alt, .. } => plain(alt),
        Block::Rule => String::new(),
    }
}

fn blocks_text(bs: &[Block]) -> String {
    bs.iter().map(block_text).collect::<Vec<_>>().join(" ")
}

/// Turns one article's model into data: decides directions, isolates runs
/// and places each footnote at its first reference.
struct Renderer<'a> {
    article: &'a Article,
    id: String,
    used: HashSet<String>,
    ltr_notes: Vec<String>,
}

impl Renderer<'_> {
    /// The same inlines, their text isolated for a block of direction `base`.
    /// A link to anything but a web page or an e-mail address is shown as
    /// its text only ([`is_linkable`]).
    fn inlines(&mut self, xs: &[Inline], base: Dir) -> Vec<InlineData> {
        let mut out = Vec::with_capacity(xs.len());
        for x in xs {
            match x {
                Inline::Link { url, children } if !is_linkable(url) => out.extend(self.inlines(children, base)),
                x => out.push(self.inline(x, base)),
            }
        }
        out
    }

    fn inline(&mut self, x: &Inline, base: Dir) -> InlineData {
        match x {
            Inline::Text { text } => InlineData::Text { text: isolate_runs(text, base) },
            Inline::Emph { children } => InlineData::Emph { children: self.inlines(children, base) },
            Inline::Strong { children } => InlineData::Strong { children: self.inlines(children, base) },
            Inline::Strike { children } => InlineData::Strike { children: self.inlines(children, base) },
            Inline::Code { text } => InlineData::Code { text: text.clone() },
            Inline::Math { text } => InlineData::Math { text: text.clone() },
            Inline::Link { url, children } => InlineData::Link { url: url.clone(), children: self.inlines(children, base) },
            Inline::Image { url, alt, .. } => InlineData::Image { src: url.clone(), alt: plain(alt) },
            Inline::Break => InlineData::Break,
            Inline::Note { label } => self.note(label, base),
        }
    }

    fn note(&mut self, label: &str, base: Dir) -> InlineData {
        let key = format!("{}-note-{label}", self.id);
        let Some(def) = self.article.notes.get(label) else {
            return InlineData::Text { text: format!("[^{label}]") };
        };
        if !self.used.insert(label.to_string()) {
            return InlineData::Again { key };
        }
        let dir = language::direction(&blocks_text(def), base);
        if dir == Dir::Ltr {
            self.ltr_notes.push(key.clone());
        }
        let blocks = def.iter().map(|b| self.block(b, dir)).collect();
        InlineData::Footnote { key, dir, blocks }
    }

    /// A cell in its own direction; one without letters (`+3`, `45%`,
    /// `2022-01-05`) reads left to right, as numbers do.
    fn cell(&mut self, c: &[Inline], fallback: Dir) -> CellData {
        let text = plain(c);
        let dir = if text.chars().any(char::is_alphabetic) { language::direction(&text, fallback) } else { Dir::Ltr };
        CellData { dir, inlines: self.inlines(c, dir) }
    }

    fn block(&mut self, b: &Block, fallback: Dir) -> BlockData {
        let dir = language::direction(&block_text(b), fallback);
        match b {
            Block::Heading { level, inlines: xs } => BlockData::Heading { level: *level, dir, inlines: self.inlines(xs, dir) },
            Block::Paragraph { inlines: xs } => BlockData::Paragraph { dir, inlines: self.inlines(xs, dir) },
            Block::Quote { alert, blocks } => {
                BlockData::Quote { dir, alert: *alert, blocks: blocks.iter().map(|b| self.block(b, dir)).collect() }
            }
            Block::List { ordered, start, items } => BlockData::List {
                dir,
                ordered: *ordered,
                start: *start,
                items: items
                    .iter()
                    .map(|item| ItemData { task: item.task, blocks: item.blocks.iter().map(|b| self.block(b, dir)).collect() })
                    .collect(),
            },
            Block::Code { text, lang } => BlockData::Code { text: text.clone(), lang: lang.clone() },
            Block::Table { align, head, rows } => BlockData::Table {
                dir,
                align: align.clone(),
                head: head.iter().map(|c| self.cell(c, dir)).collect(),
                rows: rows.iter().map(|r| r.iter().map(|c| self.cell(c, dir)).collect()).collect(),
            },
            Block::Figure { url, alt, .. } => BlockData::Figure { dir, src: url.clone(), caption: self.inlines(alt, dir) },
            Block::Rule => BlockData::Rule,
        }
    }
}

/// The dossier's typography as the template reads it: the body setting of
/// its Arabic face and the `[style]` choices, with the month names its
/// dates are written with.
#[derive(Debug, Clone, Serialize)]
pub struct StyleData {
    #[serde(flatten)]
    pub metrics: FaceMetrics,
    pub numerals: Numerals,
    pub nested_lists: NestedNumbering,
    /// January to December, as an Arabic date names them.
    pub months_ar: Vec<String>,
    pub months_en: [&'static str; 12],
}

pub fn style(face: ArabicFace, config: &StyleConfig) -> StyleData {
    // The first spelling of each month in the cleanup's list is the
    // standard one (`آذار`, not `اذار`).
    let name =
        |month: u8, calendar: Calendar| MONTHS.iter().find(|&&(_, m, c)| m == month && c == calendar).map(|&(n, ..)| n).unwrap_or_default();
    let months_ar = (1..=12)
        .map(|m| match config.months {
            MonthNames::Gregorian => name(m, Calendar::Gregorian).to_string(),
            MonthNames::Levantine => name(m, Calendar::Levantine).to_string(),
            MonthNames::Both => format!("{}/{}", name(m, Calendar::Levantine), name(m, Calendar::Gregorian)),
        })
        .collect();
    StyleData {
        metrics: face.metrics(),
        numerals: config.numerals,
        nested_lists: config.nested_lists,
        months_ar,
        months_en: [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    }
}

/// Headings that open an article's references section.
const REFERENCE_HEADINGS: &[&str] = &["المراجع", "المصادر", "References", "Sources", "Bibliography"];

pub fn article(a: &Article, index: usize) -> ArticleData {
    let base = dir_of(a.lang);
    let id = format!("article-{}", index + 1);
    let mut r = Renderer { article: a, id: id.clone(), used: HashSet::new(), ltr_notes: Vec::new() };
    let mut blocks = Vec::new();
    let mut origin = Vec::new();
    let mut references = Vec::new();
    let mut iter = a.blocks.iter().enumerate().peekable();
    while let Some((at, b)) = iter.next() {
        // A references heading followed by a list: the article's references,
        // each laid out in its own direction (English citations left to right).
        if let Block::Heading { inlines: xs, .. } = b {
            let title = plain(xs);
            if REFERENCE_HEADINGS.iter().any(|h| title.trim().trim_end_matches(':') == *h) {
                if let Some((_, Block::List { items, .. })) = iter.peek() {
                    for item in items {
                        let text: String = item.blocks.iter().map(block_text).collect::<Vec<_>>().join(" ");
                        let dir = language::direction(&text, Dir::Ltr);
                        let xs: Vec<Inline> = item
                            .blocks
                            .iter()
                            .flat_map(|b| if let Block::Paragraph { inlines } = b { inlines.clone() } else { Vec::new() })
                            .collect();
                        references.push(Reference { dir, inlines: r.inlines(&xs, dir) });
                    }
                    iter.next();
                    continue;
                }
            }
        }
        blocks.push(r.block(b, base));
        origin.push(at);
    }
    // A footnote defined but never referenced is still the author's text:
    // it closes the article, after a rule.
    let mut unused: Vec<&String> = a.notes.keys().filter(|l| !r.used.contains(*l)).collect();
    unused.sort();
    if !unused.is_empty() {
        blocks.push(BlockData::Rule);
        for label in unused {
            for b in &a.notes[label] {
                blocks.push(r.block(b, base));
            }
        }
    }
    outline_levels(&mut blocks);
    ArticleData {
        id,
        lang: a.lang,
        dir: base,
        title: Bi::of(&a.meta.title),
        source: Bi::of(&a.meta.source),
        // Author and credit sit in lines of the article's direction, next
        // to other fields: a name in the other script is a run.
        author: a.meta.author.as_deref().map(|s| isolate_runs(s, base)),
        date: a.meta.date.clone(),
        // Only a web or mail address is passed on (a template links it);
        // any other is listed in the editorial notes instead.
        url: a.meta.url.clone().filter(|u| is_linkable(u)),
        credit: a.meta.credit.as_deref().map(|s| isolate_runs(s, base)),
        bio: a.meta.bio.as_deref().map(|b| isolate_runs(b, Dir::of_text(b, base))),
        blocks,
        references,
        ltr_notes: r.ltr_notes,
        origin,
        parallel: None,
    }
}

/// Markdown heading levels as the book's: the article's title is level
/// one, its `#` and `##` sections are level two, `###` level three and so
/// on to five, and no level is skipped on the way down (`##` then `####`
/// are two then three), as PDF/UA and screen readers require. Linear: one
/// pass over the article's top-level blocks.
fn outline_levels(blocks: &mut [BlockData]) {
    let mut last = 1u8;
    for b in blocks {
        if let BlockData::Heading { level, .. } = b {
            *level = (*level).clamp(2, 5).min(last + 1);
            last = *level;
        }
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
    shown.notes = report.notes.iter().map(|n| isolate_runs(n, Dir::Ltr)).collect();
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
    use crate::config::ArticleMeta;
    use crate::publish::model;

    fn article(md: &str, lang: Lang) -> ArticleData {
        let p = model::blocks(md);
        let a = Article {
            name: "a.md".into(),
            meta: ArticleMeta::default(),
            lang,
            blocks: p.blocks,
            lines: p.lines,
            marks: p.marks,
            notes: p.notes,
        };
        super::article(&a, 0)
    }

    #[test]
    fn a_parallel_article_sets_every_block_once_in_order() {
        use crate::publish::pairs::{align, Side};
        // References (taken out of the blocks) and an unused footnote (added at the end) on one side.
        let ar = "فقرة.\n\n## المراجع\n\n- مرجع\n\nفقرة ثانية.\n\n[^x]: حاشية.\n";
        let en = "One.\n\nTwo.\n\nThree.\n";
        let side = |md: &str| {
            let p = model::blocks(md);
            let headings = p.blocks.iter().map(|b| matches!(b, Block::Heading { .. })).collect();
            Side { headings, lines: p.lines, marks: p.marks }
        };
        let (rows, _) = align(&side(ar), &side(en));
        let (first, second) = (article(ar, Lang::Ar), article(en, Lang::En));
        let (n1, n2) = (first.blocks.len(), second.blocks.len());
        let both = parallel(first, second, &rows, Parallel::Columns);
        // Both sides in the article's blocks, so a template that knows
        // nothing of pairs still sets both.
        assert_eq!(both.blocks.len(), n1 + n2);
        let set = both.parallel.unwrap();
        assert!(set.translation.blocks.is_empty());
        for (pick, from, n) in [((0, 1), 0, n1), ((2, 3), n1, n1 + n2)] {
            let mut next = from;
            for r in &set.rows {
                let (a, b) = (r[pick.0], r[pick.1]);
                if a < b {
                    assert_eq!(a, next, "rows {:?}", set.rows);
                    next = b;
                }
            }
            assert_eq!(next, n, "every block is set: rows {:?}", set.rows);
        }
    }

    #[test]
    fn blocks_isolate_by_their_own_direction() {
        let a = article("قال @KassymJomart إن شبكات 5G جاهزة.\n\nThe hashtag #كازاخستان trended.\n", Lang::En);
        let BlockData::Paragraph { dir, inlines } = &a.blocks[0] else { panic!() };
        assert_eq!(*dir, Dir::Rtl);
        assert_eq!(
            inlines,
            &vec![InlineData::Text { text: "قال \u{2066}@KassymJomart\u{2069} إن شبكات \u{2066}5G\u{2069} جاهزة.".into() }]
        );
        let BlockData::Paragraph { dir, inlines } = &a.blocks[1] else { panic!() };
        assert_eq!(*dir, Dir::Ltr);
        assert_eq!(inlines, &vec![InlineData::Text { text: "The hashtag \u{2067}#كازاخستان\u{2069} trended.".into() }]);
    }

    #[test]
    fn footnotes_sit_at_their_first_reference_in_their_own_direction() {
        let a = article("نص أول[^a] ونص ثان[^a] وثالث[^x].\n\n[^a]: An English note.\n\n[^b]: حاشية لا يشار إليها.\n", Lang::Ar);
        let BlockData::Paragraph { inlines, .. } = &a.blocks[0] else { panic!() };
        let InlineData::Footnote { key, dir, blocks } = &inlines[1] else { panic!("{inlines:?}") };
        assert_eq!((key.as_str(), *dir, blocks.len()), ("article-1-note-a", Dir::Ltr, 1));
        assert_eq!(inlines[3], InlineData::Again { key: "article-1-note-a".into() });
        assert!(inlines.iter().any(|i| matches!(i, InlineData::Text { text } if text.contains("[^x]"))), "{inlines:?}");
        // The unreferenced note is kept, after a rule.
        assert!(matches!(a.blocks[1], BlockData::Rule));
        assert!(matches!(&a.blocks[2], BlockData::Paragraph { dir: Dir::Rtl, .. }));
    }

    /// Issue 19: a block led by an Arabic word is right to left however many
    /// English terms it holds, in an English article too; so is a footnote
    /// holding a URL, and a cell led by an Arabic word.
    #[test]
    fn arabic_led_blocks_are_right_to_left() {
        let md = "- دعم JSON export mode\n\n### تغيير User-Agent\n\nنص[^u].\n\n[^u]: انظر https://example.com/docs/api/v2/index.html\n\n| عمود |\n|---|\n| دعم JSON export |\n";
        let a = article(md, Lang::En);
        assert!(matches!(&a.blocks[0], BlockData::List { dir: Dir::Rtl, .. }), "{:?}", a.blocks[0]);
        assert!(matches!(&a.blocks[1], BlockData::Heading { dir: Dir::Rtl, .. }), "{:?}", a.blocks[1]);
        let BlockData::Paragraph { inlines, .. } = &a.blocks[2] else { panic!() };
        assert!(inlines.iter().any(|i| matches!(i, InlineData::Footnote { dir: Dir::Rtl, .. })), "{inlines:?}");
        let BlockData::Table { rows, .. } = &a.blocks[3] else { panic!("{:?}", a.blocks[3]) };
        assert_eq!(rows[0][0].dir, Dir::Rtl);
    }

    #[test]
    fn dates_name_months_in_the_calendar_asked_for() {
        let both = style(ArabicFace::NotoNaskh, &StyleConfig::default());
        assert_eq!((both.months_ar[0].as_str(), both.months_ar[2].as_str()), ("كانون الثاني/يناير", "آذار/مارس"));
        let levantine = style(ArabicFace::Amiri, &StyleConfig { months: MonthNames::Levantine, ..StyleConfig::default() });
        assert_eq!((levantine.months_ar[3].as_str(), levantine.months_ar[11].as_str()), ("نيسان", "كانون الأول"));
        let gregorian = style(ArabicFace::NotoNaskh, &StyleConfig { months: MonthNames::Gregorian, ..StyleConfig::default() });
        assert_eq!(gregorian.months_ar.iter().filter(|m| m.is_empty() || m.contains('/')).count(), 0);
        assert!(levantine.metrics.size > both.metrics.size, "Amiri is set larger");
    }

    #[test]
    fn heading_levels_follow_the_title_without_gaps() {
        let a = article("## A\n\n#### B\n\n##### C\n\n# D\n\n### E\n", Lang::En);
        let levels: Vec<u8> =
            a.blocks.iter().filter_map(|b| if let BlockData::Heading { level, .. } = b { Some(*level) } else { None }).collect();
        assert_eq!(levels, vec![2, 3, 4, 2, 3]);
    }

    #[test]
    fn table_cells_take_their_own_direction() {
        let a = article("| البلد | Capital |\n|---|:-:|\n| كازاخستان | Astana |\n| مصر | القاهرة |\n", Lang::Ar);
        let BlockData::Table { dir, align, head, rows } = &a.blocks[0] else { panic!() };
        assert_eq!((*dir, align.as_slice()), (Dir::Rtl, [Align::None, Align::Center].as_slice()));
        assert_eq!(head.iter().map(|c| c.dir).collect::<Vec<_>>(), vec![Dir::Rtl, Dir::Ltr]);
        assert_eq!(rows[0].iter().map(|c| c.dir).collect::<Vec<_>>(), vec![Dir::Rtl, Dir::Ltr]);
        assert_eq!(rows[1][1].dir, Dir::Rtl);
    }
}
