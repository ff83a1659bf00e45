//! P — punctuation marks of the right script, not doubled or repeated, and
//! brackets that pair.

pub mod combined_marks;
pub mod doubled_comma;
pub mod doubled_terminal;
pub mod latin_punctuation;
pub mod repeated_marks;
pub mod unbalanced_brackets;

#[cfg(test)]
mod punctuation_tests {
    use crate::clean::rules::testing::{fixed, fixed_unsafe};
    use crate::clean::settings::{CleanConfig, MixedMarks, Settings};
    use crate::clean::{FixMode, Format};

    #[test]
    fn punctuation() {
        assert_eq!(fixed("نعم, ولكن; لماذا?"), "نعم، ولكن؛ لماذا؟");
        assert_eq!(fixed("ما بين 370,000 برميل"), "ما بين 370,000 برميل");
        assert_eq!(fixed("Yes, but why?"), "Yes, but why?");
        assert_eq!(fixed("الأوضاع فيها؟. بما"), "الأوضاع فيها؟ بما");
        assert_eq!(fixed("قال،، ثم"), "قال، ثم");
        assert_eq!(fixed("كتب Sputnik, ثم"), "كتب Sputnik, ثم");
        assert_eq!(fixed("انظر bit.ly/a?b=1 هنا"), "انظر bit.ly/a?b=1 هنا");
    }

    #[test]
    fn runs_of_marks() {
        assert_eq!(fixed("ماذا حدث.... لماذا؟؟"), "ماذا حدث... لماذا؟؟");
        assert_eq!(fixed_unsafe("لماذا؟؟ حقا!!! وماذا؟!؟!"), "لماذا؟ حقا! وماذا؟!");
        // P001 makes the Latin marks Arabic, then P004 shortens the run.
        assert_eq!(fixed_unsafe("لماذا??"), "لماذا؟");
        assert_eq!(fixed("حقا⁈ وماذا⁇"), "حقا؟! وماذا؟؟");
        assert_eq!(fixed_unsafe("وماذا⁇"), "وماذا؟");
        let bang_first = CleanConfig { mixed_marks: MixedMarks::ExclamationFirst, ..Default::default() };
        assert_eq!(fix("حقا؟!؟!", &bang_first, FixMode::Unsafe), "حقا!؟");
        let as_typed = CleanConfig { mixed_marks: MixedMarks::AsTyped, ..Default::default() };
        assert_eq!(fix("حقا!!؟", &as_typed, FixMode::Unsafe), "حقا!؟");
    }

    fn fix(text: &str, config: &CleanConfig, mode: FixMode) -> String {
        let settings = Settings::from_config(config).unwrap();
        crate::clean::fix(text, Format::Text, &settings, mode).unwrap().text.trim_end().to_string()
    }

    #[test]
    fn long_runs_settle() {
        // Each round once reached one context window further into the run.
        assert_eq!(fixed(&format!("قال{} ثم", "،".repeat(600))), "قال، ثم");
        assert_eq!(fixed(&format!("قال{} ثم", ",".repeat(600))), "قال، ثم");
        assert_eq!(fixed(&format!("لا{} نعم", "!;".repeat(600))), format!("لا{} نعم", "!؛".repeat(600)));
    }
}
