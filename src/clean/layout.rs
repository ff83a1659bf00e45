//! What the segmenter tells whole-text rules of a file's structure.

use std::ops::Range;

use super::rule::{RuleCode, UnknownRule};
use super::suppress::Reach;

/// What whole-text rules need to know of a file's structure: where
/// line-level rules must not act (markdown code blocks, HTML blocks, front
/// matter, hard breaks), and the `dossier-ignore` directives it holds.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub verbatim: Vec<Range<usize>>,
    pub directives: Vec<Directive>,
    /// Where the directives reach, looked up by position.
    pub reach: Reach,
}

impl Layout {
    pub fn new(verbatim: Vec<Range<usize>>, directives: Vec<Directive>) -> Layout {
        let reach = Reach::new(&directives);
        Layout { verbatim, directives, reach }
    }
}

/// How far a `dossier-ignore` directive reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `<!-- dossier-ignore … -->`: the next markdown block.
    Block,
    /// `<!-- dossier-ignore-line … -->`: the line it is on.
    Line,
    /// `<!-- dossier-ignore-next-line … -->`, or a `.txt` line
    /// `dossier-ignore-next-line: …`: the line after it.
    NextLine,
    /// `dossier-ignore: […]` in front matter, or a `.txt` line
    /// `dossier-ignore-file: …`: the whole file.
    File,
}

/// A `dossier-ignore` directive: where it is written, what it switches off
/// and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The comment, front matter line or marker line itself.
    pub range: Range<usize>,
    pub scope: Scope,
    /// The rules it switches off; every rule when it names none.
    pub codes: Vec<RuleCode>,
    /// It names no rule: it switches off every rule.
    pub all: bool,
    /// Names that select no rule (rule M001 reports them).
    pub unknown: Vec<UnknownRule>,
    /// The text it reaches (empty until known, for a block directive with
    /// no block after it).
    pub covers: Range<usize>,
}

impl Directive {
    pub fn switches_off(&self, code: RuleCode) -> bool {
        self.all || self.codes.contains(&code)
    }
}
