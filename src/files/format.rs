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
