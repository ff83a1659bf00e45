//! `dossier rules` and `dossier explain`: the rule book.

use std::io::{self, Write};

use serde::Serialize;

use super::{error, Exit, ExplainArgs, RulesArgs};
use crate::clean::registry::{self, RULES};
use crate::clean::rule::{family_name, FixAvailability, Rule};

#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    name: &'static str,
    family: &'static str,
    fix: FixAvailability,
    summary: &'static str,
    explanation: String,
    /// Whether it is an Arabic house rule (`arabic`) or applies to every
    /// language (`all`).
    languages: &'static str,
}

fn fix_label(rule: &Rule) -> &'static str {
    match rule.fix {
        FixAvailability::Safe => "safe",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Unsafe => "unsafe",
        FixAvailability::None => "report",
    }
}

pub fn list(args: &RulesArgs) -> Exit {
    let mut out = io::stdout().lock();
    if args.json {
        let all: Vec<RuleJson> = RULES
            .iter()
            .map(|r| RuleJson {
                code: r.code.as_str(),
                name: r.name,
                family: r.family_name(),
                fix: r.fix,
                summary: r.summary(),
                explanation: r.explanation(),
                languages: if r.arabic_only { "arabic" } else { "all" },
            })
            .collect();
        let _ = serde_json::to_writer_pretty(&mut out, &all);
        let _ = writeln!(out);
        return Exit::Clean;
    }
    let mut family = ' ';
    let mut sorted: Vec<&Rule> = RULES.to_vec();
    sorted.sort_by_key(|r| ("QSPDBC".find(r.code.family()), r.code));
    for r in sorted {
        if r.code.family() != family {
            family = r.code.family();
            let _ = writeln!(out, "\n{family} — {}", family_name(family));
        }
        let _ = writeln!(out, "  {}  {:<26} {:<9}  {}", r.code, r.name, fix_label(r), r.summary());
    }
    let _ = writeln!(
        out,
        "\nfix: safe = applied by `dossier fix`; sometimes = safe when sure, else unsafe or reported; report = a person decides."
    );
    let _ = writeln!(out, "`dossier explain CODE` shows a rule's full explanation.");
    Exit::Clean
}

pub fn explain(args: &ExplainArgs) -> Exit {
    let Some(rule) = registry::lookup(&args.rule) else {
        match registry::select(&args.rule) {
            Ok(several) => {
                let codes: Vec<&str> = several.iter().map(|r| r.code.as_str()).collect();
                error(format!("`{}` names {} rules ({}); explain takes one", args.rule, codes.len(), codes.join(", ")));
            }
            Err(unknown) => error(unknown),
        }
        return Exit::Failure;
    };
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{} {} ({}; fix: {})\n", rule.code, rule.name, rule.family_name(), fix_label(rule));
    let _ = write!(out, "{}", rule.explanation());
    let _ = writeln!(out, "\nApplies to: {}.", rule.languages());
    Exit::Clean
}
