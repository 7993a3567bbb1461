//! The value grammar (interim): digits with separators, scale words and suffixes, money with a
//! symbol or ISO code, percents, a few qualifiers, and years. The complete grammar of issue #3
//! replaces the implementation behind this same interface.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub use chrono::{NaiveDate, Weekday};

/// A number as written: its value and the place value of its last written digit (after scale).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Num {
    /// The value.
    pub value: f64,
    /// Place value of the last written digit: "60" billion has step 1e9.
    pub step: f64,
}

/// How the text qualifies the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// As stated.
    Exact,
    /// about, around, roughly, some.
    About,
    /// more than, over.
    MoreThan,
    /// at least.
    AtLeast,
    /// less than, under.
    LessThan,
    /// up to, at most.
    AtMost,
    /// between X and Y, X to Y.
    Range,
    /// tens of thousands.
    Vague,
}

/// An amount: one number, or low..high for ranges.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Amount {
    /// The number, or the low end of a range.
    pub low: Num,
    /// The high end of a range.
    pub high: Option<Num>,
}

impl Amount {
    /// An exact amount.
    pub fn exact(value: f64, step: f64) -> Amount {
        Amount { low: Num { value, step }, high: None }
    }
}

/// A unit of measure.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Unit {
    /// Canonical symbol.
    pub symbol: &'static str,
    /// What it measures.
    pub dimension: Dimension,
    /// Factor to the dimension's base unit.
    pub to_base: f64,
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// Length.
    Length,
    /// Mass.
    Mass,
    /// Area.
    Area,
    /// Volume.
    Volume,
    /// Duration.
    Duration,
    /// Speed.
    Speed,
    /// Temperature.
    Temperature,
    /// Energy.
    Energy,
    /// Power.
    Power,
    /// Anything else.
    Other,
}

/// Precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Granularity {
    /// A day.
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// A date as the text gives it, resolved against the article date when it can be.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DateValue {
    /// Year, if written or resolved.
    pub year: Option<i32>,
    /// Month.
    pub month: Option<u32>,
    /// Day of month.
    pub day: Option<u32>,
    /// Weekday as written.
    pub weekday: Option<Weekday>,
    /// The resolved date (first day of the period for coarser granularity).
    pub resolved: Option<NaiveDate>,
    /// Precision.
    pub granularity: Granularity,
    /// Relative to the article date ("last year", "Tuesday").
    pub relative: bool,
}

/// A normalized value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Value {
    /// A cardinal number.
    Number {
        /// The amount.
        amount: Amount,
    },
    /// An ordinal.
    Ordinal {
        /// Its position.
        n: i64,
    },
    /// Money.
    Money {
        /// The amount in units of the currency.
        amount: Amount,
        /// ISO 4217 code.
        currency: Option<&'static str>,
    },
    /// A percentage.
    Percent {
        /// The amount.
        amount: Amount,
    },
    /// Percentage points.
    PercentagePoints {
        /// The amount.
        amount: Amount,
    },
    /// A measured quantity.
    Quantity {
        /// The amount, in `unit`.
        amount: Amount,
        /// The unit.
        unit: Unit,
    },
    /// A date.
    Date {
        /// The date.
        date: DateValue,
    },
    /// A year.
    Year {
        /// The year.
        year: i32,
    },
}

/// The kind of a value, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Cardinal number.
    Number,
    /// Ordinal.
    Ordinal,
    /// Money.
    Money,
    /// Percent.
    Percent,
    /// Percentage points.
    PercentagePoints,
    /// Quantity with a unit.
    Quantity,
    /// Date.
    Date,
    /// Year.
    Year,
}

/// One mention in a text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mention {
    /// Byte span, including qualifier words.
    pub span: Range<usize>,
    /// The value.
    pub value: Value,
    /// The qualifier.
    pub qualifier: Qualifier,
    /// A conversion stated alongside.
    pub conversion: Option<Box<Mention>>,
}

/// Options for scanning.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// The article's date, for resolving partial and relative dates.
    pub article_date: Option<NaiveDate>,
}

impl Value {
    /// The kind of this value.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Number { .. } => Kind::Number,
            Value::Ordinal { .. } => Kind::Ordinal,
            Value::Money { .. } => Kind::Money,
            Value::Percent { .. } => Kind::Percent,
            Value::PercentagePoints { .. } => Kind::PercentagePoints,
            Value::Quantity { .. } => Kind::Quantity,
            Value::Date { .. } => Kind::Date,
            Value::Year { .. } => Kind::Year,
        }
    }

    /// The amount, for kinds that have one.
    pub fn amount(&self) -> Option<&Amount> {
        match self {
            Value::Number { amount }
            | Value::Money { amount, .. }
            | Value::Percent { amount }
            | Value::PercentagePoints { amount }
            | Value::Quantity { amount, .. } => Some(amount),
            _ => None,
        }
    }
}

impl Mention {
    /// The kind of the mention's value.
    pub fn kind(&self) -> Kind {
        self.value.kind()
    }
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<qual>\b(?:more\ than|over|some|about|around|roughly|nearly|almost|at\ least|up\ to|less\ than|under)\s+)?
        (?P<pre>US\$|\$|€|£|(?:USD|EUR|GBP|NOK|SEK)\s?)?
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:-|\s)?(?P<scale>thousand|million|billion|trillion|bn|mn|m|b|k|tn)?\b
        (?P<pct>\s?(?:%|percent\b|per\ cent\b))?",
    )
    .expect("static regex")
});

fn scale_of(s: &str) -> f64 {
    match s.to_ascii_lowercase().as_str() {
        "thousand" | "k" => 1e3,
        "million" | "mn" | "m" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => 1.0,
    }
}

fn currency_of(s: &str) -> Option<&'static str> {
    match s.trim() {
        "$" | "US$" | "USD" => Some("USD"),
        "€" | "EUR" => Some("EUR"),
        "£" | "GBP" => Some("GBP"),
        "NOK" => Some("NOK"),
        "SEK" => Some("SEK"),
        _ => None,
    }
}

/// Every mention in `text`, sorted by start.
pub fn scan(text: &str, _opts: &ScanOptions) -> Vec<Mention> {
    let mut out = Vec::new();
    for c in NUMBER.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let Some(num) = c.get(2 + 1) else { continue };
        // A number glued to a letter or hyphen before it is a name ("F-16", "MiG-29").
        let before = text[..num.start()].chars().next_back();
        if before.is_some_and(|b| b.is_alphanumeric() || b == '-' || b == '/' || b == '.') && c.name("pre").is_none() {
            continue;
        }
        let raw = num.as_str().replace(',', "");
        let Ok(v) = raw.parse::<f64>() else { continue };
        let decimals = raw.split('.').nth(1).map(|d| d.len() as i32).unwrap_or(0);
        let scale = c.name("scale").map(|s| scale_of(s.as_str())).unwrap_or(1.0);
        let pre = c.name("pre").map(|p| p.as_str());
        let pct = c.name("pct").is_some();
        let qualifier = match c.name("qual").map(|q| q.as_str().trim().to_ascii_lowercase()) {
            None => Qualifier::Exact,
            Some(q) => match q.as_str() {
                "more than" | "over" => Qualifier::MoreThan,
                "at least" => Qualifier::AtLeast,
                "up to" => Qualifier::AtMost,
                "less than" | "under" => Qualifier::LessThan,
                _ => Qualifier::About,
            },
        };
        let step = 10f64.powi(-decimals) * scale;
        let amount = Amount::exact(v * scale, step);
        let is_year = pre.is_none() && !pct && scale == 1.0 && decimals == 0 && raw.len() == 4 && (1800.0..=2100.0).contains(&v);
        let value = if let Some(p) = pre {
            Value::Money { amount, currency: currency_of(p) }
        } else if pct {
            Value::Percent { amount }
        } else if is_year {
            Value::Year { year: v as i32 }
        } else {
            Value::Number { amount }
        };
        // A qualifier word that does not qualify (a year, "over 2022") is left out of the span.
        let (start, qualifier) = if matches!(value, Value::Year { .. }) {
            (c.name("pre").map(|p| p.start()).unwrap_or(num.start()), Qualifier::Exact)
        } else {
            (whole.start(), qualifier)
        };
        let end = whole.as_str().trim_end().len() + whole.start();
        out.push(Mention { span: start..end, value, qualifier, conversion: None });
    }
    out
}

/// Parse a whole string as one mention.
pub fn parse_one(text: &str, opts: &ScanOptions) -> Option<Mention> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let mut found = scan(trimmed, opts);
    if found.len() == 1 && found[0].span == (0..trimmed.len()) {
        let mut m = found.remove(0);
        m.span = lead..lead + trimmed.len();
        Some(m)
    } else {
        None
    }
}

fn compact(v: f64) -> String {
    let (div, suffix) = if v.abs() >= 1e12 {
        (1e12, "tn")
    } else if v.abs() >= 1e9 {
        (1e9, "bn")
    } else if v.abs() >= 1e6 {
        (1e6, "m")
    } else {
        (1.0, "")
    };
    let x = v / div;
    let s = if (x - x.round()).abs() < 1e-9 { format!("{}", x.round() as i64) } else { format!("{x}") };
    format!("{s}{suffix}")
}

/// Canonical text of a value.
pub fn canonical(value: &Value) -> String {
    match value {
        Value::Money { amount, currency } => format!("{} {}", currency.unwrap_or("XXX"), amount.low.value),
        Value::Percent { amount } => format!("{}%", amount.low.value),
        Value::Number { amount } => format!("{}", amount.low.value),
        Value::Year { year } => format!("{year}"),
        other => display(other),
    }
}

/// Short human display of a value.
pub fn display(value: &Value) -> String {
    match value {
        Value::Number { amount } => compact(amount.low.value),
        Value::Ordinal { n } => format!("{n}th"),
        Value::Money { amount, currency } => {
            let sym = match currency {
                Some("USD") => "$".to_string(),
                Some("EUR") => "€".to_string(),
                Some("GBP") => "£".to_string(),
                Some(c) => format!("{c} "),
                None => String::new(),
            };
            format!("{sym}{}", compact(amount.low.value))
        }
        Value::Percent { amount } => format!("{}%", amount.low.value),
        Value::PercentagePoints { amount } => format!("{} pp", amount.low.value),
        Value::Quantity { amount, unit } => format!("{} {}", amount.low.value, unit.symbol),
        Value::Date { date } => date.resolved.map(|d| d.to_string()).unwrap_or_default(),
        Value::Year { year } => year.to_string(),
    }
}
