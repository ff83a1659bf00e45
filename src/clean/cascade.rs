//! What `fix` changes only after other fixes, found up front for `check`.
//!
//! A paragraph is fixed in rounds: a later round sees text the earlier ones
//! made, and finds what they revealed. `قال <RLM> "` holds two spaces only
//! once B001 has removed the mark between them; a space inside `"…"` is one
//! inside guillemets only once Q002 has made them «…». `check` must not
//! stay silent about a change `fix` will make, so it runs the same rounds and
//! reports each later fix at the place of the original text it comes from.
//!
//! A later finding keeps its rule and message, and says which fixes it
//! follows. Its fix keeps its applicability but carries no edits: its edit is
//! written against text that exists only after the earlier fixes.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::apply;
use super::diagnostic::{Diagnostic, Edit, Fix};
use super::rule::RuleCode;

/// One replaced stretch of a round: `old` in the round's text became `new`
/// in the next round's.
#[derive(Debug, Clone)]
struct Change {
    old: Range<usize>,
    new: Range<usize>,
    code: RuleCode,
}

/// The changes one round of fixes made, sorted (they do not overlap).
#[derive(Debug, Default)]
struct Layer(Vec<Change>);

impl Layer {
    /// The layer of `taken` fixes, with their edits in the order `apply`
    /// applies them.
    fn of(taken: &[&Diagnostic]) -> Layer {
        let mut edits: Vec<(&Edit, RuleCode)> =
            taken.iter().flat_map(|d| d.fix.iter().flat_map(|f| f.edits.iter()).map(move |e| (e, d.code))).collect();
        edits.sort_by_key(|(e, _)| (e.range.start, !e.range.is_empty(), e.range.end));
        let mut delta: isize = 0;
        let changes = edits
            .into_iter()
            .map(|(e, code)| {
                let start = (e.range.start as isize + delta) as usize;
                delta += e.replacement.len() as isize - e.range.len() as isize;
                Change { old: e.range.clone(), new: start..start + e.replacement.len(), code }
            })
            .collect();
        Layer(changes)
    }

    /// Where the character at `p` of the new text came from: the start of
    /// the stretch it replaced, when it is part of a replacement.
    fn back_start(&self, p: usize) -> usize {
        let i = self.0.partition_point(|c| c.new.end <= p);
        match self.0.get(i) {
            Some(c) if c.new.start <= p => c.old.start,
            _ => self.exact(i, p),
        }
    }

    /// Where the text ending at `p` of the new text ended: the end of the
    /// stretch its last character replaced, when it is part of a replacement.
    fn back_end(&self, p: usize) -> usize {
        if p == 0 {
            return 0;
        }
        let i = self.0.partition_point(|c| c.new.end < p);
        match self.0.get(i) {
            Some(c) if c.new.start < p => c.old.end,
            _ => self.exact(i, p),
        }
    }

    /// `p` in unchanged text after the first `i` changes.
    fn exact(&self, i: usize, p: usize) -> usize {
        match i.checked_sub(1).map(|j| &self.0[j]) {
            Some(c) => p - c.new.end + c.old.end,
            None => p,
        }
    }

    /// The rules whose changes meet `range` of the new text (touching counts).
    fn codes_meeting(&self, range: &Range<usize>, codes: &mut Vec<RuleCode>) {
        let from = self.0.partition_point(|c| c.new.end < range.start);
        for c in self.0[from..].iter().take_while(|c| c.new.start <= range.end) {
            if !codes.contains(&c.code) {
                codes.push(c.code);
            }
        }
    }
}

/// The rounds of fixing one paragraph, as `check` watches them.
#[derive(Default)]
pub struct Rounds {
    /// A round was recorded.
    started: bool,
    layers: Vec<Layer>,
    /// What the first round found, in the paragraph's own offsets.
    first: Vec<Diagnostic>,
    /// Later fixes, moved back to the paragraph's own offsets.
    later: Vec<Diagnostic>,
    /// Where each rule has reported so far (first and later findings), as
    /// merged closed intervals by start: "reported already here?" is then a
    /// look-up, not a scan of every finding (which was quadratic on a large
    /// paragraph fixed over several rounds). Made when a later round first
    /// finds something: most paragraphs have one round.
    reported: Option<HashMap<RuleCode, Reported>>,
}

/// The places one rule reported at: disjoint closed intervals, start → end.
#[derive(Debug, Default)]
struct Reported(BTreeMap<usize, usize>);

impl Reported {
    /// Some reported range meets `range` (touching counts).
    fn meets(&self, range: &Range<usize>) -> bool {
        self.0.range(..=range.end).next_back().is_some_and(|(_, &end)| end >= range.start)
    }

    fn add(&mut self, range: &Range<usize>) {
        let (mut start, mut end) = (range.start, range.end);
        // Swallow every interval this one meets.
        while let Some((&s, &e)) = self.0.range(..=end).next_back() {
            if e < start {
                break;
            }
            self.0.remove(&s);
            start = start.min(s);
            end = end.max(e);
        }
        self.0.insert(start, end);
    }
}

impl Rounds {
    /// Record one round: its findings, of which `fix` applies those
    /// [`apply::select`] takes with `accept`. The first round's are taken
    /// over: a finding on every word of a large line is not copied.
    pub fn record(&mut self, diags: &mut Vec<Diagnostic>, accept: impl Fn(&Fix) -> bool) {
        let taken = apply::select(diags, accept);
        let layer = Layer::of(&taken);
        if !self.started {
            // A first round that fixes nothing is the only one: most
            // paragraphs cost no layer.
            self.started = true;
            if !taken.is_empty() {
                self.layers.push(layer);
            }
            self.first = std::mem::take(diags);
            return;
        }
        for d in taken {
            self.record_later(d);
        }
        self.layers.push(layer);
    }

    fn record_later(&mut self, d: &Diagnostic) {
        // Back through the rounds before this one, newest first.
        let (mut start, mut end) = (d.range.start, d.range.end);
        let mut codes = Vec::new();
        for layer in self.layers.iter().rev() {
            layer.codes_meeting(&(start..end), &mut codes);
            let s = layer.back_start(start);
            end = if end == start { s } else { layer.back_end(end).max(s) };
            start = s;
        }
        let range = start..end;
        let first = &self.first;
        let reported = self.reported.get_or_insert_with(|| {
            let mut index: HashMap<RuleCode, Reported> = HashMap::new();
            for f in first {
                index.entry(f.code).or_default().add(&f.range);
            }
            index
        });
        let reported = reported.entry(d.code).or_default();
        if reported.meets(&range) {
            return; // reported already, at this place
        }
        reported.add(&range);
        codes.retain(|c| *c != d.code);
        codes.sort();
        let after = match codes.as_slice() {
            [] => "other fixes".to_string(),
            [one] => format!("the {one} fix"),
            many => format!("the {} fixes", many.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")),
        };
        let applicability = d.fix.as_ref().map(|f| f.applicability);
        self.later.push(Diagnostic {
            code: d.code,
            range,
            message: format!("{} (shows after {after})", d.message).into(),
            severity: d.severity,
            fix: applicability.map(|applicability| Fix { applicability, edits: Vec::new() }),
        });
    }

    /// Everything found: the first round's findings and the later fixes.
    pub fn into_findings(self) -> Vec<Diagnostic> {
        let mut all = self.first;
        all.extend(self.later);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reported_places_merge_and_meet() {
        let mut r = Reported::default();
        r.add(&(10..12));
        r.add(&(20..20));
        assert!(r.meets(&(12..15)) && r.meets(&(5..10)) && r.meets(&(20..20)) && r.meets(&(15..25)));
        assert!(!r.meets(&(13..19)) && !r.meets(&(21..30)) && !r.meets(&(0..9)));
        r.add(&(12..20));
        assert_eq!(r.0.len(), 1);
        assert!(r.meets(&(16..16)));
    }

    fn d(code: &'static str, range: Range<usize>, edits: Vec<Edit>) -> Diagnostic {
        Diagnostic::fixable(RuleCode(code), range, "x", edits)
    }

    #[test]
    fn maps_back_through_a_deletion_and_a_replacement() {
        // "a R b" → (delete R at 2..5) → "a  b": a later finding on "  " (1..3)
        // covers " R " (1..6) of the original.
        let mut rounds = Rounds::default();
        rounds.record(&mut vec![d("B001", 2..5, vec![Edit::delete(2..5)])], |_| true);
        rounds.record(&mut vec![d("S001", 1..3, vec![Edit::replace(1..3, " ")])], |_| true);
        let all = rounds.into_findings();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].range, 1..6);
        assert!(all[1].message.contains("after the B001 fix"), "{}", all[1].message);
        assert!(all[1].fix.as_ref().is_some_and(|f| f.edits.is_empty()));
    }

    #[test]
    fn a_character_inside_a_replacement_maps_to_what_it_replaced() {
        // `"` (0..1) became `«` (0..2): a later finding on `« ` (0..3) covers `" ` (0..2).
        let layer = Layer::of(&[&d("Q002", 0..1, vec![Edit::replace(0..1, "«")])]);
        assert_eq!((layer.back_start(0), layer.back_end(3)), (0, 2));
        assert_eq!((layer.back_start(1), layer.back_end(2)), (0, 1));
    }

    #[test]
    fn the_same_rule_at_the_same_place_is_reported_once() {
        let mut rounds = Rounds::default();
        rounds.record(&mut vec![d("C002", 0..6, vec![Edit::delete(2..6)])], |_| true);
        rounds.record(&mut vec![d("C002", 0..2, vec![Edit::delete(0..2)])], |_| true);
        assert_eq!(rounds.into_findings().len(), 1);
    }
}
