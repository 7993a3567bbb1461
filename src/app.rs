//! The application: turns parsed arguments into a validated configuration, runs the pipeline
//! and writes the report to the writers it is given. The library never touches the process's
//! stdout or stderr itself; the binary hands them in.

use crate::checks::{self, Context};
use crate::cli::{
    CheckArgs, ColorChoice, Command, DiffArgs, EditorialFormat, FailOn, ListFormat, QuantitiesArgs, ReviewArgs, RulesCommand,
};
use crate::config::{self, Config};
use crate::corpus;
use crate::extract::{self, Claim};
use crate::finding::Finding;
use crate::progress::{Progress, Silent};
use crate::report::{self, Format, PrintOptions, Report, Summary};
use crate::rules::{self, RuleSet, Severity};
use anyhow::{bail, Context as _};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the failure threshold.
    Clean,
    /// Findings at or above the threshold.
    Findings,
    /// Usage, rule, configuration or runtime error.
    Error,
}

impl Outcome {
    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Error => 2,
        }
    }
}

/// The validated configuration of `check`.
#[derive(Debug)]
pub struct CheckConfig {
    /// The project configuration (factdiff.toml) it was resolved with.
    pub project: Config,
    /// Article paths.
    pub paths: Vec<PathBuf>,
    /// Compiled rules.
    pub rules: RuleSet,
    /// Output format.
    pub format: Format,
    /// Where to write the report (`None`: standard output).
    pub output: Option<PathBuf>,
    /// Show source excerpts.
    pub show_source: bool,
    /// Failure threshold (`None`: never).
    pub fail_on: Option<Severity>,
    /// Checks to run (empty: all).
    pub select: Vec<String>,
    /// Skipped files fail the run.
    pub strict: bool,
    /// The cache file (`None`: no cache).
    pub cache: Option<PathBuf>,
    /// Known findings to hide.
    pub baseline: Option<crate::baseline::Baseline>,
    /// Write a baseline here instead of failing on findings.
    pub write_baseline: Option<PathBuf>,
    /// Only report findings involving these articles (canonical paths).
    pub changed: Option<BTreeSet<PathBuf>>,
    /// Colour in tables.
    pub color: bool,
    /// Table width.
    pub width: u16,
}

/// Run a parsed command line. `check` and `dupes` report how far along they are to
/// `progress` (the binary draws it on a terminal).
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write, progress: &dyn Progress) -> anyhow::Result<Outcome> {
    match command {
        Command::Check(args) => {
            let threads = args.threads;
            let config = match check_config(args, err)? {
                Some(c) => c,
                None => return Ok(Outcome::Error),
            };
            check(&config, threads, out, err, progress)
        }
        Command::Dupes(mut args) => {
            // `dupes` is the near-verbatim check alone: another check named is a mistake, not a
            // wish to be ignored.
            if let Some(other) = args.select.iter().find(|s| s.as_str() != "near-verbatim") {
                bail!("`dupes` runs only the near-verbatim check, so --select {other} does nothing here; use `factdiff check --select {other}`");
            }
            args.select = vec!["near-verbatim".to_string()];
            run(Command::Check(args), out, err, progress)
        }
        Command::Config(args) => {
            let project = match project_config(args.config.as_deref(), args.isolated) {
                Ok(c) => c,
                Err(e) => {
                    writeln!(err, "error: invalid configuration\n{e}")?;
                    return Ok(Outcome::Error);
                }
            };
            let rules = project.rules.clone().unwrap_or_else(|| PathBuf::from("rules"));
            let paths = project.paths.clone().unwrap_or_else(|| vec![PathBuf::from("corpus")]);
            write!(out, "{}", project.to_toml(&rules, &paths, project.fail_on.unwrap_or(FailOn::Error)))?;
            Ok(Outcome::Clean)
        }
        Command::Quantities(args) => quantities(&args, out, err),
        Command::Rules(cmd) => rules_command(cmd, out, err),
        Command::Review(args) => review(args, out, err),
        Command::Diff(args) => diff(args, out, err),
        Command::Init => init(out),
        Command::Cache(crate::cli::CacheCommand::Clear { cache }) => {
            let path = match cache {
                Some(p) => p,
                None => match project_config(None, false) {
                    Ok(c) => default_cache(&c),
                    Err(e) => {
                        writeln!(err, "error: invalid configuration (it says where the cache is)\n{e}")?;
                        return Ok(Outcome::Error);
                    }
                },
            };
            let removed = crate::cache::clear(&path).with_context(|| format!("could not remove {}", path.display()))?;
            writeln!(out, "{}", if removed { format!("removed {}", path.display()) } else { format!("no cache at {}", path.display()) })?;
            Ok(Outcome::Clean)
        }
    }
}

fn with_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> anyhow::Result<T> {
    match threads {
        None => Ok(f()),
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => Ok(rayon::ThreadPoolBuilder::new().num_threads(n).build().context("could not start worker threads")?.install(f)),
    }
}

/// The rules a command reads: `explicit` (`--rules`), else `rules` of the factdiff.toml found
/// upward from the working folder, else `rules`. A broken factdiff.toml is reported, as `check`
/// reports it, rather than passed over; `None` after an error was printed.
fn load_configured_rules(explicit: Option<&std::path::Path>, err: &mut dyn Write) -> anyhow::Result<Option<RuleSet>> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match project_config(None, false) {
            Ok(c) => c.rules.unwrap_or_else(|| PathBuf::from("rules")),
            Err(e) => {
                writeln!(err, "error: invalid configuration\n{e}")?;
                return Ok(None);
            }
        },
    };
    load_rules_or_report(&path, err)
}

/// The cache file when none is named: `.factdiff/cache.db` beside the project's factdiff.toml, so
/// a run from any folder of the project (the corpus folder too) shares one cache at its root;
/// without a factdiff.toml, in the working folder.
fn default_cache(project: &Config) -> PathBuf {
    match project.file.as_deref().and_then(std::path::Path::parent).filter(|d| !d.as_os_str().is_empty()) {
        Some(root) => root.join(crate::cache::DEFAULT_PATH),
        None => PathBuf::from(crate::cache::DEFAULT_PATH),
    }
}

/// Validate `check`'s arguments; rule errors are printed and give `None`.
fn check_config(args: CheckArgs, err: &mut dyn Write) -> anyhow::Result<Option<CheckConfig>> {
    let mut project = match project_config(args.config.as_deref(), args.isolated) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "error: invalid configuration\n{e}")?;
            return Ok(None);
        }
    };
    project.verbose = args.verbose;
    let rules_path = args.rules.clone().or_else(|| project.rules.clone()).unwrap_or_else(|| PathBuf::from("rules"));
    let paths =
        if args.paths.is_empty() { project.paths.clone().unwrap_or_else(|| vec![PathBuf::from("corpus")]) } else { args.paths.clone() };
    let fail_on = args.fail_on.or(project.fail_on).unwrap_or(FailOn::Error);
    for s in &args.select {
        if checks::info(s).is_none() {
            let known: Vec<&str> = checks::CHECKS.iter().map(|c| c.id).collect();
            bail!("unknown check `{s}` in --select; checks are: {}", known.join(", "));
        }
    }
    let mut rules = match rules::load(&rules_path) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "error: invalid rules\n{e}")?;
            return Ok(None);
        }
    };
    if rules.files.is_empty() {
        writeln!(
            err,
            "warning: no rule files (*.toml) in {}: no facts or spellings are tracked; run `factdiff init` for a starter rule file",
            rules_path.display()
        )?;
    }
    // An id in [[per-path]] ignore that names no check or rule is a typo that would silently
    // ignore nothing.
    for p in &project.per_path {
        for id in &p.ignore {
            let known = checks::info(id).is_some() || rules.facts.iter().any(|f| &f.id == id) || rules.terms.iter().any(|t| &t.id == id);
            if !known {
                let file = project.file.as_ref().map_or_else(|| "factdiff.toml".to_string(), |f| f.display().to_string());
                writeln!(
                    err,
                    "error: invalid configuration\n{file}: [[per-path]] ignore names `{id}`, which is no check or rule id\n  hint: checks are {}; rule ids are listed by `factdiff rules list`",
                    checks::CHECKS.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
                )?;
                return Ok(None);
            }
        }
    }
    if let Some(m) = project.near_verbatim.min_words {
        rules.near_verbatim.dupes.min_words = m;
    }
    if let Some(s) = project.near_verbatim.similarity {
        rules.near_verbatim.dupes.similarity = s;
    }
    let color = use_color(args.color);
    let width = table_width();
    let cache = if args.no_cache { None } else { Some(args.cache.clone().unwrap_or_else(|| default_cache(&project))) };
    Ok(Some(CheckConfig {
        project,
        paths,
        rules,
        format: args.format,
        output: args.output,
        show_source: args.show_source,
        fail_on: match fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        },
        select: args.select,
        strict: args.strict,
        cache,
        baseline: match &args.baseline {
            Some(p) => Some(crate::baseline::Baseline::read(p)?),
            None => None,
        },
        write_baseline: args.write_baseline,
        changed: changed_articles(args.changed_since.as_deref(), args.files_from.as_deref())?,
        color,
        width,
    }))
}

/// Every mention and every claim in the corpus, read per article in parallel; claims in a
/// fixed order.
pub fn extract_all(articles: &[corpus::Article], rules: &RuleSet) -> (Vec<Vec<crate::quantity::Mention>>, Vec<Claim>) {
    let mentions: Vec<Vec<crate::quantity::Mention>> = articles.par_iter().map(extract::mentions).collect();
    let claims = claims_of(articles, rules, &mentions);
    (mentions, claims)
}

/// The claims of every article, given its mentions, in a fixed order.
pub fn claims_of(articles: &[corpus::Article], rules: &RuleSet, mentions: &[Vec<crate::quantity::Mention>]) -> Vec<Claim> {
    let mut claims: Vec<Claim> =
        articles.par_iter().enumerate().flat_map_iter(|(i, a)| extract::claims_from(i, a, rules, &mentions[i])).collect();
    claims.sort_by_key(|c| (c.fact, c.article, c.span.start, c.span.end));
    claims
}

/// Per-article work — mentions, passage fingerprints, the uses of spelling terms and the
/// quotations — from the cache where it has them, computed (in parallel) and stored where it
/// does not.
fn per_article(
    articles: &[corpus::Article],
    keys: &[String],
    cache: &mut crate::cache::Cache,
    rules: &RuleSet,
    memo: Option<&crate::dupes::Memo>,
    warnings: &mut Vec<String>,
    progress: &dyn Progress,
) -> PerArticle {
    let nv = &rules.near_verbatim.dupes;
    // An entry's items, from the cache or (none there) found in the article: (entry, new).
    let fill = |a: &corpus::Article, s: Option<crate::cache::Entry>| {
        let e = match s {
            Some(e) => (e, false),
            None => {
                let mentions = extract::mentions(a);
                let entry = crate::cache::Entry {
                    claims: extract::claims_from(0, a, rules, &mentions),
                    mentions,
                    prints: crate::dupes::fingerprint(a.body_text(), nv),
                    terms: checks::term_uses(a, rules),
                    quotes: checks::quote_spans(a),
                };
                (entry, true)
            }
        };
        progress.advance(1);
        e
    };
    let fill_all = |at: &[usize], stored: Vec<Option<crate::cache::Entry>>| -> Vec<(crate::cache::Entry, bool)> {
        at.par_iter().zip(stored.into_par_iter()).map(|(&i, s)| fill(&articles[i], s)).collect()
    };
    let everything: Vec<usize> = (0..articles.len()).collect();
    // With the near-verbatim memo, the fingerprints the candidate index would pass over are
    // not even decoded (`dupes::shared::PrintPlan`): the articles it indexes whole are read
    // first, then the others through the filter their fingerprints complete (100k articles:
    // 728 MB of fingerprints, of which about an eighth can still be shared).
    let plan = memo.and_then(|m| Some((m, crate::dupes::shared::PrintPlan::of(m, keys)?)));
    let (entries, filtered) = match plan {
        None => (fill_all(&everything, cache.get_all(keys)), 0),
        Some((memo, plan)) => {
            let (rest, whole): (Vec<usize>, Vec<usize>) = everything.into_iter().partition(|&d| plan.is_filtered(d));
            let keys_of = |at: &[usize]| at.iter().map(|&d| keys[d].clone()).collect::<Vec<String>>();
            let whole_entries = fill_all(&whole, cache.get_all(&keys_of(&whole)));
            let filter = plan.filter(memo, nv, whole_entries.iter().map(|(e, _)| &e.prints));
            let rest_keys = keys_of(&rest);
            let stored = match &filter {
                Some(f) => cache.get_all_keeping(&rest_keys, &|h| f.keeps(h)),
                None => cache.get_all(&rest_keys),
            };
            let filtered = if filter.is_some() { stored.iter().filter(|s| s.is_some()).count() } else { 0 };
            let rest_entries = fill_all(&rest, stored);
            let mut all: Vec<(usize, (crate::cache::Entry, bool))> =
                whole.into_iter().zip(whole_entries).chain(rest.into_iter().zip(rest_entries)).collect();
            all.sort_unstable_by_key(|x| x.0);
            (all.into_iter().map(|x| x.1).collect(), filtered)
        }
    };
    let fresh: Vec<(String, &crate::cache::Entry)> =
        entries.iter().zip(keys).filter(|((_, new), _)| *new).map(|((e, _), k)| (k.clone(), e)).collect();
    if !fresh.is_empty() {
        cache.put_all(&fresh, warnings);
    }
    let mut out = PerArticle { filtered, ..PerArticle::default() };
    for (i, (e, _)) in entries.into_iter().enumerate() {
        // A damaged row that still parses may name text the article does not have: passed over.
        let fits = |c: &extract::Claim| {
            let text = &articles[i].text;
            let within = |r: &std::ops::Range<usize>| r.start <= r.end && text.get(r.clone()).is_some();
            c.fact < rules.facts.len() && within(&c.span) && within(&c.matched) && within(&c.sentence)
        };
        out.claims.extend(e.claims.into_iter().filter(fits).map(|c| extract::Claim { article: i, ..c }));
        out.mentions.push(e.mentions);
        out.prints.push(e.prints);
        out.terms.push(e.terms);
        out.quotes.push(e.quotes);
    }
    out
}

/// What the per-article stage hands to the checks, one item per article in article order.
#[derive(Default)]
struct PerArticle {
    /// Every article's claims, in article order.
    claims: Vec<Claim>,
    mentions: Vec<Vec<crate::quantity::Mention>>,
    prints: Vec<crate::dupes::DocPrints>,
    terms: Vec<Vec<checks::TermUse>>,
    quotes: Vec<Vec<checks::QuoteSpan>>,
    /// Articles whose stored fingerprints were read through the filter of those that can
    /// still be shared.
    filtered: usize,
}

/// Name of the near-verbatim memo in the cache's `runs` table.
const NEAR_VERBATIM_MEMO: &str = "near-verbatim";

/// The result of running the checks on a corpus.
pub struct Run {
    /// The corpus as read.
    pub corpus: corpus::Corpus,
    /// Every claim.
    pub claims: Vec<Claim>,
    /// Findings and notes.
    pub output: checks::Output,
    /// Problems with the cache (never fatal).
    pub cache_warnings: Vec<String>,
    /// How long each stage took (printed with `FACTDIFF_TIMINGS=1`).
    pub timings: crate::timings::Timings,
    /// What the run leaves to write to the cache.
    pending: Pending,
}

/// Row of the cache's `runs` table a run writes: name, salt, data.
type RunRow = (&'static str, String, Vec<u8>);

/// The cache writes of a run, on a thread of their own: the near-verbatim memo as soon as the
/// checks are done (while suppressions are applied and the result is serialized), then the rows
/// `check` sends (its result, stat digest and keys; written while the report is printed), then
/// the pruning of old entries. On an archive each write is most of a second, mostly waiting for
/// the disk.
#[derive(Default)]
struct Pending {
    rows: Option<std::sync::mpsc::Sender<Vec<RunRow>>>,
    thread: Option<std::thread::JoinHandle<Vec<String>>>,
}

impl Pending {
    /// Start writing to `cache`: `memo` (the near-verbatim memo's stored form, when it changed)
    /// at once, then what [`Pending::send`] sends, then prune entries not under `keys`.
    fn start(mut cache: crate::cache::Cache, memo: Option<Vec<u8>>, keys: Vec<String>) -> Pending {
        let (tx, rx) = std::sync::mpsc::channel::<Vec<RunRow>>();
        let write = move || {
            let mut warnings = Vec::new();
            let salt = cache.salt().to_string();
            if let Some(memo) = memo {
                cache.put_runs(&[(NEAR_VERBATIM_MEMO, salt.as_str(), memo.as_slice())], &mut warnings);
            }
            for rows in rx {
                let rows: Vec<(&str, &str, &[u8])> = rows.iter().map(|(n, s, d)| (*n, s.as_str(), d.as_slice())).collect();
                cache.put_runs(&rows, &mut warnings);
            }
            if !keys.is_empty() {
                cache.prune(&keys, &mut warnings);
            }
            warnings
        };
        match std::thread::Builder::new().name("factdiff-cache-write".into()).spawn(write) {
            Ok(thread) => Pending { rows: Some(tx), thread: Some(thread) },
            // The cache went with the closure: nothing is written this time.
            Err(_) => Pending::default(),
        }
    }

    /// Rows to write after the memo, in one transaction.
    fn send(&self, rows: Vec<RunRow>) {
        if let Some(tx) = &self.rows {
            let _ = tx.send(rows);
        }
    }

    /// No more rows: the writes end on their own; the handle gives their warnings.
    fn finish(mut self) -> Option<std::thread::JoinHandle<Vec<String>>> {
        drop(self.rows.take());
        self.thread.take()
    }

    /// Wait for the writes to end; problems come back as warnings.
    fn write(self) -> Vec<String> {
        self.finish().map(join_writes).unwrap_or_default()
    }
}

/// The warnings of a cache-writing thread, once it has ended.
fn join_writes(thread: std::thread::JoinHandle<Vec<String>>) -> Vec<String> {
    thread.join().unwrap_or_else(|_| vec!["the cache could not be updated; the results are unaffected".to_string()])
}

/// Read the corpus, extract claims and run the checks.
pub fn analyze(paths: &[PathBuf], rules: &RuleSet, select: &[String]) -> anyhow::Result<Run> {
    analyze_with(paths, rules, select, &Config::default(), None, &Silent)
}

/// [`analyze`] under a project configuration: excluded articles are not read, and checks
/// switched off for some paths report nothing there. Each stage reports to `progress`.
pub fn analyze_with(
    paths: &[PathBuf],
    rules: &RuleSet,
    select: &[String],
    project: &Config,
    cache: Option<&std::path::Path>,
    progress: &dyn Progress,
) -> anyhow::Result<Run> {
    let files = corpus::walk(paths)?;
    let mut cache_warnings = Vec::new();
    let cache = cache.and_then(|path| crate::cache::Cache::open(path, cache_salt(rules), &mut cache_warnings));
    let mut run = analyze_files(files, rules, select, project, cache, progress, crate::timings::Timings::default());
    cache_warnings.append(&mut run.cache_warnings);
    cache_warnings.append(&mut std::mem::take(&mut run.pending).write());
    run.cache_warnings = cache_warnings;
    Ok(run)
}

/// The salt of cache keys under `rules`: the rule files, the near-verbatim settings and the
/// tool version.
fn cache_salt(rules: &RuleSet) -> String {
    crate::cache::salt(&rules.files, &format!("{:?}", rules.near_verbatim.dupes))
}

/// [`analyze_with`] on walked files, with an opened cache.
fn analyze_files(
    files: corpus::Files,
    rules: &RuleSet,
    select: &[String],
    project: &Config,
    cache: Option<crate::cache::Cache>,
    progress: &dyn Progress,
    mut timings: crate::timings::Timings,
) -> Run {
    let corpus = read_corpus(files, project, progress, &mut timings);
    analyze_corpus(corpus, None, Vec::new(), rules, select, project, cache, progress, timings)
}

/// Read the walked files, leaving out those the configuration excludes.
fn read_corpus(files: corpus::Files, project: &Config, progress: &dyn Progress, timings: &mut crate::timings::Timings) -> corpus::Corpus {
    let mut corpus = corpus::read_files(files, &project.jsonl, progress);
    corpus.articles.retain(|a| !project.excludes(&a.path));
    timings.mark(format!("read {} articles", corpus.articles.len()));
    corpus
}

/// The cache keys of the articles (content, rules, version).
fn article_keys(articles: &[corpus::Article], salt: &str) -> Vec<String> {
    articles.par_iter().map(|a| crate::cache::article_key(a, salt)).collect()
}

/// [`article_keys`], taking from `known` (an earlier run's keys, with this run's file
/// signatures) the key of every article whose file's signature is the one it was computed
/// under; also returns how many were taken.
fn article_keys_known(
    articles: &[corpus::Article],
    salt: &str,
    known: Option<(&crate::reuse::KnownKeys, &crate::reuse::Inputs)>,
) -> (Vec<String>, usize) {
    let keys: Vec<(String, bool)> = articles
        .par_iter()
        .map(|a| match known.and_then(|(k, i)| k.get(&a.path, i.settled.get(&a.path))) {
            Some(key) => (key.to_string(), true),
            None => (crate::cache::article_key(a, salt), false),
        })
        .collect();
    let reused = keys.iter().filter(|k| k.1).count();
    (keys.into_iter().map(|k| k.0).collect(), reused)
}

/// Run the checks on a read corpus (`keys`: the articles' cache keys when already computed;
/// `before`: the earlier keys of articles that changed, by article index).
#[allow(clippy::too_many_arguments)]
fn analyze_corpus(
    corpus: corpus::Corpus,
    keys: Option<Vec<String>>,
    before: Vec<(usize, String)>,
    rules: &RuleSet,
    select: &[String],
    project: &Config,
    mut cache: Option<crate::cache::Cache>,
    progress: &dyn Progress,
    mut timings: crate::timings::Timings,
) -> Run {
    let mut cache_warnings = Vec::new();
    let mut filtered = 0;
    progress.start("extracting", corpus.articles.len() as u64);
    let (mentions, claims, prints, terms, quotes, memo) = match cache.as_mut() {
        Some(cache) => {
            let keys = keys.unwrap_or_else(|| article_keys(&corpus.articles, cache.salt()));
            let near_verbatim_runs = select.is_empty() || select.iter().any(|s| s == "near-verbatim");
            let earlier =
                near_verbatim_runs.then(|| cache.get_run(NEAR_VERBATIM_MEMO)).flatten().and_then(|b| crate::dupes::Memo::from_bytes(&b));
            let per = per_article(&corpus.articles, &keys, cache, rules, earlier.as_ref(), &mut cache_warnings, progress);
            filtered = per.filtered;
            // The changed articles' earlier fingerprints, when few changed (still in the cache).
            let before = match &earlier {
                Some(_) if before.len() <= crate::dupes::delta::MAX_CHANGED => {
                    let was: Vec<String> = before.iter().map(|b| b.1.clone()).collect();
                    let stored = cache.get_all(&was);
                    before
                        .into_iter()
                        .zip(stored)
                        .filter_map(|((doc, key), e)| Some(crate::dupes::Before { doc, key, prints: e?.prints }))
                        .collect()
                }
                _ => Vec::new(),
            };
            let memo = checks::MemoCell { keys, earlier, before, made: Default::default() };
            (per.mentions, Some(per.claims), Some(per.prints), per.terms, per.quotes, Some(memo))
        }
        None => {
            let per: Vec<_> = corpus
                .articles
                .par_iter()
                .map(|a| {
                    let m = (extract::mentions(a), checks::term_uses(a, rules), checks::quote_spans(a));
                    progress.advance(1);
                    m
                })
                .collect();
            let (mut mentions, mut terms, mut quotes) = (Vec::new(), Vec::new(), Vec::new());
            for (m, t, q) in per {
                mentions.push(m);
                terms.push(t);
                quotes.push(q);
            }
            (mentions, None, None, terms, quotes, None)
        }
    };
    timings.mark(if cache.is_some() {
        format!("mentions+prints (cache; {filtered} read through the shared-print filter)")
    } else {
        "mentions".to_string()
    });
    // From the cache, the claims only need the order `claims_of` gives.
    let claims = match claims {
        Some(mut claims) => {
            claims.par_sort_by_key(|c| (c.fact, c.article, c.span.start, c.span.end));
            claims
        }
        None => claims_of(&corpus.articles, rules, &mentions),
    };
    timings.mark("claims");
    let prints = prints.map(checks::PrintsCell::new);
    let ctx = Context {
        articles: &corpus.articles,
        rules,
        claims: &claims,
        mentions: &mentions,
        prints: prints.as_ref(),
        memo: memo.as_ref(),
        term_uses: Some(&terms),
        quote_spans: Some(&quotes),
        verbose: project.verbose,
        stale_fact_runs: select.is_empty() || select.iter().any(|s| s == "stale-fact"),
    };
    let mut output = checks::run_timed(&ctx, select, &mut timings, progress);
    // The memo of this run replaces the earlier one when it differs (it holds what this run
    // used, so it never grows past one run's worth).
    let (mut memo_bytes, mut keys) = (None, Vec::new());
    if let (Some(_), Some(mut cell)) = (cache.as_ref(), memo) {
        keys = std::mem::take(&mut cell.keys);
        let made = cell.made.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((made, reused)) = made {
            if cell.earlier.as_ref() != Some(&made) {
                // Serialized now, so its tables are freed before the report.
                memo_bytes = Some(made.to_bytes());
            }
            let index = if reused.delta {
                format!("a delta of the last run's for {} changed of {} articles", reused.indexed_whole, reused.documents)
            } else {
                format!("{} of {} articles indexed whole", reused.indexed_whole, reused.documents)
            };
            timings.mark(format!(
                "near-verbatim memo (pairs {} reused, {} verified; groups {} reused, {} built; {index})",
                reused.pairs, reused.pairs_computed, reused.groups, reused.groups_computed
            ));
        }
    }
    let pending = cache.map(|c| Pending::start(c, memo_bytes, keys)).unwrap_or_default();
    output.findings = crate::suppress::apply(&corpus.articles, std::mem::take(&mut output.findings), select.is_empty());
    output.findings.retain(|f| !project.ignores(&f.primary.path, f.check, f.rule.as_deref()));
    timings.mark("suppressions");
    Run { corpus, claims, output, cache_warnings, timings, pending }
}

/// What `check` reports on: a fresh analysis or the stored result of an earlier run.
struct Checked {
    result: crate::reuse::Result,
    /// The corpus, when the analysis ran (the source excerpts of `--show-source` need it).
    corpus: Option<corpus::Corpus>,
    cache_warnings: Vec<String>,
    timings: crate::timings::Timings,
    /// The cache writes of the run, under way on their own thread (its warnings).
    store: Option<std::thread::JoinHandle<Vec<String>>>,
}

/// Analyze for `check`: walk the folders and, with a cache, reuse the stored result when no
/// input changed ([`crate::reuse`]); otherwise run the checks and store the result for the
/// next run.
fn analyze_for_check(config: &CheckConfig, progress: &dyn Progress) -> anyhow::Result<Checked> {
    let started = crate::reuse::now_ns();
    let mut timings = crate::timings::Timings::default();
    let files = corpus::walk(&config.paths)?;
    let mut cache_warnings = Vec::new();
    let salt = cache_salt(&config.rules);
    let mut cache = config.cache.as_deref().and_then(|path| crate::cache::Cache::open(path, salt.clone(), &mut cache_warnings));
    let context = reuse_context(config, &salt);
    // The source excerpts of --show-source need the articles' text, so that run reads them.
    let mut inputs = match &cache {
        Some(_) if !config.show_source => crate::reuse::inputs(&files, &context, started),
        _ => None,
    };
    timings.mark(format!("walk {} files", files.files.len()));
    // No file changed: the stat digest leads to the content digest and the stored result.
    if let (Some(cache), Some(inputs)) = (&cache, &inputs) {
        let content = cache.get_run_under(crate::reuse::STAT_NAME, &inputs.digest).and_then(|b| String::from_utf8(b).ok());
        let stored = content.and_then(|c| Some((cache.get_run_under(crate::reuse::RUN_NAME, &c)?, c)));
        if let Some(result) = stored.and_then(|(b, c)| crate::reuse::Result::from_bytes(&b, &c)) {
            timings.mark("stored result reused (no file changed)");
            return Ok(Checked { result, corpus: None, cache_warnings, timings, store: None });
        }
    }
    let corpus = read_corpus(files, &config.project, progress, &mut timings);
    // Keys of files whose signature is unchanged since the last run are taken from that run.
    let keys_salt = cache.as_ref().map(|c| crate::reuse::keys_salt(c.salt()));
    let known = match (&cache, &inputs, &keys_salt) {
        (Some(c), Some(_), Some(salt)) => {
            c.get_run_under(crate::reuse::KEYS_NAME, salt).and_then(|b| crate::reuse::KnownKeys::from_bytes(&b))
        }
        _ => None,
    };
    let keys = cache.as_ref().map(|c| {
        let (keys, reused) = article_keys_known(&corpus.articles, c.salt(), known.as_ref().zip(inputs.as_ref()));
        timings.mark(format!("keys ({reused} of {} from the last run)", keys.len()));
        keys
    });
    // The keys for the next run, when they differ from those this run was given.
    let keys_row = match (&keys, &inputs, keys_salt) {
        (Some(keys), Some(inputs), Some(salt)) => {
            let now = crate::reuse::KnownKeys::of(&corpus.articles, keys, inputs);
            (known.as_ref() != Some(&now)).then(|| (crate::reuse::KEYS_NAME, salt, now.to_bytes()))
        }
        _ => None,
    };
    // The earlier keys of the articles that changed: the near-verbatim memo's run holds their
    // earlier fingerprints, and with them its candidates are a delta ([`crate::dupes::delta`]).
    let before: Vec<(usize, String)> = match (&known, &keys) {
        (Some(known), Some(keys)) => corpus
            .articles
            .iter()
            .zip(keys)
            .enumerate()
            .filter_map(|(i, (a, key))| known.key_of(&a.path).filter(|was| *was != key.as_str()).map(|was| (i, was.to_string())))
            .take(crate::dupes::delta::MAX_CHANGED + 1)
            .collect(),
        _ => Vec::new(),
    };
    // Only the digest of the inputs is needed from here (100k paths and keys: 60 MB freed).
    drop(known);
    if let Some(i) = inputs.as_mut() {
        i.settled = Default::default();
    }
    let content = keys.as_ref().map(|keys| crate::reuse::content_digest(&context, &corpus.articles, keys, &corpus.warnings));
    // Files changed on disk but every article reads the same: the stored result is reused.
    if let (Some(c), Some(content)) = (cache.as_mut(), &content) {
        let stored = c.get_run_under(crate::reuse::RUN_NAME, content);
        if let Some(result) = stored.and_then(|b| crate::reuse::Result::from_bytes(&b, content)) {
            let mut rows: Vec<(&str, &str, &[u8])> = Vec::new();
            if let Some(inputs) = inputs.as_ref().filter(|i| !i.racy) {
                rows.push((crate::reuse::STAT_NAME, &inputs.digest, content.as_bytes()));
            }
            if let Some((name, salt, bytes)) = &keys_row {
                rows.push((name, salt, bytes));
            }
            c.put_runs(&rows, &mut cache_warnings);
            timings.mark("stored result reused (same articles)");
            return Ok(Checked { result, corpus: Some(corpus), cache_warnings, timings, store: None });
        }
    }
    let run_cache = cache.take();
    let Run { corpus, claims, output, cache_warnings: mut more, timings, pending } =
        analyze_corpus(corpus, keys, before, &config.rules, &config.select, &config.project, run_cache, progress, timings);
    cache_warnings.append(&mut more);
    let mut timings = timings;
    let result = crate::reuse::Result {
        findings: output.findings,
        notes: output.notes,
        warnings: corpus.warnings.clone(),
        articles: corpus.articles.len(),
        claims: claims.len(),
    };
    // One result is kept, the last run's. Its stat digest is stored only when no file was
    // modified too recently to trust its signature; an older stat row may stay, since it
    // still names the content of the files as they were then (and leads nowhere once the
    // result under that content is replaced).
    if let (Some(_), Some(content)) = (&pending.rows, &content) {
        if let Some(bytes) = result.to_bytes(content) {
            let mut rows = vec![(crate::reuse::RUN_NAME, content.clone(), bytes)];
            if let Some(inputs) = inputs.as_ref().filter(|i| !i.racy) {
                rows.push((crate::reuse::STAT_NAME, inputs.digest.clone(), content.clone().into_bytes()));
            }
            rows.extend(keys_row);
            pending.send(rows);
            timings.mark("result serialized for reuse");
        }
    }
    // Written while the report is printed.
    let store = pending.finish();
    Ok(Checked { result, corpus: Some(corpus), cache_warnings, timings, store })
}

/// Everything besides the article files that a `check` result depends on: the rules and tool
/// (`salt`), the rule files' paths, the configuration file, `--verbose` and the selected checks.
fn reuse_context(config: &CheckConfig, salt: &str) -> String {
    let file = config.project.file.as_ref().map(|f| (f.display().to_string(), std::fs::read(f).unwrap_or_default()));
    format!("{salt}\0{:?}\0{file:?}\0{}\0{:?}", config.rules.files, config.project.verbose, config.select)
}

fn check(
    config: &CheckConfig,
    threads: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> anyhow::Result<Outcome> {
    let analyzed = with_threads(threads, || analyze_for_check(config, progress));
    progress.finish();
    let mut checked = analyzed??;
    let store = checked.store.take();
    let outcome = report_checked(config, checked, out, err);
    // The cache writes end before the run does, whatever the report did.
    if let Some(store) = store {
        for w in join_writes(store) {
            writeln!(err, "warning: {w}")?;
        }
    }
    outcome
}

/// Print the report of an analysis and decide the exit status.
fn report_checked(config: &CheckConfig, checked: Checked, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let Checked { result, mut corpus, cache_warnings, mut timings, store: _ } = checked;
    // Only the source excerpts need the articles' text past this point: without them it is
    // freed now, before the report, whose allocations then reuse it (100k articles: 0.75 GB,
    // freed in 25 ms). It is not handed back to the system: `malloc_trim` over the heap of an
    // archive took 0.8 s here, and beside the report (on its own thread) it made the report
    // itself twice as slow, for a peak memory within the noise of runs.
    if !config.show_source {
        drop(corpus.take());
    }
    for w in &cache_warnings {
        writeln!(err, "warning: {w}")?;
    }
    for w in &result.warnings {
        writeln!(err, "warning: {w}")?;
    }
    if result.articles == 0 && result.warnings.is_empty() {
        writeln!(
            err,
            "warning: no articles ({}) found in {}",
            corpus::ARTICLE_EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", "),
            config.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )?;
    }
    let mut findings = result.findings;
    if let Some(changed) = &config.changed {
        retain_involving(&mut findings, changed);
    }
    if let Some(path) = &config.write_baseline {
        let b = crate::baseline::Baseline::of(&findings);
        write_atomic(path, b.to_json().as_bytes()).with_context(|| format!("could not write the baseline to {}", path.display()))?;
        writeln!(err, "wrote {} finding(s) to the baseline {}", b.findings.len(), path.display())?;
        return Ok(Outcome::Clean);
    }
    let hidden = config.baseline.as_ref().map(|b| b.apply(&mut findings));
    let mut summary = Summary::new(result.articles, result.claims, &findings, result.warnings.len());
    if let Some((n, unmatched)) = hidden {
        summary.baseline_hidden = Some(n);
        summary.baseline_unmatched = Some(unmatched);
    }
    if matches!(config.format, Format::Github | Format::Sarif) {
        relative_to_repository_root(&mut findings);
    }
    let sources = match (&corpus, config.show_source) {
        (Some(corpus), true) => corpus.articles.iter().map(|a| (a.path.as_str(), a.file_text())).collect(),
        _ => Default::default(),
    };
    let report = Report { findings: &findings, notes: &result.notes, warnings: &result.warnings, summary, sources };
    let printer = report::printer(
        config.format,
        PrintOptions { color: config.color && config.output.is_none(), width: config.width, show_source: config.show_source },
    );
    match &config.output {
        None => {
            printer.print(&report, out)?;
            out.flush()?;
        }
        Some(path) => {
            write_atomic_with(path, |w| printer.print(&report, w))
                .with_context(|| format!("could not write the report to {}", path.display()))?;
        }
    }
    if std::env::var_os("FACTDIFF_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0") {
        timings.mark("report");
        write!(err, "{}", timings.render())?;
    }
    drop(report);
    let outcome = if config.strict && !result.warnings.is_empty() {
        Outcome::Error
    } else if config.fail_on.is_some_and(|t| findings.iter().any(|f| f.severity >= t)) {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    drop_in_background((findings, corpus));
    Ok(outcome)
}

/// Free `value` on another thread. Freeing an archive's articles and findings took 0.27 s after
/// a 100k-article report was written; the process can exit meanwhile (the operating system
/// takes back what is left).
fn drop_in_background<T: Send + 'static>(value: T) {
    // Where no thread can be started, the closure, and the value with it, is freed right here.
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

fn quantities(args: &QuantitiesArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    #[derive(serde::Serialize)]
    struct Row<'a> {
        path: &'a str,
        line: usize,
        column: usize,
        surface: &'a str,
        #[serde(flatten)]
        mention: &'a crate::quantity::Mention,
    }
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED).set_header(["Where", "Surface", "Kind", "Value", "Qualifier"]);
    let mut rows_json = Vec::new();
    let mut articles = Vec::new();
    let mut failed = false;
    for f in &args.files {
        let spec = f.to_string_lossy();
        // One line of a .jsonl file (`FILE.jsonl#ID`), or every article of a file.
        let read = match corpus::jsonl_spec(&spec) {
            Some(_) => vec![corpus::read_named(&spec, &Default::default()).map_err(|e| e.to_string())],
            None => corpus::read_file_articles(f, &Default::default()).into_iter().map(|r| r.map_err(|w| w.to_string())).collect(),
        };
        for r in read {
            match r {
                Ok(a) => articles.push(a),
                Err(w) => {
                    writeln!(err, "warning: {w}")?;
                    failed = true;
                }
            }
        }
    }
    let all: Vec<_> = articles.iter().map(|a| (a, extract::mentions(a))).collect();
    for (a, mentions) in &all {
        for m in mentions {
            let at = a.line_col(m.span.start);
            let surface = &a.text[m.span.clone()];
            match args.format {
                ListFormat::Json => rows_json.push(Row { path: &a.path, line: at.line, column: at.column, surface, mention: m }),
                ListFormat::Table => {
                    table.add_row([
                        format!("{}:{}:{}", a.path, at.line, at.column),
                        surface.split_whitespace().collect::<Vec<_>>().join(" "),
                        serde_json::to_value(m.kind()).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                        match &m.conversion {
                            Some(c) => format!("{} (stated as {})", crate::quantity::display(&m.value), crate::quantity::display(&c.value)),
                            None => crate::quantity::display(&m.value),
                        },
                        serde_json::to_value(m.qualifier).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                    ]);
                }
            }
        }
    }
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows_json)?;
            writeln!(out)?;
        }
        ListFormat::Table => writeln!(out, "{table}")?,
    }
    Ok(if failed { Outcome::Error } else { Outcome::Clean })
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so an
/// interrupted run never leaves a half-written file behind.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes, streamed to the file (a report of an archive is
/// 150 MB, not held in memory first).
pub fn write_atomic_with(path: &std::path::Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let stream = |file: std::fs::File| -> std::io::Result<()> {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut w)?;
        w.flush()
    };
    // A device, pipe or socket (`-o /dev/null`, `-o /dev/stdout`) is written as it is: renaming
    // a temporary file over it would replace `/dev/null` itself with a regular file holding the
    // report (which then breaks every later program that reads or writes "null").
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return stream(std::fs::OpenOptions::new().write(true).open(path)?);
    }
    // A symbolic link is written through: the file it points to is replaced, not the link.
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp).and_then(stream).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Rewrite finding paths relative to the git repository root (GitHub annotations need that).
/// Outside a repository the paths stay as they are.
fn relative_to_repository_root(findings: &mut [Finding]) {
    let Ok(out) = std::process::Command::new("git").args(["rev-parse", "--show-toplevel"]).output() else { return };
    if !out.status.success() {
        return;
    }
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let Ok(root) = root.canonicalize() else { return };
    let Ok(cwd) = std::env::current_dir() else { return };
    let fix = |p: &mut String| {
        let (file, id) = match p.split_once('#') {
            Some((f, id)) => (f.to_string(), format!("#{id}")),
            None => (p.clone(), String::new()),
        };
        if let Ok(abs) = cwd.join(&file).canonicalize() {
            if let Ok(rel) = abs.strip_prefix(&root) {
                *p = format!("{}{id}", corpus::display_path(rel));
            }
        }
    };
    for f in findings {
        fix(&mut f.primary.path);
        for r in &mut f.related {
            fix(&mut r.path);
        }
    }
}

/// The articles changed since a git revision, or listed in a file, as canonical paths.
fn changed_articles(since: Option<&str>, files_from: Option<&std::path::Path>) -> anyhow::Result<Option<BTreeSet<PathBuf>>> {
    let mut set = BTreeSet::new();
    let canonical = |p: PathBuf| p.canonicalize().unwrap_or(p);
    if let Some(rev) = since {
        let git = |args: &[&str], dir: Option<&std::path::Path>| -> anyhow::Result<String> {
            let mut cmd = std::process::Command::new("git");
            if let Some(d) = dir {
                cmd.arg("-C").arg(d);
            }
            let out = cmd.args(args).output().context("could not run git (needed by --changed-since); is it installed?")?;
            if !out.status.success() {
                bail!("git {} failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim());
            }
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let root = PathBuf::from(git(&["rev-parse", "--show-toplevel"], None)?.trim());
        let changed = git(&["diff", "--name-only", "--diff-filter=d", rev, "--"], Some(&root))
            .with_context(|| format!("--changed-since {rev}: is `{rev}` a revision of this repository?"))?;
        let added = git(&["ls-files", "--others", "--exclude-standard"], Some(&root))?;
        for line in changed.lines().chain(added.lines()).filter(|l| !l.is_empty()) {
            set.insert(canonical(root.join(line)));
        }
    }
    if let Some(list) = files_from {
        let text = if list == std::path::Path::new("-") {
            std::io::read_to_string(std::io::stdin()).context("could not read the file list from standard input")?
        } else {
            std::fs::read_to_string(list).with_context(|| format!("could not read the file list {}", list.display()))?
        };
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            set.insert(canonical(PathBuf::from(line)));
        }
    }
    Ok((since.is_some() || files_from.is_some()).then_some(set))
}

/// Keep the findings with at least one piece of evidence in a changed article.
fn retain_involving(findings: &mut Vec<Finding>, changed: &BTreeSet<PathBuf>) {
    let mut cache: std::collections::BTreeMap<String, bool> = Default::default();
    findings.retain(|f| {
        f.paths().any(|p| {
            *cache.entry(p.to_string()).or_insert_with(|| {
                // An article inside a .jsonl file is `file.jsonl#id`: the file is what changed.
                let path = PathBuf::from(p.split('#').next().unwrap_or(p));
                changed.contains(&path.canonicalize().unwrap_or(path))
            })
        })
    });
}

/// The project configuration: `--isolated` ignores files, `--config` names one, else the
/// nearest factdiff.toml upward from the working directory, else defaults.
fn project_config(explicit: Option<&std::path::Path>, isolated: bool) -> Result<Config, crate::error::RuleError> {
    if isolated {
        return Ok(Config::default());
    }
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| config::discover(&d)),
    };
    match path {
        Some(p) => config::load(&p),
        None => Ok(Config::default()),
    }
}

fn load_rules_or_report(path: &std::path::Path, err: &mut dyn Write) -> anyhow::Result<Option<RuleSet>> {
    match rules::load(path) {
        Ok(r) => Ok(Some(r)),
        Err(e) => {
            writeln!(err, "error: invalid rules\n{e}")?;
            writeln!(err, "{} error(s)", e.0.len())?;
            Ok(None)
        }
    }
}

fn rules_command(cmd: RulesCommand, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
    match cmd {
        RulesCommand::Schema => {
            serde_json::to_writer_pretty(&mut *out, &rules::json_schema())?;
            writeln!(out)?;
            Ok(Outcome::Clean)
        }
        RulesCommand::Validate(a) => {
            let Some(r) = load_configured_rules(a.rules.as_deref(), err)? else { return Ok(Outcome::Error) };
            let examples: usize =
                r.facts.iter().map(|f| f.examples.len()).sum::<usize>() + r.terms.iter().map(|t| t.examples.len()).sum::<usize>();
            writeln!(out, "{} file(s), {} fact(s), {} term(s), {examples} example(s): valid", r.files.len(), r.facts.len(), r.terms.len())?;
            Ok(Outcome::Clean)
        }
        RulesCommand::List(a) => {
            let Some(r) = load_configured_rules(a.rules.as_deref(), err)? else { return Ok(Outcome::Error) };
            let mut t = Table::new();
            t.load_preset(UTF8_FULL_CONDENSED).set_header(["Id", "Kind", "Severity", "Title", "Defined at"]);
            for f in &r.facts {
                let kind = serde_json::to_value(f.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                t.add_row([
                    f.id.clone(),
                    format!("fact ({kind})"),
                    f.severity.as_str().to_string(),
                    f.title.clone(),
                    format!("{}:{}", f.origin.path.display(), f.origin.line),
                ]);
            }
            for term in &r.terms {
                t.add_row([
                    term.id.clone(),
                    "term".into(),
                    term.severity.as_str().to_string(),
                    term.title.clone(),
                    format!("{}:{}", term.origin.path.display(), term.origin.line),
                ]);
            }
            writeln!(out, "{t}")?;
            Ok(Outcome::Clean)
        }
        RulesCommand::Explain { id, rules: a } => {
            let Some(r) = load_configured_rules(a.rules.as_deref(), err)? else { return Ok(Outcome::Error) };
            let results = crate::authoring::run_examples(&r);
            if let Some(f) = r.facts.iter().find(|f| f.id == id) {
                writeln!(out, "{} — {}\ndefined at {}:{}", f.id, f.title, f.origin.path.display(), f.origin.line)?;
                let kind = serde_json::to_value(f.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                let tolerance = match f.tolerance {
                    crate::rules::Tolerance::Exact => "rounding only".to_string(),
                    crate::rules::Tolerance::Absolute(a) => format!("±{a} plus rounding"),
                    crate::rules::Tolerance::Relative(r) => format!("±{}% plus rounding", r * 100.0),
                };
                writeln!(
                    out,
                    "kind: {kind}; severity: {}; tolerance: {tolerance}; window: {}",
                    f.severity.as_str(),
                    f.window_days.map(|w| format!("{w} days")).unwrap_or_else(|| "none (dates do not matter)".into())
                )?;
                if let Some((lo, hi)) = f.values_within {
                    writeln!(out, "values-within: {lo} to {hi} (figures outside are about something else, no claim)")?;
                }
                if let Some(r) = f.max_ratio {
                    writeln!(out, "max-ratio: {r} (figures further apart are about different things, never compared)")?;
                }
                writeln!(out, "\npatterns (a claim is a match of one of these):")?;
                for p in &f.patterns {
                    writeln!(out, "  {}", p.source)?;
                }
                for re in &f.regexes {
                    writeln!(out, "  regex: {}", re.as_str())?;
                }
                if !f.context.is_empty() {
                    writeln!(out, "only in articles mentioning one of:")?;
                    for re in &f.context {
                        writeln!(out, "  {}", re.as_str())?;
                    }
                }
                if !f.rivals.is_empty() {
                    writeln!(out, "not where the text around is about one of:")?;
                    for re in &f.rivals {
                        writeln!(out, "  {}", re.as_str())?;
                    }
                }
                if !f.not_when.is_empty() {
                    writeln!(out, "not when the value is inside a match of:")?;
                    for p in &f.not_when {
                        writeln!(out, "  {}", p.source)?;
                    }
                }
                for (what, scope) in [("subject", &f.subject), ("role", &f.role)] {
                    if !scope.is_empty() {
                        writeln!(out, "{what} (claims with different labels are never compared):")?;
                        for (label, re) in &scope.labels {
                            writeln!(out, "  {label}: {}", re.as_str())?;
                        }
                        if let Some(d) = &scope.default {
                            writeln!(out, "  default: {d}")?;
                        }
                    }
                }
                if !f.references.is_empty() {
                    let mut t = Table::new();
                    t.load_preset(UTF8_FULL_CONDENSED).set_header(["Value", "From", "Until", "Source"]);
                    for re in &f.references {
                        t.add_row([
                            re.written.clone(),
                            re.from.to_string(),
                            re.until.map(|u| u.to_string()).unwrap_or_else(|| "still true".into()),
                            re.source.clone(),
                        ]);
                    }
                    writeln!(out, "\nreferences:\n{t}")?;
                }
            } else if let Some(term) = r.terms.iter().find(|t| t.id == id) {
                writeln!(out, "{} — {}\ndefined at {}:{}", term.id, term.title, term.origin.path.display(), term.origin.line)?;
                match &term.preferred {
                    Some(p) => writeln!(out, "preferred: {p}; variants: {}", term.forms[1..].join(", "))?,
                    None => writeln!(out, "either: {} (the corpus majority decides)", term.forms.join(", "))?,
                }
                writeln!(
                    out,
                    "severity: {}; quotations {}",
                    term.severity.as_str(),
                    if term.ignore_in_quotes { "ignored" } else { "checked" }
                )?;
                if !term.not_in.is_empty() {
                    let names: Vec<&str> = term.not_in.iter().map(|r| r.as_str()).collect();
                    writeln!(out, "not in: {}", names.join(", "))?;
                }
            } else {
                let ids: Vec<&str> = r.facts.iter().map(|f| f.id.as_str()).chain(r.terms.iter().map(|t| t.id.as_str())).collect();
                bail!("no rule `{id}`; the rules are: {}", ids.join(", "));
            }
            let mine: Vec<_> = results.iter().filter(|x| x.rule == id).collect();
            if !mine.is_empty() {
                writeln!(out, "\nexamples:")?;
                for x in mine {
                    let status = if x.failure.is_none() { "ok  " } else { "FAIL" };
                    writeln!(
                        out,
                        "  {status} {} → {}{}",
                        x.text,
                        x.expected,
                        x.failure.as_ref().map(|f| format!(" ({f})")).unwrap_or_default()
                    )?;
                }
            }
            Ok(Outcome::Clean)
        }
        RulesCommand::Test { rules: a, fixtures } => {
            let Some(r) = load_configured_rules(a.rules.as_deref(), err)? else { return Ok(Outcome::Error) };
            let results = crate::authoring::run_examples(&r);
            let mut failed = 0;
            for x in &results {
                if let Some(f) = &x.failure {
                    failed += 1;
                    writeln!(out, "FAIL {} {}: {:?}\n     expected {}; {f}", x.rule, x.at, x.text, x.expected)?;
                }
            }
            let mut total = results.len();
            for dir in &fixtures {
                for x in crate::authoring::run_fixtures(dir, &r)? {
                    total += 1;
                    if let Some(f) = &x.failure {
                        failed += 1;
                        writeln!(out, "FAIL {} {}: {f}", x.at, x.what)?;
                    }
                }
            }
            let without: Vec<&str> = r
                .facts
                .iter()
                .filter(|f| f.examples.is_empty())
                .map(|f| f.id.as_str())
                .chain(r.terms.iter().filter(|t| t.examples.is_empty()).map(|t| t.id.as_str()))
                .collect();
            if !without.is_empty() {
                writeln!(out, "note: no examples for {}", without.join(", "))?;
            }
            writeln!(out, "rule examples: {} passed, {failed} failed", total - failed)?;
            Ok(if failed > 0 { Outcome::Findings } else { Outcome::Clean })
        }
    }
}

/// A starter configuration.
const INIT_CONFIG: &str = include_str!("init/factdiff.toml");
/// A commented starter rule file.
const INIT_RULES: &str = include_str!("init/example.toml");

fn init(out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let schema = serde_json::to_string_pretty(&rules::json_schema())? + "\n";
    let targets = [
        (PathBuf::from(config::FILE_NAME), INIT_CONFIG),
        (PathBuf::from("rules/example.toml"), INIT_RULES),
        (PathBuf::from("rules/rules.schema.json"), schema.as_str()),
    ];
    for (path, _) in &targets {
        if path.exists() {
            bail!("{} already exists; factdiff init never overwrites a file (move it away first)", path.display());
        }
    }
    std::fs::create_dir_all("rules").context("could not create the rules folder")?;
    for (path, text) in &targets {
        write_atomic(path, text.as_bytes()).with_context(|| format!("could not write {}", path.display()))?;
        writeln!(out, "wrote {}", path.display())?;
    }
    writeln!(out, "next: put articles in corpus/, edit rules/example.toml, then run `factdiff rules test` and `factdiff check`")?;
    Ok(Outcome::Clean)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn table_width() -> u16 {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w: &u16| w >= 60).unwrap_or(140)
}

fn review(args: ReviewArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let project = match project_config(args.config.as_deref(), args.isolated) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "error: invalid configuration\n{e}")?;
            return Ok(Outcome::Error);
        }
    };
    let rules_path = args.rules.clone().or_else(|| project.rules.clone()).unwrap_or_else(|| PathBuf::from("rules"));
    let Some(rules) = load_rules_or_report(&rules_path, err)? else { return Ok(Outcome::Error) };
    // One line of a .jsonl file is named `FILE.jsonl#ID`.
    let spec = args.article.to_string_lossy().into_owned();
    let (file, id) = match corpus::jsonl_spec(&spec) {
        Some((file, id)) => (file.to_path_buf(), Some(id.to_string())),
        None => (args.article.clone(), None),
    };
    if !file.is_file() {
        bail!(
            "{}: no such article; give the path of a .md, .txt or .html file, or FILE.jsonl#ID for one line of a .jsonl file",
            file.display()
        );
    }
    if id.is_none() && corpus::is_jsonl(&file) {
        // Refused with the ids it holds.
        corpus::read_named(&spec, &project.jsonl).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let mut paths =
        if args.against.is_empty() { project.paths.clone().unwrap_or_else(|| vec![PathBuf::from("corpus")]) } else { args.against.clone() };
    paths.push(file.clone());
    let cache = if args.no_cache { None } else { Some(args.cache.clone().unwrap_or_else(|| default_cache(&project))) };
    let run = analyze_with(&paths, &rules, &[], &project, cache.as_deref(), &Silent)?;
    for w in &run.corpus.warnings {
        writeln!(err, "warning: {w}")?;
    }
    for w in &run.cache_warnings {
        writeln!(err, "warning: {w}")?;
    }
    let target = file.canonicalize().unwrap_or(file.clone());
    let index = run
        .corpus
        .articles
        .iter()
        .position(|a| {
            let (path, line_id) = match a.path.rsplit_once('#') {
                Some((p, i)) if id.is_some() => (p, Some(i)),
                _ => (a.path.as_str(), None),
            };
            line_id == id.as_deref() && PathBuf::from(path).canonicalize().ok().as_ref() == Some(&target)
        })
        .with_context(|| match &id {
            Some(id) => format!("{}: no article with the id `{id}` was read from it (see any warnings above)", file.display()),
            None => format!("{}: the article could not be read (see the warnings above)", args.article.display()),
        })?;
    let r = crate::review::review(&run, &rules, index);
    match args.format {
        EditorialFormat::Text => write!(out, "{}", crate::report::editorial::review_text(&r, use_color(args.color), table_width()))?,
        EditorialFormat::Markdown => write!(out, "{}", crate::report::editorial::review_markdown(&r))?,
        EditorialFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &r)?;
            writeln!(out)?;
        }
    }
    Ok(Outcome::Clean)
}

/// An article from a path or from git (`git:REV:PATH`).
fn article_from(spec: &str) -> anyhow::Result<corpus::Article> {
    if let Some(rest) = spec.strip_prefix("git:") {
        let (rev, path) = rest.split_once(':').with_context(|| format!("{spec}: write git:REV:PATH, e.g. git:HEAD~1:corpus/a.md"))?;
        let out = std::process::Command::new("git")
            .args(["show", &format!("{rev}:{path}")])
            .output()
            .context("could not run git; is it installed?")?;
        if !out.status.success() {
            bail!("{spec}: {}", String::from_utf8_lossy(&out.stderr).trim());
        }
        let text = String::from_utf8(out.stdout).map_err(|_| anyhow::anyhow!("{spec}: not UTF-8 text"))?;
        return corpus::Article::from_file_text(spec, text).map_err(|w| anyhow::anyhow!("{w}"));
    }
    corpus::read_named(spec, &Default::default()).map_err(|w| anyhow::anyhow!("{w}"))
}

fn diff(args: DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let Some(rules) = load_configured_rules(args.rules.as_deref(), err)? else { return Ok(Outcome::Error) };
    let articles = vec![article_from(&args.a)?, article_from(&args.b)?];
    let d = crate::review::fact_diff(&articles, &rules, args.text);
    match args.format {
        EditorialFormat::Text => write!(out, "{}", crate::report::editorial::diff_report(&d, use_color(args.color), false))?,
        EditorialFormat::Markdown => write!(out, "{}", crate::report::editorial::diff_report(&d, false, true))?,
        EditorialFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &d)?;
            writeln!(out)?;
        }
    }
    Ok(Outcome::Clean)
}
