//! The words of a text, for proving that cleanup never changes them.
//!
//! [`skeleton`] keeps a text's letters and digits, in order, after the
//! mappings cleanup is allowed to make (cleanup.md, principle 1):
//! presentation forms to letters, Persian kaf and medial yeh to Arabic
//! (and other languages' heh forms to ه),
//! decorative tatweel dropped, decomposed letters composed, lines in visual
//! order put in logical order (lines end at U+2028 and U+2029 too), month
//! pairs in one order, and digits compared by value (a digit-system change
//! keeps the number). `skeleton(fix(x)) == skeleton(x)` is tested on
//! generated text.

use unicode_normalization::UnicodeNormalization;

use crate::text::chars::{digit_value, is_presentation_form, TATWEEL};
use crate::text::{
    months,
    visual::{self as visual_order},
};

pub fn skeleton(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // U+2028 and U+2029 end lines too: cleanup makes them newlines, and a
    // line is the unit visual-order repair works on.
    for line in text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let logical = if visual_order::safe_to_reverse(line) { visual_order::to_logical(line) } else { line.to_string() };
        let ordered = months::canonical_order(&logical).into_owned();
        // 1. Map what cleanup may map, and drop what it may delete.
        let mut mapped: Vec<char> = Vec::with_capacity(ordered.len());
        let expanded =
            ordered.chars().flat_map(|c| if is_presentation_form(c) { c.to_string().nfkc().collect::<Vec<_>>() } else { vec![c] });
        for c in expanded {
            match c {
                TATWEEL => {}
                'ک' => mapped.push('ك'),
                'ی' => mapped.push('ي'),
                'ھ' | 'ہ' | 'ە' => mapped.push('ه'),
                _ if is_deletable(c) => {}
                _ => mapped.push(digit_value(c).map_or(c, |(_, v)| (b'0' + v) as char)),
            }
        }
        // 2. Compose base + hamza/madda as C004 does, then keep the words.
        let mut prev: Option<char> = None;
        for c in mapped {
            if let (Some(base), '\u{0653}'..='\u{0655}') = (prev, c) {
                if let Some(composed) = unicode_normalization::char::compose(base, c) {
                    out.pop();
                    out.push(composed);
                    prev = Some(composed);
                    continue;
                }
            }
            prev = Some(c);
            if c.is_alphanumeric() {
                out.push(c);
            }
        }
    }
    out
}

/// Characters cleanup may delete outright: invisibles and bidi controls.
fn is_deletable(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{00AD}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || (c.is_control() && c != '\t')
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
