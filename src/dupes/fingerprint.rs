//! Per-document fingerprints: winnowed word k-gram hashes, short-line hashes and
//! occurrences of the configured boilerplate phrases.
//!
//! Everything here depends only on one document's text and the config, so it runs
//! in parallel and can be cached (the result is serializable and holds only small
//! integers).
//!
//! **Winnowing.** Every run of `k` consecutive normalized words is hashed; in every
//! window of `w` consecutive k-gram hashes the minimum is selected (rightmost on ties)
//! and kept with its word position. Guarantee: any run of at least `t = w + k - 1`
//! identical normalized words shared by two documents yields at least one identical
//! fingerprint in both. `k` and `w` are derived from `min_words` (see [`Params`]) so
//! that a passage of `min_words` words with ≤ 10 % of its words edited (isolated
//! substitutions/deletions) still contains an exact run of length `t`.

use super::normalize::{hash_bytes, mix64, tokenize, Tokens};
use super::DupesConfig;
use serde::{Deserialize, Serialize};

/// Per-document fingerprints (see the module doc). Fields are crate-private; the
/// struct is serializable so that a cache can store it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocPrints {
    /// k used for the k-grams (recorded so mismatched caches can be detected).
    pub(crate) k: u32,
    /// Winnowing window used.
    pub(crate) w: u32,
    /// Number of words in the document.
    pub(crate) n_words: u32,
    /// Winnowed fingerprints: (top 32 bits of the k-gram hash, word index of the k-gram's
    /// first word), sorted. 32 bits halve the memory of the largest per-corpus structure (one entry
    /// per word with short `min_words`); a collision only adds a seed that verification
    /// rejects at its first word comparison.
    pub(crate) prints: Vec<(u32, u32)>,
    /// Short lines (2..=64 words): (hash of the whole normalized line, first word, end word).
    pub(crate) lines: Vec<(u64, u32, u32)>,
    /// Configured boilerplate phrases found: (phrase index, first word, end word).
    pub(crate) phrases: Vec<(u32, u32, u32)>,
}

impl DocPrints {
    /// A compact little-endian encoding for the cache: a header of six u32 (k, w, words and the
    /// three list lengths), then fixed-size records. Written by hand because the records are
    /// plain integers and a general format would triple their size (JSON) or add a dependency.
    /// A winnowed fingerprint's word position takes two bytes when the document has at most
    /// [`SHORT_POSITIONS`] words (every news article), four otherwise: the fingerprints are
    /// most of the cache (100k articles: 728 → 546 MB), and a re-check reads them all.
    pub fn to_bytes(&self) -> Vec<u8> {
        let pos_bytes = position_bytes(self.n_words);
        let mut b = Vec::with_capacity(24 + self.prints.len() * (4 + pos_bytes) + self.lines.len() * 16 + self.phrases.len() * 12);
        for v in [self.k, self.w, self.n_words, self.prints.len() as u32, self.lines.len() as u32, self.phrases.len() as u32] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        for (h, p) in &self.prints {
            b.extend_from_slice(&h.to_le_bytes());
            b.extend_from_slice(&p.to_le_bytes()[..pos_bytes]);
        }
        for (h, s, e) in &self.lines {
            b.extend_from_slice(&h.to_le_bytes());
            b.extend_from_slice(&s.to_le_bytes());
            b.extend_from_slice(&e.to_le_bytes());
        }
        for (i, s, e) in &self.phrases {
            for v in [i, s, e] {
                b.extend_from_slice(&v.to_le_bytes());
            }
        }
        b
    }

    /// Read [`DocPrints::to_bytes`] back; `None` for anything malformed.
    pub fn from_bytes(b: &[u8]) -> Option<DocPrints> {
        DocPrints::decode(b, |_| true, |n| n)
    }

    /// [`DocPrints::from_bytes`], keeping only the winnowed fingerprints whose hash `keep`
    /// accepts (short lines and phrases are all kept): a re-check reads most articles' prints
    /// through the filter of those that can still be shared ([`super::shared::PrintFilter`]),
    /// so the rest are never copied out of the cache's buffers.
    pub fn from_bytes_keeping(b: &[u8], keep: impl Fn(u32) -> bool) -> Option<DocPrints> {
        // About an eighth of a document's fingerprints pass in news text.
        DocPrints::decode(b, keep, |n| n / 4)
    }

    /// The decoder of both, with the room to reserve for `n` fingerprints.
    fn decode(b: &[u8], keep: impl Fn(u32) -> bool, room: impl FnOnce(usize) -> usize) -> Option<DocPrints> {
        let mut at = 0usize;
        let mut u32_ = || -> Option<u32> {
            let v = u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?);
            at += 4;
            Some(v)
        };
        let (k, w, n_words, np, nl, nf) = (u32_()?, u32_()?, u32_()?, u32_()? as usize, u32_()? as usize, u32_()? as usize);
        let record = 4 + position_bytes(n_words);
        let need = 24usize.checked_add(np.checked_mul(record)?)?.checked_add(nl.checked_mul(16)?)?.checked_add(nf.checked_mul(12)?)?;
        if b.len() != need {
            return None;
        }
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or([0; 4]));
        let mut pos = 24;
        let records = &b[24..24 + np * record];
        let position =
            |r: &[u8]| if record == 6 { u32::from(u16::from_le_bytes([r[4], r[5]])) } else { u32::from_le_bytes([r[4], r[5], r[6], r[7]]) };
        // Every record is written and only the kept ones counted, with no branch on what `keep`
        // says: a filter probe misses the processor's cache, and a branch on each probe's result
        // (taken for about one in eight, unpredictably) kept the next probes from starting
        // early. The kept ones are then copied out at their size.
        let mut all = vec![(0u32, 0u32); np];
        let mut n = 0;
        for r in records.chunks_exact(record) {
            let h = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
            all[n] = (h, position(r));
            n += usize::from(keep(h));
        }
        let prints = if n == np {
            all
        } else {
            let mut kept = Vec::with_capacity(room(np).max(n));
            kept.extend_from_slice(&all[..n]);
            kept
        };
        pos += np * record;
        let mut lines = Vec::with_capacity(nl);
        for _ in 0..nl {
            lines.push((u64_at(pos), u32_at(pos + 8), u32_at(pos + 12)));
            pos += 16;
        }
        let mut phrases = Vec::with_capacity(nf);
        for _ in 0..nf {
            phrases.push((u32_at(pos), u32_at(pos + 4), u32_at(pos + 8)));
            pos += 12;
        }
        Some(DocPrints { k, w, n_words, prints, lines, phrases })
    }

    /// Number of winnowed fingerprints (useful for cache statistics).
    pub fn len(&self) -> usize {
        self.prints.len()
    }

    /// True when the document produced no fingerprints (fewer than `k` words).
    pub fn is_empty(&self) -> bool {
        self.prints.is_empty()
    }
}

/// Documents of at most this many words store a fingerprint's word position in two bytes.
pub(crate) const SHORT_POSITIONS: u32 = 1 << 16;

/// Bytes of a stored word position in a document of `n_words` words (its positions are below it).
fn position_bytes(n_words: u32) -> usize {
    if n_words <= SHORT_POSITIONS {
        2
    } else {
        4
    }
}

/// Fingerprinting parameters derived from the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// Words per k-gram.
    pub k: usize,
    /// Winnowing window (in k-grams).
    pub w: usize,
}

impl Params {
    /// Derive `k`, `w` from `min_words` = L: with `e = ceil(L/10)` edits the longest
    /// exact run is at least `t = ceil((L - e) / (e + 1))` words; pick `k = min(4, t)`
    /// (4-grams: rare enough across news text, short enough for edited copies) and
    /// `w = t - k + 1` so the winnowing guarantee `w + k - 1 ≤ t` holds.
    /// `min_words = 30` gives `k = 4, w = 4` (t = 7).
    pub(crate) fn from_config(cfg: &DupesConfig) -> Params {
        let l = cfg.min_words.max(2);
        let e = l.div_ceil(10);
        let t = (l - e).div_ceil(e + 1).max(1);
        let k = t.clamp(1, 4);
        let w = (t + 1 - k).max(1);
        Params { k, w }
    }
}

/// Hash of the k-gram starting at each word position.
pub(crate) fn kgram_hashes(h: &[u64], k: usize) -> Vec<u64> {
    if h.len() < k || k == 0 {
        return Vec::new();
    }
    (0..=h.len() - k).map(|i| h[i..i + k].iter().fold(0x9e37_79b9_7f4a_7c15u64, |acc, &x| mix64(acc.rotate_left(17) ^ x))).collect()
}

/// Winnow k-gram hashes with window `w`: (top 32 bits of the hash, position) pairs,
/// positions increasing. The minimum is chosen on the full 64-bit hash.
fn winnow(kh: &[u64], w: usize) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(kh.len() * 2 / (w + 1) + 1);
    if kh.is_empty() {
        return out;
    }
    let w = w.min(kh.len());
    let mut last: Option<usize> = None;
    for s in 0..=kh.len() - w {
        // Rightmost minimum in the window [s, s+w): the rightmost rule keeps the
        // same selection while the window slides, which keeps density near 2/(w+1).
        let mut best = s;
        for j in s + 1..s + w {
            if kh[j] <= kh[best] {
                best = j;
            }
        }
        if last != Some(best) {
            out.push(((kh[best] >> 32) as u32, best as u32));
            last = Some(best);
        }
    }
    out
}

/// Hash a sequence of word hashes (used for whole lines and phrases).
pub(crate) fn seq_hash(h: &[u64]) -> u64 {
    let mut bytes = Vec::with_capacity(h.len() * 8);
    for x in h {
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    hash_bytes(&bytes)
}

/// Tokenized config phrases (each a sequence of word hashes; empty phrases dropped).
pub(crate) fn phrase_tokens(cfg: &DupesConfig) -> Vec<Vec<u64>> {
    cfg.boilerplate.iter().map(|p| tokenize(p).hashes).collect()
}

/// Compute fingerprints from an already tokenized text.
pub(crate) fn prints_from_tokens(t: &Tokens, p: Params, phrases: &[Vec<u64>]) -> DocPrints {
    let kh = kgram_hashes(&t.hashes, p.k);
    let mut prints = winnow(&kh, p.w);
    // Sorted by hash, so the candidate index takes each of its slices of the hash space from a
    // document with two binary searches instead of filtering every fingerprint once per slice.
    prints.sort_unstable();

    // Short lines: boilerplate is typically a line of its own ("Advertisement •
    // Scroll to continue."), often shorter than any k-gram guarantee, so whole short
    // lines are hashed too and counted across documents.
    let mut lines = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let mut j = i + 1;
        while j < t.len() && t.lines[j] == t.lines[i] {
            j += 1;
        }
        if (2..=64).contains(&(j - i)) {
            lines.push((seq_hash(&t.hashes[i..j]), i as u32, j as u32));
        }
        i = j;
    }

    // Config phrases: exact normalized word-sequence occurrences. The reported span
    // runs on to the end of the line when little follows (an e-mail address after
    // "For corrections please email"), so the whole boilerplate line is covered.
    let mut found = Vec::new();
    for (pi, ph) in phrases.iter().enumerate() {
        if ph.is_empty() || ph.len() > t.len() {
            continue;
        }
        let mut s = 0;
        while s + ph.len() <= t.len() {
            if t.hashes[s..s + ph.len()] == ph[..] {
                let mut e = s + ph.len();
                let mut line_end = e;
                while line_end < t.len() && t.lines[line_end] == t.lines[s] {
                    line_end += 1;
                }
                if line_end - e <= 12 {
                    e = line_end;
                }
                found.push((pi as u32, s as u32, e as u32));
                s = e;
            } else {
                s += 1;
            }
        }
    }

    DocPrints { k: p.k as u32, w: p.w as u32, n_words: t.len() as u32, prints, lines, phrases: found }
}

/// Fingerprint one document (tokenize, winnow, hash lines, find config phrases).
pub fn fingerprint(text: &str, cfg: &DupesConfig) -> DocPrints {
    let t = tokenize(text);
    prints_from_tokens(&t, Params::from_config(cfg), &phrase_tokens(cfg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_for_defaults() {
        let cfg = DupesConfig::default();
        assert_eq!(Params::from_config(&cfg), Params { k: 4, w: 4 });
    }

    #[test]
    fn winnow_guarantee_holds() {
        // Any shared run of w + k - 1 words must give a common fingerprint.
        let p = Params { k: 4, w: 4 };
        let a: Vec<u64> = (0..200).map(|x| mix64(x * 7 + 1)).collect();
        for start in 0..150 {
            let shared = &a[start..start + p.w + p.k - 1];
            let mut b: Vec<u64> = (1000..1020).map(mix64).collect();
            b.extend_from_slice(shared);
            b.extend((2000..2020).map(mix64));
            let pa = winnow(&kgram_hashes(&a, p.k), p.w);
            let pb = winnow(&kgram_hashes(&b, p.k), p.w);
            let common = pa.iter().any(|x| pb.iter().any(|y| y.0 == x.0));
            assert!(common, "no common print for run at {start}");
        }
    }

    #[test]
    fn stored_prints_round_trip_with_two_and_four_byte_positions() {
        let text = "NATO foreign ministers met in Brussels on Tuesday to discuss aid to Ukraine. ".repeat(20);
        let cfg = DupesConfig { min_words: 12, ..DupesConfig::default() };
        let short = fingerprint(&text, &cfg);
        assert!(!short.prints.is_empty() && short.n_words <= SHORT_POSITIONS);
        // A document longer than two-byte positions reach, with a fingerprint at its last word.
        let long = DocPrints { n_words: SHORT_POSITIONS + 5, prints: vec![(7, 3), (9, SHORT_POSITIONS + 4)], ..short.clone() };
        for (p, record) in [(&short, 6), (&long, 8)] {
            let b = p.to_bytes();
            assert_eq!(b.len(), 24 + p.prints.len() * record + p.lines.len() * 16 + p.phrases.len() * 12);
            let back = DocPrints::from_bytes(&b).expect("decodes");
            assert_eq!((back.k, back.w, back.n_words), (p.k, p.w, p.n_words));
            assert_eq!((&back.prints, &back.lines, &back.phrases), (&p.prints, &p.lines, &p.phrases));
            let odd = DocPrints::from_bytes_keeping(&b, |h| h % 2 == 1).expect("decodes");
            assert_eq!(odd.prints, p.prints.iter().copied().filter(|(h, _)| h % 2 == 1).collect::<Vec<_>>());
            // A cut or padded record is refused, never misread.
            assert!(DocPrints::from_bytes(&b[..b.len() - 1]).is_none());
            assert!(DocPrints::from_bytes(&[b.as_slice(), &[0]].concat()).is_none());
        }
    }
}
