//! S001: runs of spaces and odd spaces between words.

use crate::clean::rules::prelude::*;

rule! {
    /// Runs of spaces, and odd spaces between words, become one space.
    ///
    /// Pasted text carries double spaces and spaces of other widths (U+00A0
    /// no-break space, U+2000–U+200A, U+202F narrow no-break space) that
    /// justify badly and break search. Between two words they become one
    /// U+0020. Tabs and spaces at the start of a line are left alone
    /// (indentation), and spaces at the end of a line belong to S012.
    ///
    /// Before: `تولى قيادة  القوات`
    /// After:  `تولى قيادة القوات`
    pub static SPACE_RUNS = ("S001", "space-runs", Safe);
}

/// Runs of inline space between two non-space characters.
fn space_runs(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let bytes = text.as_bytes();
    let report = |start: usize, end: usize, out: &mut Vec<Diagnostic>| {
        let run = &text[start..end];
        if run.contains('\t') || start == 0 || end == text.len() || bytes[start - 1] == b'\n' || bytes[end] == b'\n' {
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
        space_runs(para, out);
    }
}

pass!(check, [SPACE_RUNS]);
