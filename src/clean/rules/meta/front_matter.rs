//! M002: front matter that does not parse.

use crate::clean::rules::prelude::*;
use crate::text::nesting::{flow_depth, MAX_FLOW_DEPTH};

rule! {
    /// Front matter that does not parse.
    ///
    /// A markdown article's front matter (YAML between `---` lines, or TOML
    /// between `+++` lines) holds its title, author and date; `dossier
    /// build` refuses an article whose front matter does not parse, so
    /// `check` reports it first, at the place the parser stopped. The
    /// commonest cause is an Arabic headline with a colon: in YAML an
    /// unquoted `: ` inside a value starts a new key. When quoting the value
    /// is the whole cure (the quoted front matter parses), the value is
    /// quoted; otherwise the finding says what the parser said. In front
    /// matter, `title: تحليل: هل تتغير السياسة؟` becomes
    /// `title: "تحليل: هل تتغير السياسة؟"`.
    pub static FRONT_MATTER_SYNTAX = ("M002", "front-matter-syntax", Sometimes);
}

pub fn check(text: &str, layout: &Layout, _settings: &Settings, out: &mut Findings) {
    out.extend(find(text, layout));
}

fn find(text: &str, layout: &Layout) -> Vec<Diagnostic> {
    // Front matter is the markdown layout's first verbatim range, at the top
    // (after a BOM); plain text has no layout.
    let top = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let Some(block) = layout.verbatim.first().filter(|r| r.start == top) else { return Vec::new() };
    let raw = &text[block.clone()];
    let yaml = raw.starts_with("---");
    if !yaml && !raw.starts_with("+++") {
        return Vec::new();
    }
    // The lines between the fences.
    let Some(first_nl) = raw.find('\n') else { return Vec::new() };
    let inner_start = block.start + first_nl + 1;
    let inner_end = text[inner_start..block.end].rfind('\n').map_or(inner_start, |i| inner_start + i + 1);
    let inner = &text[inner_start..inner_end.max(inner_start)];
    if inner.trim().is_empty() {
        return Vec::new();
    }
    let depth = flow_depth(inner);
    if depth > MAX_FLOW_DEPTH {
        let message = format!("front matter nests brackets {depth} deep; metadata nests at most {MAX_FLOW_DEPTH}: flatten it");
        return vec![Diagnostic::report(FRONT_MATTER_SYNTAX.code, inner_start..inner_start, message)];
    }
    let Err((at, why)) = parse(inner, yaml) else { return Vec::new() };
    let at = inner_start + at.min(inner.len());
    // The line the parser stopped on, and whether quoting its value cures it.
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(inner_start);
    let line_end = text[line_start..inner_end].find('\n').map_or(inner_end, |i| line_start + i);
    if yaml {
        if let Some(edit) = quote_value(text, line_start..line_end) {
            let mut cured = inner.to_string();
            let (from, to) = (edit.range.start - inner_start, edit.range.end - inner_start);
            cured.replace_range(from..to, &edit.replacement);
            if parse(&cured, true).is_ok() {
                let message =
                    format!("front matter does not parse ({why}): an unquoted `: ` in the value starts a new key; quote the value");
                return vec![Diagnostic::fixable(FRONT_MATTER_SYNTAX.code, line_start..line_end, message, vec![edit])];
            }
        }
    }
    let hint = if yaml { "quote values that hold `: ` or start with a mark" } else { "strings take double quotes" };
    let message = format!("front matter does not parse ({why}); `dossier build` would refuse the article: {hint}");
    vec![Diagnostic::report(FRONT_MATTER_SYNTAX.code, line_start..line_end, message)]
}

/// Parse `inner` as YAML or TOML, for its syntax alone: the byte offset
/// where the parser stopped and its reason, without its own position.
fn parse(inner: &str, yaml: bool) -> Result<(), (usize, String)> {
    if yaml {
        let Err(e) = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(inner) else { return Ok(()) };
        let at = e.location().map_or(0, |l| l.index());
        let why = e.to_string();
        Err((at, why.split(" at line ").next().unwrap_or(&why).to_string()))
    } else {
        let Err(e) = inner.parse::<toml::Table>() else { return Ok(()) };
        Err((e.span().map_or(0, |s| s.start), e.message().trim().replace('\n', "; ")))
    }
}

/// `key: value` on `line` with the value in double quotes, when the value
/// is plain text a quote cannot change: no quote mark or backslash in it,
/// not a flow collection, block scalar, anchor, tag or comment.
fn quote_value(text: &str, line: std::ops::Range<usize>) -> Option<Edit> {
    let content = &text[line.clone()];
    let (key, rest) = content.split_once(": ")?;
    let simple_key = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let value = rest.trim();
    let plain = !value.is_empty()
        && !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`', '#'])
        && !value.contains(['"', '\\'])
        && !value.contains(" #");
    if !(simple_key && plain) {
        return None;
    }
    let start = line.start + key.len() + 2 + (rest.len() - rest.trim_start().len());
    Some(Edit::replace(start..start + value.len(), format!("\"{value}\"")))
}

pass!(document check, [FRONT_MATTER_SYNTAX]);

#[cfg(test)]
mod tests {
    use crate::clean::rules::testing::{codes_md, fixed_md};

    #[test]
    fn an_unquoted_colon_in_an_arabic_headline_is_quoted() {
        let md = "---\ntitle: تحليل: هل تتغير السياسة؟\nauthor: جورج حداد\n---\n\nنص.\n";
        assert_eq!(codes_md(md), vec!["M002"]);
        assert_eq!(fixed_md(md), "---\ntitle: \"تحليل: هل تتغير السياسة؟\"\nauthor: جورج حداد\n---\n\nنص.\n");
        // Good front matter, and none at all: nothing.
        assert!(codes_md("---\ntitle: \"تحليل: هل\"\ntags: [a, b]\n---\n\nنص.\n").is_empty());
        assert!(codes_md("+++\ntitle = \"نص\"\n+++\n\nنص.\n").is_empty());
        assert!(codes_md("# عنوان\n\nنص: هنا.\n").is_empty());
    }

    #[test]
    fn what_quoting_cannot_cure_is_reported() {
        // A value with its own quote: reported, not touched.
        let md = "---\ntitle: قال \"نعم\": ثم\n---\n\nنص.\n";
        assert_eq!(codes_md(md), vec!["M002"]);
        assert_eq!(fixed_md(md), md);
        // TOML: bare strings need quotes; reported.
        let toml = "+++\ntitle = نص\n+++\n\nنص.\n";
        assert_eq!(codes_md(toml), vec!["M002"]);
        assert_eq!(fixed_md(toml), toml);
        // Deep nesting is refused before the parser sees it.
        let deep = format!("---\ntitle: {}\n---\n\nنص.\n", "[".repeat(100_000));
        assert_eq!(codes_md(&deep), vec!["M002"]);
    }
}
