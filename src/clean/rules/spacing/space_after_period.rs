//! S016: a sentence period glued to the next Arabic word.

use crate::clean::rules::prelude::*;

rule! {
    /// A period between two Arabic words gets a space after it.
    ///
    /// Pasted copy often loses the space after a full stop: `العام.وقال`
    /// runs two sentences together, and search, line breaking and
    /// justification see one word. A single `.` with an Arabic word of two
    /// letters or more before it and an Arabic letter right after it ends a
    /// sentence, and a space is inserted after it.
    ///
    /// Left alone: numbers (`755.17`), runs of dots (the headline `..`),
    /// links, domains and file names, one-letter abbreviations (`د.محمد`,
    /// `ص.ب`, `ق.م`), which Arabic writes without a space, and Latin names
    /// and addresses written in Arabic letters, whose dot is part of the name
    /// (`موقعي.كوم`, `فيو.جي إس` for Vue.js): a whole word after the dot
    /// that spells a domain ending or `js` (`كوم`, `نت`, `أورج`, `جي`).
    ///
    /// Before: `في نهاية العام.وقال المتحدث`
    /// After:  `في نهاية العام. وقال المتحدث`
    pub static SPACE_AFTER_PERIOD = ("S016", "space-after-period", Safe, arabic_only = true);
}

/// Domain endings and `.js` spelled in Arabic letters: after a dot they make
/// a name (`موقعي.كوم`), not a new sentence.
const TRANSLITERATED_ENDINGS: &[&str] = &["كوم", "نت", "نيت", "أورج", "اورج", "إنفو", "انفو", "جي", "إيه", "آي"];

/// The whole Arabic word starting at `start` is a transliterated ending.
fn transliterated_ending(text: &str, start: usize) -> bool {
    let rest = &text[start..];
    let len = rest.len() - rest.trim_start_matches(|c: char| is_arabic_letter(c) || is_arabic_mark(c)).len();
    TRANSLITERATED_ENDINGS.contains(&&rest[..len])
}

/// The Arabic word ending at `end` has at least two letters: a single letter
/// before a period is an abbreviation.
fn word_before_is_long(text: &str, end: usize) -> bool {
    text[..end].chars().rev().take_while(|&c| is_arabic_letter(c) || is_arabic_mark(c)).filter(|&c| is_arabic_letter(c)).nth(1).is_some()
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let f = &para.features;
    if !f.ascii_punct || f.arabic == 0 || !ctx.settings.enabled(&SPACE_AFTER_PERIOD) {
        return;
    }
    let text = para.text;
    let bytes = text.as_bytes();
    for (i, _) in para.signs(|c| c == '.') {
        let lone = (i == 0 || bytes[i - 1] != b'.') && bytes.get(i + 1) != Some(&b'.');
        if !lone || para.is_protected(i) {
            continue;
        }
        let before = chars::char_before(text, i);
        let after = chars::char_at(text, i + 1);
        let between_arabic = before.is_some_and(|c| is_arabic_letter(c) || is_arabic_mark(c)) && after.is_some_and(is_arabic_letter);
        if !between_arabic || !word_before_is_long(text, i) || transliterated_ending(text, i + 1) {
            continue;
        }
        out.push(Diagnostic::fixable(
            SPACE_AFTER_PERIOD.code,
            i..i + 1,
            "no space after the period before the next sentence",
            vec![Edit::insert(i + 1, " ")],
        ));
    }
}

pass!(check, [SPACE_AFTER_PERIOD], when UNSPACED_MARK);
