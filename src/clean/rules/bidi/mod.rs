//! B — bidi controls, invisible characters and separators, paragraph
//! direction and visual order.

pub mod invisible_characters;
pub mod line_separators;
pub mod paragraph_direction;
pub mod replacement_character;
pub mod scrambled_latin;
pub mod stray_bidi_controls;
pub mod visual_order;

#[cfg(test)]
mod visual_order_tests {
    use crate::clean::rules::testing::fixed;
    use crate::text::visual::{form, to_logical, Form};

    #[test]
    fn forms() {
        assert_eq!(form('\u{FE8D}'), Some(Form::Isolated));
        assert_eq!(form('\u{FE8E}'), Some(Form::Final));
        assert_eq!(form('\u{FE91}'), Some(Form::Initial));
        assert_eq!(form('\u{FEFC}'), Some(Form::Final));
        assert_eq!(form('\u{FEE4}'), Some(Form::Medial));
    }

    #[test]
    fn reverses_visual_lines() {
        assert_eq!(fixed("ﺔﻴﺑﺮﻌﻟﺍ ﺔﻐﻠﻟﺍ"), "اللغة العربية");
        assert_eq!(to_logical("2022 ﻡﺎﻋ ﻲﻓ"), "في عام 2022");
        assert_eq!(to_logical("ﺔﻐﻠﻟﺍ3٠"), "3٠اللغة");
        assert_eq!(to_logical("(ﺔﻐﻠﻟﺍ)"), "(اللغة)");
    }

    #[test]
    fn logical_forms_are_only_mapped() {
        assert_eq!(fixed("ﺍﻟﻌﺮﺑﻴﺔ ﻻ"), "العربية لا");
    }
}

#[cfg(test)]
mod invisible_tests {
    use crate::clean::rules::testing::{codes, fixed};

    #[test]
    fn invisible() {
        assert_eq!(fixed("كلم\u{200B}ة\u{00AD} و\u{0007}نص"), "كلمة ونص");
        assert_eq!(fixed("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(fixed("نص � مفقود"), "نص � مفقود");
        assert_eq!(codes("نص � مفقود"), vec!["B005"]);
    }
}

#[cfg(test)]
mod bidi_tests {
    use crate::clean::rules::testing::fixed;

    #[test]
    fn controls() {
        assert_eq!(fixed("نص \u{202B}عربي"), "نص عربي");
        assert_eq!(fixed("نص \u{202B}عربي\u{202C} ثم"), "نص \u{202B}عربي\u{202C} ثم");
        assert_eq!(fixed("نص\u{200F}عربي"), "نصعربي");
        assert_eq!(fixed("كلمة \u{200F}(1)"), "كلمة \u{200F}(1)");
        assert_eq!(fixed("\u{2067}نص"), "نص");
    }

    #[test]
    fn paragraph_direction() {
        assert_eq!(fixed("CCTS منظمة الدول التركية"), "\u{200F}CCTS منظمة الدول التركية");
        assert_eq!(fixed("\u{200F}CCTS منظمة الدول التركية"), "\u{200F}CCTS منظمة الدول التركية");
        // Led by an Arabic word: right to left, never marked left to right.
        assert_eq!(fixed("كازاخستان is a big country in Asia"), "كازاخستان is a big country in Asia");
        assert_eq!(fixed("- دعم JSON export mode"), "- دعم JSON export mode");
        assert_eq!(fixed("Live Updates: Heavy Clashes"), "Live Updates: Heavy Clashes");
    }
}
