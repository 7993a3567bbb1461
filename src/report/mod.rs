//! Printers: one per output format, behind one trait. A printer only formats the [`Report`] it
//! is given; it computes nothing.

mod concise;
pub mod editorial;
mod github;
mod json;
mod markdown;
mod sarif;
mod snippet;
mod table;

pub use concise::ConcisePrinter;
pub use github::GithubPrinter;
pub use json::{JsonPrinter, JsonlPrinter, SCHEMA_VERSION};
pub use markdown::MarkdownPrinter;
pub use sarif::SarifPrinter;
pub use table::TablePrinter;

use crate::error::InputWarning;
use crate::finding::{Finding, Note};
use crate::rules::Severity;
use std::collections::BTreeMap;
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
    /// Article files as read (the HTML source of HTML articles) by path, for `--show-source`
    /// (empty otherwise).
    pub sources: BTreeMap<&'a str, &'a str>,
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
    /// Findings hidden because the baseline knows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_hidden: Option<usize>,
    /// Baseline entries that matched no finding (fixed or changed since).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_unmatched: Option<Vec<String>>,
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
            baseline_hidden: None,
            baseline_unmatched: None,
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
        if let Some(h) = self.baseline_hidden {
            s.push_str(&format!("; the baseline hid {}", p(h, "finding")));
        }
        if let Some(u) = &self.baseline_unmatched {
            if !u.is_empty() {
                let stale = if u.len() == 1 {
                    "1 baseline entry no longer matches anything".to_string()
                } else {
                    format!("{} baseline entries no longer match anything", u.len())
                };
                s.push_str(&format!("; {stale}: {}", u.join(", ")));
            }
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
    /// Human-readable tables, one per finding; five places of a conflict's majority or of the
    /// context shown beside a finding (the default).
    Table,
    /// One line per finding: `file:line:col: severity check: message`.
    Concise,
    /// One versioned JSON document (schema in docs/json.md).
    Json,
    /// One JSON object per finding per line.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request; five places of a
    /// conflict's majority or of a finding's context).
    Github,
    /// Markdown, for a pull-request comment (five places of a conflict's majority or of a
    /// finding's context).
    Markdown,
}

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct PrintOptions {
    /// Use ANSI colours (table and concise).
    pub color: bool,
    /// Table width in columns.
    pub width: u16,
    /// Show a source excerpt with the span underlined (table and concise).
    pub show_source: bool,
}

/// The printer for a format.
pub fn printer(format: Format, opts: PrintOptions) -> Box<dyn Printer> {
    match format {
        Format::Table => Box::new(TablePrinter { opts }),
        Format::Concise => Box::new(ConcisePrinter { opts }),
        Format::Json => Box::new(JsonPrinter),
        Format::Jsonl => Box::new(JsonlPrinter),
        Format::Sarif => Box::new(SarifPrinter),
        Format::Github => Box::new(GithubPrinter),
        Format::Markdown => Box::new(MarkdownPrinter),
    }
}

/// The severity's name, coloured when `color` is on (red, yellow, cyan).
pub(crate) fn severity_label(color: bool, s: Severity) -> String {
    match s {
        Severity::Error => paint(color, "1;31", "error"),
        Severity::Warning => paint(color, "1;33", "warning"),
        Severity::Info => paint(color, "1;36", "info"),
    }
}

/// Paint `s` with an ANSI SGR code when `color` is on.
pub(crate) fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// A word diff as text: deletions `[-like this-]`, insertions `{+like this+}` (the convention of
/// `git diff --word-diff`), coloured red and green when colour is on.
pub(crate) fn render_diff(diff: &[crate::finding::DiffSegment], color: bool) -> String {
    use crate::dupes::DiffTag;
    let mut s = String::new();
    for seg in diff {
        let text = seg.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !s.is_empty() && !text.is_empty() {
            s.push(' ');
        }
        match seg.tag {
            DiffTag::Equal => s.push_str(&text),
            DiffTag::Delete => s.push_str(&paint(color, "31", &format!("[-{text}-]"))),
            DiffTag::Insert => s.push_str(&paint(color, "32", &format!("{{+{text}+}}"))),
        }
    }
    s
}

/// Places of a finding's most common value a report for people shows; JSON and SARIF list
/// them all.
pub(crate) const SHOWN_PER_VALUE: usize = 5;

/// The places of a finding a report for people shows, and what it leaves out: every place,
/// except that one value shows its first [`SHOWN_PER_VALUE`] places only — the most common
/// value among the places shown for context (the preferred spelling's examples beside the
/// variants, what other articles say beside a stale claim), or, in a finding without context,
/// the most common value other than the primary place's (a conflict's majority). A conflict
/// over months of coverage has thousands of places giving the majority value ("€50bn (3104
/// articles) vs €5bn (94)"), and a table of every one buries the few that differ; places
/// without a value (copied passages), the other values and every place the finding is about
/// (each variant spelling, whichever is most common) are each a place to act on, and all shown.
pub(crate) fn shown_places(f: &Finding) -> (Vec<&crate::finding::Evidence>, Option<(usize, &str)>) {
    let places: Vec<&crate::finding::Evidence> = std::iter::once(&f.primary).chain(&f.related).collect();
    let primary = f.primary.value.as_deref();
    let with_context = places.iter().any(|e| e.context);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in places.iter().filter(|e| if with_context { e.context } else { e.value.as_deref() != primary }) {
        if let Some(v) = e.value.as_deref() {
            *counts.entry(v).or_default() += 1;
        }
    }
    let Some((common, n)) = counts.into_iter().max_by_key(|(v, n)| (*n, std::cmp::Reverse(*v))) else {
        return (places, None);
    };
    if n <= SHOWN_PER_VALUE {
        return (places, None);
    }
    let mut seen = 0;
    let shown = places
        .into_iter()
        .filter(|e| {
            if e.value.as_deref() != Some(common) || (with_context && !e.context) {
                return true;
            }
            seen += 1;
            seen <= SHOWN_PER_VALUE
        })
        .collect();
    (shown, Some((n - SHOWN_PER_VALUE, common)))
}

/// The line under a finding's places when some were left out.
pub(crate) fn places_left_out((left, value): (usize, &str)) -> String {
    format!("… and {left} more place(s) giving {value} (every one is in --format json or sarif)")
}

/// Items of a list printed in parallel before they are written.
const PRINTED_PER_BATCH: usize = 8192;

/// Write `envelope`, a pretty-printed JSON document whose list under `key` at nesting `depth`
/// (the top-level object's keys are depth 1) is empty, with `items` in that list as serde_json
/// would print them there. The items are printed in parallel — an archive's report has tens of
/// thousands — each alone by `print`, its lines then indented to their depth (a JSON string
/// never holds a raw line break, so every line break is the printer's).
pub(crate) fn splice_list<T: Sync>(
    out: &mut dyn std::io::Write,
    envelope: &str,
    key: &str,
    depth: usize,
    items: &[T],
    print: impl Fn(&T) -> serde_json::Result<Vec<u8>> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let empty = format!("\n{}\"{key}\": []", "  ".repeat(depth));
    let at = envelope.find(&empty).ok_or_else(|| std::io::Error::other(format!("the JSON report has no empty list \"{key}\"")))?;
    if items.is_empty() {
        return out.write_all(envelope.as_bytes());
    }
    let indent = format!("\n{}", "  ".repeat(depth + 1));
    out.write_all(&envelope.as_bytes()[..at])?;
    write!(out, "\n{}\"{key}\": [", "  ".repeat(depth))?;
    // A batch at a time, so only a batch's text is held (the whole report of an archive is
    // 150 MB); each item comes with a leading ",", the first one's is dropped.
    for (b, batch) in items.chunks(PRINTED_PER_BATCH).enumerate() {
        let chunks: Vec<Vec<u8>> = batch
            .par_chunks(256)
            .map(|chunk| {
                let mut text = Vec::new();
                for item in chunk {
                    let one = print(item)?;
                    text.push(b',');
                    for line in one.split(|&c| c == b'\n') {
                        text.extend_from_slice(indent.as_bytes());
                        text.extend_from_slice(line);
                    }
                }
                Ok(text)
            })
            .collect::<serde_json::Result<_>>()?;
        for (i, c) in chunks.iter().enumerate() {
            out.write_all(if b == 0 && i == 0 { &c[1..] } else { c })?;
        }
    }
    write!(out, "\n{}]", "  ".repeat(depth))?;
    out.write_all(&envelope.as_bytes()[at + empty.len()..])
}
