//! The unit the rules look at: a paragraph of prose, with the spans inside it
//! that must not be touched and a summary of the characters it holds.
//!
//! In a `.txt` file a paragraph is a line (pasted web text puts one paragraph
//! on a line, with or without blank lines between). In a `.md` file it is a
//! block's prose as pulldown-cmark's offset iterator finds it, so code, link
//! destinations, raw HTML and front matter are never seen as prose.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::chars::{self, is_bidi_control, is_odd_space, is_presentation_form, TATWEEL};
use super::protect::{self, Protected, Protection};
use super::registry::RuleCode;

/// U+0621–U+063A or U+0641–U+064A from its two UTF-8 bytes.
#[inline]
fn is_common_arabic_letter(lead: u8, next: u8) -> bool {
    match lead {
        0xD8 => (0xA1..=0xBA).contains(&next),
        0xD9 => (0x81..=0x8A).contains(&next),
        _ => false,
    }
}

/// A summary of what a paragraph holds, made in one pass, so that rules whose
/// trigger characters are absent cost nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// Letters of each script (presentation forms count as Arabic).
    pub arabic: u32,
    pub latin: u32,
    /// Words of each script: runs of letters of one script.
    pub arabic_words: u32,
    pub latin_words: u32,
    pub quotes: bool,
    pub odd_spaces: bool,
    pub ascii_punct: bool,
    pub tatweel: bool,
    pub presentation: bool,
    pub persian_kaf_yeh: bool,
    pub persian_only: bool,
    pub combining_hamza: bool,
    pub bidi_controls: bool,
    pub invisible: bool,
    pub replacement: bool,
    pub digits: bool,
    pub non_western_digits: bool,
    pub dashes: bool,
    pub slash: bool,
    pub arabic_punct: bool,
    pub brackets: bool,
}

impl Features {
    pub fn of(text: &str) -> Features {
        Features::scan(text, &mut Vec::new())
    }

    /// One pass over `text`: the features, and the numbers it holds pushed
    /// to `numbers` (found here because this pass visits every byte anyway).
    pub fn scan(text: &str, numbers: &mut Vec<Range<usize>>) -> Features {
        let mut f = Features::default();
        // The script of the word being read, to count words as runs.
        let mut in_word: Option<bool> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast paths for what most text is made of: ASCII letters and
            // spaces, and the Arabic letters U+0621–U+063A, U+0641–U+064A.
            let b = bytes[i];
            // A run of common Arabic letters, or of ASCII letters, is one
            // step: this loop is the hottest in cleanup.
            if (b == 0xD8 || b == 0xD9) && i + 1 < bytes.len() && is_common_arabic_letter(b, bytes[i + 1]) {
                let mut j = i + 2;
                while j + 1 < bytes.len() && is_common_arabic_letter(bytes[j], bytes[j + 1]) {
                    j += 2;
                }
                f.arabic += ((j - i) / 2) as u32;
                f.arabic_words += u32::from(in_word != Some(true));
                in_word = Some(true);
                i = j;
                continue;
            }
            if b.is_ascii_alphabetic() {
                let run = bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                f.latin += run as u32;
                f.latin_words += u32::from(in_word != Some(false));
                in_word = Some(false);
                i += run;
                continue;
            }
            let (letter, len) = match b {
                b' ' => (None, 1),
                _ if protect::digit_at(bytes, i) => {
                    let end = protect::number_end(text, i);
                    let number = &text[i..end];
                    f.digits |= number.bytes().any(|b| b.is_ascii_digit());
                    f.non_western_digits |= !number.is_ascii();
                    numbers.push(i..end);
                    (None, end - i)
                }
                0xD8..=0xD9 if i + 1 < bytes.len() && is_common_arabic_letter(b, bytes[i + 1]) => (Some(true), 2),
                _ => {
                    let c = text[i..].chars().next().expect("char boundary");
                    (f.classify(c, in_word), c.len_utf8())
                }
            };
            match letter {
                Some(true) => {
                    f.arabic += 1;
                    f.arabic_words += u32::from(in_word != Some(true));
                }
                Some(false) => {
                    f.latin += 1;
                    f.latin_words += u32::from(in_word != Some(false));
                }
                None => {}
            }
            in_word = letter;
            i += len;
        }
        f
    }

    /// Record what `c` is; Some(true) for an Arabic letter, Some(false) for
    /// a Latin one (marks and tatweel continue the word they are in).
    fn classify(&mut self, c: char, in_word: Option<bool>) -> Option<bool> {
        let f = self;
        match c {
            'a'..='z' | 'A'..='Z' => Some(false),
            '0'..='9' => {
                f.digits = true;
                None
            }
            ' ' => None,
            ',' | ';' | '?' | '!' | ':' | '.' => {
                f.ascii_punct = true;
                None
            }
            '"' | '«' | '»' | '\u{2018}'..='\u{201F}' => {
                f.quotes = true;
                None
            }
            '-' | '\u{2010}'..='\u{2015}' => {
                f.dashes = true;
                None
            }
            '/' => {
                f.slash = true;
                None
            }
            '(' | ')' | '[' | ']' => {
                f.brackets = true;
                None
            }
            '\t' => {
                f.odd_spaces = true;
                None
            }
            '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{AD}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' => {
                f.invisible = true;
                None
            }
            '\u{060C}' | '\u{061B}' | '\u{061F}' => {
                f.arabic_punct = true;
                None
            }
            TATWEEL => {
                f.tatweel = true;
                in_word.and(Some(true))
            }
            '\u{0653}'..='\u{0655}' => {
                f.combining_hamza = true;
                in_word
            }
            '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => {
                f.non_western_digits = true;
                None
            }
            '\u{06A9}' | '\u{06CC}' => {
                f.persian_kaf_yeh = true;
                Some(true)
            }
            '\u{067E}' | '\u{0686}' | '\u{0698}' | '\u{06AF}' => {
                f.persian_only = true;
                Some(true)
            }
            '\u{FFFD}' => {
                f.replacement = true;
                None
            }
            _ if chars::is_arabic_letter(c) => Some(true),
            _ if chars::is_arabic_mark(c) => in_word,
            _ if is_presentation_form(c) => {
                f.presentation = true;
                Some(true)
            }
            _ if is_bidi_control(c) => {
                f.bidi_controls = true;
                None
            }
            _ if is_odd_space(c) => {
                f.odd_spaces = true;
                None
            }
            _ => match chars::strong(c) {
                Some(chars::Strong::Ltr) => Some(false),
                Some(chars::Strong::Rtl) => Some(true),
                None => None,
            },
        }
    }

    /// Most words are Arabic (words, not letters: unvowelled Arabic words
    /// are shorter than English ones).
    pub fn is_arabic(&self) -> bool {
        self.arabic_words > 0 && self.arabic_words >= self.latin_words
    }

    /// Clearly Arabic (`Some(true)`) or clearly not (`Some(false)`): one
    /// script has at least twice the other's words. `None` when mixed.
    pub fn clear_direction(&self) -> Option<bool> {
        if self.arabic_words > 0 && self.arabic_words >= 2 * self.latin_words {
            Some(true)
        } else if self.latin_words > 0 && self.latin_words >= 2 * self.arabic_words {
            Some(false)
        } else {
            None
        }
    }
}

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
    /// Rules switched off for this block by `<!-- dossier-ignore CODE -->`.
    pub ignored: &'a [RuleCode],
}

impl<'a> Paragraph<'a> {
    /// A paragraph with its links and numbers found, plus `markup` ranges
    /// (relative) that are not prose.
    pub fn new(text: &'a str, markup: &[Range<usize>], ignored: &'a [RuleCode]) -> Self {
        let mut numbers = Vec::new();
        let mut features = Features::scan(text, &mut numbers);
        let mut protected = protect::with_numbers(protect::links(text), numbers);
        if !markup.is_empty() {
            protected.extend(markup.iter().map(|r| Protected { range: r.clone(), kind: Protection::Markup }));
            protected.sort_by_key(|p| p.range.start);
        }
        // Links and markup are not words of the paragraph's language.
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
        Paragraph { text, protected, max_end, features, ignored }
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

    /// Byte `pos` is inside a link or markup (numbers do not count).
    pub fn is_untouchable(&self, pos: usize) -> bool {
        matches!(self.protection_at(pos), Some(Protection::Link | Protection::Markup))
    }

    /// Byte `pos` is inside anything protected, numbers included.
    pub fn is_protected(&self, pos: usize) -> bool {
        self.protection_at(pos).is_some()
    }
}

/// Where a paragraph sits in its file, before the text is borrowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphSpan {
    pub range: Range<usize>,
    /// Non-prose ranges, relative to `range.start`.
    pub markup: Vec<Range<usize>>,
    pub ignored: Vec<RuleCode>,
}

/// The kinds of file cleanup reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

impl Format {
    pub fn of_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

/// The paragraphs of a file, and (for markdown) the ranges where line-level
/// rules must not act (code blocks, HTML blocks, front matter, hard breaks).
pub struct Segmentation {
    pub paragraphs: Vec<ParagraphSpan>,
    pub verbatim: Vec<Range<usize>>,
}

/// Only the ranges line-level rules must skip: none in plain text, so the
/// line-end pass does not segment a large `.txt` into paragraphs for nothing.
pub fn verbatim(text: &str, format: Format) -> Vec<Range<usize>> {
    match format {
        Format::Text => Vec::new(),
        Format::Markdown => markdown_paragraphs(text).verbatim,
    }
}

pub fn segment(text: &str, format: Format) -> Segmentation {
    match format {
        Format::Text => Segmentation { paragraphs: text_paragraphs(text), verbatim: Vec::new() },
        Format::Markdown => markdown_paragraphs(text),
    }
}

/// Each line, without its leading and trailing whitespace (line-level rules
/// own those) or a leading BOM.
fn text_paragraphs(text: &str) -> Vec<ParagraphSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    while start <= bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &text[start..end];
        let trimmed_start = line.len() - line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').len();
        let trimmed = line[trimmed_start..].trim_end_matches(|c: char| c.is_whitespace());
        if !trimmed.is_empty() {
            let s = start + trimmed_start;
            out.push(ParagraphSpan { range: s..s + trimmed.len(), markup: Vec::new(), ignored: Vec::new() });
        }
        if end == bytes.len() {
            break;
        }
        start = end + 1;
    }
    out
}

const IGNORE_DIRECTIVE: &str = "dossier-ignore";

/// `<!-- dossier-ignore Q001 S002 -->` → the codes it names.
fn ignore_directive(html: &str) -> Option<Vec<RuleCode>> {
    let inner = html.trim().strip_prefix("<!--")?.trim_end().strip_suffix("-->")?.trim();
    let codes = inner.strip_prefix(IGNORE_DIRECTIVE)?;
    Some(codes.split(|c: char| c.is_whitespace() || c == ',').filter(|s| !s.is_empty()).filter_map(RuleCode::parse).collect())
}

fn markdown_paragraphs(text: &str) -> Segmentation {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut paragraphs = Vec::new();
    let mut verbatim = Vec::new();
    // Prose ranges of the block being read.
    let mut prose: Vec<Range<usize>> = Vec::new();
    let mut pending_ignore: Vec<RuleCode> = Vec::new();
    let mut depth_code = 0usize;

    let mut flush = |prose: &mut Vec<Range<usize>>, ignore: &mut Vec<RuleCode>| {
        if prose.is_empty() {
            return;
        }
        let start = prose[0].start;
        let end = prose.last().unwrap().end;
        let mut markup = Vec::new();
        let mut cursor = start;
        for r in prose.iter() {
            if r.start > cursor {
                markup.push(cursor - start..r.start - start);
            }
            cursor = cursor.max(r.end);
        }
        paragraphs.push(ParagraphSpan { range: start..end, markup, ignored: std::mem::take(ignore) });
        prose.clear();
    };

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Text(_) if depth_code == 0 => {
                // Entities like `&amp;` are text to pulldown-cmark but markup to us.
                if text[range.clone()].starts_with('&') && text[range.clone()].ends_with(';') && range.len() > 2 {
                    continue;
                }
                prose.push(range)
            }
            Event::SoftBreak if depth_code == 0 => prose.push(range),
            Event::HardBreak => verbatim.push(range),
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(codes) = ignore_directive(&html) {
                    flush(&mut prose, &mut pending_ignore);
                    pending_ignore.extend(codes);
                }
                verbatim.push(range);
            }
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                depth_code += 1;
                verbatim.push(range);
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                depth_code = depth_code.saturating_sub(1);
            }
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => {
                flush(&mut prose, &mut pending_ignore);
            }
            _ => {}
        }
    }
    flush(&mut prose, &mut pending_ignore);
    Segmentation { paragraphs, verbatim }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, format: Format) -> Vec<&str> {
        segment(text, format).paragraphs.iter().map(|p| &text[p.range.clone()]).collect()
    }

    #[test]
    fn text_lines_are_paragraphs() {
        assert_eq!(texts("\u{FEFF}أول  \n\n  ثان\r\nثالث", Format::Text), vec!["أول", "ثان", "ثالث"]);
        assert_eq!(texts("", Format::Text), Vec::<&str>::new());
    }

    #[test]
    fn markdown_prose_only() {
        let md = "---\ntitle: x\n---\n# عنوان\n\nنص *مائل* و`code` و[رابط](http://a.b/c).\n\n```\n\"raw\"\n```\n";
        let seg = segment(md, Format::Markdown);
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &md[p.range.clone()]).collect();
        assert_eq!(paras, vec!["عنوان", "نص *مائل* و`code` و[رابط](http://a.b/c)."]);
        let p = &seg.paragraphs[1];
        let body = &md[p.range.clone()];
        let markup: Vec<&str> = p.markup.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(markup, vec!["*", "*", "`code`", "[", "](http://a.b/c)"]);
        assert!(seg.verbatim.iter().any(|r| md[r.clone()].contains("\"raw\"")));
    }

    #[test]
    fn ignore_directive_applies_to_next_block() {
        let md = "<!-- dossier-ignore Q001 S001 -->\nنص\n\nآخر\n";
        let seg = segment(md, Format::Markdown);
        assert_eq!(seg.paragraphs[0].ignored, vec![RuleCode::parse("Q001").unwrap(), RuleCode::parse("S001").unwrap()]);
        assert!(seg.paragraphs[1].ignored.is_empty());
    }
}
