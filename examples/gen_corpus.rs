//! Deterministic generator of synthetic news-like corpora with planted near-verbatim
//! copies, for benchmarking the `dupes` module.
//!
//! Usage: `cargo run --release --example gen_corpus -- <n_articles> <seed> <out_dir>`
//!
//! Writes `<out_dir>/a_000000.md …` (each with a `+++` TOML front matter: title, date,
//! source, then ~6 KB of English-like prose from a synthetic vocabulary), and:
//! * `truth.jsonl`: one line per planted (source, target) pair: `event`, `source`,
//!   `source_span`, `target`, `target_span`, `words`, `edit_rate`, `quoted`,
//!   `internal`. Spans are byte offsets into the article **body** (the text after the
//!   closing `+++` line).
//! * `boilerplate.jsonl`: every recurring boilerplate line / template paragraph:
//!   `file`, `span` (body offsets).
//!
//! Planted copies: 20–150 words, edit rate 0–10 % (substitutions, deletions,
//! insertions) plus cosmetic case/punctuation/quote-style/spelling changes; some
//! inside quotation marks, some within one article, some syndicated to several.
// A command-line program: printing its results is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// splitmix64: tiny deterministic PRNG (no external dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }
}

const FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "by", "at", "from", "was", "is", "were", "has", "have", "had",
    "its", "their", "this", "these", "after", "before", "while", "which", "who", "over", "under", "about", "into", "more", "than", "also",
    "but", "not", "would", "could", "will", "said", "new", "other", "some", "many", "most", "between", "during", "against", "since",
    "when", "where", "an", "it", "they", "be",
];
const SYL: &[&str] = &[
    "ka", "lo", "mer", "tan", "vi", "dro", "sel", "pa", "ru", "quin", "bor", "te", "las", "mi", "nor", "gal", "fe", "ston", "ri", "da",
    "ven", "plo", "cu", "har", "zen", "ti", "mon", "bel", "sar", "do", "lin", "gru", "pe", "tor", "wal", "ny", "ex", "ham", "cor", "fi",
];
/// British/American pairs: the source uses the first, copies sometimes the second.
const SPELL: &[(&str, &str)] = &[
    ("defence", "defense"),
    ("colour", "color"),
    ("organised", "organized"),
    ("centre", "center"),
    ("travelled", "traveled"),
    ("labour", "labor"),
];
const BOILER: &[&str] = &[
    "Advertisement • Scroll to continue.",
    "For corrections please email corrections@example.org",
    "Sign up for the morning briefing newsletter today",
    "Follow us on social media for the latest updates from the newsroom",
    "This article is shared under the standard syndication terms of the cooperative news network and may not be reproduced without the written permission of the members of the cooperative or their appointed agents in any region",
];
const SOURCES: &[&str] = &[
    "Daily Lantern",
    "The Meridian",
    "Coastline Post",
    "Northern Ledger",
    "Valley Courier",
    "Metro Dispatch",
    "Harbor Times",
    "Summit Herald",
];

struct Vocab {
    words: Vec<String>,
}

impl Vocab {
    fn new(rng: &mut Rng, n: usize) -> Vocab {
        let mut words: Vec<String> = Vec::with_capacity(n);
        let mut seen = std::collections::HashSet::new();
        while words.len() < n {
            let k = rng.range(2, 4);
            let w: String = (0..k).map(|_| SYL[rng.range(0, SYL.len() - 1)]).collect();
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        for (br, _) in SPELL {
            words.insert(rng.range(0, 200), br.to_string());
        }
        Vocab { words }
    }
    fn word(&self, rng: &mut Rng) -> String {
        if rng.chance(0.45) {
            FUNCTION[rng.range(0, FUNCTION.len() - 1)].to_string()
        } else {
            // Zipf-like skew: common content words recur across many articles.
            let i = (self.words.len() as f64 * rng.f().powf(2.2)) as usize;
            self.words[i.min(self.words.len() - 1)].clone()
        }
    }
    /// Prose of exactly `n` words, as sentences.
    fn prose(&self, rng: &mut Rng, n: usize) -> Vec<String> {
        let mut out = Vec::with_capacity(n);
        let mut left_in_sentence = 0;
        for i in 0..n {
            let mut w = self.word(rng);
            if left_in_sentence == 0 {
                left_in_sentence = rng.range(8, 24);
                w = capitalize(&w);
            }
            left_in_sentence -= 1;
            if left_in_sentence == 0 || i + 1 == n {
                w.push('.');
            } else if rng.chance(0.07) {
                w.push(',');
            }
            out.push(w);
        }
        out
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Apply edits at `rate` plus cosmetic changes; returns the edited word list.
fn edit(words: &[String], rate: f64, vocab: &Vocab, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len() + 4);
    for w in words {
        if rng.chance(rate) {
            let r = rng.f();
            if r < 0.5 {
                let mut n = vocab.word(rng);
                if w.ends_with('.') {
                    n.push('.');
                }
                out.push(n);
            } else if r < 0.8 {
                // deletion
            } else {
                out.push(w.clone());
                out.push(vocab.word(rng));
            }
            continue;
        }
        let mut w = w.clone();
        for (br, am) in SPELL {
            if w.trim_end_matches(['.', ',']).eq_ignore_ascii_case(br) && rng.chance(0.7) {
                w = w.replacen(br, am, 1);
            }
        }
        if rng.chance(0.04) {
            w = if w.chars().next().is_some_and(|c| c.is_uppercase()) { w.to_lowercase() } else { capitalize(&w) };
        }
        if rng.chance(0.04) {
            if w.ends_with(',') {
                w.pop();
            } else if !w.ends_with('.') {
                w.push(',');
            }
        }
        out.push(w);
    }
    if out.is_empty() {
        out.push(vocab.word(rng));
    }
    out
}

/// A piece of a paragraph: plain text or a tracked span.
enum Piece {
    Text(String),
    /// Tracked text: (tag, prefix, tracked text, suffix); only the middle is the span.
    Tracked(Tag, String, String, String),
}

#[derive(Clone, Copy)]
enum Tag {
    Planted { event: usize, member: usize },
    Boiler,
}

struct Article {
    paras: Vec<Vec<Piece>>,
    one_line: bool,
}

/// (member index, doc, byte span) of one planted occurrence.
type MemberSpan = (usize, usize, (usize, usize));

struct Event {
    words: usize,
    rate: f64,
    quoted: bool,
    internal: bool,
    /// (doc, span) per member; member 0 is the source.
    spans: Vec<(usize, (usize, usize))>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: gen_corpus <n_articles> <seed> <out_dir>");
        std::process::exit(2);
    }
    let n: usize = args[1].parse().expect("n_articles");
    let seed: u64 = args[2].parse().expect("seed");
    let out = Path::new(&args[3]);
    fs::create_dir_all(out).expect("create out dir");
    let mut rng = Rng(seed ^ 0x5eed);
    let vocab = Vocab::new(&mut rng, 12000);

    // Base articles.
    let mut arts: Vec<Article> = (0..n)
        .map(|_| {
            let mut paras = Vec::new();
            let mut bytes = 0;
            while bytes < 5600 {
                let w = rng.range(40, 120);
                let text = vocab.prose(&mut rng, w).join(" ");
                bytes += text.len() + 2;
                paras.push(vec![Piece::Text(text)]);
            }
            Article { paras, one_line: rng.chance(0.15) }
        })
        .collect();

    // Boilerplate lines and a press-release template with slots.
    for a in arts.iter_mut() {
        for b in BOILER {
            if rng.chance(0.07) {
                let at = rng.range(0, a.paras.len());
                a.paras.insert(at, vec![Piece::Tracked(Tag::Boiler, String::new(), b.to_string(), String::new())]);
            }
        }
        if rng.chance(0.08) {
            let org = capitalize(&vocab.words[rng.range(0, 3000)]);
            let place = capitalize(&vocab.words[rng.range(0, 3000)]);
            let t = format!(
                "About {org}: {org} is a leading provider of services to customers in {place} and beyond, \
                 and its shares trade on the regional exchange. Forward-looking statements in this release \
                 involve risks and uncertainties, and actual results may differ materially from those \
                 expressed by {org} management in {place}."
            );
            a.paras.push(vec![Piece::Tracked(Tag::Boiler, String::new(), t, String::new())]);
        }
    }

    // Planted copies.
    let n_events = n / 2 + 1;
    let mut events: Vec<Event> = Vec::new();
    for e in 0..n_events {
        let src = rng.range(0, n - 1);
        let words = rng.range(20, 150);
        let rate = (rng.f() * 0.10 * 1000.0).round() / 1000.0;
        let quoted = rng.chance(0.25);
        let internal = rng.chance(0.15);
        let targets: Vec<usize> = if internal {
            vec![src]
        } else {
            let k = if rng.chance(0.15) { rng.range(2, 4) } else { 1 };
            let mut t = Vec::new();
            while t.len() < k {
                let d = rng.range(0, n - 1);
                if d != src && !t.contains(&d) {
                    t.push(d);
                }
            }
            t
        };
        let passage = vocab.prose(&mut rng, words);
        let place = |a: &mut Article, text: String, tag: Tag, rng: &mut Rng, after: usize| {
            let (pre, suf) = if quoted && rng.chance(0.3) {
                ("The spokesperson said: \"".to_string(), "\"".to_string())
            } else if quoted {
                ("The spokesperson said: “".to_string(), "”".to_string())
            } else {
                (String::new(), String::new())
            };
            let at = rng.range(after.min(a.paras.len()), a.paras.len());
            if rng.chance(0.6) || at == a.paras.len() {
                a.paras.insert(at, vec![Piece::Tracked(tag, pre, text, suf)]);
                at
            } else {
                a.paras[at].push(Piece::Tracked(tag, pre, text, suf));
                at
            }
        };
        let pos = place(&mut arts[src], passage.join(" "), Tag::Planted { event: e, member: 0 }, &mut rng, 0);
        for (m, &t) in targets.iter().enumerate() {
            let copy = edit(&passage, rate, &vocab, &mut rng).join(" ");
            let after = if internal { pos + 2 } else { 0 };
            place(&mut arts[t], copy, Tag::Planted { event: e, member: m + 1 }, &mut rng, after);
        }
        events.push(Event { words, rate, quoted, internal, spans: Vec::new() });
    }

    // Assemble and write.
    let mut member_spans: Vec<Vec<MemberSpan>> = (0..n_events).map(|_| Vec::new()).collect();
    let mut boiler_lines = String::new();
    for (d, a) in arts.iter().enumerate() {
        let mut body = String::new();
        let sep = if a.one_line { " " } else { "\n\n" };
        for (pi, para) in a.paras.iter().enumerate() {
            if pi > 0 {
                body.push_str(sep);
            }
            for (k, piece) in para.iter().enumerate() {
                if k > 0 {
                    body.push(' ');
                }
                match piece {
                    Piece::Text(t) => body.push_str(t),
                    Piece::Tracked(tag, pre, t, suf) => {
                        body.push_str(pre);
                        let s = body.len();
                        body.push_str(t);
                        let e = body.len();
                        body.push_str(suf);
                        match *tag {
                            Tag::Planted { event, member } => member_spans[event].push((member, d, (s, e))),
                            Tag::Boiler => {
                                let _ = writeln!(boiler_lines, "{{\"file\":\"a_{d:06}.md\",\"span\":[{s},{e}]}}");
                            }
                        }
                    }
                }
            }
        }
        body.push('\n');
        let title = capitalize(&vocab.prose(&mut rng, 6).join(" ").replace(['.', ','], ""));
        let date = format!("2024-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
        let source = SOURCES[rng.range(0, SOURCES.len() - 1)];
        let text = format!("+++\ntitle = \"{title}\"\ndate = \"{date}\"\nsource = \"{source}\"\n+++\n{body}");
        fs::write(out.join(format!("a_{d:06}.md")), text).expect("write article");
    }
    let mut truth = String::new();
    for (e, ev) in events.iter_mut().enumerate() {
        member_spans[e].sort();
        ev.spans = member_spans[e].iter().map(|&(_, d, s)| (d, s)).collect();
        let (sd, ss) = ev.spans[0];
        for &(td, ts) in &ev.spans[1..] {
            let _ = writeln!(
                truth,
                "{{\"event\":{e},\"source\":\"a_{sd:06}.md\",\"source_span\":[{},{}],\"target\":\"a_{td:06}.md\",\"target_span\":[{},{}],\"words\":{},\"edit_rate\":{},\"quoted\":{},\"internal\":{}}}",
                ss.0, ss.1, ts.0, ts.1, ev.words, ev.rate, ev.quoted, ev.internal
            );
        }
    }
    fs::write(out.join("truth.jsonl"), truth).expect("write truth");
    fs::write(out.join("boilerplate.jsonl"), boiler_lines).expect("write boilerplate");
    // The answer files are not articles: keep factdiff's walk (which reads .jsonl) off them.
    fs::write(out.join(".factdiffignore"), "truth.jsonl\nboilerplate.jsonl\n").expect("write ignore file");
    eprintln!("wrote {n} articles, {n_events} planted events to {}", out.display());
}
