//! `dossier build`.

use super::{error, BuildArgs, Exit, Ui};
use crate::files;
use crate::publish::{self, BuildOptions};

/// `-q` keeps the one-line summary: it is all `build` prints when it works.
pub fn run(args: &BuildArgs, ui: &Ui) -> Exit {
    use std::io::IsTerminal;
    let opts = BuildOptions {
        dir: args.dir.clone(),
        out: args.out.clone(),
        pdf: args.output.clone(),
        typst: args.typst.clone(),
        timeout: args.timeout,
        follow_symlinks: args.follow_symlinks,
        progress: !ui.quiet && std::io::stderr().is_terminal(),
    };
    // Ctrl-C or SIGTERM: stop typst and remove the build folder, exit 130.
    publish::interrupt::install_handler();
    if !args.watch {
        return build_once(&opts, args.open);
    }
    // Build, then again on every change, until Ctrl-C (exit 130).
    // What the build writes is no change to build again for.
    let own: Vec<std::path::PathBuf> = args.output.iter().chain(&args.out).map(|p| files::watch::real_path(p)).collect();
    let mut seen = files::watch::Snapshot::of(&args.dir, &own);
    let mut first = true;
    loop {
        build_once(&opts, args.open && first);
        first = false;
        eprintln!("watching {} for changes (Ctrl-C ends)", files::escaped(&args.dir));
        seen = files::watch::wait_for_change(&args.dir, &own, &seen);
    }
}

/// One build, said on standard error; `open` shows the PDF.
fn build_once(opts: &BuildOptions, open: bool) -> Exit {
    match publish::build(opts) {
        Ok(report) => {
            let left: usize = report.articles.iter().map(|a| a.left.len()).sum();
            let fixes: usize = report.articles.iter().flat_map(|a| a.fixes.iter().map(|f| f.count)).sum();
            let removed: usize = report.articles.iter().map(|a| a.removed.len()).sum();
            // Where the findings are: the report beside the PDF's data.
            let where_ = if left > 0 { format!(", listed in {}", report.report_path) } else { String::new() };
            // A pair of an article and its translation is one article.
            let (entries, pairs) = (report.entries(), report.pairs.len());
            let paired = match pairs {
                0 => String::new(),
                1 => " (1 pair)".to_string(),
                n => format!(" ({n} pairs)"),
            };
            eprintln!(
                "built {} ({entries} article{}{paired}, {fixes} typography fixes, {removed} furniture lines removed, {left} finding{} left for an editor{where_}) in {:.2} s ({:.2} s typst)",
                report.pdf,
                if entries == 1 { "" } else { "s" },
                if left == 1 { "" } else { "s" },
                report.timing.total_seconds,
                report.timing.typst_seconds
            );
            if !report.unlisted.is_empty() {
                let n = report.unlisted.len();
                eprintln!(
                    "left out {n} article{} in the folder that dossier.toml does not list: {} (add [[article]] entries to include them)",
                    if n == 1 { "" } else { "s" },
                    report.unlisted.iter().map(|u| files::escaped(std::path::Path::new(u))).collect::<Vec<_>>().join(", ")
                );
            }
            if open {
                // The PDF is built either way: a viewer that will not start is a warning.
                if let Err(e) = open_pdf(std::path::Path::new(&report.pdf)) {
                    eprintln!("warning: cannot open {}: {e}", files::escaped(std::path::Path::new(&report.pdf)));
                }
            }
            Exit::Clean
        }
        Err(e) => {
            error(e);
            Exit::Failure
        }
    }
}

/// Show `pdf` in the desktop's viewer. The opener usually hands the file
/// over and exits; one that stays (a viewer run in the foreground) is left
/// running after a moment, not waited for.
fn open_pdf(pdf: &std::path::Path) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let mut child = Command::new(opener)
        .arg(pdf)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{opener}: {e}"))?;
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(2) {
        match child.try_wait().map_err(|e| format!("{opener}: {e}"))? {
            Some(status) if status.success() => return Ok(()),
            Some(status) => return Err(format!("{opener} {status}")),
            None => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
    Ok(())
}
