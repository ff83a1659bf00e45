//! Pasted web text to a markdown article (cleanup.md, "Import").
//!
//! Inference is shown, never silent: every removed line and every guess is
//! recorded in an [`ImportReport`]. Text from a `.txt` is data: any markdown
//! syntax in it is escaped so it comes out literally.

use serde::Serialize;

use crate::config::{ArticleMeta, Bilingual};
use crate::text::chars::is_letter;

/// Line starts that mark site furniture, removed on import.
pub const FURNITURE: &[&str] = &[
    "هل أعجبك المحتوى",
    "انضم إلى قائمة",
    "اشترك في النشرة",
    "اترك رد",
    "اترك تعليقا",
    "اترك تعليقاً",
    "لن يتم نشر عنوان بريدك الإلكتروني",
    "للقراءة أو الاستماع:",
    "للقراءة والاستماع:",
    "اقرأ أيضا:",
    "اقرأ أيضاً:",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "موضوع ذا صلة:",
    "مواضيع ذات صلة",
    "مصدر الصور:",
    "مصدر الصورة:",
    "شارك هذا المقال",
    "Share this",
    "Read more:",
    "Related:",
];

/// Words a share or print bar is made of (a line of nothing else is one).
const SHARE_WORDS: &[&str] = &[
    "شارك",
    "شاركها",
    "مشاركة",
    "المشاركة",
    "طباعة",
    "اطبع",
    "فيسبوك",
    "فيس",
    "بوك",
    "تويتر",
    "واتساب",
    "واتس",
    "آب",
    "تلغرام",
    "تيليغرام",
    "لينكدإن",
    "إكس",
    "البريد",
    "الإلكتروني",
    "نسخ",
    "الرابط",
    "غرد",
    "أرسل",
    "عبر",
    "على",
    "Share",
    "share",
    "Print",
    "print",
    "Facebook",
    "Twitter",
    "X",
    "WhatsApp",
    "Telegram",
    "LinkedIn",
    "Email",
    "E-mail",
    "Tweet",
    "Copy",
    "link",
    "Pinterest",
    "Reddit",
    "this",
    "on",
    "via",
];

/// Line starts of a photo's caption or credit.
const PHOTO: &[&str] = &[
    "صورة:",
    "صورة من",
    "(صورة",
    "الصورة:",
    "الصورة من",
    "(الصورة",
    "صور:",
    "تصوير:",
    "(تصوير",
    "مصدر الصورة",
    "Photo:",
    "(Photo",
    "Photo by",
    "Photograph:",
    "Image:",
    "Image credit",
    "(Image",
    "Picture:",
    "Credit:",
];

/// Headers of a "read more" block: the header and the headlines under it go.
const READ_MORE: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "إقرأ أيضا",
    "إقرأ أيضاً",
    "اقرأ المزيد",
    "إقرأ المزيد",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "أخبار ذات صلة",
    "أخبار أخرى",
    "مقالات ذات صلة",
    "قد يعجبك أيضا",
    "قد يعجبك أيضاً",
    "الأكثر قراءة",
    "Read more",
    "Read also",
    "Related",
    "Related articles",
    "Related stories",
    "More from",
    "You may also like",
    "Most read",
];

/// First crumbs of a breadcrumb trail.
const HOME: &[&str] = &["الرئيسية", "الصفحة الرئيسية", "الرئيسة", "Home", "Homepage"];

const REFERENCES: &[&str] = &["المراجع:", "المراجع", "المصادر:", "References:", "Sources:"];
const SEE: &[&str] = &["أنظر:", "انظر:", "See:"];

/// What import removed and guessed, for the report and the appendix.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ImportReport {
    /// Lines removed as site furniture, as they were.
    pub removed: Vec<String>,
    /// Each guess, in one sentence.
    pub guesses: Vec<String>,
}

/// A `.txt` article turned into markdown, with what was inferred.
#[derive(Debug, Clone)]
pub struct Imported {
    pub meta: ArticleMeta,
    pub markdown: String,
    pub report: ImportReport,
}

/// The words of `line` that hold a letter, counted up to [`SHORT`] + 1:
/// every test here asks only whether a line is short, and a paragraph's
/// line is not read to its end for that.
fn word_count(line: &str) -> usize {
    line.split_whitespace().filter(|w| w.chars().any(is_letter)).take(SHORT + 1).count()
}

/// The most words any test of a line's length here counts to.
const SHORT: usize = 60;

/// A short stand-alone line that does not end a sentence: a heading.
pub fn is_heading_like(line: &str) -> bool {
    let words = word_count(line);
    let t = line.trim_end();
    (1..=12).contains(&words)
        && !t.ends_with(['.', '،', ':', ',', ';', '؛', '-', '–'])
        && !t.starts_with(['(', '«', '"', '“', '”', '-', '*'])
        && !t.contains("://")
}

/// A line of site furniture (the built-in list, `extra`, and the shapes of
/// breadcrumbs, share bars, copyright lines and photo credits).
fn is_furniture(line: &str, extra: &[String]) -> bool {
    let t = line.trim();
    FURNITURE.iter().any(|f| t.starts_with(f))
        || extra.iter().any(|f| !f.is_empty() && t.starts_with(f.as_str()))
        || is_breadcrumb(t)
        || is_share_bar(t)
        || is_copyright(t)
        || is_photo_caption(t)
}

/// `الرئيسية » أخبار » آسيا`, `Home › World › Asia`: short crumbs between
/// separators (cleanup may have glued a `»` to the word before it).
pub fn is_breadcrumb(line: &str) -> bool {
    let parts: Vec<&str> = line.split(['>', '›', '»', '/', '|', '←', '→']).map(str::trim).collect();
    if parts.len() < 2 {
        return false;
    }
    let crumbs_ok = parts.iter().all(|p| (1..=4).contains(&word_count(p)) && !p.contains(['.', '،', '؟', '?', '!', ':', '«']));
    crumbs_ok && (parts.len() >= 3 || (parts.len() == 2 && HOME.contains(&parts[0])))
}

/// A line of share and print buttons: `شارك: فيسبوك تويتر واتساب طباعة`.
pub fn is_share_bar(line: &str) -> bool {
    let mut words =
        line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ':' | '،' | ',' | '-' | '/')).filter(|w| !w.is_empty());
    // Stops at the first word that is not a button's.
    let buttons = words.by_ref().take(12).try_fold(0, |n, w| SHARE_WORDS.contains(&w).then_some(n + 1));
    matches!(buttons, Some(1..)) && words.next().is_none()
}

/// `© 2022 الموقع. جميع الحقوق محفوظة`, `All rights reserved.`
pub fn is_copyright(line: &str) -> bool {
    let marked = line.contains('©')
        || line.contains("جميع الحقوق محفوظة")
        || line.contains("حقوق النشر محفوظة")
        || ((line.contains("eserved") || line.contains("ESERVED"))
            && line.as_bytes().windows(19).any(|w| w.eq_ignore_ascii_case(b"all rights reserved")));
    marked && word_count(line) <= 20
}

/// A photo's caption or credit: `(صورة: رويترز) رجال الإنقاذ…`.
pub fn is_photo_caption(line: &str) -> bool {
    PHOTO.iter().any(|p| line.starts_with(p)) && word_count(line) <= 30
}

/// A linked headline in a "read more" block: short, no clause breaks. An
/// article's own lead-in after the block is longer or has a comma (the
/// NTREX fixture's «وإليكم بعض المعلومات…، بجزيرة سولاوسي» is kept).
fn is_headline(line: &str) -> bool {
    let t = line.trim_start_matches(['-', '•', '*', ' ']);
    is_heading_like(t) && word_count(t) <= 10 && !t.contains(['،', ','])
}

/// The header of a "read more" block, alone on its line.
fn is_read_more(line: &str) -> bool {
    let t = line.trim().trim_end_matches([':', '.', '…', ' ']);
    READ_MORE.iter().any(|h| t.eq_ignore_ascii_case(h))
}

/// Escape what markdown would read as syntax, so pasted text stays text.
pub fn escape_markdown(line: &str) -> String {
    escape_line_start(escape_chars(line))
}

/// Escape the characters markdown (or the Typst behind it) reads as syntax
/// anywhere in a line.
pub fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '@' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escape the line starts that open blocks: `- `, `+ `, `1. `, `1) `.
pub fn escape_line_start(mut out: String) -> String {
    let bytes = out.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if out.starts_with("- ") || out.starts_with("+ ") || out.trim() == "-" || out.trim() == "+" {
        out.insert(0, '\\');
    } else if digits > 0 && digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
    out
}

/// Trailing `:` `-` `–` and spaces of a byline.
fn strip_byline(line: &str) -> String {
    line.trim().trim_end_matches([':', '-', '–', ' ', '\u{200F}']).trim().to_string()
}

fn is_url_line(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")) && !t.contains(' ')
}

/// Which of `lines` (paragraphs) are site furniture: a line of furniture,
/// or a "read more" header and the headlines under it.
pub fn furniture_lines(lines: &[&str], extra: &[String]) -> Vec<bool> {
    // Headlines left to remove under a "read more" header.
    let mut in_read_more = 0;
    lines
        .iter()
        .map(|line| {
            if is_read_more(line) {
                in_read_more = 5;
                true
            } else if in_read_more > 0 && is_headline(line) {
                in_read_more -= 1;
                true
            } else {
                in_read_more = 0;
                is_furniture(line, extra)
            }
        })
        .collect()
}

/// A `.txt` directive line as the markdown comment that does the same,
/// on a line of its own (names are kept only as codes and names are
/// spelled, so nothing can close the comment).
/// `None` for a line that is no directive; `Some(None)` for one whose names
/// are none of them codes or names (it switched nothing off, and a comment
/// without them would switch off every rule); else the comment, and
/// whether it is for the whole file.
fn directive_comment(line: &str) -> Option<Option<(bool, String)>> {
    let (scope, names) = crate::clean::suppress::marker_line(line)?;
    let file = scope == crate::clean::layout::Scope::File;
    let keyword = if file { "dossier-ignore-file" } else { "dossier-ignore-next-line" };
    let spelled: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !n.contains("--"))
        .collect();
    if spelled.is_empty() && !names.is_empty() {
        return Some(None);
    }
    Some(Some((file, format!("<!-- {keyword} {} -->\n", spelled.join(" ")))))
}

/// Turn cleaned pasted text into a markdown article. `meta` is what the
/// dossier already knows (it wins over every guess).
pub fn import(text: &str, meta: &ArticleMeta, extra_furniture: &[String]) -> Imported {
    let mut report = ImportReport::default();
    let mut meta = meta.clone();
    let all: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut lines: Vec<&str> = Vec::new();
    // `dossier-ignore` marker lines, as markdown comments: those for the
    // whole file, and the others by the index of the line they come before
    // (see `clean::suppress`).
    let mut file_wide = String::new();
    let mut directives: Vec<(usize, String)> = Vec::new();
    for (line, furniture) in all.iter().zip(furniture_lines(&all, extra_furniture)) {
        if let Some(directive) = directive_comment(line) {
            match directive {
                Some((true, comment)) => file_wide.push_str(&comment),
                Some((false, comment)) => directives.push((lines.len(), comment)),
                None => {}
            }
        } else if furniture {
            report.removed.push(line.to_string());
        } else {
            lines.push(line);
        }
    }

    // Title: metadata wins; else a heading-like first line.
    let mut start = 0;
    if let Some(first) = lines.first() {
        if meta.title.is_empty() && is_heading_like(first) {
            meta.title = Bilingual::from_plain(first);
            report.guesses.push(format!("title from the first line: «{first}»"));
            start = 1;
        } else if meta.title.primary() == Some(first) {
            start = 1;
        }
    }
    let opening_words = lines.get(start).map(|l| l.split_whitespace().take(8).collect::<Vec<_>>().join(" "));

    // Bylines at the top: `موقع العهد الإخباري-` (outlet), `جورج حداد:` (author).
    let mut dateline = None;
    while let Some(line) = lines.get(start) {
        let words = word_count(line);
        let t = line.trim_end();
        if words <= 4 && t.ends_with(['-', '–']) {
            let outlet = strip_byline(t);
            if meta.source.is_empty() {
                meta.source = Bilingual::from_plain(&outlet);
                report.guesses.push(format!("outlet from the byline «{t}»"));
            }
            start += 1;
        } else if words <= 4 && t.ends_with(':') && !SEE.contains(&t) && !REFERENCES.contains(&t) {
            let author = strip_byline(t);
            if meta.author.is_none() {
                meta.author = Some(author);
                report.guesses.push(format!("author from the byline «{t}»"));
            }
            start += 1;
        } else {
            break;
        }
    }
    // A dateline opening the first paragraph: `الماتي – كازاخستان: – أنجزت`.
    if let Some(line) = lines.get(start) {
        if let Some((place, _)) = line.split_once(": –").or_else(|| line.split_once(": -")) {
            if word_count(place) <= 4 && !place.contains(['.', '،']) {
                dateline = Some(place.to_string());
                report.guesses.push(format!("dateline «{place}»"));
            }
        }
    }

    // At the end: an agency credit `(أ ف ب)`, and an author's name with a
    // short biography.
    let mut end = lines.len();
    if end > start {
        let last = lines[end - 1].trim();
        if last.starts_with('(') && last.ends_with(')') && word_count(last) <= 4 {
            meta.credit.get_or_insert_with(|| last.trim_matches(['(', ')']).trim().to_string());
            report.guesses.push(format!("agency credit {last}"));
            end -= 1;
        }
    }
    if end >= start + 3 {
        let (name, bio) = (lines[end - 2], lines[end - 1]);
        let name_like =
            (2..=4).contains(&word_count(name)) && !name.contains(['.', '،', ':', '؟', '?', '!']) && !name.chars().any(char::is_numeric);
        if name_like && word_count(bio) <= SHORT && bio.trim_end().ends_with(['.', '؟']) {
            if meta.author.is_none() {
                meta.author = Some(name.to_string());
            }
            meta.bio = Some(bio.to_string());
            report.guesses.push(format!("author «{name}» with a biography at the end"));
            end -= 2;
        }
    }

    // Body and references. A next-line directive before a line that left
    // the body (a byline, a credit read into the metadata) reaches nothing
    // in it and is not written.
    let mut md = file_wide;
    let mut in_refs = false;
    let mut refs: Vec<(Vec<String>, Option<String>)> = Vec::new();
    let mut next_directive = directives.partition_point(|(at, _)| *at < start);
    for (i, line) in lines[start..end].iter().enumerate() {
        while let Some((_, comment)) = directives.get(next_directive).filter(|(at, _)| *at == start + i) {
            md.push_str(comment);
            next_directive += 1;
        }
        let t = line.trim();
        if REFERENCES.contains(&t) {
            in_refs = true;
            report.guesses.push("a references section".to_string());
            continue;
        }
        if in_refs {
            if SEE.contains(&t) {
                refs.push((Vec::new(), None));
                continue;
            }
            if refs.is_empty() {
                refs.push((Vec::new(), None));
            }
            let entry = refs.last_mut().unwrap();
            if is_url_line(t) && entry.1.is_none() {
                entry.1 = Some(t.to_string());
            } else if is_url_line(t) {
                refs.push((Vec::new(), Some(t.to_string())));
            } else {
                entry.0.push(t.to_string());
            }
            continue;
        }
        let first_body = i == 0;
        if let (true, Some(place)) = (first_body, &dateline) {
            md.push_str("**");
            md.push_str(&escape_markdown(place));
            md.push_str("**");
            md.push_str(&escape_markdown(&t[place.len()..]));
        } else if is_heading_like(t) {
            md.push_str("## ");
            md.push_str(&escape_markdown(t));
        } else {
            md.push_str(&escape_markdown(t));
        }
        md.push_str("\n\n");
    }
    if !refs.is_empty() {
        md.push_str("## المراجع\n\n");
        for (n, (text, url)) in refs.iter().filter(|(t, u)| !t.is_empty() || u.is_some()).enumerate() {
            let citation = escape_markdown(&text.join(" "));
            let line = match (citation.is_empty(), url) {
                (_, Some(u)) if citation.is_empty() => format!("<{u}>"),
                (_, Some(u)) => format!("{citation} <{u}>"),
                (_, None) => citation,
            };
            md.push_str(&format!("{}. {line}\n", n + 1));
        }
        md.push('\n');
    }
    while md.ends_with("\n\n") {
        md.pop();
    }
    // No title anywhere: the opening words stand in, and the editor is told.
    if meta.title.is_empty() {
        if let Some(words) = opening_words.filter(|w| !w.is_empty()) {
            let title = format!("{}…", words.trim_end_matches(['.', '،', ':', ',', '–', '-', ' ']));
            report.guesses.push(format!("no title: the opening words stand in («{title}»)"));
            meta.title = Bilingual::from_plain(&title);
        }
    }
    Imported { meta, markdown: md, report }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `.txt` directive keeps its meaning as a markdown comment: one for
    /// the file wherever it stood (the end too), one for the next line
    /// before that line; names that are no codes are never widened to
    /// every rule.
    #[test]
    fn directives_keep_their_meaning() {
        let md = |txt: &str| import(txt, &ArticleMeta::default(), &[]).markdown;
        let got = md("عنوان المقال\n\nفقرة أولى طويلة بما يكفي لتكون نصا، وفيها كلام كثير.\ndossier-ignore-file: P001\n");
        assert!(got.starts_with("<!-- dossier-ignore-file P001 -->\n"), "{got}");
        let got = md("عنوان المقال\n\nأول سطر، فيه كلام.\ndossier-ignore-next-line: S001\nثان  سطر، فيه كلام.\n");
        assert!(got.contains("<!-- dossier-ignore-next-line S001 -->\nثان  سطر"), "{got}");
        let got = md("عنوان المقال\n\nأول سطر، فيه كلام.\ndossier-ignore-next-line: S001;\nثان سطر، فيه كلام.\n");
        assert!(!got.contains("dossier-ignore"), "no name left: no directive, never every rule: {got}");
        // Thousands of directives: each is placed once (a cursor, not a scan per line).
        let many: String = (0..3000).map(|i| format!("dossier-ignore-next-line: S001\nسطر رقم {i}، فيه كلام.\n")).collect();
        assert_eq!(md(&format!("عنوان المقال\n\n{many}")).matches("<!-- dossier-ignore-next-line S001 -->").count(), 3000);
    }

    #[test]
    fn headings() {
        assert!(is_heading_like("هل تتحول كازاخستان إلى دولة ممزقة؟"));
        assert!(is_heading_like("مرورا بتركيا.. طائرة من ليبيا إلى كازاخستان"));
        assert!(!is_heading_like("1 – الخط الروسي – الصيني وتدعمه ايران:"));
        assert!(!is_heading_like("وبعد خمسة أيام فقط من بدء الاضطرابات أي في 10/1/2022 لخص الرئيس بوتين الوضع بتصريح صحفي قال فيه ما يلي."));
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(escape_markdown("- بند"), "\\- بند");
        assert_eq!(escape_markdown("1. أول"), "1\\. أول");
        assert_eq!(
            escape_markdown("#read(\"/etc/passwd\") *a* _b_ [c](d) <b> @x"),
            "\\#read(\"/etc/passwd\") \\*a\\* \\_b\\_ \\[c\\](d) \\<b\\> \\@x"
        );
        assert_eq!(escape_markdown("= عنوان"), "\\= عنوان");
    }

    #[test]
    fn bylines_credit_bio_references() {
        let text = "كازاخستان تختار الخط الأوراسي\nموقع العهد الإخباري-\nجورج حداد:\nالماتي – كازاخستان: – أنجزت قوات عسكرية مهمتها.\nفقرة أخرى طويلة بما يكفي لتكون فقرة وليست عنوانا في هذا النص المنقول.\nالمراجع:\nأنظر:\nSputnik. On:\nhttps://bit.ly/3FTnezU\nأنظر:\nhttps://bit.ly/3qQSBGR\nاترك رد\nستيفن صهيوني\nصحفي مختص بالشأن الأمريكي.";
        let imported = import(text, &ArticleMeta::default(), &[]);
        let m = &imported.meta;
        assert_eq!(m.title.ar.as_deref(), Some("كازاخستان تختار الخط الأوراسي"));
        assert_eq!(m.source.ar.as_deref(), Some("موقع العهد الإخباري"));
        assert_eq!(m.author.as_deref(), Some("جورج حداد"));
        assert_eq!(m.bio.as_deref(), Some("صحفي مختص بالشأن الأمريكي."));
        assert_eq!(imported.report.removed, vec!["اترك رد"]);
        assert!(imported.markdown.starts_with("**الماتي – كازاخستان**: – أنجزت"), "{}", imported.markdown);
        let titled = import(
            "عنوان المقال\nجورج حداد:\nالكازاخ والعرب\nفقرة طويلة بما يكفي لتكون فقرة كاملة وليست عنوانا في هذا النص المنقول من الموقع.",
            &ArticleMeta::default(),
            &[],
        );
        assert!(titled.markdown.starts_with("## الكازاخ والعرب\n\n"), "{}", titled.markdown);
        assert!(
            imported.markdown.contains("## المراجع\n\n1. Sputnik. On: <https://bit.ly/3FTnezU>\n2. <https://bit.ly/3qQSBGR>"),
            "{}",
            imported.markdown
        );
    }

    /// A real news article (NTREX-128, CC BY-SA 4.0) pasted with the
    /// furniture a news site puts around it (tests/fixtures/import/).
    #[test]
    fn pasted_page_furniture_is_removed_and_listed() {
        let page = include_str!("../../tests/fixtures/import/ntrex-reuters-218865-paste.txt");
        let imported = import(page, &ArticleMeta::default(), &[]);
        // The headline is the title though a breadcrumb comes first.
        assert_eq!(imported.meta.title.ar.as_deref(), Some("الزلازل وأمواج تسونامي بإندونيسيا"));
        assert_eq!(
            imported.report.removed,
            vec![
                "الرئيسية » أخبار العالم » آسيا",
                "شارك: فيسبوك تويتر واتساب طباعة",
                "(صورة: رويترز) فرق الإنقاذ في مدينة بالو بعد الزلزال",
                "اقرأ أيضا",
                "زلزال بقوة 6 درجات يضرب جزيرة لومبوك",
                "الأمم المتحدة تعلن خطة إغاثة عاجلة",
                "© 2018 وكالة الأنباء. جميع الحقوق محفوظة",
            ]
        );
        // Every paragraph of the article is kept.
        for line in page.lines().skip(4).filter(|l| l.split_whitespace().count() > 12) {
            let start: String = line.chars().take(30).collect();
            assert!(imported.markdown.contains(&escape_markdown(&start)), "lost: {start}");
        }
    }

    #[test]
    fn furniture_shapes() {
        for crumb in ["الرئيسية» أخبار» آسيا", "Home › World › Asia", "الرئيسية > سياسة", "أخبار | اقتصاد | رياضة"]
        {
            assert!(is_breadcrumb(crumb), "{crumb}");
        }
        for text in
            ["قال: إن الوضع > المتوقع بكثير، وإن الحل / الأخير بعيد.", "5/1/2022", "سياسة > اقتصاد", "Kazakhstan: unrest / power struggle"]
        {
            assert!(!is_breadcrumb(text), "{text}");
        }
        assert!(is_share_bar("Share: Facebook | Twitter | Email") && is_share_bar("طباعة"));
        assert!(!is_share_bar("شارك الآلاف في المظاهرات يوم الجمعة"));
        assert!(!is_share_bar(&"طباعة ".repeat(13)) && is_share_bar(&"طباعة ".repeat(12)) && !is_share_bar(" | "));
        assert!(is_copyright("All rights reserved.") && !is_copyright(&"حقوق ".repeat(30)));
        assert!(is_photo_caption("Photo: Reuters") && !is_photo_caption("الصورة الكاملة للأحداث لم تتضح بعد"));
        // A "read more" header takes the headlines under it, not the next paragraph.
        let imported = import(
            "عنوان الخبر\nفقرة أولى طويلة بما يكفي لتكون فقرة كاملة في هذا الخبر المنقول من الموقع.\nRead more:\nعنوان خبر آخر\nفقرة ثانية طويلة بما يكفي لتكون فقرة كاملة في هذا الخبر المنقول من الموقع.",
            &ArticleMeta::default(),
            &[],
        );
        assert_eq!(imported.report.removed, vec!["Read more:", "عنوان خبر آخر"]);
        assert!(imported.markdown.contains("فقرة ثانية"));
    }

    #[test]
    fn agency_credit() {
        let imported =
            import("عنوان قصير\nنص الخبر هنا وهو طويل بما يكفي ليكون فقرة كاملة في المقال.\n(أ ف ب)", &ArticleMeta::default(), &[]);
        assert_eq!(imported.meta.credit.as_deref(), Some("أ ف ب"));
    }
}
