//! One line per finding, `file:line:col: severity check: message [rule]`, the shape editors,
//! grep and compiler-error parsers understand.

use super::{severity_label, snippet, PrintOptions, Printer, Report};
use std::io::{self, Write};

/// Prints one line per finding.
#[derive(Debug, Clone, Copy)]
pub struct ConcisePrinter {
    /// Colour and source options.
    pub opts: PrintOptions,
}

impl Printer for ConcisePrinter {
    fn print(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in report.findings {
            let sev = severity_label(self.opts.color, f.severity);
            let rule = f.rule.as_deref().map(|r| format!(" [{r}]")).unwrap_or_default();
            let p = &f.primary;
            writeln!(out, "{}:{}:{}: {sev} {}: {}{rule}", p.path, p.start.line, p.start.column, f.check, f.message)?;
            if self.opts.show_source {
                if let Some(s) = snippet::render(f, report.sources.get(p.path.as_str()).copied(), self.opts.color, self.opts.width) {
                    writeln!(out, "{s}")?;
                }
            }
        }
        writeln!(out, "{}", report.summary.line())
    }
}
