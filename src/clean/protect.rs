//! Spans of a paragraph that cleanup must not touch.
//!
//! URLs, e-mail addresses and domain names are never edited. Numbers
//! (`370,000`, `2.700.025`, `755.17`, `10:30`, `5/1/2022`) are edited only by
//! the number rules (D), which exist to repair them. In markdown, everything
//! that is not prose (code, link destinations, raw HTML, markers) is marked
//! as [`Protection::Markup`] by the paragraph builder.

use std::ops::Range;

use super::chars::is_digit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// URL, e-mail, domain: never touched.
    Link,
    /// Markdown that is not prose: never touched.
    Markup,
    /// A number: touched only by the number rules.
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    pub range: Range<usize>,
    pub kind: Protection,
}

/// Find the links and numbers of `text`, sorted by start, not overlapping.
pub fn scan(text: &str) -> Vec<Protected> {
    let mut links = Vec::new();
    let bytes = text.as_bytes();
    if memchr::memchr3(b'.', b'@', b':', bytes).is_some() {
        scan_links(text, &mut links);
    }
    let mut out = Vec::with_capacity(links.len());
    let mut link_iter = links.into_iter().peekable();
    // Numbers, skipping those inside links; merged in order.
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let starts_digit = b.is_ascii_digit() || ((b == 0xD9 || b == 0xDB) && text[i..].chars().next().is_some_and(is_digit));
        if !starts_digit {
            i += 1;
            continue;
        }
        let end = number_end(text, i);
        while let Some(l) = link_iter.peek() {
            if l.range.start <= i {
                out.push(link_iter.next().unwrap());
            } else {
                break;
            }
        }
        let inside_link = out.last().is_some_and(|p: &Protected| p.kind == Protection::Link && p.range.end > i);
        if inside_link {
            i = out.last().unwrap().range.end.max(i + 1);
            continue;
        }
        out.push(Protected { range: i..end, kind: Protection::Number });
        i = end;
    }
    out.extend(link_iter);
    out
}

/// The end of the number starting at `start`: digits, with single separators
/// (`.` `,` `:` `/` `٫` `٬`) between digits.
fn number_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if is_digit(c) {
            end = start + off + c.len_utf8();
        } else if matches!(c, '.' | ',' | ':' | '/' | '\u{066B}' | '\u{066C}') {
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

fn is_url_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '"' | '<' | '>' | '«' | '»' | '“' | '”' | '`' | '\u{060C}' | '\u{061B}'))
}

fn is_domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

fn scan_links(text: &str, out: &mut Vec<Protected>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only ASCII alphanumerics can start a link; jump to the next one.
        if !bytes[i].is_ascii_alphanumeric() || (i > 0 && (is_domain_char(bytes[i - 1]) || bytes[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        if let Some(end) = url_at(text, i).or_else(|| email_or_domain_at(text, i)) {
            out.push(Protected { range: i..end, kind: Protection::Link });
            i = end;
        } else {
            i += 1;
        }
    }
}

/// `scheme://…` or `www.…` starting at `i`.
fn url_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let lower_starts = |p: &str| rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let body = if lower_starts("https://") {
        8
    } else if lower_starts("http://") || lower_starts("ftp://") {
        rest.find("://")? + 3
    } else if lower_starts("www.") {
        4
    } else {
        return None;
    };
    let mut end = i + body;
    for (off, c) in text[i + body..].char_indices() {
        if !is_url_char(c) {
            break;
        }
        end = i + body + off + c.len_utf8();
    }
    if end == i + body {
        return None;
    }
    Some(trim_trailing_punctuation(text, i, end))
}

/// Sentence punctuation right after a link is not part of it; a closing
/// bracket is, when the link opened one.
fn trim_trailing_punctuation(text: &str, start: usize, mut end: usize) -> usize {
    loop {
        let Some(c) = text[start..end].chars().next_back() else {
            return end;
        };
        let strip = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '؟' => true,
            ')' => text[start..end].matches('(').count() < text[start..end].matches(')').count(),
            _ => false,
        };
        if !strip {
            return end;
        }
        end -= c.len_utf8();
    }
}

/// `name@domain.tld` or `domain.tld[/path]` starting at `i`.
fn email_or_domain_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Local part of an e-mail, or first label of a domain.
    let mut j = i;
    while j < bytes.len() && (is_domain_char(bytes[j]) || matches!(bytes[j], b'.' | b'_' | b'+' | b'%')) {
        j += 1;
    }
    if j < bytes.len() && bytes[j] == b'@' {
        let end = domain_end(bytes, j + 1)?;
        return Some(end);
    }
    let end = domain_end(bytes, i)?;
    // A path after a domain (`bit.ly/3FTnezU`).
    if end < bytes.len() && bytes[end] == b'/' {
        let mut k = end;
        for (off, c) in text[end..].char_indices() {
            if !is_url_char(c) {
                break;
            }
            k = end + off + c.len_utf8();
        }
        return Some(trim_trailing_punctuation(text, i, k));
    }
    Some(end)
}

/// Labels separated by dots, the last one a lowercase TLD of 2–24 letters.
/// Lowercase keeps `end.Next` (a missing space) from reading as a domain.
fn domain_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut labels = 0;
    let mut k = start;
    let mut last_label = start..start;
    loop {
        let label_start = k;
        while k < bytes.len() && is_domain_char(bytes[k]) {
            k += 1;
        }
        if k == label_start {
            return None;
        }
        labels += 1;
        last_label = label_start..k;
        if k + 1 < bytes.len() && bytes[k] == b'.' && is_domain_char(bytes[k + 1]) {
            k += 1;
        } else {
            break;
        }
    }
    let tld = &bytes[last_label.clone()];
    let valid_tld = labels >= 2 && (2..=24).contains(&tld.len()) && tld.iter().all(|b| b.is_ascii_lowercase());
    // Followed by a letter or digit of another script means it is glued text, not a domain.
    valid_tld.then_some(last_label.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(&str, Protection)> {
        scan(text).into_iter().map(|p| (&text[p.range], p.kind)).collect()
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            spans("ما بين 370,000 إلى 2.700.025 و755.17 عند 10:30 في 5/1/2022، ثم."),
            vec![
                ("370,000", Protection::Number),
                ("2.700.025", Protection::Number),
                ("755.17", Protection::Number),
                ("10:30", Protection::Number),
                ("5/1/2022", Protection::Number),
            ]
        );
    }

    #[test]
    fn links() {
        assert_eq!(spans("انظر https://bit.ly/3FTnezU."), vec![("https://bit.ly/3FTnezU", Protection::Link)]);
        assert_eq!(spans("عبر bit.ly/3qQSBGR و nyti.ms"), vec![("bit.ly/3qQSBGR", Protection::Link), ("nyti.ms", Protection::Link)]);
        assert_eq!(spans("راسلنا user@example.com،"), vec![("user@example.com", Protection::Link)]);
        assert_eq!(spans("The end.Next one"), vec![]);
    }

    #[test]
    fn digits_inside_links_are_the_link() {
        assert_eq!(spans("www.example.com/2022/01"), vec![("www.example.com/2022/01", Protection::Link)]);
    }
}
