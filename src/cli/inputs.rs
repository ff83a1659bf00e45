//! What `check` and `fix` read: the sources, each with the settings of the
//! nearest dossier.toml above it (config::resolve).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{error, CommonArgs, Exit};
use crate::clean::registry;
use crate::clean::{Format, Settings};
use crate::config::resolve::{Overrides, Resolver};
use crate::files::walk;
use crate::files::{self, ReadError, Source};

/// One text to check or fix, and the settings that apply to it.
pub struct Input {
    pub source: Source,
    pub settings: Settings,
}

/// The resolver for this run, once `--select`/`--ignore` are known to name
/// rules (else the failure, reported).
pub fn resolver(args: &CommonArgs) -> Result<Arc<Resolver>, Exit> {
    let flags = args.select.iter().flatten().map(|p| ("--select", p)).chain(args.ignore.iter().map(|p| ("--ignore", p)));
    for (flag, pattern) in flags {
        if let Err(e) = registry::select(pattern) {
            error(format!("{flag}: {e}"));
            return Err(Exit::Failure);
        }
    }
    let overrides = Overrides { config: args.config.clone(), select: args.select.clone(), ignore: args.ignore.clone() };
    let resolver = Resolver::new(overrides);
    // A --config that cannot be used fails the run before anything is read.
    if args.config.is_some() {
        if let Err(e) = resolver.style_of_folder(Path::new(".")) {
            error(e);
            return Err(Exit::Failure);
        }
    }
    Ok(Arc::new(resolver))
}

/// Every readable file under the paths with its settings, and how many
/// files or folders could not be read or had no usable dossier.toml: each
/// is reported here, and the run's status must say so.
pub fn sources(args: &CommonArgs, resolver: &Arc<Resolver>) -> (Vec<Input>, usize) {
    let given: Vec<PathBuf> = args.paths.iter().filter(|p| !(args.force_exclude && resolver.excludes(p))).cloned().collect();
    let walker = Arc::clone(resolver);
    let (found, unreadable) = walk::files_except(&given, move |p| walker.excludes(p));
    if found.is_empty() && unreadable.is_empty() && given.len() == args.paths.len() {
        let shown: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("dossier: warning: no .md or .txt files under {} (hidden, .gitignored and excluded files are skipped)", shown.join(", "));
    }
    for u in &unreadable {
        error(u);
    }
    let reads: Vec<Read> = found.par_iter().map(|p: &PathBuf| files::read_file(p)).collect();
    let mut failed = unreadable.len();
    let mut inputs = Vec::new();
    let mut reported = HashSet::new();
    for read in reads {
        let source = match read {
            Ok(s) => s,
            Err(e) => {
                error(&e);
                failed += 1;
                continue;
            }
        };
        match resolver.style_for(&source.name) {
            Ok(style) => {
                let settings = style.settings_for(&source.name);
                inputs.push(Input { source, settings });
            }
            Err(e) => {
                // One message per broken dossier.toml; each file it governs fails.
                if reported.insert(e.to_string()) {
                    error(&e);
                }
                failed += 1;
            }
        }
    }
    pause_after_read();
    (inputs, failed)
}

/// Test-only: `DOSSIER_TEST_PAUSE_AFTER_READ_MS` makes `check` and `fix`
/// say so and sleep once the files are read (large ones mapped), so a test
/// can cut a file short under them (tests/files_safety.rs). Not a user
/// setting.
fn pause_after_read() {
    let Some(ms) = std::env::var("DOSSIER_TEST_PAUSE_AFTER_READ_MS").ok().and_then(|v| v.parse().ok()) else { return };
    eprintln!("dossier: test pause after reading");
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

/// One input: read, or why not.
pub type Read = Result<Source, ReadError>;

pub fn is_stdin(args: &CommonArgs) -> bool {
    args.paths.len() == 1 && args.paths[0].as_os_str() == "-"
}

/// Standard input with its settings: `--stdin-name` decides the format and
/// which dossier.toml applies. `Ok(None)`: the name is excluded and
/// `--force-exclude` was given, so the text passes through untouched.
pub fn stdin(args: &CommonArgs, resolver: &Resolver) -> Result<Option<Input>, String> {
    let name = args.stdin_name.clone().unwrap_or_else(|| PathBuf::from("-"));
    let style = resolver.style_for(&name).map_err(|e| e.to_string())?;
    if args.force_exclude && args.stdin_name.is_some() && style.excludes(&name) {
        return Ok(None);
    }
    let format = args.stdin_name.as_deref().map_or(Format::Text, Format::of_path);
    let mut source = files::read_stdin(format).map_err(|e| e.to_string())?;
    if let Some(name) = &args.stdin_name {
        source.name = name.clone();
    }
    Ok(Some(Input { settings: style.settings_for(&name), source }))
}
