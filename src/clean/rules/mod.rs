//! The rules, one module per family or rule. Each module declares its rules'
//! metadata with `rule!` (listed in `registry::RULES`) and exposes `check`.

pub mod bidi;
pub mod characters;
pub mod dashes;
pub mod dates;
pub mod digits;
pub mod invisible;
pub mod line_ends;
pub mod months;
pub mod punctuation;
pub mod quotes;
pub mod spacing;
pub mod tatweel;
pub mod visual_order;

use super::context::DocContext;
use super::diagnostic::Diagnostic;
use super::paragraph::Paragraph;

/// Run every paragraph rule. Order matters only for ties between fixes at
/// the same position: earlier families win, later ones get the next round.
pub fn check_paragraph(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    visual_order::check(para, ctx, out);
    invisible::check(para, ctx, out);
    bidi::check(para, ctx, out);
    characters::check(para, ctx, out);
    tatweel::check(para, ctx, out);
    quotes::check(para, ctx, out);
    punctuation::check(para, ctx, out);
    dates::check(para, ctx, out);
    months::check(para, ctx, out);
    digits::check(para, ctx, out);
    dashes::check(para, ctx, out);
    spacing::check(para, ctx, out);
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
}
