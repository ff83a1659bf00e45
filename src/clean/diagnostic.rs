//! What a rule says about a text: a [`Diagnostic`] at a byte span, with an
//! optional [`Fix`] made of [`Edit`]s.

use std::borrow::Cow;
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
