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
        let doc = Doc {
            version: SCHEMA_VERSION,
            tool: Tool { name: "factdiff", version: env!("CARGO_PKG_VERSION") },
            summary: &report.summary,
            findings: report.findings.iter().map(finding).collect(),
            notes: report.notes,
            warnings: report.warnings,
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
