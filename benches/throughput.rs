//! `cargo bench`: throughput of the real binary against the baselines the
//! cleanup issue names, on a corpus made from the seeds.
//!
//! The corpus generator repeats the five seed articles (raw: the dirty
//! corpus) up to `DOSSIER_BENCH_MB` megabytes (default 100), and fixes it
//! once (the clean corpus). Each measurement is the best of
//! `DOSSIER_BENCH_RUNS` runs (default 3), paired with the baseline in the same
//! process so both see the same machine state:
//! - `dossier fix -` on the dirty corpus, against a five-substitution
//!   `LC_ALL=C sed` script on the same file;
//! - `dossier check` on the clean corpus;
//! - with `DOSSIER_BENCH_BASELINE=/path/to/an/older/dossier`, the same two
//!   commands of that build on the same files, and this build's time as a
//!   share of its ("no slower than before" is then one run away);
//! - peak memory of both, from `/usr/bin/time` when it is installed;
//! - `dossier build` on the seeds and on the seeds repeated 20 times, with
//!   the share of time that is dossier's own work (everything but typst),
//!   when the typst CLI is installed;
//! - `dossier build` of many small articles (`DOSSIER_BENCH_ARTICLES`,
//!   default 250 and 2,500): wall time and peak memory at each size, and
//!   the ratios, which a linear build keeps near the ratio of the sizes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Make the dirty and clean corpora (once per size) in target/bench-corpus.
fn corpus(mb: usize) -> (PathBuf, PathBuf) {
    let dir = root().join("target/bench-corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let dirty = dir.join(format!("dirty-{mb}mb.txt"));
    let clean = dir.join(format!("clean-{mb}mb.txt"));
    if !dirty.exists() || !clean.exists() {
        let mut seeds: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        seeds.sort();
        let texts: Vec<String> = seeds.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
        let mut out = String::with_capacity(mb << 20);
        'fill: loop {
            for t in &texts {
                if out.len() >= mb << 20 {
                    break 'fill;
                }
                out.push_str(t);
                out.push_str("\n\n");
            }
        }
        std::fs::write(&dirty, &out).unwrap();
        let settings = dossier::clean::Settings::default();
        let fixed = dossier::clean::fix(&out, dossier::clean::Format::Text, &settings, dossier::clean::FixMode::Safe).unwrap();
        std::fs::write(&clean, fixed.text).unwrap();
    }
    (dirty, clean)
}

/// Best wall time of `runs` runs of `cmd`, stdin from `input`, stdout discarded.
fn time(runs: usize, input: &Path, mut cmd: impl FnMut() -> Command) -> f64 {
    (0..runs)
        .map(|_| {
            let mut c = cmd();
            c.stdin(std::fs::File::open(input).unwrap()).stdout(Stdio::null()).stderr(Stdio::null());
            let start = Instant::now();
            c.status().expect("command runs");
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Peak resident memory in MB of one run, if `/usr/bin/time` exists.
fn peak_mb(input: &Path, program: &str, args: &[&str]) -> Option<f64> {
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg(program)
        .args(args)
        .stdin(std::fs::File::open(input).ok()?)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let kb: f64 = String::from_utf8_lossy(&out.stderr).lines().last()?.trim().parse().ok()?;
    Some(kb / 1024.0)
}

const SED_SCRIPT: &str = "s/  */ /g;s/ ،/،/g;s/“/«/g;s/”/»/g;s/ \\././g";

fn cleanup(runs: usize) {
    let mb = env_usize("DOSSIER_BENCH_MB", 100);
    let (dirty, clean) = corpus(mb);
    let size = std::fs::metadata(&dirty).unwrap().len() as f64 / 1e6;
    let clean_size = std::fs::metadata(&clean).unwrap().len() as f64 / 1e6;
    let bin = env!("CARGO_BIN_EXE_dossier");

    let sed = time(runs, &dirty, || {
        let mut c = Command::new("sed");
        c.env("LC_ALL", "C").arg(SED_SCRIPT);
        c
    });
    let fix = time(runs, &dirty, || {
        let mut c = Command::new(bin);
        c.args(["fix", "-"]);
        c
    });
    let check = time(runs, &clean, || {
        let mut c = Command::new(bin);
        c.args(["check", "-q", "-"]);
        c
    });
    println!("cleanup corpus: {size:.1} MB dirty (seeds repeated), {clean_size:.1} MB clean; best of {runs}");
    println!("  sed (5 substitutions, LC_ALL=C) {sed:>7.3} s  {:>7.1} MB/s", size / sed);
    println!("  dossier fix -  (dirty)          {fix:>7.3} s  {:>7.1} MB/s  = {:.2}× sed's time (goal ≤ 0.50)", size / fix, fix / sed);
    println!(
        "  dossier check  (clean)          {check:>7.3} s  {:>7.1} MB/s  = {:.2}× sed's time (goal ≤ 0.20)",
        clean_size / check,
        check / sed
    );
    if let Ok(baseline) = std::env::var("DOSSIER_BENCH_BASELINE") {
        let base_fix = time(runs, &dirty, || {
            let mut c = Command::new(&baseline);
            c.args(["fix", "-"]);
            c
        });
        let base_check = time(runs, &clean, || {
            let mut c = Command::new(&baseline);
            c.args(["check", "-q", "-"]);
            c
        });
        println!("  baseline {baseline}");
        println!("    fix -  {base_fix:>7.3} s  {:>7.1} MB/s; this build takes {:.2}× its time", size / base_fix, fix / base_fix);
        println!(
            "    check  {base_check:>7.3} s  {:>7.1} MB/s; this build takes {:.2}× its time",
            clean_size / base_check,
            check / base_check
        );
    }
    if let (Some(fix_mem), Some(check_mem)) = (peak_mb(&dirty, bin, &["fix", "-"]), peak_mb(&clean, bin, &["check", "-q", "-"])) {
        println!(
            "  peak memory: fix {fix_mem:.0} MB ({:.2}× input), check {check_mem:.0} MB ({:.2}× input) (goal < 3×)",
            fix_mem / size,
            check_mem / clean_size
        );
    }
}

/// `dossier build` on the seeds and on the seeds ×20, with dossier's own
/// share of the time (its report gives the typst time).
fn build(runs: usize) {
    let bin = env!("CARGO_BIN_EXE_dossier");
    if Command::new("typst").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().map_or(true, |s| !s.success()) {
        println!("build: skipped (typst CLI not found)");
        return;
    }
    let dir = root().join("target/bench-corpus/seeds-x20");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..20 {
        for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&p, dir.join(format!("{i:02}_{}", p.file_name().unwrap().to_str().unwrap()))).unwrap();
            }
        }
    }
    for (name, input) in [("seeds", root().join("seeds")), ("seeds ×20", dir.clone())] {
        let out = root().join("target/bench-corpus/build-out");
        // A folder left by an older dossier has no manifest: its files
        // would not be replaced.
        if !out.join(".dossier-manifest").exists() {
            let _ = std::fs::remove_dir_all(&out);
        }
        let mut best = (f64::INFINITY, 0.0);
        for _ in 0..runs {
            let start = Instant::now();
            let status = Command::new(bin)
                .arg("build")
                .arg(&input)
                .arg("--out")
                .arg(&out)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            let total = start.elapsed().as_secs_f64();
            assert!(status.success(), "dossier build {} failed", input.display());
            let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
            let typst = report["timing"]["typst_seconds"].as_f64().unwrap_or(0.0);
            if total < best.0 {
                best = (total, typst);
            }
        }
        let (total, typst) = best;
        let own = total - typst;
        println!(
            "build {name:<10} total {total:>6.2} s, typst {typst:>6.2} s, dossier's own work {own:>6.3} s = {:.1}% (goal < 10%)",
            100.0 * own / total
        );
    }
}

/// A dossier of `n` small generated articles (three short paragraphs each).
fn small_articles(n: usize) -> PathBuf {
    let dir = root().join(format!("target/bench-corpus/small-{n}"));
    if !dir.join(format!("a{:05}.md", n - 1)).exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let paragraph = "نص قصير في مقال صغير، عن أحداث كانون الثاني/يناير 2022 في كازاخستان. ".repeat(6);
        for i in 0..n {
            std::fs::write(dir.join(format!("a{i:05}.md")), format!("# مقال رقم {i}\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n"))
                .unwrap();
        }
    }
    dir
}

/// Build time and peak memory (of dossier and typst together: /usr/bin/time
/// counts the largest process of the tree) as the article count grows.
fn scaling() {
    let bin = env!("CARGO_BIN_EXE_dossier");
    if Command::new("typst").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().map_or(true, |s| !s.success()) {
        println!("scaling: skipped (typst CLI not found)");
        return;
    }
    let sizes: Vec<usize> = match std::env::var("DOSSIER_BENCH_ARTICLES") {
        Ok(v) => v.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![250, 2500],
    };
    let mut first: Option<(usize, f64, f64)> = None;
    for n in sizes {
        let input = small_articles(n);
        let out = root().join(format!("target/bench-corpus/small-out-{n}"));
        let _ = std::fs::remove_dir_all(&out);
        let start = Instant::now();
        let run = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(bin)
            .arg("build")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .arg("--timeout")
            .arg("3600")
            .stdout(Stdio::null())
            .output()
            .expect("/usr/bin/time runs");
        let seconds = start.elapsed().as_secs_f64();
        assert!(run.status.success(), "build of {n} articles failed: {}", String::from_utf8_lossy(&run.stderr));
        let mb = String::from_utf8_lossy(&run.stderr).lines().last().and_then(|l| l.trim().parse::<f64>().ok()).unwrap_or(0.0) / 1024.0;
        match first {
            None => {
                println!("build {n:>5} small articles: {seconds:>7.2} s, peak {mb:>7.0} MB");
                first = Some((n, seconds, mb));
            }
            Some((n0, s0, m0)) => println!(
                "build {n:>5} small articles: {seconds:>7.2} s, peak {mb:>7.0} MB; {:.1}x the articles took {:.1}x the time, {:.1}x the memory",
                n as f64 / n0 as f64,
                seconds / s0,
                mb / m0
            ),
        }
    }
}

fn main() {
    // `cargo bench` passes --bench; a filter argument picks one part.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let runs = env_usize("DOSSIER_BENCH_RUNS", 3);
    if filter.as_deref().is_none_or(|f| "cleanup".contains(f)) {
        cleanup(runs);
    }
    if filter.as_deref().is_none_or(|f| "build".contains(f)) {
        build(runs);
    }
    if filter.as_deref().is_none_or(|f| "scaling".contains(f)) {
        scaling();
    }
}
