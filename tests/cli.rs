//! The command line as a user meets it: exit codes, bad input, writes.

mod common;
use common::*;

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn invalid_utf8_is_reported_with_offset_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"\xd9\x86\xd8\xb5  \xff\xfe tail\n".to_vec();
    let p = write(dir.path(), "bad.txt", &bytes);
    for cmd in ["check", "fix"] {
        let out = run(&[cmd, "bad.txt"], b"", dir.path());
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = text(&out.stderr);
        assert!(err.contains("bad.txt") && err.contains("offset 6"), "{cmd}: {err}");
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{cmd} changed a file it could not read");
    }
}

#[test]
fn binary_files_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"PK\x03\x04\x00\x00binary".to_vec();
    let p = write(dir.path(), "archive.txt", &bytes);
    let out = run(&["fix", "archive.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("binary") && text(&out.stderr).contains("offset 4"));
    assert_eq!(std::fs::read(&p).unwrap(), bytes);
}

#[test]
fn a_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/bad.txt", b"\xff");
    write(dir.path(), "a/dirty.txt", "قال  نعم\n".as_bytes());
    let out = run(&["check", "a"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("dirty.txt:1:4"), "{}", text(&out.stdout));
    let out = run(&["fix", "a"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(dir.path().join("a/dirty.txt")).unwrap(), "قال نعم\n");
}

#[test]
fn empty_input_passes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"");
    assert_eq!(run(&["check", "empty.txt"], b"", dir.path()).status.code(), Some(0));
    let out = run(&["fix", "-"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_huge_single_line_is_handled() {
    // 12 MB, with work for many rules: quotes, spaces, commas. In lines of
    // about 1 KB it is fixed; on one line (no paragraph is 12 MB) it is
    // reported (M003) and left as it is, since its findings alone would take
    // gigabytes.
    let unit = "قال  “نعم”, ثم ــ مضى بـ2022 الــعــربية ";
    let words: String = unit.repeat(12 * 1024 * 1024 / unit.len());
    let dir = tempfile::tempdir().unwrap();
    let lines: String = words.split_inclusive("الــعــربية ").collect::<Vec<_>>().chunks(20).map(|c| c.concat() + "\n").collect();
    write(dir.path(), "lines.txt", lines.as_bytes());
    let out = run(&["fix", "lines.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let fixed = std::fs::read_to_string(dir.path().join("lines.txt")).unwrap();
    assert!(fixed.starts_with("قال «نعم»، ثم – مضى بـ2022 العربية قال"), "{}", &fixed[..200]);
    assert_eq!(run(&["check", "-q", "lines.txt"], b"", dir.path()).status.code(), Some(0));

    write(dir.path(), "huge.txt", words.as_bytes());
    let words = words.trim_end().to_string();
    let out = run(&["fix", "huge.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("huge.txt:1:1: error M003"), "{}", text(&out.stderr));
    // Only the line-level rules touch it: the final newline.
    assert!(std::fs::read_to_string(dir.path().join("huge.txt")).unwrap() == words + "\n", "the line was changed");
    let out = run(&["check", "--format", "concise", "huge.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("huge.txt:1:1: error M003 this paragraph is 12288 KiB long"), "{}", text(&out.stdout));
}

#[test]
fn check_exit_codes_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.txt", "نص نظيف.\n".as_bytes());
    write(dir.path(), "dirty.md", "# عنوان\n\nقال \"نعم\" و`\"code\"`.\n".as_bytes());
    assert_eq!(run(&["check", "clean.txt"], b"", dir.path()).status.code(), Some(0));
    let out = run(&["check", "dirty.md"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1));
    let human = text(&out.stdout);
    assert!(human.contains("dirty.md:3:5: error Q002"), "{human}");
    assert!(human.contains("^^^^^"), "caret under the finding: {human}");
    let json: serde_json::Value = serde_json::from_slice(&run(&["check", "--format", "json", "dirty.md"], b"", dir.path()).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1, "the code span is never touched: {json}");
    assert_eq!(json[0]["code"], "Q002");
    assert_eq!(json[0]["start"]["line"], 3);
    assert_eq!(json[0]["fix"]["applicability"], "safe");
    let gh = text(&run(&["check", "--format", "github", "dirty.md"], b"", dir.path()).stdout);
    assert!(gh.starts_with("::error file=dirty.md,line=3,col=5,"), "{gh}");
    assert_eq!(run(&["check", "nope.txt"], b"", dir.path()).status.code(), Some(2));
}

#[test]
fn warnings_count_only_when_strict() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "w.txt", "بلغ 900.000 برميل.\n".as_bytes());
    let out = run(&["check", "w.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("warning D007"));
    assert_eq!(run(&["check", "--strict", "w.txt"], b"", dir.path()).status.code(), Some(1));
}

#[test]
fn fix_in_place_diff_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = "قال : لـ”الحل نت”\r\n";
    let p = write(dir.path(), "a.txt", dirty.as_bytes());
    let out = run(&["fix", "--diff", "a.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("+قال: لـ«الحل نت»"), "{}", text(&out.stdout));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), dirty, "--diff writes nothing");
    let out = run(&["fix", "a.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "قال: لـ«الحل نت»\n");
    assert!(text(&out.stderr).contains("fixed"));
    let out = run(&["fix", "-"], dirty.as_bytes(), dir.path());
    assert_eq!(text(&out.stdout), "قال: لـ«الحل نت»\n");
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let input = "بدأت في 5/1/2022 الأحداث.\nوفي 1112022 انتهت.\n";
    let safe = run(&["fix", "-"], input.as_bytes(), dir.path());
    assert_eq!(safe.status.code(), Some(1), "an ambiguous date is left for a person");
    assert_eq!(text(&safe.stdout), input);
    assert!(text(&safe.stderr).contains("D001"));
    let out = run(&["fix", "--unsafe", "-"], input.as_bytes(), dir.path());
    assert!(text(&out.stdout).contains("11/1/2022"));
}

#[test]
fn config_applies_and_broken_config_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "في 5 يناير/كانون الثاني\n".as_bytes());
    write(dir.path(), "dossier.toml", b"[clean]\nmonth-pairs = \"keep\"\n");
    assert_eq!(run(&["check", "a.txt"], b"", dir.path()).status.code(), Some(0));
    write(dir.path(), "dossier.toml", b"[clean]\nmonth-pairs = \"keep\"\nquotes = 3\n");
    let out = run(&["check", "a.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("dossier.toml") && err.contains("line 3") && err.contains("quotes"), "{err}");
    assert_eq!(run(&["check", "--ignore", "D002", "--config", "/dev/null", "a.txt"], b"", dir.path()).status.code(), Some(0));
}

#[test]
fn markdown_keeps_code_links_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let md = "---\ntitle: \"x\"\n---\n\nقال \"نعم\" ثم [رابط](https://a.b/c?x=1,2) و`a  ,b`.\n\n```\nقال  \"لا\"\n```\n\n<!-- dossier-ignore Q002 -->\nقال \"نعم\" هنا.\n";
    let out = run(&["fix", "--stdin-name", "a.md", "-"], md.as_bytes(), dir.path());
    let fixed = text(&out.stdout);
    assert!(fixed.contains("قال «نعم» ثم [رابط](https://a.b/c?x=1,2) و`a  ,b`."), "{fixed}");
    assert!(fixed.contains("```\nقال  \"لا\"\n```"), "{fixed}");
    assert!(fixed.contains("قال \"نعم\" هنا."), "dossier-ignore: {fixed}");
    assert!(fixed.starts_with("---\ntitle: \"x\"\n---"), "{fixed}");
}

#[test]
fn rules_and_explain_show_the_doc_comments() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["rules"], b"", dir.path());
    let list = text(&out.stdout);
    for code in ["Q001", "S001", "P001", "D001", "B001", "C001"] {
        assert!(list.contains(code), "{code} missing from `dossier rules`");
    }
    let out = run(&["explain", "Q001"], b"", dir.path());
    assert_eq!(out.status.code(), Some(0));
    let text = text(&out.stdout);
    assert!(text.contains("Curly quotes around Arabic text follow the house style.") && text.contains("لـ«الحل نت»"), "{text}");
    assert!(text.contains("Before:") && text.contains("After:"));
    assert_eq!(run(&["explain", "Z999"], b"", dir.path()).status.code(), Some(2));
}

/// `dossier import` writes the same clean article as `build`'s out/clean/,
/// so its output passes `check` (it used to fail S014 on every seed).
#[test]
fn imported_seeds_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    for seed in seeds() {
        std::fs::copy(&seed, dir.path().join(seed.file_name().unwrap())).unwrap();
    }
    let names: Vec<String> = seeds().iter().map(|s| s.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let mut args = vec!["import"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&args, b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mds: Vec<String> = names.iter().map(|n| n.replace(".txt", ".md")).collect();
    // Warnings (003's two grouping styles) stay for a person; errors would fail.
    let mut check = vec!["check"];
    check.extend(mds.iter().map(String::as_str));
    let out = run(&check, b"", dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

/// A directive takes what `--ignore` takes: codes, families and rule names;
/// a name that selects nothing is reported (M001), not silently ignored.
#[test]
fn ignore_directive_takes_rule_names() {
    let dir = tempfile::tempdir().unwrap();
    let body = "قال لـ”الحل نت” أمس.\n";
    for (directive, expect_q001, expect_m001) in
        [("curly-quotes", false, false), ("Q001", false, false), ("Q", false, false), ("curly-quotse", true, true)]
    {
        write(dir.path(), "a.md", format!("<!-- dossier-ignore {directive} -->\n{body}").as_bytes());
        let out = run(&["check", "--format", "json", "a.md"], b"", dir.path());
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let codes: Vec<&str> = found.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert_eq!(codes.contains(&"Q001"), expect_q001, "{directive}: {codes:?}");
        assert_eq!(codes.contains(&"M001"), expect_m001, "{directive}: {codes:?}");
        if expect_m001 {
            assert!(text(&out.stdout).contains("did you mean `curly-quotes`"), "{}", text(&out.stdout));
        }
    }
}

/// A file name can hold an escape sequence or a bidi override: printed raw
/// it could rewrite the terminal or reorder what is shown, so it is escaped.
#[test]
fn file_names_with_control_and_bidi_characters_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a\u{1b}[2J\u{202e}dm.md", "قال  نعم\n".as_bytes());
    let out = run(&["check", "."], b"", dir.path());
    let shown = text(&out.stdout);
    assert!(shown.contains("a\\u{1b}[2J\\u{202e}dm.md:1:4"), "{shown}");
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'), "{shown:?}");
}

/// UTF-16 (with its byte-order mark) is text in another encoding, not a
/// binary file; the hint says how to convert it.
#[test]
fn utf16_text_gets_a_conversion_hint() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain("قال نعم\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let p = write(dir.path(), "a.txt", &bytes);
    let out = run(&["fix", "a.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("UTF-16") && err.contains("iconv -f UTF-16LE -t UTF-8") && !err.contains("binary"), "{err}");
    assert_eq!(std::fs::read(&p).unwrap(), bytes);
}

/// Issue 23: suppressions like ruff's. Same-line and next-line comments in
/// markdown, a marker line in `.txt`, front matter for the whole file; fix
/// leaves what they cover; a directive that silences nothing is M004.
#[test]
fn suppressions_reach_a_line_a_next_line_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let md = "---\ntitle: عنوان\ndossier-ignore: [Q002]\n---\n\nقال  نعم <!-- dossier-ignore-line S001 -->\nوقال  لا\n\n<!-- dossier-ignore-next-line S001 -->\nثم  مضى\n\nقال \"نعم\" ثم مضى. <!-- dossier-ignore-line S001 -->\n";
    write(dir.path(), "a.md", md.as_bytes());
    let txt = "قال  نعم\ndossier-ignore-next-line: S001\nثم  مضى\ndossier-ignore-next-line: Q\nلا  بأس\n";
    write(dir.path(), "b.txt", txt.as_bytes());
    let out = run(&["check", "--format", "concise", "a.md", "b.txt"], b"", dir.path());
    let found: Vec<String> = text(&out.stdout)
        .lines()
        .filter(|l| l.contains(": error"))
        .map(|l| l.split(" error ").next().unwrap().to_string() + " " + &l.split(" error ").nth(1).unwrap()[..4])
        .collect();
    assert_eq!(
        found,
        ["a.md:7:5: S001", "a.md:12:19: M004", "b.txt:1:4: S001", "b.txt:4:1: M004", "b.txt:5:3: S001"],
        "{}",
        text(&out.stdout)
    );

    let out = run(&["fix", "a.md", "b.txt"], b"", dir.path());
    assert_eq!(out.status.code(), Some(1), "M004 is left for a person: {}", text(&out.stderr));
    let md_fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(md_fixed, md.replace("وقال  لا", "وقال لا"));
    let txt_fixed = std::fs::read_to_string(dir.path().join("b.txt")).unwrap();
    assert_eq!(txt_fixed, txt.replace("قال  نعم", "قال نعم").replace("لا  بأس", "لا بأس"));
}

/// `fix` on a file with nothing to fix takes one round, markdown too; one
/// that needs fixes takes the rounds they need. `DOSSIER_TEST_COUNTS` makes
/// it say how many.
#[test]
fn fix_takes_one_round_on_a_clean_file() {
    let dir = tempfile::tempdir().unwrap();
    let rounds = |name: &str, content: &str| {
        write(dir.path(), name, content.as_bytes());
        let out = bin().args(["fix", name]).current_dir(dir.path()).env("DOSSIER_TEST_COUNTS", "1").output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let said = text(&out.stderr);
        let n = said.lines().find_map(|l| l.strip_prefix("dossier-test: ")?.strip_suffix(" rounds of fixes")?.parse::<usize>().ok());
        n.unwrap_or_else(|| panic!("no count in {said}"))
    };
    assert_eq!(rounds("clean.md", "---\ntitle: مقال\n---\n\n# عنوان\n\nقال «نعم»، ثم مضى.\n"), 1);
    assert_eq!(rounds("clean.txt", "قال «نعم»، ثم مضى.\n"), 1);
    assert!(rounds("dirty.md", "قال  \"نعم\" ,ثم مضى.\n") >= 2);
    assert_eq!(std::fs::read_to_string(dir.path().join("dirty.md")).unwrap(), "قال «نعم»، ثم مضى.\n");
}
