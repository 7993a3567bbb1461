//! A re-check's candidates when a few articles changed: the earlier run's pairs carried over,
//! the index not built.
//!
//! The full index ([`super::candidates`]) sorts every shareable fingerprint of the corpus to find
//! the candidate pairs, and the memo then recognises most pairs as verified before: at 100k
//! articles with one changed, a second of work to learn that one article's pairs changed. This
//! module finds the same candidates from the earlier run's memo and the fingerprints of the
//! changed articles before and after.
//!
//! **Which pairs can change.** A pair's seeds come from the hashes both of its documents hold,
//! each hash pairing every occurrence with its next two in (document, position) order. Let `H`
//! be the hashes of the changed documents, before and after. A hash outside `H` occurs in the
//! same places as before, so it gives the same seeds and is as frequent as before. So a pair
//! that has no seed from a hash of `H`, before or after, has the seeds it had, hence the same
//! verification (the memo's entry for it). The pairs that do — every pair of a changed
//! document, and pairs of unchanged documents that a changed one separated or joined in a
//! hash's chain — are the set `P`. Each pair of `P` gets all its seeds again: from the hashes of
//! `H` (their occurrences found by one scan of the loaded fingerprints), and from the other
//! hashes its two documents share (a second scan), each hash's chain taken whole, as the index
//! takes it.
//!
//! **Frequent fingerprints** (boilerplate) are those of the hashes of `H` frequent now, and of
//! the earlier run's frequent hashes outside `H`, found by the first scan.
//!
//! **What the scans see.** The fingerprints in memory are those the earlier run's marks let
//! through ([`super::shared`]): every occurrence of a hash that occurs at least twice, before or
//! now. A hash occurring once seeds nothing and is frequent nowhere, so nothing is missed.
//!
//! The delta is tried when the documents are the earlier run's, in the same order, with at
//! most [`MAX_CHANGED`] of them changed and each one's earlier fingerprints at hand; otherwise
//! the index is built whole. Tests compare both on random corpora with random edits.

use super::candidates::{finish, scan, Candidates, Entry, Seed};
use super::fingerprint::{DocPrints, Params};
use super::memo::{digest, Digest, Memo};
use super::shared::HashSet32;
use super::DupesConfig;
use rayon::prelude::*;

/// Most changed documents a delta is tried for; more and the index is built whole.
pub const MAX_CHANGED: usize = 64;

/// A changed document's fingerprints as the earlier run had them.
#[derive(Debug, Clone)]
pub struct Before {
    /// The document's index in this run.
    pub doc: usize,
    /// Its cache key in the earlier run.
    pub key: String,
    /// Its fingerprints then (all of them).
    pub prints: DocPrints,
}

/// The candidates of a re-check, as a delta of the earlier run's.
#[derive(Debug)]
pub(crate) struct Delta {
    /// Seeds of the pairs in `P` (see the module doc), and every frequent occurrence.
    pub cands: Candidates,
    /// The memo's pairs carried over: (first document, second document, memo entry), sorted.
    pub kept: Vec<(u32, u32, u32)>,
    /// Hashes of the changed documents that now occur at least twice (for the next run's marks).
    pub shared: Vec<u32>,
    /// How many documents changed.
    pub changed: usize,
}

/// The occurrences `(hash, doc, pos)` of the hashes of `set` in the documents not `skipped`,
/// sorted.
fn occurrences(prints: &[&DocPrints], skipped: &[usize], set: &HashSet32) -> Vec<Entry> {
    let mut v: Vec<Entry> = prints
        .par_iter()
        .enumerate()
        .filter(|(d, _)| skipped.binary_search(d).is_err())
        .flat_map_iter(|(d, p)| p.prints.iter().filter(|x| set.contains(x.0)).map(move |&(h, pos)| (h, d as u32, pos)))
        .collect();
    v.par_sort_unstable();
    v
}

/// The entries of document `d`'s prints whose hash `set` holds.
fn entries_of(d: usize, p: &DocPrints) -> impl Iterator<Item = Entry> + '_ {
    p.prints.iter().map(move |&(h, pos)| (h, d as u32, pos))
}

/// The hashes two documents share (one document: the hashes it holds twice), sorted, appended
/// to `out`.
fn shared_hashes(a: &DocPrints, b: &DocPrints, same: bool, out: &mut Vec<u32>) {
    if same {
        out.extend(a.prints.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[0].0));
        return;
    }
    let (mut i, mut j) = (0, 0);
    while i < a.prints.len() && j < b.prints.len() {
        let (x, y) = (a.prints[i].0, b.prints[j].0);
        if x < y {
            i += 1;
        } else if y < x {
            j += 1;
        } else {
            out.push(x);
            i += 1;
            j += 1;
        }
    }
}

/// The candidates of this run as a delta of `memo`'s run (see the module doc); `None` when the
/// index must be built whole. `digests` are this run's documents' key digests, `prints` their
/// loaded fingerprints, `before` the changed documents' earlier fingerprints.
pub(crate) fn candidates(
    memo: &Memo,
    digests: &[Digest],
    prints: &[&DocPrints],
    before: &[Before],
    cfg: &DupesConfig,
    params: Params,
) -> Option<Delta> {
    let n = prints.len();
    if memo.order().len() != n || digests.len() != n || memo.marks.filter.is_empty() {
        return None;
    }
    let changed: Vec<usize> = (0..n).filter(|&d| digests[d] != memo.order()[d]).collect();
    if changed.len() > MAX_CHANGED {
        return None;
    }
    let fits = |p: &DocPrints| p.k as usize == params.k && p.w as usize == params.w;
    let mut old: Vec<&DocPrints> = Vec::with_capacity(changed.len());
    for &d in &changed {
        let b = before.iter().find(|b| b.doc == d && digest(b.key.as_bytes()) == memo.order()[d])?;
        if !fits(&b.prints) || !fits(prints[d]) {
            return None;
        }
        old.push(&b.prints);
    }
    let cap = cfg.boilerplate_min_docs.max(2);
    // H: every hash of the changed documents, before and after.
    let h: Vec<u32> = changed.iter().map(|&d| prints[d]).chain(old.iter().copied()).flat_map(|p| p.prints.iter().map(|x| x.0)).collect();
    let h = HashSet32::new(h);
    // One scan for H and the earlier frequent hashes.
    let mut probe = h.sorted().to_vec();
    probe.extend_from_slice(memo.frequent());
    let found = occurrences(prints, &changed, &HashSet32::new(probe));
    let (in_h, in_f): (Vec<Entry>, Vec<Entry>) = found.into_iter().partition(|e| h.contains(e.0));
    let chains = |changed_entries: Vec<Entry>| {
        let mut v = in_h.clone();
        v.extend(changed_entries);
        v.par_sort_unstable();
        let (mut seeds, mut frequent) = (Vec::new(), Vec::new());
        scan(&v, cap, &mut seeds, &mut frequent);
        (v, seeds, frequent)
    };
    let (_, seeds_before, _) = chains(changed.iter().zip(&old).flat_map(|(&d, p)| entries_of(d, p)).collect());
    let (now, seeds_now, frequent_now) = chains(changed.iter().flat_map(|&d| entries_of(d, prints[d])).collect());
    let shared: Vec<u32> = now.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() >= 2).map(|run| run[0].0).collect();
    drop(now);
    // P: the pairs a hash of H seeded, before or now.
    let mut p: Vec<(u32, u32)> = seeds_before.iter().chain(&seeds_now).map(|s| (s.doc_a, s.doc_b)).collect();
    p.par_sort_unstable();
    p.dedup();
    drop(seeds_before);
    // The other hashes the pairs of P share, and their chains.
    let mut others: Vec<u32> = p
        .par_iter()
        .fold(Vec::new, |mut out, &(a, b)| {
            shared_hashes(prints[a as usize], prints[b as usize], a == b, &mut out);
            out
        })
        .flatten()
        .filter(|&x| !h.contains(x))
        .collect();
    others.par_sort_unstable();
    others.dedup();
    let mut seeds: Vec<Seed> = seeds_now;
    if !others.is_empty() {
        let entries = occurrences(prints, &changed, &HashSet32::new(others));
        let (mut more, mut frequent) = (Vec::new(), Vec::new());
        scan(&entries, cap, &mut more, &mut frequent);
        seeds.extend(more.into_iter().filter(|s| p.binary_search(&(s.doc_a, s.doc_b)).is_ok()));
    }
    // Frequent: H's now, and the earlier ones outside H (as frequent as before).
    let mut frequent = frequent_now;
    frequent.extend(in_f);
    let kept: Vec<(u32, u32, u32)> = memo
        .pair_docs()
        .iter()
        .filter(|e| {
            p.binary_search(&(e.0, e.1)).is_err()
                && changed.binary_search(&(e.0 as usize)).is_err()
                && changed.binary_search(&(e.1 as usize)).is_err()
        })
        .copied()
        .collect();
    Some(Delta { cands: finish(seeds, frequent), kept, shared, changed: changed.len() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dupes::shared::tests::{corpus, edit, filler, Rng};
    use crate::dupes::shared::PrintPlan;
    use crate::dupes::{find_groups, find_groups_reusing, fingerprint, Doc, Group, Reuse, Reused};

    fn keys_of(texts: &[String]) -> Vec<String> {
        texts.iter().map(|t| crate::cache::key(t, "test")).collect()
    }

    /// A re-check as `check` makes it: the fingerprints of the documents the memo's plan filters
    /// read through its filter, the changed documents' earlier fingerprints at hand when
    /// `before` is given.
    fn recheck(texts: &[String], cfg: &DupesConfig, memo: Option<&Memo>, before: &[Before]) -> (Vec<Group>, Memo, Reused) {
        let docs: Vec<Doc<'_>> = texts.iter().map(|t| Doc { text: t }).collect();
        let keys = keys_of(texts);
        let mut prints: Vec<DocPrints> = texts.iter().map(|t| fingerprint(t, cfg)).collect();
        if let Some((memo, plan)) = memo.and_then(|m| Some((m, PrintPlan::of(m, &keys)?))) {
            let filtered: Vec<bool> = (0..prints.len()).map(|d| plan.is_filtered(d)).collect();
            let whole: Vec<DocPrints> = prints.iter().zip(&filtered).filter(|(_, f)| !**f).map(|(p, _)| p.clone()).collect();
            let filter = plan.filter(memo, cfg, whole.iter()).expect("same parameters");
            for (p, f) in prints.iter_mut().zip(&filtered) {
                if *f {
                    *p = DocPrints::from_bytes_keeping(&p.to_bytes(), |h| filter.keeps(h)).expect("round trip");
                }
            }
        }
        let (groups, made) = find_groups_reusing(&docs, prints, cfg, Some(Reuse { keys: &keys, memo, before }));
        let (memo, reused) = made.expect("a memo with reuse");
        (groups, memo, reused)
    }

    /// After edits of a few articles, an article becoming a copy of another, a passage copied
    /// into one, one repeated inside itself and hashes crossing the boilerplate cap, the groups
    /// of a delta are those of a plain run, and its memo is the one the full index makes (its
    /// filter of shared hashes a superset), run after run.
    #[test]
    fn a_delta_finds_what_the_full_index_finds() {
        let mut deltas = 0;
        for (seed, min_words, boiler) in [(1u64, 12, 4), (2, 30, 20), (3, 12, 2), (4, 20, 3), (5, 12, 50), (6, 12, 3)] {
            let cfg = DupesConfig { min_words, boilerplate_min_docs: boiler, ..DupesConfig::default() };
            let mut rng = Rng(0x51_7CC1_B727_220A ^ seed);
            let mut texts = corpus(&mut rng, 50);
            let (_, mut memo, _) = recheck(&texts, &cfg, None, &[]);
            for round in 0..8 {
                let was = texts.clone();
                let n = texts.len();
                match round % 4 {
                    0 => {
                        for _ in 0..1 + rng.next(3) {
                            let i = rng.next(n);
                            texts[i] = edit(&mut rng, &texts[i]);
                        }
                    }
                    1 => {
                        let (a, b) = (rng.next(n), rng.next(n));
                        texts[a] = texts[b].clone();
                    }
                    2 => {
                        let (a, b) = (rng.next(n), rng.next(n));
                        let words: Vec<&str> = texts[b].split(' ').collect();
                        let at = rng.next(words.len().saturating_sub(40).max(1));
                        let copied = words[at..(at + 40).min(words.len())].join(" ");
                        texts[a] = format!("{} {copied} {} {copied}", texts[a], filler(&mut rng));
                    }
                    _ => {}
                }
                let keys_was = keys_of(&was);
                let before: Vec<Before> = (0..n)
                    .filter(|&i| was[i] != texts[i])
                    .map(|i| Before { doc: i, key: keys_was[i].clone(), prints: fingerprint(&was[i], &cfg) })
                    .collect();
                let (groups, made, reused) = recheck(&texts, &cfg, Some(&memo), &before);
                let (full_groups, full_memo, full_reused) = recheck(&texts, &cfg, Some(&memo), &[]);
                let docs: Vec<Doc<'_>> = texts.iter().map(|t| Doc { text: t }).collect();
                assert_eq!(groups, find_groups(&docs, &cfg), "seed {seed} round {round}");
                assert_eq!(groups, full_groups);
                assert!(reused.delta, "seed {seed} round {round}: {reused:?}");
                assert!(!full_reused.delta || before.is_empty());
                assert_eq!(made.without_filter(), full_memo.without_filter(), "seed {seed} round {round}");
                let missing = full_memo.marks.filter.iter().zip(&made.marks.filter).filter(|(f, d)| **f & !**d != 0).count();
                assert_eq!(missing, 0, "the delta's filter holds every shared hash");
                deltas += 1;
                memo = made;
            }
        }
        assert_eq!(deltas, 48);
    }

    /// No delta where the documents are not the earlier run's in order, more changed than
    /// [`MAX_CHANGED`], or a changed document's earlier fingerprints are missing or are of
    /// another text.
    #[test]
    fn no_delta_without_what_it_needs() {
        let cfg = DupesConfig { min_words: 12, boilerplate_min_docs: 4, ..DupesConfig::default() };
        let mut rng = Rng(77);
        let texts = corpus(&mut rng, 80);
        let (_, memo, _) = recheck(&texts, &cfg, None, &[]);
        let before_of = |new: &[String], keys: &[String], from: &[String]| -> Vec<Before> {
            (0..new.len().min(from.len()))
                .filter(|&i| new[i] != from[i])
                .map(|i| Before { doc: i, key: keys[i].clone(), prints: fingerprint(&from[i], &cfg) })
                .collect()
        };
        let keys = keys_of(&texts);
        let mut edited = texts.clone();
        edited[3] = edit(&mut rng, &edited[3]);
        let before = before_of(&edited, &keys, &texts);
        assert!(recheck(&edited, &cfg, Some(&memo), &before).2.delta, "the case that works");
        assert!(!recheck(&edited, &cfg, Some(&memo), &[]).2.delta, "earlier fingerprints missing");
        let mut wrong = before.clone();
        wrong[0].key = keys[4].clone();
        assert!(!recheck(&edited, &cfg, Some(&memo), &wrong).2.delta, "earlier key of another text");
        let mut added = texts.clone();
        added.push(texts[0].clone());
        assert!(!recheck(&added, &cfg, Some(&memo), &[]).2.delta, "an article added");
        let mut many = texts.clone();
        for t in many.iter_mut().take(MAX_CHANGED + 1) {
            *t = edit(&mut rng, t);
        }
        let before = before_of(&many, &keys, &texts);
        let (groups, _, reused) = recheck(&many, &cfg, Some(&memo), &before);
        assert!(!reused.delta, "too many changed");
        let docs: Vec<Doc<'_>> = many.iter().map(|t| Doc { text: t }).collect();
        assert_eq!(groups, find_groups(&docs, &cfg));
    }
}
