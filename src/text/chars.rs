//! Character classes the rules share, and the context (Arabic or Latin) of a
//! position, from the nearest strong letters around it.
//!
//! Strong letters are those with bidi class L, R or AL (from `unicode-bidi`),
//! with fast paths for ASCII and the Arabic block because these functions run
//! on every character of every paragraph.

use unicode_bidi::{bidi_class, BidiClass};
use unicode_normalization::UnicodeNormalization;

/// The direction of a strong letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strong {
    /// Right-to-left: Arabic (AL) or Hebrew (R).
    Rtl,
    /// Left-to-right: Latin, Cyrillic, Greek …
    Ltr,
}

/// The strong direction of `c`, or `None` for neutrals, digits, marks, spaces.
#[inline]
pub fn strong(c: char) -> Option<Strong> {
    match c {
        'a'..='z' | 'A'..='Z' => Some(Strong::Ltr),
        '\0'..='\u{7f}' => None,
        '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' => Some(Strong::Rtl),
        _ => match bidi_class(c) {
            BidiClass::L => Some(Strong::Ltr),
            BidiClass::R | BidiClass::AL => Some(Strong::Rtl),
            _ => None,
        },
    }
}

/// A letter of Arabic script in its base (not presentation) form.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}')
}

/// Arabic combining marks: harakat, tanwin, shadda, sukun, superscript alef …
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

/// Arabic presentation forms (A and B): what PDFs and old software emit.
#[inline]
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') && c != '\u{FEFF}'
}

pub const TATWEEL: char = '\u{0640}';

/// An isolated diacritic presentation form (U+FE70–U+FE7F, U+FC5E–U+FC63):
/// a mark shown on its own, which compatibility mapping gives as a space
/// and the mark (`ﹰ` → ` ً`).
pub fn is_spacing_mark_form(c: char) -> bool {
    matches!(c, '\u{FE70}'..='\u{FE7F}' | '\u{FC5E}'..='\u{FC63}') && c.nfkc().next() == Some(' ')
}

/// Push the letters of presentation form `c` to `out`, as Unicode's
/// compatibility mapping gives them, except that an isolated diacritic
/// form after a letter joins that letter: no space (`ﺟﺪﺍﹰ` → `جداً`).
pub fn push_form_letters(c: char, after_letter: bool, out: &mut String) {
    let spacing = after_letter && is_spacing_mark_form(c);
    out.extend(c.nfkc().skip(usize::from(spacing)));
}

/// A letter that starts or continues a word: alphabetic, but not a
/// combining mark (which belongs to the letter before it). Unlike
/// [`strong`], Arabic punctuation (bidi class AL) is not a letter.
#[inline]
pub fn is_letter(c: char) -> bool {
    // The letters of ASCII and of the Arabic alphabet first: most of what
    // is read, and Unicode's tables are a search.
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if matches!(c, '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}') {
        return true;
    }
    c.is_alphabetic() && !unicode_normalization::char::is_combining_mark(c)
}

/// A word character: a letter (any script, any form), a combining mark, a
/// digit, or tatweel (which lives inside Arabic words).
#[inline]
pub fn is_word_char(c: char) -> bool {
    // Arabic and ASCII letters first: the Unicode tables are slow, and rules
    // ask this of nearly every letter of a text.
    is_arabic_letter(c)
        || c.is_ascii_alphanumeric()
        || c.is_alphanumeric()
        || is_arabic_mark(c)
        || c == TATWEEL
        || is_presentation_form(c)
        || matches!(c, '\u{0300}'..='\u{036F}')
}

/// ASCII, Arabic-Indic (U+0660) or Extended Arabic-Indic (U+06F0) digit.
#[inline]
pub fn digit_value(c: char) -> Option<(DigitSystem, u8)> {
    match c {
        '0'..='9' => Some((DigitSystem::Western, c as u8 - b'0')),
        '\u{0660}'..='\u{0669}' => Some((DigitSystem::ArabicIndic, (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Some((DigitSystem::Eastern, (c as u32 - 0x06F0) as u8)),
        _ => None,
    }
}

#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The three digit systems of Arabic text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigitSystem {
    /// 0123456789
    Western,
    /// ٠١٢٣٤٥٦٧٨٩ (U+0660–U+0669), the Arabic-Indic digits of Arabic text.
    ArabicIndic,
    /// ۰۱۲۳۴۵۶۷۸۹ (U+06F0–U+06F9), the Persian and Urdu forms.
    Eastern,
}

impl DigitSystem {
    pub fn digit(self, value: u8) -> char {
        let base = match self {
            DigitSystem::Western => 0x30,
            DigitSystem::ArabicIndic => 0x0660,
            DigitSystem::Eastern => 0x06F0,
        };
        char::from_u32(base + value as u32).expect("digit in range")
    }
    pub fn name(self) -> &'static str {
        match self {
            DigitSystem::Western => "Western",
            DigitSystem::ArabicIndic => "Arabic-Indic",
            DigitSystem::Eastern => "Eastern Arabic-Indic",
        }
    }
}

/// Spaces that are not U+0020 but separate words just the same.
#[inline]
pub fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// A space inside a line: U+0020, a tab, or an odd space.
#[inline]
pub fn is_inline_space(c: char) -> bool {
    c == ' ' || c == '\t' || is_odd_space(c)
}

/// The bidi formatting characters: embeddings, overrides, isolates, marks.
#[inline]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A character with no width and no glyph that cleanup may delete: zero
/// width space, soft hyphen, word joiners, a BOM, bidi controls, control
/// characters other than line ends and tabs. It does not separate what
/// stands on either side of it.
#[inline]
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{00AD}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
        || is_bidi_control(c)
        || (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Digits stand on both sides of `start..end`, zero-width characters
/// aside: a separator there belongs to a number (`2،500`), even one that
/// an invisible character cut in two.
pub fn between_digits(text: &str, start: usize, end: usize) -> bool {
    let mut before = visible_before(text, start);
    let mut after = visible_after(text, end);
    before.next().is_some_and(is_digit) && after.next().is_some_and(is_digit)
}

/// `start..end` lies inside a number: a digit on each side, or on one side
/// a separator (`, . ٫ ٬ ، : /`) with a digit beyond it, zero-width
/// characters aside. An invisible character there keeps two numbers apart.
pub fn inside_number(text: &str, start: usize, end: usize) -> bool {
    number_side(visible_before(text, start)) && number_side(visible_after(text, end))
}

/// The nearest characters on one side are a digit, or a separator and a digit.
fn number_side(mut chars: impl Iterator<Item = char>) -> bool {
    match chars.next() {
        Some(c) if is_digit(c) => true,
        Some(',' | '.' | '\u{066B}' | '\u{066C}' | '\u{060C}' | ':' | '/') => chars.next().is_some_and(is_digit),
        _ => false,
    }
}

/// The characters before byte `pos`, nearest first, zero-width ones left
/// out; within a window, so a look-up stays constant-time.
fn visible_before(text: &str, pos: usize) -> impl Iterator<Item = char> + '_ {
    text[..pos].chars().rev().take(CONTEXT_WINDOW).filter(|&c| !is_zero_width(c))
}

/// The characters from byte `pos` on, zero-width ones left out; within a
/// window.
fn visible_after(text: &str, pos: usize) -> impl Iterator<Item = char> + '_ {
    text[pos..].chars().take(CONTEXT_WINDOW).filter(|&c| !is_zero_width(c))
}

/// The stretches of `text` whose innermost explicit embedding, override or
/// isolate lays its content out left to right (LRE, LRO, LRI, and FSI,
/// which does so when its content has no letter). There, a space typed
/// before a mark shows after it: pdftotext writes `<LRE> ،<PDF>` for a
/// comma that reads `، ` in the right-to-left line around it.
pub fn left_to_right_embeddings(text: &str) -> Vec<std::ops::Range<usize>> {
    // Open controls, innermost last: (is it left to right, is it an isolate).
    let mut open: Vec<(bool, bool)> = Vec::new();
    let mut spans = Vec::new();
    let mut ltr_from: Option<usize> = None;
    for (i, c) in text.char_indices().filter(|&(_, c)| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')) {
        match c {
            '\u{202A}' | '\u{202D}' => open.push((true, false)),
            '\u{202B}' | '\u{202E}' => open.push((false, false)),
            '\u{2066}' | '\u{2068}' => open.push((true, true)),
            '\u{2067}' => open.push((false, true)),
            // PDF closes the innermost embedding or override, not an isolate.
            '\u{202C}' => {
                if open.last().is_some_and(|&(_, isolate)| !isolate) {
                    open.pop();
                }
            }
            // PDI closes the innermost isolate and what opened inside it.
            _ => {
                if let Some(at) = open.iter().rposition(|&(_, isolate)| isolate) {
                    open.truncate(at);
                }
            }
        }
        let ltr = open.last().is_some_and(|&(ltr, _)| ltr);
        match (ltr, ltr_from) {
            (true, None) => ltr_from = Some(i + c.len_utf8()),
            (false, Some(from)) => {
                spans.push(from..i);
                ltr_from = None;
            }
            _ => {}
        }
    }
    if let Some(from) = ltr_from {
        spans.push(from..text.len());
    }
    spans
}

/// How far a context look-up walks before it gives up: keeps every look-up
/// constant-time, so a rule stays linear on a pathological line.
const CONTEXT_WINDOW: usize = 48;

/// The nearest strong letter before byte `pos` in `text`, within a window.
pub fn strong_before(text: &str, pos: usize) -> Option<Strong> {
    text[..pos].chars().rev().take(CONTEXT_WINDOW).take_while(|&c| c != '\n').find_map(strong)
}

/// The nearest strong letter at or after byte `pos` in `text`, within a window.
pub fn strong_after(text: &str, pos: usize) -> Option<Strong> {
    text[pos..].chars().take(CONTEXT_WINDOW).take_while(|&c| c != '\n').find_map(strong)
}

/// The context of the character span `range`: Arabic when the nearest strong
/// letters are Arabic on both sides, or Arabic on one side and none on the
/// other. Mixed surroundings are not Arabic: a rule that is unsure does nothing.
pub fn is_arabic_context(text: &str, start: usize, end: usize) -> bool {
    matches!(
        (strong_before(text, start), strong_after(text, end)),
        (Some(Strong::Rtl), Some(Strong::Rtl) | None) | (None, Some(Strong::Rtl))
    )
}

/// The previous char before byte `pos`, if any.
#[inline]
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The char at byte `pos`, if any.
#[inline]
pub fn char_at(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_letter_test_agrees_with_unicode() {
        for c in ('\0'..='\u{07FF}').chain(['\u{FB50}', '\u{1F600}', '\u{10FFFF}']) {
            let unicode = c.is_alphabetic() && !unicode_normalization::char::is_combining_mark(c);
            assert_eq!(is_letter(c), unicode, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn strong_classes() {
        assert_eq!(strong('a'), Some(Strong::Ltr));
        assert_eq!(strong('ب'), Some(Strong::Rtl));
        assert_eq!(strong('ک'), Some(Strong::Rtl));
        assert_eq!(strong('ﺍ'), Some(Strong::Rtl));
        assert_eq!(strong('Ж'), Some(Strong::Ltr));
        assert_eq!(strong('5'), None);
        assert_eq!(strong('،'), None);
        assert_eq!(strong(' '), None);
    }

    #[test]
    fn context_needs_agreement() {
        let t = "نعم, ولكن";
        let comma = t.find(',').unwrap();
        assert!(is_arabic_context(t, comma, comma + 1));
        let t = "Bishkek, ولكن";
        let comma = t.find(',').unwrap();
        assert!(!is_arabic_context(t, comma, comma + 1));
        let t = "لماذا?";
        assert!(is_arabic_context(t, t.len() - 1, t.len()));
    }

    #[test]
    fn diacritic_forms_join_their_letter() {
        let mut out = String::from("جدا");
        push_form_letters('\u{FE70}', true, &mut out);
        assert_eq!(out, "جدا\u{064B}");
        let mut out = String::new();
        push_form_letters('\u{FE70}', false, &mut out);
        assert_eq!(out, " \u{064B}");
        assert!(is_spacing_mark_form('\u{FE7C}') && is_spacing_mark_form('\u{FC60}'));
        assert!(!is_spacing_mark_form('\u{FE7D}') && !is_spacing_mark_form('\u{FE8D}'));
    }

    #[test]
    fn numbers_across_invisible_characters() {
        assert!(between_digits("2\u{200B}،500", 4, 6));
        assert!(!between_digits("قال،500", "قال".len(), "قال،".len()));
        let t = "12,\u{200F}34";
        let rlm = t.find('\u{200F}').unwrap();
        assert!(inside_number(t, rlm, rlm + 3));
        assert!(!inside_number("نص\u{200F}34", "نص".len(), "نص".len() + 3));
    }

    #[test]
    fn left_to_right_embeddings_nest() {
        let t = "\u{202B}الطويلة\u{202A} ،\u{202C}وهو\u{202C}";
        let spans = left_to_right_embeddings(t);
        assert_eq!(spans.iter().map(|r| &t[r.clone()]).collect::<Vec<_>>(), vec![" ،"]);
        let t = "a\u{2066}b\u{202B}c\u{2069}d\u{202C}";
        assert_eq!(left_to_right_embeddings(t).iter().map(|r| &t[r.clone()]).collect::<Vec<_>>(), vec!["b"]);
        assert!(left_to_right_embeddings("قال ، ثم").is_empty());
    }

    #[test]
    fn digits() {
        assert_eq!(digit_value('٣'), Some((DigitSystem::ArabicIndic, 3)));
        assert_eq!(digit_value('۴'), Some((DigitSystem::Eastern, 4)));
        assert_eq!(DigitSystem::ArabicIndic.digit(7), '٧');
    }
}
