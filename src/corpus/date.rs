//! The article's own date when its front matter gives none: a leading `date YYYY-MM-DD` line,
//! else a dateline (a full date with year, also numeric when unambiguous: "29/11/2023") in the
//! first lines, else unknown. Unknown stays unknown: time-scoped checks then say they could not
//! apply rather than guess.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The `date` key of the front matter (or the `date` field of a `.jsonl` line).
    FrontMatter,
    /// An HTML page's `<meta>` publication date, or its first `<time datetime>`.
    Metadata,
    /// A leading `date YYYY-MM-DD` line.
    DateLine,
    /// A full date in the first lines of the body.
    Dateline,
    /// No date could be found.
    Unknown,
}

/// How many non-empty lines at the top of the body are searched for a dateline.
const DATELINE_LINES: usize = 8;

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\A\s*date:?\s+(\d{4})-(\d{2})-(\d{2})\b").expect("static regex"));
static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("static regex"));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})\b")
        .expect("static regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b")
        .expect("static regex")
});

/// "29/11/2023", "11/29/2023", "29.11.2023", "2023/11/29".
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:(\d{1,2})([/.])(\d{1,2})[/.](\d{4})|(\d{4})/(\d{1,2})/(\d{1,2}))\b").expect("static regex"));

/// A numeric date. Day-first and month-first are told apart only when one part exceeds 12
/// ("29/11/2023"); "03/04/2023" could be either and gives nothing rather than a guess.
fn numeric(line: &str) -> Option<NaiveDate> {
    let c = NUMERIC.captures(line)?;
    if let (Some(y), Some(m), Some(d)) = (c.get(5), c.get(6), c.get(7)) {
        return ymd(y.as_str(), m.as_str().parse().ok()?, d.as_str());
    }
    let (a, b): (u32, u32) = (c.get(1)?.as_str().parse().ok()?, c.get(3)?.as_str().parse().ok()?);
    let year = c.get(4)?.as_str();
    let (month, day) = match (a > 12, b > 12) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        _ if a == b => (a, b),
        _ => return None,
    };
    ymd(year, month, &day.to_string())
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.to_ascii_lowercase();
    MONTHS.iter().position(|m| lower.starts_with(m)).map(|i| i as u32 + 1)
}

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?)
}

/// The date an article body gives itself, if any, and how it was found.
pub fn detect_date(body: &str) -> Option<(NaiveDate, DateSource)> {
    if let Some(c) = DATE_LINE.captures(body) {
        if let Some(d) = ymd(&c[1], c[2].parse().ok()?, &c[3]) {
            return Some((d, DateSource::DateLine));
        }
    }
    for line in body.lines().filter(|l| !l.trim().is_empty()).take(DATELINE_LINES) {
        let found = ISO
            .captures(line)
            .filter(|c| not_an_event(line, c))
            .and_then(|c| ymd(&c[1], c[2].parse().ok()?, &c[3]))
            .or_else(|| {
                MONTH_DAY_YEAR.captures(line).filter(|c| not_an_event(line, c)).and_then(|c| ymd(&c[3], month_number(&c[1])?, &c[2]))
            })
            .or_else(|| {
                DAY_MONTH_YEAR.captures(line).filter(|c| not_an_event(line, c)).and_then(|c| ymd(&c[3], month_number(&c[2])?, &c[1]))
            })
            .or_else(|| NUMERIC.captures(line).filter(|c| not_an_event(line, c)).and(numeric(line)));
        if let Some(d) = found {
            return Some((d, DateSource::Dateline));
        }
    }
    None
}

/// Words before a date in the first lines that make it the date of something else than the
/// article: a fact box's "Founded: 4 April 1949", "Treaty signed April 4, 1949".
static EVENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:founded|established|signed|created|formed|born|died|since|until|treaty|anniversary|launched|opened|began|started|joined|invaded|invasion)\b")
        .expect("static regex")
});

/// Whether the date matched in `line` is not introduced as another event's date.
fn not_an_event(line: &str, c: &regex::Captures<'_>) -> bool {
    c.get(0).is_none_or(|m| !EVENT.is_match(&line[..m.start()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leading_date_line() {
        assert_eq!(detect_date(" date 2023-11-29 NATO has reaffirmed"), Some((d(2023, 11, 29), DateSource::DateLine)));
    }

    #[test]
    fn dateline_without_space_after_comma() {
        let body = "UKRAINIAN WORLD CONGRESS\n\nicon\n\nNATO: We will not back down\n\n#StandWithUkraine\nNovember 30,2022 330\n";
        assert_eq!(detect_date(body), Some((d(2022, 11, 30), DateSource::Dateline)));
    }

    #[test]
    fn day_month_year_and_iso() {
        assert_eq!(detect_date("LONDON, 29 November 2023 -").map(|x| x.0), Some(d(2023, 11, 29)));
        assert_eq!(detect_date("Posted 2024-12-03 by staff").map(|x| x.0), Some(d(2024, 12, 3)));
    }

    #[test]
    fn numeric_dates_only_when_unambiguous() {
        assert_eq!(detect_date("Published 29/11/2023 10:31 GMT").map(|x| x.0), Some(d(2023, 11, 29)));
        assert_eq!(detect_date("Updated 11/29/2023").map(|x| x.0), Some(d(2023, 11, 29)));
        assert_eq!(detect_date("Stand: 29.11.2023").map(|x| x.0), Some(d(2023, 11, 29)));
        assert_eq!(detect_date("Filed 2023/11/29").map(|x| x.0), Some(d(2023, 11, 29)));
        assert_eq!(detect_date("Published 03/04/2023"), None, "3 April or March 4: no guess");
        assert_eq!(detect_date("Posted 24/7/2023"), Some((d(2023, 7, 24), DateSource::Dateline)));
    }

    #[test]
    fn a_fact_box_date_is_not_the_article_date() {
        assert_eq!(detect_date("NATO at a glance\nFounded: 4 April 1949, by 12 countries.\nMembers: 32"), None);
        assert_eq!(detect_date("The treaty was signed on April 4, 1949 in Washington."), None);
        assert_eq!(detect_date("Founded in 1949\nBRUSSELS, April 4, 2024 - Ministers met."), Some((d(2024, 4, 4), DateSource::Dateline)));
    }

    #[test]
    fn partial_dates_and_late_dates_are_not_the_article_date() {
        assert_eq!(detect_date("NATO allies met on Nov. 29 and reaffirmed"), None);
        let late = format!("{}On November 30, 2022 it happened.", "line\n".repeat(20));
        assert_eq!(detect_date(&late), None);
        assert_eq!(detect_date("Invalid 2023-02-30 date"), None);
    }
}
