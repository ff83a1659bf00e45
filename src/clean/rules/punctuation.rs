//! P — punctuation marks of the right script, not doubled.

use crate::clean::chars::{self, is_arabic_context};
use crate::clean::context::DocContext;
use crate::clean::diagnostic::{Diagnostic, Edit};
use crate::clean::paragraph::Paragraph;
use crate::clean::registry::rule;

rule! {
    /// Latin comma, semicolon and question mark in Arabic text become Arabic.
    ///
    /// Arabic has its own comma (،), semicolon (؛) and question mark (؟),
    /// shaped and placed for right-to-left text. A `,` `;` or `?` whose
    /// nearest strong letters are Arabic (on both sides, or on one side with
    /// none on the other) becomes the Arabic mark. Numbers (`370,000`),
    /// links and Latin sentences keep theirs.
    ///
    /// Before: `نعم, ولكن; لماذا?`
    /// After:  `نعم، ولكن؛ لماذا؟`
    pub static LATIN_PUNCTUATION = ("P001", "latin-punctuation", Safe);
}

rule! {
    /// A terminal mark doubled by a period loses the period.
    ///
    /// `؟.` and `!.` end a sentence twice. The period goes. The Arabic
    /// headline ellipsis `..` (`مرورا بتركيا.. طائرة`) is house style and
    /// stays.
    ///
    /// Before: `الأوضاع فيها؟. بما`
    /// After:  `الأوضاع فيها؟ بما`
    pub static DOUBLED_TERMINAL = ("P002", "doubled-terminal", Safe);
}

rule! {
    /// A doubled Arabic comma becomes one.
    ///
    /// `،،` is a slip of the keyboard; one comma stays.
    ///
    /// Before: `قال،، ثم`
    /// After:  `قال، ثم`
    pub static DOUBLED_COMMA = ("P003", "doubled-comma", Safe);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let text = para.text;
    let bytes = text.as_bytes();
    let f = &para.features;
    if f.ascii_punct && f.arabic > 0 && s.enabled(&LATIN_PUNCTUATION) {
        for i in memchr::memchr3_iter(b',', b';', b'?', bytes) {
            let c = bytes[i] as char;
            let arabic = match c {
                ',' => '\u{060C}',
                ';' => '\u{061B}',
                _ => '\u{061F}',
            };
            if para.is_protected(i) || !is_arabic_context(text, i, i + 1) {
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
    if f.ascii_punct && s.enabled(&DOUBLED_TERMINAL) {
        for i in memchr::memchr_iter(b'.', bytes) {
            let Some(pc) = chars::char_before(text, i) else { continue };
            if matches!(pc, '\u{061F}' | '!' | '?') && bytes.get(i + 1) != Some(&b'.') && !para.is_untouchable(i) {
                let p = i - pc.len_utf8();
                out.push(Diagnostic::fixable(
                    DOUBLED_TERMINAL.code,
                    p..i + 1,
                    format!("`{pc}` followed by a period ends the sentence twice"),
                    vec![Edit::delete(i..i + 1)],
                ));
            }
        }
    }
    if f.arabic_punct && s.enabled(&DOUBLED_COMMA) {
        for i in memchr::memmem::find_iter(bytes, "،،") {
            let comma = '\u{060C}'.len_utf8();
            out.push(Diagnostic::fixable(
                DOUBLED_COMMA.code,
                i..i + 2 * comma,
                "doubled Arabic comma",
                vec![Edit::delete(i + comma..i + 2 * comma)],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::rules::testing::fixed;

    #[test]
    fn punctuation() {
        assert_eq!(fixed("نعم, ولكن; لماذا?"), "نعم، ولكن؛ لماذا؟");
        assert_eq!(fixed("ما بين 370,000 برميل"), "ما بين 370,000 برميل");
        assert_eq!(fixed("Yes, but why?"), "Yes, but why?");
        assert_eq!(fixed("الأوضاع فيها؟. بما"), "الأوضاع فيها؟ بما");
        assert_eq!(fixed("قال،، ثم"), "قال، ثم");
        assert_eq!(fixed("كتب Sputnik, ثم"), "كتب Sputnik, ثم");
        assert_eq!(fixed("انظر bit.ly/a?b=1 هنا"), "انظر bit.ly/a?b=1 هنا");
    }
}
