//! The application: turns parsed arguments into a validated configuration, runs the pipeline
//! and writes the report to the writers it is given. The library never touches the process's
//! stdout or stderr itself; the binary hands them in.

use crate::checks::{self, Context};
use crate::cli::{CheckArgs, ColorChoice, Command, FailOn, QuantitiesArgs};
use crate::corpus;
use crate::extract::{self, Claim};
use crate::report::{self, Format, Report, Summary};
use crate::rules::{self, RuleSet, Severity};
use anyhow::{bail, Context as _};
use rayon::prelude::*;
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
    /// Article paths.
    pub paths: Vec<PathBuf>,
    /// Compiled rules.
    pub rules: RuleSet,
    /// Output format.
    pub format: Format,
    /// Failure threshold (`None`: never).
    pub fail_on: Option<Severity>,
    /// Checks to run (empty: all).
    pub select: Vec<String>,
    /// Skipped files fail the run.
    pub strict: bool,
    /// Colour in tables.
    pub color: bool,
    /// Table width.
    pub width: u16,
}

/// Run a parsed command line.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    match command {
        Command::Check(args) => {
            let threads = args.threads;
            let config = match check_config(args, err)? {
                Some(c) => c,
                None => return Ok(Outcome::Error),
            };
            check(&config, threads, out, err)
        }
        Command::Quantities(args) => quantities(&args, out, err),
    }
}

fn with_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> anyhow::Result<T> {
    match threads {
        None => Ok(f()),
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => Ok(rayon::ThreadPoolBuilder::new().num_threads(n).build().context("could not start worker threads")?.install(f)),
    }
}

/// Validate `check`'s arguments; rule errors are printed and give `None`.
fn check_config(args: CheckArgs, err: &mut dyn Write) -> anyhow::Result<Option<CheckConfig>> {
    for s in &args.select {
        if checks::info(s).is_none() {
            let known: Vec<&str> = checks::CHECKS.iter().map(|c| c.id).collect();
            bail!("unknown check `{s}` in --select; checks are: {}", known.join(", "));
        }
    }
    let rules = match rules::load(&args.rules) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "error: invalid rules\n{e}")?;
            return Ok(None);
        }
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w: &u16| w >= 60).unwrap_or(140);
    Ok(Some(CheckConfig {
        paths: args.paths,
        rules,
        format: args.format,
        fail_on: match args.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        },
        select: args.select,
        strict: args.strict,
        color,
        width,
    }))
}

/// Every claim in the corpus, extracted per article in parallel, in a fixed order.
pub fn extract_all(articles: &[corpus::Article], rules: &RuleSet) -> Vec<Claim> {
    let mut claims: Vec<Claim> = articles.par_iter().enumerate().flat_map_iter(|(i, a)| extract::claims(i, a, rules)).collect();
    claims.sort_by_key(|c| (c.fact, c.article, c.span.start, c.span.end));
    claims
}

/// The result of running the checks on a corpus.
pub struct Run {
    /// The corpus as read.
    pub corpus: corpus::Corpus,
    /// Every claim.
    pub claims: Vec<Claim>,
    /// Findings and notes.
    pub output: checks::Output,
}

/// Read the corpus, extract claims and run the checks.
pub fn analyze(paths: &[PathBuf], rules: &RuleSet, select: &[String]) -> anyhow::Result<Run> {
    let corpus = corpus::load(paths)?;
    let claims = extract_all(&corpus.articles, rules);
    let output = checks::run(&Context { articles: &corpus.articles, rules, claims: &claims }, select);
    Ok(Run { corpus, claims, output })
}

fn check(config: &CheckConfig, threads: Option<usize>, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let Run { corpus, claims, output: result } = with_threads(threads, || analyze(&config.paths, &config.rules, &config.select))??;
    for w in &corpus.warnings {
        writeln!(err, "warning: {w}")?;
    }
    if corpus.articles.is_empty() && corpus.warnings.is_empty() {
        writeln!(
            err,
            "warning: no articles (.md, .markdown, .txt) found in {}",
            config.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )?;
    }
    let summary = Summary::new(corpus.articles.len(), claims.len(), &result.findings, corpus.warnings.len());
    let report = Report { findings: &result.findings, notes: &result.notes, warnings: &corpus.warnings, summary };
    report::printer(config.format, config.color, config.width).print(&report, out)?;
    out.flush()?;
    if config.strict && !corpus.warnings.is_empty() {
        return Ok(Outcome::Error);
    }
    let failing = config.fail_on.is_some_and(|t| result.findings.iter().any(|f| f.severity >= t));
    Ok(if failing { Outcome::Findings } else { Outcome::Clean })
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
        match corpus::read_article(f) {
            Ok(a) => articles.push(a),
            Err(w) => {
                writeln!(err, "warning: {w}")?;
                failed = true;
            }
        }
    }
    let all: Vec<_> = articles.iter().map(|a| (a, extract::mentions(a))).collect();
    for (a, mentions) in &all {
        for m in mentions {
            let at = a.line_col(m.span.start);
            let surface = &a.text[m.span.clone()];
            match args.format {
                Format::Json => rows_json.push(Row { path: &a.path, line: at.line, column: at.column, surface, mention: m }),
                Format::Table => {
                    table.add_row([
                        format!("{}:{}:{}", a.path, at.line, at.column),
                        surface.split_whitespace().collect::<Vec<_>>().join(" "),
                        format!("{:?}", m.kind()).to_lowercase(),
                        crate::quantity::display(&m.value),
                        format!("{:?}", m.qualifier).to_lowercase(),
                    ]);
                }
            }
        }
    }
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows_json)?;
            writeln!(out)?;
        }
        Format::Table => writeln!(out, "{table}")?,
    }
    Ok(if failed { Outcome::Error } else { Outcome::Clean })
}
