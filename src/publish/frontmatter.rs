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

/// Front matter as article metadata, and the fields it holds that dossier
/// does not use (what other tools write: a site's `description`, `tags`,
/// `layout`), left out. A field close to one of dossier's (`autor`) is
/// refused instead: it is a misspelling, and its value would be lost.
pub fn parse(front: &Front) -> Result<(ArticleMeta, Vec<String>), FrontError> {
    if front.text.trim().is_empty() {
        return Ok((ArticleMeta::default(), Vec::new()));
    }
    let depth = flow_depth(front.text);
    if depth > MAX_FLOW_DEPTH {
        let reason = format!(
            "brackets nested {depth} deep; front matter holds an article's title, author, date and such, \
             nested at most {MAX_FLOW_DEPTH} deep: flatten it"
        );
        return Err(FrontError { line: front.first_line, reason, syntax: true });
    }
    // Fields of other tools are taken out first; when there are none, the
    // metadata is read from the text itself, so an error says its line.
    let at_key = |key: &str| {
        let line =
            front.text.lines().position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with([':', '='])));
        front.first_line + line.unwrap_or(0)
    };
    let misspelt = |key: &str| {
        let reason = format!("unknown field `{key}`: did you mean `{}`?", closest(key).unwrap_or_default());
        FrontError { line: at_key(key), reason, syntax: false }
    };
    match front.syntax {
        Syntax::Toml => {
            let toml_error = |e: toml::de::Error| {
                let line = e.span().map_or(0, |s| front.text[..s.start.min(front.text.len())].matches('\n').count());
                let syntax = front.text.parse::<toml::Table>().is_err();
                FrontError { line: front.first_line + line, reason: e.message().trim().to_string(), syntax }
            };
            let mut table = front.text.parse::<toml::Table>().map_err(toml_error)?;
            let others = others(table.keys().map(String::as_str));
            if let Some(key) = others.iter().find(|k| closest(k).is_some()) {
                return Err(misspelt(key));
            }
            if others.is_empty() {
                return toml::from_str(front.text).map(|m| (m, others)).map_err(toml_error);
            }
            table.retain(|k, _| !others.iter().any(|o| o == k));
            let meta = table.try_into().map_err(|e: toml::de::Error| FrontError {
                line: front.first_line,
                reason: e.message().trim().to_string(),
                syntax: false,
            })?;
            Ok((meta, others))
        }
        Syntax::Yaml => {
            let yaml_error = |e: serde_yaml_ng::Error, syntax: bool| {
                let line = e.location().map_or(1, |l| l.line());
                let message = e.to_string();
                // serde_yaml_ng appends its own position; ours is in the file.
                let message = message.split(" at line ").next().unwrap_or(&message).to_string();
                FrontError { line: front.first_line + line - 1, reason: message, syntax }
            };
            let mut value = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(front.text).map_err(|e| yaml_error(e, true))?;
            let keys = value.as_mapping().map(|m| m.keys().filter_map(|k| k.as_str().map(str::to_string)).collect::<Vec<_>>());
            let others = others(keys.iter().flatten().map(String::as_str));
            if let Some(key) = others.iter().find(|k| closest(k).is_some()) {
                return Err(misspelt(key));
            }
            if others.is_empty() {
                return serde_yaml_ng::from_str(front.text).map(|m| (m, others)).map_err(|e| yaml_error(e, false));
            }
            if let Some(map) = value.as_mapping_mut() {
                map.retain(|k, _| !k.as_str().is_some_and(|k| others.iter().any(|o| o == k)));
            }
            let meta = serde_yaml_ng::from_value(value).map_err(|e| FrontError {
                line: front.first_line,
                reason: e.to_string(),
                syntax: false,
            })?;
            Ok((meta, others))
        }
    }
}

/// The fields of an article's metadata, as serde names them: read from its
/// own refusal of a field it does not know, so the list cannot drift.
static FIELDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let refusal = toml::from_str::<ArticleMeta>("_ = 0").expect_err("no field is named _");
    let message = refusal.message().to_string();
    let list = message.split_once("expected one of").map_or("", |(_, list)| list);
    list.split('`').skip(1).step_by(2).map(str::to_string).collect()
});

/// The keys that are none of [`FIELDS`].
fn others<'k>(keys: impl Iterator<Item = &'k str>) -> Vec<String> {
    keys.filter(|k| !FIELDS.iter().any(|f| f == k)).map(str::to_string).collect()
}

/// The field of dossier's that `key` misspells, when one is that close.
fn closest(key: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .map(|known| (strsim::damerau_levenshtein(key, known), known.as_str()))
        .filter(|(d, known)| *d <= 2 && *d < known.len())
        .min()
        .map(|(_, known)| known)
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
        (parse(&front.expect("front matter")).unwrap().0, body)
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
        // A field of another tool, close to none of dossier's: left out, and said.
        let (m, others) = parse(&split("---\ntitle: x\nkeywords: [a]\ndescription: >\n  نص\n---\n").0.unwrap()).unwrap();
        assert_eq!((m.title.primary(), others), (Some("x"), vec!["keywords".to_string(), "description".to_string()]));
        let (m, others) = parse(&split("+++\ntitle = \"x\"\nlayout = \"post\"\n+++\n").0.unwrap()).unwrap();
        assert_eq!((m.title.primary(), others), (Some("x"), vec!["layout".to_string()]));
        assert!(FIELDS.iter().any(|f| f == "dossier-ignore") && FIELDS.len() > 10, "{:?}", *FIELDS);
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
            assert_eq!(parse(&front.unwrap()).unwrap(), (ArticleMeta::default(), Vec::new()));
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
