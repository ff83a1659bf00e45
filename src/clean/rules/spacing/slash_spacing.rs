//! S008: a space on one side only of a slash.

use crate::clean::rules::prelude::*;

rule! {
    /// A space on one side only of a slash is removed.
    ///
    /// A slash joins its two sides (`كانون الأول/ديسمبر`). A space on one side
    /// only is a slip; a symmetric ` / ` is a deliberate separator and stays
    /// (`KNB / جهاز المخابرات`). Links are never touched.
    ///
    /// Before: `كانون الأول/ ديسمبر 1991`
    /// After:  `كانون الأول/ديسمبر 1991`
    pub static SLASH_SPACING = ("S008", "slash-spacing", Safe);
}

fn slash_spacing(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for i in memchr::memchr_iter(b'/', text.as_bytes()) {
        if para.is_untouchable(i) {
            continue;
        }
        let before = &text[..i];
        let after = &text[i + 1..];
        let left = before.len() - before.trim_end_matches(is_inline_space).len();
        let right = after.len() - after.trim_start_matches(is_inline_space).len();
        let word_left = before[..before.len() - left].chars().next_back().is_some_and(|c| !c.is_whitespace());
        let word_right = after[right..].chars().next().is_some_and(|c| !c.is_whitespace());
        if !(word_left && word_right) || (left > 0) == (right > 0) {
            continue;
        }
        let (range, side) = if left > 0 { (i - left..i, "before") } else { (i + 1..i + 1 + right, "after") };
        out.push(Diagnostic::fixable(
            SLASH_SPACING.code,
            i - left..i + 1 + right,
            format!("space {side} `/` only; a slash joins both sides"),
            vec![Edit::delete(range)],
        ));
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if s.enabled(&SLASH_SPACING) {
        slash_spacing(para, out);
    }
}

pass!(check, [SLASH_SPACING], when SLASH);
