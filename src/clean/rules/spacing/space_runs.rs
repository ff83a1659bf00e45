//! S001: runs of spaces and odd spaces between words.

use crate::clean::rules::prelude::*;
use crate::text::words::ties_one_letter_word;

rule! {
    /// Runs of spaces, and odd spaces between words, become one space.
    ///
    /// Pasted text carries double spaces and spaces of other widths (U+00A0
    /// no-break space, U+2000–U+200A, U+202F narrow no-break space) that
    /// justify badly and break search. Between two words they become one
    /// U+0020. Tabs and spaces at the start of a line are left alone
    /// (indentation), and so are spaces after a marker that opens a line (a
    /// comment's `#`, a Pandoc definition's `:`, a bullet): they indent what
    /// follows. Spaces at the end of a line belong to S012.
    ///
    /// A no-break space is sometimes set on purpose, and stays:
    /// - after a one-letter word (`و␣النصوص`): typesetters tie the detached
    ///   conjunction to its word so that it never ends a line;
    /// - between two Arabic words in a document that ties one-letter words
    ///   so (at least three times): its author sets no-break spaces by hand,
    ///   and one between words ties a name (`أوبن␣تيب`, OpenType). Arabic
    ///   has no capitals to tell a name from two words, so the evidence is
    ///   the document's habit; elsewhere such a space becomes a plain one.
    ///
    /// Whether `و␣فق` is the word وفق split by a careless global replacement
    /// or و tied to a word cannot be told without a dictionary: it is left
    /// alone too, since a plain space would keep the word split anyway.
    ///
    /// Before: `تولى قيادة  القوات`
    /// After:  `تولى قيادة القوات`
    pub static SPACE_RUNS = ("S001", "space-runs", Safe);
}

/// One-letter ties a document needs before its other no-break spaces
/// between Arabic words count as deliberate.
const DELIBERATE_TIES: usize = 3;

/// The line up to `start` is only a marker that opens it: `#`, `##`, a
/// Pandoc definition's `:`, a bullet or a quote mark.
fn after_line_marker(text: &str, start: usize) -> bool {
    let before = &text[..start];
    // Walk back over the marker only: a long line is not searched for its start.
    let marker = match before.chars().next_back() {
        Some('#') => before.trim_end_matches('#'),
        Some(':' | '-' | '*' | '+' | '>' | '•') => &before[..before.len() - before.chars().next_back().map_or(0, char::len_utf8)],
        _ => return false,
    };
    marker.is_empty() || marker.ends_with('\n')
}

/// A lone no-break space set on purpose (see the rule's explanation).
fn deliberate_tie(text: &str, start: usize, end: usize, ctx: &DocContext) -> bool {
    if &text[start..end] != "\u{00A0}" {
        return false;
    }
    ties_one_letter_word(text, start)
        || (chars::char_before(text, start).is_some_and(|c| is_arabic_letter(c) || is_arabic_mark(c))
            && chars::char_at(text, end).is_some_and(is_arabic_letter)
            && ctx.one_letter_ties() >= DELIBERATE_TIES)
}

/// Runs of inline space between two non-space characters.
fn space_runs(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let bytes = text.as_bytes();
    let report = |start: usize, end: usize, out: &mut Vec<Diagnostic>| {
        let run = &text[start..end];
        if run.contains('\t') || start == 0 || end == text.len() || bytes[start - 1] == b'\n' || bytes[end] == b'\n' {
            return;
        }
        if after_line_marker(text, start) || deliberate_tie(text, start, end, ctx) {
            return;
        }
        let what = if run.chars().any(is_odd_space) { "an odd space" } else { "a run of spaces" };
        out.push(Diagnostic::fixable(
            SPACE_RUNS.code,
            start..end,
            format!("{what} between words; use one space"),
            vec![Edit::replace(start..end, " ")],
        ));
    };
    if !para.features.odd_spaces {
        // Only ASCII spaces: jump from double space to double space.
        let mut from = 0;
        while let Some(i) = memchr::memmem::find(&bytes[from..], b"  ") {
            let start = from + i;
            let end = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
            report(start, end, out);
            from = end;
        }
        return;
    }
    let mut run_start = None;
    for (i, c) in text.char_indices() {
        if is_inline_space(c) {
            run_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = run_start.take() {
            if &text[start..i] != " " {
                report(start, i, out);
            }
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if ctx.settings.enabled(&SPACE_RUNS) {
        space_runs(para, ctx, out);
    }
}

pass!(check, [SPACE_RUNS], when ODD_SPACES | DOUBLE_SPACE);
