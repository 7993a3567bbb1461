//! Other inputs: the seed articles as one `.jsonl` file give the same findings as the Markdown
//! corpus, located as `file.jsonl#id:line:col`; bad lines are warnings naming their line.

use assert_cmd::Command;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn findings(path: &Path, extra: &[&str]) -> (Value, String) {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(root())
        .args(["check", "--format", "json", "--no-cache", "--rules", "rules"])
        .arg(path)
        .args(extra)
        .output()
        .unwrap();
    (serde_json::from_slice(&out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// What a finding says, without where (line numbers differ: Markdown has front matter).
fn gist(doc: &Value) -> BTreeSet<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {} | {}", f["severity"], f["check"], f["rule"], f["message"]))
        .collect()
}

#[test]
fn jsonl_gives_the_same_findings_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    let mut names: Vec<_> = std::fs::read_dir(root().join("corpus")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in &names {
        let a = factdiff::corpus::read_article(p).unwrap();
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let line = json!({ "id": id, "title": a.title, "date": a.date.map(|d| d.to_string()), "source": a.source, "text": a.body_text() });
        lines.push_str(&format!("{line}\n"));
    }
    let file = dir.path().join("seeds.jsonl");
    std::fs::write(&file, lines).unwrap();
    let (md, _) = findings(&root().join("corpus"), &[]);
    let (jl, err) = findings(&file, &[]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(gist(&md), gist(&jl));
    let stale = jl["findings"].as_array().unwrap().iter().find(|f| f["check"] == "stale-fact").unwrap();
    let path = stale["location"]["path"].as_str().unwrap();
    assert!(path.ends_with("seeds.jsonl#004_e49305c45f08ffdc"), "{path}");
    // Markdown line 18 is line 13 of the text field (five lines of front matter).
    assert_eq!(stale["location"]["line"], 13);
    assert_eq!(stale["location"]["column"], 113);
}

#[test]
fn bad_jsonl_lines_are_warnings_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"id\": \"ok\", \"date\": \"2023-11-29\", \"text\": \"NATO is an alliance of 30 member countries.\"}\n",
            "not json\n",
            "{\"id\": \"notext\"}\n",
            "{\"id\": \"ok\", \"text\": \"duplicate id\"}\n",
            "{\"id\": \"baddate\", \"date\": \"yesterday\", \"text\": \"x\"}\n",
        ),
    )
    .unwrap();
    let (doc, err) = findings(&file, &[]);
    assert_eq!(doc["summary"]["articles"], 1);
    for (line, what) in [(2, "not a JSON object"), (3, "no `text` text field"), (4, "repeats the id `ok`"), (5, "must be a date")] {
        assert!(err.contains(&format!("a.jsonl:{line}:1: line {line}")) && err.contains(what), "{line}: {err}");
    }
}

#[test]
fn jsonl_field_names_come_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("factdiff.toml"),
        format!(
            "rules = \"{}\"\n[jsonl]\nid = \"slug\"\ntext = \"body\"\ndate = \"published\"\ntitle = \"headline\"\nsource = \"outlet\"\n",
            root().join("rules").display()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.jsonl"),
        "{\"slug\": \"s1\", \"published\": \"2023-11-29T10:00:00Z\", \"body\": \"NATO is an alliance of 30 member countries.\"}\n",
    )
    .unwrap();
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "a.jsonl", "--format", "json", "--no-cache"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["location"]["path"], "a.jsonl#s1");
    assert_eq!(doc["findings"][0]["check"], "stale-fact");
}
