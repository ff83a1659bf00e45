//! S — spacing between words, around punctuation, dashes and slashes, and
//! at line ends.

pub mod dash_spacing;
mod dashes;
pub mod detached_waw;
pub mod glued_brackets;
pub mod glued_date;
pub mod glued_number;
pub mod glued_scripts;
pub mod hyphen_as_dash;
pub mod line_ends;
pub mod punctuation_spacing;
pub mod slash_spacing;
pub mod space_after_period;
pub mod space_inside_brackets;
pub mod space_runs;
pub mod tatweel_as_dash;

#[cfg(test)]
mod spacing_tests {
    use crate::clean::rules::testing::{codes, fixed, fixed_unsafe};

    #[test]
    fn spaces() {
        assert_eq!(fixed("تولى قيادة  القوات"), "تولى قيادة القوات");
        assert_eq!(fixed("في\u{00A0}سوريا"), "في سوريا");
        assert_eq!(fixed("a\tb"), "a\tb");
    }

    #[test]
    fn around_punctuation() {
        assert_eq!(fixed("انتهت،المهام أُنجزت"), "انتهت، المهام أُنجزت");
        assert_eq!(fixed("قال : نعم ."), "قال: نعم.");
        assert_eq!(fixed("الساعة 10:30 تماما"), "الساعة 10:30 تماما");
        assert_eq!(fixed("مرورا بتركيا.. طائرة"), "مرورا بتركيا.. طائرة");
        assert_eq!(fixed("Note : this"), "Note : this");
        assert_eq!(fixed("قال:نعم"), "قال: نعم");
    }

    #[test]
    fn long_runs_settle() {
        // Deleting a space once brought the next mark into a context window.
        assert_eq!(fixed(&format!("قال{} ثم", " !".repeat(300))), format!("قال{} ثم", "!".repeat(300)));
        assert_eq!(fixed(&format!("قال{} ثم", " ;".repeat(300))), format!("قال{} ثم", "؛".repeat(300)));
    }

    #[test]
    fn brackets() {
        assert_eq!(fixed("( نص ) و« نص »"), "(نص) و«نص»");
        assert_eq!(fixed("قوسان ( ) فارغان"), "قوسان ( ) فارغان");
    }

    #[test]
    fn slashes() {
        assert_eq!(fixed("كانون الأول/ ديسمبر 1991"), "كانون الأول/ديسمبر 1991");
        assert_eq!(fixed("الأمن القومي – KNB / جهاز المخابرات"), "الأمن القومي – KNB / جهاز المخابرات");
        assert_eq!(fixed("انظر https://bit.ly/ abc"), "انظر https://bit.ly/ abc");
    }

    #[test]
    fn glued() {
        assert_eq!(fixed("Higgins. 7.1.2022In Kazakhstan’s"), "Higgins. 7.1.2022 In Kazakhstan’s");
        assert_eq!(fixed("عبرGoogle"), "عبر Google");
        assert_eq!(fixed("لـGoogle"), "لـGoogle");
        assert_eq!(fixed("من لGoogle"), "من لGoogle");
        assert_eq!(codes("من لGoogle"), vec!["S010"]);
        assert_eq!(fixed_unsafe("من لGoogle"), "من لـGoogle");
    }

    /// S017–S019 with every other rule on: quotes become «» first, then
    /// move out; S004 and S018 together move a bracket's space outside.
    #[test]
    fn glued_words_and_lone_waw() {
        assert_eq!(fixed("عام 1998وكان في يناير2020"), "عام 1998 وكان في يناير 2020");
        assert_eq!(fixed("بـ2022 ب2022 لـ3 و29"), "بـ2022 ب2022 لـ3 و29");
        assert_eq!(fixed("في7.1.2022وقع"), "في 7.1.2022 وقع");
        assert_eq!(fixed("ما يسمى\"الحل\"ثم"), "ما يسمى «الحل» ثم");
        assert_eq!(fixed("ما يسمى”الحل”ثم"), "ما يسمى «الحل» ثم");
        assert_eq!(fixed("نصوص( بين أقواس )أو"), "نصوص (بين أقواس) أو");
        assert_eq!(fixed("لـ«الحل نت» و«الشخصيات»"), "لـ«الحل نت» و«الشخصيات»");
        assert_eq!(codes("السياسي و الاقتصادي"), vec!["S019"]);
        assert_eq!(fixed("السياسي و الاقتصادي"), "السياسي و الاقتصادي");
        assert_eq!(fixed_unsafe("السياسي و الاقتصادي"), "السياسي والاقتصادي");
        assert!(codes("مكروه است و در كافى").is_empty());
    }
}

#[cfg(test)]
mod dashes_tests {
    use crate::clean::rules::testing::fixed;

    #[test]
    fn dashes() {
        assert_eq!(fixed("الولايات المتحدة –ومعها حلف الناتو"), "الولايات المتحدة – ومعها حلف الناتو");
        assert_eq!(fixed("العربية–الاسلامية"), "العربية – الاسلامية");
        assert_eq!(fixed("بين 1991–2022 فقط"), "بين 1991–2022 فقط");
        assert_eq!(fixed("الماتي- كازاخستان: – أنجزت"), "الماتي – كازاخستان: – أنجزت");
        assert_eq!(fixed("قاسم-جومرت و Bishkek-Bound"), "قاسم-جومرت و Bishkek-Bound");
        assert_eq!(fixed("موقع العهد الإخباري-"), "موقع العهد الإخباري-");
        assert_eq!(fixed("الاول ــ اثناء مدة"), "الاول – اثناء مدة");
    }
}

#[cfg(test)]
mod line_ends_tests {
    use crate::clean::rules::testing::{codes_file as codes, fixed_file as fixed};

    #[test]
    fn line_ends() {
        assert_eq!(fixed("أ\r\nب\rج"), "أ\nب\nج\n");
        assert_eq!(fixed("\u{FEFF}\n\nأ  \n\n\n\nب\n\n\n"), "أ\n\nب\n");
        assert_eq!(fixed("أ\n \t\nب\n"), "أ\n\nب\n");
        assert_eq!(fixed("\n\n"), "");
        assert_eq!(fixed(""), "");
        assert!(codes("أ\n").is_empty());
        assert_eq!(codes("أ"), vec!["S014"]);
    }
}

/// cleanup.md principle 6, with every rule on: list markers, paths, pasted
/// markup and arrows stay as typed; prefixes are never left dangling;
/// hyphens used as quotation marks are never half a dash.
#[cfg(test)]
mod principle_6_tests {
    use crate::clean::rules::testing::{codes, fixed, fixed_unsafe};

    #[test]
    fn list_markers_and_paths_stay() {
        for text in [
            "1/ نص البند الأول\n2/ نص البند الثاني",
            "1) نص البند\n2) نص آخر",
            "افتح الملف /etc/hosts ثم شغل ./run.sh",
            "انسخ ~/docs إلى C:\\backup ثم /tmp/a.txt",
        ] {
            assert_eq!(fixed(text), text);
        }
    }

    #[test]
    fn pasted_markup_stays() {
        let text = "قال<ref name=\"مصدر 1\">كتاب \"الحل\" ، ص 5</ref> و{{استشهاد | عنوان = \"نص\" }}";
        assert_eq!(fixed(text), "قال<ref name=\"مصدر 1\">كتاب «الحل»، ص 5</ref> و{{استشهاد | عنوان = \"نص\" }}");
        assert_eq!(fixed("«« السابق | التالي »»"), "«« السابق | التالي »»");
    }

    #[test]
    fn prefixes_are_never_left_dangling() {
        assert_eq!(fixed("نظام الGPS و الـ48 ساعة والـ Server"), "نظام الGPS و الـ48 ساعة والـ Server");
        assert_eq!(fixed_unsafe("نظام الGPS"), "نظام الـGPS");
        assert_eq!(fixed_unsafe("شركة وGoogle"), "شركة وGoogle");
    }

    #[test]
    fn brackets_keep_their_outside_space() {
        assert_eq!(fixed("نصوص( بين أقواس )أو"), "نصوص (بين أقواس) أو");
    }

    #[test]
    fn quotation_hyphens_are_reported_as_a_pair() {
        let text = "ما يسمى -الربيع العربي- في المنطقة";
        assert_eq!(fixed(text), text);
        assert_eq!(codes(text), vec!["S006"]);
    }
}
