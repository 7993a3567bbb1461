//! `suppression`: inline suppressions written in an article, and reports on bad ones.
//!
//! **What it finds.** Suppression comments that are malformed (no check or rule id, no reason,
//! a `factdiff-on` without its `factdiff-off`) or that silenced nothing (stale ones pile up).
//! The comments themselves work like this:
//! `<!-- factdiff-ignore ID: reason -->` silences findings of check or rule `ID` at places that
//! lie in the next paragraph (up to the next blank line after some text);
//! `<!-- factdiff-off ID: reason -->` … `<!-- factdiff-on ID -->` silences them in between (to
//! the end of the article when the range is never closed). Several ids may be given, separated
//! by commas. A finding about several places loses the silenced ones (its message says how
//! many) and goes when none is left.
//!
//! **Why.** An editor who decides a finding is fine says so where the text is, with the reason,
//! and the next reader sees both.
//!
//! **Example.** `<!-- factdiff-ignore stale-fact: a 2019 figure, quoted as such -->` above a
//! paragraph citing "29 allies".
//!
//! **What it does not flag.** A suppression that silenced a finding; with `--select`, unused
//! suppressions (the checks they target may not have run).

use crate::corpus::Article;
use crate::finding::{Evidence, Finding};
use crate::rules::Severity;
use rayon::prelude::*;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The check id of suppression reports.
pub const ID: &str = "suppression";

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*factdiff-(ignore|off|on)\b[ \t]*([A-Za-z0-9_,\- \t]*?)[ \t]*(?::[ \t]*([^\n]*?))?[ \t]*-->").expect("static regex")
});

/// One suppression comment.
#[derive(Debug, Clone)]
struct Suppression {
    article: usize,
    comment: Range<usize>,
    ids: Vec<String>,
    region: Range<usize>,
    used: bool,
}

/// End of the paragraph that starts at or after `from`: the first blank line after some text.
fn next_paragraph_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let mut seen_text = false;
    let mut offset = from;
    for line in rest.split_inclusive('\n') {
        if line.trim().is_empty() {
            if seen_text {
                return offset;
            }
        } else {
            seen_text = true;
        }
        offset += line.len();
    }
    text.len()
}

/// The suppression comments of article `ai`, and reports on its malformed ones.
fn comments_of(ai: usize, a: &Article) -> (Vec<Suppression>, Vec<Finding>) {
    let (mut sups, mut reports) = (Vec::new(), Vec::new());
    let body = a.body_text();
    let mut open: Vec<(Vec<String>, usize, Range<usize>)> = Vec::new();
    for c in COMMENT.captures_iter(body) {
        let Some(whole) = c.get(0) else { continue };
        let comment = a.body.start + whole.start()..a.body.start + whole.end();
        let kind = c.get(1).map_or("", |m| m.as_str());
        let ids: Vec<String> =
            c.get(2).map_or("", |m| m.as_str()).split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        let reason = c.get(3).map_or("", |m| m.as_str().trim());
        let bad = |msg: &str| {
            let e = Evidence::new(a, comment.clone(), comment.clone());
            Finding::new(ID, Severity::Warning, None, msg.to_string(), e, Vec::new(), &[a.path.clone(), whole.as_str().to_string()])
        };
        if ids.is_empty() {
            reports.push(bad(
                "suppression names no check or rule id, so it was ignored; write <!-- factdiff-ignore CHECK-OR-RULE-ID: reason -->",
            ));
            continue;
        }
        if kind == "on" {
            if let Some(pos) = open.iter().rposition(|(o, _, _)| o == &ids) {
                let (ids, start, comment) = open.remove(pos);
                sups.push(Suppression { article: ai, comment, ids, region: start..a.body.start + whole.start(), used: false });
            } else {
                reports.push(bad("factdiff-on without a matching factdiff-off before it"));
            }
            continue;
        }
        if reason.is_empty() {
            reports.push(bad(
                "suppression without a reason, so it was ignored; add one after a colon: <!-- factdiff-ignore ID: why this is fine -->",
            ));
            continue;
        }
        if kind == "ignore" {
            let region = comment.end..a.body.start + next_paragraph_end(body, whole.end());
            sups.push(Suppression { article: ai, comment, ids, region, used: false });
        } else {
            open.push((ids, comment.end, comment));
        }
    }
    for (ids, start, comment) in open {
        sups.push(Suppression { article: ai, comment, ids, region: start..a.text.len(), used: false });
    }
    (sups, reports)
}

/// Apply the suppressions of all articles to `findings`; returns the findings left plus the
/// reports on malformed and unused suppressions.
pub fn apply(articles: &[Article], findings: Vec<Finding>, report_unused: bool) -> Vec<Finding> {
    // Each article's comments are read on their own, in parallel (a whole archive's text is
    // scanned: 100k articles, 0.15 s on one thread), and gathered in article order.
    let per_article: Vec<(Vec<Suppression>, Vec<Finding>)> = articles.par_iter().enumerate().map(|(ai, a)| comments_of(ai, a)).collect();
    let mut sups: Vec<Suppression> = Vec::new();
    let mut reports = Vec::new();
    for (s, r) in per_article {
        sups.extend(s);
        reports.extend(r);
    }
    let mut kept = Vec::with_capacity(findings.len());
    for mut f in findings {
        // Each place the finding is about (context places aside) can be silenced on its own;
        // the finding goes when none is left, and says how many places were silenced.
        let mut covered = |e: &Evidence| {
            let hit = sups.iter_mut().find(|s| {
                articles[s.article].path == e.path
                    && s.region.start <= e.span.start
                    && e.span.start < s.region.end
                    && s.ids.iter().any(|id| id == f.check || f.rule.as_deref() == Some(id.as_str()))
            });
            hit.map(|s| s.used = true).is_some()
        };
        let primary_covered = covered(&f.primary);
        let before = f.related.len();
        f.related.retain(|e| e.context || !covered(e));
        let silenced = before - f.related.len() + usize::from(primary_covered);
        if primary_covered {
            match f.related.iter().position(|e| !e.context) {
                Some(i) => f.primary = f.related.remove(i),
                None => continue,
            }
        }
        if silenced > 0 {
            f.message
                .push_str(&format!(" ({silenced} place{} silenced by a factdiff-ignore comment)", if silenced == 1 { "" } else { "s" }));
        }
        kept.push(f);
    }
    for s in sups.iter().filter(|s| report_unused && !s.used) {
        let a = &articles[s.article];
        let e = Evidence::new(a, s.comment.clone(), s.comment.clone());
        let msg = format!("unused suppression of {}: nothing it covers was found; remove it", s.ids.join(", "));
        reports.push(Finding::new(
            ID,
            Severity::Warning,
            None,
            msg,
            e,
            Vec::new(),
            &[a.path.clone(), a.text[s.comment.clone()].to_string()],
        ));
    }
    kept.extend(reports);
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}
