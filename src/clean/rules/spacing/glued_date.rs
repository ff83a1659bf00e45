//! S009: a date glued to the next word.

use crate::clean::rules::prelude::*;
use crate::text::dates::looks_like_date;

rule! {
    /// A date glued to the next word gets a space.
    ///
    /// References copied from web pages lose the space between a date and the
    /// title that follows it. A date (`d.m.yyyy`, `d/m/yyyy`) directly
    /// followed by a letter gets one space; the date itself is not changed.
    ///
    /// Before: `7.1.2022In Kazakhstan’s Street Battles`
    /// After:  `7.1.2022 In Kazakhstan’s Street Battles`
    pub static GLUED_DATE = ("S009", "glued-date", Safe);
}

fn glued_date(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for p in para.protected.iter().filter(|p| p.kind == Protection::Number) {
        let Some(next) = chars::char_at(text, p.range.end) else {
            continue;
        };
        if !chars::is_letter(next) || !looks_like_date(&text[p.range.clone()]) {
            continue;
        }
        out.push(Diagnostic::fixable(
            GLUED_DATE.code,
            p.range.clone(),
            "date glued to the next word",
            vec![Edit::insert(p.range.end, " ")],
        ));
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.latin + f.arabic > 0 && s.enabled(&GLUED_DATE) {
        glued_date(para, out);
    }
}

pass!(check, [GLUED_DATE], when DIGITS);
