//! `internal-conflict`: one article gives a tracked fact two incompatible values.
//!
//! **What it finds.** Within a single article, two statements of the same fact in the same
//! scope that cannot both be right: a pending US aid package called "$60-billion" in one
//! paragraph and "$61bn" in another.
//!
//! **Why.** A reader notices; an editor should settle on one figure (or say why they differ).
//!
//! **Example.** "Congress has stalled a new $60-billion package" … "some $61bn in proposed U.S.
//! aid is being held up" → one warning with both spans.
//!
//! **What it does not flag.** Statements with different subject or role labels ("$61bn in
//! proposed U.S. aid" vs "another $50bn package from the European Union"), different currencies
//! or units, values that agree after rounding or within the rule's tolerance, and qualified
//! values that are compatible ("more than $40bn" and "$45bn"), figures further apart than the
//! rule's `max-ratio` (the $61bn bill and the first $1bn package it pays for), figures that
//! name moments further apart than the rule's `window-days` ("founded in 1949 with 12 members;
//! it now has 32"), two figures that are each the reference in force at their date (on the day
//! the 31st member joined, "ratified by all 30 allies" and "the 31st member"); a stale figure `stale-fact`
//! reports (one finding for one wrong figure).

use super::{claim_evidence, scope_groups, scope_phrase, Context, Measured, Output};
use crate::compare;
use crate::finding::Finding;
use std::collections::BTreeMap;

/// The check's id.
pub(crate) const ID: &str = "internal-conflict";

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    let mut out = Output::default();
    for (fi, fact) in ctx.rules.facts.iter().enumerate() {
        for ((subject, role, _), group) in scope_groups(ctx, fi) {
            let mut by_article: BTreeMap<usize, Vec<&Measured<'_>>> = BTreeMap::new();
            for m in super::not_stale(ctx, fi, group.iter().collect()) {
                by_article.entry(m.claim.article).or_default().push(m);
            }
            for (_, items) in by_article {
                // Pairs within one article, stopping at the first disagreement. Claims alike in
                // everything the comparison reads (value as shown, measure, date, period) give
                // the same answers, so only the first of each kind is paired: the first pair
                // that disagrees is made of such firsts anyway, and an article that repeats one
                // figure thousands of times is not compared with itself pair by pair.
                let mut seen = std::collections::HashSet::new();
                let firsts: Vec<&Measured<'_>> = items
                    .iter()
                    .copied()
                    .filter(|m| {
                        let c = m.claim;
                        seen.insert(format!("{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}", compare::display(&c.value), m.measure, c.date, c.as_of))
                    })
                    .collect();
                let pair = firsts.iter().enumerate().find_map(|(i, a)| {
                    firsts[i + 1..]
                        .iter()
                        .find(|b| {
                            same_moment(fact.window_days, a, b)
                                && compare::agree(&a.measure, &b.measure) == Some(false)
                                && !both_confirmed(fact, a, b)
                        })
                        .map(|b| (*a, *b))
                });
                let Some((a, b)) = pair else { continue };
                let da = compare::display(&a.claim.value);
                let db = compare::display(&b.claim.value);
                let article = &ctx.articles[a.claim.article];
                let message = format!(
                    "this article gives “{}”{} as {da} and as {db}, which {}",
                    fact.title,
                    scope_phrase(&subject, &role),
                    super::how_they_differ(fact)
                );
                let primary = claim_evidence(ctx, a.claim);
                let related: Vec<_> = items.iter().filter(|m| !std::ptr::eq(**m, a)).map(|m| claim_evidence(ctx, m.claim)).collect();
                let mut key: Vec<String> = items.iter().map(|m| compare::display(&m.claim.value)).collect();
                key.sort();
                key.dedup();
                key.push(article.path.clone());
                key.push(format!("{subject:?}/{role:?}"));
                out.findings.push(Finding::new(ID, fact.severity, Some(fact.id.clone()), message, primary, related, &key));
            }
        }
    }
    out
}

/// Whether two claims of one article speak for the same moment: for a fact with `window-days`,
/// dates at most that far apart. A claim dates itself when it names its period ("When it was
/// founded in 1949, NATO had 12 members; it now has 32"): the history and the present are not
/// a contradiction. Without a window, or without dates, every pair is compared.
/// Whether each figure is the reference in force at its date: on the day a reference
/// changed, "ratified by all 30 allies" beside "the 31st member" is the news of that day.
fn both_confirmed(fact: &crate::rules::Fact, a: &Measured<'_>, b: &Measured<'_>) -> bool {
    super::stale_fact::is_confirmed(fact, a.claim) && super::stale_fact::is_confirmed(fact, b.claim)
}

fn same_moment(window: Option<u32>, a: &Measured<'_>, b: &Measured<'_>) -> bool {
    match (window, a.claim.date, b.claim.date) {
        (Some(w), Some(x), Some(y)) => (x - y).num_days().abs() <= i64::from(w),
        _ => true,
    }
}
