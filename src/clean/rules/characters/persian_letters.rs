//! C003: Persian lookalike letters in Arabic text.

use crate::clean::context::line_around;
use crate::clean::rules::prelude::*;

rule! {
    /// Persian kaf and yeh, and other languages' heh, in Arabic text become Arabic letters.
    ///
    /// Persian keyboards type ک (U+06A9) and ی (U+06CC), which look like
    /// Arabic ك and ي in most positions but are different letters to search,
    /// sorting and spell-checking; Urdu and Kurdish keyboards type the heh
    /// forms ھ ہ ە (U+06BE, U+06C1, U+06D5) for ه. In Arabic text they become
    /// ك ي ه. A word-final ی may be ي or ى (`علی`), and a word-final heh form
    /// (or ە anywhere) may be ه or ة: reported, with an unsafe fix to the
    /// letter that keeps its look (ى, ه). ە is also Kurdish's vowel: on a
    /// line with ە, every fix is unsafe.
    ///
    /// Applies to Arabic text only: a Persian, Urdu or Kurdish line (by its
    /// letters and words, or, when a short line has too few, by the
    /// document's language; see `text::language`) keeps its letters and
    /// nothing is reported.
    ///
    /// Before: `کازاخستان`, `فیلم`
    /// After:  `كازاخستان`, `فيلم`
    pub static PERSIAN_LETTERS = ("C003", "persian-letters", Sometimes, arabic_only = true);
}

/// The Arabic letter for a lookalike, and for a word-final one the letter
/// that keeps its look when the meaning is open.
fn arabic_for(c: char) -> Option<(char, &'static str)> {
    match c {
        'ک' => Some(('ك', "Persian kaf")),
        'ی' => Some(('ي', "Persian yeh")),
        'ھ' | 'ہ' | 'ە' => Some(('ه', "heh form of another language")),
        _ => None,
    }
}

fn persian_letters(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    // The line around the last lookalike, and whether it holds Kurdish ە:
    // a line with ە may be Kurdish, or Arabic typed on a Kurdish keyboard.
    let mut kurdish = (0..0, false);
    for (i, c) in text.char_indices() {
        let Some((arabic, what)) = arabic_for(c) else { continue };
        if !kurdish.0.contains(&i) {
            let line = line_around(text, i);
            kurdish = (line.start..line.end + 1, text[line].contains('\u{06D5}'));
        }
        let range = i..i + c.len_utf8();
        let after = text[range.end..].chars().find(|&n| !is_arabic_mark(n));
        let word_final = !after.is_some_and(is_arabic_letter);
        let d = match c {
            'ی' if word_final => Diagnostic::report(
                PERSIAN_LETTERS.code,
                range.clone(),
                "Persian yeh `ی` at the end of a word: `ي` or `ى`? (unsafe fix: `ى`, which looks the same)",
            )
            .with_fix(Fix::unsafe_(vec![Edit::replace(range, "ى")])),
            // ە is Kurdish's vowel e: in Arabic text it may stand for ه or ة
            // anywhere, so a person decides.
            'ە' => Diagnostic::report(PERSIAN_LETTERS.code, range.clone(), format!("{what} `{c}`: `ه` or `ة`? (unsafe fix: `ه`)"))
                .with_fix(Fix::unsafe_(vec![Edit::replace(range, "ه")])),
            'ھ' | 'ہ' if word_final => Diagnostic::report(
                PERSIAN_LETTERS.code,
                range.clone(),
                format!("{what} `{c}` at the end of a word: `ه` or `ة`? (unsafe fix: `ه`)"),
            )
            .with_fix(Fix::unsafe_(vec![Edit::replace(range, "ه")])),
            _ if kurdish.1 => Diagnostic::report(
                PERSIAN_LETTERS.code,
                range.clone(),
                format!("{what} `{c}` on a line with Kurdish `ە`: Kurdish text, or Arabic? (unsafe fix: `{arabic}`)"),
            )
            .with_fix(Fix::unsafe_(vec![Edit::replace(range, arabic.to_string())])),
            _ => Diagnostic::fixable(
                PERSIAN_LETTERS.code,
                range.clone(),
                format!("{what} `{c}` in Arabic text; use `{arabic}`"),
                vec![Edit::replace(range, arabic.to_string())],
            ),
        };
        out.push(d);
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if ctx.settings.enabled(&PERSIAN_LETTERS) {
        persian_letters(para, out);
    }
}

pass!(check, [PERSIAN_LETTERS], when PERSIAN_KAF_YEH);
