//! Tools for rule authors: running the examples written inside rules (`factdiff rules test`),
//! fixture folders with `<!-- expect: ID -->` markers, and the JSON Schema of rule files.
//!
//! Takes a [`RuleSet`]; hands on one [`ExampleResult`] per example, each saying what was
//! expected, what happened and where the example is, so a failing example points at its line.

use crate::checks::{self, Context};
use crate::compare;
use crate::corpus::Article;
use crate::extract;
use crate::rules::RuleSet;
use std::path::{Path, PathBuf};

/// The outcome of one example.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExampleResult {
    /// The rule id.
    pub rule: String,
    /// Where the example is: `file:line`.
    pub at: String,
    /// The example text.
    pub text: String,
    /// What was expected.
    pub expected: String,
    /// `None` when the example passed, else what went wrong.
    pub failure: Option<String>,
}

/// The example as an article. An explicit (possibly empty) front matter block comes first, so
/// example text is never itself taken for front matter.
fn article(text: &str, date: Option<chrono::NaiveDate>) -> Result<Article, String> {
    let date = date.map(|d| format!("date = {d}\n")).unwrap_or_default();
    Article::from_text("example", format!("+++\n{date}+++\n{text}\n")).map_err(|w| w.message)
}

/// Run the checks on one article with these rules.
fn findings_for(a: Article, rules: &RuleSet) -> Vec<crate::finding::Finding> {
    let articles = vec![a];
    let (mentions, claims) = crate::app::extract_all(&articles, rules);
    checks::run(&Context::standalone(&articles, rules, &claims, &mentions), &[]).findings
}

/// Run every example of every rule.
pub fn run_examples(rules: &RuleSet) -> Vec<ExampleResult> {
    let mut out = Vec::new();
    for (fi, fact) in rules.facts.iter().enumerate() {
        for ex in &fact.examples {
            let a = match article(&ex.text, ex.date) {
                Ok(a) => a,
                Err(e) => {
                    out.push(ExampleResult {
                        rule: fact.id.clone(),
                        at: format!("{}:{}", fact.origin.path.display(), ex.line),
                        text: ex.text.clone(),
                        expected: String::new(),
                        failure: Some(e),
                    });
                    continue;
                }
            };
            let claims: Vec<_> = extract::claims(0, &a, rules).into_iter().filter(|c| c.fact == fi).collect();
            let shown: Vec<String> = claims.iter().map(|c| compare::display(&c.value)).collect();
            let mut expected = Vec::new();
            let mut failure = None;
            if ex.no_claim {
                expected.push("no claim".to_string());
                if !claims.is_empty() {
                    failure = Some(format!("expected no claim, got {}", shown.join(", ")));
                }
            } else if claims.is_empty() {
                failure = Some("expected a claim, got none: no pattern matched".to_string());
            }
            if let (Some(v), Some(w), None) = (&ex.value, &ex.written, &failure) {
                expected.push(format!("value {w}"));
                let want = compare::of_reference(v);
                let ok = claims.iter().any(|c| {
                    compare::of_claim(&c.value, crate::rules::Tolerance::Exact)
                        .zip(want.clone())
                        .is_some_and(|(x, y)| compare::agree(&x, &y) == Some(true))
                });
                if !ok {
                    failure = Some(format!("expected the value {w}, got {}", shown.join(", ")));
                }
            }
            for (what, want, got) in [
                ("subject", &ex.subject, claims.first().and_then(|c| c.subject.clone())),
                ("role", &ex.role, claims.first().and_then(|c| c.role.clone())),
            ] {
                if let Some(w) = want {
                    expected.push(format!("{what} {w}"));
                    if failure.is_none() && got.as_deref() != Some(w.as_str()) {
                        failure =
                            Some(format!("expected {what} `{w}`, got {}", got.map(|g| format!("`{g}`")).unwrap_or_else(|| "none".into())));
                    }
                }
            }
            if let Some(check) = &ex.finding {
                expected.push(format!("a {check} finding"));
                if failure.is_none() {
                    let fs = findings_for(a, rules);
                    if !fs.iter().any(|f| f.check == check && f.rule.as_deref() == Some(fact.id.as_str())) {
                        failure = Some(format!(
                            "expected a {check} finding, got {}",
                            if fs.is_empty() { "none".to_string() } else { fs.iter().map(|f| f.check).collect::<Vec<_>>().join(", ") }
                        ));
                    }
                }
            }
            if expected.is_empty() {
                expected.push("a claim".into());
            }
            out.push(ExampleResult {
                rule: fact.id.clone(),
                at: format!("{}:{}", fact.origin.path.display(), ex.line),
                text: ex.text.clone(),
                expected: expected.join(", "),
                failure,
            });
        }
    }
    for term in &rules.terms {
        for ex in &term.examples {
            let fs = match article(&ex.text, None) {
                Ok(a) => findings_for(a, rules),
                Err(_) => Vec::new(),
            };
            let flagged = fs.iter().any(|f| f.check == "spelling-variant" && f.rule.as_deref() == Some(term.id.as_str()));
            out.push(ExampleResult {
                rule: term.id.clone(),
                at: format!("{}:{}", term.origin.path.display(), ex.line),
                text: ex.text.clone(),
                expected: if ex.flagged { "flagged".into() } else { "not flagged".into() },
                failure: (flagged != ex.flagged).then(|| {
                    if ex.flagged {
                        "expected a spelling-variant finding, got none".into()
                    } else {
                        "expected no finding, got a spelling-variant finding".into()
                    }
                }),
            });
        }
    }
    out
}

/// One `<!-- expect: ID -->` marker in a fixture article, and whether it was met.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FixtureResult {
    /// `path:line` of the marker, or of an unexpected finding.
    pub at: String,
    /// What was expected or found.
    pub what: String,
    /// `None` when fine, else what went wrong.
    pub failure: Option<String>,
}

/// Check a fixture folder: each `<!-- expect: ID -->` marker expects a finding of check or
/// rule `ID` on the next non-empty line, and every finding must be expected.
pub fn run_fixtures(dir: &Path, rules: &RuleSet) -> anyhow::Result<Vec<FixtureResult>> {
    let run = crate::app::analyze(&[PathBuf::from(dir)], rules, &[])?;
    let marker = regex::Regex::new(r"<!--\s*expect:\s*([a-z0-9-]+)\s*-->").map_err(anyhow::Error::from)?;
    let mut out = Vec::new();
    let mut expected: Vec<(String, usize, String)> = Vec::new();
    for a in &run.corpus.articles {
        // Markers are comments in the file, and findings are located in the file too (for an
        // HTML fixture, its source rather than its readable text).
        let lines: Vec<&str> = a.file_text().lines().collect();
        for (i, line) in lines.iter().enumerate() {
            for c in marker.captures_iter(line) {
                let target = (i + 1..lines.len())
                    .find(|&j| !lines[j].trim().is_empty() && !marker.is_match(lines[j]))
                    .map(|j| j + 1)
                    .unwrap_or(i + 1);
                expected.push((a.path.clone(), target, c[1].to_string()));
            }
        }
    }
    let mut met = vec![false; expected.len()];
    for f in &run.output.findings {
        let hit = expected.iter().position(|(p, l, id)| {
            *p == f.primary.path && *l == f.primary.start.line && (id == f.check || Some(id.as_str()) == f.rule.as_deref())
        });
        match hit {
            Some(i) => met[i] = true,
            None => out.push(FixtureResult {
                at: format!("{}:{}", f.primary.path, f.primary.start.line),
                what: format!("{} {}", f.check, f.rule.as_deref().unwrap_or("")),
                failure: Some(format!("unexpected finding: {}", f.message)),
            }),
        }
    }
    for ((p, l, id), ok) in expected.iter().zip(met) {
        out.push(FixtureResult {
            at: format!("{p}:{l}"),
            what: format!("expect {id}"),
            failure: (!ok).then(|| format!("no {id} finding on this line")),
        });
    }
    out.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(out)
}
