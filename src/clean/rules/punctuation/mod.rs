//! P — punctuation marks of the right script, not doubled.

pub mod doubled_comma;
pub mod doubled_terminal;
pub mod latin_punctuation;

#[cfg(test)]
mod punctuation_tests {
    use crate::clean::rules::testing::fixed;

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
    fn long_runs_settle() {
        // Each round once reached one context window further into the run.
        assert_eq!(fixed(&format!("قال{} ثم", "،".repeat(600))), "قال، ثم");
        assert_eq!(fixed(&format!("قال{} ثم", ",".repeat(600))), "قال، ثم");
        assert_eq!(fixed(&format!("لا{} نعم", "!;".repeat(600))), format!("لا{} نعم", "!؛".repeat(600)));
    }
}
