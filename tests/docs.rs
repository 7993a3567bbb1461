//! The documentation stays true: every rule key is documented, every check is listed, and the
//! README shows the real output of `make run`.

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

#[test]
fn every_rule_key_is_documented() {
    let doc = read("docs/rules.md");
    let mut missing = Vec::new();
    for (table, keys) in factdiff::rules::keys() {
        for key in &keys {
            if !doc.contains(&format!("| `{key}` |")) {
                missing.push(format!("{table}.{key}"));
            }
        }
    }
    assert!(missing.is_empty(), "keys accepted by the schema but not documented in docs/rules.md: {missing:?}");
}

#[test]
fn every_placeholder_and_check_is_documented() {
    let doc = read("docs/rules.md");
    for (name, _, _) in factdiff::rules::PLACEHOLDERS {
        assert!(doc.contains(&format!("| `{{{name}}}` |")), "placeholder {{{name}}} not in docs/rules.md");
    }
    let readme = read("README.md");
    for c in factdiff::checks::CHECKS {
        assert!(doc.contains(&format!("| `{}` |", c.id)), "check {} not in docs/rules.md", c.id);
        assert!(readme.contains(&format!("| `{}` |", c.id)), "check {} not in README.md", c.id);
    }
}

#[test]
fn readme_shows_the_real_output_of_make_run() {
    let readme = read("README.md");
    let start = readme.find("```text\n").expect("an output block in README.md") + "```text\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let out = assert_cmd::Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args(["check", "corpus", "--rules", "rules"])
        .output()
        .unwrap();
    assert_eq!(
        &readme[start..end],
        String::from_utf8(out.stdout).unwrap(),
        "README.md's output block is stale: paste the output of `factdiff check`"
    );
}
