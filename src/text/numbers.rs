//! Numbers: where one starts and ends, and how it groups thousands.

use super::chars::is_digit;

/// A byte that starts a digit: ASCII, or the lead byte of U+0660–U+0669
/// (D9 A0–A9) or U+06F0–U+06F9 (DB B0–B9).
#[inline]
pub fn digit_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'0'..=b'9' => true,
        0xD9 => bytes.get(i + 1).is_some_and(|b| (0xA0..=0xA9).contains(b)),
        0xDB => bytes.get(i + 1).is_some_and(|b| (0xB0..=0xB9).contains(b)),
        _ => false,
    }
}

/// The end of the number starting at `start`: digits, with single separators
/// (`.` `,` `:` `/` `٫` `٬`, and `،` typed on an Arabic keyboard, as in
/// `2،500.75`) between digits.
pub fn number_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if is_digit(c) {
            end = start + off + c.len_utf8();
        } else if matches!(c, '.' | ',' | ':' | '/' | '\u{066B}' | '\u{066C}' | '\u{060C}') {
            match chars.peek() {
                Some(&(_, n)) if is_digit(n) => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// How a number groups its thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Comma,
    /// `groups`: how many `.000` groups (1 is ambiguous).
    Dot {
        groups: usize,
    },
}

impl Grouping {
    /// `370,000`, `٣٧٠٬٠٠٠` → Comma; `2.700.025` → Dot{2}; `755.17`,
    /// `5/1/2022` → None. Digits of any system.
    pub fn of(number: &str) -> Option<Grouping> {
        let sep = if number.contains(',') {
            ','
        } else if number.contains('\u{066C}') {
            '\u{066C}'
        } else if number.contains('.') {
            '.'
        } else {
            return None;
        };
        if number.contains(|c| matches!(c, ':' | '/' | '\u{066B}' | '\u{060C}') || (c != sep && matches!(c, ',' | '.' | '\u{066C}'))) {
            return None;
        }
        let mut parts = number.split(sep);
        let head = parts.next()?.chars().count();
        let tails: Vec<usize> = parts.map(|p| p.chars().count()).collect();
        if !(1..=3).contains(&head) || tails.is_empty() || tails.iter().any(|&n| n != 3) {
            return None;
        }
        Some(if sep == '.' { Grouping::Dot { groups: tails.len() } } else { Grouping::Comma })
    }
}
