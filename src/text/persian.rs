//! Persian (and other languages written in Arabic script) inside Arabic
//! text: a line that is Persian keeps its letters and digits.
//!
//! A line is Persian when it holds a letter Arabic never uses (Persian
//! پ چ ژ گ ۀ, Urdu ٹ ڈ ڑ ں ے, Kurdish ێ ۆ ڕ ڵ), one of the commonest
//! Persian words (`است`, `این`, `نام`, `را`, `که`, `می`) typed on a Persian
//! keyboard, or two Persian function words that Arabic rarely uses (`از`,
//! `در`, `نیز` …). Its ک ی
//! and ۰–۹ are Persian, not Arabic typed on a Persian keyboard, and it
//! keeps rules of its own (a detached `و`).

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

/// Words so common in Persian, and foreign to Arabic text, that one is
/// enough on a line typed on a Persian keyboard.
const PERSIAN_WORDS: &[&str] = &["است", "این", "نام", "را", "که", "می"];

/// Persian function words, in either keyboard's letters: none is an Arabic
/// word, or only a rare one (`از`, `در`, `بر` are), so two are needed.
/// (`شد`, `كرد` and `آن` are Arabic words too, and are left out.)
const FUNCTION_WORDS: &[&str] = &[
    "كه",
    "نیست",
    "نيست",
    "بود",
    "شود",
    "باشد",
    "کند",
    "كند",
    "مى",
    "های",
    "هاى",
    "برای",
    "براى",
    "اند",
    "کرد",
    "کرده",
    "كرده",
    "کردن",
    "كردن",
    "نمی",
    "نمى",
    "هست",
    "آنها",
    "ایشان",
    "ديگر",
    "دیگر",
    "نیز",
    "نيز",
    "از",
    "در",
    "بر",
    "هر",
    "روز",
    "روایت",
    "روايت",
];

/// The line (or paragraph) is Persian (see the module's documentation).
/// `است`, `نام`, `را` are spelled alike in Arabic letters (and `نام` is an
/// Arabic verb), so one of them counts alone only on a line typed on a
/// Persian keyboard (with ک, ی, ZWNJ or ۰–۹); a vocalized word is Arabic
/// (`نَامَ`) and counts for nothing.
pub fn is_persian(line: &str) -> bool {
    if line.chars().any(is_non_arabic_letter) {
        return true;
    }
    let keyboard = line.chars().any(|c| matches!(c, 'ک' | 'ی' | '\u{200C}' | '\u{06F0}'..='\u{06F9}'));
    let mut function_words = 0;
    for w in words(line).filter(|w| !w.chars().any(is_arabic_mark)) {
        let strong = PERSIAN_WORDS.iter().any(|p| same_letters(w, p));
        if strong && keyboard {
            return true;
        }
        function_words += usize::from(strong || FUNCTION_WORDS.iter().any(|p| same_letters(w, p)));
        if function_words >= 2 {
            return true;
        }
    }
    false
}

/// The words of `line`. A zero-width non-joiner ends a word (`می‌خواهم`).
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !(is_arabic_letter(c) || is_arabic_mark(c))).filter(|w| !w.is_empty() && w.len() <= 24)
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
        // Spelled alike in Arabic: alone, only on a Persian keyboard's line.
        assert!(!is_persian("حروف است خدم هنا"));
        assert!(is_persian("کتاب است"));
        // Vocalized words are Arabic: `نَامَ` is "he slept".
        assert!(!is_persian("إِذَا نَامَ أَحَدُکُمْ"));
        // Function words Arabic may also write: two are needed.
        assert!(is_persian("مكروه نیز و در كافى"));
        assert!(!is_persian("في آن واحد ذهب إلى البر"));
        // Marks belong to their word: `دَرْسٌ` is not `در`.
        assert!(!is_persian("دَرْسٌ في الدار"));
        assert!(!is_persian("السياسي و الاقتصادي"));
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
