//! Q — quotation marks: pairing per paragraph, then the house style.

pub mod quote_pairs;

#[cfg(test)]
mod quotes_tests {
    use crate::clean::rules::testing::{codes, fix_with, fixed};
    use crate::clean::settings::{CleanConfig, QuoteStyle};

    #[test]
    fn closing_marks_used_as_openers() {
        assert_eq!(fixed("أن لـ”الحل نت” أن"), "أن لـ«الحل نت» أن");
        assert_eq!(fixed("وسائل “الإعلام الحر” و”الشخصيات الأجنبية” بالتواطؤ"), "وسائل «الإعلام الحر» و«الشخصيات الأجنبية» بالتواطؤ");
        assert_eq!(fixed("وبـ”فرادة” كازاخستان"), "وبـ«فرادة» كازاخستان");
        assert_eq!(fixed("فرقة “السلطان مراد” المدعومة"), "فرقة «السلطان مراد» المدعومة");
    }

    #[test]
    fn straight_and_nested() {
        assert_eq!(fixed("قال \"نعم\" ثم"), "قال «نعم» ثم");
        assert_eq!(fixed("«قال “لا” ثم»"), "«قال “لا” ثم»");
        assert_eq!(fixed("“قال “لا” ثم”"), "«قال “لا” ثم»");
        assert_eq!(fixed("إن “4 طائرات عسكرية” أقلعت"), "إن «4 طائرات عسكرية» أقلعت");
    }

    #[test]
    fn latin_keeps_its_marks() {
        assert_eq!(fixed("Kazakhstan’s Street Battles"), "Kazakhstan’s Street Battles");
        assert_eq!(fixed("كتب “The Times” أمس"), "كتب “The Times” أمس");
        assert_eq!(fixed("He said \"yes\" then"), "He said \"yes\" then");
    }

    #[test]
    fn unpaired_is_reported_not_fixed() {
        assert_eq!(fixed("قال “نعم ثم مضى."), "قال “نعم ثم مضى.");
        assert_eq!(codes("قال “نعم ثم مضى."), vec!["Q003"]);
        assert_eq!(codes("قال نعم” ثم"), vec!["Q003"]);
    }

    #[test]
    fn styles() {
        let curly = CleanConfig { quotes: QuoteStyle::Curly, ..Default::default() };
        assert_eq!(fix_with("أن لـ”الحل نت” أن", &curly), "أن لـ“الحل نت” أن");
        let keep = CleanConfig { quotes: QuoteStyle::Keep, ..Default::default() };
        assert_eq!(fix_with("أن لـ”الحل نت” أن", &keep), "أن لـ”الحل نت” أن");
    }
}
