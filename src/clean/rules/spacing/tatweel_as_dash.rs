//! S007: tatweel typed as a dash.

use super::dashes::EN_DASH;
use crate::clean::rules::prelude::*;
use crate::text::words::{glued_dash, GluedDash};

rule! {
    /// Tatweel typed as a dash becomes a dash.
    ///
    /// Some writers type a run of tatweel (ـ, the kashida) as a dash.
    /// Tatweel is a letter extender, not punctuation: it copies and searches
    /// wrongly. A run standing alone between spaces becomes –.
    ///
    /// Glued to a word with a space on its other side, a tatweel links the
    /// word to nothing: it is a dash typed without its own space, often a pair
    /// around an aside (`الصوف ـأو تغطية الأسطحـ عاد`). It is reported, and
    /// the unsafe fix writes a spaced dash (`الصوف – أو تغطية الأسطح – عاد`):
    /// a person should look, since a tatweel at a word's edge can also show
    /// a letter's joining form. Not reported: a prefix's tatweel (`لـ Google`),
    /// an abbreviation (`1443 هـ`), a one-letter token or one with tatweel
    /// at both ends (`ـه`, `ـهـ`).
    ///
    /// Before: `الاول ــ اثناء مدة`
    /// After:  `الاول – اثناء مدة`
    pub static TATWEEL_AS_DASH = ("S007", "tatweel-as-dash", Sometimes);
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
        } else if let Some(side) = glued_dash(text, i, end) {
            let (dash, message) = match side {
                GluedDash::Opening => ("\u{2013} ", "tatweel glued to the next word as a dash; use ` – `"),
                GluedDash::Closing => (" \u{2013}", "tatweel glued to the word before as a dash; use ` – `"),
            };
            out.push(Diagnostic::report(TATWEEL_AS_DASH.code, i..end, message).with_fix(Fix::unsafe_(vec![Edit::replace(i..end, dash)])));
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if s.enabled(&TATWEEL_AS_DASH) {
        tatweel_as_dash(para, out);
    }
}

pass!(check, [TATWEEL_AS_DASH], when TATWEEL);
