//! B003: text pasted from old PDFs, reversed and in presentation forms.

use crate::clean::rules::prelude::*;
use crate::text::visual::{judge, lines, reverse_pasted_runs, safe_to_reverse, to_logical, Order, Votes};

rule! {
    /// A line whose Arabic is in visual order is put back in logical order.
    ///
    /// Old PDFs store Arabic as shaped glyphs in display order, left to
    /// right: copying gives presentation forms, reversed (`ﺔﻴﺑﺮﻌﻟﺍ` for
    /// `العربية`). Such a line is recognised by its words: in logical order a
    /// word starts with an initial or isolated form and ends with a final or
    /// isolated one, and neighbours agree on joining; reversed, it starts
    /// with a final or isolated form and shows pairs logical order cannot
    /// have (medial then initial, isolated then final). When every word that
    /// tells reads backwards and the line holds no typed Arabic letters, it
    /// is reversed back (Latin and digit runs keep their order, brackets are
    /// mirrored) and the forms mapped to letters.
    ///
    /// Some PDF fonts write logical text with letters in the wrong form: a
    /// letter after a joining one isolated (`ﻗﺩ`, `ﻤﻥ`), a word's first
    /// letter medial (`ﻴﺘﺭﺍﺀﻯ`). Such a word still reads forwards: read
    /// backwards it would end with an initial or medial form, which no font
    /// does. A line with words reading forwards and none backwards is
    /// logical, and C001 maps its forms. Reversing takes more: one word
    /// that reads backwards only with such quirks is reported, not
    /// reversed, and so is a line whose words disagree or fit either order
    /// only with quirks. On a line half pasted, half typed, the unsafe fix
    /// reverses only the pasted runs and leaves the typed words alone; when
    /// the words disagree there is no fix. Forms on a reported line are
    /// never mapped in place (C001), which could leave letters in the wrong
    /// order.
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
    if !ctx.settings.enabled(&VISUAL_ORDER) {
        return;
    }
    for (start, line) in lines(para.text) {
        let (order, votes) = judge(line);
        if matches!(order, Order::Logical | Order::Unknown) {
            continue;
        }
        let range = start..start + line.len();
        if safe_to_reverse(line) {
            let n = votes.backwards;
            let what = if n == 1 { "its word reads backwards".to_string() } else { format!("all {n} words read backwards") };
            out.push(Diagnostic::fixable(
                VISUAL_ORDER.code,
                range.clone(),
                format!("this line is in visual order ({what}), as pasted from a PDF"),
                vec![Edit::replace(range, to_logical(line))],
            ));
            continue;
        }
        let d = Diagnostic::report(VISUAL_ORDER.code, range.clone(), message(&votes));
        out.push(match reverse_pasted_runs(line) {
            Some(repaired) => d.with_fix(Fix::unsafe_(vec![Edit::replace(range, repaired)])),
            None => d,
        });
    }
}

/// What a person is asked to check on a line that is not surely in one order.
fn message(votes: &Votes) -> String {
    if votes.backwards > 0 {
        return format!(
            "this line looks partly like visual order ({} backwards, {} forwards); check before reversing",
            words(votes.backwards),
            words(votes.forwards)
        );
    }
    let parts = [
        (votes.forwards, "reading forwards"),
        (votes.conflicting, "fitting neither order"),
        (votes.ambiguous, "fitting either order only with letters in the wrong form, as some PDF fonts write them"),
    ];
    let parts: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{} {what}", words(*n))).collect();
    format!(
        "cannot tell whether this line is in visual order ({}); check it, then map its presentation forms or reverse it",
        parts.join(", ")
    )
}

pass!(check, [VISUAL_ORDER], when PRESENTATION);
