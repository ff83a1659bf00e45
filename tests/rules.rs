//! Per-rule fixtures: `tests/rules/CODE.txt` holds one rule's cases, and
//! `tests/snapshots/rules__CODE.snap` what dossier makes of them (findings,
//! safe fix, unsafe fix), for a person to review. Update with
//! `INSTA_UPDATE=always cargo test --test rules` (or `cargo insta review`)
//! and read the diff.
//!
//! Fixture format: cases are separated by a line holding only `====`; a case
//! whose first line is `#! md` is read as markdown. Invisible characters are
//! written as `\u{200B}`, and `\r`, `\t`, `\\` are escapes too. Each case runs
//! with only its rule selected.
//!
//! Also checked here: every registered rule has a fixture, every finding's
//! fix matches the safety its rule declares, and each explanation's
//! `Before:`/`After:` example holds.

use std::fmt::Write as _;
use std::path::PathBuf;

use dossier::clean::registry::{FixAvailability, Rule};
use dossier::clean::{self, Applicability, CleanConfig, Diagnostic, FixMode, Format, Settings, RULES};
use dossier::text::locate::Locator;

fn fixture_path(rule: &Rule) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/rules").join(format!("{}.txt", rule.code))
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            // `\R{N}{text}`: text N times (a paragraph too long to type).
            Some('R') => {
                assert_eq!(chars.next(), Some('{'), "\\R{{N}}{{text}}");
                let n: usize = chars.by_ref().take_while(|&c| c != '}').collect::<String>().parse().expect("a count");
                assert_eq!(chars.next(), Some('{'), "\\R{{N}}{{text}}");
                let text: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push_str(&text.repeat(n));
            }
            Some('u') if chars.peek() == Some(&'{') => {
                chars.next();
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).expect("hex escape")).expect("a character"));
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Text as the snapshot shows it: invisible and odd characters escaped.
fn shown(s: &str) -> String {
    if s.len() > 2000 {
        let head: String = s.chars().take(40).collect();
        return format!("{}… ({} bytes in all)", shown(&head), s.len());
    }
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if c.is_control()
                || matches!(c, '\u{00A0}' | '\u{00AD}' | '\u{061C}' | '\u{2000}'..='\u{200F}' | '\u{2028}'..='\u{202F}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}') =>
            {
                let _ = write!(out, "\\u{{{:04X}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

struct Case {
    text: String,
    format: Format,
}

fn cases(rule: &Rule) -> Vec<Case> {
    let path = fixture_path(rule);
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    raw.split("\n====\n")
        .map(|case| {
            let case = case.strip_suffix('\n').unwrap_or(case);
            match case.strip_prefix("#! md\n") {
                Some(md) => Case { text: unescape(md), format: Format::Markdown },
                None => Case { text: unescape(case), format: Format::Text },
            }
        })
        .collect()
}

fn only(rule: &Rule) -> Settings {
    Settings::from_config(&CleanConfig { select: Some(vec![rule.code.to_string()]), ..Default::default() }).unwrap()
}

/// The fix a finding carries must be what its rule declares.
fn check_safety(rule: &Rule, d: &Diagnostic) -> Result<(), String> {
    let fix = d.fix.as_ref().map(|f| f.applicability);
    let ok = match rule.fix {
        FixAvailability::Safe => fix == Some(Applicability::Safe),
        FixAvailability::Unsafe => fix == Some(Applicability::Unsafe),
        FixAvailability::None => fix.is_none(),
        FixAvailability::Sometimes => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{} declares {:?} fixes but a finding carries {fix:?}: {}", rule.code, rule.fix, d.message))
    }
}

fn render(rule: &Rule) -> String {
    let settings = only(rule);
    let mut out = String::new();
    for (n, case) in cases(rule).iter().enumerate() {
        let _ = writeln!(out, "── case {}{} ──", n + 1, if case.format == Format::Markdown { " (markdown)" } else { "" });
        let _ = writeln!(out, "input:  {}", shown(&case.text));
        let found = clean::check(&case.text, case.format, &settings);
        let mut locator = Locator::new(&case.text);
        for d in &found {
            check_safety(rule, d).unwrap_or_else(|e| panic!("case {}: {e}", n + 1));
            let at = locator.position(d.range.start);
            let fix = match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => "safe fix",
                Some(Applicability::Unsafe) => "unsafe fix",
                None => "no fix",
            };
            let _ = writeln!(out, "  {}:{} {} {:?}: {} [{fix}]", at.line, at.column, d.code, d.severity, d.message);
        }
        if found.is_empty() {
            let _ = writeln!(out, "  (no finding)");
        }
        let safe = clean::fix(&case.text, case.format, &settings, FixMode::Safe).unwrap().text;
        let unsafe_ = clean::fix(&case.text, case.format, &settings, FixMode::Unsafe).unwrap().text;
        if safe != case.text {
            let _ = writeln!(out, "fixed:  {}", shown(&safe));
        }
        if unsafe_ != safe {
            let _ = writeln!(out, "unsafe: {}", shown(&unsafe_));
        }
    }
    out
}

#[test]
fn every_rule_has_a_fixture() {
    let missing: Vec<String> = RULES.iter().filter(|r| !fixture_path(r).exists()).map(|r| format!("{} {}", r.code, r.name)).collect();
    assert!(missing.is_empty(), "rules without tests/rules/CODE.txt: {missing:?}");
}

#[test]
fn fixtures() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(true);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for rule in RULES.iter().filter(|r| fixture_path(r).exists()) {
            insta::assert_snapshot!(rule.code.to_string(), render(rule));
        }
    });
}

/// The `Before:`/`After:` example of each explanation, with every rule on.
#[test]
fn explanation_examples_hold() {
    let settings = Settings::from_config(&CleanConfig { ignore: vec!["S014".into()], ..Default::default() }).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in RULES.iter() {
        for (before, after) in rule.examples() {
            count += 1;
            let fixed = clean::fix(&before, Format::Text, &settings, FixMode::Safe).unwrap().text;
            if fixed != after {
                failures.push(format!("{}: `{before}` became `{fixed}`, the explanation says `{after}`", rule.code));
            }
        }
    }
    assert!(count >= 20, "only {count} examples found: is the Before:/After: format still parsed?");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
