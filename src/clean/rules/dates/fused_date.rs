//! D001: a date with its slashes lost (`512022` is 5/1/2022).

use crate::clean::rules::prelude::*;
use crate::text::dates::{readings, Split};

rule! {
    /// A run of digits that is a date with its slashes lost gets them back.
    ///
    /// Web copy often loses the slashes of a date: `512022` is 5/1/2022. A
    /// run of 5–8 digits whose last four are a year (1900–2099) and whose
    /// rest splits into a valid day and month is a fused date, written back
    /// as `day/month/year` with the digits as typed.
    ///
    /// - A split that needs a leading zero loses to one that does not:
    ///   `1012022` is 10/1/2022, not 1/01/2022.
    /// - Two valid splits (`1112022`: 1/11 or 11/1) are ambiguous. The
    ///   document's own dates decide (an article whose other dates are
    ///   January 2022 makes it 11/1/2022), and the fix is then unsafe; with
    ///   no evidence it is reported only.
    /// - A date needs positive evidence: a date word just before it (`في`,
    ///   `بتاريخ`, `يوم`, `منذ`, `حتى`, a weekday), or the document's own
    ///   dates naming that month and year. Without it the run is reported,
    ///   not fixed.
    /// - Never a date: a run with a leading zero, after `رقم` or `هاتف` (an
    ///   identifier), or followed by a unit, a currency or a counted noun
    ///   (`دولار`, `برميل`, `%`, `صوتا`, `مقعدا`, `طالبا`): left alone. A
    ///   word ending in alef that is no noun (`هذا`, `كما`) counts nothing;
    ///   after explicit date words (`بتاريخ`, `يوم`, a weekday) an
    ///   accusative noun is only a doubt, and the run is reported.
    /// - The day must exist in that month (`3122022` cannot be 31/2).
    ///
    /// Before: `في 512022، وكما صاعقة`
    /// After:  `في 5/1/2022، وكما صاعقة`
    pub static FUSED_DATE = ("D001", "fused-date", Sometimes, may_edit = [Number], arabic_only = true);
}

/// Words after a number that make it a quantity, not a date.
const UNITS: &[&str] = &[
    "دولار",
    "دولارا",
    "دولاراً",
    "يورو",
    "روبل",
    "جنيه",
    "ريال",
    "درهم",
    "دينار",
    "ليرة",
    "برميل",
    "كلم",
    "كم",
    "كيلومتر",
    "متر",
    "طن",
    "شخص",
    "شخصا",
    "شخصاً",
    "نسمة",
    "ألف",
    "الف",
    "مليون",
    "مليار",
    "%",
    "٪",
    "$",
    "€",
    "km",
    "kg",
    "dollars",
    "USD",
    "EUR",
    "people",
];

/// Counted nouns that take no accusative alef after a number.
const COUNTED: &[&str] = &["زائر", "سهم", "صوت", "مقعد", "طالب", "مواطن", "نسخة", "عضو"];

/// Words just before a number that make it a date.
const DATE_CONTEXT: &[&str] = &[
    "في",
    "بتاريخ",
    "تاريخ",
    "يوم",
    "منذ",
    "حتى",
    "الأحد",
    "الاحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الاربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
];

/// Words just before a number that make it an identifier.
const IDENTIFIER_CONTEXT: &[&str] = &["رقم", "الرقم", "برقم", "هاتف", "الهاتف", "بالرقم", "رقمه", "رقمها"];

/// Words ending in alef that are not nouns, so not a counted noun's
/// accusative (`صدر بتاريخ 17032021 هذا القرار`).
const NOT_NOUNS: &[&str] = &[
    "هذا",
    "وهذا",
    "كما",
    "وكما",
    "إذا",
    "اذا",
    "لذا",
    "بينما",
    "عندما",
    "مما",
    "لما",
    "حينما",
    "أيضا",
    "ايضا",
    "ربما",
    "إنما",
    "انما",
    "كلما",
    "بعدما",
    "أما",
    "اما",
    "فيما",
    "طالما",
    "حيثما",
];

/// Date words before a run that outweigh a guess from the word after it:
/// they name a date outright, where `في` or `منذ` may also count.
const EXPLICIT_DATE_CONTEXT: &[&str] =
    &["بتاريخ", "تاريخ", "يوم", "الأحد", "الاحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "السبت"];

/// What the word after a run says about it.
#[derive(PartialEq)]
enum After {
    /// Nothing: it may be a date.
    Nothing,
    /// A unit, a currency or a listed counted noun: a quantity.
    Quantity,
    /// A word in the indefinite accusative (`صوتا`, `مقعداً`): likely a
    /// counted noun, a guess that explicit date words before the run outweigh.
    Accusative,
}

fn after(text: &str, end: usize) -> After {
    let rest = text[end..].trim_start_matches(is_inline_space);
    if UNITS.iter().any(|u| rest.starts_with(u) && !rest[u.len()..].chars().next().is_some_and(char::is_alphabetic)) {
        return After::Quantity;
    }
    let word: String = rest.chars().take_while(|&c| is_arabic_letter(c) || is_arabic_mark(c)).collect();
    let bare = word.trim_end_matches(is_arabic_mark);
    if COUNTED.contains(&bare) {
        After::Quantity
    } else if bare.chars().count() >= 3 && bare.ends_with('ا') && !bare.starts_with("ال") && !NOT_NOUNS.contains(&bare) {
        After::Accusative
    } else {
        After::Nothing
    }
}

/// The Arabic word just before byte `start`, without a و or ف prefix.
fn word_before(text: &str, start: usize) -> &str {
    let head = text[..start].trim_end_matches(is_inline_space);
    let word = &head[head.trim_end_matches(|c| is_arabic_letter(c) || is_arabic_mark(c)).len()..];
    match word.strip_prefix(['و', 'ف']) {
        Some(rest) if DATE_CONTEXT.contains(&rest) || IDENTIFIER_CONTEXT.contains(&rest) => rest,
        _ => word,
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if !ctx.settings.enabled(&FUSED_DATE) {
        return;
    }
    let text = para.text;
    for p in para.numbers() {
        let run = &text[p.range.clone()];
        // Only a run of five to eight digits (of one or two bytes each) can
        // be a fused date.
        if !(5..=8 * 2).contains(&run.len()) {
            continue;
        }
        let digits: Option<Vec<u8>> = run.chars().map(|c| digit_value(c).map(|(_, v)| v)).collect();
        let Some(digits) = digits else { continue };
        let splits = readings(&digits);
        let before = word_before(text, p.range.start);
        let explicit = EXPLICIT_DATE_CONTEXT.contains(&before);
        let after = after(text, p.range.end);
        if splits.is_empty()
            || digits[0] == 0
            || IDENTIFIER_CONTEXT.contains(&before)
            || after == After::Quantity
            || (after == After::Accusative && !explicit)
        {
            continue;
        }
        // Explicit date words, then what may be a counted noun: a person
        // decides (`صدر بتاريخ 17032021 بيانا`).
        let date_context = DATE_CONTEXT.contains(&before) && after == After::Nothing;
        let with_slashes = |s: &Split| {
            let mut chars = run.chars();
            let day: String = chars.by_ref().take(s.day_len).collect();
            let month_len = digits.len() - 4 - s.day_len;
            let month: String = chars.by_ref().take(month_len).collect();
            let year: String = chars.collect();
            format!("{day}/{month}/{year}")
        };
        let edit = |s: &Split| vec![Edit::replace(p.range.clone(), with_slashes(s))];
        if let [only] = splits.as_slice() {
            let written = with_slashes(only);
            if date_context || ctx.date_evidence().has_written(only.month, only.year) {
                out.push(Diagnostic::fixable(
                    FUSED_DATE.code,
                    p.range.clone(),
                    format!("`{run}` reads as the date {written} with its slashes lost"),
                    edit(only),
                ));
            } else {
                let doubt = if after == After::Accusative {
                    "date words before it, but the word after it may be what it counts"
                } else {
                    "nothing around it says it is a date"
                };
                out.push(Diagnostic::report(
                    FUSED_DATE.code,
                    p.range.clone(),
                    format!("`{run}` may be the date {written} with its slashes lost; {doubt}"),
                ));
            }
            continue;
        }
        let options: Vec<String> = splits.iter().map(with_slashes).collect();
        let evidence = ctx.date_evidence();
        let supported: Vec<&Split> = splits.iter().filter(|s| evidence.has(s.month, s.year)).collect();
        let d = Diagnostic::report(
            FUSED_DATE.code,
            p.range.clone(),
            format!("`{run}` may be a date with its slashes lost, but it reads as {}", options.join(" or ")),
        );
        match supported.as_slice() {
            [best] => {
                let written = with_slashes(best);
                let d = Diagnostic { message: format!("{}; the document's other dates suggest {written}", d.message).into(), ..d };
                out.push(d.with_fix(Fix::unsafe_(edit(best))));
            }
            _ => out.push(Diagnostic { message: format!("{}; nothing in the document decides", d.message).into(), ..d }),
        }
    }
}

pass!(check, [FUSED_DATE], when DIGITS | NON_WESTERN_DIGITS);
