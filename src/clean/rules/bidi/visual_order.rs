//! B003: text pasted from old PDFs, reversed and in presentation forms.

use crate::clean::rules::prelude::*;
use crate::text::visual::{lines, reverse_pasted_runs, safe_to_reverse, to_logical, word_order_votes};

rule! {
    /// A line whose Arabic is in visual order is put back in logical order.
    ///
    /// Old PDFs store Arabic as shaped glyphs in display order, left to
    /// right: copying gives presentation forms, reversed (`ﺔﻴﺑﺮﻌﻟﺍ` for
    /// `العربية`). Such a line is recognised by its words: in logical order a
    /// word starts with an initial or isolated form and ends with a final or
    /// isolated one; reversed, it starts with a final or isolated form, and
    /// shows form pairs logical order cannot have (initial then isolated,
    /// medial then initial). When the words agree and the line holds no
    /// typed Arabic letters, it is reversed back (Latin and digit runs keep
    /// their order, brackets are mirrored) and the forms mapped to letters.
    ///
    /// Otherwise it is reported. On a line half pasted, half typed, the
    /// unsafe fix reverses only the pasted runs and leaves the typed words
    /// alone; when the words disagree there is no fix. Forms on such a line
    /// are never mapped in place (C001), which would leave letters in the
    /// wrong order.
    ///
    /// Before: `ﺔﻴﺑﺮﻌﻟﺍ ﺔﻐﻠﻟﺍ`
    /// After:  `اللغة العربية`
    pub static VISUAL_ORDER = ("B003", "visual-order", Sometimes, may_edit = [Number, Link], exclusive = true);
}

fn words(n: usize) -> String {
    if n == 1 {
        "1 word".to_string()
    } else {
        format!("{n} words")
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if !para.features.presentation || !ctx.settings.enabled(&VISUAL_ORDER) {
        return;
    }
    for (start, line) in lines(para.text) {
        let (logical, visual) = word_order_votes(line);
        if visual == 0 {
            continue;
        }
        let range = start..start + line.len();
        if safe_to_reverse(line) {
            let what = if visual == 1 { "its word reads backwards".to_string() } else { format!("all {visual} words read backwards") };
            out.push(Diagnostic::fixable(
                VISUAL_ORDER.code,
                range.clone(),
                format!("this line is in visual order ({what}), as pasted from a PDF"),
                vec![Edit::replace(range, to_logical(line))],
            ));
            continue;
        }
        let message = format!(
            "this line looks partly like visual order ({} backwards, {} forwards); check before reversing",
            words(visual),
            words(logical)
        );
        let d = Diagnostic::report(VISUAL_ORDER.code, range.clone(), message);
        out.push(match reverse_pasted_runs(line) {
            Some(repaired) => d.with_fix(Fix::unsafe_(vec![Edit::replace(range, repaired)])),
            None => d,
        });
    }
}

pass!(check, [VISUAL_ORDER]);
