//! The article model: what the template lays out, built from markdown
//! (pulldown-cmark events, never regexes). Every CommonMark and GFM
//! construct pulldown-cmark reports becomes a block or an inline carried as
//! data; what cannot be drawn (raw HTML, math) is kept as [`Undrawn`], with
//! its line, for the editorial notes.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Tag, TagEnd};
use serde::Serialize;

use crate::config::{ArticleMeta, Lang};
use crate::text::locate::Locator;

/// The markdown dossier reads (math is listed as undrawn).
pub const OPTIONS: Options = crate::files::format::MARKDOWN;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Inline {
    Text {
        text: String,
    },
    Emph {
        children: Vec<Inline>,
    },
    Strong {
        children: Vec<Inline>,
    },
    Strike {
        children: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        url: String,
        children: Vec<Inline>,
    },
    /// An image inside a line (a badge in a link): drawn at text height.
    /// `url` is the markdown's until prepare puts the built file there.
    Image {
        url: String,
        alt: Vec<Inline>,
        #[serde(skip)]
        line: usize,
    },
    /// A footnote reference; its definition is found when the article is
    /// read through (a definition may follow its reference).
    Note {
        label: String,
    },
    /// Math as its source, in the code face (Typst math is not markdown's).
    Math {
        text: String,
    },
    Break,
}

/// Column alignment of a GFM table (`:--`, `:-:`, `--:`); `none` follows
/// each cell's own direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// `Some(done)` for a task list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Heading {
        level: u8,
        inlines: Vec<Inline>,
    },
    Paragraph {
        inlines: Vec<Inline>,
    },
    /// A block quote; `alert` is a GFM alert's kind (`note`, `warning`, …).
    Quote {
        alert: Option<&'static str>,
        blocks: Vec<Block>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Item>,
    },
    Code {
        text: String,
        lang: Option<String>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// An image alone in its paragraph: a figure, its alt text the caption.
    Figure {
        url: String,
        alt: Vec<Inline>,
        line: usize,
    },
    Rule,
}

/// Something in the markdown that cannot be drawn, with its line in the
/// markdown the model was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undrawn {
    pub line: usize,
    /// `raw HTML` or `math`.
    pub what: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file it came from, relative to the dossier.
    pub name: String,
    pub meta: ArticleMeta,
    pub lang: Lang,
    pub blocks: Vec<Block>,
    /// Each block's line in the author's file.
    pub lines: Vec<usize>,
    /// `<!-- pair -->` marks, by the index of the block they stand before.
    pub marks: Vec<usize>,
    /// Footnote definitions by label.
    pub notes: HashMap<String, Vec<Block>>,
}

/// A markdown body read into blocks.
#[derive(Debug, Default)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    /// The line (1-based, in the markdown) where each of `blocks` starts.
    pub lines: Vec<usize>,
    /// Where an `<!-- pair -->` comment stands: before the block of that
    /// index (its translation is set level with it).
    pub marks: Vec<usize>,
    pub notes: HashMap<String, Vec<Block>>,
    pub undrawn: Vec<Undrawn>,
}

/// The plain text of some inlines.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } | Inline::Math { text } => out.push_str(text),
            Inline::Emph { children } | Inline::Strong { children } | Inline::Strike { children } | Inline::Link { children, .. } => {
                out.push_str(&plain(children))
            }
            Inline::Image { alt, .. } => out.push_str(&plain(alt)),
            Inline::Break => out.push(' '),
            Inline::Note { .. } => {}
        }
    }
    out
}

/// Build the block model of `markdown` (no front matter).
pub fn blocks(markdown: &str) -> Parsed {
    blocks_checked(markdown, |_, _| Ok::<(), std::convert::Infallible>(())).unwrap_or_else(|never| match never {})
}

/// [`blocks`], in the same parse showing each event to `check` first: the
/// build refuses what it cannot lay out (see `prepare::Bounds`) before the
/// model holds it, without reading the markdown twice.
pub fn blocks_checked<E>(markdown: &str, mut check: impl FnMut(&Event, &Range<usize>) -> Result<(), E>) -> Result<Parsed, E> {
    let mut builder = Builder { locator: Some(Locator::new(markdown)), ..Builder::default() };
    for (event, range) in crate::files::format::parse_markdown(markdown, OPTIONS) {
        check(&event, &range)?;
        builder.event(event, range);
    }
    let undrawn = std::mem::take(&mut builder.undrawn);
    let notes = std::mem::take(&mut builder.notes);
    let (lines, marks) = (std::mem::take(&mut builder.lines), std::mem::take(&mut builder.marks));
    Ok(Parsed { blocks: builder.finish(), lines, marks, notes, undrawn })
}

/// A block being built, innermost last.
#[derive(Debug)]
enum Frame {
    Blocks(Vec<Block>),
    Quote(Option<&'static str>, Vec<Block>),
    List { ordered: bool, start: u64, items: Vec<Item> },
    Item(Option<bool>, Vec<Block>),
    Note(String, Vec<Block>),
    Table { align: Vec<Align>, head: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>> },
    Row(Vec<Vec<Inline>>),
    Inlines { kind: InlineKind, inlines: Vec<Inline> },
    Code(String, Option<String>),
}

#[derive(Debug, Clone)]
enum InlineKind {
    Paragraph,
    Heading(u8),
    Emph,
    Strong,
    Strike,
    Link(String),
    Image(String, usize),
    Cell,
    /// A tight list item's text, which has no paragraph of its own.
    Tight,
}

impl InlineKind {
    fn is_span(&self) -> bool {
        matches!(self, InlineKind::Emph | InlineKind::Strong | InlineKind::Strike | InlineKind::Link(_) | InlineKind::Image(..))
    }

    /// Which of the styles that can nest this is (see [`Builder::start`]).
    fn style(&self) -> Option<usize> {
        match self {
            InlineKind::Emph => Some(0),
            InlineKind::Strong => Some(1),
            InlineKind::Strike => Some(2),
            InlineKind::Link(_) => Some(3),
            InlineKind::Image(..) => Some(4),
            _ => None,
        }
    }
}

/// The style a span's end closes.
fn style_of_end(tag: &TagEnd) -> Option<usize> {
    match tag {
        TagEnd::Emphasis => Some(0),
        TagEnd::Strong => Some(1),
        TagEnd::Strikethrough => Some(2),
        TagEnd::Link => Some(3),
        TagEnd::Image => Some(4),
        _ => None,
    }
}

/// Append `inline`, merging it into the last one when both are text, or
/// both the same style (adjacent runs of one style are one run).
fn append(inlines: &mut Vec<Inline>, inline: Inline) {
    match (inlines.last_mut(), inline) {
        (Some(Inline::Text { text }), Inline::Text { text: new }) => text.push_str(&new),
        (Some(Inline::Emph { children }), Inline::Emph { children: new })
        | (Some(Inline::Strong { children }), Inline::Strong { children: new })
        | (Some(Inline::Strike { children }), Inline::Strike { children: new }) => {
            for c in new {
                append(children, c);
            }
        }
        (Some(Inline::Link { url, children }), Inline::Link { url: new_url, children: new }) if *url == new_url => {
            for c in new {
                append(children, c);
            }
        }
        (_, inline) => inlines.push(inline),
    }
}

#[derive(Default)]
struct Builder<'a> {
    stack: Vec<Frame>,
    notes: HashMap<String, Vec<Block>>,
    undrawn: Vec<Undrawn>,
    locator: Option<Locator<'a>>,
    /// Open spans of each style, and how many were opened inside one of
    /// the same style and flattened into it: `***…a…***` must not nest
    /// thousands deep (see [`Builder::start`]).
    open: [usize; 5],
    flat: [usize; 5],
    /// The line of the top-level event being read, and of each top-level
    /// block pushed (see [`Parsed::lines`]).
    top_line: usize,
    lines: Vec<usize>,
    marks: Vec<usize>,
}

/// The comment that makes a pairing point (see [`Parsed::marks`]).
pub const PAIR_MARK: &str = "<!-- pair -->";

impl<'a> Builder<'a> {
    fn line(&mut self, offset: usize) -> usize {
        self.locator.as_mut().map_or(0, |l| l.position(offset).line)
    }

    /// Nothing is open but the article's own list of blocks.
    fn at_top(&self) -> bool {
        matches!(self.stack.as_slice(), [] | [Frame::Blocks(_)])
    }

    fn push_block(&mut self, block: Block) {
        if self.at_top() {
            self.lines.push(self.top_line);
        }
        match self.stack.last_mut() {
            Some(Frame::Blocks(b) | Frame::Quote(_, b) | Frame::Item(_, b) | Frame::Note(_, b)) => b.push(block),
            _ => self.stack.push(Frame::Blocks(vec![block])),
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        if !matches!(self.stack.last(), Some(Frame::Inlines { .. })) {
            self.stack.push(Frame::Inlines { kind: InlineKind::Tight, inlines: Vec::new() });
        }
        if let Some(Frame::Inlines { inlines, .. }) = self.stack.last_mut() {
            // Merge adjacent text so direction runs see whole sentences.
            append(inlines, inline);
        }
    }

    /// Close a pending tight-item text run before a block starts or ends.
    fn close_tight(&mut self) {
        if let Some(Frame::Inlines { kind: InlineKind::Tight, .. }) = self.stack.last() {
            if let Some(Frame::Inlines { inlines, .. }) = self.stack.pop() {
                self.paragraph(inlines);
            }
        }
    }

    /// A paragraph; the images standing in it on their own become figures.
    fn paragraph(&mut self, inlines: Vec<Inline>) {
        let blank = |i: &Inline| matches!(i, Inline::Break) || matches!(i, Inline::Text { text } if text.trim().is_empty());
        let only_images = inlines.iter().any(|i| matches!(i, Inline::Image { .. }))
            && inlines.iter().all(|i| matches!(i, Inline::Image { .. }) || blank(i));
        if !only_images {
            if !inlines.iter().all(blank) {
                self.push_block(Block::Paragraph { inlines });
            }
            return;
        }
        for i in inlines {
            if let Inline::Image { url, alt, line } = i {
                self.push_block(Block::Figure { url, alt, line });
            }
        }
    }

    fn undrawn(&mut self, what: &'static str, text: &str, at: usize) {
        let line = self.line(at);
        self.undrawn.push(Undrawn { line, what, text: text.trim().to_string() });
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        if self.at_top() {
            self.top_line = self.line(range.start);
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => match self.stack.last_mut() {
                Some(Frame::Code(code, _)) => code.push_str(&t),
                _ => self.push_inline(Inline::Text { text: t.into_string() }),
            },
            Event::Code(t) => self.push_inline(Inline::Code { text: t.into_string() }),
            Event::SoftBreak => self.push_inline(Inline::Text { text: " ".into() }),
            Event::HardBreak => self.push_inline(Inline::Break),
            Event::Html(h) | Event::InlineHtml(h) => {
                // Comments are the author's notes to themselves (and
                // dossier-ignore directives): not meant to be seen.
                let t = h.trim();
                if t == PAIR_MARK && self.at_top() {
                    self.marks.push(self.lines.len());
                }
                if !t.is_empty() && !t.starts_with("<!--") {
                    self.undrawn("raw HTML", t, range.start);
                }
            }
            Event::Rule => {
                self.close_tight();
                self.push_block(Block::Rule);
            }
            Event::FootnoteReference(label) => self.push_inline(Inline::Note { label: label.into_string() }),
            Event::TaskListMarker(done) => {
                if let Some(Frame::Item(task, _)) = self.stack.iter_mut().rev().find(|f| matches!(f, Frame::Item(..))) {
                    *task = Some(done);
                }
            }
            Event::InlineMath(m) => {
                self.undrawn("math", &format!("${m}$"), range.start);
                self.push_inline(Inline::Math { text: format!("${m}$") });
            }
            Event::DisplayMath(m) => {
                self.undrawn("math", &format!("$${m}$$"), range.start);
                self.push_inline(Inline::Math { text: format!("$${m}$$") });
            }
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        let frame = match tag {
            Tag::Paragraph => Frame::Inlines { kind: InlineKind::Paragraph, inlines: Vec::new() },
            Tag::Heading { level, .. } => Frame::Inlines { kind: InlineKind::Heading(heading_level(level)), inlines: Vec::new() },
            Tag::BlockQuote(kind) => Frame::Quote(kind.map(alert), Vec::new()),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                Frame::Code(String::new(), lang)
            }
            Tag::List(start) => Frame::List { ordered: start.is_some(), start: start.unwrap_or(1), items: Vec::new() },
            Tag::Item => Frame::Item(None, Vec::new()),
            Tag::FootnoteDefinition(label) => Frame::Note(label.into_string(), Vec::new()),
            Tag::Table(align) => Frame::Table { align: align.into_iter().map(align_of).collect(), head: Vec::new(), rows: Vec::new() },
            Tag::TableHead | Tag::TableRow => Frame::Row(Vec::new()),
            Tag::TableCell => Frame::Inlines { kind: InlineKind::Cell, inlines: Vec::new() },
            Tag::Emphasis => Frame::Inlines { kind: InlineKind::Emph, inlines: Vec::new() },
            Tag::Strong => Frame::Inlines { kind: InlineKind::Strong, inlines: Vec::new() },
            Tag::Strikethrough => Frame::Inlines { kind: InlineKind::Strike, inlines: Vec::new() },
            Tag::Link { dest_url, .. } => Frame::Inlines { kind: InlineKind::Link(dest_url.into_string()), inlines: Vec::new() },
            Tag::Image { dest_url, .. } => {
                let line = self.line(range.start);
                Frame::Inlines { kind: InlineKind::Image(dest_url.into_string(), line), inlines: Vec::new() }
            }
            // HTML blocks arrive as Html events (listed); metadata blocks
            // are split off before; definition lists are not enabled.
            _ => return,
        };
        if !matches!(&frame, Frame::Inlines { kind, .. } if kind.is_span()) {
            self.close_tight();
        }
        // A style opened inside the same style adds nothing on the page
        // (emphasis in emphasis, a link in a link, an image in an image's
        // text): its text joins the outer one, so spans nest at most five
        // deep whatever the input.
        if let Frame::Inlines { kind, .. } = &frame {
            if let Some(k) = kind.style() {
                if self.open[k] > 0 {
                    self.flat[k] += 1;
                    return;
                }
                self.open[k] += 1;
            }
        }
        self.stack.push(frame);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::TableCell => {
                if let Some(k) = style_of_end(&tag) {
                    // The innermost of a style is a flattened one while any is.
                    if self.flat[k] > 0 {
                        self.flat[k] -= 1;
                        return;
                    }
                    self.open[k] = self.open[k].saturating_sub(1);
                }
                let Some(Frame::Inlines { kind, inlines }) = self.stack.pop() else { return };
                match kind {
                    InlineKind::Paragraph | InlineKind::Tight => self.paragraph(inlines),
                    InlineKind::Heading(level) => self.push_block(Block::Heading { level, inlines }),
                    InlineKind::Emph => self.push_inline(Inline::Emph { children: inlines }),
                    InlineKind::Strong => self.push_inline(Inline::Strong { children: inlines }),
                    InlineKind::Strike => self.push_inline(Inline::Strike { children: inlines }),
                    InlineKind::Link(url) => self.push_inline(Inline::Link { url, children: inlines }),
                    InlineKind::Image(url, line) => self.push_inline(Inline::Image { url, alt: inlines, line }),
                    InlineKind::Cell => {
                        if let Some(Frame::Row(cells)) = self.stack.last_mut() {
                            cells.push(inlines);
                        }
                    }
                }
            }
            TagEnd::BlockQuote(_) => {
                self.close_tight();
                if let Some(Frame::Quote(alert, blocks)) = self.stack.pop() {
                    self.push_block(Block::Quote { alert, blocks });
                }
            }
            TagEnd::CodeBlock => {
                if let Some(Frame::Code(text, lang)) = self.stack.pop() {
                    self.push_block(Block::Code { text: text.trim_end_matches('\n').to_string(), lang });
                }
            }
            TagEnd::Item => {
                self.close_tight();
                if let Some(Frame::Item(task, blocks)) = self.stack.pop() {
                    if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                        items.push(Item { task, blocks });
                    }
                }
            }
            TagEnd::List(_) => {
                self.close_tight();
                if let Some(Frame::List { ordered, start, items }) = self.stack.pop() {
                    self.push_block(Block::List { ordered, start, items });
                }
            }
            TagEnd::FootnoteDefinition => {
                self.close_tight();
                if let Some(Frame::Note(label, blocks)) = self.stack.pop() {
                    self.notes.insert(label, blocks);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let Some(Frame::Row(cells)) = self.stack.pop() else { return };
                if let Some(Frame::Table { head, rows, .. }) = self.stack.last_mut() {
                    if matches!(tag, TagEnd::TableHead) {
                        *head = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table { align, head, rows }) = self.stack.pop() {
                    self.push_block(Block::Table { align, head, rows });
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.close_tight();
        let mut out = Vec::new();
        for frame in self.stack.drain(..) {
            if let Frame::Blocks(b) = frame {
                out.extend(b);
            }
        }
        out
    }
}

fn align_of(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

fn alert(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The text of the first top-level `# H1`, and its index in `blocks`.
pub fn first_h1(blocks: &[Block]) -> Option<(usize, String)> {
    blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Heading { level: 1, inlines } => Some((i, plain(inlines).trim().to_string())),
        _ => None,
    })
}

/// The opening words of the first paragraph, to stand in for a title.
pub fn opening_words(blocks: &[Block], n: usize) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Paragraph { inlines } => {
            let text = plain(inlines);
            let words: Vec<&str> = text.split_whitespace().take(n).collect();
            (!words.is_empty()).then(|| words.join(" "))
        }
        _ => None,
    })
}

/// Every image of some blocks (figures and images inside lines), to
/// resolve or replace: `f` gets the url, the alt text and the line, and
/// returns the new url, or `None` to turn the image into a link to it.
pub fn map_images(blocks: &mut [Block], f: &mut impl FnMut(&str, &[Inline], usize) -> Option<String>) {
    for b in blocks.iter_mut() {
        match b {
            Block::Heading { inlines, .. } | Block::Paragraph { inlines } => map_inline_images(inlines, f),
            Block::Quote { blocks, .. } => map_images(blocks, f),
            Block::List { items, .. } => items.iter_mut().for_each(|i| map_images(&mut i.blocks, f)),
            Block::Table { head, rows, .. } => {
                head.iter_mut().chain(rows.iter_mut().flatten()).for_each(|c| map_inline_images(c, f));
            }
            Block::Figure { url, alt, line } => match f(url, alt, *line) {
                Some(new) => *url = new,
                None => {
                    let link = Inline::Link { url: url.clone(), children: link_text(url, alt) };
                    *b = Block::Paragraph { inlines: vec![link] };
                }
            },
            Block::Code { .. } | Block::Rule => {}
        }
    }
}

fn link_text(url: &str, alt: &[Inline]) -> Vec<Inline> {
    if plain(alt).trim().is_empty() {
        vec![Inline::Text { text: url.to_string() }]
    } else {
        alt.to_vec()
    }
}

fn map_inline_images(xs: &mut [Inline], f: &mut impl FnMut(&str, &[Inline], usize) -> Option<String>) {
    for x in xs.iter_mut() {
        match x {
            Inline::Emph { children } | Inline::Strong { children } | Inline::Strike { children } | Inline::Link { children, .. } => {
                map_inline_images(children, f)
            }
            Inline::Image { url, alt, line } => match f(url, alt, *line) {
                Some(new) => *url = new,
                None => *x = Inline::Link { url: url.clone(), children: link_text(url, alt) },
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn builds_blocks() {
        let p =
            blocks("## عنوان\n\nنص *مائل* و[رابط](https://a.b).\n\n> اقتباس\n\n1. أول\n2. ثان\n\n<b>html</b>\n\n```rust\ncode *x*\n```\n");
        let b = &p.blocks;
        assert_eq!(b[0], Block::Heading { level: 2, inlines: vec![text("عنوان")] });
        assert!(matches!(&b[1], Block::Paragraph { inlines } if inlines.len() == 5));
        assert!(matches!(&b[2], Block::Quote { alert: None, .. }));
        assert!(matches!(&b[3], Block::List { ordered: true, items, .. } if items.len() == 2));
        // Inline HTML: the tags are listed as undrawn (with their line), the text stays.
        assert_eq!(b[4], Block::Paragraph { inlines: vec![text("html")] });
        assert_eq!(b[5], Block::Code { text: "code *x*".into(), lang: Some("rust".into()) });
        let listed: Vec<(usize, &str)> = p.undrawn.iter().map(|u| (u.line, u.text.as_str())).collect();
        assert_eq!(listed, vec![(10, "<b>"), (10, "</b>")]);
    }

    #[test]
    fn gfm_constructs() {
        let md = "| الاسم | Score |\n|:--|--:|\n| علي | 10 |\n| Bob | 9 |\n\n- [ ] todo\n- [x] done\n\n~~old~~ new[^1]\n\n[^1]: A note.\n\n![A chart](img/chart.png)\n\n> [!WARNING]\n> Careful.\n\nSee $x^2$ here.\n";
        let p = blocks(md);
        let b = &p.blocks;
        let Block::Table { align, head, rows } = &b[0] else { panic!("{:?}", b[0]) };
        assert_eq!(align, &vec![Align::Left, Align::Right]);
        assert_eq!(head, &vec![vec![text("الاسم")], vec![text("Score")]]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], vec![vec![text("Bob")], vec![text("9")]]);
        let Block::List { items, .. } = &b[1] else { panic!() };
        assert_eq!(items.iter().map(|i| i.task).collect::<Vec<_>>(), vec![Some(false), Some(true)]);
        assert_eq!(items[0].blocks, vec![Block::Paragraph { inlines: vec![text("todo")] }]);
        assert_eq!(
            b[2],
            Block::Paragraph {
                inlines: vec![Inline::Strike { children: vec![text("old")] }, text(" new"), Inline::Note { label: "1".into() }]
            }
        );
        assert_eq!(p.notes["1"], vec![Block::Paragraph { inlines: vec![text("A note.")] }]);
        assert_eq!(b[3], Block::Figure { url: "img/chart.png".into(), alt: vec![text("A chart")], line: 13 });
        assert!(matches!(&b[4], Block::Quote { alert: Some("warning"), .. }));
        assert_eq!(p.undrawn, vec![Undrawn { line: 18, what: "math", text: "$x^2$".into() }]);
        assert_eq!(b.len(), 6);
    }

    #[test]
    fn nested_lists_and_inline_images() {
        let p = blocks("1. one\n   - a\n   - b\n2. two\n\nA badge [![ci](https://x/b.svg)](https://x) inline.\n");
        let Block::List { items, ordered: true, .. } = &p.blocks[0] else { panic!() };
        assert!(matches!(&items[0].blocks[1], Block::List { ordered: false, items, .. } if items.len() == 2));
        let Block::Paragraph { inlines } = &p.blocks[1] else { panic!() };
        assert!(matches!(&inlines[1], Inline::Link { children, .. } if matches!(children[0], Inline::Image { .. })));
    }

    #[test]
    fn nested_styles_flatten_and_adjacent_runs_merge() {
        fn depth(xs: &[Inline]) -> usize {
            xs.iter()
                .map(|x| match x {
                    Inline::Emph { children }
                    | Inline::Strong { children }
                    | Inline::Strike { children }
                    | Inline::Link { children, .. } => 1 + depth(children),
                    Inline::Image { alt, .. } => 1 + depth(alt),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        let n = 5000;
        for md in [
            format!("{}a{}", "*".repeat(n), "*".repeat(n)),
            format!("x {}a{}", "*~~".repeat(n / 3), "~~*".repeat(n / 3)),
            format!("{}a{}", "[![".repeat(n / 4), "](x)](https://a.b)".repeat(n / 4)),
        ] {
            let p = blocks(&md);
            let Block::Paragraph { inlines } = &p.blocks[0] else { panic!("{:?}", p.blocks) };
            // At most one level of each style, whatever the input's depth.
            assert!(depth(inlines) <= 5, "{md:.40}: {}", depth(inlines));
            assert!(plain(inlines).contains('a'));
        }
        let p = blocks("*a **b *c* d** e* [x *y*](https://a.b)");
        let Block::Paragraph { inlines } = &p.blocks[0] else { panic!() };
        assert_eq!(plain(inlines), "a b c d e x y");
        assert_eq!(inlines.len(), 3, "{inlines:?}");
        let p = blocks("*a*_b_");
        assert_eq!(p.blocks[0], Block::Paragraph { inlines: vec![Inline::Emph { children: vec![text("ab")] }] });
    }

    #[test]
    fn escaped_text_stays_text() {
        let p = blocks("\\#read(\"/etc/passwd\") \\*x\\* \\- \\<b\\>");
        let Block::Paragraph { inlines } = &p.blocks[0] else { panic!() };
        assert_eq!(plain(inlines), "#read(\"/etc/passwd\") *x* - <b>");
    }
}
