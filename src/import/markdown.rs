//! The article both importers build, and its markdown.
//!
//! A saved page and a Word document are read into the same small tree of
//! blocks and inlines; this module alone writes markdown, so escaping,
//! emphasis and tables come out the same from either. Text is data: every
//! character markdown reads as syntax is escaped ([`escape_chars`]).

use super::text::{escape_chars, escape_line_start};

/// Text inside a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    /// A link to a web or mail address (others are kept as their text).
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// A reference to footnote `n` (1-based) of [`Article::notes`].
    Note(usize),
}

/// A block of the article.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<Vec<Inline>>>),
    /// An image copied into the dossier (`path` relative to the article),
    /// its caption (or alt text) shown under it.
    Figure {
        path: String,
        caption: Vec<Inline>,
    },
}

/// An imported article's body: blocks and footnotes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub blocks: Vec<Block>,
    pub notes: Vec<Vec<Inline>>,
}

/// The text of some inlines, without markup.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => out.push_str(&plain(c)),
            Inline::Note(_) => {}
        }
    }
    out
}

/// The text of a block, without markup.
pub fn block_text(block: &Block) -> String {
    match block {
        Block::Heading(_, c) | Block::Paragraph(c) | Block::Figure { caption: c, .. } => plain(c),
        Block::List { items, .. } => items.iter().flatten().map(block_text).collect::<Vec<_>>().join("\n"),
        Block::Quote(b) => b.iter().map(block_text).collect::<Vec<_>>().join("\n"),
        Block::Table(rows) => rows.iter().flatten().map(|c| plain(c)).collect::<Vec<_>>().join(" "),
    }
}

/// Whitespace runs as one space (HTML's rule; Word's tabs and breaks too).
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{A0}' {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Adjacent texts joined, spaces collapsed, empty emphasis dropped, and the
/// spaces at a paragraph's ends trimmed.
pub fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = tidy_inner(inlines);
    trim_ends(&mut out);
    out
}

fn tidy_inner(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines {
        let i = match i {
            Inline::Text(t) => Inline::Text(collapse_spaces(&t)),
            Inline::Strong(c) => Inline::Strong(tidy_inner(c)),
            Inline::Emph(c) => Inline::Emph(tidy_inner(c)),
            Inline::Link { url, content } => Inline::Link { url, content: tidy_inner(content) },
            note => note,
        };
        append(&mut out, i);
    }
    out
}

/// Add a tidied inline to tidied `out`, merging it into the last one when
/// they are alike. Only the joint is looked at, so tidying stays linear (a
/// document of 60 000 runs took 37 s when each merge re-tidied the whole).
fn append(out: &mut Vec<Inline>, i: Inline) {
    match (i, out.last_mut()) {
        (Inline::Text(t), _) if t.is_empty() => {}
        (Inline::Strong(c) | Inline::Emph(c), _) if plain(&c).trim().is_empty() && !has_note(&c) => {
            if !plain(&c).is_empty() {
                push_text(out, " ");
            }
        }
        // Both have their spaces collapsed already: one at the joint may be twice.
        (Inline::Text(t), Some(Inline::Text(prev))) => {
            let t = if prev.ends_with(' ') { t.strip_prefix(' ').unwrap_or(&t) } else { &t };
            prev.push_str(t);
        }
        (Inline::Strong(c), Some(Inline::Strong(prev))) | (Inline::Emph(c), Some(Inline::Emph(prev))) => {
            c.into_iter().for_each(|x| append(prev, x));
        }
        (i, _) => out.push(i),
    }
}

fn has_note(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Note(_)))
}

fn push_text(out: &mut Vec<Inline>, text: &str) {
    match out.last_mut() {
        Some(Inline::Text(prev)) => {
            if !(prev.ends_with(' ') && text == " ") {
                prev.push_str(text);
            }
        }
        _ => out.push(Inline::Text(text.to_string())),
    }
}

fn trim_ends(inlines: &mut Vec<Inline>) {
    if let Some(Inline::Text(t)) = inlines.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = inlines.last_mut() {
        *t = t.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
}

/// The article as markdown: blocks, then footnote definitions.
pub fn write(article: &Article) -> String {
    let mut out = String::new();
    for block in &article.blocks {
        write_block(block, &mut out);
        out.push('\n');
    }
    for (n, note) in article.notes.iter().enumerate() {
        out.push_str(&format!("[^{}]: {}\n", n + 1, inlines(note)));
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn write_block(block: &Block, out: &mut String) {
    match block {
        Block::Heading(level, c) => {
            out.push_str(&"#".repeat((*level).clamp(1, 6) as usize));
            out.push(' ');
            out.push_str(&inlines(c));
            out.push('\n');
        }
        Block::Paragraph(c) => {
            out.push_str(&escape_line_start(inlines(c)));
            out.push('\n');
        }
        Block::Figure { path, caption } => {
            // dossier's model: an image alone in its paragraph is a figure,
            // its alt text the caption.
            out.push_str(&format!("![{}]({})\n", inlines(caption), path.replace(' ', "%20")));
        }
        Block::Quote(blocks) => {
            let mut inner = String::new();
            for (i, b) in blocks.iter().enumerate() {
                if i > 0 {
                    inner.push('\n');
                }
                write_block(b, &mut inner);
            }
            for line in inner.lines() {
                out.push_str(if line.is_empty() { ">" } else { "> " });
                out.push_str(line);
                out.push('\n');
            }
        }
        Block::List { ordered, items } => {
            for (n, item) in items.iter().enumerate() {
                let marker = if *ordered { format!("{}. ", n + 1) } else { "- ".to_string() };
                let mut inner = String::new();
                for (i, b) in item.iter().enumerate() {
                    if i > 0 && !matches!(b, Block::List { .. }) {
                        inner.push('\n');
                    }
                    write_block(b, &mut inner);
                }
                let indent = " ".repeat(marker.len());
                for (i, line) in inner.lines().enumerate() {
                    if i == 0 {
                        out.push_str(&marker);
                    } else if !line.is_empty() {
                        out.push_str(&indent);
                    }
                    out.push_str(line);
                    out.push('\n');
                }
                if inner.is_empty() {
                    out.push_str(marker.trim_end());
                    out.push('\n');
                }
            }
        }
        Block::Table(rows) => {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            for (r, row) in rows.iter().enumerate() {
                out.push('|');
                for c in 0..width {
                    let cell = row.get(c).map(|c| inlines(c)).unwrap_or_default();
                    out.push(' ');
                    out.push_str(&cell);
                    out.push_str(" |");
                }
                out.push('\n');
                if r == 0 {
                    out.push('|');
                    out.push_str(&" --- |".repeat(width));
                    out.push('\n');
                }
            }
        }
    }
}

/// Inlines as markdown on one line.
fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    for i in content {
        match i {
            Inline::Text(t) => {
                let t = t.replace('\n', " ");
                // A space already put outside an emphasis's markers.
                let t = if out.ends_with(' ') { t.trim_start() } else { &t };
                out.push_str(&escape_chars(t));
            }
            Inline::Strong(c) => wrap(&mut out, "**", c),
            Inline::Emph(c) => wrap(&mut out, "*", c),
            Inline::Link { url, content } => {
                let text = inlines(content);
                if text.is_empty() {
                    continue;
                }
                out.push_str(&format!("[{text}](<{}>)", url.replace(['<', '>', ' ', '\n'], "")));
            }
            Inline::Note(n) => out.push_str(&format!("[^{n}]")),
        }
    }
    out
}

/// Emphasis with its spaces outside the markers: `** نص**` is not bold.
fn wrap(out: &mut String, marker: &str, content: &[Inline]) {
    let inner = inlines(content);
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        out.push_str(&inner);
        return;
    }
    if inner.starts_with(' ') && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    out.push_str(marker);
    out.push_str(trimmed);
    out.push_str(marker);
    if inner.ends_with(' ') {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    #[test]
    fn blocks_to_markdown() {
        let article = Article {
            blocks: vec![
                Block::Heading(2, vec![t("عنوان")]),
                Block::Paragraph(tidy(vec![t("  نص  "), Inline::Strong(vec![t(" عريض ")]), t("و"), Inline::Note(1), t(" *نجمة*")])),
                Block::List {
                    ordered: true,
                    items: vec![vec![Block::Paragraph(vec![t("أول")])], vec![Block::Paragraph(vec![t("- ثان")])]],
                },
                Block::Quote(vec![Block::Paragraph(vec![t("قول")]), Block::Paragraph(vec![t("قول ثان")])]),
                Block::Table(vec![vec![vec![t("أ")], vec![t("ب|ج")]], vec![vec![t("1")]]]),
                Block::Figure { path: "images/a b.jpg".into(), caption: vec![t("صورة [1]")] },
                Block::Paragraph(vec![Inline::Link { url: "https://example.org/a b".into(), content: vec![t("رابط")] }]),
            ],
            notes: vec![vec![t("حاشية")]],
        };
        assert_eq!(
            write(&article),
            "## عنوان\n\nنص **عريض** و[^1] \\*نجمة\\*\n\n1. أول\n2. \\- ثان\n\n> قول\n>\n> قول ثان\n\n| أ | ب\\|ج |\n| --- | --- |\n| 1 |  |\n\n![صورة \\[1\\]](images/a%20b.jpg)\n\n[رابط](<https://example.org/ab>)\n\n[^1]: حاشية\n"
        );
    }

    #[test]
    fn adjacent_emphasis_merges() {
        let merged = tidy(vec![Inline::Strong(vec![t("كلمة ")]), Inline::Strong(vec![t("أخرى")]), Inline::Emph(vec![t(" ")])]);
        assert_eq!(merged, vec![Inline::Strong(vec![t("كلمة أخرى")])]);
        // Spaces at each joint collapse as if the text were one.
        let runs = tidy(vec![t("a \t"), t("\n b"), t(" "), t(" c\u{A0}"), t(" d")]);
        assert_eq!(runs, vec![t("a b c\u{A0} d")]);
        let strong = tidy(vec![
            Inline::Strong(vec![t("a "), Inline::Emph(vec![t("b ")])]),
            Inline::Strong(vec![Inline::Emph(vec![t(" c")]), t("  d")]),
        ]);
        assert_eq!(strong, vec![Inline::Strong(vec![t("a "), Inline::Emph(vec![t("b c")]), t(" d")])]);
    }
}
