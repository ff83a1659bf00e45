//! Mixed Arabic/Latin runs read right on the page, proven glyph by glyph.
//!
//! The real binary builds a small dossier: an Arabic article whose paragraph
//! is full of everyday Latin tokens, and an English one full of Arabic
//! tokens. `mutool draw -F stext` (mupdf-tools) gives every glyph on the page
//! with its box; sorted by x, each line's glyphs must spell every
//! left-to-right token exactly as typed, and every Arabic run reversed (it
//! reads right to left). A run broken across two lines must read so in
//! each part. `pdftotext` (poppler-utils) must give the Latin tokens back as
//! typed, and neither tool may see the isolate controls.
//!
//! Like tests/build.rs, these need typst, mupdf-tools and poppler-utils
//! (`.ci/setup` installs them): without them the test fails and says so;
//! `DOSSIER_SKIP_PDF_TESTS=1` skips it on a machine that cannot have them.

mod common;
use common::glyphs::{glyphs, Glyph};
use common::*;

use std::process::Command;

fn tools_present() -> bool {
    if std::env::var_os("DOSSIER_SKIP_PDF_TESTS").is_some() {
        return false;
    }
    for (tool, package) in [("pdftotext", "poppler-utils"), ("mutool", "mupdf-tools")] {
        assert!(Command::new(tool).arg("-v").output().is_ok(), "{tool} is missing: install {package} (or set DOSSIER_SKIP_PDF_TESTS=1)");
    }
    true
}

const ARABIC: &str = "---
title:
  ar: مقال عربي تتخلله رموز لاتينية
---

غرد الرئيس عبر حسابه @KassymJomart بعد أن انتشر وسم #Kazakhstan على نطاق واسع، وكتب مبرمجون بلغة C++ وعلى منصة .NET عن شبكات 5G في U.S. اليوم. وكتبت صحيفة The New York Times. The paper confirmed it عن مصادر أن هاتف iPhone 13 Pro وصل، وأن وباء COVID-19 أصاب بين 10-12 شخصا، أي 5% من السكان. وقال أحدهم: \"We will not back down.\" ثم غادر، وكتبت وكالة (Reuters) الخبر في 5/1/2022 ونشرته صحيفة The Guardian.
";

const ENGLISH: &str = "+++
lang = \"en\"
title = { en = \"An English article with Arabic words\" }
+++

Protesters in Almaty used the hashtag #كازاخستان while the agency (أ ف ب) reported that the words كازاخستان الجديدة appeared on banners; an officer said «لن نتراجع» and left. The KNB / جهاز المخابرات statement followed.
";

/// Left-to-right runs of the Arabic paragraph, as typed.
const LTR_IN_ARABIC: &[&str] = &[
    "@KassymJomart",
    "#Kazakhstan",
    "C++",
    ".NET",
    "5G",
    "U.S.",
    "The New York Times. The paper confirmed it",
    "iPhone 13 Pro",
    "COVID-19",
    "10-12",
    "5%",
    "\"We will not back down.\"",
    "(Reuters)",
    "5/1/2022",
    "The Guardian",
];

/// Right-to-left runs, in logical order: Arabic words with the punctuation
/// of their own sentence, and the Arabic tokens of the English paragraph.
const RTL: &[&str] =
    &["غرد الرئيس عبر حسابه", "وقال أحدهم:", "ونشرته صحيفة", "#كازاخستان", "(أ ف ب)", "كازاخستان الجديدة", "«لن نتراجع»", "جهاز المخابرات"];

/// Left-to-right text of the English paragraph, around its Arabic runs.
const LTR_IN_ENGLISH: &[&str] = &["Protesters in Almaty used the hashtag", "appeared on banners; an officer said", "statement followed."];

/// The lines of the page as they look: glyphs sorted left to right, a space
/// where there is a gap. Spaces and controls from the text layer are not
/// glyphs and are left out (a line-end space shares a glyph's position).
fn visual_lines(glyphs: &[Glyph]) -> Vec<(usize, String)> {
    let mut gs: Vec<Glyph> =
        glyphs.iter().copied().filter(|g| !g.c.is_whitespace() && !is_control(g.c) && !dossier::text::chars::is_arabic_mark(g.c)).collect();
    gs.sort_by(|a, b| (a.page, a.y).partial_cmp(&(b.page, b.y)).unwrap());
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in gs {
        match lines.last_mut() {
            Some(line) if line[0].page == g.page && (line[0].y - g.y).abs() < 2.0 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x0.partial_cmp(&b.x0).unwrap());
            let mut s = String::new();
            for (i, g) in line.iter().enumerate() {
                if i > 0 && g.x0 - line[i - 1].x1 > 0.12 * g.size {
                    s.push(' ');
                }
                s.push(g.c);
            }
            (line[0].page, s)
        })
        .collect()
}

fn is_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// Brackets are drawn mirrored in right-to-left text: either shape counts.
fn unmirror(c: char) -> char {
    match c {
        ')' => '(',
        ']' => '[',
        '»' => '«',
        c => c,
    }
}

/// How `run` looks on the page: as typed when it reads left to right,
/// reversed when it reads right to left.
fn looks(run: &str, rtl: bool) -> String {
    if rtl {
        run.chars().rev().collect()
    } else {
        run.to_string()
    }
}

/// `needle` in `line`, not inside a longer word or number; brackets match
/// in either shape.
fn holds(line: &str, needle: &str) -> bool {
    let line: String = line.chars().map(unmirror).collect();
    let needle: String = needle.chars().map(unmirror).collect();
    let needle = needle.as_str();
    line.match_indices(needle).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Where `run` reads in its direction: on one line, or broken at a space
/// with each part on consecutive lines of a page.
fn find_run(lines: &[(usize, String)], run: &str, rtl: bool) -> Option<String> {
    if let Some((page, _)) = lines.iter().find(|(_, l)| holds(l, &looks(run, rtl))) {
        return Some(format!("page {page}"));
    }
    for (at, _) in run.match_indices(' ') {
        let (first, second) = (looks(&run[..at], rtl), looks(&run[at + 1..], rtl));
        for pair in lines.windows(2) {
            if pair[0].0 == pair[1].0 && holds(&pair[0].1, &first) && holds(&pair[1].1, &second) {
                return Some(format!("page {}, across a line break", pair[0].0));
            }
        }
    }
    None
}

#[test]
fn mixed_runs_read_in_their_own_direction_glyph_by_glyph() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), ARABIC).unwrap();
    std::fs::write(dir.path().join("b.md"), ENGLISH).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = run(&["build", dir.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()], b"", &root());
    assert!(result.status.success(), "build failed: {}", text(&result.stderr));
    let pdf = out.path().join("dossier.pdf");

    let (glyphs, _) = glyphs(&pdf);
    let lines = visual_lines(&glyphs);
    let page_text = || lines.iter().map(|(p, l)| format!("{p}: {l}")).collect::<Vec<_>>().join("\n");
    let mut missing = Vec::new();
    for (runs, rtl) in [(LTR_IN_ARABIC, false), (LTR_IN_ENGLISH, false), (RTL, true)] {
        for run in runs {
            if find_run(&lines, run, rtl).is_none() {
                missing.push(format!(
                    "{} `{run}` (looked for `{}`, brackets either way)",
                    if rtl { "right to left" } else { "left to right" },
                    looks(run, rtl)
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "these runs do not read in their direction on the page:\n{}\n\nthe page:\n{}",
        missing.join("\n"),
        page_text()
    );

    // The isolates steer the layout but are not text (templates/dossier.typ
    // keeps them out of the text layer).
    assert!(!glyphs.iter().any(|g| is_control(g.c)), "direction controls reached the PDF's text layer");

    // The sentence's own punctuation stays with it: the final period of the
    // Arabic paragraph stands at its left end, past `The Guardian` (the
    // English one's is checked above, in `statement followed.`).
    assert!(lines.iter().any(|(_, l)| l.contains(".The Guardian")), "the Arabic sentence's period left its end:\n{}", page_text());

    // Copied out, the Latin tokens are as typed and no control is left.
    let raw = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(!raw.chars().any(|c| matches!(c, '\u{2066}'..='\u{2069}')), "pdftotext sees the isolates");
    let txt: String = raw.chars().filter(|&c| !is_control(c)).collect();
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    // `(Reuters)` is left out: Poppler moves a closing bracket next to
    // Arabic to the other side, although the page has it right (above).
    for token in LTR_IN_ARABIC.iter().filter(|t| !t.starts_with('(')) {
        assert!(flat.contains(token), "pdftotext lost `{token}`:\n{txt}");
    }
    for words in ["كازاخستان الجديدة", "لن نتراجع", "جهاز المخابرات", "غرد الرئيس عبر حسابه"]
    {
        assert!(flat.contains(words), "pdftotext lost the order of `{words}`:\n{txt}");
    }

    // Labels are composed in each language: two articles, said as Arabic says two.
    for label in ["مقالان", "2 articles", "المحتويات", "Contents", "ملحق التحرير", "Editorial notes"] {
        assert!(flat.contains(label), "`{label}` is not in the PDF:\n{txt}");
    }
}

#[test]
fn looks_reverses_right_to_left_runs_only() {
    assert_eq!(looks("C++", false), "C++");
    assert_eq!(looks("(أ ف ب)", true), ")ب ف أ(");
    assert!(holds("(ب ف أ)", &looks("(أ ف ب)", true)));
    assert!(holds("x 5G y", "5G") && !holds("x 15G y", "5G") && !holds("G5", "5G"));
    assert_eq!(unescape("&#x2066;a&amp;&quot;"), "\u{2066}a&\"");
}

/// Multi-part tokens of issue 19, each in its own short Arabic paragraph:
/// the words before it, the token as typed, the words after it. The bare
/// bidi algorithm turns each token around (`0199 555 4 +971`, `PM 9:15`,
/// `kg 25`); dossier must not.
const TOKENS_IN_ARABIC: &[(&str, &str, &str)] = &[
    // Spaced digit groups: a phone number, an IBAN, thousands.
    ("اتصل بنا على الرقم ", "+971 4 555 0199", " اليوم."),
    ("اتصل بنا على ", "050 123 4567", "، ثم انتظر."),
    ("اتصل بمكتبنا ", "(04) 555 0199", " صباحا."),
    ("حول المبلغ إلى الحساب ", "SA03 8000 0000 6080 1016 7519", " قبل الموعد."),
    ("بلغ عدد السكان ", "1 500 000", " نسمة."),
    // A time with AM/PM, a number with a Latin unit or currency.
    ("يبدأ الاجتماع الساعة ", "9:15 PM", " بتوقيت دبي."),
    ("نعمل من ", "9:00 AM - 5:00 PM", " يوميا."),
    ("يزن الجهاز ", "25 kg", " تقريبا."),
    ("يعمل المعالج بتردد ", "3.5 GHz", " دون توقف."),
    ("سعره ", "100 USD", " فقط."),
    // Version strings.
    ("صدر الإصدار ", "v2.1.0", " أمس."),
    ("كتب البرنامج بلغة ", "Python 3.12", " الحديثة."),
    // A Latin phrase before the Arabic sentence's punctuation, which stays
    // outside, at the Arabic end.
    ("نقلت الخبر صحيفة ", "The Guardian", "."),
    ("ثم قالت شركة ", "Apple Inc", "، إن الأمر انتهى."),
    ("هل تعرف لغة ", "Rust", "؟"),
    // Bracketed Latin.
    ("نقلت وكالة ", "(Reuters)", " الخبر."),
];

/// A tag-like token in a `.txt` article (plain text: not markup).
const TAG_IN_TXT: (&str, &str, &str) = ("يكتب المحرر الوسم ", "<i>note</i>", " في النص العادي.");

/// How a paragraph `before token after` looks in a right-to-left line:
/// the words after the token on its left, reversed; the token as typed;
/// the words before it on its right, reversed.
fn in_arabic_line(before: &str, token: &str, after: &str) -> String {
    format!("{}{token}{}", looks(after, true), looks(before, true)).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn multi_part_tokens_read_left_to_right_inside_arabic_lines() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut md = String::from("---\ntitle:\n  ar: رموز متعددة الأجزاء\n---\n");
    for (before, token, after) in TOKENS_IN_ARABIC {
        md.push_str(&format!("\n{before}{token}{after}\n"));
    }
    std::fs::write(dir.path().join("a.md"), md).unwrap();
    let (before, token, after) = TAG_IN_TXT;
    std::fs::write(dir.path().join("b.txt"), format!("{before}{token}{after}\n")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = run(&["build", dir.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()], b"", &root());
    assert!(result.status.success(), "build failed: {}", text(&result.stderr));

    let (glyphs, _) = glyphs(&out.path().join("dossier.pdf"));
    let lines = visual_lines(&glyphs);
    let page_text = || lines.iter().map(|(p, l)| format!("{p}: {l}")).collect::<Vec<_>>().join("\n");
    // Each paragraph is one line: sorted by x, the token's glyphs spell it as
    // typed (left to right, in order) between the Arabic words, which read
    // right to left around it; the sentence's punctuation is at the Arabic
    // end, past the token.
    let mut wrong = Vec::new();
    for &(before, token, after) in TOKENS_IN_ARABIC.iter().chain([&TAG_IN_TXT]) {
        let want = in_arabic_line(before, token, after);
        if !lines.iter().any(|(_, l)| holds(l, &want)) {
            wrong.push(format!("`{before}{token}{after}`: looked for `{want}`"));
        }
    }
    assert!(
        wrong.is_empty(),
        "these tokens do not read left to right in their Arabic line:\n{}\n\nthe page:\n{}",
        wrong.join("\n"),
        page_text()
    );
}

#[test]
fn an_arabic_line_is_laid_out_right_to_left_around_its_token() {
    assert_eq!(in_arabic_line("سعره ", "100 USD", " فقط."), ".طقف 100 USD هرعس");
    assert_eq!(in_arabic_line("صحيفة ", "The Guardian", "."), ".The Guardian ةفيحص");
}
