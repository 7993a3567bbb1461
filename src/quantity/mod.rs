//! Number-like mentions in English news prose: cardinals, ordinals, money, percents,
//! percentage points, quantities with units, dates and years, each with its exact byte span,
//! a normalized value, a qualifier and any conversion stated beside it.
//!
//! # Grammar
//!
//! The text is cut once into tokens (numeric literals, words, single punctuation marks; see
//! `lex`), then read left to right: at each token every rule is tried, the longest reading
//! wins and the scan resumes after it, so mentions never overlap and the whole scan is linear
//! in the number of tokens (each rule looks at a bounded window).
//!
//! A mention is `[qualifier] side [connector side] [conversion]` or a date:
//!
//! * **side**: `[currency prefix] number [scale] [currency | percent | unit]`.
//!   Numbers are digits ("1,340", "2 000" with plain, no-break or thin spaces, "60.8", ".77",
//!   "1e4"), signs ("-504", "minus 5", "negative five"), written numbers ("thirty-two",
//!   "one billion twenty-five million", "a hundred", "two and a half", "two point two"),
//!   fractions ("1/5", "2 1/2", "2½", "¾", "two thirds", "a third of", "half a million", "a quarter of
//!   a million"; digit fractions must be proper with a usual denominator, so "24/7" and
//!   "9/11" are not fractions), dozens ("a dozen", "two dozen", "half a dozen") and vague counts ("dozens
//!   of", "hundreds of", "thousands of", "tens of thousands": ranges with
//!   [`Qualifier::Vague`]; the "of" is part of the span where the count needs it, and a
//!   currency or unit after it joins the mention: "tens of millions of dollars"). Scales
//!   are thousand, million, billion, trillion, lakh, crore and the suffixes k, m, mn, mln,
//!   bn, bln, b, tn, glued, spaced or hyphenated ("$61bn", "$5 bn", "$60-billion"). A
//!   lower-case glued "m" or "b" is a scale (million, billion) only after a currency ("€270m")
//!   or before a counted plural ("8m people", "17m tonnes", "2b users"); otherwise "10m" is
//!   ten metres and "10M" ten million. "1,200-plus" is at least 1,200, "40-odd" about 40.
//!   "G" is never giga ("5G" is a network).
//! * **money**: symbols ($, US$, C$, A$, HK$, €, £, ¥, ₴, ₽, ₹ ...; also spaced as in
//!   tokenised wire copy: "US $", "c $", "hk $"), ISO codes before or after ("USD 5", "125
//!   EUR", "NOK 2 billion") and names ("dollars", "euros", "kroner", "pounds sterling", "yen",
//!   "hryvnias", "roubles", "rmb" ..., and the pre-euro "French francs", "Deutsche marks",
//!   "pesetas", "guilders", "markka", "lire"). A symbol or code is never "one" of its
//!   currency after "a": "a $300 million deal", "a USD 5 million loan" (but "a dollar" is 1).
//!   A symbol restated after an amount joins it ("$100 USD") unless a number follows it
//!   ("$ 20,000.00 $ 37,305.97" is two amounts). A bare "$", "dollars" or "bucks"
//!   is USD by convention (news in English mostly means US dollars); qualified names
//!   ("Canadian dollars") pick their own code. "cents"/"¢" alone are hundredths of a USD,
//!   "pence" of a GBP. Cents after an amount are added ("$20 and 43 cents" = 20.43).
//!   Currencies without a single code ("dinars", "riyals", "rials") give `currency: None`.
//! * **pounds**: "pounds" means weight when followed by "of" ("six pounds of meat"), when a
//!   verb of weight comes shortly before the amount in the same clause ("weighed 200 pounds",
//!   "lost more than 30 pounds"; not after a scale: "lost 50 million pounds" is money), before
//!   "heavier"/"lighter", or written "lb"/"lbs"; otherwise, and always after "£" or with
//!   "sterling", it is GBP.
//! * **percent**: "%", "percent", "per cent", "pc"; "percentage point(s)" and "pp" give
//!   [`Value::PercentagePoints`].
//! * **units**: see `unit.rs`; multi-word units ("sq km", "km/h", "degrees Celsius") are
//!   matched as token sequences, also hyphenated as adjectives ("a 10-km stretch").
//!   Compound lengths ("7 feet 10 inches", "5 ft 11 in") are summed into the smaller unit.
//!   Glued capitals "35C"/"95F" are temperatures; a glued "s" after an integer is a decade
//!   ("the 1990s"), not seconds; a lone "in" is inches only at the end of a clause.
//!   "a"/"an" before a unit is 1 ("a kilogram") except for durations ("a year ago", "once
//!   a year") and rates after an amount ("$85 a barrel"); "half an hour", "an hour and a
//!   half" and "two years and a half" are read.
//! * **qualifiers** are only consumed in front of a number, so "over the past year",
//!   "some are questioning" and "under pressure" create nothing. "nearly"/"almost" are
//!   [`Qualifier::Nearly`]: close to the number and not above it, so "nearly $61bn" and "$60bn"
//!   can both be the $60.8bn of one bill.
//!   Qualifiers after the amount are read too: "30 or more", "100 or fewer", "65 and over",
//!   "30+"; such a qualifier turns "about 500 or more" into at least 500, and is not taken
//!   before "than" ("5000 or less than 6000" leaves "less than 6000" to the next mention).
//!   "equal to or more than X" is at least X, "less than X or equal" at most X. Two bounds of opposite directions joined by "and"/"but" are one range when the
//!   lower is below the upper: "more than 100 and fewer than 200", "at most 50 and at least
//!   20" (otherwise they stay two mentions).
//! * **ranges**: "between X and Y", "from X to Y", "X to Y", "X-Y", "X–Y" with X < Y; the
//!   currency, the scale and the unit written on one side distribute to the other
//!   ("$5-10bn"). Not ranges: "X to Y" after a verb of change ("rose $1.50 to $85.20" is a
//!   change and a level), an em dash (it sets off a clause), two years ("2019-2022").
//! * **conversions**: a parenthesised mention right after one ("1,340 km (833 mile)",
//!   "10 billion euros ($11 billion)", "forty-five (45)") becomes its `conversion`.
//! * **dates**: ISO "2023-11-29", "Nov. 29", "29 November 2023", "November 30, 2022" (also
//!   without the space after the comma), an optional leading weekday that is kept,
//!   "February 2022" (month granularity), weekdays alone, "today", "yesterday", "tomorrow",
//!   "last/this/next week|month|year". Month names must be capitalised ("may", "march" are
//!   verbs). A date without a year takes the year that puts it nearest the article date; a
//!   weekday alone is the most recent such day on or before the article date ("on Tuesday"
//!   in news reports the past); "next Tuesday" is the first one after it. Without an article
//!   date relative dates keep `resolved: None`.
//! * **years**: a plain four-digit integer 1900–2100 with no separator, sign, scale, unit,
//!   currency or percent after it, and no qualifier before it, is a [`Value::Year`]
//!   ("in 2022", "the 1997 Ottawa Treaty"); "more than 2000 people" and "2,000" are numbers.
//!
//! # What it refuses, and why
//!
//! * Identifiers: a number glued to letters or hyphenated to a word ("F-16", "MiG-29",
//!   "COVID-19", "G7", "A4") and a bare integer right after a capitalised word ("Boeing 737",
//!   "JAS 39 Gripen", "Article 5"; at the start of a sentence too, "Apollo 11", "Chapter 7",
//!   unless the word is a determiner or adverb: "These 30 countries", "All 32 allies") name
//!   things, not amounts. A one-letter unit keeps its case: "5G" is a network, not 5 grams.
//! * Times ("3:30 pm", "10 a.m.", "2015 GMT"), score lines and codes ("3-1", "52-48",
//!   "555-123-4567", "978-3-16-148410-0", "+44 20 7946 0958"), version numbers ("1.2.3"),
//!   list numbering at a line start ("1. What is NATO?"), URLs and e-mail addresses.
//! * Decades ("the 1990s"), numberings ("No. 10", "#5") and proper-noun numbers after a
//!   single capital ("S&P 500").
//! * The pronoun "one" ("one of the", "no one", "the one who", "one another") and a bare
//!   "a"/"an": "a" is 1 only before a scale, "dozen", a fraction, a currency or a unit
//!   ("a dozen", "a million", "a third of", "a dollar", "a kilogram").
//!
//! # Canonical text
//!
//! [`canonical`] writes text that [`parse_one`] reads back to the same value (step
//! included): coarse steps as an exponent ("USD 60e9", "3.5e9"), fractional steps as
//! fractions ("2 1/2", "1/2 million", "2 dozen"), ranges as "X to Y", ambiguous unit symbols
//! in full ("2 months"), numbers that would read as years with a separator ("2,000"), dates
//! as ISO ("2023-11-29", with a leading weekday when written), "November 29" when the year
//! was not written and "February 2022" for months. A relative date round-trips only while
//! unresolved: once resolved its canonical text is the absolute date.
//!
//! # Steps
//!
//! [`Num::step`] is the place value of the last written digit after the scale: "60 billion"
//! 1e9, "60.8bn" 1e8, "1,340" 1, "thirty-two" 1, "two hundred" 100, "two and a half" 0.5,
//! "two thirds" 1/3. A fraction of a scale counts in that fraction: "half a million" is
//! 5e5 with step 5e5 (a round figure: 480,000 is within a step of it), "a quarter of a
//! million" 2.5e5 with step 2.5e5. Vague counts take each bound as its own step.

#![warn(missing_docs)]

mod canon;
mod date;
mod grammar;
mod lex;
mod money;
mod number;
#[cfg(test)]
mod tests;
mod unit;

pub use chrono::{NaiveDate, Weekday};
use std::ops::Range;

pub use unit::lookup_unit;

/// The value of a cardinal number word below 100 ("seven", "twenty"), for readers of text
/// outside the scanner ("seven years ago").
pub(crate) fn cardinal_word(w: &str) -> Option<u32> {
    number::small_word(w).map(|(v, _)| u32::from(v))
}

/// A number as written: its value and the place value of its last written digit
/// (after applying the scale), so comparisons can be rounding-aware.
/// "60" billion -> value 6e10, step 1e9; "60.8bn" -> 6.08e10, step 1e8; "1,340" -> 1340, step 1;
/// "thirty-two" -> 32, step 1; "two and a half" -> 2.5, step 0.5; "half a million" -> 5e5, step 5e5
/// (a fraction of a scale counts in that fraction; see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Num {
    /// The value.
    pub value: f64,
    /// Place value of the last written digit (after the scale).
    pub step: f64,
}

/// How the text qualifies the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// As written, or "exactly".
    Exact,
    /// about, around, roughly, some, approximately, an estimated, "~".
    About,
    /// nearly, almost: close to the number and not above it ("nearly $61bn" for $60.8bn).
    Nearly,
    /// more than, over, above, exceeding, upwards of.
    MoreThan,
    /// at least, no less than, a minimum of, ≥.
    AtLeast,
    /// less than, under, below, fewer than, lower than.
    LessThan,
    /// at most, up to, as many as, no more than, a maximum of, ≤.
    AtMost,
    /// between X and Y, from X to Y, X to Y, X-Y.
    Range,
    /// tens of thousands, dozens of, hundreds of.
    Vague,
}

/// An amount: a single number, or low..high for ranges and vague counts.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Amount {
    /// The number, or the lower bound of a range.
    pub low: Num,
    /// The upper bound of a range or vague count.
    pub high: Option<Num>,
}

/// A unit of measure with its dimension and its factor to the dimension's base unit
/// (m, kg, s, m², l, m/s, °C, J, W). Temperatures also have an offset: use
/// [`Unit::base_value`] rather than multiplying by `to_base`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Unit {
    /// Canonical symbol ("km", "mi", "kg", "°C").
    pub symbol: &'static str,
    /// What it measures.
    pub dimension: Dimension,
    /// Factor to the dimension's base unit.
    pub to_base: f64,
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// Base: metre.
    Length,
    /// Base: kilogram.
    Mass,
    /// Base: square metre.
    Area,
    /// Base: litre.
    Volume,
    /// Base: second.
    Duration,
    /// Base: metre per second.
    Speed,
    /// Base: degree Celsius.
    Temperature,
    /// Base: joule.
    Energy,
    /// Base: watt.
    Power,
    /// Anything else (degrees of angle ...).
    Other,
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Granularity {
    /// A day.
    Day,
    /// A week (resolved to its Monday).
    Week,
    /// A month (resolved to its first day).
    Month,
    /// A year (resolved to 1 January).
    Year,
}

/// A date as the text gives it, and resolved against the article date when it can be.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DateValue {
    /// Year as written.
    pub year: Option<i32>,
    /// Month as written (1-12).
    pub month: Option<u32>,
    /// Day of month as written.
    pub day: Option<u32>,
    /// The last day of a range of days written with it ("November 28-29": 29); the date then
    /// covers `day..=last_day` of its month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<u32>,
    /// Weekday as written ("Wednesday, Nov. 29, 2023" keeps Wednesday).
    pub weekday: Option<Weekday>,
    /// The date meant; the first day of the period for Week/Month/Year granularity.
    pub resolved: Option<NaiveDate>,
    /// How precise the date is.
    pub granularity: Granularity,
    /// "last year", "next month", "Tuesday", "today".
    pub relative: bool,
}

impl DateValue {
    /// The day after the period the date covers (its resolved day, week, month or year, or
    /// the last day of a range of days), when resolved.
    pub fn end(&self) -> Option<NaiveDate> {
        let from = self.resolved?;
        match self.granularity {
            Granularity::Day => match self.last_day {
                // A last day the month does not have ("November 28-31") leaves the first day alone.
                Some(last) if last > chrono::Datelike::day(&from) => chrono::Datelike::with_day(&from, last).unwrap_or(from).succ_opt(),
                _ => from.succ_opt(),
            },
            Granularity::Week => from.checked_add_days(chrono::Days::new(7)),
            Granularity::Month => from.checked_add_months(chrono::Months::new(1)),
            Granularity::Year => from.checked_add_months(chrono::Months::new(12)),
        }
    }
}

/// The value of a mention.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Value {
    /// A cardinal with no unit ("32 member states", "thirty-two").
    Number {
        /// The amount.
        amount: Amount,
    },
    /// "31st", "32nd", "third".
    Ordinal {
        /// The rank.
        n: i64,
    },
    /// An amount of money; `currency` is the ISO 4217 code, None when the name has none.
    Money {
        /// The amount in the currency's main unit.
        amount: Amount,
        /// ISO 4217 code.
        currency: Option<&'static str>,
    },
    /// 55 percent, 55%, 55 per cent.
    Percent {
        /// The amount in percent.
        amount: Amount,
    },
    /// "2 percentage points".
    PercentagePoints {
        /// The amount in points.
        amount: Amount,
    },
    /// An amount in the unit as written.
    Quantity {
        /// The amount.
        amount: Amount,
        /// The unit.
        unit: Unit,
    },
    /// A date.
    Date {
        /// The date.
        date: DateValue,
    },
    /// "in 2022", "the 1997 Ottawa Treaty".
    Year {
        /// The year.
        year: i32,
    },
}

/// The kind of a [`Value`], without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// [`Value::Number`].
    Number,
    /// [`Value::Ordinal`].
    Ordinal,
    /// [`Value::Money`].
    Money,
    /// [`Value::Percent`].
    Percent,
    /// [`Value::PercentagePoints`].
    PercentagePoints,
    /// [`Value::Quantity`].
    Quantity,
    /// [`Value::Date`].
    Date,
    /// [`Value::Year`].
    Year,
}

/// One mention: byte span into the scanned text (covering qualifier words such as "more than"),
/// its value, its qualifier, and a conversion stated alongside it ("1,340 km (833 mile)",
/// "10 billion euros ($11 billion)").
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Byte span in the scanned text.
    pub span: Range<usize>,
    /// The value.
    pub value: Value,
    /// How the text qualifies it.
    pub qualifier: Qualifier,
    /// The same amount restated in parentheses right after it.
    pub conversion: Option<Box<Mention>>,
}

/// Options of a scan.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Publication date of the article, to resolve relative and partial dates.
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

    /// The amount of a value that has one (not ordinals, dates, years).
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
    /// The kind of this mention's value.
    pub fn kind(&self) -> Kind {
        self.value.kind()
    }
}

impl Amount {
    /// A single number.
    pub fn exact(value: f64, step: f64) -> Amount {
        Amount { low: Num { value, step }, high: None }
    }
}

impl Unit {
    /// `v` in this unit converted to the dimension's base unit (handles the Fahrenheit
    /// and Kelvin offsets, which a plain factor cannot).
    pub fn base_value(&self, v: f64) -> f64 {
        match self.symbol {
            "°F" => (v - 32.0) * self.to_base,
            "K" => v - 273.15,
            _ => v * self.to_base,
        }
    }

    /// `v` in the dimension's base unit converted to this unit (the inverse of
    /// [`Unit::base_value`]).
    pub fn from_base(&self, v: f64) -> f64 {
        match self.symbol {
            "°F" => v / self.to_base + 32.0,
            "K" => v + 273.15,
            _ => v / self.to_base,
        }
    }
}

/// Every mention in `text`, sorted by span start, non-overlapping (the longest reading wins).
pub fn scan(text: &str, opts: &ScanOptions) -> Vec<Mention> {
    // Paragraph-sized pieces keep the token buffer small and hot in cache; a piece ends at a
    // blank line, else a line break, else (one very long line) a space.
    const PIECE: usize = 32 * 1024;
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(text, start, PIECE);
        let piece = text.get(start..end).unwrap_or("");
        toks.clear();
        lex::tokenize_into(piece, &mut toks);
        grammar::Parser::new(piece, &toks, opts).scan_all(&mut out, start);
        start = end;
    }
    out
}

/// End of the piece starting at `start`: after the last line break within `max` bytes, else
/// after the last space, else at a char boundary.
fn piece_end(text: &str, start: usize, max: usize) -> usize {
    if text.len() - start <= max {
        return text.len();
    }
    let mut limit = start + max;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = text.get(start..limit).unwrap_or("");
    // A blank line ends a paragraph; a single line break may be a hard wrap inside one.
    if let Some(p) = window.rfind("\n\n") {
        if p > 0 {
            return start + p + 2;
        }
    }
    if let Some(p) = window.rfind('\n') {
        if p > 0 {
            return start + p + 1;
        }
    }
    if let Some(p) = window.rfind(' ') {
        if p > 0 {
            return start + p + 1;
        }
    }
    limit.max(start + 1)
}

/// Parse a whole string (a rule's regex capture) as one mention; None if it is not exactly one mention.
pub fn parse_one(text: &str, opts: &ScanOptions) -> Option<Mention> {
    let trimmed = text.trim();
    let offset = text.len() - text.trim_start().len();
    let mut all = scan(trimmed, opts);
    if all.len() != 1 {
        return None;
    }
    let mut m = all.pop()?;
    if m.span.start != 0 || m.span.end != trimmed.len() {
        return None;
    }
    shift(&mut m, offset);
    Some(m)
}

fn shift(m: &mut Mention, by: usize) {
    m.span = m.span.start + by..m.span.end + by;
    if let Some(c) = m.conversion.as_mut() {
        shift(c, by);
    }
}

/// Canonical text of a mention's value, e.g. "USD 60e9", "32", "55%", "1340 km", "2023-11-29";
/// `parse_one(canonical(v))` gives back the same value. Steps coarser than 1 are written as
/// an exponent ("60e9" is 60 billion with step 1e9), non-decimal steps as fractions ("2 1/2").
pub fn canonical(value: &Value) -> String {
    canon::canonical(value)
}

/// Human display, e.g. "$60bn", "€270m", "NOK 2bn", "32", "55%", "1,340 km", "2023-11-29" — short, for reports.
pub fn display(value: &Value) -> String {
    canon::display(value)
}

/// [`Value`] as read back from a cache: the same shape with an owned currency code, turned
/// into the grammar's static code by `TryFrom`.
#[derive(serde::Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum ValueRepr {
    Number { amount: Amount },
    Ordinal { n: i64 },
    Money { amount: Amount, currency: Option<String> },
    Percent { amount: Amount },
    PercentagePoints { amount: Amount },
    Quantity { amount: Amount, unit: Unit },
    Date { date: DateValue },
    Year { year: i32 },
}

impl TryFrom<ValueRepr> for Value {
    type Error = String;

    fn try_from(r: ValueRepr) -> Result<Value, String> {
        Ok(match r {
            ValueRepr::Number { amount } => Value::Number { amount },
            ValueRepr::Ordinal { n } => Value::Ordinal { n },
            ValueRepr::Money { amount, currency } => Value::Money {
                amount,
                currency: match currency {
                    None => None,
                    Some(c) => Some(money::static_code(&c).ok_or_else(|| format!("unknown currency {c}"))?),
                },
            },
            ValueRepr::Percent { amount } => Value::Percent { amount },
            ValueRepr::PercentagePoints { amount } => Value::PercentagePoints { amount },
            ValueRepr::Quantity { amount, unit } => Value::Quantity { amount, unit },
            ValueRepr::Date { date } => Value::Date { date },
            ValueRepr::Year { year } => Value::Year { year },
        })
    }
}

impl<'de> serde::Deserialize<'de> for Unit {
    /// A unit is read back by its symbol, from the grammar's own table (values from a cache).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        #[derive(serde::Deserialize)]
        struct Raw {
            symbol: String,
        }
        let raw = Raw::deserialize(d)?;
        lookup_unit(&raw.symbol).ok_or_else(|| serde::de::Error::custom(format!("unknown unit {}", raw.symbol)))
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        let repr = ValueRepr::deserialize(d)?;
        Value::try_from(repr).map_err(serde::de::Error::custom)
    }
}
