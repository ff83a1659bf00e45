//! File names as a terminal shows them: a name may hold any byte but `/`
//! and NUL, and printed raw, an escape sequence could rewrite the screen and
//! a bidi control (U+202E) could spoof the order of what is shown. Such
//! characters are printed as escapes, as `ls` does.

use std::path::Path;

/// `path` for a message: control characters and invisible direction
/// controls escaped (`\n`, `\u{202e}`), bytes that are not UTF-8 as U+FFFD.
pub fn escaped(path: &Path) -> String {
    let name = path.to_string_lossy();
    if !name.chars().any(needs_escape) {
        return name.into_owned();
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if needs_escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `%20` and friends in a link or image address (`a%20b.png`, an Arabic
/// file name saved by a browser), as the file name it stands for.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_fool_a_terminal_are_escaped() {
        assert_eq!(escaped(Path::new("مقال.md")), "مقال.md");
        assert_eq!(escaped(Path::new("x\nREADME.md")), "x\\nREADME.md");
        assert_eq!(escaped(Path::new("a\u{1b}[2Jb.md")), "a\\u{1b}[2Jb.md");
        assert_eq!(escaped(Path::new("fdp.\u{202e}txt.exe")), "fdp.\\u{202e}txt.exe");
    }
}
