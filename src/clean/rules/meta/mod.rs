//! M — dossier's own directives and the article's metadata (front matter)
//! in the text.

pub mod front_matter;
pub mod oversized_paragraph;
pub mod unknown_selector;
pub mod unused_suppression;
