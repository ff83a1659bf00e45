//! Applying fixes: non-overlapping, each fix whole or not at all, in one
//! linear pass over the text.

use std::collections::BTreeMap;
use std::ops::Range;

use super::diagnostic::{Diagnostic, Edit, Fix};
use super::rule::RuleCode;
use crate::files::memory;

/// Two edits cannot both apply: they change the same bytes, insert at the
/// same point, or one inserts strictly inside the other.
fn conflicts(a: &Range<usize>, b: &Range<usize>) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => a.start == b.start,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

/// The fixes `accept` allows, first come first served by position, without
/// conflicts: those [`apply`] applies, in the order it takes them.
pub fn select(diags: &[Diagnostic], accept: impl Fn(&Fix) -> bool) -> Vec<&Diagnostic> {
    // Each with its fix's span, computed once rather than per comparison.
    let mut candidates: Vec<(usize, usize, &Diagnostic)> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref().filter(|f| !f.edits.is_empty() && accept(f)).map(|f| (f.span(), d)))
        .map(|(span, d)| (span.start, span.end, d))
        .collect();
    candidates.sort_by_key(|&(start, end, _)| (start, end));
    let mut taken: Vec<&Diagnostic> = Vec::with_capacity(candidates.len());
    // Accepted edits sorted by end: an edit can only conflict with those
    // ending at or after its start. Candidates arrive by start, so inserts
    // land near the tail and the scan stays short.
    let mut accepted: Vec<Range<usize>> = Vec::new();
    for (_, _, d) in candidates {
        let edits = &d.fix.as_ref().unwrap().edits;
        let clash = edits.iter().any(|e| {
            let from = accepted.partition_point(|a| a.end < e.range.start);
            accepted[from..].iter().any(|a| conflicts(a, &e.range))
        });
        if clash {
            continue;
        }
        for e in edits {
            let at = accepted.partition_point(|a| (a.end, a.start) <= (e.range.end, e.range.start));
            accepted.insert(at, e.range.clone());
        }
        taken.push(d);
    }
    taken
}

/// Apply the accepted fixes of `diags` to `text`. Returns the new text and how
/// many fixes each rule contributed (empty when nothing applied).
pub fn apply(text: &str, diags: &[Diagnostic], accept: impl Fn(&Fix) -> bool) -> (String, BTreeMap<RuleCode, usize>) {
    let (edits, counts) = accepted_edits(diags, accept);
    if edits.is_empty() {
        return (String::new(), counts);
    }
    let mut out = memory::string_with_capacity(text.len() + 16);
    write_edited(&mut out, text, 0, &edits);
    (out, counts)
}

/// [`apply`] in place: the text before the first edit stays where it is,
/// so a fix at the end of a large document (its final newline) copies
/// nothing.
pub fn apply_in_place(text: &mut String, diags: &[Diagnostic], accept: impl Fn(&Fix) -> bool) -> BTreeMap<RuleCode, usize> {
    let (edits, counts) = accepted_edits(diags, accept);
    if let Some(first) = edits.first() {
        let base = first.range.start;
        let tail = text.split_off(base);
        write_edited(text, &tail, base, &edits);
    }
    counts
}

/// The edits of the fixes [`select`] takes, in the order they are written
/// (insertions before replacements at the same start keep both in order),
/// and how many fixes each rule contributed.
fn accepted_edits(diags: &[Diagnostic], accept: impl Fn(&Fix) -> bool) -> (Vec<&Edit>, BTreeMap<RuleCode, usize>) {
    let mut counts = BTreeMap::new();
    let mut edits: Vec<&Edit> = Vec::new();
    for d in select(diags, accept) {
        *counts.entry(d.code).or_insert(0) += 1;
        edits.extend(d.fix.as_ref().unwrap().edits.iter());
    }
    edits.sort_by_key(|e| (e.range.start, !e.range.is_empty(), e.range.end));
    (edits, counts)
}

/// Append `text` (which starts at offset `base` of the document the edits
/// are for) to `out` with `edits` made.
fn write_edited(out: &mut String, text: &str, base: usize, edits: &[&Edit]) {
    let mut cursor = 0;
    for e in edits {
        out.push_str(&text[cursor..e.range.start - base]);
        out.push_str(&e.replacement);
        cursor = e.range.end - base;
    }
    out.push_str(&text[cursor..]);
}

/// Move `ranges` (which no accepted edit intrudes) to where they are after the
/// same fixes `apply` would make. Accepted edits do not overlap, so sorted by
/// start they are sorted by end too: each position binary-searches the
/// running sum of length changes (a markdown paragraph can hold thousands of
/// markup ranges and fixes, and walking the edits for each range was
/// quadratic).
pub fn remap_ranges(ranges: &[Range<usize>], diags: &[Diagnostic], accept: impl Fn(&Fix) -> bool) -> Vec<Range<usize>> {
    if ranges.is_empty() {
        return Vec::new();
    }
    let mut edits: Vec<&Edit> = select(diags, accept).into_iter().flat_map(|d| d.fix.as_ref().unwrap().edits.iter()).collect();
    // The order `apply` writes them in (insertions first at a start).
    edits.sort_by_key(|e| (e.range.start, !e.range.is_empty(), e.range.end));
    // deltas[i]: the change in length made by edits[..i].
    let deltas: Vec<isize> = std::iter::once(0)
        .chain(edits.iter().scan(0isize, |sum, e| {
            *sum += e.replacement.len() as isize - e.range.len() as isize;
            Some(*sum)
        }))
        .collect();
    // An edit moves `pos` when it lies wholly before it; `inclusive` (a
    // range's end) also counts a replacement ending exactly there, but not an
    // insertion there. Both are true for a prefix of the sorted edits.
    let shift = |pos: usize, inclusive: bool| -> usize {
        let before = |e: &&Edit| e.range.start <= pos && e.range.end <= pos && (!inclusive || e.range.start < pos || !e.range.is_empty());
        (pos as isize + deltas[edits.partition_point(before)]) as usize
    };
    ranges.iter().map(|r| shift(r.start, false)..shift(r.end, true)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::rule::RuleCode;

    fn d(range: Range<usize>, edits: Vec<Edit>) -> Diagnostic {
        Diagnostic::fixable(RuleCode("S001"), range, "x", edits)
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "abcdef";
        let diags = vec![
            d(0..1, vec![Edit::replace(0..1, "A")]),
            d(0..2, vec![Edit::replace(0..2, "XX")]),
            d(3..3, vec![Edit::insert(3, "-")]),
            d(3..3, vec![Edit::insert(3, "+")]),
            d(5..6, vec![Edit::delete(5..6)]),
        ];
        let (out, counts) = apply(text, &diags, |_| true);
        assert_eq!(out, "Abc-de");
        assert_eq!(counts[&RuleCode("S001")], 3);
    }

    #[test]
    fn applies_in_place_as_to_a_copy() {
        let text = "abc def ghi";
        let diags =
            vec![d(4..5, vec![Edit::replace(4..5, "D")]), d(11..11, vec![Edit::insert(11, "\n")]), d(8..9, vec![Edit::delete(8..9)])];
        let (copy, counts) = apply(text, &diags, |_| true);
        let mut owned = text.to_string();
        assert_eq!(apply_in_place(&mut owned, &diags, |_| true), counts);
        assert_eq!(owned, copy);
        assert_eq!(copy, "abc Def hi\n");
        let mut untouched = text.to_string();
        assert!(apply_in_place(&mut untouched, &[], |_| true).is_empty());
        assert_eq!(untouched, text);
    }

    #[test]
    fn multi_edit_fix_is_all_or_nothing() {
        let text = "\"a\" b";
        let diags = vec![d(4..5, vec![Edit::replace(4..5, "B")]), d(0..3, vec![Edit::replace(0..1, "«"), Edit::replace(2..3, "»")])];
        let (out, _) = apply(text, &diags, |_| true);
        assert_eq!(out, "«a» B");
    }

    #[test]
    fn remaps_untouched_ranges() {
        let diags = vec![d(0..2, vec![Edit::delete(0..2)]), d(6..6, vec![Edit::insert(6, "xyz")])];
        assert_eq!(remap_ranges(&[3..5, 7..8], &diags, |_| true), vec![1..3, 8..9]);
    }
}
