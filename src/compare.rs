//! Whether two values agree: rounding-aware intervals, qualifiers, ranges, tolerance, units.
//!
//! Every value becomes a [`Measure`]: an interval on one axis (amount in a currency, amount in a
//! dimension's base unit, percent, day number) or a text category. A figure stands for every
//! value that rounds to it: "$61bn" is [60.5bn, 61.5bn), "$60.8bn" is [60.75bn, 60.85bn); "about"
//! and "some" drop trailing zeros from the precision ("about 30" is [25, 35)); "more than 40" is
//! (40, ∞); a range is its ends. The rule's tolerance widens both sides. Two values agree when
//! their intervals overlap. Different axes (USD vs EUR, km vs kg) are incomparable, not a
//! disagreement.

use crate::extract::ClaimValue;
use crate::quantity::{self, Amount, Mention, Num, Qualifier, Value};
use crate::rules::{RefValue, Tolerance};
use chrono::{Datelike, NaiveDate};

/// A value ready to compare.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// An interval on an axis.
    Interval {
        /// What the numbers are in: "USD", "EUR", "%", "pp", "count", a dimension, "day".
        axis: String,
        /// Lower bound.
        lo: f64,
        /// Whether `lo` itself is excluded.
        lo_open: bool,
        /// Upper bound.
        hi: f64,
        /// Whether `hi` itself is excluded.
        hi_open: bool,
    },
    /// A word or name, case-folded.
    Text(String),
}

impl Measure {
    /// The axis or `text`, for grouping comparable claims.
    pub fn axis(&self) -> &str {
        match self {
            Measure::Interval { axis, .. } => axis,
            Measure::Text(_) => "text",
        }
    }
}

/// The place value of the last non-zero digit: "30" is precise to tens when said "about".
fn significant_step(n: Num) -> f64 {
    let mut step = n.step;
    if n.value == 0.0 || step <= 0.0 {
        return step;
    }
    for _ in 0..15 {
        let bigger = step * 10.0;
        let q = n.value / bigger;
        if (q - q.round()).abs() > 1e-9 * q.abs().max(1.0) {
            break;
        }
        step = bigger;
    }
    step
}

fn interval(amount: &Amount, qualifier: Qualifier, scale: f64) -> (f64, bool, f64, bool) {
    let lo = amount.low;
    let half = |n: Num, about: bool| if about { significant_step(n) / 2.0 } else { n.step / 2.0 };
    let (l, lo_open, h, hi_open) = match (qualifier, amount.high) {
        (_, Some(high)) => (lo.value - half(lo, false), false, high.value + half(high, false), true),
        (Qualifier::MoreThan, None) => (lo.value, true, f64::INFINITY, true),
        (Qualifier::AtLeast, None) => (lo.value, false, f64::INFINITY, true),
        (Qualifier::LessThan, None) => (f64::NEG_INFINITY, true, lo.value, true),
        (Qualifier::AtMost, None) => (f64::NEG_INFINITY, true, lo.value, false),
        (Qualifier::About | Qualifier::Vague, None) => (lo.value - half(lo, true), false, lo.value + half(lo, true), true),
        // "nearly $61bn": within one step of its significant digits below it, and not above.
        (Qualifier::Nearly, None) => (lo.value - 2.0 * half(lo, true), false, lo.value, false),
        (Qualifier::Exact | Qualifier::Range, None) => (lo.value - half(lo, false), false, lo.value + half(lo, false), true),
    };
    (l * scale, lo_open, h * scale, hi_open)
}

fn widen(m: Measure, tol: Tolerance) -> Measure {
    match m {
        Measure::Interval { axis, lo, lo_open, hi, hi_open } => {
            let (lo, hi) = match tol {
                Tolerance::Exact => (lo, hi),
                Tolerance::Absolute(a) => (lo - a, hi + a),
                Tolerance::Relative(r) => (lo - lo.abs() * r, hi + hi.abs() * r),
            };
            Measure::Interval { axis, lo, lo_open, hi, hi_open }
        }
        t => t,
    }
}

fn day_number(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// The measure of a mention, widened by `tol`.
pub fn of_mention(m: &Mention, tol: Tolerance) -> Option<Measure> {
    let iv = |axis: String, amount: &Amount, scale: f64| {
        let (lo, lo_open, hi, hi_open) = interval(amount, m.qualifier, scale);
        Measure::Interval { axis, lo, lo_open, hi, hi_open }
    };
    let measure = match &m.value {
        Value::Number { amount } => iv("count".into(), amount, 1.0),
        Value::Money { amount, currency } => iv(currency.unwrap_or("unknown-currency").to_string(), amount, 1.0),
        Value::Percent { amount } => iv("%".into(), amount, 1.0),
        Value::PercentagePoints { amount } => iv("pp".into(), amount, 1.0),
        Value::Quantity { amount, unit } => iv(format!("{:?}", unit.dimension).to_lowercase(), amount, unit.to_base),
        Value::Ordinal { n } => iv("ordinal".into(), &Amount::exact(*n as f64, 1.0), 1.0),
        Value::Year { year } => {
            let from = NaiveDate::from_ymd_opt(*year, 1, 1)?;
            let until = NaiveDate::from_ymd_opt(year + 1, 1, 1)?;
            Measure::Interval { axis: "day".into(), lo: day_number(from), lo_open: false, hi: day_number(until), hi_open: true }
        }
        Value::Date { date } => {
            let from = date.resolved?;
            let until = date.end()?;
            // A date's tolerance is a number of days; a relative one has no meaning here.
            let days = if let Tolerance::Absolute(a) = tol { a } else { 0.0 };
            return Some(Measure::Interval {
                axis: "day".into(),
                lo: day_number(from) - days,
                lo_open: false,
                hi: day_number(until) + days,
                hi_open: true,
            });
        }
    };
    Some(widen(measure, tol))
}

/// The measure of a claim's value.
pub fn of_claim(v: &ClaimValue, tol: Tolerance) -> Option<Measure> {
    match v {
        ClaimValue::Mention(m) => of_mention(m, tol),
        ClaimValue::Text(t) => Some(Measure::Text(normalize_text(t))),
    }
}

/// The measure of a reference value (references are exact up to their written precision).
pub fn of_reference(v: &RefValue) -> Option<Measure> {
    match v {
        RefValue::Mention(m) => of_mention(m, Tolerance::Exact),
        RefValue::Text(t) => Some(Measure::Text(normalize_text(t))),
    }
}

fn normalize_text(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// An amount of money in the common unit of `[currencies]`, widened by the rates' tolerance;
/// other measures, and currencies without a rate, unchanged.
pub fn in_common_currency(m: Measure, rates: &crate::rules::Currencies) -> Measure {
    in_common_currency_within(m, rates, rates.tolerance)
}

/// [`in_common_currency`], widened by `tolerance` (a fraction) instead of the rates'.
pub fn in_common_currency_within(m: Measure, rates: &crate::rules::Currencies, tolerance: f64) -> Measure {
    match m {
        Measure::Interval { axis, lo, lo_open, hi, hi_open } => match rates.rate(&axis) {
            Some(r) => Measure::Interval {
                axis: "money (common unit of [currencies])".into(),
                lo: lo * r * (1.0 - tolerance),
                lo_open,
                hi: hi * r * (1.0 + tolerance),
                hi_open,
            },
            None => Measure::Interval { axis, lo, lo_open, hi, hi_open },
        },
        t => t,
    }
}

/// Whether two measures agree; `None` when they are on different axes.
pub fn agree(a: &Measure, b: &Measure) -> Option<bool> {
    match (a, b) {
        (Measure::Text(x), Measure::Text(y)) => Some(x == y),
        (
            Measure::Interval { axis: ax, lo: alo, lo_open: alo_o, hi: ahi, hi_open: ahi_o },
            Measure::Interval { axis: bx, lo: blo, lo_open: blo_o, hi: bhi, hi_open: bhi_o },
        ) => {
            if ax != bx {
                return None;
            }
            Some(overlap((*alo, *alo_o, *ahi, *ahi_o), (*blo, *blo_o, *bhi, *bhi_o)))
        }
        _ => None,
    }
}

fn overlap(a: (f64, bool, f64, bool), b: (f64, bool, f64, bool)) -> bool {
    // The larger lower bound against the smaller upper bound.
    let (lo, lo_open) = if a.0 > b.0 || (a.0 == b.0 && a.1) { (a.0, a.1) } else { (b.0, b.1) };
    let (hi, hi_open) = if a.2 < b.2 || (a.2 == b.2 && a.3) { (a.2, a.3) } else { (b.2, b.3) };
    lo < hi || (lo == hi && !lo_open && !hi_open)
}

/// Short display of a claim's value, with its qualifier: "more than $40bn", "32", "Brussels".
pub fn display(v: &ClaimValue) -> String {
    match v {
        ClaimValue::Text(t) => t.clone(),
        ClaimValue::Mention(m) => display_mention(m),
    }
}

/// Short display of a mention with its qualifier.
pub fn display_mention(m: &Mention) -> String {
    let base = quantity::display(&m.value);
    let q = match m.qualifier {
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => "",
        Qualifier::About => "about ",
        Qualifier::Nearly => "nearly ",
        Qualifier::MoreThan => "more than ",
        Qualifier::AtLeast => "at least ",
        Qualifier::LessThan => "less than ",
        Qualifier::AtMost => "at most ",
    };
    format!("{q}{base}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::{parse_one, ScanOptions};

    fn m(s: &str) -> Measure {
        of_mention(&parse_one(s, &ScanOptions::default()).unwrap_or_else(|| panic!("no mention in {s}")), Tolerance::Exact).unwrap()
    }

    fn m_tol(s: &str, t: Tolerance) -> Measure {
        of_mention(&parse_one(s, &ScanOptions::default()).unwrap(), t).unwrap()
    }

    #[test]
    fn rounding_aware() {
        assert_eq!(agree(&m("$60.8bn"), &m("$61bn")), Some(true));
        assert_eq!(agree(&m("$60bn"), &m("$61bn")), Some(false));
        assert_eq!(agree(&m("$60bn"), &m("some $61bn")), Some(false));
        assert_eq!(agree(&m("30"), &m("31")), Some(false));
        assert_eq!(agree(&m("about 30"), &m("32")), Some(true));
    }

    #[test]
    fn qualifiers() {
        assert_eq!(agree(&m("more than $40bn"), &m("$45bn")), Some(true));
        assert_eq!(agree(&m("more than $40bn"), &m("$35bn")), Some(false));
        assert_eq!(agree(&m("more than $40bn"), &m("$40bn")), Some(true), "40 rounds to [39.5, 40.5)");
    }

    #[test]
    fn currencies_are_not_compared() {
        assert_eq!(agree(&m("€65 billion"), &m("$60bn")), None);
    }

    #[test]
    fn tolerance_widens() {
        assert_eq!(agree(&m_tol("$60bn", Tolerance::Relative(0.02)), &m_tol("$61bn", Tolerance::Relative(0.02))), Some(true));
        assert_eq!(agree(&m_tol("30", Tolerance::Absolute(1.0)), &m("31")), Some(true));
        assert_eq!(agree(&m_tol("30", Tolerance::Absolute(1.0)), &m("32")), Some(false));
    }

    #[test]
    fn two_claims_agree_within_the_tolerance_of_each_other() {
        let t = Tolerance::Absolute(1.0).pairwise();
        assert_eq!(agree(&m_tol("30", t), &m_tol("31", t)), Some(true));
        assert_eq!(agree(&m_tol("30", t), &m_tol("32", t)), Some(false), "2 apart is beyond a tolerance of 1");
    }

    #[test]
    fn a_date_tolerance_is_in_days() {
        let day = |s: &str, t| m_tol(s, t);
        let t = Tolerance::Absolute(1.0).pairwise();
        assert_eq!(agree(&day("2023-11-28", t), &day("2023-11-29", t)), Some(true));
        assert_eq!(agree(&day("2023-11-27", t), &day("2023-11-29", t)), Some(false));
        assert_eq!(agree(&day("2023-11-28", Tolerance::Exact), &day("2023-11-29", Tolerance::Exact)), Some(false));
    }

    #[test]
    fn text_is_case_and_space_folded() {
        assert_eq!(agree(&Measure::Text(normalize_text("Brussels")), &Measure::Text(normalize_text(" brussels"))), Some(true));
    }
}
