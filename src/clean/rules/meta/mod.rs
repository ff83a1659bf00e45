//! M — dossier's own directives in the text.

pub mod unknown_selector;
