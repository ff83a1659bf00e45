//! Suppressions: `dossier-ignore` directives, what they reach, and which
//! of them switched anything off (rule M004 reports those that did not).
//!
//! Markdown: `<!-- dossier-ignore CODES -->` on its own line switches rules
//! off for the next block, `<!-- dossier-ignore-line CODES -->` for the line
//! it is on, `<!-- dossier-ignore-next-line CODES -->` for the line after
//! it, and `dossier-ignore: [CODES]` in front matter for the whole file.
//! Plain text has no comments, so a line holding only
//! `dossier-ignore-next-line: CODES` or `dossier-ignore-file: CODES` is a
//! directive (and is neither checked nor printed). CODES are selectors as
//! in `--ignore` (codes, prefixes, names); none means every rule.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use super::layout::{Directive, Scope};
use super::rule::RuleCode;
use super::selection;

const BLOCK: &str = "dossier-ignore";
const LINE: &str = "dossier-ignore-line";
const NEXT_LINE: &str = "dossier-ignore-next-line";
const FILE: &str = "dossier-ignore-file";

/// The scope and names of `<!-- dossier-ignore… NAMES -->`.
pub fn comment(html: &str) -> Option<(Scope, Vec<String>)> {
    let inner = html.trim().strip_prefix("<!--")?.trim_end().strip_suffix("-->")?.trim();
    let (scope, names) = keyword(inner, &[(NEXT_LINE, Scope::NextLine), (LINE, Scope::Line), (FILE, Scope::File), (BLOCK, Scope::Block)])?;
    Some((scope, names))
}

/// A `.txt` line that is a directive: `dossier-ignore-next-line: NAMES` or
/// `dossier-ignore-file: NAMES`, alone on the line.
pub fn marker_line(line: &str) -> Option<(Scope, Vec<String>)> {
    let line = line.trim();
    let (scope, names) = keyword(line, &[(NEXT_LINE, Scope::NextLine), (FILE, Scope::File)])?;
    Some((scope, names))
}

/// `keyword` then `:`, `=` or a space, then names split on spaces and commas.
fn keyword(text: &str, keywords: &[(&str, Scope)]) -> Option<(Scope, Vec<String>)> {
    let (rest, scope) = keywords.iter().find_map(|&(k, scope)| {
        let rest = text.strip_prefix(k)?;
        (rest.is_empty() || rest.starts_with([':', ' ', '\t'])).then_some((rest, scope))
    })?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    Some((scope, names(rest)))
}

fn names(list: &str) -> Vec<String> {
    list.split(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '"' | '\''))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `dossier-ignore: [S001, Q]` (YAML, also as a block list on the lines
/// below) or `dossier-ignore = ["S001"]` (TOML) in the front matter
/// `block` (its text from `at`): a directive for the file, on the key's
/// line. Front matter names its rules: an empty value switches nothing off
/// (and M004 says so), never every rule.
pub fn front_matter(block: &str, at: usize, text_len: usize) -> Option<Directive> {
    let mut start = 0;
    for line in block.split_inclusive('\n') {
        let body = line.trim_end();
        let after_key = body.strip_prefix(BLOCK).map(str::trim_start);
        if let Some(rest) = after_key.and_then(|r| r.strip_prefix([':', '='])) {
            let yaml = after_key.is_some_and(|r| r.starts_with(':'));
            let names = front_matter_value(block, yaml).unwrap_or_else(|| names(rest));
            let mut found = directive(at + start..at + start + body.len(), Scope::File, &names, 0..text_len);
            found.all = false;
            return Some(found);
        }
        start += line.len();
    }
    None
}

/// The names of the `dossier-ignore` field of front matter that parses
/// (fences aside): a list or one string. `None` when it does not parse
/// (M002 says so; the key's own line is read then).
fn front_matter_value(block: &str, yaml: bool) -> Option<Vec<String>> {
    let inner: String = block.split_inclusive('\n').filter(|l| !matches!(l.trim(), "---" | "+++" | "...")).collect();
    let strings = |items: Vec<Option<&str>>| items.into_iter().flatten().flat_map(names).collect::<Vec<_>>();
    if yaml {
        let yaml = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&inner).ok()?;
        return Some(match yaml.get(BLOCK)? {
            serde_yaml_ng::Value::Sequence(items) => strings(items.iter().map(|v| v.as_str()).collect()),
            value => strings(vec![value.as_str()]),
        });
    }
    let toml = inner.parse::<toml::Table>().ok()?;
    Some(match toml.get(BLOCK)? {
        toml::Value::Array(items) => strings(items.iter().map(|v| v.as_str()).collect()),
        value => strings(vec![value.as_str()]),
    })
}

/// A directive of `scope` at `range` naming `names` (none: every rule),
/// reaching `covers`.
pub fn directive(range: Range<usize>, scope: Scope, names: &[String], covers: Range<usize>) -> Directive {
    let (codes, unknown) = selection::resolve(names);
    Directive { range, scope, all: names.is_empty(), codes, unknown, covers }
}

/// [`line_at`] for positions read in order, the last line found kept: many
/// directives on one long line cost one scan of it, not one each.
#[derive(Default)]
pub struct LineCache(Option<Range<usize>>);

impl LineCache {
    pub fn line_at(&mut self, text: &str, at: usize) -> Range<usize> {
        match &self.0 {
            // A line holds its end too (where its break is).
            Some(line) if line.start <= at && at <= line.end => line.clone(),
            _ => self.0.insert(line_at(text, at)).clone(),
        }
    }

    /// [`next_line`], through the cache.
    pub fn next_line(&mut self, text: &str, at: usize) -> Range<usize> {
        let this = self.line_at(text, at);
        if this.end >= text.len() {
            return text.len()..text.len();
        }
        line_at(text, this.end + 1)
    }
}

/// The line of `text` holding `at`, without its line break.
pub fn line_at(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// The line after the one holding `at` (empty at the end of the text).
pub fn next_line(text: &str, at: usize) -> Range<usize> {
    let this = line_at(text, at);
    if this.end >= text.len() {
        return text.len()..text.len();
    }
    line_at(text, this.end + 1)
}

/// The directives of a plain text: its marker lines. A search for the
/// common prefix finds them without reading the text line by line.
pub fn text_directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut after = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), BLOCK.as_bytes()) {
        if at < after {
            continue;
        }
        let line = line_at(text, at);
        after = line.end;
        let Some((scope, names)) = marker_line(&text[line.clone()]) else { continue };
        let covers = match scope {
            Scope::File => 0..text.len(),
            _ => next_line(text, line.start),
        };
        out.push(directive(line, scope, &names, covers));
    }
    out
}

/// A directive's reach inside one paragraph, as the paragraph's rules see
/// it: `within` is relative to the paragraph and moves with its fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    /// Its index in the layout's directives.
    pub directive: usize,
    pub within: Range<usize>,
    pub all: bool,
    pub codes: Arc<[RuleCode]>,
}

impl Ignore {
    /// The directive that switches `code` off at `at` (relative), if any.
    pub fn find(ignored: &[Ignore], code: RuleCode, at: usize) -> Option<usize> {
        ignored
            .iter()
            .find(|i| (i.all || i.codes.contains(&code)) && i.within.start <= at && at < i.within.end.max(i.within.start + 1))
            .map(|i| i.directive)
    }
}

/// Where the directives of a file reach, for looking up by position.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// Each directive's rules: every rule, or these.
    switches: Vec<(bool, Arc<[RuleCode]>)>,
    /// Directives with a local reach: what they cover, sorted by its start.
    local: Vec<(Range<usize>, usize)>,
    /// `max_end[k]`: the furthest end of `local[..=k]`.
    max_end: Vec<usize>,
    /// Directives over the whole file.
    file: Vec<usize>,
}

impl Reach {
    pub fn new(directives: &[Directive]) -> Reach {
        let switches = directives.iter().map(|d| (d.all, Arc::from(d.codes.as_slice()))).collect();
        let mut local = Vec::new();
        let mut file = Vec::new();
        for (i, d) in directives.iter().enumerate() {
            match d.scope {
                Scope::File => file.push(i),
                // A block directive with no block after it reaches nothing.
                Scope::Block if d.covers.is_empty() => {}
                _ => local.push((d.covers.clone(), i)),
            }
        }
        local.sort_by_key(|(c, _)| c.start);
        let max_end = local
            .iter()
            .scan(0, |m, (c, _)| {
                *m = (*m).max(c.end);
                Some(*m)
            })
            .collect();
        Reach { switches, local, max_end, file }
    }

    pub fn is_empty(&self) -> bool {
        self.switches.is_empty()
    }

    /// The directives reaching into `range` (a position, when empty).
    fn over(&self, range: &Range<usize>) -> impl Iterator<Item = (usize, &Range<usize>)> + '_ {
        let end = range.end.max(range.start + 1);
        let start = range.start;
        let last = self.local.partition_point(|(c, _)| c.start < end);
        let local = (0..last)
            .rev()
            .take_while(move |&k| self.max_end[k] > start)
            .map(|k| (self.local[k].1, &self.local[k].0))
            .filter(move |(_, c)| c.end > start);
        self.file.iter().map(|&i| (i, &FILE_WIDE)).chain(local)
    }

    fn switches_off(&self, directive: usize, code: RuleCode) -> bool {
        let (all, codes) = &self.switches[directive];
        *all || codes.contains(&code)
    }

    /// The directive that switches `code` off at byte `at`, if any.
    pub fn find(&self, code: RuleCode, at: usize) -> Option<usize> {
        self.find_where(at, |i| self.switches_off(i, code))
    }

    /// The first directive reaching byte `at` that `wanted` accepts.
    fn find_where(&self, at: usize, wanted: impl Fn(usize) -> bool) -> Option<usize> {
        if self.is_empty() {
            return None;
        }
        self.over(&(at..at)).map(|(i, _)| i).filter(|&i| wanted(i)).min()
    }

    /// The rules directive `i` names (not "every rule").
    pub fn names(&self, i: usize, code: RuleCode) -> bool {
        self.switches[i].1.contains(&code)
    }

    /// The directives over the paragraph at `range`, relative to it.
    pub fn ignores(&self, range: &Range<usize>) -> Vec<Ignore> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Ignore> = self
            .over(range)
            .map(|(i, c)| {
                // What covers the whole paragraph covers what its fixes add.
                let within = if c.start <= range.start && c.end >= range.end {
                    0..range.len()
                } else {
                    let from = c.start.max(range.start);
                    from - range.start..c.end.min(range.end).max(from) - range.start
                };
                let (all, codes) = &self.switches[i];
                Ignore { directive: i, within, all: *all, codes: codes.clone() }
            })
            .collect();
        out.sort_by_key(|i| i.directive);
        out
    }
}

/// What a file-wide directive covers, whatever the text.
const FILE_WIDE: Range<usize> = 0..usize::MAX;

/// The directives that switched something off in a run, by index.
#[derive(Debug, Default)]
pub struct Used(Mutex<BTreeSet<usize>>);

impl Used {
    pub fn mark(&self, directive: usize) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(directive);
    }
    pub fn contains(&self, directive: usize) -> bool {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).contains(&directive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_read_in_every_form() {
        assert_eq!(comment("<!-- dossier-ignore Q001 S -->"), Some((Scope::Block, vec!["Q001".into(), "S".into()])));
        assert_eq!(comment("<!--dossier-ignore-line S001-->"), Some((Scope::Line, vec!["S001".into()])));
        assert_eq!(comment("<!-- dossier-ignore-next-line -->"), Some((Scope::NextLine, vec![])));
        assert_eq!(comment("<!-- dossier-ignored -->"), None);
        assert_eq!(marker_line("  dossier-ignore-next-line: S001, Q  "), Some((Scope::NextLine, vec!["S001".into(), "Q".into()])));
        assert_eq!(
            marker_line("dossier-ignore-next-line: S001 then words"),
            Some((Scope::NextLine, vec!["S001".into(), "then".into(), "words".into()]))
        );
        assert_eq!(marker_line("قال dossier-ignore-next-line: S001"), None);
        let fm =
            |block: &str| front_matter(block, 4, 100).map(|d| (d.range, d.codes.iter().map(|c| c.as_str()).collect::<Vec<_>>(), d.all));
        assert_eq!(fm("title: x\ndossier-ignore: [S001, \"Q001\"]\n"), Some((13..43, vec!["S001", "Q001"], false)));
        assert_eq!(fm("dossier-ignore = [\"S001\"]\n").map(|f| f.1), Some(vec!["S001"]));
        // A YAML block list, and a TOML array over lines: the names below the key.
        assert_eq!(fm("---\ndossier-ignore:\n  - S001\n  - Q001\ntitle: x\n---\n").map(|f| f.1), Some(vec!["S001", "Q001"]));
        assert_eq!(fm("+++\ndossier-ignore = [\n  \"S001\",\n]\n+++\n").map(|f| f.1), Some(vec!["S001"]));
        // Empty: nothing switched off, never every rule.
        assert_eq!(fm("dossier-ignore:\ntitle: x\n").map(|f| (f.1.len(), f.2)), Some((0, false)));
    }

    #[test]
    fn text_markers_reach_the_next_line_or_the_file() {
        let text = "أول\ndossier-ignore-next-line: S001\nقال  نعم\ndossier-ignore-file: Q\n";
        let found = text_directives(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].covers.clone()], "قال  نعم");
        assert_eq!(found[1].covers, 0..text.len());
        let reach = Reach::new(&found);
        let s001 = found[0].codes[0];
        assert_eq!(reach.find(s001, text.find("  ").unwrap()), Some(0));
        assert_eq!(reach.find(s001, 0), None);
        assert!(found[1].codes.iter().all(|c| reach.find(*c, 0) == Some(1)));
    }
}
