//! dossier: Arabic right-to-left publishing.
//!
//! - [`clean`]: the typography linter and fixer (`dossier check`, `dossier fix`);
//! - [`build`]: the PDF dossier (`dossier build`).

pub mod clean;
