//! S006: a hyphen spaced on one side only, between Arabic words, is a dash.

use super::dashes::{arabic_word_char, surroundings, EN_DASH};
use crate::clean::rules::prelude::*;

rule! {
    /// A hyphen spaced as a dash between Arabic words becomes a dash.
    ///
    /// A hyphen with a space on one side only (or on both) between Arabic
    /// words is a dash typed with the nearest key: it becomes ` – `. Hyphens
    /// inside names and compounds (`قاسم-جومرت`, `Bishkek-Bound`) have no
    /// space and stay, as does a hyphen at the end of a line (a byline).
    ///
    /// Before: `الماتي- كازاخستان`
    /// After:  `الماتي – كازاخستان`
    pub static HYPHEN_AS_DASH = ("S006", "hyphen-as-dash", Safe);
}

fn hyphen_as_dash(para: &Paragraph, i: usize, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let s = surroundings(text, i, i + 1);
    let (Some(before), Some(after)) = (s.before, s.after) else {
        return;
    };
    if s.space_before == 0 && s.space_after == 0
        || !arabic_word_char(before)
        || !(arabic_word_char(after) || after == '«')
        || para.is_untouchable(i)
    {
        return;
    }
    // Replace the hyphen and the spaces around it with one spaced dash.
    let range = i - s.space_before..i + 1 + s.space_after;
    out.push(Diagnostic::fixable(
        HYPHEN_AS_DASH.code,
        range.clone(),
        "a hyphen spaced as a dash between Arabic words; use `–`",
        vec![Edit::replace(range, format!(" {EN_DASH} "))],
    ));
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if !para.features.dashes || para.features.arabic == 0 || !ctx.settings.enabled(&HYPHEN_AS_DASH) {
        return;
    }
    for i in memchr::memchr_iter(b'-', para.text.as_bytes()) {
        hyphen_as_dash(para, i, out);
    }
}

pass!(check, [HYPHEN_AS_DASH]);
