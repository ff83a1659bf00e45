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
    /// A word whose letters switch script more than four times (`aبaبaب`) is
    /// not words run together: it is reported once, with no fix.
    ///
    /// Before: `عبرGoogle`
    /// After:  `عبر Google`
    pub static GLUED_SCRIPTS = ("S010", "glued-scripts", Sometimes, arabic_only = true);
}

/// A word whose script changes more often than this is not words run
/// together but letters interleaved (`aبaبaب`): see the rule's explanation.
const MAX_SWITCHES: usize = 4;

fn glued_scripts(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut prev: Option<char> = None;
    // The current word (a run without whitespace) and its findings, held
    // back until the word ends: past MAX_SWITCHES they become one.
    let mut word_from = 0;
    let mut pending: Vec<Diagnostic> = Vec::new();
    let mut switches = 0usize;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            flush(text, word_from..i, &mut pending, &mut switches, out);
            word_from = i + c.len_utf8();
        } else if let Some(p) = prev {
            let arabic_then_latin = (is_arabic_letter(p) || is_arabic_mark(p)) && c.is_ascii_alphabetic();
            let latin_then_arabic = p.is_ascii_alphabetic() && is_arabic_letter(c);
            if (arabic_then_latin || latin_then_arabic) && !para.is_untouchable(i) {
                switches += 1;
                if switches <= MAX_SWITCHES {
                    pending.extend(glued_at(text, i, c, arabic_then_latin));
                }
            }
        }
        prev = Some(c);
    }
    flush(text, word_from..text.len(), &mut pending, &mut switches, out);
}

/// The finding for letters of two scripts meeting at `i`; none after و,
/// which attaches as it is.
fn glued_at(text: &str, i: usize, c: char, arabic_then_latin: bool) -> Option<Diagnostic> {
    let prefix = if arabic_then_latin { prefix_before(text, i) } else { None };
    match prefix {
        Some(prefix) if prefix.joins => {
            let word = &text[prefix.start..i];
            Some(
                Diagnostic::report(
                    GLUED_SCRIPTS.code,
                    prefix.start..i + 1,
                    format!("prefix `{word}` glued to a Latin word; write it with a tatweel (`{word}ـ`)"),
                )
                .with_fix(Fix::unsafe_(vec![Edit::insert(i, "ـ")])),
            )
        }
        Some(_) => None,
        None => Some(Diagnostic::fixable(
            GLUED_SCRIPTS.code,
            i..i + c.len_utf8(),
            "Arabic and Latin words run together; separate them with a space",
            vec![Edit::insert(i, " ")],
        )),
    }
}

/// A word ended: its findings, or one for the whole word when its letters
/// interleave.
fn flush(text: &str, word: std::ops::Range<usize>, pending: &mut Vec<Diagnostic>, switches: &mut usize, out: &mut Vec<Diagnostic>) {
    if *switches > MAX_SWITCHES {
        let shown: String = text[word.clone()].chars().take(24).collect();
        let more = if shown.len() < word.len() { "…" } else { "" };
        out.push(Diagnostic::report(
            GLUED_SCRIPTS.code,
            word,
            format!("Arabic and Latin letters alternate {switches} times in `{shown}{more}`: not two words run together; separate the words by hand"),
        ));
        pending.clear();
    } else {
        out.append(pending);
    }
    *switches = 0;
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    // The scan's own reading of a touch, not only a trigger: a mark after
    // a Latin letter (`ms\u{0654}Google`) belongs to that letter's script.
    if f.scripts_touch && f.latin > 0 && f.arabic > 0 && s.enabled(&GLUED_SCRIPTS) {
        glued_scripts(para, out);
    }
}

pass!(check, [GLUED_SCRIPTS], when SCRIPTS_TOUCH);
