//! M008: a translation that fell out of step with its original.

use crate::clean::rules::prelude::*;

rule! {
    /// A translation that falls out of step with its original is reported.
    ///
    /// It is a warning, reported in both files.
    ///
    /// An article and its translation (`x.md` and `x.en.md`, or front
    /// matter `translation: other.md`) are set side by side, block against
    /// block, section by section. Where one side has more blocks in a
    /// section than the other, `dossier build` pairs the blocks before and
    /// sets the rest one column after the other, and its notes say where.
    /// `check` reports the first block out of step on both sides, so CI
    /// (with `--strict`) catches a translation that fell behind. Split or
    /// join paragraphs so the blocks match, or put `<!-- pair -->` on both
    /// sides where they should meet again.
    ///
    /// Needs a dossier: reported when `check` reads a dossier folder (one
    /// holding `dossier.toml`) or a file in one, and in editors (`dossier
    /// server`) when a file of the dossier is opened or saved.
    ///
    /// Example: an original with four paragraphs under a heading and a
    /// translation with three.
    pub static TRANSLATION_OUT_OF_STEP = ("M008", "translation-out-of-step", None);
}

/// Reported by `check` from the dossier's pairs (see
/// [`crate::publish::preflight`]); the pass finds nothing by itself.
pub fn check(_para: &Paragraph, _ctx: &DocContext, _out: &mut Vec<Diagnostic>) {}

pass!(check, [TRANSLATION_OUT_OF_STEP], when NONE);
