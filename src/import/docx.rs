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
use super::{limits, Converted, Images};
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
    let numbering = parts.read("word/numbering.xml")?.map(|x| Numbering::read(&x)).unwrap_or_default();
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
        number_notes(piece, &body.refs, &mut note_numbers, &mut notes);
    }
    for (endnote, part) in [(false, "word/footnotes.xml"), (true, "word/endnotes.xml")] {
        if note_numbers.keys().all(|(e, _)| *e != endnote) {
            continue;
        }
        let Some(xml) = parts.read(part)? else { continue };
        let read = read_paragraphs(&xml, &context)?;
        for (id, text) in read.notes {
            if let Some(&n) = note_numbers.get(&(endnote, id)) {
                // A note's own references lead nowhere dossier can go.
                notes[n - 1] = text.into_iter().filter_map(|i| number_note(i, &[], &note_numbers)).collect();
            }
        }
    }

    let mut images = Images::new(images_dir, limits::IMAGES);
    let mut pieces = Vec::new();
    for piece in body.pieces {
        match piece {
            Piece::Image { target, alt } => match copy_image(&mut parts, &target, &mut images) {
                Ok(path) => pieces.push(Piece::Block(Block::Figure { path, caption: tidy(vec![Inline::Text(alt)]) })),
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
    let blocks = renumber(group_lists(pieces), &body.refs, &note_numbers);
    if body.rtl > 0 {
        report.guesses.push(format!("{} right-to-left paragraphs (w:bidi); the build sets direction by language", body.rtl));
    }
    Ok(Converted { meta, article: Article { blocks, notes }, images: images.list, report })
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

/// An embedded image's path, each part copied once.
fn copy_image(parts: &mut Parts, target: &str, images: &mut Images) -> Result<String, String> {
    if target.contains("://") || target.contains("..") || target.starts_with('/') {
        return Err("linked, not embedded in the document".to_string());
    }
    images.add(target, target, || {
        let bytes = parts.read(&format!("word/{target}"))?.ok_or("missing from the document")?;
        if bytes.len() as u64 > limits::IMAGE || imagesize::blob_size(&bytes).is_err() {
            return Err("not an image dossier can read".to_string());
        }
        Ok(bytes)
    })
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

/// The deepest list level Word has (`w:ilvl` 0–8).
const LEVELS: u8 = 8;

/// Which lists are numbered rather than bulleted, from `numbering.xml`:
/// each list (`numId`) names an abstract list, which has formats by level.
/// Kept apart and looked up together, so the size is what the part holds
/// (a 156 KB part joined into lists × levels took 2.5 GB).
#[derive(Default)]
struct Numbering {
    abstracts: HashMap<String, String>,
    formats: HashMap<(String, u8), bool>,
}

impl Numbering {
    fn read(xml: &[u8]) -> Numbering {
        let mut numbering = Numbering::default();
        let (mut abstract_id, mut level, mut num_id) = (String::new(), 0u8, String::new());
        let _ = each(xml, |x| {
            let Xml::Start(t) = x else { return };
            match t.name.as_str() {
                "abstractNum" => abstract_id = t.attr("abstractNumId").unwrap_or_default().to_string(),
                "lvl" => level = list_level(t.attr("ilvl")),
                "numFmt" => {
                    let ordered = !matches!(t.attr("val"), Some("bullet" | "none"));
                    numbering.formats.insert((abstract_id.clone(), level), ordered);
                }
                "num" => num_id = t.attr("numId").unwrap_or_default().to_string(),
                "abstractNumId" => {
                    numbering.abstracts.insert(num_id.clone(), t.attr("val").unwrap_or_default().to_string());
                }
                _ => {}
            }
        });
        numbering
    }

    /// Whether list `num` is numbered at `level`.
    fn ordered(&self, num: &str, level: u8) -> bool {
        let Some(abstract_id) = self.abstracts.get(num) else { return false };
        self.formats.get(&(abstract_id.clone(), level)).copied().unwrap_or(false)
    }
}

/// A `w:ilvl` value, within Word's levels.
fn list_level(value: Option<&str>) -> u8 {
    value.and_then(|l| l.parse::<u64>().ok()).unwrap_or(0).min(u64::from(LEVELS)) as u8
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
    numbering: &'a Numbering,
}

/// A piece of the body, before lists are grouped.
#[derive(Debug)]
enum Piece {
    Block(Block),
    Item { level: u8, ordered: bool, content: Vec<Inline> },
    Image { target: String, alt: String },
    Title(String),
}

/// What a part holds: body pieces, notes by id, right-to-left paragraphs,
/// and the note references the text makes (`(endnote, id)`), which its
/// [`Inline::Note`]s index until [`renumber`] gives them their numbers.
#[derive(Default)]
struct PartText {
    pieces: Vec<Piece>,
    notes: Vec<(String, Vec<Inline>)>,
    rtl: usize,
    refs: Vec<(bool, String)>,
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
    /// What comes after its text: its images, and the paragraphs of the
    /// text boxes it anchors (Word nests those inside it).
    after: Vec<Piece>,
    /// Tables open when it began: a table opened since holds what follows.
    tables_open: usize,
}

/// One table being read: rows of cells, and what its cells hold that a
/// cell cannot (images, text boxes), to come after it.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<Inline>>>,
    after: Vec<Piece>,
}

/// Where a finished paragraph or table goes: the innermost container open.
enum Holder {
    Paragraph,
    Cell,
    Note,
    Body,
}

/// The paragraphs, tables and notes open while a part is read.
#[derive(Default)]
struct Open {
    paras: Vec<Paragraph>,
    tables: Vec<Table>,
    note: Option<(String, Vec<Inline>)>,
}

impl Open {
    fn holder(&self) -> Holder {
        match (self.paras.last(), self.tables.last()) {
            (Some(p), _) if p.tables_open == self.tables.len() => Holder::Paragraph,
            (_, Some(_)) => Holder::Cell,
            _ if self.note.is_some() => Holder::Note,
            _ => Holder::Body,
        }
    }

    /// A finished piece, to the innermost container: after an open
    /// paragraph's text, after an open table, into a note's text, or the body.
    fn place(&mut self, piece: Piece, read: &mut PartText) {
        match self.holder() {
            Holder::Paragraph => {
                if let Some(p) = self.paras.last_mut() {
                    p.after.push(piece);
                }
            }
            Holder::Cell => {
                if let Some(t) = self.tables.last_mut() {
                    t.after.push(piece);
                }
            }
            Holder::Note => {
                let content = piece_inlines(piece);
                if let Some((_, text)) = self.note.as_mut() {
                    if !text.is_empty() && !content.is_empty() {
                        text.push(Inline::Text(" ".to_string()));
                    }
                    text.extend(content);
                }
            }
            Holder::Body => read.pieces.push(piece),
        }
    }

    /// The cell being read, when a table is the innermost container.
    fn cell(&mut self) -> Option<&mut Vec<Inline>> {
        if !matches!(self.holder(), Holder::Cell) {
            return None;
        }
        self.tables.last_mut().and_then(|t| t.rows.last_mut()).and_then(|r| r.last_mut())
    }
}

/// The text of a piece placed in a note (a note holds one paragraph).
fn piece_inlines(piece: Piece) -> Vec<Inline> {
    match piece {
        Piece::Block(Block::Heading(_, c) | Block::Paragraph(c)) | Piece::Item { content: c, .. } => c,
        Piece::Block(Block::Table(rows)) => {
            rows.into_iter().flatten().flat_map(|cell| std::iter::once(Inline::Text(" ".to_string())).chain(cell)).collect()
        }
        Piece::Title(t) => vec![Inline::Text(t)],
        Piece::Block(_) | Piece::Image { .. } => Vec::new(),
    }
}

/// Read the paragraphs of `document.xml`, `footnotes.xml` or `endnotes.xml`.
fn read_paragraphs(xml: &[u8], context: &Context) -> Result<PartText, String> {
    let mut read = PartText::default();
    let mut open = Open::default();
    let (mut bold, mut italic, mut in_text, mut in_ppr) = (false, false, false, false);
    let mut link: Option<(Option<String>, Vec<Inline>)> = None;
    let mut alt = String::new();
    // Inside `mc:Fallback`: a text box or drawing again, for older readers.
    let mut fallback = 0usize;
    each(xml, |x| match x {
        Xml::Start(t) if fallback > 0 || t.name == "Fallback" => fallback += usize::from(t.name == "Fallback"),
        Xml::End(name) if fallback > 0 => fallback -= usize::from(name == "Fallback"),
        Xml::Text(_) if fallback > 0 => {}
        Xml::Start(t) => {
            let para = open.paras.last_mut();
            match t.name.as_str() {
                "p" => {
                    let tables_open = open.tables.len();
                    open.paras.push(Paragraph { tables_open, ..Paragraph::default() });
                }
                "pPr" => in_ppr = true,
                "pStyle" if in_ppr => para.into_iter().for_each(|p| p.style = t.attr("val").map(str::to_string)),
                "outlineLvl" if in_ppr => para.into_iter().for_each(|p| p.outline = t.attr("val").and_then(|v| v.parse::<u8>().ok())),
                "ilvl" if in_ppr => para.into_iter().for_each(|p| p.level = list_level(t.attr("val"))),
                "numId" if in_ppr => para.into_iter().for_each(|p| p.num = t.attr("val").filter(|v| *v != "0").map(str::to_string)),
                "bidi" if in_ppr && t.on() => para.into_iter().for_each(|p| p.bidi = true),
                "r" => (bold, italic) = (false, false),
                "b" if !in_ppr => bold = t.on(),
                "i" if !in_ppr => italic = t.on(),
                "rtl" if !in_ppr && t.on() => para.into_iter().for_each(|p| p.bidi = true),
                "t" | "delText" => in_text = t.name == "t",
                "tab" | "br" | "cr" if !in_ppr => push(para, &mut link, Inline::Text(" ".to_string())),
                "noBreakHyphen" => push(para, &mut link, Inline::Text("-".to_string())),
                "hyperlink" => {
                    let url = t
                        .attr("id")
                        .and_then(|id| context.rels.get(id))
                        .filter(|u| u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:"));
                    link = Some((url.cloned(), Vec::new()));
                }
                "footnoteReference" | "endnoteReference" => {
                    // Numbered later, in reading order; the text cannot fake one.
                    read.refs.push((t.name == "endnoteReference", t.attr("id").unwrap_or_default().to_string()));
                    push(para, &mut link, Inline::Note(read.refs.len() - 1));
                }
                "footnote" | "endnote" => {
                    let separator = matches!(t.attr("type"), Some("separator" | "continuationSeparator" | "continuationNotice"));
                    open.note = (!separator).then(|| (t.attr("id").unwrap_or_default().to_string(), Vec::new()));
                }
                "docPr" => alt = t.attr("descr").filter(|d| !d.is_empty()).or(t.attr("title")).unwrap_or_default().to_string(),
                "blip" => {
                    if let (Some(p), Some(target)) = (para, t.attr("embed").and_then(|id| context.rels.get(id))) {
                        p.after.push(Piece::Image { target: target.clone(), alt: std::mem::take(&mut alt) });
                    }
                }
                "tbl" => open.tables.push(Table::default()),
                "tr" => open.tables.last_mut().into_iter().for_each(|t| t.rows.push(Vec::new())),
                "tc" => open.tables.last_mut().and_then(|t| t.rows.last_mut()).into_iter().for_each(|r| r.push(Vec::new())),
                _ => {}
            }
        }
        Xml::Text(text) if in_text => {
            // Control characters cannot be in a document's text (XML 1.0 forbids them).
            let mut inline = Inline::Text(text.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect());
            if italic {
                inline = Inline::Emph(vec![inline]);
            }
            if bold {
                inline = Inline::Strong(vec![inline]);
            }
            push(open.paras.last_mut(), &mut link, inline);
        }
        Xml::Text(_) => {}
        Xml::End(name) => match name.as_str() {
            "t" | "delText" => in_text = false,
            "pPr" => in_ppr = false,
            "hyperlink" => match link.take() {
                Some((Some(url), content)) => push(open.paras.last_mut(), &mut None, Inline::Link { url, content }),
                // An anchor inside the document, or a target that is no web
                // or mail address: its text.
                Some((None, content)) => content.into_iter().for_each(|c| push(open.paras.last_mut(), &mut None, c)),
                None => {}
            },
            "p" => {
                let Some(p) = open.paras.pop() else { return };
                if p.bidi {
                    read.rtl += 1;
                }
                let content = tidy(p.content);
                if let Some(cell) = open.cell() {
                    if !cell.is_empty() && !content.is_empty() {
                        cell.push(Inline::Text(" ".to_string()));
                    }
                    cell.extend(content);
                    // A cell holds text: its images and text boxes come after the table.
                    p.after.into_iter().for_each(|a| open.place(a, &mut read));
                    return;
                }
                let level = p.style.as_ref().and_then(|s| context.styles.get(s).copied()).or(p.outline.map(|l| l + 1));
                if !content.is_empty() {
                    let piece = match (level, &p.num) {
                        (Some(0), _) => Piece::Title(super::markdown::plain(&content)),
                        (Some(l), _) => Piece::Block(Block::Heading((l + 1).min(6), content)),
                        (None, Some(num)) => Piece::Item { level: p.level, ordered: context.numbering.ordered(num, p.level), content },
                        (None, None) => Piece::Block(Block::Paragraph(content)),
                    };
                    open.place(piece, &mut read);
                }
                p.after.into_iter().for_each(|a| open.place(a, &mut read));
            }
            "tbl" => {
                let Some(table) = open.tables.pop() else { return };
                let rows: Vec<_> = table.rows.into_iter().filter(|r| !r.is_empty()).map(|r| r.into_iter().map(tidy).collect()).collect();
                if let Some(outer) = open.cell() {
                    // A table in a cell: its text, row by row.
                    for row in rows {
                        for cell in row {
                            outer.push(Inline::Text(" ".to_string()));
                            outer.extend(cell);
                        }
                    }
                } else if !rows.is_empty() {
                    open.place(Piece::Block(Block::Table(rows)), &mut read);
                }
                table.after.into_iter().for_each(|a| open.place(a, &mut read));
            }
            "footnote" | "endnote" => {
                if let Some((id, text)) = open.note.take() {
                    read.notes.push((id, tidy(text)));
                }
            }
            _ => {}
        },
    })?;
    Ok(read)
}

/// Add an inline to the open link, else the open paragraph.
fn push(para: Option<&mut Paragraph>, link: &mut Option<(Option<String>, Vec<Inline>)>, inline: Inline) {
    if let Some((_, content)) = link.as_mut() {
        content.push(inline);
    } else if let Some(p) = para {
        p.content.push(inline);
    }
}

/// Number the note references of a piece in reading order, from 1: each
/// reference's index in `refs` to its note's number.
fn number_notes(piece: &Piece, refs: &[(bool, String)], numbers: &mut HashMap<(bool, String), usize>, notes: &mut Vec<Vec<Inline>>) {
    let content: Vec<&Inline> = match piece {
        Piece::Block(b) => inlines_of(b),
        Piece::Item { content, .. } => content.iter().collect(),
        _ => Vec::new(),
    };
    for inline in content {
        each_note(inline, &mut |at| {
            if let Some(key) = refs.get(at) {
                numbers.entry(key.clone()).or_insert_with(|| {
                    notes.push(Vec::new());
                    notes.len()
                });
            }
        });
    }
}

fn inlines_of(block: &Block) -> Vec<&Inline> {
    match block {
        Block::Heading(_, c) | Block::Paragraph(c) => c.iter().collect(),
        Block::Table(rows) => rows.iter().flatten().flatten().collect(),
        _ => Vec::new(),
    }
}

fn each_note(inline: &Inline, f: &mut impl FnMut(usize)) {
    match inline {
        Inline::Note(at) => f(*at),
        Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => c.iter().for_each(|i| each_note(i, f)),
        Inline::Text(_) => {}
    }
}

/// Note references (indices into `refs`) given their notes' numbers.
fn renumber(blocks: Vec<Block>, refs: &[(bool, String)], numbers: &HashMap<(bool, String), usize>) -> Vec<Block> {
    let fix = |content: Vec<Inline>| tidy(content.into_iter().filter_map(|i| number_note(i, refs, numbers)).collect());
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading(l, c) => Block::Heading(l, fix(c)),
            Block::Paragraph(c) => Block::Paragraph(fix(c)),
            Block::Table(rows) => Block::Table(rows.into_iter().map(|r| r.into_iter().map(fix).collect()).collect()),
            Block::List { ordered, items } => {
                Block::List { ordered, items: items.into_iter().map(|item| renumber(item, refs, numbers)).collect() }
            }
            other => other,
        })
        .collect()
}

fn number_note(inline: Inline, refs: &[(bool, String)], numbers: &HashMap<(bool, String), usize>) -> Option<Inline> {
    let all = |c: Vec<Inline>| c.into_iter().filter_map(|i| number_note(i, refs, numbers)).collect();
    Some(match inline {
        Inline::Note(at) => Inline::Note(*refs.get(at).and_then(|key| numbers.get(key))?),
        Inline::Strong(c) => Inline::Strong(all(c)),
        Inline::Emph(c) => Inline::Emph(all(c)),
        Inline::Link { url, content } => Inline::Link { url, content: all(content) },
        text => text,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::markdown::write;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="x" xmlns:v="y" xmlns:a="z" xmlns:r="q" xmlns:wp="o""#;
    const RELS: &str = r#"<Relationships><Relationship Id="rId8" Target="media/image1.png"/></Relationships>"#;
    const PNG: &[u8] = include_bytes!("../../tests/fixtures/import/wordpress-news/page_files/harbour.png");

    /// A `.docx` holding `body`, an image `media/image1.png` and a footnote.
    fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>الحاشية الحقيقية</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        for (name, bytes) in [
            ("word/document.xml", document.as_bytes()),
            ("word/_rels/document.xml.rels", RELS.as_bytes()),
            ("word/footnotes.xml", footnotes.as_bytes()),
            ("word/media/image1.png", PNG),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn run(text: &str) -> String {
        format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    }

    fn markdown(body: &str) -> (String, Converted) {
        let converted = convert(&docx(body), "images/a").unwrap();
        (write(&converted.article), converted)
    }

    /// A text box anchored in a paragraph, as Word writes it: the DrawingML
    /// box, and the same box again in VML for older readers.
    fn text_box(text: &str) -> String {
        let inner = format!("<w:txbxContent><w:p>{}</w:p><w:p>{}</w:p></w:txbxContent>", run(text), run("سطر ثان في الإطار"));
        format!(
            "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>{inner}</wps:txbx></wps:wsp></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    }

    #[test]
    fn text_boxes_lose_nothing_and_come_once() {
        let body =
            format!("<w:p>{}{}{}</w:p><w:p>{}</w:p>", run("قبل الإطار "), text_box("نص في الإطار"), run("بعد الإطار"), run("فقرة تالية"));
        let (md, _) = markdown(&body);
        assert_eq!(md, "قبل الإطار بعد الإطار\n\nنص في الإطار\n\nسطر ثان في الإطار\n\nفقرة تالية\n");
    }

    #[test]
    fn a_cells_image_and_text_box_come_after_its_table() {
        let drawing = r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" descr="صورة الخلية"/><a:graphic><a:blip r:embed="rId8"/></a:graphic></wp:inline></w:drawing></w:r>"#;
        let body = format!(
            "<w:tbl><w:tr><w:tc><w:p>{}{drawing}</w:p></w:tc><w:tc><w:p>{}{}</w:p></w:tc></w:tr></w:tbl><w:p>{}</w:p>",
            run("خلية"),
            run("أخرى"),
            text_box("في خلية"),
            run("بعد الجدول")
        );
        let (md, converted) = markdown(&body);
        assert!(md.starts_with("| خلية | أخرى |"), "{md}");
        assert!(md.contains("|\n\n![صورة الخلية](images/a/image1.png)\n\nفي خلية\n\nسطر ثان في الإطار\n\nبعد الجدول\n"), "{md}");
        assert_eq!(converted.images.len(), 1);
    }

    #[test]
    fn numbering_grows_with_its_part_not_lists_times_levels() {
        let levels: String = (0..12)
            .map(|l| format!("<w:lvl w:ilvl=\"{l}\"><w:numFmt w:val=\"{}\"/></w:lvl>", if l == 3 { "bullet" } else { "decimal" }))
            .collect();
        let nums: String = (1..=2000).map(|n| format!("<w:num w:numId=\"{n}\"><w:abstractNumId w:val=\"7\"/></w:num>")).collect();
        let xml = format!("<w:numbering {W}><w:abstractNum w:abstractNumId=\"7\">{levels}</w:abstractNum>{nums}</w:numbering>");
        let numbering = Numbering::read(xml.as_bytes());
        assert_eq!((numbering.abstracts.len(), numbering.formats.len()), (2000, 9));
        assert!(numbering.ordered("1500", 2) && !numbering.ordered("1500", 3) && numbering.ordered("9", 8));
        assert!(!numbering.ordered("2001", 0));
        assert_eq!(list_level(Some("99999")), 8);
    }

    #[test]
    fn text_cannot_fake_a_note_or_break_the_reader() {
        let body =
            format!("<w:p>{}{}<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>", run("a\u{0}b\u{0}\u{0}c"), run("\u{0}f1\u{0} نص"));
        let (md, converted) = markdown(&body);
        assert_eq!(md, "abcf1 نص[^1]\n\n[^1]: الحاشية الحقيقية\n");
        assert_eq!(converted.article.notes.len(), 1);
    }
}
