//! M005: a character no font of the build can draw.

use crate::clean::rules::prelude::*;

rule! {
    /// A character no font of the dossier's build can draw is reported.
    ///
    /// `dossier build` sets the text with its bundled fonts (Noto Naskh
    /// Arabic or Amiri, Noto Serif, a mono face) and the dossier's own
    /// fonts in `fonts/` named by `[build] fallback`. A character none of
    /// them has (an emoji, a CJK ideograph, a rare symbol) would print as a
    /// box, so the build stops and names it; `check` names it first, where
    /// it is. Remove or replace it, or put a font that has it in the
    /// dossier's `fonts/` folder and name its family in `dossier.toml`:
    /// `[build] fallback = ["Family"]`.
    ///
    /// Needs a dossier: reported when `check` reads a dossier folder (one
    /// holding `dossier.toml`) or a file in one, and in editors (`dossier
    /// server`) when a file of the dossier is opened or saved.
    ///
    /// Example: `نص 😀` in an article of a dossier.
    pub static MISSING_GLYPH = ("M005", "missing-glyph", None);
}

/// Reported by `check` from the build's own glyph check (see
/// [`crate::publish::preflight`]); the pass finds nothing by itself.
pub fn check(_para: &Paragraph, _ctx: &DocContext, _out: &mut Vec<Diagnostic>) {}

pass!(check, [MISSING_GLYPH], when NONE);
