//! End-to-end output per format on the seed corpus: snapshots (volatile fields masked), JSON
//! and SARIF parsed back, SARIF validated against the published 2.1.0 schema.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out =
        Command::cargo_bin("factdiff").unwrap().current_dir(root()).env("NO_COLOR", "1").env_remove("COLUMNS").args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

fn masked(s: &str) -> String {
    s.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

#[test]
fn concise_snapshot() {
    let (code, out) = run(&["check", "--format", "concise"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("concise", masked(&out));
}

#[test]
fn concise_with_source_snapshot() {
    let (_, out) = run(&["check", "--format", "concise", "--show-source", "--select", "stale-fact"]);
    insta::assert_snapshot!("concise_show_source", masked(&out));
}

#[test]
fn github_snapshot() {
    let (_, out) = run(&["check", "--format", "github"]);
    for line in out.lines() {
        assert!(line.starts_with("::error file=") || line.starts_with("::warning file=") || line.starts_with("::notice file="), "{line}");
        assert!(!line.contains(",col=0"), "columns are 1-based: {line}");
    }
    insta::assert_snapshot!("github", masked(&out));
}

#[test]
fn markdown_snapshot() {
    let (_, out) = run(&["check", "--format", "markdown"]);
    insta::assert_snapshot!("markdown", masked(&out));
}

#[test]
fn json_and_jsonl_agree_and_parse() {
    let (_, json) = run(&["check", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["version"], 1);
    let (_, jsonl) = run(&["check", "--format", "jsonl"]);
    let lines: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(&Value::Array(lines), &doc["findings"]);
    insta::assert_snapshot!("json", masked(&json));
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let (_, out) = run(&["check", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/data/sarif/sarif-schema-2.1.0.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["help"]["text"].as_str().is_some_and(|t| t.contains("What it does not flag"))));
    let results = run0["results"].as_array().unwrap();
    let (_, json) = run(&["check", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(results.len(), doc["findings"].as_array().unwrap().len());
    let stale = results.iter().find(|r| r["ruleId"] == "stale-fact").unwrap();
    assert_eq!(stale["level"], "error");
    assert!(stale["partialFingerprints"]["factdiff/v1"].as_str().is_some());
    assert!(stale["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().contains("003_"));
    insta::assert_snapshot!("sarif", masked(&out));
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.sarif");
    let (code, out) = run(&["check", "--format", "sarif", "-o", target.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
}

/// A report larger than any buffer goes to a pipe byte for byte as to `-o`, and a reader that
/// stops early (`factdiff check | head`) ends the run quietly, not with an error.
#[test]
fn a_large_report_to_a_pipe_equals_the_file_and_a_closed_pipe_is_no_error() {
    let corpus = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            for copy in 0..10 {
                std::fs::copy(&path, corpus.path().join(format!("{copy:02}-{}", path.file_name().unwrap().to_string_lossy()))).unwrap();
            }
        }
    }
    let args = |extra: &[&str]| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("factdiff"));
        c.current_dir(root())
            .args(["check", corpus.path().to_str().unwrap(), "--rules", "rules", "--no-cache", "--format", "json"])
            .args(extra);
        c
    };
    let piped = args(&[]).output().unwrap();
    assert_eq!(piped.status.code(), Some(1), "{}", String::from_utf8_lossy(&piped.stderr));
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.json");
    assert_eq!(args(&["-o", file.to_str().unwrap()]).status().unwrap().code(), Some(1));
    let written = std::fs::read(&file).unwrap();
    assert!(written.len() > 1 << 17, "the report should outgrow every buffer: {} bytes", written.len());
    assert!(written == piped.stdout, "stdout and -o differ");

    let mut child = args(&[]).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let ended = child.wait_with_output().unwrap();
    assert_eq!(&first[..1], b"{");
    assert_eq!(ended.status.code(), Some(0), "a closed pipe ends the run quietly: {}", String::from_utf8_lossy(&ended.stderr));
    assert!(!String::from_utf8_lossy(&ended.stderr).contains("error"));
}

/// Reports for people show the first five places of a conflict's majority value and say
/// how many more give it; every other place is shown; JSON lists every one.
#[test]
fn a_conflict_over_many_articles_shows_a_sample_of_its_majority_to_people_and_all_to_machines() {
    let dir = tempfile::tempdir().unwrap();
    // Nine articles give $60bn, six $59bn, one $61bn.
    for i in 0..16 {
        let amount = match i {
            4 => "$61bn",
            10..=15 => "$59bn",
            _ => "$60bn",
        };
        let text = format!("+++\ndate = 2024-02-{:02}\n+++\nCongress stalled the {amount} aid package for Ukraine.\n", i + 1);
        std::fs::write(dir.path().join(format!("a{i:02}.md")), text).unwrap();
    }
    let corpus = dir.path().to_str().unwrap();
    let args = |format: &'static str| vec!["check", corpus, "--no-cache", "--select", "numeric-conflict", "--format", format];
    let (_, json) = run(&args("json"));
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(doc["findings"][0]["related"].as_array().unwrap().len(), 15, "{json}");
    let (_, table) = run(&["check", corpus, "--no-cache", "--select", "numeric-conflict"]);
    let rows = |value: &str| table.lines().filter(|l| l.starts_with(&format!("│ {value} "))).count();
    assert_eq!((rows("$61bn"), rows("$59bn"), rows("$60bn")), (1, 6, 5), "{table}");
    assert!(table.contains("… and 4 more place(s) giving $60bn"), "{table}");
    for format in ["markdown", "github"] {
        let (_, out) = run(&args(format));
        assert!(out.contains("… and 4 more place(s) giving $60bn"), "{format}: {out}");
    }
}

/// A spelling finding is about its variants, whichever is most common: a report for people
/// shows every variant use and samples only the preferred spelling's examples (its context).
#[test]
fn every_variant_spelling_is_shown_and_only_the_preferred_examples_are_sampled() {
    let dir = tempfile::tempdir().unwrap();
    // One "Zelensky", eight "Zelenskiy", seven articles with the preferred "Zelenskyy".
    let mut n = 0;
    for (form, count) in [("Zelensky", 1), ("Zelenskiy", 8), ("Zelenskyy", 7)] {
        for _ in 0..count {
            let text = format!("+++\ndate = 2024-02-01\n+++\nPresident Volodymyr {form} spoke to reporters in Kyiv.\n");
            std::fs::write(dir.path().join(format!("a{n:02}.md")), text).unwrap();
            n += 1;
        }
    }
    let corpus = dir.path().to_str().unwrap();
    let (_, json) = run(&["check", corpus, "--no-cache", "--select", "spelling-variant", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let zel: Vec<&Value> = doc["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "zelenskyy-spelling").collect();
    assert_eq!(zel.len(), 1, "{json}");
    assert_eq!(zel[0]["related"].as_array().unwrap().len(), 15, "{json}");
    let (_, table) = run(&["check", corpus, "--no-cache", "--select", "spelling-variant"]);
    let rows = |value: &str| table.lines().filter(|l| l.starts_with(&format!("│ {value} "))).count();
    assert_eq!((rows("Zelensky"), rows("Zelenskiy"), rows("Zelenskyy")), (1, 8, 5), "{table}");
    assert!(table.contains("… and 2 more place(s) giving Zelenskyy"), "{table}");
    assert!(!table.contains("giving Zelenskiy"), "{table}");
}
