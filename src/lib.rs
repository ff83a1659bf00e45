//! dossier: Arabic right-to-left publishing.
//!
//! Layers, each importing only from those above it in this list:
//! - [`text`]: facts about Arabic text (characters, script, numbers, dates);
//! - [`files`]: reading, atomic writing, which files are articles;
//! - [`clean`]: the typography linter and fixer (engine, registry, rules);
//! - [`config`]: the settings in `dossier.toml`;
//! - [`publish`]: the PDF dossier (load → prepare → model → render → typst);
//! - [`cli`]: the commands.

pub mod clean;
pub mod cli;
pub mod config;
pub mod files;
pub mod publish;
pub mod text;
