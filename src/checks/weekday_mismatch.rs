//! `weekday-mismatch`: a date's weekday is not the weekday of that date.
//!
//! **What it finds.** A date written with its weekday where the two disagree: "Tuesday, Nov. 29,
//! 2023" (29 November 2023 was a Wednesday).
//!
//! **Why.** One of the two is wrong, and the reader cannot tell which.
//!
//! **Example.** "The ministers met on Tuesday, Nov. 29, 2023" → warning: 2023-11-29 was a
//! Wednesday.
//!
//! **What it does not flag.** "Wednesday, Nov. 29, 2023" (correct); a weekday alone ("on
//! Tuesday", resolved against the article date, so it cannot disagree with itself); a weekday
//! next to a date without a year when no article date tells which year is meant; a weekday
//! before a range of days that names one of them ("Tuesday and Wednesday, November 28-29"); a
//! date without a year whose weekday is right in a year its sentence names ("on Friday, May 6,
//! 1955, and eight days later, on Saturday, May 14"); a date without a year whose weekday is right
//! in the year on the other side of the article's date when its verb says that side ("when
//! Finland joined on Tuesday, April 4" in a story of January 2024 is April 2023, though 2024's
//! April 4 is nearer).

use super::{Context, Output};
use crate::finding::{Evidence, Finding};
use crate::quantity::Value;
use crate::rules::Severity;
use chrono::Datelike;

/// The check's id.
pub(crate) const ID: &str = "weekday-mismatch";

fn weekday_name(w: chrono::Weekday) -> &'static str {
    match w {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

/// Whether `weekday` fits `month`/`day` in a year written in `sentence` (a year, or a full
/// date's year).
fn right_in_a_year_nearby(
    mentions: &[crate::quantity::Mention],
    sentence: &std::ops::Range<usize>,
    weekday: chrono::Weekday,
    month: u32,
    day: u32,
) -> bool {
    // Mentions are in text order: only the sentence's are looked at (a long article has many).
    let first = mentions.partition_point(|o| o.span.start < sentence.start);
    mentions[first..]
        .iter()
        .take_while(|o| o.span.start < sentence.end)
        .filter(|o| o.span.end <= sentence.end)
        .filter_map(|o| match &o.value {
            Value::Year { year } => Some(*year),
            Value::Date { date } => date.year,
            _ => None,
        })
        .any(|year| chrono::NaiveDate::from_ymd_opt(year, month, day).is_some_and(|d| d.weekday() == weekday))
}

/// Whether `weekday` fits the same month and day a year from `resolved` (the date nearest the
/// article's, more than a month from it), on the other side of the article's date, when the
/// words before the date say it is on that side: before it ("joined", "met", "was") or ahead of
/// it ("will", "is due to").
fn right_on_the_side_said(
    a: &crate::corpus::Article,
    sentence: &std::ops::Range<usize>,
    at: usize,
    resolved: chrono::NaiveDate,
    weekday: chrono::Weekday,
) -> bool {
    let Some(article) = a.date else { return false };
    let Some(before) = a.text.get(sentence.start..at.max(sentence.start)) else { return false };
    // Only a reading more than a month away is put on the other side: "met on Tuesday, May 23"
    // in a story of Thursday 23 May is the story's own day with a wrong weekday, not last year.
    let days = (resolved - article).num_days();
    let (other, said) = if days > 31 {
        (resolved.with_year(resolved.year() - 1), crate::extract::said_past(before))
    } else if days < -31 {
        (resolved.with_year(resolved.year() + 1), crate::extract::said_ahead(before))
    } else {
        return false;
    };
    said && other.is_some_and(|d| d.weekday() == weekday)
}

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    let mut out = Output::default();
    for (ai, mentions) in ctx.mentions.iter().enumerate() {
        let Some(a) = ctx.articles.get(ai) else { continue };
        for m in mentions {
            let Value::Date { date } = &m.value else { continue };
            let (Some(written), Some(day), Some(resolved)) = (date.weekday, date.day, date.resolved) else { continue };
            if date.relative || resolved.day() != day {
                continue;
            }
            if date.year.is_none() && a.date.is_none() {
                continue;
            }
            let actual = resolved.weekday();
            // "Tuesday and Wednesday, November 28-29": the weekday names one day of the range.
            let last = date.last_day.unwrap_or(day).max(day);
            if (0..=last - day).any(|k| resolved.checked_add_days(chrono::Days::new(u64::from(k))).is_some_and(|d| d.weekday() == written))
            {
                continue;
            }
            let sentence = crate::text::sentence_around(&a.text, a.body.clone(), m.span.clone());
            // "on Friday, May 6, 1955, and eight days later, on Saturday, May 14": a date without
            // a year is right in a year its sentence names.
            if date.year.is_none() && right_in_a_year_nearby(mentions, &sentence, written, resolved.month(), day) {
                continue;
            }
            // "when Finland joined on Tuesday, April 4" in a story of January 2024: a date without
            // a year is right in the year on the other side of the article's date, the side its
            // verb names.
            if date.year.is_none() && right_on_the_side_said(a, &sentence, m.span.start, resolved, written) {
                continue;
            }
            let surface = a.text[m.span.clone()].to_string();
            let year_note = if date.year.is_none() {
                format!(" (the year {} is the one nearest the article's date)", resolved.year())
            } else {
                String::new()
            };
            let message = if last > day {
                let until = resolved.checked_add_days(chrono::Days::new(u64::from(last - day))).unwrap_or(resolved);
                format!("“{surface}”: no day from {resolved} to {until} was a {}{year_note}", weekday_name(written))
            } else {
                format!("“{surface}”: {resolved} was a {}, not a {}{year_note}", weekday_name(actual), weekday_name(written))
            };
            let e = Evidence::new(a, m.span.clone(), sentence).with_value(resolved.to_string());
            out.findings.push(Finding::new(ID, Severity::Warning, None, message, e, Vec::new(), &[a.path.clone(), surface]));
        }
    }
    out
}
