//! Words: the one-letter prefixes that attach to the next word, and the
//! one-letter words a no-break space ties to it.

use super::chars::{char_before, is_arabic_letter, is_arabic_mark, is_word_char, TATWEEL};

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

/// A no-break space at `pos` ties a one-letter word to the Arabic word
/// after it (`و␣النصوص`): typesetters tie the detached conjunction so that
/// it never ends a line.
pub fn ties_one_letter_word(text: &str, pos: usize) -> bool {
    if !text[pos..].starts_with('\u{00A0}') || !text[pos + '\u{00A0}'.len_utf8()..].starts_with(is_arabic_letter) {
        return false;
    }
    let word = text[..pos].trim_end_matches(is_arabic_mark);
    let mut letters = word.chars().rev();
    letters.next().is_some_and(is_arabic_letter) && !letters.next().is_some_and(is_word_char)
}

/// How many one-letter words `text` ties with a no-break space: a few mean
/// its author set no-break spaces on purpose.
pub fn one_letter_ties(text: &str) -> usize {
    memchr::memmem::find_iter(text.as_bytes(), "\u{00A0}".as_bytes()).filter(|&i| ties_one_letter_word(text, i)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_ties() {
        let tie = |s: &str| ties_one_letter_word(s, s.find('\u{00A0}').unwrap());
        assert!(tie("الطويلة، و\u{00A0}هو"));
        assert!(tie("و\u{00A0}النصوص"));
        assert!(tie("وَ\u{00A0}النصوص"));
        assert!(!tie("أوبن\u{00A0}تيب"));
        assert!(!tie("و\u{00A0}Google"));
        assert!(!tie("x و\u{00A0} النصوص"));
        assert_eq!(super::one_letter_ties("و\u{00A0}هو و\u{00A0}هي قيادة\u{00A0}القوات"), 2);
    }
}
