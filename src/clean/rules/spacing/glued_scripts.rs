//! S010: an Arabic letter glued to a Latin one.

use crate::clean::rules::prelude::*;
use crate::text::words::prefix_before;

rule! {
    /// An Arabic letter glued to a Latin letter gets a space.
    ///
    /// `عبرGoogle` is two words run together. A space is inserted between
    /// them. A prefix is different: it belongs to the word after it, so a
    /// space would leave it dangling (`ال GPS`). A prefix that ends in a
    /// joining letter (ل ب ك ف, the article and its forms: ال بال لل وبال …)
    /// attaches to a Latin word with a tatweel (`لـGoogle`, `الـGPS`), which
    /// stays; glued without one it is reported, with an unsafe fix that
    /// inserts the tatweel. و does not join to the left, so a tatweel after
    /// it would show as a loose stroke: `وGoogle` is left as typed.
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
                let prefix = if arabic_then_latin { prefix_before(text, i) } else { None };
                match prefix {
                    Some(prefix) if prefix.joins => {
                        let word = &text[prefix.start..i];
                        out.push(
                            Diagnostic::report(
                                GLUED_SCRIPTS.code,
                                prefix.start..i + 1,
                                format!("prefix `{word}` glued to a Latin word; write it with a tatweel (`{word}ـ`)"),
                            )
                            .with_fix(Fix::unsafe_(vec![Edit::insert(i, "ـ")])),
                        );
                    }
                    // و attaches as it is.
                    Some(_) => {}
                    None => out.push(Diagnostic::fixable(
                        GLUED_SCRIPTS.code,
                        i..i + c.len_utf8(),
                        "Arabic and Latin words run together; separate them with a space",
                        vec![Edit::insert(i, " ")],
                    )),
                }
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
