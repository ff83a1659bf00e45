//! S004: no space just inside brackets and guillemets.

use crate::clean::rules::prelude::*;
use crate::text::brackets;
use crate::text::words::ends_with_prefix;

rule! {
    /// No space just inside brackets and guillemets.
    ///
    /// `(`, `[` and `«` hug the word after them; `)`, `]` and `»` hug the word
    /// before them. Empty brackets (`( )`) are left alone. When the outside
    /// of the bracket is glued to a word, the space moves outside rather
    /// than disappearing (`نصوص( بين أقواس )أو` → `نصوص (بين أقواس) أو`);
    /// a prefix stays glued (`لـ( نص )` → `لـ(نص)`).
    ///
    /// Which side is inside is read from the order of the marks: a closer
    /// that closes nothing (`َهُ )من الجذر ”فلّ“( يكفي`, brackets that
    /// text extracted from a PDF wrote mirrored) means the paragraph's marks
    /// of that kind cannot be trusted to open and close, and none of them
    /// is touched (P005 reports the strays). An opener never closed is
    /// still an opener (`( C Language`).
    ///
    /// Before: `( نص )`, `« نص »`, `نصوص( بين أقواس )أو`
    /// After:  `(نص)`, `«نص»`, `نصوص (بين أقواس) أو`
    pub static SPACE_INSIDE_BRACKETS = ("S004", "space-inside-brackets", Safe);
}

/// A word (letter, digit, mark) touches the bracket from outside, so the
/// space taken from inside belongs there.
fn glued_outside(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || is_arabic_mark(c))
}

fn inside_brackets(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    // Brackets and guillemets outside protected spans, which take no part.
    let marks = para.signs(|c| matches!(c, '(' | ')' | '[' | ']' | '«' | '»')).filter(|&(i, _)| !para.is_untouchable(i));
    // The kinds (by opener) with a closer that closes nothing: their marks
    // may be mirrored. At most one entry a kind, so a look-up stays cheap
    // however many marks are stray.
    let mut mirrored: Vec<char> = Vec::new();
    for kind in para.pairing().unmatched.iter().filter_map(|&i| brackets::opener_of(chars::char_at(text, i)?)) {
        if !mirrored.contains(&kind) {
            mirrored.push(kind);
        }
    }
    for (i, c) in marks {
        let opener = matches!(c, '(' | '[' | '«');
        if mirrored.contains(&brackets::opener_of(c).unwrap_or(c)) {
            continue;
        }
        if opener {
            let after = i + c.len_utf8();
            let rest = &text[after..];
            let spaces = rest.len() - rest.trim_start_matches(is_inline_space).len();
            let next = rest[spaces..].chars().next();
            if spaces > 0 && next.is_some_and(|n| n != '\n' && !matches!(n, ')' | ']' | '»')) {
                let mut edits = vec![Edit::delete(after..after + spaces)];
                let moved = glued_outside(chars::char_before(text, i)) && !ends_with_prefix(text, i);
                if moved {
                    edits.insert(0, Edit::insert(i, " "));
                }
                let message = if moved { format!("space after `{c}` instead of before it") } else { format!("space after `{c}`") };
                out.push(Diagnostic::fixable(SPACE_INSIDE_BRACKETS.code, i..after + spaces, message, edits));
            }
        } else {
            let start = text[..i].trim_end_matches(is_inline_space).len();
            let prev = chars::char_before(text, start);
            if start < i && prev.is_some_and(|p| p != '\n' && !matches!(p, '(' | '[' | '«')) {
                let end = i + c.len_utf8();
                let mut edits = vec![Edit::delete(start..i)];
                let moved = glued_outside(chars::char_at(text, end));
                if moved {
                    edits.push(Edit::insert(end, " "));
                }
                let message = if moved { format!("space before `{c}` instead of after it") } else { format!("space before `{c}`") };
                out.push(Diagnostic::fixable(SPACE_INSIDE_BRACKETS.code, start..end, message, edits));
            }
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if s.enabled(&SPACE_INSIDE_BRACKETS) {
        inside_brackets(para, out);
    }
}

pass!(check, [SPACE_INSIDE_BRACKETS], when SPACED_BRACKET);
