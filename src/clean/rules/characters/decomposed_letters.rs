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
    /// Alef + U+0653 after a fatha (`مَآ`, `لَآ`) is left alone: the alef is
    /// the long vowel of the fatha, and U+0653 on it is the madd sign of
    /// Quranic orthography (prolong the vowel), not the hamza of آ. Composing
    /// it would make a reader and a search see آ where the text has ا.
    ///
    /// A hamza typed after the letter's vowel (`ا` + fatha + U+0654) composes
    /// too, as NFC composes it: the vowel does not block it (its combining
    /// class is lower), and stays after the composed letter (`أَ`).
    ///
    /// Before: `ا` + U+0654
    /// After:  `أ`
    pub static DECOMPOSED_LETTERS = ("C004", "decomposed-letters", Safe);
}

/// The letter before byte `alef` carries a fatha: the alef there is its
/// long vowel.
fn after_fatha(text: &str, alef: usize) -> bool {
    text[..alef].chars().rev().take_while(|&c| is_arabic_mark(c)).any(|c| c == '\u{064E}')
}

fn decomposed(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut prev: Option<(usize, char)> = None;
    // The run of marks before the current character: where it starts, and
    // the lowest and highest combining class in it, kept as the text is
    // read so a long run is not read back for each hamza.
    let mut marks = MarkRun::default();
    for (i, c) in text.char_indices() {
        let before = marks;
        marks.push(i, c);
        if let (Some((_, mark)), '\u{0654}' | '\u{0655}') = (prev, c) {
            if is_arabic_mark(mark) {
                hamza_after_vowel(text, &before, i, c, out);
                prev = Some((i, c));
                continue;
            }
        }
        if let (Some((p, base)), '\u{0653}'..='\u{0655}') = (prev, c) {
            if base == 'ا' && c == '\u{0653}' && after_fatha(text, p) {
                prev = Some((i, c));
                continue; // the madd sign on a long vowel
            }
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

/// The combining marks read since the last other character.
#[derive(Debug, Clone, Copy)]
struct MarkRun {
    start: usize,
    lowest: u8,
    highest: u8,
}

impl Default for MarkRun {
    fn default() -> Self {
        MarkRun { start: 0, lowest: u8::MAX, highest: 0 }
    }
}

impl MarkRun {
    fn push(&mut self, i: usize, c: char) {
        if is_arabic_mark(c) {
            let class = unicode_normalization::char::canonical_combining_class(c);
            self.lowest = self.lowest.min(class);
            self.highest = self.highest.max(class);
        } else {
            *self = MarkRun { start: i + c.len_utf8(), ..MarkRun::default() };
        }
    }
}

/// A hamza (U+0654/U+0655) at byte `at` after the marks of a letter
/// (`marks`, from its start to `at`), each of a lower combining class
/// (`ا` + fatha + hamza): NFC composes the letter and the hamza across
/// them, and the marks follow the composed letter in the order they were
/// typed.
fn hamza_after_vowel(text: &str, marks: &MarkRun, at: usize, hamza: char, out: &mut Vec<Diagnostic>) {
    use unicode_normalization::char::{canonical_combining_class as class, compose};
    if marks.start == at || marks.lowest == 0 || marks.highest >= class(hamza) {
        return;
    }
    let marks_start = marks.start;
    let marks = &text[marks_start..at];
    let Some(base) = chars::char_before(text, marks_start) else { return };
    let Some(composed) = compose(base, hamza) else { return };
    let range = marks_start - base.len_utf8()..at + hamza.len_utf8();
    out.push(Diagnostic::fixable(
        DECOMPOSED_LETTERS.code,
        range.clone(),
        format!("`{base}` + U+{:04X} after its vowel is the letter `{composed}` typed in parts", hamza as u32),
        vec![Edit::replace(range, format!("{composed}{marks}"))],
    ));
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if s.enabled(&DECOMPOSED_LETTERS) {
        decomposed(para, out);
    }
}

pass!(check, [DECOMPOSED_LETTERS], when COMBINING_HAMZA);
