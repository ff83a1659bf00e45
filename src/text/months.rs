//! Month names of the two calendars Arabic press writes, and month pairs
//! (`كانون الثاني/يناير`).

use std::borrow::Cow;

use super::chars::{is_arabic_letter, is_arabic_mark, is_inline_space, TATWEEL};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    Levantine,
    Gregorian,
}

/// Month names and spelling variants, with month number and calendar.
/// Longer names first so `كانون الثاني` wins over a shorter prefix.
pub const MONTHS: &[(&str, u8, Calendar)] = {
    use Calendar::*;
    &[
        ("كانون الثاني", 1, Levantine),
        ("كانون الأول", 12, Levantine),
        ("كانون الاول", 12, Levantine),
        ("تشرين الثاني", 11, Levantine),
        ("تشرين الأول", 10, Levantine),
        ("تشرين الاول", 10, Levantine),
        ("شباط", 2, Levantine),
        ("آذار", 3, Levantine),
        ("اذار", 3, Levantine),
        ("نيسان", 4, Levantine),
        ("أيار", 5, Levantine),
        ("ايار", 5, Levantine),
        ("حزيران", 6, Levantine),
        ("تموز", 7, Levantine),
        ("آب", 8, Levantine),
        ("أيلول", 9, Levantine),
        ("ايلول", 9, Levantine),
        ("يناير", 1, Gregorian),
        ("فبراير", 2, Gregorian),
        ("مارس", 3, Gregorian),
        ("أبريل", 4, Gregorian),
        ("ابريل", 4, Gregorian),
        ("إبريل", 4, Gregorian),
        ("مايو", 5, Gregorian),
        ("يونيو", 6, Gregorian),
        ("يونيه", 6, Gregorian),
        ("يوليو", 7, Gregorian),
        ("يوليه", 7, Gregorian),
        ("أغسطس", 8, Gregorian),
        ("اغسطس", 8, Gregorian),
        ("سبتمبر", 9, Gregorian),
        ("أكتوبر", 10, Gregorian),
        ("اكتوبر", 10, Gregorian),
        ("نوفمبر", 11, Gregorian),
        ("ديسمبر", 12, Gregorian),
    ]
};

/// A month name is a whole Arabic word: the letters around it are not
/// Arabic (a glued Latin word is another word, as S010 will make it).
pub fn continues_arabic_word(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_mark(c) || c == TATWEEL
}

/// The month name ending exactly at byte `end` of `text`, as a whole word.
pub fn month_ending_at(text: &str, end: usize) -> Option<(usize, u8, Calendar)> {
    let head = &text[..end];
    MONTHS.iter().find_map(|&(name, month, cal)| {
        let start = end.checked_sub(name.len())?;
        (head.ends_with(name) && !head[..start].chars().next_back().is_some_and(continues_arabic_word)).then_some((start, month, cal))
    })
}

/// The month name starting exactly at byte `start`, as a whole word.
pub fn month_starting_at(text: &str, start: usize) -> Option<(usize, u8, Calendar)> {
    let tail = &text[start..];
    MONTHS.iter().find_map(|&(name, month, cal)| {
        (tail.starts_with(name) && !tail[name.len()..].chars().next().is_some_and(continues_arabic_word)).then_some((
            start + name.len(),
            month,
            cal,
        ))
    })
}

/// A month pair around the slash at byte `slash`.
pub struct MonthPair {
    pub range: std::ops::Range<usize>,
    pub first: (std::ops::Range<usize>, u8, Calendar),
    pub second: (std::ops::Range<usize>, u8, Calendar),
}

pub fn pair_at(text: &str, slash: usize) -> Option<MonthPair> {
    let left_end = text[..slash].trim_end_matches(is_inline_space).len();
    let right_start = slash + 1 + (text[slash + 1..].len() - text[slash + 1..].trim_start_matches(is_inline_space).len());
    let (ls, lm, lc) = month_ending_at(text, left_end)?;
    let (re, rm, rc) = month_starting_at(text, right_start)?;
    if lc == rc {
        return None;
    }
    Some(MonthPair { range: ls..re, first: (ls..left_end, lm, lc), second: (right_start..re, rm, rc) })
}

/// `text` with every month pair in Levantine-first order: what the
/// invariant compares, so reordering a pair does not count as changing words.
pub fn canonical_order(text: &str) -> Cow<'_, str> {
    if !text.contains('/') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for slash in memchr::memchr_iter(b'/', text.as_bytes()) {
        if slash < cursor {
            continue;
        }
        if let Some(p) = pair_at(text, slash) {
            // Only pairs D002 reorders: the same month, Gregorian first.
            if p.first.2 == Calendar::Gregorian && p.first.1 == p.second.1 {
                out.push_str(&text[cursor..p.range.start]);
                out.push_str(&text[p.second.0.clone()]);
                out.push('/');
                out.push_str(&text[p.first.0.clone()]);
                cursor = p.range.end;
            }
        }
    }
    if cursor == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[cursor..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn canonical_order_puts_levantine_first() {
        assert_eq!(super::canonical_order("5 يناير/كانون الثاني و"), "5 كانون الثاني/يناير و");
    }
}
