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
    #[serde(default)]
    pub(crate) quote_drift: Option<Spanned<QuoteDriftSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct QuoteDriftSpec {
    #[serde(default)]
    pub(crate) window_days: Option<Spanned<i64>>,
    #[serde(default)]
    pub(crate) severity: Option<Severity>,
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
    pub(crate) context: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) rivals: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) tolerance: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub(crate) window_days: Option<Spanned<i64>>,
    #[serde(default)]
    pub(crate) max_ratio: Option<Spanned<f64>>,
    #[serde(default)]
    pub(crate) values_within: Option<Spanned<Vec<f64>>>,
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
    #[serde(default)]
    pub(crate) example: Vec<Spanned<FactExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct FactExampleSpec {
    pub(crate) text: String,
    #[serde(default)]
    pub(crate) date: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub(crate) value: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub(crate) no_claim: bool,
    #[serde(default)]
    pub(crate) subject: Option<String>,
    #[serde(default)]
    pub(crate) role: Option<String>,
    #[serde(default)]
    pub(crate) finding: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TermExampleSpec {
    pub(crate) text: String,
    pub(crate) flagged: bool,
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
    #[serde(default)]
    pub(crate) not_in: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) example: Vec<Spanned<TermExampleSpec>>,
}

/// Every key a rule file accepts, by table (`fact.reference` for a fact's references), read
/// from [`json_schema`] so the documentation test and the schema cannot disagree.
pub fn keys() -> Vec<(String, Vec<String>)> {
    let schema = json_schema();
    let tables = [
        ("fact", "fact"),
        ("fact.reference", "reference"),
        ("fact.example", "fact-example"),
        ("term", "term"),
        ("term.example", "term-example"),
        ("near-verbatim", "near-verbatim"),
        ("currencies", "currencies"),
        ("quote-drift", "quote-drift"),
    ];
    tables
        .iter()
        .map(|(table, def)| {
            let props = schema["definitions"][def]["properties"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
            (table.to_string(), props)
        })
        .collect()
}

/// The JSON Schema (draft-07) of a rule file, for `factdiff rules schema` and for editors
/// (Taplo / Even Better TOML read it through the `#:schema` line of the shipped rule files).
/// Tests check that its keys are exactly the keys the loader accepts.
pub fn json_schema() -> serde_json::Value {
    use serde_json::json;
    let severity = json!({ "enum": ["error", "warning", "info"], "description": "How serious a finding is." });
    let date =
        json!({ "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "A date, YYYY-MM-DD (a TOML date or a string)." });
    let value = json!({ "type": ["number", "string"], "description": "A number, or a value as an article would write it (\"$60bn\", \"55%\"), or a name for text facts." });
    let regex_map = |what: &str| json!({ "type": "object", "additionalProperties": { "type": "string" }, "description": format!("{what}: label = regex; the label of the regex matching nearest the value becomes the claim's {what}.") });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://factdiff.invalid/rules.schema.json",
        "title": "factdiff rule file",
        "description": "Facts to track, spellings to keep consistent, and check settings. Reference: docs/rules.md.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "fact": { "type": "array", "items": { "$ref": "#/definitions/fact" }, "description": "Tracked facts." },
            "term": { "type": "array", "items": { "$ref": "#/definitions/term" }, "description": "Spelling rules." },
            "near-verbatim": { "$ref": "#/definitions/near-verbatim" },
            "currencies": { "$ref": "#/definitions/currencies" },
            "quote-drift": { "$ref": "#/definitions/quote-drift" }
        },
        "definitions": {
            "fact": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "title", "kind"],
                "properties": {
                    "id": { "type": "string", "pattern": "^[a-z0-9-]+$", "description": "Stable id: lower-case words joined by hyphens." },
                    "title": { "type": "string", "description": "Human name of the fact, used in messages." },
                    "kind": { "enum": ["count", "number", "money", "percent", "quantity", "date", "text"], "description": "What kind of value the fact has." },
                    "severity": severity,
                    "patterns": { "type": "array", "items": { "type": "string" }, "description": "Phrasings with placeholders: {count}, {number}, {money}, {percent}, {points}, {quantity}, {date}, {year}, {ordinal}." },
                    "regex": { "type": "array", "items": { "type": "string" }, "description": "Plain regexes on the original text, each with a (?P<value>...) group." },
                    "not-when": { "type": "array", "items": { "type": "string" }, "description": "Patterns that void a claim when their match contains its value." },
                    "context": { "type": "array", "items": { "type": "string" }, "description": "Regexes: the fact is read only in articles (title or text) where one of them matches." },
                    "rivals": { "type": "array", "items": { "type": "string" }, "description": "Regexes naming other bodies: a claim is not read where one of them, not a context, is named nearest before it (its sentence, then its paragraph and the one before, then the article's most named)." },
                    "tolerance": { "type": ["number", "string"], "description": "\"1%\" (relative) or a number (absolute), on top of rounding." },
                    "window-days": { "type": "integer", "minimum": 0, "maximum": 36500, "description": "Articles further apart are about different moments." },
                    "max-ratio": { "type": "number", "exclusiveMinimum": 1, "description": "Figures further apart than this factor are about different things and never compared." },
                    "values-within": { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 2, "description": "[lowest, highest]: a figure outside is about something else and gives no claim." },
                    "subject": regex_map("subject"),
                    "subject-default": { "type": "string", "description": "Subject label when no subject regex matches." },
                    "role": regex_map("role"),
                    "role-default": { "type": "string", "description": "Role label when no role regex matches." },
                    "reference": { "type": "array", "items": { "$ref": "#/definitions/reference" }, "description": "What was true when." },
                    "compare-currencies": { "type": "boolean", "description": "Compare amounts across currencies through [currencies] rates." },
                    "example": { "type": "array", "items": { "$ref": "#/definitions/fact-example" }, "description": "Examples `factdiff rules test` checks." }
                }
            },
            "reference": {
                "type": "object",
                "additionalProperties": false,
                "required": ["value", "from", "source"],
                "properties": {
                    "value": value,
                    "from": date,
                    "until": date,
                    "source": { "type": "string", "description": "Where the figure comes from." }
                }
            },
            "fact-example": {
                "type": "object",
                "additionalProperties": false,
                "required": ["text"],
                "properties": {
                    "text": { "type": "string", "description": "A sentence as an article would write it." },
                    "date": date,
                    "value": value,
                    "no-claim": { "type": "boolean", "description": "The text must give no claim of this fact." },
                    "subject": { "type": "string", "description": "Expected subject label." },
                    "role": { "type": "string", "description": "Expected role label." },
                    "finding": { "type": "string", "description": "A check that must report a finding on this text alone." }
                }
            },
            "term": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id"],
                "properties": {
                    "id": { "type": "string", "pattern": "^[a-z0-9-]+$", "description": "Stable id." },
                    "title": { "type": "string", "description": "Human name." },
                    "preferred": { "type": "string", "description": "The house spelling." },
                    "variants": { "type": "array", "items": { "type": "string" }, "description": "Spellings to replace by the preferred one." },
                    "either": { "type": "array", "items": { "type": "string" }, "minItems": 2, "description": "Forms with no preferred one: the corpus majority decides." },
                    "severity": severity,
                    "ignore-in-quotes": { "type": "boolean", "description": "Skip uses inside quotation marks." },
                    "not-in": { "type": "array", "items": { "type": "string" }, "description": "Regexes for names that keep a form (\"chicken Kiev\"): a use inside a match is skipped." },
                    "case-sensitive": { "type": "boolean", "description": "Match case exactly." },
                    "example": { "type": "array", "items": { "$ref": "#/definitions/term-example" }, "description": "Examples `factdiff rules test` checks." }
                }
            },
            "term-example": {
                "type": "object",
                "additionalProperties": false,
                "required": ["text", "flagged"],
                "properties": {
                    "text": { "type": "string", "description": "A sentence." },
                    "flagged": { "type": "boolean", "description": "Whether it must be flagged." }
                }
            },
            "near-verbatim": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "min-words": { "type": "integer", "minimum": 5, "maximum": 10000, "description": "Shortest passage reported, in words." },
                    "similarity": { "type": "number", "minimum": 0.5, "maximum": 1.0, "description": "Share of words two passages have in common." },
                    "boilerplate": { "type": "array", "items": { "type": "string" }, "description": "Phrases that mark boilerplate lines." },
                    "boilerplate-min-docs": { "type": "integer", "minimum": 2, "description": "A passage in at least this many articles is boilerplate." },
                    "report-boilerplate": { "type": "boolean", "description": "Report boilerplate once, as info." },
                    "quotation-severity": severity,
                    "prose-severity": severity
                }
            },
            "quote-drift": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "window-days": { "type": "integer", "minimum": 0, "maximum": 36500, "description": "Quotations in articles further apart than this are different statements." },
                    "severity": severity
                }
            },
            "currencies": {
                "type": "object",
                "additionalProperties": false,
                "required": ["rates", "source"],
                "properties": {
                    "rates": { "type": "object", "additionalProperties": { "type": "number", "exclusiveMinimum": 0 }, "description": "Value of one unit of each currency (ISO code) in a common unit." },
                    "tolerance": { "type": "string", "description": "How far a converted amount may be off, e.g. \"10%\"." },
                    "source": { "type": "string", "description": "Where the rates come from." }
                }
            }
        }
    })
}
