//! C002: tatweel (kashida) typed into words.

use crate::clean::rules::prelude::*;
use crate::text::words::prefix_before;

rule! {
    /// Decorative tatweel inside words is removed.
    ///
    /// Tatweel (ـ, U+0640) stretches a joined letter. Typed into words for
    /// show (`الــعــربية`), it breaks search and fights justification, which
    /// is the typesetter's job. It is removed.
    ///
    /// One tatweel stays where Arabic convention wants it: after a prefix
    /// (ل ب ك و ف, also وب فل …, and the article with its prefixes: الـ بالـ
    /// وبالـ للـ) before a non-Arabic token: a quotation mark, digit, Latin
    /// letter or bracket, glued or after a space (`لـ«الحل نت»`, `بـ2022`,
    /// `لـGoogle`, `الـ48 ساعة`, `الـ Server`); a run there is cut to one.
    /// Stripping it would leave the prefix dangling (`ال48`). A tatweel
    /// after a prefix before anything else, or closing a one-letter
    /// abbreviation (`1443 هـ`), is left as typed, and so is a tatweel that
    /// carries a mark: in Uthmani script it seats a dagger alef or hamza
    /// (`ٱلرَّحْمَـٰنِ`), which would otherwise fall on another letter.
    /// Tatweel standing alone between spaces is a dash (S007).
    ///
    /// Before: `الــعــربية`
    /// After:  `العربية`
    pub static DECORATIVE_TATWEEL = ("C002", "decorative-tatweel", Safe);
}

/// A character that cannot join an Arabic prefix: a digit, a Latin letter,
/// a quotation mark or a bracket.
fn foreign_start(c: char) -> bool {
    !is_arabic_letter(c) && !c.is_whitespace() && (c.is_alphanumeric() || matches!(c, '«' | '"' | '“' | '”' | '(' | '['))
}

/// What follows the tatweel at `end` is a non-Arabic token, glued or after
/// spaces (`الـ48`, `الـ Server`).
fn before_foreign_token(text: &str, end: usize) -> bool {
    text[end..].trim_start_matches(is_inline_space).chars().next().is_some_and(foreign_start)
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if !para.features.tatweel || !ctx.settings.enabled(&DECORATIVE_TATWEEL) {
        return;
    }
    let text = para.text;
    let mut from = 0;
    while let Some(off) = text[from..].find(TATWEEL) {
        let start = from + off;
        let end = start + text[start..].chars().take_while(|&c| c == TATWEEL).map(char::len_utf8).sum::<usize>();
        from = end;
        let before = chars::char_before(text, start);
        let after = chars::char_at(text, end);
        if after.is_some_and(is_arabic_mark) {
            continue; // a seat for the mark after it (`ٱلرَّحْمَـٰنِ`): not decoration
        }
        let letter_before = before.is_some_and(|c| is_arabic_letter(c) || is_arabic_mark(c));
        let letter_after = after.is_some_and(is_arabic_letter);
        if !letter_before && !letter_after {
            continue; // standing alone: S007's
        }
        let prefix = if letter_before && !letter_after { prefix_before(text, start) } else { None };
        let keeps_one = prefix.is_some() && before_foreign_token(text, end);
        // A prefix's tatweel before anything but a letter ends the prefix,
        // not a word: stripping it would leave `ال` or `ل` dangling.
        if prefix.is_some() && !keeps_one {
            continue;
        }
        let abbreviation = letter_before
            && !letter_after
            && !chars::char_before(text, start - before.map_or(0, char::len_utf8)).is_some_and(chars::is_word_char);
        if abbreviation && !keeps_one {
            continue;
        }
        let keep = if keeps_one { TATWEEL.len_utf8() } else { 0 };
        if end - start == keep {
            continue;
        }
        let message = if keeps_one { "more than one tatweel after a prefix; one is enough" } else { "decorative tatweel inside a word" };
        out.push(Diagnostic::fixable(DECORATIVE_TATWEEL.code, start..end, message, vec![Edit::delete(start + keep..end)]));
    }
}

pass!(check, [DECORATIVE_TATWEEL]);
