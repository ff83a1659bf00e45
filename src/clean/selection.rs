//! Which rules are on: the one place that decides. `select` and `ignore`
//! (from `[clean]` and the command line), `per-file-ignores` and
//! `dossier-ignore` directives are selectors, each resolved here against
//! the rule list with [`Rule::matches`]; where a finding is, [`on_at`]
//! says whether its rule is on there. The engine runs only the passes
//! with a rule on ([`paragraph_passes`]), and keeps only what `on_at` allows.

use std::borrow::Cow;

use super::registry::{self, RULES};
use super::rule::{ParagraphPass, Rule, RuleCode, UnknownRule};
use super::settings::{CleanConfig, Settings};

impl Settings {
    /// Resolve select/ignore. Each entry is a code (`Q001`), a family or
    /// prefix (`Q`, `S01`), a rule name (`curly-quotes`) or `ALL`: see
    /// [`Rule::matches`].
    pub fn from_config(config: &CleanConfig) -> Result<Settings, String> {
        for pattern in config.select.iter().flatten().chain(&config.ignore) {
            registry::select(pattern).map_err(|e| e.to_string())?;
        }
        for (glob, patterns) in &config.per_file_ignores {
            for pattern in patterns {
                registry::select(pattern).map_err(|e| format!("per-file-ignores \"{glob}\": {e}"))?;
            }
        }
        let off = RULES
            .iter()
            .filter(|r| {
                let selected = config.select.as_ref().is_none_or(|s| s.iter().any(|p| r.matches(p)));
                let ignored = config.ignore.iter().any(|p| r.matches(p));
                !selected || ignored
            })
            .map(|r| r.code)
            .collect();
        Settings::with_rules_off(config, off)
    }
}

/// The rules `patterns` select (a per-file ignore, a directive), and the
/// patterns that select none.
pub fn resolve<S: AsRef<str>>(patterns: &[S]) -> (Vec<RuleCode>, Vec<UnknownRule>) {
    let (mut codes, mut unknown) = (Vec::new(), Vec::new());
    for pattern in patterns {
        match registry::select(pattern.as_ref()) {
            Ok(rules) => codes.extend(rules.iter().map(|r| r.code)),
            Err(e) => unknown.push(e),
        }
    }
    (codes, unknown)
}

/// A finding of `rule` is kept where it was found: the settings switch the
/// rule on, and it is not an Arabic house rule looking at a line of
/// Persian, Urdu or another language in Arabic script (`other_language`,
/// asked only then). Directives in the text are the other half, where the
/// finding is ([`super::suppress`]).
pub fn on_at(rule: &Rule, settings: &Settings, other_language: impl FnOnce() -> bool) -> bool {
    settings.enabled(rule) && !(rule.arabic_only && other_language())
}

/// The paragraph passes with a rule on, in dispatch order: chosen once for
/// a document rather than for each paragraph.
pub fn paragraph_passes(settings: &Settings) -> Cow<'static, [ParagraphPass]> {
    let all = registry::paragraph_passes();
    if settings.all_enabled() {
        Cow::Borrowed(all)
    } else {
        all.iter().filter(|p| p.0.enabled(settings)).copied().collect()
    }
}
