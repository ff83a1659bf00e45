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
    /// Hyphens also come in pairs: one glued to the start of a word and
    /// another glued to the end of a later word in the same sentence. Around
    /// a few words (three at most: `ما يسمى -الربيع العربي- في`) they are
    /// quotation marks, reported as a pair with no fix. Around a longer
    /// aside both become dashes together, or, when one of them cannot (a
    /// mark follows it), neither does and the pair is reported: a pair is
    /// never half turned into a dash.
    ///
    /// Before: `الماتي- كازاخستان`
    /// After:  `الماتي – كازاخستان`
    pub static HYPHEN_AS_DASH = ("S006", "hyphen-as-dash", Sometimes);
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

/// A hyphen glued to the start of an Arabic word, with a space or nothing
/// before it: it may open a quotation.
fn opens_word(text: &str, i: usize) -> bool {
    chars::char_before(text, i).is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '«'))
        && chars::char_at(text, i + 1).is_some_and(is_arabic_letter)
}

/// A hyphen glued to the end of an Arabic word, with a space, punctuation
/// or nothing after it: it may close a quotation.
fn closes_word(text: &str, i: usize) -> bool {
    chars::char_before(text, i).is_some_and(arabic_word_char)
        && chars::char_at(text, i + 1).is_none_or(|c| c.is_whitespace() || matches!(c, '،' | '؛' | '.' | ':' | '؟' | '!' | ')' | ']' | '»'))
}

/// Pairs of hyphens used as quotation marks: an opening one and the next
/// hyphen, when it closes a word in the same sentence.
fn quotation_pairs(text: &str, hyphens: &[usize]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for w in hyphens.windows(2) {
        let (open, close) = (w[0], w[1]);
        let between = &text[open + 1..close];
        let one_sentence = !between.contains(['.', '؟', '!', '\n']);
        if one_sentence && opens_word(text, open) && closes_word(text, close) && pairs.last().is_none_or(|&(_, c)| c < open) {
            pairs.push((open, close));
        }
    }
    pairs
}

/// The dash fix `hyphen_as_dash` would make for the hyphen at `i`, if any.
fn dash_fix(para: &Paragraph, i: usize) -> Option<Diagnostic> {
    let mut found = Vec::new();
    hyphen_as_dash(para, i, &mut found);
    found.pop()
}

/// Hyphens around at most this many words are quotation marks.
const QUOTATION_WORDS: usize = 3;

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if para.features.arabic == 0 || !ctx.settings.enabled(&HYPHEN_AS_DASH) {
        return;
    }
    let text = para.text;
    let hyphens: Vec<usize> = memchr::memchr_iter(b'-', text.as_bytes()).filter(|&i| !para.is_untouchable(i)).collect();
    let pairs = quotation_pairs(text, &hyphens);
    for &(open, close) in &pairs {
        let inside = &text[open + 1..close];
        let aside = inside.split_whitespace().count() > QUOTATION_WORDS;
        if let (true, Some(a), Some(b)) = (aside, dash_fix(para, open), dash_fix(para, close)) {
            out.extend([a, b]);
            continue;
        }
        let message = if aside {
            format!("a pair of hyphens around `{inside}`, one of which cannot become a dash; write ` – … – ` or «…»")
        } else {
            format!("hyphens used as quotation marks around `{inside}`; write «…» for a quotation, or spaced dashes ` – ` for an aside")
        };
        out.push(Diagnostic::report(HYPHEN_AS_DASH.code, open..close + 1, message));
    }
    // Sorted, since pairs are found in order and do not overlap.
    let paired: Vec<usize> = pairs.iter().flat_map(|&(o, c)| [o, c]).collect();
    for i in hyphens {
        if paired.binary_search(&i).is_err() {
            hyphen_as_dash(para, i, out);
        }
    }
}

pass!(check, [HYPHEN_AS_DASH], when DASHES);
