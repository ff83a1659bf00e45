//! Running the real `dossier` binary from integration tests.
#![allow(dead_code)]

pub mod glyphs;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.env("NO_COLOR", "1");
    c
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// Run with `args`, feeding `stdin`.
pub fn run(args: &[&str], stdin: &[u8], dir: &Path) -> Output {
    let mut child = bin().args(args).current_dir(dir).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Compare with a golden file; `DOSSIER_BLESS=1` rewrites it instead.
pub fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden file {}; run with DOSSIER_BLESS=1 to create it", path.display()));
    assert!(expected == actual, "{} differs from the output; review the change and run with DOSSIER_BLESS=1 to accept it", path.display());
}

/// Run a PDF tool and return what it printed; it must succeed.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(out.status.success(), "{name} failed: {}", text(&out.stderr));
    text(&out.stdout)
}

/// pdftotext's text without the invisible direction controls: Poppler wraps
/// runs in embeddings of its own, and the PDF carries our isolates.
pub fn pdf_text(pdf: &Path) -> String {
    tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// A folder copied, with its subfolders.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// An attribute's value in one tag of an XML line (mutool's output).
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// XML text with its entities decoded.
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').map(|e| at + e).expect("an XML entity ends with ;");
        let entity = &rest[at + 1..end];
        out.push(match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = entity.strip_prefix("#x").map(|h| u32::from_str_radix(h, 16)).unwrap_or_else(|| entity[1..].parse());
                char::from_u32(code.expect("a numeric entity")).expect("a character")
            }
        });
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether the PDF tests can run: not when `DOSSIER_SKIP_PDF_TESTS` is set
/// or typst is missing; the PDF readers `tools` must be installed.
pub fn pdf_tools_present(tools: &[&str]) -> bool {
    if std::env::var_os("DOSSIER_SKIP_PDF_TESTS").is_some() {
        return false;
    }
    if Command::new("typst").arg("--version").output().is_err() && std::env::var_os("DOSSIER_TYPST").is_none() {
        eprintln!("typst is missing: skipping");
        return false;
    }
    for tool in tools {
        assert!(Command::new(tool).arg("-v").output().is_ok(), "{tool} is missing: install poppler-utils and mupdf-tools");
    }
    true
}
