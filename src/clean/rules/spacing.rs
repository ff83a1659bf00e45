//! S — spacing between words and around punctuation.

use crate::clean::chars::{self, is_arabic_letter, is_arabic_mark, is_inline_space, is_odd_space, strong, Strong};
use crate::clean::context::DocContext;
use crate::clean::diagnostic::{Diagnostic, Edit, Fix};
use crate::clean::paragraph::Paragraph;
use crate::clean::protect::Protection;
use crate::clean::registry::rule;

rule! {
    /// Runs of spaces, and odd spaces between words, become one space.
    ///
    /// Pasted text carries double spaces and spaces of other widths (U+00A0
    /// no-break space, U+2000–U+200A, U+202F narrow no-break space) that
    /// justify badly and break search. Between two words they become one
    /// U+0020. Tabs and spaces at the start of a line are left alone
    /// (indentation), and spaces at the end of a line belong to S012.
    ///
    /// Before: `تولى قيادة  القوات`
    /// After:  `تولى قيادة القوات`
    pub static SPACE_RUNS = ("S001", "space-runs", Safe);
}

rule! {
    /// A space follows ، ؛ ؟ (and : ! in Arabic text) when a word follows.
    ///
    /// The Arabic comma, semicolon and question mark are followed by a space
    /// before the next word; so are the colon and exclamation mark in Arabic
    /// context. Numbers (`10:30`) and links are never touched.
    ///
    /// Before: `انتهت،المهام أُنجزت`
    /// After:  `انتهت، المهام أُنجزت`
    pub static SPACE_AFTER_PUNCTUATION = ("S002", "space-after-punctuation", Safe);
}

rule! {
    /// No space before ، ؛ : . ؟ ! in Arabic text.
    ///
    /// Punctuation attaches to the word before it. A space before it lets the
    /// mark wrap to the start of the next line, where in right-to-left text
    /// it looks like it belongs to the wrong sentence. Latin text keeps its
    /// own conventions: only marks in Arabic context are moved.
    ///
    /// Before: `قال : نعم .`
    /// After:  `قال: نعم.`
    pub static SPACE_BEFORE_PUNCTUATION = ("S003", "space-before-punctuation", Safe);
}

rule! {
    /// No space just inside brackets and guillemets.
    ///
    /// `(`, `[` and `«` hug the word after them; `)`, `]` and `»` hug the word
    /// before them. Empty brackets (`( )`) are left alone.
    ///
    /// Before: `( نص )`, `« نص »`
    /// After:  `(نص)`, `«نص»`
    pub static SPACE_INSIDE_BRACKETS = ("S004", "space-inside-brackets", Safe);
}

rule! {
    /// A space on one side only of a slash is removed.
    ///
    /// A slash joins its two sides (`كانون الأول/ديسمبر`). A space on one side
    /// only is a slip; a symmetric ` / ` is a deliberate separator and stays
    /// (`KNB / جهاز المخابرات`). Links are never touched.
    ///
    /// Before: `كانون الأول/ ديسمبر 1991`
    /// After:  `كانون الأول/ديسمبر 1991`
    pub static SLASH_SPACING = ("S008", "slash-spacing", Safe);
}

rule! {
    /// A date glued to the next word gets a space.
    ///
    /// References copied from web pages lose the space between a date and the
    /// title that follows it. A date (`d.m.yyyy`, `d/m/yyyy`) directly
    /// followed by a letter gets one space; the date itself is not changed.
    ///
    /// Before: `7.1.2022In Kazakhstan’s Street Battles`
    /// After:  `7.1.2022 In Kazakhstan’s Street Battles`
    pub static GLUED_DATE = ("S009", "glued-date", Safe);
}

rule! {
    /// An Arabic letter glued to a Latin letter gets a space.
    ///
    /// `عبرGoogle` is two words run together. A space is inserted between
    /// them. A one-letter prefix (ل ب ك و ف) attaches to a Latin word with a
    /// tatweel (`لـGoogle`), which stays; a prefix glued without one is
    /// reported, with an unsafe fix that inserts the tatweel.
    ///
    /// Before: `عبرGoogle`
    /// After:  `عبر Google`
    pub static GLUED_SCRIPTS = ("S010", "glued-scripts", Sometimes);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if s.enabled(&SPACE_RUNS) {
        space_runs(para, out);
    }
    if (f.arabic_punct || f.ascii_punct) && f.arabic > 0 {
        let marks = punctuation_marks(para.text);
        if s.enabled(&SPACE_AFTER_PUNCTUATION) {
            space_after(para, &marks, out);
        }
        if s.enabled(&SPACE_BEFORE_PUNCTUATION) {
            space_before(para, &marks, out);
        }
    }
    if (f.brackets || f.quotes) && s.enabled(&SPACE_INSIDE_BRACKETS) {
        inside_brackets(para, out);
    }
    if f.slash && s.enabled(&SLASH_SPACING) {
        slash_spacing(para, out);
    }
    if f.digits && f.latin + f.arabic > 0 && s.enabled(&GLUED_DATE) {
        glued_date(para, out);
    }
    if f.latin > 0 && f.arabic > 0 && s.enabled(&GLUED_SCRIPTS) {
        glued_scripts(para, out);
    }
}

/// Runs of inline space between two non-space characters.
fn space_runs(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let bytes = text.as_bytes();
    let report = |start: usize, end: usize, out: &mut Vec<Diagnostic>| {
        let run = &text[start..end];
        if run.contains('\t') || start == 0 || end == text.len() || bytes[start - 1] == b'\n' || bytes[end] == b'\n' {
            return;
        }
        let what = if run.chars().any(is_odd_space) { "an odd space" } else { "a run of spaces" };
        out.push(Diagnostic::fixable(
            SPACE_RUNS.code,
            start..end,
            format!("{what} between words; use one space"),
            vec![Edit::replace(start..end, " ")],
        ));
    };
    if !para.features.odd_spaces {
        // Only ASCII spaces: jump from double space to double space.
        let mut from = 0;
        while let Some(i) = memchr::memmem::find(&bytes[from..], b"  ") {
            let start = from + i;
            let end = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
            report(start, end, out);
            from = end;
        }
        return;
    }
    let mut run_start = None;
    for (i, c) in text.char_indices() {
        if is_inline_space(c) {
            run_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = run_start.take() {
            if &text[start..i] != " " {
                report(start, i, out);
            }
        }
    }
}

/// A word starts here: a letter (not a combining mark, which belongs to the
/// letter before it), a digit or an opening bracket or quote.
fn is_word_or_opener(c: char) -> bool {
    chars::is_letter(c) || chars::is_digit(c) || matches!(c, '«' | '(' | '[' | '\u{201C}')
}

/// The marks S002 and S003 look at, with their offsets: ، ؛ ؟ (UTF-8 D8 8C,
/// D8 9B, D8 9F: searched by their second byte, which is far rarer in Arabic
/// text than the lead) and `:` `.` `!`. Two SIMD passes in all.
fn punctuation_marks(text: &str) -> Vec<(usize, char)> {
    let b = text.as_bytes();
    let mut marks: Vec<(usize, char)> = memchr::memchr3_iter(0x8C, 0x9B, 0x9F, b)
        .filter(|&i| i > 0 && b[i - 1] == 0xD8)
        .map(|i| (i - 1, text[i - 1..].chars().next().expect("char boundary")))
        .collect();
    marks.extend(memchr::memchr3_iter(b':', b'.', b'!', b).map(|i| (i, b[i] as char)));
    marks
}

fn space_after(para: &Paragraph, marks: &[(usize, char)], out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for &(i, c) in marks {
        if c == '.' {
            continue;
        }
        let after = i + c.len_utf8();
        let Some(next) = chars::char_at(text, after) else { continue };
        if !is_word_or_opener(next) || para.is_protected(i) {
            continue;
        }
        // ASCII marks only in Arabic context, and only before an Arabic word.
        if c.is_ascii() && !(chars::strong_before(text, i) == Some(Strong::Rtl) && strong(next) == Some(Strong::Rtl)) {
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

fn space_before(para: &Paragraph, marks: &[(usize, char)], out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for &(i, c) in marks {
        let Some(prev) = chars::char_before(text, i) else { continue };
        if !is_inline_space(prev) || para.is_protected(i) {
            continue;
        }
        let start = text[..i].trim_end_matches(is_inline_space).len();
        if start == 0 || text[..start].ends_with('\n') {
            continue;
        }
        let after = chars::char_at(text, i + c.len_utf8());
        // A mark that starts a token (`.NET`, `:)`) is not terminal punctuation.
        if after.is_some_and(|n| n.is_alphanumeric()) {
            continue;
        }
        if c.is_ascii() && chars::strong_before(text, start) != Some(Strong::Rtl) {
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

/// Brackets and guillemets with their offsets: ASCII ones by byte, « » by
/// their lead byte C2 (then AB or BB).
fn brackets(text: &str) -> Vec<(usize, char)> {
    let b = text.as_bytes();
    let mut found: Vec<(usize, char)> =
        memchr::memchr3_iter(b'(', b')', b'[', b).chain(memchr::memchr_iter(b']', b)).map(|i| (i, b[i] as char)).collect();
    found.extend(memchr::memchr_iter(0xC2, b).filter_map(|i| match b.get(i + 1) {
        Some(0xAB) => Some((i, '«')),
        Some(0xBB) => Some((i, '»')),
        _ => None,
    }));
    found
}

fn inside_brackets(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for (i, c) in brackets(text) {
        let opener = matches!(c, '(' | '[' | '«');
        if para.is_untouchable(i) {
            continue;
        }
        if opener {
            let after = i + c.len_utf8();
            let rest = &text[after..];
            let spaces = rest.len() - rest.trim_start_matches(is_inline_space).len();
            let next = rest[spaces..].chars().next();
            if spaces > 0 && next.is_some_and(|n| n != '\n' && !matches!(n, ')' | ']' | '»')) {
                out.push(Diagnostic::fixable(
                    SPACE_INSIDE_BRACKETS.code,
                    i..after + spaces,
                    format!("space after `{c}`"),
                    vec![Edit::delete(after..after + spaces)],
                ));
            }
        } else {
            let start = text[..i].trim_end_matches(is_inline_space).len();
            let prev = chars::char_before(text, start);
            if start < i && prev.is_some_and(|p| p != '\n' && !matches!(p, '(' | '[' | '«')) {
                out.push(Diagnostic::fixable(
                    SPACE_INSIDE_BRACKETS.code,
                    start..i + c.len_utf8(),
                    format!("space before `{c}`"),
                    vec![Edit::delete(start..i)],
                ));
            }
        }
    }
}

fn slash_spacing(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for i in memchr::memchr_iter(b'/', text.as_bytes()) {
        if para.is_untouchable(i) {
            continue;
        }
        let before = &text[..i];
        let after = &text[i + 1..];
        let left = before.len() - before.trim_end_matches(is_inline_space).len();
        let right = after.len() - after.trim_start_matches(is_inline_space).len();
        let word_left = before[..before.len() - left].chars().next_back().is_some_and(|c| !c.is_whitespace());
        let word_right = after[right..].chars().next().is_some_and(|c| !c.is_whitespace());
        if !(word_left && word_right) || (left > 0) == (right > 0) {
            continue;
        }
        let (range, side) = if left > 0 { (i - left..i, "before") } else { (i + 1..i + 1 + right, "after") };
        out.push(Diagnostic::fixable(
            SLASH_SPACING.code,
            i - left..i + 1 + right,
            format!("space {side} `/` only; a slash joins both sides"),
            vec![Edit::delete(range)],
        ));
    }
}

fn glued_date(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for p in para.protected.iter().filter(|p| p.kind == Protection::Number) {
        let Some(next) = chars::char_at(text, p.range.end) else {
            continue;
        };
        if !chars::is_letter(next) || !looks_like_date(&text[p.range.clone()]) {
            continue;
        }
        out.push(Diagnostic::fixable(
            GLUED_DATE.code,
            p.range.clone(),
            "date glued to the next word",
            vec![Edit::insert(p.range.end, " ")],
        ));
    }
}

/// `d.m.yyyy` or `d/m/yyyy` (one separator kind, a four-digit year last).
pub(crate) fn looks_like_date(number: &str) -> bool {
    let sep = if number.contains('/') { '/' } else { '.' };
    let parts: Vec<&str> = number.split(sep).collect();
    parts.len() == 3
        && parts[0].chars().count() <= 2
        && parts[1].chars().count() <= 2
        && parts[2].chars().count() == 4
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(chars::is_digit))
}

fn glued_scripts(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        if let Some((_, p)) = prev {
            let arabic_then_latin = (is_arabic_letter(p) || is_arabic_mark(p)) && c.is_ascii_alphabetic();
            let latin_then_arabic = p.is_ascii_alphabetic() && is_arabic_letter(c);
            if (arabic_then_latin || latin_then_arabic) && !para.is_untouchable(i) {
                let word_start = text[..i].trim_end_matches(|ch: char| is_arabic_letter(ch) || is_arabic_mark(ch)).len();
                let word = &text[word_start..i];
                let is_prefix = arabic_then_latin
                    && word.chars().filter(|&ch| is_arabic_letter(ch)).count() == 1
                    && super::quotes::ends_with_prefix(text, i);
                let d = if is_prefix {
                    Diagnostic::report(
                        GLUED_SCRIPTS.code,
                        word_start..i + 1,
                        format!("prefix `{word}` glued to a Latin word; write it with a tatweel (`{word}ـ`)"),
                    )
                    .with_fix(Fix::unsafe_(vec![Edit::insert(i, "ـ")]))
                } else {
                    Diagnostic::fixable(
                        GLUED_SCRIPTS.code,
                        i..i + c.len_utf8(),
                        "Arabic and Latin words run together; separate them with a space",
                        vec![Edit::insert(i, " ")],
                    )
                };
                out.push(d);
            }
        }
        prev = Some((i, c));
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::rules::testing::{codes, fixed, fixed_unsafe};

    #[test]
    fn spaces() {
        assert_eq!(fixed("تولى قيادة  القوات"), "تولى قيادة القوات");
        assert_eq!(fixed("في\u{00A0}سوريا"), "في سوريا");
        assert_eq!(fixed("a\tb"), "a\tb");
    }

    #[test]
    fn around_punctuation() {
        assert_eq!(fixed("انتهت،المهام أُنجزت"), "انتهت، المهام أُنجزت");
        assert_eq!(fixed("قال : نعم ."), "قال: نعم.");
        assert_eq!(fixed("الساعة 10:30 تماما"), "الساعة 10:30 تماما");
        assert_eq!(fixed("مرورا بتركيا.. طائرة"), "مرورا بتركيا.. طائرة");
        assert_eq!(fixed("Note : this"), "Note : this");
        assert_eq!(fixed("قال:نعم"), "قال: نعم");
    }

    #[test]
    fn brackets() {
        assert_eq!(fixed("( نص ) و« نص »"), "(نص) و«نص»");
        assert_eq!(fixed("قوسان ( ) فارغان"), "قوسان ( ) فارغان");
    }

    #[test]
    fn slashes() {
        assert_eq!(fixed("كانون الأول/ ديسمبر 1991"), "كانون الأول/ديسمبر 1991");
        assert_eq!(fixed("الأمن القومي – KNB / جهاز المخابرات"), "الأمن القومي – KNB / جهاز المخابرات");
        assert_eq!(fixed("انظر https://bit.ly/ abc"), "انظر https://bit.ly/ abc");
    }

    #[test]
    fn glued() {
        assert_eq!(fixed("Higgins. 7.1.2022In Kazakhstan’s"), "Higgins. 7.1.2022 In Kazakhstan’s");
        assert_eq!(fixed("عبرGoogle"), "عبر Google");
        assert_eq!(fixed("لـGoogle"), "لـGoogle");
        assert_eq!(fixed("من لGoogle"), "من لGoogle");
        assert_eq!(codes("من لGoogle"), vec!["S010"]);
        assert_eq!(fixed_unsafe("من لGoogle"), "من لـGoogle");
    }
}
