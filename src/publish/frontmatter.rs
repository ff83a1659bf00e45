//! Front matter: the article metadata at the top of a `.md` file, read
//! (`+++` TOML or `---` YAML, each by a real parser into the same
//! [`ArticleMeta`], so every field of `[[article]]` works in both and an
//! unknown key is an error in both) and written (TOML, and only when there
//! is something to write). One reader and one writer for `build`, `import`
//! and `out/clean/`.

use crate::config::ArticleMeta;
use crate::text::nesting::{flow_depth, MAX_FLOW_DEPTH};

/// Which syntax a front matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Yaml,
}

/// A front matter block found at the top of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Front<'a> {
    pub text: &'a str,
    pub syntax: Syntax,
    /// 1-based line of the block's first content line in the file.
    pub first_line: usize,
}

/// The line starting at `at` (without its end) and where the next begins.
fn line_at(md: &str, at: usize) -> (&str, usize) {
    let rest = &md[at..];
    match rest.find('\n') {
        Some(i) => (rest[..i].trim_end_matches('\r'), at + i + 1),
        None => (rest.trim_end_matches('\r'), md.len()),
    }
}

/// Split `+++ toml +++` or `--- yaml ---` (or `...`) front matter from
/// markdown. The fences are whole lines (trailing spaces and `\r` allowed);
/// an empty block (`+++` right after `+++`) is a block too, so nothing of
/// a fence ever reaches the body.
pub fn split(md: &str) -> (Option<Front<'_>>, &str) {
    let start = if md.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let (first, mut at) = line_at(md, start);
    let (syntax, closers): (Syntax, &[&str]) = match first.trim_end() {
        "+++" => (Syntax::Toml, &["+++"]),
        "---" => (Syntax::Yaml, &["---", "..."]),
        _ => return (None, md),
    };
    let content_start = at;
    while at < md.len() {
        let (line, next) = line_at(md, at);
        if closers.contains(&line.trim_end()) {
            let text = &md[content_start..at];
            let body = md[next..].trim_start_matches(['\r', '\n']);
            return (Some(Front { text, syntax, first_line: 2 }), body);
        }
        at = next;
    }
    (None, md)
}

/// The 1-based line of the body of `md` (after its front matter) in `md`.
pub fn body_line(md: &str) -> usize {
    let (_, body) = split(md);
    md[..md.len() - body.len()].matches('\n').count() + 1
}

/// Why front matter is not an article's metadata, at a line of the file.
#[derive(Debug)]
pub struct FrontError {
    /// 1-based, in the file.
    pub line: usize,
    pub reason: String,
    /// The text is not YAML or TOML at all (`check` reports that as M002),
    /// rather than a field or value no article has.
    pub syntax: bool,
}

impl std::fmt::Display for FrontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Front matter as article metadata.
pub fn parse(front: &Front) -> Result<ArticleMeta, FrontError> {
    if front.text.trim().is_empty() {
        return Ok(ArticleMeta::default());
    }
    let depth = flow_depth(front.text);
    if depth > MAX_FLOW_DEPTH {
        let reason = format!(
            "brackets nested {depth} deep; front matter holds an article's title, author, date and such, \
             nested at most {MAX_FLOW_DEPTH} deep: flatten it"
        );
        return Err(FrontError { line: front.first_line, reason, syntax: true });
    }
    match front.syntax {
        Syntax::Toml => toml::from_str(front.text).map_err(|e| {
            let line = e.span().map_or(0, |s| front.text[..s.start.min(front.text.len())].matches('\n').count());
            let syntax = front.text.parse::<toml::Table>().is_err();
            FrontError { line: front.first_line + line, reason: with_suggestion(e.message().trim()), syntax }
        }),
        Syntax::Yaml => serde_yaml_ng::from_str(front.text).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line());
            let message = e.to_string();
            // serde_yaml_ng appends its own position; ours is in the file.
            let message = message.split(" at line ").next().unwrap_or(&message);
            let syntax = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(front.text).is_err();
            FrontError { line: front.first_line + line - 1, reason: with_suggestion(message), syntax }
        }),
    }
}

/// serde's "unknown field `autor`, expected one of `file`, `title`, …",
/// with the field most likely meant when one is close.
fn with_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else { return message.to_string() };
    let Some((field, expected)) = rest.split_once('`') else { return message.to_string() };
    let closest = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|known| (strsim::damerau_levenshtein(field, known), known))
        .filter(|(d, known)| *d <= 2 && *d < known.len())
        .min();
    match closest {
        Some((_, known)) => format!("{message}: did you mean `{known}`?"),
        None => message.to_string(),
    }
}

/// An article file: `meta` as TOML front matter, then `body`. The file's
/// own path is not written (it is where the file is), and metadata with
/// nothing in it writes no block at all.
pub fn write(meta: &ArticleMeta, body: &str) -> Result<String, String> {
    let mut meta = meta.clone();
    meta.file = None;
    let front = toml::to_string(&meta).map_err(|e| format!("cannot write front matter: {e}"))?;
    let body = body.trim_end();
    Ok(match (front.trim().is_empty(), body.is_empty()) {
        (true, _) => format!("{body}\n"),
        (false, true) => format!("+++\n{front}+++\n"),
        (false, false) => format!("+++\n{front}+++\n\n{body}\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lang;

    #[test]
    fn deep_brackets_are_refused_before_the_parser_sees_them() {
        let deep = format!("---\ntitle: {}\n---\nنص\n", "[".repeat(200_000));
        let (front, _) = split(&deep);
        let e = parse(&front.unwrap()).unwrap_err().to_string();
        assert!(e.contains("nested 200000 deep") && e.starts_with("line 2"), "{e}");
    }

    fn meta(md: &str) -> (ArticleMeta, &str) {
        let (front, body) = split(md);
        (parse(&front.expect("front matter")).unwrap(), body)
    }

    #[test]
    fn yaml_and_toml_fill_the_same_fields() {
        let (m, body) = meta("---\ntitle:\n  ar: عنوان\n  en: Title\nauthor: فلان\nlang: en\nsource: \"Al-Ahed: News\"\n---\nنص");
        assert_eq!(m.title.en.as_deref(), Some("Title"));
        assert_eq!(m.author.as_deref(), Some("فلان"));
        assert_eq!(m.lang.map(|t| t.layout()), Some(Lang::En));
        assert_eq!(m.source.en.as_deref(), Some("Al-Ahed: News"), "a quoted colon is YAML, not a key");
        assert_eq!(body, "نص");
        let (m, _) = meta("+++\ntitle = { ar = \"ع\" }\ndate = \"2022-01-05\"\n+++\nب");
        assert_eq!((m.title.ar.as_deref(), m.date.as_deref()), (Some("ع"), Some("2022-01-05")));
        // Flow style, a plain title (language detected), a bio in a block scalar.
        let (m, _) = meta("---\ntitle: {ar: عنوان, en: A title}\nbio: |\n  سطر أول.\n  سطر ثان.\ndate: 2022-01-05\n---\n");
        assert_eq!(m.title.en.as_deref(), Some("A title"));
        assert_eq!(m.bio.as_deref(), Some("سطر أول.\nسطر ثان.\n"));
        assert_eq!(m.date.as_deref(), Some("2022-01-05"));
        let (m, _) = meta("---\ntitle: مقال بلا لغة مسماة\n...\nنص");
        assert_eq!(m.title.ar.as_deref(), Some("مقال بلا لغة مسماة"));
    }

    #[test]
    fn unknown_keys_and_bad_yaml_say_where() {
        let e = parse(&split("---\ntitle: x\nautor: فلان\n---\n").0.unwrap()).unwrap_err().to_string();
        assert!(e.starts_with("line 3:") && e.contains("autor") && e.ends_with("did you mean `author`?"), "{e}");
        let e = parse(&split("+++\ntitle = \"x\"\nautor = \"y\"\n+++\n").0.unwrap()).unwrap_err().to_string();
        assert!(e.starts_with("line 3:") && e.ends_with("did you mean `author`?"), "{e}");
        // Nothing close: no guess.
        let e = parse(&split("---\ntitle: x\nkeywords: [a]\n---\n").0.unwrap()).unwrap_err().to_string();
        assert!(e.contains("keywords") && !e.contains("did you mean"), "{e}");
        let e = parse(&split("---\ntitle: [unclosed\n---\n").0.unwrap()).unwrap_err();
        assert!(e.syntax && e.to_string().starts_with("line "), "{e}");
        let e = parse(&split("---\ntitle: x\ndate: [2022]\n---\n").0.unwrap()).unwrap_err();
        assert!(!e.syntax && e.line == 3, "a value of the wrong kind parses as YAML: {e}");
    }

    #[test]
    fn empty_blocks_and_fences_never_reach_the_body() {
        for md in ["+++\n+++\n\n# عنوان\n", "---\n---\n# عنوان\n", "+++\r\n+++ \r\n# عنوان\n", "\u{FEFF}+++\n+++\n# عنوان\n"]
        {
            let (front, body) = split(md);
            assert!(front.is_some(), "{md:?}");
            assert_eq!(parse(&front.unwrap()).unwrap(), ArticleMeta::default());
            assert_eq!(body, "# عنوان\n", "{md:?}");
        }
        // A thematic break is not front matter when it does not open the file.
        assert_eq!(split("نص\n---\nنص\n").0, None);
        // An unclosed fence is text.
        assert_eq!(split("---\nنص\n").0, None);
    }

    #[test]
    fn written_front_matter_reads_back_and_is_never_empty() {
        let m = ArticleMeta { author: Some("فلان".into()), file: Some("x.txt".into()), ..Default::default() };
        let text = write(&m, "نص\n\n").unwrap();
        assert!(text.starts_with("+++\n") && text.ends_with("نص\n"));
        let (back, body) = meta(&text);
        assert_eq!(back.author.as_deref(), Some("فلان"));
        assert_eq!(body, "نص\n");
        assert_eq!(body_line(&text), 5, "after the fence and the blank line");
        let bare = ArticleMeta { file: Some("x.md".into()), ..Default::default() };
        assert_eq!(write(&bare, "# عنوان\n\nنص").unwrap(), "# عنوان\n\nنص\n", "no empty +++ block");
    }
}
