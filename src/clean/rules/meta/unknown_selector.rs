//! M001: a `dossier-ignore` directive names no rule.

use crate::clean::rules::prelude::*;

rule! {
    /// A `dossier-ignore` directive names no rule.
    ///
    /// `<!-- dossier-ignore Q001 curly-quotes S -->` switches rules off for
    /// the next markdown block; each name is a code, a family or code prefix,
    /// or a rule name, as in `--ignore` and `[clean] ignore`. A name that
    /// selects nothing would silently leave the rule on, so it is reported,
    /// with the closest code or name when one is near.
    ///
    /// Before: `<!-- dossier-ignore curly-quotse -->`
    pub static UNKNOWN_SELECTOR = ("M001", "unknown-selector", None);
}

pub fn check(_text: &str, layout: &Layout, _settings: &Settings, out: &mut Findings) {
    for d in &layout.directives {
        for unknown in &d.unknown {
            out.push(Diagnostic::warning(UNKNOWN_SELECTOR.code, d.range.clone(), format!("dossier-ignore: {unknown}")));
        }
    }
}

pass!(document check, [UNKNOWN_SELECTOR]);
