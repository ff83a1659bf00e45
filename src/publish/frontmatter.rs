//! Front matter: the article metadata at the top of a `.md` file, read
//! (`+++` TOML or simple `---` YAML) and written (always TOML). One reader
//! and one writer for `build`, `import` and `out/clean/`.

use crate::config::ArticleMeta;

/// Split `+++ toml +++` or `--- yaml ---` front matter from markdown.
pub fn split(md: &str) -> (Option<(&str, bool)>, &str) {
    for (fence, is_toml) in [("+++", true), ("---", false)] {
        if let Some(rest) = md.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) {
            let close = format!("\n{fence}");
            // An empty front matter closes on the very next line (what
            // `write` makes of an article with no metadata).
            let end = if rest.starts_with(fence) { Some((0, fence.len())) } else { rest.find(&close).map(|e| (e, close.len())) };
            if let Some((end, fence_len)) = end {
                let body = rest[end + fence_len..].trim_start_matches(['\r', '\n']);
                return (Some((&rest[..end], is_toml)), body);
            }
        }
    }
    (None, md)
}

/// Front matter as article metadata. TOML (`+++`) takes the full form;
/// YAML (`---`) the simple one: `key: value`, and `title:` / `source:` with
/// indented `ar:` / `en:` lines.
pub fn parse(text: &str, is_toml: bool) -> Result<ArticleMeta, String> {
    if is_toml {
        return toml::from_str(text).map_err(|e| e.message().to_string());
    }
    let mut table = toml::Table::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let Some((key, value)) = line.trim().split_once(':') else { return Err(format!("cannot read front matter line `{line}`")) };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
        match (indented, &current) {
            (true, Some(parent)) => {
                let entry = table.entry(parent.clone()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
                if let toml::Value::Table(t) = entry {
                    t.insert(key.trim().to_string(), toml::Value::String(value));
                }
            }
            _ if value.is_empty() => current = Some(key.trim().to_string()),
            _ => {
                current = None;
                table.insert(key.trim().to_string(), toml::Value::String(value));
            }
        }
    }
    toml::Value::Table(table).try_into().map_err(|e: toml::de::Error| e.message().to_string())
}

/// An article file: `meta` as TOML front matter, then `body`. The file's
/// own path is not written (it is where the file is).
pub fn write(meta: &ArticleMeta, body: &str) -> Result<String, String> {
    let mut meta = meta.clone();
    meta.file = None;
    let front = toml::to_string(&meta).map_err(|e| format!("cannot write front matter: {e}"))?;
    Ok(format!("+++\n{front}+++\n\n{}\n", body.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lang;

    #[test]
    fn front_matter() {
        let (fm, body) = split("---\ntitle:\n  ar: عنوان\n  en: Title\nauthor: فلان\nlang: en\n---\nنص");
        let (text, toml) = fm.unwrap();
        let m = parse(text, toml).unwrap();
        assert_eq!(m.title.en.as_deref(), Some("Title"));
        assert_eq!(m.author.as_deref(), Some("فلان"));
        assert_eq!(m.lang, Some(Lang::En));
        assert_eq!(body, "نص");
        let (fm, _) = split("+++\ntitle = { ar = \"ع\" }\n+++\nب");
        assert_eq!(parse(fm.unwrap().0, true).unwrap().title.ar.as_deref(), Some("ع"));
    }

    #[test]
    fn written_front_matter_reads_back() {
        let meta = ArticleMeta { author: Some("فلان".into()), file: Some("x.txt".into()), ..Default::default() };
        let text = write(&meta, "نص\n\n").unwrap();
        assert!(text.starts_with("+++\n") && text.ends_with("نص\n"));
        let (front, body) = split(&text);
        let (front, is_toml) = front.unwrap();
        assert_eq!(parse(front, is_toml).unwrap().author.as_deref(), Some("فلان"));
        assert_eq!(body, "نص\n");
        // No metadata at all: the empty front matter is still front matter.
        let text = write(&ArticleMeta::default(), "> نص\n").unwrap();
        assert_eq!(split(&text), (Some(("", true)), "> نص\n"));
    }
}
