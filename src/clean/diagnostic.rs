//! What a rule says about a text: a [`Diagnostic`] at a byte span, with an
//! optional [`Fix`] made of [`Edit`]s.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use super::rule::RuleCode;

/// How sure a finding is that the text is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The text may be intended (`900.000`, two grouping styles): shown, and
    /// counted only with `--strict`.
    Warning,
    /// The text is wrong: anything a safe fix would change, and defects only a
    /// person can settle (an ambiguous fused date, an unpaired quote, U+FFFD).
    Error,
}

/// Whether `dossier fix` applies a fix by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Typography only: applied by `dossier fix`.
    Safe,
    /// A guess a person should look at: applied only with `--unsafe`.
    Unsafe,
}

/// Replace the bytes in `range` with `replacement`. An empty range inserts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    /// Static for the common fixed replacements: a finding on every word of
    /// a 12 MB line must not cost an allocation each.
    pub replacement: Cow<'static, str>,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<Cow<'static, str>>) -> Self {
        Edit { range, replacement: replacement.into() }
    }
    pub fn delete(range: Range<usize>) -> Self {
        Edit { range, replacement: Cow::Borrowed("") }
    }
    pub fn insert(at: usize, text: impl Into<Cow<'static, str>>) -> Self {
        Edit { range: at..at, replacement: text.into() }
    }

    pub(crate) fn shifted(mut self, by: usize) -> Self {
        self.range = self.range.start + by..self.range.end + by;
        self
    }
}

/// The change a rule proposes: one or more edits applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Self {
        Fix { applicability: Applicability::Safe, edits }
    }
    pub fn unsafe_(edits: Vec<Edit>) -> Self {
        Fix { applicability: Applicability::Unsafe, edits }
    }
    /// The byte range covered by all edits.
    pub fn span(&self) -> Range<usize> {
        let start = self.edits.iter().map(|e| e.range.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.range.end).max().unwrap_or(start);
        start..end
    }
}

/// One finding: a rule, a byte span in the file, one sentence, maybe a fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: RuleCode,
    pub range: Range<usize>,
    pub message: Cow<'static, str>,
    pub severity: Severity,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// An error with a safe fix: the common case.
    pub fn fixable(code: RuleCode, range: Range<usize>, message: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Self {
        Diagnostic { code, range, message: message.into(), severity: Severity::Error, fix: Some(Fix::safe(edits)) }
    }

    /// An error a person must settle: no fix, or an unsafe one.
    pub fn report(code: RuleCode, range: Range<usize>, message: impl Into<Cow<'static, str>>) -> Self {
        Diagnostic { code, range, message: message.into(), severity: Severity::Error, fix: None }
    }

    pub fn warning(code: RuleCode, range: Range<usize>, message: impl Into<Cow<'static, str>>) -> Self {
        Diagnostic { code, range, message: message.into(), severity: Severity::Warning, fix: None }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub(crate) fn shifted(mut self, by: usize) -> Self {
        if by == 0 {
            return self;
        }
        self.range = self.range.start + by..self.range.end + by;
        if let Some(fix) = &mut self.fix {
            fix.edits = std::mem::take(&mut fix.edits).into_iter().map(|e| e.shifted(by)).collect();
        }
        self
    }

    pub fn is_safe_fixable(&self) -> bool {
        matches!(&self.fix, Some(f) if f.applicability == Applicability::Safe)
    }
}

/// Findings kept up to a limit, and the rest counted by rule: what a hostile
/// text costs in memory is bounded by the limit, not by how many findings it
/// holds (a 20 MB file of `ب،` holds five million).
#[derive(Debug)]
pub struct Findings {
    /// Kept, in the order they came (sorted by position once complete).
    pub diagnostics: Vec<Diagnostic>,
    /// Past the limit: counted and dropped.
    pub unkept: BTreeMap<RuleCode, Tally>,
    limit: usize,
}

impl Default for Findings {
    fn default() -> Self {
        Findings::with_limit(usize::MAX)
    }
}

impl Findings {
    pub fn with_limit(limit: usize) -> Self {
        Findings { diagnostics: Vec::new(), unkept: BTreeMap::new(), limit }
    }

    pub fn push(&mut self, d: Diagnostic) {
        if self.diagnostics.len() < self.limit {
            self.diagnostics.push(d);
        } else {
            self.unkept.entry(d.code).or_default().add(&d);
        }
    }

    /// How many more would be kept.
    pub fn room(&self) -> usize {
        self.limit.saturating_sub(self.diagnostics.len())
    }

    /// Take in `later`'s findings, which come after these in the text.
    pub fn absorb(&mut self, later: Findings) {
        self.count_unkept(later.unkept);
        self.extend(later.diagnostics);
    }

    /// Take in `other`, both sorted by position and each holding its own
    /// first findings: the result keeps the first of the two together.
    pub fn merge_sorted(&mut self, other: Findings) {
        self.count_unkept(other.unkept);
        self.diagnostics.extend(other.diagnostics);
        self.diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
        if self.diagnostics.len() > self.limit {
            for d in self.diagnostics.drain(self.limit..) {
                self.unkept.entry(d.code).or_default().add(&d);
            }
        }
    }

    fn count_unkept(&mut self, unkept: BTreeMap<RuleCode, Tally>) {
        for (code, n) in unkept {
            self.unkept.entry(code).or_default().merge(n);
        }
    }

    pub fn unkept_total(&self) -> usize {
        self.unkept.values().map(Tally::count).sum()
    }

    /// Every finding, kept or not.
    pub fn total(&self) -> usize {
        self.diagnostics.len() + self.unkept_total()
    }
}

impl Extend<Diagnostic> for Findings {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        iter.into_iter().for_each(|d| self.push(d));
    }
}

/// How many findings, by severity, and how many of them `dossier fix` fixes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub fixable: usize,
}

impl Tally {
    pub fn add(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.fixable += usize::from(d.is_safe_fixable());
    }

    pub fn merge(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.fixable += other.fixable;
    }

    pub fn count(&self) -> usize {
        self.errors + self.warnings
    }
}
