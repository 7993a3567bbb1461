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
//! package), a different time (articles further apart than `window-days`; a longer run of
//! coverage is cut at its widest gap between dates, so two meetings a fortnight apart are two
//! groups even with stories in between), a different currency or dimension, figures further
//! apart than the rule's `max-ratio` (a $1bn weapons package beside the $61bn bill). Values that agree
//! after rounding ("$60.8bn" and "$61bn"), within the rule's tolerance, or through a qualifier
//! ("more than $40bn" and "$45bn") agree. Two claims that each agree with the reference in force
//! at their own dates ("31 member states" in February 2024, "32" in March, Sweden joining
//! between) differ because the fact changed. A disagreement inside one article is
//! `internal-conflict`'s, not this check's. Claims in undated articles are left out of
//! time-scoped facts, and a note says so. A claim `stale-fact` reports (it contradicts the
//! reference in force) is that check's finding and is not compared again. It reports one
//! finding per group of comparable claims (value → articles), never one per pair, and one for
//! a disagreement that lasts: neighbouring groups of one run of coverage that disagree the same
//! way (the same values, the same majority) are one finding, so the aid package that most
//! stories put at "$61bn" and a few at "$60bn" all year is reported once.

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
            for cluster in same_disagreement_joined(ctx, fi, clusters) {
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

/// The groups of `clusters` (in date order) without the claims `stale-fact` reports, where
/// neighbours cut from one run of coverage ([`time_clusters`]) that disagree the same way —
/// the same values, the same one given by most articles — are one group again: a disagreement
/// that lasts all year (the aid package, "$61bn" in most stories and "$60bn" in a few) is one
/// finding, not one per stretch of `window-days`. Neighbours whose majorities differ (one
/// meeting in Oslo, the next in Prague, a few stories wrong about each) stay apart, and so do
/// runs of coverage more than `window-days` apart.
fn same_disagreement_joined<'a, 'b>(ctx: &Context<'_>, fi: usize, clusters: Vec<Vec<&'b Measured<'a>>>) -> Vec<Vec<&'b Measured<'a>>> {
    let fact = &ctx.rules.facts[fi];
    let day = |m: &Measured<'_>| m.claim.date.map(|d| i64::from(chrono::Datelike::num_days_from_ce(&d)));
    // Each group with the last date of its coverage before filtering and how it disagrees.
    let mut out: Vec<(Vec<&'b Measured<'a>>, Option<i64>, Option<Disagreement>)> = Vec::new();
    for cluster in clusters {
        let (first, last) = (cluster.first().and_then(|m| day(m)), cluster.last().and_then(|m| day(m)));
        let items = super::not_stale(ctx, fi, cluster);
        let how = unexplained_conflict(fact, &items).map(|_| disagreement(&items));
        let joins = match (out.last(), fact.window_days, first) {
            (Some((_, Some(end), Some(before))), Some(window), Some(first)) => {
                first - end <= i64::from(window) && how.as_ref() == Some(before)
            }
            _ => false,
        };
        match out.last_mut() {
            Some((group, end, _)) if joins => {
                group.extend(items);
                *end = last;
            }
            _ => out.push((items, last, how)),
        }
    }
    out.into_iter().map(|(group, _, _)| group).collect()
}

/// How a group of claims disagrees: its values as displayed, and the one most articles give
/// (ties go to the value first in order).
#[derive(Debug, PartialEq)]
struct Disagreement {
    values: Vec<String>,
    majority: String,
}

fn by_value<'b, 'a>(items: &[&'b Measured<'a>]) -> BTreeMap<String, Vec<&'b Measured<'a>>> {
    let mut by_value: BTreeMap<String, Vec<&'b Measured<'a>>> = BTreeMap::new();
    for m in items {
        by_value.entry(crate::compare::display(&m.claim.value)).or_default().push(m);
    }
    by_value
}

fn articles_of(claims: &[&Measured<'_>]) -> usize {
    claims.iter().map(|m| m.claim.article).collect::<std::collections::BTreeSet<_>>().len()
}

fn majority_of(by_value: &BTreeMap<String, Vec<&Measured<'_>>>) -> Option<String> {
    by_value.iter().max_by_key(|(v, claims)| (articles_of(claims), std::cmp::Reverse(*v))).map(|(v, _)| v.clone())
}

fn disagreement(items: &[&Measured<'_>]) -> Disagreement {
    let by_value = by_value(items);
    Disagreement { majority: majority_of(&by_value).unwrap_or_default(), values: by_value.into_keys().collect() }
}

/// Split dated claims into groups compared with each other: runs whose consecutive dates are
/// at most `window` days apart, and a run longer than `window` cut at its widest gap between
/// dates (the one nearest its middle among equals) until no group is: a newsroom covering two
/// meetings a fortnight apart files a few stories in between, and chaining them made one group
/// of the two meetings. Claims in different groups are not compared, even within `window` of
/// each other across a cut. Each cut costs a pass over its group's distinct dates: log-linear
/// for ordinary coverage.
fn time_clusters<'a, 'b>(mut items: Vec<&'b Measured<'a>>, window: u32) -> Vec<Vec<&'b Measured<'a>>> {
    items.sort_by_key(|m| (m.claim.date, m.claim.article, m.claim.span.start));
    // Distinct dates and where each one's claims start in `items` (all dated).
    let mut days: Vec<(i64, usize)> = Vec::new();
    for (i, m) in items.iter().enumerate() {
        let Some(d) = m.claim.date else { continue };
        let day = i64::from(chrono::Datelike::num_days_from_ce(&d));
        if days.last().is_none_or(|&(last, _)| last != day) {
            days.push((day, i));
        }
    }
    let window = i64::from(window);
    // Groups of distinct dates, as index ranges into `days`; split with an explicit stack.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut todo: Vec<(usize, usize)> = Vec::new();
    let mut first = 0;
    for i in 1..=days.len() {
        if i == days.len() || days[i].0 - days[i - 1].0 > window {
            if first < i {
                todo.push((first, i));
            }
            first = i;
        }
    }
    while let Some((lo, hi)) = todo.pop() {
        if days[hi - 1].0 - days[lo].0 <= window {
            groups.push((lo, hi));
            continue;
        }
        // The widest gap, nearest the middle among equals: the cut falls after date `cut - 1`.
        let mid2 = lo + hi;
        let cut = (lo + 1..hi).max_by_key(|&c| (days[c].0 - days[c - 1].0, std::cmp::Reverse((2 * c).abs_diff(mid2)))).unwrap_or(hi);
        todo.push((cut, hi));
        todo.push((lo, cut));
    }
    groups.sort_unstable();
    let start = |d: usize| days.get(d).map_or(items.len(), |x| x.1);
    groups.into_iter().map(|(lo, hi)| items[start(lo)..start(hi)].to_vec()).collect()
}

/// A pair of claims from different articles that disagree, unless both agree with the
/// reference in force at their own dates (then the references explain the difference: the
/// alliance had 31 members in February 2024 and 32 in March). Linear in the claims for each
/// distinct confirmed value, of which there are at most a few per reference.
fn unexplained_conflict(fact: &crate::rules::Fact, items: &[&Measured<'_>]) -> Option<(usize, usize)> {
    if fact.references.is_empty() {
        return cross_article_conflict(items);
    }
    let (confirmed, open): (Vec<usize>, Vec<usize>) =
        (0..items.len()).partition(|&i| super::stale_fact::is_confirmed(fact, items[i].claim));
    let among: Vec<&Measured<'_>> = open.iter().map(|&i| items[i]).collect();
    if let Some((a, b)) = cross_article_conflict(&among) {
        return Some((open[a], open[b]));
    }
    // Each distinct confirmed measure, with up to two of its claims from different articles
    // (one of them is from another article than any given open claim).
    let mut kinds: Vec<(usize, Option<usize>)> = Vec::new();
    for &c in &confirmed {
        match kinds.iter_mut().find(|(k, _)| items[*k].measure == items[c].measure) {
            Some((k, second @ None)) if items[*k].claim.article != items[c].claim.article => *second = Some(c),
            Some(_) => {}
            None => kinds.push((c, None)),
        }
    }
    for &o in &open {
        for &(k, second) in &kinds {
            if crate::compare::agree(&items[o].measure, &items[k].measure) != Some(false) {
                continue;
            }
            let other = [Some(k), second].into_iter().flatten().find(|&c| items[c].claim.article != items[o].claim.article);
            if let Some(c) = other {
                return Some((o, c));
            }
        }
    }
    None
}

/// Why differing values in one comparable group were judged compatible, or explained by the
/// references (`--verbose`).
fn compatible_note(
    ctx: &Context<'_>,
    id: &'static str,
    fi: usize,
    subject: &Option<String>,
    role: &Option<String>,
    items: &[&Measured<'_>],
) -> Option<Note> {
    let values: std::collections::BTreeSet<String> = items.iter().map(|m| crate::compare::display(&m.claim.value)).collect();
    if values.len() < 2 {
        return None;
    }
    let fact = &ctx.rules.facts[fi];
    let listed = |values: std::collections::BTreeSet<String>| values.into_iter().collect::<Vec<_>>().join(", ");
    if !super::all_agree(items) {
        // No conflict, yet not all agree: the references explain it when every claim matches
        // the one in force at its date (otherwise the disagreement is inside one article,
        // internal-conflict's, or mixed, and no note is sure of its words).
        if !items.iter().all(|m| super::stale_fact::is_confirmed(fact, m.claim)) {
            return None;
        }
        return Some(Note {
            check: id,
            message: format!(
                "`{}`{}: {} differ, and each agrees with the reference in force at its article's date",
                fact.id,
                scope_phrase(subject, role),
                listed(values)
            ),
        });
    }
    let why = match fact.tolerance {
        crate::rules::Tolerance::Exact => "after rounding and qualifiers".to_string(),
        crate::rules::Tolerance::Absolute(a) => format!("within the rule's tolerance of {a}, after rounding and qualifiers"),
        crate::rules::Tolerance::Relative(r) => format!("within the rule's tolerance of {}%, after rounding and qualifiers", r * 100.0),
    };
    Some(Note { check: id, message: format!("`{}`{}: {} agree {why}", fact.id, scope_phrase(subject, role), listed(values)) })
}

fn conflict(
    ctx: &Context<'_>,
    id: &'static str,
    fi: usize,
    subject: &Option<String>,
    role: &Option<String>,
    items: &[&Measured<'_>],
) -> Option<Finding> {
    let fact = &ctx.rules.facts[fi];
    let (a, b) = unexplained_conflict(fact, items)?;
    // value display → claims stating it
    let by_value = by_value(items);
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
    // The fingerprint (what `--baseline` matches) names the majority value and the articles
    // that give any other: an article joining the group with the majority value leaves a
    // known finding known; one with another value makes it new. (It named every article of
    // the group: a baselined conflict over weeks of coverage came back with each new story.)
    let majority = majority_of(&by_value)?;
    let mut key: Vec<String> = items
        .iter()
        .map(|m| (m, crate::compare::display(&m.claim.value)))
        .filter(|(_, v)| *v != majority)
        .map(|(m, v)| format!("{}={v}", ctx.articles[m.claim.article].path))
        .collect();
    key.sort();
    key.dedup();
    key.push(format!("majority={majority}"));
    key.push(format!("{subject:?}/{role:?}"));
    Some(Finding::new(id, fact.severity, Some(fact.id.clone()), message, primary, related, &key))
}
