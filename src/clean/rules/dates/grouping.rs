//! D006 and D007: how numbers group their thousands. One pass over the
//! numbers: each may be ambiguous, and may use the document's minority style.

use crate::clean::rules::prelude::*;
use crate::text::numbers::Grouping;

rule! {
    /// A document groups thousands in two ways.
    ///
    /// `370,000` and `900.000` in one document (in any digits; `٬` groups
    /// like `,`): one of the styles is foreign to the house, and a reader
    /// cannot tell whether `900.000` is nine hundred or nine hundred
    /// thousand. Reported as a warning on the numbers of the less used
    /// style; numbers are never rewritten.
    pub static MIXED_GROUPING = ("D006", "mixed-grouping", None, may_edit = [Number]);
}

rule! {
    /// A number like `900.000` may be a decimal or a grouped thousand.
    ///
    /// A single `.` followed by exactly three digits reads as 900 in English
    /// and as 900 000 in much of the Arabic press. It is never rewritten
    /// without a person; reported as a warning. Numbers with two or more
    /// dot groups (`2.700.025`) are unambiguous.
    pub static AMBIGUOUS_GROUPING = ("D007", "ambiguous-grouping", None, may_edit = [Number]);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let text = para.text;

    if !(s.enabled(&MIXED_GROUPING) || s.enabled(&AMBIGUOUS_GROUPING)) {
        return;
    }
    for p in para.numbers() {
        let number = &text[p.range.clone()];
        let Some(grouping) = Grouping::of(number) else {
            continue;
        };
        if grouping == (Grouping::Dot { groups: 1 }) && s.enabled(&AMBIGUOUS_GROUPING) {
            out.push(Diagnostic::warning(
                AMBIGUOUS_GROUPING.code,
                p.range.clone(),
                format!("`{number}` may be a decimal or a grouped thousand; write it unambiguously"),
            ));
        }
        if s.enabled(&MIXED_GROUPING) {
            let counts = ctx.grouping();
            if counts.comma > 0 && counts.dot > 0 {
                let minority_is_comma = counts.comma < counts.dot;
                if minority_is_comma == (grouping == Grouping::Comma) {
                    out.push(Diagnostic::warning(
                        MIXED_GROUPING.code,
                        p.range.clone(),
                        format!(
                            "this document groups thousands with both `,` ({}) and `.` ({}); `{number}` uses the less common one",
                            counts.comma, counts.dot
                        ),
                    ));
                }
            }
        }
    }
}

pass!(check, [AMBIGUOUS_GROUPING, MIXED_GROUPING], when DIGITS | NON_WESTERN_DIGITS);
