//! Throughput of `scan` on ~20 MB of generated English news-like prose, next to a peer
//! measured in the same run on the same text: a plain `\d[\d,.]*` regex `find_iter` count.
//! Run with `cargo run --release --example bench_scan` (optionally a file path to read
//! instead of generating).
// A command-line program: printing its results is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use factdiff::quantity::{scan, NaiveDate, ScanOptions};
use std::time::Instant;

/// Sentence templates; `#` is replaced by a number, `@` by a word of filler.
const TEMPLATES: &[&str] = &[
    "Opposition from hardline Republicans in the U.S. Congress has stalled a new $#-billion package for @ and its allies.",
    "The U.S. has provided more than $#bn in security aid to Ukraine since the war began in February 2022, officials said on Tuesday.",
    "It has closed its entire #,# km (# mile) border with Russia for two weeks, the @ ministry said.",
    "A majority of Americans (# percent) oppose sending more weapons, according to a poll of #,# adults conducted Nov. 29.",
    "Foreign ministers from all 32 NATO member states met in Brussels to discuss the @ and the war over the past year.",
    "Sweden also announced a record aid package worth SEK # billion and €# million for @ and demining.",
    "Some are questioning whether the alliance can keep up support under pressure from @ and the rising cost of energy.",
    "Neither Russia nor the US has signed the 1997 Ottawa Treaty, and Kyiv wants more F-16 and MiG-29 jets for the @.",
    "Prices rose #.# per cent in the year to October, while unemployment fell by #.# percentage points to #.#%.",
    "About # people were killed and tens of thousands displaced, the United Nations said in a statement on @.",
    "The company reported revenue of £#.#bn, up from £#.#bn a year earlier, and said it would hire # staff.",
    "Temperatures reached # degrees Celsius in @ on Wednesday, the highest since records began in 1880.",
    "The storm dumped # inches of rain and winds of up to # mph knocked out power to #,# homes.",
    "One of the officials said the talks, which lasted more than two and a half hours, were constructive.",
    "The @ said it had allocated NOK # billion, roughly $# million, to the reconstruction fund.",
    // Most news sentences carry no number at all.
    "Officials in @ said the decision reflected a broader shift in how the alliance views its eastern flank.",
    "Critics argued that the measure would do little to address the underlying causes of the crisis.",
    "The minister, speaking to reporters after the meeting, declined to say when the talks would resume.",
    "Analysts said the move was likely to deepen tensions between @ and its neighbours in the coming months.",
    "Residents described hearing explosions overnight as air defence systems engaged incoming drones near @.",
    "The proposal still needs the approval of lawmakers, many of whom have expressed doubts about its cost.",
    "“We will not be intimidated,” the spokesman said, adding that the government remained committed to dialogue.",
    "It was not immediately clear how the new rules would be enforced or who would pay for them.",
];

const FILLER: &[&str] = &[
    "Ukraine",
    "the government",
    "Kyiv",
    "the region",
    "Europe",
    "the eastern front",
    "Moscow",
    "the parliament",
    "local authorities",
    "the Black Sea",
    "the coalition",
    "Washington",
];

/// Deterministic pseudo-random numbers (a 64-bit LCG).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

fn generate(target: usize) -> String {
    let mut rng = Lcg(42);
    let mut out = String::with_capacity(target + 1024);
    let mut sentences = 0;
    while out.len() < target {
        let t = TEMPLATES[(rng.next() as usize) % TEMPLATES.len()];
        for c in t.chars() {
            match c {
                '#' => {
                    let n = rng.next() % 1000;
                    out.push_str(&n.to_string());
                }
                '@' => out.push_str(FILLER[(rng.next() as usize) % FILLER.len()]),
                c => out.push(c),
            }
        }
        sentences += 1;
        out.push(if sentences % 6 == 0 { '\n' } else { ' ' });
    }
    out
}

/// CPU time (user + system) of this thread in seconds, from /proc (Linux; None elsewhere).
/// The machine is shared, so CPU time is a steadier measure than wall time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}")),
        None => generate(20 * 1024 * 1024),
    };
    let mb = text.len() as f64 / (1024.0 * 1024.0);
    let opts = ScanOptions { article_date: NaiveDate::from_ymd_opt(2023, 11, 30) };

    // Warm-up (lexicon and pattern statics, page faults).
    let _ = scan(text.get(..100_000).unwrap_or(&text), &opts);

    // Best and median of five runs each: the machine is shared, so single runs are noisy.
    const RUNS: usize = 5;
    let mut scan_times = Vec::with_capacity(RUNS);
    let mut mentions = 0;
    let c0 = cpu_seconds();
    for _ in 0..RUNS {
        let t0 = Instant::now();
        mentions = scan(&text, &opts).len();
        scan_times.push(t0.elapsed().as_secs_f64());
    }
    let scan_cpu = c0.zip(cpu_seconds()).map(|(a, b)| (b - a) / RUNS as f64);
    let re = regex::Regex::new(r"\d[\d,.]*").unwrap_or_else(|e| panic!("regex: {e}"));
    let mut peer_times = Vec::with_capacity(RUNS);
    let mut peer = 0;
    let c1 = cpu_seconds();
    for _ in 0..RUNS {
        let t1 = Instant::now();
        peer = re.find_iter(&text).count();
        peer_times.push(t1.elapsed().as_secs_f64());
    }
    let peer_cpu = c1.zip(cpu_seconds()).map(|(a, b)| (b - a) / RUNS as f64);
    scan_times.sort_by(f64::total_cmp);
    peer_times.sort_by(f64::total_cmp);
    let (scan_best, scan_med) = (mb / scan_times[0], mb / scan_times[RUNS / 2]);
    let (peer_best, peer_med) = (mb / peer_times[0], mb / peer_times[RUNS / 2]);
    println!("text: {mb:.1} MB, {RUNS} runs each");
    println!("scan:  best {scan_best:7.1} MB/s, median {scan_med:7.1} MB/s ({mentions} mentions)");
    println!("regex: best {peer_best:7.1} MB/s, median {peer_med:7.1} MB/s ({peer} matches)");
    if let (Some(sc), Some(pc)) = (scan_cpu, peer_cpu) {
        if sc > 0.0 && pc > 0.0 {
            println!("cpu time: scan {:.1} MB/s, regex {:.1} MB/s (mean over runs)", mb / sc, mb / pc);
        }
    }
    let (scan_rate, peer_rate) = (scan_med, peer_med);
    println!("ratio scan/regex (median): {:.3}", scan_rate / peer_rate);
}
