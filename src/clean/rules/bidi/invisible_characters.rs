//! B004: characters that show nothing.

use crate::clean::rules::prelude::*;

rule! {
    /// Invisible characters are removed.
    ///
    /// Zero-width space (U+200B), soft hyphen (U+00AD), word joiner (U+2060),
    /// a byte order mark inside the text (U+FEFF), invisible operators
    /// (U+2061–U+2064) and control characters other than newline and tab
    /// (C0 and C1, but U+0085, a line break: B006) come from web pages and
    /// word processors. They break
    /// search, copy and line breaking, and show nothing: they are removed.
    /// Zero-width joiner and non-joiner (U+200C, U+200D) shape letters and
    /// stay.
    pub static INVISIBLE_CHARACTERS = ("B004", "invisible-characters", Safe);
}

fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero-width space",
        '\u{00AD}' => "soft hyphen",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "byte order mark",
        '\u{2061}'..='\u{2064}' => "operator",
        '\u{0}'..='\u{8}' | '\u{B}'..='\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}' => "control character",
        '\u{80}'..='\u{84}' | '\u{86}'..='\u{9F}' => "C1 control character",
        _ => return None,
    })
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if s.enabled(&INVISIBLE_CHARACTERS) {
        for (i, c) in para.signs(|c| invisible_name(c).is_some()) {
            if let Some(name) = invisible_name(c) {
                let range = i..i + c.len_utf8();
                out.push(Diagnostic::fixable(
                    INVISIBLE_CHARACTERS.code,
                    range.clone(),
                    format!("invisible {name} (U+{:04X})", c as u32),
                    vec![Edit::delete(range)],
                ));
            }
        }
    }
}

pass!(check, [INVISIBLE_CHARACTERS], when INVISIBLE);
