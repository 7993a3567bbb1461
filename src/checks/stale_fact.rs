//! `stale-fact`: a claim contradicts the reference value in force at the article's date.
//!
//! **What it finds.** A fact rule can list what was true when (`[[fact.reference]]` with
//! `value`, `from`, `until`, `source`). A claim is checked against the value in force on its
//! article's date; when they disagree the finding says whether the claim was true earlier
//! ("stale: true until 2023-04-04"), becomes true later ("premature: true from ..."), or was
//! never true, and names the reference's source.
//!
//! **Why.** Copy written from an old backgrounder keeps old figures: an article of November 2023
//! that calls NATO "an alliance of 30 member countries" is seven months out of date.
//!
//! **Example.** "comprising 30 member countries" in an article dated 2023-11-29, with references
//! 30 from 2020-03-27, 31 from 2023-04-04, 32 from 2024-03-07 → error: stale, true until
//! 2023-04-04 (in force: 31, Finland joins).
//!
//! The date is the article's, unless the claim names its own ("as of Friday", "in 2022", "by
//! 2004"); a claim naming a period is right if it was true at any time in it.
//!
//! **What it does not flag.** Claims that agree with the reference after rounding or within
//! the rule's tolerance; on the day a reference takes effect, the value of the day before
//! (news of that day speaks of both: "until Thursday, the alliance of 31"); "NATO had 30 members in 2022" in an article of 2024; claims dated before the first reference (nothing to compare with);
//! claims in undated articles (a note says the check could not apply); claims of a different
//! kind than the reference (a different currency).

use super::{claim_evidence, Context, Output};
use crate::compare;
use crate::extract::Claim;
use crate::finding::{Finding, Note};
use crate::rules::{Fact, Reference};

/// The check's id.
pub(crate) const ID: &str = "stale-fact";

/// Most other claims shown beside a stale one.
const CONTEXT_CLAIMS: usize = 8;

/// The claim's date, the reference in force then and the claim's measure, when the claim
/// contradicts that reference (the finding this check reports).
fn contradiction<'f>(fact: &'f Fact, c: &Claim) -> Option<(chrono::NaiveDate, &'f Reference, compare::Measure)> {
    let date = c.date?;
    let reference = fact.reference_at(date)?;
    let (claimed, expected) = (compare::of_claim(&c.value, fact.tolerance)?, compare::of_reference(&reference.value)?);
    if compare::agree(&claimed, &expected) != Some(false) {
        return None;
    }
    if agrees_with_the_day_before(fact, date, &claimed) {
        return None;
    }
    // A claim that names its own period ("in 2023") is right if it was true at any time in it.
    if let Some(period) = &c.as_of {
        let true_then = fact
            .references
            .iter()
            .filter(|r| r.from < period.end && r.until.is_none_or(|u| u > period.start))
            .any(|r| compare::of_reference(&r.value).is_some_and(|m| compare::agree(&claimed, &m) != Some(false)));
        if true_then {
            return None;
        }
    }
    Some((date, reference, claimed))
}

/// Whether, on the day a reference changed, the claim gives the value of the day before.
fn agrees_with_the_day_before(fact: &Fact, date: chrono::NaiveDate, claimed: &compare::Measure) -> bool {
    fact.reference_before_change(date)
        .and_then(|r| compare::of_reference(&r.value))
        .is_some_and(|before| compare::agree(claimed, &before) == Some(true))
}

/// Whether the claim agrees with the reference in force at its date: two such claims that
/// differ are explained by the references (31 NATO members in February 2024, 32 in March) and
/// are no conflict.
pub(crate) fn is_confirmed(fact: &Fact, c: &Claim) -> bool {
    let Some(date) = c.date else { return false };
    let Some(reference) = fact.reference_at(date) else { return false };
    match (compare::of_claim(&c.value, fact.tolerance), compare::of_reference(&reference.value)) {
        (Some(claimed), Some(expected)) => {
            compare::agree(&claimed, &expected) == Some(true) || agrees_with_the_day_before(fact, date, &claimed)
        }
        _ => false,
    }
}

/// Whether this check reports the claim as contradicting its reference.
pub(crate) fn is_stale(fact: &Fact, c: &Claim) -> bool {
    contradiction(fact, c).is_some()
}

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    let mut out = Output::default();
    for (fi, fact) in ctx.rules.facts.iter().enumerate() {
        if fact.references.is_empty() {
            continue;
        }
        let start = ctx.claims.partition_point(|c| c.fact < fi);
        let claims: Vec<_> = ctx.claims[start..].iter().take_while(|c| c.fact == fi).collect();
        let undated = claims.iter().filter(|c| c.date.is_none()).count();
        if undated > 0 {
            out.notes.push(Note {
                check: ID,
                message: format!(
                    "`{}`: {undated} claim(s) in undated articles not checked against the references (add a date to their front matter)",
                    fact.id
                ),
            });
        }
        // The context claims beside a finding depend only on its article: found once per
        // article (a scan per claim was quadratic in an article of thousands of claims).
        let mut context_of: std::collections::HashMap<usize, Vec<&Claim>> = Default::default();
        for c in &claims {
            let Some((date, reference, claimed)) = contradiction(fact, c) else { continue };
            let agreeing: Vec<_> = fact
                .references
                .iter()
                .filter(|r| compare::of_reference(&r.value).is_some_and(|m| compare::agree(&claimed, &m) == Some(true)))
                .collect();
            let verdict = if let Some(last) = agreeing.iter().rfind(|r| r.until.is_some_and(|u| u <= date)) {
                format!("stale: true until {}", last.until.map(|u| u.to_string()).unwrap_or_default())
            } else if let Some(next) = agreeing.iter().find(|r| r.from > date) {
                format!("premature: true from {} ({})", next.from, next.source)
            } else {
                "never true according to the references".to_string()
            };
            let value = compare::display(&c.value);
            let when = match &c.as_of {
                Some(p) if p.end.pred_opt() != Some(p.start) => format!("for {} to {}", p.start, p.end.pred_opt().unwrap_or(p.end)),
                _ => format!("on {date}"),
            };
            let message = format!(
                "{} given as {value} {when}, but it was {} from {} ({}); {verdict}",
                fact.title, reference.written, reference.from, reference.source
            );
            let primary = claim_evidence(ctx, c)
                .with_note(format!("in force: {} since {} ({})", reference.written, reference.from, reference.source));
            // Beside it, what other articles say about the same fact, with their dates.
            let others = context_of
                .entry(c.article)
                .or_insert_with(|| claims.iter().filter(|o| o.article != c.article).take(CONTEXT_CLAIMS).copied().collect());
            let related: Vec<_> = others
                .iter()
                .map(|o| {
                    let e = claim_evidence(ctx, o);
                    let note = match o.date.and_then(|d| fact.reference_at(d).map(|r| (d, r))) {
                        Some((_, r)) => {
                            let ok = compare::of_claim(&o.value, fact.tolerance)
                                .zip(compare::of_reference(&r.value))
                                .and_then(|(x, y)| compare::agree(&x, &y));
                            match ok {
                                Some(true) => format!("agrees with the reference in force ({})", r.written),
                                Some(false) => format!("disagrees with the reference in force ({})", r.written),
                                None => "not comparable with the reference".into(),
                            }
                        }
                        None => "no reference for its date".into(),
                    };
                    let mut e = e.with_note(note);
                    e.context = true;
                    e
                })
                .collect();
            let key = [ctx.articles[c.article].path.clone(), value, ctx.articles[c.article].text[c.matched.clone()].to_lowercase()];
            out.findings.push(Finding::new(ID, fact.severity, Some(fact.id.clone()), message, primary, related, &key));
        }
    }
    out
}
