//! Benchmark of `find_groups` on a corpus made by `gen_corpus`.
//!
//! Usage: `cargo run --release --example bench_dupes -- <corpus_dir>`
//!
//! Scoring (shared with `bench/datasketch_peer.py`):
//! * recall over planted pairs of ≥ 40 words: a pair is found when one group has a
//!   passage overlapping ≥ 50 % of the source span and another passage overlapping
//!   ≥ 50 % of the target span;
//! * precision over reported groups: a group is correct when it is `Boilerplate` or
//!   two of its passages overlap two members (source/targets) of one planted event.
// A command-line program: printing its results is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use factdiff::dupes::{find_groups, Doc, DupesConfig, PassageKind};
use std::collections::HashMap;
use std::time::Instant;

fn body(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix("+++") {
        if let Some(end) = rest.find("\n+++") {
            let after = &rest[end + 4..];
            return after.strip_prefix('\n').unwrap_or(after);
        }
    }
    s
}

/// A planted occurrence: (doc index, byte span).
type Member = (usize, Span);
/// A byte span.
type Span = (usize, usize);

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: bench_dupes <corpus_dir>");
    let t0 = Instant::now();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".md"))
        .collect();
    files.sort();
    let raw: Vec<String> = files.iter().map(|f| std::fs::read_to_string(format!("{dir}/{f}")).expect("read article")).collect();
    let docs: Vec<Doc<'_>> = raw.iter().map(|r| Doc { text: body(r) }).collect();
    let mb: usize = docs.iter().map(|d| d.text.len()).sum::<usize>() >> 20;
    let io = t0.elapsed().as_secs_f64();

    let cfg = DupesConfig::default();
    let t1 = Instant::now();
    let groups = find_groups(&docs, &cfg);
    let secs = t1.elapsed().as_secs_f64();

    let idx: HashMap<&str, usize> = files.iter().enumerate().map(|(i, f)| (f.as_str(), i)).collect();
    // Planted events: event -> members (doc, span); pairs with word counts.
    let truth = std::fs::read_to_string(format!("{dir}/truth.jsonl")).expect("truth.jsonl");
    let mut members: HashMap<u64, Vec<Member>> = HashMap::new();
    let mut pairs: Vec<(Member, Member, u64)> = Vec::new();
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("truth line");
        let span = |k: &str| {
            let a = v[k].as_array().expect("span");
            (a[0].as_u64().unwrap() as usize, a[1].as_u64().unwrap() as usize)
        };
        let s = (idx[v["source"].as_str().unwrap()], span("source_span"));
        let t = (idx[v["target"].as_str().unwrap()], span("target_span"));
        let e = v["event"].as_u64().unwrap();
        let m = members.entry(e).or_default();
        if !m.contains(&s) {
            m.push(s);
        }
        m.push(t);
        pairs.push((s, t, v["words"].as_u64().unwrap()));
    }

    // Recall.
    let mut by_doc: HashMap<usize, Vec<(usize, usize, Span)>> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for (pi, p) in g.passages.iter().enumerate() {
            by_doc.entry(p.doc).or_default().push((gi, pi, (p.span.start, p.span.end)));
        }
    }
    let hits = |m: &(usize, (usize, usize))| -> Vec<(usize, usize)> {
        let len = (m.1 .1 - m.1 .0).max(1);
        by_doc.get(&m.0).map(|v| v.iter().filter(|x| 2 * overlap(x.2, m.1) >= len).map(|x| (x.0, x.1)).collect()).unwrap_or_default()
    };
    let eligible: Vec<_> = pairs.iter().filter(|p| p.2 >= 40).collect();
    let mut found = 0usize;
    for (s, t, _) in &eligible {
        let hs = hits(s);
        let ht = hits(t);
        if hs.iter().any(|a| ht.iter().any(|b| a.0 == b.0 && a.1 != b.1)) {
            found += 1;
        }
    }

    // Precision.
    let mut member_index: HashMap<usize, Vec<(u64, usize, Span)>> = HashMap::new();
    for (&e, ms) in &members {
        for (mi, m) in ms.iter().enumerate() {
            member_index.entry(m.0).or_default().push((e, mi, m.1));
        }
    }
    let mut correct = 0usize;
    let mut kinds: HashMap<PassageKind, usize> = HashMap::new();
    for g in &groups {
        *kinds.entry(g.kind).or_default() += 1;
        if g.kind == PassageKind::Boilerplate {
            correct += 1;
            continue;
        }
        // (event, member) touched by each passage
        let touched: Vec<Vec<(u64, usize)>> = g
            .passages
            .iter()
            .map(|p| {
                member_index
                    .get(&p.doc)
                    .map(|v| v.iter().filter(|m| overlap(m.2, (p.span.start, p.span.end)) > 0).map(|m| (m.0, m.1)).collect())
                    .unwrap_or_default()
            })
            .collect();
        let ok = (0..touched.len())
            .any(|i| (i + 1..touched.len()).any(|j| touched[i].iter().any(|a| touched[j].iter().any(|b| a.0 == b.0 && a.1 != b.1))));
        if ok {
            correct += 1;
        }
    }
    let recall = found as f64 / eligible.len().max(1) as f64;
    let precision = correct as f64 / groups.len().max(1) as f64;
    let mut k: Vec<_> = kinds.into_iter().collect();
    k.sort();
    println!(
        "factdiff-dupes docs={} size={}MB read={:.2}s time={:.2}s groups={} kinds={:?} planted>=40={} found={} recall={:.4} precision={:.4}",
        docs.len(),
        mb,
        io,
        secs,
        groups.len(),
        k,
        eligible.len(),
        found,
        recall,
        precision
    );
    if std::env::var("BENCH_VERBOSE").is_ok() {
        for g in groups.iter().take(2000) {
            println!(
                "{:?} {:.3} {:?}",
                g.kind,
                g.similarity,
                g.passages.iter().map(|p| (p.doc, p.span.clone(), p.words)).collect::<Vec<_>>()
            );
        }
    }
}
