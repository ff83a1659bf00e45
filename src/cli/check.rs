//! `dossier check`: report, never write.

use std::io::{self, IsTerminal, Write};

use rayon::prelude::*;

use super::{error, inputs, CheckArgs, Exit};
use crate::clean::output::{self, FileReport, OutputFormat};
use crate::clean::{self, Diagnostic, Severity};

pub fn run(args: &CheckArgs) -> Exit {
    let settings = match inputs::settings_or_report(&args.common) {
        Ok(s) => s,
        Err(exit) => return exit,
    };
    let (sources, unread) = if inputs::is_stdin(&args.common) {
        match inputs::read_stdin(&args.common) {
            Ok(s) => (vec![s], 0),
            Err(e) => {
                error(e);
                (Vec::new(), 1)
            }
        }
    } else {
        inputs::sources(&args.common.paths)
    };
    let mut exit = if unread > 0 { Exit::Failure } else { Exit::Clean };
    let results: Vec<Vec<Diagnostic>> = sources.par_iter().map(|s| clean::check(&s.text, s.format, &settings)).collect();
    let reports: Vec<FileReport> =
        sources.iter().zip(&results).map(|(s, d)| FileReport { path: &s.name, text: &s.text, diagnostics: d }).collect();

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let written = match args.format {
        OutputFormat::Json => output::json(&mut out, &reports),
        OutputFormat::Github => reports.iter().try_for_each(|r| output::github(&mut out, r)),
        OutputFormat::Human if args.quiet => Ok(()),
        OutputFormat::Human => reports.iter().try_for_each(|r| output::human(&mut out, r, color)),
    };
    let all = results.iter().flatten();
    let errors = all.clone().filter(|d| d.severity == Severity::Error).count();
    let warnings = all.clone().filter(|d| d.severity == Severity::Warning).count();
    let fixable = all.filter(|d| d.is_safe_fixable()).count();
    if args.format == OutputFormat::Human {
        let files_with = results.iter().filter(|d| !d.is_empty()).count();
        let n = sources.len();
        let summary = if errors + warnings > 0 {
            format!(
                "Found {errors} error{} and {warnings} warning{} in {files_with} of {n} file{}; {fixable} fixable with `dossier fix`.",
                plural(errors),
                plural(warnings),
                plural(n)
            )
        } else if unread == 0 {
            format!("All clean: {n} file{} normalized.", plural(n))
        } else {
            // Never "clean": what could not be read was not checked.
            format!("No findings in the {n} file{} read.", plural(n))
        };
        let note = if unread > 0 { format!(" {unread} could not be read (see above).") } else { String::new() };
        let _ = writeln!(out, "{summary}{note}");
    }
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            error(format!("cannot write output: {e}"));
            return Exit::Failure;
        }
    }
    if errors > 0 || (args.strict && warnings > 0) {
        exit = exit.max(Exit::Findings);
    }
    exit
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
