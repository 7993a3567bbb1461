//! Boilerplate detection, clustering of passage instances into groups, and
//! classification of each group.
//!
//! Every verified pair contributes two *instances* (doc, word range) joined by an
//! edge. Boilerplate sources contribute instances chained by edges too:
//! * configured phrases (every occurrence, whatever the corpus size);
//! * short lines (2..=64 words) whose normalized text occurs in at least
//!   `boilerplate_min_docs` documents;
//! * runs of ≥ `min_words` words in one document made only of frequent fingerprints
//!   (document frequency ≥ `boilerplate_min_docs`); runs are tied together through the
//!   hashes they share (union-find over hashes), so one recurring paragraph is one group.
//!
//! Instances in the same document that overlap by at least half of the longer one
//! are the same node (so a passage copied to several documents makes ONE group, while
//! a short boilerplate line inside a longer copied passage does not swallow it). The
//! connected components are the groups; inside a group, overlapping instances of one
//! document are merged into one passage and non-overlapping ones stay separate
//! (internal repetition).

use super::align::{slice_sim, Match};
use super::candidates::Candidates;
use super::fingerprint::{DocPrints, Params};
use super::normalize::Tokens;
use super::{DupesConfig, Group, Passage, PassageKind};
use rayon::prelude::*;

/// Fraction of a passage's words that must be inside quotation marks for the passage
/// to count as quoted. 0.8 accepts a quote whose lead-in word ("to “help rebuild…”")
/// or a trailing attribution word falls outside the marks.
pub const QUOTED_FRACTION: f64 = 0.8;

/// A passage occurrence: word range `[start, end)` in `doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Instance {
    pub doc: u32,
    pub start: u32,
    pub end: u32,
    /// Comes from a boilerplate source.
    pub boiler: bool,
}

/// Instances and edges from the boilerplate sources.
#[derive(Debug, Default)]
pub(crate) struct Boiler {
    pub instances: Vec<Instance>,
    pub edges: Vec<(usize, usize)>,
}

impl Boiler {
    /// Add a set of occurrences (already sorted) chained by edges.
    fn add_chain(&mut self, occ: impl Iterator<Item = (u32, u32, u32)>) {
        let first = self.instances.len();
        for (doc, start, end) in occ {
            self.instances.push(Instance { doc, start, end, boiler: true });
        }
        for i in first + 1..self.instances.len() {
            self.edges.push((i - 1, i));
        }
    }
}

/// Union-find with path halving and union by index (smaller root wins, so roots are
/// deterministic).
struct Dsu(Vec<usize>);

impl Dsu {
    fn new(n: usize) -> Self {
        Dsu((0..n).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.0[hi] = lo;
        }
    }
}

/// Collect boilerplate instances from configured phrases, frequent lines and runs of
/// frequent fingerprints.
pub(crate) fn boilerplate_instances(prints: &[&DocPrints], cands: &Candidates, cfg: &DupesConfig, p: Params) -> Boiler {
    let cap = cfg.boilerplate_min_docs.max(2);
    let mut out = Boiler::default();

    // Configured phrases: any two occurrences form a group. A phrase stands for the whole
    // short line that holds it ("For corrections please email <address> or call ..."), so a
    // footer that starts with a declared phrase is boilerplate as a whole.
    let mut phr: Vec<(u32, u32, u32, u32)> = prints
        .iter()
        .enumerate()
        .flat_map(|(d, pr)| {
            pr.phrases.iter().map(move |&(pi, s, e)| {
                let (s, e) = pr.lines.iter().find(|&&(_, ls, le)| ls <= s && e <= le).map_or((s, e), |&(_, ls, le)| (ls, le));
                (pi, d as u32, s, e)
            })
        })
        .collect();
    phr.sort_unstable();
    for chunk in phr.chunk_by(|x, y| x.0 == y.0) {
        if chunk.len() >= 2 {
            out.add_chain(chunk.iter().map(|&(_, d, s, e)| (d, s, e)));
        }
    }

    // Short lines with high document frequency.
    let mut lines: Vec<(u64, u32, u32, u32)> =
        prints.par_iter().enumerate().flat_map_iter(|(d, pr)| pr.lines.iter().map(move |&(h, s, e)| (h, d as u32, s, e))).collect();
    lines.par_sort_unstable();
    for chunk in lines.chunk_by(|x, y| x.0 == y.0) {
        let df = 1 + chunk.windows(2).filter(|w| w[0].1 != w[1].1).count();
        if df >= cap {
            out.add_chain(chunk.iter().map(|&(_, d, s, e)| (d, s, e)));
        }
    }
    drop(lines);

    // Runs of frequent fingerprints (sorted by doc, pos).
    let mut hashes: Vec<u32> = cands.frequent.iter().map(|x| x.0).collect();
    hashes.par_sort_unstable();
    hashes.dedup();
    let id = |h: u32| hashes.binary_search(&h).unwrap_or(0);
    let mut dsu = Dsu::new(hashes.len());
    let max_step = (p.w + p.k) as u32;
    let mut runs: Vec<(u32, u32, u32, usize)> = Vec::new(); // doc, start, end, hash id
    for doc_chunk in cands.frequent.chunk_by(|x, y| x.1 == y.1) {
        let mut i = 0;
        while i < doc_chunk.len() {
            let mut j = i + 1;
            while j < doc_chunk.len() && doc_chunk[j].2 - doc_chunk[j - 1].2 <= max_step {
                j += 1;
            }
            let (s, e) = (doc_chunk[i].2, doc_chunk[j - 1].2 + p.k as u32);
            if (e - s) as usize >= cfg.min_words.max(1) {
                let first = id(doc_chunk[i].0);
                for x in &doc_chunk[i + 1..j] {
                    dsu.union(first, id(x.0));
                }
                runs.push((doc_chunk[i].1, s, e, first));
            }
            i = j;
        }
    }
    let mut keyed: Vec<(usize, u32, u32, u32)> = runs.iter().map(|&(d, s, e, h)| (dsu.find(h), d, s, e)).collect();
    keyed.sort_unstable();
    for chunk in keyed.chunk_by(|x, y| x.0 == y.0) {
        if chunk.len() >= 2 {
            out.add_chain(chunk.iter().map(|&(_, d, s, e)| (d, s, e)));
        }
    }
    out
}

/// Whether every line `span` of `text` touches is a list item ("- ", "* ", "• ", "1. ") or
/// the list's short heading ("**Key points**"): a
/// live blog repeats its "Key points" box by design, so a list repeated inside one article is
/// the page's furniture (boilerplate), not a paragraph pasted twice.
fn in_a_list(text: &str, span: &std::ops::Range<usize>) -> bool {
    let start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end = span.end.min(text.len());
    text[start..end].lines().filter(|l| !l.trim().is_empty()).all(|l| {
        let l = l.trim_start();
        // The box's own heading ("**Key points**", "## Key events") belongs to it.
        let heading = (l.starts_with("**") || l.starts_with('#')) && l.split_whitespace().count() <= 6;
        heading
            || ["- ", "* ", "• ", "+ "].iter().any(|m| l.starts_with(m))
            || l.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// Whether most words of `span` are the items of a list of names: "Albania, Belgium, Bulgaria,
/// Canada, ..., the United Kingdom and the United States". Two articles that list NATO's
/// members, a summit's guests or a treaty's signatories share a fact, not prose; a sentence
/// that names a few countries on its way ("ministers from Germany, France and Italy met in
/// Brussels") is mostly other words.
fn a_list_of_names(text: &str, span: &std::ops::Range<usize>) -> bool {
    let Some(hay) = text.get(span.clone()) else { return false };
    let (mut words, mut named, mut items) = (0usize, 0usize, 0usize);
    for piece in hay.split([',', ';', ':', '\n', '(', ')', '—', '–']) {
        let ws: Vec<&str> =
            piece.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
        words += ws.len();
        // "the United Kingdom and the United States" is two items; a piece counts when all of
        // it is names.
        let parts: Vec<&[&str]> = ws.split(|w| matches!(*w, "and" | "or" | "&")).collect();
        let is_name = |item: &[&str]| {
            let item = item.strip_prefix(&["the"]).unwrap_or(item);
            !item.is_empty()
                && item.len() <= 4
                && item.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "of" | "the"))
        };
        if !ws.is_empty() && parts.iter().all(|p| is_name(p)) {
            items += parts.len();
            named += ws.len();
        }
    }
    items >= 6 && named * 4 >= words * 3
}

/// A group with its documents renumbered by `f`.
fn relabel(g: &Group, f: impl Fn(usize) -> usize) -> Group {
    Group { passages: g.passages.iter().map(|p| Passage { doc: f(p.doc), ..p.clone() }).collect(), ..g.clone() }
}

/// Byte span, word count and quoted flag of a word range of `text`.
fn passage(doc: u32, s: u32, e: u32, t: &Tokens, text: &str) -> Passage {
    let (s, e) = (s as usize, e as usize);
    let q = with_quotation(text, t, s, e);
    Passage {
        doc: doc as usize,
        span: t.spans[s].0 as usize..t.spans[e - 1].1 as usize,
        words: e - s,
        quoted: q as f64 >= QUOTED_FRACTION * (e - s) as f64,
    }
}

/// Words that attribute a quotation: "said Ruth Okafor", "she told reporters".
fn attributes(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "said"
            | "says"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "according"
            | "wrote"
            | "writes"
            | "stated"
            | "explained"
            | "noted"
            | "warned"
            | "insisted"
            | "declared"
            | "argued"
    )
}

/// Most words of an attribution clause counted with its quotation.
const ATTRIBUTION_WORDS: usize = 16;

/// How many words of `[s, e)` belong with a quotation: those inside its marks, and those of an
/// attribution clause just after or before them (",” said Ruth Okafor, a spokeswoman for the
/// institute.", "Okafor told reporters: “…”", a lead-in ending in a colon), up to its
/// sentence's end. Two outlets
/// quoting one spokeswoman repeat her name and title with her words; that is the quotation
/// shared, not prose copied.
fn with_quotation(text: &str, t: &Tokens, s: usize, e: usize) -> usize {
    let word = |k: usize| text.get(t.spans[k].0 as usize..t.spans[k].1 as usize).unwrap_or("");
    // Whether a sentence ends right after word `k`.
    let ends = |k: usize| {
        let rest = text.get(t.spans[k].1 as usize..).unwrap_or("");
        rest.trim_start_matches(['"', '\'', '”', '’', ')']).starts_with(['.', '!', '?', ':'])
    };
    let mut n = 0;
    let mut i = s;
    while i < e {
        if t.quoted[i] {
            n += 1;
            i += 1;
            continue;
        }
        let mut j = i;
        while j < e && !t.quoted[j] {
            j += 1;
        }
        // The run of unquoted words [i, j): after a quotation, the clause up to its sentence's
        // end when an attribution word opens it; before one, the clause from its sentence's
        // start when an attribution word closes it.
        let after = i > 0 && t.quoted[i - 1] && (i..j.min(i + 5)).any(|k| attributes(word(k)));
        // A colon introduces a quotation too: "Quote of the day, from Lucian Brevik of the
        // forum: “…”".
        let colon = j > i && text.get(t.spans[j - 1].1 as usize..).is_some_and(|r| r.trim_start().starts_with(':'));
        // Before one, the attribution word may open a long lead-in, and the passage may start
        // after it: "The ministry said in a press release on Thursday evening that “…”". The
        // lead-in is read from its sentence's start, even before the passage's first word.
        let reach = j.saturating_sub(ATTRIBUTION_WORDS);
        let lead = (reach..j).rev().find(|&k| k < j - 1 && (ends(k) || (k < i && t.quoted[k]))).map_or(reach, |k| k + 1);
        let before = j < t.quoted.len() && t.quoted[j] && (colon || (lead..j).any(|k| attributes(word(k))));
        if after {
            let end = (i..j).find(|&k| ends(k)).map_or(j, |k| k + 1);
            if end - i <= ATTRIBUTION_WORDS {
                n += end - i;
            }
        } else if before {
            n += j - lead.max(i);
        }
        i = j;
    }
    n
}

/// Results reused from an earlier run's memo, and the entries this run makes for the next.
pub(crate) struct GroupReuse<'a> {
    /// Every document's cache key.
    pub keys: &'a [String],
    /// The earlier run's memo.
    pub memo: Option<&'a super::memo::Memo>,
    /// Every group digest of this run with its result (documents numbered within the group).
    pub made: Vec<(super::memo::Digest, Option<Group>)>,
    /// Groups reused and computed.
    pub reused: usize,
    pub computed: usize,
}

/// Cluster instances into groups and classify them.
///
/// `n_words[d]` is the word count of document `d`; the words themselves are tokenized again
/// here, for the documents of a bounded number of groups at a time (see
/// [`super::align::CHUNK_DOCS`]), so no stage holds the words of the whole corpus. With
/// `reuse`, a group whose inputs (instances, similarities, documents' keys) are in the memo is
/// taken from it and its documents are not tokenized at all.
pub(crate) fn build_groups(
    docs: &[super::Doc<'_>],
    n_words: &[u32],
    boiler: Boiler,
    matches: Vec<Match>,
    cfg: &DupesConfig,
    mut reuse: Option<&mut GroupReuse<'_>>,
) -> Vec<Group> {
    let cap = cfg.boilerplate_min_docs.max(2);
    let mut inst = boiler.instances;
    // Edges carry the verified similarity; boilerplate chain edges are measured later.
    let mut edges: Vec<(usize, usize, Option<f64>)> = boiler.edges.into_iter().map(|(a, b)| (a, b, None)).collect();
    for m in matches {
        let i = inst.len();
        inst.push(Instance { doc: m.doc_a, start: m.a.0, end: m.a.1, boiler: false });
        inst.push(Instance { doc: m.doc_b, start: m.b.0, end: m.b.1, boiler: false });
        edges.push((i, i + 1, Some(m.sim)));
    }
    // Drop instances outside their document (cannot happen when called from
    // `find_groups_from`, kept as a guard against panics).
    let ok = |x: &Instance| n_words.get(x.doc as usize).is_some_and(|&n| x.start < x.end && x.end <= n);

    let mut dsu = Dsu::new(inst.len());
    for &(a, b, _) in &edges {
        dsu.union(a, b);
    }
    // Same-document instances overlapping by ≥ half of the longer are one node.
    let mut order: Vec<usize> = (0..inst.len()).collect();
    order.sort_unstable_by_key(|&i| (inst[i].doc, inst[i].start, inst[i].end, i));
    let mut active: Vec<usize> = Vec::new();
    for &i in &order {
        let x = inst[i];
        active.retain(|&j| inst[j].doc == x.doc && inst[j].end > x.start);
        for &j in &active {
            let y = inst[j];
            let overlap = x.end.min(y.end).saturating_sub(x.start.max(y.start));
            let longer = (x.end - x.start).max(y.end - y.start);
            if 2 * overlap >= longer {
                dsu.union(i, j);
            }
        }
        active.push(i);
    }

    // Components.
    let mut comp: Vec<(usize, usize)> = (0..inst.len()).map(|i| (dsu.find(i), i)).collect();
    comp.sort_unstable();
    let mut edge_by_root: Vec<(usize, usize)> = edges.iter().enumerate().map(|(ei, &(a, _, _))| (dsu.find(a), ei)).collect();
    edge_by_root.sort_unstable();
    let edges_of = |root: usize| {
        let lo = edge_by_root.partition_point(|x| x.0 < root);
        let hi = edge_by_root.partition_point(|x| x.0 <= root);
        &edge_by_root[lo..hi]
    };

    let comps: Vec<(usize, Vec<usize>)> = comp.chunk_by(|x, y| x.0 == y.0).map(|c| (c[0].0, c.iter().map(|x| x.1).collect())).collect();

    // From the memo where it has the component; `todo` lists the rest.
    let mut results: Vec<Option<Group>> = vec![None; comps.len()];
    let mut todo: Vec<usize> = (0..comps.len()).collect();
    let mut digests: Vec<(super::memo::Digest, Vec<u32>)> = Vec::new();
    if let Some(r) = reuse.as_deref_mut() {
        digests = comps
            .par_iter()
            .map(|(root, members)| {
                let mem: Vec<Instance> = members.iter().map(|&i| inst[i]).collect();
                let es: Vec<(Instance, Instance, Option<f64>)> =
                    edges_of(*root).iter().map(|&(_, ei)| (inst[edges[ei].0], inst[edges[ei].1], edges[ei].2)).collect();
                super::memo::group_digest(r.keys, cap, &mem, &es)
            })
            .collect();
        let memo = r.memo;
        let found: Vec<Option<Option<Group>>> = digests
            .par_iter()
            .map(|(d, local)| {
                memo.and_then(|m| m.group(d)).map(|g| g.as_ref().map(|g| relabel(g, |x| local.get(x).map_or(x, |&d| d as usize))))
            })
            .collect();
        todo.clear();
        for (i, f) in found.into_iter().enumerate() {
            match f {
                Some(g) => results[i] = g,
                None => todo.push(i),
            }
        }
        r.reused += comps.len() - todo.len();
        r.computed += todo.len();
    }

    let mut start = 0;
    while start < todo.len() {
        // A run of components whose documents number at most CHUNK_DOCS (or one larger one).
        let mut seen: std::collections::HashSet<u32> = std::collections::HashSet::new();
        let mut needed: Vec<u32> = Vec::new();
        let mut end = start;
        while end < todo.len() {
            let docs_of: Vec<u32> = comps[todo[end]].1.iter().map(|&i| inst[i].doc).filter(|d| !seen.contains(d)).collect();
            let mut fresh = docs_of.clone();
            fresh.sort_unstable();
            fresh.dedup();
            if end > start && needed.len() + fresh.len() > super::align::CHUNK_DOCS {
                break;
            }
            seen.extend(fresh.iter().copied());
            needed.extend(fresh);
            end += 1;
        }
        needed.sort_unstable();
        let toks: Vec<Tokens> = needed.par_iter().map(|&d| super::normalize::tokenize(docs[d as usize].text)).collect();
        let tokens = |d: u32| &toks[needed.binary_search(&d).unwrap_or(0)];
        let made: Vec<(usize, Option<Group>)> = todo[start..end]
            .par_iter()
            .map(|&c| {
                let (root, members) = &comps[c];
                let root = *root;
                let mut iv: Vec<Instance> = members.iter().map(|&i| inst[i]).filter(ok).collect();
                if iv.len() < 2 {
                    return (c, None);
                }
                iv.sort_unstable();
                let boiler_flag = iv.iter().any(|x| x.boiler);
                // Merge overlapping intervals of one document into one passage.
                let mut merged: Vec<(u32, u32, u32)> = Vec::new();
                for x in &iv {
                    match merged.last_mut() {
                        Some(m) if m.0 == x.doc && x.start < m.2 => m.2 = m.2.max(x.end),
                        _ => merged.push((x.doc, x.start, x.end)),
                    }
                }
                if merged.len() < 2 {
                    return (c, None);
                }
                let passages: Vec<Passage> = merged.iter().map(|&(d, s, e)| passage(d, s, e, tokens(d), docs[d as usize].text)).collect();
                let in_docs = 1 + merged.windows(2).filter(|w| w[0].0 != w[1].0).count();
                let kind = if boiler_flag
                    || in_docs >= cap
                    || (in_docs == 1 && passages.iter().all(|p| in_a_list(docs[p.doc].text, &p.span)))
                    || passages.iter().all(|p| a_list_of_names(docs[p.doc].text, &p.span))
                {
                    PassageKind::Boilerplate
                } else if passages.iter().all(|p| p.quoted) {
                    PassageKind::SharedQuotation
                } else {
                    PassageKind::CopiedProse
                };
                // Lowest similarity over the edges of this component.
                let mut sim: f64 = 1.0;
                // A boilerplate group that is not reported needs no similarity: its chain edges,
                // between runs of frequent fingerprints that may be different paragraphs, would
                // each take a Myers diff of up to 6,000 words (a corpus with a passage in 20
                // articles spent 97% of its run there).
                let measure = kind != PassageKind::Boilerplate || cfg.measure_boilerplate;
                for &(_, ei) in edges_of(root) {
                    let (a, b, s) = edges[ei];
                    if s.is_none() && !measure {
                        continue;
                    }
                    let s = s.unwrap_or_else(|| {
                        let (x, y) = (inst[a], inst[b]);
                        if !ok(&x) || !ok(&y) {
                            return 1.0;
                        }
                        let hx = &tokens(x.doc).hashes;
                        let hy = &tokens(y.doc).hashes;
                        let (sx, sy) = (&hx[x.start as usize..x.end as usize], &hy[y.start as usize..y.end as usize]);
                        if sx == sy {
                            1.0
                        } else if sx.len() + sy.len() > 6000 {
                            0.0
                        } else {
                            slice_sim(sx, sy)
                        }
                    });
                    sim = sim.min(s);
                }
                let rendered = (kind != PassageKind::Boilerplate).then(|| super::Rendered::of(docs, &passages));
                (c, Some(Group { kind, passages, similarity: sim, rendered }))
            })
            .collect();
        for (c, g) in made {
            results[c] = g;
        }
        start = end;
    }
    if let Some(r) = reuse {
        r.made = digests
            .into_iter()
            .zip(&results)
            .map(|((d, local), g)| (d, g.as_ref().map(|g| relabel(g, |x| local.binary_search(&(x as u32)).unwrap_or(0)))))
            .collect();
    }
    let mut groups: Vec<Group> = results.into_iter().flatten().collect();
    groups.sort_by(|a, b| {
        let ka = (a.passages[0].doc, a.passages[0].span.start, a.kind);
        let kb = (b.passages[0].doc, b.passages[0].span.start, b.kind);
        ka.cmp(&kb).then_with(|| a.passages.len().cmp(&b.passages.len()))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The passage of `text` from the word `from` starts at to the word `to` ends at (byte
    /// offsets of their first letters), as a passage of document 0.
    fn passage_between(text: &str, from: &str, to: &str) -> Passage {
        let t = super::super::normalize::tokenize(text);
        let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
        let s = t.spans.iter().position(|w| w.0 as usize == at(from)).expect("a word starts there");
        let e = t.spans.iter().position(|w| w.0 as usize == at(to)).expect("a word starts there") + 1;
        passage(0, s as u32, e as u32, &t, text)
    }

    const QUOTE: &str =
        "“Sweden's membership completes the Nordic circle of allies and strengthens the security of the entire Baltic Sea region.”";

    /// A passage that starts inside a long lead-in ("said in a press release on Thursday evening
    /// that") and holds the quotation is the quotation shared: the verb of saying before the
    /// passage's first word opens the lead-in.
    #[test]
    fn a_long_lead_in_after_a_verb_of_saying_belongs_to_the_quotation() {
        let text = format!("The Finnish foreign ministry said in a press release on Thursday evening that {QUOTE} The release added more.");
        let p = passage_between(&text, "in a press", "The release");
        assert_eq!(p.words, 27, "8 words of lead-in, 18 quoted, one of the next sentence");
        assert!(p.quoted, "{p:?}");
    }

    /// The same words before the quotation without a verb of saying are prose of their own: a
    /// passage that holds them is not the quotation shared.
    #[test]
    fn a_long_lead_in_without_a_verb_of_saying_is_prose() {
        let text = format!("The Finnish foreign ministry posted in a press release on Thursday evening that {QUOTE} The release had more.");
        let p = passage_between(&text, "in a press", "The release");
        assert!(!p.quoted, "{p:?}");
    }

    fn names(text: &str) -> bool {
        a_list_of_names(text, &(0..text.len()))
    }

    /// A sidebar's list of NATO's members is a list of names, with or without its heading; prose
    /// that names countries on its way, a title-case headline and a short list are not.
    #[test]
    fn a_list_of_names_is_told_from_prose() {
        let members = "Albania, Belgium, Bulgaria, Canada, Croatia, Czechia, Denmark, Estonia, Finland, France, Germany, Greece, Hungary, Iceland, Italy, Latvia, Lithuania, Luxembourg, Montenegro, the Netherlands, North Macedonia, Norway, Poland, Portugal, Romania, Slovakia, Slovenia, Spain, Turkey, the United Kingdom and the United States.";
        assert!(names(members));
        assert!(names(&format!("The 31 allies: {members}")));
        assert!(names(&format!(
            "**Members (32):** {members} **Partners:** Ukraine; the European Union; Australia, Japan, New Zealand and South Korea."
        )));
        assert!(!names("Foreign ministers from Germany, France, Italy, Spain, Poland and the Netherlands met in Brussels on Tuesday to discuss how quickly air defence systems could reach Ukraine before the winter."));
        assert!(!names("Nato Allies Agree New Fund For Ukraine As Stoltenberg Presses Capitals To Deliver Patriots Before Winter"));
        assert!(!names("Germany, France and Italy."));
    }
}
