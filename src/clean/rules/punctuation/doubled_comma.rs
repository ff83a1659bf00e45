//! P003: a doubled Arabic comma.

use crate::clean::rules::prelude::*;

rule! {
    /// A doubled Arabic comma becomes one.
    ///
    /// `،،` is a slip of the keyboard; one comma stays. Between two digits
    /// (`2،،500`) it is left alone: one comma there would read as the
    /// number's own separator and join two numbers into one.
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
    if f.arabic_punct && s.enabled(&DOUBLED_COMMA) {
        for i in memchr::memmem::find_iter(bytes, "،،") {
            let comma = '\u{060C}'.len_utf8();
            if between_digits(text, i, i + 2 * comma) {
                continue;
            }
            out.push(Diagnostic::fixable(
                DOUBLED_COMMA.code,
                i..i + 2 * comma,
                "doubled Arabic comma",
                vec![Edit::delete(i + comma..i + 2 * comma)],
            ));
        }
    }
}

pass!(check, [DOUBLED_COMMA]);
