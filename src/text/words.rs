//! Words: the prefixes that attach to the next word, and the one-letter
//! words a no-break space ties to it.
//!
//! A prefix is written glued to the word after it: the one-letter
//! conjunctions and prepositions (و ف ب ك ل), their pairs (وب فل …), and
//! the article ال with them (بال وال فال كال وبال, and لل for ل + ال).
//! Before a word that cannot join it (a number, a Latin word, a quotation
//! mark or bracket), a prefix ending in a letter that joins to the left is
//! written with one tatweel (`لـ«الحل نت»`, `الـ48 ساعة`, `بالـGoogle`).
//! و does not join to the left: a tatweel after it shows as a loose stroke.

use super::chars::{char_at, char_before, is_arabic_letter, is_arabic_mark, is_digit, is_inline_space, is_word_char, TATWEEL};

/// One-letter Arabic prefixes that attach to the next word: ل ب ك و ف.
pub fn is_prefix_letter(c: char) -> bool {
    matches!(c, 'ل' | 'ب' | 'ك' | 'و' | 'ف')
}

/// A letter that joins the letter after it (dual-joining). The letters
/// that do not (ا د ذ ر ز و ة ء and the alef forms) end a word's shape.
pub fn joins_left(c: char) -> bool {
    is_arabic_letter(c) && !matches!(c, 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ة' | 'ء' | 'ۀ' | 'ە')
}

/// The prefix word ending at a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefix {
    /// Where the prefix word starts.
    pub start: usize,
    /// It holds the article (`ال`, `بال`, `لل` …).
    pub article: bool,
    /// Its last letter joins to the left, so a tatweel after it is the
    /// conventional link to a non-Arabic word (`لـ`, `الـ`), not a loose
    /// stroke (`وـ`).
    pub joins: bool,
}

/// Is `letters` a prefix word: (و|ف)? then (ب|ك|ل)? then ال, at least one
/// part, with ل + ال written لل? Returns whether it holds the article.
fn prefix_shape(letters: &[char]) -> Option<bool> {
    let rest = match letters {
        ['و' | 'ف', rest @ ..] => rest,
        rest => rest,
    };
    let consumed_conj = rest.len() < letters.len();
    match rest {
        [] => consumed_conj.then_some(false),
        ['ب' | 'ك' | 'ل'] => Some(false),
        ['ا', 'ل'] | ['ب' | 'ك', 'ا', 'ل'] | ['ل', 'ل'] => Some(true),
        _ => None,
    }
}

/// The word ending at `pos` (after any tatweel) is a prefix: `ل`, `و`,
/// `وب`, `ال`, `بال`, `للـ` … Diacritics on it do not count.
pub fn prefix_before(text: &str, pos: usize) -> Option<Prefix> {
    let before = text[..pos].trim_end_matches(TATWEEL);
    let word_start = before.trim_end_matches(|c: char| is_arabic_letter(c) || is_arabic_mark(c)).len();
    if char_before(text, word_start).is_some_and(is_word_char) {
        return None;
    }
    let word = &before[word_start..];
    // A prefix may carry its short vowel (`بِـ`, `لِـ`), never a shadda or
    // tanwin: `فلّ` is a word.
    if word.chars().any(|c| is_arabic_mark(c) && !matches!(c, '\u{064E}'..='\u{0650}' | '\u{0652}')) {
        return None;
    }
    let letters: Vec<char> = word.chars().filter(|&c| is_arabic_letter(c)).take(5).collect();
    if letters.len() > 4 {
        return None;
    }
    let article = prefix_shape(&letters)?;
    let joins = letters.last().is_some_and(|&c| joins_left(c));
    Some(Prefix { start: word_start, article, joins })
}

/// Which edge of a word a tatweel typed as a dash is glued to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GluedDash {
    /// Before the word, a space before it: `الصوف ـأو تغطية`, `السنين ـ11`.
    Opening,
    /// After the word, a space after it: `تغطية الأسطحـ عاد`.
    Closing,
}

/// The tatweel run `start..end` is a dash typed without its own space: glued
/// to one edge of a word (letters or digits), a space on its other side
/// with more text beyond (`الصوف ـأو تغطية الأسطحـ عاد`). It links the word
/// to nothing there, so it is no decoration. Not dashes: a prefix's tatweel
/// (`لـ Google`, `الـ 12`), and a one-letter token or one with tatweel at
/// both ends, which shows a letter's joining form or abbreviates (`ـه`,
/// `ـهـ`, `1443 هـ`).
pub fn glued_dash(text: &str, start: usize, end: usize) -> Option<GluedDash> {
    let before = char_before(text, start);
    let after = char_at(text, end);
    let spaced = |c: Option<char>| c.is_some_and(is_inline_space);
    // A mark after a tatweel sits on it (`ٱلرَّحْمَـٰنِ`); one before it belongs to the letter it ends.
    if spaced(before) && after.is_some_and(|c| c.is_alphanumeric() && !is_arabic_mark(c)) {
        let has_text_before = !text[..start].trim_end_matches(is_inline_space).is_empty();
        let token = &text[end..];
        let len = token.find(|c: char| !is_word_char(c)).unwrap_or(token.len());
        (has_text_before && is_word(&token[..len])).then_some(GluedDash::Opening)
    } else if before.is_some_and(|c| c.is_alphanumeric() || is_arabic_mark(c)) && spaced(after) {
        let rest = text[end..].trim_start_matches(is_inline_space);
        let has_text_after = rest.chars().next().is_some_and(|c| c != '\n');
        let head = &text[..start];
        let token = &head[head.trim_end_matches(is_word_char).len()..];
        (has_text_after && prefix_before(text, start).is_none() && is_word(token)).then_some(GluedDash::Closing)
    } else {
        None
    }
}

/// A token a dash can be glued to: a number, or a word of two letters or
/// more with no tatweel at its far edge.
fn is_word(token: &str) -> bool {
    if token.starts_with(TATWEEL) || token.ends_with(TATWEEL) {
        return false;
    }
    token.chars().any(is_digit) || token.chars().filter(|&c| c.is_alphabetic() && !is_arabic_mark(c)).nth(1).is_some()
}

/// The word ending at `pos` is a prefix (`ل`, `و`, `وب`, `ال`, `بال`, with
/// an optional tatweel): it attaches to what follows it, so `بـ2022`,
/// `ب2022`, `الـ48`, `و«الحل»` are one word each, and a quote after it opens.
pub fn ends_with_prefix(text: &str, pos: usize) -> bool {
    prefix_before(text, pos).is_some()
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

    fn prefix(word: &str) -> Option<Prefix> {
        prefix_before(word, word.len())
    }

    #[test]
    fn one_letter_prefixes_and_pairs() {
        for p in ["ل", "ب", "ك", "ف", "وب", "ول", "فل", "فب", "لـ", "بِـ"] {
            assert!(prefix(p).is_some_and(|p| !p.article && p.joins), "{p}");
        }
        assert!(prefix("و").is_some_and(|p| !p.joins));
        for word in ["من", "عبر", "وو", "لب", "في"] {
            assert_eq!(prefix(word), None, "{word}");
        }
    }

    #[test]
    fn the_article_with_its_prefixes() {
        for p in ["ال", "الـ", "بال", "كال", "وال", "فال", "لل", "وبال", "ولل", "فلل", "فبالـ", "وكال"]
        {
            assert!(prefix(p).is_some_and(|p| p.article && p.joins), "{p}");
        }
        for word in ["الل", "بالل", "والد", "اللغة", "ببال", "فلّ", "بٌ"] {
            assert_eq!(prefix(word), None, "{word}");
        }
    }

    #[test]
    fn attached_words() {
        for t in ["ب", "بـ", "و", "وب", "ال", "الـ", "بال", "وال", "لل", "فلل", "نص لل"] {
            assert!(ends_with_prefix(t, t.len()), "{t}");
        }
        for t in ["في", "عام", "وفي", "البال", "سال"] {
            assert!(!ends_with_prefix(t, t.len()), "{t}");
        }
    }

    /// Each tatweel run of `text` with what [`glued_dash`] makes of it.
    fn dashes(text: &str) -> Vec<Option<GluedDash>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(off) = text[from..].find(TATWEEL) {
            let start = from + off;
            let end = start + text[start..].chars().take_while(|&c| c == TATWEEL).count() * TATWEEL.len_utf8();
            out.push(glued_dash(text, start, end));
            from = end;
        }
        out
    }

    #[test]
    fn tatweel_glued_to_a_word_as_a_dash() {
        use GluedDash::*;
        assert_eq!(dashes("الصوف ـأو تغطية الأسطحـ عاد"), [Some(Opening), Some(Closing)]);
        assert_eq!(dashes("بمرور السنين ـ11 بالمئة وفق مكتب الإحصاءـ ويبدو"), [Some(Opening), Some(Closing)]);
        assert_eq!(dashes("لوفينغ ـريتشارد بالتحديدِـ شاركا"), [Some(Opening), Some(Closing)]);
    }

    #[test]
    fn tatweel_that_is_no_dash() {
        for text in [
            "الــعــربية",   // inside a word
            "الاول ــ اثناء", // alone: a dash, but not glued
            "لـ Google والـ 12 وبالـ عربية كـ fork",
            "عام 1443 هـ وبعده",  // an abbreviation
            "شكل ـه وشكل ـهـ ثم", // joining forms of a letter
            "كلمة فلـ ثم",        // a prefix shown joined
            "ـأو",                // no text before the space
            "الأسطحـ",             // nor after
            "نص الأسطحـ \nثم",     // a line end after the space
            "ٱلرَّحْمَـٰنِ",
        ] {
            assert!(dashes(text).iter().all(Option::is_none), "{text}");
        }
    }

    #[test]
    fn a_prefix_is_a_whole_word() {
        let text = "عبرال";
        assert!(!ends_with_prefix(text, text.len()));
        let text = "قال بالـ";
        assert_eq!(prefix_before(text, text.len()).map(|p| p.start), Some("قال ".len()));
    }
}
