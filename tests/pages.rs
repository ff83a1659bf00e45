//! Visual regression: chosen pages of the seeds and of the markdown test
//! dossier, rendered by `pdftoppm` at 40 dpi in grey, compared with the
//! reference images in `tests/golden/pages/`. Any layout change shows up
//! here and is accepted on purpose: look at the new page (written to
//! `target/pages/NAME.png` on a mismatch), then run with `DOSSIER_BLESS=1`
//! to make it the reference.
//!
//! A page matches when at most 0.2% of its pixels differ by more than a
//! quarter of the grey range: anti-aliasing noise passes, a moved line or a
//! changed glyph does not.
//!
//! Needs `typst` and poppler; skipped with `DOSSIER_SKIP_PDF_TESTS=1` or
//! when typst is missing.

mod common;
use common::*;

use std::path::{Path, PathBuf};

fn tools_present() -> bool {
    pdf_tools_present(&["pdftoppm"])
}

fn build(from: &Path, name: &str, tmp: &Path) -> PathBuf {
    let dir = tmp.join(name);
    copy_dir(from, &dir);
    let out = tmp.join(format!("{name}-out"));
    let result = run(&["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()], b"", &root());
    assert!(result.status.success(), "build of {name} failed: {}", text(&result.stderr));
    out.join("dossier.pdf")
}

/// A page as grey pixels: width, height, one byte each.
struct Grey {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

fn decode(png_bytes: &[u8]) -> Grey {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let channels = frame.color_type.samples();
    let pixels = buf[..frame.buffer_size()].chunks(channels).map(|c| c[0]).collect();
    Grey { width: frame.width, height: frame.height, pixels }
}

fn render(pdf: &Path, page: usize, to: &Path) -> Vec<u8> {
    let prefix = to.with_extension("");
    let n = page.to_string();
    tool("pdftoppm", &["-png", "-gray", "-r", "40", "-f", &n, "-l", &n, "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    std::fs::read(to).unwrap()
}

/// The share of pixels that differ by more than 64 grey levels, or None
/// when the sizes differ.
fn difference(a: &Grey, b: &Grey) -> Option<f64> {
    if (a.width, a.height) != (b.width, b.height) {
        return None;
    }
    let changed = a.pixels.iter().zip(&b.pixels).filter(|(x, y)| x.abs_diff(**y) > 64).count();
    Some(changed as f64 / a.pixels.len() as f64)
}

const TOLERANCE: f64 = 0.002;

#[test]
fn chosen_pages_look_as_their_references() {
    if !tools_present() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let seeds = build(&root().join("seeds"), "seeds", tmp.path());
    let markdown = build(&root().join("tests/fixtures/markdown-dossier"), "markdown-dossier", tmp.path());
    let golden = root().join("tests/golden/pages");
    let actual_dir = root().join("target/pages");
    std::fs::create_dir_all(&actual_dir).unwrap();
    let bless = std::env::var_os("DOSSIER_BLESS").is_some();
    let mut failures = Vec::new();
    for (pdf, page, name) in [
        (&seeds, 1, "seeds-01-cover"),
        (&seeds, 2, "seeds-02-contents"),
        (&seeds, 3, "seeds-03-article"),
        (&markdown, 3, "markdown-03-arabic"),
        (&markdown, 4, "markdown-04-lists-alert-code"),
        (&markdown, 5, "markdown-05-english"),
    ] {
        let file = format!("{name}.png");
        let bytes = render(pdf, page, &actual_dir.join(&file));
        let reference = golden.join(&file);
        if bless {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(&reference, &bytes).unwrap();
            continue;
        }
        let Ok(expected) = std::fs::read(&reference) else {
            failures.push(format!("{file}: no reference; look at target/pages/{file} and run with DOSSIER_BLESS=1"));
            continue;
        };
        match difference(&decode(&bytes), &decode(&expected)) {
            Some(share) if share <= TOLERANCE => {}
            Some(share) => failures.push(format!("{file}: {:.2}% of the pixels changed (see target/pages/{file})", share * 100.0)),
            None => failures.push(format!("{file}: the page's size changed (see target/pages/{file})")),
        }
    }
    assert!(failures.is_empty(), "pages differ from tests/golden/pages (DOSSIER_BLESS=1 accepts them):\n{}", failures.join("\n"));
}

#[test]
fn the_comparison_sees_a_moved_line() {
    // A band of dark pixels moved down by three rows is a difference well
    // above the tolerance; the same image is none.
    let (width, height) = (200u32, 100u32);
    let page = |offset: u32| Grey {
        width,
        height,
        pixels: (0..width * height).map(|i| if (40 + offset..44 + offset).contains(&(i / width)) { 0 } else { 255 }).collect(),
    };
    assert_eq!(difference(&page(0), &page(0)), Some(0.0));
    assert!(difference(&page(0), &page(3)).unwrap() > TOLERANCE);
    assert_eq!(difference(&page(0), &Grey { width: 10, height: 10, pixels: vec![255; 100] }), None);
}
