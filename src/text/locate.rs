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
        match walked.rfind('\n') {
            Some(nl) => {
                self.line += walked.matches('\n').count();
                self.line_start = self.offset + nl + 1;
                self.column = 1 + self.text[self.line_start..offset].chars().count();
            }
            None => self.column += walked.chars().count(),
        }
        self.offset = offset;
        Position { line: self.line, column: self.column }
    }
}
