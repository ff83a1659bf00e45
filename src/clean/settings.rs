//! House style: the `[clean]` table of `dossier.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::rule::{RuleCode, RuleSet};
use crate::text::language::Language;

/// How quotation marks in Arabic text are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteStyle {
    /// «» outside, “” nested inside.
    #[default]
    Guillemets,
    /// “” kept, but balanced: “ opens, ” closes.
    Curly,
    /// Quotes are left alone (unpaired marks are still reported).
    Keep,
}

/// The order of a month written in both calendars' names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum MonthOrder {
    /// `كانون الثاني/يناير` (AFP's style).
    #[default]
    LevantineFirst,
    /// `يناير/كانون الثاني`.
    GregorianFirst,
    Keep,
}

/// Which digits a whole text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DigitsPolicy {
    /// Each number keeps its system (mixed numbers are still repaired).
    #[default]
    Keep,
    Western,
    ArabicIndic,
}

/// The house form of a run that mixes `؟` and `!` (`؟!؟!`, `؟!!`), which
/// P004 shortens. A run of one mark each (`؟!`, `!؟`) is left as typed in
/// every style: both orders are in use, and say different things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum MixedMarks {
    /// `؟!`: the question, then the surprise (the common Arabic form).
    #[default]
    QuestionFirst,
    /// `!؟`.
    ExclamationFirst,
    /// The run's first mark, then the other one (`!؟!؟` → `!؟`).
    AsTyped,
}

/// The `[clean]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CleanConfig {
    #[serde(default)]
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub quotes: QuoteStyle,
    #[serde(default, alias = "month_pairs")]
    pub month_pairs: MonthOrder,
    #[serde(default)]
    pub digits: DigitsPolicy,
    #[serde(default)]
    pub mixed_marks: MixedMarks,
    /// The language of the files this table governs (`"fa"`, `"ur"`,
    /// `"ckb"`, `"ar"` …): what a block whose own letters and words leave
    /// its language open is taken to be. A file's front matter `lang` wins.
    #[serde(default)]
    pub language: Option<String>,
    /// Extra site-furniture lines to remove on import (prefixes).
    #[serde(default)]
    pub furniture: Vec<String>,
    /// Paths never read, as globs; replaces the default list when given
    /// (matching is `config::resolve`'s job).
    #[serde(default)]
    pub exclude: Option<Vec<String>>,
    /// Paths never read, added to `exclude`.
    #[serde(default)]
    pub extend_exclude: Vec<String>,
    /// Rules switched off for the files a glob matches: `"drafts/*" = ["Q001"]`.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
}

/// The settings rules read, with the rule selection resolved.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub quotes: QuoteStyle,
    pub month_pairs: MonthOrder,
    pub digits: DigitsPolicy,
    pub mixed_marks: MixedMarks,
    /// The language `[clean] language` forces (see [`CleanConfig::language`]).
    pub language: Option<Language>,
    disabled: RuleSet,
}

impl Settings {
    /// The settings of `config`, with the rules `off` switched off: the
    /// rule selection is resolved against the rule list by
    /// [`Settings::from_config`](super::selection).
    pub(super) fn with_rules_off(config: &CleanConfig, off: RuleSet) -> Result<Settings, String> {
        let language =
            match config.language.as_deref() {
                None => None,
                Some(tag) => Some(Language::from_tag(tag).ok_or_else(|| {
                    format!("language \"{tag}\" is not a language tag dossier knows (ar, fa, ur, ckb, ku, ps, sd, en, …)")
                })?),
            };
        Ok(Settings {
            quotes: config.quotes,
            month_pairs: config.month_pairs,
            digits: config.digits,
            mixed_marks: config.mixed_marks,
            language,
            disabled: off,
        })
    }

    /// These settings with the rules `off` switched off too (a file's
    /// per-file ignores).
    pub fn without(&self, off: impl IntoIterator<Item = RuleCode>) -> Settings {
        let mut settings = self.clone();
        off.into_iter().for_each(|code| settings.disabled.insert(code));
        settings
    }

    /// No rule is switched off (the common case: every pass runs).
    #[inline]
    pub fn all_enabled(&self) -> bool {
        self.disabled.is_empty()
    }

    /// The rule (or code) is switched on by `select`, `ignore` and the
    /// per-file ignores. Where a finding is, see
    /// [`selection::on_at`](super::selection::on_at).
    #[inline]
    pub fn enabled(&self, rule: impl Into<RuleCode>) -> bool {
        self.disabled.is_empty() || !self.disabled.contains(rule.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_and_ignore() {
        let cfg = CleanConfig { select: Some(vec!["Q".into(), "S001".into()]), ignore: vec!["Q003".into()], ..Default::default() };
        let s = Settings::from_config(&cfg).unwrap();
        assert!(s.enabled(RuleCode("Q001")));
        assert!(s.enabled(RuleCode("S001")));
        assert!(!s.enabled(RuleCode("Q003")));
        assert!(!s.enabled(RuleCode("S002")));
        let bad = CleanConfig { ignore: vec!["X9".into()], ..Default::default() };
        assert!(Settings::from_config(&bad).unwrap_err().contains("X9"));
    }

    #[test]
    fn language_is_a_known_tag() {
        let fa = CleanConfig { language: Some("fa-IR".into()), ..Default::default() };
        assert_eq!(Settings::from_config(&fa).unwrap().language, Some(Language::Persian));
        let bad = CleanConfig { language: Some("42".into()), ..Default::default() };
        assert!(Settings::from_config(&bad).unwrap_err().contains("42"));
    }
}
