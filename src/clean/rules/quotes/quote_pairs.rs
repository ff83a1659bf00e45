//! Q001–Q003: quotation marks, paired per paragraph, then written in the
//! house style. One pass: which rule fires depends on the pairing.

use crate::clean::rules::prelude::*;
use crate::text::words::ends_with_prefix;

rule! {
    /// Curly quotes around Arabic text follow the house style.
    ///
    /// Web copy writes Arabic quotations with English curly quotes, often the
    /// closing mark for both ends (`لـ”الحل نت”`). Marks are paired per
    /// paragraph, from the letters around each mark: a mark after a space, an
    /// opening bracket or a one-letter prefix (`لـ”`, `و”`) and before a word
    /// opens; a mark after a word and before a space or punctuation closes.
    ///
    /// With the default style `guillemets`, a pair around Arabic text becomes
    /// «», and a pair nested inside one becomes “”. With `curly`, pairs keep
    /// “” but are balanced (“ opens, ” closes). With `keep`, nothing changes.
    /// Quotations of Latin text keep their own marks (`Kazakhstan’s`).
    ///
    /// Before: `كشفت مصادر في “الجيش الوطني السوري” لـ”الحل نت” أن`
    /// After:  `كشفت مصادر في «الجيش الوطني السوري» لـ«الحل نت» أن`
    pub static CURLY_QUOTES = ("Q001", "curly-quotes", Safe, arabic_only = true);
}

rule! {
    /// Straight double quotes around Arabic text follow the house style.
    ///
    /// `"` is a typewriter mark; in Arabic text it becomes «» (or “” when
    /// nested, or balanced “” with the `curly` style). Straight quotes in
    /// Latin text are left as typed. Pairing works as for Q001.
    ///
    /// Before: `قال "نعم" ثم`
    /// After:  `قال «نعم» ثم`
    pub static STRAIGHT_QUOTES = ("Q002", "straight-quotes", Safe, arabic_only = true);
}

rule! {
    /// Quotation marks that cannot be paired are reported, not fixed.
    ///
    /// A paragraph with an odd number of marks, a closing mark with nothing
    /// open, or a quotation left open at the end of the paragraph (a quote
    /// spanning paragraphs) cannot be repaired without reading it: guessing
    /// would move a quotation's boundary. Q001 and Q002 leave such a
    /// paragraph alone; a person decides where the quotation ends.
    ///
    /// Example: `قال “نعم ثم مضى.`
    pub static UNPAIRED_QUOTES = ("Q003", "unpaired-quotes", None);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    ch: char,
    role: Role,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '«' | '»')
}

fn opens_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '«' | '\u{2013}' | '\u{2014}' | '-' | ':' | '\u{060C}' | '/') || is_quote(c)
}

fn closes_before(c: char) -> bool {
    c.is_whitespace()
        || is_quote(c)
        || matches!(
            c,
            ')' | ']'
                | '}'
                | '.'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '\u{060C}'
                | '\u{061B}'
                | '\u{061F}'
                | '\u{2013}'
                | '\u{2014}'
                | '-'
                | '/'
                | '\u{2026}'
        )
}

fn role(text: &str, pos: usize, ch: char) -> Role {
    match ch {
        '«' => return Role::Open,
        '»' => return Role::Close,
        _ => {}
    }
    let prev = chars::char_before(text, pos);
    let next = chars::char_at(text, pos + ch.len_utf8());
    let left = next.is_some_and(|n| !n.is_whitespace()) && (prev.is_none_or(opens_after) || ends_with_prefix(text, pos));
    let right = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_before);
    match (left, right) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

struct Pair {
    open: Mark,
    close: Mark,
    depth: usize,
}

/// Pair the marks; `Err(mark)` names the first one that cannot be paired.
fn pair(marks: &[Mark]) -> Result<Vec<Pair>, Mark> {
    let mut stack: Vec<Mark> = Vec::new();
    let mut pairs = Vec::new();
    for &m in marks {
        let closes = match m.role {
            Role::Open => false,
            Role::Close => true,
            // An ambiguous mark closes an open quotation of a non-guillemet kind.
            Role::Either => stack.last().is_some_and(|top| top.ch != '«'),
        };
        if closes {
            let open = stack.pop().ok_or(m)?;
            pairs.push(Pair { open, close: m, depth: stack.len() });
        } else {
            stack.push(m);
        }
    }
    match stack.first() {
        Some(&open) => Err(open),
        None => Ok(pairs),
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let marks: Vec<Mark> = para
        .signs(is_quote)
        .filter(|&(pos, _)| !para.is_protected(pos))
        .map(|(pos, ch)| Mark { pos, ch, role: role(text, pos, ch) })
        .collect();
    if marks.is_empty() {
        return;
    }
    let pairs = match pair(&marks) {
        Ok(pairs) => pairs,
        Err(mark) => {
            let n = marks.len();
            out.push(Diagnostic::report(
                UNPAIRED_QUOTES.code,
                mark.pos..mark.pos + mark.ch.len_utf8(),
                format!(
                    "quotation mark `{}` cannot be paired in this paragraph ({n} mark{}); check where the quotation opens and closes",
                    mark.ch,
                    if n == 1 { "" } else { "s" }
                ),
            ));
            return;
        }
    };
    let style = ctx.settings.quotes;
    if style == QuoteStyle::Keep {
        return;
    }
    // Depth counts only pairs that are themselves Arabic quotations, so a
    // Latin title inside does not shift the style of what it holds.
    for p in &pairs {
        let inner = &text[p.open.pos + p.open.ch.len_utf8()..p.close.pos];
        let script = inner
            .chars()
            .find_map(chars::strong)
            .or_else(|| chars::strong_before(text, p.open.pos))
            .or_else(|| chars::strong_after(text, p.close.pos));
        if script != Some(Strong::Rtl) {
            continue;
        }
        let (open, close) = match (style, p.depth) {
            (QuoteStyle::Guillemets, 0) => ('«', '»'),
            _ => ('\u{201C}', '\u{201D}'),
        };
        if p.open.ch == open && p.close.ch == close {
            continue;
        }
        let straight = p.open.ch == '"' || p.close.ch == '"';
        let rule = if straight { &STRAIGHT_QUOTES } else { &CURLY_QUOTES };
        let mut edits = Vec::with_capacity(2);
        if p.open.ch != open {
            edits.push(Edit::replace(p.open.pos..p.open.pos + p.open.ch.len_utf8(), open.to_string()));
        }
        if p.close.ch != close {
            edits.push(Edit::replace(p.close.pos..p.close.pos + p.close.ch.len_utf8(), close.to_string()));
        }
        let what = if p.depth > 0 { "a nested Arabic quotation" } else { "an Arabic quotation" };
        out.push(Diagnostic::fixable(
            rule.code,
            p.open.pos..p.close.pos + p.close.ch.len_utf8(),
            format!("{what} is marked {}…{}; house style is {open}…{close}", p.open.ch, p.close.ch),
            edits,
        ));
    }
}

pass!(check, [CURLY_QUOTES, STRAIGHT_QUOTES, UNPAIRED_QUOTES], when QUOTES);
