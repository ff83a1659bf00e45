//! `dossier check --show-settings PATH`: the house style that applies to a
//! file, where it comes from, and what it switches off there. Printed as a
//! `[clean]` table that can be pasted into a dossier.toml.

use std::io::{self, Write};
use std::path::Path;

use super::{error, CommonArgs, Exit};
use crate::clean::{Format, RULES};
use crate::config::resolve::{exclude_patterns, Resolver, Style};

pub fn show(args: &CommonArgs, resolver: &Resolver) -> Exit {
    let path = match (args.paths.as_slice(), &args.stdin_name) {
        ([p], Some(name)) if p.as_os_str() == "-" => name.clone(),
        ([p], _) => p.clone(),
        _ => {
            error("--show-settings takes one path: the file (or folder) whose settings to show");
            return Exit::Failure;
        }
    };
    let style = if path.is_dir() { resolver.style_of_folder(&path) } else { resolver.style_for(&path) };
    let style = match style {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return Exit::Failure;
        }
    };
    let mut out = io::stdout().lock();
    match write(&mut out, &path, &style, args, resolver) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            error(format!("cannot write output: {e}"));
            Exit::Failure
        }
        _ => Exit::Clean,
    }
}

fn write(out: &mut impl Write, path: &Path, style: &Style, args: &CommonArgs, resolver: &Resolver) -> io::Result<()> {
    writeln!(out, "# The house style for {}", path.display())?;
    match (&style.source, &args.config) {
        (Some(_), Some(given)) => writeln!(out, "# from {} (--config)", given.display())?,
        (Some(file), None) => writeln!(out, "# from {} (the nearest dossier.toml above it)", file.display())?,
        (None, _) => {
            writeln!(out, "# from the built-in defaults: no dossier.toml between it and {} (globs start there)", style.root.display())?
        }
    }
    let o = resolver.overrides();
    if let Some(select) = &o.select {
        writeln!(out, "# --select {} (replaces select)", select.join(","))?;
    }
    if !o.ignore.is_empty() {
        writeln!(out, "# --ignore {} (added to ignore)", o.ignore.join(","))?;
    }
    if !path.is_dir() {
        let format = if Format::of_path(path) == Format::Markdown { "markdown" } else { "plain text" };
        writeln!(out, "# read as {format}")?;
        if style.excludes(path) {
            writeln!(out, "# excluded: a walk skips it; named on the command line it is checked unless --force-exclude")?;
        }
    }
    let c = &style.config.clean;
    writeln!(out, "\n[clean]")?;
    writeln!(out, "quotes = {}", quoted(&kebab(&format!("{:?}", c.quotes))))?;
    writeln!(out, "month-pairs = {}", quoted(&kebab(&format!("{:?}", c.month_pairs))))?;
    writeln!(out, "digits = {}", quoted(&kebab(&format!("{:?}", c.digits))))?;
    if let Some(language) = &c.language {
        writeln!(out, "language = {}", quoted(language))?;
    }
    if let Some(select) = &c.select {
        writeln!(out, "select = {}", list(select))?;
    }
    writeln!(out, "ignore = {}", list(&c.ignore))?;
    writeln!(out, "exclude = {}", list(&exclude_patterns(&crate::clean::CleanConfig { extend_exclude: vec![], ..c.clone() })))?;
    writeln!(out, "extend-exclude = {}", list(&c.extend_exclude))?;
    writeln!(out, "furniture = {}", list(&c.furniture))?;
    if !c.per_file_ignores.is_empty() {
        writeln!(out, "\n[clean.per-file-ignores]")?;
        for (glob, codes) in &c.per_file_ignores {
            writeln!(out, "{} = {}", quoted(glob), list(codes))?;
        }
    }
    let settings = if path.is_dir() { style.settings().clone() } else { style.settings_for(path) };
    let off: Vec<&str> = RULES.iter().filter(|r| !settings.enabled(r.code)).map(|r| r.code.as_str()).collect();
    let here = if path.is_dir() { "in this folder" } else { "for this file" };
    writeln!(out, "\n# rules on {here}: {} of {}", RULES.len() - off.len(), RULES.len())?;
    if !off.is_empty() {
        writeln!(out, "# off: {}", off.join(", "))?;
    }
    if !path.is_dir() {
        let by_glob = style.ignored_for(path);
        if !by_glob.is_empty() {
            writeln!(out, "# of which per-file-ignores: {}", by_glob.join(", "))?;
        }
    }
    Ok(())
}

fn quoted(s: &str) -> String {
    // A JSON string is a TOML basic string.
    serde_json::to_string(s).unwrap_or_default()
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", "))
}

/// `LevantineFirst` → `levantine-first`, as dossier.toml spells it.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}
