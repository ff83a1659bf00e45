//! `dossier import` on saved web pages and Word documents, run as the real
//! binary. The expected articles are insta snapshots, reviewed by eye
//! (`INSTA_UPDATE=always cargo test --test import`, then read the .snap).
//!
//! Pages: tests/fixtures/import/*/page.html, written to mimic common Arabic
//! news templates (see its README). Word documents are made here, part by
//! part, so what each holds is in plain sight.

mod common;

use std::io::{Cursor, Write};
use std::path::Path;

use common::{run, text};

/// Copy a fixture folder into a fresh dossier and import its page.
fn import_page(fixture: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let from = common::root().join("tests/fixtures/import").join(fixture);
    common::copy_dir(&from, dir.path());
    let out = run(&["import", "page.html"], b"", dir.path());
    (dir, out)
}

/// The article written, then what import said it removed and guessed.
fn article_and_report(dir: &Path, md: &str, out: &std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let article = std::fs::read_to_string(dir.join(md)).unwrap();
    format!("{article}\n---- dossier import said ----\n{}", text(&out.stderr))
}

/// The imported article passes `dossier check`: it is cleaned as `build` cleans.
fn assert_clean(dir: &Path, md: &str) {
    let out = run(&["check", md], b"", dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn wordpress_news_page() {
    let (dir, out) = import_page("wordpress-news");
    let shown = article_and_report(dir.path(), "page.md", &out);
    insta::assert_snapshot!("wordpress_news", shown);
    for expected in ["author = \"ريما منصور\"", "date = \"2024-03-18\"", "ar = \"صحيفة الساحل\"", "| الأرصفة وكاسر الموج | 2.5 |"]
    {
        assert!(shown.contains(expected), "{expected} missing:\n{shown}");
    }
    // Furniture is out of the article and listed.
    let (article, report) = shown.split_once("---- dossier import said").unwrap();
    for furniture in ["فيسبوك", "اترك رد", "ملفات تعريف الارتباط", "مقالات ذات صلة", "اشترك في النشرة", "اقرأ أيضا"]
    {
        assert!(!article.contains(furniture) && report.contains(furniture), "{furniture}");
    }
    // The figure's image is copied; the logo in the header is not used.
    assert!(dir.path().join("images/page/harbour.png").is_file());
    assert!(!dir.path().join("images/page/logo.png").exists());
    assert!(!article.contains("سكربت"), "a script's text came through");
    assert_clean(dir.path(), "page.md");
}

#[test]
fn wikipedia_page() {
    let (dir, out) = import_page("wikipedia");
    let shown = article_and_report(dir.path(), "page.md", &out);
    insta::assert_snapshot!("wikipedia", shown);
    assert!(shown.contains("ar = \"نهر العاصي\"\n"), "the site's name stays on the title:\n{shown}");
    assert!(shown.contains("570 كيلومترا.[^1]") && shown.contains("[^2]: [الري في حوض العاصي]"), "{shown}");
    assert!(!shown.split("----").next().unwrap().contains("عدل"), "edit links kept:\n{shown}");
    assert_clean(dir.path(), "page.md");
}

#[test]
fn wikinews_page() {
    let (dir, out) = import_page("wikinews");
    let shown = article_and_report(dir.path(), "page.md", &out);
    insta::assert_snapshot!("wikinews", shown);
    assert!(shown.contains("ar = \"ويكي الأخبار\""), "{shown}");
}

#[test]
fn json_ld_news_page() {
    let (dir, out) = import_page("jsonld-news");
    let shown = article_and_report(dir.path(), "page.md", &out);
    insta::assert_snapshot!("jsonld_news", shown);
    for expected in ["author = \"سامر العلي\"", "date = \"2023-11-02\"", "ar = \"شبكة المدار\"", "1. قلة الأمطار في الربيع."]
    {
        assert!(shown.contains(expected), "{expected} missing:\n{shown}");
    }
}

#[test]
fn windows_1256_page() {
    let (dir, out) = import_page("windows-1256");
    let shown = article_and_report(dir.path(), "page.md", &out);
    insta::assert_snapshot!("windows_1256", shown);
    assert!(shown.contains("عاد القطار إلى العمل") && !shown.contains('\u{FFFD}'), "{shown}");
    assert!(shown.contains("author = \"مراسل الفجر\""), "{shown}");
    assert_clean(dir.path(), "page.md");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    if let Some(parent) = dir.join(name).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// A real image, from a page's fixture.
fn harbour_png() -> Vec<u8> {
    std::fs::read(common::root().join("tests/fixtures/import/wordpress-news/page_files/harbour.png")).unwrap()
}

const PARAGRAPH: &str = "<p>افتتحت البلدية صباح اليوم ميناء الصيد الجديد في الطرف الجنوبي من المدينة، بعد ثلاث سنوات من العمل المتواصل، بحضور عشرات الصيادين وعائلاتهم الذين انتظروا هذا اليوم طويلا.</p>";

#[test]
fn images_only_from_inside_the_page_folder_and_nothing_fetched() {
    let dir = tempfile::tempdir().unwrap();
    let png = harbour_png();
    write(dir.path(), "secret.png", &png);
    write(dir.path(), "site/page_files/a%20b.png", &png);
    write(dir.path(), "site/page_files/a b.png", &png);
    let page = format!(
        "<html><body><article><h1>عنوان</h1>{PARAGRAPH}\
         <figure><img src=\"../secret.png\"><figcaption>خارج المجلد</figcaption></figure>\
         <figure><img src=\"https://example.org/x.png\"><figcaption>من الشبكة</figcaption></figure>\
         <figure><img src=\"page_files/a%20b.png\"><figcaption>داخل المجلد</figcaption></figure>\
         {PARAGRAPH}</article></body></html>"
    );
    write(dir.path(), "site/page.html", page.as_bytes());
    let out = run(&["import", "site/page.html"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = std::fs::read_to_string(dir.path().join("site/page.md")).unwrap();
    let said = text(&out.stderr);
    assert!(md.contains("![داخل المجلد](images/page/a_b.png)"), "{md}");
    assert!(dir.path().join("site/images/page/a_b.png").is_file());
    assert!(said.contains("../secret.png left out: outside the page's folder"), "{said}");
    assert!(said.contains("https://example.org/x.png left out: not saved with the page"), "{said}");
    // The captions of images left out stay as text.
    assert!(md.contains("خارج المجلد") && md.contains("من الشبكة"), "{md}");
}

#[test]
fn an_image_shown_many_times_is_copied_once() {
    let dir = tempfile::tempdir().unwrap();
    let png = harbour_png();
    write(dir.path(), "page_files/a.png", &png);
    write(dir.path(), "page_files/sub/a.png", &png);
    // The same file by three spellings, 300 times, and another file of the same name.
    let figures: String = (0..300)
        .map(|i| {
            format!(
                "<figure><img src=\"{}\"><figcaption>صورة {i}</figcaption></figure>",
                ["page_files/a.png", "./page_files/a.png", "page_files/sub/../a.png"][i % 3]
            )
        })
        .collect();
    let page = format!("<html><body><article><h1>عنوان</h1>{PARAGRAPH}{figures}<figure><img src=\"page_files/sub/a.png\"></figure>{PARAGRAPH}</article></body></html>");
    write(dir.path(), "page.html", page.as_bytes());
    let out = run(&["import", "page.html"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut written: Vec<_> = std::fs::read_dir(dir.path().join("images/page")).unwrap().map(|e| e.unwrap().file_name()).collect();
    written.sort();
    assert_eq!(written, ["a-2.png", "a.png"]);
    let md = std::fs::read_to_string(dir.path().join("page.md")).unwrap();
    assert_eq!(md.matches("](images/page/a.png)").count(), 300, "{md}");
    assert_eq!(md.matches("](images/page/a-2.png)").count(), 1, "{md}");
}

#[test]
fn existing_articles_need_force_and_into_writes_into_the_dossier() {
    let (dir, out) = import_page("jsonld-news");
    assert_eq!(out.status.code(), Some(0));
    let before = std::fs::read(dir.path().join("page.md")).unwrap();
    let again = run(&["import", "page.html"], b"", dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("page.md exists; pass --force"), "{}", text(&again.stderr));
    assert_eq!(std::fs::read(dir.path().join("page.md")).unwrap(), before);
    assert_eq!(run(&["import", "--force", "page.html"], b"", dir.path()).status.code(), Some(0));

    let (dir, _) = import_page("wordpress-news");
    let out = run(&["import", "page.html", "--into", "dossier"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(dir.path().join("dossier/page.md").is_file() && dir.path().join("dossier/images/page/harbour.png").is_file());
}

#[test]
fn an_article_is_never_replaced_by_its_own_import() {
    let dir = tempfile::tempdir().unwrap();
    let article =
        "---\ntitle: مقالتي\n---\n\n## مقدمة\n\nهذه **مقالتي** كما كتبتها، مع [رابط](https://example.org) وقائمة:\n\n- أولا\n- ثانيا\n";
    write(dir.path(), "mine.md", article.as_bytes());
    for args in [&["import", "--force", "mine.md"][..], &["import", "--force", "mine.md", "--into", "."]] {
        let out = run(args, b"", dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = text(&out.stderr);
        assert!(said.contains("mine.md: the article would replace the file it is imported from") && said.contains("dossier fix"), "{said}");
        assert_eq!(std::fs::read_to_string(dir.path().join("mine.md")).unwrap(), article);
    }
    // Into a dossier, a .md is read as markdown: its front matter and markup stay.
    let out = run(&["import", "mine.md", "--into", "dossier"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let copied = std::fs::read_to_string(dir.path().join("dossier/mine.md")).unwrap();
    for kept in ["ar = \"مقالتي\"", "## مقدمة", "هذه **مقالتي**", "[رابط](https://example.org)", "- ثانيا"] {
        assert!(copied.contains(kept), "{kept} lost:\n{copied}");
    }
    assert!(!copied.contains('\\'), "escaped:\n{copied}");
}

#[test]
fn page_without_an_article_body_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let links: String = (0..40).map(|i| format!("<li><a href=\"/n{i}\">خبر رقم {i}</a></li>")).collect();
    write(dir.path(), "front.html", format!("<html><body><nav><ul>{links}</ul></nav></body></html>").as_bytes());
    let out = run(&["import", "front.html"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("front.html: no article body found"), "{}", text(&out.stderr));
    assert!(!dir.path().join("front.md").exists());
}

#[test]
fn furniture_is_named_by_whole_words_and_never_the_body() {
    let footer: String = (0..60).map(|i| format!("<li><a href=\"/s{i}\">قسم الأخبار المحلية رقم {i}</a></li>")).collect();
    for wrapper in ["commentary-body", "subscriber-only", "social-wrap"] {
        let dir = tempfile::tempdir().unwrap();
        let page = format!(
            "<html><body><article><h1>عنوان المقال</h1><div class=\"{wrapper}\">{PARAGRAPH}{PARAGRAPH}{PARAGRAPH}</div></article>\
             <div class=\"comments-area\"><p>تعليق قصير من قارئ</p></div><footer><ul>{footer}</ul></footer></body></html>"
        );
        write(dir.path(), "page.html", page.as_bytes());
        let out = run(&["import", "page.html"], b"", dir.path());
        assert_eq!(out.status.code(), Some(0), "{wrapper}: {}", text(&out.stderr));
        let md = std::fs::read_to_string(dir.path().join("page.md")).unwrap();
        assert!(md.contains("افتتحت البلدية") && !md.contains("تعليق قصير"), "{wrapper}:\n{md}");
        assert!(text(&out.stderr).contains("removed: comments: تعليق قصير"), "{}", text(&out.stderr));
    }
    // When what is left has no body, the error names what was taken out.
    let dir = tempfile::tempdir().unwrap();
    let page = format!("<html><body><h1>عنوان</h1><p>سطر.</p><aside class=\"related-posts\"><div>{}</div></aside><nav><ul>{footer}</ul></nav></body></html>", &PARAGRAPH[3..PARAGRAPH.len() - 4]);
    write(dir.path(), "page.html", page.as_bytes());
    let out = run(&["import", "page.html"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(said.contains("no article body found") && said.contains("Taken out as furniture: «related articles: افتتحت البلدية"), "{said}");
}

#[test]
fn page_in_another_language_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let para = "<p>The harbour opened this morning at the southern end of the city after three years of work, with dozens of fishermen and their families watching the ceremony from the quay.</p>";
    write(
        dir.path(),
        "en.html",
        format!("<html lang=en><body><article><h1>Harbour opens</h1>{para}{para}</article></body></html>").as_bytes(),
    );
    let out = run(&["import", "en.html"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("the article is in English, not Arabic"), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(dir.path().join("en.md")).unwrap().contains("lang = \"en\""));
}

#[test]
fn huge_pages_are_refused_and_large_ones_are_quick() {
    let dir = tempfile::tempdir().unwrap();
    let huge = vec![b' '; (16 << 20) + 1];
    write(dir.path(), "huge.html", &huge);
    let out = run(&["import", "huge.html"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("larger than 16 MiB"), "{}", text(&out.stderr));

    // A 2 MB page (a long article in heavy markup) imports in seconds.
    let mut page = String::from("<html><body><article><h1>عنوان طويل</h1>");
    while page.len() < 2 << 20 {
        page.push_str("<div class=\"row\"><span style=\"color:#333\">");
        page.push_str(PARAGRAPH);
        page.push_str("</span></div>");
    }
    page.push_str("</article></body></html>");
    write(dir.path(), "long.html", page.as_bytes());
    let start = std::time::Instant::now();
    let out = run(&["import", "long.html"], b"", dir.path());
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    eprintln!("a {} KiB page imported in {seconds:.2} s", page.len() >> 10);
    assert!(seconds < 60.0, "{seconds} s");
}

/// Nesting is bounded before the page is parsed: 100 000 nested `<div>`
/// took 90 s in the parser, and 2000 took the extractor 22 s.
#[test]
fn deeply_nested_pages_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for (name, depth) in [("parser.html", 100_000), ("extractor.html", 300)] {
        let page = format!("<html><body>{PARAGRAPH}{}{PARAGRAPH}</body></html>", "<div>".repeat(depth));
        write(dir.path(), name, page.as_bytes());
        let start = std::time::Instant::now();
        let out = run(&["import", name], b"", dir.path());
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(text(&out.stderr).contains("elements nest more than 160 deep"), "{}", text(&out.stderr));
        assert!(start.elapsed().as_secs_f64() < 10.0, "{name}: {:?}", start.elapsed());
    }
}

/// A `.docx` from its parts (content types added).
fn docx(parts: &[(&str, &str)], binary: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/></Types>"#).unwrap();
    for (name, xml) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    for (name, bytes) in binary {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>{body}<w:sectPr><w:bidi/></w:sectPr></w:body></w:document>"#
    )
}

/// A right-to-left paragraph of runs `(text, bold, italic)`, styled `style`.
fn para(style: &str, runs: &[(&str, bool, bool)]) -> String {
    let style = if style.is_empty() { String::new() } else { format!("<w:pStyle w:val=\"{style}\"/>") };
    let runs: String = runs
        .iter()
        .map(|(t, b, i)| {
            let props = format!("{}{}", if *b { "<w:b/>" } else { "" }, if *i { "<w:i/><w:iCs/>" } else { "" });
            format!("<w:r><w:rPr>{props}<w:rtl/></w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r>")
        })
        .collect();
    format!("<w:p><w:pPr>{style}<w:bidi/><w:jc w:val=\"right\"/></w:pPr>{runs}</w:p>")
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style></w:styles>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/report?a=1&amp;b=2" TargetMode="External"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="file:///etc/passwd" TargetMode="External"/></Relationships>"#;

fn report_docx() -> Vec<u8> {
    let body = [
        para("Title", &[("عنوان من نمط العنوان لا يغلب الخصائص", false, false)]),
        para("1", &[("المقدمة", false, false)]),
        para(
            "",
            &[
                ("أصدرت الجمعية تقريرها السنوي عن ", false, false),
                ("حالة المياه", true, false),
                (" في الريف، وقالت إن ", false, false),
                ("ثلث القرى", true, true),
                (" ما زالت تعتمد على الآبار.", false, false),
            ],
        ),
        "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:t xml:space=\"preserve\">وأوصى التقرير بمد شبكة جديدة</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"2\"/></w:r><w:r><w:t xml:space=\"preserve\"> قبل نهاية العام، كما جاء في </w:t></w:r><w:hyperlink r:id=\"rId7\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t>نص التقرير</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>"
            .to_string(),
        para("2", &[("التوصيات &amp; الكلفة", false, false)]),
        para("", &[("وقدرت الجمعية كلفة المشروع بنحو مليوني دينار تمولها البلديات والمانحون بالتساوي على ثلاث سنوات.", false, false)]),
    ]
    .concat();
    let footnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:pPr><w:bidi/></w:pPr><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> بطول أربعين كيلومترا.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let endnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:endnotes {W}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> التقرير السنوي، الفصل الثالث.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
    );
    let core = r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>المياه في الريف: تقرير 2024</dc:title><dc:creator>لينا حداد</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-06-30T08:00:00Z</dcterms:created></cp:coreProperties>"#;
    docx(
        &[
            ("word/document.xml", &document(&body)),
            ("word/styles.xml", STYLES),
            ("word/_rels/document.xml.rels", RELS),
            ("word/footnotes.xml", &footnotes),
            ("word/endnotes.xml", &endnotes),
            ("docProps/core.xml", core),
        ],
        &[],
    )
}

fn lists_docx() -> Vec<u8> {
    let item = |num: u8, level: u8, text: &str| {
        format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t>{text}</w:t></w:r></w:p>")
    };
    let cell = |t: &str| format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\"/></w:tcPr>{}</w:tc>", para("", &[(t, false, false)]));
    let body = [
        para("", &[("خطة العمل للأشهر الستة المقبلة كما أقرها مجلس الإدارة في اجتماعه الأخير بعد نقاش طويل.", false, false)]),
        item(1, 0, "المرحلة الأولى"),
        item(1, 1, "مسح القرى"),
        item(1, 1, "اختيار المواقع"),
        item(1, 0, "المرحلة الثانية"),
        para("", &[("المواد المطلوبة:", false, false)]),
        item(2, 0, "أنابيب"),
        item(2, 0, "مضخات"),
        format!(
            "<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("البند"),
            cell("الكلفة"),
            cell("الأنابيب"),
            cell("1200"),
            cell("المضخات"),
            cell("800")
        ),
        para("", &[("وتراجع اللجنة الخطة كل شهرين وترفع تقريرها إلى الهيئة العامة.", false, false)]),
    ]
    .concat();
    let numbering = r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="arabicAbjad"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
    docx(&[("word/document.xml", &document(&body)), ("word/numbering.xml", numbering)], &[])
}

fn figure_docx() -> Vec<u8> {
    let png = harbour_png();
    let drawing = |rel: &str, descr: &str| {
        format!("<w:p><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"صورة 1\" descr=\"{descr}\"/><a:graphic><a:graphicData><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:blipFill><a:blip r:embed=\"{rel}\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>")
    };
    let body = [
        para("Title", &[("محطة الضخ الجديدة", false, false)]),
        para("", &[("بدأت محطة الضخ الجديدة العمل هذا الأسبوع، وهي تنقل الماء من البئر العميقة إلى خزان القرية على التلة.", false, false)]),
        drawing("rId8", "المحطة من الخارج"),
        drawing("rId9", "صورة مرتبطة بملف خارجي"),
        para("", &[("ويقول السكان إن الماء صار يصل إلى البيوت ساعات أطول كل يوم منذ تشغيل المحطة.", false, false)]),
    ]
    .concat();
    docx(
        &[("word/document.xml", &document(&body)), ("word/_rels/document.xml.rels", RELS), ("word/styles.xml", STYLES)],
        &[("word/media/image1.png", &png)],
    )
}

fn import_docx(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), name, bytes);
    let out = run(&["import", name], b"", dir.path());
    (dir, out)
}

#[test]
fn word_report_with_notes_links_and_properties() {
    let (dir, out) = import_docx("report.docx", &report_docx());
    let shown = article_and_report(dir.path(), "report.md", &out);
    insta::assert_snapshot!("docx_report", shown);
    for expected in [
        "ar = \"المياه في الريف: تقرير 2024\"",
        "author = \"لينا حداد\"",
        "date = \"2024-06-30\"",
        "**حالة المياه**",
        "[نص التقرير](<https://example.org/report?a=1&b=2>)",
        "[^1]: بطول أربعين كيلومترا.",
        "[^2]: التقرير السنوي، الفصل الثالث.",
        "## المقدمة",
        "### التوصيات",
    ] {
        assert!(shown.contains(expected), "{expected} missing:\n{shown}");
    }
    assert_clean(dir.path(), "report.md");
}

#[test]
fn word_lists_and_table() {
    let (dir, out) = import_docx("lists.docx", &lists_docx());
    let shown = article_and_report(dir.path(), "lists.md", &out);
    insta::assert_snapshot!("docx_lists", shown);
    assert!(shown.contains("1. المرحلة الأولى\n   1. مسح القرى\n   2. اختيار المواقع\n2. المرحلة الثانية"), "{shown}");
    assert!(shown.contains("- أنابيب\n- مضخات") && shown.contains("| المضخات | 800 |"), "{shown}");
}

#[test]
fn word_figure_and_title_style() {
    let (dir, out) = import_docx("figure.docx", &figure_docx());
    let shown = article_and_report(dir.path(), "figure.md", &out);
    insta::assert_snapshot!("docx_figure", shown);
    assert!(shown.contains("![المحطة من الخارج](images/figure/image1.png)") && shown.contains("ar = \"محطة الضخ الجديدة\""), "{shown}");
    assert!(dir.path().join("images/figure/image1.png").is_file());
    assert!(shown.contains("file:///etc/passwd left out: linked, not embedded"), "{shown}");
}

/// Each bad document: exit 1, a message naming the file and saying what
/// is wrong, and nothing written.
#[test]
fn images_of_other_articles_and_user_files_are_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    // Arabic names clean to no ASCII letters: each article still has its own folder.
    for name in ["تقرير.docx", "مقال.docx"] {
        write(dir.path(), name, &figure_docx());
        let out = run(&["import", name, "--into", "dossier"], b"", dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let folders: Vec<_> = std::fs::read_dir(dir.path().join("dossier/images")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(folders.len(), 2, "{folders:?}");
    assert!(folders.iter().all(|f| f.join("image1.png").is_file()), "{folders:?}");
    for md in ["dossier/تقرير.md", "dossier/مقال.md"] {
        let article = std::fs::read_to_string(dir.path().join(md)).unwrap();
        let path = article.split("](").nth(1).and_then(|r| r.split(')').next()).unwrap().to_string();
        assert!(dir.path().join("dossier").join(&path).is_file(), "{md} names {path}");
    }
    // A file of the user's own where the image would go stays, unless --force.
    write(dir.path(), "images/report/image1.png", b"mine");
    write(dir.path(), "report.docx", &figure_docx());
    let out = run(&["import", "report.docx"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("image1.png exists; pass --force"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(dir.path().join("images/report/image1.png")).unwrap(), b"mine");
    assert!(!dir.path().join("report.md").exists());
    assert_eq!(run(&["import", "--force", "report.docx"], b"", dir.path()).status.code(), Some(0));
    assert_ne!(std::fs::read(dir.path().join("images/report/image1.png")).unwrap(), b"mine");
}

#[test]
fn bad_word_documents_get_clear_errors() {
    let report = report_docx();
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(4096, 0);
    let mut encrypted = doc.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.docx", report[..report.len() * 2 / 3].to_vec(), "damaged or truncated"),
        ("old.docx", doc, "Word 97–2003 document (.doc) named .docx"),
        ("locked.docx", encrypted, "password-protected"),
        ("notes.docx", "نص عادي وليس مستندا".as_bytes().to_vec(), "a .docx is a zip archive and this file is not one"),
        ("other.docx", docx(&[("content.xml", "<x/>")], &[]), "no word/document.xml"),
    ];
    for (name, bytes, message) in cases {
        let (dir, out) = import_docx(name, &bytes);
        let said = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {said}");
        assert!(said.contains(name) && said.contains(message), "{name}: {said}");
        assert!(!dir.path().join(name.replace(".docx", ".md")).exists(), "{name}");
    }
}

#[test]
fn zip_bomb_is_refused_before_it_expands() {
    // 200 MiB of one paragraph repeated deflates to about 200 KiB.
    let paragraph = para("", &[("نص", false, false)]);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = paragraph.repeat((1 << 20) / paragraph.len());
    for _ in 0..200 {
        zip.write_all(chunk.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 4 << 20, "{}", bytes.len());
    let (dir, out) = import_docx("bomb.docx", &bytes);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains("bomb.docx: word/document.xml would expand past") && said.contains("zip bomb"), "{said}");
    assert!(!dir.path().join("bomb.md").exists());
}

/// A part whose header says 1000 bytes but whose data inflates to 80 MiB:
/// the read itself is bounded, not only the size the archive declares.
#[test]
fn zip_bomb_lying_about_its_size_is_refused() {
    let name = b"word/document.xml";
    let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut crc = flate2::Crc::new();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..80 {
        deflate.write_all(&chunk).unwrap();
        crc.update(&chunk);
    }
    let data = deflate.finish().unwrap();
    let (size, claimed) = (data.len() as u32, 1000u32);
    let mut zip = Vec::new();
    let header = |sig: u32, central: bool| {
        let mut h = sig.to_le_bytes().to_vec();
        if central {
            h.extend(20u16.to_le_bytes());
        }
        for v in [20u16, 0, 8, 0, 0] {
            h.extend(v.to_le_bytes());
        }
        for v in [crc.sum(), size, claimed] {
            h.extend(v.to_le_bytes());
        }
        h.extend((name.len() as u16).to_le_bytes());
        h.extend(0u16.to_le_bytes());
        if central {
            h.extend([0u8; 10]); // comment length, disk, internal and external attributes
            h.extend(0u32.to_le_bytes()); // the local header is at 0
        }
        h.extend(name);
        h
    };
    zip.extend(header(0x04034b50, false));
    zip.extend(&data);
    let central_at = zip.len() as u32;
    let central = header(0x02014b50, true);
    zip.extend(&central);
    zip.extend(0x06054b50u32.to_le_bytes());
    for v in [0u16, 0, 1, 1] {
        zip.extend(v.to_le_bytes());
    }
    zip.extend((central.len() as u32).to_le_bytes());
    zip.extend(central_at.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    let (dir, out) = import_docx("liar.docx", &zip);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    // Bounded by the ratio: 100 times its 372 KiB of compressed data.
    assert!(said.contains("liar.docx: word/document.xml would expand past") && said.contains("zip bomb"), "{said}");
    assert!(!dir.path().join("liar.md").exists());
}

/// The issue's "done when": five saved pages and a Word document imported
/// into one dossier, built, and the PDF holds each article's title, outlet
/// and body, and none of the sites' furniture.
#[test]
fn imported_pages_and_document_build_into_a_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved");
    for fixture in ["wordpress-news", "wikipedia", "wikinews", "jsonld-news", "windows-1256"] {
        let from = common::root().join("tests/fixtures/import").join(fixture);
        common::copy_dir(&from, &saved.join(fixture));
        std::fs::rename(saved.join(fixture).join("page.html"), saved.join(fixture).join(format!("{fixture}.html"))).unwrap();
    }
    write(&saved, "report.docx", &report_docx());
    let mut args = vec!["import".to_string(), "--into".to_string(), "dossier".to_string()];
    for fixture in ["wordpress-news", "wikipedia", "wikinews", "jsonld-news", "windows-1256"] {
        args.push(format!("saved/{fixture}/{fixture}.html"));
    }
    args.push("saved/report.docx".to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args, b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run(&["build", "dossier"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("6 articles"), "{}", text(&out.stderr));
    // out/ beside the dossier, not in the current folder.
    assert!(!dir.path().join("out").exists());
    let pdf = common::pdf_text(&dir.path().join("dossier/out/dossier.pdf"));
    for expected in
        ["صحيفة الساحل", "ريما منصور", "نهر العاصي", "ويكي الأخبار", "شبكة المدار", "عاد القطار إلى العمل", "لينا حداد", "أطلس أنهار المشرق"]
    {
        assert!(pdf.contains(expected), "{expected} missing from the PDF");
    }
    for furniture in ["اترك رد", "ملفات تعريف الارتباط", "أخبار ذات صلة", "الأكثر قراءة"] {
        assert!(!pdf.contains(furniture), "{furniture} in the PDF");
    }
}

/// The words of an HTML fragment's text, tags and entities aside.
fn html_words(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().map(str::to_string).collect()
}

/// Peer suite: Mozilla Readability's right-to-left test pages
/// (tests/fixtures/import/mozilla, Apache 2.0). dossier's importer finds
/// the same body, word for word and heading for heading, and the same title.
#[test]
fn mozilla_readability_rtl_pages_as_a_peer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/mozilla");
    for case in ["rtl-1", "rtl-2", "rtl-3", "rtl-4"] {
        let dir = root.join(case);
        let source = std::fs::read(dir.join("source.html")).unwrap();
        let converted = dossier::import::html::convert(&source, &dir, "images").unwrap_or_else(|e| panic!("{case}: {e}"));
        let body = dossier::import::markdown::write(&converted.article);
        let words: Vec<String> = body.split_whitespace().filter(|w| !w.starts_with('#')).map(str::to_string).collect();
        let expected = html_words(&std::fs::read_to_string(dir.join("expected.html")).unwrap());
        assert_eq!(words, expected, "{case}: the body differs from Readability.js's");
        let headings: Vec<&str> = body.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(headings.len(), 1, "{case}: {body}");
        let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected-metadata.json")).unwrap()).unwrap();
        assert_eq!(converted.meta.title.primary(), meta["title"].as_str(), "{case}");
    }
}
