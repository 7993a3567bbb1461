//! Candidate generation from fingerprints.
//!
//! All `(hash, doc, pos)` fingerprints of the corpus are sorted once (in parallel);
//! each run of equal hashes is one shared k-gram. Its document frequency decides:
//! * `df >= boilerplate_min_docs`: too common to seed (template wording, stock phrases,
//!   boilerplate). Kept aside as "frequent" occurrences for boilerplate detection.
//! * otherwise, each occurrence is paired with the next two occurrences in sorted
//!   order (a chain). This keeps the seed count linear even for hashes shared by many
//!   documents, while the union-find in `classify` restores transitivity; pairing with
//!   two neighbours (not one) tolerates an edited copy missing one fingerprint.
//!
//! Seeds are then sorted by document pair, so each pair is verified once.
//!
//! A re-check with the earlier run's memo indexes only the fingerprints that can still be shared
//! ([`super::shared`]); the candidates are the same.

use super::fingerprint::DocPrints;
use super::shared::{self, Known};
use super::DupesConfig;
use rayon::prelude::*;

/// A seed: the same k-gram at `pos_a` in `doc_a` and at `pos_b` in `doc_b`, with
/// `(doc_a, pos_a) < (doc_b, pos_b)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seed {
    /// First document.
    pub doc_a: u32,
    /// Second document (may equal `doc_a`: internal repetition).
    pub doc_b: u32,
    /// Word position of the k-gram in `doc_a`.
    pub pos_a: u32,
    /// Word position of the k-gram in `doc_b`.
    pub pos_b: u32,
}

/// Output of candidate generation.
#[derive(Debug, Default)]
pub struct Candidates {
    /// Seeds sorted by (doc_a, doc_b, pos_a, pos_b).
    pub seeds: Vec<Seed>,
    /// Ranges into `seeds`, one per document pair.
    pub pairs: Vec<std::ops::Range<usize>>,
    /// Frequent fingerprints `(hash, doc, pos)`, sorted by (doc, pos).
    pub frequent: Vec<(u32, u32, u32)>,
}

/// One occurrence of a fingerprint: (hash, document, word position).
pub(crate) type Entry = (u32, u32, u32);

/// log2 of the number of slices of the hash space the index is built in. 32 slices rather than
/// 16: the same time now that a slice is taken from each document without a scan, and two
/// slices' buffers less at the run's memory peak (100k articles: 1.86 → 1.74 GiB).
const PART_BITS: u32 = 5;
const PARTS: u32 = 1 << PART_BITS;

/// Bits of the hash sorted by the radix sort: all but the slice's own top bits.
const SORT_BITS: u32 = 32 - PART_BITS;
/// Bits per radix pass. Three passes over 2^10 buckets beat two over 2^16 (the scatter into
/// 65,536 places missed the cache: measured 2.0 s against 2.35 s for the index of 100k
/// articles; 2^7 buckets and four passes: 2.1–2.4 s).
const DIGIT_BITS: u32 = 10;

/// Stable LSD radix sort on the hash of entries that share their top `PART_BITS` (one slice).
/// Written here because it is twenty lines and sorts the index several times faster than a
/// comparison sort; the radix-sort crates would be a dependency for one call.
fn radix_sort_by_hash(v: &mut Vec<(u32, u32, u32)>) {
    let mut tmp: Vec<(u32, u32, u32)> = vec![(0, 0, 0); v.len()];
    let mask = (1u32 << DIGIT_BITS) - 1;
    for shift in (0..SORT_BITS).step_by(DIGIT_BITS as usize) {
        let mut count = vec![0usize; 1 << DIGIT_BITS];
        for e in v.iter() {
            count[((e.0 >> shift) & mask) as usize] += 1;
        }
        let mut sum = 0;
        for c in count.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for e in v.iter() {
            let k = ((e.0 >> shift) & mask) as usize;
            tmp[count[k]] = *e;
            count[k] += 1;
        }
        std::mem::swap(v, &mut tmp);
    }
}

/// Seeds and frequent occurrences of one sorted slice of the index (or of any set of whole runs
/// of equal hashes, sorted by (hash, doc, pos): what [`super::delta`] gives it).
pub(crate) fn scan(entries: &[(u32, u32, u32)], cap: usize, seeds: &mut Vec<Seed>, frequent: &mut Vec<(u32, u32, u32)>) {
    let mut i = 0;
    while i < entries.len() {
        let h = entries[i].0;
        let mut j = i + 1;
        let mut df = 1usize;
        while j < entries.len() && entries[j].0 == h {
            if entries[j].1 != entries[j - 1].1 {
                df += 1;
            }
            j += 1;
        }
        let run = &entries[i..j];
        if df >= cap {
            frequent.extend_from_slice(run);
        } else if run.len() >= 2 {
            for x in 0..run.len() {
                for y in x + 1..(x + 3).min(run.len()) {
                    let (a, b) = (run[x], run[y]);
                    seeds.push(Seed { doc_a: a.1, doc_b: b.1, pos_a: a.2, pos_b: b.2 });
                }
            }
        }
        i = j;
    }
}

/// Build the global index and derive seeds and frequent fingerprints.
pub fn collect(prints: &[&DocPrints], cfg: &DupesConfig) -> Candidates {
    collect_with(prints, cfg, None, false).0
}

/// [`collect`], indexing only what `known` leaves (see [`super::shared`]: the result is the same),
/// and with `want_shared` also the filter of hashes that occur at least twice (what the next
/// run's index keeps, see [`super::shared`]).
pub(crate) fn collect_with(
    prints: &[&DocPrints],
    cfg: &DupesConfig,
    known: Option<&Known<'_>>,
    want_shared: bool,
) -> (Candidates, Option<Vec<u64>>) {
    let cap = cfg.boilerplate_min_docs.max(2);
    let (mut seeds, mut frequent) = (Vec::new(), Vec::new());
    // The index is built in PARTS slices of the hash space, so only a fraction of the
    // corpus's fingerprints is copied and sorted at a time (one slice per thread).
    // Parts run in parallel, each single-threaded (collect, radix sort, scan); results are
    // concatenated in part order, so the outcome does not depend on the thread count.
    // A document's prints are sorted by hash, so its entries of each slice are one run; where
    // each run starts is found in one pass (searching every document once per slice missed
    // the processor's cache at every step).
    let bounds: Vec<[u32; PARTS as usize + 1]> = prints
        .par_iter()
        .map(|p| {
            let mut b = [0u32; PARTS as usize + 1];
            for &(h, _) in &p.prints {
                b[(h >> SORT_BITS) as usize + 1] += 1;
            }
            for i in 1..b.len() {
                b[i] += b[i - 1];
            }
            b
        })
        .collect();
    let per_slice = prints.iter().map(|p| p.prints.len()).sum::<usize>() / PARTS as usize;
    let per_part: Vec<(Vec<Seed>, Vec<Entry>, Vec<u64>)> = (0..PARTS)
        .into_par_iter()
        .map(|part| {
            let capacity = if known.is_some() { per_slice / 4 } else { per_slice + per_slice / 8 };
            let mut entries: Vec<(u32, u32, u32)> = Vec::with_capacity(capacity);
            for (d, (p, b)) in prints.iter().zip(&bounds).enumerate() {
                let start = b[part as usize] as usize;
                let run = p.prints.get(start..b[part as usize + 1] as usize).unwrap_or_default();
                match known.filter(|k| k.filtered[d]) {
                    None => entries.extend(run.iter().map(|&(h, pos)| (h, d as u32, pos))),
                    Some(k) => entries.extend(run.iter().filter(|&&(h, _)| k.keeps(h)).map(|&(h, pos)| (h, d as u32, pos))),
                }
            }
            // Entries arrive in (doc, hash, pos) order, so a stable sort on the hash alone gives
            // (hash, doc, pos) order.
            radix_sort_by_hash(&mut entries);
            let (mut seeds, mut frequent) = (Vec::new(), Vec::new());
            scan(&entries, cap, &mut seeds, &mut frequent);
            let mut filter = Vec::new();
            if want_shared {
                filter = vec![0u64; shared::filter_words_per_part(PART_BITS)];
                for (h, _, _) in runs_of_two_or_more(&entries) {
                    shared::mark(&mut filter, h);
                }
            }
            (seeds, frequent, filter)
        })
        .collect();
    let mut filter = Vec::new();
    seeds.reserve(per_part.iter().map(|p| p.0.len()).sum());
    for (s, f, sh) in per_part {
        seeds.extend(s);
        frequent.extend(f);
        filter.extend(sh);
    }
    (finish(seeds, frequent), want_shared.then_some(filter))
}

/// Candidates from seeds and frequent occurrences in any order: seeds sorted and grouped by
/// pair, frequent occurrences sorted by (doc, pos).
pub(crate) fn finish(mut seeds: Vec<Seed>, mut frequent: Vec<Entry>) -> Candidates {
    // Sorted on one 128-bit key whose order is the seeds' (doc_a, doc_b, pos_a, pos_b) order:
    // one comparison instead of up to four (100k articles: millions of seeds).
    seeds.par_sort_unstable_by_key(|s| {
        (u128::from(s.doc_a) << 96) | (u128::from(s.doc_b) << 64) | (u128::from(s.pos_a) << 32) | u128::from(s.pos_b)
    });
    seeds.dedup();
    frequent.par_sort_unstable_by_key(|&(h, d, p)| (d, p, h));

    let mut pairs = Vec::new();
    let mut s = 0;
    while s < seeds.len() {
        let key = (seeds[s].doc_a, seeds[s].doc_b);
        let mut e = s + 1;
        while e < seeds.len() && (seeds[e].doc_a, seeds[e].doc_b) == key {
            e += 1;
        }
        pairs.push(s..e);
        s = e;
    }
    Candidates { seeds, pairs, frequent }
}

/// The first entry of each run of equal hashes with at least two entries.
fn runs_of_two_or_more(entries: &[Entry]) -> impl Iterator<Item = Entry> + '_ {
    entries.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() >= 2).map(|run| run[0])
}
