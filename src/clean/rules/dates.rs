//! D — fused dates: `512022` is 5/1/2022 with its slashes lost.

use crate::clean::chars::{digit_value, is_inline_space};
use crate::clean::context::DocContext;
use crate::clean::diagnostic::{Diagnostic, Edit, Fix};
use crate::clean::paragraph::Paragraph;
use crate::clean::protect::Protection;
use crate::clean::registry::rule;

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
    /// - A quantity is not a date: a run followed by a unit or currency
    ///   (دولار، برميل، كلم، شخص، ألف، مليون، مليار، %) is left alone.
    /// - The day must exist in that month (`3122022` cannot be 31/2).
    ///
    /// Before: `في 512022، وكما صاعقة`
    /// After:  `في 5/1/2022، وكما صاعقة`
    pub static FUSED_DATE = ("D001", "fused-date", Sometimes);
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

fn is_quantity(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(is_inline_space);
    UNITS.iter().any(|u| rest.starts_with(u) && !rest[u.len()..].chars().next().is_some_and(char::is_alphabetic))
}

fn days_in_month(month: u32, year: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A way to read a fused run: slashes go after `day_len` and after
/// `day_len + month_len` digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub day_len: usize,
    pub day: u32,
    pub month: u32,
    pub year: u32,
    leading_zero: bool,
}

/// The valid readings of a digit run as a fused date, best first; more than
/// one left means ambiguous.
pub fn readings(digits: &[u8]) -> Vec<Split> {
    let n = digits.len();
    if !(5..=8).contains(&n) {
        return Vec::new();
    }
    let num = |s: &[u8]| s.iter().fold(0u32, |acc, &d| acc * 10 + d as u32);
    let year = num(&digits[n - 4..]);
    if !(1900..=2099).contains(&year) {
        return Vec::new();
    }
    let rest = &digits[..n - 4];
    let mut out: Vec<Split> = (1..rest.len())
        .filter_map(|day_len| {
            let (d, m) = rest.split_at(day_len);
            if d.len() > 2 || m.len() > 2 {
                return None;
            }
            let (day, month) = (num(d), num(m));
            let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(month, year);
            let leading_zero = (d.len() == 2 && d[0] == 0) || (m.len() == 2 && m[0] == 0);
            valid.then_some(Split { day_len, day, month, year, leading_zero })
        })
        .collect();
    if out.iter().any(|s| !s.leading_zero) {
        out.retain(|s| !s.leading_zero);
    }
    out
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if !(para.features.digits || para.features.non_western_digits) || !ctx.settings.enabled(&FUSED_DATE) {
        return;
    }
    let text = para.text;
    for p in para.protected.iter().filter(|p| p.kind == Protection::Number) {
        let run = &text[p.range.clone()];
        let digits: Option<Vec<u8>> = run.chars().map(|c| digit_value(c).map(|(_, v)| v)).collect();
        let Some(digits) = digits else { continue };
        let splits = readings(&digits);
        if splits.is_empty() || is_quantity(text, p.range.end) {
            continue;
        }
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
            out.push(Diagnostic::fixable(
                FUSED_DATE.code,
                p.range.clone(),
                format!("`{run}` reads as the date {written} with its slashes lost"),
                edit(only),
            ));
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

#[cfg(test)]
mod tests {
    use super::readings;
    use crate::clean::rules::testing::{codes, fixed, fixed_unsafe};

    fn read(s: &str) -> Vec<(u32, u32, u32)> {
        let d: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        readings(&d).iter().map(|s| (s.day, s.month, s.year)).collect()
    }

    #[test]
    fn splits() {
        assert_eq!(read("512022"), vec![(5, 1, 2022)]);
        assert_eq!(read("1012022"), vec![(10, 1, 2022)]);
        assert_eq!(read("1112022"), vec![(1, 11, 2022), (11, 1, 2022)]);
        // 31/2 does not exist, 3/12 does.
        assert_eq!(read("3122022"), vec![(3, 12, 2022)]);
        assert_eq!(read("3022022"), vec![(3, 2, 2022)]);
        assert_eq!(read("3322022"), vec![]);
        assert_eq!(read("12022"), vec![]);
        assert_eq!(read("1500000"), vec![]);
        assert_eq!(read("25122022"), vec![(25, 12, 2022)]);
    }

    #[test]
    fn fused_dates() {
        assert_eq!(fixed("وفي 512022، وكما"), "وفي 5/1/2022، وكما");
        assert_eq!(fixed("أي في 1012022 لخص"), "أي في 10/1/2022 لخص");
        assert_eq!(fixed("دفع 1012022 دولار"), "دفع 1012022 دولار");
        // Ambiguous with no evidence: reported only.
        assert_eq!(fixed("في 1112022 حدث"), "في 1112022 حدث");
        assert_eq!(codes("في 1112022 حدث"), vec!["D001"]);
        assert_eq!(fixed_unsafe("في 1112022 حدث"), "في 1112022 حدث");
        // Evidence from the document's January dates: unsafe fix.
        let doc = "بدأت في 5/1/2022 الأحداث.\nوفي 1112022 انتهت.";
        assert_eq!(fixed(doc), doc);
        assert_eq!(fixed_unsafe(doc), "بدأت في 5/1/2022 الأحداث.\nوفي 11/1/2022 انتهت.");
    }
}
