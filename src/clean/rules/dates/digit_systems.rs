//! D003–D005: one digit system per number, and the house's digits. One
//! pass: a number gets at most one of the three rewrites.

use crate::clean::context::LineLanguages;
use crate::clean::rules::prelude::*;

rule! {
    /// One number is written in one digit system.
    ///
    /// `2٠22` mixes Western and Arabic-Indic digits inside one number, which
    /// happens when text is typed with two keyboards. The number is rewritten
    /// in the system the paragraph mostly uses.
    ///
    /// Before: `عام 2٠22`
    /// After:  `عام 2022`
    pub static MIXED_DIGITS = ("D003", "mixed-digits", Safe, may_edit = [Number]);
}

rule! {
    /// Persian digits in Arabic text become Arabic-Indic digits.
    ///
    /// The Extended Arabic-Indic digits (U+06F0–U+06F9, ۴۵۶) are the Persian
    /// and Urdu forms; in Arabic text the Arabic-Indic digits (U+0660–U+0669,
    /// ٤٥٦) are meant. A Persian or Urdu line (by its letters and words, or
    /// the document's language; see C003) keeps them.
    ///
    /// Context decides, from the nearest letters on the number's line: a
    /// number with a Latin letter beside it (`Persian digits: ۱۲۳`, or a
    /// sample tagged `[۰۱۲۳۴۵۶۷۸۹]{lang=fa}` in a document about them) is
    /// not in Arabic text and keeps its digits. A number with no letter
    /// around it on its line goes by the paragraph.
    ///
    /// Before: `في عام ۲۰۲۲`
    /// After:  `في عام ٢٠٢٢`
    pub static EASTERN_DIGITS = ("D004", "eastern-digits", Safe, may_edit = [Number], arabic_only = true);
}

rule! {
    /// All numbers use the digit system the house style asks for.
    ///
    /// With `digits = "western"` in `[clean]`, every number is written with
    /// 0–9; with `digits = "arabic-indic"`, numbers in Arabic paragraphs are
    /// written with ٠–٩ (English, Persian and Urdu paragraphs keep theirs). The default, `keep`,
    /// switches this rule off. Separators are not changed.
    pub static DIGIT_SYSTEM = ("D005", "digit-system", Safe, may_edit = [Number]);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let f = &para.features;
    let s = ctx.settings;
    let text = para.text;

    if f.non_western_digits || s.digits != DigitsPolicy::Keep {
        let majority = majority_system(text);
        // Each line's language is worked out once, however many numbers it holds.
        let mut languages = LineLanguages::new(text);
        for p in para.numbers() {
            let number = &text[p.range.clone()];
            let systems: Vec<DigitSystem> = number.chars().filter_map(digit_value).map(|(sys, _)| sys).collect();
            // Only Eastern digits, and the Arabic-Indic house style, ask
            // whether the number's line is Persian or Urdu, which keep them.
            let asks = systems.contains(&DigitSystem::Eastern) || s.digits == DigitsPolicy::ArabicIndic;
            let persian = asks && languages.at(ctx, p.range.start).is_other_arabic_script();
            let first = systems[0];
            let mixed = systems.iter().any(|&x| x != first);
            let (target, rule, why) = match s.digits {
                DigitsPolicy::Western if s.enabled(&DIGIT_SYSTEM) => (DigitSystem::Western, &DIGIT_SYSTEM, "house style is Western digits"),
                DigitsPolicy::ArabicIndic if f.is_arabic() && !persian && s.enabled(&DIGIT_SYSTEM) => {
                    (DigitSystem::ArabicIndic, &DIGIT_SYSTEM, "house style is Arabic-Indic digits")
                }
                _ if mixed => {
                    let target = if majority == DigitSystem::Eastern && !persian { DigitSystem::ArabicIndic } else { majority };
                    (target, &MIXED_DIGITS, "one number mixes digit systems")
                }
                _ if first == DigitSystem::Eastern && !persian && in_arabic(para, &p.range) => {
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
}

/// The number at `range` stands in Arabic text: Arabic letters nearest it
/// on its line (see [`is_arabic_context`]), or none there and an Arabic
/// paragraph around it.
fn in_arabic(para: &Paragraph, range: &std::ops::Range<usize>) -> bool {
    match (strong_before(para.text, range.start), strong_after(para.text, range.end)) {
        (None, None) => para.features.arabic > 0,
        _ => is_arabic_context(para.text, range.start, range.end),
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

pass!(check, [MIXED_DIGITS, EASTERN_DIGITS, DIGIT_SYSTEM], when DIGITS | NON_WESTERN_DIGITS);
