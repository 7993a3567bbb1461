//! Markdown for a pull-request comment: a summary line, a table of findings, and each finding's
//! evidence in a collapsible block.

use super::{Printer, Report};
use crate::rules::Severity;
use std::io::{self, Write};

/// Prints Markdown.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownPrinter;

/// Escape text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', " ")
}

impl Printer for MarkdownPrinter {
    fn print(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## factdiff\n")?;
        writeln!(out, "{}\n", report.summary.line())?;
        if report.findings.is_empty() {
            writeln!(out, "No findings.")?;
        } else {
            writeln!(out, "| | Check | Rule | Where | Message |")?;
            writeln!(out, "|---|---|---|---|---|")?;
            for f in report.findings {
                let icon = match f.severity {
                    Severity::Error => "🔴 error",
                    Severity::Warning => "🟡 warning",
                    Severity::Info => "🔵 info",
                };
                let p = &f.primary;
                writeln!(
                    out,
                    "| {icon} | `{}` | {} | `{}:{}:{}` | {} |",
                    f.check,
                    f.rule.as_deref().map(|r| format!("`{r}`")).unwrap_or_default(),
                    cell(&p.path),
                    p.start.line,
                    p.start.column,
                    cell(&f.message)
                )?;
            }
            writeln!(out)?;
            for f in report.findings {
                writeln!(out, "<details><summary><code>{}</code> {}</summary>\n", f.check, html_escape(&f.message))?;
                writeln!(out, "| Value | Where | Date | Excerpt | Note |")?;
                writeln!(out, "|---|---|---|---|---|")?;
                let (places, left) = super::shown_places(f);
                for e in places {
                    writeln!(
                        out,
                        "| {} | `{}:{}:{}` | {} | {} | {} |",
                        cell(e.value.as_deref().unwrap_or("")),
                        cell(&e.path),
                        e.start.line,
                        e.start.column,
                        e.date.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()),
                        cell(&e.excerpt),
                        cell(e.note.as_deref().unwrap_or(""))
                    )?;
                }
                if let Some(left) = left {
                    writeln!(out, "\n{}", super::places_left_out(left))?;
                }
                writeln!(out, "\n</details>\n")?;
            }
        }
        if !report.notes.is_empty() {
            writeln!(out, "**Notes**\n")?;
            for n in report.notes {
                writeln!(out, "- `{}`: {}", n.check, n.message)?;
            }
        }
        Ok(())
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
