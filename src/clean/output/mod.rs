//! Showing diagnostics: human (file:line:col, the line, a caret), concise
//! (one line each), JSON, GitHub workflow annotations, SARIF, reviewdog's
//! rdjson, and counts by rule.

pub mod position;
pub mod rdjson;
pub mod sarif;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::clean::registry::lookup;
use crate::clean::{Applicability, Diagnostic, RuleCode, Severity, Tally};
use crate::text::locate::{Locator, Position};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// file:line:col, the line and a caret.
    Human,
    /// One line per finding: file:line:col: severity CODE message.
    Concise,
    /// One JSON array of findings.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// reviewdog's diagnostic format.
    Rdjson,
}

/// One file's findings, ready to show.
pub struct FileReport<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// Findings past [`MAX_REPORTED`], counted by rule but not kept.
    pub unkept: &'a BTreeMap<RuleCode, Tally>,
}

impl FileReport<'_> {
    /// Every finding of the file, listed or not.
    fn total(&self) -> usize {
        self.diagnostics.len() + self.unkept.values().map(Tally::count).sum::<usize>()
    }
}

/// The most findings `check` keeps and reports for one file: what a
/// hostile file costs in memory is bounded by it, whatever it holds. Past
/// it, findings are counted by rule (the summary and `--statistics` have
/// them all) and a note names the file. GitHub code scanning keeps 5,000
/// results of a run in any case.
pub const MAX_REPORTED: usize = 10_000;

#[derive(Serialize)]
struct JsonEdit {
    start: Position,
    end: Position,
    content: String,
}

#[derive(Serialize)]
struct JsonFix {
    applicability: Applicability,
    edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    code: &'static str,
    rule: &'static str,
    severity: Severity,
    message: &'a str,
    start: Position,
    end: Position,
    fix: Option<JsonFix>,
}

/// How many characters of context to show on each side of a finding.
const EXCERPT: usize = 40;

/// Up to `EXCERPT` characters of context on each side of byte `at`, within
/// its line, and where the caret goes. Walks only the window, so a finding
/// on a 12 MB line costs no more than one on a short line.
fn excerpt(text: &str, at: usize, width: usize) -> (String, usize) {
    let before: Vec<char> = text[..at].chars().rev().take_while(|&c| c != '\n').take(EXCERPT + 1).collect();
    let cut_before = before.len() > EXCERPT;
    let after: Vec<char> = text[at..].chars().take_while(|&c| c != '\n' && c != '\r').take(width.max(1) + EXCERPT + 1).collect();
    let cut_after = after.len() > width.max(1) + EXCERPT;
    let mut shown = String::new();
    if cut_before {
        shown.push('…');
    }
    let kept_before: Vec<char> = before.into_iter().take(EXCERPT).collect();
    shown.extend(kept_before.iter().rev().map(|&c| if c == '\t' { ' ' } else { c }));
    let caret_at = kept_before.len() + usize::from(cut_before);
    shown.extend(after.iter().take(width.max(1) + EXCERPT).map(|&c| if c == '\t' { ' ' } else { c }));
    if cut_after {
        shown.push('…');
    }
    (shown, caret_at)
}

fn visible(s: &str) -> String {
    use std::fmt::Write as _;
    let mut shown = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
        {
            let _ = write!(shown, "<U+{:04X}>", c as u32);
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Terminal colours, or none.
struct Palette {
    red: &'static str,
    yellow: &'static str,
    bold: &'static str,
    dim: &'static str,
    reset: &'static str,
}

impl Palette {
    fn new(color: bool) -> Palette {
        if color {
            Palette { red: "\x1b[31m", yellow: "\x1b[33m", bold: "\x1b[1m", dim: "\x1b[2m", reset: "\x1b[0m" }
        } else {
            Palette { red: "", yellow: "", bold: "", dim: "", reset: "" }
        }
    }
}

/// `file:line:col: severity CODE message [fix] (name)`: the first line of
/// the human format, all of the concise one.
fn headline(out: &mut impl Write, path: &Path, start: Position, d: &Diagnostic, p: &Palette) -> io::Result<()> {
    let (sev_color, sev) = match d.severity {
        Severity::Error => (p.red, "error"),
        Severity::Warning => (p.yellow, "warning"),
    };
    let fix_note = match &d.fix {
        Some(f) if f.applicability == Applicability::Safe => " [fix]",
        Some(_) => " [unsafe fix]",
        None => "",
    };
    let name = lookup(d.code.as_str()).map_or("", |r| r.name);
    let Palette { bold, dim, reset, .. } = p;
    writeln!(
        out,
        "{bold}{}:{}:{}{reset}: {sev_color}{sev}{reset} {bold}{}{reset} {}{dim}{fix_note} ({name}){reset}",
        crate::files::escaped(path),
        start.line,
        start.column,
        d.code,
        d.message
    )
}

/// One line per finding.
/// The most findings the text formats list for one file: past it a
/// terminal or a CI log is flooded for nothing, and one line says how many
/// more there are (the JSON, SARIF and statistics outputs have them all).
pub const MAX_LISTED: usize = 1000;

/// The findings the text formats list, and the line about the rest.
fn listed<'a>(report: &FileReport<'a>) -> &'a [Diagnostic] {
    &report.diagnostics[..report.diagnostics.len().min(MAX_LISTED)]
}

fn more_line(out: &mut impl Write, report: &FileReport) -> io::Result<()> {
    let total = report.total();
    if total > MAX_LISTED {
        writeln!(
            out,
            "{}: {} more findings not listed (the text formats list {MAX_LISTED} a file; `--statistics` counts them, `--format json` lists up to {MAX_REPORTED})",
            crate::files::escaped(report.path),
            total - MAX_LISTED
        )?;
    }
    Ok(())
}

pub fn concise(out: &mut impl Write, report: &FileReport, color: bool) -> io::Result<()> {
    let mut loc = Locator::new(report.text);
    let palette = Palette::new(color);
    for d in listed(report) {
        headline(out, report.path, loc.position(d.range.start), d, &palette)?;
    }
    more_line(out, report)
}

pub fn human(out: &mut impl Write, report: &FileReport, color: bool) -> io::Result<()> {
    let mut loc = Locator::new(report.text);
    let palette = Palette::new(color);
    let Palette { red, yellow, dim, reset, .. } = palette;
    for d in listed(report) {
        let start = loc.position(d.range.start);
        let width = report.text[d.range.clone()].chars().take(EXCERPT).count();
        let (shown, caret_at) = excerpt(report.text, d.range.start, width);
        let sev_color = if d.severity == Severity::Error { red } else { yellow };
        headline(out, report.path, start, d, &palette)?;
        let gutter = " ".repeat(start.line.to_string().len());
        writeln!(out, "{dim}{gutter} |{reset}")?;
        writeln!(out, "{dim}{} |{reset} {}", start.line, visible(&shown))?;
        writeln!(out, "{dim}{gutter} |{reset} {}{sev_color}{}{reset}", " ".repeat(caret_at), "^".repeat(width.max(1)))?;
    }
    more_line(out, report)
}

pub fn github(out: &mut impl Write, report: &FileReport) -> io::Result<()> {
    let mut loc = Locator::new(report.text);
    // Annotation values escape %, CR and LF; properties also : and ,.
    let esc = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let esc_prop = |s: &str| esc(s).replace(':', "%3A").replace(',', "%2C");
    // `./a.md` from a walk of `.` is `a.md` to GitHub, relative to the workspace.
    for d in report.diagnostics {
        let start = loc.position(d.range.start);
        let end = loc.position(d.range.end);
        let level = if d.severity == Severity::Error { "error" } else { "warning" };
        let name = lookup(d.code.as_str()).map_or("", |r| r.name);
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            esc_prop(&report.path.strip_prefix(".").unwrap_or(report.path).display().to_string()),
            start.line,
            start.column,
            end.line,
            end.column,
            esc_prop(&format!("{} {name}", d.code)),
            esc(&d.message)
        )?;
    }
    Ok(())
}

/// How many findings each rule has, most first: `--statistics`.
#[derive(Debug, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    /// Some of them have a safe fix.
    pub fixable: bool,
}

/// Findings counted by rule, file by file, kept or not.
#[derive(Debug, Default)]
pub struct Counts {
    by_rule: BTreeMap<&'static str, Tally>,
}

impl Counts {
    pub fn add(&mut self, report: &FileReport) {
        for d in report.diagnostics {
            self.by_rule.entry(d.code.as_str()).or_default().add(d);
        }
        for (code, tally) in report.unkept {
            self.by_rule.entry(code.as_str()).or_default().merge(*tally);
        }
    }

    /// Every rule's together.
    pub fn total(&self) -> Tally {
        let mut all = Tally::default();
        self.by_rule.values().for_each(|t| all.merge(*t));
        all
    }

    /// Most first: `--statistics`.
    pub fn by_rule(&self) -> Vec<RuleCount> {
        let mut counts: Vec<RuleCount> = self
            .by_rule
            .iter()
            .map(|(&code, t)| RuleCount { code, name: lookup(code).map_or("", |r| r.name), count: t.count(), fixable: t.fixable > 0 })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
        counts
    }
}

/// The counts as a table: count, code, `[*]` when `dossier fix` can fix
/// some, the rule's name.
pub fn statistics(out: &mut impl Write, counts: &[RuleCount]) -> io::Result<()> {
    let width = counts.iter().map(|c| c.count.to_string().len()).max().unwrap_or(1);
    for c in counts {
        writeln!(out, "{:>width$}  {}  {:<3}  {}", c.count, c.code, if c.fixable { "[*]" } else { "" }, c.name)?;
    }
    Ok(())
}

/// One file's findings as elements of the JSON array.
fn json_file(out: &mut impl Write, list: &mut JsonList, report: &FileReport) -> io::Result<()> {
    let mut loc = Locator::new(report.text);
    // Edits sit at or after their finding, so a second locator moving
    // forward keeps this linear too.
    let mut edit_loc = Locator::new(report.text);
    let file = report.path.display().to_string();
    for d in report.diagnostics {
        let start = loc.position(d.range.start);
        let end = loc.position(d.range.end);
        let fix = d.fix.as_ref().map(|f| JsonFix {
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    start: edit_loc.position(e.range.start),
                    end: edit_loc.position(e.range.end),
                    content: e.replacement.to_string(),
                })
                .collect(),
        });
        let item = JsonDiagnostic {
            file: file.clone(),
            code: d.code.as_str(),
            rule: lookup(d.code.as_str()).map_or("", |r| r.name),
            severity: d.severity,
            message: &d.message,
            start,
            end,
            fix,
        };
        list.item(out, &item)?;
    }
    Ok(())
}

/// A pretty-printed JSON document holding one array whose elements are
/// written as they come, so no format needs every finding in memory: the
/// document is `envelope` with the array where the string `HOLE` is.
pub(crate) struct JsonList {
    indent: String,
    close: String,
    empty: bool,
}

const HOLE: &str = "\u{0}dossier-array\u{0}";

impl JsonList {
    pub(crate) fn open(out: &mut impl Write, envelope: &serde_json::Value) -> io::Result<JsonList> {
        let text = serde_json::to_string_pretty(envelope)?;
        let hole = serde_json::to_string(HOLE)?;
        let at = text.find(&hole).expect("the envelope holds the array's place");
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = text[line_start..].chars().take_while(|&c| c == ' ').collect();
        out.write_all(&text.as_bytes()[..at])?;
        out.write_all(b"[")?;
        Ok(JsonList { indent, close: text[at + hole.len()..].to_string(), empty: true })
    }

    pub(crate) fn item(&mut self, out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        out.write_all(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "{}  {line}", self.indent)?;
        }
        Ok(())
    }

    pub(crate) fn close(self, out: &mut impl Write) -> io::Result<()> {
        if !self.empty {
            write!(out, "\n{}", self.indent)?;
        }
        out.write_all(b"]")?;
        out.write_all(self.close.as_bytes())?;
        writeln!(out)
    }
}

/// A report written file by file as `check` goes: what is kept in memory
/// is one batch of files' findings, not the run's.
pub struct Report<W: Write> {
    out: W,
    format: OutputFormat,
    color: bool,
    /// `--statistics` (or `--quiet` for the text formats): counted only.
    counted_only: bool,
    list: Option<JsonList>,
    pub counts: Counts,
    /// The first write that failed (a closed pipe): the rest is counted,
    /// not written, so the exit status still tells the truth.
    failed: Option<io::Error>,
}

impl<W: Write> Report<W> {
    /// `complete` is false when some input could not be read (SARIF's
    /// invocation then says it failed).
    pub fn start(mut out: W, format: OutputFormat, color: bool, counted_only: bool, complete: bool) -> io::Result<Self> {
        let envelope = match format {
            _ if counted_only => None,
            OutputFormat::Json => Some(serde_json::json!(HOLE)),
            OutputFormat::Sarif => Some(sarif::envelope(complete, HOLE)),
            OutputFormat::Rdjson => Some(rdjson::envelope(HOLE)),
            _ => None,
        };
        let list = envelope.map(|e| JsonList::open(&mut out, &e)).transpose()?;
        Ok(Report { out, format, color, counted_only, list, counts: Counts::default(), failed: None })
    }

    pub fn file(&mut self, report: &FileReport) {
        self.counts.add(report);
        if self.counted_only || self.failed.is_some() {
            return;
        }
        if let Err(e) = self.write(report) {
            self.failed = Some(e);
        }
    }

    fn write(&mut self, report: &FileReport) -> io::Result<()> {
        let out = &mut self.out;
        match (self.format, &mut self.list) {
            (OutputFormat::Human, _) => human(out, report, self.color),
            (OutputFormat::Concise, _) => concise(out, report, self.color),
            (OutputFormat::Github, _) => github(out, report),
            (OutputFormat::Json, Some(list)) => json_file(out, list, report),
            (OutputFormat::Sarif, Some(list)) => sarif::file(out, list, report),
            (OutputFormat::Rdjson, Some(list)) => rdjson::file(out, list, report),
            _ => unreachable!("the list is opened for the JSON formats"),
        }
    }

    /// Close the document; the writer is given back for the summary, or
    /// the first write error with the counts.
    pub fn finish(mut self) -> (Counts, io::Result<W>) {
        if let Some(e) = self.failed.take() {
            return (self.counts, Err(e));
        }
        let closed = match self.list.take() {
            Some(list) => list.close(&mut self.out),
            None => Ok(()),
        };
        (self.counts, closed.map(|_| self.out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_counts_chars_and_lines() {
        let text = "أب\nجد هـ\nx";
        let mut l = Locator::new(text);
        assert_eq!(l.position(0), Position { line: 1, column: 1 });
        let d = text.find('د').unwrap();
        assert_eq!(l.position(d), Position { line: 2, column: 2 });
        assert_eq!(l.position(text.len()), Position { line: 3, column: 2 });
        assert_eq!(l.position(2), Position { line: 1, column: 2 });
    }

    #[test]
    fn excerpt_marks_cuts() {
        let line: String = "ا".repeat(100);
        let at = "ا".len() * 49;
        let (shown, caret) = excerpt(&line, at, 1);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(caret, 41);
        let (shown, caret) = excerpt("أول\nقال  نعم\nثالث", "أول\nقال".len(), 2);
        assert_eq!((shown.as_str(), caret), ("قال  نعم", 3));
    }
}
