//! What the segmenter tells whole-text rules of a file's structure.

use std::ops::Range;

use super::rule::UnknownRule;

/// What whole-text rules need to know of a file's structure: where
/// line-level rules must not act (markdown code blocks, HTML blocks, front
/// matter, hard breaks), and the `dossier-ignore` directives it holds.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub verbatim: Vec<Range<usize>>,
    pub directives: Vec<Directive>,
}

/// A `<!-- dossier-ignore NAME... -->` comment, and the names in it that
/// select no rule (rule M001 reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub range: Range<usize>,
    pub unknown: Vec<UnknownRule>,
}
