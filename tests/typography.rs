//! The typography of issue 20, read back from the PDF: glyph positions and
//! sizes from `mutool draw -F stext`, rules and bars from `mutool trace`,
//! metadata from `pdfinfo` and `mutool show`. Built once each: the seeds,
//! the seeds with Arabic-Indic numerals, and the markdown test dossier
//! (`tests/fixtures/markdown-dossier`, every GFM construct in both
//! languages).
//!
//! Needs `typst`, poppler and `mutool`; skipped with
//! `DOSSIER_SKIP_PDF_TESTS=1` or when typst is missing.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn tools_present() -> bool {
    pdf_tools_present(&["pdftotext", "pdfinfo", "mutool"])
}

/// `from` copied into a fresh folder named `name`, `extra` appended to its
/// dossier.toml, built; the temporary folder and the PDF.
fn build_copy(from: &Path, name: &str, extra: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_dir(from, &dir);
    if !extra.is_empty() {
        let toml = dir.join("dossier.toml");
        let mut text = std::fs::read_to_string(&toml).unwrap_or_default();
        text.push_str(extra);
        std::fs::write(&toml, text).unwrap();
    }
    let out = tmp.path().join("out");
    let result = run(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()], b"", &root());
    assert!(result.status.success(), "build of {name} failed: {}", text(&result.stderr));
    (tmp, out.join("dossier.pdf"))
}

fn seeds_pdf() -> &'static Path {
    static PDF: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PDF.get_or_init(|| build_copy(&root().join("seeds"), "seeds", "")).1
}

fn markdown_pdf() -> &'static Path {
    static PDF: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PDF.get_or_init(|| build_copy(&root().join("tests/fixtures/markdown-dossier"), "markdown-dossier", "")).1
}

/// One drawn character: its baseline origin, advance, face and size.
#[derive(Debug, Clone)]
struct Glyph {
    c: char,
    x: f64,
    y: f64,
    w: f64,
    font: String,
    size: f64,
}

/// Every page's glyphs, from mutool's structured text.
fn glyphs(pdf: &Path) -> Vec<Vec<Glyph>> {
    let xml = tool("mutool", &["draw", "-q", "-F", "stext", "-o", "-", pdf.to_str().unwrap()]);
    let mut pages: Vec<Vec<Glyph>> = Vec::new();
    let (mut font, mut size) = (String::new(), 0.0);
    for row in xml.lines().map(str::trim) {
        if row.starts_with("<page ") {
            pages.push(Vec::new());
        } else if row.starts_with("<font ") {
            font = attr(row, "name").unwrap().to_string();
            size = attr(row, "size").unwrap().parse().unwrap();
        } else if row.starts_with("<char ") {
            let quad: Vec<f64> = attr(row, "quad").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
            let num = |k| attr(row, k).unwrap().parse::<f64>().unwrap();
            pages.last_mut().unwrap().push(Glyph {
                c: unescape(attr(row, "c").unwrap()).chars().next().unwrap(),
                x: num("x"),
                y: num("y"),
                w: quad[2] - quad[0],
                font: font.clone(),
                size,
            });
        }
    }
    pages
}

/// The glyphs spelling `word` left to right on one baseline (as Latin and
/// digits are drawn; Arabic is stored in visual order, so search it
/// reversed), from the first place it occurs on any page: (page, glyphs).
fn find(pages: &[Vec<Glyph>], word: &str) -> Option<(usize, Vec<Glyph>)> {
    find_from(pages, word, 0)
}

/// [`find`] from page index `first` on.
fn find_from(pages: &[Vec<Glyph>], word: &str, first: usize) -> Option<(usize, Vec<Glyph>)> {
    let want: Vec<char> = word.chars().collect();
    for (p, page) in pages.iter().enumerate().skip(first) {
        // A line's end space can sit at a glyph's place: spaces count only
        // in a search for several words.
        let mut by_line: Vec<&Glyph> = page.iter().filter(|g| g.c != ' ' || want.contains(&' ')).collect();
        by_line.sort_by(|a, b| (a.y.round() as i64, a.x).partial_cmp(&(b.y.round() as i64, b.x)).unwrap());
        for i in 0..by_line.len() {
            if by_line.len() - i >= want.len()
                && (0..want.len()).all(|k| by_line[i + k].c == want[k] && (by_line[i + k].y - by_line[i].y).abs() < 0.5)
            {
                return Some((p, by_line[i..i + want.len()].iter().map(|g| (*g).clone()).collect()));
            }
        }
    }
    None
}

fn visual(arabic: &str) -> String {
    arabic.chars().rev().collect()
}

/// A filled or stroked path: its colour as mutool writes it and its box.
#[derive(Debug)]
struct Shape {
    color: String,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

fn shapes(pdf: &Path, page: usize) -> Vec<Shape> {
    let trace = tool("mutool", &["trace", pdf.to_str().unwrap(), &page.to_string()]);
    let mut out = Vec::new();
    // The path being read: its box so far, and its origin.
    let mut current: Option<(Shape, f64, f64)> = None;
    for row in trace.lines().map(str::trim) {
        if row.starts_with("<fill_path ") || row.starts_with("<stroke_path ") {
            let t: Vec<f64> = attr(row, "transform").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
            let color = attr(row, "color").unwrap_or("").to_string();
            current = Some((Shape { color, x0: f64::MAX, x1: f64::MIN, y0: f64::MAX, y1: f64::MIN }, t[4], t[5]));
        } else if row.starts_with("<moveto ") || row.starts_with("<lineto ") || row.starts_with("<curveto ") {
            if let Some((shape, tx, ty)) = current.as_mut() {
                let x = *tx + attr(row, "x").or(attr(row, "x3")).unwrap().parse::<f64>().unwrap();
                let y = *ty + attr(row, "y").or(attr(row, "y3")).unwrap().parse::<f64>().unwrap();
                (shape.x0, shape.x1, shape.y0, shape.y1) = (shape.x0.min(x), shape.x1.max(x), shape.y0.min(y), shape.y1.max(y));
            }
        } else if row.starts_with("</fill_path") || row.starts_with("</stroke_path") {
            if let Some((shape, ..)) = current.take().filter(|(shape, ..)| shape.x0 <= shape.x1) {
                out.push(shape);
            }
        }
    }
    out
}

const PAGE_WIDTH: f64 = 595.276;

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

/// The size most of a page's glyphs in `font` are set at.
fn usual_size(page: &[Glyph], font: &str) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for g in page.iter().filter(|g| g.font == font) {
        let key = (g.size * 100.0).round() as i64;
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).map(|(k, _)| *k as f64 / 100.0).unwrap_or(0.0)
}

#[test]
fn body_headings_and_latin_runs_follow_the_type_scale() {
    if !tools_present() {
        return;
    }
    let pages = glyphs(markdown_pdf());
    let (p, _) = find(&pages, &visual("تعرض")).expect("the first article's first paragraph");
    // Noto Naskh Arabic body at 12 pt, larger than a Latin text's 11.
    assert!(close(usual_size(&pages[p], "NotoNaskhArabic-Regular"), 12.0, 0.05));
    let size_of = |arabic: &str| find_from(&pages, &visual(arabic), p).unwrap_or_else(|| panic!("{arabic} not found")).1[0].size;
    let title = size_of("قراءة");
    let h2 = size_of("النتائج");
    let h3 = size_of("بقي");
    let h4 = size_of("منهجية");
    // Stepped: 1.75, 1.45, 1.22, 1.08 × the body.
    for (got, want) in [(title, 21.0), (h2, 17.4), (h3, 14.64), (h4, 12.96)] {
        assert!(close(got, want, 0.1), "heading at {got} pt, wanted {want} (title {title}, h2 {h2}, h3 {h3}, h4 {h4})");
    }
    // A Latin run inside Arabic text: the Latin face, scaled to the Naskh.
    let (_, cpp) = find(&pages, "C++").expect("C++ in the Arabic alert");
    assert!(cpp[0].font.contains("NotoSerif") && close(cpp[0].size, 12.0 * 0.88, 0.05), "{:?}", cpp[0]);
    // Digits inside Arabic text come from the Naskh.
    let (_, fifty) = find(&pages, "50").expect("50% in the Arabic alert");
    assert!(fifty[0].font.contains("NotoNaskhArabic"), "{:?}", fifty[0]);
    // An English article is set at the Latin size that matches.
    let (_, english) = find(&pages, "Election").expect("the English article");
    assert!(close(english[0].size, 12.0 * 0.88, 0.05), "{:?}", english[0]);
}

#[test]
fn bars_rules_and_table_cells_take_the_side_of_their_direction() {
    if !tools_present() {
        return;
    }
    let pdf = markdown_pdf();
    let pages = glyphs(pdf);
    // The alerts' accent bars (#1f4e79, thin and tall): on the right of the
    // Arabic one, on the left of the English one.
    let bar_x = |word: &str| {
        let (p, _) = find(&pages, word).unwrap_or_else(|| panic!("{word}"));
        let bars: Vec<Shape> =
            shapes(pdf, p + 1).into_iter().filter(|s| s.color.starts_with(".12156") && s.x1 - s.x0 < 4.0 && s.y1 - s.y0 > 10.0).collect();
        assert_eq!(bars.len(), 1, "one alert bar on page {}: {bars:?}", p + 1);
        bars[0].x0
    };
    assert!(bar_x(&visual("قاعدة")) > PAGE_WIDTH / 2.0, "the Arabic alert's bar is on the right");
    assert!(bar_x("Warning") < PAGE_WIDTH / 2.0, "the English alert's bar is on the left");
    // A block quote has a rule, on its start side.
    let (p, _) = find(&pages, &visual("تكذب")).unwrap();
    let quote = shapes(pdf, p + 1).into_iter().find(|s| s.color == ".5882353" && s.x1 - s.x0 < 3.0 && s.y1 - s.y0 > 10.0);
    assert!(quote.is_some_and(|q| q.x0 > PAGE_WIDTH / 2.0), "the Arabic quote's rule is on the right");

    // The Arabic table: `:--` cells flush right (the start), `--:` flush
    // left (the end), every cell of a row on one baseline.
    let row = |number: &str| find(&pages, number).unwrap_or_else(|| panic!("{number}")).1;
    let (plus3, plus11) = (row("+3"), row("+11"));
    assert!(close(plus3[0].x, plus11[0].x, 0.3), "`--:` is the end (left) in Arabic: {} vs {}", plus3[0].x, plus11[0].x);
    let astana = row("Astana");
    let (p, _) = find(&pages, "Astana").unwrap();
    let first_row = row("45%");
    let arabic_cell: Vec<&Glyph> =
        pages[p].iter().filter(|g| close(g.y, first_row[0].y, 0.3) && g.x > first_row[2].x + 20.0 && g.c != ' ').collect();
    assert!(!arabic_cell.is_empty(), "the Arabic cell shares the row's baseline with 45% and +3");
    assert!(close(plus3[0].y, first_row[0].y, 0.3), "+3 on the row's baseline");
    let right_edge = |gs: &[&Glyph]| gs.iter().map(|g| g.x + g.w).fold(f64::MIN, f64::max);
    let astana_right = right_edge(&astana.iter().collect::<Vec<_>>());
    assert!(close(right_edge(&arabic_cell), astana_right, 0.5), "`:--` is the start (right) in Arabic");
    // The English table: `--:` flush right, `:--` flush left.
    let (five, forty) = (row("40"), row("10"));
    assert!(close(five.last().unwrap().x + five.last().unwrap().w, forty.last().unwrap().x + forty.last().unwrap().w, 0.3));
    assert!(close(row("Open")[0].x, row("Sort")[0].x, 0.3));
}

#[test]
fn nested_arabic_lists_count_in_abjad_letters() {
    if !tools_present() {
        return;
    }
    let pages = glyphs(markdown_pdf());
    for (letter, item) in [('أ', "الكسور دون"), ('ب', "الكسور من")] {
        let (p, text) = find(&pages, &visual(item)).unwrap_or_else(|| panic!("{item}"));
        let number = pages[p].iter().find(|g| g.c == letter && close(g.y, text[0].y, 0.5) && g.x > text.last().unwrap().x);
        assert!(number.is_some(), "the item `{item}` is numbered {letter}, at its right");
    }
}

#[test]
fn contents_entries_have_leaders_and_their_page_on_the_title_line() {
    if !tools_present() {
        return;
    }
    let pages = glyphs(seeds_pdf());
    let contents = &pages[1];
    let lines: std::collections::BTreeSet<i64> = contents.iter().filter(|g| g.c == '.').map(|g| (g.y * 10.0).round() as i64).collect();
    let mut entries = 0;
    for y in lines {
        let on_line: Vec<&Glyph> = contents.iter().filter(|g| ((g.y * 10.0).round() as i64 - y).abs() <= 2).collect();
        let dots: Vec<&&Glyph> = on_line.iter().filter(|g| g.c == '.').collect();
        if dots.len() < 10 {
            continue;
        }
        entries += 1;
        let leftmost_dot = dots.iter().map(|g| g.x).fold(f64::MAX, f64::min);
        let number = on_line.iter().filter(|g| g.c.is_ascii_digit()).map(|g| g.x).fold(f64::MAX, f64::min);
        let title = on_line.iter().filter(|g| ('\u{0600}'..='\u{06FF}').contains(&g.c)).map(|g| g.x).fold(f64::MIN, f64::max);
        assert!(number < leftmost_dot && title > leftmost_dot, "page number, leaders, title on one baseline at y {y}");
    }
    assert_eq!(entries, 6, "five articles and the editorial notes, each with leaders");
}

#[test]
fn metadata_has_no_direction_controls_and_figures_have_alt_text() {
    if !tools_present() {
        return;
    }
    let isolates = |s: &str| s.chars().filter(|c| ('\u{2066}'..='\u{2069}').contains(c)).count();
    for pdf in [seeds_pdf(), markdown_pdf()] {
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert_eq!(isolates(&info), 0, "{info}");
        let outline = tool("mutool", &["show", pdf.to_str().unwrap(), "outline"]);
        assert!(outline.lines().count() >= 5 && isolates(&outline) == 0, "{outline}");
        // Built as PDF/UA-1, which typst checked.
        let metadata = tool("mutool", &["show", pdf.to_str().unwrap(), "trailer/Root/Metadata"]);
        // (mutool folds long lines)
        assert!(metadata.replace('\n', "").contains("pdfuaid:part>1<"), "no PDF/UA identification: {metadata}");
    }
    let info = tool("pdfinfo", &[seeds_pdf().to_str().unwrap()]);
    assert!(info.contains("Title:           كازاخستان: أحداث كانون الثاني/يناير 2022 — Kazakhstan: the January 2022 unrest"), "{info}");
    // The figure's alternative text is its markdown alt text.
    let objects = tool("mutool", &["show", markdown_pdf().to_str().unwrap(), "grep"]);
    let alt: Vec<String> = objects
        .split("/Alt<FEFF")
        .skip(1)
        .map(|rest| {
            let hex = &rest[..rest.find('>').unwrap()];
            let units: Vec<u16> = (0..hex.len()).step_by(4).map(|i| u16::from_str_radix(&hex[i..i + 4], 16).unwrap()).collect();
            String::from_utf16(&units).unwrap()
        })
        .collect();
    assert!(alt.iter().any(|a| a == "نسبة المشاركة في الدوائر الخمس"), "{alt:?}");
}

#[test]
fn the_cover_is_designed_and_bilingual() {
    if !tools_present() {
        return;
    }
    let pdf = seeds_pdf();
    let cover = tool("pdftotext", &["-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"]);
    let cover: String = cover.chars().filter(|c| !matches!(c, '\u{202a}'..='\u{202e}')).collect();
    for part in ["Kazakhstan: the January 2022 unrest", "Press dossier", "ملف صحفي", "20 January 2022", "5 articles", "مقالات"]
    {
        assert!(cover.contains(part), "{part} is not on the cover:\n{cover}");
    }
    // The Arabic date names its month, as the title does.
    assert_eq!(cover.matches("كانون الثاني/يناير").count(), 2, "the Arabic date names its month:\n{cover}");
    // A heavy rule at the head and a rule under the title block.
    let rules = shapes(pdf, 1).into_iter().filter(|s| s.x1 - s.x0 > 300.0).count();
    assert!(rules >= 2, "the cover's rules");
}

/// `[dossier] logo`: an image inside the folder is drawn on the cover; one
/// outside it is an error naming the setting, as for an article's image.
#[test]
fn the_cover_logo_is_a_checked_image_from_inside_the_folder() {
    if !tools_present() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("with-logo");
    copy_dir(&root().join("seeds"), &dir);
    std::fs::copy(root().join("tests/fixtures/markdown-dossier/images/chart.png"), dir.join("logo.png")).unwrap();
    let toml = std::fs::read_to_string(dir.join("dossier.toml")).unwrap();
    let out = tmp.path().join("out");
    let build = || run(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()], b"", &root());
    std::fs::write(dir.join("dossier.toml"), toml.replacen("[dossier]", "[dossier]\nlogo = \"logo.png\"", 1)).unwrap();
    let result = build();
    assert!(result.status.success(), "{}", text(&result.stderr));
    let cover = tool("mutool", &["trace", out.join("dossier.pdf").to_str().unwrap(), "1"]);
    assert!(cover.contains("<fill_image"), "the logo is on the cover");
    std::fs::write(dir.join("dossier.toml"), toml.replacen("[dossier]", "[dossier]\nlogo = \"../outside.png\"", 1)).unwrap();
    std::fs::write(tmp.path().join("outside.png"), std::fs::read(dir.join("logo.png")).unwrap()).unwrap();
    let result = build();
    let err = text(&result.stderr);
    assert!(!result.status.success() && err.contains("[dossier] logo") && err.contains("outside the dossier folder"), "{err}");
}

#[test]
fn arabic_indic_numerals_on_folios_contents_cover_and_dates() {
    if !tools_present() {
        return;
    }
    let (_tmp, pdf) = build_copy(&root().join("seeds"), "seeds", "\n[style]\nnumerals = \"arabic-indic\"\nmonths = \"levantine\"\n");
    let pages = glyphs(&pdf);
    let folio = |p: usize| pages[p].iter().filter(|g| g.y > 780.0).map(|g| g.c).collect::<String>();
    assert_eq!(folio(2), "٣", "page 3's folio");
    assert!(pages[1].iter().any(|g| g.c == '٣') && !pages[1].iter().any(|g| g.c == '3'), "contents page numbers");
    let cover = tool("pdftotext", &["-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"]);
    assert!(cover.contains("٢٠") && cover.contains("٢٠٢٢") && cover.contains("كانون الثاني"), "{cover}");
    assert_eq!(cover.matches("يناير").count(), 1, "months = levantine: only the title says يناير: {cover}");
    // The default keeps Western digits.
    assert_eq!(glyphs(seeds_pdf())[2].iter().filter(|g| g.y > 780.0).map(|g| g.c).collect::<String>(), "3");
}

#[test]
fn an_english_article_keeps_the_binding_side_and_large_figures_leave_no_gap() {
    if !tools_present() {
        return;
    }
    let pdf = markdown_pdf();
    let pages = glyphs(pdf);
    // The rule under each article's title spans the text width: on odd
    // pages the same whatever the article's language.
    let rule_x =
        |p: usize| shapes(pdf, p + 1).into_iter().find(|s| s.color == ".6666667" && s.x1 - s.x0 > 300.0).map(|s| s.x0).expect("title rule");
    let (arabic, _) = find(&pages, &visual("تعرض")).unwrap();
    let (english, _) = find(&pages, "Election").unwrap();
    assert_eq!((arabic % 2, english % 2), (0, 0), "both start on odd pages");
    assert!(close(rule_x(arabic), rule_x(english), 0.1), "the English article's margins are the Arabic's");
    // The figure's page: no empty band of more than a quarter of the text
    // height between what is drawn on it.
    let (p, _) = find(&pages, &visual("الخمس")).expect("the caption");
    let top = 2.5 / 2.54 * 72.0;
    let bottom = 841.89 - 2.3 / 2.54 * 72.0;
    let mut bands: Vec<(f64, f64)> = pages[p].iter().filter(|g| g.y > top && g.y < bottom).map(|g| (g.y - g.size, g.y)).collect();
    for image in tool("mutool", &["trace", pdf.to_str().unwrap(), &(p + 1).to_string()]).lines().filter(|l| l.contains("<fill_image")) {
        let t: Vec<f64> = attr(image, "transform").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
        bands.push((t[5].min(t[5] + t[3]), t[5].max(t[5] + t[3])));
    }
    bands.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    let mut reach = top;
    let mut widest = 0.0f64;
    for (y0, y1) in bands {
        widest = widest.max(y0 - reach);
        reach = reach.max(y1);
    }
    assert!(widest < (bottom - top) / 4.0, "a gap of {widest:.0} pt on page {}", p + 1);
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

fn is_latin_mark(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '%' | '+')
}

/// Places where a Latin letter, digit or sign touches an Arabic letter.
fn glues_in(text: &str) -> usize {
    let cs: Vec<char> = text.chars().collect();
    cs.windows(2).filter(|p| (is_latin_mark(p[0]) && is_arabic_letter(p[1])) || (is_arabic_letter(p[0]) && is_latin_mark(p[1]))).count()
}

/// The same in the drawn text: such glyphs on one baseline with less than
/// a point between them (a space is a gap of 2.6 pt or more).
fn glued(pages: &[Vec<Glyph>]) -> Vec<String> {
    let mut found = Vec::new();
    for page in pages {
        let mut sorted: Vec<&Glyph> = page.iter().collect();
        sorted.sort_by(|a, b| ((a.y * 2.0).round(), a.x).partial_cmp(&((b.y * 2.0).round(), b.x)).unwrap());
        for pair in sorted.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let touching = (a.y * 2.0).round() == (b.y * 2.0).round() && b.x - (a.x + a.w) < 1.0;
            if touching && glues_in(&format!("{}{}", a.c, b.c)) > 0 {
                found.push(format!("{}{}", a.c, b.c));
            }
        }
    }
    found
}

/// Copy-out at direction changes. The PDF holds every space the source has
/// between a Latin run and an Arabic word (checked on glyph positions with
/// mutool). Poppler's pdftotext still glues some of them (`C++مع`): its own
/// reordering of a right-to-left line hangs the space on the wrong side of
/// the left-to-right run; a hand-written Typst page without isolates shows
/// the same, so that count is reported, not held to zero.
#[test]
fn copied_text_keeps_spaces_at_direction_changes() {
    if !tools_present() {
        return;
    }
    let pages = glyphs(markdown_pdf());
    let drawn = glued(&pages);
    assert!(drawn.is_empty(), "glued in the drawn text: {drawn:?}");
    for (word, then) in [("C++", "مع"), ("50%", "من")] {
        let (p, run) = find(&pages, word).unwrap_or_else(|| panic!("{word}"));
        // The word after the run, to its left on its baseline: its first
        // letter is the nearest.
        let before = pages[p]
            .iter()
            .filter(|g| close(g.y, run[0].y, 0.5) && g.c != ' ' && g.x + g.w <= run[0].x + 0.1)
            .max_by(|a, b| (a.x + a.w).partial_cmp(&(b.x + b.w)).unwrap())
            .unwrap();
        assert!(then.starts_with(before.c), "{word} is followed by {then}, not {}", before.c);
        let gap = run[0].x - (before.x + before.w);
        assert!(gap > 2.0, "{word} {then}: {gap:.1} pt apart");
    }
    let seeds = glyphs(seeds_pdf());
    let clean: String = std::fs::read_dir(seeds_pdf().parent().unwrap().join("clean"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let in_source: usize = clean.split_whitespace().map(glues_in).sum();
    let drawn = glued(&seeds);
    assert!(drawn.len() <= in_source, "{} glued in the seeds' PDF against {in_source} in their text: {drawn:?}", drawn.len());
    let copied: usize = pdf_text(seeds_pdf()).split_whitespace().map(glues_in).sum();
    eprintln!("seeds: {in_source} in the text, {} drawn, {copied} in pdftotext's copy (Poppler's reordering)", drawn.len());
}
