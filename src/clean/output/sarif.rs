//! SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps, IDE
//! viewers): the rule book as the driver's rules, each finding a result with
//! its region (1-based lines, columns in UTF-16 code units as the run's
//! `columnKind` says), and a safe fix as a SARIF fix.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};

use super::position::Cursor;
use super::{FileReport, JsonList};
use crate::clean::registry::RULES;
use crate::clean::rule::FixAvailability;
use crate::clean::{Applicability, Diagnostic, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Longer flagged text is not copied into the log.
const SNIPPET_MAX: usize = 200;

/// One SARIF log with one run for all the files, its results at `hole`.
/// `complete` is false when some input could not be read: the invocation
/// then says it failed.
pub(super) fn envelope(complete: bool, hole: &str) -> Value {
    let mut run = json!({
        "tool": { "driver": driver() },
        "columnKind": "utf16CodeUnits",
        "invocations": [{ "executionSuccessful": complete }],
        "results": hole,
    });
    if let Ok(cwd) = std::env::current_dir() {
        run["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": format!("{}/", file_uri(&cwd)) } });
    }
    json!({ "$schema": SCHEMA, "version": "2.1.0", "runs": [run] })
}

/// One file's results.
pub(super) fn file(out: &mut impl Write, list: &mut JsonList, report: &FileReport) -> io::Result<()> {
    let uri = uri_of(report.path);
    let mut cursor = Cursor::new(report.text);
    for d in report.diagnostics {
        list.item(out, &result(d, &uri, report.text, &mut cursor))?;
    }
    Ok(())
}

fn driver() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let explanation = r.explanation();
            json!({
                "id": r.code.as_str(),
                "name": r.name,
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": explanation },
                "help": { "text": explanation, "markdown": explanation },
                "defaultConfiguration": { "level": "error" },
                "properties": {
                    "family": r.family_name(),
                    "fix": match r.fix {
                        FixAvailability::Safe => "safe",
                        FixAvailability::Sometimes => "sometimes",
                        FixAvailability::Unsafe => "unsafe",
                        FixAvailability::None => "none",
                    },
                    "tags": ["typography", "arabic", r.family_name()],
                },
            })
        })
        .collect();
    json!({
        "name": "dossier",
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "version": crate::VERSION,
        "rules": rules,
    })
}

fn result(d: &Diagnostic, uri: &Value, text: &str, cursor: &mut Cursor) -> Value {
    let index = RULES.iter().position(|r| r.code == d.code);
    let mut place = region(cursor, d.range.start, d.range.end);
    let flagged = &text[d.range.clone()];
    if !flagged.is_empty() && flagged.len() <= SNIPPET_MAX {
        place["snippet"] = json!({ "text": flagged });
    }
    let mut result = json!({
        "ruleId": d.code.as_str(),
        "level": if d.severity == Severity::Error { "error" } else { "warning" },
        "message": { "text": d.message },
        "locations": [{ "physicalLocation": { "artifactLocation": uri, "region": place } }],
    });
    if let Some(i) = index {
        result["ruleIndex"] = json!(i);
    }
    // Only safe fixes: a viewer may apply a SARIF fix without a second look.
    // A fix that only shows after others has no edit yet, and SARIF forbids
    // an empty `replacements`.
    if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty()) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| json!({ "deletedRegion": region(cursor, e.range.start, e.range.end), "insertedContent": { "text": e.replacement } }))
            .collect();
        result["fixes"] = json!([{
            "description": { "text": format!("dossier fix: {}", d.code) },
            "artifactChanges": [{ "artifactLocation": uri, "replacements": replacements }],
        }]);
    }
    result
}

fn region(cursor: &mut Cursor, start: usize, end: usize) -> Value {
    let (a, b) = (cursor.at(start), cursor.at(end));
    json!({ "startLine": a.line + 1, "startColumn": a.utf16 + 1, "endLine": b.line + 1, "endColumn": b.utf16 + 1 })
}

/// A relative path is relative to `%SRCROOT%` (the working folder); an
/// absolute one is a `file:` URI.
fn uri_of(path: &Path) -> Value {
    if path.is_absolute() {
        json!({ "uri": file_uri(path) })
    } else {
        let shown = path.to_string_lossy();
        let rel = shown.trim_start_matches("./");
        json!({ "uri": encode(rel), "uriBaseId": "%SRCROOT%" })
    }
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", encode(&path.to_string_lossy()))
}

/// Percent-encode all but unreserved characters and `/`: Arabic file names
/// and spaces become valid URI references.
pub(crate) fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(encode("مقال 1.md"), "%D9%85%D9%82%D8%A7%D9%84%201.md");
        assert_eq!(uri_of(Path::new("./a b/c.txt"))["uri"], "a%20b/c.txt");
        assert_eq!(uri_of(Path::new("/x/y.md"))["uri"], "file:///x/y.md");
    }
}
