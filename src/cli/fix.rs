//! `dossier fix`: apply fixes in place, to stdout, or as a diff.

use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;

use super::check::plural;
use super::{error, inputs, Exit, FixArgs, Ui};
use crate::clean::output::{self, FileReport};
use crate::clean::{self, FixMode, FixOutcome, RuleCode, Severity};
use crate::files::{self, Source, Text};

pub fn run(args: &FixArgs, ui: &Ui) -> Exit {
    let exit = fix(args, ui);
    // A test holds `fix` to one round on a file that is already clean.
    if std::env::var_os("DOSSIER_TEST_COUNTS").is_some() {
        eprintln!("dossier-test: {} rounds of fixes", clean::rounds());
    }
    exit
}

fn fix(args: &FixArgs, ui: &Ui) -> Exit {
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
        let original = Source { text: if args.diff { source.text.clone() } else { Text::default() }, ..source.clone_meta() };
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
                error(format!("{}: {e}", files::escaped(&original.name)));
                Exit::Failure
            }
        };
    }

    let (inputs, mut failed) = inputs::sources(&args.common, &resolver);
    let outcomes: Vec<Result<FixOutcome, clean::NotConverged>> =
        inputs.par_iter().map(|i| clean::fix(&i.source.text, i.source.format, &i.settings, mode)).collect();
    let mut done: Vec<(&Source, &FixOutcome)> = Vec::new();
    let mut settle = files::Settle::new();
    let mut stdout = io::stdout().lock();
    for (source, outcome) in inputs.iter().map(|i| &i.source).zip(&outcomes) {
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => {
                error(format!("{}: {e}", files::escaped(&source.name)));
                failed += 1;
                continue;
            }
        };
        if outcome.text != *source.text {
            if args.diff {
                let _ = stdout.write_all(unified_diff(source, &outcome.text, ui.stdout_color).as_bytes());
            } else {
                pause_before_write(source);
                if let Err(e) = files::write_fixed(source, outcome.text.as_bytes(), args.force, &mut settle) {
                    error(e);
                    failed += 1;
                    continue;
                }
            }
        }
        done.push((source, outcome));
    }
    let _ = stdout.flush();
    settle.finish();
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

/// The unified diff of a fix, in linear time. `fix` edits inside lines and
/// otherwise only adds or removes blank lines, so after the common head and
/// tail the two texts usually have as many non-blank lines: those are
/// paired in order ([`paired_ops`]). Otherwise Myers' diff runs with a
/// deadline (past it the diff is coarser, never wrong): on a large
/// repetitive file it is quadratic. In colour, removed lines are red, added
/// green, and in a changed line the part that changed is in reverse video
/// (a fix is often one mark in a long Arabic line).
fn unified_diff(source: &Source, fixed: &str, color: bool) -> String {
    use similar::{group_diff_ops, DiffOp};
    use std::fmt::Write as _;

    let old: Vec<&str> = source.text.split_inclusive('\n').collect();
    let new: Vec<&str> = fixed.split_inclusive('\n').collect();
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let tail = old[head..].iter().rev().zip(new[head..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (old_mid, new_mid) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let mut ops = vec![DiffOp::Equal { old_index: 0, new_index: 0, len: head }];
    match paired_ops(old_mid, new_mid) {
        Some(mid) => ops.extend(mid.into_iter().map(|op| shift_op(op, head))),
        None => {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
            let mid = similar::capture_diff_slices_deadline(similar::Algorithm::Myers, old_mid, new_mid, Some(deadline));
            ops.extend(mid.into_iter().map(|op| shift_op(op, head)));
        }
    }
    ops.push(DiffOp::Equal { old_index: old.len() - tail, new_index: new.len() - tail, len: tail });
    ops.retain(|op| !matches!(op, DiffOp::Equal { len: 0, .. }));

    let name = source.name.display().to_string();
    let paint = Paint::new(color);
    let mut out = String::new();
    for (n, group) in group_diff_ops(ops, 1).iter().enumerate() {
        if n == 0 {
            let Paint { bold, reset, .. } = paint;
            let _ = writeln!(out, "{bold}--- {name}{reset}\n{bold}+++ {name} (fixed){reset}");
        }
        let (first, last) = (group[0], group[group.len() - 1]);
        let range = |start: usize, end: usize| match end - start {
            1 => format!("{}", start + 1),
            0 => format!("{start},0"),
            len => format!("{},{len}", start + 1),
        };
        let _ = writeln!(
            out,
            "{}@@ -{} +{} @@{}",
            paint.cyan,
            range(first.old_range().start, last.old_range().end),
            range(first.new_range().start, last.new_range().end),
            paint.reset
        );
        for op in group {
            let (old_lines, new_lines) = (&old[op.old_range()], &new[op.new_range()]);
            // Lines paired one to one: their changed parts can be shown.
            let paired = color && old_lines.len() == new_lines.len();
            for (tag, lines) in [(' ', old_lines), ('-', old_lines), ('+', new_lines)] {
                let wanted = match op {
                    DiffOp::Equal { .. } => tag == ' ',
                    _ => tag != ' ',
                };
                for (k, line) in lines.iter().enumerate().filter(|_| wanted) {
                    let changed = match tag {
                        '-' if paired => Some(changed_part(line, new_lines[k])),
                        '+' if paired => Some(changed_part(line, old_lines[k])),
                        _ => None,
                    };
                    paint.line(&mut out, tag, line, changed);
                    if !line.ends_with('\n') {
                        out.push_str("\n\\ No newline at end of file\n");
                    }
                }
            }
        }
    }
    out
}

/// The diff of two texts with as many non-blank lines, pairing them in
/// order: the n-th non-blank line of one is the n-th of the other (changed
/// or not), and the blank lines before each are paired as far as they go,
/// the rest deleted or inserted. `None` when the counts differ.
fn paired_ops(old: &[&str], new: &[&str]) -> Option<Vec<similar::DiffOp>> {
    use similar::DiffOp::{self, *};
    fn blank(l: &&str) -> bool {
        l.trim().is_empty()
    }
    if old.iter().filter(|l| !blank(l)).count() != new.iter().filter(|l| !blank(l)).count() {
        return None;
    }
    let mut ops: Vec<DiffOp> = Vec::new();
    // One line pair, merged into the run before it when of the same kind.
    let pair = |ops: &mut Vec<DiffOp>, i: usize, j: usize, same: bool| match (ops.last_mut(), same) {
        (Some(Equal { len, .. }), true) => *len += 1,
        (Some(Replace { old_len, new_len, .. }), false) => {
            *old_len += 1;
            *new_len += 1;
        }
        (_, true) => ops.push(Equal { old_index: i, new_index: j, len: 1 }),
        (_, false) => ops.push(Replace { old_index: i, old_len: 1, new_index: j, new_len: 1 }),
    };
    let (mut i, mut j) = (0, 0);
    loop {
        let k = old[i..].iter().take_while(|l| blank(l)).count();
        let m = new[j..].iter().take_while(|l| blank(l)).count();
        // The extra blank lines go first: those next to the text stay.
        let (i0, j0) = (i + k.saturating_sub(m), j + m.saturating_sub(k));
        if k > m {
            ops.push(Delete { old_index: i, old_len: k - m, new_index: j });
        } else if m > k {
            ops.push(Insert { old_index: i, new_index: j, new_len: m - k });
        }
        for t in 0..k.min(m) {
            pair(&mut ops, i0 + t, j0 + t, old[i0 + t] == new[j0 + t]);
        }
        (i, j) = (i + k, j + m);
        if i == old.len() || j == new.len() {
            return Some(ops);
        }
        pair(&mut ops, i, j, old[i] == new[j]);
        (i, j) = (i + 1, j + 1);
    }
}

fn shift_op(op: similar::DiffOp, by: usize) -> similar::DiffOp {
    use similar::DiffOp::*;
    match op {
        Equal { old_index, new_index, len } => Equal { old_index: old_index + by, new_index: new_index + by, len },
        Delete { old_index, old_len, new_index } => Delete { old_index: old_index + by, old_len, new_index: new_index + by },
        Insert { old_index, new_index, new_len } => Insert { old_index: old_index + by, new_index: new_index + by, new_len },
        Replace { old_index, old_len, new_index, new_len } => {
            Replace { old_index: old_index + by, old_len, new_index: new_index + by, new_len }
        }
    }
}

/// Terminal colours for the diff, or none.
#[derive(Clone, Copy)]
struct Paint {
    bold: &'static str,
    cyan: &'static str,
    red: &'static str,
    green: &'static str,
    reverse: &'static str,
    no_reverse: &'static str,
    reset: &'static str,
}

impl Paint {
    fn new(color: bool) -> Paint {
        if color {
            Paint {
                bold: "\x1b[1m",
                cyan: "\x1b[36m",
                red: "\x1b[31m",
                green: "\x1b[32m",
                reverse: "\x1b[7m",
                no_reverse: "\x1b[27m",
                reset: "\x1b[0m",
            }
        } else {
            Paint { bold: "", cyan: "", red: "", green: "", reverse: "", no_reverse: "", reset: "" }
        }
    }

    /// One diff line, its `changed` byte range in reverse video. Without
    /// colour, exactly the tag and the line.
    fn line(&self, out: &mut String, tag: char, line: &str, changed: Option<std::ops::Range<usize>>) {
        if self.reset.is_empty() {
            out.push(tag);
            out.push_str(line);
            return;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        let color = match tag {
            '-' => self.red,
            '+' => self.green,
            _ => "",
        };
        out.push_str(color);
        out.push(tag);
        match changed.filter(|r| r.end <= body.len() && r.start < r.end) {
            Some(r) => {
                out.push_str(&body[..r.start]);
                out.push_str(self.reverse);
                out.push_str(&body[r.clone()]);
                out.push_str(self.no_reverse);
                out.push_str(&body[r.end..]);
            }
            None => out.push_str(body),
        }
        if !color.is_empty() {
            out.push_str(self.reset);
        }
        out.push_str(&line[body.len()..]);
    }
}

/// The bytes of `line` between what it shares with `other` at the start and
/// at the end, on character boundaries: linear, whatever the line's length.
fn changed_part(line: &str, other: &str) -> std::ops::Range<usize> {
    let (a, b) = (line.trim_end_matches(['\n', '\r']), other.trim_end_matches(['\n', '\r']));
    let prefix: usize = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let suffix: usize =
        a[prefix..].chars().rev().zip(b[prefix..].chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    prefix..a.len() - suffix
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
    // Buffered: a file with many findings left would otherwise cost
    // several system calls a finding.
    let mut err = io::BufWriter::with_capacity(64 << 10, io::stderr().lock());
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
            let report = FileReport { path: &source.name, text: &outcome.text, diagnostics: &errors, unkept: &Default::default() };
            let _ = output::human(&mut err, &report, ui.stderr_color);
        }
    }
    if left > 0 && ui.quiet {
        let _ = writeln!(err, "{left} finding{} left for a person (`dossier check` lists them)", plural(left));
    } else if left > 0 {
        let _ = writeln!(err, "{left} finding{} left for a person (see above; `dossier explain CODE` tells why)", plural(left));
    }
    let exit = if failed > 0 {
        let _ = writeln!(err, "{failed} left undone: see the errors above");
        Exit::Failure
    } else if left > 0 || (diff && total > 0) {
        Exit::Findings
    } else {
        Exit::Clean
    };
    let _ = err.flush();
    exit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Format;

    fn source(text: &str) -> Source {
        Source { name: "a.txt".into(), text: text.into(), format: Format::Text, stamp: None }
    }

    #[test]
    fn diff_reads_like_a_unified_diff() {
        let cases = [
            ("a\nb\nc\nd\ne\nf\n", "a\nB\nc\nd\ne\nF\n"),
            ("a\nb\nc", "a\nb\nC"),
            ("a\n\n\n\nb\nc\n", "a\n\nb\nc\n"),
            ("x  y\n", "x y\n"),
            ("a\nb\n", "a\nb"),
            ("one\ntwo\nthree\nfour\n", "one\n2\nthree\n4\n"),
            ("a\n  \n\nb\n", "a\n\nb\n"),
        ];
        for (old, new) in cases {
            let reference =
                similar::TextDiff::from_lines(old, new).unified_diff().context_radius(1).header("a.txt", "a.txt (fixed)").to_string();
            assert_eq!(unified_diff(&source(old), new, false), reference, "{old:?} → {new:?}");
        }
        // Blank lines removed: paired by the text around them, not by Myers.
        assert_eq!(
            unified_diff(&source("a  b\n\n\n\nc\n\n\nd  e\n"), "a b\n\nc\n\nd e\n", false),
            "--- a.txt\n+++ a.txt (fixed)\n@@ -1,8 +1,5 @@\n-a  b\n+a b\n-\n-\n \n c\n-\n \n-d  e\n+d e\n"
        );
    }

    #[test]
    fn colour_marks_the_changed_part_of_a_line() {
        assert_eq!(changed_part("قال “نعم” ثم\n", "قال «نعم» ثم\n"), "قال ".len().."قال “نعم”".len());
        assert_eq!(changed_part("ab\n", "ab\n"), 2..2);
        let shown = unified_diff(&source("x  y\nz"), "x y\nz", true);
        assert_eq!(shown, "\x1b[1m--- a.txt\x1b[0m\n\x1b[1m+++ a.txt (fixed)\x1b[0m\n\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n\x1b[31m-x \x1b[7m \x1b[27my\x1b[0m\n\x1b[32m+x y\x1b[0m\n z\n\\ No newline at end of file\n");
    }
}
