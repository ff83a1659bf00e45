//! M007: an article the dossier leaves out.

use crate::clean::rules::prelude::*;

rule! {
    /// An article that `dossier.toml` does not list is reported.
    ///
    /// It is a warning: the file is in the dossier folder, and the build
    /// leaves it out.
    ///
    /// Once `dossier.toml` lists its articles (`[[article]] file = …`),
    /// `dossier build` uses those and no others: a `.md` or `.txt` file
    /// beside them is left out of the PDF, and the only trace is a note in
    /// the report. `check` says so on the file itself. Add an `[[article]]`
    /// entry for it, move it out of the folder, or silence this rule in its
    /// front matter (`dossier-ignore: [M007]`) if it is a draft.
    ///
    /// Needs a dossier: reported when `check` is given the dossier folder
    /// (the one holding `dossier.toml`), and in editors (`dossier server`)
    /// when the file is opened.
    ///
    /// Example: `draft.md` beside a `dossier.toml` that lists only `a.md`.
    pub static UNLISTED_ARTICLE = ("M007", "unlisted-article", None);
}

/// Reported by `check` from the dossier's own list (see
/// [`crate::publish::preflight`]); the pass finds nothing by itself.
pub fn check(_para: &Paragraph, _ctx: &DocContext, _out: &mut Vec<Diagnostic>) {}

pass!(check, [UNLISTED_ARTICLE], when NONE);
