//! The probe corpora (`tests/data/probes`, see its README): what `check` reports on each with
//! the shipped rules, as snapshots. A rule change that loses a planted error or adds a false
//! alarm changes a snapshot; review the diff, then accept it or fix the rule.

use assert_cmd::Command;
use std::path::Path;

fn concise(corpus: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(root)
        .env("NO_COLOR", "1")
        .args(["check", corpus, "--rules", "rules", "--no-cache", "--format", "concise"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn recall_corpora_findings() {
    for i in 1..=9 {
        let name = format!("recall-{i}");
        insta::assert_snapshot!(name.clone(), concise(&format!("tests/data/probes/{name}")));
    }
}

/// The precision corpora: correct copy (bar a few slips the README names), so what they give
/// beyond those slips is a false alarm an editor would reject.
#[test]
fn precision_corpora_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/probes");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("precision-"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "the precision corpora are missing: {names:?}");
    for name in names {
        insta::assert_snapshot!(name.clone(), concise(&format!("tests/data/probes/{name}")));
    }
}

/// The planted errors the rules catch, by the finding that catches them: a floor, so a rule
/// change that loses one fails here even if its snapshot was accepted in haste.
#[test]
fn planted_errors_are_caught() {
    let expect: &[(&str, &[&str])] = &[
        ("recall-1", &["stale-fact", "weekday-mismatch", "numeric-conflict", "quote-drift", "spelling-variant"]),
        ("recall-2", &["internal-conflict", "conversion-mismatch", "spelling-variant", "near-verbatim"]),
        ("recall-3", &["stale-fact", "weekday-mismatch", "conversion-mismatch", "near-verbatim"]),
        ("recall-4", &["stale-fact", "quote-drift", "internal-conflict", "conversion-mismatch", "date-conflict"]),
        ("recall-5", &["weekday-mismatch", "stale-fact", "spelling-variant", "quote-drift"]),
    ];
    for (corpus, checks) in expect {
        let out = concise(&format!("tests/data/probes/{corpus}"));
        for check in *checks {
            assert!(out.contains(&format!(" {check}: ")), "{corpus}: no {check} finding\n{out}");
        }
    }
}
