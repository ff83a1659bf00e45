//! The judged real-text corpus: openly licensed documents nobody on
//! the project wrote, Arabic and (41–48) Persian, Urdu, Kurdish and Pashto
//! (`tests/corpus/`, sources and licences in its
//! `SOURCES.md`), run through the real binary.
//!
//! Every finding `dossier check` makes on a document was judged by hand and
//! written down in `tests/corpus/expected/<stem>.txt`, one line each:
//!
//! ```text
//! CODE LINE:COL ok|wrong|missed  short note
//! ```
//!
//! `ok` and `wrong` lines must match the binary's findings exactly (code,
//! line, column in characters): a new finding, or a judged one that is no
//! longer produced, fails the test with a diff. So when a rule stops making a
//! `wrong` finding, delete its line; when it gains a correct one, add an `ok`
//! line (or turn the `missed` line into `ok`). `missed` lines record defects
//! cleanup.md asks for that no rule caught; they are counted, not compared.
//! Lines starting with `#` are comments.
//!
//! Run `cargo test --test corpus -- --nocapture` to see per-rule precision
//! (ok / (ok + wrong)) and the missed defects by class.

mod common;
use common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    root().join("tests/corpus")
}

/// The documents: `NN_name.md` / `NN_name.txt` in `tests/corpus/`.
fn documents() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            let b = name.as_bytes();
            p.is_file()
                && (name.ends_with(".md") || name.ends_with(".txt"))
                && b.len() > 3
                && b[0].is_ascii_digit()
                && b[1].is_ascii_digit()
                && b[2] == b'_'
        })
        .collect();
    v.sort();
    v
}

fn name(doc: &Path) -> String {
    doc.file_name().unwrap().to_string_lossy().into_owned()
}

fn expected_path(doc: &Path) -> PathBuf {
    corpus().join("expected").join(format!("{}.txt", doc.file_stem().unwrap().to_string_lossy()))
}

/// Where a finding starts: rule code, line, column.
type Key = (String, usize, usize);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    Ok,
    Wrong,
    Missed,
}

struct Judged {
    verdict: Verdict,
    line: String,
}

/// Parse an expected file; errors name the file and line.
fn read_expected(path: &Path) -> Result<BTreeMap<Key, Judged>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut judged = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let where_ = || format!("{}:{}: `{line}`", path.display(), i + 1);
        let mut parts = line.split_whitespace();
        let (Some(code), Some(pos), Some(verdict)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("{}: expected `CODE LINE:COL ok|wrong|missed  note`", where_()));
        };
        let (l, c) = pos.split_once(':').ok_or_else(|| format!("{}: position is not LINE:COL", where_()))?;
        let (Ok(l), Ok(c)) = (l.parse::<usize>(), c.parse::<usize>()) else {
            return Err(format!("{}: position is not LINE:COL", where_()));
        };
        let verdict = match verdict {
            "ok" => Verdict::Ok,
            "wrong" => Verdict::Wrong,
            "missed" => Verdict::Missed,
            v => return Err(format!("{}: verdict `{v}` is not ok, wrong or missed", where_())),
        };
        if judged.insert((code.to_string(), l, c), Judged { verdict, line: line.to_string() }).is_some() {
            return Err(format!("{}: the same finding is judged twice", where_()));
        }
    }
    Ok(judged)
}

struct Finding {
    key: Key,
    message: String,
    safe_fix: bool,
}

/// `dossier check --format json` on `input`, read as `name` (its extension
/// decides markdown or plain text).
fn check(name: &str, input: &[u8]) -> Vec<Finding> {
    let config = corpus().join("dossier.toml");
    let args = ["check", "--config", config.to_str().unwrap(), "--format", "json", "--stdin-name", name, "-"];
    let out = run(&args, input, &corpus());
    assert!(matches!(out.status.code(), Some(0 | 1)), "check {name} failed: {}", text(&out.stderr));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("check {name}: bad JSON ({e}): {}", text(&out.stdout)));
    json.as_array()
        .unwrap_or_else(|| panic!("check {name}: JSON is not an array"))
        .iter()
        .map(|f| Finding {
            key: (
                f["code"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap() as usize,
                f["start"]["column"].as_u64().unwrap() as usize,
            ),
            message: f["message"].as_str().unwrap_or_default().to_string(),
            safe_fix: f["fix"]["applicability"] == "safe",
        })
        .collect()
}

/// `dossier fix -` on `input`, read as `name`.
fn fix(name: &str, input: &[u8]) -> Vec<u8> {
    let config = corpus().join("dossier.toml");
    let args = ["fix", "--config", config.to_str().unwrap(), "--stdin-name", name, "-"];
    let out = run(&args, input, &corpus());
    assert!(matches!(out.status.code(), Some(0 | 1)), "fix {name} failed: {}", text(&out.stderr));
    out.stdout
}

/// A few characters of `line` around column `col`, the column marked ⟦⟧,
/// invisible characters spelled out.
fn context(source: &str, line: usize, col: usize) -> String {
    let Some(l) = source.lines().nth(line.saturating_sub(1)) else { return String::new() };
    let chars: Vec<char> = l.chars().collect();
    let at = col.saturating_sub(1).min(chars.len());
    let show = |cs: &[char]| -> String {
        cs.iter()
            .map(|&ch| match ch {
                '\u{200e}' => "<LRM>".to_string(),
                '\u{200f}' => "<RLM>".to_string(),
                c if c.is_control()
                    || matches!(c, '\u{00a0}' | '\u{2000}'..='\u{200d}' | '\u{202a}'..='\u{202f}' | '\u{2066}'..='\u{2069}') =>
                {
                    format!("<U+{:04X}>", c as u32)
                }
                c => c.to_string(),
            })
            .collect()
    };
    let from = at.saturating_sub(15);
    let to = (at + 15).min(chars.len());
    let mark = (at + 1).min(chars.len());
    format!("«{}⟦{}⟧{}»", show(&chars[from..at]), show(&chars[at..mark]), show(&chars[mark..to]))
}

#[derive(Default)]
struct Tally {
    ok: usize,
    wrong: usize,
    missed: usize,
}

struct Outcome {
    doc: String,
    problems: String,
    counts: BTreeMap<String, Tally>,
}

fn judge(doc: &Path) -> Outcome {
    let doc_name = name(doc);
    let mut problems = String::new();
    let mut counts: BTreeMap<String, Tally> = BTreeMap::new();
    let source = std::fs::read_to_string(doc).unwrap();
    let expected_file = expected_path(doc);
    let judged = match read_expected(&expected_file) {
        Ok(j) => j,
        Err(e) => {
            let _ = writeln!(problems, "  {e}");
            return Outcome { doc: doc_name, problems, counts };
        }
    };
    let found = check(&doc_name, source.as_bytes());
    let produced: BTreeSet<&Key> = found.iter().map(|f| &f.key).collect();

    for f in &found {
        let (code, l, c) = &f.key;
        match judged.get(&f.key) {
            Some(j) if j.verdict != Verdict::Missed => {}
            Some(_) => {
                let _ = writeln!(
                    problems,
                    "  + {code} {l}:{c} is now found (listed as missed): change `missed` to `ok` (or `wrong`) — {}",
                    f.message
                );
            }
            None => {
                let _ = writeln!(
                    problems,
                    "  + {code} {l}:{c} new finding, not judged: {} {} — add `{code} {l}:{c} ok|wrong  why`",
                    f.message,
                    context(&source, *l, *c)
                );
            }
        }
    }
    for (key, j) in &judged {
        let tally = counts.entry(key.0.clone()).or_default();
        match j.verdict {
            Verdict::Ok => tally.ok += 1,
            Verdict::Wrong => tally.wrong += 1,
            Verdict::Missed => tally.missed += 1,
        }
        if j.verdict != Verdict::Missed && !produced.contains(key) {
            let hint = if j.verdict == Verdict::Wrong { "fixed? delete the line" } else { "a correct finding was lost" };
            let _ = writeln!(problems, "  - {}   ← no longer found ({hint})", j.line);
        }
    }
    if !problems.is_empty() {
        problems =
            format!("{} (judged in {}):\n{problems}", doc_name, expected_file.strip_prefix(root()).unwrap_or(&expected_file).display());
    }
    Outcome { doc: doc_name, problems, counts }
}

fn precision_table(outcomes: &[Outcome]) -> String {
    let mut total: BTreeMap<String, Tally> = BTreeMap::new();
    for o in outcomes {
        for (code, t) in &o.counts {
            let e = total.entry(code.clone()).or_default();
            e.ok += t.ok;
            e.wrong += t.wrong;
            e.missed += t.missed;
        }
    }
    let mut s = format!("{:<20} {:>4} {:>6} {:>10} {:>7}\n", "rule", "ok", "wrong", "precision", "missed");
    let (mut ok, mut wrong, mut missed) = (0, 0, 0);
    for (code, t) in &total {
        let precision =
            if t.ok + t.wrong == 0 { "-".to_string() } else { format!("{:.1}%", 100.0 * t.ok as f64 / (t.ok + t.wrong) as f64) };
        let _ = writeln!(s, "{code:<20} {:>4} {:>6} {precision:>10} {:>7}", t.ok, t.wrong, t.missed);
        ok += t.ok;
        wrong += t.wrong;
        missed += t.missed;
    }
    let all = if ok + wrong == 0 { 0.0 } else { 100.0 * ok as f64 / (ok + wrong) as f64 };
    let _ = writeln!(s, "{:<20} {ok:>4} {wrong:>6} {:>10} {missed:>7}", "all", format!("{all:.1}%"));
    let _ = writeln!(s, "({} documents; rows with no ok/wrong are defect classes no rule reports)", outcomes.len());
    s
}

#[test]
fn findings_match_the_judgement() {
    let docs = documents();
    assert!(docs.len() >= 30, "the corpus has {} documents", docs.len());

    // Every expected file belongs to a document.
    let stems: BTreeSet<String> = docs.iter().map(|d| d.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    for e in std::fs::read_dir(corpus().join("expected")).unwrap() {
        let p = e.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(stems.contains(&stem), "{} judges no document in tests/corpus", p.display());
    }

    let outcomes: Vec<Outcome> = std::thread::scope(|s| {
        docs.iter().map(|d| s.spawn(|| judge(d))).collect::<Vec<_>>().into_iter().map(|h| h.join().unwrap()).collect()
    });
    let table = precision_table(&outcomes);
    println!("{table}");
    let problems: Vec<&Outcome> = outcomes.iter().filter(|o| !o.problems.is_empty()).collect();
    let report: String = problems.iter().map(|o| o.problems.as_str()).collect::<Vec<_>>().join("\n");
    assert!(
        problems.is_empty(),
        "findings differ from the judgement in {} of {} documents ({}).\n\
         `+` a finding nobody judged, `-` a judged finding no longer made.\n\n{report}\n{table}",
        problems.len(),
        outcomes.len(),
        problems.iter().map(|o| o.doc.as_str()).collect::<Vec<_>>().join(", ")
    );
}

#[test]
fn fix_is_idempotent_and_leaves_nothing_to_fix() {
    let docs = documents();
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .iter()
            .map(|doc| {
                s.spawn(move || {
                    let doc_name = name(doc);
                    let input = std::fs::read(doc).unwrap();
                    let once = fix(&doc_name, &input);
                    let twice = fix(&doc_name, &once);
                    let mut failures = Vec::new();
                    if once != twice {
                        let diff = similar::TextDiff::from_lines(&text(&once), &text(&twice))
                            .unified_diff()
                            .header("fix(x)", "fix(fix(x))")
                            .to_string();
                        failures.push(format!("{doc_name}: fix is not idempotent:\n{diff}"));
                    }
                    let left: Vec<String> = check(&doc_name, &once)
                        .into_iter()
                        .filter(|f| f.safe_fix)
                        .map(|f| format!("{} {}:{} {}", f.key.0, f.key.1, f.key.2, f.message))
                        .collect();
                    if !left.is_empty() {
                        failures.push(format!("{doc_name}: check finds safe fixes left in fix(x):\n  {}", left.join("\n  ")));
                    }
                    failures
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The lines (0-based) of `text` that byte `range` touches.
fn lines_of(text: &str, range: &std::ops::Range<usize>) -> std::ops::RangeInclusive<usize> {
    let line = |at: usize| text[..at.min(text.len())].matches('\n').count();
    line(range.start)..=line(range.end.max(range.start))
}

/// What `check` misses of what `fix` changes in `input`: rules `fix` applies
/// that `check` never reports as fixable, and changed lines that carry no
/// fixable finding.
fn unreported_changes(name: &str, input: &str) -> Vec<String> {
    use dossier::clean::{self, FixMode, Format, Settings};
    let format = Format::of_path(Path::new(name));
    let settings = Settings::default();
    let outcome = clean::fix(input, format, &settings, FixMode::Safe).unwrap_or_else(|e| panic!("{name}: {e}"));
    if !outcome.changed() {
        return Vec::new();
    }
    let fixable: Vec<_> = clean::check(input, format, &settings).into_iter().filter(|d| d.is_safe_fixable()).collect();
    let mut problems = Vec::new();
    for code in outcome.applied.keys() {
        if !fixable.iter().any(|d| d.code == *code) {
            problems.push(format!("{name}: `fix` applies {code}, `check` never reports it"));
        }
    }
    // A line of plain text is a paragraph of its own: there, every rule.
    if format == Format::Text {
        for (i, line) in input.lines().enumerate() {
            let applied = clean::fix(line, format, &settings, FixMode::Safe).unwrap_or_else(|e| panic!("{name}: {e}")).applied;
            let found = clean::check(line, format, &settings);
            for code in applied.keys().filter(|c| !found.iter().any(|d| d.code == **c && d.is_safe_fixable())) {
                problems.push(format!("{name}:{}: `fix` applies {code} to this line, `check` does not report it", i + 1));
            }
        }
    }
    let covered: BTreeSet<usize> = fixable.iter().flat_map(|d| lines_of(input, &d.range)).collect();
    // Line ends are one finding for the whole file (S011): compare lines.
    let input_lf = input.replace("\r\n", "\n");
    let old: Vec<&str> = input_lf.split('\n').collect();
    // A changed line equal to its neighbours (one of several blank lines)
    // may be any of them: the finding may sit on another.
    let reported = |l: usize| {
        let (mut a, mut b) = (l, l + 1);
        while a > 0 && old[a - 1] == old[l] {
            a -= 1;
        }
        while b < old.len() && old[b] == old[l] {
            b += 1;
        }
        (a..b).any(|s| covered.contains(&s))
    };
    // Patience diff: Myers may move a changed line across a blank one and
    // report a blank line deleted on the wrong side of it, where no fix was.
    let diff = similar::TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_lines(&input_lf, &outcome.text);
    for op in diff.ops() {
        let lines = op.old_range();
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        if lines.is_empty() {
            // An insertion: the line before or after it must be reported.
            if !(lines.start.saturating_sub(1)..=lines.start).any(|l| l < old.len() && reported(l)) {
                problems.push(format!("{name}:{}: `fix` inserts a line here; `check` reports nothing", lines.start + 1));
            }
            continue;
        }
        for l in lines.filter(|&l| !reported(l)) {
            problems.push(format!("{name}:{}: `fix` changes this line; `check` reports nothing fixable on it", l + 1));
        }
    }
    problems
}

/// `check` reports what `fix` would change: every rule `fix` applies to a
/// document, and a fixable finding on every line it changes, including
/// what shows only after other fixes (two spaces around a removed RLM, a
/// space inside quotes that become «»).
#[test]
fn check_reports_every_change_fix_makes() {
    let mut docs = documents();
    docs.extend(seeds());
    let problems: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> =
            docs.iter().map(|d| s.spawn(move || unreported_changes(&name(d), &std::fs::read_to_string(d).unwrap()))).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(problems.is_empty(), "`fix` changes what `check` does not report:\n{}", problems.join("\n"));
}

/// The documents in Persian, Urdu, Kurdish and Pashto (file names ending in
/// `-fa`, `-urd`, `-ckb`, `-pus`): Arabic house rules must not touch them.
fn other_arabic_script_documents() -> Vec<PathBuf> {
    documents()
        .into_iter()
        .filter(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            ["-fa", "-fas", "-urd", "-ckb", "-pus"].iter().any(|s| stem.ends_with(s))
        })
        .collect()
}

/// What an editor of the language would see as the text: every character
/// but spaces, line ends, and invisible or direction marks.
fn visible(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}')).collect()
}

/// On Persian, Urdu, Kurdish and Pashto text, `dossier fix --unsafe` (the
/// furthest it goes) changes nothing a native editor would reject: not a
/// letter, digit or mark; only spacing, line ends and direction marks,
/// plus the hyphen spaced as a dash that every language sets as `–`.
#[test]
fn fix_leaves_persian_urdu_and_kurdish_text_alone() {
    let docs = other_arabic_script_documents();
    assert!(docs.len() >= 5, "the Persian, Urdu, Kurdish and Pashto documents are missing");
    let config = corpus().join("dossier.toml");
    let mut failures = Vec::new();
    for doc in docs {
        let doc_name = name(&doc);
        let input = std::fs::read_to_string(&doc).unwrap();
        let args = ["fix", "--unsafe", "--config", config.to_str().unwrap(), "--stdin-name", &doc_name, "-"];
        let out = run(&args, input.as_bytes(), &corpus());
        assert!(matches!(out.status.code(), Some(0 | 1)), "fix {doc_name} failed: {}", text(&out.stderr));
        let fixed = text(&out.stdout);
        let (before, after) = (visible(&input), visible(&fixed));
        if before.replace('-', "–") != after.replace('-', "–") {
            let diff = similar::TextDiff::from_lines(&input, &fixed).unified_diff().header(&doc_name, "fix --unsafe").to_string();
            failures.push(format!("{doc_name}: fix --unsafe changed the text:\n{diff}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
