//! C001: presentation forms instead of letters.

use crate::clean::rules::prelude::*;
use crate::text::visual::has_visual_line;
use unicode_normalization::UnicodeNormalization;

rule! {
    /// Presentation forms become letters.
    ///
    /// Presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) are shaped glyphs,
    /// not letters: text copied from PDFs and old software carries them.
    /// They do not search, sort or reshape, and a font may lack them. Each
    /// becomes its letters, as Unicode's compatibility mapping says (`ﻻ` is
    /// `لا`). Word ligatures and symbols (U+FDF0–U+FDFF, like ﷺ) are meant
    /// as such and stay. A line in visual order is left to B003.
    ///
    /// Before: `ﺍﻟﻌﺮﺑﻴﺔ`, `ﻻ`
    /// After:  `العربية`, `لا`
    pub static PRESENTATION_FORMS = ("C001", "presentation-forms", Safe);
}

fn mappable(c: char) -> bool {
    is_presentation_form(c) && !('\u{FDF0}'..='\u{FDFF}').contains(&c)
}

fn presentation_forms(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !mappable(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(j, n)) = iter.peek() {
            if !mappable(n) {
                break;
            }
            end = j + n.len_utf8();
            iter.next();
        }
        let run = &text[start..end];
        let letters: String = run.nfkc().collect();
        if letters != run {
            out.push(Diagnostic::fixable(
                PRESENTATION_FORMS.code,
                start..end,
                format!("presentation forms `{run}` instead of letters `{letters}`"),
                vec![Edit::replace(start..end, letters)],
            ));
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.presentation && s.enabled(&PRESENTATION_FORMS) && !has_visual_line(para.text) {
        presentation_forms(para, out);
    }
}

pass!(check, [PRESENTATION_FORMS]);
