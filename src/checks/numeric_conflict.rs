//! `numeric-conflict`: articles disagree on a tracked fact.
//!
//! **What it finds.** Two or more articles state a fact (a rule in `rules/`) with values that
//! cannot both be right: NATO has "30 member countries" in one article and "32 member states"
//! in another written the same week.
//!
//! **Why.** Readers of a newsroom's output see all of it; contradicting figures erode trust
//! faster than any single error.
//!
//! **Example.** Two articles of 2023-11-29: "comprising 30 member countries" and "all 31 NATO
//! member states" → one finding listing 30 → article A, 31 → article B.
//!
//! **What it does not flag.** Claims in different scopes are never compared: a different subject
//! or role (the rule's `subject` and `role` labels: "the US" vs "the EU", a request vs one
//! package), a different time (articles further apart than `window-days`), a different currency
//! or dimension. Values that agree after rounding ("$60.8bn" and "$61bn"), within the rule's
//! tolerance, or through a qualifier ("more than $40bn" and "$45bn") agree. A disagreement
//! inside one article is `internal-conflict`'s, not this check's. Claims in undated articles
//! are left out of time-scoped facts, and a note says so. A claim `stale-fact` reports (it
//! contradicts the reference in force) is that check's finding and is not compared again. It
//! reports one finding per group of comparable claims (value → articles), never one per pair.

use super::{claim_evidence, cross_article_conflict, scope_groups, scope_phrase, Context, Measured, Output};
use crate::finding::{Finding, Note};
use std::collections::BTreeMap;

/// The check's id.
pub(crate) const ID: &str = "numeric-conflict";

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    run_facts(ctx, ID, |f| f.kind != crate::rules::FactKind::Date)
}

/// Cross-article conflicts of the facts `wanted` selects, reported as check `id` (shared with
/// `date-conflict`, which is this check for date facts).
pub(crate) fn run_facts(ctx: &Context<'_>, id: &'static str, wanted: impl Fn(&crate::rules::Fact) -> bool) -> Output {
    let mut out = Output::default();
    for (fi, fact) in ctx.rules.facts.iter().enumerate() {
        if !wanted(fact) {
            continue;
        }
        for ((subject, role, _axis), group) in scope_groups(ctx, fi) {
            let clusters: Vec<Vec<&Measured<'_>>> = match fact.window_days {
                None => vec![group.iter().collect()],
                Some(window) => {
                    let undated: Vec<&Measured<'_>> = group.iter().filter(|m| m.claim.date.is_none()).collect();
                    if !undated.is_empty() {
                        let n = undated.iter().map(|m| m.claim.article).collect::<std::collections::BTreeSet<_>>().len();
                        out.notes.push(Note {
                            check: id,
                            message: format!("`{}`: {n} undated article(s) not compared across articles (the rule has window-days = {window}; add a date to their front matter)", fact.id),
                        });
                    }
                    time_clusters(group.iter().filter(|m| m.claim.date.is_some()).collect(), window)
                }
            };
            for cluster in clusters {
                let cluster = super::not_stale(ctx, fi, cluster);
                match conflict(ctx, id, fi, &subject, &role, &cluster) {
                    Some(f) => out.findings.push(f),
                    None if ctx.verbose => {
                        if let Some(n) = compatible_note(ctx, id, fi, &subject, &role, &cluster) {
                            out.notes.push(n);
                        }
                    }
                    None => {}
                }
            }
        }
    }
    out
}

/// Split claims into runs whose consecutive article dates are at most `window` days apart.
fn time_clusters<'a, 'b>(mut items: Vec<&'b Measured<'a>>, window: u32) -> Vec<Vec<&'b Measured<'a>>> {
    items.sort_by_key(|m| (m.claim.date, m.claim.article, m.claim.span.start));
    let mut out: Vec<Vec<&'b Measured<'a>>> = Vec::new();
    for m in items {
        let joins =
            out.last().and_then(|c| c.last()).and_then(|last| Some((m.claim.date? - last.claim.date?).num_days() <= i64::from(window)));
        match (joins, out.last_mut()) {
            (Some(true), Some(cluster)) => cluster.push(m),
            _ => out.push(vec![m]),
        }
    }
    out
}

/// Why differing values in one comparable group were judged compatible (`--verbose`).
fn compatible_note(
    ctx: &Context<'_>,
    id: &'static str,
    fi: usize,
    subject: &Option<String>,
    role: &Option<String>,
    items: &[&Measured<'_>],
) -> Option<Note> {
    let values: std::collections::BTreeSet<String> = items.iter().map(|m| crate::compare::display(&m.claim.value)).collect();
    // Only when every pair agrees (a disagreement inside one article is internal-conflict's).
    if values.len() < 2 || !super::all_agree(items) {
        return None;
    }
    let fact = &ctx.rules.facts[fi];
    let why = match fact.tolerance {
        crate::rules::Tolerance::Exact => "after rounding and qualifiers".to_string(),
        crate::rules::Tolerance::Absolute(a) => format!("within the rule's tolerance of {a}, after rounding and qualifiers"),
        crate::rules::Tolerance::Relative(r) => format!("within the rule's tolerance of {}%, after rounding and qualifiers", r * 100.0),
    };
    Some(Note {
        check: id,
        message: format!("`{}`{}: {} agree {why}", fact.id, scope_phrase(subject, role), values.into_iter().collect::<Vec<_>>().join(", ")),
    })
}

fn conflict(
    ctx: &Context<'_>,
    id: &'static str,
    fi: usize,
    subject: &Option<String>,
    role: &Option<String>,
    items: &[&Measured<'_>],
) -> Option<Finding> {
    let (a, b) = cross_article_conflict(items)?;
    let fact = &ctx.rules.facts[fi];
    // value display → claims stating it
    let mut by_value: BTreeMap<String, Vec<&Measured<'_>>> = BTreeMap::new();
    for m in items {
        by_value.entry(crate::compare::display(&m.claim.value)).or_default().push(m);
    }
    let articles_of = |v: &[&Measured<'_>]| v.iter().map(|m| m.claim.article).collect::<std::collections::BTreeSet<_>>().len();
    // The primary location is the value the fewest articles give: the likeliest to be wrong.
    let (primary_value, _) = by_value.iter().min_by_key(|(v, claims)| (articles_of(claims), (*v).clone()))?;
    let primary_value = primary_value.clone();
    let values: Vec<String> = by_value
        .iter()
        .map(|(v, claims)| {
            let n = articles_of(claims);
            format!("{v} ({n} article{})", if n == 1 { "" } else { "s" })
        })
        .collect();
    let da = crate::compare::display(&items[a].claim.value);
    let db = crate::compare::display(&items[b].claim.value);
    let why = format!("{da} and {db} {}", super::how_they_differ(fact));
    let message = format!("articles disagree on “{}”{}: {}; {why}", fact.title, scope_phrase(subject, role), values.join(" vs "));
    let mut evidence: Vec<_> =
        items.iter().map(|m| (crate::compare::display(&m.claim.value) != primary_value, claim_evidence(ctx, m.claim))).collect();
    evidence.sort_by(|x, y| (x.0, &x.1.path, x.1.span.start).cmp(&(y.0, &y.1.path, y.1.span.start)));
    let mut evidence = evidence.into_iter().map(|(_, e)| e);
    let primary = evidence.next()?;
    let related: Vec<_> = evidence.collect();
    let mut key: Vec<String> =
        items.iter().map(|m| format!("{}={}", ctx.articles[m.claim.article].path, crate::compare::display(&m.claim.value))).collect();
    key.sort();
    key.dedup();
    key.push(format!("{subject:?}/{role:?}"));
    Some(Finding::new(id, fact.severity, Some(fact.id.clone()), message, primary, related, &key))
}
