//! factdiff.toml: found upward, --config, --isolated, exclusion, per-path switches, fail-on,
//! and `factdiff config`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/config/project")
}

/// Runs factdiff in `dir`; a `check` runs without a cache, so the test data stays as committed
/// (the default cache lives in the working directory).
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = Command::cargo_bin("factdiff").unwrap();
    cmd.current_dir(dir).args(args);
    if args.first() == Some(&"check") && !args.iter().any(|a| a.contains("cache")) {
        cmd.arg("--no-cache");
    }
    let out = cmd.output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn checks_and_paths(json: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(json).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["check"].as_str().unwrap(), f["location"]["path"].as_str().unwrap()))
        .collect()
}

#[test]
fn discovered_config_sets_paths_rules_exclusions_and_per_path_switches() {
    let (code, out, err) = run(&project(), &["check", "--format", "json"]);
    assert_eq!(code, Some(1), "{err}");
    // drafts/ is excluded; archive/ has stale-fact switched off; the two 30s still disagree
    // with nothing (same value), so only current.md's stale claim remains.
    assert_eq!(checks_and_paths(&out), vec!["stale-fact corpus/current.md"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["articles"], 2);
}

#[test]
fn config_is_found_from_a_subfolder_and_paths_stay_relative() {
    let (_, out, err) = run(&project().join("sub"), &["check", "--format", "json"]);
    assert_eq!(checks_and_paths(&out), vec!["stale-fact ../corpus/current.md"], "{err}");
}

#[test]
fn isolated_ignores_the_file_and_fail_on_comes_from_it() {
    // Without the file: no rules folder here, so it is a clear error.
    let (code, _, err) = run(&project(), &["check", "--isolated"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("rules: no such rules file or folder"), "{err}");
    // fail-on = "warning" from the file: the spelling-free corpus still fails on the error.
    let (code, _, _) = run(&project(), &["check", "--fail-on", "never"]);
    assert_eq!(code, Some(0), "the flag wins over the file");
}

#[test]
fn explicit_config_and_errors_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "rules = \"rules\"\nfail_on = \"warning\"\n").unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--config", bad.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("bad.toml:2:1: unknown field `fail_on`"), "{err}");
    // [near-verbatim] has the bounds of a rule file's.
    for (setting, message) in [
        ("min-words = 2", "min-words must be between 5 and 10000, found 2"),
        ("similarity = 3.0", "similarity must be between 0.5 and 1.0"),
    ] {
        std::fs::write(&bad, format!("rules = \"rules\"\n\n[near-verbatim]\n{setting}\n")).unwrap();
        let (code, _, err) = run(dir.path(), &["check", "--config", bad.to_str().unwrap()]);
        assert_eq!(code, Some(2));
        assert!(err.contains(&format!("bad.toml:4:1: {message}")), "{err}");
    }
}

#[test]
fn config_command_prints_the_resolved_configuration() {
    let (code, out, _) = run(&project(), &["config"]);
    assert_eq!(code, Some(0));
    let masked = out.replace(&project().display().to_string(), "[PROJECT]");
    insta::assert_snapshot!("resolved_config", masked);
}

/// `rules` subcommands and `diff` read the rules factdiff.toml names, as `check` and `review` do,
/// from any folder of the project.
#[test]
fn rules_commands_and_diff_use_the_configured_rules() {
    let sub = project().join("sub");
    let (code, out, err) = run(&sub, &["rules", "list"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("nato-member-count"), "{out}");
    let (code, out, err) = run(&sub, &["rules", "test"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("0 failed"), "{out}");
    let (code, out, err) = run(&sub, &["diff", "../corpus/current.md", "../corpus/archive/old.md", "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("nato-member-count"), "{out}");
}

/// `dupes` is the near-verbatim check alone: another check in --select is an error that says so,
/// not silently ignored.
#[test]
fn dupes_refuses_another_check_in_select() {
    let (code, _, err) = run(&project(), &["dupes", "--select", "stale-fact", "--no-cache"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("`dupes` runs only the near-verbatim check") && err.contains("check --select stale-fact"), "{err}");
    let (code, _, err) = run(&project(), &["dupes", "--select", "near-verbatim", "--no-cache"]);
    assert!(matches!(code, Some(0 | 1)), "{err}");
}

/// An id in `[[per-path]] ignore` that names no check or rule is an error naming it, not a
/// switch that silently ignores nothing.
#[test]
fn an_unknown_id_in_per_path_ignore_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("factdiff.toml");
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    std::fs::write(&cfg, format!("rules = {rules:?}\n\n[[per-path]]\npaths = [\"**\"]\nignore = [\"kyiv-speling\"]\n")).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--config", cfg.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("[[per-path]] ignore names `kyiv-speling`, which is no check or rule id"), "{err}");
    std::fs::write(
        &cfg,
        format!("rules = {rules:?}\npaths = []\n\n[[per-path]]\npaths = [\"**\"]\nignore = [\"kyiv-spelling\", \"stale-fact\"]\n"),
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--config", cfg.to_str().unwrap()]);
    assert_ne!(code, Some(2), "{err}");
}

/// A broken factdiff.toml is reported by the commands that read only its rules or its cache
/// place, as `check` reports it; they do not fall back to defaults in silence.
#[test]
fn rules_commands_and_cache_clear_report_a_broken_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("factdiff.toml"), "rules = \"rules\"\nfail_on = \"warning\"\n").unwrap();
    for args in [&["rules", "list"][..], &["diff", "a.md", "b.md"], &["cache", "clear"]] {
        let (code, _, err) = run(dir.path(), args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(err.contains("invalid configuration") && err.contains("factdiff.toml:2:1: unknown field `fail_on`"), "{args:?}: {err}");
    }
}
