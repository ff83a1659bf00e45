//! The rules' vocabulary: what a rule is (its code, name, fix availability
//! and explanation), sets of rules, and what a rule file declares with
//! [`rule!`] and [`pass!`]. The list of rules is [`super::registry`]'s:
//! rule files import this module (through their prelude), never the list.
//!
//! Each rule is declared next to its code with [`rule!`], which keeps the doc
//! comment as the rule's explanation: the text `cargo doc` shows is the text
//! `dossier explain CODE` prints.

use std::fmt;

use serde::{Serialize, Serializer};

use super::context::DocContext;
use super::diagnostic::{Diagnostic, Findings};
use super::layout::Layout;
use super::paragraph::Paragraph;
use super::protect::Protection;
use super::settings::Settings;
use crate::text::features::Triggers;

/// A stable rule code: a family letter and three digits (`Q001`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleCode(pub &'static str);

impl RuleCode {
    pub fn as_str(self) -> &'static str {
        self.0
    }
    pub fn family(self) -> char {
        self.0.chars().next().unwrap_or('?')
    }
}

impl From<&Rule> for RuleCode {
    fn from(rule: &Rule) -> RuleCode {
        rule.code
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
        $vis static $id: $crate::clean::rule::Rule = $crate::clean::rule::Rule {
            code: $crate::clean::rule::RuleCode($code),
            name: $name,
            fix: $crate::clean::rule::FixAvailability::$fix,
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
        pub static PASS: $crate::clean::rule::Pass = $crate::clean::rule::Pass {
            rules: &[$(&$rule),+],
            check: $crate::clean::rule::Check::Paragraph(check),
            module: module_path!(),
            when: $crate::text::features::Triggers::ANY,
        };
    };
    (check, [$($rule:ident),+ $(,)?], when $($trigger:ident)|+) => {
        pub static PASS: $crate::clean::rule::Pass = $crate::clean::rule::Pass {
            rules: &[$(&$rule),+],
            check: $crate::clean::rule::Check::Paragraph(check),
            module: module_path!(),
            when: $crate::text::features::Triggers::NONE$(.or($crate::text::features::Triggers::$trigger))+,
        };
    };
    (document check, [$($rule:ident),+ $(,)?]) => {
        pub static PASS: $crate::clean::rule::Pass = $crate::clean::rule::Pass {
            rules: &[$(&$rule),+],
            check: $crate::clean::rule::Check::Document(check),
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
        self.rules.iter().any(|r| settings.enabled(*r))
    }
}

/// A paragraph check, with its pass and whether any of its rules is exclusive.
pub type ParagraphPass = (&'static Pass, fn(&Paragraph, &DocContext, &mut Vec<Diagnostic>), bool);

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

/// The family letters, in `dossier rules` order.
pub(crate) const FAMILIES: &[u8] = b"QSPDBCM";

#[inline]
pub(crate) fn slot(code: RuleCode) -> Option<usize> {
    let b = code.0.as_bytes();
    let first = *b.first()?;
    let family = FAMILIES.iter().position(|&f| f == first)?;
    let digits = b.get(1..4).filter(|d| b.len() == 4 && d.iter().all(u8::is_ascii_digit))?;
    let number = digits.iter().fold(0, |n, d| n * 10 + usize::from(d - b'0'));
    Some(family * 1000 + number)
}
