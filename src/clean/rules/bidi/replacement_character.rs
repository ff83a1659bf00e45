//! B005: U+FFFD, text lost before it reached dossier.

use crate::clean::rules::prelude::*;

rule! {
    /// U+FFFD means text was lost before dossier saw it.
    ///
    /// The replacement character � stands where a program could not decode a
    /// character. What was there cannot be recovered from the text: it is
    /// reported for a person to restore from the source, never fixed.
    pub static REPLACEMENT_CHARACTER = ("B005", "replacement-character", None);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if s.enabled(&REPLACEMENT_CHARACTER) {
        for (i, _) in para.text.match_indices('\u{FFFD}') {
            out.push(Diagnostic::report(
                REPLACEMENT_CHARACTER.code,
                i..i + 3,
                "U+FFFD: a character was lost before this text reached dossier; restore it from the source",
            ));
        }
    }
}

pass!(check, [REPLACEMENT_CHARACTER], when REPLACEMENT);
