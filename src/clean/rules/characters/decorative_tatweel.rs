//! C002: tatweel (kashida) typed into words.

use crate::clean::rules::prelude::*;
use crate::text::words::prefix_before;

rule! {
    /// Decorative tatweel inside words is removed.
    ///
    /// Tatweel (ـ, U+0640) stretches a joined letter. Typed into words for
    /// show (`الــعــربية`), it breaks search and fights justification, which
    /// is the typesetter's job. Between two letters of a word it is removed.
    ///
    /// One tatweel stays where Arabic convention wants it: after a prefix
    /// (ل ب ك و ف, also وب فل …, and the article with its prefixes: الـ بالـ
    /// وبالـ للـ) before a non-Arabic token: a quotation mark, digit, Latin
    /// letter or bracket, glued or after a space (`لـ«الحل نت»`, `بـ2022`,
    /// `لـGoogle`, `الـ48 ساعة`, `الـ Server`); a run there is cut to one.
    /// Stripping it would leave the prefix dangling (`ال48`).
    ///
    /// Any other tatweel at a word's edge links the word to nothing, so it
    /// is no decoration and is left as typed: glued to a word with a space on its
    /// other side it is a dash (`الصوف ـأو تغطية الأسطحـ عاد`, S007); it
    /// closes an abbreviation (`1443 هـ`) or shows a letter's joining form
    /// (`ـهـ`). A tatweel that carries a mark stays too: in Uthmani script
    /// it seats a dagger alef or hamza (`ٱلرَّحْمَـٰنِ`), which would
    /// otherwise fall on another letter. And a word its writer vocalized,
    /// with a short vowel or sukun, is a scholar's text: its tatweels mark
    /// something (the letters a blend is made of: `خَلِّــيّ نَـشَادُرِيِّ`)
    /// and stay. Tatweel standing alone between spaces is a dash (S007).
    ///
    /// Before: `الــعــربية`
    /// After:  `العربية`
    ///
    /// Before: `خَلِّــيّ نَـشَادُرِيِّ`
    /// After:  `خَلِّــيّ نَـشَادُرِيِّ`
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

/// A short vowel or sukun: what a vocalized word carries and a word
/// written without vowels does not. Tanwin and shadda are left out: plain
/// text writes them too (`جداً`, `إنّ`), and decoration with them (`شكـــراً`).
fn is_vowel_mark(c: char) -> bool {
    matches!(c, '\u{064E}'..='\u{0650}' | '\u{0652}')
}

/// Whether the word around byte `pos` is vocalized, remembered for the
/// last word asked about: each word is read once, so a paragraph of
/// tatweel runs stays linear.
struct Vocalized {
    word: std::ops::Range<usize>,
    vocalized: bool,
}

impl Vocalized {
    fn at(&mut self, text: &str, pos: usize) -> bool {
        if !self.word.contains(&pos) {
            let in_word = |c: char| is_arabic_letter(c) || is_arabic_mark(c) || c == TATWEEL;
            let start = text[..pos].trim_end_matches(in_word).len();
            let end = pos + text[pos..].find(|c: char| !in_word(c)).unwrap_or(text.len() - pos);
            self.vocalized = text[start..end].chars().any(is_vowel_mark);
            self.word = start..end;
        }
        self.vocalized
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if !ctx.settings.enabled(&DECORATIVE_TATWEEL) {
        return;
    }
    let text = para.text;
    let mut vocalized = Vocalized { word: 0..0, vocalized: false };
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
        if letter_before && after.is_some_and(is_arabic_letter) {
            if !vocalized.at(text, start) {
                out.push(Diagnostic::fixable(
                    DECORATIVE_TATWEEL.code,
                    start..end,
                    "decorative tatweel inside a word",
                    vec![Edit::delete(start..end)],
                ));
            }
            continue;
        }
        // At a word's edge only a prefix's run before a foreign token is
        // cut, to the one tatweel the convention keeps (`لـ«`, `الـ48`).
        let one = TATWEEL.len_utf8();
        if letter_before && end - start > one && prefix_before(text, start).is_some() && before_foreign_token(text, end) {
            out.push(Diagnostic::fixable(
                DECORATIVE_TATWEEL.code,
                start..end,
                "more than one tatweel after a prefix; one is enough",
                vec![Edit::delete(start + one..end)],
            ));
        }
    }
}

pass!(check, [DECORATIVE_TATWEEL], when TATWEEL);
