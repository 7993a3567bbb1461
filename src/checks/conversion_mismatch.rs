//! `conversion-mismatch`: a conversion stated in the text does not match its figure.
//!
//! **What it finds.** A figure followed by its conversion in parentheses where the two disagree:
//! "1,340 km (933 mile)" (1,340 km is 833 miles). Units are compared exactly, allowing for the
//! rounding of both figures and 2 % for rounded conversion factors; currencies ("10 billion euros
//! ($11 billion)") are compared through the `[currencies]` rates of the rules, within their
//! `tolerance` (10 % by default, because rates move).
//!
//! **Why.** A wrong conversion is a plain error a reader can check with a calculator.
//!
//! **Example.** "It has closed its entire 1,340 km (933 mile) border" → warning: 1,340 km is
//! about 833 mi.
//!
//! **What it does not flag.** "1,340 km (833 mile)" or "5 miles (8 km)" (right after rounding);
//! a conversion rounded to its own significant digits ("more than 1,000 km (600 miles)": 621
//! miles, said as 600); tonnes given in short or long tons, either way round ("60 tonnes (66
//! tons)", "66 tons (60 tonnes)");
//! conversions between different dimensions (not a conversion); currency conversions when the
//! rules give no rate for one of the currencies — a note says how many could not be checked.
//! A bound before the figure ("up to 300 km (100 miles)") holds for both numbers, which are
//! compared as written: that one is flagged.

use super::{Context, Output};
use crate::compare::{self, Measure};
use crate::finding::{Evidence, Finding, Note};
use crate::quantity::{Mention, Qualifier, Value};
use crate::rules::{Severity, Tolerance};

/// The check's id.
pub(crate) const ID: &str = "conversion-mismatch";

/// Slack for unit conversions, on top of rounding: "5 miles (8 km)" is 8.05 km.
const UNIT_SLACK: f64 = 0.02;

/// Masses of the "ton" a text converting from or to tonnes means (a tonne converted to "tons"
/// is not a tonne): the short ton of American usage and the long ton of British, in kg.
const OTHER_TONS: [f64; 2] = [907.184_74, 1_016.046_908_8];

/// The figure's interval in base units (temperatures through their offsets). A conversion in
/// parentheses is rounded to its own significant digits ("1,000 km (600 miles)"): read as
/// "about" unless it says otherwise.
fn base_interval(m: &Mention, conversion: bool) -> Option<(f64, f64, &'static str)> {
    let Value::Quantity { unit, .. } = &m.value else { return None };
    let m = &unbounded(m, conversion);
    let Measure::Interval { lo, hi, .. } = compare::of_mention(m, Tolerance::Relative(UNIT_SLACK / 2.0))? else { return None };
    // of_mention scaled by to_base; undo it and apply the unit's own base conversion.
    let (lo, hi) = (unit.base_value(lo / unit.to_base), unit.base_value(hi / unit.to_base));
    Some((lo.min(hi), lo.max(hi), unit.symbol))
}

/// The figure as a conversion compares it. A bound ("up to 300 km (100 miles)", "more than
/// $5bn (€4.6bn)") holds for the figure and its conversion alike, so the two numbers themselves
/// are compared: as written, or with `about` at their own significant digits (a unit
/// conversion in parentheses; money conversions keep the digits written, the rates'
/// tolerance covers them).
fn unbounded(m: &Mention, about: bool) -> Mention {
    let bound = matches!(m.qualifier, Qualifier::MoreThan | Qualifier::AtLeast | Qualifier::LessThan | Qualifier::AtMost);
    // A hedge on the figure converted ("roughly 1,000 km") says the figure is round, not that
    // its conversion may be anything from 500 to 1,500 km: the figure is taken as written.
    let hedged = matches!(m.qualifier, Qualifier::About | Qualifier::Vague | Qualifier::Nearly);
    let qualifier = match (about, bound || m.qualifier == Qualifier::Exact) {
        (true, true) => Qualifier::About,
        (false, true) => Qualifier::Exact,
        (false, false) if hedged => Qualifier::Exact,
        _ => m.qualifier,
    };
    Mention { qualifier, ..m.clone() }
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    let mut out = Output::default();
    let mut unchecked = 0usize;
    for (ai, mentions) in ctx.mentions.iter().enumerate() {
        let Some(a) = ctx.articles.get(ai) else { continue };
        for m in mentions {
            let Some(conv) = &m.conversion else { continue };
            let verdict = match (&m.value, &conv.value) {
                (Value::Quantity { unit: u1, .. }, Value::Quantity { unit: u2, .. }) if u1.dimension == u2.dimension => {
                    let (Some(x), Some(y)) = (base_interval(m, false), base_interval(conv, true)) else { continue };
                    if overlap((x.0, x.1), (y.0, y.1)) {
                        continue;
                    }
                    let Value::Quantity { amount, unit } = &m.value else { continue };
                    // "60 tonnes (66 tons)" or "66 tons (60 tonnes)": one side is in short (or
                    // long) tons, and the two symbols cannot tell which.
                    let tons = u1.symbol == "t" && u2.symbol == "t";
                    let scaled = |v: (f64, f64, &str), kg: f64| (v.0 * kg / 1000.0, v.1 * kg / 1000.0);
                    if tons && OTHER_TONS.iter().any(|&kg| overlap((x.0, x.1), scaled(y, kg)) || overlap(scaled(x, kg), (y.0, y.1))) {
                        continue;
                    }
                    if tons {
                        // Either side may be the tons, so the message says what was tried.
                        format!(
                            "{} and {} do not match as tonnes, short tons or long tons",
                            crate::quantity::display(&m.value),
                            crate::quantity::display(&conv.value)
                        )
                    } else {
                        let converted = u2.from_base(unit.base_value(amount.low.value));
                        let (figure, given) = (crate::quantity::display(&m.value), crate::quantity::display(&conv.value));
                        format!("{figure} is about {} {}, not {given}", round_sig(converted), u2.symbol)
                    }
                }
                (Value::Money { currency: Some(c1), .. }, Value::Money { currency: Some(c2), .. }) if c1 != c2 => {
                    let Some(rates) = &ctx.rules.currencies else {
                        unchecked += 1;
                        continue;
                    };
                    let (Some(r1), Some(r2)) = (rates.rate(c1), rates.rate(c2)) else {
                        unchecked += 1;
                        continue;
                    };
                    let (Some(x), Some(y)) = (
                        compare::of_mention(&unbounded(m, false), Tolerance::Exact),
                        compare::of_mention(&unbounded(conv, false), Tolerance::Exact),
                    ) else {
                        continue;
                    };
                    // The rates' tolerance once, on the conversion: widening both sides let a
                    // conversion some 20% off pass ("$60.8bn (about £39bn)").
                    let x = compare::in_common_currency_within(x, rates, 0.0);
                    let y = compare::in_common_currency(y, rates);
                    if compare::agree(&x, &y) != Some(false) {
                        continue;
                    }
                    let amount = m.value.amount().map(|am| am.low.value).unwrap_or(0.0);
                    format!(
                        "{} is about {c2} {} at the rates of the rules ({}, ±{}%), not {}",
                        crate::quantity::display(&m.value),
                        round_sig(amount * r1 / r2),
                        rates.source,
                        rates.tolerance * 100.0,
                        crate::quantity::display(&conv.value)
                    )
                }
                _ => continue,
            };
            let surface = a.text[m.span.clone()].to_string();
            let message = format!("“{surface}”: {verdict}");
            let sentence = crate::text::sentence_around(&a.text, a.body.clone(), m.span.clone());
            let e = Evidence::new(a, m.span.clone(), sentence).with_value(crate::quantity::display(&m.value));
            out.findings.push(Finding::new(ID, Severity::Warning, None, message, e, Vec::new(), &[a.path.clone(), surface]));
        }
    }
    if unchecked > 0 {
        out.notes.push(Note {
            check: ID,
            message: format!(
                "{unchecked} currency conversion(s) not checked: the rules give no rate for their currencies (add a [currencies] table)"
            ),
        });
    }
    out
}

/// Three significant digits, for messages.
fn round_sig(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".into();
    }
    let digits = 3 - 1 - v.abs().log10().floor() as i32;
    let f = 10f64.powi(digits);
    let r = (v * f).round() / f;
    if r.abs() >= 1e9 {
        format!("{}bn", r / 1e9)
    } else if r.abs() >= 1e6 {
        format!("{}m", r / 1e6)
    } else if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}
