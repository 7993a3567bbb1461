//! The CI workflow: a baseline written at one commit hides known findings at the next, new ones
//! still fail the run, and `--changed-since` reports only findings that involve a changed file.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

fn article(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join("corpus").join(name), format!("+++\ndate = 2023-11-29\n+++\n{body}\n")).unwrap();
}

fn factdiff(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(dir)
        .args(["check", "corpus", "--format", "json", "--rules"])
        .arg(&rules)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), doc, stderr)
}

fn paths(doc: &Value) -> Vec<String> {
    doc["findings"].as_array().unwrap().iter().map(|f| f["location"]["path"].as_str().unwrap().to_string()).collect()
}

fn checks_and_paths(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["check"].as_str().unwrap(), f["location"]["path"].as_str().unwrap()))
        .collect()
}

#[test]
fn baseline_and_changed_since_in_a_git_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("corpus")).unwrap();
    git(dir, &["init", "-q"]);
    article(dir, "a.md", "NATO is an alliance of 30 member countries.");
    article(dir, "b.md", "Ministers met in Brussels on Wednesday.");
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "one"]);

    // Commit 1: the stale count fails the run; write it to a baseline.
    let (code, doc, _) = factdiff(dir, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(paths(&doc), vec!["corpus/a.md"]);
    let (code, _, err) = factdiff(dir, &["--write-baseline", "baseline.json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("wrote 1 finding(s)"));
    let (code, doc, _) = factdiff(dir, &["--baseline", "baseline.json"]);
    assert_eq!(code, Some(0), "the known finding no longer fails the run");
    assert_eq!(doc["summary"]["baseline_hidden"], 1);

    // Commit 2: a new disagreement in a new file, and an edit elsewhere in a.md.
    article(dir, "a.md", "Background: NATO ministers met in Brussels.\n\nNATO is an alliance of 30 member countries.");
    article(dir, "c.md", "Foreign ministers of the 33 NATO member countries met in Bucharest.");
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "two"]);
    let (code, doc, _) = factdiff(dir, &["--baseline", "baseline.json"]);
    assert_eq!(code, Some(1), "the new findings fail the run");
    // New: c.md's count is never true, and its meeting place disagrees with a.md's. The stale
    // 30 of a.md stays hidden although its line moved.
    assert_eq!(checks_and_paths(&doc), vec!["stale-fact corpus/c.md", "numeric-conflict corpus/a.md"]);
    assert_eq!(doc["summary"]["baseline_hidden"], 1);
    assert_eq!(doc["summary"]["baseline_unmatched"], Value::Array(vec![]));

    let (code, doc, _) = factdiff(dir, &["--changed-since", "HEAD~1"]);
    assert_eq!(code, Some(1));
    // a.md changed too (an edit elsewhere), so every finding involves a changed file...
    assert_eq!(checks_and_paths(&doc), vec!["stale-fact corpus/a.md", "stale-fact corpus/c.md", "numeric-conflict corpus/a.md"]);
    // ...and with b.md the only change, nothing is reported.
    article(dir, "b.md", "Ministers met in Brussels on Tuesday.");
    git(dir, &["commit", "-q", "-am", "three"]);
    let (code, doc, _) = factdiff(dir, &["--changed-since", "HEAD~1"]);
    assert_eq!(code, Some(0));
    assert!(paths(&doc).is_empty());

    // A file list works the same way.
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(dir)
        .args(["check", "corpus", "--format", "json", "--files-from", "-", "--rules"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
        .write_stdin("corpus/c.md\n")
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(checks_and_paths(&doc), vec!["stale-fact corpus/c.md", "numeric-conflict corpus/a.md"], "findings involving c.md only");

    // Fixing a.md leaves its baseline entry unmatched, and the summary says so.
    article(dir, "a.md", "NATO is an alliance of 31 member countries.");
    let (_, doc, _) = factdiff(dir, &["--baseline", "baseline.json"]);
    let unmatched = doc["summary"]["baseline_unmatched"].as_array().unwrap();
    assert_eq!(unmatched.len(), 1);
    assert!(unmatched[0].as_str().unwrap().contains("stale-fact nato-member-count corpus/a.md"));
}

#[test]
fn bad_baseline_and_bad_revision_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("corpus")).unwrap();
    article(dir, "a.md", "Text.");
    std::fs::write(dir.join("baseline.json"), "{\"version\": 1, \"findings\": [ oops").unwrap();
    let (code, _, err) = factdiff(dir, &["--baseline", "baseline.json"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("baseline.json:1:") && err.contains("--write-baseline"), "{err}");
    let (code, _, err) = factdiff(dir, &["--baseline", "missing.json"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("missing.json: could not read the baseline"), "{err}");
    git(dir, &["init", "-q"]);
    let (code, _, err) = factdiff(dir, &["--changed-since", "no-such-rev"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no-such-rev"), "{err}");
}

/// A baselined conflict stays known while the coverage grows with the majority value, and
/// comes back when a new article gives another value (its fingerprint names the majority
/// value and the articles that differ, not every article of the group).
#[test]
fn a_baselined_conflict_stays_known_as_agreeing_articles_join_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("corpus")).unwrap();
    let aid = |name: &str, amount: &str| article(dir, name, &format!("Congress stalled the {amount} aid package for Ukraine."));
    aid("a.md", "$60bn");
    aid("b.md", "$60 billion");
    aid("c.md", "$61bn");
    let (_, doc, _) = factdiff(dir, &["--no-cache"]);
    assert_eq!(checks_and_paths(&doc), vec!["numeric-conflict corpus/c.md"]);
    let (code, _, err) = factdiff(dir, &["--no-cache", "--write-baseline", "baseline.json"]);
    assert_eq!(code, Some(0), "{err}");
    aid("d.md", "$60-billion");
    let (_, doc, _) = factdiff(dir, &["--no-cache", "--baseline", "baseline.json"]);
    assert_eq!(checks_and_paths(&doc), Vec::<String>::new());
    assert_eq!(doc["summary"]["baseline_hidden"], 1);
    aid("e.md", "$61 billion");
    let (_, doc, _) = factdiff(dir, &["--no-cache", "--baseline", "baseline.json"]);
    assert_eq!(checks_and_paths(&doc), vec!["numeric-conflict corpus/c.md"]);
    assert_eq!(doc["summary"]["baseline_hidden"], 0);
}

/// SARIF and GitHub annotations locate files from the repository's root, as code scanning and
/// workflow commands read them, wherever the run starts and however the paths are written.
#[test]
fn sarif_and_github_paths_are_relative_to_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    git(dir.path(), &["init", "-q"]);
    article(dir.path(), "a.md", "NATO is an alliance of 30 member countries.");
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let run = |cwd: &Path, path: &Path, format: &str| {
        let out = Command::cargo_bin("factdiff")
            .unwrap()
            .current_dir(cwd)
            .args(["check", "--no-cache", "--format", format, "--rules"])
            .arg(&rules)
            .arg(path)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let corpus = dir.path().join("corpus");
    for (cwd, path) in [(corpus.as_path(), Path::new(".")), (dir.path(), corpus.as_path())] {
        let sarif: Value = serde_json::from_str(&run(cwd, path, "sarif")).unwrap();
        let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert_eq!(uri, "corpus/a.md", "from {cwd:?} with {path:?}");
        assert!(run(cwd, path, "github").contains("file=corpus/a.md,"), "from {cwd:?} with {path:?}");
    }
}
