//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding,
//! which GitHub shows on the pull request's changed files. Paths are relative to the repository
//! root (the caller makes them so); lines and columns are 1-based.

use super::{Printer, Report};
use crate::rules::Severity;
use std::io::{self, Write};

/// Prints workflow commands.
#[derive(Debug, Clone, Copy)]
pub struct GithubPrinter;

/// Escape a workflow-command message (data part).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a workflow-command property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Printer for GithubPrinter {
    fn print(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in report.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let p = &f.primary;
            let title = match &f.rule {
                Some(r) => format!("factdiff {} ({r})", f.check),
                None => format!("factdiff {}", f.check),
            };
            let mut message = f.message.clone();
            let (places, left) = super::shown_places(f);
            for r in places.into_iter().skip(1) {
                message.push_str(&format!("\n{}:{}:{}: {}", r.path, r.start.line, r.start.column, r.value.as_deref().unwrap_or("")));
            }
            if let Some(left) = left {
                message.push_str(&format!("\n{}", super::places_left_out(left)));
            }
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&p.path),
                p.start.line,
                p.start.column,
                p.end.line,
                p.end.column,
                escape_property(&title),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
