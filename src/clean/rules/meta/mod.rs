//! M — dossier's own directives and the article's metadata (front matter)
//! in the text.

pub mod broken_image;
pub mod front_matter;
pub mod missing_glyph;
pub mod oversized_paragraph;
pub mod translation_out_of_step;
pub mod unbuildable_article;
pub mod unknown_selector;
pub mod unlisted_article;
pub mod unused_suppression;
