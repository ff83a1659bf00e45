//! B003: text pasted from old PDFs, reversed and in presentation forms.

use crate::clean::rules::prelude::*;
use crate::text::visual::{lines, safe_to_reverse, to_logical, word_order_votes};

rule! {
    /// A line whose Arabic is in visual order is put back in logical order.
    ///
    /// Old PDFs store Arabic as shaped glyphs in display order, left to
    /// right: copying gives presentation forms, reversed (`ﺔﻴﺑﺮﻌﻟﺍ` for
    /// `العربية`). Such a line is recognised by its words: in logical order a
    /// word starts with an initial form and ends with a final one; reversed,
    /// it starts with a final form. When the words agree, the line is
    /// reversed back (Latin and digit runs keep their order, brackets are
    /// mirrored) and the forms mapped to letters. When they disagree, or the
    /// line also holds ordinary Arabic letters (half typed, half pasted), it
    /// is reported with an unsafe fix.
    ///
    /// Before: `ﺔﻴﺑﺮﻌﻟﺍ ﺔﻐﻠﻟﺍ`
    /// After:  `اللغة العربية`
    pub static VISUAL_ORDER = ("B003", "visual-order", Sometimes, may_edit = [Number, Link], exclusive = true);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if !para.features.presentation || !ctx.settings.enabled(&VISUAL_ORDER) {
        return;
    }
    for (start, line) in lines(para.text) {
        let (logical, visual) = word_order_votes(line);
        if visual <= logical {
            continue;
        }
        let range = start..start + line.len();
        let edits = vec![Edit::replace(range.clone(), to_logical(line))];
        let d = if safe_to_reverse(line) {
            Diagnostic::fixable(
                VISUAL_ORDER.code,
                range,
                format!("this line is in visual order (all {visual} words read backwards), as pasted from a PDF"),
                edits,
            )
        } else {
            Diagnostic::report(
                VISUAL_ORDER.code,
                range,
                format!("this line looks like visual order ({visual} words read backwards, {logical} forwards); check before reversing"),
            )
            .with_fix(Fix::unsafe_(edits))
        };
        out.push(d);
    }
}

pass!(check, [VISUAL_ORDER]);
