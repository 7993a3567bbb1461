//! Near-verbatim passage detection ("dupes"): finds passages that were copied with
//! light edits (syndicated wire copy, pasted press releases, a paragraph repeated
//! inside one article) and reports them at passage level with exact byte spans.
//!
//! # Pipeline
//! 1. **Tokens** ([`normalize`]): words with byte spans; case, punctuation, quote
//!    style, dashes, whitespace/line breaks are ignored; British spellings are mapped
//!    to American ones by a small table plus suffix rules (`-our`, `-ise`, `-tre`,
//!    `-lled`, `-logue`; see [`normalize::canonical_spelling`]).
//! 2. **Fingerprints** ([`fingerprint()`], per document, in parallel): winnowing of
//!    hashed word 4-grams (Schleimer et al.'s idea, own implementation). With the
//!    default `min_words = 30` the window is 4, which *guarantees* that any exact
//!    shared run of 7 normalized words produces a common fingerprint; a 30-word passage
//!    with ≤ 3 isolated edits always contains such a run (30 − 3 words in ≤ 4 runs).
//!    Whole short lines and the configured boilerplate phrases are hashed/located too.
//! 3. **Candidates** ([`candidates`]): one global sort of `(hash, doc, pos)`; hashes
//!    whose document frequency reaches `boilerplate_min_docs` are *not* used as seeds
//!    (template wording, stock phrases) but feed boilerplate detection. Each remaining
//!    hash pairs every occurrence with its next two occurrences only (a chain, not all
//!    pairs), so the seed count is linear in the number of fingerprints; clustering
//!    later restores transitivity. Documents are never compared all-pairs.
//! 4. **Verification** ([`align`]): each seed is checked word-by-word, then extended
//!    in both directions allowing gaps of up to 3 words per side (substitutions,
//!    deletions, insertions) that must be followed by 2 re-synchronizing words; weak
//!    trailing fragments are trimmed, ends are trimmed until the similarity reaches the
//!    threshold, nearby regions on the same pair are merged. Similarity is
//!    `2·matches / (len_a + len_b)` over normalized words (Myers diff via `similar`).
//!    A pair is kept when both sides have ≥ `min_words` words and similarity ≥
//!    `similarity`. Spans map back to byte offsets of the first/last word.
//! 5. **Grouping and classification** ([`classify`]): union-find over passage
//!    instances (edges = verified pairs; same-doc instances overlapping by ≥ 50 % of the
//!    longer are one node), so N documents sharing a passage form ONE group.
//!    `Boilerplate` = a list repeated inside one article (a live blog's "Key points" box,
//!    every line a list item), a configured phrase, a short line shared by ≥
//!    `boilerplate_min_docs` documents, a ≥ `min_words` run of fingerprints that all have
//!    that document frequency, or any group spanning that many documents. Else
//!    `SharedQuotation` when every passage is quoted (≥ 80 % of its words inside
//!    quotation marks or a Markdown blockquote, so a quote whose first word sits outside the
//!    marks still counts),
//!    else `CopiedProse`.
//!
//! 6. **Reuse** ([`memo`], with the cache): steps 4 and 5 are pure functions of a pair's
//!    (a group's) documents and seeds (instances); their results are kept under a digest of
//!    those inputs, and a later run verifies and groups only what it does not find there. A
//!    group keeps what showing it takes too ([`Rendered`]: passage word hashes, the word diff),
//!    so a reused group is shown without tokenizing its passages again. The
//!    memo also carries a filter of the hashes that occurred at least twice and the article
//!    contents of the run ([`shared`]), so a re-check indexes in step 3 only the fingerprints
//!    that can seed (with one article changed, 12% of them on generated news), with the same
//!    candidates. With a few articles changed and their earlier fingerprints at hand, step 3
//!    is not run at all: the memo's pairs (kept by their documents) are carried over and only
//!    the pairs a changed article's hashes reach get their seeds again ([`delta`]), again with
//!    the same candidates.
//!
//! Cost: tokenizing and winnowing are linear; the global sort is `n log n` on small
//! integers; verification work is proportional to seeds plus matched words.
//! Output is sorted and independent of thread count.
//!
//! # Decisions (seed texts)
//! * `min_words` stays 30 by default: the seeds' genuine shared passages are short
//!   (000↔001 communiqué quote: 20 words incl. the lead-in "to"; 003's repeated
//!   gratitude lead: 13 words), while stock phrases shared by the seeds reach 10–13
//!   words ("on a broad range of issues, including … energy security, innovation",
//!   "a meeting with Ukrainian Foreign Minister Dmytro Kuleba in Brussels"). With
//!   `min_words = 15` the communiqué quote is the only group (a `SharedQuotation`);
//!   with 12 the 003 repetition and a 13-word 000↔002 quote also appear.
//! * Rewording (seed 004 paraphrasing seed 001) is **not** reported: this module is
//!   for near-verbatim copies; paraphrase shares only short runs (≤ 6 words), far
//!   below any reasonable `min_words`, and reporting it would need semantic similarity.
//! * `boilerplate_min_docs` is an absolute document count (default 20), so small
//!   corpora never classify by frequency, only by configured phrases.

pub mod align;
pub mod candidates;
pub mod classify;
pub mod delta;
pub mod fingerprint;
pub mod memo;
pub mod normalize;
pub mod shared;

#[cfg(test)]
mod tests;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::ops::Range;

pub use delta::Before;
pub use fingerprint::{fingerprint, DocPrints};
pub use memo::{Memo, Reused};

/// Settings (these come from the user's rules/config: `[near-verbatim]` table).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct DupesConfig {
    /// Shorter matched passages are not reported (default 30 words).
    pub min_words: usize,
    /// Minimum word-level similarity of the two passages after normalization (default 0.85).
    pub similarity: f64,
    /// Phrases the user declares boilerplate ("For corrections please email", ...).
    pub boilerplate: Vec<String>,
    /// A passage (or short line) shared by at least this many documents is boilerplate;
    /// fingerprints that frequent are not used to seed candidates (default 20).
    pub boilerplate_min_docs: usize,
    /// Measure the similarity of boilerplate groups (only shown when they are reported; with
    /// `false` a boilerplate group's `similarity` covers its verified pairs only).
    pub measure_boilerplate: bool,
}

impl Default for DupesConfig {
    fn default() -> Self {
        DupesConfig {
            min_words: 30,
            similarity: 0.85,
            boilerplate: vec!["For corrections please email".to_string(), "Advertisement • Scroll to continue.".to_string()],
            boilerplate_min_docs: 20,
            measure_boilerplate: true,
        }
    }
}

/// One document to compare: its text (the article body; spans index into it).
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// The article body.
    pub text: &'a str,
}

/// One side of a near-verbatim match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Index into the `docs` slice.
    pub doc: usize,
    /// Byte span in that doc's text, starting and ending on word boundaries.
    pub span: Range<usize>,
    /// Length in words.
    pub words: usize,
    /// The matched words lie inside quotation marks (≥ 80 % of them).
    pub quoted: bool,
}

/// What a group of copies is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PassageKind {
    /// Every passage is inside quotation marks: outlets quoting the same statement.
    SharedQuotation,
    /// Unquoted (or partly quoted) copied text.
    CopiedProse,
    /// Configured boilerplate or text recurring in many documents.
    Boilerplate,
}

/// A group of ≥2 passages (possibly two in the same doc: internal repetition) that
/// are near-verbatim copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// `SharedQuotation` if quoted on ALL sides, `Boilerplate` per config/frequency, else `CopiedProse`.
    pub kind: PassageKind,
    /// Sorted by (doc, span.start).
    pub passages: Vec<Passage>,
    /// The lowest similarity over the verified pairs that connect the group, 0..=1.
    pub similarity: f64,
    /// What showing the group takes beyond its passages, found with the group (none for
    /// boilerplate, seldom shown) and kept with it in the memo.
    #[serde(skip)]
    pub rendered: Option<Rendered>,
}

/// What a near-verbatim finding shows beyond a group's passages, computed once with the group:
/// a re-check that reuses the group reuses this too instead of tokenizing every passage again
/// (100k articles: about two thirds of rendering the findings).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rendered {
    /// Each passage's [`crate::finding::words_fnv1a`], in passage order.
    pub words: Vec<u64>,
    /// The word diff of the first two passages ([`align::word_diff_spans`]).
    pub diff: align::DiffSpans,
}

impl Rendered {
    /// Of `passages` in `docs`.
    pub(crate) fn of(docs: &[Doc<'_>], passages: &[Passage]) -> Rendered {
        let text = |p: &Passage| docs.get(p.doc).and_then(|d| d.text.get(p.span.clone())).unwrap_or("");
        let words = passages.iter().map(|p| crate::finding::words_fnv1a(text(p))).collect();
        let diff = match passages {
            [p, q, ..] => align::word_diff_spans(text(p), text(q)),
            _ => align::DiffSpans::default(),
        };
        Rendered { words, diff }
    }
}

/// Tag of one segment of a [`word_diff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiffTag {
    /// Present in both passages.
    Equal,
    /// Only in the first passage.
    Delete,
    /// Only in the second passage.
    Insert,
}

/// Candidate generation + verification + span alignment + grouping + classification.
///
/// `prints[i]` must be `fingerprint(docs[i].text, cfg)` computed with the same config
/// (documents whose prints were made with other parameters are re-fingerprinted). The prints
/// are taken by value and freed as soon as the candidate pairs are known: with short
/// `min_words` they hold an entry for nearly every word of the corpus.
pub fn find_groups_from(docs: &[Doc<'_>], prints: Vec<DocPrints>, cfg: &DupesConfig) -> Vec<Group> {
    find_groups_reusing(docs, prints, cfg, None).0
}

/// What [`find_groups_reusing`] needs to reuse an earlier run's work.
pub struct Reuse<'a> {
    /// Every document's cache key (its text, the rules, these settings and the tool version).
    pub keys: &'a [String],
    /// The memo an earlier run made, if any.
    pub memo: Option<&'a Memo>,
    /// The earlier fingerprints of the documents that changed since (as many as are at hand):
    /// with them the candidates are a delta of the earlier run's ([`delta`]).
    pub before: &'a [Before],
}

/// [`find_groups_from`], reusing the pair verifications and groups of `reuse.memo` whose inputs
/// are unchanged (see [`memo`]); the result is the same as without it. With `reuse`, also
/// returns the memo of this run (for the next) and how much was reused.
pub fn find_groups_reusing(
    docs: &[Doc<'_>],
    mut prints: Vec<DocPrints>,
    cfg: &DupesConfig,
    reuse: Option<Reuse<'_>>,
) -> (Vec<Group>, Option<(Memo, Reused)>) {
    let n = docs.len().min(prints.len());
    prints.truncate(n);
    let params = fingerprint::Params::from_config(cfg);
    // Guard against stale caches: parameters are part of the prints.
    prints.par_iter_mut().enumerate().for_each(|(i, p)| {
        if p.k as usize != params.k || p.w as usize != params.w {
            *p = fingerprint(docs[i].text, cfg);
        } else if !p.prints.is_sorted() {
            // From a cache written before prints were sorted.
            p.prints.sort_unstable();
        }
    });
    let refs: Vec<&DocPrints> = prints.iter().collect();
    let census = reuse.as_ref().map(|r| shared::census(&r.keys[..n.min(r.keys.len())]));
    // A few articles changed since the memo's run: its pairs carried over, the index not built.
    let mut delta =
        reuse.as_ref().zip(census.as_ref()).and_then(|(r, (digests, _))| delta::candidates(r.memo?, digests, &refs, r.before, cfg, params));
    let (cands, shared, indexed_whole) = match delta.as_mut() {
        Some(d) => (std::mem::take(&mut d.cands), None, d.changed),
        None => {
            // With the earlier run's marks only the fingerprints that can seed are indexed ([`shared`]).
            let known = reuse.as_ref().zip(census.as_ref()).and_then(|(r, (digests, counts))| r.memo?.marks.known(digests, counts, &refs));
            let indexed_whole = known.as_ref().map_or(n, |k| k.whole_docs);
            let (cands, shared) = candidates::collect_with(&refs, cfg, known.as_ref(), reuse.is_some());
            (cands, shared, indexed_whole)
        }
    };
    let boiler = classify::boilerplate_instances(&refs, &cands, cfg, params);
    let n_words: Vec<u32> = prints.iter().map(|p| p.n_words).collect();
    drop(refs);
    drop(prints);
    // Trimming the heap pays for a corpus's fingerprints; for a handful of documents (a review
    // aligns its article with each of a few dozen others) it would cost a walk of the whole
    // heap of the process every time. A delta held only the fingerprints the filter let through
    // (an eighth): its peak is far below a full run's, and the pages a trim gives back are
    // asked for again at once by the stages after it.
    let trim = n >= RELEASE_MIN_DOCS && delta.is_none();
    let release = || {
        if trim {
            crate::memory::release_freed();
        }
    };
    release();
    let Some(reuse) = reuse else {
        let matches = align::verify_all(&docs[..n], &cands, params, cfg);
        drop(cands);
        release();
        return (classify::build_groups(&docs[..n], &n_words, boiler, matches, cfg, None), None);
    };
    let frequent: Vec<u32> = cands.frequent.iter().map(|e| e.0).collect();
    let (mut matches, mut pairs_made, mut pairs_reused) = align::verify_reusing(&docs[..n], &cands, params, cfg, reuse.keys, reuse.memo);
    drop(cands);
    let (digests, counts) = census.unwrap_or_default();
    let mut filter = shared.unwrap_or_default();
    if let (Some(d), Some(memo)) = (&delta, reuse.memo) {
        // The pairs carried over join those found again, in pair order.
        (matches, pairs_made) = align::merge_kept(matches, pairs_made, &d.kept, memo);
        pairs_reused += d.kept.len();
        filter = memo.marks.filter.clone();
        for &h in &d.shared {
            shared::mark(&mut filter, h);
        }
    }
    let marks = shared::SharedMarks { docs: counts, filter };
    let mut stats = Reused {
        pairs: pairs_reused,
        pairs_computed: pairs_made.len() - pairs_reused,
        indexed_whole,
        documents: n,
        delta: delta.is_some(),
        ..Reused::default()
    };
    release();
    let mut g = classify::GroupReuse { keys: reuse.keys, memo: reuse.memo, made: Vec::new(), reused: 0, computed: 0 };
    let groups = classify::build_groups(&docs[..n], &n_words, boiler, matches, cfg, Some(&mut g));
    stats.groups = g.reused;
    stats.groups_computed = g.computed;
    (groups, Some((Memo::from_entries(pairs_made, g.made, marks, digests, frequent), stats)))
}

/// Fewest documents for which [`find_groups_reusing`] returns freed memory to the system.
const RELEASE_MIN_DOCS: usize = 1000;

/// Convenience: fingerprint all docs in parallel, then [`find_groups_from`].
pub fn find_groups(docs: &[Doc<'_>], cfg: &DupesConfig) -> Vec<Group> {
    find_groups_from(docs, fingerprint_all(docs, cfg), cfg)
}

/// Fingerprint all docs in parallel.
pub fn fingerprint_all(docs: &[Doc<'_>], cfg: &DupesConfig) -> Vec<DocPrints> {
    docs.par_iter().map(|d| fingerprint(d.text, cfg)).collect()
}

/// Word-level diff of two passages for display: a sequence of (Equal|Delete|Insert, text)
/// segments. Words are compared normalized; the text shown is the original (for Equal
/// segments, the first passage's wording).
pub fn word_diff(a: &str, b: &str) -> Vec<(DiffTag, String)> {
    align::word_diff(a, b)
}

/// The segments of a [`Rendered`] diff as text of `a` and `b` (the first two passages it was
/// found for); `None` when a range lies outside its passage.
pub fn diff_text(a: &str, b: &str, spans: &align::DiffSpans) -> Option<Vec<(DiffTag, String)>> {
    align::diff_text_checked(a, b, spans)
}
