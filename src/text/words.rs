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

/// The word ending at `pos` attaches to what follows it: a one-letter
/// prefix ([`ends_with_prefix`]) or the article with its prefixes (`ال`,
/// `بال`, `وال`, `لل`, `فلل` …). `بـ2022`, `ب2022`, `الـ48`, `و«الحل»` are
/// one word each, not two glued together.
pub fn ends_with_attached_prefix(text: &str, pos: usize) -> bool {
    if ends_with_prefix(text, pos) {
        return true;
    }
    let before = text[..pos].trim_end_matches(TATWEEL);
    let word_start = before.trim_end_matches(is_arabic_letter).len();
    if char_before(text, word_start).is_some_and(is_word_char) {
        return false;
    }
    let word = &before[word_start..];
    let word = word.strip_prefix(['و', 'ف']).unwrap_or(word);
    matches!(word, "ال" | "لل" | "بال" | "كال")
}

/// Function words only Persian writes, in either keyboard's letters
/// (`است`, `را`, `که`/`كه`, `می`, `نیست`/`نيست`, `از`, `در` …): none is an
/// Arabic word, or only a rare one (`شد`, `كرد` and `آن` are, and are left
/// out).
const PERSIAN_WORDS: &[&str] = &[
    "است",
    "را",
    "که",
    "كه",
    "نیست",
    "نيست",
    "بود",
    "شود",
    "باشد",
    "کند",
    "كند",
    "می",
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

/// The paragraph is Persian (or Urdu): it has letters Arabic never uses
/// (پ چ ژ گ, Urdu ٹ ڈ ڑ ں ے) or at least two Persian function words.
/// These languages keep rules of their own (a detached `و`, ک and ی),
/// which Arabic rules must leave alone.
pub fn looks_persian(text: &str) -> bool {
    if text.contains(['پ', 'چ', 'ژ', 'گ', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے']) {
        return true;
    }
    // Marks belong to their word: `دَرْسٌ` is not `در`.
    let words = text.split(|c: char| !is_arabic_letter(c) && !is_arabic_mark(c) && c != '\u{200C}');
    let persian = |w: &str| {
        let bare = w.chars().filter(|&c| !is_arabic_mark(c));
        PERSIAN_WORDS.iter().any(|p| bare.clone().eq(p.chars())) || w.starts_with("می\u{200C}") || w.starts_with("مى\u{200C}")
    };
    words.filter(|w| persian(w)).take(2).count() >= 2
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

    fn attached(text: &str) -> bool {
        ends_with_attached_prefix(text, text.len())
    }

    #[test]
    fn attached_prefixes() {
        for t in ["ب", "بـ", "و", "وب", "ال", "الـ", "بال", "وال", "لل", "فلل", "نص لل"] {
            assert!(attached(t), "{t}");
        }
        for t in ["في", "عام", "وفي", "البال", "سال"] {
            assert!(!attached(t), "{t}");
        }
    }

    #[test]
    fn persian() {
        assert!(looks_persian("مكروه است و در كافى"));
        assert!(looks_persian("پس از"));
        assert!(!looks_persian("في آن واحد ذهب إلى البر"));
        assert!(!looks_persian("دَرْسٌ في الدار"));
        assert!(!looks_persian("السياسي و الاقتصادي"));
    }
}
