//! Printers: one per output format, behind one trait. A printer only formats the [`Report`] it
//! is given; it computes nothing.

mod json;
mod table;

pub use json::{JsonPrinter, SCHEMA_VERSION};
pub use table::TablePrinter;

use crate::error::InputWarning;
use crate::finding::{Finding, Note};
use crate::rules::Severity;
use std::io::{self, Write};

/// What a run found, ready to print.
#[derive(Debug)]
pub struct Report<'a> {
    /// Findings, sorted.
    pub findings: &'a [Finding],
    /// What checks could not do.
    pub notes: &'a [Note],
    /// Files skipped or partly read.
    pub warnings: &'a [InputWarning],
    /// Counts.
    pub summary: Summary,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Articles read.
    pub articles: usize,
    /// Claims extracted.
    pub claims: usize,
    /// Findings reported.
    pub findings: usize,
    /// Of which errors.
    pub errors: usize,
    /// Of which warnings.
    pub warnings: usize,
    /// Of which info.
    pub info: usize,
    /// Files skipped.
    pub skipped_files: usize,
}

impl Summary {
    /// Count findings by severity.
    pub fn new(articles: usize, claims: usize, findings: &[Finding], skipped_files: usize) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            articles,
            claims,
            findings: findings.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            info: count(Severity::Info),
            skipped_files,
        }
    }

    /// "5 articles, 9 claims, 4 findings (1 error, 2 warnings, 1 info)".
    pub fn line(&self) -> String {
        let p = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut s = format!(
            "{}, {}, {} ({}, {}, {} info)",
            p(self.articles, "article"),
            p(self.claims, "claim"),
            p(self.findings, "finding"),
            p(self.errors, "error"),
            p(self.warnings, "warning"),
            self.info
        );
        if self.skipped_files > 0 {
            s.push_str(&format!(", {} skipped", p(self.skipped_files, "file")));
        }
        s
    }
}

/// A report format.
pub trait Printer {
    /// Write the report.
    fn print(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable tables (the default).
    Table,
    /// One versioned JSON document (schema in docs/json.md).
    Json,
}

/// The printer for a format.
pub fn printer(format: Format, color: bool, width: u16) -> Box<dyn Printer> {
    match format {
        Format::Table => Box::new(TablePrinter { color, width }),
        Format::Json => Box::new(JsonPrinter),
    }
}
