//! The terminal report: per finding, a header line (`severity[check] rule: message`) and a
//! table of its evidence — value, place, date, excerpt, note — so the disagreeing values stand
//! side by side; then notes, and one summary line.

use super::{paint, severity_label, snippet, PrintOptions, Printer, Report};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ColumnConstraint, ContentArrangement, Table};
use std::io::{self, Write};

/// Prints tables.
#[derive(Debug, Clone, Copy)]
pub struct TablePrinter {
    /// Colour, width and source options.
    pub opts: PrintOptions,
}

impl Printer for TablePrinter {
    fn print(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in report.findings {
            let sev = severity_label(self.opts.color, f.severity);
            let rule = f.rule.as_deref().map(|r| format!(" {r}")).unwrap_or_default();
            writeln!(out, "{sev}[{}]{}: {}", f.check, paint(self.opts.color, "1", &rule), f.message)?;
            let mut t = Table::new();
            t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_width(self.opts.width);
            let with_notes = f.primary.note.is_some() || f.related.iter().any(|e| e.note.is_some());
            let with_values = f.primary.value.is_some() || f.related.iter().any(|e| e.value.is_some());
            let mut header = if with_values { vec!["Value", "Where", "Date", "Excerpt"] } else { vec!["Where", "Date", "Excerpt"] };
            if with_notes {
                header.push("Note");
            }
            t.set_header(header);
            let (places, left) = super::shown_places(f);
            for e in places {
                let mut row = Vec::new();
                if with_values {
                    row.push(e.value.clone().unwrap_or_default());
                }
                row.extend([
                    format!("{}:{}:{}", e.path, e.start.line, e.start.column),
                    e.date.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()),
                    e.excerpt.clone(),
                ]);
                if with_notes {
                    row.push(e.note.clone().unwrap_or_default());
                }
                t.add_row(row);
            }
            // Places and dates are read whole; only the prose columns wrap.
            for i in 0..if with_values { 3 } else { 2 } {
                if let Some(c) = t.column_mut(i) {
                    c.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
            writeln!(out, "{t}")?;
            if let Some(left) = left {
                writeln!(out, "{}", super::places_left_out(left))?;
            }
            if let Some(diff) = &f.diff {
                writeln!(out, "word diff ([-only here-] {{+only there+}}):")?;
                writeln!(out, "{}", super::render_diff(diff, self.opts.color))?;
            }
            if self.opts.show_source {
                if let Some(s) = snippet::render(f, report.sources.get(f.primary.path.as_str()).copied(), self.opts.color, self.opts.width)
                {
                    writeln!(out, "{s}")?;
                }
            }
            writeln!(out)?;
        }
        for n in report.notes {
            writeln!(out, "{}[{}]: {}", paint(self.opts.color, "2", "note"), n.check, n.message)?;
        }
        if !report.notes.is_empty() {
            writeln!(out)?;
        }
        let summary = report.summary.line();
        writeln!(out, "{}", if report.findings.is_empty() { format!("No findings. {summary}") } else { summary })
    }
}
