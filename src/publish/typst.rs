//! The `typst` command: found, version-checked, and run in a sealed folder.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The oldest Typst the template is written for (tagged PDF by default,
/// `--ignore-embedded-fonts`).
pub const MIN_VERSION: (u32, u32) = (0, 14);

pub const INSTALL_HINT: &str = "install it with `cargo install typst-cli --locked` (about 15 minutes on 2 cores), or point dossier at one with --typst PATH or DOSSIER_TYPST";

#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    pub version: String,
}

fn on_path(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    // `cargo install` puts it here, which a fresh shell may not have on PATH.
    if let Some(home) =
        std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn parse_version(s: &str) -> Option<(u32, u32)> {
    let v = s.split_whitespace().nth(1)?;
    let mut parts = v.split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// What identifies a typst binary without running it.
fn fingerprint(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{}\n{}\n{}", path.display(), meta.len(), modified.as_nanos()))
}

/// [`find`], remembering a checked version in `cache` (a file in the output
/// folder) so a rebuild does not spawn typst twice. A binary that changed
/// (path, size or time) is checked again.
pub fn find_cached(explicit: Option<&Path>, cache: &Path) -> Result<Typst, String> {
    let path = locate(explicit)?;
    if let (Some(print), Ok(saved)) = (fingerprint(&path.0), std::fs::read_to_string(cache)) {
        if let Some(version) = saved.strip_prefix(&format!("{print}\n")) {
            return Ok(Typst { path: path.0, version: version.trim().to_string() });
        }
    }
    let typst = check(path)?;
    if let Some(print) = fingerprint(&typst.path) {
        let _ = std::fs::write(cache, format!("{print}\n{}\n", typst.version));
    }
    Ok(typst)
}

/// Find typst: `--typst`, then `DOSSIER_TYPST`, then `PATH`.
pub fn find(explicit: Option<&Path>) -> Result<Typst, String> {
    check(locate(explicit)?)
}

/// Where typst is, and how it was found (for messages).
fn locate(explicit: Option<&Path>) -> Result<(PathBuf, &'static str), String> {
    let (path, how) = match explicit {
        Some(p) => (Some(p.to_path_buf()), "--typst"),
        None => match std::env::var_os("DOSSIER_TYPST").filter(|v| !v.is_empty()) {
            Some(p) => (Some(PathBuf::from(p)), "DOSSIER_TYPST"),
            None => (on_path("typst"), "PATH"),
        },
    };
    match path {
        Some(path) => Ok((path, how)),
        None => Err(format!("the typst CLI was not found on PATH; {INSTALL_HINT}")),
    }
}

/// Run `typst --version` and check it is new enough.
fn check((path, how): (PathBuf, &'static str)) -> Result<Typst, String> {
    let out = Command::new(&path)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run typst at {} (from {how}): {e}; {INSTALL_HINT}", path.display()))?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    match parse_version(&version) {
        Some(v) if v >= MIN_VERSION => Ok(Typst { path, version }),
        Some(_) => Err(format!(
            "{} is {version}; dossier needs typst {}.{} or newer: {INSTALL_HINT}",
            path.display(),
            MIN_VERSION.0,
            MIN_VERSION.1
        )),
        None => {
            Err(format!("{} (from {how}) did not report a typst version (`--version` said {version:?}); {INSTALL_HINT}", path.display()))
        }
    }
}

impl Typst {
    /// Compile `dir/main` to `pdf`, with `dir` as the root and only the
    /// fonts in `fonts`: nothing outside the folder is read, no system or
    /// Typst-embedded font reaches the PDF.
    pub fn compile(&self, dir: &Path, main: &str, fonts: &Path, pdf: &Path, timestamp: Option<i64>) -> Result<Duration, String> {
        let mut cmd = Command::new(&self.path);
        cmd.arg("compile")
            .arg("--root")
            .arg(dir)
            .arg("--font-path")
            .arg(fonts)
            .arg("--ignore-system-fonts")
            .arg("--ignore-embedded-fonts")
            .arg("--package-path")
            .arg(dir.join(".no-packages"))
            .arg("--package-cache-path")
            .arg(dir.join(".no-packages"))
            .arg("--jobs")
            .arg("2");
        if let Some(ts) = timestamp {
            cmd.arg("--creation-timestamp").arg(ts.to_string());
        }
        cmd.arg(dir.join(main)).arg(pdf).current_dir(dir).env_remove("SOURCE_DATE_EPOCH");
        let start = Instant::now();
        let out = cmd.output().map_err(|e| format!("cannot run {}: {e}", self.path.display()))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            return Err(stderr.into_owned());
        }
        // A font typst cannot find would leave text out of the PDF: an error.
        if stderr.contains("unknown font family") {
            return Err(format!("the bundled fonts were not found by typst (font path {}):\n{stderr}", fonts.display()));
        }
        Ok(start.elapsed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(parse_version("typst 0.15.1 (unknown commit)"), Some((0, 15)));
        assert_eq!(parse_version("nonsense"), None);
    }

    #[test]
    fn version_cache_is_used_until_the_binary_changes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("typst");
        std::fs::write(&bin, "#!/bin/sh\necho 'typst 0.14.2 (fake)'\n").unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        let cache = dir.path().join(".typst-version");
        assert_eq!(find_cached(Some(&bin), &cache).unwrap().version, "typst 0.14.2 (fake)");
        // The answer now comes from the cache: prove it by editing the cache.
        let saved = std::fs::read_to_string(&cache).unwrap().replace("0.14.2", "0.14.9");
        std::fs::write(&cache, saved).unwrap();
        assert_eq!(find_cached(Some(&bin), &cache).unwrap().version, "typst 0.14.9 (fake)");
        // A changed binary is checked again, and a too-old one refused.
        std::fs::write(&bin, "#!/bin/sh\necho 'typst 0.11.0 (older, longer)'\n").unwrap();
        assert!(find_cached(Some(&bin), &cache).unwrap_err().contains("0.14 or newer"));
    }

    #[test]
    fn a_missing_typst_says_how_to_install() {
        let err = find(Some(Path::new("/nonexistent/typst"))).unwrap_err();
        assert!(err.contains("cargo install typst-cli --locked"), "{err}");
    }
}
