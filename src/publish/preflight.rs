//! What `dossier build` would refuse or leave out, found by the build's own
//! stages ([`Project::load`], [`Plan::settle`], [`prepare_listing`], the
//! glyph check) without writing anything or running typst: `dossier check`
//! reports each as a finding where it is (M005 to M009).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::fonts::{self, Coverage};
use super::load::Project;
use super::prepare::{prepare_listing, ImageProblem, Prepared, Refusal};
use super::{missing_glyphs, BuildError, BuildOptions, Plan};
use crate::clean::rules::meta::{
    broken_image::BROKEN_IMAGE, missing_glyph::MISSING_GLYPH, translation_out_of_step::TRANSLATION_OUT_OF_STEP,
    unbuildable_article::UNBUILDABLE_ARTICLE, unlisted_article::UNLISTED_ARTICLE,
};
use crate::clean::Diagnostic;

/// A problem in one file, as a finding on its text.
#[derive(Debug)]
pub struct Problem {
    /// The file after symbolic links, to match it with what `check` reads.
    pub real: PathBuf,
    /// The file as the dossier names it, for files `check` does not read.
    pub path: PathBuf,
    /// Its range is in the file's text as read.
    pub diagnostic: Diagnostic,
}

/// What a build of the dossier would meet.
#[derive(Debug, Default)]
pub struct Preflight {
    pub problems: Vec<Problem>,
    /// What would stop the build and is no finding of a rule (a file that
    /// cannot be read as text…), in the build's words.
    pub stops: Vec<String>,
    /// The text each file's findings are placed in, as [`text_key`]: an
    /// editor shows them only on that text (a file edited since has moved
    /// them).
    pub read: HashMap<PathBuf, u64>,
}

/// A key for a file's text, to tell whether it is the text a preflight
/// read (a byte-order mark aside: editors drop it).
pub fn text_key(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.trim_start_matches('\u{FEFF}').hash(&mut hasher);
    hasher.finish()
}

/// The dossier a file or folder at `path` belongs to: the nearest folder
/// holding `dossier.toml`, from `path` itself (a folder) or the file's own
/// folder up.
pub fn dossier_of(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() { Some(path) } else { path.parent() };
    let dir = start?.ancestors().find(|a| a.join(crate::config::FILE_NAME).is_file())?;
    Some(if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir.to_path_buf() })
}

/// The most places one character is reported at in one file: a file full of
/// one emoji needs one fix, not ten thousand findings.
const PLACES_PER_CHAR: usize = 20;

/// Run the build's stages up to the glyph check on the dossier in `dir`.
/// What stops a build before any article is read (a listed file that does
/// not exist, a fallback font not found…) is M009 in the file it is about;
/// an error only when that file is a `dossier.toml` that does not load,
/// which `check` reports on its own.
pub fn run(dir: &Path) -> Result<Preflight, BuildError> {
    let mut found = Preflight::default();
    let settled = Project::load(dir).and_then(|project| {
        Plan::settle(&BuildOptions { dir: dir.to_path_buf(), ..Default::default() }, &project).map(|plan| (project, plan))
    });
    let (project, plan) = match settled {
        Ok(settled) => settled,
        Err(e) => return dossier_stop(dir, e, found),
    };
    let results: Vec<_> = project.articles.par_iter().enumerate().map(|(i, a)| (a, prepare_listing(a, &project, i))).collect();
    let mut prepared = Vec::new();
    for (article, result) in results {
        match result {
            Ok((p, images)) => {
                found.read.insert(article.real.clone(), text_key(&p.source));
                found.problems.extend(images.iter().map(|problem| image_finding(article.real.clone(), &p, problem)));
                prepared.push((article.real.clone(), p));
            }
            Err(Refusal::At { line, reason, .. }) => match std::fs::read_to_string(&article.real) {
                Ok(text) => {
                    found.read.insert(article.real.clone(), text_key(&text));
                    let at = line.map_or(0, |n| line_offset(&text, n));
                    let diagnostic = Diagnostic::report(UNBUILDABLE_ARTICLE.code, at..at, reason);
                    found.problems.push(Problem { real: article.real.clone(), path: article.path.clone(), diagnostic });
                }
                Err(_) => found.stops.push(Refusal::At { file: article.name.clone(), line, reason }.to_string()),
            },
            Err(Refusal::Reported(_)) => {}
            Err(e @ Refusal::Unreadable(_)) => found.stops.push(e.to_string()),
        }
    }
    glyph_findings(&project, &plan, &prepared, &mut found);
    let articles: Vec<&super::model::Article> = prepared.iter().map(|(_, p)| &p.article).collect();
    for (ar, en, m) in super::mismatches(&project, &articles) {
        let message = m.message(&articles[ar].name, &articles[en].name);
        for (i, line) in [(ar, m.first_line), (en, m.second_line)] {
            let (real, p) = &prepared[i];
            let at = line_offset(&p.source, line);
            let diagnostic = Diagnostic::warning(TRANSLATION_OUT_OF_STEP.code, at..at, message.clone());
            found.problems.push(Problem { real: real.clone(), path: PathBuf::from(&p.path), diagnostic });
        }
    }
    for name in &project.unlisted {
        let path = project.dir.join(name);
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let message = format!(
            "this article is not listed in {}, so `dossier build` leaves it out: add an [[article]] entry for it",
            project.config_path().display()
        );
        found.problems.push(Problem { real, path, diagnostic: Diagnostic::warning(UNLISTED_ARTICLE.code, 0..0, message) });
    }
    Ok(found)
}

/// A stop of the whole dossier as M009 in the file its message names
/// (`dossier.toml`, the template), on the line or key it names; an error
/// when that is a `dossier.toml` that does not load.
fn dossier_stop(dir: &Path, e: BuildError, mut found: Preflight) -> Result<Preflight, BuildError> {
    let config = dir.join(crate::config::FILE_NAME);
    if crate::config::resolve::Resolver::new(Default::default()).style_of_folder(dir).is_err() {
        return Err(e);
    }
    // The file the message names, if it is the dossier's own (nothing
    // outside the folder is read, or shown), else dossier.toml with the
    // whole message.
    let inside = |file: &str| {
        let (Ok(real), Ok(root)) = (std::fs::canonicalize(file), std::fs::canonicalize(dir)) else { return false };
        real.is_file() && real.starts_with(root)
    };
    let (path, line, reason) = match named_place(&e.0) {
        (Some(file), line, reason) if inside(file) => (PathBuf::from(file), line, reason.to_string()),
        _ if config.is_file() => (config.clone(), None, e.0.clone()),
        _ => return Err(e),
    };
    let Ok(text) = std::fs::read_to_string(&path) else { return Err(e) };
    let at = match line {
        Some(n) => line_offset(&text, n),
        None if path == config => config_place(&text, &reason),
        None => 0,
    };
    let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    found.read.insert(real.clone(), text_key(&text));
    found.problems.push(Problem { real, path, diagnostic: Diagnostic::report(UNBUILDABLE_ARTICLE.code, at..at, reason) });
    Ok(found)
}

/// `PATH:LINE: reason` or `PATH: reason`, as the build's messages name a
/// place (a path holding `: ` is not told apart: the whole is the reason).
fn named_place(message: &str) -> (Option<&str>, Option<usize>, &str) {
    let Some((head, reason)) = message.split_once(": ") else { return (None, None, message) };
    match head.rsplit_once(':').and_then(|(file, n)| Some((file, n.parse::<usize>().ok()?))) {
        Some((file, n)) => (Some(file), Some(n), reason),
        None if Path::new(head).is_file() => (Some(head), None, reason),
        None => (None, None, message),
    }
}

/// Where in `dossier.toml` a reason that names a table and key (`[build]
/// fallback …`) or an entry (`[[article]] number 2 …`) points.
fn config_place(toml: &str, reason: &str) -> usize {
    let mut offset = 0;
    let lines = toml.split_inclusive('\n').map(|l| {
        let at = offset;
        offset += l.len();
        (at, l.trim())
    });
    if let Some(rest) = reason.strip_prefix("[[article]] number ") {
        let n: usize = rest.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
        return lines.filter(|(_, l)| *l == "[[article]]").nth(n.saturating_sub(1)).map_or(0, |(at, _)| at);
    }
    let Some((table, rest)) = reason.strip_prefix('[').and_then(|r| r.split_once("] ")) else { return 0 };
    let key = rest.split([' ', '=']).next().unwrap_or("");
    let mut current = String::new();
    for (at, line) in lines {
        if line.starts_with('[') {
            current = line.trim_matches(['[', ']', ' ']).to_string();
        } else if current == table && line.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')) {
            return at;
        }
    }
    0
}

/// M006 on the image's line, at its address when the line shows it.
fn image_finding(real: PathBuf, p: &Prepared, problem: &ImageProblem) -> Problem {
    let line_start = line_offset(&p.source, problem.line);
    let line_end = p.source[line_start..].find('\n').map_or(p.source.len(), |n| line_start + n);
    let range = match p.source[line_start..line_end].find(&problem.url) {
        Some(at) if !problem.url.is_empty() => line_start + at..line_start + at + problem.url.len(),
        _ => line_start..line_start,
    };
    Problem { real, path: PathBuf::from(&p.path), diagnostic: Diagnostic::report(BROKEN_IMAGE.code, range, problem.message.clone()) }
}

/// The byte offset where line `line` (from 1) of `text` starts.
fn line_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n').nth(line - 2).map_or(text.len(), |(at, _)| at + 1)
}

/// M005 where each character no font draws is: in the author's file, in
/// `dossier.toml`, or (when cleanup made it) at the article's start.
fn glyph_findings(project: &Project, plan: &Plan, prepared: &[(PathBuf, Prepared)], found: &mut Preflight) {
    let coverage = Coverage::new(plan.face, &plan.own_fonts, &plan.fallback);
    let (in_config, per_article) = missing_glyphs(project, prepared.iter().map(|(_, p)| p), &coverage);
    let families = coverage.families.join(", ");
    let message = |c: char| {
        format!(
            "U+{:04X} `{c}` has no glyph in the fonts of this build ({families}): it would print as a box, so `dossier build` stops; \
             remove or replace it, or put a font that has it in fonts/ and name it in dossier.toml: [build] fallback = [\"Family\"]",
            c as u32
        )
    };
    for ((real, p), chars) in prepared.iter().zip(&per_article) {
        let placed = place(&p.source, chars, |c, range| {
            found.problems.push(Problem {
                real: real.clone(),
                path: PathBuf::from(&p.path),
                diagnostic: Diagnostic::report(MISSING_GLYPH.code, range, message(c)),
            })
        });
        for c in chars.difference(&placed) {
            let text = format!("{} (cleanup or dossier.toml put it in the article)", message(*c));
            found.problems.push(Problem {
                real: real.clone(),
                path: PathBuf::from(&p.path),
                diagnostic: Diagnostic::report(MISSING_GLYPH.code, 0..0, text),
            });
        }
    }
    if in_config.is_empty() {
        return;
    }
    let path = project.config_path();
    let Ok(toml) = std::fs::read_to_string(&path) else { return };
    let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    found.read.insert(real.clone(), text_key(&toml));
    place(&toml, &in_config, |c, range| {
        found.problems.push(Problem {
            real: real.clone(),
            path: path.clone(),
            diagnostic: Diagnostic::report(MISSING_GLYPH.code, range, message(c)),
        })
    });
}

/// Calls `found` for each occurrence of `chars` in `text` (at most
/// [`PLACES_PER_CHAR`] of each); returns the characters placed.
fn place(text: &str, chars: &BTreeSet<char>, mut found: impl FnMut(char, std::ops::Range<usize>)) -> BTreeSet<char> {
    let mut counts = std::collections::BTreeMap::new();
    for (c, at) in fonts::occurrences(text, chars) {
        let n = counts.entry(c).or_insert(0usize);
        *n += 1;
        if *n <= PLACES_PER_CHAR {
            found(c, at.offset..at.offset + c.len_utf8());
        }
    }
    counts.into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_points_at_the_key_or_entry_it_names() {
        let toml =
            "[dossier]\ntitle = \"x\"\n\n[build]\nfont = \"comic\"\n\n[[article]]\nfile = \"a.md\"\n\n[[article]]\nfile = \"b.md\"\n";
        let line = |reason: &str| toml[..config_place(toml, reason)].matches('\n').count() + 1;
        assert_eq!(line("[build] font = \"comic\" is not bundled"), 5);
        assert_eq!(line("[[article]] number 2 names file = \"b.md\", which does not exist"), 10);
        assert_eq!(line("[dossier] logo `x.png` is not a file"), 1, "no such key: the top");
        assert_eq!(named_place("d/t.typ:4: imports a package"), (Some("d/t.typ"), Some(4), "imports a package"));
    }

    /// A message naming a file outside the dossier (a value someone put in
    /// dossier.toml) is placed in dossier.toml: nothing outside is read.
    #[test]
    fn a_stop_never_points_outside_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, outside) = (tmp.path().join("d"), tmp.path().join("secret.txt"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&outside, "كلمة السر\n").unwrap();
        std::fs::write(dir.join("dossier.toml"), "[dossier]\ntitle = \"x\"\n").unwrap();
        let e = BuildError(format!("{}:1: not for you", outside.display()));
        let found = dossier_stop(&dir, e, Preflight::default()).unwrap();
        assert_eq!(found.problems.len(), 1);
        assert_eq!(found.problems[0].path, dir.join("dossier.toml"));
        assert_eq!(found.problems[0].diagnostic.range, 0..0);
    }

    #[test]
    fn lines_start_where_the_text_says() {
        let text = "a\nbc\n\nd";
        assert_eq!([1, 2, 3, 4, 9].map(|n| line_offset(text, n)), [0, 2, 5, 6, 7]);
    }
}
