//! `dossier import`: pasted text, saved web pages and Word documents to
//! markdown articles, cleaned as `build` cleans them.

use std::path::{Path, PathBuf};

use super::{error, Exit, ImportArgs, Ui};
use crate::clean::Format;
use crate::config::resolve::{Overrides, Resolver};
use crate::config::ArticleMeta;
use crate::files;
use crate::import::{self, markdown, text::ImportReport, Kind};
use crate::publish::prepare::clean_article;

/// Import each file as an article, next to it or in `--into`, each with the
/// house style of the nearest dossier.toml above it.
pub fn run(args: &ImportArgs, ui: &Ui) -> Exit {
    let resolver = Resolver::new(Overrides::default());
    let mut exit = Exit::Clean;
    for file in &args.files {
        match import_one(file, args, &resolver) {
            Ok((target, report, notes)) => {
                eprintln!("{} → {}", files::escaped(file), files::escaped(&target));
                if ui.quiet {
                    continue;
                }
                for line in &report.removed {
                    eprintln!("  removed: {line}");
                }
                for guess in &report.guesses {
                    eprintln!("  guessed: {guess}");
                }
                for note in &notes {
                    eprintln!("  note: {note}");
                }
            }
            Err(e) => {
                error(e);
                exit = Exit::Failure;
            }
        }
    }
    exit
}

/// Import one file; the article's path, what import removed and guessed, and notes.
fn import_one(file: &Path, args: &ImportArgs, resolver: &Resolver) -> Result<(PathBuf, ImportReport, Vec<String>), String> {
    let style = resolver.style_for(file).map_err(|e| e.to_string())?;
    let (config, settings) = (&style.config, style.settings_for(file));
    let target = match &args.into {
        Some(dir) => dir.join(file.with_extension("md").file_name().unwrap_or_default()),
        None => file.with_extension("md"),
    };
    if is_same_file(file, &target) {
        return Err(format!(
            "{}: the article would replace the file it is imported from; import it --into another folder{}",
            files::escaped(file),
            if Kind::of(file) == Kind::Markdown { " (it is an article already: `dossier fix` cleans it in place)" } else { "" }
        ));
    }
    if target.exists() && !args.force {
        return Err(format!("{} exists; pass --force to overwrite it", files::escaped(&target)));
    }
    let stem = target.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let images_dir = format!("images/{}", import::images_folder(&stem));
    let kind = Kind::of(file);
    let (text, format, meta, mut report, images) = match kind {
        Kind::Text | Kind::Markdown => {
            let src = files::read_file(file).map_err(|e| e.to_string())?;
            let format = if kind == Kind::Markdown { Format::Markdown } else { Format::Text };
            (src.text.to_string(), format, ArticleMeta::default(), ImportReport::default(), Vec::new())
        }
        Kind::Html | Kind::Docx => {
            let c = import::convert(file, kind, &images_dir, &config.clean.furniture)?;
            (markdown::write(&c.article), Format::Markdown, c.meta, c.report, c.images)
        }
    };
    // The same clean article `build` writes to out/clean/: it passes `dossier check`.
    let name = files::escaped(file);
    let cleaned = clean_article(&name, &text, format, &meta, &config.clean.furniture, &settings)?;
    report.removed.extend(cleaned.import.removed);
    report.guesses.extend(cleaned.import.guesses);
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let cannot = |path: &Path, e: std::io::Error| format!("{}: cannot write: {e}", files::escaped(path));
    // Another article's image or the user's own file is not replaced
    // without --force; nothing is written then.
    if !args.force {
        for image in &images {
            let path = folder.join(&image.path);
            if path.exists() && !holds(&path, &image.bytes) {
                return Err(format!("{} exists; pass --force to overwrite it", files::escaped(&path)));
            }
        }
    }
    // Images first: the article names them.
    for image in &images {
        let path = folder.join(&image.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| cannot(parent, e))?;
        }
        files::write_atomic(&path, &image.bytes).map_err(|e| cannot(&path, e))?;
    }
    std::fs::create_dir_all(folder).map_err(|e| cannot(folder, e))?;
    files::write_atomic(&target, cleaned.markdown.as_bytes()).map_err(|e| cannot(&target, e))?;
    Ok((target, report, cleaned.notes))
}

/// Whether `target` is `file` itself (`x.md` imported next to itself, or
/// `--into` its own folder): writing it would destroy the input.
fn is_same_file(file: &Path, target: &Path) -> bool {
    match (file.canonicalize(), target.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether the file at `path` holds exactly `bytes` (an image imported before).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) && std::fs::read(path).is_ok_and(|b| b == bytes)
}
