//! D002 and D008: a month written in both calendars' names. One pass:
//! a pair is either out of order or mismatched.

use crate::clean::rules::prelude::*;
use crate::text::months::{pair_at, Calendar};

rule! {
    /// A month pair is written in the house order.
    ///
    /// Arabic press names a month in both the Levantine (Syriac) and the
    /// Gregorian calendar: `كانون الثاني/يناير`. A dossier uses one order: by
    /// default Levantine first (AFP's style); `month-pairs` in `[clean]` can
    /// ask for `gregorian-first` or `keep`. The pair is rewritten in that
    /// order, with no spaces around the slash.
    ///
    /// Before: `في 5 يناير/كانون الثاني الجاري`
    /// After:  `في 5 كانون الثاني/يناير الجاري`
    pub static MONTH_PAIR_ORDER = ("D002", "month-pair-order", Safe, may_edit = [Number], arabic_only = true);
}

rule! {
    /// A month pair names two different months.
    ///
    /// `يناير/شباط` pairs January with February: one of them is wrong, and
    /// only a person reading the article can tell which. Reported, not fixed.
    pub static MONTH_PAIR_MISMATCH = ("D008", "month-pair-mismatch", None, may_edit = [Number], arabic_only = true);
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    if para.features.arabic == 0 || !(s.enabled(&MONTH_PAIR_ORDER) || s.enabled(&MONTH_PAIR_MISMATCH)) {
        return;
    }
    let text = para.text;
    for slash in memchr::memchr_iter(b'/', text.as_bytes()) {
        let Some(p) = pair_at(text, slash) else {
            continue;
        };
        if para.is_untouchable(slash) {
            continue;
        }
        let (first, second) = (&text[p.first.0.clone()], &text[p.second.0.clone()]);
        if p.first.1 != p.second.1 {
            out.push(Diagnostic::report(
                MONTH_PAIR_MISMATCH.code,
                p.range.clone(),
                format!("`{first}` and `{second}` are different months; one of them is wrong"),
            ));
            continue;
        }
        let wanted_first = match s.month_pairs {
            MonthOrder::LevantineFirst => Calendar::Levantine,
            MonthOrder::GregorianFirst => Calendar::Gregorian,
            MonthOrder::Keep => continue,
        };
        if p.first.2 != wanted_first {
            let order = if wanted_first == Calendar::Levantine { "Levantine name first" } else { "Gregorian name first" };
            out.push(Diagnostic::fixable(
                MONTH_PAIR_ORDER.code,
                p.range.clone(),
                format!("month pair `{first}/{second}`: house style is {order}"),
                vec![Edit::replace(p.range.clone(), format!("{second}/{first}"))],
            ));
        }
    }
}

pass!(check, [MONTH_PAIR_ORDER, MONTH_PAIR_MISMATCH], when SLASH);
