//! Parallel articles: which article is whose translation, and which block
//! of one is set level with which block of the other.
//!
//! Pairing is by name (`x.md` or `x.txt` or `x.ar.md` with `x.en.md`) or by
//! a `translation` field naming the other file. Alignment is by order within
//! each section: a heading starts a section, and so does an `<!-- pair -->`
//! comment, which an editor puts in both files to force a pairing point.
//! Where a section holds more blocks in one file than in the other, the
//! first unmatched block is reported (file and line in both), the blocks up
//! to it are paired, and the rest of the stretch up to the next `<!-- pair
//! -->` (or the end) is set one column after the other: nothing is dropped.

use std::ops::Range;

/// One article as pairing sees it.
pub struct Named<'a> {
    /// Relative to the dossier folder, with `/`.
    pub name: &'a str,
    /// Its `translation` field, relative to its own folder.
    pub translation: Option<&'a str>,
}

/// Pairs of article indices (earlier article first, each article in one
/// pair at most), and notes on `translation` fields that name no article.
pub fn pair_articles(articles: &[Named]) -> (Vec<(usize, usize)>, Vec<String>) {
    let index: std::collections::HashMap<&str, usize> = articles.iter().enumerate().map(|(i, a)| (a.name, i)).collect();
    let mut partner: Vec<Option<usize>> = vec![None; articles.len()];
    let mut notes = Vec::new();
    let link = |a: usize, b: usize, partner: &mut Vec<Option<usize>>| {
        if a != b && partner[a].is_none() && partner[b].is_none() {
            partner[a] = Some(b);
            partner[b] = Some(a);
        }
    };
    // Named in front matter or dossier.toml first: the editor's word wins.
    for (i, a) in articles.iter().enumerate() {
        let Some(t) = a.translation else { continue };
        let folder = a.name.rsplit_once('/').map_or("", |(f, _)| f);
        let wanted =
            if folder.is_empty() { t.trim_start_matches("./").to_string() } else { format!("{folder}/{}", t.trim_start_matches("./")) };
        match index.get(wanted.as_str()) {
            Some(&j) => link(i, j, &mut partner),
            None => notes.push(format!(
                "{}: translation = \"{t}\" names no article of the dossier; it is set on its own (list {wanted} in dossier.toml, or fix the name)",
                a.name
            )),
        }
    }
    for (i, a) in articles.iter().enumerate() {
        if let Some(stem) = translation_stem(a.name) {
            let original = ["md", "txt", "markdown"]
                .iter()
                .flat_map(|ext| [format!("{stem}.{ext}"), format!("{stem}.ar.{ext}")])
                .find_map(|n| index.get(n.as_str()).copied());
            if let Some(j) = original {
                link(i, j, &mut partner);
            }
        }
    }
    let pairs = partner.iter().enumerate().filter_map(|(i, p)| p.filter(|j| i < *j).map(|j| (i, j))).collect();
    (pairs, notes)
}

/// `x` for `x.en.md` (any article extension): the name of a translation
/// into English by the naming rule.
fn translation_stem(name: &str) -> Option<&str> {
    let (rest, ext) = name.rsplit_once('.')?;
    if !["md", "markdown", "txt"].contains(&ext.to_ascii_lowercase().as_str()) {
        return None;
    }
    rest.strip_suffix(".en").filter(|s| !s.is_empty() && !s.ends_with('/'))
}

/// One side of a pair: for each block, whether it is a heading and its
/// line in the author's file; and where its `<!-- pair -->` marks stand.
pub struct Side {
    pub headings: Vec<bool>,
    pub lines: Vec<usize>,
    pub marks: Vec<usize>,
}

/// Blocks set level with each other: a range of each side's blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub first: Range<usize>,
    pub second: Range<usize>,
}

/// Where the two sides fell out of step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub first_line: usize,
    pub second_line: usize,
    /// The side has no block left there: its line is its last block's.
    pub ended: (bool, bool),
    /// Blocks each side has in that section.
    pub counts: (usize, usize),
}

impl Mismatch {
    fn new(first: &Side, i: usize, second: &Side, j: usize, counts: (usize, usize)) -> Mismatch {
        let ((first_line, a), (second_line, b)) = (place(first, i), place(second, j));
        Mismatch { first_line, second_line, ended: (a, b), counts }
    }

    pub fn message(&self, first: &str, second: &str) -> String {
        let at = |file: &str, line: usize, ended: bool| {
            if ended {
                format!("{file}:{line} (its last block)")
            } else {
                format!("{file}:{line}")
            }
        };
        format!(
            "{} and {}: the translation falls out of step here (a section of {} blocks against {}); \
             the blocks before are paired, the rest up to the next <!-- pair --> is set one column after the other",
            at(first, self.first_line, self.ended.0),
            at(second, self.second_line, self.ended.1),
            self.counts.0,
            self.counts.1
        )
    }
}

/// Rows of blocks set level, covering every block of both sides in order,
/// and the first block out of step in each stretch between marks.
pub fn align(first: &Side, second: &Side) -> (Vec<Row>, Vec<Mismatch>) {
    let (a, b) = (stretches(first), stretches(second));
    let mut rows = Vec::new();
    let mut mismatches = Vec::new();
    for k in 0..a.len().max(b.len()) {
        let (sa, sb) = (a.get(k).cloned(), b.get(k).cloned());
        match (sa, sb) {
            (Some(sa), Some(sb)) => align_stretch(first, second, sa, sb, &mut rows, &mut mismatches),
            // A stretch one side lacks (its marks are fewer): set alone,
            // and said.
            (Some(sa), None) => {
                mismatches.push(Mismatch::new(first, sa.start, second, end(second), (sa.len(), 0)));
                rows.push(Row { first: sa, second: end(second)..end(second) });
            }
            (None, Some(sb)) => {
                mismatches.push(Mismatch::new(first, end(first), second, sb.start, (0, sb.len())));
                rows.push(Row { first: end(first)..end(first), second: sb });
            }
            (None, None) => {}
        }
    }
    (rows, mismatches)
}

fn end(side: &Side) -> usize {
    side.headings.len()
}

/// The side's blocks cut at its marks.
fn stretches(side: &Side) -> Vec<Range<usize>> {
    let mut cuts: Vec<usize> = side.marks.iter().copied().filter(|m| *m > 0 && *m < end(side)).collect();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts.into_iter().chain([end(side)]) {
        if c > start || out.is_empty() {
            out.push(start..c);
        }
        start = c;
    }
    out
}

/// The stretch's sections: a heading starts one.
fn sections(side: &Side, stretch: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = stretch.start;
    for i in stretch.clone() {
        if side.headings[i] && i > start {
            out.push(start..i);
            start = i;
        }
    }
    if stretch.end > start {
        out.push(start..stretch.end);
    }
    out
}

/// The line of block `i` of `side`; of its last block when it has run
/// out (and so, `true`).
fn place(side: &Side, i: usize) -> (usize, bool) {
    match side.lines.get(i) {
        Some(line) => (*line, false),
        None => (side.lines.last().copied().unwrap_or(1), true),
    }
}

fn align_stretch(first: &Side, second: &Side, sa: Range<usize>, sb: Range<usize>, rows: &mut Vec<Row>, mismatches: &mut Vec<Mismatch>) {
    let (xa, xb) = (sections(first, sa.clone()), sections(second, sb.clone()));
    for (ra, rb) in xa.iter().zip(&xb) {
        let n = ra.len().min(rb.len());
        for j in 0..n {
            rows.push(Row { first: ra.start + j..ra.start + j + 1, second: rb.start + j..rb.start + j + 1 });
        }
        if ra.len() != rb.len() {
            mismatches.push(Mismatch::new(first, ra.start + n, second, rb.start + n, (ra.len(), rb.len())));
            rows.push(Row { first: ra.start + n..sa.end, second: rb.start + n..sb.end });
            return;
        }
    }
    if xa.len() != xb.len() {
        // One side has more sections: the rest of the stretch is set apart.
        let k = xa.len().min(xb.len());
        let (na, nb) = (xa.get(k).map_or(sa.end, |r| r.start), xb.get(k).map_or(sb.end, |r| r.start));
        mismatches.push(Mismatch::new(first, na, second, nb, (sa.end - na, sb.end - nb)));
        rows.push(Row { first: na..sa.end, second: nb..sb.end });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(_file: &str, shape: &str, marks: &[usize]) -> Side {
        // `h` a heading, `p` any other block; each block on its own line, two apart.
        Side {
            headings: shape.chars().map(|c| c == 'h').collect(),
            lines: (0..shape.len()).map(|i| 1 + 2 * i).collect(),
            marks: marks.to_vec(),
        }
    }

    fn covered(rows: &[Row], n: usize, pick: impl Fn(&Row) -> Range<usize>) -> bool {
        let mut next = 0;
        for r in rows {
            let r = pick(r);
            if r.start != next && !r.is_empty() {
                return false;
            }
            next = next.max(r.end);
        }
        next == n
    }

    #[test]
    fn equal_shapes_pair_block_by_block() {
        let (rows, bad) = align(&side("a.md", "hpphp", &[]), &side("a.en.md", "hpphp", &[]));
        assert!(bad.is_empty());
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().all(|r| r.first == r.second && r.first.len() == 1));
    }

    #[test]
    fn an_extra_paragraph_is_reported_and_nothing_is_lost() {
        let (a, b) = (side("a.md", "hppphp", &[]), side("a.en.md", "hpphp", &[]));
        let (rows, bad) = align(&a, &b);
        assert_eq!(bad.len(), 1);
        // The fourth block of a.md (line 7) has no partner; a.en.md's fourth (its heading, line 7) is where it stands.
        assert_eq!((bad[0].first_line, bad[0].second_line, bad[0].counts), (7, 7, (4, 3)));
        assert_eq!(rows.len(), 4, "three pairs, then the rest one after the other");
        assert_eq!(rows[3], Row { first: 3..6, second: 3..5 });
        assert!(covered(&rows, 6, |r| r.first.clone()) && covered(&rows, 5, |r| r.second.clone()));
        let m = bad[0].message("a.md", "a.en.md");
        assert!(m.starts_with("a.md:7 and a.en.md:7:"), "{m}");
    }

    #[test]
    fn a_pair_mark_restores_step() {
        // An extra paragraph, then a mark in both before the second section.
        let (a, b) = (side("a.md", "hppphp", &[4]), side("a.en.md", "hpphp", &[3]));
        let (rows, bad) = align(&a, &b);
        assert_eq!(bad.len(), 1);
        assert_eq!(rows.last().unwrap(), &Row { first: 5..6, second: 4..5 });
        assert_eq!(rows[rows.len() - 2], Row { first: 4..5, second: 3..4 }, "the headings after the mark are level");
        assert!(covered(&rows, 6, |r| r.first.clone()) && covered(&rows, 5, |r| r.second.clone()));
    }

    #[test]
    fn an_extra_section_is_reported() {
        let (a, b) = (side("a.md", "hphphp", &[]), side("a.en.md", "hphp", &[]));
        let (rows, bad) = align(&a, &b);
        assert_eq!(bad.len(), 1);
        assert_eq!((bad[0].first_line, bad[0].second_line), (9, 7));
        assert!(covered(&rows, 6, |r| r.first.clone()) && covered(&rows, 4, |r| r.second.clone()));
        // And the other way round.
        let (rows, bad) = align(&b, &a);
        assert_eq!(bad.len(), 1);
        assert!(covered(&rows, 4, |r| r.first.clone()) && covered(&rows, 6, |r| r.second.clone()));
    }

    /// A stretch after a mark only one side has is said too, and the side
    /// that has run out is pointed at its end, not at a paired block.
    #[test]
    fn an_extra_marked_stretch_is_reported() {
        let (a, b) = (side("a.md", "pp", &[]), side("a.en.md", "ppp", &[2]));
        let (rows, bad) = align(&a, &b);
        assert_eq!(bad.len(), 1);
        assert_eq!((bad[0].first_line, bad[0].second_line, bad[0].ended), (3, 5, (true, false)));
        assert!(bad[0].message("a.md", "a.en.md").starts_with("a.md:3 (its last block) and a.en.md:5:"));
        assert!(covered(&rows, 2, |r| r.first.clone()) && covered(&rows, 3, |r| r.second.clone()));
        let (_, bad) = align(&b, &a);
        assert_eq!((bad[0].first_line, bad[0].second_line, bad[0].ended), (5, 3, (false, true)));
    }

    #[test]
    fn empty_sides_lose_nothing() {
        let (rows, bad) = align(&side("a.md", "", &[]), &side("a.en.md", "pp", &[]));
        assert_eq!(bad.len(), 1);
        assert!(covered(&rows, 2, |r| r.second.clone()));
    }

    #[test]
    fn articles_pair_by_name_and_by_field() {
        let named = |name, translation| Named { name, translation };
        let list = [
            named("01-a.txt", None),
            named("01-a.en.md", None),
            named("sub/b.ar.md", None),
            named("sub/b.en.md", None),
            named("c.md", Some("other.md")),
            named("other.md", None),
            named("d.md", Some("missing.md")),
            named("e.en.md", None),
        ];
        let (pairs, notes) = pair_articles(&list);
        assert_eq!(pairs, vec![(0, 1), (2, 3), (4, 5)]);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("d.md: translation = \"missing.md\""), "{}", notes[0]);
    }
}
