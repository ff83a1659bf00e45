//! P002: a terminal mark doubled by a period.

use crate::clean::rules::prelude::*;

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

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let text = para.text;
    let bytes = text.as_bytes();
    let f = &para.features;
    if f.ascii_punct && s.enabled(&DOUBLED_TERMINAL) {
        for (i, _) in para.signs(|c| c == '.') {
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
}

pass!(check, [DOUBLED_TERMINAL], when TOUCHING_MARKS);
