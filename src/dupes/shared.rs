//! Which fingerprints can seed, carried from one run to the next, so a re-check indexes only
//! those instead of every fingerprint of the corpus.
//!
//! A fingerprint seeds a comparison, or counts towards boilerplate, only when its hash occurs at
//! least twice in the corpus; in news text most word 4-grams occur once (100k generated
//! articles: 12% of 91M fingerprints are shared). A run with a memo records the hashes that
//! occurred at least twice, as a filter of a bit per `2^(32 - SHARED_BITS)` hashes
//! ([`SharedMarks`], 4 MiB), and each article content it saw (its cache key) with how many
//! articles had it. The next run indexes:
//! * every fingerprint of an article whose content is new, or more frequent than before
//!   (a copy of an existing article added), and
//! * of the other articles, the fingerprints whose hash passes the filter or occurs in the
//!   first group.
//!
//! **Why this loses nothing.** Take a hash occurring at least twice in the new corpus. If one of
//! its occurrences lies in a new-content article, it is among the first group's hashes, and
//! every occurrence is indexed. Otherwise all its occurrences lie in articles whose content,
//! each as many times, was in the earlier corpus, so the hash occurred at least as often there
//! and passes the filter. Indexing too much (a filter bit shared with other hashes, a hash that
//! was shared and is no longer) only adds occurrences that seed nothing. So the candidates are
//! exactly those of a full index (tests compare them on corpora with edits, copies, removals and
//! reordering).
//!
//! The filter is read one slice of the hash space at a time, as the index is built, so each
//! slice's 128 KiB of it stays in the processor's cache. (Marking each shared fingerprint of
//! each article instead cost more than it saved: a cache miss per mark.) When more than an
//! eighth of the articles are new the full index is built: filtering would save little.

use super::fingerprint::DocPrints;
use super::memo::{digest, Digest};
use rayon::prelude::*;

/// log2 of the number of bits of the filter of shared hashes.
pub(crate) const SHARED_BITS: u32 = 25;

/// What a run passes on to the next one's index.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SharedMarks {
    /// Digests of the article keys of the run, sorted, each with the number of articles.
    pub(crate) docs: Vec<(Digest, u32)>,
    /// A bit per `2^(32 - SHARED_BITS)` hashes: set when one of them occurred at least twice
    /// (empty: no filter).
    pub(crate) filter: Vec<u64>,
}

/// What the index of a run takes from the earlier run's marks.
#[derive(Debug)]
pub(crate) struct Known<'a> {
    /// Per document: whether only its fingerprints that pass the filters are indexed.
    pub(crate) filtered: Vec<bool>,
    /// The earlier run's filter of shared hashes.
    shared: &'a [u64],
    /// Hashes of the documents indexed whole.
    whole: HashSet32,
    /// Documents indexed whole.
    pub(crate) whole_docs: usize,
}

/// A set of hashes probed for many fingerprints: a bit per `hash >> (32 - SET_BITS)` rejects
/// most of them in a table that stays in the processor's cache, before a binary search.
#[derive(Debug)]
pub(crate) struct HashSet32 {
    sorted: Vec<u32>,
    bits: Vec<u64>,
}

const SET_BITS: u32 = 20;

impl HashSet32 {
    pub(crate) fn new(mut hashes: Vec<u32>) -> HashSet32 {
        hashes.sort_unstable();
        hashes.dedup();
        let mut bits = vec![0u64; (1 << SET_BITS) / 64];
        for &h in &hashes {
            let f = (h >> (32 - SET_BITS)) as usize;
            bits[f >> 6] |= 1 << (f & 63);
        }
        HashSet32 { sorted: hashes, bits }
    }

    /// The hashes, sorted.
    pub(crate) fn sorted(&self) -> &[u32] {
        &self.sorted
    }

    #[inline]
    pub(crate) fn contains(&self, h: u32) -> bool {
        self.may_contain(h) && self.sorted.binary_search(&h).is_ok()
    }

    /// Whether `h` passes the table of bits (false: not in the set).
    #[inline]
    fn may_contain(&self, h: u32) -> bool {
        let f = (h >> (32 - SET_BITS)) as usize;
        self.bits[f >> 6] >> (f & 63) & 1 == 1
    }
}

/// What a re-check's read of the cached fingerprints can leave out: the fingerprints of the
/// documents the index filters (see the module doc) whose hashes it would pass over anyway. The
/// decision is made in two steps, because what a filtered document keeps depends on the
/// fingerprints of the documents indexed whole: [`PrintPlan::of`] names those documents, and
/// once their fingerprints are read, [`PrintPlan::filter`] gives the filter for the others. The
/// index then builds the same [`Known`] from the same memo and keys and filters the documents'
/// fingerprints again, so what it indexes is exactly what it indexed from whole fingerprints
/// (tested in `marks_give_the_candidates_of_a_full_index`).
#[derive(Debug)]
pub struct PrintPlan {
    filtered: Vec<bool>,
}

impl PrintPlan {
    /// The plan for documents with cache keys `keys` (in the index's order) under `memo`;
    /// `None` when the index will be built whole.
    pub fn of(memo: &super::Memo, keys: &[String]) -> Option<PrintPlan> {
        let (digests, counts) = census(keys);
        memo.marks.filtered(&digests, &counts).map(|filtered| PrintPlan { filtered })
    }

    /// Whether document `d`'s fingerprints may be read through the filter (otherwise they are
    /// read whole, and go into the filter).
    pub fn is_filtered(&self, d: usize) -> bool {
        self.filtered.get(d).copied().unwrap_or(false)
    }

    /// The filter for the filtered documents, given the fingerprints of the others (in any
    /// order); `None` when one of them was made with other parameters than `cfg`'s (the index
    /// makes those again from the text, so its filter would differ).
    pub fn filter<'a, 'p>(
        self,
        memo: &'a super::Memo,
        cfg: &super::DupesConfig,
        whole: impl Iterator<Item = &'p DocPrints> + Clone,
    ) -> Option<PrintFilter<'a>> {
        let params = super::fingerprint::Params::from_config(cfg);
        if whole.clone().any(|p| p.k as usize != params.k || p.w as usize != params.w) {
            return None;
        }
        Some(PrintFilter(memo.marks.known_from(self.filtered, whole)))
    }
}

/// The filter of [`PrintPlan::filter`].
#[derive(Debug)]
pub struct PrintFilter<'a>(Known<'a>);

impl PrintFilter<'_> {
    /// Whether a filtered document's fingerprint with hash `h` must be read.
    #[inline]
    pub fn keeps(&self, h: u32) -> bool {
        self.0.keeps(h)
    }
}

/// Each document's key digest, and the run's census: the distinct digests, sorted, each with the
/// number of documents that have it (what [`SharedMarks::docs`] keeps for the next run).
pub(crate) fn census(keys: &[String]) -> (Vec<Digest>, Vec<(Digest, u32)>) {
    let digests: Vec<Digest> = keys.par_iter().map(|k| digest(k.as_bytes())).collect();
    let mut sorted = digests.clone();
    sorted.par_sort_unstable();
    let mut counts: Vec<(Digest, u32)> = Vec::with_capacity(sorted.len());
    for d in sorted {
        match counts.last_mut() {
            Some(last) if last.0 == d => last.1 += 1,
            _ => counts.push((d, 1)),
        }
    }
    (digests, counts)
}

/// The bit of `filter` (of `2^bits` bits) for hash `h`.
#[inline]
fn bit(filter: &[u64], bits: u32, h: u32) -> bool {
    let f = (h >> (32 - bits)) as usize;
    filter[f >> 6] >> (f & 63) & 1 == 1
}

impl Known<'_> {
    /// Whether a fingerprint of a filtered document is indexed.
    #[inline]
    pub(crate) fn keeps(&self, h: u32) -> bool {
        // Both tables are probed before anything branches on the shared one's answer, so the
        // probes of many fingerprints overlap (see `DocPrints::decode`); the set's own search
        // runs only for the few that pass its table.
        let shared = bit(self.shared, SHARED_BITS, h);
        if self.whole.may_contain(h) {
            shared || self.whole.sorted.binary_search(&h).is_ok()
        } else {
            shared
        }
    }
}

/// Words of the shared-hash filter per slice of the hash space of `part_bits` bits.
pub(crate) fn filter_words_per_part(part_bits: u32) -> usize {
    1usize << (SHARED_BITS - part_bits - 6)
}

/// Set the filter bit of `h` in a slice's words (the slice that holds `h`).
#[inline]
pub(crate) fn mark(words: &mut [u64], h: u32) {
    let f = (h >> (32 - SHARED_BITS)) as usize & (words.len() * 64 - 1);
    words[f >> 6] |= 1 << (f & 63);
}

impl SharedMarks {
    /// What a run can take from these marks, given its documents' key digests and its census
    /// (see [`census`]); `None` when the index should be built whole (no filter, or too many
    /// documents are new).
    pub(crate) fn known<'a>(&'a self, digests: &[Digest], census: &[(Digest, u32)], prints: &[&DocPrints]) -> Option<Known<'a>> {
        if digests.len() != prints.len() {
            return None;
        }
        let filtered = self.filtered(digests, census)?;
        let whole: Vec<&DocPrints> = filtered.iter().zip(prints).filter(|(f, _)| !**f).map(|(_, p)| *p).collect();
        Some(self.known_from(filtered, whole.into_iter()))
    }

    /// Per document, whether only its fingerprints that pass the filters are indexed (see the
    /// module doc); `None` when the index should be built whole.
    pub(crate) fn filtered(&self, digests: &[Digest], census: &[(Digest, u32)]) -> Option<Vec<bool>> {
        if self.filter.len() != 1 << (SHARED_BITS - 6) {
            return None;
        }
        let count = |of: &[(Digest, u32)], d: &Digest| of.binary_search_by(|e| e.0.cmp(d)).map_or(0, |at| of[at].1);
        let filtered: Vec<bool> = digests.iter().map(|d| count(&self.docs, d) >= count(census, d).max(1)).collect();
        let whole_docs = filtered.iter().filter(|f| !**f).count();
        (whole_docs * 8 <= digests.len()).then_some(filtered)
    }

    /// The [`Known`] of `filtered` (from [`SharedMarks::filtered`]), given the fingerprints of
    /// the documents it indexes whole, in any order.
    pub(crate) fn known_from<'a, 'p>(&'a self, filtered: Vec<bool>, whole_prints: impl Iterator<Item = &'p DocPrints>) -> Known<'a> {
        let whole_docs = filtered.iter().filter(|f| !**f).count();
        let whole = HashSet32::new(whole_prints.flat_map(|p| p.prints.iter().map(|&(h, _)| h)).collect());
        Known { filtered, shared: &self.filter, whole, whole_docs }
    }

    /// Append the stored form: the entry count, each entry (digest, articles), the filter's
    /// length in words and its words.
    pub(crate) fn write(&self, b: &mut Vec<u8>) {
        b.extend_from_slice(&(self.docs.len() as u64).to_le_bytes());
        for (d, count) in &self.docs {
            b.extend_from_slice(d);
            b.extend_from_slice(&count.to_le_bytes());
        }
        b.extend_from_slice(&(self.filter.len() as u64).to_le_bytes());
        for w in &self.filter {
            b.extend_from_slice(&w.to_le_bytes());
        }
    }

    /// Read what [`SharedMarks::write`] wrote at the start of `b`; returns the rest. `None` for
    /// anything inconsistent.
    pub(crate) fn read(b: &[u8]) -> Option<(SharedMarks, &[u8])> {
        let u64_at = |at: usize| -> Option<usize> { usize::try_from(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?)).ok() };
        let n = u64_at(0)?;
        let mut at = 8usize;
        let mut marks = SharedMarks { docs: Vec::with_capacity(n.min(b.len() / 20)), filter: Vec::new() };
        for _ in 0..n {
            let e = b.get(at..at.checked_add(20)?)?;
            let d: Digest = e[..16].try_into().ok()?;
            let count = u32::from_le_bytes(e[16..20].try_into().ok()?);
            if marks.docs.last().is_some_and(|p| p.0 >= d) {
                return None;
            }
            marks.docs.push((d, count));
            at += 20;
        }
        let words = u64_at(at)?;
        at += 8;
        let end = at.checked_add(words.checked_mul(8)?)?;
        marks.filter = b.get(at..end)?.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))).collect();
        Some((marks, &b[end..]))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::dupes::candidates::{collect, collect_with};
    use crate::dupes::{fingerprint, DupesConfig};

    /// A small deterministic generator (xorshift), so the corpora are the same every run.
    pub(crate) struct Rng(pub(crate) u64);
    impl Rng {
        pub(crate) fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    const WORDS: &[&str] = &[
        "the",
        "alliance",
        "said",
        "aid",
        "package",
        "billion",
        "members",
        "summit",
        "Kyiv",
        "minister",
        "defence",
        "weapons",
        "council",
        "vote",
        "support",
        "troops",
        "border",
        "talks",
        "sanctions",
        "energy",
        "grain",
        "security",
        "leaders",
        "week",
    ];

    /// One of 400 made-up words (digits would be normalized alike).
    pub(crate) fn filler(rng: &mut Rng) -> String {
        const SYLLABLES: &[&str] =
            &["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "ve", "zu", "ba", "de", "fo", "gi", "ha", "je", "ku", "le", "mo", "ni"];
        format!("{}{}", SYLLABLES[rng.next(20)], SYLLABLES[rng.next(20)])
    }

    /// Articles of random words, some sharing passages with each other (and some repeating one
    /// inside themselves), so hashes occur once, twice and in many articles.
    pub(crate) fn corpus(rng: &mut Rng, n: usize) -> Vec<String> {
        let passages: Vec<String> =
            (0..(n / 2).max(1)).map(|_| (0..40).map(|_| WORDS[rng.next(WORDS.len())]).collect::<Vec<_>>().join(" ")).collect();
        (0..n)
            .map(|_| {
                let mut t: Vec<String> = (0..60 + rng.next(80)).map(|_| filler(rng)).collect();
                for _ in 0..rng.next(3) {
                    t.insert(rng.next(t.len()), passages[rng.next(passages.len())].clone());
                }
                t.join(" ") + "."
            })
            .collect()
    }

    pub(crate) fn edit(rng: &mut Rng, text: &str) -> String {
        let mut w: Vec<String> = text.split(' ').map(str::to_string).collect();
        for _ in 0..1 + rng.next(6) {
            let at = rng.next(w.len());
            w[at] = filler(rng);
        }
        w.join(" ")
    }

    fn candidates(texts: &[String], cfg: &DupesConfig, marks: Option<&SharedMarks>) -> (Vec<String>, Option<usize>, SharedMarks) {
        let prints: Vec<DocPrints> = texts.iter().map(|t| fingerprint(t, cfg)).collect();
        let refs: Vec<&DocPrints> = prints.iter().collect();
        let keys: Vec<String> = texts.iter().map(|t| format!("key of {t}")).collect();
        let (digests, counts) = census(&keys);
        let known = marks.and_then(|m| m.known(&digests, &counts, &refs));
        let whole = known.as_ref().map(|k| k.whole_docs);
        let (got, shared) = collect_with(&refs, cfg, known.as_ref(), true);
        let full = collect(&refs, cfg);
        // In the order the pairs are cut from: (doc_a, doc_b, pos_a, pos_b), each seed once.
        assert!(full.seeds.windows(2).all(|w| w[0] < w[1]), "seeds sorted and distinct");
        assert_eq!(got.seeds, full.seeds);
        assert_eq!(got.pairs, full.pairs);
        assert_eq!(got.frequent, full.frequent);
        // The same through fingerprints read from the cache filtered by the plan (what a
        // re-check does): the index leaves out nothing it kept from whole fingerprints.
        let memo = marks.map(|m| {
            let mut memo = crate::dupes::Memo::default();
            memo.marks = m.clone();
            memo
        });
        if let Some((memo, plan)) = memo.as_ref().and_then(|m| Some((m, PrintPlan::of(m, &keys)?))) {
            let filtered: Vec<bool> = (0..prints.len()).map(|d| plan.is_filtered(d)).collect();
            let filter = plan.filter(memo, cfg, prints.iter().zip(&filtered).filter(|(_, f)| !**f).map(|(p, _)| p)).unwrap();
            let lean: Vec<DocPrints> = prints
                .iter()
                .zip(&filtered)
                .map(|(p, &f)| if f { DocPrints::from_bytes_keeping(&p.to_bytes(), |h| filter.keeps(h)).unwrap() } else { p.clone() })
                .collect();
            let (all, kept): (usize, usize) = (prints.iter().map(DocPrints::len).sum(), lean.iter().map(DocPrints::len).sum());
            assert!(kept < all, "the filter left out nothing: {kept} of {all}");
            let lean_refs: Vec<&DocPrints> = lean.iter().collect();
            let lean_known = memo.marks.known(&digests, &counts, &lean_refs);
            let (lean_got, lean_shared) = collect_with(&lean_refs, cfg, lean_known.as_ref(), true);
            assert_eq!(lean_got.seeds, full.seeds);
            assert_eq!(lean_got.pairs, full.pairs);
            assert_eq!(lean_got.frequent, full.frequent);
            assert_eq!(lean_shared, shared, "the next run's filter is the same");
        }
        let summary = vec![format!("{} seeds, {} pairs, {} frequent", got.seeds.len(), got.pairs.len(), got.frequent.len())];
        (summary, whole, SharedMarks { docs: counts, filter: shared.unwrap() })
    }

    /// The index built from an earlier run's marks gives exactly the candidates of a full index
    /// after edits, an added copy of an article, removals, new articles and reordering, with
    /// and without winnowing and with boilerplate-frequent hashes.
    #[test]
    fn marks_give_the_candidates_of_a_full_index() {
        let mut exercised = 0;
        for (seed, min_words, boiler) in [(1u64, 12, 4), (2, 30, 20), (3, 12, 2), (4, 20, 3), (5, 12, 50)] {
            let cfg = DupesConfig { min_words, boilerplate_min_docs: boiler, ..DupesConfig::default() };
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed);
            let mut texts = corpus(&mut rng, 60);
            let (first, whole, mut marks) = candidates(&texts, &cfg, None);
            assert_eq!(whole, None);
            assert!(!first[0].ends_with("0 pairs, 0 frequent"), "nothing shared: {first:?}");
            for round in 0..6 {
                match round % 3 {
                    // A few articles edited, one copied (its hashes were not all shared before).
                    0 => {
                        for _ in 0..3 {
                            let i = rng.next(texts.len());
                            texts[i] = edit(&mut rng, &texts[i]);
                        }
                        let c = texts[rng.next(texts.len())].clone();
                        texts.push(c);
                    }
                    // One removed, one new, one new that copies prose found in one article only
                    // (its hashes were not shared before), the order shuffled.
                    1 => {
                        texts.remove(rng.next(texts.len()));
                        texts.extend(corpus(&mut rng, 1));
                        let words: Vec<&str> = texts[rng.next(texts.len())].split(' ').collect();
                        let at = rng.next(words.len().saturating_sub(40).max(1));
                        let copied = words[at..(at + 40).min(words.len())].join(" ");
                        texts.push(format!("{} {copied} {}", filler(&mut rng), filler(&mut rng)));
                        let (a, b) = (rng.next(texts.len()), rng.next(texts.len()));
                        texts.swap(a, b);
                    }
                    // Nothing changed.
                    _ => {}
                }
                let (_, whole, next) = candidates(&texts, &cfg, Some(&marks));
                if whole.is_some() {
                    exercised += 1;
                }
                marks = next;
            }
        }
        assert!(exercised >= 20, "the marks applied in only {exercised} rounds");
    }

    #[test]
    fn marks_round_trip_and_damage_is_refused() {
        let m = SharedMarks { docs: vec![([1; 16], 1), ([5; 16], 2)], filter: vec![0b101, 1 << 63, 0b10] };
        let mut b = Vec::new();
        m.write(&mut b);
        b.extend_from_slice(b"rest");
        let (back, rest) = SharedMarks::read(&b).unwrap();
        assert_eq!(back, m);
        assert_eq!(rest, b"rest");
        assert_eq!(SharedMarks::read(&b[..b.len() - 12]), None, "filter cut short");
        let mut unsorted = b.clone();
        unsorted[8] = 9; // the first digest now sorts after the second
        assert_eq!(SharedMarks::read(&unsorted), None);
    }
}
