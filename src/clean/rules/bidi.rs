//! B — bidi controls that do nothing, and paragraphs that display backwards.

use crate::clean::chars::{self, strong, Strong};
use crate::clean::context::DocContext;
use crate::clean::diagnostic::{Diagnostic, Edit};
use crate::clean::paragraph::Paragraph;
use crate::clean::registry::rule;

rule! {
    /// Bidi controls that are unmatched or change nothing are removed.
    ///
    /// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) come
    /// in pairs; one without its partner (pasted from half a web page) leaks
    /// its direction into the rest of the paragraph and is removed. Matched
    /// pairs stay. LRM, RLM and ALM (U+200E, U+200F, U+061C) between strong
    /// letters of their own direction on both sides change nothing and are
    /// removed; elsewhere they may be holding punctuation in place and stay.
    pub static STRAY_BIDI_CONTROLS = ("B001", "stray-bidi-controls", Safe);
}

rule! {
    /// An Arabic paragraph that starts with a Latin word gets an RLM.
    ///
    /// Plain-text viewers take a paragraph's direction from its first strong
    /// letter, so `CCTS منظمة…` is laid out left to right, with its
    /// punctuation on the wrong side. A right-to-left mark (U+200F) at the
    /// start fixes that everywhere. Likewise an English paragraph that opens
    /// with an Arabic word gets a left-to-right mark (U+200E). A paragraph is
    /// Arabic when it has at least twice as many Arabic words as Latin ones
    /// (and English the other way round); a mixed one is left alone.
    pub static PARAGRAPH_DIRECTION = ("B002", "paragraph-direction", Safe);
}

const RLM: char = '\u{200F}';
const LRM: char = '\u{200E}';

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if para.features.bidi_controls && s.enabled(&STRAY_BIDI_CONTROLS) {
        stray_controls(para, out);
    }
    if para.features.arabic > 0 && para.features.latin > 0 && s.enabled(&PARAGRAPH_DIRECTION) {
        direction(para, out);
    }
}

fn stray_controls(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    // Openers waiting for their closer: (offset, char).
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut stray: Vec<(usize, char, &str)> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' | '\u{2066}'..='\u{2068}' => open.push((i, c)),
            '\u{202C}' => match open.last() {
                Some(&(_, '\u{202A}'..='\u{202E}')) => {
                    open.pop();
                }
                _ => stray.push((i, c, "closes nothing")),
            },
            '\u{2069}' => match open.iter().rposition(|&(_, o)| matches!(o, '\u{2066}'..='\u{2068}')) {
                // A PDI also closes embeddings opened inside its isolate.
                Some(at) => {
                    for &(j, o) in &open[at + 1..] {
                        stray.push((j, o, "is never closed"));
                    }
                    open.truncate(at);
                }
                None => stray.push((i, c, "closes nothing")),
            },
            LRM | RLM | '\u{061C}' => {
                let own = if c == LRM { Strong::Ltr } else { Strong::Rtl };
                if chars::strong_before(text, i) == Some(own) && chars::strong_after(text, i + c.len_utf8()) == Some(own) {
                    stray.push((i, c, "sits between letters of its own direction and changes nothing"));
                }
            }
            _ => {}
        }
    }
    stray.extend(open.into_iter().map(|(i, c)| (i, c, "is never closed")));
    for (i, c, why) in stray {
        let range = i..i + c.len_utf8();
        out.push(Diagnostic::fixable(
            STRAY_BIDI_CONTROLS.code,
            range.clone(),
            format!("bidi control U+{:04X} {why}", c as u32),
            vec![Edit::delete(range)],
        ));
    }
}

fn direction(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let Some(arabic) = para.features.clear_direction() else {
        return;
    };
    let first = text.chars().find(|&c| strong(c).is_some());
    let (mark, wrong) = if arabic { (RLM, Some(Strong::Ltr)) } else { (LRM, Some(Strong::Rtl)) };
    if first.and_then(strong) != wrong {
        return;
    }
    let (what, name) = if arabic {
        ("an Arabic paragraph starts with a Latin word", "RLM")
    } else {
        ("an English paragraph starts with an Arabic word", "LRM")
    };
    let end = text.char_indices().nth(1).map_or(text.len(), |(i, _)| i);
    out.push(Diagnostic::fixable(
        PARAGRAPH_DIRECTION.code,
        0..end,
        format!("{what}; plain-text viewers will lay it out the wrong way (add an {name})"),
        vec![Edit::insert(0, mark.to_string())],
    ));
}

#[cfg(test)]
mod tests {
    use crate::clean::rules::testing::fixed;

    #[test]
    fn controls() {
        assert_eq!(fixed("نص \u{202B}عربي"), "نص عربي");
        assert_eq!(fixed("نص \u{202B}عربي\u{202C} ثم"), "نص \u{202B}عربي\u{202C} ثم");
        assert_eq!(fixed("نص\u{200F}عربي"), "نصعربي");
        assert_eq!(fixed("كلمة \u{200F}(1)"), "كلمة \u{200F}(1)");
        assert_eq!(fixed("\u{2067}نص"), "نص");
    }

    #[test]
    fn paragraph_direction() {
        assert_eq!(fixed("CCTS منظمة الدول التركية"), "\u{200F}CCTS منظمة الدول التركية");
        assert_eq!(fixed("\u{200F}CCTS منظمة الدول التركية"), "\u{200F}CCTS منظمة الدول التركية");
        assert_eq!(fixed("كازاخستان is a big country in Asia"), "\u{200E}كازاخستان is a big country in Asia");
        assert_eq!(fixed("Live Updates: Heavy Clashes"), "Live Updates: Heavy Clashes");
    }
}
