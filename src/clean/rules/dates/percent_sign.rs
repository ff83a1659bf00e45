//! D009: a percent sign typed before its number.

use crate::clean::rules::prelude::*;
use crate::text::words::ends_with_prefix;

rule! {
    /// A percent sign before its number in Arabic text goes after it.
    ///
    /// In Arabic the percent sign is read after the number and written after
    /// it in logical order (`25%`, `٢٥٪`); the bidi algorithm then shows it
    /// to the number's left. Writers who type what they see put it first
    /// (`%25`), which displays on the wrong side in every other viewer.
    /// The sign moves after the number; the number is not changed.
    ///
    /// Only a sign standing alone (or after a prefix, `و%30`) before a whole
    /// number in Arabic context moves. Latin text, links (`%20` in a URL),
    /// format strings (`%d`, `%1$s`), a sign glued to a word or another
    /// number, and ranges (`%20-%30`) are left alone. A single digit (`%1`)
    /// may be a placeholder of a translated message (`%1 من %2`): reported,
    /// with an unsafe fix.
    ///
    /// Before: `ارتفعت الأسعار بنسبة %25 خلال العام`
    /// After:  `ارتفعت الأسعار بنسبة 25% خلال العام`
    pub static PERCENT_BEFORE_NUMBER = ("D009", "percent-before-number", Sometimes);
}

/// What may stand before the sign at `at`: nothing, a space, an opening
/// mark, or a one-letter prefix (`و%30`).
fn opens_token(text: &str, at: usize) -> bool {
    chars::char_before(text, at).is_none_or(|c| is_inline_space(c) || matches!(c, '(' | '[' | '«' | '\u{201C}' | '"'))
        || ends_with_prefix(text, at)
}

/// What may follow the number: nothing, a space, or closing punctuation.
fn ends_token(c: Option<char>) -> bool {
    c.is_none_or(|c| is_inline_space(c) || matches!(c, '،' | '؛' | '؟' | '.' | ',' | ';' | ':' | '!' | ')' | ']' | '»' | '\u{201D}' | '"'))
}

fn percent_before(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for n in para.numbers() {
        let number = n.range.clone();
        let Some(sign @ ('%' | '٪')) = chars::char_before(text, number.start) else { continue };
        let at = number.start - sign.len_utf8();
        if !opens_token(text, at) || !ends_token(chars::char_at(text, number.end)) {
            continue;
        }
        if para.is_untouchable(at) || !is_arabic_context(text, at, number.end) {
            continue;
        }
        let edits = vec![Edit::delete(at..number.start), Edit::insert(number.end, sign.to_string())];
        let message = format!("`{sign}` before its number; it is written after it");
        out.push(if text[number.clone()].chars().count() > 1 {
            Diagnostic::fixable(PERCENT_BEFORE_NUMBER.code, at..number.end, message, edits)
        } else {
            Diagnostic::report(PERCENT_BEFORE_NUMBER.code, at..number.end, format!("{message}, unless it is a placeholder like `%1`"))
                .with_fix(Fix::unsafe_(edits))
        });
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if para.features.arabic > 0 && ctx.settings.enabled(&PERCENT_BEFORE_NUMBER) && para.signs(|c| c == '%' || c == '٪').next().is_some() {
        percent_before(para, out);
    }
}

pass!(check, [PERCENT_BEFORE_NUMBER], when DIGITS | NON_WESTERN_DIGITS);
