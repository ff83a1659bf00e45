//! S002 and S003: spacing around ، ؛ : . ؟ ! in Arabic text. One pass: both
//! rules look at the same marks and the same nearest letters, found once.

use crate::clean::rules::prelude::*;

rule! {
    /// A space follows ، ؛ ؟ (and : ! in Arabic text) when a word follows.
    ///
    /// The Arabic comma, semicolon and question mark are followed by a space
    /// before the next word; so are the colon and exclamation mark in Arabic
    /// context. Numbers (`10:30`) and links are never touched, nor an Arabic
    /// comma between two digits (`2،500.75`), which is the number's own
    /// separator. A mark that opens a paragraph (`،هذه جملة`) punctuates
    /// nothing: it is stray, and reported for a person to delete or move
    /// rather than spaced.
    ///
    /// Before: `انتهت،المهام أُنجزت`
    /// After:  `انتهت، المهام أُنجزت`
    pub static SPACE_AFTER_PUNCTUATION = ("S002", "space-after-punctuation", Sometimes);
}

/// The marks both rules look at.
fn marks<'p>(para: &'p Paragraph) -> impl Iterator<Item = (usize, char)> + 'p {
    para.signs(|c| matches!(c, '،' | '؛' | '؟' | ':' | '.' | '!'))
}

/// Where the paragraph's first sign or word is: what precedes it is only
/// spaces, invisible characters and notation or markup without words (a
/// list marker, a tag, `**`). Found once per paragraph.
fn opening(para: &Paragraph) -> Option<usize> {
    para.text.char_indices().find(|&(i, c)| !leads_in(para, i, c)).map(|(i, _)| i)
}

fn leads_in(para: &Paragraph, i: usize, c: char) -> bool {
    if c.is_whitespace() || is_bidi_control(c) || is_zero_width(c) {
        return true;
    }
    match para.protection_at(i) {
        Some(Protection::Notation) => true,
        Some(Protection::Markup) => !is_word_char(c),
        _ => false,
    }
}

fn space_after(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut letters = Letters::new(text);
    let first_sign = std::cell::OnceCell::new();
    for (i, c) in marks(para) {
        if c == '.' {
            continue;
        }
        let after = i + c.len_utf8();
        let Some(next) = chars::char_at(text, after) else { continue };
        if !is_word_or_opener(next) || para.is_protected(i) {
            continue;
        }
        // `2،500.75`, `87،3%`: a separator typed on an Arabic keyboard is
        // part of the number; spacing it would split the number in two.
        if between_digits(text, i, after) {
            continue;
        }
        // ASCII marks only in Arabic context, and only before an Arabic word.
        if c.is_ascii() && !(letters.around(i).0 == Some(Strong::Rtl) && strong(next) == Some(Strong::Rtl)) {
            continue;
        }
        // Nothing before it to punctuate: a space would only set it off.
        if *first_sign.get_or_init(|| opening(para)) == Some(i) {
            out.push(Diagnostic::report(
                SPACE_AFTER_PUNCTUATION.code,
                i..after,
                format!("`{c}` opens the paragraph, with no word before it to punctuate; delete it or move it after its word"),
            ));
            continue;
        }
        out.push(Diagnostic::fixable(
            SPACE_AFTER_PUNCTUATION.code,
            i..after,
            format!("no space after `{c}` before the next word"),
            vec![Edit::insert(after, " ")],
        ));
    }
}

rule! {
    /// No space before ، ؛ : . ؟ ! in Arabic text.
    ///
    /// Punctuation attaches to the word before it. A space before it lets the
    /// mark wrap to the start of the next line, where in right-to-left text
    /// it looks like it belongs to the wrong sentence. Latin text keeps its
    /// own conventions: only marks in Arabic context are moved.
    ///
    /// Left alone: a mark after a separator rather than a word (`أ / ب /
    /// ...`, where `...` is the last item of the list; `2 | ،`); a run of
    /// dots glued to the next word (`مؤلف ..العمل`: pulling it back would
    /// glue three tokens); and a mark inside a left-to-right embedding or
    /// isolate (pdftotext's `<LRE> ،<PDF>`), which shows the space after
    /// the mark, so that deleting it would glue the mark to the next word.
    ///
    /// Before: `قال : نعم .`
    /// After:  `قال: نعم.`
    pub static SPACE_BEFORE_PUNCTUATION = ("S003", "space-before-punctuation", Safe);
}

/// Characters that separate items rather than end a word: a mark after
/// one is an item of its own (`أ / ب / ...`), not punctuation to pull back.
fn is_separator(c: char) -> bool {
    matches!(c, '/' | '\\' | '|' | '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '+' | '=' | '&' | '•' | '·')
}

fn space_before(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let ltr_embeddings = if para.features.bidi_controls { chars::left_to_right_embeddings(text) } else { Vec::new() };
    let embedded = |i: usize| {
        let at = ltr_embeddings.partition_point(|r| r.end <= i);
        ltr_embeddings.get(at).is_some_and(|r| r.start <= i)
    };
    let mut letters = Letters::new(text);
    for (i, c) in marks(para) {
        let Some(prev) = chars::char_before(text, i) else { continue };
        if !is_inline_space(prev) || para.is_protected(i) {
            continue;
        }
        let start = text[..i].trim_end_matches(is_inline_space).len();
        if start == 0 || text[..start].ends_with('\n') {
            continue;
        }
        // A mark (or run of marks) that starts a token (`.NET`, `:)`,
        // `..العمل`, `.5`) is not terminal punctuation, invisible characters
        // aside: `. ٥` with a zero-width space between starts a number.
        let run_end = i + text[i..].chars().take_while(|&m| m == c).map(char::len_utf8).sum::<usize>();
        if text[run_end..].chars().find(|&n| !is_zero_width(n)).is_some_and(|n| n.is_alphanumeric()) {
            continue;
        }
        if text[..start].chars().rev().find(|&p| !is_bidi_control(p)).is_some_and(is_separator) || embedded(i) {
            continue;
        }
        if c.is_ascii() && letters.around(start).0 != Some(Strong::Rtl) {
            continue;
        }
        // `... .`: a space between two ellipsis dots is a typo of its own.
        if c == '.' && text[..start].ends_with("..") {
            continue;
        }
        out.push(Diagnostic::fixable(
            SPACE_BEFORE_PUNCTUATION.code,
            start..i + c.len_utf8(),
            format!("space before `{c}`; punctuation attaches to the word before it"),
            vec![Edit::delete(start..i)],
        ));
    }
}

/// A word starts here: a letter (not a combining mark, which belongs to the
/// letter before it), a digit or an opening bracket or quote.
fn is_word_or_opener(c: char) -> bool {
    chars::is_letter(c) || chars::is_digit(c) || matches!(c, '«' | '(' | '[' | '\u{201C}')
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.arabic == 0 {
        return;
    }
    if s.enabled(&SPACE_AFTER_PUNCTUATION) {
        space_after(para, out);
    }
    if s.enabled(&SPACE_BEFORE_PUNCTUATION) {
        space_before(para, out);
    }
}

pass!(check, [SPACE_AFTER_PUNCTUATION, SPACE_BEFORE_PUNCTUATION], when UNSPACED_MARK | SPACED_MARK);
