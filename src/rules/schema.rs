//! The TOML schema of rule files, as serde structs. Strict: unknown keys are errors, keys are
//! kebab-case, and every default is written down here and in `docs/rules.md`.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleFile {
    #[serde(default)]
    pub(crate) fact: Vec<FactSpec>,
    #[serde(default)]
    pub(crate) term: Vec<TermSpec>,
    #[serde(default)]
    pub(crate) near_verbatim: Option<Spanned<NearVerbatimSpec>>,
    #[serde(default)]
    pub(crate) currencies: Option<Spanned<CurrenciesSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CurrenciesSpec {
    pub(crate) rates: std::collections::BTreeMap<String, Spanned<f64>>,
    #[serde(default)]
    pub(crate) tolerance: Option<Spanned<toml::Value>>,
    pub(crate) source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct NearVerbatimSpec {
    #[serde(default)]
    pub(crate) min_words: Option<Spanned<i64>>,
    #[serde(default)]
    pub(crate) similarity: Option<Spanned<f64>>,
    #[serde(default)]
    pub(crate) boilerplate: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) boilerplate_min_docs: Option<Spanned<i64>>,
    #[serde(default)]
    pub(crate) report_boilerplate: Option<bool>,
    #[serde(default)]
    pub(crate) quotation_severity: Option<Severity>,
    #[serde(default)]
    pub(crate) prose_severity: Option<Severity>,
}

/// What kind of value a fact has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// A count of things: `{count}`.
    Count,
    /// Any number: `{number}`.
    Number,
    /// An amount of money: `{money}`.
    Money,
    /// A percentage: `{percent}`.
    Percent,
    /// A quantity with a unit: `{quantity}`.
    Quantity,
    /// A date: `{date}`.
    Date,
    /// A word or name captured with `(?P<value>...)`.
    Text,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Worth a look before publishing.
    Warning,
    /// Wrong: fix before publishing.
    Error,
}

impl Severity {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

fn default_severity() -> Severity {
    Severity::Warning
}

fn default_info() -> Severity {
    Severity::Info
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct FactSpec {
    pub(crate) id: Spanned<String>,
    pub(crate) title: String,
    pub(crate) kind: FactKind,
    #[serde(default = "default_severity")]
    pub(crate) severity: Severity,
    #[serde(default)]
    pub(crate) patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) regex: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) not_when: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) tolerance: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub(crate) window_days: Option<Spanned<i64>>,
    #[serde(default)]
    pub(crate) subject: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub(crate) subject_default: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) role: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub(crate) role_default: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) reference: Vec<Spanned<ReferenceSpec>>,
    #[serde(default)]
    pub(crate) compare_currencies: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ReferenceSpec {
    pub(crate) value: Spanned<toml::Value>,
    pub(crate) from: Spanned<toml::Value>,
    #[serde(default)]
    pub(crate) until: Option<Spanned<toml::Value>>,
    pub(crate) source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TermSpec {
    pub(crate) id: Spanned<String>,
    #[serde(default)]
    pub(crate) title: Option<String>,
    #[serde(default)]
    pub(crate) preferred: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) variants: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) either: Vec<Spanned<String>>,
    #[serde(default = "default_info")]
    pub(crate) severity: Severity,
    #[serde(default)]
    pub(crate) ignore_in_quotes: bool,
    #[serde(default)]
    pub(crate) case_sensitive: bool,
}

/// Every key the schema accepts, by table, for the documentation test and for hints.
pub const KEYS: &[(&str, &[&str])] = &[
    (
        "fact",
        &[
            "id",
            "title",
            "kind",
            "severity",
            "patterns",
            "regex",
            "not-when",
            "tolerance",
            "window-days",
            "subject",
            "subject-default",
            "role",
            "role-default",
            "reference",
        ],
    ),
    ("fact.reference", &["value", "from", "until", "source"]),
    ("term", &["id", "title", "preferred", "variants", "either", "severity", "ignore-in-quotes", "case-sensitive"]),
    (
        "near-verbatim",
        &["min-words", "similarity", "boilerplate", "boilerplate-min-docs", "report-boilerplate", "quotation-severity", "prose-severity"],
    ),
];
