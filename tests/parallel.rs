//! Parallel articles (issue 21): an article and its translation side by
//! side, read back from the PDF's glyph positions (`mutool draw -F stext`):
//! each Arabic block right of the page centre, its English partner left of
//! it, their tops level; a translation out of step reported with its lines
//! in both files and nothing lost; a pair that runs over a page break.
//!
//! Needs `typst` and `mutool`; skipped with `DOSSIER_SKIP_PDF_TESTS=1` or
//! when they are missing.

mod common;
use common::glyphs::{glyphs, Glyph};
use common::*;

use std::path::PathBuf;

const ARABIC: &str = "# الانتخابات البلدية

افتتحت مراكز الاقتراع أبوابها في الصباح الباكر، وتوافد الناخبون على المدارس التي تحولت إلى مراكز للتصويت.

## المرشحون

- مرشح حزب العمل
- مرشح مستقل
- مرشحة عن الشباب

> قال أحد الناخبين: «جئت لأن صوتي مهم لمدينتي».

| الدائرة | المرشحون |
|---|---|
| الأولى | ثلاثة |

![خريطة الدوائر](map.svg)

وأعلنت اللجنة أن النتائج ستصدر مساء الغد بعد فرز جميع الصناديق.
";

const ENGLISH: &str = "# The municipal elections

Polling stations opened their doors early in the morning, and voters streamed into the schools that had become voting centres.

## The candidates

- The Labour party's candidate
- An independent candidate
- A candidate for the young

> One voter said: \"I came because my vote matters to my city.\"

| District | Candidates |
|---|---|
| First | three |

![Map of the districts](map.svg)

The commission announced that the results would be out tomorrow evening, once every ballot box had been counted.
";

/// The first word of each block, in each language, in order: a heading, a
/// paragraph, a list, a quotation, a table, a figure's caption.
const PARTNERS: &[(&str, &str)] = &[
    ("افتتحت", "Polling"),
    ("المرشحون", "candidates"),
    ("حزب", "Labour"),
    ("الناخبين", "said"),
    ("الدائرة", "District"),
    ("خريطة", "Map"),
    ("وأعلنت", "commission"),
];

/// The figure both sides show.
const MAP: &str =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><rect width=\"120\" height=\"40\" fill=\"#888\"/></svg>";

/// Files written into a fresh dossier folder, built; the folder, the PDF
/// and the build's report.
fn build(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, serde_json::Value) {
    let (tmp, pdf, report, _) = build_saying(files);
    (tmp, pdf, report)
}

/// [`build`], and what the build said on standard error.
fn build_saying(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, serde_json::Value, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    for (name, text) in [("map.svg", MAP)].iter().chain(files) {
        std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = tmp.path().join("out");
    let result = run(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()], b"", &root());
    assert!(result.status.success(), "build failed: {}", text(&result.stderr));
    let report = serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    (tmp, out.join("dossier.pdf"), report, text(&result.stderr))
}

/// Where `word` is set (in reading or in visual order): its page, centre
/// and top.
fn find(glyphs: &[Glyph], word: &str) -> (usize, f64, f64) {
    find_from(glyphs, word, 0)
}

/// [`find`] from page `first` on.
fn find_from(glyphs: &[Glyph], word: &str, first: usize) -> (usize, f64, f64) {
    let wanted: Vec<char> = word.chars().collect();
    let reversed: Vec<char> = wanted.iter().rev().copied().collect();
    for w in glyphs.windows(wanted.len()) {
        let cs: Vec<char> = w.iter().map(|g| g.c).collect();
        if (cs == wanted || cs == reversed) && w[0].page >= first && w.iter().all(|g| g.page == w[0].page) {
            let x = w.iter().map(Glyph::x).sum::<f64>() / w.len() as f64;
            let top = w.iter().map(|g| g.top).fold(f64::MAX, f64::min);
            return (w[0].page, x, top);
        }
    }
    panic!("`{word}` is not in the PDF");
}

fn skip() -> bool {
    !pdf_tools_present(&["mutool"])
}

#[test]
fn paired_blocks_start_level_arabic_right_english_left() {
    if skip() {
        return;
    }
    let (_tmp, pdf, report, said) = build_saying(&[("01-vote.md", ARABIC), ("01-vote.en.md", ENGLISH)]);
    let (glyphs, width) = glyphs(&pdf);
    let centre = width / 2.0;
    for (ar, en) in PARTNERS {
        let (pa, xa, ta) = find(&glyphs, ar);
        let (pe, xe, te) = find(&glyphs, en);
        assert_eq!(pa, pe, "{ar} and {en} are on one page");
        assert!(xa > centre && xe < centre, "{ar} at x {xa:.1} right of the centre {centre:.1}, {en} at {xe:.1} left of it");
        assert!((ta - te).abs() <= 2.0, "{ar} starts at {ta:.1} pt, {en} at {te:.1} pt: more than 2 pt apart");
    }
    // One entry in the contents, with both titles; no note of a mismatch.
    let text = pdf_text(&pdf);
    assert!(text.contains("1 article") && text.contains("The municipal elections"), "the pair is one entry: {text}");
    assert!(report["notes"].as_array().unwrap().iter().all(|n| !n.as_str().unwrap().contains("out of step")), "{report}");
    // The summary counts the pair as one article; the report keeps each file and names the pair.
    assert!(said.contains("(1 article (1 pair), "), "{said}");
    assert_eq!(report["articles"].as_array().unwrap().len(), 2, "{report}");
    let pairs = report["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{report}");
    assert_eq!((pairs[0]["article"].as_str(), pairs[0]["translation"].as_str()), (Some("01-vote.md"), Some("01-vote.en.md")));
    assert_eq!(pairs[0]["layout"], "columns");
}

#[test]
fn a_translation_out_of_step_is_reported_and_nothing_is_lost() {
    if skip() {
        return;
    }
    // An extra paragraph in the English's first section (its line 5), and a
    // pair mark before the last paragraph in both, where step comes back.
    let english = ENGLISH
        .replace("\n## The candidates", "\nA second opening paragraph only the English has.\n\n## The candidates")
        .replace("\nThe commission", "\n<!-- pair -->\n\nThe commission");
    let arabic = ARABIC.replace("\nوأعلنت", "\n<!-- pair -->\n\nوأعلنت");
    let (_tmp, pdf, report) = build(&[("01-vote.md", &arabic), ("01-vote.en.md", &english)]);
    let notes: Vec<&str> = report["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    let out_of_step: Vec<&&str> = notes.iter().filter(|n| n.contains("out of step")).collect();
    assert_eq!(out_of_step.len(), 1, "{notes:?}");
    // The Arabic's heading (line 5) has no partner where the English's extra paragraph (line 5) stands.
    assert!(out_of_step[0].contains("01-vote.md:5 and 01-vote.en.md:5"), "{}", out_of_step[0]);
    let text = pdf_text(&pdf);
    let (glyphs, width) = glyphs(&pdf);
    let centre = width / 2.0;
    let (_, x, _) = find(&glyphs, "second");
    assert!(x < centre, "nothing is dropped: the unpaired paragraph is in the English column");
    assert!(text.contains("Polling") && text.contains("candidates"));
    let (_, xa, ta) = find(&glyphs, "وأعلنت");
    let (_, xe, te) = find(&glyphs, "commission");
    assert!(xa > centre && xe < centre);
    assert!((ta - te).abs() <= 2.0, "after the pair mark the partners are level again: {ta:.1} and {te:.1}");

    // `check` of the dossier reports it too (M008), in both files, so CI
    // catches it.
    let dir = _tmp.path().join("d");
    std::fs::write(dir.join("dossier.toml"), "[dossier]\ntitle = \"انتخابات\"\n").unwrap();
    let out = run(&["check", "--format", "concise", "--select", "M008", dir.to_str().unwrap()], b"", &root());
    let said = common::text(&out.stdout);
    let places: Vec<&str> = said.lines().filter(|l| l.contains(" M008 ")).map(|l| l.split(": warning").next().unwrap()).collect();
    assert_eq!(places.len(), 2, "{said}");
    assert!(places[0].ends_with("01-vote.en.md:5:1") && places[1].ends_with("01-vote.md:5:1"), "{said}");
    assert_eq!(out.status.code(), Some(0), "a warning");
    let strict = run(&["check", "--strict", "--select", "M008", dir.to_str().unwrap()], b"", &root());
    assert_eq!(strict.status.code(), Some(1), "--strict fails on it");
}

#[test]
fn a_pair_runs_across_a_page_break() {
    if skip() {
        return;
    }
    let ar_para = "وتابعت اللجنة عملها في فرز الأصوات في كل دائرة من دوائر المدينة حتى ساعة متأخرة من الليل. ".repeat(6);
    let en_para = "The commission went on counting the votes in every district of the city until late at night. ".repeat(6);
    let mut arabic = String::from("# الفرز\n\n");
    let mut english = String::from("# The count\n\n");
    for (k, ordinal) in ORDINALS.iter().enumerate() {
        let k = k + 1;
        arabic.push_str(&format!("الفقرة {ordinal}: {ar_para}\n\n"));
        english.push_str(&format!("Paragraph{k}: {en_para}\n\n"));
    }
    let (_tmp, pdf, _) = build(&[("count.md", &arabic), ("count.md.translation.md", &english), ("dossier.toml", TOML)]);
    let (glyphs, width) = glyphs(&pdf);
    let centre = width / 2.0;
    let mut pages = std::collections::BTreeSet::new();
    for (k, ordinal) in ORDINALS.iter().enumerate() {
        let k = k + 1;
        let (pa, xa, ta) = find(&glyphs, ordinal);
        let (pe, xe, te) = find(&glyphs, &format!("Paragraph{k}"));
        assert_eq!(pa, pe, "pair {k} starts on one page");
        assert!(xa > centre && xe < centre, "pair {k}: {xa:.1}, {xe:.1}");
        assert!((ta - te).abs() <= 2.0, "pair {k}: {ta:.1} and {te:.1}");
        pages.insert(pa);
    }
    assert!(pages.len() >= 2, "the pairs run over more than one page: {pages:?}");
    // Some pair breaks across pages: a page whose first body lines continue both columns.
    let last = *pages.iter().last().unwrap();
    let on =
        |p: usize, right: bool| glyphs.iter().any(|g| g.page == p && g.top < 150.0 && (g.x() > centre) == right && g.c.is_alphabetic());
    assert!(on(last, true) && on(last, false), "both columns continue at the top of page {last}");
}

const ORDINALS: &[&str] = &["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة"];

/// The page-break dossier pairs by its `translation` field, in dossier.toml.
const TOML: &str =
    "[[article]]\nfile = \"count.md\"\ntranslation = \"count.md.translation.md\"\n\n[[article]]\nfile = \"count.md.translation.md\"\n";

/// `ARABIC` and `ENGLISH` with a footnote each, in their first paragraph.
fn with_notes() -> (String, String) {
    (
        ARABIC.replace("الباكر،", "الباكر،[^1]") + "\n[^1]: حاشية عربية عن مراكز الاقتراع.\n",
        ENGLISH.replace("in the morning,", "in the morning,[^1]") + "\n[^1]: An English note on the polling stations.\n",
    )
}

/// The digits on page `page` above its folio: footnote numbers, in texts
/// that have no digits of their own.
fn note_numbers(glyphs: &[Glyph], page: usize) -> String {
    glyphs.iter().filter(|g| g.page == page && g.c.is_ascii_digit() && g.top < 790.0).map(|g| g.c).collect()
}

#[test]
fn each_column_numbers_its_own_notes_in_its_own_language() {
    if skip() {
        return;
    }
    let (arabic, english) = with_notes();
    let (_tmp, pdf, _) = build(&[("01-vote.md", &arabic), ("01-vote.en.md", &english)]);
    let (glyphs, width) = glyphs(&pdf);
    let centre = width / 2.0;
    let (page, _, _) = find(&glyphs, "Polling");
    // Two references and two entries, each side's note its number 1 (a
    // translation's note 1 is the original's note 1).
    assert_eq!(note_numbers(&glyphs, page), "1111", "the footnote numbers of page {page}");
    let (pe, xe, _) = find(&glyphs, "English");
    let (pa, xa, _) = find(&glyphs, "حاشية");
    assert!(pe == page && pa == page, "both notes at the foot of page {page}: {pe}, {pa}");
    assert!(
        xe < centre - 100.0 && xa > centre + 100.0,
        "the English note from the left margin ({xe:.1}), the Arabic from the right ({xa:.1})"
    );
}

/// Margins of an A4 page bound on the right (the template's): the inside
/// margin 2.6 cm, the outside 2 cm.
const INSIDE: f64 = 2.6 / 2.54 * 72.0;
const OUTSIDE: f64 = 2.0 / 2.54 * 72.0;

/// The body text's left and right edges on a page (below the running head,
/// above the folio).
fn edges(glyphs: &[Glyph], page: usize) -> (f64, f64) {
    let body = glyphs.iter().filter(|g| g.page == page && g.top > 60.0 && g.top < 790.0 && !g.c.is_whitespace());
    body.fold((f64::MAX, f64::MIN), |(l, r), g| (l.min(g.x0), r.max(g.x1)))
}

/// The characters of a page's running head, in the order drawn.
fn head(glyphs: &[Glyph], page: usize) -> String {
    glyphs.iter().filter(|g| g.page == page && g.top < 60.0).map(|g| g.c).collect()
}

/// Whether `s` holds `word` as typed or reversed (Arabic is drawn right to left).
fn holds(s: &str, word: &str) -> bool {
    s.contains(word) || s.contains(&word.chars().rev().collect::<String>())
}

const PAGES: &str = "[dossier]\ntitle = { ar = \"انتخابات\", en = \"Elections\" }\n\n[build]\nparallel = \"pages\"\n";

#[test]
fn facing_pages_set_the_arabic_on_the_right_hand_page_and_the_english_facing_it() {
    if skip() {
        return;
    }
    let (arabic, english) = with_notes();
    let (_tmp, pdf, report, said) = build_saying(&[("01-vote.md", &arabic), ("01-vote.en.md", &english), ("dossier.toml", PAGES)]);
    let (glyphs, page_width) = glyphs(&pdf);
    for (ar, en) in PARTNERS {
        let (pa, _, ta) = find(&glyphs, ar);
        let (pe, _, te) = find(&glyphs, en);
        // Bound on the right: an even page is a right-hand page, and the odd page after it faces it.
        assert!(pa % 2 == 0 && pe == pa + 1, "{ar} on page {pa}, {en} on page {pe}: not a spread");
        assert!((ta - te).abs() <= 2.0, "{ar} starts at {ta:.1} pt, {en} at {te:.1} pt: more than 2 pt apart");
    }
    // The margins say which page is which hand: the Arabic page's outside
    // margin (the narrow one) on its right, the English page's on its left.
    let (pa, _, _) = find(&glyphs, "افتتحت");
    let (_, right) = edges(&glyphs, pa);
    assert!((page_width - right - OUTSIDE).abs() < 2.0, "Arabic page {pa}: text up to {right:.1}");
    let (left, right) = edges(&glyphs, pa + 1);
    assert!((left - OUTSIDE).abs() < 2.0 && page_width - right >= INSIDE - 2.0, "English page: text from {left:.1} to {right:.1}");
    // Cover and contents take pages 1 and 2: page 3 is left blank (no head,
    // no folio), so the pair opens on page 4.
    assert_eq!(pa, 4);
    assert!(glyphs.iter().all(|g| g.page != 3), "page 3 is blank");
    // Each page's notes at its foot, each numbered from 1 in its own language.
    assert_eq!(find(&glyphs, "حاشية").0, pa);
    assert_eq!(find(&glyphs, "English").0, pa + 1);
    assert_eq!((note_numbers(&glyphs, pa), note_numbers(&glyphs, pa + 1)), ("11".to_string(), "11".to_string()));
    // The English page opens with the English title, level with the Arabic's.
    let (p, _, title_ar) = find_from(&glyphs, "الانتخابات", pa);
    let (q, _, title_en) = find_from(&glyphs, "municipal", pa + 1);
    assert!(p == pa && q == pa + 1 && (title_ar - title_en).abs() < 12.0, "titles at {title_ar:.1} and {title_en:.1}");
    // One entry in the contents; the pair counted as one article.
    let contents = tool("pdftotext", &["-f", "2", "-l", "2", pdf.to_str().unwrap(), "-"]);
    let entries = contents.lines().filter(|l| l.contains(". . .")).count();
    assert!(entries == 2 && contents.matches("The municipal elections").count() == 1, "the pair and the notes: {contents}");
    assert!(said.contains("(1 article (1 pair), "), "{said}");
    assert_eq!(report["pairs"][0]["layout"], "pages");
}

/// Nine long paragraphs a side, then one longer than a page and a last one;
/// the Arabic runs on, untranslated, for more than a page.
fn long_pair() -> (String, String) {
    let ar_para = "وتابعت اللجنة عملها في فرز الأصوات في كل دائرة من دوائر المدينة حتى ساعة متأخرة من الليل. ".repeat(6);
    let en_para = "The commission went on counting the votes in every district of the city until late at night. ".repeat(6);
    let mut arabic = String::from("# الفرز\n\n");
    let mut english = String::from("# The count\n\n");
    for (k, ordinal) in ORDINALS.iter().enumerate() {
        arabic.push_str(&format!("الفقرة {ordinal}: {ar_para}\n\n"));
        english.push_str(&format!("Paragraph{}: {en_para}\n\n", k + 1));
    }
    arabic.push_str(&format!(
        "## الطويلة\n\n{}\n\nالخاتمة بعد الفقرة الطويلة.\n",
        "فقرة طويلة تتكرر كلماتها حتى تتجاوز صفحة كاملة. ".repeat(120)
    ));
    arabic.push_str(&format!("\n{}\n", "وهذا نص لم يترجم بعد ويتكرر حتى يتجاوز الصفحة. ".repeat(150)));
    english.push_str(&format!(
        "## The long one\n\n{}\n\nClosing after the long paragraph.\n",
        "A long paragraph whose words repeat past a whole page. ".repeat(120)
    ));
    (arabic, english)
}

#[test]
fn a_long_pair_on_facing_pages_stays_in_step_from_spread_to_spread() {
    if skip() {
        return;
    }
    let (arabic, english) = long_pair();
    let (_tmp, pdf, _) = build(&[("count.md", &arabic), ("count.en.md", &english), ("dossier.toml", PAGES)]);
    let (glyphs, page_width) = glyphs(&pdf);
    let mut spreads = std::collections::BTreeSet::new();
    for (k, ordinal) in ORDINALS.iter().enumerate() {
        let (pa, _, ta) = find(&glyphs, ordinal);
        let (pe, _, te) = find(&glyphs, &format!("Paragraph{}", k + 1));
        assert!(pa % 2 == 0 && pe == pa + 1, "pair {}: pages {pa} and {pe}", k + 1);
        assert!((ta - te).abs() <= 2.0, "pair {}: {ta:.1} and {te:.1}", k + 1);
        spreads.insert(pa);
    }
    assert!(spreads.len() >= 2, "the pairs take more than one spread: {spreads:?}");
    // Past the first page, each page's head is in its own language.
    let second = *spreads.iter().nth(1).unwrap();
    let (ar_head, en_head) = (head(&glyphs, second), head(&glyphs, second + 1));
    assert!(holds(&ar_head, "انتخابات") && holds(&ar_head, "الفرز"), "the Arabic page's head: {ar_head}");
    assert!(en_head.contains("Elections") && en_head.contains("The count"), "the English page's head: {en_head}");
    // The paragraph longer than a page is set in two columns (English left),
    // whole; the pair after it opens the next spread, in step again.
    let text = pdf_text(&pdf);
    assert_eq!(text.split_whitespace().filter(|w| *w == "whole").count(), 120, "the long paragraph is whole");
    let (pa, _, ta) = find(&glyphs, "الخاتمة");
    let (pe, _, te) = find(&glyphs, "Closing");
    assert!(pa % 2 == 0 && pe == pa + 1 && (ta - te).abs() <= 2.0, "after it: pages {pa} and {pe}, tops {ta:.1} and {te:.1}");
    let (pl, _, _) = find(&glyphs, "long one");
    assert!(
        pl > *spreads.iter().last().unwrap() + 1 && pl < pa,
        "the long paragraph's heading goes with it, between the spreads: page {pl}"
    );
    // What the English lacks runs on at full width, page after page.
    let (pu, _, _) = find(&glyphs, "يترجم");
    assert!(pu > pe, "the untranslated rest comes last: page {pu}");
    for p in pu..pu + 2 {
        let (left, right) = edges(&glyphs, p);
        assert!(left < INSIDE + 2.0 && right > page_width - INSIDE - 2.0, "page {p}: Arabic from {left:.1} to {right:.1}");
    }
}

/// A dossier's own template written before pairs existed: it sets each
/// article's blocks and knows nothing of `parallel`.
const OLD_TEMPLATE: &str = r#"#let data = json("dossier.json")
#set text(font: (data.fonts.latin, data.fonts.arabic))
#let plain(xs) = xs.map(x => if "text" in x { x.text } else if "children" in x { plain(x.children) } else { "" }).join("", default: "")
#let blocks(bs) = for b in bs {
  if "inlines" in b { par(plain(b.inlines)) }
  if "blocks" in b { blocks(b.blocks) }
  if "items" in b { for i in b.items { blocks(i.blocks) } }
}
#for a in data.articles { heading(a.id); blocks(a.blocks) }
"#;

#[test]
fn a_template_that_knows_nothing_of_pairs_still_sets_both_sides() {
    if skip() {
        return;
    }
    let (_tmp, pdf, _) = build(&[("01-vote.md", ARABIC), ("01-vote.en.md", ENGLISH), ("templates/dossier.typ", OLD_TEMPLATE)]);
    let text = pdf_text(&pdf);
    for word in ["Polling", "candidates", "Labour", "commission", "الاقتراع", "المرشحون", "اللجنة"] {
        assert!(text.contains(word), "{word} is in the PDF: {text}");
    }
}
