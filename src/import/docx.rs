//! A Word document (`.docx`) to an article, from its own structure.
//!
//! A `.docx` is a zip of XML parts (ECMA-376, "Office Open XML"): the text
//! in `word/document.xml`, heading styles in `styles.xml`, list numbering in
//! `numbering.xml`, notes in `footnotes.xml` and `endnotes.xml`, link and
//! image targets in `_rels/document.xml.rels`, title, author and date in
//! `docProps/core.xml`. Each is read with `zip` and `quick-xml`, every read
//! bounded ([`limits`]): a zip bomb is refused before it expands.
//!
//! Mapped: paragraphs, headings (by style or outline level), bold and
//! italic, lists (bulleted or numbered, nested by level), tables, footnotes
//! and endnotes, hyperlinks to web and mail addresses, embedded images.
//! Right-to-left paragraphs (`w:bidi`, `w:rtl`) need nothing in markdown:
//! the build sets each block's direction by its language.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::markdown::{tidy, Article, Block, Inline};
use super::text::ImportReport;
use super::{limits, safe_file_name, unique_name, Converted, Image};
use crate::config::{ArticleMeta, Bilingual};

/// Read a Word document into an article; `images_dir` is where its images
/// go, relative to the article.
pub fn import(path: &Path, images_dir: &str) -> Result<Converted, String> {
    let bytes = match crate::files::read_bounded(path, limits::DOCX, true) {
        Ok(Some(b)) => b,
        Ok(None) => return Err("no such file".to_string()),
        Err(crate::files::Refused::TooLarge(max)) => return Err(format!("larger than {} MiB, far more than a document needs", max >> 20)),
        Err(e) => return Err(e.to_string()),
    };
    convert(&bytes, images_dir)
}

/// The magic number of an OLE compound file: a Word 97–2003 `.doc`, or a
/// password-protected `.docx` (Office wraps those in one).
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A `.docx`'s bytes to an article.
pub fn convert(bytes: &[u8], images_dir: &str) -> Result<Converted, String> {
    if bytes.starts_with(&OLE) {
        let encrypted: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        return Err(if memchr::memmem::find(bytes, &encrypted).is_some() {
            "the document is password-protected; open it in Word or LibreOffice and save a copy without a password".to_string()
        } else {
            "this is a Word 97–2003 document (.doc) named .docx; open it in Word or LibreOffice and save it as .docx".to_string()
        });
    }
    if !bytes.starts_with(b"PK") {
        return Err("not a Word document: a .docx is a zip archive and this file is not one".to_string());
    }
    let mut parts = Parts::open(bytes)?;
    let document = parts.read("word/document.xml")?.ok_or("no word/document.xml: a zip archive, but not a Word document")?;
    let rels = parts.read("word/_rels/document.xml.rels")?.map(|x| relationships(&x)).unwrap_or_default();
    let styles = parts.read("word/styles.xml")?.map(|x| heading_styles(&x)).unwrap_or_default();
    let numbering = parts.read("word/numbering.xml")?.map(|x| numbering_formats(&x)).unwrap_or_default();
    let mut report = ImportReport::default();
    let mut meta = match parts.read("docProps/core.xml")? {
        Some(x) => core_properties(&x),
        None => ArticleMeta::default(),
    };

    let context = Context { rels: &rels, styles: &styles, numbering: &numbering };
    let body = read_paragraphs(&document, &context)?;
    let mut notes = Vec::new();
    let mut note_numbers: HashMap<(bool, String), usize> = HashMap::new();
    // Notes numbered in the order the text refers to them.
    for piece in &body.pieces {
        number_notes(piece, &mut note_numbers, &mut notes);
    }
    for (endnote, part) in [(false, "word/footnotes.xml"), (true, "word/endnotes.xml")] {
        if note_numbers.keys().all(|(e, _)| *e != endnote) {
            continue;
        }
        let Some(xml) = parts.read(part)? else { continue };
        let read = read_paragraphs(&xml, &context)?;
        for (id, text) in read.notes {
            if let Some(&n) = note_numbers.get(&(endnote, id)) {
                notes[n - 1] = text;
            }
        }
    }

    let mut images = Vec::new();
    let mut pieces = Vec::new();
    for piece in body.pieces {
        match piece {
            Piece::Image { target, alt } => match copy_image(&mut parts, &target, images_dir, &images) {
                Ok(image) => {
                    pieces.push(Piece::Block(Block::Figure { path: image.path.clone(), caption: tidy(vec![Inline::Text(alt)]) }));
                    images.push(image);
                }
                Err(why) => report.guesses.push(format!("image {target} left out: {why}")),
            },
            Piece::Title(title) => {
                if meta.title.is_empty() {
                    meta.title = Bilingual::from_plain(&title);
                    report.guesses.push("title from the paragraph styled Title".to_string());
                } else if meta.title.primary() != Some(title.as_str()) {
                    // Nothing is lost silently: the editor chooses.
                    report
                        .guesses
                        .push(format!("the document's properties name the title; the paragraph styled Title, «{title}», is left out"));
                }
            }
            other => pieces.push(other),
        }
    }
    let blocks = renumber(group_lists(pieces), &note_numbers);
    if body.rtl > 0 {
        report.guesses.push(format!("{} right-to-left paragraphs (w:bidi); the build sets direction by language", body.rtl));
    }
    Ok(Converted { meta, article: Article { blocks, notes }, images, report })
}

/// The parts of a zip, each read within what is left of the budget.
struct Parts<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Parts<'a> {
    fn open(bytes: &'a [u8]) -> Result<Parts<'a>, String> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("the .docx is damaged or truncated ({e}); open it in Word or LibreOffice and save it again"))?;
        if zip.len() > limits::ENTRIES {
            return Err(format!("the archive holds {} entries, far more than a document has", zip.len()));
        }
        Ok(Parts { zip, budget: limits::EXPANDED })
    }

    /// A part's bytes, `None` when there is no such part.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(why)) if why.to_lowercase().contains("password") => {
                return Err("the document is password-protected; save a copy without a password".to_string())
            }
            Err(e) => return Err(format!("{name} cannot be read ({e}): the .docx is damaged or truncated")),
        };
        let cap = self.budget.min((1 << 20).max(entry.compressed_size().saturating_mul(limits::RATIO)));
        let bomb = || {
            format!(
                "{name} would expand past {} KiB from {} KiB: a zip bomb, or not a document dossier reads",
                cap >> 10,
                entry.compressed_size() >> 10
            )
        };
        if entry.size() > cap {
            return Err(bomb());
        }
        let message = bomb();
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name} cannot be read ({e}): the .docx is damaged or truncated"))?;
        if bytes.len() as u64 > cap {
            return Err(message);
        }
        self.budget -= bytes.len() as u64;
        Ok(Some(bytes))
    }
}

fn copy_image(parts: &mut Parts, target: &str, images_dir: &str, taken: &[Image]) -> Result<Image, String> {
    if target.contains("://") || target.contains("..") || target.starts_with('/') {
        return Err("linked, not embedded in the document".to_string());
    }
    let bytes = parts.read(&format!("word/{target}"))?.ok_or("missing from the document")?;
    if bytes.len() as u64 > limits::IMAGE || imagesize::blob_size(&bytes).is_err() {
        return Err("not an image dossier can read".to_string());
    }
    let name = unique_name(safe_file_name(target, "image"), taken, images_dir);
    Ok(Image { path: format!("{images_dir}/{name}"), bytes })
}

/// An XML element's start: its local name and attributes by local name.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A toggle like `<w:b/>` or `<w:b w:val="0"/>`.
    fn on(&self) -> bool {
        !matches!(self.attr("val"), Some("0" | "false" | "off" | "none"))
    }
}

enum Xml {
    Start(Tag),
    End(String),
    Text(String),
}

/// Every start, end and text of an XML part, in order (an empty element is
/// a start and an end).
fn each(xml: &[u8], mut f: impl FnMut(Xml)) -> Result<(), String> {
    let mut reader = Reader::from_reader(xml);
    let local = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let tag = |e: &BytesStart| Tag {
        name: local(e.local_name().as_ref()),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| (local(a.key.local_name().as_ref()), a.unescape_value().map(|v| v.into_owned()).unwrap_or_default()))
            .collect(),
    };
    loop {
        match reader.read_event().map_err(|e| format!("the document's XML is damaged ({e})"))? {
            Event::Start(e) => f(Xml::Start(tag(&e))),
            Event::Empty(e) => {
                let t = tag(&e);
                let name = t.name.clone();
                f(Xml::Start(t));
                f(Xml::End(name));
            }
            Event::End(e) => f(Xml::End(local(e.local_name().as_ref()))),
            Event::Text(t) => f(Xml::Text(t.decode().map(|t| t.into_owned()).unwrap_or_default())),
            Event::CData(t) => f(Xml::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*r as &[u8] {
                        b"amp" => "&".into(),
                        b"lt" => "<".into(),
                        b"gt" => ">".into(),
                        b"quot" => "\"".into(),
                        b"apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                f(Xml::Text(text));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Relationship ids to targets: `rId5` → `https://…` or `media/image1.png`.
fn relationships(xml: &[u8]) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let _ = each(xml, |x| {
        if let Xml::Start(t) = x {
            if let (true, Some(id), Some(target)) = (t.name == "Relationship", t.attr("Id"), t.attr("Target")) {
                map.insert(id.to_string(), target.to_string());
            }
        }
    });
    map
}

/// Paragraph styles that are headings: style id → level (0 for Title).
fn heading_styles(xml: &[u8]) -> HashMap<String, u8> {
    let mut map = HashMap::new();
    let mut current: Option<String> = None;
    let _ = each(xml, |x| match x {
        Xml::Start(t) if t.name == "style" => current = t.attr("styleId").map(str::to_string),
        Xml::Start(t) if t.name == "name" || t.name == "outlineLvl" => {
            let (Some(id), Some(val)) = (&current, t.attr("val")) else { return };
            let val = val.to_ascii_lowercase();
            let level = if t.name == "outlineLvl" {
                val.parse::<u8>().ok().filter(|l| *l < 9).map(|l| l + 1)
            } else if val == "title" {
                Some(0)
            } else {
                val.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok())
            };
            if let Some(level) = level {
                map.entry(id.clone()).or_insert(level);
            }
        }
        _ => {}
    });
    map
}

/// Whether each list (`numId`) at each level is numbered rather than bulleted.
fn numbering_formats(xml: &[u8]) -> HashMap<(String, u8), bool> {
    let mut abstract_formats: HashMap<(String, u8), bool> = HashMap::new();
    let mut nums: Vec<(String, String)> = Vec::new();
    let (mut abstract_id, mut level, mut num_id) = (String::new(), 0u8, String::new());
    let _ = each(xml, |x| {
        let Xml::Start(t) = x else { return };
        match t.name.as_str() {
            "abstractNum" => abstract_id = t.attr("abstractNumId").unwrap_or_default().to_string(),
            "lvl" => level = t.attr("ilvl").and_then(|l| l.parse().ok()).unwrap_or(0),
            "numFmt" => {
                let ordered = !matches!(t.attr("val"), Some("bullet" | "none"));
                abstract_formats.insert((abstract_id.clone(), level), ordered);
            }
            "num" => num_id = t.attr("numId").unwrap_or_default().to_string(),
            "abstractNumId" => nums.push((num_id.clone(), t.attr("val").unwrap_or_default().to_string())),
            _ => {}
        }
    });
    let mut levels: HashMap<String, Vec<(u8, bool)>> = HashMap::new();
    for ((abs, level), ordered) in abstract_formats {
        levels.entry(abs).or_default().push((level, ordered));
    }
    let mut map = HashMap::new();
    for (num, abs) in nums {
        for (level, ordered) in levels.get(&abs).into_iter().flatten() {
            map.insert((num.clone(), *level), *ordered);
        }
    }
    map
}

/// Title, author and date from `docProps/core.xml`.
fn core_properties(xml: &[u8]) -> ArticleMeta {
    let mut meta = ArticleMeta::default();
    let mut field = String::new();
    let _ = each(xml, |x| match x {
        Xml::Start(t) => field = t.name,
        Xml::End(_) => field.clear(),
        Xml::Text(text) => {
            let text = text.trim();
            if text.is_empty() {
                return;
            }
            match field.as_str() {
                "title" => meta.title = Bilingual::from_plain(text),
                "creator" => meta.author = Some(text.to_string()),
                "created" => meta.date = text.get(..10).filter(|d| d.as_bytes().get(4) == Some(&b'-')).map(str::to_string),
                _ => {}
            }
        }
    });
    meta
}

struct Context<'a> {
    rels: &'a HashMap<String, String>,
    styles: &'a HashMap<String, u8>,
    numbering: &'a HashMap<(String, u8), bool>,
}

/// A piece of the body, before lists are grouped.
#[derive(Debug)]
enum Piece {
    Block(Block),
    Item { level: u8, ordered: bool, content: Vec<Inline> },
    Image { target: String, alt: String },
    Title(String),
}

/// What a part holds: body pieces, notes by id, right-to-left paragraphs.
#[derive(Default)]
struct PartText {
    pieces: Vec<Piece>,
    notes: Vec<(String, Vec<Inline>)>,
    rtl: usize,
}

/// One paragraph being read.
#[derive(Default)]
struct Paragraph {
    style: Option<String>,
    outline: Option<u8>,
    num: Option<String>,
    level: u8,
    bidi: bool,
    content: Vec<Inline>,
    images: Vec<Piece>,
}

/// Read the paragraphs of `document.xml`, `footnotes.xml` or `endnotes.xml`.
fn read_paragraphs(xml: &[u8], context: &Context) -> Result<PartText, String> {
    let mut read = PartText::default();
    let mut para: Option<Paragraph> = None;
    let (mut bold, mut italic, mut in_text, mut in_ppr) = (false, false, false, false);
    let mut link: Option<(Option<String>, Vec<Inline>)> = None;
    // Tables: rows of cells, nested tables' text in their cell.
    let mut tables: Vec<Vec<Vec<Vec<Inline>>>> = Vec::new();
    let mut note: Option<(String, Vec<Inline>)> = None;
    let mut alt = String::new();
    each(xml, |x| match x {
        Xml::Start(t) => match t.name.as_str() {
            "p" => para = Some(Paragraph::default()),
            "pPr" => in_ppr = true,
            "pStyle" if in_ppr => para.iter_mut().for_each(|p| p.style = t.attr("val").map(str::to_string)),
            "outlineLvl" if in_ppr => para.iter_mut().for_each(|p| p.outline = t.attr("val").and_then(|v| v.parse::<u8>().ok())),
            "ilvl" if in_ppr => para.iter_mut().for_each(|p| p.level = t.attr("val").and_then(|v| v.parse().ok()).unwrap_or(0)),
            "numId" if in_ppr => para.iter_mut().for_each(|p| p.num = t.attr("val").filter(|v| *v != "0").map(str::to_string)),
            "bidi" if in_ppr && t.on() => para.iter_mut().for_each(|p| p.bidi = true),
            "r" => (bold, italic) = (false, false),
            "b" if !in_ppr => bold = t.on(),
            "i" if !in_ppr => italic = t.on(),
            "rtl" if !in_ppr && t.on() => para.iter_mut().for_each(|p| p.bidi = true),
            "t" | "delText" => in_text = t.name == "t",
            "tab" | "br" | "cr" if !in_ppr => push(&mut para, &mut link, Inline::Text(" ".to_string())),
            "noBreakHyphen" => push(&mut para, &mut link, Inline::Text("-".to_string())),
            "hyperlink" => {
                let url = t
                    .attr("id")
                    .and_then(|id| context.rels.get(id))
                    .filter(|u| u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:"));
                link = Some((url.cloned(), Vec::new()));
            }
            "footnoteReference" | "endnoteReference" => {
                let id = t.attr("id").unwrap_or_default();
                // Numbered later, in reading order: the raw id, kind in the sign.
                let key = if t.name == "endnoteReference" { format!("e{id}") } else { format!("f{id}") };
                push(&mut para, &mut link, Inline::Text(format!("\u{0}{key}\u{0}")));
            }
            "footnote" | "endnote" => {
                let separator = matches!(t.attr("type"), Some("separator" | "continuationSeparator" | "continuationNotice"));
                note = (!separator).then(|| (t.attr("id").unwrap_or_default().to_string(), Vec::new()));
            }
            "docPr" => alt = t.attr("descr").filter(|d| !d.is_empty()).or(t.attr("title")).unwrap_or_default().to_string(),
            "blip" => {
                if let (Some(p), Some(target)) = (para.as_mut(), t.attr("embed").and_then(|id| context.rels.get(id))) {
                    p.images.push(Piece::Image { target: target.clone(), alt: std::mem::take(&mut alt) });
                }
            }
            "tbl" => tables.push(Vec::new()),
            "tr" => tables.last_mut().iter_mut().for_each(|t| t.push(Vec::new())),
            "tc" => tables.last_mut().and_then(|t| t.last_mut()).iter_mut().for_each(|r| r.push(Vec::new())),
            _ => {}
        },
        Xml::Text(text) if in_text => {
            let mut inline = Inline::Text(text);
            if italic {
                inline = Inline::Emph(vec![inline]);
            }
            if bold {
                inline = Inline::Strong(vec![inline]);
            }
            push(&mut para, &mut link, inline);
        }
        Xml::Text(_) => {}
        Xml::End(name) => match name.as_str() {
            "t" | "delText" => in_text = false,
            "pPr" => in_ppr = false,
            "hyperlink" => match link.take() {
                Some((Some(url), content)) => push(&mut para, &mut None, Inline::Link { url, content }),
                // An anchor inside the document, or a target that is no web
                // or mail address: its text.
                Some((None, content)) => content.into_iter().for_each(|c| push(&mut para, &mut None, c)),
                None => {}
            },
            "p" => {
                let Some(p) = para.take() else { return };
                if p.bidi {
                    read.rtl += 1;
                }
                let content = tidy(p.content);
                if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                    if !row.is_empty() && !content.is_empty() {
                        row.push(Inline::Text(" ".to_string()));
                    }
                    row.extend(content);
                    return;
                }
                if let Some((_, text)) = note.as_mut() {
                    if !text.is_empty() && !content.is_empty() {
                        text.push(Inline::Text(" ".to_string()));
                    }
                    text.extend(content);
                    return;
                }
                let level = p.style.as_ref().and_then(|s| context.styles.get(s).copied()).or(p.outline.map(|l| l + 1));
                if !content.is_empty() {
                    read.pieces.push(match (level, &p.num) {
                        (Some(0), _) => Piece::Title(super::markdown::plain(&content)),
                        (Some(l), _) => Piece::Block(Block::Heading((l + 1).min(6), content)),
                        (None, Some(num)) => Piece::Item {
                            level: p.level,
                            ordered: context.numbering.get(&(num.clone(), p.level)).copied().unwrap_or(false),
                            content,
                        },
                        (None, None) => Piece::Block(Block::Paragraph(content)),
                    });
                }
                read.pieces.extend(p.images);
            }
            "tbl" => {
                let Some(rows) = tables.pop() else { return };
                let rows: Vec<_> = rows.into_iter().filter(|r| !r.is_empty()).map(|r| r.into_iter().map(tidy).collect()).collect();
                if let Some(outer) = tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                    // A table in a cell: its text, row by row.
                    for row in rows {
                        for cell in row {
                            outer.push(Inline::Text(" ".to_string()));
                            outer.extend(cell);
                        }
                    }
                } else if !rows.is_empty() {
                    read.pieces.push(Piece::Block(Block::Table(rows)));
                }
            }
            "footnote" | "endnote" => {
                if let Some((id, text)) = note.take() {
                    read.notes.push((id, tidy(text)));
                }
            }
            _ => {}
        },
    })?;
    Ok(read)
}

/// Add an inline to the open link, else the open paragraph.
fn push(para: &mut Option<Paragraph>, link: &mut Option<(Option<String>, Vec<Inline>)>, inline: Inline) {
    if let Some((_, content)) = link.as_mut() {
        content.push(inline);
    } else if let Some(p) = para.as_mut() {
        p.content.push(inline);
    }
}

/// The note marks `\0f3\0` in the order they are read, numbered from 1.
fn number_notes(piece: &Piece, numbers: &mut HashMap<(bool, String), usize>, notes: &mut Vec<Vec<Inline>>) {
    let content: Vec<&Inline> = match piece {
        Piece::Block(b) => inlines_of(b),
        Piece::Item { content, .. } => content.iter().collect(),
        _ => Vec::new(),
    };
    for inline in content {
        for key in marks(inline) {
            let (endnote, id) = (key.starts_with('e'), key[1..].to_string());
            numbers.entry((endnote, id)).or_insert_with(|| {
                notes.push(Vec::new());
                notes.len()
            });
        }
    }
}

fn inlines_of(block: &Block) -> Vec<&Inline> {
    match block {
        Block::Heading(_, c) | Block::Paragraph(c) => c.iter().collect(),
        Block::Table(rows) => rows.iter().flatten().flatten().collect(),
        _ => Vec::new(),
    }
}

fn marks(inline: &Inline) -> Vec<String> {
    match inline {
        Inline::Text(t) => t.split('\u{0}').skip(1).step_by(2).map(str::to_string).collect(),
        Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => c.iter().flat_map(marks).collect(),
        Inline::Note(_) => Vec::new(),
    }
}

/// Note marks in text replaced by [`Inline::Note`]s.
fn renumber(blocks: Vec<Block>, numbers: &HashMap<(bool, String), usize>) -> Vec<Block> {
    let fix = |content: Vec<Inline>| tidy(content.into_iter().flat_map(|i| split_marks(i, numbers)).collect());
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading(l, c) => Block::Heading(l, fix(c)),
            Block::Paragraph(c) => Block::Paragraph(fix(c)),
            Block::Table(rows) => Block::Table(rows.into_iter().map(|r| r.into_iter().map(fix).collect()).collect()),
            Block::List { ordered, items } => {
                Block::List { ordered, items: items.into_iter().map(|item| renumber(item, numbers)).collect() }
            }
            other => other,
        })
        .collect()
}

fn split_marks(inline: Inline, numbers: &HashMap<(bool, String), usize>) -> Vec<Inline> {
    match inline {
        Inline::Text(t) if t.contains('\u{0}') => t
            .split('\u{0}')
            .enumerate()
            .filter_map(|(i, part)| {
                if i % 2 == 0 {
                    Some(Inline::Text(part.to_string()))
                } else {
                    numbers.get(&(part.starts_with('e'), part[1..].to_string())).map(|&n| Inline::Note(n))
                }
            })
            .collect(),
        Inline::Strong(c) => vec![Inline::Strong(c.into_iter().flat_map(|i| split_marks(i, numbers)).collect())],
        Inline::Emph(c) => vec![Inline::Emph(c.into_iter().flat_map(|i| split_marks(i, numbers)).collect())],
        Inline::Link { url, content } => {
            vec![Inline::Link { url, content: content.into_iter().flat_map(|i| split_marks(i, numbers)).collect() }]
        }
        other => vec![other],
    }
}

/// Consecutive list paragraphs as one list, nested by their level.
fn group_lists(pieces: Vec<Piece>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut items: Vec<(u8, bool, Vec<Inline>)> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Item { level, ordered, content } => items.push((level, ordered, content)),
            Piece::Block(b) => {
                if !items.is_empty() {
                    blocks.push(nest(&std::mem::take(&mut items)));
                }
                blocks.push(b);
            }
            Piece::Image { .. } | Piece::Title(_) => {}
        }
    }
    if !items.is_empty() {
        blocks.push(nest(&items));
    }
    blocks
}

/// Items at the first item's level, each holding the deeper ones after it.
fn nest(items: &[(u8, bool, Vec<Inline>)]) -> Block {
    let (top, ordered) = (items[0].0, items[0].1);
    let mut out: Vec<Vec<Block>> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let (level, _, content) = &items[i];
        let deeper = items[i + 1..].iter().take_while(|(l, ..)| *l > top.min(*level)).count();
        let mut item = vec![Block::Paragraph(content.clone())];
        if deeper > 0 {
            item.push(nest(&items[i + 1..i + 1 + deeper]));
        }
        out.push(item);
        i += 1 + deeper;
    }
    Block::List { ordered, items: out }
}
