//! M003: a paragraph too long to check.

use crate::clean::rules::prelude::*;

rule! {
    /// A paragraph too long to check is reported, not checked.
    ///
    /// A paragraph (a line of `.txt`, a block of markdown) over 256 KiB is
    /// not prose: it is a file that lost its line breaks, a data dump, or
    /// text built to make a checker run out of memory (a 20 MB line of
    /// `ب،` holds five million findings). Its letters are not looked at and
    /// no fix touches it; this one finding says where it starts and how long
    /// it is, so the file is never called clean. Split it with line breaks
    /// (blank lines in markdown, where single line breaks do not end a
    /// paragraph) and check it again.
    ///
    /// The bound keeps what `check`, `fix` and the editor hold for one
    /// paragraph small: at most about one finding per two bytes of it.
    ///
    /// Example: a single line of 300,000 characters.
    pub static OVERSIZED_PARAGRAPH = ("M003", "oversized-paragraph", None);
}

/// The longest paragraph the paragraph rules look at, in bytes.
pub const MAX_PARAGRAPH: usize = 256 * 1024;

/// The engine asks [`finding`] before it looks at a paragraph and runs no
/// pass on one over the bound, so this pass is never called for one (its
/// trigger is none); debug builds call it on the others, and it finds
/// nothing there.
pub fn check(para: &Paragraph, _ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    out.extend(finding(para.text));
}

/// The finding for `text` when it is over the bound. The range is the
/// paragraph's first character, so showing it costs nothing.
pub fn finding(text: &str) -> Option<Diagnostic> {
    if text.len() <= MAX_PARAGRAPH {
        return None;
    }
    let first = text.chars().next().map_or(0, char::len_utf8);
    let kib = text.len().div_ceil(1024);
    Some(Diagnostic::report(
        OVERSIZED_PARAGRAPH.code,
        0..first,
        format!(
            "this paragraph is {kib} KiB long, more than the {} KiB dossier checks; its text was not checked: split it with line breaks",
            MAX_PARAGRAPH / 1024
        ),
    ))
}

pass!(check, [OVERSIZED_PARAGRAPH], when NONE);
