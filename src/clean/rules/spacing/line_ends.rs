//! S011–S015: line ends, the shape of the file as a whole.
//!
//! These rules see the whole text rather than one paragraph. In markdown they
//! skip verbatim ranges (code blocks, HTML blocks, front matter, hard breaks).

use std::ops::Range;

use crate::clean::rules::prelude::*;

rule! {
    /// Lines end with LF, not CRLF or CR.
    ///
    /// Windows (CRLF) and old Mac (CR) line ends make diffs noisy and break
    /// tools that split on `\n`. They become LF. Reported once per file.
    pub static LINE_ENDINGS = ("S011", "line-endings", Safe);
}

rule! {
    /// No spaces at the end of a line.
    ///
    /// Trailing spaces and tabs are invisible, make diffs noisy and, pasted
    /// into a justified page, can push a line. They are removed. In markdown,
    /// a hard line break (two trailing spaces) and code blocks are kept.
    pub static TRAILING_WHITESPACE = ("S012", "trailing-whitespace", Safe);
}

rule! {
    /// At most one blank line between paragraphs, none at the start.
    ///
    /// Pasted web text often leaves runs of empty lines where images, ads or
    /// share buttons were. One blank line separates paragraphs; extra ones
    /// and blank lines before the first paragraph are removed.
    pub static BLANK_LINES = ("S013", "blank-lines", Safe);
}

rule! {
    /// A file ends with exactly one newline.
    ///
    /// A missing final newline makes the last line awkward for every
    /// line-based tool; several make an empty last paragraph. A non-empty
    /// file ends with one `\n`; a file of only blank lines becomes empty.
    pub static FINAL_NEWLINE = ("S014", "final-newline", Safe);
}

rule! {
    /// No byte order mark at the start of a file.
    ///
    /// UTF-8 needs no byte order mark; Windows editors add one (U+FEFF), and
    /// it then shows up as an invisible first character of the first word.
    /// It is removed. (A U+FEFF inside the text is B004's.)
    pub static LEADING_BOM = ("S015", "leading-bom", Safe);
}

fn in_verbatim(verbatim: &[Range<usize>], pos: usize) -> bool {
    let idx = verbatim.partition_point(|r| r.start <= pos);
    verbatim[..idx].iter().rev().take(4).any(|r| r.contains(&pos))
}

pub fn check(text: &str, layout: &Layout, settings: &Settings, out: &mut Findings) {
    let verbatim = &layout.verbatim[..];
    let bytes = text.as_bytes();
    if text.starts_with('\u{FEFF}') && settings.enabled(&LEADING_BOM) {
        out.push(Diagnostic::fixable(LEADING_BOM.code, 0..3, "byte order mark at the start of the file", vec![Edit::delete(0..3)]));
    }
    // The line ends' finding is made once the walk below has found the CRs:
    // the search for line ends stops at them too.
    let mut line_endings = Vec::new();
    let find_crs = settings.enabled(&LINE_ENDINGS);
    let cr = |i: usize| if bytes.get(i + 1) == Some(&b'\n') { Edit::delete(i..i + 1) } else { Edit::replace(i..i + 1, "\n") };
    let content_end = text.trim_end_matches(|c: char| c.is_whitespace()).len();
    let trailing = settings.enabled(&TRAILING_WHITESPACE);
    let blank = settings.enabled(&BLANK_LINES);
    // Walk the lines up to the last content; the tail belongs to S014.
    let mut line_start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut blank_run: Option<usize> = None;
    let mut seen_content = false;
    let first = line_start;
    let mut ends = memchr::memchr2_iter(b'\n', b'\r', &bytes[first..]).map(|i| first + i);
    while line_start < content_end {
        let nl = loop {
            match ends.next() {
                Some(i) if bytes[i] == b'\r' => line_endings.extend(find_crs.then(|| cr(i))),
                Some(i) => break i,
                None => break bytes.len(),
            }
        };
        let line_end = if nl > line_start && bytes[nl - 1] == b'\r' { nl - 1 } else { nl };
        let line = &text[line_start..line_end];
        let body_end = line_start + line.trim_end_matches(is_inline_space).len();
        let is_blank = body_end == line_start;
        if is_blank {
            blank_run.get_or_insert(line_start);
        } else {
            if let Some(run_start) = blank_run.take() {
                // Keep the first blank line of the run (none before the first paragraph).
                let keep_to = if seen_content { text[run_start..].find('\n').map_or(run_start, |i| run_start + i + 1) } else { run_start };
                if keep_to < line_start && !in_verbatim(verbatim, run_start) && blank {
                    let what =
                        if seen_content { "more than one blank line between paragraphs" } else { "blank lines before the first paragraph" };
                    out.push(Diagnostic::fixable(BLANK_LINES.code, keep_to..line_start, what, vec![Edit::delete(keep_to..line_start)]));
                }
            }
            seen_content = true;
        }
        if trailing && body_end < line_end && !is_blank && !in_verbatim(verbatim, body_end) {
            out.push(Diagnostic::fixable(
                TRAILING_WHITESPACE.code,
                body_end..line_end,
                "spaces at the end of the line",
                vec![Edit::delete(body_end..line_end)],
            ));
        }
        if is_blank && trailing && line_end > line_start && seen_content && !in_verbatim(verbatim, line_start) {
            out.push(Diagnostic::fixable(
                TRAILING_WHITESPACE.code,
                line_start..line_end,
                "a blank line holding spaces",
                vec![Edit::delete(line_start..line_end)],
            ));
        }
        line_start = nl + 1;
    }
    // The blank lines and spaces after the last line, or the whole text
    // when the walk found no line (a BOM holds no CR).
    if find_crs {
        let tail = line_start.min(bytes.len());
        line_endings.extend(memchr::memchr_iter(b'\r', &bytes[tail..]).map(|i| cr(tail + i)));
    }
    if let Some(first) = line_endings.first() {
        let n = line_endings.len();
        let what = format!("{n} line{} end{} with CR or CRLF; use LF", if n == 1 { "" } else { "s" }, if n == 1 { "s" } else { "" });
        out.push(Diagnostic::fixable(LINE_ENDINGS.code, first.range.clone(), what, line_endings));
    }
    if settings.enabled(&FINAL_NEWLINE) {
        let tail = &text[content_end..];
        let content_start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        if content_end <= content_start {
            if !tail.is_empty() && content_end == 0 {
                out.push(Diagnostic::fixable(
                    FINAL_NEWLINE.code,
                    0..text.len(),
                    "the file holds only blank lines",
                    vec![Edit::delete(0..text.len())],
                ));
            }
        } else if tail != "\n" && tail != "\r\n" {
            let edit = Edit::replace(content_end..text.len(), "\n");
            let what = if tail.is_empty() { "no newline at the end of the file" } else { "blank lines or spaces at the end of the file" };
            out.push(Diagnostic::fixable(FINAL_NEWLINE.code, content_end..text.len(), what, vec![edit]));
        }
    }
}

pass!(document check, [LINE_ENDINGS, TRAILING_WHITESPACE, BLANK_LINES, FINAL_NEWLINE, LEADING_BOM]);
