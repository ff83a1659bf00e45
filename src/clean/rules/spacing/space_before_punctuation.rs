//! S003: no space before ، ؛ : . ؟ !.

use super::marks::punctuation_marks;
use crate::clean::rules::prelude::*;

rule! {
    /// No space before ، ؛ : . ؟ ! in Arabic text.
    ///
    /// Punctuation attaches to the word before it. A space before it lets the
    /// mark wrap to the start of the next line, where in right-to-left text
    /// it looks like it belongs to the wrong sentence. Latin text keeps its
    /// own conventions: only marks in Arabic context are moved.
    ///
    /// Before: `قال : نعم .`
    /// After:  `قال: نعم.`
    pub static SPACE_BEFORE_PUNCTUATION = ("S003", "space-before-punctuation", Safe);
}

fn space_before(para: &Paragraph, marks: &[(usize, char)], out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut letters = Letters::new(text);
    for &(i, c) in marks {
        let Some(prev) = chars::char_before(text, i) else { continue };
        if !is_inline_space(prev) || para.is_protected(i) {
            continue;
        }
        let start = text[..i].trim_end_matches(is_inline_space).len();
        if start == 0 || text[..start].ends_with('\n') {
            continue;
        }
        // Invisible characters aside: `. ٥` with a zero-width space between
        // is still the start of a number.
        let after = text[i + c.len_utf8()..].chars().find(|&n| !is_zero_width(n));
        // A mark that starts a token (`.NET`, `:)`, `.5`) is not terminal punctuation.
        if after.is_some_and(|n| n.is_alphanumeric()) {
            continue;
        }
        if c.is_ascii() && letters.around(start).0 != Some(Strong::Rtl) {
            continue;
        }
        // `... .`: a space between two ellipsis dots is a typo of its own.
        if c == '.' && text[..start].ends_with("..") {
            continue;
        }
        out.push(Diagnostic::fixable(
            SPACE_BEFORE_PUNCTUATION.code,
            start..i + c.len_utf8(),
            format!("space before `{c}`; punctuation attaches to the word before it"),
            vec![Edit::delete(start..i)],
        ));
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if (f.arabic_punct || f.ascii_punct) && f.arabic > 0 && s.enabled(&SPACE_BEFORE_PUNCTUATION) {
        space_before(para, &punctuation_marks(para.text), out);
    }
}

pass!(check, [SPACE_BEFORE_PUNCTUATION]);
