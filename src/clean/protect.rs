//! Spans of a paragraph that cleanup must not touch.
//!
//! URLs, e-mail addresses and domain names are never edited. Numbers
//! (`370,000`, `2.700.025`, `755.17`, `10:30`, `5/1/2022`) are edited only by
//! the number rules (D), which exist to repair them. In markdown, everything
//! that is not prose (code, link destinations, raw HTML, markers) is marked
//! as [`Protection::Markup`] by the paragraph builder.

use std::ops::Range;

use crate::text::numbers::{digit_at, number_end};

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

/// Find the links and numbers of `text`, sorted by start.
pub fn scan(text: &str) -> Vec<Protected> {
    let mut numbers = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if digit_at(bytes, i) {
            let end = number_end(text, i);
            numbers.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    with_numbers(links(text), numbers)
}

/// `links` and `numbers` as one sorted list; a number inside a link is part
/// of the link.
pub fn with_numbers(links: Vec<Protected>, numbers: Vec<Range<usize>>) -> Vec<Protected> {
    if links.is_empty() {
        return numbers.into_iter().map(|range| Protected { range, kind: Protection::Number }).collect();
    }
    // Both lists are sorted: merge them in one pass.
    let mut out = Vec::with_capacity(links.len() + numbers.len());
    let mut links = links.into_iter().peekable();
    for n in numbers {
        while let Some(l) = links.next_if(|l| l.range.start <= n.start) {
            out.push(l);
        }
        let inside_link = out.last().is_some_and(|p: &Protected| p.kind == Protection::Link && n.start < p.range.end);
        if !inside_link {
            out.push(Protected { range: n, kind: Protection::Number });
        }
    }
    out.extend(links);
    out
}

/// The links of `text` (URLs, e-mail addresses, domains), sorted.
pub fn links(text: &str) -> Vec<Protected> {
    let mut out = Vec::new();
    scan_links(text, &mut out);
    out
}

fn is_url_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '"' | '<' | '>' | '«' | '»' | '“' | '”' | '`' | '\u{060C}' | '\u{061B}'))
}

fn is_domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Characters a link token is made of, for finding where one starts.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// Links are found from their anchors (`.`, `@`, `:`), which prose in
/// Arabic rarely has next to ASCII letters: each anchor with an ASCII
/// letter or digit before it names a token, and each token is tried once.
fn scan_links(text: &str, out: &mut Vec<Protected>) {
    let bytes = text.as_bytes();
    let mut tried_until = 0;
    for anchor in memchr::memchr3_iter(b'.', b'@', b':', bytes) {
        if anchor < tried_until || anchor == 0 || !bytes[anchor - 1].is_ascii_alphanumeric() {
            continue;
        }
        let mut start = anchor;
        while start > tried_until && is_token_byte(bytes[start - 1]) {
            start -= 1;
        }
        // A token starts at an alphanumeric, not at punctuation.
        while start < anchor && !bytes[start].is_ascii_alphanumeric() {
            start += 1;
        }
        match url_at(text, start).or_else(|| email_or_domain_at(text, start)) {
            Some(end) if end > anchor => {
                out.push(Protected { range: start..end, kind: Protection::Link });
                tried_until = end;
            }
            _ => {
                // Skip the rest of this token: its other anchors start nothing new.
                let mut end = anchor + 1;
                while end < bytes.len() && (is_token_byte(bytes[end]) || bytes[end] == b'@') {
                    end += 1;
                }
                tried_until = end;
            }
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
