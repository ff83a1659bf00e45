//! C — letters in the wrong encoding: presentation forms, Persian
//! lookalikes, decomposed hamza and madda.

use unicode_normalization::UnicodeNormalization;

use crate::clean::chars::{is_arabic_letter, is_arabic_mark, is_presentation_form};
use crate::clean::context::DocContext;
use crate::clean::diagnostic::{Diagnostic, Edit, Fix};
use crate::clean::paragraph::Paragraph;
use crate::clean::registry::rule;

use super::visual_order;

rule! {
    /// Presentation forms become letters.
    ///
    /// Presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) are shaped glyphs,
    /// not letters: text copied from PDFs and old software carries them.
    /// They do not search, sort or reshape, and a font may lack them. Each
    /// becomes its letters, as Unicode's compatibility mapping says (`ﻻ` is
    /// `لا`). Word ligatures and symbols (U+FDF0–U+FDFF, like ﷺ) are meant
    /// as such and stay. A line in visual order is left to B003.
    ///
    /// Before: `ﺍﻟﻌﺮﺑﻴﺔ`, `ﻻ`
    /// After:  `العربية`, `لا`
    pub static PRESENTATION_FORMS = ("C001", "presentation-forms", Safe);
}

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

rule! {
    /// A letter typed as base plus combining hamza or madda is composed.
    ///
    /// `ا` followed by U+0654 (hamza above) displays like `أ` but is two
    /// characters: search for أ does not find it. Such pairs are composed as
    /// Unicode's NFC composes them (أ إ آ ؤ ئ ۀ ۓ). Other diacritics stay in
    /// the order they were typed: canonical reordering changes nothing on the
    /// page and would flag every vocalized text.
    ///
    /// Before: `ا` + U+0654
    /// After:  `أ`
    pub static DECOMPOSED_LETTERS = ("C004", "decomposed-letters", Safe);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.presentation && s.enabled(&PRESENTATION_FORMS) && !visual_order::has_visual_line(para) {
        presentation_forms(para, out);
    }
    if f.persian_kaf_yeh && !f.persian_only && s.enabled(&PERSIAN_LETTERS) {
        persian_letters(para, out);
    }
    if f.combining_hamza && s.enabled(&DECOMPOSED_LETTERS) {
        decomposed(para, out);
    }
}

fn mappable(c: char) -> bool {
    is_presentation_form(c) && !('\u{FDF0}'..='\u{FDFF}').contains(&c)
}

fn presentation_forms(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !mappable(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(j, n)) = iter.peek() {
            if !mappable(n) {
                break;
            }
            end = j + n.len_utf8();
            iter.next();
        }
        let run = &text[start..end];
        let letters: String = run.nfkc().collect();
        if letters != run {
            out.push(Diagnostic::fixable(
                PRESENTATION_FORMS.code,
                start..end,
                format!("presentation forms `{run}` instead of letters `{letters}`"),
                vec![Edit::replace(start..end, letters)],
            ));
        }
    }
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

fn decomposed(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        if let (Some((p, base)), '\u{0653}'..='\u{0655}') = (prev, c) {
            if let Some(composed) = unicode_normalization::char::compose(base, c) {
                let range = p..i + c.len_utf8();
                out.push(Diagnostic::fixable(
                    DECOMPOSED_LETTERS.code,
                    range.clone(),
                    format!("`{base}` + U+{:04X} is the letter `{composed}` typed in two parts", c as u32),
                    vec![Edit::replace(range, composed.to_string())],
                ));
            }
        }
        prev = Some((i, c));
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::rules::testing::{codes, fixed, fixed_unsafe};

    #[test]
    fn characters() {
        assert_eq!(fixed("ﺍﻟﻌﺮﺑﻴﺔ"), "العربية");
        assert_eq!(fixed("ﷺ"), "ﷺ");
        assert_eq!(fixed("کازاخستان فیلم"), "كازاخستان فيلم");
        assert_eq!(fixed("علی"), "علی");
        assert_eq!(codes("علی"), vec!["C003"]);
        assert_eq!(fixed_unsafe("علی"), "على");
        assert_eq!(fixed("پارسی کتاب"), "پارسی کتاب");
        assert_eq!(fixed("ا\u{0654}حمد"), "أحمد");
        // Diacritics keep their typed order: shadda then fatha stays.
        assert_eq!(fixed("شدَّة"), "شدَّة");
    }
}
