//! What `check` and `fix` read: the settings, then the sources.

use std::path::PathBuf;

use rayon::prelude::*;

use super::{error, CommonArgs, Exit};
use crate::clean::{Format, Settings};
use crate::config::Config;
use crate::files::walk;
use crate::files::{self, ReadError, Source};

/// The settings for this run, or the failure already reported.
pub fn settings_or_report(args: &CommonArgs) -> Result<Settings, Exit> {
    settings(args).map_err(|e| {
        error(e);
        Exit::Failure
    })
}

/// Every readable file under the paths, and how many files or folders
/// could not be read: each is reported here, and the run's status must say
/// so.
pub fn sources(paths: &[PathBuf]) -> (Vec<Source>, usize) {
    let (found, unreadable) = walk::files(paths);
    if found.is_empty() && unreadable.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("dossier: warning: no .md or .txt files under {} (hidden and .gitignored files are skipped)", shown.join(", "));
    }
    for u in &unreadable {
        error(u);
    }
    let reads: Vec<Read> = found.par_iter().map(|p: &PathBuf| files::read_file(p)).collect();
    let mut unread = unreadable.len();
    let mut sources = Vec::new();
    for read in reads {
        match read {
            Ok(s) => sources.push(s),
            Err(e) => {
                error(&e);
                unread += 1;
            }
        }
    }
    (sources, unread)
}

/// The settings for this run: `--config` or the nearest dossier.toml, then
/// `--select`/`--ignore` on top.
pub fn settings(args: &CommonArgs) -> Result<Settings, String> {
    let start = args.paths.iter().find(|p| p.as_os_str() != "-").cloned().unwrap_or_else(|| PathBuf::from("."));
    let path = args.config.clone().or_else(|| Config::discover(&start));
    let mut config = match &path {
        Some(p) => Config::load(p).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    if let Some(select) = &args.select {
        config.clean.select = Some(select.clone());
    }
    config.clean.ignore.extend(args.ignore.iter().cloned());
    config.settings()
}

/// One input: read, or why not.
pub type Read = Result<Source, ReadError>;

pub fn is_stdin(args: &CommonArgs) -> bool {
    args.paths.len() == 1 && args.paths[0].as_os_str() == "-"
}

pub fn read_stdin(args: &CommonArgs) -> Read {
    let format = args.stdin_name.as_deref().map_or(Format::Text, Format::of_path);
    let mut source = files::read_stdin(format)?;
    if let Some(name) = &args.stdin_name {
        source.name = name.clone();
    }
    Ok(source)
}
