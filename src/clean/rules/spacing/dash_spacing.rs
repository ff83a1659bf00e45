//! S005: one space each side of a dash between words.

use super::dashes::{arabic_word_char, surroundings};
use crate::clean::rules::prelude::*;

rule! {
    /// A dash between words has one space on each side.
    ///
    /// An en or em dash (– —) used as a parenthetical dash in Arabic text
    /// stands between spaces. A dash with a space on one side only is given
    /// the other; a dash glued between two Arabic words gets both. Dashes
    /// between digits (`1991–2022`) and in Latin compounds are ranges, not
    /// parentheses, and stay.
    ///
    /// Before: `المتحدة –ومعها حلف`
    /// After:  `المتحدة – ومعها حلف`
    pub static DASH_SPACING = ("S005", "dash-spacing", Safe);
}

fn dash_spacing(para: &Paragraph, i: usize, c: char, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let end = i + c.len_utf8();
    let s = surroundings(text, i, end);
    let (Some(before), Some(after)) = (s.before, s.after) else {
        return;
    };
    if before == '\n' || after == '\n' || para.is_untouchable(i) {
        return;
    }
    let edits = match (s.space_before > 0, s.space_after > 0) {
        (true, true) => return,
        (true, false) if chars::is_word_char(after) || after == '«' || after == '(' => {
            vec![Edit::insert(end, " ")]
        }
        (false, true) if chars::is_word_char(before) || before == '»' || before == ')' => {
            vec![Edit::insert(i, " ")]
        }
        (false, false) if arabic_word_char(before) && arabic_word_char(after) => {
            vec![Edit::insert(i, " "), Edit::insert(end, " ")]
        }
        _ => return,
    };
    out.push(Diagnostic::fixable(DASH_SPACING.code, i..end, format!("a dash `{c}` between words takes one space on each side"), edits));
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if !ctx.settings.enabled(&DASH_SPACING) {
        return;
    }
    // An en or em dash: E2 80 93/94, found by its first byte.
    for i in memchr::memchr_iter(0xE2, para.text.as_bytes()) {
        let c = para.text[i..].chars().next().expect("char boundary");
        if matches!(c, '\u{2013}' | '\u{2014}') {
            dash_spacing(para, i, c, out);
        }
    }
}

pass!(check, [DASH_SPACING], when DASHES);
