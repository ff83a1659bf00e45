//! M004: a `dossier-ignore` directive that switches nothing off.

use crate::clean::layout::{Directive, Scope};
use crate::clean::rule::RuleCode;
use crate::clean::rules::prelude::*;

rule! {
    /// A `dossier-ignore` directive that switches nothing off is reported.
    ///
    /// Directives silence rules where a finding is intended:
    /// `<!-- dossier-ignore CODES -->` before a markdown block,
    /// `<!-- dossier-ignore-line CODES -->` on a line,
    /// `<!-- dossier-ignore-next-line CODES -->` before one,
    /// `dossier-ignore: [CODES]` in front matter for the whole file, and in
    /// a `.txt` a line holding only `dossier-ignore-next-line: CODES` or
    /// `dossier-ignore-file: CODES` (such a line is neither checked nor
    /// printed). CODES are codes, prefixes or names, as in `--ignore`; none
    /// means every rule.
    ///
    /// Once the text is mended, or a rule no longer fires there, the
    /// directive silences nothing, but it would hide the next defect that
    /// comes along. `check` reports it, as ruff's RUF100 does for `noqa`;
    /// delete it. A directive naming only rules that are switched off is not
    /// reported: whether it is needed cannot be told.
    ///
    /// Example: `<!-- dossier-ignore-line S001 -->` on a line with single spaces.
    pub static UNUSED_SUPPRESSION = ("M004", "unused-suppression", None);
}

/// The finding for a directive that switched nothing off, when its rules
/// are on (`on` says which are).
pub fn finding(directive: &Directive, on: impl Fn(RuleCode) -> bool) -> Option<Diagnostic> {
    let named_on: Vec<&str> = directive.codes.iter().filter(|&&c| on(c)).map(|c| c.as_str()).collect();
    if !directive.all && named_on.is_empty() {
        return None;
    }
    let reach = match directive.scope {
        Scope::Block => "the block after it",
        Scope::Line => "its line",
        Scope::NextLine => "the line after it",
        Scope::File => "this file",
    };
    let what = if directive.all { "any rule".to_string() } else { named_on.join(", ") };
    Some(Diagnostic::report(
        UNUSED_SUPPRESSION.code,
        directive.range.clone(),
        format!("this dossier-ignore directive switches off {what} in {reach}, but nothing there is reported: delete it"),
    ))
}

/// The engine reports this rule once a file's findings are known (see
/// [`finding`]); the pass finds nothing by itself.
pub fn check(_para: &Paragraph, _ctx: &DocContext, _out: &mut Vec<Diagnostic>) {}

pass!(check, [UNUSED_SUPPRESSION], when NONE);
