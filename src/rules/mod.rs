//! Rules: every `*.toml` under the rules folder, read strictly and compiled.
//!
//! Takes rule files; hands on a [`RuleSet`] of compiled [`Fact`]s and [`Term`]s. All errors of
//! all files are collected and reported at once, each with file:line:col and a hint, so an
//! author fixes a file in one pass.

mod pattern;
mod schema;

pub use pattern::{compile as compile_pattern, kind_letter, token, Pattern, PLACEHOLDERS, TOKEN_CLOSE, TOKEN_OPEN};
pub use schema::{json_schema, keys, FactKind, Severity};

use crate::corpus::LineIndex;
use crate::error::{RuleError, RuleErrors};
use crate::quantity::{self, Kind, ScanOptions};
use chrono::NaiveDate;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// All rules, compiled.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Tracked facts.
    pub facts: Vec<Fact>,
    /// Spelling rules.
    pub terms: Vec<Term>,
    /// Settings of the near-verbatim check.
    pub near_verbatim: NearVerbatim,
    /// Exchange rates, when a rule file gives them.
    pub currencies: Option<Currencies>,
    /// Settings of the quote-drift check.
    pub quote_drift: QuoteDrift,
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    /// Where `[near-verbatim]` was set, to refuse a second one.
    near_verbatim_origin: Option<Origin>,
    /// Where `[quote-drift]` was set, to refuse a second one.
    quote_drift_origin: Option<Origin>,
}

/// Settings of the `quote-drift` check (`[quote-drift]` in a rule file).
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteDrift {
    /// Quotations in articles more than this many days apart are not compared (a later
    /// statement may reuse earlier words). Undated articles are compared with all.
    pub window_days: i64,
    /// Severity of a finding.
    pub severity: Severity,
}

impl Default for QuoteDrift {
    fn default() -> Self {
        QuoteDrift { window_days: 30, severity: Severity::Warning }
    }
}

/// Exchange rates (`[currencies]`): the value of one unit of each currency in a common unit,
/// for comparing amounts across currencies and checking conversions stated in the text.
#[derive(Debug, Clone)]
pub struct Currencies {
    /// ISO code → value of one unit in the common unit.
    pub rates: BTreeMap<String, f64>,
    /// How far a conversion may be off (rates move): relative.
    pub tolerance: f64,
    /// Where the rates come from.
    pub source: String,
}

impl Currencies {
    /// Factor turning an amount in `from` into the common unit.
    pub fn rate(&self, from: &str) -> Option<f64> {
        self.rates.get(from).copied()
    }
}

/// Settings of the `near-verbatim` check (`[near-verbatim]` in a rule file).
#[derive(Debug, Clone)]
pub struct NearVerbatim {
    /// Passage length, similarity and boilerplate settings of the engine.
    pub dupes: crate::dupes::DupesConfig,
    /// Report boilerplate groups (once each, as info) instead of dropping them.
    pub report_boilerplate: bool,
    /// Severity of a shared quotation (outlets quoting the same statement).
    pub quotation_severity: Severity,
    /// Severity of copied prose.
    pub prose_severity: Severity,
}

impl Default for NearVerbatim {
    fn default() -> Self {
        NearVerbatim {
            dupes: crate::dupes::DupesConfig { measure_boilerplate: false, ..Default::default() },
            report_boilerplate: false,
            quotation_severity: Severity::Info,
            prose_severity: Severity::Warning,
        }
    }
}

/// Where a rule is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The rule file.
    pub path: PathBuf,
    /// 1-based line of the rule's `id`.
    pub line: usize,
}

/// How far apart two values may be and still agree.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub enum Tolerance {
    /// Only rounding: a figure agrees with anything that rounds to it.
    #[default]
    Exact,
    /// Plus or minus this amount, in the fact's unit.
    Absolute(f64),
    /// Plus or minus this fraction of the value (0.01 = 1 %).
    Relative(f64),
}

impl Tolerance {
    /// What each side is widened by when two claims are compared with each other: half, so
    /// two figures agree when they lie within the tolerance of each other (a claim compared
    /// with an exact reference is widened by the whole tolerance).
    pub fn pairwise(self) -> Tolerance {
        match self {
            Tolerance::Exact => Tolerance::Exact,
            Tolerance::Absolute(a) => Tolerance::Absolute(a / 2.0),
            Tolerance::Relative(r) => Tolerance::Relative(r / 2.0),
        }
    }
}

/// A label for part of a claim's scope (its subject or role), found by a regex near the claim.
#[derive(Debug, Clone, Default)]
pub struct ScopeRule {
    /// Label and the regex that signals it, in label order.
    pub labels: Vec<(String, Regex)>,
    /// The label given to claims where no regex matches.
    pub default: Option<String>,
}

impl ScopeRule {
    /// Whether the rule distinguishes anything.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.default.is_none()
    }
}

/// A reference value: what was true from one date until another.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The value, as a mention of the fact's kind (or text).
    pub value: RefValue,
    /// The value as written in the rule, for messages.
    pub written: String,
    /// First day it is true.
    pub from: NaiveDate,
    /// First day it is no longer true (`None`: still true).
    pub until: Option<NaiveDate>,
    /// Where the figure comes from.
    pub source: String,
}

/// A reference's value.
#[derive(Debug, Clone)]
pub enum RefValue {
    /// A number, amount, percent, quantity or date.
    Mention(quantity::Mention),
    /// A word or name (text facts).
    Text(String),
}

/// A tracked fact.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Stable id, used in findings, baselines and suppressions.
    pub id: String,
    /// Human title.
    pub title: String,
    /// What kind of value it has.
    pub kind: FactKind,
    /// Severity of its findings.
    pub severity: Severity,
    /// Phrasing patterns.
    pub patterns: Vec<Pattern>,
    /// Raw regexes with a `value` group, matched on the original text.
    pub regexes: Vec<Regex>,
    /// Patterns whose match around a claim's value voids the claim.
    pub not_when: Vec<Pattern>,
    /// The fact is read only in articles where one of these matches (empty: every article).
    pub context: Vec<Regex>,
    /// Other bodies ("OSCE", "G7"): a claim is not read where one of them, rather than a
    /// `context`, is what the text around it is about (see `extract::about_a_rival`).
    pub rivals: Vec<Regex>,
    /// How far values may differ.
    pub tolerance: Tolerance,
    /// Articles further apart than this many days are about different moments.
    pub window_days: Option<u32>,
    /// Figures further apart than this factor are about different things (a weapons package
    /// beside the bill that funds a year of them) and are never compared.
    pub max_ratio: Option<f64>,
    /// Figures outside `[lowest, highest]` are about something else (another body's members)
    /// and give no claim.
    pub values_within: Option<(f64, f64)>,
    /// Who or what the figure is about.
    pub subject: ScopeRule,
    /// What the figure is (a request, one package, the total so far).
    pub role: ScopeRule,
    /// Dated reference values, sorted by `from`.
    pub references: Vec<Reference>,
    /// Compare amounts in different currencies through the `[currencies]` rates.
    pub compare_currencies: bool,
    /// Examples the rule must get right (`factdiff rules test`).
    pub examples: Vec<FactExample>,
    /// Where it is defined.
    pub origin: Origin,
}

impl Fact {
    /// The mention kind that carries this fact's value (`None` for text facts).
    pub fn value_kind(&self) -> Option<Kind> {
        match self.kind {
            FactKind::Count | FactKind::Number => Some(Kind::Number),
            FactKind::Money => Some(Kind::Money),
            FactKind::Percent => Some(Kind::Percent),
            FactKind::Quantity => Some(Kind::Quantity),
            FactKind::Date => Some(Kind::Date),
            FactKind::Text => None,
        }
    }

    /// The reference in force on `date`.
    pub fn reference_at(&self, date: NaiveDate) -> Option<&Reference> {
        self.references.iter().find(|r| r.from <= date && r.until.is_none_or(|u| date < u))
    }

    /// On the day a reference takes effect, the one in force the day before: news of that day
    /// speaks of both ("until Thursday, the alliance of 31"; "ratified by all 30 allies" on
    /// the day the 31st joined), so either is right then.
    pub fn reference_before_change(&self, date: NaiveDate) -> Option<&Reference> {
        let current = self.reference_at(date)?;
        (current.from == date).then(|| date.pred_opt().and_then(|d| self.reference_at(d))).flatten()
    }
}

/// An example sentence for a fact rule, with what it must (or must not) yield.
#[derive(Debug, Clone)]
pub struct FactExample {
    /// The text.
    pub text: String,
    /// The article date to assume.
    pub date: Option<NaiveDate>,
    /// The value the claim must have (`None`: any, or none with `no_claim`).
    pub value: Option<RefValue>,
    /// The value as written, for messages.
    pub written: Option<String>,
    /// The text must give no claim of this fact.
    pub no_claim: bool,
    /// Expected subject label.
    pub subject: Option<String>,
    /// Expected role label.
    pub role: Option<String>,
    /// A check that must report a finding on this text alone (`stale-fact`, ...).
    pub finding: Option<String>,
    /// Line of the example in the rule file.
    pub line: usize,
}

/// An example sentence for a term rule.
#[derive(Debug, Clone)]
pub struct TermExample {
    /// The text.
    pub text: String,
    /// Whether the text must be flagged.
    pub flagged: bool,
    /// Line of the example in the rule file.
    pub line: usize,
}

/// A spelling rule.
#[derive(Debug, Clone)]
pub struct Term {
    /// Stable id.
    pub id: String,
    /// Human title.
    pub title: String,
    /// The preferred form; `None` when the corpus majority decides.
    pub preferred: Option<String>,
    /// Every form, preferred first when there is one.
    pub forms: Vec<String>,
    /// One regex per form, whole-word.
    pub regexes: Vec<Regex>,
    /// Severity of its findings.
    pub severity: Severity,
    /// Skip uses inside quotation marks (a quoted statement keeps its own spelling).
    pub ignore_in_quotes: bool,
    /// Names that keep a form ("chicken Kiev"): a use inside a match is skipped.
    pub not_in: Vec<Regex>,
    /// Examples the rule must get right.
    pub examples: Vec<TermExample>,
    /// Where it is defined.
    pub origin: Origin,
}

/// Read every `*.toml` under `path` (a file or a folder), sorted by path.
pub fn load(path: &Path) -> Result<RuleSet, RuleErrors> {
    let files = if path.is_file() {
        vec![path.to_path_buf()]
    } else if path.is_dir() {
        let mut files = Vec::new();
        collect_toml(path, &mut files).map_err(|e| {
            RuleErrors(vec![RuleError {
                path: path.to_path_buf(),
                at: None,
                message: format!("could not read the rules folder: {e}"),
                hint: None,
            }])
        })?;
        files.sort();
        files
    } else {
        return Err(RuleErrors(vec![RuleError {
            path: path.to_path_buf(),
            at: None,
            message: "no such rules file or folder".into(),
            hint: Some("pass --rules PATH, or run from the folder that holds `rules/`".into()),
        }]));
    };
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for f in &files {
        match std::fs::read_to_string(f) {
            Ok(s) => sources.push((f.clone(), s)),
            Err(e) => errors.push(RuleError {
                path: f.clone(),
                at: None,
                message: format!("could not read: {e}"),
                hint: Some("rule files must be UTF-8 text".into()),
            }),
        }
    }
    let mut set = RuleSet { files: files.clone(), ..Default::default() };
    for (path, src) in &sources {
        compile_file(path, src, &mut set, &mut errors);
    }
    check_duplicate_ids(&set, &mut errors);
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(RuleErrors(errors))
    }
}

/// Compile rules from a string (tests and `rules test`), as if read from `path`.
pub fn load_str(path: &Path, src: &str) -> Result<RuleSet, RuleErrors> {
    let mut set = RuleSet { files: vec![path.to_path_buf()], ..Default::default() };
    let mut errors = Vec::new();
    compile_file(path, src, &mut set, &mut errors);
    check_duplicate_ids(&set, &mut errors);
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(RuleErrors(errors))
    }
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            collect_toml(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
    Ok(())
}

/// Turns byte spans of one file into errors with line and column.
struct Ctx<'a> {
    path: &'a Path,
    src: &'a str,
    lines: LineIndex,
}

impl Ctx<'_> {
    fn err(&self, span: Option<Range<usize>>, message: impl Into<String>, hint: impl Into<Option<String>>) -> RuleError {
        RuleError {
            path: self.path.to_path_buf(),
            at: span.map(|s| self.lines.line_col(self.src, s.start)),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// Byte offset in the file of byte `offset` inside the string literal at `span`.
    fn in_string(&self, span: &Range<usize>, needle: &str, offset: usize) -> Range<usize> {
        let lit = self.src.get(span.clone()).unwrap_or("");
        match lit.find(needle) {
            Some(i) if !needle.is_empty() => span.start + i..span.start + i + needle.len(),
            _ => span.start + offset.min(lit.len())..span.end,
        }
    }
}

fn compile_file(path: &Path, src: &str, set: &mut RuleSet, errors: &mut Vec<RuleError>) {
    let ctx = Ctx { path, src, lines: LineIndex::new(src) };
    let file: schema::RuleFile = match toml::from_str(src) {
        Ok(f) => f,
        Err(e) => {
            let mut message = e.message().trim().to_string();
            if message.is_empty() {
                // toml gives no message for some syntax errors (a NUL or other control character in a comment).
                let found = e.span().and_then(|s| src.get(s.start..)).and_then(|rest| rest.chars().next());
                message = found.map_or("unexpected end of file".to_string(), |c| format!("unexpected character {c:?}"));
            }
            errors.push(ctx.err(e.span(), message, hint_for_toml_error(e.message())));
            return;
        }
    };
    for spec in file.fact {
        if let Some(f) = compile_fact(&ctx, spec, errors) {
            set.facts.push(f);
        }
    }
    for spec in file.term {
        if let Some(t) = compile_term(&ctx, spec, errors) {
            set.terms.push(t);
        }
    }
    if let Some(c) = file.currencies {
        let span = c.span();
        let c = c.into_inner();
        if set.currencies.is_some() {
            errors.push(ctx.err(
                Some(span),
                "a second [currencies] table".to_string(),
                Some("keep one [currencies] table across all rule files".to_string()),
            ));
        } else {
            let mut rates = BTreeMap::new();
            for (code, r) in &c.rates {
                let ok_code = code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase());
                if !(ok_code && *r.get_ref() > 0.0 && r.get_ref().is_finite()) {
                    errors.push(ctx.err(
                        Some(r.span()),
                        format!("invalid rate {code} = {}", r.get_ref()),
                        Some("ISO 4217 codes in capitals with a positive value: EUR = 1.08".to_string()),
                    ));
                } else {
                    rates.insert(code.clone(), *r.get_ref());
                }
            }
            let tolerance = match &c.tolerance {
                None => 0.1,
                Some(t) => match parse_tolerance(t.get_ref()) {
                    Some(Tolerance::Relative(r)) => r,
                    _ => {
                        errors.push(ctx.err(
                            Some(t.span()),
                            format!("invalid tolerance `{}`", t.get_ref()),
                            Some("a percentage as a string: \"10%\"".to_string()),
                        ));
                        0.1
                    }
                },
            };
            set.currencies = Some(Currencies { rates, tolerance, source: c.source });
        }
    }
    if let Some(qd) = file.quote_drift {
        if first_table(&ctx, "quote-drift", qd.span(), &mut set.quote_drift_origin, errors) {
            compile_quote_drift(&ctx, qd.into_inner(), &mut set.quote_drift, errors);
        }
    }
    if let Some(nv) = file.near_verbatim {
        if first_table(&ctx, "near-verbatim", nv.span(), &mut set.near_verbatim_origin, errors) {
            compile_near_verbatim(&ctx, nv.into_inner(), &mut set.near_verbatim, errors);
        }
    }
}

/// A settings table may appear once across all rule files: true for the first, an error naming
/// where the first one is for any other.
fn first_table(ctx: &Ctx<'_>, name: &str, span: Range<usize>, first: &mut Option<Origin>, errors: &mut Vec<RuleError>) -> bool {
    if let Some(f) = first {
        errors.push(ctx.err(
            Some(span),
            format!("a second [{name}] table; the first is at {}:{}", f.path.display(), f.line),
            Some(format!("keep one [{name}] table across all rule files")),
        ));
        return false;
    }
    *first = Some(Origin { path: ctx.path.to_path_buf(), line: ctx.lines.line_col(ctx.src, span.start).line });
    true
}

/// A `window-days` value: 0 to 36500, else an error with `hint`.
fn window_days(ctx: &Ctx<'_>, w: &toml::Spanned<i64>, hint: &str, errors: &mut Vec<RuleError>) -> Option<u32> {
    match u32::try_from(*w.get_ref()) {
        Ok(days) if days <= 36_500 => Some(days),
        _ => {
            errors.push(ctx.err(
                Some(w.span()),
                format!("window-days must be between 0 and 36500, found {}", w.get_ref()),
                Some(hint.to_string()),
            ));
            None
        }
    }
}

fn compile_quote_drift(ctx: &Ctx<'_>, spec: schema::QuoteDriftSpec, qd: &mut QuoteDrift, errors: &mut Vec<RuleError>) {
    if let Some(w) = &spec.window_days {
        let hint = "the most days between two articles whose quotations are compared; 30 by default";
        if let Some(days) = window_days(ctx, w, hint, errors) {
            qd.window_days = i64::from(days);
        }
    }
    if let Some(sev) = spec.severity {
        qd.severity = sev;
    }
}

fn compile_near_verbatim(ctx: &Ctx<'_>, spec: schema::NearVerbatimSpec, nv: &mut NearVerbatim, errors: &mut Vec<RuleError>) {
    if let Some(m) = spec.min_words {
        if (5..=10_000).contains(m.get_ref()) {
            nv.dupes.min_words = *m.get_ref() as usize;
        } else {
            errors.push(ctx.err(
                Some(m.span()),
                format!("min-words must be between 5 and 10000, found {}", m.get_ref()),
                Some("the shortest passage, in words, worth reporting; 25 to 40 suits most corpora".to_string()),
            ));
        }
    }
    if let Some(s) = spec.similarity {
        if (0.5..=1.0).contains(s.get_ref()) {
            nv.dupes.similarity = *s.get_ref();
        } else {
            errors.push(ctx.err(
                Some(s.span()),
                format!("similarity must be between 0.5 and 1.0, found {}", s.get_ref()),
                Some("the share of words two passages have in common; 0.85 tolerates light editing".to_string()),
            ));
        }
    }
    if let Some(b) = spec.boilerplate {
        nv.dupes.boilerplate = b;
    }
    if let Some(d) = spec.boilerplate_min_docs {
        if *d.get_ref() >= 2 {
            nv.dupes.boilerplate_min_docs = *d.get_ref() as usize;
        } else {
            errors.push(ctx.err(
                Some(d.span()),
                format!("boilerplate-min-docs must be at least 2, found {}", d.get_ref()),
                Some("a passage in at least this many articles is boilerplate".to_string()),
            ));
        }
    }
    if let Some(r) = spec.report_boilerplate {
        nv.report_boilerplate = r;
    }
    // The similarity of a boilerplate group is only shown when it is reported.
    nv.dupes.measure_boilerplate = nv.report_boilerplate;
    if let Some(s) = spec.quotation_severity {
        nv.quotation_severity = s;
    }
    if let Some(s) = spec.prose_severity {
        nv.prose_severity = s;
    }
}

/// A hint for serde's messages: the closest known key for an unknown one.
fn hint_for_toml_error(message: &str) -> Option<String> {
    let Some(unknown) = message.split('`').nth(1) else {
        return Some("a TOML syntax error: check the quotes, brackets and `=` on this line (https://toml.io)".into());
    };
    if message.starts_with("unknown field") {
        let all: Vec<String> = keys().into_iter().flat_map(|(_, ks)| ks).collect();
        let best = all.iter().map(|k| (strsim::jaro_winkler(k, unknown), k.as_str())).max_by(|a, b| a.0.total_cmp(&b.0))?;
        if best.0 > 0.8 {
            return Some(format!("did you mean `{}`? Every key is listed in docs/rules.md", best.1));
        }
        return Some("remove it, or see docs/rules.md for the keys a rule accepts".into());
    }
    if message.starts_with("unknown variant") {
        return Some("see docs/rules.md for the accepted values".into());
    }
    if message.starts_with("missing field") {
        return Some(format!("add `{unknown} = ...` to this table; docs/rules.md shows an example"));
    }
    Some("see docs/rules.md for the keys and values a rule accepts".into())
}

fn check_id(ctx: &Ctx<'_>, id: &toml::Spanned<String>, errors: &mut Vec<RuleError>) -> bool {
    let ok = !id.get_ref().is_empty() && id.get_ref().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        errors.push(ctx.err(
            Some(id.span()),
            format!("invalid id `{}`", id.get_ref()),
            Some("ids are lower-case words joined by hyphens, e.g. `nato-member-count`".to_string()),
        ));
    }
    ok
}

fn compile_fact(ctx: &Ctx<'_>, spec: schema::FactSpec, errors: &mut Vec<RuleError>) -> Option<Fact> {
    let before = errors.len();
    check_id(ctx, &spec.id, errors);
    let id = spec.id.get_ref().clone();
    let origin = Origin { path: ctx.path.to_path_buf(), line: ctx.lines.line_col(ctx.src, spec.id.span().start).line };
    let value_kind = match spec.kind {
        FactKind::Count | FactKind::Number => Some(Kind::Number),
        FactKind::Money => Some(Kind::Money),
        FactKind::Percent => Some(Kind::Percent),
        FactKind::Quantity => Some(Kind::Quantity),
        FactKind::Date => Some(Kind::Date),
        FactKind::Text => None,
    };
    if spec.patterns.is_empty() && spec.regex.is_empty() {
        errors.push(ctx.err(
            Some(spec.id.span()),
            format!("fact `{id}` has no `patterns` (and no `regex`), so it can never match"),
            Some("add patterns = [\"{count} member states\"] or similar".to_string()),
        ));
    }
    let mut patterns = Vec::new();
    for p in &spec.patterns {
        match pattern::compile(p.get_ref()) {
            Ok(c) => {
                let has_kind = value_kind.is_some_and(|k| c.placeholders.iter().any(|(_, pk)| *pk == k));
                if !has_kind && !c.has_value_group {
                    let want = match spec.kind {
                        FactKind::Text => "a `(?P<value>...)` group".to_string(),
                        k => format!("a `{{{}}}` placeholder or a `(?P<value>...)` group", placeholder_for(k)),
                    };
                    errors.push(ctx.err(
                        Some(p.span()),
                        format!("pattern `{}` has no value: it needs {want}", p.get_ref()),
                        Some("the placeholder marks where the fact's value is in the phrase".to_string()),
                    ));
                } else {
                    patterns.push(c);
                }
            }
            Err(e) => {
                let span = ctx.in_string(&p.span(), extract_placeholder(p.get_ref(), e.offset), e.offset + 1);
                errors.push(ctx.err(Some(span), format!("in pattern `{}`: {}", p.get_ref(), e.message), Some(e.hint)));
            }
        }
    }
    let mut regexes = Vec::new();
    for r in &spec.regex {
        match pattern::compile_plain(r.get_ref()) {
            Ok(re) if re.capture_names().flatten().any(|n| n == "value") => regexes.push(re),
            Ok(_) => errors.push(ctx.err(
                Some(r.span()),
                format!("regex `{}` has no `(?P<value>...)` group", r.get_ref()),
                Some("name the group that holds the value `value`".to_string()),
            )),
            Err(e) => errors.push(ctx.err(Some(r.span()), format!("in regex `{}`: {}", r.get_ref(), e.message), Some(e.hint))),
        }
    }
    let mut not_when = Vec::new();
    for p in &spec.not_when {
        match pattern::compile(p.get_ref()) {
            Ok(c) => not_when.push(c),
            Err(e) => {
                let span = ctx.in_string(&p.span(), extract_placeholder(p.get_ref(), e.offset), e.offset + 1);
                errors.push(ctx.err(Some(span), format!("in not-when `{}`: {}", p.get_ref(), e.message), Some(e.hint)));
            }
        }
    }
    let mut context = Vec::new();
    for r in &spec.context {
        match pattern::compile_plain(r.get_ref()) {
            Ok(re) => context.push(re),
            Err(e) => errors.push(ctx.err(Some(r.span()), format!("in context `{}`: {}", r.get_ref(), e.message), Some(e.hint))),
        }
    }
    let mut rivals = Vec::new();
    for r in &spec.rivals {
        match pattern::compile_plain(r.get_ref()) {
            Ok(re) => rivals.push(re),
            Err(e) => errors.push(ctx.err(Some(r.span()), format!("in rivals `{}`: {}", r.get_ref(), e.message), Some(e.hint))),
        }
    }
    let tolerance = match &spec.tolerance {
        None => Tolerance::Exact,
        Some(t) => match parse_tolerance(t.get_ref()) {
            Some(t) => t,
            None => {
                errors.push(ctx.err(
                    Some(t.span()),
                    format!("invalid tolerance `{}`", t.get_ref()),
                    Some("write a percentage as a string (\"1%\") or an absolute amount as a number (0.5)".to_string()),
                ));
                Tolerance::Exact
            }
        },
    };
    if spec.kind == FactKind::Date && matches!(tolerance, Tolerance::Relative(_)) {
        if let Some(t) = &spec.tolerance {
            errors.push(ctx.err(
                Some(t.span()),
                format!("a date fact's tolerance is a number of days, found `{}`", t.get_ref()),
                Some("`tolerance = 1` lets dates one day apart agree (a two-day meeting)".to_string()),
            ));
        }
    }
    let window_days = spec
        .window_days
        .as_ref()
        .and_then(|w| window_days(ctx, w, "the number of days within which two articles describe the same moment", errors));
    let max_ratio = spec.max_ratio.as_ref().and_then(|r| {
        let v = *r.get_ref();
        let numeric = !matches!(spec.kind, FactKind::Date | FactKind::Text);
        if numeric && v.is_finite() && v > 1.0 {
            return Some(v);
        }
        let (message, hint) = if numeric {
            (
                format!("max-ratio must be a number above 1, found {v}"),
                "`max-ratio = 3`: figures more than three times apart are about different things",
            )
        } else {
            (
                format!("max-ratio applies to figures, not to a `{}` fact", if spec.kind == FactKind::Date { "date" } else { "text" }),
                "remove it, or use `window-days` to keep different moments apart",
            )
        };
        errors.push(ctx.err(Some(r.span()), message, Some(hint.to_string())));
        None
    });
    let values_within = spec.values_within.as_ref().and_then(|r| {
        let v = r.get_ref();
        let numeric = !matches!(spec.kind, FactKind::Date | FactKind::Text);
        match v.as_slice() {
            [lo, hi] if numeric && lo.is_finite() && hi.is_finite() && lo <= hi => return Some((*lo, *hi)),
            _ => {}
        }
        let (message, hint) = if numeric {
            (
                format!("values-within must be two numbers, the lowest first, found {v:?}"),
                "`values-within = [10, 40]`: figures outside are about something else",
            )
        } else {
            (
                format!("values-within applies to figures, not to a `{}` fact", if spec.kind == FactKind::Date { "date" } else { "text" }),
                "remove it",
            )
        };
        errors.push(ctx.err(Some(r.span()), message, Some(hint.to_string())));
        None
    });
    let subject = compile_scope(ctx, "subject", &spec.subject, spec.subject_default.as_ref(), errors);
    let role = compile_scope(ctx, "role", &spec.role, spec.role_default.as_ref(), errors);
    let references = compile_references(ctx, spec.kind, &spec.reference, errors);
    let mut examples = Vec::new();
    for ex in &spec.example {
        let e = ex.get_ref();
        let line = ctx.lines.line_col(ctx.src, ex.span().start).line;
        let date = match &e.date {
            None => None,
            Some(d) => match toml_date(d.get_ref()) {
                Some(d) => Some(d),
                None => {
                    errors.push(ctx.err(
                        Some(d.span()),
                        format!("`date` must be a date such as 2023-11-29, found `{}`", d.get_ref()),
                        Some("write dates as YYYY-MM-DD".to_string()),
                    ));
                    continue;
                }
            },
        };
        let (value, written) = match &e.value {
            None => (None, None),
            Some(v) => match reference_value(spec.kind, v.get_ref()) {
                Ok(rv) => (
                    Some(rv),
                    Some(match v.get_ref() {
                        toml::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }),
                ),
                Err(msg) => {
                    errors.push(ctx.err(
                        Some(v.span()),
                        msg,
                        Some("the expected value, written as an article would (\"$60bn\", 32)".to_string()),
                    ));
                    continue;
                }
            },
        };
        if e.no_claim && (value.is_some() || e.finding.is_some()) {
            errors.push(ctx.err(
                Some(ex.span()),
                "an example with `no-claim = true` cannot also expect a value or a finding".to_string(),
                Some("split it into two examples".to_string()),
            ));
            continue;
        }
        if let Some(f) = &e.finding {
            if crate::checks::info(f.get_ref()).is_none() {
                let known: Vec<&str> = crate::checks::CHECKS.iter().map(|c| c.id).collect();
                errors.push(ctx.err(
                    Some(f.span()),
                    format!("unknown check `{}`", f.get_ref()),
                    Some(format!("one of: {}", known.join(", "))),
                ));
                continue;
            }
        }
        examples.push(FactExample {
            text: e.text.clone(),
            date,
            value,
            written,
            no_claim: e.no_claim,
            subject: e.subject.clone(),
            role: e.role.clone(),
            finding: e.finding.as_ref().map(|f| f.get_ref().clone()),
            line,
        });
    }
    if errors.len() > before {
        return None;
    }
    Some(Fact {
        id,
        title: spec.title,
        kind: spec.kind,
        severity: spec.severity,
        patterns,
        regexes,
        not_when,
        context,
        rivals,
        tolerance,
        window_days,
        max_ratio,
        values_within,
        subject,
        role,
        references,
        compare_currencies: spec.compare_currencies,
        examples,
        origin,
    })
}

fn placeholder_for(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Count => "count",
        FactKind::Number => "number",
        FactKind::Money => "money",
        FactKind::Percent => "percent",
        FactKind::Quantity => "quantity",
        FactKind::Date => "date",
        FactKind::Text => "value",
    }
}

/// The `{name}` text at `offset` in a pattern, to point the error at it.
fn extract_placeholder(pattern: &str, offset: usize) -> &str {
    let rest = pattern.get(offset..).unwrap_or("");
    if rest.starts_with('{') {
        rest.find('}').map(|e| &rest[..=e]).unwrap_or(rest)
    } else {
        ""
    }
}

fn parse_tolerance(v: &toml::Value) -> Option<Tolerance> {
    match v {
        toml::Value::Integer(i) if *i >= 0 => Some(Tolerance::Absolute(*i as f64)),
        toml::Value::Float(f) if *f >= 0.0 && f.is_finite() => Some(Tolerance::Absolute(*f)),
        toml::Value::String(s) => {
            let pct: f64 = s.trim().strip_suffix('%')?.trim().parse().ok()?;
            (pct >= 0.0 && pct.is_finite()).then_some(Tolerance::Relative(pct / 100.0))
        }
        _ => None,
    }
}

fn compile_scope(
    ctx: &Ctx<'_>,
    what: &str,
    map: &BTreeMap<String, toml::Spanned<String>>,
    default: Option<&toml::Spanned<String>>,
    errors: &mut Vec<RuleError>,
) -> ScopeRule {
    let mut labels = Vec::new();
    for (label, re) in map {
        match pattern::compile_plain(re.get_ref()) {
            Ok(r) => labels.push((label.clone(), r)),
            Err(e) => errors.push(ctx.err(Some(re.span()), format!("in {what} `{label}`: {}", e.message), Some(e.hint))),
        }
    }
    let default = default.map(|d| {
        if !map.contains_key(d.get_ref()) {
            let known: Vec<&str> = map.keys().map(String::as_str).collect();
            errors.push(ctx.err(
                Some(d.span()),
                format!("{what}-default `{}` is not one of the {what} labels", d.get_ref()),
                Some(format!("use one of: {}", known.join(", "))),
            ));
        }
        d.get_ref().clone()
    });
    ScopeRule { labels, default }
}

fn toml_date(v: &toml::Value) -> Option<NaiveDate> {
    let s = match v {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => return None,
    };
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn compile_references(
    ctx: &Ctx<'_>,
    kind: FactKind,
    specs: &[toml::Spanned<schema::ReferenceSpec>],
    errors: &mut Vec<RuleError>,
) -> Vec<Reference> {
    let mut out: Vec<(Reference, Range<usize>)> = Vec::new();
    for spec in specs {
        let r = spec.get_ref();
        let bad_date = |v: &toml::Spanned<toml::Value>, key: &str| {
            ctx.err(
                Some(v.span()),
                format!("`{key}` must be a date such as 2023-04-04, found `{}`", v.get_ref()),
                Some("write dates as YYYY-MM-DD".to_string()),
            )
        };
        let Some(from) = toml_date(r.from.get_ref()) else {
            errors.push(bad_date(&r.from, "from"));
            continue;
        };
        let until = match &r.until {
            None => None,
            Some(u) => match toml_date(u.get_ref()) {
                Some(d) => Some(d),
                None => {
                    errors.push(bad_date(u, "until"));
                    continue;
                }
            },
        };
        if until.is_some_and(|u| u <= from) {
            errors.push(ctx.err(
                Some(spec.span()),
                "`until` must be after `from`".to_string(),
                Some("until is the first day the value is no longer true".to_string()),
            ));
            continue;
        }
        let written = match r.value.get_ref() {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let value = match reference_value(kind, r.value.get_ref()) {
            Ok(v) => v,
            Err(msg) => {
                errors.push(ctx.err(
                    Some(r.value.span()),
                    msg,
                    Some(format!("a {} fact needs a reference value of that kind", placeholder_for(kind))),
                ));
                continue;
            }
        };
        out.push((Reference { value, written, from, until, source: r.source.clone() }, spec.span()));
    }
    out.sort_by_key(|(r, _)| r.from);
    // A reference without `until` lasts until the next one begins.
    let froms: Vec<NaiveDate> = out.iter().map(|(r, _)| r.from).collect();
    for (i, (r, _)) in out.iter_mut().enumerate() {
        if r.until.is_none() {
            r.until = froms.get(i + 1).copied();
        }
    }
    for pair in out.windows(2) {
        let (a, _) = &pair[0];
        let (b, span) = &pair[1];
        if a.from == b.from || a.until.is_some_and(|u| u > b.from) {
            errors.push(ctx.err(
                Some(span.clone()),
                format!(
                    "reference from {} overlaps the one from {} (valid until {})",
                    b.from,
                    a.from,
                    a.until.map(|d| d.to_string()).unwrap_or_else(|| "open".into())
                ),
                Some("validity periods must not overlap: set `until` on the earlier one to this one's `from` or earlier".to_string()),
            ));
        }
    }
    out.into_iter().map(|(r, _)| r).collect()
}

fn reference_value(kind: FactKind, v: &toml::Value) -> Result<RefValue, String> {
    let opts = ScanOptions::default();
    let text = match (kind, v) {
        (FactKind::Text, toml::Value::String(s)) => return Ok(RefValue::Text(s.clone())),
        (FactKind::Text, other) => return Err(format!("a text fact's reference value must be a string, found `{other}`")),
        (FactKind::Date, toml::Value::Datetime(d)) => d.to_string(),
        (_, toml::Value::Integer(i)) => i.to_string(),
        (_, toml::Value::Float(f)) => f.to_string(),
        (_, toml::Value::String(s)) => s.clone(),
        (_, other) => return Err(format!("reference value `{other}` is neither a number nor a string")),
    };
    let m = quantity::parse_one(&text, &opts).ok_or_else(|| format!("could not read `{text}` as one value"))?;
    let want = match kind {
        FactKind::Count | FactKind::Number => Kind::Number,
        FactKind::Money => Kind::Money,
        FactKind::Percent => Kind::Percent,
        FactKind::Quantity => Kind::Quantity,
        FactKind::Date => Kind::Date,
        FactKind::Text => return Ok(RefValue::Text(text)),
    };
    if m.kind() != want {
        return Err(format!("reference value `{text}` reads as {:?}, but the fact is about {:?}", m.kind(), want).to_lowercase());
    }
    Ok(RefValue::Mention(m))
}

fn compile_term(ctx: &Ctx<'_>, spec: schema::TermSpec, errors: &mut Vec<RuleError>) -> Option<Term> {
    let before = errors.len();
    check_id(ctx, &spec.id, errors);
    let origin = Origin { path: ctx.path.to_path_buf(), line: ctx.lines.line_col(ctx.src, spec.id.span().start).line };
    let mut forms: Vec<toml::Spanned<String>> = Vec::new();
    match (&spec.preferred, spec.variants.is_empty(), spec.either.is_empty()) {
        (Some(p), false, true) => {
            forms.push(p.clone());
            forms.extend(spec.variants.iter().cloned());
        }
        (None, true, false) if spec.either.len() >= 2 => forms.extend(spec.either.iter().cloned()),
        _ => {
            errors.push(ctx.err(
                Some(spec.id.span()),
                format!("term `{}` needs either `preferred` with `variants`, or `either` with two or more forms", spec.id.get_ref()),
                Some("preferred = \"Kyiv\" with variants = [\"Kiev\"], or either = [\"defence\", \"defense\"]".to_string()),
            ));
        }
    }
    let mut regexes = Vec::new();
    for f in &forms {
        if f.get_ref().trim().is_empty() {
            errors.push(ctx.err(Some(f.span()), "empty spelling".to_string(), Some("write the word as it appears in text".to_string())));
            continue;
        }
        let body = regex::escape(f.get_ref());
        let re = regex::RegexBuilder::new(&format!(r"\b{body}\b")).case_insensitive(!spec.case_sensitive).build();
        match re {
            Ok(r) => regexes.push(r),
            Err(e) => errors.push(ctx.err(Some(f.span()), format!("could not compile `{}`: {e}", f.get_ref()), None)),
        }
    }
    let mut not_in = Vec::new();
    for n in &spec.not_in {
        match regex::RegexBuilder::new(n.get_ref()).case_insensitive(!spec.case_sensitive).build() {
            Ok(r) => not_in.push(r),
            Err(e) => errors.push(ctx.err(
                Some(n.span()),
                format!("could not compile `{}`: {e}", n.get_ref()),
                Some("a regex around the form, like 'chicken Kiev'".to_string()),
            )),
        }
    }
    if errors.len() > before {
        return None;
    }
    Some(Term {
        id: spec.id.get_ref().clone(),
        title: spec.title.unwrap_or_else(|| forms.iter().map(|f| f.get_ref().as_str()).collect::<Vec<_>>().join(" / ")),
        preferred: spec.preferred.map(|p| p.into_inner()),
        forms: forms.into_iter().map(|f| f.into_inner()).collect(),
        regexes,
        severity: spec.severity,
        ignore_in_quotes: spec.ignore_in_quotes,
        not_in,
        examples: spec
            .example
            .iter()
            .map(|e| TermExample {
                text: e.get_ref().text.clone(),
                flagged: e.get_ref().flagged,
                line: ctx.lines.line_col(ctx.src, e.span().start).line,
            })
            .collect(),
        origin,
    })
}

fn check_duplicate_ids(set: &RuleSet, errors: &mut Vec<RuleError>) {
    let mut seen: BTreeMap<&str, &Origin> = BTreeMap::new();
    let all = set.facts.iter().map(|f| (f.id.as_str(), &f.origin)).chain(set.terms.iter().map(|t| (t.id.as_str(), &t.origin)));
    for (id, origin) in all {
        if let Some(first) = seen.get(id) {
            errors.push(RuleError {
                path: origin.path.clone(),
                at: Some(crate::error::LineCol { line: origin.line, column: 1 }),
                message: format!("duplicate id `{id}`, first defined at {}:{}", first.path.display(), first.line),
                hint: Some("ids must be unique across all rule files; rename one".into()),
            });
        } else {
            seen.insert(id, origin);
        }
    }
}
