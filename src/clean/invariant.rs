//! The words of a text, for proving that cleanup never changes them.
//!
//! [`skeleton`] keeps a text's letters and digits, in order, after the
//! mappings cleanup is allowed to make (cleanup.md, principle 1):
//! presentation forms to letters, Persian kaf and medial yeh to Arabic,
//! decorative tatweel dropped, decomposed letters composed, lines in visual
//! order put in logical order, month pairs in one order, and digits compared
//! by value (a digit-system change keeps the number). `skeleton(fix(x)) ==
//! skeleton(x)` is tested on generated text.

use unicode_normalization::UnicodeNormalization;

use super::chars::{digit_value, is_presentation_form, TATWEEL};
use super::paragraph::Paragraph;
use super::rules::{months, visual_order};

pub fn skeleton(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split(['\n', '\r']) {
        let para = Paragraph::new(line, &[], &[]);
        let logical = if visual_order::is_visual(&para) { visual_order::to_logical(line) } else { line.to_string() };
        let ordered = months::canonical_order(&logical).into_owned();
        let mut prev: Option<char> = None;
        for c in ordered.chars() {
            // Compose base + hamza/madda as C004 does, before marks are dropped.
            if let (Some(base), '\u{0653}'..='\u{0655}') = (prev, c) {
                if let Some(composed) = unicode_normalization::char::compose(base, c) {
                    out.pop();
                    out.push(composed);
                    prev = Some(composed);
                    continue;
                }
            }
            prev = Some(c);
            if c == TATWEEL {
                continue;
            }
            if let Some((_, v)) = digit_value(c) {
                out.push((b'0' + v) as char);
            } else if is_presentation_form(c) {
                out.extend(c.to_string().nfkc().filter(|c| c.is_alphanumeric()));
            } else if c == 'ک' {
                out.push('ك');
            } else if c == 'ی' {
                out.push('ي');
            } else if c.is_alphanumeric() {
                out.push(c);
            } else if !super::chars::is_arabic_mark(c) {
                // Anything else (spaces, punctuation, invisibles) is not a word;
                // it resets composition so `ا` + ZWSP + hamza is not composed.
                if !matches!(c, '\u{200B}' | '\u{00AD}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                {
                    prev = None;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::skeleton;

    #[test]
    fn mappings() {
        assert_eq!(skeleton("لـ”الحل نت”"), skeleton("لـ«الحل نت»"));
        assert_eq!(skeleton("ﺍﻟﻌﺮﺑﻴﺔ"), skeleton("العربية"));
        assert_eq!(skeleton("512022"), skeleton("5/1/2022"));
        assert_eq!(skeleton("يناير/كانون الثاني"), skeleton("كانون الثاني/يناير"));
        assert_eq!(skeleton("2٠22"), "2022");
        assert_ne!(skeleton("كتب"), skeleton("كتاب"));
    }
}
