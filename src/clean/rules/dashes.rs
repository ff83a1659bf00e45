//! S — dashes: spacing around them, and hyphens or tatweel standing in for one.

use crate::clean::chars::{self, is_arabic_letter, is_arabic_mark, is_inline_space, TATWEEL};
use crate::clean::context::DocContext;
use crate::clean::diagnostic::{Diagnostic, Edit};
use crate::clean::paragraph::Paragraph;
use crate::clean::registry::rule;

rule! {
    /// A dash between words has one space on each side.
    ///
    /// An en or em dash (– —) used as a parenthetical dash in Arabic text
    /// stands between spaces. A dash with a space on one side only is given
    /// the other; a dash glued between two Arabic words gets both. Dashes
    /// between digits (`1991–2022`) and in Latin compounds are ranges, not
    /// parentheses, and stay.
    ///
    /// Before: `المتحدة –ومعها حلف`
    /// After:  `المتحدة – ومعها حلف`
    pub static DASH_SPACING = ("S005", "dash-spacing", Safe);
}

rule! {
    /// A hyphen spaced as a dash between Arabic words becomes a dash.
    ///
    /// A hyphen with a space on one side only (or on both) between Arabic
    /// words is a dash typed with the nearest key: it becomes ` – `. Hyphens
    /// inside names and compounds (`قاسم-جومرت`, `Bishkek-Bound`) have no
    /// space and stay, as does a hyphen at the end of a line (a byline).
    ///
    /// Before: `الماتي- كازاخستان`
    /// After:  `الماتي – كازاخستان`
    pub static HYPHEN_AS_DASH = ("S006", "hyphen-as-dash", Safe);
}

rule! {
    /// Tatweel standing alone is a dash.
    ///
    /// Some writers type a run of tatweel (ـ, the kashida) between spaces as
    /// a dash. Tatweel is a letter extender, not punctuation: it copies and
    /// searches wrongly. A run standing alone between spaces becomes –.
    ///
    /// Before: `الاول ــ اثناء مدة`
    /// After:  `الاول – اثناء مدة`
    pub static TATWEEL_AS_DASH = ("S007", "tatweel-as-dash", Safe);
}

const EN_DASH: &str = "\u{2013}";

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    if f.dashes && (s.enabled(&DASH_SPACING) || s.enabled(&HYPHEN_AS_DASH)) {
        // `-` or a dash (E2 80 93/94): found by their first byte.
        for i in memchr::memchr2_iter(b'-', 0xE2, para.text.as_bytes()) {
            let c = para.text[i..].chars().next().expect("char boundary");
            match c {
                '\u{2013}' | '\u{2014}' if s.enabled(&DASH_SPACING) => dash_spacing(para, i, c, out),
                '-' if s.enabled(&HYPHEN_AS_DASH) && f.arabic > 0 => hyphen_as_dash(para, i, out),
                _ => {}
            }
        }
    }
    if f.tatweel && s.enabled(&TATWEEL_AS_DASH) {
        tatweel_as_dash(para, out);
    }
}

/// The spaces before and after byte range `at..end`, and the characters
/// beyond them.
struct Surroundings {
    space_before: usize,
    space_after: usize,
    before: Option<char>,
    after: Option<char>,
}

fn surroundings(text: &str, at: usize, end: usize) -> Surroundings {
    let head = &text[..at];
    let tail = &text[end..];
    let trimmed_head = head.trim_end_matches(is_inline_space);
    let trimmed_tail = tail.trim_start_matches(is_inline_space);
    Surroundings {
        space_before: head.len() - trimmed_head.len(),
        space_after: tail.len() - trimmed_tail.len(),
        before: trimmed_head.chars().next_back(),
        after: trimmed_tail.chars().next(),
    }
}

fn arabic_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_mark(c)
}

fn dash_spacing(para: &Paragraph, i: usize, c: char, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let end = i + c.len_utf8();
    let s = surroundings(text, i, end);
    let (Some(before), Some(after)) = (s.before, s.after) else {
        return;
    };
    if before == '\n' || after == '\n' || para.is_untouchable(i) {
        return;
    }
    let edits = match (s.space_before > 0, s.space_after > 0) {
        (true, true) => return,
        (true, false) if chars::is_word_char(after) || after == '«' || after == '(' => {
            vec![Edit::insert(end, " ")]
        }
        (false, true) if chars::is_word_char(before) || before == '»' || before == ')' => {
            vec![Edit::insert(i, " ")]
        }
        (false, false) if arabic_word_char(before) && arabic_word_char(after) => {
            vec![Edit::insert(i, " "), Edit::insert(end, " ")]
        }
        _ => return,
    };
    out.push(Diagnostic::fixable(DASH_SPACING.code, i..end, format!("a dash `{c}` between words takes one space on each side"), edits));
}

fn hyphen_as_dash(para: &Paragraph, i: usize, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let s = surroundings(text, i, i + 1);
    let (Some(before), Some(after)) = (s.before, s.after) else {
        return;
    };
    if s.space_before == 0 && s.space_after == 0
        || !arabic_word_char(before)
        || !(arabic_word_char(after) || after == '«')
        || para.is_untouchable(i)
    {
        return;
    }
    // Replace the hyphen and the spaces around it with one spaced dash.
    let range = i - s.space_before..i + 1 + s.space_after;
    out.push(Diagnostic::fixable(
        HYPHEN_AS_DASH.code,
        range.clone(),
        "a hyphen spaced as a dash between Arabic words; use `–`",
        vec![Edit::replace(range, format!(" {EN_DASH} "))],
    ));
}

fn tatweel_as_dash(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c != TATWEEL {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, TATWEEL)) = iter.peek() {
            end = j + TATWEEL.len_utf8();
            iter.next();
        }
        let before = chars::char_before(text, i);
        let after = chars::char_at(text, end);
        let alone = before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace);
        if alone && (before.is_some() || after.is_some()) {
            out.push(Diagnostic::fixable(
                TATWEEL_AS_DASH.code,
                i..end,
                "tatweel used as a dash; use `–`",
                vec![Edit::replace(i..end, EN_DASH)],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::rules::testing::fixed;

    #[test]
    fn dashes() {
        assert_eq!(fixed("الولايات المتحدة –ومعها حلف الناتو"), "الولايات المتحدة – ومعها حلف الناتو");
        assert_eq!(fixed("العربية–الاسلامية"), "العربية – الاسلامية");
        assert_eq!(fixed("بين 1991–2022 فقط"), "بين 1991–2022 فقط");
        assert_eq!(fixed("الماتي- كازاخستان: – أنجزت"), "الماتي – كازاخستان: – أنجزت");
        assert_eq!(fixed("قاسم-جومرت و Bishkek-Bound"), "قاسم-جومرت و Bishkek-Bound");
        assert_eq!(fixed("موقع العهد الإخباري-"), "موقع العهد الإخباري-");
        assert_eq!(fixed("الاول ــ اثناء مدة"), "الاول – اثناء مدة");
    }
}
