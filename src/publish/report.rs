//! Report: what happened to each article (fixes by rule, findings left,
//! furniture removed, guesses), for the editorial notes and `report.json`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::clean::registry::lookup;
use crate::clean::{RuleCode, Severity};

/// One finding left for a person, with its line in `clean/NAME.md`.
#[derive(Debug, Clone, Serialize)]
pub struct Left {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FixCount {
    pub code: &'static str,
    pub rule: &'static str,
    pub count: usize,
}

/// What happened to one article, for the appendix and report.json.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub file: String,
    pub title: Option<String>,
    pub fixes: Vec<FixCount>,
    pub left: Vec<Left>,
    pub removed: Vec<String>,
    pub guesses: Vec<String>,
    /// What the markdown holds that cannot be drawn (raw HTML, math).
    pub undrawn: Vec<UndrawnAt>,
    /// Warnings and notes for an editor (a remote image shown as a link, a
    /// `.txt` set aside for the `.md` of the same name).
    pub notes: Vec<String>,
    /// Link targets shown as text only: not a web or mail address.
    pub unlinked: Vec<String>,
    /// Its cleaned text in the output folder.
    pub clean: String,
}

/// Something that cannot be drawn, at `file:line` in the author's file.
#[derive(Debug, Clone, Serialize)]
pub struct UndrawnAt {
    pub at: String,
    pub what: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    pub total_seconds: f64,
    pub typst_seconds: f64,
    /// Everything but typst compile.
    pub dossier_seconds: f64,
    /// Load, clean and structure (typst's version check runs alongside).
    pub clean_seconds: f64,
    /// From the start until typst was started: clean, render, write.
    pub before_typst_seconds: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub pdf: String,
    /// This report, as the user named the output folder.
    pub report_path: String,
    pub typst: String,
    /// Notes on the dossier as a whole (a title taken from the folder).
    pub notes: Vec<String>,
    /// Article files in the folder that dossier.toml does not list: left out.
    pub unlisted: Vec<String>,
    /// Each file (`articles` has one entry per file).
    pub articles: Vec<ArticleReport>,
    /// The articles set with their translation: each pair is one article
    /// of the dossier (one contents entry) made of two files.
    pub pairs: Vec<PairReport>,
    pub timing: Timing,
}

/// An article and its translation, as set.
#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    /// The Arabic file.
    pub article: String,
    /// The English file.
    pub translation: String,
    pub layout: crate::config::Parallel,
}

impl Report {
    /// The dossier's articles as a reader counts them: a pair is one.
    pub fn entries(&self) -> usize {
        self.articles.len() - self.pairs.len()
    }
}

pub fn count_fixes(applied: &BTreeMap<RuleCode, usize>) -> Vec<FixCount> {
    applied.iter().map(|(c, n)| FixCount { code: c.as_str(), rule: lookup(c.as_str()).map_or("", |r| r.name), count: *n }).collect()
}
