//! Positions as other tools count them: lines split at LF, CRLF or a lone
//! CR (as LSP and SARIF define lines), columns in UTF-16 code units (LSP,
//! SARIF's `utf16CodeUnits`) or UTF-8 bytes (reviewdog). Arabic letters are
//! one UTF-16 unit and two bytes; an emoji is two units and four bytes.

/// Where a byte offset is: 0-based line and columns in three units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub utf16: usize,
    pub chars: usize,
    pub bytes: usize,
}

/// Turns byte offsets into [`Place`]s. Moving forward costs the distance
/// walked; moving back within a line costs the distance too, so thousands of
/// findings on one long line stay linear. Only a jump back to an earlier
/// line starts again from the top.
pub struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
    utf16: usize,
    chars: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Cursor { text, offset: 0, line: 0, line_start: 0, utf16: 0, chars: 0 }
    }

    /// The place of byte `offset` (clamped to the text, moved back to a
    /// character boundary).
    pub fn at(&mut self, offset: usize) -> Place {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.line_start {
            *self = Cursor::new(self.text);
        }
        if offset >= self.offset {
            self.forward(offset);
        } else {
            for c in self.text[offset..self.offset].chars() {
                self.utf16 -= c.len_utf16();
                self.chars -= 1;
            }
            self.offset = offset;
        }
        Place { line: self.line, utf16: self.utf16, chars: self.chars, bytes: self.offset - self.line_start }
    }

    fn forward(&mut self, to: usize) {
        let bytes = self.text.as_bytes();
        for (i, c) in self.text[self.offset..to].char_indices() {
            let at = self.offset + i;
            let breaks = c == '\n' || (c == '\r' && bytes.get(at + 1) != Some(&b'\n'));
            if breaks {
                self.line += 1;
                self.line_start = at + 1;
                self.utf16 = 0;
                self.chars = 0;
            } else {
                self.utf16 += c.len_utf16();
                self.chars += 1;
            }
        }
        self.offset = to;
    }
}

/// The byte offset of a 0-based line and UTF-16 column, as LSP gives them;
/// a column past the line's end means its end.
pub fn offset_of_utf16(text: &str, line: usize, utf16: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find(['\n', '\r']) {
            Some(i) => {
                let at = start + i;
                start = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            }
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= utf16 || c == '\n' || (c == '\r') {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utf16_chars_and_bytes() {
        let text = "قال 😀 نعم\r\nب\rج";
        let mut c = Cursor::new(text);
        let n = text.find('ن').unwrap();
        assert_eq!(c.at(n), Place { line: 0, utf16: 7, chars: 6, bytes: n });
        let b = text.find('ب').unwrap();
        assert_eq!(c.at(b), Place { line: 1, utf16: 0, chars: 0, bytes: 0 });
        let j = text.find('ج').unwrap();
        assert_eq!(c.at(j).line, 2, "a lone CR ends a line");
        // Back within a line, and back to an earlier line.
        assert_eq!(c.at(text.find('😀').unwrap()), Place { line: 0, utf16: 4, chars: 4, bytes: 7 });
        assert_eq!(c.at(text.find('ل').unwrap()).utf16, 2);
        assert_eq!(c.at(j + 2), Place { line: 2, utf16: 1, chars: 1, bytes: 2 });
    }

    #[test]
    fn utf16_positions_go_back_to_offsets() {
        let text = "أ😀ب\r\nسطر\nx";
        let mut c = Cursor::new(text);
        for (offset, _) in text.char_indices() {
            let p = c.at(offset);
            if text[offset..].starts_with('\n') && text[..offset].ends_with('\r') {
                continue;
            }
            assert_eq!(offset_of_utf16(text, p.line, p.utf16), offset, "{offset}");
        }
        assert_eq!(offset_of_utf16(text, 0, 99), text.find('\r').unwrap());
        assert_eq!(offset_of_utf16(text, 9, 0), text.len());
    }
}
