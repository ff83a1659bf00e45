//! `dossier fix`: apply fixes in place, to stdout, or as a diff.

use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;

use super::check::plural;
use super::{error, inputs, Exit, FixArgs, Ui};
use crate::clean::output::{self, FileReport};
use crate::clean::{self, FixMode, FixOutcome, RuleCode, Severity};
use crate::files::{self, Source};

pub fn run(args: &FixArgs, ui: &Ui) -> Exit {
    let resolver = match inputs::resolver(&args.common) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let mode = if args.unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };
    let report = Report { diff: args.diff, ui: *ui, exit_zero: args.common.exit_zero };

    if inputs::is_stdin(&args.common) {
        let (source, settings) = match inputs::stdin(&args.common, &resolver) {
            Ok(Some(input)) => (input.source, input.settings),
            // Excluded, with --force-exclude: the text passes through as it came.
            Ok(None) => return pass_through(args.diff),
            Err(e) => {
                error(e);
                return Exit::Failure;
            }
        };
        // Standard input can be huge: hand it over, keeping a copy only when
        // the diff needs the original.
        let original = Source { text: if args.diff { source.text.clone() } else { String::new() }, ..source.clone_meta() };
        return match clean::fix_owned(source.text, source.format, &settings, mode) {
            Ok(outcome) => {
                let diff;
                let shown = if args.diff {
                    diff = unified_diff(&original, &outcome.text, ui.stdout_color);
                    &diff
                } else {
                    &outcome.text
                };
                let mut stdout = io::stdout().lock();
                if let Err(e) = stdout.write_all(shown.as_bytes()).and_then(|_| stdout.flush()) {
                    if e.kind() != io::ErrorKind::BrokenPipe {
                        error(format!("cannot write output: {e}"));
                        return Exit::Failure;
                    }
                }
                report.summarize(&[(&original, &outcome)], 0)
            }
            Err(e) => {
                error(format!("{}: {e}", original.name.display()));
                Exit::Failure
            }
        };
    }

    let (inputs, mut failed) = inputs::sources(&args.common, &resolver);
    let outcomes: Vec<Result<FixOutcome, clean::NotConverged>> =
        inputs.par_iter().map(|i| clean::fix(&i.source.text, i.source.format, &i.settings, mode)).collect();
    let mut done: Vec<(&Source, &FixOutcome)> = Vec::new();
    let mut stdout = io::stdout().lock();
    for (source, outcome) in inputs.iter().map(|i| &i.source).zip(&outcomes) {
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => {
                error(format!("{}: {e}", source.name.display()));
                failed += 1;
                continue;
            }
        };
        if outcome.text != source.text {
            if args.diff {
                let _ = stdout.write_all(unified_diff(source, &outcome.text, ui.stdout_color).as_bytes());
            } else {
                pause_before_write(source);
                if let Err(e) = files::write_fixed(source, outcome.text.as_bytes(), args.force) {
                    error(e);
                    failed += 1;
                    continue;
                }
            }
        }
        done.push((source, outcome));
    }
    let _ = stdout.flush();
    report.summarize(&done, failed)
}

/// Standard input to standard output unchanged (nothing, for `--diff`).
fn pass_through(diff: bool) -> Exit {
    let copied =
        if diff { io::copy(&mut io::stdin().lock(), &mut io::sink()) } else { io::copy(&mut io::stdin().lock(), &mut io::stdout().lock()) };
    match copied {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            error(format!("cannot pass standard input through: {e}"));
            Exit::Failure
        }
        _ => Exit::Clean,
    }
}

/// Test-only: `DOSSIER_TEST_PAUSE_BEFORE_WRITE_MS` makes `fix` say so and
/// sleep before each write, so a test can change the file in between
/// (tests/files_safety.rs). Not a user setting.
fn pause_before_write(source: &Source) {
    let Some(ms) = std::env::var("DOSSIER_TEST_PAUSE_BEFORE_WRITE_MS").ok().and_then(|v| v.parse().ok()) else { return };
    eprintln!("dossier: test pause before writing {}", source.name.display());
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

fn unified_diff(source: &Source, fixed: &str, color: bool) -> String {
    let name = source.name.display().to_string();
    let diff = similar::TextDiff::from_lines(source.text.as_str(), fixed);
    if !color {
        return diff.unified_diff().context_radius(1).header(&name, &format!("{name} (fixed)")).to_string();
    }
    colored_diff(&diff, &name)
}

/// The unified diff in colour: removed lines red, added green, and within
/// them the characters that changed in reverse video, since a fix is often
/// one mark in a long Arabic line.
fn colored_diff<'a>(diff: &'a similar::TextDiff<'a, 'a, 'a, str>, name: &str) -> String {
    use std::fmt::Write as _;
    const BOLD: &str = "\x1b[1m";
    const CYAN: &str = "\x1b[36m";
    const RED: &str = "\x1b[31m";
    const GREEN: &str = "\x1b[32m";
    const REVERSE: &str = "\x1b[7m";
    const NO_REVERSE: &str = "\x1b[27m";
    const RESET: &str = "\x1b[0m";
    let mut out = String::new();
    let _ = writeln!(out, "{BOLD}--- {name}{RESET}\n{BOLD}+++ {name} (fixed){RESET}");
    for hunk in diff.unified_diff().context_radius(1).iter_hunks() {
        let _ = writeln!(out, "{CYAN}{}{RESET}", hunk.header());
        for op in hunk.ops() {
            for change in diff.iter_inline_changes(op) {
                let (sign, color) = match change.tag() {
                    similar::ChangeTag::Delete => ('-', RED),
                    similar::ChangeTag::Insert => ('+', GREEN),
                    similar::ChangeTag::Equal => (' ', ""),
                };
                out.push_str(color);
                out.push(sign);
                for (emphasized, part) in change.iter_strings_lossy() {
                    let part = part.trim_end_matches(['\n', '\r']);
                    if emphasized {
                        let _ = write!(out, "{REVERSE}{part}{NO_REVERSE}");
                    } else {
                        out.push_str(part);
                    }
                }
                let _ = writeln!(out, "{RESET}");
                if change.missing_newline() {
                    out.push_str("\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// How a run of `fix` reports.
struct Report {
    diff: bool,
    ui: Ui,
    exit_zero: bool,
}

impl Report {
    /// Tell what was done (on stderr: stdout may carry the text), list what is
    /// left for a person unless quiet, and say how the run ended; `failed`
    /// files or folders could not be read, fixed or written, and were
    /// reported already.
    fn summarize(&self, done: &[(&Source, &FixOutcome)], failed: usize) -> Exit {
        let (diff, ui) = (self.diff, self.ui);
        let exit = summarize(done, diff, failed, &ui);
        if exit == Exit::Findings && self.exit_zero {
            Exit::Clean
        } else {
            exit
        }
    }
}

fn summarize(done: &[(&Source, &FixOutcome)], diff: bool, failed: usize, ui: &Ui) -> Exit {
    let mut by_rule: BTreeMap<RuleCode, usize> = BTreeMap::new();
    for (_, o) in done {
        for (code, n) in &o.applied {
            *by_rule.entry(*code).or_insert(0) += n;
        }
    }
    let total: usize = by_rule.values().sum();
    let files = done.iter().filter(|(_, o)| o.changed()).count();
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let verb = if diff { "would fix" } else { "fixed" };
    let rules: Vec<String> = by_rule.iter().map(|(c, n)| format!("{c}×{n}")).collect();
    if total > 0 {
        let _ = writeln!(err, "{verb} {total} issue{} in {files} file{} ({})", plural(total), plural(files), rules.join(", "));
    } else if !done.is_empty() || failed == 0 {
        let _ = writeln!(err, "nothing to fix in {} file{}", done.len(), plural(done.len()));
    }
    let mut left = 0;
    for (source, outcome) in done {
        let errors: Vec<_> = outcome.remaining.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
        left += errors.len();
        if !errors.is_empty() && !diff && !ui.quiet {
            let report = FileReport { path: &source.name, text: &outcome.text, diagnostics: &errors };
            let _ = output::human(&mut err, &report, ui.stderr_color);
        }
    }
    if left > 0 && ui.quiet {
        let _ = writeln!(err, "{left} finding{} left for a person (`dossier check` lists them)", plural(left));
    } else if left > 0 {
        let _ = writeln!(err, "{left} finding{} left for a person (see above; `dossier explain CODE` tells why)", plural(left));
    }
    if failed > 0 {
        let _ = writeln!(err, "{failed} left undone: see the errors above");
        Exit::Failure
    } else if left > 0 || (diff && total > 0) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}
