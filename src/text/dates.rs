//! Dates in digits: valid days and months, fused dates (`512022`), and
//! numbers shaped like a date.

use super::chars::is_digit;

/// Days in `month` of `year` (Gregorian).
pub fn days_in_month(month: u32, year: u32) -> u32 {
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

/// `d.m.yyyy` or `d/m/yyyy` (one separator kind, a four-digit year last).
pub fn looks_like_date(number: &str) -> bool {
    let sep = if number.contains('/') { '/' } else { '.' };
    let parts: Vec<&str> = number.split(sep).collect();
    parts.len() == 3
        && parts[0].chars().count() <= 2
        && parts[1].chars().count() <= 2
        && parts[2].chars().count() == 4
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(is_digit))
}
