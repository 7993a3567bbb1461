//! Dates: ISO dates, "Nov. 29", "29 November 2023", "November 30, 2022", "Wednesday,
//! Nov. 29, 2023", "February 2022", weekdays, "today", "last year", and their resolution
//! against the article date. Month and weekday names must be capitalised: "may" and "march"
//! are verbs far more often than dates in lower case, and "Sun" alone is a newspaper.

use super::grammar::Parser;
use super::{DateValue, Granularity};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Words this module reads.
pub(crate) const WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "last",
    "next",
    "this",
    "week",
    "month",
    "year",
    "of",
    "the",
    "in",
    "since",
    "until",
    "by",
    "from",
    "early",
    "late",
    "mid",
    "st",
    "nd",
    "rd",
    "th",
];

/// Month number of a month word; `full` says it is not an abbreviation.
fn month(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "january" => (1, true),
        "february" => (2, true),
        "march" => (3, true),
        "april" => (4, true),
        "may" => (5, true),
        "june" => (6, true),
        "july" => (7, true),
        "august" => (8, true),
        "september" => (9, true),
        "october" => (10, true),
        "november" => (11, true),
        "december" => (12, true),
        "jan" => (1, false),
        "feb" => (2, false),
        "mar" => (3, false),
        "apr" => (4, false),
        "jun" => (6, false),
        "jul" => (7, false),
        "aug" => (8, false),
        "sep" | "sept" => (9, false),
        "oct" => (10, false),
        "nov" => (11, false),
        "dec" => (12, false),
        _ => return None,
    })
}

fn weekday(w: &str) -> Option<(Weekday, bool)> {
    Some(match w {
        "monday" => (Weekday::Mon, true),
        "tuesday" => (Weekday::Tue, true),
        "wednesday" => (Weekday::Wed, true),
        "thursday" => (Weekday::Thu, true),
        "friday" => (Weekday::Fri, true),
        "saturday" => (Weekday::Sat, true),
        "sunday" => (Weekday::Sun, true),
        "mon" => (Weekday::Mon, false),
        "tue" | "tues" => (Weekday::Tue, false),
        "wed" => (Weekday::Wed, false),
        "thu" | "thur" | "thurs" => (Weekday::Thu, false),
        "fri" => (Weekday::Fri, false),
        "sat" => (Weekday::Sat, false),
        "sun" => (Weekday::Sun, false),
        _ => return None,
    })
}

/// English name of a month (1-12).
pub(crate) fn month_name(m: u32) -> &'static str {
    const N: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    N.get((m as usize).wrapping_sub(1)).copied().unwrap_or("")
}

/// English name of a weekday.
pub(crate) fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn dv(year: Option<i32>, month: Option<u32>, day: Option<u32>, g: Granularity) -> DateValue {
    DateValue { year, month, day, last_day: None, weekday: None, resolved: None, granularity: g, relative: false }
}

/// The year that puts month/day nearest `article`.
fn nearest(article: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let y = article.year();
    [y - 1, y, y + 1].iter().filter_map(|&yy| NaiveDate::from_ymd_opt(yy, m, d)).min_by_key(|c| (*c - article).num_days().abs())
}

/// A (year, month, day) reading of a date.
type Ymd = (i32, u32, u32);

impl Parser<'_> {
    fn cap_lex(&self, i: usize) -> Option<&'static str> {
        self.tok(i).filter(|t| t.cap).and_then(|t| t.lex())
    }

    /// A month name at `i` (with its optional abbreviation dot); returns (month, end).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let (m, full) = self.cap_lex(i).and_then(month)?;
        if !full && self.punct(i + 1) == Some('.') && self.glued(i + 1) {
            return Some((m, i + 2));
        }
        Some((m, i + 1))
    }

    /// A day-of-month number at `i`, with an optional ordinal suffix.
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let lit = self.tok(i)?.num()?;
        if !lit.plain_int() || lit.clean.len() > 2 {
            return None;
        }
        let d: u32 = lit.clean.parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut end = i + 1;
        if self.glued(end) && matches!(self.lex(end), Some("st" | "nd" | "rd" | "th")) {
            end += 1;
        }
        if !self.word_ends(end - 1) {
            return None;
        }
        Some((d, end))
    }

    /// The end of a range of days after the day `first` ends at `i`: "-29" or "–29" of
    /// "November 28-29"; returns the last day and the index past it.
    fn range_end(&self, i: usize, first: u32) -> Option<(u32, usize)> {
        if !matches!(self.punct(i), Some('-' | '–')) {
            return None;
        }
        self.day_at(i + 1).filter(|&(last, _)| last > first)
    }

    /// A four-digit year at `i`.
    fn year_at(&self, i: usize) -> Option<i32> {
        let lit = self.tok(i)?.num()?;
        if !lit.plain_int() || lit.clean.len() != 4 || !self.word_ends(i) {
            return None;
        }
        lit.clean.parse().ok()
    }

    /// A date starting at token `i`; returns it and the index just past it.
    pub(crate) fn date(&self, i: usize) -> Option<(DateValue, usize)> {
        let mut d = self.date_inner(i, true)?;
        self.resolve(&mut d.0, self.lex(i));
        Some(d)
    }

    /// A date at `i`; a leading weekday only when `weekday_ok` (it cannot repeat).
    fn date_inner(&self, i: usize, weekday_ok: bool) -> Option<(DateValue, usize)> {
        let t = self.tok(i)?;
        if let Some(lit) = t.num() {
            // An all-numeric date alone only when one order is possible ("31/05/2023").
            return self
                .date_from_number(i, lit.clean.len())
                .or_else(|| match self.numeric_date(i) {
                    Some((readings, end)) if readings.len() == 1 => {
                        let (y, m, day) = readings[0];
                        Some((dv(Some(y), Some(m), Some(day), Granularity::Day), end))
                    }
                    _ => None,
                })
                .or_else(|| self.day_of_the_month(i));
        }
        let w = t.lex()?;
        if let Some((wd, full)) = self.cap_lex(i).and_then(weekday).filter(|_| weekday_ok) {
            let mut j = i + 1;
            if self.punct(j) == Some('.') && !full {
                j += 1;
            }
            if self.punct(j) == Some(',') {
                j += 1;
            }
            if let Some((mut d, end)) = self.date_inner(j, false).filter(|(d, _)| d.granularity == Granularity::Day && !d.relative) {
                // "Tuesday and Wednesday, November 29 and 30": two weekdays for two days, the
                // second of which is not the first day's.
                let paired = i >= 2
                    && matches!(self.lex(i - 1), Some("and" | "or" | "to" | "through"))
                    && self.cap_lex(i - 2).and_then(weekday).is_some();
                if !paired {
                    d.weekday = Some(wd);
                }
                return Some((d, end));
            }
            // "Wed 03/04/2024": an all-numeric date either way round; the reading its weekday
            // fits, else day first (so a weekday that fits neither is still checked).
            if let Some((readings, end)) = self.numeric_date(j) {
                let fits = |&&(y, m, day): &&Ymd| NaiveDate::from_ymd_opt(y, m, day).is_some_and(|x| x.weekday() == wd);
                let (y, m, day) = *readings.iter().find(fits).unwrap_or(&readings[0]);
                let mut d = dv(Some(y), Some(m), Some(day), Granularity::Day);
                d.weekday = Some(wd);
                return Some((d, end));
            }
            if !full {
                return None;
            }
            let mut d = dv(None, None, None, Granularity::Day);
            d.weekday = Some(wd);
            d.relative = true;
            return Some((d, i + 1));
        }
        if let Some((m, j)) = self.month_at(i) {
            // "November 30, 2022", "Nov. 29", "November 30,2022", "November 28-29, 2023".
            if let Some((day, k)) = self.day_at(j) {
                let (last_day, k) = match self.range_end(k, day) {
                    Some((last, end)) => (Some(last), end),
                    None => (None, k),
                };
                return Some(self.day_with_year(m, day, last_day, k));
            }
            // "February 2022".
            if let Some(y) = self.year_at(j) {
                return Some((dv(Some(y), Some(m), None, Granularity::Month), j + 1));
            }
            // "in February": a full name after a preposition only ("May" alone is a name).
            let (_, full) = month(w)?;
            let prev = if i == 0 { None } else { self.lex(i - 1) };
            let alone = i == 0 && self.tok(j).is_none();
            if full
                && (alone
                    || matches!(prev, Some("in" | "since" | "until" | "by" | "from" | "early" | "late" | "mid" | "last" | "next" | "this")))
            {
                // "in February last year" is the February of the year before the article's.
                if let Some((y, end)) = self.year_shifted(j).filter(|_| !matches!(prev, Some("last" | "next" | "this"))) {
                    return Some((dv(Some(y), Some(m), None, Granularity::Month), end));
                }
                return Some((dv(None, Some(m), None, Granularity::Month), j));
            }
            return None;
        }
        match w {
            "today" | "yesterday" | "tomorrow" | "tonight" => {
                let mut d = dv(None, None, None, Granularity::Day);
                d.relative = true;
                Some((d, i + 1))
            }
            "last" | "next" | "this" => {
                let g = match self.lex(i + 1)? {
                    "week" => Granularity::Week,
                    "month" => Granularity::Month,
                    "year" => Granularity::Year,
                    _ => {
                        let (wd, true) = self.cap_lex(i + 1).and_then(weekday)? else {
                            return None;
                        };
                        let mut d = dv(None, None, None, Granularity::Day);
                        d.weekday = Some(wd);
                        d.relative = true;
                        return Some((d, i + 2));
                    }
                };
                let mut d = dv(None, None, None, g);
                d.relative = true;
                Some((d, i + 2))
            }
            _ => None,
        }
    }

    /// "2023-11-29" and "29 November 2023" / "29th of November".
    fn date_from_number(&self, i: usize, len: usize) -> Option<(DateValue, usize)> {
        if len == 4 {
            let y = self.year_at(i)?;
            let m = self.iso_part(i + 1, 12)?;
            let d = self.iso_part(i + 3, 31)?;
            if self.glued(i + 5) && matches!(self.punct(i + 5), Some('-') | Some('/')) {
                return None;
            }
            NaiveDate::from_ymd_opt(y, m, d)?;
            let mut date = dv(Some(y), Some(m), Some(d), Granularity::Day);
            // "2023-07-11–12", the canonical form of a range of days ([`super::canon`]).
            if self.punct(i + 5) == Some('–') && self.glued(i + 5) && self.glued(i + 6) {
                if let Some((last, end)) = self.range_end(i + 5, d) {
                    date.last_day = Some(last);
                    return Some((date, end));
                }
            }
            return Some((date, i + 5));
        }
        let (day, mut j) = self.day_at(i)?;
        // "11-12 July 2023", "3–4 April": a range of days written day first.
        let last_day = self.range_end(j, day).map(|(last, end)| {
            j = end;
            last
        });
        if self.lex(j) == Some("of") {
            j += 1;
        }
        let (m, k) = self.month_at(j)?;
        Some(self.day_with_year(m, day, last_day, k))
    }

    /// A day (or range of days) of month `m` whose words end at `k`, with the year after them:
    /// ", 2023", "last year", or the year of a later day it is joined to ("May 31 and June 1,
    /// 2023"); returns the date and the index past it.
    fn day_with_year(&self, m: u32, day: u32, last_day: Option<u32>, k: usize) -> (DateValue, usize) {
        let k2 = if self.punct(k) == Some(',') { k + 1 } else { k };
        let (year, end) = match (self.year_at(k2), self.year_shifted(k)) {
            (Some(y), _) => (Some(y), k2 + 1),
            (None, Some((y, end))) => (Some(y), end),
            (None, None) => (self.year_of_next(k), k),
        };
        let mut d = dv(year, Some(m), Some(day), Granularity::Day);
        d.last_day = last_day;
        (d, end)
    }

    /// "met on the 4th in Oslo", "until the 14th.": a day of the month alone, after "on the"
    /// (or "by", "until", "since", "from the") and before the clause goes on to something else
    /// ("on the 2nd floor" is no date). It is the day of that number nearest the article's
    /// date, in its month or the one before or after; without an article date, none.
    fn day_of_the_month(&self, i: usize) -> Option<(DateValue, usize)> {
        let (day, end) = self.day_at(i)?;
        let surface = self.text.get(self.tok(i)?.start..self.tok(end - 1)?.end)?;
        // The words around, as written (the grammar's lexicon knows few of them).
        let word = |k: usize| self.tok(k).and_then(|t| self.text.get(t.start..t.end)).map(str::to_lowercase);
        if !surface.ends_with(['t', 'd', 'h']) || i < 2 || word(i - 1).as_deref() != Some("the") {
            return None;
        }
        if !matches!(word(i - 2).as_deref(), Some("on" | "by" | "until" | "till" | "since" | "from")) {
            return None;
        }
        let next_ok = match self.tok(end) {
            None => true,
            Some(t) => {
                t.punct().is_some()
                    || matches!(word(end).as_deref(), Some("in" | "at" | "and" | "when" | "as" | "with" | "after" | "before" | "to"))
            }
        };
        if !next_ok {
            return None;
        }
        let a = self.opts.article_date?;
        let around = [-1i32, 0, 1].into_iter().filter_map(|shift| {
            let total = a.year() * 12 + a.month0() as i32 + shift;
            NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, day)
        });
        let near = around.min_by_key(|d| (*d - a).num_days().abs())?;
        Some((dv(None, Some(near.month()), Some(day), Granularity::Day), end))
    }

    /// "last year", "this year", "next year" at `k`, after a month or a day and month
    /// ("in February last year", "on 3 April next year"): the year it names from the article
    /// date, and the index past it. Without an article date, none.
    fn year_shifted(&self, k: usize) -> Option<(i32, usize)> {
        let shift = match self.lex(k)? {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        };
        if self.lex(k + 1) != Some("year") {
            return None;
        }
        Some((self.opts.article_date?.year() + shift, k + 2))
    }

    /// "31/05/2023": the (year, month, day) readings of an all-numeric date with slashes, day
    /// first then month first (both when neither of the first two numbers is above 12), and
    /// the index past it.
    fn numeric_date(&self, i: usize) -> Option<(Vec<Ymd>, usize)> {
        let small = |k: usize| -> Option<u32> {
            let lit = self.tok(k)?.num()?;
            if !lit.plain_int() || lit.clean.len() > 2 {
                return None;
            }
            lit.clean.parse().ok().filter(|v| (1..=31).contains(v))
        };
        let slash = |k: usize| self.punct(k) == Some('/') && self.glued(k) && self.glued(k + 1);
        let a = small(i)?;
        if !slash(i + 1) {
            return None;
        }
        let b = small(i + 2)?;
        if !slash(i + 3) {
            return None;
        }
        let y = self.year_at(i + 4)?;
        let mut readings = Vec::new();
        if NaiveDate::from_ymd_opt(y, b, a).is_some() {
            readings.push((y, b, a));
        }
        if a != b && NaiveDate::from_ymd_opt(y, a, b).is_some() {
            readings.push((y, a, b));
        }
        (!readings.is_empty()).then_some((readings, i + 5))
    }

    /// The year of a second day joined to a first written without one: "May 31 and June 1,
    /// 2023", "31 May to 1 June 2023" (the first day is in 2023 too).
    fn year_of_next(&self, k: usize) -> Option<i32> {
        let j = match (self.lex(k), self.punct(k)) {
            (Some("and" | "to" | "through" | "until" | "till"), _) => k + 1,
            (_, Some('-' | '–')) => k + 1,
            _ => return None,
        };
        let (d, _) = self.date_inner(j, false)?;
        d.year.filter(|_| d.granularity == Granularity::Day)
    }

    /// "-11" in an ISO date: a glued dash and exactly two digits not above `max`.
    fn iso_part(&self, i: usize, max: u32) -> Option<u32> {
        if self.punct(i) != Some('-') || !self.glued(i) || !self.glued(i + 1) {
            return None;
        }
        let lit = self.tok(i + 1)?.num()?;
        if !lit.plain_int() || lit.clean.len() != 2 {
            return None;
        }
        let v: u32 = lit.clean.parse().ok()?;
        (1..=max).contains(&v).then_some(v)
    }

    /// Fills `resolved` from what is written and the article date.
    fn resolve(&self, d: &mut DateValue, w: Option<&'static str>) {
        let art = self.opts.article_date;
        d.resolved = match (d.year, d.month, d.day) {
            (Some(y), Some(m), Some(day)) => NaiveDate::from_ymd_opt(y, m, day),
            (Some(y), Some(m), None) => NaiveDate::from_ymd_opt(y, m, 1),
            (None, Some(m), Some(day)) => art.and_then(|a| nearest(a, m, day)),
            (None, Some(m), None) => art.and_then(|a| nearest(a, m, 1)),
            _ => art.and_then(|a| relative(a, d, w)),
        };
    }
}

/// Resolves "today", "last week", "Tuesday" ... against the article date `a`.
fn relative(a: NaiveDate, d: &DateValue, first: Option<&str>) -> Option<NaiveDate> {
    let shift: i32 = match first {
        Some("last") | Some("yesterday") => -1,
        Some("next") | Some("tomorrow") => 1,
        _ => 0,
    };
    let shift64 = i64::from(shift);
    // Checked arithmetic: an article date at the edge of the calendar must not panic.
    let add = |base: NaiveDate, days: i64| base.checked_add_signed(Duration::days(days));
    match d.granularity {
        Granularity::Day => {
            if let Some(wd) = d.weekday {
                // Most recent such day on or before the article date; "last" strictly before,
                // "next" strictly after.
                let back = (7 + a.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                let on_or_before = add(a, -i64::from(back))?;
                return match shift {
                    -1 if back == 0 => add(on_or_before, -7),
                    1 => {
                        let fwd = (7 + wd.num_days_from_monday() - a.weekday().num_days_from_monday()) % 7;
                        add(a, if fwd == 0 { 7 } else { i64::from(fwd) })
                    }
                    _ => Some(on_or_before),
                };
            }
            add(a, shift64)
        }
        Granularity::Week => {
            let monday = add(a, -i64::from(a.weekday().num_days_from_monday()))?;
            add(monday, 7 * shift64)
        }
        Granularity::Month => {
            let total = a.year() * 12 + a.month0() as i32 + shift;
            NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)
        }
        Granularity::Year => NaiveDate::from_ymd_opt(a.year() + shift, 1, 1),
    }
}
