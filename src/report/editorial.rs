//! Printers of the editorial views, `review` and `diff`: a terminal report and Markdown (JSON is
//! the serialized model). They format; the `review` module computes.

use super::{paint, render_diff};
use crate::finding::{Evidence, Finding};
use crate::review::{FactDiff, Review};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use std::fmt::Write as _;

fn table(width: u16, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_width(width).set_header(header.to_vec());
    t
}

fn place(e: &Evidence) -> String {
    format!("{}:{}:{}", e.path, e.start.line, e.start.column)
}

fn cell(s: &str) -> String {
    s.replace('|', "\\\\|").replace('\n', " ")
}

/// Findings as a short list.
fn findings_text(out: &mut String, fs: &[Finding], color: bool) {
    for f in fs {
        let _ = writeln!(out, "- {} {}", paint(color, "1", f.severity.as_str()), f.message);
        for e in std::iter::once(&f.primary).chain(&f.related).filter(|e| !e.context) {
            let _ = writeln!(out, "    {}  {}", place(e), e.excerpt);
        }
        if let Some(d) = &f.diff {
            let _ = writeln!(out, "    diff: {}", render_diff(d, color));
        }
    }
}

/// The review as a terminal report.
pub fn review_text(r: &Review, color: bool, width: u16) -> String {
    let mut out = String::new();
    let h = |s: &str| paint(color, "1", s);
    let _ = writeln!(out, "{} {}", h("Review of"), r.article);
    if let Some(t) = &r.title {
        let _ = writeln!(out, "{t}");
    }
    let _ = writeln!(out, "dated {}", r.date.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()));
    let c = &r.counts;
    let _ = writeln!(out, "\n{}\n{}", h("Summary"), summary_counts(c));
    let _ = writeln!(out, "Most important: {}", r.most_important.as_deref().unwrap_or("nothing to fix"));
    let _ = writeln!(out, "\n{}", h("1. Facts"));
    if r.facts.is_empty() {
        let _ = writeln!(out, "No claims of tracked facts.");
    }
    for f in &r.facts {
        let scope = if f.scope.is_empty() { String::new() } else { format!(" ({})", f.scope) };
        let _ = writeln!(
            out,
            "{} = {}{scope} at {}: {}",
            f.title,
            f.value,
            place(&f.evidence),
            paint(color, if f.verdict == "agrees" { "32" } else { "33" }, &f.verdict)
        );
        let _ = writeln!(out, "  “{}”", f.evidence.excerpt);
        if let Some(reference) = &f.reference {
            let _ = writeln!(out, "  {reference}");
        }
        if !f.others.is_empty() {
            let mut t = table(width, &["Value", "Where", "Date", "Source", "Compared", "Excerpt"]);
            for o in &f.others {
                t.add_row([
                    o.value.clone(),
                    place(&o.evidence),
                    o.evidence.date.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()),
                    o.source.clone().unwrap_or_default(),
                    o.relation.clone(),
                    o.evidence.excerpt.clone(),
                ]);
            }
            let _ = writeln!(out, "{t}");
            if let Some(more) = more_others(f) {
                let _ = writeln!(out, "  {more}");
            }
        }
    }
    for (title, fs, empty) in [
        ("2. Repetition", &r.repetition, "No near-verbatim passages."),
        ("3. Quotes", &r.quotes, "No quotation rendered differently elsewhere."),
        ("4. Style", &r.style, "No spelling variants."),
        ("Other findings", &r.other, "None."),
    ] {
        let _ = writeln!(out, "\n{}", h(title));
        if fs.is_empty() {
            let _ = writeln!(out, "{empty}");
        }
        findings_text(&mut out, fs, color);
        if title.starts_with("2.") {
            for s in &r.shared_wording {
                let _ = writeln!(out, "- shares {} words of wording with {} (short runs: rewording, not copy):", s.words, s.other);
                for (here, there) in &s.passages {
                    let _ = writeln!(out, "    {}  “{}”\n    {}  “{}”", place(here), here.excerpt, place(there), there.excerpt);
                }
            }
            for line in wording_notes(r, |e| format!("{}  ", place(e))) {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

/// The lines after the shared wording: how many more articles share some, and the stock
/// wording (each place written by `at`).
fn wording_notes(r: &crate::review::Review, at: impl Fn(&crate::finding::Evidence) -> String) -> Vec<String> {
    let more =
        (r.more_shared_wording > 0).then(|| format!("- … and {} more articles share shorter runs of wording", r.more_shared_wording));
    let stock = r.stock_wording.iter().map(|w| {
        format!("- stock wording, in {} other articles (not counted as rewording): {}“{}”", w.articles, at(&w.evidence), w.evidence.excerpt)
    });
    more.into_iter().chain(stock).collect()
}

/// "… and 18,950 more claims elsewhere: 18,380 agree, 570 disagree" when the table is a sample.
fn more_others(f: &crate::review::FactEntry) -> Option<String> {
    let c = &f.counts;
    let hidden = c.total().checked_sub(f.others.len()).filter(|&n| n > 0)?;
    let parts: Vec<String> = [
        (c.disagree, "disagree"),
        (c.stale_there, "stale there"),
        (c.agree, "agree"),
        (c.another_time, "at another time"),
        (c.another_figure, "another figure"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    Some(format!("… and {hidden} more; of all {} claims elsewhere: {}", c.total(), parts.join(", ")))
}

fn findings_md(out: &mut String, fs: &[Finding]) {
    for f in fs {
        let _ = writeln!(out, "- **{}** {}", f.severity.as_str(), f.message);
        for e in std::iter::once(&f.primary).chain(&f.related).filter(|e| !e.context) {
            let _ = writeln!(out, "  - `{}` {}", place(e), e.excerpt);
        }
        if let Some(d) = &f.diff {
            let _ = writeln!(out, "  - diff: {}", render_diff(d, false));
        }
    }
}

/// The review as Markdown.
pub fn review_markdown(r: &Review) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Review of `{}`\n", r.article);
    if let Some(t) = &r.title {
        let _ = writeln!(out, "_{t}_, dated {}\n", r.date.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()));
    }
    let c = &r.counts;
    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(out, "{}.\n", summary_counts(c));
    let _ = writeln!(out, "**Most important:** {}\n", r.most_important.as_deref().unwrap_or("nothing to fix"));
    let _ = writeln!(out, "## 1. Facts\n");
    if r.facts.is_empty() {
        let _ = writeln!(out, "No claims of tracked facts.\n");
    }
    for f in &r.facts {
        let scope = if f.scope.is_empty() { String::new() } else { format!(" ({})", f.scope) };
        let _ = writeln!(out, "### {} = {}{scope}: {}\n", f.title, f.value, f.verdict);
        let _ = writeln!(out, "`{}` “{}”\n", place(&f.evidence), f.evidence.excerpt);
        if let Some(reference) = &f.reference {
            let _ = writeln!(out, "{reference}\n");
        }
        if !f.others.is_empty() {
            let _ = writeln!(out, "| Value | Where | Date | Source | Compared | Excerpt |\n|---|---|---|---|---|---|");
            for o in &f.others {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} | {} | {} |",
                    cell(&o.value),
                    place(&o.evidence),
                    o.evidence.date.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()),
                    cell(o.source.as_deref().unwrap_or("")),
                    o.relation,
                    cell(&o.evidence.excerpt)
                );
            }
            if let Some(more) = more_others(f) {
                let _ = writeln!(out, "\n{more}");
            }
            let _ = writeln!(out);
        }
    }
    for (title, fs, empty) in [
        ("2. Repetition", &r.repetition, "No near-verbatim passages."),
        ("3. Quotes", &r.quotes, "No quotation rendered differently elsewhere."),
        ("4. Style", &r.style, "No spelling variants."),
        ("Other findings", &r.other, "None."),
    ] {
        let _ = writeln!(out, "## {title}\n");
        if fs.is_empty() {
            let _ = writeln!(out, "{empty}\n");
        } else {
            findings_md(&mut out, fs);
            let _ = writeln!(out);
        }
        if title.starts_with("2.") && !r.shared_wording.is_empty() {
            for s in &r.shared_wording {
                let _ = writeln!(out, "- shares {} words of wording with `{}` (short runs: rewording, not copy):", s.words, s.other);
                for (here, there) in &s.passages {
                    let _ = writeln!(out, "  - `{}` “{}” ↔ `{}` “{}”", place(here), here.excerpt, place(there), there.excerpt);
                }
            }
            let _ = writeln!(out);
        }
        let notes = wording_notes(r, |e| format!("`{}` ", place(e)));
        if title.starts_with("2.") && !notes.is_empty() {
            for line in notes {
                let _ = writeln!(out, "{line}");
            }
            let _ = writeln!(out);
        }
    }
    out
}

/// The fact-diff as a terminal report (`markdown = false`) or Markdown.
pub fn diff_report(d: &FactDiff, color: bool, markdown: bool) -> String {
    let mut out = String::new();
    let h = |s: &str| if markdown { format!("## {s}\n") } else { paint(color, "1", s) };
    let _ = writeln!(
        out,
        "{}",
        if markdown {
            format!("# Fact-diff\n\nA: `{}`  \nB: `{}`\n", d.a, d.b)
        } else {
            format!("{} A = {}, B = {}", paint(color, "1", "Fact-diff:"), d.a, d.b)
        }
    );
    let claim = |c: &crate::review::DiffClaim| {
        let scope = if c.scope.is_empty() { String::new() } else { format!(" ({})", c.scope) };
        if markdown {
            format!("`{}`{scope} = **{}** at `{}`", c.fact, c.value, place(&c.evidence))
        } else {
            format!("{}{scope} = {} at {}", c.fact, c.value, place(&c.evidence))
        }
    };
    let bullet = if markdown { "- " } else { "  " };
    for (title, list) in [("Only in A", &d.only_a), ("Only in B", &d.only_b)] {
        let _ = writeln!(out, "\n{}", h(title));
        if list.is_empty() {
            let _ = writeln!(out, "{bullet}none");
        }
        for c in list {
            let _ = writeln!(out, "{bullet}{}", claim(c));
        }
    }
    for (title, list) in [("In both, same value", &d.same), ("In both, different values", &d.different)] {
        let _ = writeln!(out, "\n{}", h(title));
        if list.is_empty() {
            let _ = writeln!(out, "{bullet}none");
        }
        for (a, b) in list {
            let _ = writeln!(out, "{bullet}{}  |  B: {} at {}", claim(a), b.value, place(&b.evidence));
        }
    }
    let _ = writeln!(out, "\n{}", h("Quotations"));
    if d.quotes.is_empty() {
        let _ = writeln!(out, "{bullet}none shared");
    }
    for q in &d.quotes {
        let status = if q.changes.is_empty() { "same words".to_string() } else { q.changes.join("; ") };
        let _ = writeln!(out, "{bullet}{} ↔ {}: {status}", place(&q.a), place(&q.b));
        let _ = writeln!(out, "{bullet}  {}", render_diff(&q.diff, color && !markdown));
    }
    if let Some(sentences) = &d.sentences {
        let _ = writeln!(out, "\n{}", h("Changed sentences"));
        if sentences.is_empty() {
            let _ = writeln!(out, "{bullet}none");
        }
        for s in sentences {
            let _ = writeln!(out, "{bullet}{}", render_diff(&s.diff, color && !markdown));
        }
    }
    out
}

/// The review's counts in words, each noun agreeing with its number: "1 claim: 0 disagree with
/// other articles, 0 stale; 1 repeated passage; ...".
fn summary_counts(c: &crate::review::ReviewCounts) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{}: {} with other articles, {} stale; {}; {}; {}; {}",
        n(c.claims, "claim", "claims"),
        n(c.disagreements, "disagrees", "disagree"),
        c.stale,
        n(c.repetition, "repeated passage", "repeated passages"),
        n(c.quotes, "quotation rendered differently", "quotations rendered differently"),
        n(c.style, "spelling note", "spelling notes"),
        n(c.other, "other finding", "other findings"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each noun of the summary agrees with its number.
    #[test]
    fn summary_counts_agree_in_number() {
        let one = crate::review::ReviewCounts { claims: 1, disagreements: 1, stale: 0, repetition: 1, quotes: 1, style: 1, other: 1 };
        assert_eq!(
            summary_counts(&one),
            "1 claim: 1 disagrees with other articles, 0 stale; 1 repeated passage; 1 quotation rendered differently; 1 spelling note; 1 other finding"
        );
        let none = crate::review::ReviewCounts::default();
        assert_eq!(
            summary_counts(&none),
            "0 claims: 0 disagree with other articles, 0 stale; 0 repeated passages; 0 quotations rendered differently; 0 spelling notes; 0 other findings"
        );
    }
}
