//! `dossier build` and `dossier import`.

use std::path::PathBuf;

use super::{error, BuildArgs, Exit, ImportArgs};
use crate::clean::{Format, Settings};
use crate::config::{ArticleMeta, Config};
use crate::files;
use crate::publish::prepare::clean_article;
use crate::publish::{self, BuildOptions};

pub fn run(args: &BuildArgs) -> Exit {
    let opts = BuildOptions {
        dir: args.dir.clone(),
        out: args.out.clone(),
        pdf: args.output.clone(),
        typst: args.typst.clone(),
        timeout: args.timeout,
        follow_symlinks: args.follow_symlinks,
    };
    // Ctrl-C or SIGTERM: stop typst and remove the build folder, exit 130.
    publish::interrupt::install_handler();
    match publish::build(&opts) {
        Ok(report) => {
            let left: usize = report.articles.iter().map(|a| a.left.len()).sum();
            let fixes: usize = report.articles.iter().flat_map(|a| a.fixes.iter().map(|f| f.count)).sum();
            let removed: usize = report.articles.iter().map(|a| a.removed.len()).sum();
            eprintln!(
                "built {} ({} article{}, {fixes} typography fixes, {removed} furniture lines removed, {left} finding{} left for an editor) in {:.2} s ({:.2} s typst)",
                report.pdf,
                report.articles.len(),
                if report.articles.len() == 1 { "" } else { "s" },
                if left == 1 { "" } else { "s" },
                report.timing.total_seconds,
                report.timing.typst_seconds
            );
            Exit::Clean
        }
        Err(e) => {
            error(e);
            Exit::Failure
        }
    }
}

/// Import pasted text files as markdown articles, next to them or in `--out`.
pub fn import(args: &ImportArgs) -> Exit {
    let config = match Config::discover(args.files.first().map(PathBuf::as_path).unwrap_or(".".as_ref())) {
        Some(p) => match Config::load(&p) {
            Ok(c) => c,
            Err(e) => {
                error(e);
                return Exit::Failure;
            }
        },
        None => Config::default(),
    };
    let settings = config.settings().unwrap_or_else(|_| Settings::default());
    let mut exit = Exit::Clean;
    for file in &args.files {
        let src = match files::read_file(file) {
            Ok(s) => s,
            Err(e) => {
                error(e);
                exit = Exit::Failure;
                continue;
            }
        };
        // The same clean article `build` writes to out/clean/: it passes `dossier check`.
        let name = file.display().to_string();
        let imported = match clean_article(&name, &src.text, Format::Text, &ArticleMeta::default(), &config.clean.furniture, &settings) {
            Ok(a) => a,
            Err(e) => {
                error(e);
                exit = Exit::Failure;
                continue;
            }
        };
        let md = imported.markdown;
        let target = match &args.out {
            Some(dir) => dir.join(file.with_extension("md").file_name().unwrap_or_default()),
            None => file.with_extension("md"),
        };
        if target.exists() && !args.force {
            error(format!("{} exists; pass --force to overwrite it", target.display()));
            exit = Exit::Failure;
            continue;
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(parent);
        }
        if let Err(e) = files::write_atomic(&target, md.as_bytes()) {
            error(format!("{}: cannot write: {e}", target.display()));
            exit = Exit::Failure;
            continue;
        }
        eprintln!("{} → {}", file.display(), target.display());
        for line in &imported.import.removed {
            eprintln!("  removed: {line}");
        }
        for guess in &imported.import.guesses {
            eprintln!("  guessed: {guess}");
        }
    }
    exit
}
