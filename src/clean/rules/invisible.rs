//! B — characters that show nothing: removed, or reported when text was lost.

use crate::clean::context::DocContext;
use crate::clean::diagnostic::{Diagnostic, Edit};
use crate::clean::paragraph::Paragraph;
use crate::clean::registry::rule;

rule! {
    /// Invisible characters are removed.
    ///
    /// Zero-width space (U+200B), soft hyphen (U+00AD), word joiner (U+2060),
    /// a byte order mark inside the text (U+FEFF), invisible operators
    /// (U+2061–U+2064) and control characters other than newline and tab
    /// (C0 and C1) come from web pages and word processors. They break
    /// search, copy and line breaking, and show nothing: they are removed.
    /// Zero-width joiner and non-joiner (U+200C, U+200D) shape letters and
    /// stay.
    pub static INVISIBLE_CHARACTERS = ("B004", "invisible-characters", Safe);
}

rule! {
    /// U+FFFD means text was lost before dossier saw it.
    ///
    /// The replacement character � stands where a program could not decode a
    /// character. What was there cannot be recovered from the text: it is
    /// reported for a person to restore from the source, never fixed.
    pub static REPLACEMENT_CHARACTER = ("B005", "replacement-character", None);
}

fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero-width space",
        '\u{00AD}' => "soft hyphen",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "byte order mark",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{0}'..='\u{8}' | '\u{B}'..='\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}' => "control character",
        '\u{80}'..='\u{9F}' => "C1 control character",
        _ => return None,
    })
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.invisible && s.enabled(&INVISIBLE_CHARACTERS) {
        for (i, c) in para.text.char_indices() {
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
    if f.replacement && s.enabled(&REPLACEMENT_CHARACTER) {
        for (i, _) in para.text.match_indices('\u{FFFD}') {
            out.push(Diagnostic::report(
                REPLACEMENT_CHARACTER.code,
                i..i + 3,
                "U+FFFD: a character was lost before this text reached dossier; restore it from the source",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::rules::testing::{codes, fixed};

    #[test]
    fn invisible() {
        assert_eq!(fixed("كلم\u{200B}ة\u{00AD} و\u{0007}نص"), "كلمة ونص");
        assert_eq!(fixed("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(fixed("نص � مفقود"), "نص � مفقود");
        assert_eq!(codes("نص � مفقود"), vec!["B005"]);
    }
}
