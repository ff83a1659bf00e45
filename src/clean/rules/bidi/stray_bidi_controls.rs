//! B001: bidi controls that do nothing.

use crate::clean::rules::prelude::*;

const RLM: char = '\u{200F}';
const LRM: char = '\u{200E}';

rule! {
    /// Bidi controls that are unmatched or change nothing are removed.
    ///
    /// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) come
    /// in pairs; one without its partner (pasted from half a web page) leaks
    /// its direction into the rest of the paragraph and is removed. Matched
    /// pairs stay. LRM, RLM and ALM (U+200E, U+200F, U+061C) between strong
    /// letters of their own direction on both sides change nothing and are
    /// removed; elsewhere they may be holding punctuation in place and stay,
    /// and so do they between two digits, where they keep two numbers apart.
    pub static STRAY_BIDI_CONTROLS = ("B001", "stray-bidi-controls", Safe);
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
                // Inside a number a mark splits it into two runs that
                // display apart: removing it would join two numbers.
                let own_both_sides = chars::strong_before(text, i) == Some(own) && chars::strong_after(text, i + c.len_utf8()) == Some(own);
                if own_both_sides && !inside_number(text, i, i + c.len_utf8()) {
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

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if s.enabled(&STRAY_BIDI_CONTROLS) {
        stray_controls(para, out);
    }
}

pass!(check, [STRAY_BIDI_CONTROLS], when BIDI_CONTROLS);
