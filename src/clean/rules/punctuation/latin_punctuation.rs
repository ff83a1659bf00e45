//! P001: Latin comma, semicolon and question mark in Arabic text.

use crate::clean::rules::prelude::*;

rule! {
    /// Latin comma, semicolon and question mark in Arabic text become Arabic.
    ///
    /// Arabic has its own comma (،), semicolon (؛) and question mark (؟),
    /// shaped and placed for right-to-left text. A `,` `;` or `?` whose
    /// nearest letters in its line are Arabic (on both sides, or on one side
    /// with none on the other) becomes the Arabic mark. Numbers (`370,000`,
    /// a price `50,-`), links and Latin sentences keep theirs. Two commas in
    /// a row (`,,نص''`) are reported without a fix: on a typewriter they
    /// were the opening quote „ as often as a doubled comma.
    ///
    /// Before: `نعم, ولكن; لماذا?`
    /// After:  `نعم، ولكن؛ لماذا؟`
    pub static LATIN_PUNCTUATION = ("P001", "latin-punctuation", Sometimes, arabic_only = true);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let text = para.text;
    let bytes = text.as_bytes();
    let f = &para.features;
    if f.arabic > 0 && s.enabled(&LATIN_PUNCTUATION) {
        let mut letters = Letters::new(text);
        // The run of commas the last comma belongs to, measured once.
        let mut commas = 0..0;
        for (i, _) in para.signs(|c| matches!(c, ',' | ';' | '?')) {
            let c = bytes[i] as char;
            if c == ',' && !commas.contains(&i) {
                commas = i..i + bytes[i..].iter().take_while(|&&b| b == b',').count();
            }
            let arabic = match c {
                ',' => '\u{060C}',
                ';' => '\u{061B}',
                _ => '\u{061F}',
            };
            // A separator between digits is the number's, even when an
            // invisible character keeps it out of the number's span.
            if para.is_protected(i) || between_digits(text, i, i + 1) || !letters.is_arabic(i) || is_price_comma(bytes, i) {
                continue;
            }
            if c == ',' && quote_like(text, &commas) {
                // `,,` glued to the next word is the typewriter's opening
                // quote „ as often as a doubled comma: a person says which.
                if commas.start == i {
                    out.push(Diagnostic::report(
                        LATIN_PUNCTUATION.code,
                        commas.clone(),
                        "`,,` in Arabic text: a typewriter opening quote (`„`, here `«`) or a doubled comma (`،`)? Settle it by hand",
                    ));
                }
                continue;
            }
            out.push(Diagnostic::fixable(
                LATIN_PUNCTUATION.code,
                i..i + 1,
                format!("Latin `{c}` in Arabic text; use `{arabic}`"),
                vec![Edit::replace(i..i + 1, arabic.to_string())],
            ));
        }
    }
}

/// A run of two or more commas with a word right after it (`,,نص`):
/// perhaps an opening quote.
fn quote_like(text: &str, commas: &std::ops::Range<usize>) -> bool {
    commas.len() >= 2 && chars::char_at(text, commas.end).is_some_and(is_word_char)
}

/// `50,-`: a price written the European way, the comma and dash the
/// number's own.
fn is_price_comma(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b','
        && i > 0
        && bytes[i - 1].is_ascii_digit()
        && (bytes.get(i + 1) == Some(&b'-') || bytes[i + 1..].starts_with("–".as_bytes()))
}

pass!(check, [LATIN_PUNCTUATION], when ASCII_PUNCT);
