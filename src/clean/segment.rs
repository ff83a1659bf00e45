//! Cutting a file into paragraphs: a line of `.txt` (pasted web text puts
//! one paragraph on a line), or the prose of a markdown block as
//! pulldown-cmark's offset iterator finds it, so code, link destinations, raw
//! HTML and front matter are never seen as prose. What stands between prose
//! ranges is markup of the paragraph, and so are a code span opening a block
//! (its letters set the line's direction) and a heading's attribute block
//! (`{#id}`, `{/*id*/}`), which are not the heading's words.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Tag, TagEnd};

use super::layout::{Directive, Layout, Scope};
use super::suppress::{self, Ignore, Reach};
use crate::files::Format;
use crate::text::locate::line_stretches;

/// Where a paragraph sits in its file, before the text is borrowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphSpan {
    pub range: Range<usize>,
    /// Non-prose ranges, relative to `range.start`.
    pub markup: Vec<Range<usize>>,
    /// The `dossier-ignore` directives that reach into it.
    pub ignored: Vec<Ignore>,
}

/// The paragraphs of a file and its [`Layout`].
pub struct Segmentation {
    /// The paragraphs cut up front: all of them, but for a large text.
    pub paragraphs: Vec<ParagraphSpan>,
    /// A large text's stretches of whole lines, each cut into paragraphs
    /// by the task that works on it (see [`Piece::Lines`]).
    pub lines: Vec<Range<usize>>,
    pub layout: Layout,
}

impl Segmentation {
    /// The paragraphs as pieces of work for one task each: runs of
    /// `per_piece` paragraphs cut up front, or stretches of lines.
    pub fn pieces(&self, per_piece: usize) -> impl Iterator<Item = Piece<'_>> {
        self.paragraphs
            .chunks(per_piece)
            .map(Piece::Cut)
            .chain(self.lines.iter().map(|range| Piece::Lines(range.clone(), &self.layout.reach)))
    }
}

/// Some of a file's paragraphs, in text order.
#[derive(Debug, Clone)]
pub enum Piece<'s> {
    Cut(&'s [ParagraphSpan]),
    /// A stretch of whole lines of a large text, cut when it is worked on:
    /// its lines are still in cache when they are checked, and the text is
    /// never held as a list of all its lines.
    Lines(Range<usize>, &'s Reach),
}

impl Piece<'_> {
    /// The text the piece covers, from its first paragraph's start.
    pub fn range(&self) -> Range<usize> {
        match self {
            Piece::Cut(spans) => spans.first().map_or(0..0, |first| first.range.start..spans[spans.len() - 1].range.end),
            Piece::Lines(range, _) => range.clone(),
        }
    }

    /// Its paragraphs, at offsets in `text` (lines are cut only now, and
    /// take the directives that reach them).
    pub fn spans(&self, text: &str) -> Cow<'_, [ParagraphSpan]> {
        match self {
            Piece::Cut(spans) => Cow::Borrowed(spans),
            Piece::Lines(range, reach) => Cow::Owned(lines_as_paragraphs(&text[range.clone()], range.start, reach)),
        }
    }
}

/// Only the layout: for plain text its directives alone, so the line-end
/// pass does not segment a large `.txt` into paragraphs for nothing.
pub fn layout(text: &str, format: Format) -> Layout {
    match format {
        Format::Text => Layout::new(Vec::new(), suppress::text_directives(text)),
        Format::Markdown => markdown_paragraphs(text).layout,
    }
}

pub fn segment(text: &str, format: Format) -> Segmentation {
    match format {
        Format::Text => {
            let layout = layout(text, format);
            let (paragraphs, lines) = if text.len() >= LINES_FROM {
                (Vec::new(), line_stretches(text, LINES_PER_PIECE))
            } else {
                (lines_as_paragraphs(text, 0, &layout.reach), Vec::new())
            };
            Segmentation { paragraphs, lines, layout }
        }
        Format::Markdown => markdown_paragraphs(text),
    }
}

/// From this size a text's lines are cut as they are worked on.
const LINES_FROM: usize = 1 << 20;
/// The size of a stretch of lines worked on by one task: its text stays in
/// cache from cutting to checking.
const LINES_PER_PIECE: usize = 64 << 10;

/// The paragraphs of a stretch of whole lines that starts at `base`: each
/// line, without its leading and trailing whitespace (line-level rules own
/// those) or a leading BOM. A directive's marker line is no paragraph.
fn lines_as_paragraphs(text: &str, base: usize, reach: &Reach) -> Vec<ParagraphSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    while start <= bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &text[start..end];
        let trimmed_start = line.len() - line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').len();
        let trimmed = line[trimmed_start..].trim_end_matches(|c: char| c.is_whitespace());
        if !trimmed.is_empty() && (reach.is_empty() || suppress::marker_line(trimmed).is_none()) {
            let s = base + start + trimmed_start;
            let range = s..s + trimmed.len();
            out.push(ParagraphSpan { ignored: reach.ignores(&range), range, markup: Vec::new() });
        }
        if end == bytes.len() {
            break;
        }
        start = end + 1;
    }
    out
}

fn markdown_paragraphs(text: &str) -> Segmentation {
    let options =
        crate::files::format::MARKDOWN | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut paragraphs = Vec::new();
    let mut verbatim = Vec::new();
    let mut directives: Vec<Directive> = Vec::new();
    // Prose ranges of the block being read.
    let mut prose: Vec<Range<usize>> = Vec::new();
    // Block directives waiting for their block: each directive's index and
    // the depth of blocks it stands among (the next block that starts at
    // that depth is its).
    let mut pending_ignore: Vec<(usize, usize)> = Vec::new();
    // How many blocks enclose the event being read.
    let mut depth = 0usize;
    let mut lines = suppress::LineCache::default();
    let mut depth_code = 0usize;
    // A code span opening the block, before any prose: markup of its paragraph.
    let mut leading_code: Option<usize> = None;

    let mut flush = |prose: &mut Vec<Range<usize>>| {
        if prose.is_empty() {
            return;
        }
        let start = prose[0].start;
        let end = prose.last().unwrap().end;
        let mut markup = Vec::new();
        let mut cursor = start;
        for r in prose.iter() {
            if r.start > cursor {
                markup.push(cursor - start..r.start - start);
            }
            cursor = cursor.max(r.end);
        }
        paragraphs.push(ParagraphSpan { range: start..end, markup, ignored: Vec::new() });
        prose.clear();
    };

    for (event, range) in crate::files::format::parse_markdown(text, options) {
        match &event {
            Event::Start(tag) if is_block(tag) => {
                // The next block among a directive's: the whole of it (a
                // directive stacked under another is not that block).
                let directive = matches!(tag, Tag::HtmlBlock) && suppress::comment(&text[range.clone()]).is_some();
                pending_ignore.retain(|&(i, at)| {
                    if directive {
                        return true;
                    }
                    let (waiting, mine) = (at < depth, at == depth);
                    if mine {
                        directives[i].covers = range.clone();
                    }
                    waiting
                });
                depth += 1;
            }
            Event::End(tag) if is_block_end(tag) => {
                depth = depth.saturating_sub(1);
                // Its blocks ended before another came: it reaches nothing.
                pending_ignore.retain(|&(_, at)| at <= depth);
            }
            _ => {}
        }
        match event {
            Event::Text(_) if depth_code == 0 => {
                // Entities like `&amp;` are text to pulldown-cmark but markup to us.
                if text[range.clone()].starts_with('&') && text[range.clone()].ends_with(';') && range.len() > 2 {
                    continue;
                }
                prose.extend(leading_code.take().map(|at| at..at));
                prose.push(range)
            }
            Event::Code(_) if prose.is_empty() && leading_code.is_none() => leading_code = Some(range.start),
            Event::SoftBreak if depth_code == 0 => {
                prose.extend(leading_code.take().map(|at| at..at));
                prose.push(range)
            }
            Event::HardBreak => verbatim.push(range),
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some((scope, names)) = suppress::comment(&html) {
                    let covers = match scope {
                        Scope::Block => {
                            flush(&mut prose);
                            // A comment block stands among the blocks around
                            // it; one inside a paragraph, among the paragraph's.
                            pending_ignore.push((directives.len(), depth.saturating_sub(1)));
                            range.end..range.end
                        }
                        Scope::Line => lines.line_at(text, range.start),
                        Scope::NextLine => lines.next_line(text, range.end.saturating_sub(1).max(range.start)),
                        Scope::File => 0..text.len(),
                    };
                    // Names that select nothing are M001's to report.
                    directives.push(suppress::directive(range.clone(), scope, &names, covers));
                }
                verbatim.push(range);
            }
            Event::Start(Tag::MetadataBlock(_)) => {
                if let Some(directive) = suppress::front_matter(&text[range.clone()], range.start, text.len()) {
                    directives.push(directive);
                }
                depth_code += 1;
                verbatim.push(range);
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                depth_code += 1;
                verbatim.push(range);
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                depth_code = depth_code.saturating_sub(1);
            }
            Event::End(TagEnd::Heading(_)) => {
                attribute_block_as_markup(text, &mut prose);
                leading_code = None;
                flush(&mut prose);
            }
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_),
            )
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                leading_code = None;
                flush(&mut prose);
            }
            _ => {}
        }
    }
    flush(&mut prose);
    let layout = Layout::new(verbatim, directives);
    if !layout.reach.is_empty() {
        for p in &mut paragraphs {
            p.ignored = layout.reach.ignores(&p.range);
        }
    }
    Segmentation { paragraphs, lines: Vec::new(), layout }
}

/// A tag that opens a block (its end closes one): what a block directive
/// reaches the next of.
fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript | TagEnd::Link | TagEnd::Image
    )
}

/// Make a heading's attribute block markup of its paragraph: `{#id .class
/// key=value}` (pandoc, kramdown `{: #id}`) or an MDX comment naming its
/// anchor (`{/*try-react*/}`). It is not words of the heading.
fn attribute_block_as_markup(text: &str, prose: &mut Vec<Range<usize>>) {
    let (Some(first), Some(last)) = (prose.first(), prose.last()) else { return };
    let (from, to) = (first.start, last.end);
    let Some(cut) = attribute_block_start(&text[from..to]).map(|at| from + at) else { return };
    prose.retain(|r| r.start < cut);
    if let Some(r) = prose.last_mut() {
        r.end = r.end.min(cut);
    }
    // An empty range at the end keeps the block in the paragraph, as a gap.
    prose.push(to..to);
}

/// Where the trailing attribute block of a heading's text starts.
fn attribute_block_start(heading: &str) -> Option<usize> {
    let body = heading.trim_end().strip_suffix('}')?;
    let open = body.rfind('{')?;
    let inner = &body[open + 1..];
    let comment = inner.starts_with("/*") && inner.ends_with("*/");
    let attributes = || {
        let inner = inner.strip_prefix(':').unwrap_or(inner);
        inner.split_whitespace().next().is_some() && inner.split_whitespace().all(is_attribute)
    };
    (comment || attributes()).then_some(open)
}

/// `#id`, `.class`, `key=value` or `-` (pandoc's `unnumbered`).
fn is_attribute(token: &str) -> bool {
    let name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
    match token.split_once('=') {
        Some((key, value)) => name(key) && !value.is_empty(),
        None => token == "-" || token.strip_prefix(['#', '.']).is_some_and(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large text cut piece by piece gives the paragraphs one pass gives.
    #[test]
    fn large_text_paragraphs_as_in_one_pass() {
        let text = "\u{FEFF}قال  نعم \r\n\n   \n\tثم مضى\n".repeat(LINES_FROM / 16);
        let seg = segment(&text, Format::Text);
        assert!(seg.paragraphs.is_empty() && seg.lines.len() > 1);
        let pieces: Vec<ParagraphSpan> = seg.pieces(8).flat_map(|p| p.spans(&text).into_owned()).collect();
        let ranges = |spans: Vec<ParagraphSpan>| spans.into_iter().map(|p| p.range).collect::<Vec<_>>();
        assert_eq!(ranges(pieces), ranges(lines_as_paragraphs(&text, 0, &Reach::default())));
        // The pieces cover the text, in order.
        let covered: Vec<Range<usize>> = seg.pieces(8).map(|p| p.range()).collect();
        assert_eq!(covered.first().map(|r| r.start), Some(0));
        assert!(covered.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(covered.last().map(|r| r.end), Some(text.len()));
    }

    /// Paragraphs cut up front come in runs; a run covers its paragraphs.
    #[test]
    fn cut_paragraphs_come_in_runs() {
        let text = "أ\nب\n\nج\n";
        let seg = segment(text, Format::Text);
        let runs: Vec<Range<usize>> = seg.pieces(2).map(|p| p.range()).collect();
        assert_eq!(runs, vec![0.."أ\nب".len(), text.find('ج').unwrap()..text.len() - 1]);
    }

    fn texts(text: &str, format: Format) -> Vec<&str> {
        segment(text, format).paragraphs.iter().map(|p| &text[p.range.clone()]).collect()
    }

    #[test]
    fn text_lines_are_paragraphs() {
        assert_eq!(texts("\u{FEFF}أول  \n\n  ثان\r\nثالث", Format::Text), vec!["أول", "ثان", "ثالث"]);
        assert_eq!(texts("", Format::Text), Vec::<&str>::new());
    }

    #[test]
    fn markdown_prose_only() {
        let md = "---\ntitle: x\n---\n# عنوان\n\nنص *مائل* و`code` و[رابط](http://a.b/c).\n\n```\n\"raw\"\n```\n";
        let seg = segment(md, Format::Markdown);
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &md[p.range.clone()]).collect();
        assert_eq!(paras, vec!["عنوان", "نص *مائل* و`code` و[رابط](http://a.b/c)."]);
        let p = &seg.paragraphs[1];
        let body = &md[p.range.clone()];
        let markup: Vec<&str> = p.markup.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(markup, vec!["*", "*", "`code`", "[", "](http://a.b/c)"]);
        assert!(seg.layout.verbatim.iter().any(|r| md[r.clone()].contains("\"raw\"")));
    }

    #[test]
    fn markdown_syntax_is_not_prose() {
        let md = "- [ ] مهمة\n- [x] منجزة\n\n> [!NOTE]\n> تنبيه\n\nنص[^1] هنا\n\n| أ | ب |\n|---|---|\n| ج | د |\n\n[^1]: حاشية\n";
        let seg = segment(md, Format::Markdown);
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &md[p.range.clone()]).collect();
        assert_eq!(paras, vec!["مهمة", "منجزة", "تنبيه", "نص[^1] هنا", "أ", "ب", "ج", "د", "حاشية"]);
        let p = &seg.paragraphs[3];
        assert_eq!(p.markup.iter().map(|r| &paras[3][r.clone()]).collect::<Vec<_>>(), vec!["[^1]"]);
    }

    #[test]
    fn task_boxes_and_math_are_not_prose() {
        let md = "- [x] مهمة Done عربية\n\nالصيغة $p = v$ هنا.\n\n> [!NOTE]\n> ملاحظة.\n";
        assert_eq!(texts(md, Format::Markdown), vec!["مهمة Done عربية", "الصيغة $p = v$ هنا.", "ملاحظة."]);
        let seg = segment(md, Format::Markdown);
        let p = &seg.paragraphs[1];
        assert_eq!(p.markup.iter().map(|r| &md[p.range.start + r.start..p.range.start + r.end]).collect::<Vec<_>>(), vec!["$p = v$"]);
    }

    #[test]
    fn heading_attributes_are_not_prose() {
        let md = "## جرب React {/*try-react*/}\n\n# عنوان {#id .class lang=ar}\n\n# عنوان {: #x}\n\n# المجموعة {أ، ب}\n\n{#x}\n";
        let seg = segment(md, Format::Markdown);
        let markup: Vec<Vec<&str>> =
            seg.paragraphs.iter().map(|p| p.markup.iter().map(|r| &md[p.range.start + r.start..p.range.start + r.end]).collect()).collect();
        assert_eq!(markup, vec![vec!["{/*try-react*/}"], vec!["{#id .class lang=ar}"], vec!["{: #x}"], vec![], vec![]]);
    }

    #[test]
    fn a_leading_code_span_is_markup_of_its_paragraph() {
        let md = "* `A` [Graph](src/graph) (كلاهما)\n* `B`\n\nنص `x`\n";
        let seg = segment(md, Format::Markdown);
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &md[p.range.clone()]).collect();
        assert_eq!(paras, vec!["`A` [Graph](src/graph) (كلاهما)", "نص "]);
        assert_eq!(seg.paragraphs[0].markup.first().map(|r| &paras[0][r.clone()]), Some("`A`"));
    }

    #[test]
    fn ignore_directive_applies_to_next_block() {
        let md = "<!-- dossier-ignore Q001 S001 -->\nنص\n\nآخر\n";
        let seg = segment(md, Format::Markdown);
        let codes: Vec<&str> = seg.paragraphs[0].ignored.iter().flat_map(|i| i.codes.iter().map(|c| c.as_str())).collect();
        assert_eq!(codes, ["Q001", "S001"]);
        assert_eq!(seg.paragraphs[0].ignored[0].within, 0.."نص".len());
        assert!(seg.paragraphs[1].ignored.is_empty());
    }

    /// The next block is the whole of it: every item of a list, every cell
    /// of a table, a code block (which holds no prose: the paragraph after
    /// it is not reached); inside a list item, the item's next block.
    #[test]
    fn ignore_directive_reaches_the_whole_next_block() {
        let reached = |md: &str| -> Vec<String> {
            let seg = segment(md, Format::Markdown);
            seg.paragraphs.iter().filter(|p| !p.ignored.is_empty()).map(|p| md[p.range.clone()].to_string()).collect()
        };
        assert_eq!(reached("<!-- dossier-ignore S001 -->\n- أول\n- ثان\n\nبعد\n"), ["أول", "ثان"]);
        assert_eq!(reached("<!-- dossier-ignore S001 -->\n| أ | ب |\n|---|---|\n| ج | د |\n\nبعد\n"), ["أ", "ب", "ج", "د"]);
        assert!(reached("<!-- dossier-ignore S001 -->\n```\ncode\n```\n\nبعد\n").is_empty());
        assert_eq!(reached("- بند\n  <!-- dossier-ignore S001 -->\n  أول\n\n  ثان\n- آخر\n"), ["أول"]);
        // Directives stacked over one block all reach it.
        assert_eq!(reached("<!-- dossier-ignore S001 -->\n<!-- dossier-ignore Q001 -->\nأول\n\nبعد\n"), ["أول"]);
        let md = "<!-- dossier-ignore S001 -->\n<!-- dossier-ignore Q001 -->\nأول\n";
        assert!(segment(md, Format::Markdown).layout.directives.iter().all(|d| &md[d.covers.clone()] == "أول\n"));
        // The last block of a list item: the item's blocks end, nothing is reached.
        assert!(reached("- بند\n\n  <!-- dossier-ignore S001 -->\n- آخر\n").is_empty());
    }

    /// Line and next-line comments reach their line within a paragraph;
    /// front matter reaches the whole file; in `.txt` a marker line is no
    /// paragraph and reaches the next.
    #[test]
    fn directives_reach_lines_and_files() {
        let md = "---\ntitle: x\ndossier-ignore: [Q]\n---\n\nأول\nثان <!-- dossier-ignore-line S001 -->\n<!-- dossier-ignore-next-line P -->\nرابع\n";
        let seg = segment(md, Format::Markdown);
        let scopes: Vec<Scope> = seg.layout.directives.iter().map(|d| d.scope).collect();
        assert_eq!(scopes, [Scope::File, Scope::Line, Scope::NextLine]);
        let para = &seg.paragraphs[0];
        let text = &md[para.range.clone()];
        let reach: Vec<(usize, &str)> = para.ignored.iter().map(|i| (i.directive, &text[i.within.clone()])).collect();
        assert_eq!(reach, [(0, text), (1, "ثان ")]);
        // A comment opening a line ends the paragraph (an HTML block).
        let para = &seg.paragraphs[1];
        let text = &md[para.range.clone()];
        let reach: Vec<(usize, &str)> = para.ignored.iter().map(|i| (i.directive, &text[i.within.clone()])).collect();
        assert_eq!(reach, [(0, "رابع"), (2, "رابع")]);

        let txt = "أول\ndossier-ignore-next-line: S001\nثان\n";
        let seg = segment(txt, Format::Text);
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &txt[p.range.clone()]).collect();
        assert_eq!(paras, ["أول", "ثان"]);
        assert!(seg.paragraphs[0].ignored.is_empty());
        assert_eq!(seg.paragraphs[1].ignored[0].within, 0.."ثان".len());
    }
}
