//! Editorial views of one article (`factdiff review`) and of two (`factdiff diff`).
//!
//! Takes the result of a run over the corpus (claims, findings) and hands on a [`Review`] or a
//! [`FactDiff`]: plain data that the binary prints as a terminal report, Markdown or JSON. The
//! review reads like a careful colleague's notes: a summary with the single most important thing
//! to fix, then facts (what the rest of the corpus says about each claim), repetition, quotes
//! and style. The diff lists claims only in one version, in both with the same value, and in
//! both with different values, the quotations the two share or render differently, and on
//! request the changed sentences.

use crate::app::Run;
use crate::checks::quote_drift;
use crate::checks::Context;
use crate::compare;
use crate::corpus::Article;
use crate::extract::Claim;
use crate::finding::{DiffSegment, Evidence, Finding};
use crate::rules::{RuleSet, Severity};

/// What the rest of the corpus says about one claim.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Other {
    /// The value stated there.
    pub value: String,
    /// Where.
    pub evidence: Evidence,
    /// The article's source.
    pub source: Option<String>,
    /// "agrees", "disagrees", "stale there" (disagrees, and contradicts the reference in force at
    /// its own date), "another time" (outside the rule's time window) or "another figure" (more
    /// than the rule's `max-ratio` apart): the last two are context, not compared.
    pub relation: String,
}

/// One claim of the reviewed article.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FactEntry {
    /// The fact id.
    pub fact: String,
    /// The fact title.
    pub title: String,
    /// The claimed value.
    pub value: String,
    /// Subject and role labels, when the rule has them.
    pub scope: String,
    /// Where it is.
    pub evidence: Evidence,
    /// "agrees", "disagrees", "stale", "no other article" — the verdict against the corpus.
    pub verdict: String,
    /// The reference in force at the claim's date and how the claim compares, when there is one.
    pub reference: Option<String>,
    /// The same fact in the same scope elsewhere: disagreements first, at most twelve.
    pub others: Vec<Other>,
    /// How many claims elsewhere there are of each relation (the list above is a sample).
    pub counts: OtherCounts,
}

/// Claims of the same fact and scope elsewhere, by how they relate to the reviewed one.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct OtherCounts {
    /// Claims at the same time that agree.
    pub agree: usize,
    /// Claims at the same time that disagree.
    pub disagree: usize,
    /// Claims at the same time that disagree but contradict the reference in force at their own
    /// date (`stale-fact` reports them there).
    pub stale_there: usize,
    /// Claims outside the rule's time window (context, not compared).
    pub another_time: usize,
    /// Figures more than the rule's `max-ratio` apart (another thing of the kind, not compared).
    pub another_figure: usize,
}

impl OtherCounts {
    /// All of them.
    pub fn total(&self) -> usize {
        self.agree + self.disagree + self.stale_there + self.another_time + self.another_figure
    }
}

/// Most other claims listed under one claim.
const MAX_OTHERS: usize = 12;
/// Shared wording shorter than near-verbatim copy (rewording keeps runs of 8 to 12 words).
const SHARED_WORDING_MIN_WORDS: usize = 8;

/// Wording the reviewed article shares with another, below the near-verbatim threshold.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SharedWording {
    /// The other article.
    pub other: String,
    /// Words in shared passages.
    pub words: usize,
    /// The passages: here and there.
    pub passages: Vec<(Evidence, Evidence)>,
}

/// The review of one article.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Review {
    /// The article path.
    pub article: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<chrono::NaiveDate>,
    /// Counts per section.
    pub counts: ReviewCounts,
    /// The single most important thing to fix, if anything.
    pub most_important: Option<String>,
    /// Section 1.
    pub facts: Vec<FactEntry>,
    /// Section 2: near-verbatim findings involving the article.
    pub repetition: Vec<Finding>,
    /// Section 2, continued: articles sharing shorter runs of wording (likely rewording), the
    /// most words first, at most twelve.
    pub shared_wording: Vec<SharedWording>,
    /// Further articles sharing wording, not listed.
    pub more_shared_wording: usize,
    /// Stock wording the article shares with many others (not listed as rewording).
    pub stock_wording: Vec<StockWording>,
    /// Section 3: quote-drift findings involving the article.
    pub quotes: Vec<Finding>,
    /// Section 4: spelling findings involving the article.
    pub style: Vec<Finding>,
    /// Other findings involving the article (weekday, conversion, internal conflicts, ...).
    pub other: Vec<Finding>,
}

/// Counts for the summary.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ReviewCounts {
    /// Claims the article makes.
    pub claims: usize,
    /// Claims the corpus disagrees with.
    pub disagreements: usize,
    /// Claims that contradict a reference.
    pub stale: usize,
    /// Repeated passages.
    pub repetition: usize,
    /// Quotations rendered differently elsewhere.
    pub quotes: usize,
    /// Spelling findings.
    pub style: usize,
    /// Other findings.
    pub other: usize,
}

fn involves(f: &Finding, path: &str) -> bool {
    f.paths().any(|p| p == path)
}

/// Review article `index` of a run over the corpus.
pub fn review(run: &Run, rules: &RuleSet, index: usize) -> Review {
    let articles = &run.corpus.articles;
    let a = &articles[index];
    let mut facts = Vec::new();
    let mine: Vec<&Claim> = run.claims.iter().filter(|c| c.article == index).collect();
    for c in &mine {
        let fact = &rules.facts[c.fact];
        let Some(m) = compare::of_claim(&c.value, fact.tolerance.pairwise()) else { continue };
        let same_scope = |o: &Claim| o.fact == c.fact && o.article != index && o.subject == c.subject && o.role == c.role;
        let same_time = |o: &Claim| match (fact.window_days, c.date, o.date) {
            (None, _, _) => true,
            (Some(w), Some(x), Some(y)) => (x - y).num_days().abs() <= i64::from(w),
            _ => false,
        };
        let mut others: Vec<Other> = run
            .claims
            .iter()
            .filter(|o| same_scope(o))
            .filter_map(|o| {
                let om = compare::of_claim(&o.value, fact.tolerance.pairwise())?;
                let agrees = compare::agree(&m, &om)?;
                let oa = &articles[o.article];
                let relation = if !same_time(o) {
                    "another time"
                } else if crate::checks::too_far_apart(&m, &om, fact.max_ratio) {
                    "another figure"
                } else if agrees {
                    "agrees"
                } else if crate::checks::stale_fact_of(fact, o) {
                    // Its own reference says it is wrong: `stale-fact` reports it there.
                    "stale there"
                } else {
                    "disagrees"
                };
                Some(Other {
                    value: compare::display(&o.value),
                    evidence: Evidence::new(oa, o.span.clone(), o.sentence.clone()).with_value(compare::display(&o.value)),
                    source: oa.source.clone(),
                    relation: relation.to_string(),
                })
            })
            .collect();
        let tally = |r: &str| others.iter().filter(|o| o.relation == r).count();
        let counts = OtherCounts {
            agree: tally("agrees"),
            disagree: tally("disagrees"),
            stale_there: tally("stale there"),
            another_time: tally("another time"),
            another_figure: tally("another figure"),
        };
        // What an editor acts on first: disagreements, then agreement, then context; each
        // nearest in time first. An archive can hold thousands of the same figure, so the list is a sample and
        // the counts say how many there are.
        let rank =
            |r: &str| ["disagrees", "stale there", "agrees", "another time", "another figure"].iter().position(|x| *x == r).unwrap_or(5);
        // Nearest in time to the claim first (undated ones last).
        let distance = |o: &Other| match (c.date, o.evidence.date) {
            (Some(x), Some(y)) => (x - y).num_days().unsigned_abs(),
            _ => u64::MAX,
        };
        others.sort_by(|a, b| {
            (rank(&a.relation), distance(a), a.evidence.date, &a.evidence.path).cmp(&(
                rank(&b.relation),
                distance(b),
                b.evidence.date,
                &b.evidence.path,
            ))
        });
        others.truncate(MAX_OTHERS);
        // A claim naming its own period ("in 2023") is right if true at any time in it, as
        // `stale-fact` reads it: the reference that agrees within the period is the one shown.
        let agreeing_in_period = c.as_of.as_ref().and_then(|p| {
            fact.references.iter().find(|r| {
                r.from < p.end
                    && r.until.is_none_or(|u| u > p.start)
                    && compare::of_reference(&r.value).and_then(|rm| compare::agree(&m, &rm)) == Some(true)
            })
        });
        let in_force = |d: chrono::NaiveDate| match agreeing_in_period {
            Some(r) => Some((r.from.max(d), r)),
            None => fact.reference_at(d).map(|r| (d, r)),
        };
        let reference = c.date.and_then(in_force).map(|(d, r)| {
            let ok = compare::of_reference(&r.value).and_then(|rm| compare::agree(&m, &rm));
            let verdict = match ok {
                Some(true) => "matches",
                Some(false) => "contradicts",
                None => "cannot be compared with",
            };
            format!("{verdict} the reference in force on {d}: {} since {} ({})", r.written, r.from, r.source)
        });
        let stale = run.output.findings.iter().any(|f| f.check == "stale-fact" && f.primary.path == a.path && f.primary.span == c.span);
        let verdict = if stale {
            "stale".to_string()
        } else if counts.disagree > 0 {
            "disagrees".to_string()
        } else if counts.agree > 0 {
            "agrees".to_string()
        } else if counts.stale_there > 0 {
            "agrees with the reference; the others are stale".to_string()
        } else {
            "no other article at the same time".to_string()
        };
        let scope = match (&c.subject, &c.role) {
            (None, None) => String::new(),
            (s, r) => [s.as_ref().map(|s| format!("subject {s}")), r.as_ref().map(|r| format!("role {r}"))]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        };
        facts.push(FactEntry {
            fact: fact.id.clone(),
            title: fact.title.clone(),
            value: compare::display(&c.value),
            scope,
            evidence: Evidence::new(a, c.span.clone(), c.sentence.clone()).with_value(compare::display(&c.value)),
            verdict,
            reference,
            others,
            counts,
        });
    }
    let involved: Vec<&Finding> = run.output.findings.iter().filter(|f| involves(f, &a.path)).collect();
    let pick = |check: &str| involved.iter().filter(|f| f.check == check).map(|f| (*f).clone()).collect::<Vec<_>>();
    let repetition = pick("near-verbatim");
    let quotes = pick("quote-drift");
    let style = pick("spelling-variant");
    // Stale claims and cross-article conflicts already stand under Facts.
    let other: Vec<Finding> = involved
        .iter()
        .filter(|f| {
            !matches!(f.check, "near-verbatim" | "quote-drift" | "spelling-variant" | "stale-fact" | "numeric-conflict" | "date-conflict")
        })
        .map(|f| (*f).clone())
        .collect();
    let wording = shared_wording(articles, index, &repetition, rules.near_verbatim.dupes.boilerplate_min_docs.max(2));
    // The most severe finding, one placed in this article before one that only cites it;
    // among equals the first in report order.
    let most_important =
        involved.iter().enumerate().max_by_key(|(i, f)| (f.severity, f.primary.path == a.path, std::cmp::Reverse(*i))).map(|(_, f)| f).map(
            |f| {
                // Where to fix it here: the finding's first place in this article (a spelling
                // finding's primary place may be another article's use of the same form).
                let here = std::iter::once(&f.primary).chain(&f.related).find(|e| !e.context && e.path == a.path).unwrap_or(&f.primary);
                format!("{} [{}] at {}:{}: {}", f.severity.as_str(), f.check, here.path, here.start.line, f.message)
            },
        );
    let counts = ReviewCounts {
        claims: facts.len(),
        disagreements: facts.iter().filter(|f| f.verdict == "disagrees").count(),
        stale: facts.iter().filter(|f| f.verdict == "stale").count(),
        repetition: repetition.len(),
        quotes: quotes.len(),
        style: style.len(),
        other: other.len(),
    };
    Review {
        article: a.path.clone(),
        title: a.title.clone(),
        date: a.date,
        counts,
        most_important,
        facts,
        repetition,
        shared_wording: wording.shared,
        more_shared_wording: wording.more,
        stock_wording: wording.stock,
        quotes,
        style,
        other,
    }
}

/// Most articles listed as sharing wording with the reviewed one (the most words first).
const MAX_SHARED_WORDING: usize = 12;

/// Wording of the reviewed article that many other articles also use: a stock line
/// (a newsletter plug, an agency's standard background sentence), not anyone's rewording.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StockWording {
    /// The passage in the reviewed article.
    pub evidence: Evidence,
    /// How many other articles share all of it (at least the near-verbatim rule's
    /// `boilerplate-min-docs`).
    pub articles: usize,
}

/// What [`shared_wording`] finds.
struct Wording {
    shared: Vec<SharedWording>,
    more: usize,
    stock: Vec<StockWording>,
}

/// Runs of shared wording between article `index` and each other article, below the
/// near-verbatim threshold; passages already reported as near-verbatim are left out.
///
/// One review compares one article with the corpus, so the work is linear: the article's
/// 4-word shingles (the seeds of the near-verbatim engine at this length, which any shared run
/// of eight words with at most one edit contains) are counted in every other article in
/// parallel. A shingle found in `boilerplate-min-docs` articles or more is stock wording; only
/// an article sharing some other shingle is aligned with the reviewed one (in an archive of
/// 100,000 articles, a few dozen instead of all of them).
fn shared_wording(articles: &[Article], index: usize, repetition: &[Finding], stock_min: usize) -> Wording {
    use rayon::prelude::*;
    let cfg = crate::dupes::DupesConfig { min_words: SHARED_WORDING_MIN_WORDS, similarity: 0.8, ..Default::default() };
    let me = &articles[index];
    let mine = crate::dupes::fingerprint(me.body_text(), &cfg);
    let mut shingles: Vec<u32> = mine.prints.iter().map(|&(h, _)| h).collect();
    shingles.sort_unstable();
    shingles.dedup();
    // Per other article: the distinct shingles of the reviewed one it contains.
    let hits: Vec<(usize, Vec<usize>)> = articles
        .par_iter()
        .enumerate()
        .filter(|(oi, _)| *oi != index)
        .filter_map(|(oi, other)| {
            let mut found: Vec<usize> = crate::dupes::fingerprint(other.body_text(), &cfg)
                .prints
                .iter()
                .filter_map(|&(h, _)| shingles.binary_search(&h).ok())
                .collect();
            found.sort_unstable();
            found.dedup();
            (!found.is_empty()).then_some((oi, found))
        })
        .collect();
    let mut df = vec![0usize; shingles.len()];
    for (_, found) in &hits {
        for &i in found {
            df[i] += 1;
        }
    }
    let stock_shingle = |h: u32| shingles.binary_search(&h).is_ok_and(|i| df[i] >= stock_min);
    let known = |here: &std::ops::Range<usize>| {
        repetition.iter().any(|f| {
            std::iter::once(&f.primary).chain(&f.related).any(|e| e.path == me.path && e.span.start < here.end && here.start < e.span.end)
        })
    };
    // A passage of the reviewed article is stock when at least half its shingles are: a stock
    // line and the word after it ("... to Ukraine. Meanwhile") is still the stock line.
    let tokens = crate::dupes::normalize::tokenize(me.body_text());
    let is_stock = |span: &std::ops::Range<usize>| {
        let (mut all, mut stock) = (0usize, 0usize);
        for &(h, pos) in &mine.prints {
            let Some(&(start, _)) = tokens.spans.get(pos as usize) else { continue };
            if (start as usize) >= span.start && (start as usize) < span.end {
                all += 1;
                stock += usize::from(stock_shingle(h));
            }
        }
        all > 0 && 2 * stock >= all
    };
    let candidates: Vec<usize> = hits.iter().filter(|(_, found)| found.iter().any(|&i| df[i] < stock_min)).map(|(oi, _)| *oi).collect();
    let mut shared: Vec<SharedWording> = candidates
        .par_iter()
        .filter_map(|&oi| {
            let other = &articles[oi];
            let docs = [crate::dupes::Doc { text: me.body_text() }, crate::dupes::Doc { text: other.body_text() }];
            let mut passages = Vec::new();
            let mut words = 0;
            for g in crate::dupes::find_groups(&docs, &cfg) {
                if g.kind == crate::dupes::PassageKind::Boilerplate {
                    continue;
                }
                let (Some(p), Some(q)) = (g.passages.iter().find(|p| p.doc == 0), g.passages.iter().find(|p| p.doc == 1)) else { continue };
                if is_stock(&p.span) {
                    continue;
                }
                let here = me.body.start + p.span.start..me.body.start + p.span.end;
                if known(&here) {
                    continue;
                }
                let there = other.body.start + q.span.start..other.body.start + q.span.end;
                words += p.words;
                passages.push((Evidence::new(me, here.clone(), here), Evidence::new(other, there.clone(), there)));
            }
            (!passages.is_empty()).then(|| SharedWording { other: other.path.clone(), words, passages })
        })
        .collect();
    shared.sort_by(|a, b| b.words.cmp(&a.words).then(a.other.cmp(&b.other)));
    let more = shared.len().saturating_sub(MAX_SHARED_WORDING);
    shared.truncate(MAX_SHARED_WORDING);
    Wording { shared, more, stock: stock_runs(me, &mine, &tokens, &shingles, &df, stock_min) }
}

/// The stretches of the reviewed article made of stock shingles, at least
/// [`SHARED_WORDING_MIN_WORDS`] words long, with the fewest articles any of their shingles is in.
fn stock_runs(
    me: &Article,
    mine: &crate::dupes::DocPrints,
    tokens: &crate::dupes::normalize::Tokens,
    shingles: &[u32],
    df: &[usize],
    stock_min: usize,
) -> Vec<StockWording> {
    let k = mine.k as usize;
    // Stock shingle count at each word position (prints are sorted by hash, not position).
    let mut at: Vec<(u32, usize)> = mine
        .prints
        .iter()
        .filter_map(|&(h, pos)| shingles.binary_search(&h).ok().map(|i| (pos, df[i])))
        .filter(|&(_, n)| n >= stock_min)
        .collect();
    at.sort_unstable();
    at.dedup_by_key(|x| x.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < at.len() {
        let mut j = i;
        let mut fewest = at[i].1;
        while j + 1 < at.len() && at[j + 1].0 == at[j].0 + 1 {
            j += 1;
            fewest = fewest.min(at[j].1);
        }
        let (first, last) = (at[i].0 as usize, at[j].0 as usize + k - 1);
        if last + 1 - first >= SHARED_WORDING_MIN_WORDS {
            if let (Some(s), Some(e)) = (tokens.spans.get(first), tokens.spans.get(last)) {
                let span = me.body.start + s.0 as usize..me.body.start + e.1 as usize;
                out.push(StockWording { evidence: Evidence::new(me, span.clone(), span), articles: fewest });
            }
        }
        i = j + 1;
    }
    out
}

/// One claim in a fact-diff.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DiffClaim {
    /// The fact id.
    pub fact: String,
    /// Subject and role, when the rule has them.
    pub scope: String,
    /// The value.
    pub value: String,
    /// Where.
    pub evidence: Evidence,
}

/// A quotation the two articles share.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SharedQuote {
    /// As A renders it.
    pub a: Evidence,
    /// As B renders it.
    pub b: Evidence,
    /// Unmarked changes ("omission: further"); empty when they agree.
    pub changes: Vec<String>,
    /// Word diff A → B.
    pub diff: Vec<DiffSegment>,
}

/// A changed sentence (with `--text`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SentenceChange {
    /// The sentence in A ("" when added).
    pub a: String,
    /// The sentence in B ("" when removed).
    pub b: String,
    /// Word diff.
    pub diff: Vec<DiffSegment>,
}

/// The fact-diff of two articles.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FactDiff {
    /// A's name.
    pub a: String,
    /// B's name.
    pub b: String,
    /// Claims only A makes.
    pub only_a: Vec<DiffClaim>,
    /// Claims only B makes.
    pub only_b: Vec<DiffClaim>,
    /// Claims both make with agreeing values.
    pub same: Vec<(DiffClaim, DiffClaim)>,
    /// Claims both make with values that disagree.
    pub different: Vec<(DiffClaim, DiffClaim)>,
    /// Quotations both render: the same or with changes.
    pub quotes: Vec<SharedQuote>,
    /// Changed sentences, when asked for.
    pub sentences: Option<Vec<SentenceChange>>,
}

fn diff_claim(a: &Article, c: &Claim, rules: &RuleSet) -> DiffClaim {
    let scope = [c.subject.as_ref().map(|s| format!("subject {s}")), c.role.as_ref().map(|r| format!("role {r}"))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    DiffClaim {
        fact: rules.facts[c.fact].id.clone(),
        scope,
        value: compare::display(&c.value),
        evidence: Evidence::new(a, c.span.clone(), c.sentence.clone()).with_value(compare::display(&c.value)),
    }
}

/// Fact-diff articles 0 (A) and 1 (B).
pub fn fact_diff(articles: &[Article], rules: &RuleSet, with_sentences: bool) -> FactDiff {
    let (mentions, claims) = crate::app::extract_all(articles, rules);
    let key = |c: &Claim| (c.fact, c.subject.clone(), c.role.clone());
    let measure = |c: &Claim| compare::of_claim(&c.value, rules.facts[c.fact].tolerance.pairwise());
    let side = |i: usize| claims.iter().filter(|c| c.article == i).collect::<Vec<_>>();
    let (ca, cb) = (side(0), side(1));
    let mut out = FactDiff {
        a: articles[0].path.clone(),
        b: articles[1].path.clone(),
        only_a: Vec::new(),
        only_b: Vec::new(),
        same: Vec::new(),
        different: Vec::new(),
        quotes: Vec::new(),
        sentences: None,
    };
    let agree = |x: &Claim, y: &Claim| matches!((measure(x), measure(y)), (Some(p), Some(q)) if compare::agree(&p, &q) == Some(true));
    let mut used_b = vec![false; cb.len()];
    for x in &ca {
        let same_key: Vec<usize> = (0..cb.len()).filter(|&j| key(cb[j]) == key(x)).collect();
        if let Some(&j) = same_key.iter().find(|&&j| agree(x, cb[j])) {
            used_b[j] = true;
            out.same.push((diff_claim(&articles[0], x, rules), diff_claim(&articles[1], cb[j], rules)));
        } else if let Some(&j) = same_key.first() {
            used_b[j] = true;
            out.different.push((diff_claim(&articles[0], x, rules), diff_claim(&articles[1], cb[j], rules)));
        } else {
            out.only_a.push(diff_claim(&articles[0], x, rules));
        }
    }
    for (j, y) in cb.iter().enumerate() {
        if !used_b[j] && !ca.iter().any(|x| key(x) == key(y)) {
            out.only_b.push(diff_claim(&articles[1], y, rules));
        }
    }
    let ctx = Context::standalone(articles, rules, &claims, &mentions);
    let qs = quote_drift::quotes(&ctx);
    for (qa, qb, changes) in quote_drift::shared_quotes(&ctx, &qs, 0, 1) {
        let (ta, tb) = (&articles[0].text[qa.span.clone()], &articles[1].text[qb.span.clone()]);
        out.quotes.push(SharedQuote {
            a: Evidence::new(&articles[0], qa.span.clone(), qa.span.clone()),
            b: Evidence::new(&articles[1], qb.span.clone(), qb.span.clone()),
            changes: changes.iter().map(|(c, w)| format!("{}: {w}", c.name())).collect(),
            diff: crate::dupes::word_diff(ta, tb).into_iter().map(|(tag, text)| DiffSegment { tag, text }).collect(),
        });
    }
    if with_sentences {
        out.sentences = Some(sentence_changes(&articles[0], &articles[1]));
    }
    out
}

fn sentence_changes(a: &Article, b: &Article) -> Vec<SentenceChange> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let sa: Vec<String> = crate::text::sentences(&a.text, a.body.clone()).into_iter().map(|r| norm(&a.text[r])).collect();
    let sb: Vec<String> = crate::text::sentences(&b.text, b.body.clone()).into_iter().map(|r| norm(&b.text[r])).collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    let ops = similar::capture_diff_slices_deadline(similar::Algorithm::Myers, &sa, &sb, Some(deadline));
    let mut out = Vec::new();
    for op in ops {
        let (ra, rb) = match op {
            similar::DiffOp::Equal { .. } => continue,
            similar::DiffOp::Delete { old_index, old_len, .. } => (old_index..old_index + old_len, 0..0),
            similar::DiffOp::Insert { new_index, new_len, .. } => (0..0, new_index..new_index + new_len),
            similar::DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                (old_index..old_index + old_len, new_index..new_index + new_len)
            }
        };
        // Sentence by sentence: pairs where the block sizes match (an edited sentence), else
        // each removed and each added sentence on its own.
        let pairs: Vec<(String, String)> = if ra.len() == rb.len() {
            ra.zip(rb).map(|(i, j)| (sa[i].clone(), sb[j].clone())).collect()
        } else {
            ra.map(|i| (sa[i].clone(), String::new())).chain(rb.map(|j| (String::new(), sb[j].clone()))).collect()
        };
        for (ta, tb) in pairs {
            let diff = crate::dupes::word_diff(&ta, &tb).into_iter().map(|(tag, text)| DiffSegment { tag, text }).collect();
            out.push(SentenceChange { a: ta, b: tb, diff });
        }
    }
    out
}

/// Severity of the most serious finding in a review, for the exit status.
pub fn worst(review: &Review) -> Option<Severity> {
    review.repetition.iter().chain(&review.quotes).chain(&review.style).chain(&review.other).map(|f| f.severity).max()
}
