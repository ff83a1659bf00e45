//! S010: an Arabic letter glued to a Latin one.

use crate::clean::rules::prelude::*;
use crate::text::words::ends_with_prefix;

rule! {
    /// An Arabic letter glued to a Latin letter gets a space.
    ///
    /// `عبرGoogle` is two words run together. A space is inserted between
    /// them. A one-letter prefix (ل ب ك و ف) attaches to a Latin word with a
    /// tatweel (`لـGoogle`), which stays; a prefix glued without one is
    /// reported, with an unsafe fix that inserts the tatweel.
    ///
    /// Before: `عبرGoogle`
    /// After:  `عبر Google`
    pub static GLUED_SCRIPTS = ("S010", "glued-scripts", Sometimes);
}

fn glued_scripts(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        if let Some((_, p)) = prev {
            let arabic_then_latin = (is_arabic_letter(p) || is_arabic_mark(p)) && c.is_ascii_alphabetic();
            let latin_then_arabic = p.is_ascii_alphabetic() && is_arabic_letter(c);
            if (arabic_then_latin || latin_then_arabic) && !para.is_untouchable(i) {
                let word_start = text[..i].trim_end_matches(|ch: char| is_arabic_letter(ch) || is_arabic_mark(ch)).len();
                let word = &text[word_start..i];
                let is_prefix =
                    arabic_then_latin && word.chars().filter(|&ch| is_arabic_letter(ch)).count() == 1 && ends_with_prefix(text, i);
                let d = if is_prefix {
                    Diagnostic::report(
                        GLUED_SCRIPTS.code,
                        word_start..i + 1,
                        format!("prefix `{word}` glued to a Latin word; write it with a tatweel (`{word}ـ`)"),
                    )
                    .with_fix(Fix::unsafe_(vec![Edit::insert(i, "ـ")]))
                } else {
                    Diagnostic::fixable(
                        GLUED_SCRIPTS.code,
                        i..i + c.len_utf8(),
                        "Arabic and Latin words run together; separate them with a space",
                        vec![Edit::insert(i, " ")],
                    )
                };
                out.push(d);
            }
        }
        prev = Some((i, c));
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.latin > 0 && f.arabic > 0 && s.enabled(&GLUED_SCRIPTS) {
        glued_scripts(para, out);
    }
}

pass!(check, [GLUED_SCRIPTS]);
