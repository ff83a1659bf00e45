//! Cleanup: rules find [`Diagnostic`]s, fixes are [`Edit`]s applied without
//! overlaps, and fixing repeats until nothing changes.
//!
//! The pipeline for one document:
//! 1. line-level rules (line endings, trailing spaces, blank lines, BOM,
//!    final newline) over the whole text;
//! 2. segmentation into paragraphs (lines of `.txt`, prose blocks of `.md`);
//!    a large document is worked on in pieces, and a large text's lines are
//!    cut by the task that works on the piece (`segment::Piece`);
//! 3. paragraph rules on each paragraph, in parallel for large documents;
//!    one scan of the paragraph ([`paragraph::Features`]) tells which
//!    passes have anything to find there (their triggers), and only those
//!    run; in fix mode each paragraph is fixed until stable, on its own;
//! 4. protected spans (links, markup, numbers) filter what rules proposed.
//!
//! `check` fixes each paragraph the same way and reports, besides what it
//! finds in the text, the fixes that show only after others (`cascade.rs`):
//! everything `fix` changes is reported first.

pub mod apply;
mod cascade;
pub mod context;
pub mod diagnostic;
pub mod invariant;
pub mod layout;
pub mod output;
pub mod paragraph;
pub mod protect;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod segment;
pub mod selection;
pub mod settings;
pub mod suppress;

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;

pub use crate::files::Format;
use crate::files::Text;
pub use context::DocContext;
use context::LineLanguages;
pub use diagnostic::{Applicability, Diagnostic, Edit, Findings, Fix, Severity, Tally};
use protect::Protection;
use registry::PASSES;
pub use registry::RULES;
use rule::{Check, Pass};
pub use rule::{Rule, RuleCode};
pub use settings::{CleanConfig, Settings};

use paragraph::Paragraph;
use segment::{ParagraphSpan, Piece};

/// Documents larger than this are split across threads by paragraph.
const PARALLEL_THRESHOLD: usize = 256 * 1024;
/// Paragraphs cut up front that one task checks or fixes in a row (a large
/// text's tasks take a stretch of lines instead).
const PARAGRAPHS_PER_PIECE: usize = 256;
/// Pieces fixed together before their text is copied out and dropped:
/// enough to keep both cores busy, few enough to bound memory.
const PIECES_PER_CHUNK: usize = 32;
/// How many rounds of fixes a paragraph may need before we call it a bug.
const MAX_ROUNDS: usize = 10;

/// Which fixes `fix` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    Safe,
    /// Safe and unsafe fixes.
    Unsafe,
}

impl FixMode {
    fn applies(self, fix: &Fix) -> bool {
        fix.applicability == Applicability::Safe || self == FixMode::Unsafe
    }
}

/// What `fix` did to a document.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    pub text: String,
    /// Fixes applied, counted by rule.
    pub applied: BTreeMap<RuleCode, usize>,
    /// What is left in the fixed text (positions in `text`).
    pub remaining: Vec<Diagnostic>,
}

impl FixOutcome {
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
    pub fn applied_total(&self) -> usize {
        self.applied.values().sum()
    }
}

/// Cleanup failed to reach a fixed point: a bug in a rule, reported with the
/// place so it can be filed, and no text is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotConverged {
    pub offset: usize,
    pub rules: Vec<RuleCode>,
}

impl std::fmt::Display for NotConverged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rules: Vec<&str> = self.rules.iter().map(|r| r.0).collect();
        write!(f, "fixes did not settle after {MAX_ROUNDS} rounds near byte {} (rules {}); nothing was written: this is a dossier bug, please report it with the text", self.offset, rules.join(", "))
    }
}

/// Every finding in `text`, sorted by position.
pub fn check(text: &str, format: Format, settings: &Settings) -> Vec<Diagnostic> {
    check_bounded(text, format, settings, usize::MAX).diagnostics
}

/// [`check`], keeping at most `limit` findings (the first by position) and
/// counting the rest: what one file costs in memory is then bounded by the
/// limit, not by how many findings a hostile text holds. Paragraphs are
/// checked a chunk at a time and each piece keeps no more than what is
/// still wanted.
pub fn check_bounded(text: &str, format: Format, settings: &Settings, limit: usize) -> Findings {
    check_bounded_with(text, format, settings, limit, Vec::new())
}

/// [`check_bounded`] with findings made outside the engine (what `build`
/// would refuse: see [`crate::publish::preflight`]), held to the same
/// selection and suppressions: a directive that silences one of them is
/// used, not reported by M004.
pub fn check_bounded_with(text: &str, format: Format, settings: &Settings, limit: usize, outside: Vec<Diagnostic>) -> Findings {
    let (seg, ctx) = prepare(text, format, settings, None);
    let mut outside: Vec<Diagnostic> = outside
        .into_iter()
        .filter(|d| registry::rule_of(d.code).is_some_and(|r| settings.enabled(r)))
        .filter(|d| match seg.layout.reach.find(d.code, d.range.start) {
            Some(i) => {
                ctx.used.mark(i);
                false
            }
            None => true,
        })
        .collect();
    outside.sort_by_key(|d| (d.range.start, d.range.end));
    let mut kept = Findings::with_limit(limit);
    kept.extend(outside);
    let per_piece = |piece: &Piece, wanted: usize| {
        let mut found = Findings::with_limit(wanted);
        for span in piece.spans(text).iter() {
            let mut diags = check_paragraph_rounds(&text[span.range.clone()], span, &ctx);
            if found.diagnostics.len() + diags.len() > wanted {
                // The limit falls in this paragraph: keep its first.
                diags.sort_by_key(|d| (d.range.start, d.range.end));
            }
            found.extend(diags.into_iter().map(|d| d.shifted(span.range.start)));
        }
        found
    };
    let parallel = text.len() >= PARALLEL_THRESHOLD;
    let pieces: Vec<Piece> = seg.pieces(PARAGRAPHS_PER_PIECE).collect();
    let paragraphs = || {
        let mut all = Findings::with_limit(limit);
        for chunk in pieces.chunks(if parallel { PIECES_PER_CHUNK } else { pieces.len().max(1) }) {
            let wanted = all.room();
            let found: Vec<Findings> = if parallel {
                chunk.par_iter().map(|piece| per_piece(piece, wanted)).collect()
            } else {
                chunk.iter().map(|piece| per_piece(piece, wanted)).collect()
            };
            // Pieces are in text order: what a later piece kept while an
            // earlier one filled the limit is past the limit too.
            found.into_iter().for_each(|piece| all.absorb(piece));
        }
        all
    };
    // The whole-text passes run beside the paragraphs, not before them.
    let document = || check_document(text, &seg.layout, settings, limit, &ctx.used);
    let (document, mut found) = if parallel { rayon::join(document, paragraphs) } else { (document(), paragraphs()) };
    // Both lists kept their first findings by position, so the first
    // `limit` of the two merged are the text's first `limit`.
    found.merge_sorted(document);
    found.merge_sorted(kept);
    found.merge_sorted(unused_directives(&seg, &ctx, limit));
    found
}

/// M004 for each directive that switched nothing off, once every finding
/// of the text is known.
fn unused_directives(seg: &segment::Segmentation, ctx: &DocContext, limit: usize) -> Findings {
    let mut out = Findings::with_limit(limit);
    let m004 = &rules::meta::unused_suppression::UNUSED_SUPPRESSION;
    if seg.layout.directives.is_empty() || !selection::on_at(m004, ctx.settings, || false) {
        return out;
    }
    // Another directive may silence this report, by naming M004 (one that
    // silences every rule would silence its own report): how many that
    // name it reach a place, counted from their sorted starts and ends, so
    // that many directives on one line cost no more than a sort.
    let directives = &seg.layout.directives;
    let naming: Vec<usize> = (0..directives.len()).filter(|&j| seg.layout.reach.names(j, m004.code)).collect();
    let mut starts: Vec<usize> = naming.iter().map(|&j| directives[j].covers.start).collect();
    let mut ends: Vec<usize> = naming.iter().map(|&j| directives[j].covers.end).collect();
    starts.sort_unstable();
    ends.sort_unstable();
    let reaching = |at: usize| starts.partition_point(|&s| s <= at) - ends.partition_point(|&e| e <= at);
    for (i, directive) in directives.iter().enumerate() {
        let at = directive.range.start;
        let own = usize::from(seg.layout.reach.names(i, m004.code) && directive.covers.contains(&at));
        if ctx.used.contains(i) || (!naming.is_empty() && reaching(at) > own) {
            continue;
        }
        let on = |code| registry::rule_of(code).is_some_and(|r| ctx.settings.enabled(r));
        out.extend(rules::meta::unused_suppression::finding(directive, on));
    }
    out
}

/// The paragraphs of `text` and what rules may know of the whole. For a
/// large text, the facts most of its paragraphs ask for (the grouping
/// counts, when D006 is on) are gathered beside the cutting: gathered
/// lazily, the paragraphs' first ask would keep every other thread waiting
/// while one gathers.
/// `cut`: the text's paragraphs when they are known already.
fn prepare<'a>(
    text: &'a str,
    format: Format,
    settings: &'a Settings,
    cut: Option<segment::Segmentation>,
) -> (segment::Segmentation, DocContext<'a>) {
    let ctx = DocContext::new(text, settings, selection::paragraph_passes(settings));
    let segment = || cut.unwrap_or_else(|| segment::segment(text, format));
    if text.len() < PARALLEL_THRESHOLD || !settings.enabled(&rules::dates::grouping::MIXED_GROUPING) {
        return (segment(), ctx);
    }
    let (seg, _) = rayon::join(segment, || ctx.grouping());
    (seg, ctx)
}

/// Apply fixes until the text is stable. Diagnostics left in the result are
/// those no applicable fix could settle.
pub fn fix(text: &str, format: Format, settings: &Settings, mode: FixMode) -> Result<FixOutcome, NotConverged> {
    fix_text(Working::Borrowed(text), format, settings, mode)
}

/// [`fix`], consuming the text (a `String` or a mapped file): it is
/// released as soon as a normalized copy exists, which keeps a large file
/// under three times its size.
pub fn fix_owned(text: impl Into<Text>, format: Format, settings: &Settings, mode: FixMode) -> Result<FixOutcome, NotConverged> {
    fix_text(Working::Held(text.into()), format, settings, mode)
}

/// The text a round of fixes starts from: the caller's, or one the round
/// holds and gives up as soon as it has a fixed copy.
enum Working<'t> {
    Borrowed(&'t str),
    Held(Text),
}

impl Working<'_> {
    fn into_string(self) -> String {
        match self {
            Working::Borrowed(text) => text.to_string(),
            Working::Held(text) => text.into_string(),
        }
    }
}

impl std::ops::Deref for Working<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Working::Borrowed(text) => text,
            Working::Held(text) => text,
        }
    }
}

fn fix_text(text: Working<'_>, format: Format, settings: &Settings, mode: FixMode) -> Result<FixOutcome, NotConverged> {
    let (mut outcome, mut again) = fix_once(text, None, format, settings, mode)?;
    let mut rounds = 1;
    while again.needed(&outcome.text, format, settings) && rounds < MAX_ROUNDS {
        let cut = again.cut.take();
        let (next, next_again) = fix_once(Working::Borrowed(&outcome.text), cut, format, settings, mode)?;
        if !next.changed() {
            break;
        }
        for (code, n) in next.applied.iter() {
            *outcome.applied.entry(*code).or_insert(0) += n;
        }
        (outcome.text, outcome.remaining, again) = (next.text, next.remaining, next_again);
        rounds += 1;
    }
    // Whether a directive silenced anything is known once the text is
    // fixed: the rare text that holds one is checked again for M004.
    if memchr::memmem::find(outcome.text.as_bytes(), b"dossier-ignore").is_some() {
        let unused = &rules::meta::unused_suppression::UNUSED_SUPPRESSION;
        outcome.remaining.extend(check(&outcome.text, format, settings).into_iter().filter(|d| d.code == unused.code));
        outcome.remaining.sort_by_key(|d| (d.range.start, d.range.end));
    }
    Ok(outcome)
}

/// Why a fixed document may not be at its fixed point yet, though each of
/// its paragraphs is.
struct Again {
    /// The round changed the text: a round that changed nothing is the
    /// fixed point (the next would see the same text, and do the same).
    changed: bool,
    /// The document evidence the fixes were made with (the dates an
    /// ambiguous fused date is read by, the language an open line takes):
    /// fixes can change it.
    evidence: context::Evidence,
    /// The paragraphs were cut again after the fixes (line ends tidied).
    reshaped: bool,
    /// The fixed markdown's paragraphs, when its layout was read after the
    /// fixes: the next round starts from them rather than parse it again.
    cut: Option<segment::Segmentation>,
}

impl Again {
    /// Another pass can change `text`: it changed, and its paragraphs
    /// moved, a markdown block's extent may have (a line emptied of
    /// invisibles), or the evidence read from the fixed text is not what
    /// the fixes used. With the same evidence, every paragraph is already
    /// fixed as it would be.
    fn needed(&self, text: &str, format: Format, settings: &Settings) -> bool {
        self.changed && (self.reshaped || format == Format::Markdown || self.evidence.changed_in(text, settings))
    }
}

/// Rounds of fixes run by this process (see [`rounds`]).
static ROUNDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many rounds of fixes this process has run: a clean file takes one.
pub fn rounds() -> usize {
    ROUNDS.load(std::sync::atomic::Ordering::Relaxed)
}

/// One pass of the pipeline, with what may call for another.
/// `cut`: the text's paragraphs, when the last round read them.
fn fix_once(
    text: Working<'_>,
    cut: Option<segment::Segmentation>,
    format: Format,
    settings: &Settings,
    mode: FixMode,
) -> Result<(FixOutcome, Again), NotConverged> {
    ROUNDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut applied = BTreeMap::new();
    // 1. Line ends first: paragraphs are then cut from normalized lines. An
    //    owned text is fixed in place, another copied once (or not at all
    //    when only its ending changes). Markdown's paragraphs are cut in the
    //    parse that found the line-level fixes, once they are settled.
    let (normalized, settled, cut) = fix_line_ends(text, cut, settings, format, mode, &mut applied)?;
    let body = normalized.body();
    let (seg, ctx) = prepare(body, format, settings, cut);

    // 2. Each paragraph to its fixed point, and 3. reassembled, shifting what
    //    is left to the output's offsets. Chunk by chunk, so fixed
    //    paragraphs are dropped as soon as they are copied out; within a
    //    chunk each task writes out its own piece of the text, so little is
    //    left for one thread to do.
    let mut out = crate::files::memory::string_with_capacity(body.len() + body.len() / 32 + normalized.ending.len());
    let mut found = Found::default();
    let mut cursor = 0;
    let pieces: Vec<Piece> = seg.pieces(PARAGRAPHS_PER_PIECE).collect();
    for chunk in pieces.chunks(PIECES_PER_CHUNK) {
        if body.len() < PARALLEL_THRESHOLD {
            for piece in chunk {
                cursor = fix_piece(body, cursor, piece, &ctx, mode, &mut out, &mut found)?;
            }
            continue;
        }
        let fixed: Vec<Result<(String, Found), NotConverged>> = chunk
            .par_iter()
            .map(|piece| {
                let range = piece.range();
                let (mut text, mut found) = (String::with_capacity(range.len() + range.len() / 32), Found::default());
                fix_piece(body, range.start, piece, &ctx, mode, &mut text, &mut found).map(|_| (text, found))
            })
            .collect();
        for (piece, result) in chunk.iter().zip(fixed) {
            let (text, piece_found) = result?;
            let range = piece.range();
            out.push_str(&body[cursor..range.start]);
            found.absorb(piece_found, out.len());
            out.push_str(&text);
            cursor = range.end;
        }
    }
    out.push_str(&body[cursor..]);
    out.push_str(&normalized.ending);
    let Found { applied: paragraph_counts, mut remaining, line_ends_moved } = found;
    let paragraphs_changed = !paragraph_counts.is_empty();
    for (code, n) in paragraph_counts {
        *applied.entry(code).or_insert(0) += n;
    }
    let evidence = ctx.into_evidence();
    drop(normalized);

    // 4. A paragraph fix can leave a line end to tidy (a removed invisible
    //    character before a trailing space). Rare: then check from scratch.
    //    When no paragraph changed, or in a text file no fixed paragraph can
    //    have moved a line end, the line-level findings are those settled in
    //    step 1 (none, in the text file).
    let mut out_cut = None;
    let line_diags = if !paragraphs_changed {
        settled
    } else if format == Format::Text && settled.is_empty() && !line_ends_moved {
        Vec::new()
    } else if format == Format::Markdown {
        let seg = segment::segment(&out, format);
        let diags = check_document(&out, &seg.layout, settings, usize::MAX, &Default::default()).diagnostics;
        out_cut = Some(seg);
        diags
    } else {
        check_document(&out, &segment::layout(&out, format), settings, usize::MAX, &Default::default()).diagnostics
    };
    if line_diags.iter().any(|d| d.fix.as_ref().is_some_and(|f| mode.applies(f))) {
        let tidied = fix_line_ends(Working::Held(out.into()), out_cut, settings, format, mode, &mut applied)?.0.into_string();
        let remaining = check(&tidied, format, settings).into_iter().filter(|d| !d.fix.as_ref().is_some_and(|f| mode.applies(f))).collect();
        // The tidied lines may be new paragraphs (a separator a paragraph
        // fix made plain became a line break): they go round again.
        return Ok((FixOutcome { text: tidied, applied, remaining }, Again { changed: true, evidence, reshaped: true, cut: None }));
    }
    remaining.extend(line_diags);
    remaining.sort_by_key(|d| (d.range.start, d.range.end));
    let changed = !applied.is_empty();
    Ok((FixOutcome { text: out, applied, remaining }, Again { changed, evidence, reshaped: false, cut: out_cut }))
}

/// A fixed paragraph whose text could change what the line-level rules
/// find: it is empty (a blank line now), starts or ends with a space, or
/// holds a line break.
fn may_move_line_ends(text: &str) -> bool {
    text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) || text.is_empty() || text.contains(['\n', '\r'])
}

/// A text with its line ends normalized: `text[..end]` followed by
/// `ending`. A text whose one line-level finding is its ending (no final
/// newline, blank lines after the last line) keeps its body where it is:
/// a large file is not copied for one newline.
struct Normalized<'t> {
    text: Working<'t>,
    end: usize,
    ending: String,
}

impl<'t> Normalized<'t> {
    fn whole(text: Working<'t>) -> Self {
        let end = text.len();
        Normalized { text, end, ending: String::new() }
    }

    /// The text before the new ending: its lines are normalized, and it
    /// holds every paragraph.
    fn body(&self) -> &str {
        &self.text[..self.end]
    }

    fn into_string(self) -> String {
        let mut text = match self.text {
            Working::Held(Text::Owned(text)) => text,
            other if self.end == other.len() && self.ending.is_empty() => return other.into_string(),
            other => {
                let mut copy = String::with_capacity(self.end + self.ending.len());
                copy.push_str(&other[..self.end]);
                copy
            }
        };
        text.truncate(self.end);
        text.push_str(&self.ending);
        text
    }
}

/// The one fix of `diags` when it only replaces the ending of a text of
/// `len` bytes: where the ending starts and what replaces it.
fn only_new_ending(diags: &[Diagnostic], len: usize, mode: FixMode) -> Option<(usize, &str)> {
    let [d] = diags else { return None };
    let fix = d.fix.as_ref().filter(|f| d.code == rules::spacing::line_ends::FINAL_NEWLINE.code && mode.applies(f))?;
    let [edit] = &fix.edits[..] else { return None };
    (edit.range.end == len).then_some((edit.range.start, edit.replacement.as_ref()))
}

/// The line-level fixes, until stable: in place when the text is owned (a
/// large standard input), else on a copy made at the first change, or none
/// when only the ending of a plain text changes (see [`Normalized`]). Also
/// returns what the settled round found and could not fix, and a markdown
/// text's paragraphs, cut in the parse that found its layout. `known`: the
/// paragraphs of `current`, when they were cut already.
fn fix_line_ends<'t>(
    mut current: Working<'t>,
    mut known: Option<segment::Segmentation>,
    settings: &Settings,
    format: Format,
    mode: FixMode,
    applied: &mut BTreeMap<RuleCode, usize>,
) -> Result<(Normalized<'t>, Vec<Diagnostic>, Option<segment::Segmentation>), NotConverged> {
    for _ in 0..MAX_ROUNDS {
        // A markdown layout is a parse that cuts the paragraphs too.
        let cut = (format == Format::Markdown).then(|| known.take().unwrap_or_else(|| segment::segment(&current, format)));
        let plain;
        let layout = match &cut {
            Some(seg) => &seg.layout,
            None => {
                plain = segment::layout(&current, format);
                &plain
            }
        };
        let diags = check_document(&current, layout, settings, usize::MAX, &Default::default()).diagnostics;
        if let Some((end, ending)) = only_new_ending(&diags, current.len(), mode).filter(|_| format == Format::Text) {
            // The lines before the ending are unchanged and had nothing to
            // fix, and the new ending is the settled one: nothing is left.
            *applied.entry(diags[0].code).or_insert(0) += 1;
            return Ok((Normalized { end, ending: ending.to_string(), text: current }, Vec::new(), None));
        }
        let counts = if let Working::Held(Text::Owned(text)) = &mut current {
            apply::apply_in_place(text, &diags, |f| mode.applies(f))
        } else {
            let (next, counts) = apply::apply(&current, &diags, |f| mode.applies(f));
            if !counts.is_empty() {
                // A mapped file is released here.
                current = Working::Held(next.into());
            }
            counts
        };
        if counts.is_empty() {
            return Ok((Normalized::whole(current), diags, cut));
        }
        for (code, n) in counts {
            *applied.entry(code).or_insert(0) += n;
        }
    }
    let rules = document_passes(settings).flat_map(|p| p.rules.iter().map(|r| r.code)).collect();
    Err(NotConverged { offset: 0, rules })
}

/// What fixing paragraphs left besides their text.
#[derive(Default)]
struct Found {
    /// Fixes applied, counted by rule.
    applied: BTreeMap<RuleCode, usize>,
    /// What is left, at offsets in the text the paragraphs were written to.
    remaining: Vec<Diagnostic>,
    /// A fixed paragraph may have moved a line end (see [`may_move_line_ends`]).
    line_ends_moved: bool,
}

impl Found {
    /// Take in what a piece of paragraphs written `base` bytes into the
    /// output left.
    fn absorb(&mut self, piece: Found, base: usize) {
        for (code, n) in piece.applied {
            *self.applied.entry(code).or_insert(0) += n;
        }
        self.remaining.extend(piece.remaining.into_iter().map(|d| d.shifted(base)));
        self.line_ends_moved |= piece.line_ends_moved;
    }
}

/// Fix the paragraphs of `piece` and append them to `out`, with the text
/// from `cursor` to the piece's end, between them, as it is. Returns where
/// the piece ends.
fn fix_piece(
    text: &str,
    mut cursor: usize,
    piece: &Piece,
    ctx: &DocContext,
    mode: FixMode,
    out: &mut String,
    found: &mut Found,
) -> Result<usize, NotConverged> {
    for span in piece.spans(text).iter() {
        let fixed = fix_paragraph(&text[span.range.clone()], span, ctx, mode)
            .map_err(|e| NotConverged { offset: e.offset + span.range.start, rules: e.rules })?;
        out.push_str(&text[cursor..span.range.start]);
        found.line_ends_moved |= matches!(fixed.text, Cow::Owned(_)) && may_move_line_ends(&fixed.text);
        found.absorb(Found { applied: fixed.applied, remaining: fixed.remaining, line_ends_moved: false }, out.len());
        out.push_str(&fixed.text);
        cursor = span.range.end;
    }
    let end = piece.range().end.max(cursor);
    out.push_str(&text[cursor..end]);
    Ok(end)
}

struct ParagraphFixed<'a> {
    /// Borrowed from the document when nothing changed: most paragraphs of
    /// a large document cost no copy.
    text: Cow<'a, str>,
    applied: BTreeMap<RuleCode, usize>,
    remaining: Vec<Diagnostic>,
}

/// What `check` reports for a paragraph: the findings of its text, and the
/// safe fixes `fix` makes only after others (see [`cascade`]), found by
/// fixing it the same way. A clean paragraph costs one check, as before.
fn check_paragraph_rounds(text: &str, span: &ParagraphSpan, ctx: &DocContext) -> Vec<Diagnostic> {
    let mut rounds = cascade::Rounds::default();
    let safe = |f: &Fix| FixMode::Safe.applies(f);
    // A paragraph that does not settle is a bug `fix` reports; what was
    // found on the way is still worth reporting here.
    let _ = fix_paragraph_watched(text, span, ctx, FixMode::Safe, |diags| rounds.record(diags, safe));
    rounds.into_findings()
}

fn fix_paragraph<'a>(text: &'a str, span: &ParagraphSpan, ctx: &DocContext, mode: FixMode) -> Result<ParagraphFixed<'a>, NotConverged> {
    fix_paragraph_watched(text, span, ctx, mode, |_| {})
}

/// Fix a paragraph round by round; `watch` sees each round's findings (and
/// may take them: they are not needed after it).
fn fix_paragraph_watched<'a>(
    text: &'a str,
    span: &ParagraphSpan,
    ctx: &DocContext,
    mode: FixMode,
    mut watch: impl FnMut(&mut Vec<Diagnostic>),
) -> Result<ParagraphFixed<'a>, NotConverged> {
    let mut current = Cow::Borrowed(text);
    let mut local = span.clone();
    let mut applied = BTreeMap::new();
    let mut last_rules = Vec::new();
    for _ in 0..MAX_ROUNDS {
        local.range = 0..current.len();
        let mut diags = Vec::new();
        check_paragraph(&current, &local, ctx, &mut diags);
        let (next, counts) = apply::apply(&current, &diags, |f| mode.applies(f));
        if !counts.is_empty() {
            // Markup and what directives reach move with the text.
            local.markup = apply::remap_ranges(&local.markup, &diags, |f| mode.applies(f));
            if !local.ignored.is_empty() {
                let within: Vec<_> = local.ignored.iter().map(|i| i.within.clone()).collect();
                for (i, moved) in local.ignored.iter_mut().zip(apply::remap_ranges(&within, &diags, |f| mode.applies(f))) {
                    i.within = moved;
                }
            }
        }
        watch(&mut diags);
        if counts.is_empty() {
            return Ok(ParagraphFixed { text: current, applied, remaining: diags });
        }
        last_rules = counts.keys().copied().collect();
        for (code, n) in counts {
            *applied.entry(code).or_insert(0) += n;
        }
        current = Cow::Owned(next);
    }
    Err(NotConverged { offset: 0, rules: last_rules })
}

/// The passes that see the whole text, switched on by `settings`.
fn document_passes(settings: &Settings) -> impl Iterator<Item = &'static Pass> + '_ {
    PASSES.iter().copied().filter(move |p| matches!(p.check, Check::Document(_)) && p.enabled(settings))
}

/// Run the whole-text passes (line ends, directives): on a large text, side
/// by side. Each keeps at most `limit` findings and counts the rest; a
/// directive that switches one off is marked in `used`.
fn check_document(text: &str, layout: &layout::Layout, settings: &Settings, limit: usize, used: &suppress::Used) -> Findings {
    let passes: Vec<_> = document_passes(settings)
        .filter_map(|pass| match pass.check {
            Check::Document(check) => Some(check),
            Check::Paragraph(_) => None,
        })
        .collect();
    let run = |check: &fn(&str, &layout::Layout, &Settings, &mut Findings)| {
        let mut found = Findings::with_limit(limit);
        check(text, layout, settings, &mut found);
        found.diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
        found
    };
    let found: Vec<Findings> =
        if text.len() >= PARALLEL_THRESHOLD { passes.par_iter().map(run).collect() } else { passes.iter().map(run).collect() };
    let mut out = Findings::with_limit(limit);
    for mut pass in found {
        pass.diagnostics.retain(|d| {
            selection::on_at(rule_of(d), settings, || false)
                && match layout.reach.find(d.code, d.range.start) {
                    Some(directive) => {
                        used.mark(directive);
                        false
                    }
                    None => true,
                }
        });
        out.merge_sorted(pass);
    }
    out
}

/// Run the paragraph passes on one paragraph and drop what protection or
/// selection forbids. Ranges are relative to `text`.
fn check_paragraph(text: &str, span: &ParagraphSpan, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if ctx.paragraph_passes().is_empty() {
        return; // only whole-text rules are on (`--select S012`)
    }
    // A paragraph over the bound is not looked at: its findings could take
    // more memory than any machine has (M003 says so, when it is on).
    if let Some(d) = rules::meta::oversized_paragraph::finding(text) {
        out.extend(Some(d).filter(|d| selection::on_at(rule_of(d), ctx.settings, || false) && unsuppressed(&span.ignored, d, &ctx.used)));
        return;
    }
    let para = Paragraph::new(text, &span.markup, &span.ignored);
    let mut found = Vec::new();
    // Ranges owned by an exclusive rule's findings (see `Rule::exclusive`).
    let mut owned: Vec<std::ops::Range<usize>> = Vec::new();
    let present = para.features.triggers();
    let mut languages = LineLanguages::new(text);
    // A one-line paragraph typed on another language's keyboard is looked at
    // once, up front: if it is Persian, Urdu or Kurdish, the passes of Arabic
    // house rules are not run at all (their findings would all be dropped).
    let f = &para.features;
    let other_language =
        (f.persian_kaf_yeh || f.persian_only) && !text.trim_end().contains('\n') && languages.at(ctx, 0).is_other_arabic_script();
    for &(pass, check, exclusive) in ctx.paragraph_passes() {
        if other_language && pass.rules.iter().all(|r| r.arabic_only) {
            continue;
        }
        if !pass.when.meets(present) {
            // None of its triggers: nothing for it to find, so it is not
            // called (most passes, on most paragraphs). Debug builds (the
            // tests) call it anyway, and fail if it finds something.
            if cfg!(debug_assertions) {
                let mut probe = Vec::new();
                check(&para, ctx, &mut probe);
                assert!(probe.is_empty(), "{} found {} in a paragraph with none of its triggers", pass.module, probe[0].code.0);
            }
            continue;
        }
        let from = found.len();
        check(&para, ctx, &mut found);
        debug_assert!(
            found[from..].iter().all(|d| pass.rules.iter().any(|r| r.code == d.code)),
            "{} reported a rule it does not list in its pass!",
            pass.module
        );
        if exclusive {
            owned.extend(found[from..].iter().filter(|d| rule_of(d).exclusive).map(|d| d.range.clone()));
        }
    }
    let overlaps_owned = |d: &Diagnostic| {
        !owned.is_empty()
            && !rule_of(d).exclusive
            && owned.iter().any(|r| d.range.start < r.end && r.start < d.range.end.max(d.range.start + 1))
    };
    let on_here = |d: &Diagnostic, languages: &mut LineLanguages| {
        selection::on_at(rule_of(d), ctx.settings, || languages.at(ctx, d.range.start).is_other_arabic_script())
    };
    out.extend(
        found
            .into_iter()
            .filter(|d| on_here(d, &mut languages) && allowed(&para, d) && !overlaps_owned(d) && unsuppressed(para.ignored, d, &ctx.used)),
    );
}

/// No directive switches the finding off where it is; one that does is
/// marked used (rule M004 reports the others).
fn unsuppressed(ignored: &[suppress::Ignore], d: &Diagnostic, used: &suppress::Used) -> bool {
    match suppress::Ignore::find(ignored, d.code, d.range.start) {
        Some(directive) => {
            used.mark(directive);
            false
        }
        None => true,
    }
}

/// The registered rule behind a finding. Passes only report their own rules
/// (a test checks it), so this cannot fail for a finding a pass made.
fn rule_of(d: &Diagnostic) -> &'static Rule {
    registry::rule_of(d.code).unwrap_or_else(|| panic!("{} reported a finding but is not registered", d.code))
}

/// Protected spans (links, markup, numbers) allow the finding and its fix.
fn allowed(para: &Paragraph, d: &Diagnostic) -> bool {
    if para.protected.is_empty() {
        return true;
    }
    let allowed = rule_of(d).may_edit;
    // A finding that starts inside a link or markup is about that, not prose.
    if para.protection_at(d.range.start).is_some_and(|k| k != Protection::Number && !allowed.contains(&k)) {
        return false;
    }
    match &d.fix {
        Some(fix) => !fix.edits.iter().any(|e| para.edit_intrudes(&e.range, allowed)),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An unused directive is M004, unless another directive reaching it
    /// names M004; one naming M004 does not silence its own report.
    #[test]
    fn unused_directives_are_reported_unless_another_silences_them() {
        let m004 = |md: &str| -> Vec<usize> {
            let found = check(md, Format::Markdown, &Settings::default());
            found.iter().filter(|d| d.code.as_str() == "M004").map(|d| md[..d.range.start].matches('\n').count() + 1).collect()
        };
        assert_eq!(m004("نص <!-- dossier-ignore-line Q001 -->\n"), [1]);
        assert_eq!(m004("<!-- dossier-ignore-next-line M004 -->\nنص <!-- dossier-ignore-line Q001 -->\n"), [1]);
        assert_eq!(m004("نص <!-- dossier-ignore-line M004 --> <!-- dossier-ignore-line Q001 -->\n"), [1]);
        // Many on one line: each report is one count, not a scan of the rest.
        let line = format!("نص {}\n", "<!-- dossier-ignore-line Q001 --> ".repeat(2000));
        assert_eq!(m004(&line).len(), 2000);
    }

    fn fixed(text: &str) -> String {
        fix(text, Format::Text, &Settings::default(), FixMode::Safe).unwrap().text
    }

    /// Issue 19: in a Persian document, short blocks (a heading, list
    /// items) are Persian too, and neither safe nor unsafe fixes respell
    /// them; the same blocks alone take `[clean] language` or front matter.
    #[test]
    fn persian_short_blocks_are_left_alone() {
        let persian = "# دربارهٔ پروژه\n\n## کتاب\u{200C}های من\n\n- فیلم\n- کتاب و مقاله\n\nاین پروژه برای نگهداری فهرست کتاب\u{200C}های من ساخته شده است و هر کسی می\u{200C}تواند در آن مشارکت کند. چند گزارش هم در پوشهٔ دیگر گذاشته\u{200C}ایم.\n";
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            let out = fix(persian, Format::Markdown, &Settings::default(), mode).unwrap();
            assert_eq!(out.text, persian, "{mode:?}");
        }
        assert!(check(persian, Format::Markdown, &Settings::default()).is_empty());
        let short = "- فیلم\n";
        assert!(!check(short, Format::Markdown, &Settings::default()).is_empty(), "Arabic typed on a Persian keyboard");
        let forced = Settings::from_config(&CleanConfig { language: Some("fa".into()), ..Default::default() }).unwrap();
        assert!(check(short, Format::Markdown, &forced).is_empty());
        assert!(check("---\nlang: fa\n---\n\n- فیلم\n", Format::Markdown, &Settings::default()).is_empty());
    }

    /// Issue 24: a paragraph over the bound is reported once and not looked
    /// at, by check and fix alike; the paragraphs around it are.
    #[test]
    fn oversized_paragraphs_are_reported_not_checked() {
        let long = "ب،".repeat(70_000);
        let text = format!("قال  نعم\n{long}\nقال  لا\n");
        let found: Vec<_> = check(&text, Format::Text, &Settings::default()).iter().map(|d| d.code.as_str()).collect();
        assert_eq!(found, ["S001", "M003", "S001"]);
        let fixed = fix(&text, Format::Text, &Settings::default(), FixMode::Safe).unwrap();
        assert_eq!(fixed.text, format!("قال نعم\n{long}\nقال لا\n"));
        assert_eq!(fixed.remaining.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["M003"]);
    }

    /// Issue 24: `check_bounded` keeps the first findings by position and
    /// counts the rest by rule, on a small text and on one cut in pieces
    /// across threads; line-level findings are bounded alike.
    #[test]
    fn bounded_check_keeps_the_first_and_counts_the_rest() {
        for lines in [50, 40_000] {
            let text = "قال  نعم \n".repeat(lines);
            let all = check(&text, Format::Text, &Settings::default());
            assert!(all.len() > 2 * lines - 2);
            let found = check_bounded(&text, Format::Text, &Settings::default(), 25);
            assert_eq!(found.diagnostics, all[..25], "{lines} lines");
            assert_eq!(found.total(), all.len());
            assert_eq!(found.unkept_total(), all.len() - 25);
            assert!(found.unkept[&RuleCode("S001")].fixable > lines - 25 && found.unkept[&RuleCode("S012")].errors > lines - 25);
        }
    }

    /// A fix that changes what the document's language is judged by (its
    /// digits, its Latin letters) runs another round with the new judgement:
    /// `علی` on an open line was respelled only by a second `fix --unsafe`.
    #[test]
    fn fixes_settle_when_they_change_the_documents_language() {
        let text = "علی\n<!-- dossier-ignore-next-line -->\n\u{200c}و0٠٠٠0٠0https://bit.ly/3FTnezU،Googleپارسیوب\n<!-- dossier-ignore Q -->\nپارسیnyti.ms";
        let once = fix(text, Format::Text, &Settings::default(), FixMode::Unsafe).unwrap().text;
        let twice = fix(&once, Format::Text, &Settings::default(), FixMode::Unsafe).unwrap().text;
        assert_eq!(twice, once);
    }

    #[test]
    fn intrusion() {
        let para = Paragraph::new("عام 12345 هنا", &[], &[]);
        let number = "عام ".len().."عام 12345".len();
        let inside = number.start + 1;
        assert!(para.edit_intrudes(&(inside..inside + 1), &[]));
        assert!(!para.edit_intrudes(&(inside..inside + 1), &[Protection::Number]));
        assert!(para.edit_intrudes(&(inside..inside), &[]));
        assert!(!para.edit_intrudes(&(number.end..number.end), &[]));
        assert!(!para.edit_intrudes(&(number.end..number.end + 1), &[]));
    }

    #[test]
    fn empty_text_is_clean() {
        assert!(check("", Format::Text, &Settings::default()).is_empty());
        assert_eq!(fixed(""), "");
    }

    /// `fix` removes the RLMs, makes the quotes «», then finds the spaces
    /// they hid; `check` reports those spaces up front, where they are.
    #[test]
    fn check_reports_what_later_rounds_fix() {
        let text = "قال \u{200F} \"\u{200F} نعم \u{200F}\"\u{200F} \u{200F}.\u{200F}";
        assert_eq!(fixed(text), "قال «نعم».\u{200F}\n");
        let found = check(text, Format::Text, &Settings::default());
        let at = |code: &str, from: &str| {
            let start = text.find(from).unwrap();
            found
                .iter()
                .any(|d| d.code.as_str() == code && d.range.start == start && d.is_safe_fixable() && d.message.contains("shows after"))
        };
        assert!(at("S001", " \u{200F} \""), "{found:#?}");
        assert!(at("S004", "\"\u{200F} ن"), "{found:#?}");
        assert!(at("S003", " \u{200F}."), "{found:#?}");
        // Each is reported once, and a later fix carries no edit of this text.
        let later: Vec<_> = found.iter().filter(|d| d.message.contains("shows after")).collect();
        assert_eq!(later.len(), 4, "{later:#?}");
        assert!(later.iter().all(|d| d.fix.as_ref().is_some_and(|f| f.edits.is_empty())));
    }

    /// A large text, cut piece by piece and worked on by every core, is
    /// fixed and checked as its lines are in a small one; so is one whose
    /// only line-level finding is its ending, which is not copied for it.
    #[test]
    fn large_text_fixed_and_checked_as_small_ones() {
        let unit = "قال  نعم, ثم “مضى” في 512022.\nنص\u{200F} عادي  \nذهب إلى( السوق )أمس ؟.\n\nHello , world ; fine\n";
        let n = (1 << 20) / unit.len() + 7;
        let one = fix(unit, Format::Text, &Settings::default(), FixMode::Safe).unwrap();
        let found = check(unit, Format::Text, &Settings::default());
        assert!(one.changed() && !found.is_empty());
        // With a BOM (S015) the text is copied once its line ends are
        // fixed; with only a bad ending (S014, which takes a CR in the
        // ending with the rest) it is not.
        for (start, ending, fixes) in [("", "", 0), ("", "\n\n\n", 1), ("", "\r\n", 1), ("\u{FEFF}", "", 1), ("\u{FEFF}", " \n\n", 2)] {
            let large = format!("{start}{}{ending}", unit.repeat(n));
            let many = fix(&large, Format::Text, &Settings::default(), FixMode::Safe).unwrap();
            assert!(many.text == one.text.repeat(n), "fixed with {start:?} and {ending:?}");
            assert_eq!(many.applied_total(), one.applied_total() * n + fixes, "with {start:?} and {ending:?}");
        }
        let large = unit.repeat(n);
        let shifted: Vec<(RuleCode, usize, usize)> = (0..n)
            .flat_map(|i| found.iter().map(move |d| (d.code, d.range.start + i * unit.len(), d.range.end + i * unit.len())))
            .collect();
        let many: Vec<(RuleCode, usize, usize)> =
            check(&large, Format::Text, &Settings::default()).iter().map(|d| (d.code, d.range.start, d.range.end)).collect();
        assert!(many == shifted, "{} findings in the large text, {} expected", many.len(), shifted.len());
    }

    #[test]
    fn fix_settles_and_is_idempotent() {
        let dirty = "قال  : لـ”الحل نت”  ,نعم\r\n\r\n\r\nثم";
        let once = fixed(dirty);
        assert_eq!(once, "قال: لـ«الحل نت»، نعم\n\nثم\n");
        assert_eq!(fixed(&once), once);
        assert!(check(&once, Format::Text, &Settings::default()).is_empty());
    }
}
