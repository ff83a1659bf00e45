//! B006: the Unicode line and paragraph separators.
//!
//! A whole-text rule: replacing a separator makes new lines, and paragraphs
//! are cut from lines, so this runs with the line-end rules, before the
//! text is cut into paragraphs.

use std::ops::Range;

use crate::clean::rules::prelude::*;
use crate::text::locate::line_stretches;

rule! {
    /// Line and paragraph separators (U+2028, U+2029, U+0085) become newlines.
    ///
    /// Word processors and web pages (JavaScript strings, JSON) carry line
    /// breaks as U+2028 and paragraph breaks as U+2029. Most tools do not
    /// see them as line ends: a viewer shows one long line or a box, search
    /// and diff run the lines together, and U+2029 also ends the bidi
    /// paragraph in the middle of a line. U+2028 becomes a newline and
    /// U+2029 a blank line (a paragraph break), with the spaces around it.
    /// U+0085 (NEL), the line break of EBCDIC and of text decoded as
    /// Latin-1, becomes a newline too: removed as an invisible control, it
    /// would glue the last word of one line to the first of the next.
    ///
    /// In markdown a newline can change the structure: one in a heading or
    /// a table row, or one before a line that would start a heading, list,
    /// quotation or code fence, is reported without a fix. Code blocks are
    /// left alone.
    ///
    /// Example: `السطر الأول` U+2028 `السطر الثاني` becomes two lines.
    pub static LINE_SEPARATORS = ("B006", "line-separators", Sometimes);
}

fn in_verbatim(verbatim: &[Range<usize>], pos: usize) -> bool {
    let idx = verbatim.partition_point(|r| r.start <= pos);
    verbatim[..idx].iter().rev().take(4).any(|r| r.contains(&pos))
}

/// A line that starts a markdown block a newline could break: a heading, a
/// table row, a quotation, a list item, a fence or thematic break, or an
/// indented code line. In plain text they are merely lines.
fn is_block_syntax(line: &str) -> bool {
    if line.starts_with("    ") || line.starts_with('\t') {
        return true;
    }
    let line = line.trim_start_matches(' ');
    let ordered = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let ordered_marker = ordered.len() < line.len() && (ordered.starts_with(". ") || ordered.starts_with(") "));
    ordered_marker || line.starts_with(['#', '|', '>', '-', '*', '+', '=', '`', '~', '_'])
}

/// The physical line around a separator, found once for all the separators
/// it holds: a long line full of them stays linear.
struct Line {
    start: usize,
    end: usize,
    /// A table row: a newline anywhere in it would break the table.
    has_pipe: bool,
}

impl Line {
    fn around(text: &str, pos: usize) -> Line {
        let bytes = text.as_bytes();
        let start = memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(text.len(), |i| pos + i);
        Line { start, end, has_pipe: memchr::memchr(b'|', &bytes[start..end]).is_some() }
    }
}

/// The separator at `range` can become a newline without changing the
/// structure of a markdown file (see the doc): its line starts no block,
/// and neither would the text after it.
fn plain(text: &str, line: &Line, range: &Range<usize>) -> bool {
    let after = text[range.end..line.end].trim_start_matches(is_inline_space);
    !line.has_pipe && !is_block_syntax(&text[line.start..range.start]) && !is_block_syntax(after)
}

/// The offsets of U+2028 and U+2029 (E2 80 A8, E2 80 A9) and U+0085
/// (C2 85), in order. Both searches read a stretch while it is in cache: a
/// large text is read from memory once, not twice. (No needle holds a
/// newline, so stretches of whole lines split none.)
fn separators(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for range in line_stretches(text, STRETCH) {
        let stretch = &text.as_bytes()[range.clone()];
        let unicode = out.len();
        let at = |i: usize| range.start + i;
        out.extend(memchr::memmem::find_iter(stretch, &[0xE2, 0x80]).filter(|&i| matches!(stretch.get(i + 2), Some(0xA8 | 0xA9))).map(at));
        let found = out.len();
        out.extend(memchr::memmem::find_iter(stretch, &[0xC2, 0x85]).map(at));
        if out.len() > found && found > unicode {
            out[unicode..].sort_unstable();
        }
    }
    out
}

/// The size of the stretches [`separators`] reads in turn.
const STRETCH: usize = 256 << 10;

pub fn check(text: &str, layout: &Layout, settings: &Settings, out: &mut Findings) {
    if !settings.enabled(&LINE_SEPARATORS) {
        return;
    }
    let bytes = text.as_bytes();
    let separators = separators(text);
    let mut line: Option<Line> = None;
    for i in separators {
        if in_verbatim(&layout.verbatim, i) {
            continue;
        }
        let line = match line.take() {
            Some(l) if l.start <= i && i < l.end => line.insert(l),
            _ => line.insert(Line::around(text, i)),
        };
        let len = if bytes[i] == 0xC2 { 2 } else { 3 };
        let start = text[..i].trim_end_matches(is_inline_space).len().max(line.start);
        let end = i + len + (text[i + len..].len() - text[i + len..].trim_start_matches(is_inline_space).len());
        let (message, newline) = match bytes[i + len - 1] {
            0xA8 => ("line separator U+2028; use a newline", "\n"),
            0xA9 => ("paragraph separator U+2029; use a blank line", "\n\n"),
            _ => ("next-line control U+0085; use a newline", "\n"),
        };
        out.push(if plain(text, line, &(start..end)) {
            Diagnostic::fixable(LINE_SEPARATORS.code, i..i + len, message, vec![Edit::replace(start..end, newline)])
        } else {
            Diagnostic::report(
                LINE_SEPARATORS.code,
                i..i + len,
                format!("{message} (here it would change the markdown structure: place it by hand)"),
            )
        });
    }
}

pass!(document check, [LINE_SEPARATORS]);
