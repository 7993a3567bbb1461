//! Canonical and display text of values. Canonical text is meant to be parsed back by
//! `parse_one` to the very same value, so it carries the step: coarse steps as an exponent
//! ("60e9" is 60 billion counted in billions), non-decimal steps as fractions ("2 1/2").

use super::date::{month_name, weekday_name};
use super::money::symbol;
use super::{Amount, DateValue, Granularity, Num, Value};
use chrono::Datelike;

/// Whether `step` is 10^k; returns k.
fn pow10(step: f64) -> Option<i32> {
    if step <= 0.0 || !step.is_finite() {
        return None;
    }
    let k = step.log10().round() as i32;
    let back = 10f64.powi(k);
    ((back - step).abs() <= step * 1e-9).then_some(k)
}

/// A number with its step in parseable form.
pub(crate) fn num(n: &Num) -> String {
    let v = n.value;
    if let Some(k) = pow10(n.step) {
        if k <= 0 {
            return format!("{:.*}", (-k) as usize, v);
        }
        // Exponent a multiple of three where the step allows: "3.5e9", "60e9", "1.2e3".
        let mag = if v == 0.0 { 0 } else { v.abs().log10().floor() as i32 };
        let e = (mag.div_euclid(3) * 3).max(k);
        let decimals = (e - k) as usize;
        let mant = v / 10f64.powi(e);
        let text = format!("{mant:.decimals$}e{e}");
        if text.parse::<f64>().is_ok_and(|back| (back - v).abs() <= v.abs() * 1e-12) {
            return text;
        }
        return format!("{v}");
    }
    // Fractional steps, possibly of a scale: "2 1/2", "2 1/2 million".
    for (e, word) in [(0, ""), (3, " thousand"), (6, " million"), (9, " billion"), (12, " trillion")] {
        let unit = 10f64.powi(e);
        let r = n.step / unit;
        let d = (1.0 / r).round();
        if (2.0..=100.0).contains(&d) && ((1.0 / d) - r).abs() < 1e-12 {
            return format!("{}{word}", mixed(v / unit, d));
        }
    }
    // Dozens: "2 dozen".
    let dozens = n.step / 12.0;
    if pow10(dozens).is_some_and(|k| k >= 0) {
        return format!("{} dozen", num(&Num { value: v / 12.0, step: dozens }));
    }
    format!("{v}")
}

/// `v` as a whole number and a fraction with denominator `d`: "2 1/2", "-1/3".
fn mixed(v: f64, d: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let whole = a.trunc();
    let numer = ((a - whole) * d).round();
    if whole == 0.0 {
        return format!("{sign}{numer}/{d}");
    }
    if numer == 0.0 {
        return format!("{sign}{whole}");
    }
    format!("{sign}{whole} {numer}/{d}")
}

fn amount(a: &Amount, suffix: &str) -> String {
    match a.high {
        Some(h) => format!("{}{suffix} to {}{suffix}", num(&a.low), num(&h)),
        None => format!("{}{suffix}", num(&a.low)),
    }
}

/// Canonical text of a value.
pub(crate) fn canonical(v: &Value) -> String {
    match v {
        // A bare 1900-2100 would read back as a year: the separator keeps it a number.
        Value::Number { amount: a }
            if a.high.is_none() && a.low.step == 1.0 && (1900.0..=2100.0).contains(&a.low.value) && a.low.value.fract() == 0.0 =>
        {
            group(a.low.value)
        }
        Value::Number { amount: a } => amount(a, ""),
        Value::Ordinal { n } => format!("{n}{}", ordinal_suffix(*n)),
        Value::Money { amount: a, currency } => {
            format!("{} {}", currency.unwrap_or("XXX"), amount(a, ""))
        }
        Value::Percent { amount: a } => amount(a, "%"),
        Value::PercentagePoints { amount: a } => format!("{} percentage points", amount(a, "")),
        Value::Quantity { amount: a, unit } => {
            format!("{} {}", amount(a, ""), canonical_unit(unit.symbol))
        }
        Value::Date { date } => date_text(date),
        Value::Year { year } => format!("{year}"),
    }
}

/// Symbols that are too ambiguous to read when spaced in prose are written out in full.
pub(crate) fn canonical_unit(symbol: &str) -> &str {
    match symbol {
        "B" => "bytes",
        "K" => "kelvin",
        "s" => "seconds",
        "d" => "days",
        "t" => "tonnes",
        "mo" => "months",
        "st" => "stone",
        "°" => "degrees",
        other => other,
    }
}

fn ordinal_suffix(n: i64) -> &'static str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    }
}

/// "–29" after the first day of a range of days ("November 28-29"), else nothing.
fn range_suffix(d: &DateValue) -> String {
    d.last_day.map(|last| format!("–{last:02}")).unwrap_or_default()
}

fn date_text(d: &DateValue) -> String {
    let wd = d.weekday.map(|w| format!("{}, ", weekday_name(w))).unwrap_or_default();
    match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(day)) => format!("{wd}{y:04}-{m:02}-{day:02}{}", range_suffix(d)),
        (None, Some(m), Some(day)) => format!("{wd}{} {day}{}", month_name(m), range_suffix(d)),
        (Some(y), Some(m), None) => format!("{} {y}", month_name(m)),
        (None, Some(m), None) => month_name(m).to_string(),
        _ => match d.resolved {
            // A resolved relative date is written as the date it means (the article date
            // that resolved it is not part of the value).
            Some(r) => match d.granularity {
                Granularity::Day | Granularity::Week => format!("{wd}{}", r.format("%Y-%m-%d")),
                Granularity::Month => format!("{} {}", month_name(r.month()), r.year()),
                Granularity::Year => format!("{}", r.year()),
            },
            _ => match (d.granularity, d.weekday) {
                (Granularity::Day, Some(w)) => weekday_name(w).to_string(),
                (Granularity::Day, None) => "today".into(),
                (Granularity::Week, _) => "this week".into(),
                (Granularity::Month, _) => "this month".into(),
                (Granularity::Year, _) => "this year".into(),
            },
        },
    }
}

/// Short human form of a number: "60bn", "270m", "1,340", "2.5", "0.667".
fn short(n: f64) -> String {
    let a = n.abs();
    let (div, sfx) = if a >= 1e12 {
        (1e12, "tn")
    } else if a >= 1e9 {
        (1e9, "bn")
    } else if a >= 1e6 {
        (1e6, "m")
    } else {
        (1.0, "")
    };
    let v = n / div;
    if sfx.is_empty() && v.fract() == 0.0 {
        return group(v);
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if sfx.is_empty() {
        // Keep the thousands separators of the integer part.
        return match s.split_once('.') {
            Some((i, f)) => format!("{}.{f}", group(i.parse().unwrap_or(0.0))),
            None => group(v.round()),
        };
    }
    format!("{s}{sfx}")
}

/// "1340" -> "1,340"; decimals kept as they print.
fn group(v: f64) -> String {
    let s = format!("{v}");
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), format!(".{f}")),
        None => (s.clone(), String::new()),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", int),
    };
    if digits.len() <= 3 {
        return format!("{sign}{digits}{frac}");
    }
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

fn disp_amount(a: &Amount) -> String {
    match a.high {
        Some(h) => format!("{}–{}", short(a.low.value), short(h.value)),
        None => short(a.low.value),
    }
}

/// Short human display of a value.
pub(crate) fn display(v: &Value) -> String {
    match v {
        Value::Number { amount: a } => disp_amount(a),
        Value::Ordinal { n } => format!("{n}{}", ordinal_suffix(*n)),
        Value::Money { amount: a, currency } => {
            let body = disp_amount(a);
            match currency.and_then(symbol) {
                Some(s) => format!("{s}{body}"),
                None => match currency {
                    Some(code) => format!("{code} {body}"),
                    // A currency named without a code ("dinars").
                    None => format!("{body} (currency)"),
                },
            }
        }
        Value::Percent { amount: a } => format!("{}%", disp_amount(a)),
        Value::PercentagePoints { amount: a } => format!("{} pp", disp_amount(a)),
        Value::Quantity { amount: a, unit } => format!("{} {}", disp_amount(a), unit.symbol),
        Value::Date { date } => match date.resolved {
            Some(r) => match date.granularity {
                Granularity::Day => format!("{}{}", r.format("%Y-%m-%d"), range_suffix(date)),
                Granularity::Week => r.format("%Y-%m-%d").to_string(),
                Granularity::Month => r.format("%Y-%m").to_string(),
                Granularity::Year => r.format("%Y").to_string(),
            },
            None => date_text(date),
        },
        Value::Year { year } => format!("{year}"),
    }
}
