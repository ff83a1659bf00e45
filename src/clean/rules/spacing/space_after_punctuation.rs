//! S002: a space after ، ؛ ؟ : ! when a word follows.

use super::marks::{is_word_or_opener, punctuation_marks};
use crate::clean::rules::prelude::*;

rule! {
    /// A space follows ، ؛ ؟ (and : ! in Arabic text) when a word follows.
    ///
    /// The Arabic comma, semicolon and question mark are followed by a space
    /// before the next word; so are the colon and exclamation mark in Arabic
    /// context. Numbers (`10:30`) and links are never touched, nor an Arabic
    /// comma between two digits (`2،500.75`), which is the number's own
    /// separator.
    ///
    /// Before: `انتهت،المهام أُنجزت`
    /// After:  `انتهت، المهام أُنجزت`
    pub static SPACE_AFTER_PUNCTUATION = ("S002", "space-after-punctuation", Safe);
}

fn space_after(para: &Paragraph, marks: &[(usize, char)], out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut letters = Letters::new(text);
    for &(i, c) in marks {
        if c == '.' {
            continue;
        }
        let after = i + c.len_utf8();
        let Some(next) = chars::char_at(text, after) else { continue };
        if !is_word_or_opener(next) || para.is_protected(i) {
            continue;
        }
        // `2،500.75`, `87،3%`: a separator typed on an Arabic keyboard is
        // part of the number; spacing it would split the number in two.
        if between_digits(text, i, after) {
            continue;
        }
        // ASCII marks only in Arabic context, and only before an Arabic word.
        if c.is_ascii() && !(letters.around(i).0 == Some(Strong::Rtl) && strong(next) == Some(Strong::Rtl)) {
            continue;
        }
        out.push(Diagnostic::fixable(
            SPACE_AFTER_PUNCTUATION.code,
            i..after,
            format!("no space after `{c}` before the next word"),
            vec![Edit::insert(after, " ")],
        ));
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if (f.arabic_punct || f.ascii_punct) && f.arabic > 0 && s.enabled(&SPACE_AFTER_PUNCTUATION) {
        space_after(para, &punctuation_marks(para.text), out);
    }
}

pass!(check, [SPACE_AFTER_PUNCTUATION]);
