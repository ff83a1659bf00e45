//! How a file is read: plain text or markdown, from its extension.

/// The kinds of file dossier reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

impl Format {
    pub fn of_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

/// The markdown dossier reads, the same for cleanup and for the PDF:
/// CommonMark, GFM (tables, task lists, strikethrough, footnotes, alerts)
/// and math, so a task box, an alert's marker or a formula is never taken
/// for prose.
pub const MARKDOWN: pulldown_cmark::Options = pulldown_cmark::Options::ENABLE_TABLES
    .union(pulldown_cmark::Options::ENABLE_FOOTNOTES)
    .union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
    .union(pulldown_cmark::Options::ENABLE_TASKLISTS)
    .union(pulldown_cmark::Options::ENABLE_GFM)
    .union(pulldown_cmark::Options::ENABLE_MATH);

thread_local! {
    static PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The events of `text` read as markdown, with their ranges: every parse
/// dossier makes goes through here, so that a test can count them
/// ([`markdown_parses`]); a build should parse an article once to clean it
/// and once to lay it out.
pub fn parse_markdown(
    text: &str,
    options: pulldown_cmark::Options,
) -> impl Iterator<Item = (pulldown_cmark::Event<'_>, std::ops::Range<usize>)> {
    PARSES.with(|n| n.set(n.get() + 1));
    pulldown_cmark::Parser::new_ext(text, options).into_offset_iter()
}

/// How many times this thread has parsed markdown.
pub fn markdown_parses() -> usize {
    PARSES.with(std::cell::Cell::get)
}
