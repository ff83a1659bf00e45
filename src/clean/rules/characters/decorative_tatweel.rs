//! C002: tatweel (kashida) typed into words.

use crate::clean::rules::prelude::*;
use crate::text::words::ends_with_prefix;

rule! {
    /// Decorative tatweel inside words is removed.
    ///
    /// Tatweel (ـ, U+0640) stretches a joined letter. Typed into words for
    /// show (`الــعــربية`), it breaks search and fights justification, which
    /// is the typesetter's job. It is removed.
    ///
    /// One tatweel stays where Arabic convention wants it: after a one-letter
    /// prefix (ل ب ك و ف, also وب ول فل …) before a quotation mark, digit,
    /// Latin letter or bracket (`لـ«الحل نت»`, `بـ2022`, `لـGoogle`); a run
    /// there is cut to one. A tatweel closing a one-letter abbreviation
    /// (`1443 هـ`) is left as typed. Tatweel standing alone between spaces is
    /// a dash (S007). Nor is a tatweel followed by a combining mark
    /// decorative: it is the seat of that mark (a small alef or hamza in
    /// Quranic text, `ٱلرَّحْمَـٰنِ`), and the mark would have no letter
    /// without it.
    ///
    /// Before: `الــعــربية`
    /// After:  `العربية`
    pub static DECORATIVE_TATWEEL = ("C002", "decorative-tatweel", Safe);
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
        let keeps_one = letter_before
            && ends_with_prefix(text, start)
            && after.is_some_and(|c| {
                !is_arabic_letter(c) && !c.is_whitespace() && (c.is_alphanumeric() || matches!(c, '«' | '"' | '“' | '”' | '(' | '['))
            });
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
