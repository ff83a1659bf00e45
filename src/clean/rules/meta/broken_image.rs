//! M006: an image the build cannot use.

use crate::clean::rules::prelude::*;

rule! {
    /// An image the build cannot use is reported.
    ///
    /// `dossier build` copies each image an article shows into the PDF's
    /// build, and only from inside the dossier folder: a dossier may come
    /// from someone else and must not read elsewhere. An image path that
    /// leads to nothing, outside the folder (after symbolic links), to a
    /// `data:` address, or to a file that is not PNG, JPEG, GIF or SVG, is
    /// damaged or too large to decode, stops the build; `check` names it
    /// first, on the line that shows it. Fix the path, copy the file into
    /// the dossier, or convert it. Remote images (`https://…`) are not
    /// reported: the build shows them as links.
    ///
    /// Needs a dossier: reported when `check` reads a dossier folder (one
    /// holding `dossier.toml`) or a file in one, and in editors (`dossier
    /// server`) when a file of the dossier is opened or saved.
    ///
    /// Example: `![map](images/missing.png)` with no such file.
    pub static BROKEN_IMAGE = ("M006", "broken-image", None);
}

/// Reported by `check` from the build's own image checks (see
/// [`crate::publish::preflight`]); the pass finds nothing by itself.
pub fn check(_para: &Paragraph, _ctx: &DocContext, _out: &mut Vec<Diagnostic>) {}

pass!(check, [BROKEN_IMAGE], when NONE);
