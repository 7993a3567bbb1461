//! SARIF 2.1.0: one run with a rule per check (help taken from the check's documentation),
//! one result per finding with the other articles of a disagreement as `relatedLocations`, and
//! the finding's fingerprint as a `partialFingerprints` entry so code-scanning dashboards track
//! it across commits. Columns are Unicode code points (`columnKind`).

use super::{Printer, Report};
use crate::checks::CHECKS;
use crate::finding::Evidence;
use crate::rules::Severity;
use serde_json::{json, Value};
use std::io::{self, Write};

/// Prints SARIF.
#[derive(Debug, Clone, Copy)]
pub struct SarifPrinter;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(e: &Evidence) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": e.path.replace(' ', "%20") },
            "region": {
                "startLine": e.start.line,
                "startColumn": e.start.column,
                "endLine": e.end.line,
                "endColumn": e.end.column,
                "snippet": { "text": e.excerpt },
            }
        }
    })
}

impl Printer for SarifPrinter {
    fn print(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<Value> = CHECKS
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "name": c.id.split('-').map(|w| { let mut cs = w.chars(); cs.next().map(|f| f.to_uppercase().collect::<String>() + cs.as_str()).unwrap_or_default() }).collect::<String>(),
                    "shortDescription": { "text": c.summary },
                    "fullDescription": { "text": c.summary },
                    "help": { "text": c.help_text(), "markdown": c.help_markdown() },
                    "defaultConfiguration": { "level": level(c.default_severity) },
                })
            })
            .collect();
        let result = |f: &crate::finding::Finding| {
            let related: Vec<Value> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut l = location(e);
                    l["id"] = json!(i + 1);
                    let text = [e.value.clone(), e.date.map(|d| d.to_string()), e.note.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    l["message"] = json!({ "text": if text.is_empty() { e.excerpt.clone() } else { text } });
                    l
                })
                .collect();
            let mut r = json!({
                "ruleId": f.check,
                "ruleIndex": CHECKS.iter().position(|c| c.id == f.check).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [location(&f.primary)],
                "partialFingerprints": { "factdiff/v1": f.fingerprint },
                "properties": { "rule": f.rule },
            });
            if !related.is_empty() {
                r["relatedLocations"] = json!(related);
            }
            r
        };
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "factdiff",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/factdiff/factdiff",
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": [],
            }]
        });
        // The results are printed in parallel, one at a time (as trees of values, all of an
        // archive's results at once took gigabytes).
        let envelope = serde_json::to_string_pretty(&doc)?;
        super::splice_list(out, &envelope, "results", 3, report.findings, |f| serde_json::to_vec_pretty(&result(f)))?;
        writeln!(out)
    }
}
