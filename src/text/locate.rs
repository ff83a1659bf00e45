//! From byte offsets to what a person reads: line and column.

use serde::Serialize;

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Turns byte offsets into positions. Offsets asked in increasing order cost
/// only the distance walked since the last one, so thousands of findings on
/// one 12 MB line stay linear.
pub struct Locator<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator { text, offset: 0, line: 1, line_start: 0, column: 1 }
    }

    pub fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = Locator::new(self.text);
        }
        let walked = &self.text[self.offset..offset];
        match memchr::memrchr(b'\n', walked.as_bytes()) {
            Some(nl) => {
                self.line += count_newlines(walked.as_bytes());
                self.line_start = self.offset + nl + 1;
                self.column = 1 + self.text[self.line_start..offset].chars().count();
            }
            None => self.column += walked.chars().count(),
        }
        self.offset = offset;
        Position { line: self.line, column: self.column }
    }
}

/// `text` cut after a newline about every `size` bytes: stretches of whole
/// lines, for work on lines to run on every core.
pub fn line_stretches(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut stretches = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let to = match from + size {
            end if end >= text.len() => text.len(),
            end => memchr::memchr(b'\n', &bytes[end..]).map_or(text.len(), |i| end + i + 1),
        };
        stretches.push(from..to);
        from = to;
    }
    stretches
}

/// The newlines in `bytes`, counted 64 bytes at a time into a byte-wide
/// sum, which the compiler turns into SIMD; a search would stop at each of
/// a text's many short lines.
fn count_newlines(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(64);
    let whole: usize = blocks.by_ref().map(|block| usize::from(block.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>())).sum();
    whole + blocks.remainder().iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_counted_across_blocks() {
        for len in [0, 1, 63, 64, 65, 200] {
            let text: String = (0..len).map(|i| if i % 3 == 0 { '\n' } else { 'a' }).collect();
            assert_eq!(count_newlines(text.as_bytes()), text.matches('\n').count(), "{len}");
        }
    }

    #[test]
    fn stretches_end_after_newlines() {
        let text = "سطر\n".repeat(1000);
        let parts = line_stretches(&text, 100);
        assert_eq!((parts[0].start, parts.last().unwrap().end), (0, text.len()));
        assert!(parts.windows(2).all(|w| w[0].end == w[1].start && text[..w[1].start].ends_with('\n')));
        assert!(line_stretches("", 100).is_empty());
        assert_eq!(line_stretches("بلا سطر جديد", 4), vec![0.."بلا سطر جديد".len()]);
    }

    #[test]
    fn positions_in_order_and_back() {
        let text = format!("{}\nسطر ثان\nthird", "ا".repeat(70));
        let mut at = Locator::new(&text);
        assert_eq!(at.position(0), Position { line: 1, column: 1 });
        let second = text.find("ثان").unwrap();
        assert_eq!(at.position(second), Position { line: 2, column: 5 });
        assert_eq!(at.position(text.len()), Position { line: 3, column: 6 });
        // Asked out of order, it starts again.
        assert_eq!(at.position(2), Position { line: 1, column: 2 });
    }
}
