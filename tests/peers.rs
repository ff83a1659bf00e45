//! Peers' tests as a cross-check (issue 8): the test cases of LanguageTool's
//! Arabic whitespace rules, ar-php's `standard()`, textlint-rule-arabic-letter-forms
//! and arabic-lint, run through the real binary. tests/peers/CASES.txt records,
//! for each case, what dossier does (`fix`, `codes`) and whether that is the
//! peer's finding (`same`), a deliberate difference (`differs: why`) or a
//! defect of dossier's (`known-defect: why`, also in docs/known-defects.md).
//! A change that makes dossier diverge from the record fails here, and the
//! README's counts must match the file.

mod common;
use common::*;
use std::collections::BTreeMap;

struct Case {
    peer: String,
    source: String,
    input: String,
    fix: String,
    codes: String,
    verdict: String,
}

/// `\n` is a newline and `\u{XXXX}` a character, so invisible characters stay visible in the file.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("\\n") {
            out.push('\n');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("\\u{") {
            let end = after.find('}').expect("\\u{ without }");
            out.push(char::from_u32(u32::from_str_radix(&after[..end], 16).unwrap()).unwrap());
            rest = &after[end + 1..];
        } else {
            out.push('\\');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(root().join("tests/peers/CASES.txt")).unwrap();
    let blocks = text.split("\n\n").map(|b| b.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>()).filter(|b| !b.is_empty());
    blocks
        .map(|lines| {
            let field = |key: &str| -> String {
                let prefix = format!("{key}: ");
                let line = lines.iter().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("a case without `{key}:`: {lines:?}"));
                line[prefix.len()..].to_string()
            };
            let _every_case_states_the_peers_verdict = field("peer says");
            Case {
                peer: field("peer"),
                source: field("source"),
                input: unescape(&field("input")),
                fix: unescape(&field("fix")),
                codes: field("codes"),
                verdict: field("verdict"),
            }
        })
        .collect()
}

fn fix(input: &str) -> String {
    let out = run(&["fix", "-"], input.as_bytes(), &root());
    assert!(out.status.code() != Some(2), "{}", text(&out.stderr));
    text(&out.stdout).trim_end_matches('\n').to_string()
}

/// The rules `check` reports, sorted and once each; S014 (no final newline) is the input's framing.
fn codes(input: &str) -> String {
    let out = run(&["check", "--format", "json", "-"], input.as_bytes(), &root());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut codes: Vec<String> =
        json.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).filter(|c| c != "S014").collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        "-".to_string()
    } else {
        codes.join(" ")
    }
}

/// `same`, `differs` or `known-defect`; the last two must say why.
fn kind(verdict: &str) -> &str {
    if verdict == "same" {
        return "same";
    }
    let (kind, why) = verdict.split_once(": ").unwrap_or_else(|| panic!("verdict `{verdict}`: same, differs: why, or known-defect: why"));
    assert!(matches!(kind, "differs" | "known-defect") && !why.trim().is_empty(), "verdict `{verdict}`");
    kind
}

#[test]
fn dossier_does_what_the_record_says_on_every_peer_case() {
    let cases = cases();
    assert!(cases.len() >= 80, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for c in &cases {
        kind(&c.verdict);
        assert!(c.source.contains('/'), "a source names a repository and path: {}", c.source);
        let (fixed, found) = (fix(&c.input), codes(&c.input));
        if fixed != c.fix || found != c.codes {
            wrong.push(format!(
                "{} ({})\n  input: {:?}\n  fix:   {:?} (recorded {:?})\n  codes: {found} (recorded {})",
                c.peer, c.source, c.input, fixed, c.fix, c.codes
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "dossier no longer does what tests/peers/CASES.txt records; judge each change against the peer and update the record:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn readme_and_known_defects_carry_the_counts() {
    let cases = cases();
    let mut by_peer: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for c in &cases {
        *by_peer.entry(&c.peer).or_default().entry(kind(&c.verdict)).or_default() += 1;
    }
    let count = |k: &str| cases.iter().filter(|c| kind(&c.verdict) == k).count();
    let line = format!(
        "{} cases: {} same, {} differ on purpose, {} known defects",
        cases.len(),
        count("same"),
        count("differs"),
        count("known-defect")
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains(&line), "README.md should say `{line}` (by peer: {by_peer:?})");
    let defects = std::fs::read_to_string(root().join("docs/known-defects.md")).unwrap();
    assert!(
        count("known-defect") == 0 || defects.contains("tests/peers/CASES.txt"),
        "docs/known-defects.md should list the peers' known defects"
    );
}
