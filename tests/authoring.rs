//! Rule authoring: examples inside the shipped rules, the JSON Schema, `rules` subcommands,
//! fixture markers and `init`.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn factdiff(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("factdiff").unwrap().current_dir(dir).env_remove("COLUMNS").args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn every_shipped_rule_has_passing_positive_and_negative_examples() {
    let rules = factdiff::rules::load(&root().join("rules")).unwrap();
    let results = factdiff::authoring::run_examples(&rules);
    let failures: Vec<_> = results.iter().filter(|r| r.failure.is_some()).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    for f in &rules.facts {
        assert!(f.examples.iter().any(|e| !e.no_claim), "{}: no positive example", f.id);
        assert!(f.examples.iter().any(|e| e.no_claim), "{}: no negative example", f.id);
    }
    for t in &rules.terms {
        assert!(
            t.examples.iter().any(|e| e.flagged) && t.examples.iter().any(|e| !e.flagged),
            "{}: needs flagged and unflagged examples",
            t.id
        );
    }
}

#[test]
fn a_failing_example_names_its_line_and_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.toml"),
        "[[fact]]\nid = \"m\"\ntitle = \"Members\"\nkind = \"count\"\npatterns = ['{count} member states']\n\n[[fact.example]]\ntext = \"It has 30 member states.\"\nvalue = 31\n",
    )
    .unwrap();
    let (code, out, _) = factdiff(dir.path(), &["rules", "test", "--rules", "r.toml"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("FAIL m r.toml:7") && out.contains("expected the value 31, got 30"), "{out}");
    assert!(out.ends_with("rule examples: 0 passed, 1 failed\n"), "{out}");
}

#[test]
fn fixture_markers_expect_findings_on_the_next_line() {
    let (code, out, err) = factdiff(root(), &["rules", "test", "--fixtures", "tests/data/expect-fixtures"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("rule examples: 27 passed, 0 failed") || out.contains(" passed, 0 failed"), "{out}");
    // Remove a marker: the finding becomes unexpected and the run fails.
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(root().join("tests/data/expect-fixtures/a.md")).unwrap().replace("<!-- expect: kyiv-spelling -->\n", "");
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let rules = root().join("rules");
    let (code, out, _) = factdiff(dir.path(), &["rules", "test", "--rules", rules.to_str().unwrap(), "--fixtures", "."]);
    assert_eq!(code, Some(1));
    assert!(out.contains("unexpected finding"), "{out}");
}

/// The keys serde accepts in a table, read from its "unknown field" message.
fn accepted_keys(toml: &str) -> BTreeSet<String> {
    let e = factdiff::rules::load_str(Path::new("k.toml"), toml).unwrap_err().to_string();
    let first = e.lines().next().unwrap();
    let list = first.split("expected one of ").nth(1).or_else(|| first.split(", expected ").nth(1)).unwrap_or_else(|| panic!("{e}"));
    list.split(", ").flat_map(|k| k.split(" or ")).map(|k| k.trim().trim_matches('`').to_string()).collect()
}

#[test]
fn schema_keys_are_exactly_the_keys_the_loader_accepts() {
    let fact = "[[fact]]\nid = \"a\"\ntitle = \"t\"\nkind = \"count\"\npatterns = ['{count} x']\n";
    let cases = [
        ("fact", format!("{fact}zzz = 1\n")),
        ("fact.reference", format!("{fact}[[fact.reference]]\nvalue = 1\nfrom = 2020-01-01\nsource = \"s\"\nzzz = 1\n")),
        ("fact.example", format!("{fact}[[fact.example]]\ntext = \"1 x\"\nzzz = 1\n")),
        ("term", "[[term]]\nid = \"b\"\neither = [\"a\", \"b\"]\nzzz = 1\n".to_string()),
        (
            "term.example",
            "[[term]]\nid = \"b\"\neither = [\"a\", \"b\"]\n[[term.example]]\ntext = \"a\"\nflagged = true\nzzz = 1\n".to_string(),
        ),
        ("near-verbatim", "[near-verbatim]\nzzz = 1\n".to_string()),
        ("currencies", "[currencies]\nrates = {}\nsource = \"s\"\nzzz = 1\n".to_string()),
    ];
    let schema: std::collections::BTreeMap<String, Vec<String>> = factdiff::rules::keys().into_iter().collect();
    for (table, toml) in cases {
        let from_schema: BTreeSet<String> = schema[table].iter().cloned().collect();
        assert_eq!(accepted_keys(&toml), from_schema, "{table}");
    }
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

#[test]
fn shipped_rules_validate_against_the_schema_file_which_is_current() {
    let (_, printed, _) = factdiff(root(), &["rules", "schema"]);
    let file = std::fs::read_to_string(root().join("docs/rules.schema.json")).unwrap();
    assert_eq!(printed, file, "docs/rules.schema.json is stale: run `factdiff rules schema > docs/rules.schema.json`");
    let schema: Value = serde_json::from_str(&file).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(root().join("rules")).unwrap().map(|e| e.unwrap().path()).collect();
    files.push(root().join("src/init/example.toml"));
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("#:schema "), "{}: no #:schema line", p.display());
        let doc = toml_to_json(toml::from_str::<toml::Value>(&text).unwrap());
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", p.display());
    }
}

#[test]
fn list_explain_and_validate() {
    let (code, out, _) = factdiff(root(), &["rules", "list"]);
    assert_eq!(code, Some(0));
    for id in ["nato-member-count", "ukraine-aid-amount", "kyiv-spelling", "defence-spelling"] {
        assert!(out.contains(id), "{out}");
    }
    let (code, out, _) = factdiff(root(), &["rules", "explain", "nato-member-count"]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("explain_nato_member_count", out);
    // What a rule leaves alone is part of what it is: max-ratio of a fact, not-in of a term.
    let (_, out, _) = factdiff(root(), &["rules", "explain", "ukraine-aid-amount"]);
    assert!(out.contains("max-ratio: 3 "), "{out}");
    let (_, out, _) = factdiff(root(), &["rules", "explain", "kyiv-spelling"]);
    assert!(out.contains("not in: (?i:chicken (?:à la |a la )?Kiev)"), "{out}");
    let (code, _, err) = factdiff(root(), &["rules", "explain", "no-such-rule"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no rule `no-such-rule`"));
    let (code, _, err) = factdiff(root(), &["rules", "validate", "--rules", "tests/data/bad-rules"]);
    assert_eq!(code, Some(2));
    let files = std::fs::read_dir(root().join("tests/data/bad-rules")).unwrap().count();
    assert!(err.matches("hint:").count() >= files, "every file's errors at once: {err}");
    let (code, out, _) = factdiff(root(), &["rules", "validate"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("valid"));
}

#[test]
fn init_writes_a_working_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = factdiff(dir.path(), &["init"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("wrote factdiff.toml") && out.contains("wrote rules/example.toml"));
    let (code, out, _) = factdiff(dir.path(), &["rules", "test"]);
    assert_eq!(code, Some(0), "{out}");
    let (code, _, err) = factdiff(dir.path(), &["init"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("already exists"), "{err}");
}
