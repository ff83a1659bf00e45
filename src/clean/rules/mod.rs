//! The rules: one folder per family, one file per rule (or per pass that
//! emits several closely tied rules, named for that pass).
//!
//! A rule file declares its rules with [`rule!`](crate::clean::rule::rule)
//! (the doc comment is the explanation `dossier explain` prints), its
//! `check`, and its pass with [`pass!`](crate::clean::rule::pass), with
//! the triggers without which the check finds nothing, if any. It is
//! listed once in [`registry::PASSES`](crate::clean::registry::PASSES); a
//! rule file that is not listed fails `registry::tests`. A rule depends on
//! [`crate::text`] and the engine's API (the [`prelude`]: the vocabulary of
//! [`crate::clean::rule`], never the list), never on another
//! rule; what rules of one family share lives in a helper module of that
//! family.

pub mod bidi;
pub mod characters;
pub mod dates;
pub mod meta;
pub mod punctuation;
pub mod quotes;
pub mod spacing;

/// What a rule file needs from the engine and the text layer.
pub mod prelude {
    pub use crate::clean::context::DocContext;
    pub use crate::clean::diagnostic::{Diagnostic, Edit, Findings, Fix};
    pub use crate::clean::layout::Layout;
    pub use crate::clean::paragraph::{Letters, Paragraph};
    pub use crate::clean::protect::Protection;
    pub(crate) use crate::clean::rule::{pass, rule};
    pub use crate::clean::settings::{DigitsPolicy, MixedMarks, MonthOrder, QuoteStyle, Settings};
    pub use crate::text::chars::{self, *};
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule tests: fix or check a snippet with default settings.
    //! `fixed`/`codes` leave out the final-newline rule so snippets read
    //! naturally; the `_file` variants run everything.

    use crate::clean::settings::{CleanConfig, Settings};
    use crate::clean::{check, fix, FixMode, Format};

    fn snippet_config(mut config: CleanConfig) -> Settings {
        config.ignore.push("S014".into());
        Settings::from_config(&config).unwrap()
    }

    pub fn fix_with(text: &str, config: &CleanConfig) -> String {
        let settings = snippet_config(config.clone());
        let once = fix(text, Format::Text, &settings, FixMode::Safe).unwrap().text;
        assert_eq!(fix(&once, Format::Text, &settings, FixMode::Safe).unwrap().text, once, "fix is not idempotent on {text:?}");
        once
    }

    pub fn fixed(text: &str) -> String {
        fix_with(text, &CleanConfig::default())
    }

    pub fn fixed_unsafe(text: &str) -> String {
        fix(text, Format::Text, &snippet_config(CleanConfig::default()), FixMode::Unsafe).unwrap().text
    }

    pub fn fixed_file(text: &str) -> String {
        let s = Settings::default();
        let once = fix(text, Format::Text, &s, FixMode::Safe).unwrap().text;
        assert_eq!(fix(&once, Format::Text, &s, FixMode::Safe).unwrap().text, once, "fix is not idempotent on {text:?}");
        once
    }

    fn codes_in(text: &str, settings: &Settings) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = check(text, Format::Text, settings).iter().map(|d| d.code.as_str()).collect();
        codes.dedup();
        codes
    }

    pub fn codes(text: &str) -> Vec<&'static str> {
        codes_in(text, &snippet_config(CleanConfig::default()))
    }

    pub fn codes_file(text: &str) -> Vec<&'static str> {
        codes_in(text, &Settings::default())
    }

    /// Markdown, every rule on: the codes found.
    pub fn codes_md(text: &str) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = check(text, Format::Markdown, &Settings::default()).iter().map(|d| d.code.as_str()).collect();
        codes.dedup();
        codes
    }

    /// Markdown, every rule on: the safe fix, checked idempotent.
    pub fn fixed_md(text: &str) -> String {
        let s = Settings::default();
        let once = fix(text, Format::Markdown, &s, FixMode::Safe).unwrap().text;
        assert_eq!(fix(&once, Format::Markdown, &s, FixMode::Safe).unwrap().text, once, "fix is not idempotent on {text:?}");
        once
    }
}
