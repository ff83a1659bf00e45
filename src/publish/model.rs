//! The article model: what the template lays out, built from markdown
//! (pulldown-cmark events, never regexes). Raw HTML is dropped with a
//! warning; everything else becomes blocks and inlines carried as data.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::{ArticleMeta, Lang};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Inline {
    Text { text: String },
    Emph { children: Vec<Inline> },
    Strong { children: Vec<Inline> },
    Code { text: String },
    Link { url: String, children: Vec<Inline> },
    Break,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Heading { level: u8, inlines: Vec<Inline> },
    Paragraph { inlines: Vec<Inline> },
    Quote { blocks: Vec<Block> },
    List { ordered: bool, start: u64, items: Vec<Vec<Block>> },
    Code { text: String },
    Rule,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file it came from, relative to the dossier.
    pub name: String,
    pub meta: ArticleMeta,
    pub lang: Lang,
    pub blocks: Vec<Block>,
    /// Raw HTML dropped from the markdown, for the report.
    pub dropped_html: Vec<String>,
}

/// The plain text of some inlines.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emph { children } | Inline::Strong { children } | Inline::Link { children, .. } => out.push_str(&plain(children)),
            Inline::Break => out.push(' '),
        }
    }
    out
}

/// Build the block model of `markdown` (no front matter).
pub fn blocks(markdown: &str) -> (Vec<Block>, Vec<String>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder::default();
    for event in Parser::new_ext(markdown, options) {
        builder.event(event);
    }
    let dropped = std::mem::take(&mut builder.dropped_html);
    (builder.finish(), dropped)
}

/// A block being built, innermost last.
#[derive(Debug)]
enum Frame {
    Blocks(Vec<Block>),
    Quote(Vec<Block>),
    List { ordered: bool, start: u64, items: Vec<Vec<Block>> },
    Item(Vec<Block>),
    Inlines { kind: InlineKind, inlines: Vec<Inline> },
    Code(String),
}

#[derive(Debug, Clone)]
enum InlineKind {
    Paragraph,
    Heading(u8),
    Emph,
    Strong,
    Link(String),
    /// A tight list item's text, which has no paragraph of its own.
    Tight,
}

#[derive(Debug, Default)]
struct Builder {
    stack: Vec<Frame>,
    dropped_html: Vec<String>,
    /// Open emphasis, strong and link frames, and how many of each kind
    /// were opened inside one of the same kind and flattened into it: `***…a…***`
    /// must not nest thousands deep (see [`Builder::start`]).
    open: [usize; 3],
    flat: [usize; 3],
}

/// An inline style that can nest: emphasis, strong (and strikethrough), link.
fn style(kind: &InlineKind) -> Option<usize> {
    match kind {
        InlineKind::Emph => Some(0),
        InlineKind::Strong => Some(1),
        InlineKind::Link(_) => Some(2),
        _ => None,
    }
}

/// Append `inline`, merging it into the last one when both are text, or
/// both the same style (adjacent runs of one style are one run).
fn append(inlines: &mut Vec<Inline>, inline: Inline) {
    match (inlines.last_mut(), inline) {
        (Some(Inline::Text { text }), Inline::Text { text: new }) => text.push_str(&new),
        (Some(Inline::Emph { children }), Inline::Emph { children: new })
        | (Some(Inline::Strong { children }), Inline::Strong { children: new }) => {
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

impl Builder {
    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Blocks(b) | Frame::Quote(b) | Frame::Item(b)) => b.push(block),
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
                self.push_block(Block::Paragraph { inlines });
            }
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => match self.stack.last_mut() {
                Some(Frame::Code(code)) => code.push_str(&t),
                _ => self.push_inline(Inline::Text { text: t.into_string() }),
            },
            Event::Code(t) => self.push_inline(Inline::Code { text: t.into_string() }),
            Event::SoftBreak => self.push_inline(Inline::Text { text: " ".into() }),
            Event::HardBreak => self.push_inline(Inline::Break),
            Event::Html(h) | Event::InlineHtml(h) => {
                let h = h.trim();
                if !h.is_empty() && !h.starts_with("<!--") {
                    self.dropped_html.push(h.to_string());
                }
            }
            Event::Rule => {
                self.close_tight();
                self.push_block(Block::Rule);
            }
            Event::FootnoteReference(f) => self.push_inline(Inline::Text { text: format!("[{f}]") }),
            Event::TaskListMarker(done) => self.push_inline(Inline::Text { text: if done { "☑ " } else { "☐ " }.into() }),
            Event::InlineMath(m) | Event::DisplayMath(m) => self.push_inline(Inline::Text { text: m.into_string() }),
        }
    }

    fn start(&mut self, tag: Tag) {
        let frame = match tag {
            Tag::Paragraph => Frame::Inlines { kind: InlineKind::Paragraph, inlines: Vec::new() },
            Tag::Heading { level, .. } => Frame::Inlines { kind: InlineKind::Heading(heading_level(level)), inlines: Vec::new() },
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::CodeBlock(_) => Frame::Code(String::new()),
            Tag::List(start) => Frame::List { ordered: start.is_some(), start: start.unwrap_or(1), items: Vec::new() },
            Tag::Item => Frame::Item(Vec::new()),
            Tag::Emphasis => Frame::Inlines { kind: InlineKind::Emph, inlines: Vec::new() },
            Tag::Strong | Tag::Strikethrough => Frame::Inlines { kind: InlineKind::Strong, inlines: Vec::new() },
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                Frame::Inlines { kind: InlineKind::Link(dest_url.into_string()), inlines: Vec::new() }
            }
            // Tables, footnote definitions, metadata: their text flows as paragraphs.
            Tag::HtmlBlock => return,
            _ => return,
        };
        if !matches!(frame, Frame::Inlines { kind: InlineKind::Emph | InlineKind::Strong | InlineKind::Link(_), .. }) {
            self.close_tight();
        }
        // A style opened inside the same style adds nothing on the page
        // (emphasis in emphasis, a link in a link): its text joins the
        // outer one, so inline nesting stays at most three deep.
        if let Frame::Inlines { kind, .. } = &frame {
            if let Some(k) = style(kind) {
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
            | TagEnd::Image => {
                let k = match tag {
                    TagEnd::Emphasis => Some(0),
                    TagEnd::Strong | TagEnd::Strikethrough => Some(1),
                    TagEnd::Link | TagEnd::Image => Some(2),
                    _ => None,
                };
                if let Some(k) = k {
                    // The innermost of a style is a flattened one while any is.
                    if self.flat[k] > 0 {
                        self.flat[k] -= 1;
                        return;
                    }
                    self.open[k] = self.open[k].saturating_sub(1);
                }
                let Some(Frame::Inlines { kind, inlines }) = self.stack.pop() else { return };
                match kind {
                    InlineKind::Paragraph | InlineKind::Tight => self.push_block(Block::Paragraph { inlines }),
                    InlineKind::Heading(level) => self.push_block(Block::Heading { level, inlines }),
                    InlineKind::Emph => self.push_inline(Inline::Emph { children: inlines }),
                    InlineKind::Strong => self.push_inline(Inline::Strong { children: inlines }),
                    InlineKind::Link(url) => self.push_inline(Inline::Link { url, children: inlines }),
                }
            }
            TagEnd::BlockQuote(_) => {
                self.close_tight();
                if let Some(Frame::Quote(blocks)) = self.stack.pop() {
                    self.push_block(Block::Quote { blocks });
                }
            }
            TagEnd::CodeBlock => {
                if let Some(Frame::Code(text)) = self.stack.pop() {
                    self.push_block(Block::Code { text: text.trim_end().to_string() });
                }
            }
            TagEnd::Item => {
                self.close_tight();
                if let Some(Frame::Item(blocks)) = self.stack.pop() {
                    if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                        items.push(blocks);
                    }
                }
            }
            TagEnd::List(_) => {
                self.close_tight();
                if let Some(Frame::List { ordered, start, items }) = self.stack.pop() {
                    self.push_block(Block::List { ordered, start, items });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_blocks() {
        let (b, dropped) =
            blocks("## عنوان\n\nنص *مائل* و[رابط](https://a.b).\n\n> اقتباس\n\n1. أول\n2. ثان\n\n<b>html</b>\n\n```\ncode *x*\n```\n");
        assert_eq!(b[0], Block::Heading { level: 2, inlines: vec![Inline::Text { text: "عنوان".into() }] });
        assert!(matches!(&b[1], Block::Paragraph { inlines } if inlines.len() == 5));
        assert!(matches!(&b[2], Block::Quote { .. }));
        assert!(matches!(&b[3], Block::List { ordered: true, items, .. } if items.len() == 2));
        // Inline HTML: the tags are dropped (and reported), the text stays.
        assert_eq!(b[4], Block::Paragraph { inlines: vec![Inline::Text { text: "html".into() }] });
        assert_eq!(b[5], Block::Code { text: "code *x*".into() });
        assert_eq!(dropped, vec!["<b>", "</b>"]);
    }

    #[test]
    fn nested_styles_flatten_and_adjacent_runs_merge() {
        let n = 5000;
        let (b, _) = blocks(&format!("{}a{}", "*".repeat(n), "*".repeat(n)));
        let Block::Paragraph { inlines } = &b[0] else { panic!("{b:?}") };
        // At most one level of each style, whatever the input's depth.
        fn depth(xs: &[Inline]) -> usize {
            xs.iter()
                .map(|x| match x {
                    Inline::Emph { children } | Inline::Strong { children } | Inline::Link { children, .. } => 1 + depth(children),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(inlines) <= 2, "{inlines:?}");
        assert_eq!(plain(inlines), "a");
        let (b, _) = blocks("*a **b *c* d** e* [x *y*](https://a.b)");
        let Block::Paragraph { inlines } = &b[0] else { panic!() };
        assert_eq!(plain(inlines), "a b c d e x y");
        assert_eq!(inlines.len(), 3, "{inlines:?}");
        let (b, _) = blocks("*a*_b_");
        assert_eq!(b[0], Block::Paragraph { inlines: vec![Inline::Emph { children: vec![Inline::Text { text: "ab".into() }] }] });
    }

    #[test]
    fn escaped_text_stays_text() {
        let (b, _) = blocks("\\#read(\"/etc/passwd\") \\*x\\* \\- \\<b\\>");
        assert_eq!(
            plain(match &b[0] {
                Block::Paragraph { inlines } => inlines,
                _ => panic!(),
            }),
            "#read(\"/etc/passwd\") *x* - <b>"
        );
    }
}
