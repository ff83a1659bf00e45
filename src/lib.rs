//! dossier: Arabic right-to-left publishing.
//!
//! - [`clean`]: the typography linter and fixer (`dossier check`, `dossier fix`);
//! - [`build`]: the PDF dossier (`dossier build`).

pub mod build;
pub mod clean;
pub mod cli;
pub mod config;
pub mod emit;
pub mod source;
pub mod walk;
