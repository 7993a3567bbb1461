//! The checks, one file each, and the registry that lists them.
//!
//! Every check takes the same [`Context`] — the articles, the rules and the claims extracted
//! from them — and returns findings and notes. The registry [`CHECKS`] is the single list of
//! what exists: `--help`, the docs and the SARIF rule table are generated from it.

mod conversion_mismatch;
mod date_conflict;
mod internal_conflict;
mod near_verbatim;
mod numeric_conflict;
pub(crate) mod quote_drift;
pub(crate) mod spelling_variant;
mod stale_fact;
mod weekday_mismatch;

use crate::compare::{self, Measure};
use crate::corpus::Article;
use crate::extract::Claim;
use crate::finding::{Evidence, Finding, Note};
use crate::rules::{RuleSet, Severity};
pub use quote_drift::{quote_spans, QuoteSpan};
pub use spelling_variant::{uses as term_uses, TermUse};

/// What a check is, for the registry.
#[derive(Debug, Clone, Copy)]
pub struct CheckInfo {
    /// Stable id, named after the problem it finds.
    pub id: &'static str,
    /// Severity when no rule sets one.
    pub default_severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    /// The run function.
    pub run: fn(&Context<'_>) -> Output,
    /// The check's source file, whose `//!` doc comment is its user-facing documentation.
    pub source: &'static str,
}

impl CheckInfo {
    /// The check's documentation as Markdown, taken from the doc comment of its source file,
    /// so the help in SARIF, `--help` and the docs never drifts from the code.
    pub fn help_markdown(&self) -> String {
        let lines: Vec<&str> = self
            .source
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                let t = l.trim_start_matches("//!");
                t.strip_prefix(' ').unwrap_or(t)
            })
            .collect();
        lines.join("\n").trim().to_string()
    }

    /// The documentation as plain text (Markdown emphasis and backticks removed).
    pub fn help_text(&self) -> String {
        self.help_markdown().replace("**", "").replace('`', "")
    }
}

/// Everything a check may look at.
pub struct Context<'a> {
    /// The articles, sorted by path.
    pub articles: &'a [Article],
    /// The compiled rules.
    pub rules: &'a RuleSet,
    /// Every claim, sorted by (fact, article, span).
    pub claims: &'a [Claim],
    /// Every mention the quantity grammar read, per article (same order as `articles`).
    pub mentions: &'a [Vec<crate::quantity::Mention>],
    /// Near-verbatim fingerprints per article, when the cache supplied them.
    pub prints: Option<&'a PrintsCell>,
    /// The near-verbatim memo of an earlier run and the articles' cache keys, when there is a
    /// cache; the check leaves this run's memo in it.
    pub memo: Option<&'a MemoCell>,
    /// The uses of spelling terms per article (same order as `articles`), when the per-article
    /// stage found them; `spelling-variant` searches the articles itself otherwise.
    pub term_uses: Option<&'a [Vec<TermUse>]>,
    /// The quotations per article (same order as `articles`), when the per-article stage found
    /// them; `quote-drift` finds them itself otherwise.
    pub quote_spans: Option<&'a [Vec<QuoteSpan>]>,
    /// Explain, as notes, why differing values were judged compatible.
    pub verbose: bool,
    /// `stale-fact` runs too: the conflict checks then leave out claims it reports, so one
    /// stale figure is one finding, not two.
    pub stale_fact_runs: bool,
}

impl<'a> Context<'a> {
    /// A context with nothing from a cache or a per-article stage: each check finds what it
    /// needs in the articles (`rules test` checks one article, `review` two), all checks run and
    /// no notes explain compatible values.
    pub fn standalone(
        articles: &'a [Article],
        rules: &'a RuleSet,
        claims: &'a [Claim],
        mentions: &'a [Vec<crate::quantity::Mention>],
    ) -> Context<'a> {
        Context {
            articles,
            rules,
            claims,
            mentions,
            prints: None,
            memo: None,
            term_uses: None,
            quote_spans: None,
            verbose: false,
            stale_fact_runs: true,
        }
    }
}

/// Near-verbatim fingerprints handed from the per-article stage to the near-verbatim check,
/// which takes them: they are the largest per-corpus structure (an entry for nearly every
/// word with short `min_words`), so they are freed as soon as the candidate pairs are known
/// rather than kept to the end of the run.
#[derive(Debug, Default)]
pub struct PrintsCell(std::sync::Mutex<Option<Vec<crate::dupes::DocPrints>>>);

impl PrintsCell {
    /// Hold `prints` (one per article, in article order).
    pub fn new(prints: Vec<crate::dupes::DocPrints>) -> PrintsCell {
        PrintsCell(std::sync::Mutex::new(Some(prints)))
    }

    /// Take the prints out; `None` once taken (a later user computes its own).
    pub fn take(&self) -> Option<Vec<crate::dupes::DocPrints>> {
        self.0.lock().map(|mut g| g.take()).unwrap_or_else(|poisoned| poisoned.into_inner().take())
    }
}

/// Near-verbatim work reused between runs: the articles' cache keys, the memo an earlier run
/// left (if any) and, once the check has run, the memo of this run with what it reused.
#[derive(Debug, Default)]
pub struct MemoCell {
    /// Every article's cache key, in article order.
    pub keys: Vec<String>,
    /// The earlier run's memo.
    pub earlier: Option<crate::dupes::Memo>,
    /// The earlier fingerprints of articles changed since that run.
    pub before: Vec<crate::dupes::Before>,
    /// This run's memo and how much of the earlier one it reused.
    pub made: std::sync::Mutex<Option<(crate::dupes::Memo, crate::dupes::Reused)>>,
}

/// What a check hands back.
#[derive(Debug, Default)]
pub struct Output {
    /// Findings.
    pub findings: Vec<Finding>,
    /// What could not be checked, and why.
    pub notes: Vec<Note>,
}

/// Every check, in the order they run.
pub const CHECKS: &[CheckInfo] = &[
    CheckInfo {
        id: numeric_conflict::ID,
        default_severity: Severity::Warning,
        summary: "articles disagree on a tracked fact in the same scope",
        run: numeric_conflict::run,
        source: include_str!("numeric_conflict.rs"),
    },
    CheckInfo {
        id: internal_conflict::ID,
        default_severity: Severity::Warning,
        summary: "one article gives a tracked fact two incompatible values",
        run: internal_conflict::run,
        source: include_str!("internal_conflict.rs"),
    },
    CheckInfo {
        id: stale_fact::ID,
        default_severity: Severity::Warning,
        summary: "a claim contradicts the reference value in force at the article's date",
        run: stale_fact::run,
        source: include_str!("stale_fact.rs"),
    },
    CheckInfo {
        id: date_conflict::ID,
        default_severity: Severity::Warning,
        summary: "articles give one event (a date fact) different dates",
        run: date_conflict::run,
        source: include_str!("date_conflict.rs"),
    },
    CheckInfo {
        id: conversion_mismatch::ID,
        default_severity: Severity::Warning,
        summary: "a conversion stated in the text does not match its figure",
        run: conversion_mismatch::run,
        source: include_str!("conversion_mismatch.rs"),
    },
    CheckInfo {
        id: weekday_mismatch::ID,
        default_severity: Severity::Warning,
        summary: "a date's weekday is not the weekday of that date",
        run: weekday_mismatch::run,
        source: include_str!("weekday_mismatch.rs"),
    },
    CheckInfo {
        id: near_verbatim::ID,
        default_severity: Severity::Warning,
        summary: "a passage is repeated near-verbatim across articles or inside one",
        run: near_verbatim::run,
        source: include_str!("near_verbatim.rs"),
    },
    CheckInfo {
        id: quote_drift::ID,
        default_severity: Severity::Warning,
        summary: "one quotation is rendered in different words across articles",
        run: quote_drift::run,
        source: include_str!("quote_drift.rs"),
    },
    CheckInfo {
        id: crate::suppress::ID,
        default_severity: Severity::Warning,
        summary: "a factdiff-ignore comment in an article is malformed or silences nothing",
        run: no_findings,
        source: include_str!("../suppress.rs"),
    },
    CheckInfo {
        id: spelling_variant::ID,
        default_severity: Severity::Info,
        summary: "a spelling variant of a term is used instead of the preferred or majority form",
        run: spelling_variant::run,
        source: include_str!("spelling_variant.rs"),
    },
];

/// The `suppression` check reports while suppressions are applied (see `suppress`), not here.
fn no_findings(_: &Context<'_>) -> Output {
    Output::default()
}

/// Look up a check by id.
pub fn info(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|c| c.id == id)
}

/// Run the checks in `selected` (all when empty), returning sorted findings and notes.
pub fn run(ctx: &Context<'_>, selected: &[String]) -> Output {
    run_timed(ctx, selected, &mut crate::timings::Timings::default(), &crate::progress::Silent)
}

/// [`run`], recording each check as a stage of `timings` and reporting each check done to
/// `progress`.
pub fn run_timed(
    ctx: &Context<'_>,
    selected: &[String],
    timings: &mut crate::timings::Timings,
    progress: &dyn crate::progress::Progress,
) -> Output {
    let mut out = Output::default();
    let chosen: Vec<_> = CHECKS.iter().filter(|c| selected.is_empty() || selected.iter().any(|s| s == c.id)).collect();
    progress.start("checking", chosen.len() as u64);
    for c in chosen {
        let o = (c.run)(ctx);
        timings.mark(c.id);
        out.findings.extend(o.findings);
        out.notes.extend(o.notes);
        progress.advance(1);
    }
    out.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.notes.sort();
    out.notes.dedup();
    out
}

/// A claim with its measure under its fact's tolerance.
pub(crate) struct Measured<'a> {
    pub(crate) claim: &'a Claim,
    pub(crate) measure: Measure,
}

/// Subject label, role label and measurement axis: claims compare only within one key.
pub(crate) type ScopeKey = (Option<String>, Option<String>, String);

/// The claims of `items` a conflict check compares: without the ones `stale-fact` reports as
/// contradicting their reference, when it runs (the stale figure is that finding's).
pub(crate) fn not_stale<'b, 'a>(ctx: &Context<'_>, fact: usize, items: Vec<&'b Measured<'a>>) -> Vec<&'b Measured<'a>> {
    let f = &ctx.rules.facts[fact];
    if !ctx.stale_fact_runs || f.references.is_empty() {
        return items;
    }
    items.into_iter().filter(|m| !stale_fact::is_stale(f, m.claim)).collect()
}

/// Claims of one fact grouped by scope: (subject, role, axis) → claims, in claim order.
pub(crate) fn scope_groups<'a>(ctx: &Context<'a>, fact: usize) -> Vec<(ScopeKey, Vec<Measured<'a>>)> {
    let tol = ctx.rules.facts[fact].tolerance.pairwise();
    let mut groups: std::collections::BTreeMap<ScopeKey, Vec<Measured<'a>>> = Default::default();
    let start = ctx.claims.partition_point(|c| c.fact < fact);
    let rates = ctx.rules.currencies.as_ref().filter(|_| ctx.rules.facts[fact].compare_currencies);
    for claim in ctx.claims[start..].iter().take_while(|c| c.fact == fact) {
        let Some(mut measure) = compare::of_claim(&claim.value, tol) else { continue };
        if let Some(r) = rates {
            measure = compare::in_common_currency(measure, r);
        }
        let key = (claim.subject.clone(), claim.role.clone(), measure.axis().to_string());
        groups.entry(key).or_default().push(Measured { claim, measure });
    }
    match ctx.rules.facts[fact].max_ratio {
        None => groups.into_iter().collect(),
        Some(ratio) => {
            groups.into_iter().flat_map(|(key, group)| by_size(group, ratio).into_iter().map(move |g| (key.clone(), g))).collect()
        }
    }
}

/// `group` split where figures are more than `ratio` times apart (the rule's `max-ratio`): sorted
/// by size, a figure further than that from the next starts another group, so a $1bn weapons
/// package and the $61bn bill are never compared while $60bn and $61bn are. Claims keep their
/// order within each group; groups go from the smallest figures up. A group with a figure
/// without a lower bound above zero ("less than $5bn", zero) stays whole.
fn by_size<'a>(group: Vec<Measured<'a>>, ratio: f64) -> Vec<Vec<Measured<'a>>> {
    let size = |m: &Measured<'_>| size_of(&m.measure);
    let Some(mut sizes) = group.iter().map(size).collect::<Option<Vec<f64>>>() else {
        return vec![group];
    };
    sizes.sort_by(f64::total_cmp);
    // Where each band starts: a size more than `ratio` times the one before it.
    let starts: Vec<f64> = sizes.windows(2).filter(|w| w[1] > w[0] * ratio).map(|w| w[1]).collect();
    if starts.is_empty() {
        return vec![group];
    }
    let mut bands: Vec<Vec<Measured<'a>>> = (0..=starts.len()).map(|_| Vec::new()).collect();
    for m in group {
        let s = size(&m).unwrap_or(0.0);
        bands[starts.partition_point(|&start| start <= s)].push(m);
    }
    bands
}

/// The size of a figure for `max-ratio`: the middle of its interval, or its lower bound when it
/// has no upper one ("more than $40bn"); none for a figure without a lower bound above zero.
pub(crate) fn size_of(m: &compare::Measure) -> Option<f64> {
    match *m {
        compare::Measure::Interval { lo, hi, .. } if lo > 0.0 && lo.is_finite() => Some(if hi.is_finite() { (lo + hi) / 2.0 } else { lo }),
        _ => None,
    }
}

/// Whether two figures of a fact with `max-ratio` are further apart than its factor (different
/// things, never compared).
pub(crate) fn too_far_apart(a: &compare::Measure, b: &compare::Measure, ratio: Option<f64>) -> bool {
    match (ratio, size_of(a), size_of(b)) {
        (Some(r), Some(x), Some(y)) => x.max(y) > x.min(y) * r,
        _ => false,
    }
}

/// Whether `stale-fact` reports the claim (it contradicts the reference in force at its date).
pub(crate) fn stale_fact_of(fact: &crate::rules::Fact, c: &Claim) -> bool {
    stale_fact::is_stale(fact, c)
}

/// Evidence for a claim: its value span, the sentence as excerpt, its displayed value.
pub(crate) fn claim_evidence(ctx: &Context<'_>, c: &Claim) -> Evidence {
    let a = &ctx.articles[c.article];
    Evidence::new(a, c.span.clone(), c.sentence.clone()).with_value(compare::display(&c.value))
}

/// How two values of a fact disagree, in the words that fit its kind ("X and Y {this}"):
/// names and dates simply differ; numbers disagree after rounding, or by more than the rule's
/// tolerance when it has one.
pub(crate) fn how_they_differ(fact: &crate::rules::Fact) -> &'static str {
    use crate::rules::{FactKind, Tolerance};
    match (fact.kind, fact.tolerance) {
        (FactKind::Text, _) => "are different",
        (FactKind::Date, Tolerance::Exact) => "are different dates",
        (_, Tolerance::Exact) => "do not agree even allowing for rounding",
        _ => "differ by more than the rule's tolerance",
    }
}

/// "subject us, role proposed" for messages, or nothing when the fact has no scope labels.
pub(crate) fn scope_phrase(subject: &Option<String>, role: &Option<String>) -> String {
    match (subject, role) {
        (None, None) => String::new(),
        (Some(s), None) => format!(" (subject: {s})"),
        (None, Some(r)) => format!(" (role: {r})"),
        (Some(s), Some(r)) => format!(" (subject: {s}, role: {r})"),
    }
}

/// Is there a pair of measures from different articles that disagree? Linear: for intervals,
/// a disjoint pair exists iff the smallest upper bound lies below the largest lower bound, and
/// checking the two extremes from distinct articles on each side is enough.
pub(crate) fn cross_article_conflict(items: &[&Measured<'_>]) -> Option<(usize, usize)> {
    if items.iter().any(|m| matches!(m.measure, Measure::Text(_))) {
        // Categories: with two or more distinct values and two or more articles, some pair of
        // different values in different articles exists; find one in one pass.
        let first = items.first()?;
        for (j, other) in items.iter().enumerate() {
            if other.claim.article != first.claim.article && other.measure != first.measure {
                return Some((0, j));
            }
        }
        let k = items.iter().position(|m| m.measure != first.measure)?;
        let j = items.iter().position(|m| m.claim.article != items[k].claim.article && m.measure != items[k].measure)?;
        return Some((k, j));
    }
    let hi = |i: usize| match &items[i].measure {
        Measure::Interval { hi, .. } => *hi,
        Measure::Text(_) => f64::INFINITY,
    };
    let lo = |i: usize| match &items[i].measure {
        Measure::Interval { lo, .. } => *lo,
        Measure::Text(_) => f64::NEG_INFINITY,
    };
    let mut by_hi: Vec<usize> = (0..items.len()).collect();
    by_hi.sort_by(|&a, &b| hi(a).total_cmp(&hi(b)));
    let mut by_lo: Vec<usize> = (0..items.len()).collect();
    by_lo.sort_by(|&a, &b| lo(b).total_cmp(&lo(a)));
    let pick2 = |order: &[usize]| {
        let first = order.first().copied();
        let second = first.and_then(|f| order.iter().copied().find(|&i| items[i].claim.article != items[f].claim.article));
        [first, second]
    };
    for a in pick2(&by_hi).into_iter().flatten() {
        for b in pick2(&by_lo).into_iter().flatten() {
            if items[a].claim.article != items[b].claim.article && compare::agree(&items[a].measure, &items[b].measure) == Some(false) {
                return Some((a, b));
            }
        }
    }
    None
}

/// Does every pair of measures agree? Linear for intervals: all pairwise overlap iff the
/// largest lower bound lies below the smallest upper bound.
pub(crate) fn all_agree(items: &[&Measured<'_>]) -> bool {
    let Some(first) = items.first() else { return true };
    if items.iter().any(|m| matches!(m.measure, Measure::Text(_))) {
        return items.iter().all(|m| m.measure == first.measure);
    }
    let bound = |m: &Measure, upper: bool| match m {
        Measure::Interval { lo, hi, .. } => {
            if upper {
                *hi
            } else {
                *lo
            }
        }
        Measure::Text(_) => 0.0,
    };
    let max_lo = items.iter().max_by(|a, b| bound(&a.measure, false).total_cmp(&bound(&b.measure, false)));
    let min_hi = items.iter().min_by(|a, b| bound(&a.measure, true).total_cmp(&bound(&b.measure, true)));
    match (max_lo, min_hi) {
        (Some(a), Some(b)) => compare::agree(&a.measure, &b.measure) != Some(false),
        _ => true,
    }
}
