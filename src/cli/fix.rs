//! `dossier fix`: apply fixes in place, to stdout, or as a diff.

use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;

use super::check::plural;
use super::{error, inputs, Exit, FixArgs};
use crate::clean::output::{self, FileReport};
use crate::clean::{self, FixMode, FixOutcome, RuleCode, Severity};
use crate::files::{self, Source};

pub fn run(args: &FixArgs) -> Exit {
    let settings = match inputs::settings_or_report(&args.common) {
        Ok(s) => s,
        Err(exit) => return exit,
    };
    let mode = if args.unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };

    if inputs::is_stdin(&args.common) {
        let source = match inputs::read_stdin(&args.common) {
            Ok(s) => s,
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
                    diff = unified_diff(&original, &outcome.text);
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
                summarize(&[(&original, &outcome)], args.diff, 0)
            }
            Err(e) => {
                error(format!("{}: {e}", original.name.display()));
                Exit::Failure
            }
        };
    }

    let (sources, mut failed) = inputs::sources(&args.common.paths);
    let outcomes: Vec<Result<FixOutcome, clean::NotConverged>> =
        sources.par_iter().map(|s| clean::fix(&s.text, s.format, &settings, mode)).collect();
    let mut done: Vec<(&Source, &FixOutcome)> = Vec::new();
    let mut stdout = io::stdout().lock();
    for (source, outcome) in sources.iter().zip(&outcomes) {
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
                let _ = stdout.write_all(unified_diff(source, &outcome.text).as_bytes());
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
    summarize(&done, args.diff, failed)
}

/// Test-only: `DOSSIER_TEST_PAUSE_BEFORE_WRITE_MS` makes `fix` say so and
/// sleep before each write, so a test can change the file in between
/// (tests/files_safety.rs). Not a user setting.
fn pause_before_write(source: &Source) {
    let Some(ms) = std::env::var("DOSSIER_TEST_PAUSE_BEFORE_WRITE_MS").ok().and_then(|v| v.parse().ok()) else { return };
    eprintln!("dossier: test pause before writing {}", source.name.display());
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

fn unified_diff(source: &Source, fixed: &str) -> String {
    let name = source.name.display().to_string();
    similar::TextDiff::from_lines(source.text.as_str(), fixed)
        .unified_diff()
        .context_radius(1)
        .header(&name, &format!("{name} (fixed)"))
        .to_string()
}

/// Tell what was done (on stderr: stdout may carry the text), list what is
/// left for a person, and say how the run ended; `failed` files or folders
/// could not be read, fixed or written, and were reported already.
fn summarize(done: &[(&Source, &FixOutcome)], diff: bool, failed: usize) -> Exit {
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
        if !errors.is_empty() && !diff {
            let _ = output::human(&mut err, &FileReport { path: &source.name, text: &outcome.text, diagnostics: &errors }, false);
        }
    }
    if left > 0 {
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
