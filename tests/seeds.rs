//! The five seed articles as golden files: what `fix` makes of each, and
//! what `check` says about each, both readable for review in tests/golden/.

mod common;
use common::*;

fn fixed(seed: &std::path::Path) -> String {
    let out = run(&["fix", "-"], &std::fs::read(seed).unwrap(), &root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn fixed_seeds_match_golden_files() {
    for seed in seeds() {
        let stem = seed.file_stem().unwrap().to_str().unwrap();
        golden(&format!("{stem}.fixed.txt"), &fixed(&seed));
    }
}

#[test]
fn check_reports_match_golden_files() {
    for seed in seeds() {
        let stem = seed.file_stem().unwrap().to_str().unwrap();
        let rel = seed.strip_prefix(root()).unwrap().to_str().unwrap().to_string();
        let out = run(&["check", &rel], b"", &root());
        assert_eq!(out.status.code(), Some(1), "raw seed {rel} must not pass");
        golden(&format!("{stem}.check.txt"), &text(&out.stdout));
    }
}

#[test]
fn fixed_seeds_show_the_house_style() {
    let all: Vec<(String, String)> = seeds().iter().map(|s| (s.file_name().unwrap().to_str().unwrap().to_string(), fixed(s))).collect();
    let get = |prefix: &str| &all.iter().find(|(n, _)| n.starts_with(prefix)).unwrap().1;
    for want in ["لـ«الحل نت»", "5 كانون الثاني/يناير"] {
        assert!(get("000").contains(want), "000 lacks {want}");
    }
    assert!(get("001").contains("فيها؟ بما"));
    assert!(!get("001").contains("  ") && !get("001").contains('\u{a0}'), "001 keeps a double or odd space");
    for want in ["المتحدة – ومعها", "7.1.2022 In"] {
        assert!(get("002").contains(want), "002 lacks {want}");
    }
    for want in ["في 5/1/2022،", "في 10/1/2022", "الاول – اثناء", "وبـ«فرادة»", "370,000", "2.700.025"] {
        assert!(get("003").contains(want), "003 lacks {want}");
    }
    assert!(get("004").contains("انتهت، المهام"));
    for (name, t) in &all {
        for line in t.lines() {
            // Curly quotes may stay only around Latin text.
            for (i, c) in line.char_indices() {
                if c == '\u{201C}' || c == '\u{201D}' {
                    let around: String = line[i..].chars().skip(1).take(3).collect();
                    assert!(around.chars().any(|c| c.is_ascii_alphabetic()), "{name}: curly quote in Arabic text near {around:?}");
                }
            }
        }
    }
}

#[test]
fn check_passes_every_fixed_seed() {
    let dir = tempfile::tempdir().unwrap();
    for seed in seeds() {
        std::fs::copy(&seed, dir.path().join(seed.file_name().unwrap())).unwrap();
    }
    let out = run(&["fix", "."], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run(&["check", "."], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    // Seeds in the repository are never edited: the demo input stays raw.
    for seed in seeds() {
        let shared = root().join("../shared/seeds").join(seed.file_name().unwrap());
        if shared.exists() {
            assert_eq!(std::fs::read(&seed).unwrap(), std::fs::read(&shared).unwrap(), "{} was edited", seed.display());
        }
    }
}
