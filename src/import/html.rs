//! A page saved from a browser (`page.html` and its `page_files/` folder) to
//! an article.
//!
//! 1. The bytes are decoded by the page's own declaration (a byte-order
//!    mark, `<meta charset>` or `http-equiv`), with the WHATWG decoders
//!    browsers use (`windows-1256`, `iso-8859-6` …).
//! 2. Site furniture is found by the names sites give it (share bars,
//!    related articles, comments, cookie notices, newsletter boxes,
//!    breadcrumbs), taken out and listed.
//! 3. The article body is found by `dom_smoothie`, Mozilla's readability
//!    algorithm; title, author, date and outlet come from JSON-LD, `og:*`,
//!    `article:published_time` and `<title>`, the address from `<link
//!    rel=canonical>`.
//! 4. The body is walked into [`Article`]: headings, paragraphs, lists,
//!    tables, block quotes, links to web and mail addresses, figures with
//!    their captions (images copied only from inside the page's folder),
//!    and footnotes (a link to an item of a list at the end).
//!
//! No script runs and nothing is fetched: the HTML is parsed as data.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use dom_query::{Document, NodeId, NodeRef};
use dom_smoothie::{Config, Readability};

use super::markdown::{plain, tidy, Article, Block, Inline};
use super::text::ImportReport;
use super::{limits, Converted, Images};
use crate::config::{ArticleMeta, Bilingual};

/// Furniture by the class or id sites give it: what it is, the words a
/// class or id is made of (`comments-area`, `socialShare`; `read-more` two
/// words in a row; a final `s` allowed), and selectors besides.
/// Whole words only: `commentary-body` is no comment, `subscriber-only` no
/// newsletter box.
const FURNITURE: &[(&str, &[&str], &str)] = &[
    ("share bar", &["share", "sharing", "social", "sharedaddy", "sharethis", "addtoany"], ""),
    ("related articles", &["related", "relatedposts", "read-more", "more-news", "most-read"], ""),
    ("comments", &["comment", "disqus"], "#respond"),
    ("cookie notice", &["cookie", "consent", "gdpr"], ""),
    ("newsletter box", &["newsletter", "subscribe"], ""),
    ("breadcrumb", &["breadcrumb"], ""),
    ("navigation", &[], ".hatnote, .navbox, .catlinks, #toc, .toc, .mw-editsection, .mw-jump-link"),
];

/// The words of a class or id: split at `-`, `_` and a lower-to-upper
/// change, lower-cased.
fn name_words(name: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut lower = false;
    for c in name.chars() {
        if c == '-' || c == '_' || (lower && c.is_uppercase()) {
            words.push(String::new());
        }
        lower = c.is_lowercase();
        if c != '-' && c != '_' {
            words.last_mut().into_iter().for_each(|w| w.extend(c.to_lowercase()));
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// Whether a class attribute or id names furniture by one of `names`.
fn names_furniture(value: &str, names: &[&str]) -> bool {
    value.split_whitespace().map(name_words).any(|words| {
        names.iter().any(|name| {
            let wanted: Vec<&str> = name.split('-').collect();
            words.windows(wanted.len()).any(|run| {
                run.iter()
                    .zip(&wanted)
                    .enumerate()
                    .all(|(i, (word, want))| word == want || (i + 1 == wanted.len() && word.strip_suffix('s') == Some(want)))
            })
        })
    })
}

/// Read a saved page into an article; `images_dir` is where its images go,
/// relative to the article.
pub fn import(path: &Path, images_dir: &str) -> Result<Converted, String> {
    let bytes = match crate::files::read_bounded(path, limits::PAGE, true) {
        Ok(Some(b)) => b,
        Ok(None) => return Err("no such file".to_string()),
        Err(crate::files::Refused::TooLarge(max)) => {
            return Err(format!("the page is larger than {} MiB; save the article alone (File → Save Page As, \"HTML only\")", max >> 20))
        }
        Err(e) => return Err(e.to_string()),
    };
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    convert(&bytes, folder, images_dir)
}

/// A page's bytes to an article; images are read from inside `folder` only.
pub fn convert(bytes: &[u8], folder: &Path, images_dir: &str) -> Result<Converted, String> {
    let mut report = ImportReport::default();
    let html = decode(bytes, &mut report);
    if tag_depth(&html) > 2 * limits::DEPTH {
        return Err(format!("elements nest more than {} deep: not a page dossier can read", limits::DEPTH));
    }
    let doc = Document::from(html.as_str());
    bounded(&doc)?;
    let mut meta = page_meta(&doc);
    let headings: Vec<String> = doc.select("h1").nodes().iter().take(8).map(spaced_text).collect();
    for (kind, text) in strip_furniture(&doc) {
        report.removed.push(format!("{kind}: {text}"));
    }
    let config = Config { max_elements_to_parse: limits::ELEMENTS, ..Config::default() };
    let mut readability = Readability::with_document(doc, None, Some(config)).map_err(|e| e.to_string())?;
    let found = readability.parse().map_err(|_| {
        format!(
            "no article body found: the page holds no run of paragraphs (a front page, a list of links, or text shown by scripts).{}",
            super::taken_out(&report)
        )
    })?;
    let title = strip_site_name(found.title.trim(), &headings, &mut meta);
    if !title.is_empty() {
        meta.title = Bilingual::from_plain(&title);
    }
    let fill = |field: &mut Option<String>, value: Option<&String>| {
        if field.is_none() {
            *field = value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        }
    };
    fill(&mut meta.author, found.byline.map(|b| byline_name(&b)).as_ref());
    if meta.source.is_empty() {
        if let Some(site) = found.site_name.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            meta.source = Bilingual::from_plain(site);
        }
    }
    if meta.date.is_none() {
        meta.date = found.published_time.as_deref().and_then(day);
    }
    fill(&mut meta.url, found.url.as_ref().filter(|u| is_web(u)));

    let content = Document::from(found.content.as_ref());
    let mut walker = Walker::new(&content, folder, images_dir);
    let root = content.select("body").nodes().first().cloned().unwrap_or_else(|| content.root());
    let mut blocks = Vec::new();
    walker.blocks(&root, &mut blocks);
    // The title again as the body's first heading (or bold line) adds nothing.
    if let Some(Block::Heading(_, h) | Block::Paragraph(h)) = blocks.first() {
        let first = plain(h);
        if !first.trim().is_empty() && meta.title.primary().unwrap_or_default().contains(first.trim()) {
            blocks.remove(0);
        }
    }
    // A byline opening the body (`كتب: مراسل الفجر`), on pages that mark none.
    if let Some(Block::Paragraph(p)) = blocks.first() {
        let line = plain(p);
        let name = byline_name(&line);
        if name != line.trim() && (1..=5).contains(&name.split_whitespace().count()) {
            report.guesses.push(format!("author from the byline «{}»", line.trim()));
            meta.author.get_or_insert(name);
            blocks.remove(0);
        }
    }
    report.guesses.extend(walker.notes_left);
    let notes = walker.notes.into_iter().map(|(_, n)| n).collect();
    Ok(Converted { meta, article: Article { blocks, notes }, images: walker.images.list, report })
}

/// Refuse a page nested deeper or holding more elements than any article
/// page: the extractor's time grows with depth times size (a page of 2000
/// nested `<div>` took 22 s), so both are bounded first, in one linear walk.
fn bounded(doc: &Document) -> Result<(), String> {
    let mut stack = vec![(doc.root(), 0usize)];
    let mut elements = 0;
    while let Some((node, depth)) = stack.pop() {
        if depth > limits::DEPTH {
            return Err(format!("elements nest more than {} deep: not a page dossier can read", limits::DEPTH));
        }
        elements += 1;
        if elements > limits::ELEMENTS {
            return Err(format!("more than {} elements: save the article alone, not the whole site", limits::ELEMENTS));
        }
        stack.extend(node.element_children().into_iter().map(|c| (c, depth + 1)));
    }
    Ok(())
}

/// Elements whose end tag may be left out, and void elements: not counted
/// by [`tag_depth`].
const UNCOUNTED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rp", "rt", "html", "head",
    "body", "br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr", "param", "frame",
];

/// How deep tags nest, read from the text before parsing (the parser
/// itself slows down with depth: 100 000 nested `<div>` took 90 s): open
/// tags less end tags, skipping comments, scripts and styles.
fn tag_depth(html: &str) -> usize {
    let (mut depth, mut deepest, mut rest) = (0usize, 0usize, html);
    // Where the next `>` is, from the end, found once for all the tags
    // before it (looked for at each `<`, a page of `<a ` was quadratic).
    let mut tag_end: Option<usize> = None;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String =
            rest[closing as usize..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if name.is_empty() || UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let from_end = rest.len();
        if tag_end.is_none_or(|end| end > from_end) {
            tag_end = Some(rest.find('>').map_or(0, |end| from_end - end));
        }
        let self_closing = tag_end.is_some_and(|end| end > 0 && rest[..from_end - end].ends_with('/'));
        if matches!(name.as_str(), "script" | "style") {
            let end =
                rest.match_indices("</").find(|(e, _)| rest[e + 2..].get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(&name)));
            rest = end.map_or("", |(e, _)| &rest[e..]);
            continue;
        }
        if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The page's text: decoded by its byte-order mark or its own declaration,
/// else UTF-8 (and `windows-1256`, said so, when that fails).
fn decode(bytes: &[u8], report: &mut ImportReport) -> String {
    let declared = encoding_rs::Encoding::for_bom(bytes).map(|(e, _)| e).or_else(|| declared_charset(bytes));
    let encoding = match declared {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => {
            report.guesses.push("no character set declared and not UTF-8: read as windows-1256".to_string());
            encoding_rs::WINDOWS_1256
        }
    };
    let (text, used, malformed) = encoding.decode(bytes);
    if malformed {
        report.guesses.push(format!("bytes that are not {} were replaced with U+FFFD", used.name()));
    }
    text.into_owned()
}

/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in the first 4 KiB, as the HTML standard's prescan finds it.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("charset") {
        rest = &rest[at + "charset".len()..];
        // `"charset":` in a script before the `<meta>` is not it: read on.
        let Some(value) = rest.trim_start().strip_prefix('=') else { continue };
        let value = value.trim_start().trim_start_matches(['"', '\'']);
        let end = value.find(|c: char| c == '"' || c == '\'' || c == ';' || c == '>' || c.is_whitespace()).unwrap_or(value.len());
        // UTF-16 declared in a page read as bytes is a mistake browsers read as UTF-8.
        if let Some(e) = encoding_rs::Encoding::for_label(&value.as_bytes()[..end]) {
            return Some(if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { e });
        }
    }
    None
}

fn is_web(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// `نهر العاصي - ويكيبيديا` → `نهر العاصي` when a `<h1>` says so; the
/// rest is the outlet when nothing else named it.
fn strip_site_name(title: &str, headings: &[String], meta: &mut ArticleMeta) -> String {
    for h in headings.iter().map(|h| h.trim()).filter(|h| !h.is_empty()) {
        let Some(rest) = title.strip_prefix(h) else { continue };
        let site = rest.trim_start().trim_start_matches(['-', '|', '–', '—', '«', '»', ':', '·']).trim();
        if site.len() < rest.len() && !site.is_empty() && site.split_whitespace().count() <= 5 {
            if meta.source.is_empty() {
                meta.source = Bilingual::from_plain(site);
            }
            return h.to_string();
        }
    }
    title.to_string()
}

/// `2023-05-01T10:00:00+03:00` → `2023-05-01`.
fn day(time: &str) -> Option<String> {
    let d = time.trim().get(..10)?;
    let b = d.as_bytes();
    (b[4] == b'-' && b[7] == b'-' && d.chars().filter(char::is_ascii_digit).count() == 8).then(|| d.to_string())
}

/// What readability does not read itself: the canonical address, the
/// outlet, the author and date from `<meta>`, the page's language.
fn page_meta(doc: &Document) -> ArticleMeta {
    let meta_content = |selector: &str| doc.select(selector).attr("content").map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    let mut meta = ArticleMeta {
        url: doc
            .select("link[rel=canonical]")
            .attr("href")
            .map(|h| h.trim().to_string())
            .or_else(|| meta_content("meta[property='og:url']"))
            .filter(|u| is_web(u)),
        author: meta_content("meta[name=author]").or_else(|| meta_content("meta[property='article:author']").filter(|a| !is_web(a))),
        date: meta_content("meta[property='article:published_time']").as_deref().and_then(day),
        ..ArticleMeta::default()
    };
    if let Some(site) = meta_content("meta[property='og:site_name']") {
        meta.source = Bilingual::from_plain(&site);
    }
    meta
}

/// Take out the page's furniture, returning what each piece was and the
/// start of its text. A match holding most of the page (a `<body
/// class="single has-comments">`) is not furniture.
fn strip_furniture(doc: &Document) -> Vec<(&'static str, String)> {
    let whole = doc.select("body").text().chars().filter(|c| !c.is_whitespace()).count().max(1);
    let body = main_candidate(doc);
    let mut removed = Vec::new();
    for (kind, names, selector) in FURNITURE {
        let mut found: Vec<NodeRef> = Vec::new();
        if !names.is_empty() {
            let named = |node: &NodeRef, attr: &str| node.attr(attr).is_some_and(|v| names_furniture(&v, names));
            found.extend(doc.select("[class], [id]").nodes().iter().filter(|n| named(n, "class") || named(n, "id")).cloned());
        }
        if !selector.is_empty() {
            found.extend(doc.select(selector).nodes().iter().cloned());
        }
        for node in found {
            let name = node.node_name().unwrap_or_default();
            if matches!(name.as_ref(), "html" | "body" | "main" | "article" | "head" | "meta" | "link" | "script" | "style")
                || !node.ancestors_it(None).any(|a| a.is_document())
                || body.contains(&node.id)
            {
                continue;
            }
            let text = spaced_text(&node);
            let size = text.chars().filter(|c| !c.is_whitespace()).count();
            if size * 5 > whole * 2 {
                continue;
            }
            node.remove_from_parent();
            let text = text.trim();
            if !text.is_empty() {
                let short: String = text.chars().take(100).collect();
                removed.push((*kind, if short.len() < text.len() { format!("{short}…") } else { short }));
            }
        }
    }
    removed
}

/// The element holding the most paragraph text, and those around it: no
/// class or id makes them furniture (a body in `<div class="post-share-wrap">`).
fn main_candidate(doc: &Document) -> HashSet<NodeId> {
    let mut weight: HashMap<NodeId, usize> = HashMap::new();
    for p in doc.select("p").nodes() {
        if let Some(parent) = p.parent() {
            *weight.entry(parent.id).or_default() += p.text().chars().filter(|c| !c.is_whitespace()).count();
        }
    }
    let Some(main) = weight.into_iter().max_by_key(|&(id, w)| (w, std::cmp::Reverse(id))).map(|(id, _)| id) else {
        return HashSet::new();
    };
    let node = NodeRef::new(main, &doc.tree);
    std::iter::once(main).chain(node.ancestors_it(None).map(|a| a.id)).collect()
}

/// An element's text with a space between its pieces (`<li>فيسبوك</li><li>تويتر</li>`
/// reads as two words).
fn spaced_text(node: &NodeRef) -> String {
    let pieces: Vec<String> = node.descendants_it().filter(|d| d.is_text()).map(|d| d.text().to_string()).collect();
    super::markdown::collapse_spaces(&pieces.join(" ")).trim().to_string()
}

/// `بقلم ريما منصور`, `By Rima Mansour` → the name.
fn byline_name(byline: &str) -> String {
    let t = byline.trim();
    for prefix in ["بقلم:", "بقلم", "كتب:", "كتبت:", "كتب", "كتبت", "By:", "By", "by"] {
        if let Some(rest) = t.strip_prefix(prefix).filter(|r| r.starts_with([' ', ':']) || prefix.ends_with(':')) {
            return rest.trim_start_matches([' ', ':']).trim().to_string();
        }
    }
    t.to_string()
}

/// The walk of the article's HTML into blocks.
struct Walker {
    folder: PathBuf,
    images: Images,
    /// Footnote targets by id: their number and, once read, their text.
    note_ids: HashMap<String, usize>,
    notes: Vec<(String, Vec<Inline>)>,
    /// Images not copied, and why.
    notes_left: Vec<String>,
}

fn name(node: &NodeRef) -> String {
    node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default()
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "table"
            | "figure"
            | "figcaption"
            | "pre"
            | "hr"
            | "br"
            | "img"
            | "picture"
            | "center"
            | "address"
            | "form"
    )
}

impl Walker {
    fn new(doc: &Document, folder: &Path, images_dir: &str) -> Walker {
        // A footnote: a link to `#id` where the id is a list item (or in one).
        let mut note_ids = HashMap::new();
        let mut notes = Vec::new();
        // Looked up once: a page may hold thousands of in-page links.
        let items: std::collections::HashSet<String> =
            doc.select("li[id]").nodes().iter().filter_map(|li| li.id_attr().map(|i| i.to_string())).collect();
        for link in doc.select("a[href^='#']").nodes() {
            let Some(id) = link.attr("href").map(|h| h[1..].to_string()).filter(|i| !i.is_empty()) else { continue };
            if note_ids.contains_key(&id) || link.ancestors_it(None).any(|a| name(&a) == "li" && a.id_attr().is_some()) {
                continue;
            }
            if items.contains(&id) {
                notes.push((id.clone(), Vec::new()));
                note_ids.insert(id, notes.len());
            }
        }
        let folder = folder.canonicalize().unwrap_or_else(|_| folder.to_path_buf());
        Walker { folder, images: Images::new(images_dir, limits::IMAGES), note_ids, notes, notes_left: Vec::new() }
    }

    fn is_note(&self, node: &NodeRef) -> bool {
        name(node) == "li" && node.id_attr().is_some_and(|id| self.note_ids.contains_key(id.as_ref()))
    }

    /// The blocks under `node`; loose text and inline elements between
    /// blocks make paragraphs.
    fn blocks(&mut self, node: &NodeRef, out: &mut Vec<Block>) {
        let mut pending = Vec::new();
        for child in node.children() {
            let n = name(&child);
            if child.is_element() && is_block(&n) {
                self.flush(&mut pending, out);
                self.block(&child, &n, out);
            } else if child.is_element() && child.descendants_it().any(|d| matches!(name(&d).as_str(), "p" | "div" | "table" | "ul" | "ol"))
            {
                // `<font>` around paragraphs (old pages): a container.
                self.flush(&mut pending, out);
                self.blocks(&child, out);
            } else {
                self.inline(&child, &mut pending);
            }
        }
        self.flush(&mut pending, out);
    }

    fn flush(&self, pending: &mut Vec<Inline>, out: &mut Vec<Block>) {
        let inlines = tidy(std::mem::take(pending));
        if !inlines.is_empty() {
            out.push(Block::Paragraph(inlines));
        }
    }

    fn block(&mut self, node: &NodeRef, n: &str, out: &mut Vec<Block>) {
        match n {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let content = self.inlines(node);
                if !content.is_empty() {
                    // The article's title is its own; headings in it start at ##.
                    let level = n[1..].parse::<u8>().unwrap_or(2).clamp(2, 6);
                    out.push(Block::Heading(level, content));
                }
            }
            "ul" | "ol" => {
                let mut items = Vec::new();
                for li in node.element_children() {
                    if self.is_note(&li) {
                        self.read_note(&li);
                        continue;
                    }
                    let mut item = Vec::new();
                    self.blocks(&li, &mut item);
                    if !item.is_empty() {
                        items.push(item);
                    }
                }
                if !items.is_empty() {
                    out.push(Block::List { ordered: n == "ol", items });
                }
            }
            "blockquote" => {
                let mut inner = Vec::new();
                self.blocks(node, &mut inner);
                if !inner.is_empty() {
                    out.push(Block::Quote(inner));
                }
            }
            "table" => self.table(node, out),
            "figure" | "picture" => self.figure(node, out),
            "img" => {
                if let Some(b) = self.image(node, Vec::new()) {
                    out.push(b);
                }
            }
            "hr" | "br" | "form" | "nav" => {}
            _ => self.blocks(node, out),
        }
    }

    fn read_note(&mut self, li: &NodeRef) {
        let id = li.id_attr().map(|i| i.to_string()).unwrap_or_default();
        let mut content = Vec::new();
        for child in li.children() {
            self.inline(&child, &mut content);
        }
        // The backlink's `^` stays when its link is dropped.
        if let Some(Inline::Text(t)) = content.first_mut() {
            *t = t.trim_start().trim_start_matches(['^', '↑']).to_string();
        }
        let content = tidy(content);
        if let Some(&n) = self.note_ids.get(&id) {
            self.notes[n - 1].1 = content;
        }
    }

    fn inlines(&mut self, node: &NodeRef) -> Vec<Inline> {
        let mut out = Vec::new();
        for child in node.children() {
            self.inline(&child, &mut out);
        }
        tidy(out)
    }

    fn inline(&mut self, node: &NodeRef, out: &mut Vec<Inline>) {
        if node.is_text() {
            out.push(Inline::Text(node.text().to_string()));
            return;
        }
        if !node.is_element() {
            return;
        }
        let n = name(node);
        match n.as_str() {
            "b" | "strong" => out.push(Inline::Strong(self.inlines_raw(node))),
            "i" | "em" | "cite" => out.push(Inline::Emph(self.inlines_raw(node))),
            "a" => {
                let href = node.attr("href").map(|h| h.trim().to_string()).unwrap_or_default();
                if let Some(id) = href.strip_prefix('#') {
                    // A footnote's mark, or a link back from one: the number alone.
                    if let Some(&n) = self.note_ids.get(id) {
                        out.push(Inline::Note(n));
                    } else if !node.ancestors_it(None).any(|a| self.is_note(&a)) {
                        out.extend(self.inlines_raw(node));
                    }
                } else if is_web(&href) || href.starts_with("mailto:") {
                    out.push(Inline::Link { url: href, content: self.inlines_raw(node) });
                } else {
                    out.extend(self.inlines_raw(node));
                }
            }
            "sup" if node.children().iter().all(|c| name(c) == "a" || c.text().trim().is_empty()) && node.element_children().len() == 1 => {
                let inner = self.inlines_raw(node);
                if inner.iter().any(|i| matches!(i, Inline::Note(_))) {
                    out.extend(inner.into_iter().filter(|i| matches!(i, Inline::Note(_))));
                } else {
                    out.extend(inner);
                }
            }
            "script" | "style" | "noscript" | "template" | "button" | "input" | "select" | "textarea" | "svg" | "iframe" => {}
            "br" => out.push(Inline::Text(" ".to_string())),
            n if is_block(n) => {
                // A block inside a line (a <div> in a <span>): its text.
                let mut blocks = Vec::new();
                self.block(node, n, &mut blocks);
                for b in blocks {
                    out.push(Inline::Text(format!(" {} ", super::markdown::block_text(&b))));
                }
            }
            _ => out.extend(self.inlines_raw(node)),
        }
    }

    fn inlines_raw(&mut self, node: &NodeRef) -> Vec<Inline> {
        let mut out = Vec::new();
        for child in node.children() {
            self.inline(&child, &mut out);
        }
        out
    }

    fn table(&mut self, node: &NodeRef, out: &mut Vec<Block>) {
        let mut rows = Vec::new();
        for tr in node.descendants_it().filter(|d| name(d) == "tr") {
            // Rows of a table inside this one belong to it, not here.
            if tr.ancestors_it(None).find(|a| name(a) == "table").map(|t| t.id) != Some(node.id) {
                continue;
            }
            let cells: Vec<Vec<Inline>> =
                tr.element_children().iter().filter(|c| matches!(name(c).as_str(), "td" | "th")).map(|c| self.inlines(c)).collect();
            if !cells.is_empty() {
                rows.push(cells);
            }
        }
        if !rows.is_empty() {
            out.push(Block::Table(rows));
        }
    }

    fn figure(&mut self, node: &NodeRef, out: &mut Vec<Block>) {
        let caption = node.descendants_it().find(|d| name(d) == "figcaption").map(|c| self.inlines(&c)).unwrap_or_default();
        let images: Vec<NodeRef> = node.descendants_it().filter(|d| name(d) == "img").collect();
        let mut any = false;
        for img in &images {
            if let Some(b) = self.image(img, caption.clone()) {
                out.push(b);
                any = true;
            }
        }
        if !any && !caption.is_empty() {
            out.push(Block::Paragraph(caption));
        }
    }

    /// An image as a figure, copied when it is a file inside the page's
    /// folder; else left out and said so.
    fn image(&mut self, img: &NodeRef, caption: Vec<Inline>) -> Option<Block> {
        let src = img.attr("src").map(|s| s.trim().to_string()).unwrap_or_default();
        let caption =
            if caption.is_empty() { tidy(vec![Inline::Text(img.attr("alt").map(|a| a.to_string()).unwrap_or_default())]) } else { caption };
        match self.copy_image(&src) {
            Ok(path) => Some(Block::Figure { path, caption }),
            Err(why) => {
                let shown: String = src.chars().take(80).collect();
                self.notes_left.push(format!("image {shown} left out: {why}"));
                None
            }
        }
    }

    fn copy_image(&mut self, src: &str) -> Result<String, String> {
        if src.is_empty() {
            return Err("no source".to_string());
        }
        if src.contains("://") || src.starts_with("//") || src.starts_with("data:") || src.contains(':') {
            return Err("not saved with the page (import fetches nothing)".to_string());
        }
        let relative = crate::files::percent_decode(src.split(['?', '#']).next().unwrap_or(""));
        let file = self.folder.join(&relative).canonicalize().map_err(|_| "not found beside the page".to_string())?;
        if !file.starts_with(&self.folder) {
            return Err("outside the page's folder".to_string());
        }
        // The file once, however often the page shows it.
        self.images.add(&file.to_string_lossy(), &relative, || {
            let bytes = match crate::files::read_bounded(&file, limits::IMAGE, false) {
                Ok(Some(b)) => b,
                Ok(None) => return Err("not found beside the page".to_string()),
                Err(e) => return Err(e.to_string()),
            };
            if imagesize::blob_size(&bytes).is_err() {
                return Err("not an image dossier can read".to_string());
            }
            Ok(bytes)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_the_page() {
        let mut report = ImportReport::default();
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("<html><head><meta charset=\"windows-1256\"></head><body>سلام</body></html>");
        assert!(decode(&bytes, &mut report).contains("سلام"));
        let (bytes, _, _) =
            encoding_rs::ISO_8859_6.encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-6\">سلام");
        assert!(decode(&bytes, &mut report).contains("سلام"));
        // A "charset" that declares nothing comes first; the prescan reads on.
        let (bytes, _, _) = encoding_rs::ISO_8859_6
            .encode("<script>var c = {\"charset\": 1, charset = \"x-none\"};</script><meta charset=\"iso-8859-6\">سلام");
        assert_eq!(declared_charset(&bytes), Some(encoding_rs::ISO_8859_6));
        assert!(decode(&bytes, &mut report).contains("سلام"));
        assert!(report.guesses.is_empty(), "{:?}", report.guesses);
    }

    #[test]
    fn furniture_by_whole_words() {
        let comments = ["comment"];
        for (value, furniture) in [
            ("comments-area", true),
            ("post comment-list", true),
            ("commentsBox", true),
            ("commentary-body", false),
            ("commentary", false),
            ("x-comment_reply", true),
        ] {
            assert_eq!(names_furniture(value, &comments), furniture, "{value}");
        }
        assert!(!names_furniture("subscriber-only", &["newsletter", "subscribe"]));
        assert!(names_furniture("subscribe-box", &["newsletter", "subscribe"]));
        assert!(names_furniture("widget most-read", &["read-more", "most-read"]));
        assert!(!names_furniture("most-readable", &["most-read"]));
        assert!(!names_furniture("read", &["read-more"]));
    }

    #[test]
    fn nesting_is_read_before_parsing() {
        assert_eq!(tag_depth("<html><body><div><p>a<p>b<div><span>x</span></div></div><br><img src=x></body>"), 3);
        assert_eq!(tag_depth("<SCRIPT>var a = '<div><div><div>';</Script><!-- <div><div> --><div/>"), 0);
        assert_eq!(tag_depth(&"<div>".repeat(1000)), 1000);
        // The `>` found once serves every tag before it.
        assert_eq!(tag_depth("<a/><b><c/><d x='1'/><e"), 2);
        assert_eq!(tag_depth(&format!("{}<i>", "<a ".repeat(5))), 6);
    }

    #[test]
    fn percent_decoding_and_days() {
        assert_eq!(crate::files::percent_decode("a%20b/%D8%B5.jpg"), "a b/ص.jpg");
        assert_eq!(crate::files::percent_decode("100%"), "100%");
        assert_eq!(day("2023-05-01T10:00:00+03:00").as_deref(), Some("2023-05-01"));
        assert_eq!(day("yesterday"), None);
        assert_eq!(byline_name("بقلم ريما منصور"), "ريما منصور");
        assert_eq!(byline_name("By: Rima"), "Rima");
        assert_eq!(byline_name("كتبي الأول"), "كتبي الأول");
    }
}
