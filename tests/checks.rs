//! Fixture corpora per check: `tests/fixtures/<check>/<case>/` holds a few articles, and the
//! check's `rules.toml` beside the cases applies to all of them. A case named `flag-*` must give
//! at least one finding of that check; `quiet-*` must give none, while its rules still match
//! (claims are extracted, so a quiet result is not an accident of a rule that never fires).
//! An optional `expect.txt` lists text that must appear in the findings' messages, or, on lines
//! starting with `note: `, in the check's notes.

use factdiff::{app, rules};
use std::path::{Path, PathBuf};

fn cases(check: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(check);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    assert!(out.iter().any(|p| name(p).starts_with("flag-")), "{check}: no flag-* case");
    assert!(out.iter().filter(|p| name(p).starts_with("quiet-")).count() >= 3, "{check}: fewer than three quiet-* cases");
    out
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

fn run_check(check: &str) {
    let rules_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(check).join("rules.toml");
    let rules = rules::load(&rules_path).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    for case in cases(check) {
        let case_name = name(&case);
        let run = app::analyze(std::slice::from_ref(&case), &rules, &[check.to_string()]).unwrap();
        assert!(run.corpus.warnings.is_empty(), "{case_name}: {:?}", run.corpus.warnings);
        let findings: Vec<_> = run.output.findings.iter().filter(|f| f.check == check).collect();
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        if case_name.starts_with("flag-") && findings.is_empty() {
            failures.push(format!("{case_name}: expected a {check} finding, got none"));
        }
        if case_name.starts_with("quiet-") {
            if !findings.is_empty() {
                failures.push(format!("{case_name}: expected no {check} finding, got {messages:?}"));
            }
            if !rules.facts.is_empty() && run.claims.is_empty() {
                failures.push(format!("{case_name}: the rules matched nothing, so quiet proves nothing"));
            }
        }
        if let Ok(expect) = std::fs::read_to_string(case.join("expect.txt")) {
            for line in expect.lines().filter(|l| !l.trim().is_empty()) {
                let ok = match line.strip_prefix("note: ") {
                    Some(note) => run.output.notes.iter().any(|n| n.message.contains(note)),
                    None => messages.iter().any(|m| m.contains(line)),
                };
                if !ok {
                    failures.push(format!("{case_name}: expected `{line}` in {messages:?} / notes {:?}", run.output.notes));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn numeric_conflict_fixtures() {
    run_check("numeric-conflict");
}

#[test]
fn internal_conflict_fixtures() {
    run_check("internal-conflict");
}

#[test]
fn stale_fact_fixtures() {
    run_check("stale-fact");
}

#[test]
fn spelling_variant_fixtures() {
    run_check("spelling-variant");
}

#[test]
fn near_verbatim_fixtures() {
    run_check("near-verbatim");
}

#[test]
fn date_conflict_fixtures() {
    run_check("date-conflict");
}

#[test]
fn weekday_mismatch_fixtures() {
    run_check("weekday-mismatch");
}

#[test]
fn conversion_mismatch_fixtures() {
    run_check("conversion-mismatch");
}

#[test]
fn quote_drift_fixtures() {
    run_check("quote-drift");
}

/// `[quote-drift]` widens the window and sets the severity: the statement a year later, quiet
/// by default, is compared with a 400-day window and reported at the configured severity.
#[test]
fn quote_drift_window_and_severity_come_from_the_rules() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quote-drift/quiet-next-year-statement");
    let rules = rules::load_str(Path::new("r.toml"), "[quote-drift]\nwindow-days = 400\nseverity = \"info\"\n").unwrap();
    let run = app::analyze(std::slice::from_ref(&case), &rules, &["quote-drift".to_string()]).unwrap();
    let found: Vec<_> = run.output.findings.iter().filter(|f| f.check == "quote-drift").collect();
    assert_eq!(found.len(), 1, "{:?}", run.output.findings);
    assert_eq!(found[0].severity, rules::Severity::Info);
    assert!(found[0].message.contains("further"), "{}", found[0].message);
    let narrow = rules::load_str(Path::new("r.toml"), "[quote-drift]\nwindow-days = 0\n").unwrap();
    let run = app::analyze(std::slice::from_ref(&case), &narrow, &["quote-drift".to_string()]).unwrap();
    assert!(run.output.findings.iter().all(|f| f.check != "quote-drift"));
}

/// Two statements, each rendered differently in two articles, are two findings, and each names
/// only its own change (the changes are gathered per group of renderings).
#[test]
fn each_quote_drift_finding_names_the_changes_of_its_own_quotation() {
    let dir = tempfile::tempdir().unwrap();
    let article = |name: &str, first: &str, second: &str| {
        let text = format!(
            "+++\ndate = 2024-03-01\n+++\n“We will continue to step up {first} support to the region as it rebuilds its roads and schools,” Stoltenberg said.\n\nLater, “the ministers agreed on a {second} plan for the winter months ahead of the summit in July,” Kuleba said.\n"
        );
        std::fs::write(dir.path().join(name), text).unwrap();
    };
    article("a.md", "political", "common");
    article("b.md", "military", "common");
    article("c.md", "political", "shared");
    let run = app::analyze(&[dir.path().to_path_buf()], &rules::RuleSet::default(), &["quote-drift".to_string()]).unwrap();
    let mut messages: Vec<&str> = run.output.findings.iter().map(|f| f.message.as_str()).collect();
    messages.sort();
    assert_eq!(messages.len(), 2, "{messages:?}");
    let military = messages.iter().filter(|m| m.contains("military") || m.contains("political")).count();
    let shared = messages.iter().filter(|m| m.contains("shared") || m.contains("common")).count();
    assert_eq!((military, shared), (1, 1), "each finding names its own change: {messages:?}");
}

#[test]
fn a_quote_drift_window_out_of_range_is_an_error() {
    let e = rules::load_str(Path::new("r.toml"), "[quote-drift]\nwindow-days = -3\n").unwrap_err();
    let text = e.to_string();
    assert!(text.contains("r.toml:2:") && text.contains("window-days must be between 0 and 36500"), "{text}");
}

#[test]
fn a_second_quote_drift_table_names_the_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), "[quote-drift]\nwindow-days = 10\n").unwrap();
    std::fs::write(dir.path().join("b.toml"), "\n[quote-drift]\nseverity = \"info\"\n").unwrap();
    let text = rules::load(dir.path()).unwrap_err().to_string();
    assert!(
        text.contains("b.toml:2:") && text.contains("a second [quote-drift] table; the first is at") && text.contains("a.toml:1"),
        "{text}"
    );
}

/// `--verbose` explains, as notes, why differing values were not reported: they agree after
/// rounding, or each is the reference value in force at its article's date.
#[test]
fn verbose_notes_explain_values_that_differ_without_a_conflict() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/numeric-conflict");
    let rules = rules::load(&dir.join("rules.toml")).unwrap_or_else(|e| panic!("{e}"));
    let project = factdiff::config::Config { verbose: true, ..Default::default() };
    let notes = |case: &str| {
        let run =
            app::analyze_with(&[dir.join(case)], &rules, &["numeric-conflict".to_string()], &project, None, &factdiff::progress::Silent)
                .unwrap();
        assert!(run.output.findings.is_empty(), "{case}: {:?}", run.output.findings);
        run.output.notes.iter().map(|n| n.message.clone()).collect::<Vec<_>>()
    };
    assert_eq!(notes("quiet-rounding"), vec!["`aid` (subject: us, role: proposed): $60.8bn, $61bn agree after rounding and qualifiers"]);
    assert_eq!(
        notes("quiet-reference-changed-between"),
        vec!["`member-count`: 31, 32 differ, and each agrees with the reference in force at its article's date"]
    );
    // Without --verbose, no notes.
    let run = app::analyze(&[dir.join("quiet-reference-changed-between")], &rules, &["numeric-conflict".to_string()]).unwrap();
    assert!(run.output.notes.is_empty(), "{:?}", run.output.notes);
}

/// A copy between outlets is a warning, unless the copy names the other outlet's source
/// ("From the Riverside Press Service"): syndication, reported as information with the credit.
#[test]
fn credited_syndication_is_information_and_uncredited_copy_a_warning() {
    let rules_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/near-verbatim/rules.toml");
    let rules = rules::load(&rules_path).unwrap();
    let severity_of = |case: &str| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/near-verbatim").join(case);
        let run = app::analyze(std::slice::from_ref(&dir), &rules, &["near-verbatim".to_string()]).unwrap();
        let found: Vec<_> = run.output.findings.iter().filter(|f| f.check == "near-verbatim").collect();
        assert_eq!(found.len(), 1, "{case}: {:?}", run.output.findings);
        (found[0].severity, found[0].message.contains("credited"))
    };
    assert_eq!(severity_of("flag-credited-syndication"), (rules::Severity::Info, true));
    assert_eq!(severity_of("flag-copy-between-outlets-uncredited"), (rules::Severity::Warning, false));
}
