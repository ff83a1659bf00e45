//! What the punctuation spacing rules (S002, S003) share: where the marks are.

use crate::text::chars;

/// A word starts here: a letter (not a combining mark, which belongs to the
/// letter before it), a digit or an opening bracket or quote.
pub fn is_word_or_opener(c: char) -> bool {
    chars::is_letter(c) || chars::is_digit(c) || matches!(c, '«' | '(' | '[' | '\u{201C}')
}

/// The marks S002 and S003 look at, with their offsets: ، ؛ ؟ (UTF-8 D8 8C,
/// D8 9B, D8 9F: searched by their second byte, which is far rarer in Arabic
/// text than the lead) and `:` `.` `!`. Two SIMD passes in all.
pub fn punctuation_marks(text: &str) -> Vec<(usize, char)> {
    let b = text.as_bytes();
    let mut marks: Vec<(usize, char)> = memchr::memchr3_iter(0x8C, 0x9B, 0x9F, b)
        .filter(|&i| i > 0 && b[i - 1] == 0xD8)
        .map(|i| (i - 1, text[i - 1..].chars().next().expect("char boundary")))
        .collect();
    marks.extend(memchr::memchr3_iter(b':', b'.', b'!', b).map(|i| (i, b[i] as char)));
    marks
}
