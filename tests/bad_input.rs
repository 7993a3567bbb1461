//! Bad input never crashes factdiff and nothing is lost (issue #10): every unreadable file is
//! named in a warning (`warning: <path>[:<line>:<col>]: <message>`) and in the JSON report, the
//! run goes on with the other articles, rule files with mistakes give every error at once
//! (exit 2), and the corpus is never written to. Each case drives the real binary.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rules() -> PathBuf {
    root().join("rules")
}

/// A stale claim in a dated article: the `30` gives a `stale-fact` finding (31 since 2023-04-04).
const STALE: &str = "+++\ndate = 2023-11-29\n+++\nNATO is an alliance of 30 member countries.\n";

struct Out {
    code: Option<i32>,
    json: Value,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// `factdiff check <paths> --rules <rules> --format json` in `dir`.
fn check_in(dir: &Path, paths: &[&Path], rules: &Path) -> Out {
    let mut cmd = Command::cargo_bin("factdiff").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1").arg("check").args(paths).arg("--rules").arg(rules).args(["--format", "json"]);
    let start = Instant::now();
    let out = cmd.output().unwrap();
    let took = start.elapsed();
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "factdiff panicked:\n{stderr}");
    let json = if stdout.trim().is_empty() { Value::Null } else { serde_json::from_str(&stdout).expect("stdout is one JSON document") };
    Out { code: out.status.code(), json, stdout, stderr, took }
}

fn check(dir: &Path, paths: &[&Path]) -> Out {
    check_in(dir, paths, &rules())
}

fn findings<'a>(out: &'a Out, check: &str) -> Vec<&'a Value> {
    out.json["findings"].as_array().unwrap().iter().filter(|f| f["check"] == check).collect()
}

/// The `warning:` lines of stderr that name `path`.
fn warnings_for<'a>(out: &'a Out, path: &str) -> Vec<&'a str> {
    out.stderr.lines().filter(|l| l.starts_with(&format!("warning: {path}:"))).collect()
}

/// Exactly one warning naming `path`, containing `what`; also in the JSON `warnings`.
fn assert_skipped(out: &Out, path: &str, what: &str) -> String {
    let lines = warnings_for(out, path);
    assert_eq!(lines.len(), 1, "one warning for {path} expected, stderr:\n{}", out.stderr);
    assert!(lines[0].contains(what), "warning for {path} should say {what:?}: {}", lines[0]);
    let in_json =
        out.json["warnings"].as_array().unwrap().iter().any(|w| w["path"] == path && w["message"].as_str().unwrap().contains(what));
    assert!(in_json, "JSON warnings should name {path}: {}", out.json["warnings"]);
    lines[0].to_string()
}

/// A folder holding the stale article `good.md` and the given bad files.
fn corpus_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("c")).unwrap();
    fs::write(dir.path().join("c/good.md"), STALE).unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join("c").join(name), bytes).unwrap();
    }
    dir
}

/// The good article next to the bad ones was still read and checked.
fn assert_good_article_checked(out: &Out) {
    let stale = findings(out, "stale-fact");
    assert_eq!(stale.len(), 1, "{}", out.stdout);
    assert_eq!(stale[0]["location"]["path"], "c/good.md");
    assert_eq!(out.code, Some(1), "a stale fact is an error finding: exit 1\n{}", out.stderr);
}

#[test]
fn invalid_utf8_is_skipped_with_line_and_column() {
    let dir = corpus_with(&[("latin1.md", b"+++\ndate = 2023-11-29\n+++\nCaf\xe9 opened with 30 member countries.\n")]);
    let out = check(dir.path(), &[Path::new("c")]);
    let w = assert_skipped(&out, "c/latin1.md", "invalid UTF-8");
    assert!(w.starts_with("warning: c/latin1.md:4:4: "), "{w}");
    assert!(w.contains("iconv"), "says what to do: {w}");
    assert_eq!(out.json["summary"]["skipped_files"], 1);
    assert_good_article_checked(&out);
}

#[test]
fn utf16_with_bom_is_skipped_with_a_hint() {
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(STALE.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(STALE.encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
    let dir = corpus_with(&[("utf16le.md", &le), ("utf16be.txt", &be)]);
    let out = check(dir.path(), &[Path::new("c")]);
    for name in ["c/utf16le.md", "c/utf16be.txt"] {
        let w = assert_skipped(&out, name, "UTF-16");
        assert!(w.contains("iconv -f UTF-16 -t UTF-8"), "{w}");
    }
    assert_eq!(out.json["summary"]["skipped_files"], 2);
    assert_good_article_checked(&out);
}

#[test]
fn binary_files_are_skipped() {
    // A PNG header renamed to .md, and bytes with a NUL past the first line.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let mut mixed = b"NATO has 30 member countries.\n".to_vec();
    mixed.extend_from_slice(&[0, 1, 2, 3, 0xff, 0]);
    let dir = corpus_with(&[("image.md", png), ("mixed.txt", &mixed)]);
    let out = check(dir.path(), &[Path::new("c")]);
    assert_skipped(&out, "c/image.md", "binary file");
    assert_skipped(&out, "c/mixed.txt", "binary file");
    assert_good_article_checked(&out);
}

#[test]
fn empty_and_blank_files_are_articles_without_claims() {
    let dir = corpus_with(&[
        ("empty.md", b""),
        ("blank.md", b"\n\n   \r\n\t\n"),
        ("only-front-matter.md", b"+++\ndate = 2023-11-29\n+++\n"),
        ("only-yaml.md", b"---\n---\n"),
    ]);
    let out = check(dir.path(), &[Path::new("c")]);
    assert_eq!(out.json["summary"]["articles"], 5, "{}", out.stderr);
    assert_eq!(out.json["summary"]["skipped_files"], 0, "{}", out.stderr);
    assert_good_article_checked(&out);

    // Only an empty file: a clean run, nothing to report.
    let only = tempfile::tempdir().unwrap();
    fs::write(only.path().join("empty.md"), "").unwrap();
    let out = check(only.path(), &[Path::new("empty.md")]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.json["summary"]["articles"], 1);
    assert!(out.json["findings"].as_array().unwrap().is_empty());
}

#[test]
fn one_megabyte_single_line() {
    // 1 MB of prose without a line break, the stale claim at the very end of the line.
    let sentence = "The ministers met in Brussels and discussed support for the alliance. ";
    let mut line = String::from("+++\ndate = 2023-11-29\n+++\n");
    let body_start = line.len();
    while line.len() - body_start < 1 << 20 {
        line.push_str(sentence);
    }
    let prefix_chars = line[body_start..].chars().count();
    line.push_str("NATO is an alliance of 30 member countries.");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("long.md"), &line).unwrap();
    let out = check(dir.path(), &[Path::new("long.md")]);
    let stale = findings(&out, "stale-fact");
    assert_eq!(stale.len(), 1, "{}\n{}", out.stdout, out.stderr);
    let loc = &stale[0]["location"];
    assert_eq!(loc["line"], 4);
    assert_eq!(loc["column"], prefix_chars + "NATO is an alliance of ".len() + 1);
    assert!(out.took < Duration::from_secs(60), "took {:?}", out.took);
}

/// A huge article, written into a temporary folder by the test, through the whole pipeline.
/// 200 MB in release test builds (`cargo test --release --test bad_input`: about two minutes and
/// 2.3 GB); the debug build `cargo test` makes is ~15 times slower, so there it is 4 MB, which
/// still shows the run is linear and does not crash. `FACTDIFF_BIG_MB` overrides the size.
#[test]
fn huge_article_is_read_in_bounded_time() {
    let default_mb = if cfg!(debug_assertions) { 4 } else { 200 };
    let mb: usize = std::env::var("FACTDIFF_BIG_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(default_mb);
    let dir = tempfile::tempdir().unwrap();
    let claims = write_big_article(&dir.path().join("huge.md"), mb << 20);
    let out = check(dir.path(), &[Path::new("huge.md")]);
    assert!(matches!(out.code, Some(0 | 1)), "exit {:?}\n{}", out.code, out.stderr);
    assert_eq!(out.json["summary"]["articles"], 1, "{}", out.stderr);
    let stale = findings(&out, "stale-fact").len();
    assert!(stale >= 1 && stale <= claims, "{stale} stale findings for {claims} stale claims");
    assert!(out.took < Duration::from_secs(240), "{mb} MB took {:?}", out.took);
}

// Found by the huge-article test: near-verbatim was quadratic in one long article (each seed
// was checked against every region found so far): 2 MB took 5 s in release, 4 MB 86 s.
#[test]
fn near_verbatim_is_not_quadratic_on_a_long_article() {
    let dir = tempfile::tempdir().unwrap();
    write_big_article(&dir.path().join("long.md"), 2 << 20);
    let out = check(dir.path(), &[Path::new("long.md")]);
    assert!(matches!(out.code, Some(0 | 1)), "{}", out.stderr);
    // Debug build: about 10 s now, about 300 s before the fix.
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 90 } else { 10 });
    assert!(out.took < limit, "2 MB took {:?}", out.took);
}

/// Varied prose paragraphs (no two alike, so near-verbatim has nothing to do) up to `bytes`,
/// with a stale NATO count every 4096 paragraphs. Returns how many stale claims it wrote.
fn write_big_article(path: &Path, bytes: usize) -> usize {
    use std::io::Write;
    const WORDS: &[&str] = &[
        "ministers",
        "alliance",
        "support",
        "Brussels",
        "package",
        "funding",
        "security",
        "council",
        "meeting",
        "defence",
        "partners",
        "agreed",
        "reported",
        "officials",
        "sanctions",
        "energy",
        "talks",
        "summit",
        "budget",
        "troops",
        "border",
        "aid",
        "vote",
        "parliament",
        "statement",
        "week",
        "plan",
        "region",
        "forces",
        "decision",
    ];
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    f.write_all(b"+++\ndate = 2023-11-29\n+++\n").unwrap();
    let (mut written, mut n, mut claims, mut x) = (0usize, 0usize, 0usize, 0x9E37_79B9_7F4A_7C15u64);
    let mut para = String::new();
    while written < bytes {
        para.clear();
        for _ in 0..40 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            para.push_str(WORDS[(x % WORDS.len() as u64) as usize]);
            para.push(' ');
        }
        para.push_str(&format!("with {} units and ${}.{}bn on record.", x % 1000, x % 97, x % 10));
        if n % 4096 == 0 {
            para.push_str(" NATO is an alliance of 30 member countries.");
            claims += 1;
        }
        para.push_str("\n\n");
        f.write_all(para.as_bytes()).unwrap();
        written += para.len();
        n += 1;
    }
    f.flush().unwrap();
    claims
}

/// Whether this process can read a file whose mode is 000 (root, or CAP_DAC_OVERRIDE).
fn can_bypass_permissions(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&probe).is_ok();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_file(&probe).unwrap();
    readable
}

#[test]
fn unreadable_file_and_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus_with(&[("locked.md", STALE.replace("30", "29").as_bytes())]);
    fs::create_dir(dir.path().join("c/locked-dir")).unwrap();
    fs::write(dir.path().join("c/locked-dir/inner.md"), STALE.replace("30", "28")).unwrap();
    let privileged = can_bypass_permissions(dir.path());
    fs::set_permissions(dir.path().join("c/locked.md"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(dir.path().join("c/locked-dir"), fs::Permissions::from_mode(0o000)).unwrap();
    let out = check(dir.path(), &[Path::new("c")]);
    fs::set_permissions(dir.path().join("c/locked-dir"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(dir.path().join("c/locked.md"), fs::Permissions::from_mode(0o644)).unwrap();
    if privileged {
        // Running as root: mode 000 does not stop reading, so both are ordinary articles. The
        // refusal path is still covered below with a path that cannot be read by anyone.
        assert_eq!(out.json["summary"]["articles"], 3, "{}", out.stderr);
        assert_eq!(findings(&out, "stale-fact").len(), 3);
    } else {
        assert_skipped(&out, "c/locked.md", "could not read");
        assert!(out.stderr.contains("Permission denied"), "{}", out.stderr);
        assert!(out.stderr.lines().any(|l| l.starts_with("warning: c") && l.contains("could not walk")), "{}", out.stderr);
        assert_good_article_checked(&out);
    }

    // A file that cannot be read whatever the privileges: a folder named like an article,
    // given explicitly (reading it fails with EISDIR) — the same path as a permission error.
    let d2 = tempfile::tempdir().unwrap();
    fs::write(d2.path().join("good.md"), STALE).unwrap();
    fs::create_dir(d2.path().join("folder.md")).unwrap();
    fs::create_dir(d2.path().join("folder.md/sub")).unwrap();
    let out = check(d2.path(), &[Path::new("good.md"), Path::new("folder.md")]);
    assert_eq!(out.json["summary"]["articles"], 1, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"));
}

#[test]
fn symlink_loops_and_dangling_links() {
    use std::os::unix::fs::symlink;
    let dir = corpus_with(&[]);
    let c = dir.path().join("c");
    fs::create_dir(c.join("sub")).unwrap();
    symlink("..", c.join("sub/up")).unwrap(); // folder loop: c/sub/up -> c
    symlink("self.md", c.join("self.md")).unwrap(); // a link to itself
    symlink("b.md", c.join("a.md")).unwrap(); // a.md -> b.md -> a.md
    symlink("a.md", c.join("b.md")).unwrap();
    symlink("missing.md", c.join("dangling.md")).unwrap();
    let out = check(dir.path(), &[Path::new("c")]);
    assert!(out.took < Duration::from_secs(30), "took {:?}", out.took);
    // The loop is walked once: the good article is read once, not once per lap.
    assert_eq!(out.json["summary"]["articles"], 1, "{}", out.stderr);
    assert!(out.stderr.contains("loop"), "the folder loop is reported:\n{}", out.stderr);
    for name in ["self.md", "a.md", "b.md", "dangling.md"] {
        assert!(out.stderr.lines().any(|l| l.starts_with("warning: ") && l.contains(name)), "{name} is reported:\n{}", out.stderr);
    }
    assert_good_article_checked(&out);

    // A looping link given explicitly on the command line.
    let out = check(dir.path(), &[Path::new("c/self.md")]);
    assert!(out.code.is_some(), "exited by a signal");
    assert!(out.stderr.contains("c/self.md"), "{}", out.stderr);
}

#[test]
fn paths_with_spaces_and_non_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("my corpus/Новости – 新闻");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("Zürich report 2023 ✓.md"), STALE).unwrap();
    fs::write(folder.join("café latin1.md"), b"caf\xe9\n").unwrap();
    let out = check(dir.path(), &[Path::new("my corpus")]);
    let stale = findings(&out, "stale-fact");
    assert_eq!(stale.len(), 1, "{}", out.stderr);
    assert_eq!(stale[0]["location"]["path"], "my corpus/Новости – 新闻/Zürich report 2023 ✓.md");
    assert_skipped(&out, "my corpus/Новости – 新闻/café latin1.md", "invalid UTF-8");
    // And named directly.
    let out = check(dir.path(), &[Path::new("my corpus/Новости – 新闻/Zürich report 2023 ✓.md")]);
    assert_eq!(findings(&out, "stale-fact").len(), 1, "{}", out.stderr);
}

#[test]
fn crlf_line_endings_give_the_right_column() {
    let text = "+++\r\ntitle = \"CRLF\"\r\ndate = 2023-11-29\r\n+++\r\nFirst line – with “quotes”.\r\n\r\nNATO is an alliance of 30 member countries.\r\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("crlf.md"), text).unwrap();
    let out = check(dir.path(), &[Path::new("crlf.md")]);
    let stale = findings(&out, "stale-fact");
    assert_eq!(stale.len(), 1, "{}\n{}", out.stdout, out.stderr);
    let loc = &stale[0]["location"];
    assert_eq!((loc["line"].as_u64(), loc["column"].as_u64()), (Some(7), Some(24)), "{loc}");
    assert_eq!((loc["end_line"].as_u64(), loc["end_column"].as_u64()), (Some(7), Some(26)), "{loc}");
    let start = loc["byte_start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 2], "30");
    assert_eq!(loc["date"], "2023-11-29");
    assert_eq!(out.code, Some(1));
}

#[test]
fn rules_with_every_kind_of_mistake_are_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("rules");
    fs::create_dir(&r).unwrap();
    fs::write(dir.path().join("a.md"), STALE).unwrap();
    // Each file stops at its first TOML or schema error, so one file per such error.
    fs::write(r.join("1-syntax.toml"), "[[fact]]\nid = \"unterminated\ntitle = \"x\"\n").unwrap();
    fs::write(r.join("2-unknown-key.toml"), "[[fact]]\nid = \"a\"\ntitle = \"A\"\nkind = \"count\"\npattrens = ['{count} allies']\n")
        .unwrap();
    fs::write(r.join("3-bad-kind.toml"), "[[fact]]\nid = \"b\"\ntitle = \"B\"\nkind = \"counts\"\npatterns = ['{count} allies']\n")
        .unwrap();
    fs::write(r.join("4-latin1.toml"), b"# caf\xe9\n").unwrap();
    // Everything checked after parsing, collected within one file.
    let semantic = r#"
[[fact]]
id = "Bad Id"
title = "bad id"
kind = "count"
patterns = ['{count} members']

[[fact]]
id = "no-patterns"
title = "no patterns"
kind = "count"

[[fact]]
id = "broken"
title = "broken patterns"
kind = "money"
patterns = ['{mony} package', '{money} (package', 'no placeholder here']
regex = ['(?P<other>\d+)']
not-when = ['other {count']
tolerance = "lots"
window-days = -3
values-within = [40, 10]
rivals = ['(OSCE']
subject = { us = '(' }
subject-default = "eu"

[[fact.reference]]
value = "thirty"
from = 2023-01-01
until = 2022-01-01
source = "nowhere"

[[term]]
id = "t"
preferred = ""
variants = ["Kiev"]

[[term]]
id = "t2"

[currencies]
rates = { eur = -1.0 }
tolerance = 5
source = "x"

[near-verbatim]
min-words = 2
similarity = 3.0
boilerplate-min-docs = 1
"#;
    fs::write(r.join("5-semantic.toml"), semantic).unwrap();
    let dup = "[[fact]]\nid = \"dup\"\ntitle = \"Dup\"\nkind = \"count\"\npatterns = ['{count} allies']\n";
    fs::write(r.join("6-duplicate.toml"), format!("{dup}\n{dup}")).unwrap();
    let out = check_in(dir.path(), &[Path::new("a.md")], Path::new("rules"));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "no report on rule errors: {}", out.stdout);
    let expect: &[(&str, &str)] = &[
        ("rules/1-syntax.toml:2:", ""),
        ("rules/2-unknown-key.toml:5:1:", "pattrens"),
        ("rules/3-bad-kind.toml:4:", "counts"),
        ("rules/4-latin1.toml:", "could not read"),
        ("rules/5-semantic.toml:3:", "invalid id `Bad Id`"),
        ("rules/5-semantic.toml:", "has no `patterns`"),
        ("rules/5-semantic.toml:", "{mony}"),
        ("rules/5-semantic.toml:", "invalid regex"),
        ("rules/5-semantic.toml:", "has no value"),
        ("rules/5-semantic.toml:", "no `(?P<value>...)` group"),
        ("rules/5-semantic.toml:", "in not-when"),
        ("rules/5-semantic.toml:", "invalid tolerance `\"lots\"`"),
        ("rules/5-semantic.toml:", "window-days must be between"),
        ("rules/5-semantic.toml:", "values-within must be two numbers, the lowest first"),
        ("rules/5-semantic.toml:", "in rivals `(OSCE`"),
        ("rules/5-semantic.toml:", "in subject `us`"),
        ("rules/5-semantic.toml:", "subject-default `eu`"),
        ("rules/5-semantic.toml:", "empty spelling"),
        ("rules/5-semantic.toml:", "term `t2` needs either"),
        ("rules/5-semantic.toml:", "invalid rate eur"),
        ("rules/5-semantic.toml:", "min-words must be between 5 and 10000"),
        ("rules/5-semantic.toml:", "similarity must be between"),
        ("rules/5-semantic.toml:", "boilerplate-min-docs must be at least 2"),
        ("rules/6-duplicate.toml:", "duplicate id `dup`"),
    ];
    let mut missing = Vec::new();
    for (prefix, what) in expect {
        if !out.stderr.lines().any(|l| l.starts_with(prefix) && l.contains(what)) {
            missing.push(format!("{prefix} … {what}"));
        }
    }
    assert!(missing.is_empty(), "not reported: {missing:#?}\nstderr:\n{}", out.stderr);
    // Every error line names its file with line:col when it has a place, and has a hint.
    assert!(out.stderr.starts_with("error: invalid rules\n"), "{}", out.stderr);
}

// Found by fuzzing (fuzz target `rules`): a NUL in a TOML comment gave an error with an empty message.
#[test]
fn rules_toml_error_without_a_message_names_the_character() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), STALE).unwrap();
    fs::write(dir.path().join("nul.toml"), "# a comment with a \0 in it\n[[term]]\nid = \"x\"\n").unwrap();
    let out = check_in(dir.path(), &[Path::new("a.md")], Path::new("nul.toml"));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("nul.toml:1:20: unexpected character '\\0'"), "{}", out.stderr);
}

#[test]
fn pattern_over_the_regex_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), STALE).unwrap();
    fs::write(
        dir.path().join("big.toml"),
        "[[fact]]\nid = \"big\"\ntitle = \"Big\"\nkind = \"count\"\npatterns = ['(?:a{1000}){1000} {count}']\nregex = ['(?P<value>(?:\\w{100}){100})']\n",
    )
    .unwrap();
    let out = check_in(dir.path(), &[Path::new("a.md")], Path::new("big.toml"));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.took < Duration::from_secs(30), "took {:?}", out.took);
    let lines: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with("big.toml:") && l.contains("exceeds the size limit")).collect();
    assert_eq!(lines.len(), 2, "both the pattern and the regex are refused:\n{}", out.stderr);
    assert!(lines[0].starts_with("big.toml:5:"), "{}", lines[0]);
    assert!(lines[1].starts_with("big.toml:6:"), "{}", lines[1]);
    assert!(out.stderr.contains("hint: simplify it"), "{}", out.stderr);
}

/// Every file under `dir` with its bytes, and every folder, relative to `dir`.
fn listing(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_path_buf();
            if p.is_dir() {
                stack.push(p);
                out.push((rel, None));
            } else {
                out.push((rel, Some(fs::read(&p).unwrap())));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn never_writes_to_the_corpus() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for e in fs::read_dir(root().join("corpus")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    fs::write(corpus.join("bad.md"), b"\xff\xfe").unwrap();
    let before = listing(&corpus);
    let modes = |mode_of: &dyn Fn(bool) -> u32| {
        for (rel, bytes) in listing(&corpus).into_iter().rev() {
            fs::set_permissions(corpus.join(rel), fs::Permissions::from_mode(mode_of(bytes.is_none()))).unwrap();
        }
        fs::set_permissions(&corpus, fs::Permissions::from_mode(mode_of(true))).unwrap();
    };
    modes(&|is_dir| if is_dir { 0o555 } else { 0o444 }); // chmod -R a-w
    let out = check(dir.path(), &[Path::new("corpus")]);
    let dupes = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(dir.path())
        .arg("dupes")
        .arg("corpus")
        .arg("--rules")
        .arg(rules())
        .output()
        .unwrap();
    modes(&|is_dir| if is_dir { 0o755 } else { 0o644 });
    assert_eq!(out.code, Some(1), "the seed corpus has one error finding:\n{}", out.stderr);
    assert_eq!(out.json["summary"]["articles"], 5);
    assert_skipped(&out, "corpus/bad.md", "UTF-16");
    assert!(dupes.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&dupes.stderr));
    assert_eq!(listing(&corpus), before, "the corpus (files and folder listing) is unchanged");
}

/// Found by `make bench`, which writes its reports to `-o /dev/null`: the atomic write renamed
/// a temporary file over `/dev/null`, turning the device into a regular file holding the report
/// (and every later program that wrote to or read from "null" then misbehaved). A device is now
/// written as it is, and a symbolic link is written through to its file.
#[test]
fn report_to_dev_null_leaves_the_device_and_a_symlink_stays_a_link() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), STALE).unwrap();
    let report_to = |output: &str| {
        let out = Command::cargo_bin("factdiff")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "a.md", "--no-cache", "--format", "json", "-o", output, "--rules"])
            .arg(rules())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let null = Path::new("/dev/null");
    if fs::metadata(null).is_ok_and(|m| m.file_type().is_char_device()) {
        report_to("/dev/null");
        assert!(fs::metadata(null).unwrap().file_type().is_char_device(), "/dev/null was replaced by a regular file");
    }
    let real = dir.path().join("real.json");
    fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("link.json")).unwrap();
    report_to("link.json");
    assert!(fs::symlink_metadata(dir.path().join("link.json")).unwrap().file_type().is_symlink(), "the link was replaced");
    let written: Value = serde_json::from_str(&fs::read_to_string(&real).unwrap()).unwrap();
    assert_eq!(written["summary"]["articles"], 1);
}
