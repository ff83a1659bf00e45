//! C004: letters typed as a base and a combining hamza or madda.

use crate::clean::rules::prelude::*;

rule! {
    /// A letter typed as base plus combining hamza or madda is composed.
    ///
    /// `ا` followed by U+0654 (hamza above) displays like `أ` but is two
    /// characters: search for أ does not find it. Such pairs are composed as
    /// Unicode's NFC composes them (أ إ آ ؤ ئ ۀ ۓ). Other diacritics stay in
    /// the order they were typed: canonical reordering changes nothing on the
    /// page and would flag every vocalized text.
    ///
    /// Before: `ا` + U+0654
    /// After:  `أ`
    pub static DECOMPOSED_LETTERS = ("C004", "decomposed-letters", Safe);
}

fn decomposed(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        if let (Some((p, base)), '\u{0653}'..='\u{0655}') = (prev, c) {
            if let Some(composed) = unicode_normalization::char::compose(base, c) {
                let range = p..i + c.len_utf8();
                out.push(Diagnostic::fixable(
                    DECOMPOSED_LETTERS.code,
                    range.clone(),
                    format!("`{base}` + U+{:04X} is the letter `{composed}` typed in two parts", c as u32),
                    vec![Edit::replace(range, composed.to_string())],
                ));
            }
        }
        prev = Some((i, c));
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.combining_hamza && s.enabled(&DECOMPOSED_LETTERS) {
        decomposed(para, out);
    }
}

pass!(check, [DECOMPOSED_LETTERS]);
