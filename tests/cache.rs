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

#[test]
fn a_corrupt_cache_is_rebuilt_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    std::fs::write(&db, b"this is not a database, it is garbage bytes \x00\x01\x02".repeat(100)).unwrap();
    let (out, err) = check(&db, &[]);
    assert!(err.contains("the cache is unreadable or from another version") && err.contains("rebuilding it"), "{err}");
    assert_eq!(out, uncached());
    let (_, err) = check(&db, &[]);
    assert!(err.is_empty(), "rebuilt: {err}");
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
    assert!(err.contains("from another version"), "{err}");
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
