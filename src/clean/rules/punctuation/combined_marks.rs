//! P006: the one-character ⁈ ⁇ ⁉ ‼ in Arabic text.

use crate::clean::rules::prelude::*;

rule! {
    /// The one-character marks ⁈ ⁇ ⁉ ‼ in Arabic text are written with Arabic marks.
    ///
    /// U+2048 ⁈, U+2047 ⁇, U+2049 ⁉ and U+203C ‼ are Latin ligatures: their
    /// question mark faces the Latin way, and Arabic fonts often lack them.
    /// In Arabic context they become `؟!`, `؟؟`, `!؟` and `!!`, in the order
    /// they show. (P004 then reports a doubled mark.) Followed by the emoji
    /// selector U+FE0F (`⁉️`) they are pictures, not punctuation, and stay;
    /// so do they in Latin text.
    ///
    /// Before: `حقا⁈`
    /// After:  `حقا؟!`
    pub static COMBINED_MARKS = ("P006", "combined-marks", Safe);
}

/// The Arabic marks a ligature stands for.
fn arabic_marks(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2048}' => "؟!",
        '\u{2047}' => "؟؟",
        '\u{2049}' => "!؟",
        '\u{203C}' => "!!",
        _ => return None,
    })
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    if para.features.arabic == 0 || !ctx.settings.enabled(&COMBINED_MARKS) {
        return;
    }
    for (i, c) in para.signs(|c| arabic_marks(c).is_some()) {
        let Some(marks) = arabic_marks(c) else { continue };
        let end = i + c.len_utf8();
        if chars::char_at(text, end) == Some('\u{FE0F}') || para.is_untouchable(i) || !is_arabic_context(text, i, end) {
            continue;
        }
        out.push(Diagnostic::fixable(
            COMBINED_MARKS.code,
            i..end,
            format!("`{c}` is a Latin ligature; in Arabic write `{marks}`"),
            vec![Edit::replace(i..end, marks)],
        ));
    }
}

pass!(check, [COMBINED_MARKS]);
