//! What a run of text holds, found in one pass: which characters occur,
//! how many words of each script, and where its numbers are. This is also
//! the one language rule: a text is Arabic when most of its words are.

use std::ops::Range;

use super::chars::{
    is_arabic_letter, is_arabic_mark, is_bidi_control, is_digit, is_odd_space, is_presentation_form, strong, Strong, TATWEEL,
};
use super::{numbers, persian};

/// U+0621–U+063A or U+0641–U+064A from its two UTF-8 bytes.
#[inline]
fn is_common_arabic_letter(lead: u8, next: u8) -> bool {
    match lead {
        0xD8 => (0xA1..=0xBA).contains(&next),
        0xD9 => (0x81..=0x8A).contains(&next),
        _ => false,
    }
}

/// A summary of what a paragraph holds, made in one pass, so that rules whose
/// trigger characters are absent cost nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// Letters of each script (presentation forms count as Arabic).
    pub arabic: u32,
    pub latin: u32,
    /// Words of each script: runs of letters of one script.
    pub arabic_words: u32,
    pub latin_words: u32,
    pub quotes: bool,
    pub odd_spaces: bool,
    pub ascii_punct: bool,
    pub tatweel: bool,
    pub presentation: bool,
    /// Persian kaf or yeh, or a heh of another language (ھ ہ ە).
    pub persian_kaf_yeh: bool,
    /// A letter Arabic does not use (see [`persian::is_non_arabic_letter`]).
    pub persian_only: bool,
    pub combining_hamza: bool,
    pub bidi_controls: bool,
    pub invisible: bool,
    pub replacement: bool,
    pub digits: bool,
    pub non_western_digits: bool,
    pub dashes: bool,
    pub slash: bool,
    pub arabic_punct: bool,
    pub brackets: bool,
    /// The conjunction و alone before a space (`و في`): S019's trigger.
    pub lone_waw: bool,
    /// An Arabic letter or mark right before a Latin letter, or a Latin
    /// letter right before an Arabic one: S010's trigger.
    pub scripts_touch: bool,
}

impl Features {
    pub fn of(text: &str) -> Features {
        Features::scan(text, &mut Vec::new(), &mut Vec::new())
    }

    /// One pass over `text`: the features, the numbers it holds pushed to
    /// `numbers`, and its signs to `signs`: every character that is not
    /// part of a word, a digit or a plain space (punctuation, quotes,
    /// brackets, symbols, odd spaces, controls), with its offset. Found here
    /// because this pass visits every byte anyway: the rules about signs
    /// read the list instead of searching the paragraph again.
    pub fn scan(text: &str, numbers: &mut Vec<Range<usize>>, signs: &mut Vec<(usize, char)>) -> Features {
        let mut f = Features::default();
        // The script of the word being read, to count words as runs.
        let mut in_word: Option<bool> = None;
        // The script of the character before (Some(true): an Arabic letter
        // or mark, even a mark after a space), to see scripts touch.
        let mut last: Option<bool> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast paths for what most text is made of: ASCII letters and
            // spaces, and the Arabic letters U+0621–U+063A, U+0641–U+064A.
            let b = bytes[i];
            // Words of common Arabic letters one space apart, or a run of
            // ASCII letters, are one step: this loop is the hottest in
            // cleanup.
            if (b == 0xD8 || b == 0xD9) && i + 1 < bytes.len() && is_common_arabic_letter(b, bytes[i + 1]) {
                f.arabic_words += u32::from(in_word != Some(true));
                f.scripts_touch |= last == Some(false);
                let mut j = i;
                loop {
                    let word = j;
                    let mut rest = &bytes[j..];
                    while let [lead, next, tail @ ..] = rest {
                        if !is_common_arabic_letter(*lead, *next) {
                            break;
                        }
                        rest = tail;
                    }
                    j = bytes.len() - rest.len();
                    f.arabic += ((j - word) / 2) as u32;
                    let spaced = bytes.get(j) == Some(&b' ');
                    f.lone_waw |= spaced && j - word == 2 && bytes[word + 1] == 0x88;
                    if !(spaced && j + 2 < bytes.len() && is_common_arabic_letter(bytes[j + 1], bytes[j + 2])) {
                        break;
                    }
                    f.arabic_words += 1;
                    j += 1;
                }
                in_word = Some(true);
                last = Some(true);
                i = j;
                continue;
            }
            if b.is_ascii_alphabetic() {
                let run = bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                f.latin += run as u32;
                f.latin_words += u32::from(in_word != Some(false));
                f.scripts_touch |= last == Some(true);
                in_word = Some(false);
                last = Some(false);
                i += run;
                continue;
            }
            let (letter, len, script) = match b {
                b' ' => (None, 1, None),
                _ if numbers::digit_at(bytes, i) => {
                    let end = numbers::number_end(text, i);
                    let number = &text[i..end];
                    f.digits |= number.bytes().any(|b| b.is_ascii_digit());
                    f.non_western_digits |= !number.is_ascii();
                    signs.extend(number.char_indices().filter(|&(_, c)| !is_digit(c)).map(|(at, c)| (i + at, c)));
                    numbers.push(i..end);
                    (None, end - i, None)
                }
                0xD8..=0xD9 if i + 1 < bytes.len() && is_common_arabic_letter(b, bytes[i + 1]) => (Some(true), 2, Some(true)),
                _ => {
                    let c = text[i..].chars().next().expect("char boundary");
                    let letter = f.classify(c, in_word);
                    let mut script = letter;
                    if letter.is_none() {
                        signs.push((i, c));
                        script = is_arabic_mark(c).then_some(true);
                    }
                    (letter, c.len_utf8(), script)
                }
            };
            f.scripts_touch |= script.is_some() && last.is_some() && script != last;
            last = script;
            match letter {
                Some(true) => {
                    f.arabic += 1;
                    f.arabic_words += u32::from(in_word != Some(true));
                }
                Some(false) => {
                    f.latin += 1;
                    f.latin_words += u32::from(in_word != Some(false));
                }
                None => {}
            }
            in_word = letter;
            i += len;
        }
        f
    }

    /// Record what `c` is; Some(true) for an Arabic letter, Some(false) for
    /// a Latin one (marks and tatweel continue the word they are in).
    fn classify(&mut self, c: char, in_word: Option<bool>) -> Option<bool> {
        let f = self;
        match c {
            'a'..='z' | 'A'..='Z' => Some(false),
            '0'..='9' => {
                f.digits = true;
                None
            }
            ' ' => None,
            ',' | ';' | '?' | '!' | ':' | '.' => {
                f.ascii_punct = true;
                None
            }
            '"' | '«' | '»' | '\u{2018}'..='\u{201F}' => {
                f.quotes = true;
                None
            }
            '-' | '\u{2010}'..='\u{2015}' => {
                f.dashes = true;
                None
            }
            '/' => {
                f.slash = true;
                None
            }
            '(' | ')' | '[' | ']' => {
                f.brackets = true;
                None
            }
            '\t' => {
                f.odd_spaces = true;
                None
            }
            '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{AD}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' => {
                f.invisible = true;
                None
            }
            '\u{060C}' | '\u{061B}' | '\u{061F}' => {
                f.arabic_punct = true;
                None
            }
            TATWEEL => {
                f.tatweel = true;
                in_word.and(Some(true))
            }
            '\u{0653}'..='\u{0655}' => {
                f.combining_hamza = true;
                in_word
            }
            '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => {
                f.non_western_digits = true;
                None
            }
            '\u{06A9}' | '\u{06CC}' | '\u{06BE}' | '\u{06C1}' | '\u{06D5}' => {
                f.persian_kaf_yeh = true;
                Some(true)
            }
            _ if persian::is_non_arabic_letter(c) => {
                f.persian_only = true;
                Some(true)
            }
            '\u{FFFD}' => {
                f.replacement = true;
                None
            }
            _ if is_arabic_letter(c) => Some(true),
            _ if is_arabic_mark(c) => in_word,
            _ if is_presentation_form(c) => {
                f.presentation = true;
                Some(true)
            }
            _ if is_bidi_control(c) => {
                f.bidi_controls = true;
                None
            }
            _ if is_odd_space(c) => {
                f.odd_spaces = true;
                None
            }
            _ => match strong(c) {
                Some(Strong::Ltr) => Some(false),
                Some(Strong::Rtl) => Some(true),
                None => None,
            },
        }
    }

    /// Most words are Arabic (words, not letters: unvowelled Arabic words
    /// are shorter than English ones).
    pub fn is_arabic(&self) -> bool {
        self.arabic_words > 0 && self.arabic_words >= self.latin_words
    }

    /// Clearly Arabic (`Some(true)`) or clearly not (`Some(false)`): one
    /// script has at least twice the other's words. `None` when mixed.
    pub fn clear_direction(&self) -> Option<bool> {
        if self.arabic_words > 0 && self.arabic_words >= 2 * self.latin_words {
            Some(true)
        } else if self.latin_words > 0 && self.latin_words >= 2 * self.arabic_words {
            Some(false)
        } else {
            None
        }
    }
}

/// The one language rule: most words are Arabic (see [`Features::is_arabic`]).
pub fn is_arabic(text: &str) -> bool {
    Features::of(text).is_arabic()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags that let a rule skip a paragraph must be set wherever the
    /// rule could find something.
    #[test]
    fn trigger_flags() {
        assert!(Features::of("السياسي و الاقتصادي").lone_waw);
        assert!(Features::of("و في").lone_waw);
        assert!(!Features::of("وفي هو نحو الوطن").lone_waw);
        for touching in ["عبرGoogle", "Googleعبر", "لـGoogle", "\u{064E}A", "Aپ"] {
            assert!(Features::of(touching).scripts_touch, "{touching}");
        }
        for apart in ["عبر Google", "Google، عبر", "A 1 ب"] {
            assert!(!Features::of(apart).scripts_touch, "{apart}");
        }
    }

    /// Signs are every character that is not a letter, digit or plain
    /// space, separators inside numbers included, in text order.
    #[test]
    fn signs_in_order() {
        let mut signs = Vec::new();
        Features::scan("قال: «نعم» 2.5%، ثم", &mut Vec::new(), &mut signs);
        let chars: String = signs.iter().map(|&(_, c)| c).collect();
        assert_eq!(chars, ":«».%،");
        assert!(signs.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
