//! The rule book: every rule's code, name, fix availability and explanation,
//! and the passes that check them, in dispatch order.
//!
//! Each rule is declared next to its code with [`rule!`], which keeps the doc
//! comment as the rule's explanation: the text `cargo doc` shows is the text
//! `dossier explain CODE` prints. Each rule file ends with [`pass!`], and the
//! pass is listed once in [`PASSES`].

use std::fmt;
use std::sync::LazyLock;

use serde::{Serialize, Serializer};

use super::context::DocContext;
use super::diagnostic::{Diagnostic, Findings};
use super::paragraph::Paragraph;
use super::protect::Protection;
use super::rules;
use super::segment::Layout;
use super::settings::Settings;
use crate::text::features::Triggers;

/// A stable rule code: a family letter and three digits (`Q001`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleCode(pub &'static str);

impl RuleCode {
    /// The registered code matching `s` (case-insensitive), if any.
    pub fn parse(s: &str) -> Option<RuleCode> {
        RULES.iter().map(|r| r.code).find(|c| c.0.eq_ignore_ascii_case(s))
    }
    pub fn as_str(self) -> &'static str {
        self.0
    }
    pub fn family(self) -> char {
        self.0.chars().next().unwrap_or('?')
    }
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for RuleCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// What kind of fix a rule offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    /// Always a safe fix.
    Safe,
    /// A safe fix when the rule is sure, an unsafe one or none when not.
    Sometimes,
    /// Only an unsafe fix: a person should look.
    Unsafe,
    /// Reported only.
    None,
}

/// A rule's metadata. Its logic is the `check` of the pass that lists it.
#[derive(Debug)]
pub struct Rule {
    pub code: RuleCode,
    pub name: &'static str,
    pub fix: FixAvailability,
    /// The doc comment, verbatim (each line keeps rustdoc's leading space).
    pub doc: &'static str,
    /// Protected spans this rule's fixes may change: repairing numbers is
    /// the D family's job; visual-order repair moves links and numbers whole.
    pub may_edit: &'static [Protection],
    /// Its findings own their range: a line in visual order belongs to B003
    /// alone until it is reversed, since any other edit would be made to the
    /// letters in the wrong order.
    pub exclusive: bool,
    /// An Arabic house rule: in a block of Persian, Urdu or another
    /// language written in Arabic script (see [`crate::text::language`]) its
    /// findings are dropped, since that language spells, joins and punctuates
    /// its own way.
    pub arabic_only: bool,
}

impl Rule {
    /// The first line of the explanation.
    pub fn summary(&self) -> &'static str {
        self.doc.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
    }

    /// The explanation as markdown-ish text, rustdoc's leading spaces removed.
    pub fn explanation(&self) -> String {
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string() + "\n"
    }

    /// The languages it applies to, as `dossier explain` says.
    pub fn languages(&self) -> &'static str {
        if self.arabic_only {
            "Arabic text, and Latin text where the rule says so; not Persian, Urdu or other Arabic-script languages"
        } else {
            "every language"
        }
    }

    pub fn family_name(&self) -> &'static str {
        family_name(self.code.family())
    }

    /// `pattern` selects this rule: `ALL`, its code, a family or code prefix
    /// (`Q`, `S01`), or its name (`curly-quotes`); case-insensitive. The one
    /// matcher behind `--select`/`--ignore`, `[clean]` and `dossier-ignore`.
    pub fn matches(&self, pattern: &str) -> bool {
        let p = pattern.trim();
        !p.is_empty()
            && (p.eq_ignore_ascii_case("ALL")
                || self.name.eq_ignore_ascii_case(p)
                || (p.len() <= self.code.0.len() && self.code.0[..p.len()].eq_ignore_ascii_case(p)))
    }

    /// The example pairs of the explanation (`Before: `x`` then `After: `y``),
    /// which run as tests.
    pub fn examples(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut before: Option<String> = None;
        for line in self.doc.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("Before:") {
                before = backticked(rest);
            } else if let (Some(rest), Some(b)) = (line.strip_prefix("After:"), before.take()) {
                if let Some(a) = backticked(rest) {
                    out.push((b, a));
                }
            }
        }
        out
    }
}

/// The text between the first pair of backticks, when it is the only one.
fn backticked(s: &str) -> Option<String> {
    let s = s.trim();
    let inner = s.strip_prefix('`')?.strip_suffix('`')?;
    (!inner.contains('`')).then(|| inner.to_string())
}

pub fn family_name(letter: char) -> &'static str {
    match letter {
        'Q' => "quotation marks",
        'S' => "spacing",
        'P' => "punctuation",
        'D' => "dates and numbers",
        'B' => "bidi and invisible characters",
        'C' => "characters",
        'M' => "dossier's own directives and article metadata",
        _ => "other",
    }
}

/// Declare a rule's metadata; its doc comment becomes its explanation.
/// Optional after the fix: `may_edit = [Number, ...]`, `exclusive = true`
/// and `arabic_only = true` (see [`Rule::arabic_only`]).
macro_rules! rule {
    ($(#[doc = $doc:literal])* $vis:vis static $id:ident = ($code:literal, $name:literal, $fix:ident
        $(, may_edit = [$($kind:ident),*])? $(, exclusive = $exclusive:literal)? $(, arabic_only = $arabic_only:literal)?);) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::clean::registry::Rule = $crate::clean::registry::Rule {
            code: $crate::clean::registry::RuleCode($code),
            name: $name,
            fix: $crate::clean::registry::FixAvailability::$fix,
            doc: concat!($($doc, "\n"),*),
            may_edit: &[$($($crate::clean::protect::Protection::$kind),*)?],
            exclusive: false $(|| $exclusive)?,
            arabic_only: false $(|| $arabic_only)?,
        };
    };
}
pub(crate) use rule;

/// A rule file's `PASS`: its check function and the rules it reports.
/// `pass!(check, [RULE, ...])` for a paragraph check, `pass!(document check,
/// [...])` for one that sees the whole text. A paragraph check that finds
/// nothing without certain characters names them, `pass!(check, [...], when
/// QUOTES | BRACKETS)` (see [`Triggers`](crate::text::features::Triggers)):
/// the engine then skips the paragraphs that hold none, so the check itself
/// need not look for them.
macro_rules! pass {
    (check, [$($rule:ident),+ $(,)?]) => {
        pub static PASS: $crate::clean::registry::Pass = $crate::clean::registry::Pass {
            rules: &[$(&$rule),+],
            check: $crate::clean::registry::Check::Paragraph(check),
            module: module_path!(),
            when: $crate::text::features::Triggers::ANY,
        };
    };
    (check, [$($rule:ident),+ $(,)?], when $($trigger:ident)|+) => {
        pub static PASS: $crate::clean::registry::Pass = $crate::clean::registry::Pass {
            rules: &[$(&$rule),+],
            check: $crate::clean::registry::Check::Paragraph(check),
            module: module_path!(),
            when: $crate::text::features::Triggers::NONE$(.or($crate::text::features::Triggers::$trigger))+,
        };
    };
    (document check, [$($rule:ident),+ $(,)?]) => {
        pub static PASS: $crate::clean::registry::Pass = $crate::clean::registry::Pass {
            rules: &[$(&$rule),+],
            check: $crate::clean::registry::Check::Document(check),
            module: module_path!(),
            when: $crate::text::features::Triggers::ANY,
        };
    };
}
pub(crate) use pass;

/// How a pass looks at the text.
#[derive(Clone, Copy)]
pub enum Check {
    /// One paragraph at a time (ranges relative to the paragraph).
    Paragraph(fn(&Paragraph, &DocContext, &mut Vec<Diagnostic>)),
    /// The whole text, with its markdown layout (verbatim ranges, directives).
    Document(fn(&str, &Layout, &Settings, &mut Findings)),
}

/// One check function and the rules it reports.
pub struct Pass {
    pub rules: &'static [&'static Rule],
    pub check: Check,
    /// Where it lives (`dossier::clean::rules::spacing::space_runs`).
    pub module: &'static str,
    /// A paragraph check finds nothing in a paragraph that holds none of
    /// these (debug builds run it anyway, and check).
    pub when: Triggers,
}

impl Pass {
    /// Some rule of this pass is switched on.
    pub fn enabled(&self, settings: &Settings) -> bool {
        self.rules.iter().any(|r| settings.enabled(r))
    }
}

/// Every pass, in dispatch order: for fixes proposed at the same place, the
/// earlier pass wins and the later one gets the next round. Adding a rule is
/// one line here.
pub static PASSES: &[&Pass] = &[
    &rules::meta::oversized_paragraph::PASS,
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

/// A paragraph check, with its pass and whether any of its rules is exclusive.
pub type ParagraphPass = (&'static Pass, fn(&Paragraph, &DocContext, &mut Vec<Diagnostic>), bool);

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

/// A set of rules by code, answering membership in constant time: the
/// rules ask whether they are switched off on every paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSet {
    /// Bit `slot` of each code in the set; empty when the set is.
    bits: Vec<u64>,
}

impl RuleSet {
    pub fn insert(&mut self, code: RuleCode) {
        let slot = slot(code).expect("codes are a family letter and three digits");
        if self.bits.is_empty() {
            self.bits = vec![0; FAMILIES.len() * 1000 / 64 + 1];
        }
        self.bits[slot / 64] |= 1 << (slot % 64);
    }

    #[inline]
    pub fn contains(&self, code: RuleCode) -> bool {
        !self.bits.is_empty() && slot(code).is_some_and(|s| self.bits[s / 64] & 1 << (s % 64) != 0)
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }
}

impl FromIterator<RuleCode> for RuleSet {
    fn from_iter<I: IntoIterator<Item = RuleCode>>(codes: I) -> Self {
        let mut set = RuleSet::default();
        codes.into_iter().for_each(|c| set.insert(c));
        set
    }
}

/// The family letters, in `dossier rules` order.
const FAMILIES: &[u8] = b"QSPDBCM";

#[inline]
fn slot(code: RuleCode) -> Option<usize> {
    let b = code.0.as_bytes();
    let first = *b.first()?;
    let family = FAMILIES.iter().position(|&f| f == first)?;
    let digits = b.get(1..4).filter(|d| b.len() == 4 && d.iter().all(u8::is_ascii_digit))?;
    let number = digits.iter().fold(0, |n, d| n * 10 + usize::from(d - b'0'));
    Some(family * 1000 + number)
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

/// A selector that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    pub pattern: String,
    pub closest: Option<&'static str>,
}

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` names no rule", self.pattern)?;
        if let Some(c) = self.closest {
            write!(f, "; did you mean `{c}`?")?;
        }
        f.write_str(" (run `dossier rules` for the list)")
    }
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
