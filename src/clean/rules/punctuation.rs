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
    let f = &para.features;
    if f.ascii_punct && f.arabic > 0 && s.enabled(&LATIN_PUNCTUATION) {
        for (i, c) in text.char_indices() {
            let arabic = match c {
                ',' => '\u{060C}',
                ';' => '\u{061B}',
                '?' => '\u{061F}',
                _ => continue,
            };
            if para.is_protected(i) || !is_arabic_context(text, i, i + 1) {
                continue;
            }
            // `?` right after a Latin run closing in a bracket or quote is Latin.
            if chars::char_before(text, i).is_some_and(|p| p.is_ascii_alphanumeric())
                && chars::strong_before(text, i) != Some(chars::Strong::Rtl)
            {
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
    if (f.arabic_punct || f.ascii_punct) && (s.enabled(&DOUBLED_TERMINAL) || s.enabled(&DOUBLED_COMMA)) {
        let mut prev: Option<(usize, char)> = None;
        for (i, c) in text.char_indices() {
            if let Some((p, pc)) = prev {
                if c == '.'
                    && matches!(pc, '\u{061F}' | '!' | '?')
                    && !text[i + 1..].starts_with('.')
                    && s.enabled(&DOUBLED_TERMINAL)
                    && !para.is_untouchable(i)
                {
                    out.push(Diagnostic::fixable(
                        DOUBLED_TERMINAL.code,
                        p..i + 1,
                        format!("`{pc}` followed by a period ends the sentence twice"),
                        vec![Edit::delete(i..i + 1)],
                    ));
                }
                if c == '\u{060C}' && pc == '\u{060C}' && s.enabled(&DOUBLED_COMMA) {
                    out.push(Diagnostic::fixable(
                        DOUBLED_COMMA.code,
                        p..i + c.len_utf8(),
                        "doubled Arabic comma",
                        vec![Edit::delete(i..i + c.len_utf8())],
                    ));
                }
            }
            prev = Some((i, c));
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
