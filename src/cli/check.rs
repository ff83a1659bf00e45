//! `dossier check`: report, never write.

use std::io::{self, Write};

use rayon::prelude::*;

use super::{error, inputs, settings, CheckArgs, Exit, Ui};
use crate::clean::output::{self, FileReport, OutputFormat};
use crate::clean::{self, Diagnostic, Severity};
use crate::files;

pub fn run(args: &CheckArgs, ui: &Ui) -> Exit {
    let resolver = match inputs::resolver(&args.common) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    if args.show_settings {
        return settings::show(&args.common, &resolver);
    }
    if args.statistics && !matches!(args.format, OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json) {
        error("--statistics prints a table, or JSON with --format json; drop it or the other --format");
        return Exit::Failure;
    }
    let (inputs, unread) = if inputs::is_stdin(&args.common) {
        match inputs::stdin(&args.common, &resolver) {
            Ok(input) => (input.into_iter().collect(), 0),
            Err(e) => {
                error(e);
                (Vec::new(), 1)
            }
        }
    } else {
        inputs::sources(&args.common, &resolver)
    };
    // Where the report goes is settled before any work: never over an input.
    let target = match &args.output_file {
        Some(file) => {
            let names: Vec<&std::path::Path> = inputs.iter().map(|i| i.source.name.as_path()).collect();
            match files::Target::check(file, &names, false, "--output-file") {
                Ok(t) => Some(t),
                Err(e) => {
                    error(e);
                    return Exit::Failure;
                }
            }
        }
        None => None,
    };
    let mut exit = if unread > 0 { Exit::Failure } else { Exit::Clean };
    let results: Vec<Vec<Diagnostic>> = inputs.par_iter().map(|i| clean::check(&i.source.text, i.source.format, &i.settings)).collect();
    let reports: Vec<FileReport> =
        inputs.iter().zip(&results).map(|(i, d)| FileReport { path: &i.source.name, text: &i.source.text, diagnostics: d }).collect();

    // The report goes to standard output or, whole, to --output-file.
    let mut buffer = Vec::new();
    let stdout = io::stdout();
    let mut out: Box<dyn Write> =
        if args.output_file.is_some() { Box::new(&mut buffer) } else { Box::new(io::BufWriter::new(stdout.lock())) };
    let color = ui.stdout_color && args.output_file.is_none();
    let all = results.iter().flatten();
    let errors = all.clone().filter(|d| d.severity == Severity::Error).count();
    let warnings = all.clone().filter(|d| d.severity == Severity::Warning).count();
    let fixable = all.filter(|d| d.is_safe_fixable()).count();
    let listed = ui.quiet || args.statistics;
    let written = match args.format {
        OutputFormat::Json if args.statistics => {
            serde_json::to_writer_pretty(&mut out, &output::counts(&reports)).map_err(io::Error::from).and_then(|_| writeln!(out))
        }
        _ if args.statistics => output::statistics(&mut out, &output::counts(&reports)),
        OutputFormat::Json => output::json(&mut out, &reports),
        OutputFormat::Github => reports.iter().try_for_each(|r| output::github(&mut out, r)),
        OutputFormat::Sarif => output::sarif::write(&mut out, &reports, unread == 0),
        OutputFormat::Rdjson => output::rdjson::write(&mut out, &reports),
        OutputFormat::Human | OutputFormat::Concise if listed => Ok(()),
        OutputFormat::Human => reports.iter().try_for_each(|r| output::human(&mut out, r, color)),
        OutputFormat::Concise => reports.iter().try_for_each(|r| output::concise(&mut out, r, color)),
    };
    let written = written.and_then(|_| {
        if !matches!(args.format, OutputFormat::Human | OutputFormat::Concise) {
            return Ok(());
        }
        let files_with = results.iter().filter(|d| !d.is_empty()).count();
        let n = inputs.len();
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
        let note = if unread > 0 { format!(" {unread} could not be checked (see above).") } else { String::new() };
        writeln!(out, "{summary}{note}")
    });
    let written = written.and_then(|_| out.flush());
    drop(out);
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            error(format!("cannot write output: {e}"));
            return Exit::Failure;
        }
    }
    if let Some(target) = &target {
        if let Err(e) = target.write(&buffer) {
            error(format!("the report was not written: {e}"));
            return Exit::Failure;
        }
    }
    if (errors > 0 || (args.strict && warnings > 0)) && !args.common.exit_zero {
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
