//! Near-verbatim work reused between runs.
//!
//! Verifying one document pair and grouping one connected set of passages are pure functions of
//! a few inputs: the documents' texts and the word positions that connect them. The cache keeps
//! each result under a digest of exactly those inputs — the documents' cache keys (which cover
//! the text, the rules, the near-verbatim settings and the tool version) and the seeds or
//! passage instances, numbered relative to the pair or group — so a result is reused only where
//! recomputing it would give the same thing, and a run with a memo is identical to one without.
//! An article that changed, or a pair whose seeds changed because a neighbour in the index
//! changed, simply misses and is computed.
//!
//! The memo of a run holds the entries that run used or made, so it never grows past one run's
//! worth. It is stored as one blob (`to_bytes`), all binary and little-endian: the pair table (an
//! archive has millions of candidate pairs, most with no match), the run's shared-hash filter
//! and article census ([`super::shared`]), then the group table (it was JSON: 16 MB and 0.18 s
//! to write for 51k groups, written on every re-check that changes anything).

use super::align::PairEntry;
use super::candidates::Seed;
use super::classify::Instance;
use super::shared::SharedMarks;
use super::{DiffTag, Group, Passage, PassageKind, Rendered};
use rayon::prelude::*;

/// 128 bits of BLAKE3: a collision among even billions of entries is out of reach.
pub(crate) type Digest = [u8; 16];

/// A verified match of a pair, in the pair's own terms (word ranges in its two documents).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PairMatch {
    pub a: (u32, u32),
    pub b: (u32, u32),
    pub sim: f64,
}

/// Results of an earlier run, or the ones a run used and made.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Memo {
    /// Pair digests, sorted, each with the end of its matches in `matches` (the start is the
    /// previous entry's end).
    pairs: Vec<(Digest, u32)>,
    matches: Vec<PairMatch>,
    /// Group digests, sorted, with the group (documents numbered within it) or none.
    groups: Vec<(Digest, Option<Group>)>,
    /// The run's filter of shared hashes and census of article contents (see [`super::shared`]).
    pub(crate) marks: SharedMarks,
    /// Each document's key digest, in the run's order: what `pair_docs` numbers.
    order: Vec<Digest>,
    /// Each candidate pair of the run as its two documents (numbered as in `order`) and its entry
    /// in `pairs`, sorted: what a re-check with a few articles changed carries over
    /// ([`super::delta`]).
    pair_docs: Vec<(u32, u32, u32)>,
    /// The hashes too frequent to seed in the run (in at least `boilerplate-min-docs`
    /// documents), sorted.
    frequent: Vec<u32>,
}

/// How much of a run the memo supplied.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reused {
    /// Pairs whose verification was reused.
    pub pairs: usize,
    /// Pairs verified.
    pub pairs_computed: usize,
    /// Passage groups reused.
    pub groups: usize,
    /// Passage groups computed.
    pub groups_computed: usize,
    /// Documents whose fingerprints were all indexed (all of them unless the earlier run's
    /// marks applied).
    pub indexed_whole: usize,
    /// Documents in the run.
    pub documents: usize,
    /// The candidates were a delta of the earlier run's ([`super::delta`]; `indexed_whole` then
    /// counts the changed documents).
    pub delta: bool,
}

const MAGIC: &[u8] = b"factdiff near-verbatim memo 6\n";

impl Memo {
    /// The matches stored for a pair digest.
    #[cfg(test)]
    pub(crate) fn pair(&self, d: &Digest) -> Option<&[PairMatch]> {
        let i = self.pairs.binary_search_by(|e| e.0.cmp(d)).ok()?;
        let start = if i == 0 { 0 } else { self.pairs[i - 1].1 as usize };
        self.matches.get(start..self.pairs[i].1 as usize)
    }

    /// The matches stored for each of `digests` (`None` where there are none). The digests are
    /// sorted and merged with the memo's, a sequential walk: a binary search per pair missed the
    /// processor's cache at every step and took seconds on an archive's millions of pairs.
    pub(crate) fn pairs_of(&self, digests: &[Digest]) -> Vec<Option<&[PairMatch]>> {
        // Each digest is sorted with its index as one 128-bit number (big-endian, the digests'
        // byte order): sorting indices by the digests they point to fetched a random digest at
        // every comparison (1.75M pairs, alternated: 338-419 → 135-184 ms).
        let mut order: Vec<(u128, u32)> = digests.par_iter().enumerate().map(|(i, d)| (u128::from_be_bytes(*d), i as u32)).collect();
        order.par_sort_unstable_by_key(|e| e.0);
        let mut found = vec![None; digests.len()];
        let mut j = 0;
        for (d, i) in order {
            while j < self.pairs.len() && u128::from_be_bytes(self.pairs[j].0) < d {
                j += 1;
            }
            if j < self.pairs.len() && u128::from_be_bytes(self.pairs[j].0) == d {
                let start = if j == 0 { 0 } else { self.pairs[j - 1].1 as usize };
                found[i as usize] = self.matches.get(start..self.pairs[j].1 as usize);
            }
        }
        found
    }

    /// The group stored for a group digest (`Some(None)`: the instances make no group).
    pub(crate) fn group(&self, d: &Digest) -> Option<&Option<Group>> {
        self.groups.binary_search_by(|e| e.0.cmp(d)).ok().map(|i| &self.groups[i].1)
    }

    /// Build from entries in any order (entries with one digest share one entry: one digest
    /// means the same inputs, hence the same matches); `order` and `frequent` as the fields.
    pub(crate) fn from_entries(
        mut pairs: Vec<PairEntry>,
        mut groups: Vec<(Digest, Option<Group>)>,
        marks: SharedMarks,
        order: Vec<Digest>,
        mut frequent: Vec<u32>,
    ) -> Memo {
        pairs.par_sort_unstable_by_key(|x| x.0);
        groups.sort_by_key(|x| x.0);
        groups.dedup_by(|x, y| x.0 == y.0);
        frequent.par_sort_unstable();
        frequent.dedup();
        let mut memo =
            Memo { pairs: Vec::with_capacity(pairs.len()), matches: Vec::new(), groups, marks, order, pair_docs: Vec::new(), frequent };
        memo.pair_docs.reserve(pairs.len());
        for (d, ms, (a, b)) in pairs {
            if memo.pairs.last().is_none_or(|p| p.0 != d) {
                memo.matches.extend(ms);
                memo.pairs.push((d, memo.matches.len() as u32));
            }
            memo.pair_docs.push((a, b, (memo.pairs.len() - 1) as u32));
        }
        memo.pair_docs.par_sort_unstable();
        memo.pair_docs.dedup_by_key(|x| (x.0, x.1));
        memo
    }

    /// Each document's key digest, in the run's order.
    pub(crate) fn order(&self) -> &[Digest] {
        &self.order
    }

    /// The run's candidate pairs: (first document, second document, entry), sorted.
    pub(crate) fn pair_docs(&self) -> &[(u32, u32, u32)] {
        &self.pair_docs
    }

    /// The digest and matches of entry `i` of the pair table.
    pub(crate) fn entry(&self, i: u32) -> Option<(Digest, &[PairMatch])> {
        let i = i as usize;
        let (d, end) = *self.pairs.get(i)?;
        let start = if i == 0 { 0 } else { self.pairs[i - 1].1 as usize };
        Some((d, self.matches.get(start..end as usize)?))
    }

    /// The hashes too frequent to seed in the run, sorted.
    pub(crate) fn frequent(&self) -> &[u32] {
        &self.frequent
    }

    /// The memo without its filter of shared hashes (which a delta may leave a superset of a
    /// full run's).
    #[cfg(test)]
    pub(crate) fn without_filter(&self) -> Memo {
        let mut m = self.clone();
        m.marks.filter = Vec::new();
        m
    }

    /// The stored form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(MAGIC.len() + 16 + self.pairs.len() * 20 + self.matches.len() * 24);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&(self.pairs.len() as u64).to_le_bytes());
        for (d, end) in &self.pairs {
            b.extend_from_slice(d);
            b.extend_from_slice(&end.to_le_bytes());
        }
        b.extend_from_slice(&(self.matches.len() as u64).to_le_bytes());
        for m in &self.matches {
            for x in [m.a.0, m.a.1, m.b.0, m.b.1] {
                b.extend_from_slice(&x.to_le_bytes());
            }
            b.extend_from_slice(&m.sim.to_le_bytes());
        }
        self.marks.write(&mut b);
        b.extend_from_slice(&(self.groups.len() as u64).to_le_bytes());
        for (d, g) in &self.groups {
            b.extend_from_slice(d);
            let Some(g) = g else {
                b.push(0);
                continue;
            };
            b.push(match g.kind {
                PassageKind::SharedQuotation => 1,
                PassageKind::CopiedProse => 2,
                PassageKind::Boilerplate => 3,
            });
            b.extend_from_slice(&g.similarity.to_le_bytes());
            b.extend_from_slice(&(g.passages.len() as u64).to_le_bytes());
            for p in &g.passages {
                for x in [p.doc, p.span.start, p.span.end, p.words] {
                    b.extend_from_slice(&(x as u64).to_le_bytes());
                }
                b.push(u8::from(p.quoted));
            }
            write_rendered(&mut b, g.rendered.as_ref());
        }
        b.extend_from_slice(&(self.order.len() as u64).to_le_bytes());
        for d in &self.order {
            b.extend_from_slice(d);
        }
        b.extend_from_slice(&(self.pair_docs.len() as u64).to_le_bytes());
        for (x, y, i) in &self.pair_docs {
            for v in [x, y, i] {
                b.extend_from_slice(&v.to_le_bytes());
            }
        }
        b.extend_from_slice(&(self.frequent.len() as u64).to_le_bytes());
        for h in &self.frequent {
            b.extend_from_slice(&h.to_le_bytes());
        }
        b
    }

    /// Read the stored form; `None` for anything that is not a whole, consistent memo.
    pub fn from_bytes(b: &[u8]) -> Option<Memo> {
        let mut r = Reader(b.strip_prefix(MAGIC)?);
        let n = usize::try_from(r.u64()?).ok()?;
        let mut pairs = Vec::with_capacity(n.min(r.0.len() / 20));
        let mut last = 0u32;
        for _ in 0..n {
            let d: Digest = r.take(16)?.try_into().ok()?;
            let end = r.u32()?;
            if end < last || pairs.last().is_some_and(|p: &(Digest, u32)| p.0 >= d) {
                return None;
            }
            last = end;
            pairs.push((d, end));
        }
        let m = usize::try_from(r.u64()?).ok()?;
        if m != last as usize {
            return None;
        }
        let mut matches = Vec::with_capacity(m.min(r.0.len() / 24));
        for _ in 0..m {
            let (a0, a1, b0, b1) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
            let sim = f64::from_le_bytes(r.take(8)?.try_into().ok()?);
            matches.push(PairMatch { a: (a0, a1), b: (b0, b1), sim });
        }
        let (marks, rest) = SharedMarks::read(r.0)?;
        let mut r = Reader(rest);
        let n = usize::try_from(r.u64()?).ok()?;
        let mut groups = Vec::with_capacity(n.min(r.0.len() / 17));
        for _ in 0..n {
            let d: Digest = r.take(16)?.try_into().ok()?;
            if groups.last().is_some_and(|p: &(Digest, Option<Group>)| p.0 >= d) {
                return None;
            }
            let kind = match r.take(1)?[0] {
                0 => {
                    groups.push((d, None));
                    continue;
                }
                1 => PassageKind::SharedQuotation,
                2 => PassageKind::CopiedProse,
                3 => PassageKind::Boilerplate,
                _ => return None,
            };
            let similarity = f64::from_le_bytes(r.take(8)?.try_into().ok()?);
            let m = usize::try_from(r.u64()?).ok()?;
            let mut passages = Vec::with_capacity(m.min(r.0.len() / 33));
            for _ in 0..m {
                let mut x = [0usize; 4];
                for v in &mut x {
                    *v = usize::try_from(r.u64()?).ok()?;
                }
                let quoted = match r.take(1)?[0] {
                    0 => false,
                    1 => true,
                    _ => return None,
                };
                passages.push(Passage { doc: x[0], span: x[1]..x[2], words: x[3], quoted });
            }
            let rendered = read_rendered(&mut r, passages.len())?;
            groups.push((d, Some(Group { kind, passages, similarity, rendered })));
        }
        let n = usize::try_from(r.u64()?).ok()?;
        let mut order = Vec::with_capacity(n.min(r.0.len() / 16));
        for _ in 0..n {
            order.push(r.take(16)?.try_into().ok()?);
        }
        let n = usize::try_from(r.u64()?).ok()?;
        let mut pair_docs: Vec<(u32, u32, u32)> = Vec::with_capacity(n.min(r.0.len() / 12));
        for _ in 0..n {
            let e = (r.u32()?, r.u32()?, r.u32()?);
            let fits = e.0 <= e.1 && (e.1 as usize) < order.len() && (e.2 as usize) < pairs.len();
            if !fits || pair_docs.last().is_some_and(|p| (p.0, p.1) >= (e.0, e.1)) {
                return None;
            }
            pair_docs.push(e);
        }
        let n = usize::try_from(r.u64()?).ok()?;
        let mut frequent: Vec<u32> = Vec::with_capacity(n.min(r.0.len() / 4));
        for _ in 0..n {
            let h = r.u32()?;
            if frequent.last().is_some_and(|&p| p >= h) {
                return None;
            }
            frequent.push(h);
        }
        r.0.is_empty().then_some(Memo { pairs, matches, groups, marks, order, pair_docs, frequent })
    }
}

/// A group's [`Rendered`]: a flag, then each passage's word hash, the diff's segments (tag and
/// number of ranges) and its ranges.
fn write_rendered(b: &mut Vec<u8>, rendered: Option<&Rendered>) {
    let Some(r) = rendered else {
        b.push(0);
        return;
    };
    b.push(1);
    b.extend_from_slice(&(r.words.len() as u64).to_le_bytes());
    for w in &r.words {
        b.extend_from_slice(&w.to_le_bytes());
    }
    b.extend_from_slice(&(r.diff.segments.len() as u64).to_le_bytes());
    for (tag, n) in &r.diff.segments {
        b.push(match tag {
            DiffTag::Equal => 0,
            DiffTag::Delete => 1,
            DiffTag::Insert => 2,
        });
        b.extend_from_slice(&n.to_le_bytes());
    }
    b.extend_from_slice(&(r.diff.ranges.len() as u64).to_le_bytes());
    for (s, e) in &r.diff.ranges {
        b.extend_from_slice(&s.to_le_bytes());
        b.extend_from_slice(&e.to_le_bytes());
    }
}

/// The [`Rendered`] of a group of `passages` passages; `None` (outer) when damaged.
fn read_rendered(r: &mut Reader<'_>, passages: usize) -> Option<Option<Rendered>> {
    match r.take(1)?[0] {
        0 => return Some(None),
        1 => {}
        _ => return None,
    }
    let n = usize::try_from(r.u64()?).ok()?;
    if n != passages {
        return None;
    }
    let mut words = Vec::with_capacity(n.min(r.0.len() / 8));
    for _ in 0..n {
        words.push(r.u64()?);
    }
    let n = usize::try_from(r.u64()?).ok()?;
    let mut segments = Vec::with_capacity(n.min(r.0.len() / 5));
    for _ in 0..n {
        let tag = match r.take(1)?[0] {
            0 => DiffTag::Equal,
            1 => DiffTag::Delete,
            2 => DiffTag::Insert,
            _ => return None,
        };
        segments.push((tag, r.u32()?));
    }
    let n = usize::try_from(r.u64()?).ok()?;
    let mut ranges = Vec::with_capacity(n.min(r.0.len() / 8));
    for _ in 0..n {
        ranges.push((r.u32()?, r.u32()?));
    }
    Some(Some(Rendered { words, diff: super::align::DiffSpans { segments, ranges } }))
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

fn finish(h: blake3::Hasher) -> Digest {
    let mut d = [0u8; 16];
    d.copy_from_slice(&h.finalize().as_bytes()[..16]);
    d
}

/// The digest of each document's cache key, the form [`pair_digest`] takes them in.
pub(crate) fn key_digests(keys: &[String]) -> Vec<Digest> {
    keys.par_iter().map(|k| digest(k.as_bytes())).collect()
}

/// The digest of one pair's verification: both documents' key digests ([`key_digests`]),
/// whether they are one document, and the seeds' word positions. `buf` is scratch space, kept
/// between calls.
pub(crate) fn pair_digest(key_a: &Digest, key_b: &Digest, seeds: &[Seed], buf: &mut Vec<u8>) -> Digest {
    // The bytes are gathered and hashed at once: the same digest as feeding them to a hasher
    // piece by piece, and faster, since BLAKE3's incremental hasher pays for every small update
    // (1.75M pairs of 100k articles: 0.87 s → 0.55 s). The keys go in as 16-byte digests, not
    // their 64 hex digits, so a pair with up to three seeds is one 64-byte BLAKE3 block, not
    // three; with the scratch buffer kept, 100k articles one changed (alternated, same output):
    // the whole near-verbatim stage 6.9-7.5 → 6.0-6.4 s.
    buf.clear();
    buf.push(b'p');
    buf.extend_from_slice(key_a);
    buf.extend_from_slice(key_b);
    buf.push(u8::from(seeds.first().is_some_and(|s| s.doc_a == s.doc_b)));
    for s in seeds {
        buf.extend_from_slice(&s.pos_a.to_le_bytes());
        buf.extend_from_slice(&s.pos_b.to_le_bytes());
    }
    digest(buf)
}

/// The digest of some bytes.
pub(crate) fn digest(bytes: &[u8]) -> Digest {
    let mut d = [0u8; 16];
    d.copy_from_slice(&blake3::hash(bytes).as_bytes()[..16]);
    d
}

/// One passage instance of a group as its digest sees it: the document numbered within the group.
type Local = (u32, u32, u32, bool);

/// The digest of one group's inputs, and the group's documents (sorted global indices, the
/// numbering of `Local`). `edges` are pairs of instances with the verified similarity (`None`:
/// measured from the words). The digest is independent of where the group's instances sit in
/// the run's global lists, so a change elsewhere in the corpus does not disturb it.
pub(crate) fn group_digest(
    keys: &[String],
    cap: usize,
    members: &[Instance],
    edges: &[(Instance, Instance, Option<f64>)],
) -> (Digest, Vec<u32>) {
    let mut docs: Vec<u32> = members.iter().map(|x| x.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    let local = |x: &Instance| -> Local { (docs.binary_search(&x.doc).unwrap_or(0) as u32, x.start, x.end, x.boiler) };
    let mut inst: Vec<Local> = members.iter().map(local).collect();
    inst.sort_unstable();
    inst.dedup();
    let mut e: Vec<(Local, Local, Option<u64>)> = edges.iter().map(|(a, b, s)| (local(a), local(b), s.map(f64::to_bits))).collect();
    e.sort_unstable();
    e.dedup();
    let mut h = blake3::Hasher::new();
    h.update(b"group\0");
    h.update(&(cap as u64).to_le_bytes());
    for d in &docs {
        h.update(keys.get(*d as usize).map_or(&b""[..], |k| k.as_bytes()));
        h.update(b"\0");
    }
    let put = |h: &mut blake3::Hasher, x: &Local| {
        h.update(&x.0.to_le_bytes());
        h.update(&x.1.to_le_bytes());
        h.update(&x.2.to_le_bytes());
        h.update(&[u8::from(x.3)]);
    };
    h.update(&(inst.len() as u64).to_le_bytes());
    for x in &inst {
        put(&mut h, x);
    }
    h.update(&(e.len() as u64).to_le_bytes());
    for (a, b, s) in &e {
        put(&mut h, a);
        put(&mut h, b);
        match s {
            Some(bits) => h.update(&[1]).update(&bits.to_le_bytes()),
            None => h.update(&[0]),
        };
    }
    (finish(h), docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dupes::{Passage, PassageKind};

    fn sample() -> Memo {
        let g = Group {
            kind: PassageKind::CopiedProse,
            passages: vec![
                Passage { doc: 0, span: 3..40, words: 31, quoted: false },
                Passage { doc: 1, span: 0..50, words: 32, quoted: true },
            ],
            similarity: 0.9,
            rendered: Some(Rendered {
                words: vec![0x1234, u64::MAX],
                diff: super::super::align::DiffSpans {
                    segments: vec![(DiffTag::Equal, 2), (DiffTag::Insert, 1)],
                    ranges: vec![(0, 5), (9, 14), (6, 8)],
                },
            }),
        };
        Memo::from_entries(
            vec![
                ([7; 16], vec![PairMatch { a: (1, 40), b: (2, 41), sim: 0.95 }], (0, 1)),
                ([1; 16], vec![], (1, 2)),
                ([3; 16], vec![PairMatch { a: (0, 30), b: (5, 35), sim: 1.0 }, PairMatch { a: (50, 90), b: (60, 99), sim: 0.87 }], (0, 2)),
            ],
            vec![([9; 16], Some(g)), ([2; 16], None)],
            SharedMarks { docs: vec![([1; 16], 1), ([5; 16], 2)], filter: vec![0b101, 1 << 63, 0b10] },
            vec![[1; 16], [5; 16], [5; 16]],
            vec![40, 7, 40],
        )
    }

    #[test]
    fn round_trips_and_finds_its_entries() {
        let m = sample();
        let back = Memo::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.pair(&[1; 16]), Some(&[][..]));
        assert_eq!(back.pair(&[3; 16]).map(<[_]>::len), Some(2));
        assert_eq!(back.pair(&[7; 16]).unwrap()[0].a, (1, 40));
        assert_eq!(back.pair(&[4; 16]), None);
        let found = back.pairs_of(&[[7; 16], [4; 16], [3; 16], [1; 16], [7; 16]]);
        let lens: Vec<Option<usize>> = found.iter().map(|f| f.map(<[_]>::len)).collect();
        assert_eq!(lens, vec![Some(1), None, Some(2), Some(0), Some(1)]);
        assert_eq!(back.group(&[2; 16]), Some(&None));
        assert_eq!(back.group(&[9; 16]).unwrap().as_ref().unwrap().passages.len(), 2);
        assert_eq!(back.group(&[8; 16]), None);
        // Pairs by their documents, each with its entry; frequent hashes sorted once each.
        let by_docs: Vec<(u32, u32, usize)> =
            back.pair_docs().iter().map(|&(a, b, i)| (a, b, back.entry(i).map_or(usize::MAX, |e| e.1.len()))).collect();
        assert_eq!(by_docs, vec![(0, 1, 1), (0, 2, 2), (1, 2, 0)]);
        assert_eq!(back.entry(0).map(|e| e.0), Some([1; 16]));
        assert_eq!(back.entry(3), None);
        assert_eq!(back.frequent(), &[7, 40]);
        assert_eq!(back.order().len(), 3);
    }

    #[test]
    fn damaged_bytes_are_no_memo() {
        let b = sample().to_bytes();
        for cut in [0, 5, MAGIC.len() + 3, MAGIC.len() + 8 + 10, b.len() - 1] {
            assert_eq!(Memo::from_bytes(&b[..cut]), None, "cut at {cut}");
        }
        let mut flipped = b.clone();
        flipped[MAGIC.len() + 8 + 16] ^= 0xff; // the first entry's end offset
        assert_eq!(Memo::from_bytes(&flipped), None);
        // The group table ends with the one group: digest, kind, similarity, two passages, then
        // what renders it (a flag, two word hashes, two diff segments of two ranges and one).
        let rendered = 1 + 8 + 2 * 8 + 8 + 2 * 5 + 8 + 3 * 8;
        // After the groups: the documents' order, the pairs' documents and the frequent hashes.
        let tail = (8 + 3 * 16) + (8 + 3 * 12) + (8 + 2 * 4);
        let kind_at = b.len() - tail - rendered - (1 + 8 + 8 + 2 * 33);
        assert_eq!(b[kind_at], 2, "copied prose");
        let mut unknown = b.clone();
        unknown[kind_at] = 9;
        assert_eq!(Memo::from_bytes(&unknown), None, "an unknown kind");
        let mut tag = b.clone();
        let tag_at = tag.len() - tail - (8 + 3 * 8) - 5;
        tag[tag_at] = 7;
        assert_eq!(Memo::from_bytes(&tag), None, "an unknown diff tag");
        let mut longer = b.clone();
        longer.push(0);
        assert_eq!(Memo::from_bytes(&longer), None, "bytes after the last table");
        // The pairs' documents: (0, 1), (0, 2), (1, 2); the second made (0, 0) is out of order.
        let docs_at = b.len() - (8 + 2 * 4) - 3 * 12;
        let mut unsorted = b.clone();
        unsorted[docs_at + 12 + 4..docs_at + 12 + 8].copy_from_slice(&0u32.to_le_bytes());
        assert_eq!(Memo::from_bytes(&unsorted), None, "pairs' documents out of order");
        let mut beyond = b.clone();
        beyond[docs_at + 8..docs_at + 12].copy_from_slice(&3u32.to_le_bytes());
        assert_eq!(Memo::from_bytes(&beyond), None, "a pair entry beyond the pair table");
    }

    /// A pair's digest covers both keys in order, the seeds' positions and whether the pair is
    /// one document; what the scratch buffer held before does not matter.
    #[test]
    fn a_pair_digest_covers_its_keys_and_seeds() {
        let seed = |doc_a, doc_b, pos_a, pos_b| Seed { doc_a, doc_b, pos_a, pos_b };
        let keys = key_digests(&["k0".to_string(), "k1".to_string(), "k2".to_string()]);
        let seeds = [seed(0, 1, 4, 9), seed(0, 1, 30, 35)];
        let mut buf = b"left over from another pair".to_vec();
        let d = pair_digest(&keys[0], &keys[1], &seeds, &mut buf);
        assert_eq!(d, pair_digest(&keys[0], &keys[1], &seeds, &mut Vec::new()));
        assert_ne!(d, pair_digest(&keys[1], &keys[0], &seeds, &mut buf), "keys in order");
        assert_ne!(d, pair_digest(&keys[0], &keys[2], &seeds, &mut buf), "another text");
        assert_ne!(d, pair_digest(&keys[0], &keys[1], &seeds[..1], &mut buf), "a seed fewer");
        assert_ne!(d, pair_digest(&keys[0], &keys[1], &[seed(0, 1, 4, 9), seed(0, 1, 30, 36)], &mut buf), "a seed moved");
        assert_ne!(d, pair_digest(&keys[0], &keys[1], &[seed(0, 0, 4, 9), seed(0, 0, 30, 35)], &mut buf), "one document");
    }

    #[test]
    fn a_group_digest_ignores_where_its_instances_sit_in_the_run() {
        let keys: Vec<String> = ["k0", "k1", "k2", "k3"].iter().map(|s| s.to_string()).collect();
        let i = |doc, start, end| Instance { doc, start, end, boiler: false };
        let (d1, docs1) = group_digest(&keys, 20, &[i(1, 0, 30), i(3, 5, 35)], &[(i(1, 0, 30), i(3, 5, 35), Some(0.9))]);
        // Same instances listed in another order: same digest.
        let (d2, _) = group_digest(&keys, 20, &[i(3, 5, 35), i(1, 0, 30)], &[(i(1, 0, 30), i(3, 5, 35), Some(0.9))]);
        assert_eq!(d1, d2);
        assert_eq!(docs1, vec![1, 3]);
        // Another similarity, another document text (key) or another cap: another digest.
        let (d3, _) = group_digest(&keys, 20, &[i(1, 0, 30), i(3, 5, 35)], &[(i(1, 0, 30), i(3, 5, 35), Some(0.91))]);
        let mut other = keys.clone();
        other[3] = "changed".into();
        let (d4, _) = group_digest(&other, 20, &[i(1, 0, 30), i(3, 5, 35)], &[(i(1, 0, 30), i(3, 5, 35), Some(0.9))]);
        let (d5, _) = group_digest(&keys, 21, &[i(1, 0, 30), i(3, 5, 35)], &[(i(1, 0, 30), i(3, 5, 35), Some(0.9))]);
        assert!(d3 != d1 && d4 != d1 && d5 != d1);
    }
}
