//! C — letters in the wrong encoding: presentation forms, decorative tatweel,
//! Persian lookalikes, decomposed hamza and madda.

pub mod decomposed_letters;
pub mod decorative_tatweel;
pub mod persian_letters;
pub mod presentation_forms;

#[cfg(test)]
mod characters_tests {
    use crate::clean::rules::testing::{codes, fixed, fixed_unsafe};

    #[test]
    fn characters() {
        assert_eq!(fixed("ﺍﻟﻌﺮﺑﻴﺔ"), "العربية");
        assert_eq!(fixed("ﷺ"), "ﷺ");
        assert_eq!(fixed("کازاخستان فیلم"), "كازاخستان فيلم");
        assert_eq!(fixed("علی"), "علی");
        assert_eq!(codes("علی"), vec!["C003"]);
        assert_eq!(fixed_unsafe("علی"), "على");
        assert_eq!(fixed("پارسی کتاب"), "پارسی کتاب");
        assert_eq!(fixed("ا\u{0654}حمد"), "أحمد");
        // Diacritics keep their typed order: shadda then fatha stays.
        assert_eq!(fixed("شدَّة"), "شدَّة");
    }
}

#[cfg(test)]
mod tatweel_tests {
    use crate::clean::rules::testing::{codes, fixed, fixed_unsafe};

    #[test]
    fn tatweel() {
        assert_eq!(fixed("الــعــربية"), "العربية");
        assert_eq!(fixed("لـ«الحل نت» وبـ2022 ولـGoogle"), "لـ«الحل نت» وبـ2022 ولـGoogle");
        assert_eq!(fixed("لــ«الحل نت»"), "لـ«الحل نت»");
        assert_eq!(fixed("عام 1443 هـ"), "عام 1443 هـ");
        assert_eq!(fixed("الاول ــ اثناء"), "الاول – اثناء");
    }

    /// A tatweel glued to a word's edge, a space on its other side, is a
    /// dash: never deleted, reported by S007 with an unsafe spaced dash.
    #[test]
    fn tatweel_at_a_word_edge_is_a_dash() {
        let text = "الصوف ـأو تغطية الأسطحـ عاد";
        assert_eq!(fixed(text), text);
        assert_eq!(codes(text), vec!["S007"]);
        assert_eq!(fixed_unsafe(text), "الصوف – أو تغطية الأسطح – عاد");
        assert_eq!(fixed_unsafe("السنين ـ11 بالمئة"), "السنين – 11 بالمئة");
        for form in ["شكل ـهـ ثم", "حرف ـه ثم"] {
            assert_eq!(fixed_unsafe(form), form);
        }
    }

    /// In a vocalized word a tatweel is the writer's device, left as typed.
    #[test]
    fn vocalized_words_keep_their_tatweel() {
        let text = "لفظ منحوت من خَلِّــيّ نَـشَادُرِيِّ الـجَــاوُول";
        assert_eq!(fixed(text), text);
        assert!(codes(text).is_empty());
        assert_eq!(fixed("شكـــراً جداً"), "شكراً جداً");
    }
}
