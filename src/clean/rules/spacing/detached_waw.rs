//! S019: the conjunction و standing alone before a word.

use crate::clean::rules::prelude::*;

rule! {
    /// The conjunction و is written joined to the word after it.
    ///
    /// Arabic writes `و` as part of the next word (`والاقتصادي`, `وفي`);
    /// typed alone (`السياسي و الاقتصادي`) it can end a line on its own and
    /// search misses the word. A `و` standing alone before an Arabic word is
    /// reported, with an unsafe fix that joins it: a person should look. So
    /// is one before a quotation (`و «الحل»` → `و«الحل»`).
    ///
    /// Left alone: `و` and a no-break space, which a typesetter chose to
    /// keep it with its word; Persian, Urdu and other Arabic-script lines
    /// (they write `و` apart);
    /// `و` before a number (`بين 18 و 29`: joining digits is a choice, not
    /// a rule), before Latin text, code or a link (`Free و Libre`); and a
    /// `و` next to a one-letter word (`أ و ب`, `س و ص`), which is a letter
    /// or a symbol, not the conjunction.
    ///
    /// Example: `السياسي و الاقتصادي` (unsafe fix: `السياسي والاقتصادي`)
    pub static DETACHED_WAW = ("S019", "detached-waw", Unsafe, arabic_only = true);
}

/// An Arabic word starts at `pos`, or a quotation of one (`و «الحل»`,
/// `و "سيري"`): و joins an opening quote as it joins a word.
fn starts_arabic_word(text: &str, pos: usize) -> bool {
    let quote = chars::char_at(text, pos).filter(|&c| matches!(c, '«' | '"' | '\u{201C}' | '\u{201D}'));
    let word = pos + quote.map_or(0, char::len_utf8);
    chars::char_at(text, word).is_some_and(is_arabic_letter)
}

/// A one-letter Arabic word (letters and marks) ends at `end`.
fn one_letter_word_before(text: &str, end: usize) -> bool {
    let word = text[..end].trim_end_matches(is_inline_space);
    let start = word.trim_end_matches(|c: char| is_arabic_letter(c) || is_arabic_mark(c) || c == TATWEEL).len();
    let letters = word[start..].chars().filter(|&c| is_arabic_letter(c)).count();
    letters == 1 && !chars::char_before(word, start).is_some_and(is_word_char)
}

/// A one-letter Arabic word starts at `start`.
fn one_letter_word_at(text: &str, start: usize) -> bool {
    let rest = &text[start..];
    let len = rest.len() - rest.trim_start_matches(|c: char| is_arabic_letter(c) || is_arabic_mark(c) || c == TATWEEL).len();
    rest[..len].chars().filter(|&c| is_arabic_letter(c)).count() == 1 && !chars::char_at(rest, len).is_some_and(is_word_char)
}

/// Each `و` standing alone before an Arabic word: (its offset, the start
/// of the next word).
static WAW_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> = std::sync::LazyLock::new(|| memchr::memmem::Finder::new("و "));

fn detached(para: &Paragraph) -> Vec<(usize, usize)> {
    let text = para.text;
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // و is one of the commonest letters: search `و ` whole, a rarer pair.
    for i in WAW_SPACE.find_iter(bytes) {
        let after = i + 'و'.len_utf8();
        if chars::char_before(text, i).is_some_and(is_word_char) {
            continue;
        }
        // Ordinary spaces only: a no-break space after و is a typesetter's
        // choice (و kept with its word, never stranded at a line end).
        let rest = &text[after..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let next = after + spaces;
        if spaces == 0 || !starts_arabic_word(text, next) || para.is_untouchable(next) || para.is_untouchable(i) {
            continue;
        }
        if !one_letter_word_at(text, next) && !one_letter_word_before(text, i) {
            found.push((i, next));
        }
    }
    found
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let f = &para.features;
    if f.arabic_words < 2 || !ctx.settings.enabled(&DETACHED_WAW) {
        return;
    }
    // Persian lines (Persian writes `و` apart) are left to the engine,
    // which drops an Arabic-only rule's findings there.
    for (i, next) in detached(para) {
        out.push(
            Diagnostic::report(DETACHED_WAW.code, i..next, "the conjunction `و` stands alone; it is written joined to the next word")
                .with_fix(Fix::unsafe_(vec![Edit::delete(i + 'و'.len_utf8()..next)])),
        );
    }
}

pass!(check, [DETACHED_WAW], when LONE_WAW);
