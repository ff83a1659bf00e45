//! M009: what stops `dossier build` in an article and no other rule names.

use crate::clean::rules::prelude::*;

rule! {
    /// What stops `dossier build` in an article is reported where it stands.
    ///
    /// `dossier build` refuses an article it cannot lay out safely: front
    /// matter that parses but misspells one of dossier's fields (`autor`
    /// for `author`: its value would be lost; the finding names the field
    /// meant; fields of other tools, like a site's `description`, are only
    /// left out) or holds a value of the wrong kind; quotes and
    /// lists nested deeper than a page can show; a run of characters with
    /// no place to break a line, longer than any line. It refuses a dossier
    /// whose `dossier.toml` lists a file that is not there, names a font
    /// that is not bundled or a fallback family its `fonts/` folder lacks,
    /// or a logo it cannot use, and a template that imports a Typst
    /// package. Each stops the whole build, so `check` reports it first,
    /// on the line it stands on (in `dossier.toml`: the entry or key), with
    /// what to do. Front matter that does not parse at all is M002, which
    /// can often quote the value itself; a `dossier.toml` that does not
    /// parse is an error of `check` itself.
    ///
    /// Needs a dossier: reported when `check` reads a dossier folder (one
    /// holding `dossier.toml`) or a file in one (what is in `dossier.toml`
    /// or the template: with the folder), and in editors (`dossier
    /// server`) when a file of the dossier is opened or saved.
    ///
    /// Example: front matter `autor: فلان` (for `author`).
    pub static UNBUILDABLE_ARTICLE = ("M009", "unbuildable-article", None);
}

/// Reported by `check` from the build's own stages (see
/// [`crate::publish::preflight`]); the pass finds nothing by itself.
pub fn check(_para: &Paragraph, _ctx: &DocContext, _out: &mut Vec<Diagnostic>) {}

pass!(check, [UNBUILDABLE_ARTICLE], when NONE);
