//! `quote-drift`: one quotation rendered in different words.
//!
//! **What it finds.** Quotations (text inside quotation marks) that are renderings of the same
//! statement — they share a long enough run of words — but differ inside the part they share
//! by more than punctuation, typography or a marked change: a word dropped without an ellipsis
//! (omission), a word added without brackets (insertion), a word changed (substitution). One
//! finding per group of renderings, naming each change, with a word diff.
//!
//! **Why.** A quotation promises the speaker's words. When outlets disagree on them, at least
//! one misquotes.
//!
//! **Example.** “We will continue and further step up political support” in one article and
//! “We will continue and step up political support” in another → warning: “further” omitted
//! without an ellipsis.
//!
//! **What it does not flag.** Curly vs straight quotes, case, punctuation, dashes and
//! British/American spelling ("defence"/"defense"); a shortened quotation whose omission is
//! marked with an ellipsis ("…", "...", "[…]"); a change marked with square brackets
//! ("[NATO] will"); a partial quotation of a longer one (a fragment quoted in running prose; but
//! up to three words that differ at either end are a change: "not months" / "not weeks");
//! quotations in articles more than `window-days` apart (30 by default; a later statement
//! reusing earlier words; set in `[quote-drift]`); quotations sharing fewer than six words, no
//! run of five, or less than 70 % of their overlapping part (two statements that only share a
//! stock phrase); quotations their sentences attribute to different people ("…,” Biden said"
//! and "…,” Scholz said" may share "stand with Ukraine for as long as it takes": two
//! statements). A speaker spelled two ways ("Zelensky", "Zelenskyy") is one person.

use super::{Context, Output};
use crate::corpus::Article;
use crate::dupes::normalize::{tokenize, Tokens};
use crate::finding::{DiffSegment, Evidence, Finding};
use rayon::prelude::*;
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The check's id.
pub(crate) const ID: &str = "quote-drift";

/// Quotations shorter than this many words are not compared.
const MIN_QUOTE_WORDS: usize = 5;
/// Shared words needed for two quotations to be the same statement.
const MIN_SHARED_WORDS: usize = 6;
/// Longest run of shared words needed: a stock phrase ("as long as it takes") is five.
const MIN_SHARED_RUN: usize = 5;
/// Share of the overlapping part that must be equal.
const MIN_SHARED_SHARE: f64 = 0.7;
/// Most words changed at either end of the shared part that are still one change, not a
/// fragment's edge.
const EDGE_WORDS: usize = 3;
/// Word n-grams used to find candidate pairs.
const GRAM: usize = 4;
/// A gram in more quotations than this is a stock phrase and seeds no comparison.
const MAX_GRAM_QUOTES: usize = 64;

/// One quotation in one article.
pub(crate) struct Quote {
    pub(crate) article: usize,
    /// Byte span of the quoted text (inside the marks) in the article text.
    pub(crate) span: Range<usize>,
    pub(crate) tokens: Tokens,
    /// Who the sentence says is speaking, when it names them (see [`speaker`]).
    pub(crate) speaker: Option<String>,
}

/// A change between two renderings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    Omission,
    Insertion,
    Substitution,
}

impl Change {
    /// "omission", "insertion" or "substitution".
    pub(crate) fn name(self) -> &'static str {
        match self {
            Change::Omission => "omission",
            Change::Insertion => "insertion",
            Change::Substitution => "substitution",
        }
    }
}

/// Where a quotation of at least [`MIN_QUOTE_WORDS`] words is in an article, and who speaks it.
/// Per article and independent of the rest of the corpus, so the cache keeps them with the
/// article's other per-article work and a re-check does not scan unchanged articles again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QuoteSpan {
    /// Byte span of the quoted text (inside the marks) in the article text.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Who the sentence says is speaking, when it names them (see [`speaker`]).
    pub speaker: Option<String>,
}

/// Every quotation of at least [`MIN_QUOTE_WORDS`] words in `a`, in text order.
pub fn quote_spans(a: &Article) -> Vec<QuoteSpan> {
    crate::text::quotations(&a.text, a.body.clone())
        .into_iter()
        .filter(|q| tokenize(&a.text[q.clone()]).len() >= MIN_QUOTE_WORDS)
        .map(|q| QuoteSpan { start: q.start, end: q.end, speaker: speaker(&a.text, &q) })
        .collect()
}

/// Every quotation of at least [`MIN_QUOTE_WORDS`] words in the corpus: where the per-article
/// stage found them, or found here.
pub(crate) fn quotes(ctx: &Context<'_>) -> Vec<Quote> {
    // Per article in parallel; collected in article order, so the result is the same on any
    // number of threads.
    ctx.articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(ai, a)| {
            let spans = match ctx.quote_spans.and_then(|q| q.get(ai)) {
                Some(spans) => spans.clone(),
                None => quote_spans(a),
            };
            spans.into_iter().filter_map(move |q| {
                let span = q.start..q.end;
                let tokens = tokenize(a.text.get(span.clone())?);
                Some(Quote { article: ai, speaker: q.speaker, span, tokens })
            })
        })
        .collect()
}

/// Verbs that attribute a quotation.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "stated",
    "declared",
    "insisted",
    "warned",
    "stressed",
    "noted",
    "asked",
    "replied",
    "explained",
    "argued",
    "urged",
    "promised",
    "vowed",
    "pledged",
    "announced",
    "tweeted",
    "posted",
];

/// Capitalized words that are not names of speakers.
const NOT_NAMES: &[&str] =
    &["He", "She", "They", "We", "I", "It", "You", "This", "That", "The", "A", "An", "And", "But", "Officials", "Sources"];

/// Who speaks a quotation, when its sentence names them beside a speech verb: "…,” Biden
/// said", "…,” said President Joe Biden", "Stoltenberg told reporters: “…", "Scholz said “…",
/// "Stoltenberg: “…". The surname (the last capitalized word of the name) is enough.
/// Pronouns and descriptions ("he said", "the minister said") name nobody: `None`.
pub(crate) fn speaker(text: &str, q: &Range<usize>) -> Option<String> {
    let is_name = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w);
    let is_verb = |w: &str| SPEECH_VERBS.contains(&w);
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’').to_string();
    // After the closing mark, to the end of the sentence.
    let after_start = text[q.end..].find(|c: char| c.is_whitespace() || c.is_alphanumeric()).map_or(text.len(), |i| q.end + i);
    let after: String = text[after_start..].chars().take(80).take_while(|c| !matches!(c, '.' | '\n' | '“' | '"' | '!' | '?')).collect();
    let words: Vec<String> = after.split_whitespace().map(clean).filter(|w| !w.is_empty()).take(6).collect();
    if let Some(v) = words.iter().position(|w| is_verb(w)) {
        if v > 0 && is_name(&words[v - 1]) {
            return Some(words[v - 1].clone());
        }
        if v == 0 {
            let run: Vec<&String> = words[1..].iter().take_while(|w| is_name(w)).collect();
            if let Some(last) = run.last() {
                return Some((*last).clone());
            }
        }
    }
    // Before the opening mark, back to the start of the sentence.
    let open = text[..q.start].trim_end_matches(['“', '"', '‘', '\'', '«', '„']);
    let lead = open.trim_end();
    let from = lead.rfind(['.', '\n', '”', '!', '?']).map_or(0, |i| i + 1);
    let mut from = from.max(lead.len().saturating_sub(120));
    while !lead.is_char_boundary(from) {
        from += 1;
    }
    let lead = &lead[from..];
    let colon = lead.ends_with(':');
    let words: Vec<String> = lead.split_whitespace().map(clean).filter(|w| !w.is_empty()).collect();
    let n = words.len();
    if let Some(v) = (n.saturating_sub(4)..n).rev().find(|&i| is_verb(&words[i])) {
        if v > 0 && is_name(&words[v - 1]) {
            return Some(words[v - 1].clone());
        }
    }
    if colon && n > 0 && n <= 4 && words.iter().all(|w| is_name(w)) {
        return Some(words[n - 1].clone());
    }
    None
}

/// Two quotations are by different people: both name a speaker, and the names differ beyond a
/// spelling variant ("Zelensky" and "Zelenskyy" are one person).
fn different_speakers(a: &Quote, b: &Quote) -> bool {
    match (&a.speaker, &b.speaker) {
        (Some(x), Some(y)) => {
            let (x, y) = (x.to_lowercase(), y.to_lowercase());
            !(x == y || x.starts_with(&y) || y.starts_with(&x) || strsim::jaro_winkler(&x, &y) >= 0.92)
        }
        _ => false,
    }
}

fn has_marker(s: &str) -> bool {
    s.contains('…') || s.contains("...") || s.contains('[')
}

/// Text between token `i - 1` and token `i` of a quote (the gap where words could be omitted).
fn gap<'t>(text: &'t str, t: &Tokens, i: usize) -> &'t str {
    let start = if i == 0 { 0 } else { t.spans[i - 1].1 as usize };
    let end = t.spans.get(i).map_or(text.len(), |s| s.0 as usize);
    text.get(start..end.max(start)).unwrap_or("")
}

/// Words `i..i + n` of a quote and the gaps around them, as written.
fn words<'t>(text: &'t str, t: &Tokens, i: usize, n: usize) -> &'t str {
    let start = if i == 0 { 0 } else { t.spans[i - 1].1 as usize };
    let end = t.spans.get(i + n).map_or(text.len(), |s| s.0 as usize);
    text.get(start..end.max(start)).unwrap_or("")
}

/// Words `old_index..old_index + old_len` of the first rendering missing from the second before
/// its word `new_index`, between matched runs of `before` and `after` words.
struct Omission {
    old_index: usize,
    old_len: usize,
    new_index: usize,
    after: usize,
    before: usize,
}

impl Omission {
    /// Whether the same words can be read as dropped a few words later or earlier — the words
    /// it moves past repeat the words it drops — at a place the second rendering marks with an
    /// ellipsis: "if Europe uses it, and uses it quickly, to build" quoted as "if Europe uses
    /// it … to build" drops "and uses it quickly" at the ellipsis, though a diff may pair the
    /// first "uses it" with the quotation's and read the first as dropped.
    fn marked_nearby(&self, a: &Tokens, tb: &str, b: &Tokens) -> bool {
        let h = &a.hashes;
        let end = self.old_index + self.old_len;
        let right = (1..=self.after).take_while(|&k| h.get(self.old_index + k - 1) == h.get(end + k - 1));
        let left = (1..=self.before.min(self.old_index).min(self.new_index)).take_while(|&k| h.get(self.old_index - k) == h.get(end - k));
        right.clone().any(|k| has_marker(gap(tb, b, self.new_index + k)))
            || left.clone().any(|k| has_marker(gap(tb, b, self.new_index - k)))
    }
}

/// Compare two quotations: `None` when they are not the same statement; else the unmarked
/// changes inside the part they share (empty: they agree).
pub(crate) fn compare(ta: &str, a: &Tokens, tb: &str, b: &Tokens) -> Option<Vec<(Change, String)>> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(200);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &a.hashes, &b.hashes, Some(deadline));
    let first = ops.iter().position(|o| matches!(o, DiffOp::Equal { .. }))?;
    let last = ops.iter().rposition(|o| matches!(o, DiffOp::Equal { .. }))?;
    let inner = &ops[first..=last];
    let shared: usize = inner.iter().map(|o| if let DiffOp::Equal { len, .. } = o { *len } else { 0 }).sum();
    let (ra, rb) = inner.iter().fold((0, 0), |(x, y), o| {
        let (oa, ob) = match *o {
            DiffOp::Equal { len, .. } => (len, len),
            DiffOp::Delete { old_len, .. } => (old_len, 0),
            DiffOp::Insert { new_len, .. } => (0, new_len),
            DiffOp::Replace { old_len, new_len, .. } => (old_len, new_len),
        };
        (x + oa, y + ob)
    });
    let run = inner.iter().map(|o| if let DiffOp::Equal { len, .. } = o { *len } else { 0 }).max().unwrap_or(0);
    if shared < MIN_SHARED_WORDS || run < MIN_SHARED_RUN || (shared as f64) < MIN_SHARED_SHARE * ra.max(rb) as f64 {
        return None;
    }
    // Words outside the shared part are a fragment's edge (one rendering quotes more) unless
    // both renderings have a few words there that differ: "for years, not months" against "for
    // years, not weeks" changes the last word.
    let changed_edge =
        |o: &DiffOp| matches!(*o, DiffOp::Replace { old_len, new_len, .. } if old_len <= EDGE_WORDS && new_len <= EDGE_WORDS);
    let start = if first > 0 && changed_edge(&ops[first - 1]) { first - 1 } else { first };
    let end = if last + 1 < ops.len() && changed_edge(&ops[last + 1]) { last + 1 } else { last };
    let equal_len = |i: Option<usize>| match i.and_then(|i| ops.get(i)) {
        Some(DiffOp::Equal { len, .. }) => *len,
        _ => 0,
    };
    let mut changes = Vec::new();
    for (i, o) in ops.iter().enumerate().take(end + 1).skip(start) {
        match *o {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_index, old_len, new_index } => {
                let omission =
                    Omission { old_index, old_len, new_index, after: equal_len(Some(i + 1)), before: equal_len(i.checked_sub(1)) };
                if !has_marker(gap(tb, b, new_index)) && !omission.marked_nearby(a, tb, b) {
                    changes.push((Change::Omission, words(ta, a, old_index, old_len).trim().to_string()));
                }
            }
            DiffOp::Insert { old_index, new_index, new_len } => {
                if !has_marker(gap(ta, a, old_index)) && !has_marker(words(tb, b, new_index, new_len)) {
                    changes.push((Change::Insertion, words(tb, b, new_index, new_len).trim().to_string()));
                }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let (wa, wb) = (words(ta, a, old_index, old_len), words(tb, b, new_index, new_len));
                if !has_marker(wa) && !has_marker(wb) {
                    // The quotation's own closing punctuation is not part of the words changed.
                    let bare = |w: &'_ str| w.trim().trim_end_matches([',', '.', ';', ':', '!', '?']).to_string();
                    changes.push((Change::Substitution, format!("{} → {}", bare(wa), bare(wb))));
                }
            }
        }
    }
    Some(changes)
}

/// Unmarked changes between two renderings: the kind of change and the words.
pub(crate) type Changes = Vec<(Change, String)>;

/// A pair of renderings (quotation indices) that differ, with how.
type Drifted<'a> = ((usize, usize), &'a Changes);

/// The quotations of article `a` and `b` that render the same statement: (quote in a, quote in
/// b, the unmarked changes between them).
pub(crate) fn shared_quotes<'q>(ctx: &Context<'_>, qs: &'q [Quote], a: usize, b: usize) -> Vec<(&'q Quote, &'q Quote, Changes)> {
    let text = |q: &Quote| &ctx.articles[q.article].text[q.span.clone()];
    let mut out = Vec::new();
    for qa in qs.iter().filter(|q| q.article == a) {
        for qb in qs.iter().filter(|q| q.article == b && !different_speakers(qa, q)) {
            if let Some(changes) = compare(text(qa), &qa.tokens, text(qb), &qb.tokens) {
                out.push((qa, qb, changes));
            }
        }
    }
    out
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    let mut out = Output::default();
    let quotes = quotes(ctx);
    // Articles further apart than the window quote different statements (this year's
    // communiqué reuses last year's words); undated articles are compared with all.
    let window = ctx.rules.quote_drift.window_days;
    // Candidate pairs through shared word 4-grams, never all pairs.
    // (gram, quote) for every distinct 4-gram of every quote, sorted: a flat sort instead of
    // a map of vectors (millions of quotes in an archive).
    let mut grams: Vec<(u64, usize)> = quotes
        .par_iter()
        .enumerate()
        .flat_map_iter(|(qi, q)| {
            q.tokens
                .hashes
                .windows(GRAM)
                .map(move |w| (w.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, x| (h ^ x).wrapping_mul(0x0000_0100_0000_01b3)), qi))
        })
        .collect();
    grams.par_sort_unstable();
    grams.dedup();
    // Every pair of quotations that share a gram, once: gathered in parallel, then sorted and
    // deduplicated before any is looked at (a pair shares most of its grams, so most of what
    // is gathered repeats a pair; each repeat was a set insertion and a date lookup before).
    let runs: Vec<&[(u64, usize)]> = grams.chunk_by(|x, y| x.0 == y.0).filter(|l| l.len() > 1 && l.len() <= MAX_GRAM_QUOTES).collect();
    let mut pairs: Vec<(usize, usize)> =
        runs.par_iter().flat_map_iter(|run| (0..run.len()).flat_map(move |i| run[i + 1..].iter().map(move |y| (run[i].1, y.1)))).collect();
    drop(runs);
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs.retain(|&(x, y)| {
        let (da, db) = (ctx.articles[quotes[x].article].date, ctx.articles[quotes[y].article].date);
        let close = da.zip(db).is_none_or(|(a, b)| (a - b).num_days().abs() <= window);
        let same = quotes[x].article == quotes[y].article && quotes[x].span == quotes[y].span;
        close && !same && !different_speakers(&quotes[x], &quotes[y])
    });
    let text = |q: &Quote| &ctx.articles[q.article].text[q.span.clone()];
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    let mut drift: BTreeMap<(usize, usize), Vec<(Change, String)>> = BTreeMap::new();
    // Pairs are compared in parallel, then joined in their (sorted) order.
    let compared: Vec<((usize, usize), Option<Changes>)> = pairs
        .into_par_iter()
        .map(|(x, y)| {
            let (qa, qb) = (&quotes[x], &quotes[y]);
            ((x, y), compare(text(qa), &qa.tokens, text(qb), &qb.tokens))
        })
        .collect();
    for ((x, y), changes) in compared {
        let Some(changes) = changes else { continue };
        let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
        parent[rx.max(ry)] = rx.min(ry);
        if !changes.is_empty() {
            drift.insert((x, y), changes);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for qi in 0..quotes.len() {
        let r = find(&mut parent, qi);
        groups.entry(r).or_default().push(qi);
    }
    // The changed pairs of each group, in pair order (one pass, not a search per group: an
    // archive has thousands of groups and of changed pairs).
    let mut drift_of: BTreeMap<usize, Vec<Drifted<'_>>> = BTreeMap::new();
    for (&pair, changes) in &drift {
        drift_of.entry(find(&mut parent, pair.0)).or_default().push((pair, changes));
    }
    // Each group's finding is rendered on its own, in parallel (an archive has thousands), and
    // collected in group order.
    let drifting: Vec<(&Vec<usize>, &[Drifted<'_>])> = groups
        .iter()
        .filter(|(_, m)| m.len() > 1)
        .filter_map(|(root, members)| Some((members, drift_of.get(root).map(Vec::as_slice).filter(|p| !p.is_empty())?)))
        .collect();
    out.findings = drifting
        .into_par_iter()
        .filter_map(|(members, pairs)| {
            let ((x, y), _) = pairs.first()?;
            let mut kinds: BTreeMap<Change, Vec<String>> = BTreeMap::new();
            for (_, changes) in pairs {
                for (c, w) in *changes {
                    kinds.entry(*c).or_default().push(w.clone());
                }
            }
            let described: Vec<String> = kinds
                .iter()
                .map(|(c, ws)| {
                    let example = ws.first().map(|w| format!(" (“{w}”)")).unwrap_or_default();
                    let unmarked = match c {
                        Change::Omission => "without an ellipsis",
                        Change::Insertion | Change::Substitution => "without brackets",
                    };
                    format!("{}{example} {unmarked}", c.name())
                })
                .collect();
            let articles: BTreeSet<usize> = members.iter().map(|&m| quotes[m].article).collect();
            let message = format!(
                "a quotation is rendered differently in {} article{}: {}",
                articles.len(),
                if articles.len() == 1 { "" } else { "s" },
                described.join("; ")
            );
            let ordered: Vec<usize> =
                std::iter::once(*x).chain(std::iter::once(*y)).chain(members.iter().copied().filter(|m| m != x && m != y)).collect();
            let evidence: Vec<Evidence> = ordered
                .iter()
                .map(|&m| {
                    let q = &quotes[m];
                    Evidence::new(&ctx.articles[q.article], q.span.clone(), q.span.clone()).with_note(format!("{} words", q.tokens.len()))
                })
                .collect();
            let mut evidence = evidence.into_iter();
            let primary = evidence.next()?;
            let related: Vec<Evidence> = evidence.collect();
            let diff = crate::dupes::word_diff(text(&quotes[*x]), text(&quotes[*y]))
                .into_iter()
                .map(|(tag, text)| DiffSegment { tag, text })
                .collect();
            let mut key: Vec<String> = members
                .iter()
                .map(|&m| {
                    let q = &quotes[m];
                    format!("{}:{:016x}", ctx.articles[q.article].path, crate::finding::fnv1a(text(q).to_lowercase().as_bytes()))
                })
                .collect();
            key.sort();
            let mut f = Finding::new(ID, ctx.rules.quote_drift.severity, None, message, primary, related, &key);
            f.diff = Some(diff);
            Some(f)
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(text: &str) -> Option<String> {
        let open = text.find(['“', '"']).unwrap_or(0);
        let start = open + text[open..].chars().next().map_or(1, char::len_utf8);
        let end = start + text[start..].find(['”', '"']).unwrap_or(0);
        speaker(text, &(start..end))
    }

    #[test]
    fn speakers_are_read_from_the_attribution() {
        assert_eq!(who("“We stand with Ukraine,” Biden said."), Some("Biden".into()));
        assert_eq!(who("“We stand with Ukraine,” said President Joe Biden."), Some("Biden".into()));
        assert_eq!(who("Stoltenberg told reporters: “Ukraine will become a member.”"), Some("Stoltenberg".into()));
        assert_eq!(who("Stoltenberg: “Ukraine will become a member.”"), Some("Stoltenberg".into()));
        assert_eq!(who("The war goes on. Zelenskyy said, vowing to “rebuild every city.”"), Some("Zelenskyy".into()));
        assert_eq!(who("“We will win,” he said."), None);
        assert_eq!(who("“We will win,” the minister said."), None);
        assert_eq!(who("He added: “We will win.”"), None);
        // Found by the seed corpus: the look-back must start on a character boundary.
        let long = format!("{} then Kuleba said “We will win.”", "é".repeat(101));
        let start = long.rfind('“').unwrap_or(0) + '“'.len_utf8();
        assert_eq!(speaker(&long, &(start..long.len() - '”'.len_utf8())), Some("Kuleba".into()));
    }

    fn cmp(a: &str, b: &str) -> Option<Vec<(Change, String)>> {
        compare(a, &tokenize(a), b, &tokenize(b))
    }

    #[test]
    fn unmarked_changes_are_named() {
        let c = cmp(
            "We will continue and further step up political and practical support",
            "We will continue and step up political and practical support",
        )
        .unwrap();
        assert_eq!(c, vec![(Change::Omission, "further".to_string())]);
        let c = cmp(
            "We will continue and further step up political and practical support",
            "We will continue and further step up military and practical support",
        )
        .unwrap();
        assert_eq!(c, vec![(Change::Substitution, "political → military".to_string())]);
    }

    #[test]
    fn marked_and_typographic_differences_are_not_changes() {
        assert_eq!(
            cmp(
                "We will continue and further step up political and practical support",
                "We will continue … step up political and practical support"
            ),
            Some(vec![])
        );
        assert_eq!(
            cmp("help rebuild the Ukrainian security and defence sector", "help rebuild the Ukrainian security and defense sector"),
            Some(vec![])
        );
        assert_eq!(
            cmp("they will step up political and practical support", "[NATO] will step up political and practical support"),
            Some(vec![])
        );
    }

    /// An ellipsis that stands for words next to a repeated phrase covers them, whichever copy
    /// of the phrase a diff pairs; without the ellipsis the omission is named.
    #[test]
    fn an_ellipsis_beside_a_repeated_phrase_covers_the_omission() {
        let full = "The American money buys Ukraine time, but time is only worth something if Europe uses it, and uses it quickly, to build the factories that Ukraine will need in 2026 and 2027,";
        let cut = "is only worth something if Europe uses it … to build the factories that [Kyiv] will need in 2026 and 2027";
        assert_eq!(cmp(full, cut), Some(vec![]));
        assert_eq!(cmp(full, &cut.replace(" … ", " … quickly, ")), Some(vec![]));
        let c = cmp(full, &cut.replace(" … ", " ")).unwrap();
        assert!(!c.is_empty() && c.iter().all(|(k, _)| *k == Change::Omission), "{c:?}");
    }

    #[test]
    fn a_word_changed_at_either_end_is_a_change() {
        assert_eq!(
            cmp("allies must be ready to rely on it for years, not months", "allies must be ready to rely on it for years, not weeks"),
            Some(vec![(Change::Substitution, "months → weeks".to_string())])
        );
        assert_eq!(
            cmp("We will keep supplying air defence to Ukraine", "You will keep supplying air defence to Ukraine"),
            Some(vec![(Change::Substitution, "We → You".to_string())])
        );
        // One rendering quoting more is a fragment, not a change.
        assert_eq!(
            cmp("allies must be ready to rely on it for years", "allies must be ready to rely on it for years, not months"),
            Some(vec![])
        );
    }

    #[test]
    fn fragments_and_different_statements() {
        assert_eq!(
            cmp(
                "remain steadfast in their commitment to further step up political support",
                "steadfast in their commitment to further step"
            ),
            Some(vec![])
        );
        assert_eq!(
            cmp(
                "as long as it takes to win the war in the east this year",
                "for as long as it takes, the minister said to reporters later"
            ),
            None
        );
    }
}
