//! The rule book: every rule's code, name, fix availability and explanation.
//!
//! Each rule is declared next to its code with [`rule!`], which keeps the doc
//! comment as the rule's explanation: the text `cargo doc` shows is the text
//! `dossier explain CODE` prints.

use std::fmt;

use serde::{Serialize, Serializer};

use super::rules;

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

/// A rule's metadata. The logic lives in its family's module.
#[derive(Debug)]
pub struct Rule {
    pub code: RuleCode,
    pub name: &'static str,
    pub fix: FixAvailability,
    /// The doc comment, verbatim (each line keeps rustdoc's leading space).
    pub doc: &'static str,
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

    pub fn family_name(&self) -> &'static str {
        family_name(self.code.family())
    }
}

pub fn family_name(letter: char) -> &'static str {
    match letter {
        'Q' => "quotation marks",
        'S' => "spacing",
        'P' => "punctuation",
        'D' => "dates and numbers",
        'B' => "bidi and invisible characters",
        'C' => "characters",
        _ => "other",
    }
}

/// Declare a rule's metadata; its doc comment becomes its explanation.
macro_rules! rule {
    ($(#[doc = $doc:literal])* $vis:vis static $id:ident = ($code:literal, $name:literal, $fix:ident);) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::clean::registry::Rule = $crate::clean::registry::Rule {
            code: $crate::clean::registry::RuleCode($code),
            name: $name,
            fix: $crate::clean::registry::FixAvailability::$fix,
            doc: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use rule;

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &rules::quotes::CURLY_QUOTES,
    &rules::quotes::STRAIGHT_QUOTES,
    &rules::quotes::UNPAIRED_QUOTES,
    &rules::spacing::SPACE_RUNS,
    &rules::spacing::SPACE_AFTER_PUNCTUATION,
    &rules::spacing::SPACE_BEFORE_PUNCTUATION,
    &rules::spacing::SPACE_INSIDE_BRACKETS,
    &rules::dashes::DASH_SPACING,
    &rules::dashes::HYPHEN_AS_DASH,
    &rules::dashes::TATWEEL_AS_DASH,
    &rules::spacing::SLASH_SPACING,
    &rules::spacing::GLUED_DATE,
    &rules::spacing::GLUED_SCRIPTS,
    &rules::line_ends::LINE_ENDINGS,
    &rules::line_ends::TRAILING_WHITESPACE,
    &rules::line_ends::BLANK_LINES,
    &rules::line_ends::FINAL_NEWLINE,
    &rules::line_ends::LEADING_BOM,
    &rules::punctuation::LATIN_PUNCTUATION,
    &rules::punctuation::DOUBLED_TERMINAL,
    &rules::punctuation::DOUBLED_COMMA,
    &rules::dates::FUSED_DATE,
    &rules::months::MONTH_PAIR_ORDER,
    &rules::months::MONTH_PAIR_MISMATCH,
    &rules::digits::MIXED_DIGITS,
    &rules::digits::EASTERN_DIGITS,
    &rules::digits::DIGIT_SYSTEM,
    &rules::digits::MIXED_GROUPING,
    &rules::digits::AMBIGUOUS_GROUPING,
    &rules::bidi::STRAY_BIDI_CONTROLS,
    &rules::bidi::PARAGRAPH_DIRECTION,
    &rules::visual_order::VISUAL_ORDER,
    &rules::invisible::INVISIBLE_CHARACTERS,
    &rules::invisible::REPLACEMENT_CHARACTER,
    &rules::characters::PRESENTATION_FORMS,
    &rules::tatweel::DECORATIVE_TATWEEL,
    &rules::characters::PERSIAN_LETTERS,
    &rules::characters::DECOMPOSED_LETTERS,
];

/// The rule with this code (case-insensitive).
pub fn lookup(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.0.eq_ignore_ascii_case(code) || r.name.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_well_formed_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code.0), "duplicate code {}", r.code);
            assert!(seen.insert(r.name), "duplicate name {}", r.name);
            let c = r.code.0.as_bytes();
            assert!(c.len() == 4 && b"QSPDBC".contains(&c[0]) && c[1..].iter().all(u8::is_ascii_digit), "{}", r.code);
            assert!(r.explanation().lines().count() >= 3, "{} needs a real explanation", r.code);
            assert!(r.summary().ends_with('.'), "{}: summary should be a sentence", r.code);
        }
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(lookup("q001").unwrap().code, RuleCode("Q001"));
        assert_eq!(lookup("curly-quotes").unwrap().code, RuleCode("Q001"));
        assert!(lookup("Z999").is_none());
    }
}
