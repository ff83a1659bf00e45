//! `dossier build` end to end: the real binary, the real typst CLI, and
//! Poppler's pdfinfo, pdffonts and pdftotext reading what it made.
//!
//! These need `typst` and `poppler-utils` (`.ci/run` installs both). Without
//! them the tests fail and say so; `DOSSIER_SKIP_PDF_TESTS=1` skips them on
//! a machine that cannot have them.

mod common;
use common::*;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn tools_present() -> bool {
    if std::env::var_os("DOSSIER_SKIP_PDF_TESTS").is_some() {
        return false;
    }
    for tool in ["pdftotext", "pdffonts", "pdfinfo"] {
        assert!(
            Command::new(tool).arg("-v").output().is_ok(),
            "{tool} is missing: install poppler-utils (or set DOSSIER_SKIP_PDF_TESTS=1)"
        );
    }
    true
}

fn build(dir: &Path, out: &Path) -> std::process::Output {
    run(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()], b"", &root())
}

/// Build a dossier made of `files` (name and content) and expect success:
/// the output folder.
fn build_files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let result = build(dir.path(), out.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    out
}

/// The data file a build gave typst, parsed.
fn dossier_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("dossier.json")).unwrap()).unwrap()
}

/// The seeds' dossier, built once for all the tests that read it.
fn seeds_pdf() -> &'static (tempfile::TempDir, PathBuf) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let result = build(&root().join("seeds"), out.path());
        assert!(result.status.success(), "build failed: {}", text(&result.stderr));
        let pdf = out.path().join("dossier.pdf");
        (out, pdf)
    })
}

/// The article pages' text: everything before the editorial notes, whose
/// title appears first in the contents, then as the appendix heading.
fn article_pages(all: &str) -> &str {
    let (at, _) = all.match_indices("ملحق التحرير").nth(1).expect("the editorial notes are there");
    &all[..at]
}

fn arabic_words(s: &str) -> Vec<String> {
    s.split(|c: char| !dossier::text::chars::is_arabic_letter(c)).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[test]
fn pdfinfo_pages_title_tagged() {
    if !tools_present() {
        return;
    }
    let info = tool("pdfinfo", &[seeds_pdf().1.to_str().unwrap()]);
    let field = |k: &str| info.lines().find_map(|l| l.strip_prefix(k)).map(|v| v.trim().to_string()).unwrap_or_default();
    assert!(field("Title:").contains("Kazakhstan: the January 2022 unrest") && field("Title:").contains("كازاخستان"), "{info}");
    assert_eq!(field("Tagged:"), "yes", "{info}");
    let pages: usize = field("Pages:").parse().unwrap();
    assert!(pages >= 12, "five articles, cover, contents and notes make at least 12 pages, got {pages}");
    assert!(field("CreationDate:").contains("2022"), "the creation date comes from dossier.toml: {info}");
}

#[test]
fn pdffonts_lists_only_bundled_fonts_all_embedded() {
    if !tools_present() {
        return;
    }
    let fonts = tool("pdffonts", &[seeds_pdf().1.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        let family = name.split('+').nth(1).unwrap_or(name);
        assert!(
            ["NotoNaskhArabic-", "NotoSerif-", "NotoSansMono-", "Amiri-"].iter().any(|f| family.starts_with(f)),
            "font not bundled: {row}"
        );
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
}

/// The embedded font families of a PDF (`NotoSerif-Bold`), subset tags off.
fn font_families(pdf: &Path) -> Vec<String> {
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    fonts.lines().skip(2).filter_map(|row| row.split_whitespace().next()).map(|n| n.split('+').next_back().unwrap().to_string()).collect()
}

/// A dossier that asks for Amiri is typeset in Amiri, the seeds (the
/// default face) in Noto Naskh: no page shows the other face. (Which fonts
/// typst is given is `build_safety`'s to check, with a fake typst.)
#[test]
fn only_the_chosen_arabic_face_is_typeset() {
    if !tools_present() {
        return;
    }
    let default = font_families(&seeds_pdf().1);
    assert!(default.iter().any(|f| f.starts_with("NotoNaskhArabic-")) && !default.iter().any(|f| f.starts_with("Amiri-")), "{default:?}");
    let out = build_files(&[
        ("a.txt", "مقال قصير بالعربية عن **النص** المطبوع.\n"),
        ("dossier.toml", "[dossier]\ntitle = \"x\"\n\n[[article]]\nfile = \"a.txt\"\n\n[build]\nfont = \"amiri\"\n"),
    ]);
    let amiri = font_families(&out.path().join("dossier.pdf"));
    assert!(amiri.iter().any(|f| f.starts_with("Amiri-")) && !amiri.iter().any(|f| f.starts_with("NotoNaskhArabic-")), "{amiri:?}");
    // What the user keeps for compiling again still holds every face.
    assert!(out.path().join("fonts/NotoNaskhArabic-Regular.ttf").is_file() && out.path().join("fonts/Amiri-Regular.ttf").is_file());
}

#[test]
fn pdftotext_gives_back_the_cleaned_text() {
    if !tools_present() {
        return;
    }
    let (out, pdf) = seeds_pdf();
    let all = pdf_text(pdf);
    let articles = article_pages(&all);
    // English titles are checked without their final mark: in a right-to-left
    // page Poppler moves it (the page itself is checked by eye).
    for want in [
        "المحتويات",
        "Contents",
        "5/1/2022",
        "10/1/2022",
        "https://bit.ly/3FTnezU",
        "https://nyti.ms/3AlQ1Ma",
        "https://bit.ly/3qQSBGR",
        "Kazakhstan: popular uprising or power struggle",
        "(أ ف ب)",
    ] {
        assert!(all.contains(want), "`{want}` is not in the PDF's text");
    }
    for furniture in ["هل أعجبك المحتوى", "انضم إلى قائمة", "اترك رد", "لن يتم نشر", "للقراءة أو الاستماع", "موضوع ذا صلة", "مصدر الصور"]
    {
        assert!(!articles.contains(furniture), "site furniture `{furniture}` reached an article page");
    }
    assert!(!all.chars().any(dossier::text::chars::is_presentation_form), "presentation forms in the PDF text");
    // Curly quotes survive only around Latin text (the English titles):
    // pdftotext keeps left-to-right runs in order, so the quoted word is
    // right next to each mark.
    for (i, _) in all.match_indices('“') {
        assert!(
            all[i + '“'.len_utf8()..].starts_with(|c: char| c.is_ascii_alphabetic()),
            "“ opens non-Latin text: {:?}",
            &all[i..(i + 40).min(all.len())]
        );
    }
    for (i, _) in all.match_indices('”') {
        assert!(all[..i].ends_with(|c: char| c.is_ascii_alphabetic()), "” closes non-Latin text near byte {i}");
    }
    assert!(all.contains("“peacekeeping”"), "the English title's quotes are kept");

    // Each article's Arabic title, word for word, and nearly all its words.
    let pdf_words: HashMap<String, usize> = arabic_words(&all).into_iter().fold(HashMap::new(), |mut m, w| {
        *m.entry(w).or_insert(0) += 1;
        m
    });
    let (mut total, mut found) = (0, 0);
    for entry in std::fs::read_dir(out.path().join("clean")).unwrap() {
        let md = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let title = md.lines().find(|l| l.starts_with("title")).unwrap_or("");
        for w in arabic_words(title) {
            assert!(pdf_words.contains_key(&w), "title word `{w}` missing from the PDF text");
        }
        let body = md.splitn(3, "+++").nth(2).unwrap();
        for w in arabic_words(body) {
            total += 1;
            found += usize::from(pdf_words.contains_key(&w));
        }
    }
    let share = found as f64 / total as f64;
    assert!(share >= 0.95, "only {:.1}% of {total} Arabic words came back from pdftotext", 100.0 * share);
}

#[test]
fn clean_articles_pass_check_and_report_is_complete() {
    if !tools_present() {
        return;
    }
    let (out, _) = seeds_pdf();
    let check = run(&["check", out.path().join("clean").to_str().unwrap()], b"", &root());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.path().join("report.json")).unwrap()).unwrap();
    let articles = report["articles"].as_array().unwrap();
    // Five seed articles and the English opening of the first, set beside it.
    assert_eq!(articles.len(), 6);
    // Each pasted seed needed fixes (the English translation, written clean, none).
    assert!(articles.iter().filter(|a| a["file"].as_str().unwrap().ends_with(".txt")).all(|a| !a["fixes"].as_array().unwrap().is_empty()));
    assert!(articles.iter().any(|a| a["removed"].as_array().unwrap().iter().any(|r| r.as_str().unwrap().starts_with("اترك رد"))));
    assert!(report["timing"]["typst_seconds"].as_f64().unwrap() > 0.0);
    for f in ["dossier.typ", "dossier.json", "fonts/NotoNaskhArabic-Regular.ttf"] {
        assert!(out.path().join(f).exists(), "{f} missing from the output");
    }
}

#[test]
fn generated_typst_compiles_by_hand() {
    if !tools_present() {
        return;
    }
    let (out, _) = seeds_pdf();
    let pdf = out.path().join("by-hand.pdf");
    let status = Command::new("typst")
        .current_dir(out.path())
        .args(["compile", "--font-path", "fonts", "--ignore-system-fonts", "--ignore-embedded-fonts", "dossier.typ"])
        .arg(&pdf)
        .status()
        .expect("typst runs");
    assert!(status.success() && pdf.exists());
}

#[test]
fn builds_with_a_relative_output_folder_like_the_readme() {
    if !tools_present() {
        return;
    }
    // `dossier build seeds --out out` from a folder: out/ is relative to it.
    let cwd = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let result = run(&["build", seeds.to_str().unwrap(), "--out", "out"], b"", cwd.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    let txt = pdf_text(&cwd.path().join("out/dossier.pdf"));
    assert!(txt.contains("المحتويات") && txt.contains("https://bit.ly/3FTnezU"), "the PDF has no text: fonts were not found");
    let fonts = tool("pdffonts", &[cwd.path().join("out/dossier.pdf").to_str().unwrap()]);
    assert!(fonts.contains("NotoNaskhArabic-Regular"), "{fonts}");
}

#[test]
fn builds_are_byte_identical() {
    if !tools_present() {
        return;
    }
    let other = tempfile::tempdir().unwrap();
    let result = build(&root().join("seeds"), other.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(
        std::fs::read(&seeds_pdf().1).unwrap() == std::fs::read(other.path().join("dossier.pdf")).unwrap(),
        "two builds of the seeds differ"
    );
}

#[test]
fn hostile_article_shows_literally_and_reads_nothing_outside() {
    if !tools_present() {
        return;
    }
    // Left-to-right lines keep their order through pdftotext, so each can be
    // matched exactly; the Arabic line is checked character by character,
    // because Poppler reorders neutrals inside right-to-left lines.
    let latin = [
        "Markup that must stay text: #read(\"/etc/passwd\") and $x$ and @label and <b>bold</b>.",
        "More of it: *star* and _under_ and user@example.com and #import \"@preview/cetz:0.2.0\": *",
        "= Not a heading in English either, just a line that starts with an equals sign.",
        "- Not a list item, only a line that starts with a hyphen and a space.",
        "1. Not a numbered item, only a line that starts with a number and a period.",
        "[x] and \\ and ~ and ` and # and + are all plain characters here.",
    ];
    let arabic = "نص عربي يحاول #read(\"/etc/passwd\") و$x$ و@label و<b>غامق</b> معا.";
    let article = format!("مقال عدائي للاختبار\n{}\n{arabic}\n", latin.join("\n"));
    let out = build_files(&[("hostile.txt", &article)]);
    let txt = pdf_text(&out.path().join("dossier.pdf"));
    let pages = article_pages(&txt);
    let flat = pages.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in latin {
        let want = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&want), "`{line}` did not come out literally:\n{pages}");
    }
    for c in ["#", "$", "@", "<", ">", "/etc/passwd"] {
        assert!(pages.matches(c).count() >= 2, "`{c}` lost from the Arabic line");
    }
    assert!(!txt.contains("root:x:0:0"), "/etc/passwd was read");
}

#[test]
fn markdown_articles_with_front_matter_and_english() {
    if !tools_present() {
        return;
    }
    let out = build_files(&[
        (
            "a.md",
            "---\ntitle:\n  ar: مقال بالعربية\n  en: An Arabic article\nauthor: كاتب\n---\n\nفقرة عربية فيها كلمة Google وتنتهي هنا.\n\n<div>raw</div>\n\n> اقتباس قصير.\n",
        ),
        ("b.md", "+++\ntitle = { en = \"An English piece\" }\nlang = \"en\"\n+++\n\nAn English paragraph that ends with The New York Times.\n"),
    ]);
    let txt = pdf_text(&out.path().join("dossier.pdf"));
    assert!(txt.contains("An English piece") && txt.contains("The New York Times.") && txt.contains("An Arabic article"), "{txt}");
    assert!(!article_pages(&txt).contains("raw"), "raw HTML is dropped from the article");
    let report = std::fs::read_to_string(out.path().join("report.json")).unwrap();
    assert!(report.contains("<div>raw</div>"), "dropped HTML is reported");
}

#[test]
fn clear_errors_for_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "نص\n").unwrap();
    std::fs::write(dir.path().join("dossier.toml"), "[dossier]\ntitle = \"x\"\n\n[[article]]\nfile = \"a.txt\"\nsoruce = \"y\"\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = build(dir.path(), out.path());
    assert_eq!(result.status.code(), Some(2));
    let err = text(&result.stderr);
    assert!(err.contains("dossier.toml") && err.contains("line 6") && err.contains("soruce"), "{err}");

    std::fs::write(dir.path().join("dossier.toml"), "[[article]]\nfile = \"missing.txt\"\n").unwrap();
    let err = text(&build(dir.path(), out.path()).stderr);
    assert!(err.contains("missing.txt") && err.contains("does not exist"), "{err}");

    std::fs::remove_file(dir.path().join("dossier.toml")).unwrap();
    let result =
        run(&["build", dir.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--typst", "/nonexistent/typst"], b"", &root());
    assert_eq!(result.status.code(), Some(2));
    assert!(text(&result.stderr).contains("cargo install typst-cli --locked"), "{}", text(&result.stderr));

    std::fs::write(dir.path().join("b.txt"), b"\xff\xfeab").unwrap();
    let err = text(&build(dir.path(), out.path()).stderr);
    assert!(err.contains("b.txt") && err.contains("UTF-16"), "{err}");
    std::fs::write(dir.path().join("b.txt"), b"\xffab").unwrap();
    let err = text(&build(dir.path(), out.path()).stderr);
    assert!(err.contains("b.txt") && err.contains("offset 0"), "{err}");
}

#[test]
fn a_missing_glyph_is_an_error() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "نص فيه رمز 😀 لا خط له.\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = build(dir.path(), out.path());
    assert_eq!(result.status.code(), Some(2));
    assert!(text(&result.stderr).contains("U+1F600"), "{}", text(&result.stderr));
}

/// An Arabic article whose headings and list items are full of English
/// terms stays an Arabic article: its title, heading and items are set
/// right to left; only the English paragraph is left to right.
#[test]
fn an_arabic_article_full_of_english_terms_stays_right_to_left() {
    if !tools_present() {
        return;
    }
    let md = "# دليل الإعداد\n\nهذه فقرة عربية قصيرة عن البرنامج وإعداداته.\n\n### تغيير User-Agent\n\n- دعم JSON export mode\n- تحسين الأداء في Chrome و Firefox\n\nEnglish paragraph stays left to right, with a word عربية inside.\n";
    let out = build_files(&[("a.md", md)]);
    let data = dossier_json(out.path());
    let article = &data["articles"][0];
    assert_eq!((article["lang"].as_str(), article["dir"].as_str()), (Some("ar"), Some("rtl")));
    let dirs: Vec<(&str, &str)> =
        article["blocks"].as_array().unwrap().iter().map(|b| (b["kind"].as_str().unwrap(), b["dir"].as_str().unwrap())).collect();
    assert_eq!(dirs, [("paragraph", "rtl"), ("heading", "rtl"), ("list", "rtl"), ("paragraph", "ltr")]);
}

/// A Persian article says so in its front matter (`lang: fa`): it builds
/// right to left, its cleaned copy still says `fa` (so `check` of it stays
/// Persian), and its words are left as written. An unknown tag is an error.
#[test]
fn a_persian_article_builds_and_keeps_its_language() {
    if !tools_present() {
        return;
    }
    let md = "---\nlang: fa\ntitle: کتاب‌های من\n---\n\n## کتاب‌های من\n\nاین یک متن فارسی است که برای آزمایش نوشته شده است.\n";
    let out = build_files(&[("a.md", md)]);
    let clean = std::fs::read_to_string(out.path().join("clean/a.md")).unwrap();
    assert!(clean.contains("lang = \"fa\"") && clean.contains("## کتاب‌های من") && clean.contains("این یک متن فارسی است"), "{clean}");
    let data = dossier_json(out.path());
    assert_eq!(data["articles"][0]["dir"], "rtl");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), md.replace("lang: fa", "lang: xx")).unwrap();
    let result = build(dir.path(), &dir.path().join("out"));
    assert_eq!(result.status.code(), Some(2));
    assert!(text(&result.stderr).contains("`xx` is no language tag dossier knows"), "{}", text(&result.stderr));
}

/// Issue 23: a directive is honoured in the build too. A `.txt` marker line
/// becomes the markdown comment that does the same (never printed); front
/// matter's `dossier-ignore` is metadata the build accepts.
#[test]
fn suppressions_hold_in_the_build_and_are_not_printed() {
    if !tools_present() {
        return;
    }
    let txt = "عنوان المقال\n\nقال  نعم والله\ndossier-ignore-next-line: S001\nثم  مضى إلى البيت.\n";
    let md = "---\ntitle: مقال\ndossier-ignore: [Q002]\n---\n\nقال \"نعم\" ثم مضى.\n";
    let out = build_files(&[("a.txt", txt), ("b.md", md)]);
    let a = std::fs::read_to_string(out.path().join("clean/a.md")).unwrap();
    assert!(a.contains("قال نعم والله") && a.contains("<!-- dossier-ignore-next-line S001 -->\nثم  مضى إلى البيت."), "{a}");
    let b = std::fs::read_to_string(out.path().join("clean/b.md")).unwrap();
    assert!(b.contains("قال \"نعم\" ثم مضى."), "{b}");
    let pdf = Command::new("pdftotext").arg(out.path().join("dossier.pdf")).arg("-").output().unwrap();
    assert!(!text(&pdf.stdout).contains("dossier-ignore"), "{}", text(&pdf.stdout));
}

/// One pass per article: a build parses each article's markdown once to
/// clean it and once to lay it out (the bounds it refuses are checked in
/// the model's parse). `DOSSIER_TEST_COUNTS` makes it say how many.
#[test]
fn a_build_parses_each_article_at_most_twice() {
    let out = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for seed in seeds() {
        std::fs::copy(&seed, dir.path().join(seed.file_name().unwrap())).unwrap();
    }
    std::fs::copy(root().join("seeds/dossier.toml"), dir.path().join("dossier.toml")).unwrap();
    let translation = "000_a55d90486160b388.en.md";
    std::fs::copy(root().join("seeds").join(translation), dir.path().join(translation)).unwrap();
    // A markdown article that is clean already, with the front matter dossier writes.
    std::fs::write(dir.path().join("clean.md"), "+++\ntitle = { ar = \"مقال نظيف\" }\n+++\n\nقال «نعم»، ثم مضى.\n").unwrap();
    let toml = std::fs::read_to_string(dir.path().join("dossier.toml")).unwrap() + "\n[[article]]\nfile = \"clean.md\"\n";
    std::fs::write(dir.path().join("dossier.toml"), toml).unwrap();
    let result = bin()
        .args(["build", dir.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()])
        .env("DOSSIER_TEST_COUNTS", "1")
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", text(&result.stderr));
    let said = text(&result.stderr);
    let counts: Vec<(&str, usize)> = said
        .lines()
        .filter_map(|l| l.strip_prefix("dossier-test: ")?.split_once(" parsed as markdown "))
        .map(|(file, n)| (file, n.trim_end_matches(" times").parse().unwrap()))
        .collect();
    assert_eq!(counts.len(), seeds().len() + 2, "{said}");
    assert!(counts.iter().all(|&(_, n)| (1..=2).contains(&n)), "{counts:?}");
    // Progress is for a terminal: a piped build says none.
    assert!(!said.contains('\r'), "{said:?}");
}

/// `--open` hands the built PDF to the desktop's opener (a stand-in here,
/// first on PATH, that notes what it was given); without it, nothing is
/// opened.
#[cfg(unix)]
#[test]
fn open_shows_the_built_pdf() {
    use std::os::unix::fs::PermissionsExt;
    let bin_dir = tempfile::tempdir().unwrap();
    let noted = bin_dir.path().join("opened");
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let script = bin_dir.path().join(opener);
    std::fs::write(&script, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", noted.display())).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin_dir.path().to_path_buf()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let build = |open: bool| {
        let mut args = vec!["build", "seeds", "--out", out.path().to_str().unwrap()];
        if open {
            args.push("--open");
        }
        let result = bin().args(&args).current_dir(root()).env("PATH", &path).output().unwrap();
        assert!(result.status.success(), "{}", text(&result.stderr));
    };
    build(false);
    assert!(!noted.exists(), "opened without --open");
    build(true);
    let opened = std::fs::read_to_string(&noted).unwrap();
    assert_eq!(std::path::Path::new(&opened), out.path().join("dossier.pdf"));
}

/// Front matter written for another tool (a site's `description`,
/// `keywords`, `layout`) builds: those fields are left out and the report
/// says so; a misspelt field of dossier's still stops the build.
#[test]
fn front_matter_of_other_tools_is_left_out_and_said() {
    if !tools_present() {
        return;
    }
    let page = "---\ntitle: دليل المساهمة\ndescription: كيف تساهم في مشروع مفتوح المصدر\nkeywords: [مصدر, مفتوح]\nlayout: guide\n---\n\nنص المقال.\n";
    let out = build_files(&[("a.md", page)]);
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.path().join("report.json")).unwrap()).unwrap();
    let notes = report["articles"][0]["notes"].to_string();
    assert!(notes.contains("`description`, `keywords`, `layout`") && notes.contains("left out"), "{report}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), page.replace("layout:", "autor:")).unwrap();
    let refused = build(dir.path(), &dir.path().join("out"));
    assert!(!refused.status.success() && text(&refused.stderr).contains("did you mean `author`?"), "{}", text(&refused.stderr));
}
