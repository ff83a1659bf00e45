//! S007: tatweel standing alone as a dash.

use super::dashes::EN_DASH;
use crate::clean::rules::prelude::*;

rule! {
    /// Tatweel standing alone is a dash.
    ///
    /// Some writers type a run of tatweel (ـ, the kashida) between spaces as
    /// a dash. Tatweel is a letter extender, not punctuation: it copies and
    /// searches wrongly. A run standing alone between spaces becomes –.
    ///
    /// Before: `الاول ــ اثناء مدة`
    /// After:  `الاول – اثناء مدة`
    pub static TATWEEL_AS_DASH = ("S007", "tatweel-as-dash", Safe);
}

fn tatweel_as_dash(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c != TATWEEL {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, TATWEEL)) = iter.peek() {
            end = j + TATWEEL.len_utf8();
            iter.next();
        }
        let before = chars::char_before(text, i);
        let after = chars::char_at(text, end);
        let alone = before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace);
        if alone && (before.is_some() || after.is_some()) {
            out.push(Diagnostic::fixable(
                TATWEEL_AS_DASH.code,
                i..end,
                "tatweel used as a dash; use `–`",
                vec![Edit::replace(i..end, EN_DASH)],
            ));
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.tatweel && s.enabled(&TATWEEL_AS_DASH) {
        tatweel_as_dash(para, out);
    }
}

pass!(check, [TATWEEL_AS_DASH]);
