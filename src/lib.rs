//! dossier: Arabic right-to-left publishing.
//!
//! Layers, each importing only from those above it in this list:
//! - [`text`] holds facts about Arabic text (characters, script, numbers, dates);
//! - [`files`] reads, writes atomically and finds the articles in a folder;
//! - [`clean`] is the typography linter and fixer (engine, registry, rules);
//! - [`config`] reads `dossier.toml`;
//! - [`import`] turns pasted text, saved web pages and Word documents into
//!   markdown articles;
//! - [`publish`] makes the PDF dossier (load → prepare → render → typst);
//! - [`cli`] is the commands, and [`server`] the editor server (LSP).

/// The version `--version` shows: the package version and, when built from
/// a git checkout, the commit (`0.1.0 (1a2b3c4d5)`); see build.rs.
pub const VERSION: &str = env!("DOSSIER_VERSION");

pub mod clean;
pub mod cli;
pub mod config;
pub mod files;
pub mod import;
pub mod publish;
pub mod server;
pub mod text;
