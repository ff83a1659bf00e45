//! D — digit systems and thousands grouping.

use crate::clean::chars::{digit_value, DigitSystem};
use crate::clean::context::DocContext;
use crate::clean::diagnostic::{Diagnostic, Edit};
use crate::clean::paragraph::Paragraph;
use crate::clean::protect::Protection;
use crate::clean::registry::rule;
use crate::clean::settings::DigitsPolicy;

rule! {
    /// One number is written in one digit system.
    ///
    /// `2٠22` mixes Western and Arabic-Indic digits inside one number, which
    /// happens when text is typed with two keyboards. The number is rewritten
    /// in the system the paragraph mostly uses.
    ///
    /// Before: `عام 2٠22`
    /// After:  `عام 2022`
    pub static MIXED_DIGITS = ("D003", "mixed-digits", Safe);
}

rule! {
    /// Persian digits in Arabic text become Arabic-Indic digits.
    ///
    /// The Extended Arabic-Indic digits (U+06F0–U+06F9, ۴۵۶) are the Persian
    /// and Urdu forms; in Arabic text the Arabic-Indic digits (U+0660–U+0669,
    /// ٤٥٦) are meant. A Persian paragraph (one with پ چ ژ گ) keeps them.
    ///
    /// Before: `في عام ۲۰۲۲`
    /// After:  `في عام ٢٠٢٢`
    pub static EASTERN_DIGITS = ("D004", "eastern-digits", Safe);
}

rule! {
    /// All numbers use the digit system the house style asks for.
    ///
    /// With `digits = "western"` in `[clean]`, every number is written with
    /// 0–9; with `digits = "arabic-indic"`, numbers in Arabic paragraphs are
    /// written with ٠–٩ (English paragraphs keep 0–9). The default, `keep`,
    /// switches this rule off. Separators are not changed.
    pub static DIGIT_SYSTEM = ("D005", "digit-system", Safe);
}

rule! {
    /// A document groups thousands in two ways.
    ///
    /// `370,000` and `900.000` in one document: one of the styles is foreign
    /// to the house, and a reader cannot tell whether `900.000` is nine
    /// hundred or nine hundred thousand. Reported as a warning on the numbers
    /// of the less used style; numbers are never rewritten.
    pub static MIXED_GROUPING = ("D006", "mixed-grouping", None);
}

rule! {
    /// A number like `900.000` may be a decimal or a grouped thousand.
    ///
    /// A single `.` followed by exactly three digits reads as 900 in English
    /// and as 900 000 in much of the Arabic press. It is never rewritten
    /// without a person; reported as a warning. Numbers with two or more
    /// dot groups (`2.700.025`) are unambiguous.
    pub static AMBIGUOUS_GROUPING = ("D007", "ambiguous-grouping", None);
}

/// How a number groups its thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Comma,
    /// `groups`: how many `.000` groups (1 is ambiguous).
    Dot {
        groups: usize,
    },
}

impl Grouping {
    /// `370,000` → Comma; `2.700.025` → Dot{2}; `755.17`, `5/1/2022` → None.
    pub fn of(number: &str) -> Option<Grouping> {
        let sep = if number.contains(',') {
            ','
        } else if number.contains('.') {
            '.'
        } else {
            return None;
        };
        if number.contains(|c| matches!(c, ':' | '/') || (c != sep && matches!(c, ',' | '.'))) {
            return None;
        }
        let mut parts = number.split(sep);
        let head = parts.next()?.chars().count();
        let tails: Vec<usize> = parts.map(|p| p.chars().count()).collect();
        if !(1..=3).contains(&head) || tails.is_empty() || tails.iter().any(|&n| n != 3) {
            return None;
        }
        Some(if sep == ',' { Grouping::Comma } else { Grouping::Dot { groups: tails.len() } })
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let f = &para.features;
    if !(f.digits || f.non_western_digits) {
        return;
    }
    let s = ctx.settings;
    let text = para.text;
    let numbers = || para.protected.iter().filter(|p| p.kind == Protection::Number);

    if f.non_western_digits || s.digits != DigitsPolicy::Keep {
        let majority = majority_system(text);
        let persian = f.persian_only;
        for p in numbers() {
            let number = &text[p.range.clone()];
            let systems: Vec<DigitSystem> = number.chars().filter_map(digit_value).map(|(sys, _)| sys).collect();
            let first = systems[0];
            let mixed = systems.iter().any(|&x| x != first);
            let (target, rule, why) = match s.digits {
                DigitsPolicy::Western if s.enabled(&DIGIT_SYSTEM) => (DigitSystem::Western, &DIGIT_SYSTEM, "house style is Western digits"),
                DigitsPolicy::ArabicIndic if f.is_arabic() && s.enabled(&DIGIT_SYSTEM) => {
                    (DigitSystem::ArabicIndic, &DIGIT_SYSTEM, "house style is Arabic-Indic digits")
                }
                _ if mixed => {
                    let target = if majority == DigitSystem::Eastern && !persian { DigitSystem::ArabicIndic } else { majority };
                    (target, &MIXED_DIGITS, "one number mixes digit systems")
                }
                _ if first == DigitSystem::Eastern && !persian && f.arabic > 0 => {
                    (DigitSystem::ArabicIndic, &EASTERN_DIGITS, "Persian digits in Arabic text")
                }
                _ => continue,
            };
            if !s.enabled(rule) || systems.iter().all(|&x| x == target) {
                continue;
            }
            let rewritten: String = number.chars().map(|c| digit_value(c).map_or(c, |(_, v)| target.digit(v))).collect();
            out.push(Diagnostic::fixable(
                rule.code,
                p.range.clone(),
                format!("{why}: `{number}` becomes `{rewritten}` ({} digits)", target.name()),
                vec![Edit::replace(p.range.clone(), rewritten)],
            ));
        }
    }

    if !(s.enabled(&MIXED_GROUPING) || s.enabled(&AMBIGUOUS_GROUPING)) || !text.contains(['.', ',']) {
        return;
    }
    for p in numbers() {
        let number = &text[p.range.clone()];
        let Some(grouping) = Grouping::of(number) else {
            continue;
        };
        if grouping == (Grouping::Dot { groups: 1 }) && s.enabled(&AMBIGUOUS_GROUPING) {
            out.push(Diagnostic::warning(
                AMBIGUOUS_GROUPING.code,
                p.range.clone(),
                format!("`{number}` may be a decimal or a grouped thousand; write it unambiguously"),
            ));
        }
        if s.enabled(&MIXED_GROUPING) {
            let counts = ctx.grouping();
            if counts.comma > 0 && counts.dot > 0 {
                let minority_is_comma = counts.comma < counts.dot;
                if minority_is_comma == (grouping == Grouping::Comma) {
                    out.push(Diagnostic::warning(
                        MIXED_GROUPING.code,
                        p.range.clone(),
                        format!(
                            "this document groups thousands with both `,` ({}) and `.` ({}); `{number}` uses the less common one",
                            counts.comma, counts.dot
                        ),
                    ));
                }
            }
        }
    }
}

/// The digit system most digits of `text` use (ties go to Western).
fn majority_system(text: &str) -> DigitSystem {
    let mut counts = [0usize; 3];
    for (sys, _) in text.chars().filter_map(digit_value) {
        counts[sys as usize] += 1;
    }
    let systems = [DigitSystem::Western, DigitSystem::ArabicIndic, DigitSystem::Eastern];
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    systems[best]
}

#[cfg(test)]
mod tests {
    use super::Grouping;
    use crate::clean::rules::testing::{codes, fix_with, fixed};
    use crate::clean::settings::{CleanConfig, DigitsPolicy};

    #[test]
    fn systems() {
        assert_eq!(fixed("عام 2٠22 و 2023"), "عام 2022 و 2023");
        assert_eq!(fixed("عام ٢٠2٢ و ١٩٩١"), "عام ٢٠٢٢ و ١٩٩١");
        assert_eq!(fixed("في عام ۲۰۲۲"), "في عام ٢٠٢٢");
        assert_eq!(fixed("پارسی ۲۰۲۲ چه"), "پارسی ۲۰۲۲ چه");
        let western = CleanConfig { digits: DigitsPolicy::Western, ..Default::default() };
        assert_eq!(fix_with("في ٢٠٢٢", &western), "في 2022");
        let indic = CleanConfig { digits: DigitsPolicy::ArabicIndic, ..Default::default() };
        assert_eq!(fix_with("في 2022", &indic), "في ٢٠٢٢");
        assert_eq!(fix_with("In 2022", &indic), "In 2022");
    }

    #[test]
    fn grouping() {
        assert_eq!(Grouping::of("370,000"), Some(Grouping::Comma));
        assert_eq!(Grouping::of("2.700.025"), Some(Grouping::Dot { groups: 2 }));
        assert_eq!(Grouping::of("755.17"), None);
        assert_eq!(Grouping::of("7.1.2022"), None);
        assert_eq!(codes("بلغ 900.000 برميل"), vec!["D007"]);
        assert_eq!(codes("بلغ 370,000 و2.700.025 و4.500.000"), vec!["D006"]);
        assert_eq!(fixed("بلغ 900.000 برميل"), "بلغ 900.000 برميل");
    }
}
