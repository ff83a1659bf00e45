//! A markdown-native dossier end to end: a folder of ordinary `.md` files
//! (Arabic and English, one with YAML front matter, one with TOML, two with
//! none) and no dossier.toml, through the real binary and typst, read back
//! with Poppler. The fixture, `tests/fixtures/markdown-dossier/`, uses every
//! construct the contract lists; `docs/markdown-03.png` is its page 3.
//!
//! Needs `typst` and `poppler-utils`; skipped like tests/build.rs with
//! `DOSSIER_SKIP_PDF_TESTS=1` (and when typst is missing).

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn tools_present() -> bool {
    if std::env::var_os("DOSSIER_SKIP_PDF_TESTS").is_some() {
        return false;
    }
    if Command::new("typst").arg("--version").output().is_err() && std::env::var_os("DOSSIER_TYPST").is_none() {
        eprintln!("typst is missing: skipping (bash .ci/setup installs it)");
        return false;
    }
    for tool in ["pdftotext", "pdffonts", "pdfimages"] {
        assert!(
            Command::new(tool).arg("-v").output().is_ok(),
            "{tool} is missing: install poppler-utils (or set DOSSIER_SKIP_PDF_TESTS=1)"
        );
    }
    true
}

/// The fixture copied into a fresh folder named like it (its name is the
/// cover title), so nothing is written next to the repository's files.
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("markdown-dossier");
    common::copy_dir(&root().join("tests/fixtures/markdown-dossier"), &dir);
    (tmp, dir)
}

fn build(dir: &Path, out: &Path) -> std::process::Output {
    run(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()], b"", &root())
}

/// The fixture built once for the tests that read it.
fn built() -> &'static (tempfile::TempDir, PathBuf) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let (tmp, dir) = fixture();
        let out = tmp.path().join("out");
        let result = build(&dir, &out);
        assert!(result.status.success(), "build failed: {}", text(&result.stderr));
        (tmp, out)
    })
}

fn arabic_words(s: &str) -> Vec<&str> {
    s.split(|c: char| !dossier::text::chars::is_arabic_letter(c)).filter(|w| !w.is_empty()).collect()
}

/// Lines holding `title`: the same Arabic words in order (Poppler moves the
/// punctuation of right-to-left lines), or the English text itself.
fn title_lines(txt: &str, title: &str) -> usize {
    let words = arabic_words(title);
    if words.is_empty() {
        txt.lines().filter(|l| l.contains(title)).count()
    } else {
        txt.lines().filter(|l| arabic_words(l) == words).count()
    }
}

#[test]
fn titles_come_from_the_markdown_and_no_fence_or_placeholder_reaches_the_page() {
    if !tools_present() {
        return;
    }
    let txt = pdf_text(&built().1.join("dossier.pdf"));
    for title in [
        // `# H1` of an Arabic file with no front matter.
        "المشاركة في الانتخابات المحلية: قراءة في الأرقام",
        // `# H1` of an English file: the English side of the title.
        "Counting the Vote: A Field Guide",
        // YAML front matter, both languages.
        "حوار مع رئيسة اللجنة",
        "An interview with the commission's chair",
        // TOML front matter in a subfolder's `.markdown` file.
        "موجز: اللجنة تنشر المحاضر",
        "In brief: the commission publishes its records",
    ] {
        let n = title_lines(&txt, title);
        assert!(n >= 2, "`{title}` is on {n} line(s), not in both the contents and its chapter:\n{txt}");
    }
    // The H1 is the title, not a heading repeated under it: once in the
    // contents, once as the chapter title, once per running header.
    let pages = txt.split('\u{c}').collect::<Vec<_>>();
    let chapter = pages.iter().position(|p| p.contains("Election observers")).unwrap();
    assert_eq!(title_lines(pages[chapter], "Counting the Vote: A Field Guide"), 1, "{}", pages[chapter]);
    for line in txt.lines() {
        let t = line.trim();
        assert!(t != "+++" && t != "---" && !t.contains("+++"), "a front matter fence reached the PDF: {line:?}");
        assert!(!t.contains("article-"), "a placeholder title reached the PDF: {line:?}");
        assert!(!t.starts_with("title") && !t.starts_with("author"), "front matter was echoed: {line:?}");
    }
    // The cover names the folder, the dossier having no title.
    assert!(pages[0].contains("markdown-dossier"), "{}", pages[0]);
    // Metadata from YAML front matter reaches the chapter's metadata line,
    // the date written out in the article's language (14 آذار/مارس 2022;
    // Poppler moves the spaces around the numbers).
    assert!(txt.contains("https://example.org/interview"));
    let meta = txt.lines().find(|l| l.contains("سلمى الخطيب")).expect("the metadata line");
    assert!(["14", "آذار/مارس", "2022"].iter().all(|part| meta.contains(part)), "the date is not written out: {meta}");
}

#[test]
fn tables_footnotes_code_and_lists_come_out_as_themselves() {
    if !tools_present() {
        return;
    }
    let txt = pdf_text(&built().1.join("dossier.pdf"));
    // Table cells are separate words, not one run of text.
    for cell in ["Open the box", "Chair", "Sort ballots", "Two clerks", "Sign the sheet", "Everyone", "Minutes", "Astana", "+11"] {
        assert!(txt.contains(cell), "table cell `{cell}` is missing:\n{txt}");
    }
    for glued in ["Open the boxChair", "ChairEveryone", "Sort ballotsTwo", "Two clerks40", "WhoMinutes"] {
        assert!(!txt.contains(glued), "cells ran together: `{glued}`");
    }
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("الدائرة الأولى") && flat.contains("نسبة المشاركة"), "Arabic cells");
    // Footnotes: the text at the foot of the page with its number.
    assert!(flat.contains("1A tally sheet is the signed record of one polling station's count."), "English footnote:\n{txt}");
    let arabic_note = txt.lines().find(|l| l.contains("جرت الدورة السابقة")).expect("the Arabic footnote");
    assert!(arabic_note.trim_start().starts_with('1'), "the Arabic footnote has its number: {arabic_note:?}");
    assert!(!txt.contains("[^"), "a footnote reference reached the page as text");
    // Code, inline and in blocks, intact and left to right.
    for code in ["tally --verify sheet-07.csv", "$ tally --verify sheet-07.csv", "turnout = voters / registered", "turnout --round 0"] {
        assert!(txt.contains(code), "code `{code}` is not intact:\n{txt}");
    }
    // Task lists keep their items (the boxes are drawn); no `[x]` text.
    assert!(txt.contains("Register checked") && txt.contains("مراجعة الدائرة الخامسة"));
    assert!(!txt.contains("[x]") && !txt.contains("[ ]"), "task markers reached the page as text");
    // The figure's caption, and the remote-free image list.
    assert!(txt.contains("نسبة المشاركة في الدوائر الخمس"), "the alt text is the caption");
}

#[test]
fn the_image_is_embedded_and_only_bundled_fonts_are() {
    if !tools_present() {
        return;
    }
    let (_, out) = built();
    let pdf = out.join("dossier.pdf");
    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "one image:\n{images}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!((cols[3], cols[4]), ("360", "180"), "the chart at its own size: {}", rows[0]);
    assert!(out.join("images/1-1.png").is_file(), "the image is copied next to dossier.typ");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let mut families = Vec::new();
    for row in fonts.lines().skip(2) {
        let name = row.split_whitespace().next().unwrap();
        let family = name.split('+').nth(1).unwrap_or(name);
        assert!(["NotoNaskhArabic-", "NotoSerif-", "NotoSansMono-"].iter().any(|f| family.starts_with(f)), "font not bundled: {row}");
        families.push(family.to_string());
    }
    assert!(families.iter().any(|f| f.starts_with("NotoSansMono-")), "code is set in the bundled monospace face: {fonts}");
}

#[test]
fn undrawn_markdown_and_the_missing_title_are_reported() {
    if !tools_present() {
        return;
    }
    let (_, out) = built();
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let first = &report["articles"][0];
    assert_eq!(first["file"], "01-turnout.md");
    let undrawn: Vec<(String, String)> = first["undrawn"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["at"].as_str().unwrap().to_string(), u["what"].as_str().unwrap().to_string()))
        .collect();
    // Lines in the author's file, which cleanup shortened: not in out/clean.
    assert_eq!(
        undrawn,
        vec![("01-turnout.md:52".to_string(), "raw HTML".to_string()), ("01-turnout.md:54".to_string(), "math".to_string())]
    );
    assert!(report["notes"][0].as_str().unwrap().contains("markdown-dossier"), "{}", report["notes"]);
    let names: Vec<&str> = report["articles"].as_array().unwrap().iter().map(|a| a["file"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["01-turnout.md", "02-field-guide.md", "03-interview.md", "more/04-brief.markdown"]);
    let txt = pdf_text(&out.join("dossier.pdf"));
    let notes = &txt[txt.rfind("Editorial notes").unwrap()..];
    assert!(notes.contains("01-turnout.md:52 raw HTML") && notes.contains("01-turnout.md:54 math"), "{notes}");
    // The clean articles pass check, and none starts with a fence.
    let check = run(&["check", out.join("clean").to_str().unwrap()], b"", &root());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let clean = std::fs::read_to_string(out.join("clean/01-turnout.md")).unwrap();
    assert!(clean.starts_with("# المشاركة"), "no empty front matter block: {clean:.60}");
}

#[test]
fn output_files_have_ordinary_permissions() {
    if !tools_present() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let (_, out) = built();
    for f in ["dossier.pdf", "report.json", "dossier.typ", "clean/01-turnout.md"] {
        let mode = std::fs::metadata(out.join(f)).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "{f} is private to its owner ({mode:o})");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    if !tools_present() {
        return;
    }
    let (tmp, dir) = fixture();
    let out = tmp.path().join("again");
    let result = build(&dir, &out);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(std::fs::read(built().1.join("dossier.pdf")).unwrap() == std::fs::read(out.join("dossier.pdf")).unwrap());
}

/// A dossier whose articles hold characters no bundled font has.
fn emoji_dossier() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("a.md"), "# مقال فيه رموز\n\nنص عربي فيه رمز 🌍 وآخر 👍 هنا.\n\nسطر ثالث فيه 🌍 مرة أخرى.\n").unwrap();
    std::fs::write(d.join("b.txt"), "عنوان المقال الثاني\nفقرة فيها نجمة ★ في وسطها، وهي طويلة بما يكفي لتكون فقرة.\n").unwrap();
    tmp
}

#[test]
fn characters_without_a_glyph_are_one_error_with_every_place() {
    if !tools_present() {
        return;
    }
    let tmp = emoji_dossier();
    let out = tempfile::tempdir().unwrap();
    let result = build(tmp.path(), out.path());
    assert_eq!(result.status.code(), Some(2));
    let err = text(&result.stderr);
    let a = tmp.path().join("a.md").display().to_string();
    let b = tmp.path().join("b.txt").display().to_string();
    assert!(err.contains("3 characters have no glyph"), "{err}");
    assert!(err.contains(&format!("U+1F30D `🌍` at {a}:3:17, {a}:5:14")), "every place, in the author's file: {err}");
    assert!(err.contains(&format!("U+1F44D `👍` at {a}:3:24")), "{err}");
    assert!(err.contains(&format!("U+2605 `★` at {b}:2:16")), "{err}");
    assert!(err.contains("[build] fallback"), "the way through is named: {err}");
    assert_eq!(err.matches("error").count(), 1, "one error: {err}");
}

#[test]
fn a_dossier_font_folder_and_fallback_draw_them() {
    if !tools_present() {
        return;
    }
    let tmp = emoji_dossier();
    let fonts = tmp.path().join("fonts");
    common::copy_dir(&root().join("tests/fixtures/fallback-fonts"), &fonts);
    std::fs::write(tmp.path().join("dossier.toml"), "[build]\nfallback = [\"Noto Sans Symbols2\"]\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = build(tmp.path(), out.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    let pdf = out.path().join("dossier.pdf");
    let used = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(used.contains("NotoSansSymbols2"), "the fallback is embedded: {used}");
    let txt = pdf_text(&pdf);
    assert!(txt.contains('🌍') && txt.contains('👍') && txt.contains('★'), "{txt}");
    // A family the folder does not have is an error naming what it has.
    std::fs::write(tmp.path().join("dossier.toml"), "[build]\nfallback = [\"Noto Emoji\"]\n").unwrap();
    let err = text(&build(tmp.path(), out.path()).stderr);
    assert!(err.contains("Noto Emoji") && err.contains("Noto Sans Symbols2"), "{err}");
}

#[test]
fn images_must_be_files_inside_the_dossier() {
    if !tools_present() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    std::fs::create_dir_all(&d).unwrap();
    let outside = tmp.path().join("secret.png");
    std::fs::copy(root().join("tests/fixtures/markdown-dossier/images/chart.png"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, d.join("link.png")).unwrap();
    std::fs::write(d.join("a.md"), "# عنوان\n\nنص.\n\n![غائبة](missing.png)\n\n![خارجية](../secret.png)\n\n![رابط](link.png)\n").unwrap();
    let out = tmp.path().join("out");
    let result = build(&d, &out);
    assert_eq!(result.status.code(), Some(2));
    let err = text(&result.stderr);
    let a = d.join("a.md").display().to_string();
    assert!(err.contains(&format!("{a}:5: image `missing.png` not found")), "{err}");
    assert!(err.contains(&format!("{a}:7: image `../secret.png` is outside the dossier folder")), "{err}");
    assert!(err.contains(&format!("{a}:9: image `link.png` is outside the dossier folder")), "a symlink out is outside: {err}");

    // A remote image is a warning and a link; a .txt beside the .md is set aside.
    std::fs::write(d.join("a.md"), "# عنوان\n\nنص.\n\n![صورة بعيدة](https://example.org/x.png)\n").unwrap();
    std::fs::write(d.join("a.txt"), "نسخة قديمة\n").unwrap();
    let result = build(&d, &out);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let report = std::fs::read_to_string(out.join("report.json")).unwrap();
    assert!(report.contains("a.md:5: remote image https://example.org/x.png is not fetched"), "{report}");
    assert!(report.contains("a.txt was set aside: a.md has the same name and is the article"), "{report}");
    let txt = pdf_text(&out.join("dossier.pdf"));
    assert!(txt.contains("صورة بعيدة") && !txt.contains("نسخة قديمة"), "{txt}");
}
