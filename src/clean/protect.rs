//! Spans of a paragraph that cleanup must not touch.
//!
//! URLs, e-mail addresses, domain names and file paths (`/etc/hosts`,
//! `./run.sh`, `~/docs`, `C:\path`) are never edited; nor are list markers
//! at a line start (`1/ `, `2) `), markup tags pasted into plain text
//! (`<ref name="…">`, `</ref>`, `{{…}}`, `[[…]]`) and doubled guillemets
//! used as navigation arrows (`«« السابق`, `التالي »»`). Numbers
//! (`370,000`, `2.700.025`, `755.17`, `10:30`, `5/1/2022`) are edited only by
//! the number rules (D), which exist to repair them. In markdown, everything
//! that is not prose (code, link destinations, raw HTML, markers) is marked
//! as [`Protection::Markup`] by the paragraph builder.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::text::chars::{is_arabic_letter, is_digit};
use crate::text::numbers::{digit_at, number_end};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// URL, e-mail, domain, file path: never touched.
    Link,
    /// Markdown that is not prose: never touched.
    Markup,
    /// Notation in the text that is not prose (list markers at a line
    /// start, pasted markup tags, navigation arrows): never touched.
    Notation,
    /// A number: touched only by the number rules.
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    pub range: Range<usize>,
    pub kind: Protection,
}

/// Find the untouchable spans and numbers of `text`, sorted by start.
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
    with_numbers(untouchable(text), numbers)
}

/// `links` (sorted, not overlapping, no numbers) and `numbers` as one
/// sorted list; a number inside a link, markup or notation is part of it.
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
        let inside_link = out.last().is_some_and(|p: &Protected| p.kind != Protection::Number && n.start < p.range.end);
        if !inside_link {
            out.push(Protected { range: n, kind: Protection::Number });
        }
    }
    out.extend(links);
    out
}

/// The links of `text` (URLs, e-mail addresses, domains), sorted.
pub fn links(text: &str) -> Vec<Protected> {
    links_at(text, memchr::memchr3_iter(b'.', b'@', b':', text.as_bytes()))
}

/// [`links`], searched only around `anchors`: the offsets of the `.`,
/// `@` and `:` of `text`, in order (a paragraph's signs already list them).
pub fn links_at(text: &str, anchors: impl IntoIterator<Item = usize>) -> Vec<Protected> {
    let mut out = Vec::new();
    scan_links(text, anchors, &mut out);
    out
}

/// What of a text's notation its signs allow: the searches for paths,
/// tags and navigation arrows run only when their signs are there.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cues {
    /// `/` or `\`.
    pub path: bool,
    /// `<`, `{` or `[`.
    pub tag: bool,
    /// `««` or `»»`.
    pub arrows: bool,
    /// `\n`: list markers may start more lines than the first.
    pub lines: bool,
}

/// Doubled guillemets, searched whole: `«` alone is common in Arabic text.
static ARROWS: LazyLock<[Finder<'static>; 2]> = LazyLock::new(|| [Finder::new("««"), Finder::new("»»")]);

impl Cues {
    /// Searched for in `text`.
    pub fn search(text: &str) -> Cues {
        let bytes = text.as_bytes();
        Cues {
            path: memchr::memchr2(b'/', b'\\', bytes).is_some(),
            tag: memchr::memchr3(b'<', b'{', b'[', bytes).is_some(),
            arrows: ARROWS.iter().any(|arrow| arrow.find(bytes).is_some()),
            lines: memchr::memchr(b'\n', bytes).is_some(),
        }
    }

    /// Read from a text's signs, in text order, with their offsets.
    pub fn of_signs(signs: &[(usize, char)]) -> Cues {
        let mut cues = Cues::default();
        let mut last = (usize::MAX, ' ');
        for &(i, c) in signs {
            match c {
                '/' | '\\' => cues.path = true,
                '<' | '{' | '[' => cues.tag = true,
                '«' | '»' => cues.arrows |= last == (i.wrapping_sub(2), c),
                '\n' => cues.lines = true,
                _ => {}
            }
            last = (i, c);
        }
        cues
    }
}

/// What no rule may touch, numbers aside: links and file paths, list
/// markers at a line start, pasted markup tags, navigation arrows. Sorted
/// by start, not overlapping (the longer of two overlapping spans wins).
pub fn untouchable(text: &str) -> Vec<Protected> {
    merge(links(text), notation(text))
}

/// File paths, list markers at a line start, pasted markup tags and
/// navigation arrows: notation that is not prose, found in any text.
pub fn notation(text: &str) -> Vec<Protected> {
    notation_with(text, Cues::search(text))
}

/// [`notation`], searched for only where `cues` allow.
pub fn notation_with(text: &str, cues: Cues) -> Vec<Protected> {
    let mut spans = Vec::new();
    if cues.path {
        paths(text, &mut spans);
    }
    list_markers(text, cues.lines, &mut spans);
    if cues.tag {
        tags(text, &mut spans);
    }
    if cues.arrows {
        arrows(text, &mut spans);
    }
    spans
}

/// Two lists of spans as one, sorted by start, not overlapping: of two
/// overlapping spans the one starting first (or the longer) wins.
pub fn merge(mut a: Vec<Protected>, b: Vec<Protected>) -> Vec<Protected> {
    if b.is_empty() {
        return a;
    }
    a.extend(b);
    a.sort_by_key(|p| (p.range.start, std::cmp::Reverse(p.range.end)));
    let mut kept: Vec<Protected> = Vec::with_capacity(a.len());
    for p in a {
        match kept.last() {
            Some(last) if p.range.start < last.range.end => {}
            _ => kept.push(p),
        }
    }
    kept
}

/// Bytes a file path is made of.
fn is_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b'\\' | b'~' | b'+' | b'%' | b'@' | b'=')
}

/// A path may start here: at the start, after a space, an opening bracket
/// or quote, or after `:`/`=` (`الملف:/etc/hosts`).
fn path_may_start(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '«' | '"' | '\'' | '“' | '‘' | '`' | ':' | '='))
}

/// `/etc/hosts`, `./run.sh`, `../a`, `~/docs`, `C:\path`, `src/main.rs`:
/// a token of path bytes with a letter in it, shaped like a path.
fn path_shape(token: &str) -> bool {
    let b = token.as_bytes();
    if !b.iter().any(u8::is_ascii_alphabetic) {
        return false; // `/1/2022` is a date with a stray space
    }
    let has_extension = |segment: &str| {
        segment
            .rsplit_once('.')
            .is_some_and(|(name, ext)| !name.is_empty() && (1..=5).contains(&ext.len()) && ext.bytes().all(|c| c.is_ascii_alphanumeric()))
    };
    let last_segment = token.rsplit(['/', '\\']).next().unwrap_or("");
    if token.starts_with("./") || token.starts_with("../") || token.starts_with("~/") {
        return token.len() > 2;
    }
    if b.len() > 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/') {
        return true;
    }
    if let Some(rest) = token.strip_prefix('/') {
        // `/etc/hosts`, `/run.sh`; not `/h` (km /h) nor a lone `/word`.
        return rest.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'~'))
            && (rest.trim_end_matches('/').contains('/') || has_extension(last_segment));
    }
    // A relative path: segments and a file name with an extension.
    token.contains('/') && !token.contains("//") && !token.contains('\\') && has_extension(last_segment)
}

/// File paths, found from their separators. Each token is tried once.
fn paths(text: &str, out: &mut Vec<Protected>) {
    let bytes = text.as_bytes();
    let mut tried_until = 0;
    for sep in memchr::memchr2_iter(b'/', b'\\', bytes) {
        if sep < tried_until {
            continue;
        }
        let mut start = sep;
        while start > tried_until && is_path_byte(bytes[start - 1]) {
            start -= 1;
        }
        // A drive letter: `C:\`.
        if start >= 2 && start == sep && bytes[start - 1] == b':' && bytes[start - 2].is_ascii_alphabetic() {
            start -= 2;
        }
        let mut end = sep;
        while end < bytes.len() && is_path_byte(bytes[end]) {
            end += 1;
        }
        tried_until = end;
        let end = trim_trailing_punctuation(text, start, end);
        if end > start && path_may_start(text, start) && path_shape(&text[start..end]) {
            out.push(Protected { range: start..end, kind: Protection::Link });
        }
    }
}

/// A list marker at the start of a line, before a space: one to three
/// digits and `/` `)` `.` `-` `–` (`1/ `, `2) `, `١- `), or one Arabic
/// letter and `)` (`أ) `).
fn list_markers(text: &str, lines: bool, out: &mut Vec<Protected>) {
    let bytes = text.as_bytes();
    let newlines = lines.then(|| memchr::memchr_iter(b'\n', bytes));
    let line_starts = std::iter::once(0).chain(newlines.into_iter().flatten().map(|i| i + 1));
    for line in line_starts {
        let start = line + bytes[line..].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        let rest = &text[start..];
        let digits: usize = rest.chars().take_while(|&c| is_digit(c)).take(4).map(char::len_utf8).sum();
        let count = rest[..digits].chars().count();
        let mut after = rest[digits..].chars();
        let mark = match (count, after.next()) {
            (1..=3, Some(c @ ('/' | ')' | '.' | '-' | '–'))) => Some(digits + c.len_utf8()),
            (0, Some(c)) if is_arabic_letter(c) && after.next() == Some(')') => Some(c.len_utf8() + 1),
            _ => None,
        };
        if let Some(len) = mark {
            if rest[len..].starts_with([' ', '\t']) {
                out.push(Protected { range: start..start + len, kind: Protection::Notation });
            }
        }
    }
}

/// Markup tags pasted into plain text: HTML and XML tags (`<ref name="…">`,
/// `</ref>`, `<br/>`), comments, and wikitext templates and links (`{{…}}`,
/// `[[…]]`, nested or not).
fn tags(text: &str, out: &mut Vec<Protected>) {
    let bytes = text.as_bytes();
    let mut searched_until = 0;
    for lt in memchr::memchr_iter(b'<', bytes) {
        if lt < searched_until {
            continue;
        }
        if let Some(end) = tag_end(text, lt) {
            out.push(Protected { range: lt..end, kind: Protection::Notation });
            searched_until = end;
        }
    }
    for (open, close) in [("{{", "}}"), ("[[", "]]")] {
        out.extend(nested_pairs(text, open, close).into_iter().map(|range| Protected { range, kind: Protection::Notation }));
    }
}

/// The end of the tag or comment opening at `lt`. A tag's attributes stop
/// at the next `<` or line end, which keeps the search linear.
fn tag_end(text: &str, lt: usize) -> Option<usize> {
    let rest = &text[lt..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").map(|e| lt + 4 + e + 3);
    }
    let b = rest.as_bytes();
    let name_at = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut i = name_at + b[name_at..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'_' | b'-')).count();
    match b.get(i) {
        Some(b'>') => return Some(lt + i + 1),
        Some(b'/') if b.get(i + 1) == Some(&b'>') => return Some(lt + i + 2),
        Some(c) if c.is_ascii_whitespace() && *c != b'\n' => {}
        _ => return None,
    }
    while i < b.len() {
        match b[i] {
            b'>' => return Some(lt + i + 1),
            b'<' | b'\n' => return None,
            _ => i += 1,
        }
    }
    None
}

/// The outermost `open`…`close` pairs of `text`, nesting counted.
fn nested_pairs(text: &str, open: &str, close: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let (o, c) = (open.as_bytes(), close.as_bytes());
    let mut stack: Vec<usize> = Vec::new();
    let mut pairs: Vec<Range<usize>> = Vec::new();
    let mut next = 0;
    for i in memchr::memchr3_iter(o[0], c[0], b'\n', bytes) {
        if i < next {
            continue;
        }
        if bytes[i..].starts_with(o) {
            stack.push(i);
            next = i + 2;
        } else if bytes[i..].starts_with(c) && !stack.is_empty() {
            let start = stack.pop().expect("not empty");
            // Pairs close inner first: an outer pair swallows those inside it.
            while pairs.last().is_some_and(|p| p.start > start) {
                pairs.pop();
            }
            pairs.push(start..i + 2);
            next = i + 2;
        } else if bytes[i] == b'\n' {
            stack.clear();
        }
    }
    pairs
}

/// Doubled guillemets used as arrows (`«« السابق`, `التالي »»`): two or more
/// of one kind, with a space on the side where a quotation mark would hug
/// its word. `»»` right after a word closes two nested quotations.
fn arrows(text: &str, out: &mut Vec<Protected>) {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '«' && c != '»' {
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut count = 1;
        while let Some(&(j, n)) = chars.peek() {
            if n != c {
                break;
            }
            end = j + n.len_utf8();
            count += 1;
            chars.next();
        }
        if count < 2 {
            continue;
        }
        let loose = |side: Option<char>| side.is_none_or(char::is_whitespace);
        let arrow = count >= 3 || if c == '«' { loose(text[end..].chars().next()) } else { loose(text[..i].chars().next_back()) };
        if arrow {
            out.push(Protected { range: i..end, kind: Protection::Notation });
        }
    }
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
fn scan_links(text: &str, anchors: impl IntoIterator<Item = usize>, out: &mut Vec<Protected>) {
    let bytes = text.as_bytes();
    let mut tried_until = 0;
    for anchor in anchors {
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
    fn an_arabic_comma_between_digits_is_the_numbers() {
        assert_eq!(spans("بلغ 2،500.75 و87،3%، ثم"), vec![("2،500.75", Protection::Number), ("87،3", Protection::Number)]);
    }

    #[test]
    fn links() {
        assert_eq!(spans("انظر https://bit.ly/3FTnezU."), vec![("https://bit.ly/3FTnezU", Protection::Link)]);
        assert_eq!(spans("عبر bit.ly/3qQSBGR و nyti.ms"), vec![("bit.ly/3qQSBGR", Protection::Link), ("nyti.ms", Protection::Link)]);
        assert_eq!(spans("راسلنا user@example.com،"), vec![("user@example.com", Protection::Link)]);
        assert_eq!(spans("The end.Next one"), vec![]);
    }

    #[test]
    fn file_paths() {
        let paths =
            |t: &str| -> Vec<String> { spans(t).into_iter().filter(|p| p.1 == Protection::Link).map(|p| p.0.to_string()).collect() };
        assert_eq!(paths("افتح الملف /etc/hosts ثم شغل ./run.sh."), vec!["/etc/hosts", "./run.sh"]);
        assert_eq!(paths("في ~/docs و C:\\Users\\me و ../up و src/main.rs"), vec!["~/docs", "C:\\Users\\me", "../up", "src/main.rs"]);
        assert_eq!(paths("الملف:/etc/hosts"), vec!["/etc/hosts"]);
        // Not paths: a unit, a date with a stray space, Arabic either side of a slash.
        assert!(paths("50 km /h و 5 /1/2022 و و/ أو و كم /ساعة").is_empty());
    }

    #[test]
    fn list_markers_at_a_line_start() {
        let markers =
            |t: &str| -> Vec<String> { spans(t).into_iter().filter(|p| p.1 == Protection::Notation).map(|p| p.0.to_string()).collect() };
        assert_eq!(markers("1/ نص\n 2) نص\n١٢- نص\nأ) نص\n3. نص"), vec!["1/", "2)", "١٢-", "أ)", "3."]);
        assert!(markers("نص 1/ نص\n2022- نص\n1/نص\nو/ أو").is_empty());
        // The number in a marker is the marker's.
        assert_eq!(spans("1/ نص"), vec![("1/", Protection::Notation)]);
    }

    #[test]
    fn pasted_markup() {
        let markup =
            |t: &str| -> Vec<String> { spans(t).into_iter().filter(|p| p.1 == Protection::Notation).map(|p| p.0.to_string()).collect() };
        assert_eq!(
            markup("نص<ref name=\"مصدر 1\">كتاب</ref> و<br/> {{استشهاد|تاريخ={{تاريخ}}}} و[[رابط|نص]] <!-- تعليق -->"),
            vec!["<ref name=\"مصدر 1\">", "</ref>", "<br/>", "{{استشهاد|تاريخ={{تاريخ}}}}", "[[رابط|نص]]", "<!-- تعليق -->"]
        );
        assert!(markup("إذا كان 3 < 5 و {{ بلا إغلاق و[[ كذلك").is_empty());
    }

    #[test]
    fn navigation_arrows() {
        let markup =
            |t: &str| -> Vec<String> { spans(t).into_iter().filter(|p| p.1 == Protection::Notation).map(|p| p.0.to_string()).collect() };
        assert_eq!(markup("«« السابق | التالي »»"), vec!["««", "»»"]);
        assert!(markup("«قال «لا»» ثم").is_empty());
    }

    #[test]
    fn digits_inside_links_are_the_link() {
        assert_eq!(spans("www.example.com/2022/01"), vec![("www.example.com/2022/01", Protection::Link)]);
    }
}
