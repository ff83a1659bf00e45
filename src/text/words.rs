//! Words: the one-letter prefixes that attach to the next word.

use super::chars::{char_before, is_arabic_letter, is_word_char, TATWEEL};

/// One-letter Arabic prefixes that attach to the next word: ل ب ك و ف.
pub fn is_prefix_letter(c: char) -> bool {
    matches!(c, 'ل' | 'ب' | 'ك' | 'و' | 'ف')
}

/// The word ending at `pos` is a prefix (`ل`, `و`, `وب`, with an optional
/// tatweel): a quote after it opens.
pub fn ends_with_prefix(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches(TATWEEL);
    let word_start = before.trim_end_matches(is_arabic_letter).len();
    if char_before(text, word_start).is_some_and(is_word_char) {
        return false;
    }
    let mut letters = before[word_start..].chars();
    match (letters.next(), letters.next(), letters.next()) {
        (Some(c), None, _) => is_prefix_letter(c),
        (Some(first), Some(second), None) => matches!(first, 'و' | 'ف') && is_prefix_letter(second),
        _ => false,
    }
}
