//! What a rule may know about the whole document: the settings, and facts
//! gathered lazily from the full text (the dates it mentions, how it groups
//! thousands). Lazy, because most documents never need them.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::protect::{self, Protection};
use super::rule::ParagraphPass;
use super::settings::Settings;
use crate::text::chars::{digit_value, is_digit};
use crate::text::language::{self, Language};
use crate::text::locate::line_stretches;
use crate::text::numbers;
use crate::text::{dates, months, numbers::Grouping, words};

pub struct DocContext<'a> {
    pub text: &'a str,
    pub settings: &'a Settings,
    /// The paragraph passes with a rule switched on.
    passes: Cow<'static, [ParagraphPass]>,
    dates: OnceLock<DateEvidence>,
    grouping: OnceLock<GroupingCounts>,
    ties: OnceLock<usize>,
    language: OnceLock<Language>,
    /// The directives that switched a finding off.
    pub used: super::suppress::Used,
}

impl<'a> DocContext<'a> {
    /// `passes`: the paragraph passes with a rule on (see
    /// [`selection::paragraph_passes`](super::selection::paragraph_passes)).
    pub fn new(text: &'a str, settings: &'a Settings, passes: Cow<'static, [ParagraphPass]>) -> Self {
        DocContext {
            text,
            settings,
            passes,
            dates: OnceLock::new(),
            grouping: OnceLock::new(),
            ties: OnceLock::new(),
            language: OnceLock::new(),
            used: Default::default(),
        }
    }

    /// The paragraph passes to run, in dispatch order.
    pub fn paragraph_passes(&self) -> &[ParagraphPass] {
        &self.passes
    }

    /// The document-wide evidence a rule asked for, if any: a fix of the
    /// document may change what it says, and then fixing runs again.
    pub fn into_evidence(self) -> Option<DateEvidence> {
        self.dates.into_inner()
    }

    /// The months (and years) the document's unambiguous dates mention.
    pub fn date_evidence(&self) -> &DateEvidence {
        self.dates.get_or_init(|| DateEvidence::gather(self.text))
    }

    /// How many one-letter words the document ties to the next word with a
    /// no-break space (`و␣النصوص`).
    pub fn one_letter_ties(&self) -> usize {
        *self.ties.get_or_init(|| words::one_letter_ties(self.text))
    }

    /// The document's language: its front matter `lang`, else `[clean]
    /// language`, else its letters (see [`language::document`]). Asked for
    /// only when a line's own letters leave its language open.
    pub fn language(&self) -> Language {
        *self
            .language
            .get_or_init(|| language::declared(self.text).or(self.settings.language).unwrap_or_else(|| language::document(self.text)))
    }

    /// How many numbers in the document group thousands with `,` and with `.`.
    pub fn grouping(&self) -> GroupingCounts {
        *self.grouping.get_or_init(|| GroupingCounts::gather(self.text))
    }
}

/// The byte range of the line of `text` holding `pos` (without its `\n`).
pub fn line_around(text: &str, pos: usize) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let pos = pos.min(bytes.len());
    memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |n| n + 1)..memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |n| pos + n)
}

/// The languages of a paragraph's lines, each worked out once. The unit is
/// a line, since a pasted paragraph may hold a Persian line among Arabic
/// ones; a line whose own letters leave it open takes the document's
/// language.
pub struct LineLanguages<'t> {
    text: &'t str,
    known: Vec<(std::ops::Range<usize>, Language)>,
}

impl<'t> LineLanguages<'t> {
    pub fn new(text: &'t str) -> Self {
        LineLanguages { text, known: Vec::new() }
    }

    /// The language of the Arabic-script words of the line holding `pos`
    /// (see [`language::arabic_script_language`]); Arabic when it has none.
    pub fn at(&mut self, ctx: &DocContext, pos: usize) -> Language {
        // Kept in text order: a binary search, however the passes ask (each
        // pass asks from the start again, so a scan would grow with the
        // square of a long paragraph's lines).
        let after = self.known.partition_point(|(r, _)| r.start <= pos);
        if let Some((r, l)) = after.checked_sub(1).map(|i| &self.known[i]) {
            if pos <= r.end {
                return *l;
            }
        }
        let line = line_around(self.text, pos);
        let text = &self.text[line.clone()];
        // An Arabic document's line with nothing typed on another language's
        // keyboard is Arabic: one vectorized look instead of reading its words.
        let l = if language::is_plain_arabic(text) && ctx.language() == Language::Arabic {
            Language::Arabic
        } else {
            language::arabic_script_language(text, || ctx.language()).unwrap_or(Language::Arabic)
        };
        self.known.insert(after, (line, l));
        l
    }
}

/// Months mentioned by the document, with their year where it is given.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DateEvidence {
    with_year: HashSet<(u32, u32)>,
    without_year: HashSet<u32>,
    /// Months named by written dates and month names only, not by fused
    /// runs: a fused run is no evidence for itself.
    written: HashSet<(u32, u32)>,
}

impl DateEvidence {
    pub fn has(&self, month: u32, year: u32) -> bool {
        self.with_year.contains(&(month, year)) || self.without_year.contains(&month)
    }

    /// The document writes a date in this month, or names the month, outside
    /// any fused run.
    pub fn has_written(&self, month: u32, year: u32) -> bool {
        self.written.contains(&(month, year)) || self.without_year.contains(&month)
    }

    pub fn gather(text: &str) -> DateEvidence {
        let mut ev = DateEvidence::default();
        for p in protect::scan(text).into_iter().filter(|p| p.kind == Protection::Number) {
            let token = &text[p.range.clone()];
            if dates::looks_like_date(token) {
                let parts: Vec<u32> =
                    token.split(['/', '.']).map(|s| s.chars().filter_map(digit_value).fold(0, |a, (_, d)| a * 10 + d as u32)).collect();
                if (1..=12).contains(&parts[1]) {
                    ev.with_year.insert((parts[1], parts[2]));
                    ev.written.insert((parts[1], parts[2]));
                }
            } else if let Some(digits) = token.chars().map(|c| digit_value(c).map(|(_, v)| v)).collect::<Option<Vec<u8>>>() {
                if let [only] = dates::readings(&digits).as_slice() {
                    ev.with_year.insert((only.month, only.year));
                }
            }
        }
        for &(name, month, _) in months::MONTHS {
            for at in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
                let whole = !text[..at].chars().next_back().is_some_and(months::continues_arabic_word)
                    && !text[at + name.len()..].chars().next().is_some_and(months::continues_arabic_word);
                if !whole {
                    continue;
                }
                // A year within the next few words: `كانون الثاني/يناير 2022`.
                let window: String = text[at + name.len()..].chars().take(24).collect();
                let year = window
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 4)
                    .and_then(|w| w.parse::<u32>().ok())
                    .filter(|y| (1900..=2099).contains(y));
                match year {
                    Some(y) => {
                        ev.with_year.insert((month as u32, y));
                        ev.written.insert((month as u32, y))
                    }
                    None => ev.without_year.insert(month as u32),
                };
            }
        }
        ev
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GroupingCounts {
    pub comma: usize,
    pub dot: usize,
}

impl GroupingCounts {
    /// Counted over stretches of whole lines in parallel (a number never
    /// spans lines): the first paragraph to ask waits for it, and so do
    /// the others.
    fn gather(text: &str) -> GroupingCounts {
        line_stretches(text, 1 << 20)
            .into_par_iter()
            .map(|r| GroupingCounts::gather_lines(&text[r]))
            .reduce(GroupingCounts::default, |a, b| GroupingCounts { comma: a.comma + b.comma, dot: a.dot + b.dot })
    }

    /// Grouped numbers have a `,` `.` or `٬` between digits of any system:
    /// find those separators (SIMD search; `٬` is D9 AC), and read each
    /// number once.
    fn gather_lines(text: &str) -> GroupingCounts {
        let bytes = text.as_bytes();
        // What is untouchable (links, paths, tags) is found line by line,
        // only on the lines holding a grouped number: linear, and a count
        // (not an edit) is all a rare comment spanning lines could skew.
        let mut line = 0..0;
        let mut untouchable = Vec::new();
        let mut counts = GroupingCounts::default();
        let mut read_until = 0;
        // ٬'s second byte AC also ends ج, a common letter: look for it only
        // in a document that has one (else the third needle repeats `,`).
        let arabic_separator = if memchr::memmem::find(bytes, "٬".as_bytes()).is_some() { 0xAC } else { b',' };
        for at in memchr::memchr3_iter(b',', b'.', arabic_separator, bytes) {
            let sep = if bytes[at] == 0xAC { at.wrapping_sub(1) } else { at };
            if sep < read_until || sep == 0 || (bytes[at] == 0xAC && bytes[sep] != 0xD9) {
                continue;
            }
            let after = at + 1;
            if !text[..sep].chars().next_back().is_some_and(is_digit) || !text[after..].chars().next().is_some_and(is_digit) {
                continue;
            }
            let start = sep - text[..sep].chars().rev().take_while(|&c| is_digit(c)).map(char::len_utf8).sum::<usize>();
            let end = numbers::number_end(text, start);
            read_until = end;
            if !line.contains(&start) {
                line = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |n| n + 1)
                    ..memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
                untouchable = protect::untouchable(&text[line.clone()]);
            }
            let at = start - line.start;
            let before = untouchable.partition_point(|l| l.range.start <= at);
            if before > 0 && at < untouchable[before - 1].range.end {
                continue;
            }
            match Grouping::of(&text[start..end]) {
                Some(Grouping::Comma) => counts.comma += 1,
                Some(Grouping::Dot { .. }) => counts.dot += 1,
                None => {}
            }
        }
        counts
    }
}
