//! What the dash rules (S005–S007) share: the characters around a dash.

use crate::text::chars::{is_arabic_letter, is_arabic_mark, is_inline_space};

pub const EN_DASH: &str = "\u{2013}";

/// The spaces before and after byte range `at..end`, and the characters
/// beyond them.
pub struct Surroundings {
    pub space_before: usize,
    pub space_after: usize,
    pub before: Option<char>,
    pub after: Option<char>,
}

pub fn surroundings(text: &str, at: usize, end: usize) -> Surroundings {
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

pub fn arabic_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_mark(c)
}
