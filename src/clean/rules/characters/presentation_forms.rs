//! C001: presentation forms instead of letters.

use crate::clean::rules::prelude::*;
use crate::text::visual::{lines, maps_in_place};

rule! {
    /// Presentation forms become letters.
    ///
    /// Presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) are shaped glyphs,
    /// not letters: text copied from PDFs and old software carries them.
    /// They do not search, sort or reshape, and a font may lack them. Each
    /// becomes its letters, as Unicode's compatibility mapping says (`ﻻ` is
    /// `لا`), except that an isolated diacritic form (U+FE70–U+FE7F,
    /// U+FC5E–U+FC63) joins the letter before it with no space: the mapping's
    /// space would split the word (`ﺷﺪﹼﺓ` is `شدّة`, not `شد ّة`). A diacritic
    /// standing alone, word ligatures and symbols (U+FDF0–U+FDFF, like ﷺ) are
    /// meant as such and stay. A line in visual order, or whose order cannot
    /// be told, is left to B003; a font that writes some letters in the wrong
    /// form (`ﻗﺩ ﻴﺘﺭﺍﺀﻯ`, isolated after a joining letter, medial opening a
    /// word) does not make a line visual.
    ///
    /// Before: `ﺍﻟﻌﺮﺑﻴﺔ`, `ﻻ`, `ﺟﺪﺍﹰ`, `ﻗﺩ ﻴﺘﺭﺍﺀﻯ`
    /// After:  `العربية`, `لا`, `جداً`, `قد يتراءى`
    pub static PRESENTATION_FORMS = ("C001", "presentation-forms", Safe);
}

/// A form this rule maps: not a word ligature or symbol, and not a
/// diacritic standing on its own (after a space), which is shown as such.
fn mappable(c: char, prev: Option<char>) -> bool {
    let standing_alone = is_spacing_mark_form(c) && !prev.is_some_and(is_word_char);
    is_presentation_form(c) && !('\u{FDF0}'..='\u{FDFF}').contains(&c) && !standing_alone
}

fn presentation_forms(text: &str, base: usize, out: &mut Vec<Diagnostic>) {
    let mut iter = text.char_indices().peekable();
    let mut prev = None;
    while let Some((start, c)) = iter.next() {
        if !mappable(c, prev) {
            prev = Some(c);
            continue;
        }
        let mut letters = String::new();
        push_form_letters(c, prev.is_some_and(is_word_char), &mut letters);
        let mut end = start + c.len_utf8();
        while let Some(&(j, n)) = iter.peek() {
            if !mappable(n, Some(c)) {
                break;
            }
            push_form_letters(n, true, &mut letters);
            end = j + n.len_utf8();
            iter.next();
        }
        prev = text[..end].chars().next_back();
        let run = &text[start..end];
        if letters != run {
            let range = base + start..base + end;
            out.push(Diagnostic::fixable(
                PRESENTATION_FORMS.code,
                range.clone(),
                format!("presentation forms `{run}` instead of letters `{letters}`"),
                vec![Edit::replace(range, letters)],
            ));
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if !s.enabled(&PRESENTATION_FORMS) {
        return;
    }
    // A line in visual order, or whose order cannot be told, is B003's:
    // mapped in place, its words could be letters in the wrong order.
    for (start, line) in lines(para.text) {
        if maps_in_place(line) {
            presentation_forms(line, start, out);
        }
    }
}

pass!(check, [PRESENTATION_FORMS], when PRESENTATION);
