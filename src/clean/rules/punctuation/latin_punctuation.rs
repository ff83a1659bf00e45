//! P001: Latin comma, semicolon and question mark in Arabic text.

use crate::clean::rules::prelude::*;

rule! {
    /// Latin comma, semicolon and question mark in Arabic text become Arabic.
    ///
    /// Arabic has its own comma (،), semicolon (؛) and question mark (؟),
    /// shaped and placed for right-to-left text. A `,` `;` or `?` whose
    /// nearest letters in its line are Arabic (on both sides, or on one side
    /// with none on the other) becomes the Arabic mark. Numbers (`370,000`),
    /// links and Latin sentences keep theirs.
    ///
    /// Before: `نعم, ولكن; لماذا?`
    /// After:  `نعم، ولكن؛ لماذا؟`
    pub static LATIN_PUNCTUATION = ("P001", "latin-punctuation", Safe);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let text = para.text;
    let bytes = text.as_bytes();
    let f = &para.features;
    if f.ascii_punct && f.arabic > 0 && s.enabled(&LATIN_PUNCTUATION) {
        let mut letters = Letters::new(text);
        for i in memchr::memchr3_iter(b',', b';', b'?', bytes) {
            let c = bytes[i] as char;
            let arabic = match c {
                ',' => '\u{060C}',
                ';' => '\u{061B}',
                _ => '\u{061F}',
            };
            // A separator between digits is the number's, even when an
            // invisible character keeps it out of the number's span.
            if para.is_protected(i) || between_digits(text, i, i + 1) || !letters.is_arabic(i) {
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

pass!(check, [LATIN_PUNCTUATION]);
