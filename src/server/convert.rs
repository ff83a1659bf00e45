//! Between dossier's byte offsets and the protocol's UTF-16 positions.

use std::sync::OnceLock;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, TextDocumentContentChangeEvent, TextEdit, Url,
};

use crate::clean::output::position::{offset_of_utf16, Cursor};
use crate::clean::registry::{rule_of, RULES};
use crate::clean::{self, Fix, Severity};

fn position(cursor: &mut Cursor, offset: usize) -> Position {
    let p = cursor.at(offset);
    Position { line: p.line as u32, character: p.utf16 as u32 }
}

fn range(cursor: &mut Cursor, start: usize, end: usize) -> Range {
    Range { start: position(cursor, start), end: position(cursor, end) }
}

/// dossier's findings as the protocol's diagnostics.
/// [`diagnostics`] for the first `max` findings; past them, one more
/// diagnostic (where the first left out starts) says how many there are.
/// The first `max` findings, and one more diagnostic that says how many
/// are not shown. `found` was checked with a limit of `max + 1`, so it
/// knows where the first unshown one is.
pub fn capped_diagnostics(text: &str, found: &clean::Findings, max: usize) -> Vec<Diagnostic> {
    let kept = &found.diagnostics;
    let mut shown = diagnostics(text, &kept[..kept.len().min(max)]);
    if let Some(first) = kept.get(max) {
        shown.push(Diagnostic {
            range: range(&mut Cursor::new(text), first.range.start, first.range.start),
            severity: Some(DiagnosticSeverity::INFORMATION),
            source: Some("dossier".into()),
            message: format!(
                "{} more findings from here on are not shown (an editor shows at most {max}); `dossier check` lists them",
                found.total() - max
            ),
            ..Default::default()
        });
    }
    shown
}

pub fn diagnostics(text: &str, found: &[clean::Diagnostic]) -> Vec<Diagnostic> {
    let mut cursor = Cursor::new(text);
    found
        .iter()
        .map(|d| {
            let rule = rule_of(d.code);
            let fix = match &d.fix {
                Some(f) if f.applicability == clean::Applicability::Safe => " [fix]",
                Some(_) => " [unsafe fix]",
                None => "",
            };
            Diagnostic {
                range: range(&mut cursor, d.range.start, d.range.end),
                severity: Some(if d.severity == Severity::Error { DiagnosticSeverity::ERROR } else { DiagnosticSeverity::WARNING }),
                code: Some(NumberOrString::String(d.code.as_str().into())),
                code_description: explanation(d.code.as_str()).map(|href| CodeDescription { href }),
                source: Some("dossier".into()),
                message: format!("{}{fix} ({}; `dossier explain {}`)", d.message, rule.map_or("", |r| r.name), d.code),
                ..Default::default()
            }
        })
        .collect()
}

/// A link to the rule's explanation: the rule book written once as
/// markdown files under the user's cache folder (no network, and editors
/// open `file:` links). `None` when there is no cache folder to write.
fn explanation(code: &str) -> Option<Url> {
    static FOLDER: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    let folder = FOLDER.get_or_init(|| {
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))?;
        let version: String = crate::VERSION.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' }).collect();
        let folder = cache.join("dossier").join(format!("rules-{}", version.trim_end_matches('-')));
        std::fs::create_dir_all(&folder).ok()?;
        for rule in RULES.iter() {
            let file = folder.join(format!("{}.md", rule.code));
            if !file.exists() {
                let text = format!("# {} {}\n\n{}", rule.code, rule.name, rule.explanation());
                crate::files::write_output(&file, text.as_bytes()).ok()?;
            }
        }
        Some(folder)
    });
    Url::from_file_path(folder.as_ref()?.join(format!("{code}.md"))).ok()
}

/// Ranges meet (touching counts: a cursor just after a finding asks for it).
pub fn touches(a: &Range, b: &Range) -> bool {
    let before = |x: &Position, y: &Position| (x.line, x.character) < (y.line, y.character);
    !before(&a.end, &b.start) && !before(&b.end, &a.start)
}

/// A fix's edits as text edits.
pub fn fix_edits(text: &str, fix: &Fix) -> Vec<TextEdit> {
    let mut cursor = Cursor::new(text);
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| e.range.start);
    edits.iter().map(|e| TextEdit { range: range(&mut cursor, e.range.start, e.range.end), new_text: e.replacement.to_string() }).collect()
}

/// The edits that turn `old` into `new`, one per changed run of lines, so
/// an editor keeps the cursor and folds where nothing changed.
pub fn diff_edits(old: &str, new: &str) -> Vec<TextEdit> {
    let diff = similar::TextDiff::from_lines(old, new);
    let (old_starts, new_starts) = (line_starts(old), line_starts(new));
    let mut cursor = Cursor::new(old);
    diff.ops()
        .iter()
        .filter(|op| op.tag() != similar::DiffTag::Equal)
        .map(|op| {
            let (o, n) = (op.old_range(), op.new_range());
            TextEdit {
                range: range(&mut cursor, old_starts[o.start], old_starts[o.end]),
                new_text: new[new_starts[n.start]..new_starts[n.end]].to_string(),
            }
        })
        .collect()
}

/// Where each line starts, as `similar` splits lines (after each `\n`), and
/// the end of the text.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1).filter(|&i| i < text.len()));
    starts.push(text.len());
    starts
}

/// A change from the client: the whole text, or a range of it.
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(r) => {
            let start = offset_of_utf16(text, r.start.line as usize, r.start.character as usize);
            let end = offset_of_utf16(text, r.end.line as usize, r.end.character as usize).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            let start = offset_of_utf16(&out, e.range.start.line as usize, e.range.start.character as usize);
            let end = offset_of_utf16(&out, e.range.end.line as usize, e.range.end.character as usize);
            out.replace_range(start..end, &e.new_text);
        }
        out
    }

    #[test]
    fn diff_edits_rebuild_the_new_text() {
        let cases = [
            ("قال  “نعم” 😀\nثم\n", "قال «نعم» 😀\nثم\n"),
            ("a\nb\nc", "a\nB\nc\n"),
            ("", "x\n"),
            ("x\n", ""),
            ("أ\nب\nج\nد\n", "أ\nب\nج\nد\n"),
        ];
        for (old, new) in cases {
            assert_eq!(apply(old, &diff_edits(old, new)), new, "{old:?} → {new:?}");
        }
    }

    #[test]
    fn line_starts_match_similar() {
        assert_eq!(line_starts("a\nb"), vec![0, 2, 3]);
        assert_eq!(line_starts("a\nb\n"), vec![0, 2, 4]);
        assert_eq!(line_starts(""), vec![0, 0]);
    }
}
