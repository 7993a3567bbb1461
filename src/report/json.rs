//! The JSON report: one document, versioned. The schema is documented in `docs/json.md`; any
//! change to a field's meaning bumps [`SCHEMA_VERSION`].

use super::{Printer, Report, Summary};
use crate::error::InputWarning;
use crate::finding::{Evidence, Note};
use std::io::{self, Write};

/// Version of the JSON document's schema.
pub const SCHEMA_VERSION: u32 = 1;

/// Prints JSON.
#[derive(Debug, Clone, Copy)]
pub struct JsonPrinter;

/// Prints one JSON object per finding per line (the objects of `findings` in the JSON document).
#[derive(Debug, Clone, Copy)]
pub struct JsonlPrinter;

#[derive(serde::Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    summary: &'a Summary,
    findings: Vec<JFinding<'a>>,
    notes: &'a [Note],
    warnings: &'a [InputWarning],
}

#[derive(serde::Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(serde::Serialize)]
struct JFinding<'a> {
    check: &'a str,
    severity: &'a str,
    rule: Option<&'a str>,
    message: &'a str,
    fingerprint: &'a str,
    location: JLocation<'a>,
    related: Vec<JLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<&'a [crate::finding::DiffSegment]>,
}

#[derive(serde::Serialize)]
struct JLocation<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    value: Option<&'a str>,
    date: Option<String>,
    excerpt: &'a str,
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    context: bool,
}

fn loc(e: &Evidence) -> JLocation<'_> {
    let bytes = e.in_file();
    JLocation {
        path: &e.path,
        line: e.start.line,
        column: e.start.column,
        end_line: e.end.line,
        end_column: e.end.column,
        byte_start: bytes.start,
        byte_end: bytes.end,
        value: e.value.as_deref(),
        date: e.date.map(|d| d.to_string()),
        excerpt: &e.excerpt,
        note: e.note.as_deref(),
        context: e.context,
    }
}

fn finding(f: &crate::finding::Finding) -> JFinding<'_> {
    JFinding {
        check: f.check,
        severity: f.severity.as_str(),
        rule: f.rule.as_deref(),
        message: &f.message,
        fingerprint: &f.fingerprint,
        location: loc(&f.primary),
        related: f.related.iter().map(loc).collect(),
        diff: f.diff.as_deref(),
    }
}

impl Printer for JsonlPrinter {
    fn print(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in report.findings {
            serde_json::to_writer(&mut *out, &finding(f))?;
            writeln!(out)?;
        }
        Ok(())
    }
}

impl Printer for JsonPrinter {
    fn print(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let doc = |findings| Doc {
            version: SCHEMA_VERSION,
            tool: Tool { name: "factdiff", version: env!("CARGO_PKG_VERSION") },
            summary: &report.summary,
            findings,
            notes: report.notes,
            warnings: report.warnings,
        };
        let envelope = serde_json::to_string_pretty(&doc(Vec::new()))?;
        super::splice_list(out, &envelope, "findings", 1, report.findings, |f| serde_json::to_vec_pretty(&finding(f)))?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;

    /// The document as serde_json prints it in one piece.
    fn whole(report: &Report<'_>) -> Vec<u8> {
        let doc = Doc {
            version: SCHEMA_VERSION,
            tool: Tool { name: "factdiff", version: env!("CARGO_PKG_VERSION") },
            summary: &report.summary,
            findings: report.findings.iter().map(finding).collect(),
            notes: report.notes,
            warnings: report.warnings,
        };
        let mut text = serde_json::to_vec_pretty(&doc).unwrap();
        text.push(b'\n');
        text
    }

    /// Findings printed in parallel pieces give the bytes of the document printed whole, for no
    /// finding, one, and the seed corpus's findings repeated over many pieces.
    #[test]
    fn findings_printed_in_parallel_are_the_document_printed_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = crate::rules::load(&root.join("rules")).unwrap();
        let run = crate::app::analyze(&[root.join("corpus")], &rules, &[]).unwrap();
        assert!(run.output.findings.iter().any(|f| f.diff.is_some()));
        let warnings = vec![InputWarning { path: "corpus/x.md".into(), at: None, message: "a warning \"findings\": []".into() }];
        for n in [0, 1, run.output.findings.len(), 2 * crate::report::PRINTED_PER_BATCH + 3] {
            let findings: Vec<Finding> = run.output.findings.iter().cycle().take(n).cloned().collect();
            let report = Report {
                findings: &findings,
                notes: &run.output.notes,
                warnings: &warnings,
                summary: Summary::new(5, run.claims.len(), &findings, warnings.len()),
                sources: Default::default(),
            };
            let mut printed = Vec::new();
            JsonPrinter.print(&report, &mut printed).unwrap();
            assert!(printed == whole(&report), "{n} findings:\n{}", String::from_utf8_lossy(&printed));
        }
    }
}
