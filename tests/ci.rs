//! dossier where text is reviewed: which dossier.toml applies to which file,
//! the CI formats (SARIF against its schema, rdjson, concise, statistics),
//! exit codes, colour, and the generated completions and manual.

mod common;
use common::*;

use std::path::Path;
use std::process::Stdio;

use serde::Deserialize;
use serde_json::Value;

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A Arabic sentence quoted with balanced curly quotes: fine under
/// `quotes = "curly"`, Q001 under the default guillemets.
const CURLY: &str = "قال “نعم” ثم مضى.\n";

/// A repository with two folders of two house styles, a folder with none,
/// and above the repository a dossier.toml that must not apply.
fn two_styles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "dossier.toml", "[clean]\nignore = [\"ALL\"]\n");
    std::fs::create_dir_all(d.join("repo/.git")).unwrap();
    write(d, "repo/a/dossier.toml", "[clean]\nquotes = \"curly\"\n");
    write(d, "repo/a/x.txt", CURLY);
    write(
        d,
        "repo/b/dossier.toml",
        "[clean]\nquotes = \"guillemets\"\nextend-exclude = [\"drafts\"]\n[clean.per-file-ignores]\n\"notes/*.txt\" = [\"Q001\"]\n",
    );
    write(d, "repo/b/x.txt", CURLY);
    write(d, "repo/b/drafts/d.txt", CURLY);
    write(d, "repo/b/notes/n.txt", "قال  “نعم” ثم مضى.\n");
    write(d, "repo/c/x.txt", CURLY);
    dir
}

/// `file:line:col code` of each finding in concise output, sorted.
fn findings(stdout: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = text(stdout)
        .lines()
        .filter(|l| l.contains(": error ") || l.contains(": warning "))
        .map(|l| {
            let (place, rest) = l.split_once(": ").unwrap();
            format!("{place} {}", rest.split_whitespace().nth(1).unwrap())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn each_file_takes_the_nearest_config_in_any_argument_order() {
    let dir = two_styles();
    let repo = dir.path().join("repo");
    let ab = run(&["check", "--format", "concise", "a", "b", "c"], b"", &repo);
    let ba = run(&["check", "--format", "concise", "c", "b", "a"], b"", &repo);
    assert_eq!(findings(&ab.stdout), findings(&ba.stdout));
    let found = findings(&ab.stdout);
    assert!(!found.iter().any(|f| f.starts_with("a/")), "a/ is curly house style: {found:?}");
    assert!(found.contains(&"b/x.txt:1:5 Q001".to_string()), "{found:?}");
    // No dossier.toml in the repository: the defaults, not the file above it.
    assert!(found.contains(&"c/x.txt:1:5 Q001".to_string()), "{found:?}");
    // extend-exclude skips b/drafts in a walk; per-file-ignores drops Q001 in notes, not S001.
    assert!(!found.iter().any(|f| f.contains("drafts")), "{found:?}");
    assert!(found.contains(&"b/notes/n.txt:1:4 S001".to_string()) && !found.contains(&"b/notes/n.txt:1:6 Q001".to_string()), "{found:?}");
    assert_eq!(ab.status.code(), Some(1));
    // From inside a folder the answer is the same.
    let inside = run(&["check", "--format", "concise", "x.txt"], b"", &repo.join("a"));
    assert_eq!(inside.status.code(), Some(0), "{}", text(&inside.stdout));
}

#[test]
fn excluded_files_named_on_the_command_line() {
    let dir = two_styles();
    let repo = dir.path().join("repo");
    let named = run(&["check", "--format", "concise", "b/drafts/d.txt"], b"", &repo);
    assert_eq!(findings(&named.stdout), vec!["b/drafts/d.txt:1:5 Q001"], "a file named is checked");
    let forced = run(&["check", "--force-exclude", "b/drafts/d.txt"], b"", &repo);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stdout));
    let passed = run(&["fix", "--force-exclude", "-", "--stdin-name", "b/drafts/new.txt"], CURLY.as_bytes(), &repo);
    assert_eq!(text(&passed.stdout), CURLY, "excluded standard input passes through");
}

#[test]
fn config_flag_applies_to_every_file() {
    let dir = two_styles();
    let repo = dir.path().join("repo");
    let out = run(&["check", "--format", "concise", "--config", "a/dossier.toml", "a", "b", "c"], b"", &repo);
    let found = findings(&out.stdout);
    assert!(!found.iter().any(|f| f.contains("Q001")), "curly everywhere: {found:?}");
    let out = run(&["check", "--config", "missing.toml", "a"], b"", &repo);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("missing.toml"), "{}", text(&out.stderr));
}

#[test]
fn stdin_name_decides_config_and_format() {
    let dir = two_styles();
    let repo = dir.path().join("repo");
    let check = |name: &str, input: &str| run(&["check", "--format", "concise", "-", "--stdin-name", name], input.as_bytes(), &repo);
    assert_eq!(check("a/new.txt", CURLY).status.code(), Some(0), "a/'s curly style");
    assert_eq!(findings(&check("b/new.txt", CURLY).stdout), vec!["b/new.txt:1:5 Q001"]);
    // The name need not exist, nor its folder.
    assert_eq!(check("a/not/yet/new.txt", CURLY).status.code(), Some(0));
    // Markdown: a code span is left alone.
    let input = "قال `“نعم”` ثم مضى.\n";
    assert_eq!(findings(&check("b/new.txt", input).stdout).len(), 1);
    assert_eq!(findings(&check("b/new.md", input).stdout).len(), 0);
}

#[test]
fn show_settings_says_what_applies_and_why() {
    let dir = two_styles();
    let repo = dir.path().join("repo");
    let out = run(&["check", "--show-settings", "a/x.txt"], b"", &repo);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(shown.contains("a/dossier.toml (the nearest dossier.toml above it)") && shown.contains("quotes = \"curly\""), "{shown}");
    let shown = text(&run(&["check", "--show-settings", "b/notes/n.txt"], b"", &repo).stdout);
    assert!(shown.contains("quotes = \"guillemets\"") && shown.contains("\"notes/*.txt\" = [\"Q001\"]"), "{shown}");
    let on = shown.lines().find_map(|l| l.strip_prefix("# rules on for this file: ")).unwrap();
    let (on, all) = on.split_once(" of ").unwrap();
    assert_eq!(on.parse::<usize>().unwrap() + 1, all.parse::<usize>().unwrap(), "one rule off: {shown}");
    assert!(shown.contains("# off: Q001") && shown.contains("per-file-ignores: Q001"), "{shown}");
    let shown = text(&run(&["check", "--show-settings", "c/x.txt"], b"", &repo).stdout);
    assert!(shown.contains("built-in defaults") && shown.contains(&repo.canonicalize().unwrap().display().to_string()), "{shown}");
    let shown = text(&run(&["check", "--show-settings", "b/drafts/d.txt", "--ignore", "S"], b"", &repo).stdout);
    assert!(shown.contains("# excluded") && shown.contains("--ignore S"), "{shown}");
    // What it prints is a [clean] table dossier reads back.
    let table = shown.lines().skip_while(|l| !l.starts_with("[clean]")).collect::<Vec<_>>().join("\n");
    write(dir.path(), "echo/dossier.toml", &table);
    let back = run(&["check", "--show-settings", "x.txt"], b"", &dir.path().join("echo"));
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
}

#[test]
fn config_errors_name_the_key_and_the_closest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    write(dir.path(), "dossier.toml", "[clean]\nqoutes = \"curly\"\n");
    write(dir.path(), "x.txt", CURLY);
    let out = run(&["check", "x.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("line 2") && err.contains("unknown key `qoutes`; did you mean `quotes`?"), "{err}");
    assert!(!text(&out.stdout).contains("All clean"), "{}", text(&out.stdout));
    let out = run(&["check", "--ignore", "curly-quote", "x.txt"], b"", dir.path());
    assert!(text(&out.stderr).contains("--ignore: `curly-quote` names no rule; did you mean `curly-quotes`?"), "{}", text(&out.stderr));
    let out = run(&["explain", "Q01"], b"", dir.path());
    assert!(text(&out.stderr).contains("did you mean `Q001`?"), "{}", text(&out.stderr));
}

/// A line whose finding follows an emoji: columns differ by unit.
const EMOJI: &str = "😀 قال “نعم”.\n";

#[test]
fn sarif_is_valid_and_counts_utf16() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "مقال 1.txt", EMOJI);
    write(dir.path(), "b.md", "# عنوان\n\nنص  فيه 5G.\n");
    let out = run(&["check", "--format", "sarif", "."], b"", dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/schemas/sarif-2.1.0-rtm.5.json")).unwrap()).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "SARIF does not match the schema:\n{}", errors.join("\n"));

    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let q001 = rules.iter().find(|r| r["id"] == "Q001").unwrap();
    assert_eq!(q001["name"], "curly-quotes");
    assert!(q001["fullDescription"]["text"].as_str().unwrap().contains("Before:"));
    assert_eq!(q001["defaultConfiguration"]["level"], "error");
    let results = run0["results"].as_array().unwrap();
    let quote = results.iter().find(|r| r["ruleId"] == "Q001").unwrap();
    assert_eq!(rules[quote["ruleIndex"].as_u64().unwrap() as usize]["id"], "Q001");
    let location = &quote["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "%D9%85%D9%82%D8%A7%D9%84%201.txt");
    // 😀 is two UTF-16 units: “ is at unit 8, though it is the 7th character.
    assert_eq!((location["region"]["startLine"].as_u64(), location["region"]["startColumn"].as_u64()), (Some(1), Some(8)));
    let replacement = &quote["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "«");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 8);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 9);
    assert_eq!(run0["invocations"][0]["executionSuccessful"], true);
}

/// Every finding of the whole real-text corpus, the seeds and the rule
/// fixtures, as SARIF, matches the official schema: a fix that only shows
/// after other fixes (no edit of its own yet) must not become an empty
/// `replacements`, which code-scanning upload rejects.
#[test]
fn sarif_of_every_corpus_finding_matches_the_schema() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/schemas/sarif-2.1.0-rtm.5.json")).unwrap()).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let here = root();
    let out = run(&["check", "--format", "sarif", "tests/corpus", "seeds", "tests/rules", "tests/fixtures"], b"", &here);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 500, "{} results", results.len());
    let errors: Vec<String> = validator.iter_errors(&log).take(5).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "SARIF does not match the schema:\n{}", errors.join("\n"));
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RdResult {
    source: RdSource,
    diagnostics: Vec<RdDiagnostic>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RdSource {
    name: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RdDiagnostic {
    message: String,
    location: RdLocation,
    severity: String,
    code: RdCode,
    #[serde(default)]
    suggestions: Vec<RdSuggestion>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RdLocation {
    path: String,
    range: RdRange,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct RdRange {
    start: RdPosition,
    end: RdPosition,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct RdPosition {
    line: u32,
    column: u32,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RdCode {
    value: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RdSuggestion {
    range: RdRange,
    text: String,
}

#[test]
fn rdjson_parses_and_counts_bytes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", EMOJI);
    let out = run(&["check", "--format", "rdjson", "a.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1));
    let result: RdResult = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result.source.name, "dossier");
    let q = result.diagnostics.iter().find(|d| d.code.value == "Q001").unwrap();
    assert_eq!((q.location.path.as_str(), q.severity.as_str()), ("a.txt", "ERROR"));
    assert!(q.message.contains("house style"));
    // 😀 is four bytes, space one, قال six, space one: “ starts at byte 13.
    let at = |column| RdPosition { line: 1, column };
    // The finding covers the quotation, 12 bytes; each mark is a suggestion.
    assert_eq!(q.location.range, RdRange { start: at(13), end: at(25) });
    assert_eq!(q.suggestions[0].range, RdRange { start: at(13), end: at(16) });
    assert_eq!(q.suggestions[0].text, "«");
    assert_eq!(q.suggestions[1].range, RdRange { start: at(22), end: at(25) });
    // Applied to the text, the suggestions make what `fix` makes.
    let mut fixed = EMOJI.to_string();
    let mut edits: Vec<&RdSuggestion> = result.diagnostics.iter().flat_map(|d| &d.suggestions).collect();
    edits.sort_by_key(|s| std::cmp::Reverse(s.range.start.column));
    for s in edits {
        fixed.replace_range(s.range.start.column as usize - 1..s.range.end.column as usize - 1, &s.text);
    }
    let by_fix = run(&["fix", "-"], EMOJI.as_bytes(), dir.path());
    assert_eq!(fixed, text(&by_fix.stdout));
}

#[test]
fn exit_zero_keeps_failures_failing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", CURLY);
    assert_eq!(run(&["check", "a.txt"], b"", dir.path()).status.code(), Some(1));
    assert_eq!(run(&["check", "--exit-zero", "a.txt"], b"", dir.path()).status.code(), Some(0));
    assert_eq!(run(&["check", "--exit-zero", "a.txt", "missing.txt"], b"", dir.path()).status.code(), Some(2));
    assert_eq!(run(&["fix", "--diff", "a.txt"], b"", dir.path()).status.code(), Some(1));
    assert_eq!(run(&["fix", "--diff", "--exit-zero", "a.txt"], b"", dir.path()).status.code(), Some(0));
    // An unpaired quote is left for a person: fix exits 1, or 0 with --exit-zero.
    write(dir.path(), "b.txt", "قال «نعم ثم مضى.\n");
    assert_eq!(run(&["fix", "b.txt"], b"", dir.path()).status.code(), Some(1));
    assert_eq!(run(&["fix", "--exit-zero", "b.txt"], b"", dir.path()).status.code(), Some(0));
}

/// `--output-file` follows the rules `build -o` does: never an input, a
/// symbolic link, a FIFO or a folder; missing folders above it are made.
#[test]
fn the_report_file_never_replaces_an_input_a_link_or_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "docs/a.md", "قال  “نعم”, ثم مضى.\n");
    write(d, "elsewhere.txt", "keep");
    std::os::unix::fs::symlink(d.join("elsewhere.txt"), d.join("link.json")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(d.join("fifo.json")).status().unwrap().success());
    for (target, said) in
        [("docs/a.md", "this is the input docs/a.md"), ("link.json", "a symbolic link"), ("fifo.json", "a FIFO"), ("docs", "a folder")]
    {
        let out = run(&["check", "--format", "json", "--output-file", target, "docs"], b"", d);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(said), "{target}: {}", text(&out.stderr));
    }
    assert_eq!(std::fs::read_to_string(d.join("docs/a.md")).unwrap(), "قال  “نعم”, ثم مضى.\n");
    assert_eq!(std::fs::read_to_string(d.join("elsewhere.txt")).unwrap(), "keep");
    assert!(std::fs::symlink_metadata(d.join("link.json")).unwrap().file_type().is_symlink());
    let out = run(&["check", "--format", "json", "--output-file", "reports/ci/check.json", "docs"], b"", d);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let log: Value = serde_json::from_str(&std::fs::read_to_string(d.join("reports/ci/check.json")).unwrap()).unwrap();
    assert!(log.as_array().is_some_and(|a| !a.is_empty()), "{log}");
}

#[test]
fn output_file_statistics_concise_and_quiet() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "قال  “نعم”, ثم مضى.\n");
    let out = run(&["check", "--format", "sarif", "--output-file", "report.sarif", "a.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let log: Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.sarif")).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");

    let out = run(&["check", "--statistics", "a.txt"], b"", dir.path());
    let shown = text(&out.stdout);
    assert!(shown.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["1", "Q001", "[*]", "curly-quotes"]), "{shown}");
    assert!(!shown.contains("a.txt:1"), "{shown}");
    let out = run(&["check", "--statistics", "--format", "json", "a.txt"], b"", dir.path());
    let counts: Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = counts.as_array().unwrap().iter().find(|c| c["code"] == "Q001").unwrap();
    assert_eq!((q["count"].as_u64(), q["fixable"].as_bool()), (Some(1), Some(true)));
    assert_eq!(run(&["check", "--statistics", "--format", "sarif", "a.txt"], b"", dir.path()).status.code(), Some(2));

    let out = run(&["check", "--format", "concise", "a.txt"], b"", dir.path());
    let lines: Vec<String> = text(&out.stdout).lines().map(String::from).collect();
    assert!(lines[0].starts_with("a.txt:1:4: error S001 "), "{lines:?}");
    assert!(lines.iter().filter(|l| l.starts_with("a.txt:")).count() == 3 && lines.last().unwrap().starts_with("Found "), "{lines:?}");

    let out = run(&["fix", "-q", "--diff", "a.txt"], b"", dir.path());
    assert_eq!(text(&out.stderr).lines().count(), 1, "{}", text(&out.stderr));
    for cmd in [&["rules", "-q"][..], &["explain", "-q", "Q001"], &["check", "-q", "a.txt"], &["import", "-q", "--help"]] {
        assert_ne!(run(cmd, b"", dir.path()).status.code(), Some(2), "{cmd:?} accepts -q");
    }
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", CURLY);
    let colored = |out: &std::process::Output| text(&out.stdout).contains("\x1b[");
    assert!(colored(&run(&["check", "--color", "always", "a.txt"], b"", dir.path())));
    assert!(!colored(&run(&["check", "--color", "never", "a.txt"], b"", dir.path())));
    // common::bin sets NO_COLOR; output to a pipe is plain anyway.
    assert!(!colored(&run(&["check", "a.txt"], b"", dir.path())));
    let forced = bin()
        .args(["check", "a.txt"])
        .env_remove("NO_COLOR")
        .env("FORCE_COLOR", "1")
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(colored(&forced));
    let diff = run(&["fix", "--diff", "--color", "always", "a.txt"], b"", dir.path());
    let shown = text(&diff.stdout);
    assert!(shown.contains("\x1b[31m-") && shown.contains("\x1b[32m+") && shown.contains("\x1b[7m«نعم»\x1b[27m"), "{shown:?}");
    let plain = text(&run(&["fix", "--diff", "a.txt"], b"", dir.path()).stdout);
    assert!(plain.starts_with("--- a.txt\n+++ a.txt (fixed)\n@@ ") && !plain.contains('\x1b'), "{plain:?}");
}

#[test]
fn completions_man_and_version() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell], b"", dir.path());
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(text(&out.stdout).contains("show-settings"), "{shell}");
    }
    let man = run(&["man"], b"", dir.path());
    assert!(text(&man.stdout).starts_with(".ie") || text(&man.stdout).contains(".TH dossier"), "{}", text(&man.stdout));
    let out = run(&["man", "--dir", "pages"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("pages/dossier-check.1").is_file() && dir.path().join("pages/dossier.1").is_file());

    let version = text(&run(&["--version"], b"", dir.path()).stdout);
    assert!(version.starts_with(&format!("dossier {}", env!("CARGO_PKG_VERSION"))), "{version}");
    let head = std::process::Command::new("git").args(["rev-parse", "--short=9", "HEAD"]).current_dir(root()).output();
    let top = std::process::Command::new("git").args(["rev-parse", "--show-toplevel"]).current_dir(root()).output();
    if let (Ok(head), Ok(top)) = (head, top) {
        let top = text(&top.stdout);
        if head.status.success() && Path::new(top.trim()).canonicalize().ok() == root().canonicalize().ok() {
            assert!(version.contains(&format!("({})", text(&head.stdout).trim())), "{version} names the commit");
        }
    }
}

/// `.pre-commit-hooks.yaml` and `action.yml` say what the binary accepts:
/// each hook's entry runs, and the action's check step, run by bash with its
/// inputs' defaults, annotates a finding.
#[test]
fn hook_and_action_definitions_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", CURLY);
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_dossier")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());

    let hooks: Vec<Value> = serde_yaml_ng::from_str(&std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap()).unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["dossier-check", "dossier-fix"]);
    // check reports (exit 1); fix rewrites and exits 0, pre-commit failing the hook for the change.
    let after = [(1, CURLY.to_string()), (0, CURLY.replace('“', "«").replace('”', "»"))];
    for (hook, (code, expected)) in hooks.iter().zip(after) {
        assert_eq!(hook["language"], "rust");
        let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
        assert_eq!(entry[0], "dossier");
        let out = bin().args(&entry[1..]).arg("a.md").current_dir(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{entry:?}: {}", text(&out.stderr));
        assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), expected, "{entry:?}");
    }

    write(dir.path(), "a.md", CURLY);
    let action: Value = serde_yaml_ng::from_str(&std::fs::read_to_string(root().join("action.yml")).unwrap()).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let install = steps.iter().find(|s| s["name"] == "Install dossier").unwrap();
    assert!(install["run"].as_str().unwrap().contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    assert!(steps.iter().any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/cache@"))));
    let check = steps.iter().find(|s| s["name"] == "Check").unwrap();
    let mut bash = std::process::Command::new("bash");
    bash.args(["-euo", "pipefail", "-c", check["run"].as_str().unwrap()]).current_dir(dir.path()).env("PATH", &path);
    for (name, value) in check["env"].as_object().unwrap() {
        let input = value.as_str().unwrap().trim_start_matches("${{ inputs.").trim_end_matches(" }}");
        bash.env(name, action["inputs"][input]["default"].as_str().unwrap());
    }
    let out = bash.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("::error file=a.md,line=1,col=5,"), "{}", text(&out.stdout));
}

/// A file with a million findings lists 1,000 in the text formats and says
/// how many more there are; JSON keeps them all.
#[test]
fn the_text_formats_list_a_thousand_findings_a_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &format!("{}\n", "ب,".repeat(5000)));
    let out = run(&["check", "--format", "json", "a.txt"], b"", dir.path());
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = all.as_array().unwrap().len();
    assert!(n > 5000, "{n}");
    for format in ["human", "concise"] {
        let out = run(&["check", "--format", format, "a.txt"], b"", dir.path());
        let shown = text(&out.stdout);
        assert_eq!(shown.lines().filter(|l| l.starts_with("a.txt:1:")).count(), 1000, "{format}");
        assert!(shown.contains(&format!("a.txt: {} more findings not listed", n - 1000)), "{format}");
        assert!(shown.contains(&format!("Found {n} errors")), "{format}: the summary counts them all");
    }
}

/// A dossier whose build would stop or leave an article out: `check` says
/// so on each file, in every format, SARIF still valid; the findings obey
/// --ignore and directives, and checking one file of the dossier judges
/// its directives with them.
#[test]
fn check_reports_what_build_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d/dossier.toml", "[dossier]\ntitle = { ar = \"ملف 😀\", en = \"File\" }\n\n[[article]]\nfile = \"a.md\"\n");
    write(
        dir.path(),
        "d/a.md",
        "---\ntitle: مقال\n---\n\nنص فيه رمز 😀 هنا.\n\n![خريطة](images/none.png)\n\n<!-- dossier-ignore-next-line M005 -->\nسطر آخر 😀.\n",
    );
    write(dir.path(), "d/draft.md", "مسودة.\n");
    let out = run(&["check", "--format", "concise", "d"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let lines: Vec<String> =
        text(&out.stdout).lines().map(|l| l.split(" U+").next().unwrap().split(" image").next().unwrap().to_string()).collect();
    assert_eq!(
        lines[..4],
        [
            "d/a.md:5:12: error M005",
            "d/a.md:7:10: error M006",
            "d/draft.md:1:1: warning M007 this article is not listed in d/dossier.toml, so `dossier build` leaves it out: add an [[article]] entry for it (unlisted-article)",
            "d/dossier.toml:2:21: error M005",
        ],
        "{}",
        text(&out.stdout)
    );
    assert!(lines[4].starts_with("Found 3 errors and 1 warning in 3 of 3 files"), "{}", lines[4]);

    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/schemas/sarif-2.1.0-rtm.5.json")).unwrap()).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let sarif: Value = serde_json::from_slice(&run(&["check", "--format", "sarif", "d"], b"", dir.path()).stdout).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "SARIF does not match the schema:\n{}", errors.join("\n"));
    let ids: Vec<&str> = sarif["runs"][0]["results"].as_array().unwrap().iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    assert_eq!(ids, ["M005", "M006", "M007", "M005"]);
    for format in ["json", "github", "rdjson", "human"] {
        let shown = text(&run(&["check", "--format", format, "d"], b"", dir.path()).stdout);
        for code in ["M005", "M006", "M007"] {
            assert!(shown.contains(code), "{format} lacks {code}:\n{shown}");
        }
    }

    let ignored = run(&["check", "--format", "concise", "--ignore", "M005,M007", "d"], b"", dir.path());
    let shown = text(&ignored.stdout);
    assert!(shown.contains("M006") && !shown.contains("M005") && !shown.contains("M007"), "{shown}");
    // One file of the dossier: its own findings, and its directive used.
    let one = text(&run(&["check", "--format", "concise", "d/a.md"], b"", dir.path()).stdout);
    assert!(one.contains("d/a.md:5:12: error M005") && !one.contains("M004") && !one.contains("draft"), "{one}");
}

/// What stops a build and no other rule names (a misspelt front-matter
/// field, nesting deeper than a page shows) is M009 on its line, so
/// `check` fails where `build` would; front matter that does not parse is
/// M002's alone. Each was a warning on standard error, with exit 0.
#[test]
fn check_fails_where_build_would_stop() {
    let dir = tempfile::tempdir().unwrap();
    let listed = "[[article]]\nfile = \"a.md\"\n\n[[article]]\nfile = \"b.md\"\n\n[[article]]\nfile = \"c.md\"\n";
    write(dir.path(), "d/dossier.toml", &format!("[dossier]\ntitle = \"ملف\"\n\n{listed}"));
    write(dir.path(), "d/a.md", "---\ntitle: مقال\nautor: فلان\n---\n\nنص المقال.\n");
    write(dir.path(), "d/b.md", &format!("# عنوان\n\nنص.\n\n{} عمق\n", ">".repeat(30)));
    write(dir.path(), "d/c.md", "---\ntitle: تحليل: هل تتغير السياسة؟\n---\n\nنص.\n");
    let out = run(&["check", "--format", "concise", "d"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    let lines: Vec<&str> = shown.lines().collect();
    assert!(lines[0].starts_with("d/a.md:3:1: error M009 front matter: unknown field `autor`"), "{shown}");
    assert!(lines[0].contains("did you mean `author`?"), "{shown}");
    assert!(lines[1].starts_with("d/b.md:5:1: error M009 quotes and lists nested more than 12 deep"), "{shown}");
    assert!(lines[2].starts_with("d/c.md:2:1: error M002"), "{shown}");
    assert!(!shown.contains("d/c.md:2:1: error M009"), "M002 says it once: {shown}");
    assert!(!text(&out.stderr).contains("would stop"), "no longer a bare warning: {}", text(&out.stderr));
    // The build stops on the first of them, in the same words.
    let built = run(&["build", "d", "--out", "o"], b"", dir.path());
    assert!(!built.status.success());
    let said = text(&built.stderr);
    assert!(
        said.contains("front matter: unknown field `autor`") || said.contains("nested more than 12") || said.contains("does not parse"),
        "{said}"
    );
    // Silenced like any rule.
    let ignored = run(&["check", "--format", "concise", "--ignore", "M009,M002", "d"], b"", dir.path());
    assert_eq!(ignored.status.code(), Some(0), "{}", text(&ignored.stdout));

    // What stops the whole dossier, on the entry or key of dossier.toml it names.
    write(dir.path(), "d/dossier.toml", &format!("[dossier]\ntitle = \"ملف\"\n\n[build]\nfont = \"comic\"\n\n{listed}"));
    let shown = text(&run(&["check", "--format", "concise", "d"], b"", dir.path()).stdout);
    assert!(shown.contains("\nd/dossier.toml:5:1: error M009 [build] font = \"comic\" is not bundled"), "{shown}");
    write(dir.path(), "d/dossier.toml", &format!("[dossier]\ntitle = \"ملف\"\n\n{listed}\n[[article]]\nfile = \"gone.md\"\n"));
    let out = run(&["check", "--format", "concise", "d"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("\nd/dossier.toml:13:1: error M009 [[article]] number 4 names file = \"gone.md\", which does not exist"),
        "{shown}"
    );
    // A dossier.toml that does not parse is check's own error, said once.
    write(dir.path(), "d/dossier.toml", "[dossier]\ntitle = \"ملف\n");
    let out = run(&["check", "--format", "concise", "d"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).matches("invalid basic string").count(), 1, "{}", text(&out.stderr));
}
