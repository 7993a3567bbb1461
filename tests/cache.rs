//! The cache: identical results with and without it, and a corrupt, old-format or locked cache
//! is set aside with a warning — never a crash, never a stale result.

use assert_cmd::Command;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check(cache: &Path, extra: &[&str]) -> (String, String) {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(root())
        .args(["check", "--format", "json", "--cache"])
        .arg(cache)
        .args(extra)
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn uncached() -> String {
    let out =
        Command::cargo_bin("factdiff").unwrap().current_dir(root()).args(["check", "--format", "json", "--no-cache"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn results_are_identical_cold_warm_and_without_cache() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let (cold, err) = check(&db, &[]);
    assert!(err.is_empty(), "{err}");
    assert!(db.exists());
    let (warm, _) = check(&db, &[]);
    assert_eq!(cold, warm);
    assert_eq!(cold, uncached());
}

#[test]
fn a_changed_article_is_recomputed_not_served_stale() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("c")).unwrap();
    let article = dir.path().join("c/a.md");
    std::fs::write(&article, "+++\ndate = 2023-11-29\n+++\nNATO is an alliance of 30 member countries.\n").unwrap();
    let db = dir.path().join("c.db");
    let run = || {
        let out = Command::cargo_bin("factdiff")
            .unwrap()
            .args(["check", "--format", "json", "--rules"])
            .arg(root().join("rules"))
            .arg("--cache")
            .arg(&db)
            .arg(dir.path().join("c"))
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["findings"].as_array().unwrap().len()
    };
    assert_eq!(run(), 1);
    std::fs::write(&article, "+++\ndate = 2023-11-29\n+++\nNATO is an alliance of 31 member countries.\n").unwrap();
    assert_eq!(run(), 0);
}

/// A cache whose pages were damaged (its SQLite header intact), and garbage in factdiff's own
/// `.factdiff` folder, are rebuilt.
#[test]
fn a_corrupt_cache_is_rebuilt_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    check(&db, &[]);
    let mut bytes = std::fs::read(&db).unwrap();
    let len = bytes.len();
    for b in &mut bytes[100..len] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let (out, err) = check(&db, &[]);
    assert!(err.contains("the cache is unreadable (") && err.contains("rebuilding it"), "{err}");
    assert_eq!(out, uncached());
    let (_, err) = check(&db, &[]);
    assert!(err.is_empty(), "rebuilt: {err}");
    let own = dir.path().join(".factdiff/cache.db");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(&own, b"this is not a database, it is garbage bytes \x00\x01\x02".repeat(100)).unwrap();
    let (out, err) = check(&own, &[]);
    assert!(err.contains("the cache is unreadable (") && err.contains("rebuilding it"), "{err}");
    assert_eq!(out, uncached());
}

/// `--cache` naming a file that is not a factdiff cache (a text file, another program's SQLite
/// database) leaves it as it is: the run goes without a cache, with a warning, and `cache
/// clear` refuses to delete it.
#[test]
fn a_file_that_is_not_a_cache_is_never_overwritten_or_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.md");
    std::fs::write(&text, "# Notes\n\nNot a cache.\n").unwrap();
    let other = dir.path().join("app.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ana');").unwrap();
    let other_bytes = std::fs::read(&other).unwrap();
    for (file, what) in [(&text, "not an SQLite database"), (&other, "tables factdiff does not make (users)")] {
        let (out, err) = check(file, &[]);
        assert!(err.contains("not a factdiff cache (") && err.contains(what) && err.contains("without a cache"), "{err}");
        assert_eq!(out, uncached());
        let cleared = Command::cargo_bin("factdiff").unwrap().args(["cache", "clear", "--cache"]).arg(file).output().unwrap();
        assert_eq!(cleared.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&cleared.stderr).contains("not a factdiff cache"));
        assert!(file.exists());
    }
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "# Notes\n\nNot a cache.\n");
    assert_eq!(std::fs::read(&other).unwrap(), other_bytes);
}

#[test]
fn an_old_format_cache_is_rebuilt_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL); INSERT INTO meta VALUES ('format', '0'); CREATE TABLE articles (key TEXT PRIMARY KEY, entry BLOB);").unwrap();
    }
    let (out, err) = check(&db, &[]);
    assert!(
        err.contains("the cache was written by another version of factdiff (cache format 0, this build's is ")
            && err.contains("rebuilding it"),
        "{err}"
    );
    assert_eq!(out, uncached());
}

#[test]
fn a_locked_cache_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    check(&db, &[]);
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let (out, err) = check(&db, &[]);
    assert!(err.contains("locked"), "{err}");
    assert_eq!(out, uncached());
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn cache_clear_removes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    check(&db, &[]);
    let out = Command::cargo_bin("factdiff").unwrap().args(["cache", "clear", "--cache"]).arg(&db).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("removed"));
    assert!(!db.exists());
}

/// `check --format json` of `corpus` with the shipped rules, with the cache at `db` (or none);
/// stdout and stderr, with stage timings on stderr.
fn check_corpus(corpus: &Path, db: Option<&Path>) -> (String, String) {
    let mut cmd = Command::cargo_bin("factdiff").unwrap();
    cmd.env("FACTDIFF_TIMINGS", "1").args(["check", "--format", "json", "--rules"]).arg(root().join("rules")).arg(corpus);
    match db {
        Some(db) => cmd.arg("--cache").arg(db),
        None => cmd.arg("--no-cache"),
    };
    let out = cmd.output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The seed corpus copied to a temporary folder (the corpus itself is never written).
fn seed_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("c")).unwrap();
    for e in std::fs::read_dir(root().join("corpus")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join("c").join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// Set every file's modification time `seconds` from now (negative: in the past).
fn set_mtimes(dir: &Path, seconds: i64) {
    let now = std::time::SystemTime::now();
    let delta = std::time::Duration::from_secs(seconds.unsigned_abs());
    let when = if seconds < 0 { now - delta } else { now + delta };
    for e in std::fs::read_dir(dir).unwrap() {
        std::fs::File::options().write(true).open(e.unwrap().path()).unwrap().set_modified(when).unwrap();
    }
}

/// The seed corpus copied, with modification times in the future: "just modified" files,
/// whose run result is never stored for reuse, so the stages below it are exercised.
fn seed_copy_racy() -> tempfile::TempDir {
    let dir = seed_copy();
    set_mtimes(&dir.path().join("c"), 24 * 3600);
    dir
}

/// The seed corpus copied, last modified an hour ago.
fn seed_copy_settled() -> tempfile::TempDir {
    let dir = seed_copy();
    set_mtimes(&dir.path().join("c"), -3600);
    dir
}

const REUSED: &str = "stored result reused";

#[test]
fn an_unchanged_corpus_reuses_the_stored_result_byte_for_byte() {
    let dir = seed_copy_settled();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let (cold, err) = check_corpus(&corpus, Some(&db));
    assert!(!err.contains(REUSED) && err.contains("result serialized for reuse"), "{err}");
    let (warm, err) = check_corpus(&corpus, Some(&db));
    assert!(err.contains(REUSED) && !err.contains("read 5 articles"), "no article is read: {err}");
    assert_eq!(warm, cold);
    assert_eq!(warm, check_corpus(&corpus, None).0);
    // The table and the exit status come from the stored result just the same.
    let table = |db: Option<&Path>| {
        let mut cmd = Command::cargo_bin("factdiff").unwrap();
        cmd.args(["check", "--format", "concise", "--rules"]).arg(root().join("rules")).arg(&corpus);
        match db {
            Some(db) => cmd.arg("--cache").arg(db),
            None => cmd.arg("--no-cache"),
        };
        let out = cmd.output().unwrap();
        (out.status.code(), out.stdout)
    };
    assert_eq!(table(Some(&db)), table(None));
    // A damaged stored result is recomputed, silently.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        assert_eq!(c.execute("UPDATE runs SET data = x'00ff00ff' WHERE name = 'check-result'", []).unwrap(), 1);
    }
    let (again, err) = check_corpus(&corpus, Some(&db));
    assert!(!err.contains(REUSED) && !err.contains("warning"), "{err}");
    assert_eq!(again, cold);
}

#[test]
fn a_same_size_edit_behind_an_old_modification_time_is_not_served_stale() {
    let dir = seed_copy_settled();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let (cold, _) = check_corpus(&corpus, Some(&db));
    let article = corpus.join("004_e49305c45f08ffdc.md");
    let before = std::fs::metadata(&article).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&article).unwrap();
    assert!(text.contains("30 member"), "the seed states 30 members");
    std::fs::write(&article, text.replacen("30 member", "31 member", 1)).unwrap();
    std::fs::File::options().write(true).open(&article).unwrap().set_modified(before).unwrap();
    assert_eq!(std::fs::metadata(&article).unwrap().len(), text.len() as u64);
    let (changed, err) = check_corpus(&corpus, Some(&db));
    assert!(!err.contains(REUSED), "{err}");
    assert_ne!(changed, cold);
    assert_eq!(changed, check_corpus(&corpus, None).0);
}

#[test]
fn other_rules_checks_or_files_are_not_served_a_stored_result() {
    let dir = seed_copy_settled();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    check_corpus(&corpus, Some(&db));
    // Another selection of checks.
    let select = |db: &Path, check: &str| {
        let out = Command::cargo_bin("factdiff")
            .unwrap()
            .env("FACTDIFF_TIMINGS", "1")
            .args(["check", "--format", "json", "--select", check, "--rules"])
            .arg(root().join("rules"))
            .arg(&corpus)
            .arg("--cache")
            .arg(db)
            .output()
            .unwrap();
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (only, err) = select(&db, "near-verbatim");
    assert!(!err.contains(REUSED), "{err}");
    assert!(only.contains("near-verbatim") && !only.contains("numeric-conflict"), "{only}");
    // A new article.
    std::fs::copy(corpus.join("003_25fc6714e320a4db.md"), corpus.join("006_copy.md")).unwrap();
    set_mtimes(&corpus, -3600);
    let (more, err) = check_corpus(&corpus, Some(&db));
    assert!(!err.contains(REUSED), "{err}");
    assert_eq!(more, check_corpus(&corpus, None).0);
    // Other rules: a copy of the shipped rules with one more term.
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    for e in std::fs::read_dir(root().join("rules")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, rules.join(p.file_name().unwrap())).unwrap();
    }
    let run_rules = || {
        let out = Command::cargo_bin("factdiff")
            .unwrap()
            .env("FACTDIFF_TIMINGS", "1")
            .args(["check", "--format", "json", "--rules"])
            .arg(&rules)
            .arg(&corpus)
            .arg("--cache")
            .arg(&db)
            .output()
            .unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    run_rules();
    assert!(run_rules().contains(REUSED), "same rules twice");
    let extra = rules.join("extra.toml");
    std::fs::write(&extra, "# an added rule file, empty\n").unwrap();
    assert!(!run_rules().contains(REUSED), "a rule file was added");
}

#[test]
fn files_modified_just_before_a_run_are_read_and_their_result_reused_by_content() {
    let dir = seed_copy_racy();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let (cold, _) = check_corpus(&corpus, Some(&db));
    let (warm, err) = check_corpus(&corpus, Some(&db));
    assert!(err.contains("read 5 articles") && err.contains("stored result reused (same articles)"), "{err}");
    assert_eq!(warm, cold);
    // Every file rewritten with the same text, modified an hour ago: read once more, by
    // content, and from then on reused without reading.
    for e in std::fs::read_dir(&corpus).unwrap() {
        let p = e.unwrap().path();
        std::fs::write(&p, std::fs::read(&p).unwrap()).unwrap();
    }
    set_mtimes(&corpus, -3600);
    let (_, err) = check_corpus(&corpus, Some(&db));
    assert!(err.contains("stored result reused (same articles)"), "{err}");
    let (again, err) = check_corpus(&corpus, Some(&db));
    assert!(err.contains("stored result reused (no file changed)") && !err.contains("read 5"), "{err}");
    assert_eq!(again, cold);
}

/// Remove the stored result (not the per-article entries or the near-verbatim memo), so the
/// next run recomputes from them.
fn forget_result(db: &Path) {
    let c = rusqlite::Connection::open(db).unwrap();
    assert_eq!(c.execute("DELETE FROM runs WHERE name = 'check-result'", []).unwrap(), 1);
}

#[test]
fn the_near_verbatim_memo_is_reused_and_a_changed_passage_is_rechecked() {
    let dir = seed_copy_racy();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let (cold, _) = check_corpus(&corpus, Some(&db));
    forget_result(&db);
    let (warm, err) = check_corpus(&corpus, Some(&db));
    assert_eq!(cold, warm);
    assert!(err.contains("verified; groups") && err.contains(" 0 verified; groups ") && err.contains(" 0 built;"), "all reused: {err}");
    // Edit one of the two repeated sentences of 003: the repetition is still found, with the
    // new wording in its word diff, exactly as a run without a cache finds it.
    let article = corpus.join("003_25fc6714e320a4db.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("expressed his heartfelt gratitude", "expressed his deep gratitude", 1)).unwrap();
    let (changed, err) = check_corpus(&corpus, Some(&db));
    assert!(!err.contains(" 0 built;"), "the changed group is rebuilt: {err}");
    assert_ne!(changed, cold);
    assert!(changed.contains("deep"), "{changed}");
    assert_eq!(changed, check_corpus(&corpus, None).0);
}

#[test]
fn a_damaged_near_verbatim_memo_is_recomputed() {
    let dir = seed_copy_racy();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let (cold, _) = check_corpus(&corpus, Some(&db));
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        assert_eq!(c.execute("UPDATE runs SET data = x'00ff00ff' WHERE name = 'near-verbatim'", []).unwrap(), 1);
    }
    forget_result(&db);
    let (again, err) = check_corpus(&corpus, Some(&db));
    assert_eq!(again, cold);
    assert!(err.contains(" 0 reused, ") && !err.contains("warning"), "{err}");
}

#[test]
fn a_jsonl_article_whose_date_field_changes_is_not_served_a_stale_result() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).unwrap();
    let file = corpus.join("wire.jsonl");
    let line = |date: &str| {
        format!("{{\"id\": \"a\", \"date\": \"{date}\", \"text\": \"NATO is an intergovernmental military alliance comprising 30 member countries.\"}}\n")
    };
    std::fs::write(&file, line("2021-05-01")).unwrap();
    set_mtimes(&corpus, -3600);
    let db = dir.path().join("c.db");
    let (before, _) = check_corpus(&corpus, Some(&db));
    assert!(!before.contains("stale-fact"), "30 members was true in 2021: {before}");
    std::fs::write(&file, line("2024-06-01")).unwrap();
    set_mtimes(&corpus, -3600);
    let (after, err) = check_corpus(&corpus, Some(&db));
    assert!(!err.contains("stored result reused"), "{err}");
    assert!(after.contains("stale-fact"), "30 members was stale in June 2024: {after}");
    assert_eq!(after, check_corpus(&corpus, None).0);
}

#[test]
fn an_html_page_whose_markup_moves_its_text_is_not_served_stale_locations() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).unwrap();
    let page = corpus.join("a.html");
    let html = |pad: &str| {
        format!(
            "<html><head><title>NATO</title></head><body>{pad}<p>NATO is an intergovernmental military alliance comprising 30 member countries.</p><p>NATO now has 32 members.</p></body></html>\n"
        )
    };
    std::fs::write(&page, html("")).unwrap();
    set_mtimes(&corpus, -3600);
    let db = dir.path().join("c.db");
    let (before, _) = check_corpus(&corpus, Some(&db));
    assert!(before.contains("\"line\": 1"), "{before}");
    // The same readable text, three lines further down the file.
    std::fs::write(&page, html("\n\n\n")).unwrap();
    set_mtimes(&corpus, -3600);
    let (after, err) = check_corpus(&corpus, Some(&db));
    assert!(!err.contains("stored result reused"), "{err}");
    assert!(after.contains("\"line\": 4") && !after.contains("\"line\": 1,"), "{after}");
    assert_eq!(after, check_corpus(&corpus, None).0);
}

/// Prose that shares no run of words with the seeds or with each other: words drawn from a
/// made-up vocabulary by a fixed generator.
fn unique_prose(seed: u64, words: usize) -> String {
    const SYLLABLES: &[&str] = &["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "ve", "zu", "ba", "de", "fo", "gi", "ha", "je"];
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % SYLLABLES.len() as u64) as usize
    };
    (0..words).map(|_| format!("{}{}{}", SYLLABLES[next()], SYLLABLES[next()], SYLLABLES[next()])).collect::<Vec<_>>().join(" ")
}

#[test]
fn a_recheck_finds_a_new_copy_by_a_delta_or_a_filtered_index() {
    let dir = seed_copy_racy();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    for i in 0..6u64 {
        let text = format!("+++\ndate = 2024-02-{:02}\n+++\n{}.\n", i + 1, unique_prose(i + 1, 300));
        std::fs::write(corpus.join(format!("extra_{i}.md")), text).unwrap();
    }
    set_mtimes(&corpus, 24 * 3600);
    let (cold, _) = check_corpus(&corpus, Some(&db));
    assert!(!cold.contains("extra_2.md"), "the extra articles share nothing yet: {cold}");
    // extra_2 now copies a passage of extra_4: none of its words' fingerprints was shared in the
    // last run (a copy of quoted seed prose would be found through a stock phrase the seeds
    // share), and the copy must still be found.
    let copied = unique_prose(5, 300).split(' ').skip(100).take(45).collect::<Vec<_>>().join(" ");
    std::fs::write(corpus.join("extra_2.md"), format!("+++\ndate = 2024-02-03\n+++\n{}.\n\n{copied}.\n", unique_prose(3, 300))).unwrap();
    set_mtimes(&corpus, 24 * 3600);
    let (warm, err) = check_corpus(&corpus, Some(&db));
    // The last run knew extra_2's earlier key: its candidates are a delta of that run's.
    assert!(err.contains("a delta of the last run's for 1 changed of 11 articles"), "{err}");
    assert!(err.contains("10 read through the shared-print filter"), "the other articles' prints were read filtered: {err}");
    assert_eq!(warm, check_corpus(&corpus, None).0, "same result as without a cache");
    let copies_of = |out: &str, a: &str, b: &str| -> usize {
        let json: serde_json::Value = serde_json::from_str(out).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["check"] == "near-verbatim" && f.to_string().contains(a) && f.to_string().contains(b))
            .count()
    };
    assert_eq!(copies_of(&warm, "extra_2.md", "extra_4.md"), 1, "{warm}");
    // A new article copying extra_5: the articles are no longer the last run's, so the index is
    // built, of the new article's fingerprints and the others' shareable ones.
    let copied = unique_prose(6, 300).split(' ').skip(50).take(45).collect::<Vec<_>>().join(" ");
    std::fs::write(corpus.join("extra_6.md"), format!("+++\ndate = 2024-02-07\n+++\n{}.\n\n{copied}.\n", unique_prose(7, 300))).unwrap();
    set_mtimes(&corpus, 24 * 3600);
    let (added, err) = check_corpus(&corpus, Some(&db));
    assert!(err.contains("1 of 12 articles indexed whole"), "the index was filtered: {err}");
    assert!(err.contains("11 read through the shared-print filter"), "{err}");
    assert_eq!(added, check_corpus(&corpus, None).0, "same result as without a cache");
    assert_eq!(copies_of(&added, "extra_6.md", "extra_5.md"), 1, "{added}");
}

/// The cache rows a run leaves are written beside the report; when that write fails the report
/// is the same, the problem is a warning, and the next run simply recomputes.
#[test]
fn a_failed_write_of_the_run_rows_is_a_warning_and_changes_no_result() {
    let dir = seed_copy_settled();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let (cold, _) = check_corpus(&corpus, Some(&db));
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "DELETE FROM runs; CREATE TRIGGER refuse BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
        )
        .unwrap();
    }
    let (out, err) = check_corpus(&corpus, Some(&db));
    assert_eq!(out, cold);
    assert!(err.contains("warning: could not update the cache") && err.contains("refused for the test"), "{err}");
    let (again, err) = check_corpus(&corpus, Some(&db));
    assert_eq!(again, cold);
    assert!(!err.contains(REUSED), "nothing was stored, so nothing is reused: {err}");
    let c = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        c.query_row("SELECT count(*) FROM runs", [], |r| r.get::<_, i64>(0)).unwrap(),
        0,
        "each write is one transaction: no row half-written"
    );
}

/// Entries of article contents the corpus no longer has (earlier versions of edited articles)
/// are pruned once they outnumber the corpus's own, so the cache does not grow with every
/// edit; the result is unchanged and the corpus's own entries are kept.
#[test]
fn the_cache_is_pruned_of_contents_the_corpus_no_longer_has() {
    let dir = seed_copy_settled();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let (cold, _) = check_corpus(&corpus, Some(&db));
    let count = |c: &rusqlite::Connection| c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)).unwrap();
    {
        // As if many earlier versions of the articles had been checked.
        let c = rusqlite::Connection::open(&db).unwrap();
        assert_eq!(count(&c), 5);
        for i in 0..100 {
            c.execute(
                "INSERT INTO articles (key, mentions, prints, terms, quotes, claims) SELECT ?1, mentions, prints, terms, quotes, claims FROM articles LIMIT 1",
                [format!("old version {i}")],
            )
            .unwrap();
        }
    }
    forget_result(&db);
    let (again, err) = check_corpus(&corpus, Some(&db));
    assert_eq!(again, cold);
    assert!(!err.contains("warning"), "{err}");
    let c = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&c), 5, "only the corpus's own entries are left");
}

/// A settled article's cache key is taken from the last run by its file's signature; an edited
/// one is read and hashed again, even when its modification time is put back (its status-change
/// time moved), and the result is the one without a cache.
#[test]
fn keys_of_unchanged_files_come_from_the_last_run_and_an_edit_is_never_missed() {
    let dir = seed_copy_settled();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let (_, err) = check_corpus(&corpus, Some(&db));
    assert!(err.contains("keys (0 of 5 from the last run)"), "{err}");
    let article = corpus.join("003_25fc6714e320a4db.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let modified = std::fs::metadata(&article).unwrap().modified().unwrap();
    std::fs::write(&article, text.replacen("expressed his heartfelt gratitude", "expressed his deep felt gratitude", 1)).unwrap();
    // The edit's modification time is put back as it was and the size kept (the same number
    // of bytes): only the status-change time tells.
    assert_eq!(std::fs::metadata(&article).unwrap().len(), text.len() as u64);
    std::fs::File::options().write(true).open(&article).unwrap().set_modified(modified).unwrap();
    let (edited, err) = check_corpus(&corpus, Some(&db));
    assert!(err.contains("keys (4 of 5 from the last run)"), "{err}");
    assert!(edited.contains("deep felt"), "{edited}");
    assert_eq!(edited, check_corpus(&corpus, None).0);
    forget_result(&db);
    let (again, err) = check_corpus(&corpus, Some(&db));
    assert!(err.contains("keys (5 of 5 from the last run)"), "{err}");
    assert_eq!(again, edited);
}

/// A re-check takes what the per-article stage found for a check (the `column` of each
/// article's entry) from the cache instead of searching the articles again: with the stored
/// items the findings are those of a run without a cache, and with the stored items emptied (as
/// if no article had any) the check's findings go, which shows they are the ones read.
fn per_article_items_come_from_the_cache(corpus: &Path, column: &str, check: &str) {
    let db = corpus.with_extension("db");
    let (cold, _) = check_corpus(corpus, Some(&db));
    let finding = format!("\"check\": \"{check}\"");
    assert!(cold.contains(&finding), "the corpus has {check} findings: {cold}");
    forget_result(&db);
    let (again, err) = check_corpus(corpus, Some(&db));
    assert!(!err.contains("warning"), "{err}");
    assert_eq!(again, check_corpus(corpus, None).0);
    forget_result(&db);
    let c = rusqlite::Connection::open(&db).unwrap();
    let articles = std::fs::read_dir(corpus).unwrap().count();
    assert_eq!(c.execute(&format!("UPDATE articles SET {column} = CAST('[]' AS BLOB)"), []).unwrap(), articles);
    let (emptied, _) = check_corpus(corpus, Some(&db));
    assert!(!emptied.contains(&finding), "{emptied}");
    assert!(emptied.contains("\"summary\""), "{emptied}");
}

#[test]
fn spelling_uses_come_from_the_cache_and_give_the_uncached_findings() {
    let dir = seed_copy_settled();
    per_article_items_come_from_the_cache(&dir.path().join("c"), "terms", "spelling-variant");
}

#[test]
fn quotations_come_from_the_cache_and_give_the_uncached_findings() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).unwrap();
    let case = root().join("tests/fixtures/quote-drift/flag-word-changed");
    for e in std::fs::read_dir(case).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    set_mtimes(&corpus, -3600);
    per_article_items_come_from_the_cache(&corpus, "quotes", "quote-drift");
}

/// A stored spelling use or quotation that lies outside its article (a damaged row that still
/// parses) is passed over: the run reports, it does not panic.
#[test]
fn stored_items_outside_their_article_are_passed_over() {
    let dir = seed_copy_settled();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    check_corpus(&corpus, Some(&db));
    forget_result(&db);
    let c = rusqlite::Connection::open(&db).unwrap();
    let terms = r#"[{"term":0,"form":1,"start":999999,"end":1000001}]"#;
    let quotes = r#"[{"start":999999,"end":1000001,"speaker":null}]"#;
    let sql = format!("UPDATE articles SET terms = CAST('{terms}' AS BLOB), quotes = CAST('{quotes}' AS BLOB)");
    assert_eq!(c.execute(&sql, []).unwrap(), 5);
    // Claims: one past the text, one of a fact the rules do not have.
    let claims = r#"[{"fact":0,"span":{"start":999999,"end":1000001},"matched":{"start":0,"end":1},"sentence":{"start":0,"end":1},"value":"x","subject":null,"role":null,"date":null,"as_of":null},{"fact":99,"span":{"start":0,"end":1},"matched":{"start":0,"end":1},"sentence":{"start":0,"end":1},"value":"x","subject":null,"role":null,"date":null,"as_of":null}]"#;
    assert_eq!(c.execute(&format!("UPDATE articles SET claims = CAST('{claims}' AS BLOB)"), []).unwrap(), 5);
    let (out, err) = check_corpus(&corpus, Some(&db));
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.contains("\"summary\"") && out.contains("\"near-verbatim\""), "{out}");
    assert!(!out.contains("\"spelling-variant\""), "{out}");
    assert!(out.contains("\"claims\": 0"), "{out}");
}

#[test]
fn claims_come_from_the_cache_and_give_the_uncached_findings() {
    let dir = seed_copy_settled();
    per_article_items_come_from_the_cache(&dir.path().join("c"), "claims", "stale-fact");
}

/// The per-article entries and the near-verbatim memo follow the rules' text, not the path
/// they were named by: the same rules through a relative path and through an absolute one (a
/// CI job in another folder) reuse the cache; the stored result, which may name the rule
/// files, is not taken across the two.
#[test]
fn the_same_rules_by_another_path_keep_the_cache() {
    let dir = seed_copy_settled();
    let (corpus, db) = (dir.path().join("c"), dir.path().join("c.db"));
    let run = |rules: &Path| {
        let out = Command::cargo_bin("factdiff")
            .unwrap()
            .current_dir(root())
            .env("FACTDIFF_TIMINGS", "1")
            .args(["check", "--format", "json", "--rules"])
            .arg(rules)
            .arg(&corpus)
            .arg("--cache")
            .arg(&db)
            .output()
            .unwrap();
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (absolute, err) = run(&root().join("rules"));
    assert!(err.contains("keys (0 of 5 from the last run)"), "{err}");
    let (relative, err) = run(Path::new("rules"));
    assert!(err.contains("keys (5 of 5 from the last run)"), "{err}");
    assert!(!err.contains(REUSED), "{err}");
    assert!(err.contains(" reused, 0 built"), "the memo is reused: {err}");
    assert_eq!(relative, absolute);
    // Other rule text is another key.
    let other = dir.path().join("rules");
    std::fs::create_dir(&other).unwrap();
    for e in std::fs::read_dir(root().join("rules")).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(other.join(p.file_name().unwrap()), format!("{text}\n# edited\n")).unwrap();
    }
    let (_, err) = run(&other);
    assert!(err.contains("keys (0 of 5 from the last run)"), "{err}");
}

/// Without `--cache`, the cache lives beside the project's factdiff.toml, so a run from inside
/// the corpus folder writes nothing there; the cache folder keeps itself out of git.
#[test]
fn the_default_cache_is_at_the_project_root_not_in_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.md"), "+++\ndate = 2023-11-29\n+++\nNATO is an alliance of 30 member countries.\n").unwrap();
    std::fs::write(dir.path().join("factdiff.toml"), format!("rules = {:?}\npaths = [\"corpus\"]\n", root().join("rules"))).unwrap();
    let out = Command::cargo_bin("factdiff").unwrap().current_dir(&corpus).args(["check", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let names: Vec<String> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["a.md"], "nothing written into the corpus");
    assert!(dir.path().join(".factdiff/cache.db").is_file());
    assert!(std::fs::read_to_string(dir.path().join(".factdiff/.gitignore")).unwrap().lines().any(|l| l == "*"));
}
