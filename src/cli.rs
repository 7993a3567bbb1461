//! Command-line arguments, as clap parses them. Nothing here is interpreted: `app` turns these
//! into a validated configuration before anything runs.

use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage, rule, configuration or runtime error (and, with --strict, a skipped input file)

Environment:
  NO_COLOR            no colours in tables
  FACTDIFF_TIMINGS=1  `check` prints the time and peak memory of each stage on stderr";

/// Check a corpus of news articles for conflicting facts and inconsistent spellings.
#[derive(Debug, Parser)]
#[command(name = "factdiff", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles against the rules and report findings.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Find near-verbatim passages only (the near-verbatim check), with word diffs.
    #[command(after_help = EXIT_CODES)]
    Dupes(CheckArgs),
    /// An editorial review of one article against the corpus: facts, repetition, quotes, style.
    Review(ReviewArgs),
    /// A fact-diff of two articles, or two versions of one (paths or git:REV:PATH).
    Diff(DiffArgs),
    /// Print the resolved configuration (factdiff.toml merged with the defaults).
    Config(ConfigArgs),
    /// Work with rule files: list, explain, validate, test their examples, print their schema.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write a starter factdiff.toml and a commented rule file in the current folder.
    Init,
    /// Manage the cache of per-article results, near-verbatim work and the last result.
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Show every number, amount, percent and date the grammar reads in the given files.
    Quantities(QuantitiesArgs),
}

/// When a run fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize)]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail on findings.
    Never,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Article files or folders (folders are walked for .md, .markdown, .txt, .jsonl, .html and
    /// .htm files, respecting .gitignore, .ignore and .factdiffignore); HTML pages are read as
    /// their readable text and located in their HTML source [default: `paths` of
    /// factdiff.toml, else corpus].
    pub paths: Vec<PathBuf>,
    /// Rule file, or folder of *.toml rule files [default: `rules` of factdiff.toml, else rules].
    #[arg(long, value_name = "PATH")]
    pub rules: Option<PathBuf>,
    /// Read settings from this file instead of the factdiff.toml found upward from here.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every factdiff.toml.
    #[arg(long)]
    pub isolated: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report to FILE instead of standard output (a file is replaced atomically; a
    /// device such as /dev/null is written as it is).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Show each finding's source line with the span underlined (table and concise formats).
    #[arg(long)]
    pub show_source: bool,
    /// Lowest severity that makes the run fail (exit status 1) [default: `fail-on` of
    /// factdiff.toml, else error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Run only these checks (repeatable; `dupes` runs near-verbatim alone): numeric-conflict,
    /// internal-conflict, stale-fact, date-conflict, conversion-mismatch, weekday-mismatch,
    /// near-verbatim, quote-drift, spelling-variant, suppression.
    #[arg(long = "select", value_name = "CHECK")]
    pub select: Vec<String>,
    /// Hide findings recorded in this baseline file; the summary says how many were hidden and
    /// which entries no longer match anything.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the fingerprints of the current findings to FILE as a baseline, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that involve an article changed (or added) since git revision REV;
    /// the whole corpus is still read, so changed articles are checked against all others.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Like --changed-since, with the changed articles listed one per line in FILE (`-` for
    /// standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Also explain, as notes, why differing values were judged compatible (rounding,
    /// qualifiers, tolerance, or each is the reference value in force at its date).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Do not read or write the cache.
    #[arg(long)]
    pub no_cache: bool,
    /// The cache file [default: .factdiff/cache.db beside factdiff.toml, else in the working
    /// folder]. It keeps per-article results, near-verbatim work and the last result, which is
    /// printed again when no file, rule or setting changed. A file that is not a factdiff cache
    /// is never overwritten: the run then goes without a cache.
    #[arg(long, value_name = "FILE", conflicts_with = "no_cache")]
    pub cache: Option<PathBuf>,
    /// Exit with status 2 when an input file had to be skipped.
    #[arg(long)]
    pub strict: bool,
    /// Worker threads (default: one per core). Output is the same whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Colour in the table output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Output format of `review` and `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EditorialFormat {
    /// A report for the terminal.
    Text,
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
}

/// Arguments of `review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The article to review (a file, or FILE.jsonl#ID for one line of a .jsonl file).
    pub article: PathBuf,
    /// Compare against these articles or folders [default: the configured corpus].
    #[arg(long, value_name = "PATHS", num_args = 1..)]
    pub against: Vec<PathBuf>,
    /// Rule file, or folder of *.toml rule files [default: `rules` of factdiff.toml, else rules].
    #[arg(long, value_name = "PATH")]
    pub rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EditorialFormat::Text)]
    pub format: EditorialFormat,
    /// Read settings from this file instead of the factdiff.toml found upward from here.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every factdiff.toml.
    #[arg(long)]
    pub isolated: bool,
    /// Colour in the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Do not read or write the cache.
    #[arg(long)]
    pub no_cache: bool,
    /// The cache file [default: .factdiff/cache.db beside factdiff.toml, else in the working
    /// folder], shared with `check`: articles unchanged since a check of the corpus are not
    /// analysed again.
    #[arg(long, value_name = "FILE", conflicts_with = "no_cache")]
    pub cache: Option<PathBuf>,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The first article: a path, FILE.jsonl#ID, or git:REV:PATH for a version in git.
    pub a: String,
    /// The second article: a path, FILE.jsonl#ID, or git:REV:PATH.
    pub b: String,
    /// Also show the changed sentences with a word diff.
    #[arg(long)]
    pub text: bool,
    /// Rule file, or folder of *.toml rule files [default: `rules` of factdiff.toml, else rules].
    #[arg(long, value_name = "PATH")]
    pub rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EditorialFormat::Text)]
    pub format: EditorialFormat,
    /// Colour in the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `factdiff cache ...`.
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Delete the cache file (a file that is not a factdiff cache is refused, not deleted).
    Clear {
        /// The cache file [default: .factdiff/cache.db beside factdiff.toml, else in the working
        /// folder].
        #[arg(long, value_name = "FILE")]
        cache: Option<PathBuf>,
    },
}

/// `factdiff rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every rule: id, kind, severity, title, where it is defined.
    List(RulesArgs),
    /// Explain one rule: what it matches, its scope, references and examples.
    Explain {
        /// The fact or term id.
        id: String,
        /// The rules.
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Check the rule files and report every error at once (exit 2 on errors).
    Validate(RulesArgs),
    /// Run the examples written in the rules (and, with --fixtures, fixture folders with
    /// `<!-- expect: ID -->` markers); exit 1 when one fails.
    Test {
        /// The rules.
        #[command(flatten)]
        rules: RulesArgs,
        /// Folders of fixture articles with `<!-- expect: ID -->` markers.
        #[arg(long, value_name = "DIR")]
        fixtures: Vec<PathBuf>,
    },
    /// Print the JSON Schema of rule files.
    Schema,
}

/// Which rules a `rules` subcommand works on.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Rule file, or folder of *.toml rule files [default: `rules` of factdiff.toml, else rules].
    #[arg(long, value_name = "PATH")]
    pub rules: Option<PathBuf>,
}

/// Arguments of `config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Read this file instead of the factdiff.toml found upward from here.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every factdiff.toml.
    #[arg(long)]
    pub isolated: bool,
}

/// Output format of listing commands (`quantities`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Table,
    /// A JSON array.
    Json,
}

/// Arguments of `quantities`.
#[derive(Debug, Args)]
pub struct QuantitiesArgs {
    /// Article files to scan (.md, .txt, .html; every article of a .jsonl file, or FILE.jsonl#ID
    /// for one).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}
