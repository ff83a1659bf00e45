//! Direction runs: the stretches of a paragraph that read in the other
//! direction, wrapped in Unicode isolates (LRI/RLI … PDI) so that a bidi
//! renderer keeps each one whole and in order.
//!
//! A run is made of tokens, not letters. A whitespace-separated token that
//! holds a letter of the other direction brings the neutrals and digits
//! glued to it (`@user`, `#tag`, `C++`, `.NET`, `5G`, `COVID-19`, `U.S.`);
//! such tokens join one run across spaces, digits and neutral tokens
//! (`iPhone 13 Pro`, `Google / Apple`); a quotation in the other direction
//! is one run with its marks and inner punctuation. What stays outside
//! follows the surrounding paragraph: the punctuation that ends its sentence,
//! a bracket or quote whose partner is outside the run, and, in Arabic,
//! Arabic letters and punctuation glued to a token (`وGoogle`, `Google،`).
//! In Arabic, a number with a sign, unit or range mark reads left to right
//! on its own (`10-12`, `5%`); bare numbers and dates already do.
//!
//! Where the bare bidi algorithm would turn a multi-part token around, the
//! run is what a typesetter means, left to right in order:
//! - spaced digit groups of one number: phone numbers (`+971 4 555 0199`,
//!   `050 123 4567`), thousands (`1 500 000`), and the groups after a Latin
//!   token (`SA03 8000 0000 6080`, `Tel +971 4 555 0199`);
//! - a number with a Latin unit, currency or clock mark (`25 kg`,
//!   `3.5 GHz`, `9:15 PM`, `100 USD`); version strings are tokens already
//!   (`v2.1.0`, `Python 3.12`);
//! - Latin phrases before the Arabic sentence's punctuation, which stays
//!   outside on the Arabic side (`The Guardian.`, `Apple Inc،`);
//! - bracketed Latin (`(Reuters)`) and tag-like tokens (`<i>note</i>`).
//!
//! One pass to cut the text into segments, one over the segments: linear.

use std::ops::Range;

use serde::Serialize;

use super::chars::{is_arabic_mark, is_digit, strong, Strong};
use super::features::Features;

pub const LRI: char = '\u{2066}';
pub const RLI: char = '\u{2067}';
pub const PDI: char = '\u{2069}';

/// A reading direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Rtl,
    Ltr,
}

impl Dir {
    /// The direction of `text` by its words; `fallback` when it has none
    /// or as many of each.
    pub fn of_text(text: &str, fallback: Dir) -> Dir {
        let f = Features::of(text);
        match f.arabic_words.cmp(&f.latin_words) {
            std::cmp::Ordering::Greater => Dir::Rtl,
            std::cmp::Ordering::Less => Dir::Ltr,
            std::cmp::Ordering::Equal => fallback,
        }
    }

    pub fn other(self) -> Dir {
        match self {
            Dir::Rtl => Dir::Ltr,
            Dir::Ltr => Dir::Rtl,
        }
    }

    fn strong(self) -> Strong {
        match self {
            Dir::Rtl => Strong::Rtl,
            Dir::Ltr => Strong::Ltr,
        }
    }

    /// The control that opens an isolate of this direction.
    fn isolate(self) -> char {
        match self {
            Dir::Rtl => RLI,
            Dir::Ltr => LRI,
        }
    }
}

/// `text`, laid out in a paragraph of direction `base`, with each run of the
/// other direction wrapped in isolates (see the module documentation).
/// Removing the isolates gives `text` back.
pub fn isolate_runs(text: &str, base: Dir) -> String {
    isolate(text, base, true)
}

/// `text` as one isolate of direction `dir`, its own runs isolated inside:
/// a field (a title, an outlet) that may be shown in a line of either
/// direction reads as a whole, its final mark at its own end.
pub fn isolate_whole(text: &str, dir: Dir) -> String {
    let inner = isolate_runs(text, dir);
    let mut out = String::with_capacity(inner.len() + 6);
    out.push(dir.isolate());
    out.push_str(&inner);
    out.push(PDI);
    out
}

fn isolate(text: &str, base: Dir, quotes: bool) -> String {
    let spans = spans(text, base, quotes);
    if spans.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8 * spans.len());
    let mut copied = 0;
    for span in spans {
        out.push_str(&text[copied..span.range.start]);
        out.push(span.dir.isolate());
        let inner = &text[span.range.clone()];
        // A quotation may hold words of the paragraph's direction: they are
        // isolated inside it, one level down (quotations are not nested).
        if span.nested {
            out.push_str(&isolate(inner, span.dir, false));
        } else {
            out.push_str(inner);
        }
        out.push(PDI);
        copied = span.range.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// A stretch to isolate in direction `dir`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    range: Range<usize>,
    dir: Dir,
    /// It holds letters of the paragraph's direction (inside a quotation).
    nested: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Punctuation, symbols: neither letters nor digits.
    Neutral,
    /// Digits, with the neutrals glued to them.
    Number,
    /// Holds a letter of the other direction.
    Other,
    /// Letters of the paragraph's direction (and, in Arabic, its marks and
    /// punctuation): they break tokens into segments.
    Base,
}

/// A piece of a token: a run of base characters, or a maximal stretch
/// without them. A quotation of the other direction is one segment.
#[derive(Debug, Clone, Copy)]
struct Seg {
    start: usize,
    end: usize,
    kind: Kind,
    /// Whitespace (or the start or end of the text) before / after it.
    spaced_before: bool,
    spaced_after: bool,
    /// A quotation holding letters of the paragraph's direction.
    nested: bool,
}

/// Arabic punctuation belongs to the Arabic sentence it stands in.
const ARABIC_PUNCT: &[char] = &['،', '؛', '؟', '۔'];

fn kind_of(c: char, base: Dir) -> Kind {
    match strong(c) {
        Some(s) if s == base.strong() => Kind::Base,
        Some(_) => Kind::Other,
        None if is_digit(c) => Kind::Number,
        None if base == Dir::Rtl && (is_arabic_mark(c) || ARABIC_PUNCT.contains(&c)) => Kind::Base,
        None => Kind::Neutral,
    }
}

fn segments(text: &str, base: Dir, quotes: bool) -> Vec<Seg> {
    let mut segs: Vec<Seg> = Vec::new();
    let mut finder = QuoteFinder::new(text);
    let mut spaced = true;
    let mut prev: Option<char> = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let len = c.len_utf8();
        if c.is_whitespace() {
            if let Some(last) = segs.last_mut() {
                last.spaced_after = true;
            }
            spaced = true;
            prev = Some(c);
            i += len;
            continue;
        }
        let mut kind = kind_of(c, base);
        let mut next = i + len;
        let mut nested = false;
        if quotes && kind == Kind::Neutral && !prev.is_some_and(char::is_alphanumeric) {
            if let Some((end, holds_base)) = finder.quotation(i, c, base) {
                kind = Kind::Other;
                next = end;
                nested = holds_base;
            }
        }
        let last = segs.last_mut().filter(|s| !spaced && (s.kind == Kind::Base) == (kind == Kind::Base));
        match last {
            Some(s) => {
                s.end = next;
                s.kind = s.kind.max(kind);
                s.nested |= nested;
            }
            None => segs.push(Seg { start: i, end: next, kind, spaced_before: spaced, spaced_after: false, nested }),
        }
        spaced = false;
        prev = text[..next].chars().next_back();
        i = next;
    }
    if let Some(last) = segs.last_mut() {
        last.spaced_after = true;
    }
    segs
}

fn spans(text: &str, base: Dir, quotes: bool) -> Vec<Span> {
    let segs = segments(text, base, quotes);
    let other = base.other();
    let whole_neutral = |s: &Seg| s.spaced_before && s.spaced_after && matches!(s.kind, Kind::Neutral | Kind::Number);
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        match segs[i].kind {
            Kind::Other => {}
            Kind::Number if base == Dir::Rtl => {
                // Spaced digit groups of one number (`+971 4 555 0199`).
                let chain = digit_chain(text, &segs, i);
                if chain > i && is_one_number(text, &segs[i..=chain]) {
                    // Without the sentence's punctuation or a lone bracket.
                    let range = trim(text, segs[i].start..segs[chain].end);
                    out.push(Span { range, dir: Dir::Ltr, nested: false });
                    i = chain + 1;
                    continue;
                }
                // Numbers side by side: the first on its own, the last may
                // still lead a unit; skipping the middle keeps this linear.
                if chain > i {
                    if let Some(range) = number_core(text, &segs[i]) {
                        out.push(Span { range, dir: Dir::Ltr, nested: false });
                    }
                    i = chain;
                    continue;
                }
                // A number with a Latin unit starts the Latin run (`25 kg`).
                let unit = segs[i].spaced_after
                    && segs.get(i + 1).is_some_and(|s| s.kind == Kind::Other && s.spaced_before && is_unit(&text[s.start..s.end]));
                if !unit {
                    if let Some(range) = number_core(text, &segs[i]) {
                        out.push(Span { range, dir: Dir::Ltr, nested: false });
                    }
                    i += 1;
                    continue;
                }
            }
            _ => {
                i += 1;
                continue;
            }
        }
        let first = i;
        if segs[i].kind == Kind::Number {
            i += 1;
        }
        // Join the next token of the same direction across spaces and
        // neutral tokens (`iPhone 13 Pro`, `Google / Apple`). Each segment is
        // looked at most twice: once here, once by the outer loop.
        let mut end = i;
        while segs[end].spaced_after {
            let mut j = end + 1;
            while j < segs.len() && whole_neutral(&segs[j]) {
                j += 1;
            }
            if j < segs.len() && segs[j].kind == Kind::Other && segs[j].spaced_before {
                end = j;
            } else {
                break;
            }
        }
        // A number right after the run joins it, as the bidi algorithm shows
        // it anyway (`Windows 10`), with the digit groups that follow it
        // (`SA03 8000 0000 6080`, `Tel +971 4 555 0199`).
        if segs[end].spaced_after && segs.get(end + 1).is_some_and(|s| s.kind == Kind::Number && s.spaced_before) {
            // A right-to-left run takes no spaced groups: they would turn
            // around inside it, and read right outside it.
            let chain = digit_chain(text, &segs, end + 1);
            end = match other {
                Dir::Ltr => chain,
                Dir::Rtl if chain == end + 1 => chain,
                Dir::Rtl => end,
            };
        }
        let range = trim(text, segs[first].start..segs[end].end);
        let nested = segs[first..=end].iter().any(|s| s.nested);
        if !range.is_empty() {
            out.push(Span { range, dir: other, nested });
        }
        i = end + 1;
    }
    out
}

/// A number segment that is one group of a spaced number: its digits
/// (Western, a `+` before the first) and whether it ends the number (the
/// sentence's punctuation follows). An area code may stand in brackets
/// (`(04) 555 0199`, `(+971 4 555 0199)`).
fn group<'a>(text: &'a str, seg: &Seg) -> Option<(&'a str, bool)> {
    let s = &text[seg.start..seg.end];
    let unpunct = s.trim_end_matches(is_sentence_punct);
    let closed = unpunct.len() != s.len();
    let bare = unpunct.strip_suffix(')').unwrap_or(unpunct);
    let bare = bare.strip_prefix('(').unwrap_or(bare);
    let digits = bare.strip_prefix('+').unwrap_or(bare);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some((bare, closed))
}

/// The last segment of the chain of spaced digit groups starting at `i`
/// (`i` itself when the chain is one segment long, or `i` is no group).
/// Only the first may carry a `+`; a group ended by punctuation ends it.
fn digit_chain(text: &str, segs: &[Seg], i: usize) -> usize {
    let Some((_, mut closed)) = group(text, &segs[i]) else { return i };
    let mut end = i;
    while !closed && segs[end].spaced_after {
        let Some(next) = segs.get(end + 1).filter(|s| s.kind == Kind::Number && s.spaced_before) else { break };
        match group(text, next) {
            Some((g, ends)) if !g.starts_with('+') => {
                end += 1;
                closed = ends;
            }
            _ => break,
        }
    }
    end
}

/// Spaced digit groups are one number, to read left to right whole: a phone
/// number (a first group with `+` or `0`: `+971 4 555 0199`, `050 123 4567`),
/// thousands (`1 500 000`), or three or more long groups (`800 555 0199`).
/// Two plain numbers side by side (`2020 2021`) stay apart.
fn is_one_number(text: &str, chain: &[Seg]) -> bool {
    let groups: Vec<&str> = chain.iter().filter_map(|s| group(text, s).map(|(g, _)| g)).collect();
    let first = groups[0];
    first.starts_with(['+', '0'])
        || (first.len() <= 3 && groups[1..].iter().all(|g| g.len() == 3))
        || (groups.len() >= 3 && groups.iter().all(|g| g.len() >= 3))
}

/// Latin units, currencies and clock marks that follow a number and read
/// with it (`25 kg`, `3.5 GHz`, `9:15 PM`, `100 USD`).
const UNITS: &[&str] = &[
    "AM", "PM", "am", "pm", "a.m.", "p.m.", "A.M.", "P.M.", // clock
    "mg", "g", "kg", "t", "oz", "lb", "lbs", // mass
    "nm", "µm", "mm", "cm", "m", "km", "in", "ft", "yd", "mi", // length
    "ml", "mL", "cl", "l", "L", "gal", // volume
    "m²", "km²", "m2", "km2", "m³", "m3", "ha", // area, volume
    "ns", "µs", "ms", "s", "sec", "min", "h", "hr", "hrs", // time
    "Hz", "kHz", "MHz", "GHz", "THz", "rpm", "fps", // frequency
    "b", "B", "kb", "Kb", "kB", "KB", "MB", "GB", "TB", "PB", "bps", "kbps", "Kbps", "Mbps", "Gbps", // data
    "W", "kW", "MW", "GW", "kWh", "MWh", "V", "kV", "mV", "A", "mA", "mAh", "Wh", // power
    "J", "kJ", "cal", "kcal", "N", "Pa", "kPa", "MPa", "bar", "psi", "dB", // energy, pressure
    "°C", "°F", "K", "km/h", "m/s", "mph", "px", "pt", "dpi", "ppi", "MP", // others
    "USD", "EUR", "GBP", "JPY", "CNY", "SAR", "AED", "QAR", "KWD", "BHD", "OMR", "EGP", "JOD", "MAD", // currencies
];

/// `token` (with the sentence's punctuation after it) is a unit of
/// [`UNITS`]: the clock marks keep their dots.
fn is_unit(token: &str) -> bool {
    UNITS.contains(&token) || UNITS.contains(&token.trim_end_matches(is_sentence_punct))
}

/// The matching opener of a closing bracket or quote.
fn opener_of(c: char) -> Option<char> {
    Some(match c {
        ')' => '(',
        ']' => '[',
        '}' => '{',
        '»' => '«',
        '”' => '“',
        '"' => '"',
        _ => return None,
    })
}

fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '«' | '“' | '"')
}

/// Punctuation that ends (or cuts) the sentence it stands in.
fn is_sentence_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…') || ARABIC_PUNCT.contains(&c)
}

/// `range` of `text` without what belongs to the surrounding paragraph: an
/// opener or closer whose partner is outside it, and punctuation at its end
/// (which ends the surrounding sentence: the run ends before a word of the
/// paragraph's direction, or at the end). A dotted abbreviation keeps its
/// final dot (`U.S.`).
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    // Brackets and quotes without a partner inside the run, with a stack.
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut unmatched: Vec<usize> = Vec::new();
    for (at, c) in s.char_indices() {
        match opener_of(c) {
            Some(open) if stack.last().is_some_and(|&(_, top)| top == open) => {
                stack.pop();
            }
            Some(_) if c != '"' => unmatched.push(at),
            _ if is_opener(c) => stack.push((at, c)),
            _ => {}
        }
    }
    unmatched.extend(stack.iter().map(|&(at, _)| at));
    unmatched.sort_unstable();
    let lone = |at: usize| unmatched.binary_search(&at).is_ok();

    // At the start: a lone opener, and punctuation glued after a word of
    // the paragraph (`قال:"…"`), but not the dot of `.NET`.
    let mut start = 0;
    while let Some(c) = s[start..].chars().next() {
        let dot_word = c == '.' && start == 0 && s[1..].starts_with(char::is_alphanumeric);
        if !(is_opener(c) && lone(start) || is_sentence_punct(c) && !dot_word) {
            break;
        }
        start += c.len_utf8();
    }
    let mut end = s.len();
    while let Some(c) = s[start..end].chars().next_back() {
        let at = end - c.len_utf8();
        let cut = if opener_of(c).is_some() && lone(at) {
            true
        } else {
            is_sentence_punct(c) && !(c == '.' && is_dotted_abbreviation(&s[start..end]))
        };
        if !cut {
            break;
        }
        end = at;
    }
    range.start + start..range.start + end
}

/// `text` ends with an abbreviation like `U.S.`, `e.g.` or `Ph.D.`: two or
/// more dots, each after one to three letters.
fn is_dotted_abbreviation(text: &str) -> bool {
    let word = text.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(body) = word.strip_suffix('.') else { return false };
    let mut parts = 0;
    for part in body.split('.') {
        let n = part.chars().count();
        if n == 0 || n > 3 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// In Arabic, the part of a number segment that needs isolating: a number
/// in Western digits with a sign, unit or range mark (`10-12`, `5%`, `-3`,
/// `$5`), which the bidi algorithm would turn around. Bare numbers, dates
/// and times (digits with `.` `,` `/` `:`) already read left to right, and
/// Arabic-Indic numbers follow Arabic conventions.
fn number_core(text: &str, seg: &Seg) -> Option<Range<usize>> {
    let s = &text[seg.start..seg.end];
    let first = s.find(|c: char| is_digit(c))?;
    let last = s.char_indices().rev().find(|&(_, c)| is_digit(c)).map(|(at, c)| at + c.len_utf8())?;
    let first = match s[..first].chars().next_back() {
        Some(c @ ('$' | '€' | '£' | '¥' | '+' | '-' | '−' | '±' | '~' | '#')) => first - c.len_utf8(),
        _ => first,
    };
    let last = match s[last..].chars().next() {
        Some(c @ ('%' | '‰' | '°')) => last + c.len_utf8(),
        _ => last,
    };
    let core = &s[first..last];
    let western = core.chars().all(|c| !is_digit(c) || c.is_ascii_digit());
    let plain = core.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | ':'));
    (western && !plain).then(|| seg.start + first..seg.start + last)
}

/// Finds quotations: an opening mark, its closing mark, and what is
/// between. Each search remembers its answer, so that the scans never
/// overlap and the whole stays linear.
struct QuoteFinder<'a> {
    text: &'a str,
    /// Per searched mark: (searched from, found at).
    cache: [(usize, Option<usize>); 5],
}

impl<'a> QuoteFinder<'a> {
    fn new(text: &'a str) -> Self {
        QuoteFinder { text, cache: [(usize::MAX, None); 5] }
    }

    /// The next `mark` (slot `k`) at or after `from`.
    fn next(&mut self, k: usize, mark: char, from: usize) -> Option<usize> {
        let (searched, found) = self.cache[k];
        // The last search started earlier and found nothing before `found`.
        if searched <= from && found.is_none_or(|at| at >= from) {
            return found;
        }
        let found = self.text[from..].find(mark).map(|at| at + from);
        self.cache[k] = (from, found);
        found
    }

    /// When `c` at `at` opens a quotation mostly in the direction other than
    /// `base`: the end of its closing mark, and whether it holds letters of
    /// `base`'s direction.
    fn quotation(&mut self, at: usize, c: char, base: Dir) -> Option<(usize, bool)> {
        let (close, slot, nested_open) = match c {
            '"' => ('"', 0, None),
            '“' => ('”', 1, Some(3)),
            '«' => ('»', 2, Some(4)),
            _ => return None,
        };
        let inner_start = at + c.len_utf8();
        let closing = self.next(slot, close, inner_start)?;
        // Another opening mark first: not a quotation this simple rule reads.
        if let Some(k) = nested_open {
            if self.next(k, c, inner_start).is_some_and(|o| o < closing) {
                return None;
            }
        }
        let end = closing + close.len_utf8();
        if self.text[end..].chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        let inner = &self.text[inner_start..closing];
        let other = base.other().strong();
        if !inner.chars().any(|c| strong(c) == Some(other)) || Dir::of_text(inner, base) == base {
            return None;
        }
        let holds_base = inner.chars().any(|c| strong(c) == Some(base.strong()));
        Some((end, holds_base))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Isolates shown as ⟨ (LRI), ⟪ (RLI) and ⟩ (PDI), to read the tables.
    fn shown(text: &str, base: Dir) -> String {
        let out = isolate_runs(text, base);
        let back: String = out.chars().filter(|&c| !matches!(c, LRI | RLI | PDI)).collect();
        assert_eq!(back, text, "isolating changed the text");
        out.chars()
            .map(|c| match c {
                LRI => '⟨',
                RLI => '⟪',
                PDI => '⟩',
                c => c,
            })
            .collect()
    }

    #[test]
    fn latin_runs_in_arabic() {
        let table: &[(&str, &str)] = &[
            // Neutrals and digits glued to a token belong to it.
            ("كتب @KassymJomart اليوم", "كتب ⟨@KassymJomart⟩ اليوم"),
            ("انتشر وسم #Kazakhstan بسرعة", "انتشر وسم ⟨#Kazakhstan⟩ بسرعة"),
            ("بلغة C++ الشهيرة", "بلغة ⟨C++⟩ الشهيرة"),
            ("منصة .NET من مايكروسوفت", "منصة ⟨.NET⟩ من مايكروسوفت"),
            ("شبكات 5G الجديدة", "شبكات ⟨5G⟩ الجديدة"),
            ("وباء COVID-19 انتشر", "وباء ⟨COVID-19⟩ انتشر"),
            ("السعر $5 فقط", "السعر ⟨$5⟩ فقط"),
            // A dotted abbreviation keeps its final dot, even before Arabic.
            ("قالت U.S. إنها", "قالت ⟨U.S.⟩ إنها"),
            ("في U.S.", "في ⟨U.S.⟩"),
            // Neighbouring tokens join one run; the sentence's period stays out.
            ("نشرت صحيفة The New York Times.", "نشرت صحيفة ⟨The New York Times⟩."),
            ("نشرت The New York Times. وقالت", "نشرت ⟨The New York Times⟩. وقالت"),
            ("كتبت The New York Times. The paper said so. ثم", "كتبت ⟨The New York Times. The paper said so⟩. ثم"),
            ("هاتف iPhone 13 Pro الجديد", "هاتف ⟨iPhone 13 Pro⟩ الجديد"),
            ("شركتا Google / Apple معا", "شركتا ⟨Google / Apple⟩ معا"),
            ("نظام Windows 10 الجديد", "نظام ⟨Windows 10⟩ الجديد"),
            // Quotations: one run with their marks and inner punctuation.
            ("قال: \"We will not back down.\" ثم غادر", "قال: ⟨\"We will not back down.\"⟩ ثم غادر"),
            ("قال “Why now?” وسكت", "قال ⟨“Why now?”⟩ وسكت"),
            ("قال “Why now?”.", "قال ⟨“Why now?”⟩."),
            ("قال:\"We stay.\" ثم", "قال:⟨\"We stay.\"⟩ ثم"),
            ("قال:Google ثم", "قال:⟨Google⟩ ثم"),
            ("صحيفة «The Times» البريطانية", "صحيفة ⟨«The Times»⟩ البريطانية"),
            ("قال “The word كازاخستان means land” ثم", "قال ⟨“The word ⟪كازاخستان⟩ means land”⟩ ثم"),
            // An Arabic quotation stays Arabic; its Latin word is a run.
            ("قال «إن Google تراقب»", "قال «إن ⟨Google⟩ تراقب»"),
            // Token at the start and at the end of the paragraph.
            ("Google أعلنت", "⟨Google⟩ أعلنت"),
            ("أعلنت Google", "أعلنت ⟨Google⟩"),
            ("أعلنت Google.", "أعلنت ⟨Google⟩."),
            // Arabic punctuation separates runs and stays Arabic.
            ("شركتا Google، Apple", "شركتا ⟨Google⟩، ⟨Apple⟩"),
            ("شركتا Google ، Apple", "شركتا ⟨Google⟩ ، ⟨Apple⟩"),
            ("قالت Reuters، إن", "قالت ⟨Reuters⟩، إن"),
            ("هل تعرف Python؟", "هل تعرف ⟨Python⟩؟"),
            ("قالت Reuters: إن", "قالت ⟨Reuters⟩: إن"),
            // Brackets go with their partner.
            ("وكالة (Reuters) للأنباء", "وكالة ⟨(Reuters)⟩ للأنباء"),
            ("(انظر Kazakhstan) الآن", "(انظر ⟨Kazakhstan⟩) الآن"),
            ("(Kazakhstan عام ١٩٩١)", "(⟨Kazakhstan⟩ عام ١٩٩١)"),
            // Arabic letters glued to a token stay outside.
            ("قالت وGoogle", "قالت و⟨Google⟩"),
            ("وكالة الـCIA الأمريكية", "وكالة الـ⟨CIA⟩ الأمريكية"),
            ("الأمن القومي – KNB / جهاز", "الأمن القومي – ⟨KNB⟩ / جهاز"),
            // Numbers with a sign, unit or range mark read left to right.
            ("بين 10-12 شخصا", "بين ⟨10-12⟩ شخصا"),
            ("بين 10–12 شخصا", "بين ⟨10–12⟩ شخصا"),
            ("بنسبة 5% فقط", "بنسبة ⟨5%⟩ فقط"),
            ("الحرارة (-5) درجات.", "الحرارة (⟨-5⟩) درجات."),
            // Bare numbers, dates and Arabic-Indic digits already read right.
            ("في 5/1/2022 حدث", "في 5/1/2022 حدث"),
            ("عدد 2.700.025 نسمة و١٠ أيام، الساعة 10:30", "عدد 2.700.025 نسمة و١٠ أيام، الساعة 10:30"),
            ("بين ١٠-١٢ شخصا عام 2022.", "بين ١٠-١٢ شخصا عام 2022."),
            // Spaced digit groups of one number read left to right whole.
            ("اتصل على +971 4 555 0199 الآن", "اتصل على ⟨+971 4 555 0199⟩ الآن"),
            ("اتصل على 050 123 4567.", "اتصل على ⟨050 123 4567⟩."),
            ("اتصل على +971 4 555 0199، ثم", "اتصل على ⟨+971 4 555 0199⟩، ثم"),
            ("الحساب SA03 8000 0000 6080 1016 7519 قبل", "الحساب ⟨SA03 8000 0000 6080 1016 7519⟩ قبل"),
            ("هاتف Tel +971 4 555 0199.", "هاتف ⟨Tel +971 4 555 0199⟩."),
            ("بلغ 1 500 000 نسمة", "بلغ ⟨1 500 000⟩ نسمة"),
            ("اتصل على (+971 4 555 0199) الآن", "اتصل على ⟨(+971 4 555 0199)⟩ الآن"),
            ("اتصل على (04) 555 0199.", "اتصل على ⟨(04) 555 0199⟩."),
            ("(رقمه 050 123 4567)", "(رقمه ⟨050 123 4567⟩)"),
            ("بين 2020 2021 فقط", "بين 2020 2021 فقط"),
            ("الأرقام 1 2 3 فقط", "الأرقام 1 2 3 فقط"),
            // A number with a Latin unit or clock mark joins its run.
            ("الساعة 9:15 PM اليوم", "الساعة ⟨9:15 PM⟩ اليوم"),
            ("الساعة 9:15 p.m. اليوم", "الساعة ⟨9:15 p.m.⟩ اليوم"),
            ("يزن 25 kg.", "يزن ⟨25 kg⟩."),
            ("بتردد 3.5 GHz مع", "بتردد ⟨3.5 GHz⟩ مع"),
            ("سعره 100 USD فقط", "سعره ⟨100 USD⟩ فقط"),
            ("من 9:00 AM - 5:00 PM يوميا", "من ⟨9:00 AM - 5:00 PM⟩ يوميا"),
            ("الساعة 9:15 PM.", "الساعة ⟨9:15 PM⟩."),
            ("اشترى 3 iPhone أمس", "اشترى 3 ⟨iPhone⟩ أمس"),
            // Versions are tokens already.
            ("الإصدار v2.1.0 ولغة Python 3.12.", "الإصدار ⟨v2.1.0⟩ ولغة ⟨Python 3.12⟩."),
            // Tag-like tokens of plain text are one run.
            ("الوسم <i>note</i> في النص", "الوسم ⟨<i>note</i>⟩ في النص"),
            ("", ""),
            (" \n", " \n"),
        ];
        for (text, want) in table {
            assert_eq!(shown(text, Dir::Rtl), *want, "in Arabic: {text}");
        }
    }

    #[test]
    fn arabic_runs_in_english() {
        let table: &[(&str, &str)] = &[
            ("The hashtag #كازاخستان trended", "The hashtag ⟪#كازاخستان⟩ trended"),
            ("Almaty (أ ف ب) – Protests spread", "Almaty ⟪(أ ف ب)⟩ – Protests spread"),
            ("The word كازاخستان.", "The word ⟪كازاخستان⟩."),
            ("كازاخستان is a country", "⟪كازاخستان⟩ is a country"),
            ("KNB / جهاز المخابرات", "KNB / ⟪جهاز المخابرات⟩"),
            ("the words كازاخستان، روسيا and more", "the words ⟪كازاخستان، روسيا⟩ and more"),
            ("the Arabic «كازاخستان» means", "the Arabic ⟪«كازاخستان»⟩ means"),
            ("it said “قال الرئيس Tokayev إن” today", "it said ⟪“قال الرئيس ⟨Tokayev⟩ إن”⟩ today"),
            ("the (Arabic كازاخستان) name", "the (Arabic ⟪كازاخستان⟩) name"),
            // A phone number after an Arabic word stays out of its run.
            ("call مكتب دبي +971 4 555 0199 today", "call ⟪مكتب دبي⟩ +971 4 555 0199 today"),
            // Numbers are not touched in English.
            ("between 10-12 people, 5% of them, C++ and .NET", "between 10-12 people, 5% of them, C++ and .NET"),
        ];
        for (text, want) in table {
            assert_eq!(shown(text, Dir::Ltr), *want, "in English: {text}");
        }
    }

    #[test]
    fn whole_fields() {
        assert_eq!(isolate_whole("Why now?", Dir::Ltr), "\u{2066}Why now?\u{2069}");
        assert_eq!(isolate_whole("وكالة Reuters", Dir::Rtl), "\u{2067}وكالة \u{2066}Reuters\u{2069}\u{2069}");
    }

    #[test]
    fn abbreviations() {
        for yes in ["U.S.", "e.g.", "Ph.D.", "(U.S.A."] {
            assert!(is_dotted_abbreviation(yes), "{yes}");
        }
        for no in ["Times.", "etc.", "example.com.", "U.S", "5.5."] {
            assert!(!is_dotted_abbreviation(no), "{no}");
        }
    }

    #[test]
    fn linear_on_hostile_input() {
        // Unclosed quotes and brackets, long token chains: each would make
        // a careless search quadratic (these take minutes if so).
        let n = 200_000;
        for piece in ["“a ", "\"a ", "«a ", "(a ", "a) ", "a ", "a، ", "- ", "1-2 ", "ب “a ", "1 ", "+1 ", "12 ", "1 kg "] {
            let text = piece.repeat(n / piece.len());
            let out = isolate_runs(&text, Dir::Rtl);
            assert!(out.len() >= text.len());
            let out = isolate_runs(&text, Dir::Ltr);
            assert!(out.len() >= text.len());
        }
    }

    #[test]
    fn direction_by_words() {
        assert_eq!(Dir::of_text("Live Updates: Heavy Clashes Reported in Almaty", Dir::Rtl), Dir::Ltr);
        assert_eq!(Dir::of_text("كشفت مصادر في الجيش Google", Dir::Ltr), Dir::Rtl);
        assert_eq!(Dir::of_text("2022", Dir::Rtl), Dir::Rtl);
    }
}
