//! P003: a doubled Arabic comma.

use crate::clean::rules::prelude::*;

rule! {
    /// A doubled Arabic comma becomes one.
    ///
    /// `،،` is a slip of the keyboard; one comma stays, however many there
    /// are. Between two digits (`2،،500`) the run is left alone: one comma
    /// there would read as the number's own separator and join two numbers
    /// into one.
    ///
    /// Before: `قال،، ثم`
    /// After:  `قال، ثم`
    pub static DOUBLED_COMMA = ("P003", "doubled-comma", Safe);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let text = para.text;
    let f = &para.features;
    if f.arabic_punct && s.enabled(&DOUBLED_COMMA) {
        // A whole run is one finding: deleting every other comma of a long
        // run would halve it per round and never settle within the bound.
        let mut run_end = 0;
        for (i, _) in para.signs(|c| c == COMMA).filter(|&(i, _)| text[i + COMMA.len_utf8()..].starts_with(COMMA)) {
            if i < run_end {
                continue;
            }
            let count = text[i..].chars().take_while(|&c| c == COMMA).count();
            run_end = i + count * COMMA.len_utf8();
            if between_digits(text, i, run_end) {
                continue;
            }
            let message = if count == 2 { "doubled Arabic comma".to_string() } else { format!("{count} Arabic commas in a row") };
            out.push(Diagnostic::fixable(DOUBLED_COMMA.code, i..run_end, message, vec![Edit::delete(i + COMMA.len_utf8()..run_end)]));
        }
    }
}

const COMMA: char = '\u{060C}';

pass!(check, [DOUBLED_COMMA], when TOUCHING_MARKS);
