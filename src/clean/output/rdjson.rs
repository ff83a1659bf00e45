//! reviewdog's diagnostic format (rdjson): one `DiagnosticResult` with every
//! finding, 1-based lines and columns counted in UTF-8 bytes as its
//! definition says, ends exclusive, and each safe fix's edits as
//! suggestions (`reviewdog -f=rdjson` turns them into review suggestions).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::position::Cursor;
use super::{FileReport, JsonList};
use crate::clean::{Applicability, Severity};

/// The one `DiagnosticResult`, its diagnostics at `hole`.
pub(super) fn envelope(hole: &str) -> Value {
    json!({ "source": { "name": "dossier" }, "diagnostics": hole })
}

/// One file's diagnostics.
pub(super) fn file(out: &mut impl Write, list: &mut JsonList, report: &FileReport) -> io::Result<()> {
    let path = report.path.strip_prefix(".").unwrap_or(report.path).to_string_lossy();
    let mut cursor = Cursor::new(report.text);
    for d in report.diagnostics {
        let mut diagnostic = json!({
            "message": d.message,
            "location": { "path": path, "range": range(&mut cursor, d.range.start, d.range.end) },
            "severity": if d.severity == Severity::Error { "ERROR" } else { "WARNING" },
            "code": { "value": d.code.as_str() },
        });
        if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability == Applicability::Safe) {
            let suggestions: Vec<Value> = fix
                .edits
                .iter()
                .map(|e| json!({ "range": range(&mut cursor, e.range.start, e.range.end), "text": e.replacement }))
                .collect();
            diagnostic["suggestions"] = json!(suggestions);
        }
        list.item(out, &diagnostic)?;
    }
    Ok(())
}

fn range(cursor: &mut Cursor, start: usize, end: usize) -> Value {
    let (a, b) = (cursor.at(start), cursor.at(end));
    json!({
        "start": { "line": a.line + 1, "column": a.bytes + 1 },
        "end": { "line": b.line + 1, "column": b.bytes + 1 },
    })
}
