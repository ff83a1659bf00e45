//! Persian (and other languages written in Arabic script) inside Arabic
//! text: a line that is Persian keeps its letters and digits.
//!
//! A line is Persian when it holds a letter Arabic never uses (Persian
//! پ چ ژ گ ۀ, Urdu ٹ ڈ ڑ ں ے, Kurdish ێ ۆ ڕ ڵ) or one of the commonest
//! Persian words (`است`, `این`, `نام`, `را`, `که`, `می`). Its ک ی and
//! ۰–۹ are Persian, not Arabic typed on a Persian keyboard.

use super::chars::{is_arabic_letter, is_arabic_mark};

/// A letter of Persian, Urdu or Kurdish that Arabic does not use.
pub fn is_non_arabic_letter(c: char) -> bool {
    matches!(
        c,
        // Persian: پ چ ژ گ ۀ
        '\u{067E}' | '\u{0686}' | '\u{0698}' | '\u{06AF}' | '\u{06C0}'
        // Urdu: ٹ ڈ ڑ ں ے ۓ
        | '\u{0679}' | '\u{0688}' | '\u{0691}' | '\u{06BA}' | '\u{06D2}' | '\u{06D3}'
        // Kurdish: ێ ۆ ڕ ڵ
        | '\u{06CE}' | '\u{06C6}' | '\u{0695}' | '\u{06B5}'
    )
}

/// Words common in Persian and not used in Arabic text.
const PERSIAN_WORDS: &[&str] = &["است", "این", "نام", "را", "که", "می"];

/// The line is Persian (see the module's documentation).
pub fn is_persian(line: &str) -> bool {
    line.chars().any(is_non_arabic_letter) || words(line).any(|w| PERSIAN_WORDS.iter().any(|p| same_letters(w, p)))
}

/// The words of `line`. A zero-width non-joiner ends a word (`می‌خواهم`).
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !(is_arabic_letter(c) || is_arabic_mark(c))).filter(|w| !w.is_empty() && w.len() <= 8)
}

/// `word` is `letters`, diacritics aside.
fn same_letters(word: &str, letters: &str) -> bool {
    word.chars().filter(|&c| is_arabic_letter(c)).eq(letters.chars())
}

/// The byte ranges of the Persian lines of `text`, in order.
pub fn persian_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    lines_where(text, is_persian)
}

/// The line may be Kurdish: it holds ە (U+06D5), Kurdish's vowel e, which
/// Arabic does not use. Kurdish keyboards also type ک and ی, so a line
/// with ە and no Kurdish-only letter may be Kurdish or Arabic typed on a
/// Kurdish keyboard: only a person can tell.
pub fn may_be_kurdish(line: &str) -> bool {
    line.contains('\u{06D5}')
}

/// The byte ranges of the lines of `text` that `pred` accepts, in order.
pub fn lines_where(text: &str, pred: impl Fn(&str) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        if pred(line) {
            out.push(start..start + line.len());
        }
        start += line.len() + 1;
    }
    out
}

/// Byte `pos` is on one of `lines` (from [`persian_lines`]).
pub fn on_line(lines: &[std::ops::Range<usize>], pos: usize) -> bool {
    let i = lines.partition_point(|r| r.end < pos);
    lines.get(i).is_some_and(|r| r.start <= pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_by_letters_or_words() {
        assert!(is_persian("پارسی کتاب"));
        assert!(is_persian("این کتاب است"));
        assert!(is_persian("نام من علی است"));
        assert!(is_persian("او می\u{200C}خواهد"));
        assert!(is_persian("کتاب را خواندم"));
        assert!(is_persian("ۀ"));
        assert!(!is_persian("کیف حالک"));
        assert!(!is_persian("قال الكاتب إن النظام"));
        // A word only counts whole: `استقرار` is not `است`.
        assert!(!is_persian("استقرار الوضع"));
    }

    #[test]
    fn lines() {
        let text = "کیف حالک\nاین کتاب است\nفیلم";
        let lines = persian_lines(text);
        assert_eq!(lines, vec!["کیف حالک\n".len().."کیف حالک\nاین کتاب است".len()]);
        assert!(!on_line(&lines, 0));
        assert!(on_line(&lines, "کیف حالک\n".len() + 2));
        assert!(!on_line(&lines, text.len() - 1));
    }
}
