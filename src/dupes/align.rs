//! Verification of candidate seeds and alignment of matched regions.
//!
//! A seed (equal k-gram hash in two places) is first checked word by word (hash
//! collisions are discarded), then extended forwards and backwards. Extension walks
//! equal words; at a mismatch it looks for the nearest re-synchronization point: a
//! skip of `dx ≤ 3` words in one text and `dy ≤ 3` in the other after which at least
//! `2` words agree again (a substitution is `(1,1)`, a deletion `(1,0)`). When no such
//! point exists the extension stops. The result is a list of equal *runs*.
//!
//! Runs picked up by chance at the edges ("of the" after a 3-word gap) are trimmed:
//! a trailing run reached through a gap must be at least 3 words and at least twice
//! the gap. Then end runs are dropped one at a time (whichever drop raises similarity
//! more) until the similarity threshold is met, and regions of the same pair that are
//! close on the same diagonal are merged when the merge keeps the threshold.
//!
//! The reported similarity is `2·M / (len_a + len_b)` where `M` is the number of equal
//! normalized words found by a Myers diff (`similar`) of the two regions (or by the
//! runs, whichever is larger; very long regions use the runs only so the cost stays
//! bounded and deterministic).

use super::candidates::{Candidates, Seed};
use super::fingerprint::Params;
use super::memo::{key_digests, pair_digest, Digest, Memo, PairMatch};
use super::normalize::{tokenize, Tokens};
use super::{DiffTag, DupesConfig};
use rayon::prelude::*;
use similar::{capture_diff_slices, capture_diff_slices_deadline, Algorithm, DiffOp};

/// Largest skip (in words, per side) bridged while extending.
const MAX_GAP: usize = 3;
/// Words that must agree after a skip for it to count as re-synchronization.
const RESYNC: usize = 2;
/// Regions of one pair at most this many words apart (per side) may be merged.
const MERGE_GAP: u32 = 12;
/// Above this many words (both sides together) the Myers diff is skipped.
const MYERS_LIMIT: usize = 6000;

/// A verified near-verbatim match between two word ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// First document.
    pub doc_a: u32,
    /// Second document (equal to `doc_a` for internal repetition).
    pub doc_b: u32,
    /// Word range in `doc_a`.
    pub a: (u32, u32),
    /// Word range in `doc_b`.
    pub b: (u32, u32),
    /// Word-level similarity, 0..=1.
    pub sim: f64,
}

/// A read-only view of a hash slice, walking forwards or backwards from an origin.
struct View<'a> {
    h: &'a [WordId],
    origin: usize,
    fwd: bool,
}

impl View<'_> {
    fn len(&self) -> usize {
        if self.fwd {
            self.h.len() - self.origin
        } else {
            self.origin
        }
    }
    fn at(&self, x: usize) -> WordId {
        if self.fwd {
            self.h[self.origin + x]
        } else {
            self.h[self.origin - 1 - x]
        }
    }
}

/// Equal run: (offset in a, offset in b, length), in view coordinates.
type Run = (usize, usize, usize);

/// Greedy gapped extension; returns runs in walking order, weak tail runs trimmed.
fn extend(va: &View<'_>, vb: &View<'_>) -> Vec<Run> {
    let (la, lb) = (va.len(), vb.len());
    let mut runs: Vec<Run> = Vec::new();
    let (mut x, mut y) = (0usize, 0usize);
    let mut cur: Option<(usize, usize)> = None;
    loop {
        if x < la && y < lb && va.at(x) == vb.at(y) {
            cur.get_or_insert((x, y));
            x += 1;
            y += 1;
            continue;
        }
        if let Some((sx, sy)) = cur.take() {
            runs.push((sx, sy, x - sx));
        }
        let mut found = None;
        'search: for tot in 1..=2 * MAX_GAP {
            for dx in 0..=tot.min(MAX_GAP) {
                let dy = tot - dx;
                if dy > MAX_GAP || x + dx + RESYNC > la || y + dy + RESYNC > lb {
                    continue;
                }
                if (0..RESYNC).all(|r| va.at(x + dx + r) == vb.at(y + dy + r)) {
                    found = Some((dx, dy));
                    break 'search;
                }
            }
        }
        match found {
            Some((dx, dy)) => {
                x += dx;
                y += dy;
            }
            None => break,
        }
    }
    // Trim weak tail runs reached through a gap.
    while let Some(&(rx, ry, len)) = runs.last() {
        let (px, py) = if runs.len() >= 2 {
            let p = runs[runs.len() - 2];
            (p.0 + p.2, p.1 + p.2)
        } else {
            (0, 0)
        };
        let gap = (rx - px).max(ry - py);
        if gap > 0 && (len < 3 || len < 2 * gap) {
            runs.pop();
        } else {
            break;
        }
    }
    runs
}

/// Absolute runs: (a start, b start, len), sorted.
type AbsRun = (u32, u32, u32);

fn bounds(runs: &[AbsRun]) -> (u32, u32, u32, u32) {
    let f = runs[0];
    let l = runs[runs.len() - 1];
    (f.0, l.0 + l.2, f.1, l.1 + l.2)
}

fn run_sim(runs: &[AbsRun]) -> f64 {
    let m: u32 = runs.iter().map(|r| r.2).sum();
    let (a0, a1, b0, b1) = bounds(runs);
    2.0 * f64::from(m) / f64::from((a1 - a0) + (b1 - b0))
}

/// Drop end runs until the run similarity reaches `thr` (or one run is left).
fn trim_to_threshold(runs: &mut Vec<AbsRun>, thr: f64) {
    while runs.len() > 1 && run_sim(runs) < thr {
        let s_first = run_sim(&runs[1..]);
        let s_last = run_sim(&runs[..runs.len() - 1]);
        if s_first > s_last {
            runs.remove(0);
        } else {
            runs.pop();
        }
    }
}

/// Extend one verified seed into a region (absolute runs).
fn region_from_seed(ta: &[WordId], tb: &[WordId], pa: usize, pb: usize) -> Vec<AbsRun> {
    let fwd = extend(&View { h: ta, origin: pa, fwd: true }, &View { h: tb, origin: pb, fwd: true });
    let bwd = extend(&View { h: ta, origin: pa, fwd: false }, &View { h: tb, origin: pb, fwd: false });
    let mut runs: Vec<AbsRun> = Vec::with_capacity(fwd.len() + bwd.len());
    for &(x, y, len) in bwd.iter().rev() {
        runs.push(((pa - x - len) as u32, (pb - y - len) as u32, len as u32));
    }
    for &(x, y, len) in &fwd {
        let r = ((pa + x) as u32, (pb + y) as u32, len as u32);
        match runs.last_mut() {
            // Backward and forward halves meet at the seed: join them.
            Some(last) if last.0 + last.2 == r.0 && last.1 + last.2 == r.1 => last.2 += r.2,
            _ => runs.push(r),
        }
    }
    runs
}

/// Similarity of two word-hash slices via a Myers diff (bounded size) or the runs.
fn region_sim(a: &[WordId], b: &[WordId], runs: &[AbsRun]) -> f64 {
    let by_runs = run_sim(runs);
    if a.len() + b.len() > MYERS_LIMIT {
        return by_runs;
    }
    by_runs.max(slice_sim(a, b))
}

/// `2·equal / (|a| + |b|)` from a Myers diff of two word-hash slices.
pub(crate) fn slice_sim<T: Eq + std::hash::Hash + Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let eq: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * eq as f64 / (a.len() + b.len()) as f64
}

/// Verify all seeds of one document pair.
pub(crate) fn verify_pair(ha: &[WordId], hb: &[WordId], seeds: &[Seed], p: Params, cfg: &DupesConfig) -> Vec<Match> {
    let same = seeds[0].doc_a == seeds[0].doc_b;
    let thr = cfg.similarity.clamp(0.0, 1.0);
    let mut regions: Vec<Vec<AbsRun>> = Vec::new();
    // Bounds of the regions that may still cover a seed: seeds come sorted by `pos_a`, so a
    // region ending at or before it covers no later seed (checking every region was quadratic).
    let mut active: Vec<(u32, u32, u32, u32)> = Vec::new();
    for s in seeds {
        let (pa, pb) = (s.pos_a as usize, s.pos_b as usize);
        if pa + p.k > ha.len() || pb + p.k > hb.len() || (same && pa + p.k > pb) {
            continue;
        }
        active.retain(|&(_, a1, _, _)| a1 > s.pos_a);
        let covered = active.iter().any(|&(a0, a1, b0, b1)| (a0..a1).contains(&s.pos_a) && (b0..b1).contains(&s.pos_b));
        if covered || ha[pa..pa + p.k] != hb[pb..pb + p.k] {
            continue;
        }
        let mut runs = region_from_seed(ha, hb, pa, pb);
        trim_to_threshold(&mut runs, thr);
        active.push(bounds(&runs));
        regions.push(runs);
    }
    regions.sort();
    regions.dedup();

    // Merge neighbours on (nearly) the same diagonal: a dropped clause longer than the
    // extension gap splits one copy into two regions.
    let mut merged: Vec<Vec<AbsRun>> = Vec::new();
    for r in regions {
        if let Some(cur) = merged.last_mut() {
            let (_, ca1, _, cb1) = bounds(cur);
            let (na0, _, nb0, _) = bounds(&r);
            if na0 >= ca1 && nb0 >= cb1 && na0 - ca1 <= MERGE_GAP && nb0 - cb1 <= MERGE_GAP {
                let mut both = cur.clone();
                both.extend_from_slice(&r);
                if run_sim(&both) >= thr {
                    *cur = both;
                    continue;
                }
            }
        }
        merged.push(r);
    }

    let mut out = Vec::new();
    for runs in merged {
        let (a0, a1, b0, b1) = bounds(&runs);
        let (la, lb) = ((a1 - a0) as usize, (b1 - b0) as usize);
        if la.min(lb) < cfg.min_words.max(1) || (same && a1 > b0) {
            continue;
        }
        let sim = region_sim(&ha[a0 as usize..a1 as usize], &hb[b0 as usize..b1 as usize], &runs);
        if sim + 1e-12 < thr {
            continue;
        }
        out.push(Match { doc_a: seeds[0].doc_a, doc_b: seeds[0].doc_b, a: (a0, a1), b: (b0, b1), sim: sim.min(1.0) });
    }
    out
}

/// A word as verification sees it: the top 32 bits of its normalized hash. Half the memory
/// of the full hash, so the words of every document taking part in a seed fit at once (4
/// bytes a word); two different words sharing 32 bits is about one pair in the vocabulary
/// of a whole archive, and costs at most one word of similarity.
pub(crate) type WordId = u32;

/// The words of a text as [`WordId`]s.
pub(crate) fn word_ids(text: &str) -> Vec<WordId> {
    tokenize(text).hashes.iter().map(|h| (h >> 32) as WordId).collect()
}

/// Verify every candidate pair in parallel. Only documents that occur in a seed are
/// tokenized, once each; their words are dropped before returning.
pub(crate) fn verify_all(docs: &[super::Doc<'_>], cands: &Candidates, p: Params, cfg: &DupesConfig) -> Vec<Match> {
    verify_pairs(docs, cands, p, cfg, vec![None; cands.pairs.len()])
}

/// Verify the candidate pairs with no result in `found` (`found[i]`: the result of pair `i`
/// in an earlier run's memo). Matches come in pair order either way.
fn verify_pairs(docs: &[super::Doc<'_>], cands: &Candidates, p: Params, cfg: &DupesConfig, found: Vec<Option<&[PairMatch]>>) -> Vec<Match> {
    let mut needed = vec![false; docs.len()];
    for (r, f) in cands.pairs.iter().zip(&found) {
        if f.is_none() {
            let s = cands.seeds[r.start];
            needed[s.doc_a as usize] = true;
            needed[s.doc_b as usize] = true;
        }
    }
    let words: Vec<Option<Vec<WordId>>> = docs.par_iter().zip(needed).map(|(d, n)| n.then(|| word_ids(d.text))).collect();
    cands
        .pairs
        .par_iter()
        .zip(found)
        .flat_map_iter(|(r, f)| {
            let seeds = &cands.seeds[r.clone()];
            let (da, db) = (seeds[0].doc_a, seeds[0].doc_b);
            match (f, &words[da as usize], &words[db as usize]) {
                (Some(ms), _, _) => ms.iter().map(|m| Match { doc_a: da, doc_b: db, a: m.a, b: m.b, sim: m.sim }).collect(),
                (None, Some(ha), Some(hb)) => verify_pair(ha, hb, seeds, p, cfg),
                _ => Vec::new(),
            }
        })
        .collect()
}

/// A pair's digest with its matches and its documents: one entry of a memo.
pub(crate) type PairEntry = (Digest, Vec<PairMatch>, (u32, u32));

/// [`verify_all`] reusing an earlier run's results: a pair whose digest (both documents' keys
/// and the seeds) is in `memo` is not verified again. Returns the matches and every pair's
/// digest with its matches, the memo entries of this run.
pub(crate) fn verify_reusing(
    docs: &[super::Doc<'_>],
    cands: &Candidates,
    p: Params,
    cfg: &DupesConfig,
    keys: &[String],
    memo: Option<&Memo>,
) -> (Vec<Match>, Vec<PairEntry>, usize) {
    let (keys, none) = (key_digests(keys), super::memo::digest(b""));
    let key = |d: u32| keys.get(d as usize).unwrap_or(&none);
    let digests: Vec<Digest> = cands
        .pairs
        .par_iter()
        .map_init(Vec::new, |buf, r| {
            let seeds = &cands.seeds[r.clone()];
            pair_digest(key(seeds[0].doc_a), key(seeds[0].doc_b), seeds, buf)
        })
        .collect();
    let found = match memo {
        Some(m) => m.pairs_of(&digests),
        None => vec![None; digests.len()],
    };
    let reused = found.iter().filter(|f| f.is_some()).count();
    let matches = verify_pairs(docs, cands, p, cfg, found);
    // Matches come in pair order, and a pair is one (doc_a, doc_b): walk both together.
    let mut made = Vec::with_capacity(digests.len());
    let mut next = 0;
    for (r, d) in cands.pairs.iter().zip(digests) {
        let s = cands.seeds[r.start];
        let mut ms = Vec::new();
        while next < matches.len() && (matches[next].doc_a, matches[next].doc_b) == (s.doc_a, s.doc_b) {
            let m = &matches[next];
            ms.push(PairMatch { a: m.a, b: m.b, sim: m.sim });
            next += 1;
        }
        made.push((d, ms, (s.doc_a, s.doc_b)));
    }
    (matches, made, reused)
}

/// The matches and memo entries of the pairs found again (`matches`, `made`, in pair order) with
/// the earlier run's pairs carried over (`kept`: memo entries by their documents, sorted, none
/// of them among the pairs found again), all in pair order.
pub(crate) fn merge_kept(matches: Vec<Match>, made: Vec<PairEntry>, kept: &[(u32, u32, u32)], memo: &Memo) -> (Vec<Match>, Vec<PairEntry>) {
    let mut all_matches = Vec::with_capacity(matches.len() + kept.len() / 8);
    let mut all_made = Vec::with_capacity(made.len() + kept.len());
    let mut fresh = matches.into_iter().peekable();
    let mut carry = |all_matches: &mut Vec<Match>, (a, b): (u32, u32)| {
        while let Some(m) = fresh.next_if(|m| (m.doc_a, m.doc_b) <= (a, b)) {
            all_matches.push(m);
        }
    };
    let mut made = made.into_iter().peekable();
    for &(a, b, i) in kept {
        carry(&mut all_matches, (a, b));
        while let Some(e) = made.next_if(|e| e.2 < (a, b)) {
            all_made.push(e);
        }
        let Some((d, ms)) = memo.entry(i) else { continue };
        all_matches.extend(ms.iter().map(|m| Match { doc_a: a, doc_b: b, a: m.a, b: m.b, sim: m.sim }));
        all_made.push((d, ms.to_vec(), (a, b)));
    }
    carry(&mut all_matches, (u32::MAX, u32::MAX));
    all_made.extend(made);
    (all_matches, all_made)
}

/// Documents whose full tokens (spans, quote flags, hashes: about 21 bytes a word) are held
/// at once while grouping.
pub(crate) const CHUNK_DOCS: usize = 8_192;

/// Display diff; see [`super::word_diff`].
pub fn word_diff(a: &str, b: &str) -> Vec<(DiffTag, String)> {
    // The spans were just found in these texts, so they fit.
    diff_text_checked(a, b, &word_diff_spans(a, b)).unwrap_or_default()
}

/// The segments of [`word_diff`] as byte ranges of its words: in `a` for `Equal` and `Delete`
/// segments, in `b` for `Insert` ones. Kept in the near-verbatim memo, so a re-check shows a
/// reused group's diff without tokenizing its passages again.
pub fn word_diff_spans(a: &str, b: &str) -> DiffSpans {
    let (ta, tb) = (tokenize(a), tokenize(b));
    // Display only: a deadline bounds pathological inputs (the result is then a
    // coarser but still valid diff).
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ta.hashes, &tb.hashes, Some(deadline));
    let range = |t: &Tokens, i: usize, n: usize| (t.spans[i].0, t.spans[i + n - 1].1);
    let mut out = DiffSpans::default();
    let mut push = |tag: DiffTag, r: (u32, u32)| {
        match out.segments.last_mut() {
            Some((t, n)) if *t == tag => *n += 1,
            _ => out.segments.push((tag, 1)),
        }
        out.ranges.push(r);
    };
    for op in ops {
        match op {
            DiffOp::Equal { old_index, len, .. } => push(DiffTag::Equal, range(&ta, old_index, len)),
            DiffOp::Delete { old_index, old_len, .. } => push(DiffTag::Delete, range(&ta, old_index, old_len)),
            DiffOp::Insert { new_index, new_len, .. } => push(DiffTag::Insert, range(&tb, new_index, new_len)),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                push(DiffTag::Delete, range(&ta, old_index, old_len));
                push(DiffTag::Insert, range(&tb, new_index, new_len));
            }
        }
    }
    out
}

/// A word diff as byte ranges ([`word_diff_spans`]): each segment's tag and how many of the
/// ranges that follow are its words (consecutive operations with one tag make one segment,
/// their texts joined by a space). Two flat lists, not a list per segment: the memo keeps one
/// for every group of an archive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiffSpans {
    /// Tag and number of ranges of each segment.
    pub segments: Vec<(DiffTag, u32)>,
    /// The ranges of all segments, in order.
    pub ranges: Vec<(u32, u32)>,
}

/// The texts of `spans` (from [`word_diff_spans`] of `a` and `b`); `None` when a range is not
/// in its text or the segments do not account for the ranges (spans kept for other texts).
pub fn diff_text_checked(a: &str, b: &str, spans: &DiffSpans) -> Option<Vec<(DiffTag, String)>> {
    let mut ranges = spans.ranges.iter();
    let out = spans
        .segments
        .iter()
        .map(|&(tag, n)| {
            let src = if tag == DiffTag::Insert { b } else { a };
            let mut text = String::new();
            for i in 0..n {
                let &(s, e) = ranges.next()?;
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(src.get(s as usize..e as usize)?);
            }
            Some((tag, text))
        })
        .collect::<Option<Vec<_>>>()?;
    ranges.next().is_none().then_some(out)
}
