//! The unit the rules look at: a paragraph of prose (see [`super::segment`]),
//! with the spans inside it that must not be touched and a summary of the
//! characters it holds.

use std::cell::OnceCell;
use std::ops::Range;

use super::protect::{self, Protected, Protection};
use super::suppress::Ignore;
use crate::text::brackets::{self, closer_of, opener_of, Pairing};
use crate::text::chars::{self, Strong};
pub use crate::text::features::Features;

/// A paragraph of prose, as a rule sees it. Ranges are relative to `text`.
#[derive(Debug, Clone)]
pub struct Paragraph<'a> {
    pub text: &'a str,
    /// Sorted by start.
    pub protected: Vec<Protected>,
    /// `max_end[i]`: the furthest end among `protected[..=i]`, so look-ups
    /// stop walking back as soon as nothing earlier can reach.
    max_end: Vec<usize>,
    pub features: Features,
    /// Every character that is not part of a word, a digit or a plain
    /// space, in text order, protected or not (see [`Features::scan`]).
    signs: Vec<(usize, char)>,
    /// How its brackets pair, found when a rule first asks.
    pairing: OnceCell<Pairing>,
    /// The `dossier-ignore` directives reaching into it.
    pub ignored: &'a [Ignore],
}

/// `range` meets one of `sorted` (sorted, not overlapping).
fn overlaps_any(sorted: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = sorted.partition_point(|r| r.end <= range.start);
    sorted.get(i).is_some_and(|r| r.start < range.end)
}

/// The offsets of the signs a link is searched around (see
/// [`protect::links_at`]).
fn link_anchors(signs: &[(usize, char)]) -> impl Iterator<Item = usize> + '_ {
    signs.iter().filter(|&&(_, c)| matches!(c, '.' | '@' | ':')).map(|&(i, _)| i)
}

impl<'a> Paragraph<'a> {
    /// A paragraph with its untouchable spans and numbers found, plus `markup` ranges
    /// (relative) that are not prose.
    pub fn new(text: &'a str, markup: &[Range<usize>], ignored: &'a [Ignore]) -> Self {
        // About one sign in 32 bytes of prose: most paragraphs never grow it.
        let (mut numbers, mut signs) = (Vec::new(), Vec::with_capacity(text.len() / 32));
        let mut features = Features::scan(text, &mut numbers, &mut signs);
        let mut notation = protect::notation_with(text, protect::Cues::of_signs(&signs));
        if !markup.is_empty() {
            // Markdown markup already covers what it holds: a link's
            // destination is not also a path. (A URL there is still a link
            // too, and its words are taken off twice: see known-defects.)
            notation.retain(|p| !overlaps_any(markup, &p.range));
        }
        let mut protected = protect::with_numbers(protect::merge(protect::links_at(text, link_anchors(&signs)), notation), numbers);
        if !markup.is_empty() {
            protected.extend(markup.iter().map(|r| Protected { range: r.clone(), kind: Protection::Markup }));
            protected.sort_by_key(|p| p.range.start);
        }
        // Links, paths and markup are not words of the paragraph's language.
        for p in protected.iter().filter(|p| p.kind != Protection::Number) {
            let inside = Features::of(&text[p.range.clone()]);
            features.arabic -= inside.arabic.min(features.arabic);
            features.latin -= inside.latin.min(features.latin);
            features.arabic_words -= inside.arabic_words.min(features.arabic_words);
            features.latin_words -= inside.latin_words.min(features.latin_words);
        }
        let max_end = protected
            .iter()
            .scan(0, |m, p| {
                *m = p.range.end.max(*m);
                Some(*m)
            })
            .collect();
        Paragraph { text, protected, max_end, features, signs, pairing: OnceCell::new(), ignored }
    }

    /// The signs (punctuation, quotes, brackets, symbols: characters that
    /// are not letters, digits or plain spaces) that `wanted` picks, with
    /// their offsets, in text order: a rule about signs reads these rather
    /// than the whole paragraph.
    pub fn signs<F: Fn(char) -> bool>(&self, wanted: F) -> impl Iterator<Item = (usize, char)> + use<'_, F> {
        self.signs.iter().copied().filter(move |&(_, c)| wanted(c))
    }

    /// How the brackets, guillemets and curly quotes (`(` `[` `«` `“` and
    /// their closers) outside links and markup pair up: one pairing for
    /// every rule about pairs, since each kind pairs on its own.
    pub fn pairing(&self) -> &Pairing {
        self.pairing.get_or_init(|| {
            brackets::pair(self.signs(|c| closer_of(c).is_some() || opener_of(c).is_some()).filter(|&(i, _)| !self.is_untouchable(i)))
        })
    }

    /// The protected span meeting `range` that `hit` accepts, walking back
    /// from the last span starting before `range.end`: logarithmic, plus
    /// the overlaps.
    fn spans_meeting(&self, range: &Range<usize>, hit: impl Fn(&Protected) -> bool) -> Option<&Protected> {
        let idx = self.protected.partition_point(|p| p.range.start <= range.end);
        (0..idx).rev().take_while(|&i| self.max_end[i] >= range.start).map(|i| &self.protected[i]).find(|p| hit(p))
    }

    /// The protection covering byte `pos`, if any.
    pub fn protection_at(&self, pos: usize) -> Option<Protection> {
        self.spans_meeting(&(pos..pos), |p| p.range.contains(&pos)).map(|p| p.kind)
    }

    /// An edit of `range` would change protected text: it changes bytes
    /// inside a span, or inserts strictly inside one (touching a span's ends
    /// is fine). Kinds in `allowed` do not count.
    pub fn edit_intrudes(&self, range: &Range<usize>, allowed: &[Protection]) -> bool {
        self.spans_meeting(range, |p| {
            let inside = if range.is_empty() {
                p.range.start < range.start && range.start < p.range.end
            } else {
                range.start < p.range.end && range.end > p.range.start
            };
            inside && !allowed.contains(&p.kind)
        })
        .is_some()
    }

    /// Byte `pos` is inside a link, markup or notation (numbers do not count).
    pub fn is_untouchable(&self, pos: usize) -> bool {
        matches!(self.protection_at(pos), Some(Protection::Link | Protection::Markup | Protection::Notation))
    }

    /// The numbers of this paragraph (digits of any system, with their
    /// separators): what the D rules look at.
    pub fn numbers(&self) -> impl Iterator<Item = &Protected> {
        self.protected.iter().filter(|p| p.kind == Protection::Number)
    }

    /// It holds digits of any system.
    pub fn has_digits(&self) -> bool {
        self.features.digits || self.features.non_western_digits
    }

    /// Byte `pos` is inside anything protected, numbers included.
    pub fn is_protected(&self, pos: usize) -> bool {
        self.protection_at(pos).is_some()
    }
}

/// The nearest letters on each side of a position in its line: the context
/// a rule reads a neutral mark by. Looked up once per stretch of
/// non-letters, and with no window: a fix deleting spaces or marks never
/// brings a letter into another mark's context, so fixes settle on any run
/// of punctuation (a window let each round reach a little further).
pub struct Letters<'t> {
    text: &'t str,
    /// The last stretch looked up: positions in it (ends included) share
    /// `around`.
    stretch: Option<Range<usize>>,
    around: (Option<Strong>, Option<Strong>),
}

impl<'t> Letters<'t> {
    pub fn new(text: &'t str) -> Self {
        Letters { text, stretch: None, around: (None, None) }
    }

    /// The direction of the nearest letter before `pos`, and at or after it.
    /// Asked in increasing order, a paragraph costs one walk.
    pub fn around(&mut self, pos: usize) -> (Option<Strong>, Option<Strong>) {
        if !self.stretch.as_ref().is_some_and(|s| s.start <= pos && pos <= s.end) {
            let stop = |&(_, c): &(usize, char)| c == '\n' || letter(c).is_some();
            let before = self.text[..pos].char_indices().rev().find(stop);
            let after = self.text[pos..].char_indices().find(stop).map(|(i, c)| (pos + i, c));
            let start = before.map_or(0, |(i, c)| i + c.len_utf8());
            let end = after.map_or(self.text.len(), |(i, _)| i);
            self.stretch = Some(start..end);
            self.around = (before.and_then(|(_, c)| letter(c)), after.and_then(|(_, c)| letter(c)));
        }
        self.around
    }

    /// The position reads as Arabic: Arabic letters on both sides, or on
    /// one side with none on the other. Mixed surroundings are not Arabic.
    pub fn is_arabic(&mut self, pos: usize) -> bool {
        matches!(self.around(pos), (Some(Strong::Rtl), Some(Strong::Rtl) | None) | (None, Some(Strong::Rtl)))
    }
}

/// The direction of a letter. Arabic punctuation (`؛` `؟`, bidi class AL)
/// is strong but no letter: counted, a mark a fix wrote would change the
/// context of the next one.
fn letter(c: char) -> Option<Strong> {
    chars::strong(c).filter(|_| c.is_ascii() || chars::is_letter(c))
}
