//! Parallel articles (issue 21): an article and its translation side by
//! side, read back from the PDF's glyph positions (`mutool draw -F stext`):
//! each Arabic block right of the page centre, its English partner left of
//! it, their tops level; a translation out of step reported with its lines
//! in both files and nothing lost; a pair that runs over a page break.
//!
//! Needs `typst` and `mutool`; skipped with `DOSSIER_SKIP_PDF_TESTS=1` or
//! when they are missing.

mod common;
use common::*;

use std::path::PathBuf;

const ARABIC: &str = "# الانتخابات البلدية

افتتحت مراكز الاقتراع أبوابها في الصباح الباكر، وتوافد الناخبون على المدارس التي تحولت إلى مراكز للتصويت.

## المرشحون

- مرشح حزب العمل
- مرشح مستقل
- مرشحة عن الشباب

> قال أحد الناخبين: «جئت لأن صوتي مهم لمدينتي».

وأعلنت اللجنة أن النتائج ستصدر مساء الغد بعد فرز جميع الصناديق.
";

const ENGLISH: &str = "# The municipal elections

Polling stations opened their doors early in the morning, and voters streamed into the schools that had become voting centres.

## The candidates

- The Labour party's candidate
- An independent candidate
- A candidate for the young

> One voter said: \"I came because my vote matters to my city.\"

The commission announced that the results would be out tomorrow evening, once every ballot box had been counted.
";

/// The first word of each block, in each language, in order.
const PARTNERS: &[(&str, &str)] =
    &[("افتتحت", "Polling"), ("المرشحون", "candidates"), ("حزب", "Labour"), ("الناخبين", "said"), ("وأعلنت", "commission")];

/// Files written into a fresh dossier folder, built; the folder, the PDF
/// and the build's report.
fn build(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, serde_json::Value) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    for (name, text) in files {
        std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = tmp.path().join("out");
    let result = run(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()], b"", &root());
    assert!(result.status.success(), "build failed: {}", text(&result.stderr));
    let report = serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    (tmp, out.join("dossier.pdf"), report)
}

/// Where `word` is set (in reading or in visual order): its page, centre
/// and top.
fn find(glyphs: &[Glyph], word: &str) -> (usize, f64, f64) {
    let wanted: Vec<char> = word.chars().collect();
    let reversed: Vec<char> = wanted.iter().rev().copied().collect();
    for w in glyphs.windows(wanted.len()) {
        let cs: Vec<char> = w.iter().map(|g| g.c).collect();
        if (cs == wanted || cs == reversed) && w.iter().all(|g| g.page == w[0].page) {
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
    let (_tmp, pdf, report) = build(&[("01-vote.md", ARABIC), ("01-vote.en.md", ENGLISH)]);
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
    let on = |p: usize, right: bool| glyphs.iter().any(|g| g.page == p && g.top < 150.0 && (g.x() > centre) == right && g.c.is_alphabetic());
    assert!(on(last, true) && on(last, false), "both columns continue at the top of page {last}");
}

const ORDINALS: &[&str] = &["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة"];

/// The page-break dossier pairs by its `translation` field, in dossier.toml.
const TOML: &str =
    "[[article]]\nfile = \"count.md\"\ntranslation = \"count.md.translation.md\"\n\n[[article]]\nfile = \"count.md.translation.md\"\n";
