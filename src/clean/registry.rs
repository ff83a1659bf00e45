//! The rule list: every pass, in dispatch order, and the rules they report,
//! with lookups by code, name and selector. What a rule is lives in
//! [`super::rule`]; each rule file ends with [`pass!`](super::rule::pass),
//! and the pass is listed once in [`PASSES`].

use std::sync::LazyLock;

use super::rule::{slot, Check, ParagraphPass, Pass, UnknownRule, FAMILIES};
// What the list holds, named where the list is (tests and tools read both).
pub use super::rule::{FixAvailability, Rule, RuleCode};
use super::rules;

/// Every pass, in dispatch order: for fixes proposed at the same place, the
/// earlier pass wins and the later one gets the next round. Adding a rule is
/// one line here.
pub static PASSES: &[&Pass] = &[
    &rules::meta::oversized_paragraph::PASS,
    &rules::meta::unused_suppression::PASS,
    &rules::meta::missing_glyph::PASS,
    &rules::meta::broken_image::PASS,
    &rules::meta::unlisted_article::PASS,
    &rules::meta::translation_out_of_step::PASS,
    &rules::meta::unbuildable_article::PASS,
    &rules::spacing::line_ends::PASS,
    &rules::bidi::visual_order::PASS,
    &rules::bidi::invisible_characters::PASS,
    &rules::bidi::replacement_character::PASS,
    &rules::bidi::stray_bidi_controls::PASS,
    &rules::bidi::paragraph_direction::PASS,
    &rules::bidi::scrambled_latin::PASS,
    &rules::characters::presentation_forms::PASS,
    &rules::characters::persian_letters::PASS,
    &rules::characters::decomposed_letters::PASS,
    &rules::characters::decorative_tatweel::PASS,
    &rules::quotes::quote_pairs::PASS,
    &rules::punctuation::latin_punctuation::PASS,
    &rules::punctuation::doubled_terminal::PASS,
    &rules::punctuation::doubled_comma::PASS,
    &rules::dates::fused_date::PASS,
    &rules::dates::month_pairs::PASS,
    &rules::dates::digit_systems::PASS,
    &rules::dates::grouping::PASS,
    &rules::spacing::dash_spacing::PASS,
    &rules::spacing::hyphen_as_dash::PASS,
    &rules::spacing::tatweel_as_dash::PASS,
    &rules::spacing::space_runs::PASS,
    &rules::spacing::punctuation_spacing::PASS,
    &rules::spacing::space_inside_brackets::PASS,
    &rules::spacing::slash_spacing::PASS,
    &rules::spacing::glued_date::PASS,
    &rules::spacing::glued_scripts::PASS,
    &rules::spacing::space_after_period::PASS,
    &rules::spacing::glued_number::PASS,
    &rules::spacing::glued_brackets::PASS,
    &rules::spacing::detached_waw::PASS,
    &rules::punctuation::repeated_marks::PASS,
    &rules::dates::percent_sign::PASS,
    &rules::punctuation::unbalanced_brackets::PASS,
    &rules::bidi::line_separators::PASS,
    &rules::punctuation::combined_marks::PASS,
    &rules::meta::unknown_selector::PASS,
    &rules::meta::front_matter::PASS,
];

/// The paragraph passes in dispatch order, looked up once: the engine runs
/// them on every paragraph.
pub fn paragraph_passes() -> &'static [ParagraphPass] {
    static LIST: LazyLock<Vec<ParagraphPass>> = LazyLock::new(|| {
        PASSES
            .iter()
            .filter_map(|&p| match p.check {
                Check::Paragraph(check) => Some((p, check, p.rules.iter().any(|r| r.exclusive))),
                Check::Document(_) => None,
            })
            .collect()
    });
    &LIST
}

/// Every rule, in code order.
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut all: Vec<&'static Rule> = PASSES.iter().flat_map(|p| p.rules.iter().copied()).collect();
    all.sort_by_key(|r| r.code);
    all
});

/// The rule behind a finding's code, in constant time: the engine asks
/// for every finding.
pub fn rule_of(code: RuleCode) -> Option<&'static Rule> {
    static INDEX: LazyLock<Vec<Option<&'static Rule>>> = LazyLock::new(|| {
        let mut index = vec![None; FAMILIES.len() * 1000];
        for r in RULES.iter() {
            index[slot(r.code).expect("codes are a family letter and three digits")] = Some(*r);
        }
        index
    });
    INDEX.get(slot(code)?).copied().flatten()
}

/// The registered code matching `s` (case-insensitive), if any.
pub fn code(s: &str) -> Option<RuleCode> {
    RULES.iter().map(|r| r.code).find(|c| c.0.eq_ignore_ascii_case(s))
}

/// The rule with this code or name (case-insensitive).
pub fn lookup(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.0.eq_ignore_ascii_case(code) || r.name.eq_ignore_ascii_case(code))
}

/// The rules `pattern` selects (see [`Rule::matches`]); when none, the
/// error names the closest code or name.
pub fn select(pattern: &str) -> Result<Vec<&'static Rule>, UnknownRule> {
    let found: Vec<&'static Rule> = RULES.iter().copied().filter(|r| r.matches(pattern)).collect();
    if found.is_empty() {
        return Err(UnknownRule { pattern: pattern.to_string(), closest: closest(pattern) });
    }
    Ok(found)
}

/// The code or name nearest to `pattern` by edit distance, if near enough;
/// on a tie, one that starts like it (`Q009` → `Q001`, not `D009`).
fn closest(pattern: &str) -> Option<&'static str> {
    let p = pattern.to_ascii_lowercase();
    let same_start = |c: &str| c.chars().next().map(|f| f.to_ascii_lowercase()) == p.chars().next();
    RULES
        .iter()
        .flat_map(|r| [r.code.0, r.name])
        .map(|c| (edit_distance(&p, &c.to_ascii_lowercase()), c))
        .filter(|&(d, c)| d <= (c.len() / 3).max(1))
        .min_by_key(|&(d, c)| (d, !same_start(c)))
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::rule::RuleSet;

    /// Every rule is in a set of all of them, and only its own code is in
    /// a set of one.
    #[test]
    fn rule_sets_hold_exactly_their_codes() {
        assert!(!RuleSet::default().contains(RuleCode("Q001")));
        let all: RuleSet = RULES.iter().map(|r| r.code).collect();
        for r in RULES.iter() {
            assert!(all.contains(r.code), "{}", r.code.0);
            let one: RuleSet = [r.code].into_iter().collect();
            assert_eq!(RULES.iter().filter(|o| one.contains(o.code)).count(), 1, "{}", r.code.0);
        }
        assert!(!all.contains(RuleCode("X001")));
    }

    #[test]
    fn codes_are_unique_well_formed_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES.iter() {
            assert!(seen.insert(r.code.0), "duplicate code {}", r.code);
            assert!(seen.insert(r.name), "duplicate name {}", r.name);
            let c = r.code.0.as_bytes();
            assert!(c.len() == 4 && FAMILIES.contains(&c[0]) && c[1..].iter().all(u8::is_ascii_digit), "{}", r.code);
            assert!(r.explanation().lines().count() >= 3, "{} needs a real explanation", r.code);
            assert!(r.summary().ends_with('.'), "{}: summary should be a sentence", r.code);
        }
    }

    /// Every `rule!` in `src/clean/rules` is reported by a registered pass,
    /// and every rule file's `pass!` is listed in [`PASSES`]: a rule left
    /// out would run nowhere and could not be switched off or explained.
    #[test]
    fn every_rule_file_is_registered() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/clean/rules");
        let mut stack = vec![root.clone()];
        let mut unregistered = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                let module = path.strip_prefix(&root).unwrap().with_extension("").display().to_string().replace('/', "::");
                let module = format!("dossier::clean::rules::{module}");
                if source.contains("\npass!(") && !PASSES.iter().any(|p| p.module == module) {
                    unregistered.push(format!("{module}: add `&rules::…::PASS` to registry::PASSES"));
                }
                for line in source.lines().map(str::trim).filter(|l| l.starts_with("pub static ") && l.contains(" = (\"")) {
                    let code = line.split('"').nth(1).unwrap();
                    if lookup(code).is_none() {
                        unregistered.push(format!("{code} in {module}: not reported by any registered pass"));
                    }
                }
            }
        }
        assert!(unregistered.is_empty(), "unregistered rules:\n{}", unregistered.join("\n"));
    }

    #[test]
    fn one_matcher_for_codes_families_prefixes_and_names() {
        let names = |p: &str| select(p).unwrap().iter().map(|r| r.code.0).collect::<Vec<_>>();
        assert_eq!(names("curly-quotes"), vec!["Q001"]);
        assert_eq!(names("q001"), vec!["Q001"]);
        assert_eq!(names("Q"), vec!["Q001", "Q002", "Q003"]);
        assert!(names("S01").contains(&"S011"));
        assert_eq!(select("curly-quotse").unwrap_err().closest, Some("curly-quotes"));
        assert_eq!(select("Q01").unwrap_err().closest, Some("Q001"));
        assert_eq!(select("Q009").unwrap_err().closest, Some("Q001"));
        assert!(select("").is_err());
        assert!(select("nothing-like-it").unwrap_err().closest.is_none());
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(lookup("q001").unwrap().code, RuleCode("Q001"));
        assert_eq!(lookup("curly-quotes").unwrap().code, RuleCode("Q001"));
        assert!(lookup("Z999").is_none());
    }
}
