//! `--show-source`: a rustc-like excerpt of the line holding a finding's span, the span
//! underlined, rendered by annotate-snippets.

use crate::finding::Finding;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

/// The excerpt for a finding's primary location, or `None` when its source is not at hand.
/// `text` is the file as read (for HTML the page's source, so the excerpt is the HTML line an
/// editor sees, with the words of the span underlined among their tags).
pub(crate) fn render(f: &Finding, text: Option<&str>, color: bool, width: u16) -> Option<String> {
    let text = text?;
    let e = &f.primary;
    let bytes = e.in_file();
    // The whole line (or lines) holding the span, so line numbers and columns stay true.
    let line_start = text.get(..bytes.start.min(text.len()))?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text.get(bytes.end.min(text.len())..)?.find('\n').map_or(text.len(), |i| bytes.end + i);
    let source = text.get(line_start..line_end)?.trim_end_matches('\r');
    let span = bytes.start - line_start..(bytes.end - line_start).min(source.len());
    let level = match f.severity {
        crate::rules::Severity::Error => Level::ERROR,
        crate::rules::Severity::Warning => Level::WARNING,
        crate::rules::Severity::Info => Level::INFO,
    };
    let label = e.note.clone().or_else(|| e.value.clone()).unwrap_or_default();
    let title = format!("{} {}", f.check, f.rule.as_deref().unwrap_or(""));
    let report = &[level.primary_title(&title).element(
        Snippet::source(source).line_start(e.start.line).path(&e.path).annotation(AnnotationKind::Primary.span(span).label(&label)),
    )];
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    Some(renderer.term_width(usize::from(width)).render(report).to_string())
}
