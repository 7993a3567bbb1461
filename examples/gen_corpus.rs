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
//! About half the articles also state facts of the shipped rules (NATO's member count, the
//! ministers' meetings, aid to Ukraine, spellings of Kyiv and Zelenskyy) in sentences of their
//! own, a few percent of them wrong, so a benchmark extracts and compares claims too (see
//! `mod facts`); those sentences are not in `truth.jsonl`. `.generator` names the version of
//! this generator that wrote the folder (`bench/scale.sh` writes a folder of another anew).
//!
//! Planted copies: 20–150 words, edit rate 0–10 % (substitutions, deletions,
//! insertions) plus cosmetic case/punctuation/quote-style/spelling changes; some
//! inside quotation marks, some within one article, some syndicated to several.
// A command-line program: printing its results is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Version of what this generator writes: 2 added the fact sentences, 3 shortened them.
const GENERATOR: u32 = 3;

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
    // Fact sentences come from a stream of their own, so the prose and the planted copies are
    // those of the generator before it wrote facts.
    let mut frng = Rng(seed ^ 0xfac7);
    for (d, a) in arts.iter().enumerate() {
        let title = capitalize(&vocab.prose(&mut rng, 6).join(" ").replace(['.', ','], ""));
        let (month, day) = (rng.range(1, 12), rng.range(1, 28));
        let date = format!("2024-{month:02}-{day:02}");
        let source = SOURCES[rng.range(0, SOURCES.len() - 1)];
        // Each fact sentence (shorter than `min-words`) opens a paragraph of plain prose, so no
        // two articles share a run of `min-words` words around it.
        let facts = facts::sentences(&mut frng, facts::day_of_year(month, day));
        let open: Vec<usize> = (0..a.paras.len()).filter(|&i| matches!(a.paras[i].first(), Some(Piece::Text(_)))).collect();
        let mut prefix: Vec<Option<String>> = (0..a.paras.len()).map(|_| None).collect();
        for f in facts.into_iter().take(open.len()) {
            // A few tries for a paragraph without a sentence yet (an article has about sixty).
            for _ in 0..8 {
                let at = open[frng.range(0, open.len() - 1)];
                if prefix[at].is_none() {
                    prefix[at] = Some(f);
                    break;
                }
            }
        }
        let mut body = String::new();
        let sep = if a.one_line { " " } else { "\n\n" };
        for (pi, para) in a.paras.iter().enumerate() {
            if pi > 0 {
                body.push_str(sep);
            }
            if let Some(f) = &prefix[pi] {
                body.push_str(f);
                body.push(' ');
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
    fs::write(out.join(".generator"), format!("{GENERATOR}\n")).expect("write generator version");
    eprintln!("wrote {n} articles, {n_events} planted events to {}", out.display());
}

/// Sentences stating the facts of the shipped rules (`rules/nato.toml`, `rules/ukraine-aid.toml`,
/// `rules/spelling.toml`), so a benchmark run extracts, groups and compares claims at scale.
/// Most agree with each other and with the references for the article's date; a few percent
/// are planted errors: a stale NATO member count, another figure for the aid package, another
/// city or day for a ministers' meeting, a wrong weekday, a variant spelling. Each sentence has
/// at most 8 words, a third short of the shipped `min-words` (12), so a template repeated across
/// articles does not make a near-verbatim passage with a few common words around it (10-word
/// templates did: 652 groups at 100k). Dates are those of 2024 the generator writes.
mod facts {
    use super::Rng;

    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    const CITIES: [&str; 6] = ["Brussels", "Vilnius", "Prague", "Oslo", "Washington", "Helsinki"];
    /// Ministers meet every two weeks from 4 January (day 3) in this corpus.
    const MEETING_EVERY: usize = 14;
    const FIRST_MEETING: usize = 3;
    /// Sweden joined on 7 March 2024 (day 66): 31 members before, 32 from then on.
    const SWEDEN_JOINS: usize = 66;

    /// Day of 2024 (0 = 1 January, a Monday), for a month 1-12 and a day of it.
    pub(super) fn day_of_year(month: usize, day: usize) -> usize {
        const START: [usize; 12] = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
        START[month - 1] + day - 1
    }

    /// (month name, day of month) of a day of 2024.
    fn calendar(doy: usize) -> (&'static str, usize) {
        const START: [usize; 12] = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
        let m = START.iter().rposition(|&s| s <= doy).unwrap_or(0);
        (MONTHS[m], doy - START[m] + 1)
    }

    fn count_words(n: usize) -> &'static str {
        match n {
            30 => "thirty",
            31 => "thirty-one",
            _ => "thirty-two",
        }
    }

    /// Fact sentences for an article written on day `doy` of 2024: none for half the articles,
    /// one to three for the rest.
    pub(super) fn sentences(rng: &mut Rng, doy: usize) -> Vec<String> {
        let mut out = Vec::new();
        if rng.chance(0.5) {
            return out;
        }
        let wanted = rng.range(1, 3);
        // The meeting is reported in the three days after it.
        let meeting = (doy >= FIRST_MEETING).then(|| FIRST_MEETING + (doy - FIRST_MEETING) / MEETING_EVERY * MEETING_EVERY);
        let meeting = meeting.filter(|m| doy - m <= 3);
        let mut kinds: Vec<usize> = (0..6).collect();
        while out.len() < wanted && !kinds.is_empty() {
            let kind = kinds.swap_remove(rng.range(0, kinds.len() - 1));
            let s = match kind {
                0 => {
                    let mut n = if doy < SWEDEN_JOINS { 31 } else { 32 };
                    if rng.chance(0.03) {
                        n -= 1;
                    }
                    let n_text = if rng.chance(0.2) { count_words(n).to_string() } else { n.to_string() };
                    match rng.range(0, 3) {
                        0 => format!("NATO now has {n_text} members, officials noted."),
                        1 => format!("All {n_text} NATO member states sent delegations."),
                        2 => format!("The {n}-member alliance issued a statement."),
                        _ => format!("NATO's {n_text} allies agreed on the plan."),
                    }
                }
                1 => {
                    let Some(m) = meeting else { continue };
                    let mut city = CITIES[(m / MEETING_EVERY) % CITIES.len()];
                    if rng.chance(0.03) {
                        city = CITIES[rng.range(0, CITIES.len() - 1)];
                    }
                    let mut day = m;
                    if rng.chance(0.02) {
                        day = m.saturating_sub(rng.range(2, 5));
                    }
                    let (month, d) = calendar(day);
                    let mut weekday = WEEKDAYS[day % 7];
                    let when = match rng.range(0, 2) {
                        // A weekday alone names the last one on or before the article's date.
                        0 if day < doy => weekday.to_string(),
                        1 => format!("{month} {d}"),
                        _ => {
                            if rng.chance(0.02) {
                                weekday = WEEKDAYS[(day + rng.range(1, 6)) % 7];
                            }
                            format!("{weekday}, {month} {d}")
                        }
                    };
                    format!("NATO met in {city} on {when}.")
                }
                2 => {
                    let money = match rng.range(0, 2) {
                        _ if rng.chance(0.03) => "$61bn",
                        0 => "$60bn",
                        1 => "$60 billion",
                        _ => "$60-billion",
                    };
                    format!("Congress stalled the {money} aid package for Ukraine.")
                }
                3 => {
                    let total = 40 + doy / 30 * 2;
                    format!("The US has given over ${total}bn to Ukraine.")
                }
                4 => {
                    let amount = if rng.chance(0.03) { "€5 billion" } else { "€50 billion" };
                    format!("The European Union pledged {amount} to Ukraine.")
                }
                _ => {
                    let name = if rng.chance(0.04) { "Zelensky" } else { "Zelenskyy" };
                    let city = if rng.chance(0.04) { "Kiev" } else { "Kyiv" };
                    format!("President Volodymyr {name} thanked allies in {city}.")
                }
            };
            out.push(s);
        }
        out
    }
}
