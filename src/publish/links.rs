//! Which addresses become links in the PDF: web pages and e-mail only.
//!
//! A PDF link is an action a reader's viewer performs on a click. A dossier
//! from someone else could point one at `javascript:`, `file:`, `data:` or
//! `launch:`; those are shown as text, never clickable, and listed in the
//! editorial notes and `report.json`.

use super::model::{Block, Inline};

/// The schemes that become links.
pub const LINKABLE: &[&str] = &["http://", "https://", "mailto:"];

/// `url` may become a PDF link: it starts with `http://`, `https://` or
/// `mailto:` (any case) and holds no control character.
pub fn is_linkable(url: &str) -> bool {
    let starts = |p: &str| url.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p));
    LINKABLE.iter().any(|p| starts(p)) && url.len() > 7 && !url.chars().any(char::is_control)
}

/// The link targets in `blocks` that will be shown as text, in order.
pub fn unlinkable(blocks: &[Block]) -> Vec<String> {
    let mut found = Vec::new();
    // Explicit stacks: a model's depth is bounded, but this need not rely on it.
    let mut blocks_todo: Vec<&Block> = blocks.iter().rev().collect();
    while let Some(b) = blocks_todo.pop() {
        let mut inlines_todo: Vec<&Inline> = Vec::new();
        match b {
            Block::Heading { inlines, .. } | Block::Paragraph { inlines } => inlines_todo.extend(inlines.iter().rev()),
            Block::Quote { blocks, .. } => blocks_todo.extend(blocks.iter().rev()),
            Block::List { items, .. } => blocks_todo.extend(items.iter().rev().flat_map(|i| i.blocks.iter().rev())),
            Block::Table { head, rows, .. } => {
                inlines_todo.extend(head.iter().chain(rows.iter().flatten()).rev().flat_map(|cell| cell.iter().rev()))
            }
            Block::Figure { alt, .. } => inlines_todo.extend(alt.iter().rev()),
            Block::Code { .. } | Block::Rule => {}
        }
        while let Some(i) = inlines_todo.pop() {
            match i {
                Inline::Link { url, children } => {
                    if !is_linkable(url) {
                        found.push(url.clone());
                    }
                    inlines_todo.extend(children.iter().rev());
                }
                Inline::Emph { children } | Inline::Strong { children } | Inline::Strike { children } => {
                    inlines_todo.extend(children.iter().rev())
                }
                Inline::Image { alt, .. } => inlines_todo.extend(alt.iter().rev()),
                Inline::Text { .. } | Inline::Code { .. } | Inline::Math { .. } | Inline::Note { .. } | Inline::Break => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_link() {
        for good in ["https://bit.ly/3FTnezU", "HTTP://EXAMPLE.COM", "mailto:editor@example.com"] {
            assert!(is_linkable(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<b>x</b>",
            "launch:calc.exe",
            "ftp://example.com",
            "page.html",
            "#section",
            "https://a.b/\nc",
            "http://",
        ] {
            assert!(!is_linkable(bad), "{bad}");
        }
    }

    #[test]
    fn finds_unlinkable_targets_everywhere() {
        let parsed = super::super::model::blocks(
            "[a](javascript:alert(1)) and <file:///etc/passwd>\n\n> - *[b](data:x)* [ok](https://a.b)\n\n| [c](file:x) |\n|--|\n| ~~[d](launch:y)~~ |\n",
        );
        assert_eq!(unlinkable(&parsed.blocks), ["javascript:alert(1)", "file:///etc/passwd", "data:x", "file:x", "launch:y"]);
    }
}
