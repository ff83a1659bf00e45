//! D — dates and numbers: fused dates, month pairs, digit systems, grouping,
//! the percent sign.

pub mod digit_systems;
pub mod fused_date;
pub mod grouping;
pub mod month_pairs;
pub mod percent_sign;

#[cfg(test)]
mod dates_tests {
    use crate::clean::rules::testing::{codes, fixed, fixed_unsafe};
    use crate::text::dates::readings;

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

#[cfg(test)]
mod months_tests {
    use crate::clean::rules::testing::{codes, fix_with, fixed};
    use crate::clean::settings::{CleanConfig, MonthOrder};

    #[test]
    fn order() {
        assert_eq!(fixed("في 5 يناير/كانون الثاني الجاري"), "في 5 كانون الثاني/يناير الجاري");
        assert_eq!(fixed("في كانون الثاني/ يناير 2022"), "في كانون الثاني/يناير 2022");
        assert_eq!(fixed("في 4 مارس/آذار 1962"), "في 4 آذار/مارس 1962");
        let greg = CleanConfig { month_pairs: MonthOrder::GregorianFirst, ..Default::default() };
        assert_eq!(fix_with("في كانون الثاني/يناير", &greg), "في يناير/كانون الثاني");
        assert_eq!(codes("في يناير/شباط"), vec!["D008"]);
    }
}

#[cfg(test)]
mod digits_tests {
    use crate::clean::rules::testing::{codes, fix_with, fixed};
    use crate::clean::settings::{CleanConfig, DigitsPolicy};
    use crate::text::numbers::Grouping;

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
