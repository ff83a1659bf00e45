//! `dossier check`: report, never write.

use std::io::{self, Write};

use rayon::prelude::*;

use super::{error, inputs, settings, CheckArgs, Exit, Ui};
use crate::clean::output::{self, FileReport, OutputFormat};
use crate::clean::registry;
use crate::clean::{self, Tally};
use crate::config::resolve::Resolver;
use crate::files;
use crate::publish::preflight;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
    let mut for_build = if inputs::is_stdin(&args.common) { BuildFindings::default() } else { BuildFindings::gather(&args.common.paths) };
    let mut exit = if unread > 0 { Exit::Failure } else { Exit::Clean };

    // The report goes to standard output or, whole, to --output-file. It is
    // written a batch of files at a time and their findings dropped, so a
    // run holds one batch's findings, each file's bounded by MAX_REPORTED.
    let mut buffer = Vec::new();
    let stdout = io::stdout();
    let out: Box<dyn Write> = if args.output_file.is_some() { Box::new(&mut buffer) } else { Box::new(io::BufWriter::new(stdout.lock())) };
    let color = ui.stdout_color && args.output_file.is_none();
    let counted_only = ui.quiet && matches!(args.format, OutputFormat::Human | OutputFormat::Concise) || args.statistics;
    let mut files_with = 0;
    let (total, written) = match output::Report::start(out, args.format, color, counted_only, unread == 0) {
        Err(e) => (Tally::default(), Err(e)),
        Ok(mut report) => {
            for batch in inputs.chunks(BATCH.max(2 * rayon::current_num_threads())) {
                let outside: Vec<Vec<clean::Diagnostic>> = batch.iter().map(|i| for_build.take(&i.source.name)).collect();
                let found: Vec<clean::Findings> = batch
                    .par_iter()
                    .zip(outside)
                    .map(|(i, outside)| {
                        clean::check_bounded_with(&i.source.text, i.source.format, &i.settings, output::MAX_REPORTED, outside)
                    })
                    .collect();
                for (input, findings) in batch.iter().zip(&found) {
                    let file = FileReport {
                        path: &input.source.name,
                        text: &input.source.text,
                        diagnostics: &findings.diagnostics,
                        unkept: &findings.unkept,
                    };
                    files_with += usize::from(findings.total() > 0);
                    report.file(&file);
                    if findings.unkept_total() > 0 && !counted_only && !matches!(args.format, OutputFormat::Human | OutputFormat::Concise) {
                        super::warn(format!(
                            "{}: {} findings, of which the first {} are listed (the most a file reports)",
                            files::escaped(&input.source.name),
                            findings.total(),
                            output::MAX_REPORTED
                        ));
                    }
                }
            }
            // What the build meets in files not checked here (dossier.toml).
            let rest = for_build.rest(&resolver);
            let n = inputs.len() + rest.len();
            for (path, text, diagnostics) in rest {
                files_with += 1;
                report.file(&FileReport { path: &path, text: &text, diagnostics: &diagnostics, unkept: &Default::default() });
            }
            let (counts, out) = report.finish();
            let written = out.and_then(|mut out| {
                summary(&mut out, args, &counts, files_with, n, unread)?;
                out.flush()
            });
            (counts.total(), written)
        }
    };
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
    if (total.errors > 0 || (args.strict && total.warnings > 0)) && !args.common.exit_zero {
        exit = exit.max(Exit::Findings);
    }
    exit
}

/// What `dossier build` would refuse or leave out in the dossiers of the
/// paths, by file after links: a folder holding dossier.toml, or the
/// nearest such folder above a file (so a file's directives about M005–M007
/// are judged with the findings they silence).
#[derive(Default)]
struct BuildFindings {
    /// The file as named, its findings, and whether they are shown when
    /// `check` does not read the file (its dossier folder was given).
    by_file: HashMap<PathBuf, (PathBuf, Vec<clean::Diagnostic>, bool)>,
}

impl BuildFindings {
    /// The findings; what would stop a build and no rule reports is said
    /// on standard error.
    fn gather(paths: &[PathBuf]) -> BuildFindings {
        let mut found = BuildFindings::default();
        let mut dossiers: Vec<(PathBuf, bool)> = Vec::new();
        for path in paths {
            let Some(dir) = preflight::dossier_of(path) else { continue };
            // A folder given is its own dossier only when it holds dossier.toml.
            let whole = path.is_dir() && dir == *path;
            match dossiers.iter_mut().find(|(d, _)| *d == dir) {
                Some((_, w)) => *w |= whole,
                None => dossiers.push((dir, whole)),
            }
        }
        for (dir, whole) in dossiers {
            match preflight::run(&dir) {
                Ok(preflight) => {
                    for stop in &preflight.stops {
                        super::warn(format!("`dossier build` would stop here: {stop}"));
                    }
                    for p in preflight.problems {
                        let entry = found.by_file.entry(p.real).or_insert_with(|| (p.path, Vec::new(), whole));
                        entry.1.push(p.diagnostic);
                        entry.2 |= whole;
                    }
                }
                // A dossier.toml that does not load is reported as such
                // already.
                Err(e) => {
                    if Resolver::new(Default::default()).style_of_folder(&dir).is_ok() {
                        super::warn(format!("`dossier build` would stop: {e}"));
                    }
                }
            }
        }
        found
    }

    /// The findings in the file `name` names.
    fn take(&mut self, name: &Path) -> Vec<clean::Diagnostic> {
        if self.by_file.is_empty() {
            return Vec::new();
        }
        std::fs::canonicalize(name).ok().and_then(|real| self.by_file.remove(&real)).map_or_else(Vec::new, |(_, d, _)| d)
    }

    /// The files not checked that hold findings, with their text, each
    /// finding kept when its rule is on for the file.
    fn rest(&mut self, resolver: &Resolver) -> Vec<(PathBuf, String, Vec<clean::Diagnostic>)> {
        let mut rest: Vec<_> = self.by_file.drain().filter(|(_, file)| file.2).map(|(_, (path, d, _))| (path, d)).collect();
        rest.sort_by(|a, b| a.0.cmp(&b.0));
        rest.into_iter()
            .filter_map(|(path, mut diagnostics)| {
                let settings = resolver.style_for(&path).ok()?.settings_for(&path);
                diagnostics.retain(|d| registry::rule_of(d.code).is_some_and(|r| settings.enabled(r)));
                diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
                let text = std::fs::read_to_string(&path).ok()?;
                (!diagnostics.is_empty()).then_some((path, text, diagnostics))
            })
            .collect()
    }
}

/// Files checked at once: enough to keep every core busy, few enough that
/// their findings are small.
const BATCH: usize = 16;

/// The table of `--statistics`, or the line that ends the text formats.
fn summary(out: &mut impl Write, args: &CheckArgs, counts: &output::Counts, files_with: usize, n: usize, unread: usize) -> io::Result<()> {
    if args.statistics {
        let by_rule = counts.by_rule();
        return match args.format {
            OutputFormat::Json => serde_json::to_writer_pretty(&mut *out, &by_rule).map_err(io::Error::from).and_then(|_| writeln!(out)),
            _ => output::statistics(out, &by_rule),
        };
    }
    if !matches!(args.format, OutputFormat::Human | OutputFormat::Concise) {
        return Ok(());
    }
    let Tally { errors, warnings, fixable } = counts.total();
    let line = if errors + warnings > 0 {
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
    writeln!(out, "{line}{note}")
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
