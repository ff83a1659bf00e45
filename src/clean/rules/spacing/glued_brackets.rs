//! S018: a bracket or quotation glued to the Arabic word outside it.

use crate::clean::rules::prelude::*;
use crate::text::words::ends_with_prefix;

rule! {
    /// A bracket or quotation glued to the Arabic word outside it gets a space.
    ///
    /// `ما يسمى«الحل»ثم` runs three words together. An opening bracket,
    /// guillemet or “ glued to the Arabic word before it gets a space before
    /// it; a closing one glued to the Arabic word after it gets a space after
    /// it. Only marks that pair up in the paragraph are moved (straight `"`
    /// and `”…”` become «» through Q001/Q002 first), so a stray or mirrored
    /// bracket is never taken for the wrong side.
    ///
    /// Left alone: a prefix attached to the quotation (`لـ«الحل»`,
    /// `و«الشخصيات»`, `ب(`, `بال«`), a footnote or reference mark set against
    /// its word (`قال(1)`, `الأندلس[2]`), a suffix in brackets
    /// (`المعلم(ة)`), Latin text, numbers, links and markdown syntax. A word
    /// glued after any of these is still spaced (`قال(1)وهو`).
    ///
    /// Before: `ما يسمى«الحل»ثم`
    /// After:  `ما يسمى «الحل» ثم`
    ///
    /// Before: `ولد في ديسمبر(1911)وأمضى`
    /// After:  `ولد في ديسمبر (1911) وأمضى`
    pub static GLUED_BRACKETS = ("S018", "glued-brackets", Safe, arabic_only = true);
}

/// What a bracket pair holds is a mark set against the word before it, not
/// a parenthesis: a number of up to three digits (`(1)`, `[12]`; a year is
/// a parenthesis), a suffix of three letters or fewer (`(ة)`, `(ات)`), or,
/// in square brackets, any one token.
fn is_attached_mark(opener: char, inner: &str) -> bool {
    if opener != '(' && opener != '[' {
        return false;
    }
    let inner = inner.trim();
    let number = (1..=3).contains(&inner.chars().count()) && inner.chars().all(is_digit);
    let suffix = inner.chars().count() <= 3 && inner.chars().all(|c| is_arabic_letter(c) || is_arabic_mark(c));
    number || suffix || (opener == '[' && !inner.contains(is_inline_space))
}

fn glued(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let pairing = para.pairing();
    for &(open, close) in &pairing.pairs {
        let opener = chars::char_at(text, open).expect("a mark");
        let closer = chars::char_at(text, close).expect("a mark");
        // A kind with a stray mark in the paragraph: its pairs are a guess.
        if pairing.kind_unmatched(opener) {
            continue;
        }
        let before = chars::char_before(text, open);
        let attached = ends_with_prefix(text, open) || is_attached_mark(opener, &text[open + opener.len_utf8()..close]);
        if before.is_some_and(|c| is_arabic_letter(c) || is_arabic_mark(c)) && !attached {
            out.push(Diagnostic::fixable(
                GLUED_BRACKETS.code,
                open..open + opener.len_utf8(),
                format!("`{opener}` glued to the word before it; add a space"),
                vec![Edit::insert(open, " ")],
            ));
        }
        let after = close + closer.len_utf8();
        if chars::char_at(text, after).is_some_and(is_arabic_letter) {
            out.push(Diagnostic::fixable(
                GLUED_BRACKETS.code,
                close..after,
                format!("`{closer}` glued to the word after it; add a space"),
                vec![Edit::insert(after, " ")],
            ));
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let f = &para.features;
    if f.arabic > 0 && ctx.settings.enabled(&GLUED_BRACKETS) {
        glued(para, out);
    }
}

pass!(check, [GLUED_BRACKETS], when GLUED_BRACKET);
