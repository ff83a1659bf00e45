//! C003: Persian lookalike letters in Arabic text.

use crate::clean::rules::prelude::*;

rule! {
    /// Persian kaf and yeh in Arabic text become Arabic kaf and yeh.
    ///
    /// Persian keyboards type ک (U+06A9) and ی (U+06CC), which look like
    /// Arabic ك and ي in most positions but are different letters to search,
    /// sorting and spell-checking. In Arabic text they become ك and ي. A
    /// final ی may be ي or ى (`علی`): reported, with an unsafe fix to ى,
    /// which keeps its look. A paragraph with Persian-only letters (پ چ ژ گ)
    /// is Persian and keeps its letters.
    ///
    /// Before: `کازاخستان`, `فیلم`
    /// After:  `كازاخستان`, `فيلم`
    pub static PERSIAN_LETTERS = ("C003", "persian-letters", Sometimes);
}

fn persian_letters(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for (i, c) in text.char_indices() {
        if c != 'ک' && c != 'ی' {
            continue;
        }
        let range = i..i + c.len_utf8();
        if c == 'ک' {
            out.push(Diagnostic::fixable(
                PERSIAN_LETTERS.code,
                range.clone(),
                "Persian kaf `ک` in Arabic text; use `ك`",
                vec![Edit::replace(range, "ك")],
            ));
            continue;
        }
        let after = text[range.end..].chars().find(|&n| !is_arabic_mark(n));
        let word_final = !after.is_some_and(is_arabic_letter);
        if word_final {
            out.push(
                Diagnostic::report(
                    PERSIAN_LETTERS.code,
                    range.clone(),
                    "Persian yeh `ی` at the end of a word: `ي` or `ى`? (unsafe fix: `ى`, which looks the same)",
                )
                .with_fix(Fix::unsafe_(vec![Edit::replace(range, "ى")])),
            );
        } else {
            out.push(Diagnostic::fixable(
                PERSIAN_LETTERS.code,
                range.clone(),
                "Persian yeh `ی` in Arabic text; use `ي`",
                vec![Edit::replace(range, "ي")],
            ));
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.persian_kaf_yeh && !f.persian_only && s.enabled(&PERSIAN_LETTERS) {
        persian_letters(para, out);
    }
}

pass!(check, [PERSIAN_LETTERS]);
