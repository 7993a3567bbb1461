//! `date-conflict`: articles give one event different dates.
//!
//! **What it finds.** For a fact of kind `date` (the day of a meeting, a vote, an attack),
//! articles in the same scope and time window that date it differently: one says the ministers
//! met "on Nov. 29", another "on Nov. 28", both written that week.
//!
//! **Why.** A wrong date is a correction waiting to happen, and readers compare outlets.
//!
//! **Example.** Two articles of 2023-11-30: "foreign ministers met on Tuesday" (resolved to
//! 2023-11-28) and "met on Nov. 29" → one finding listing 2023-11-28 → A, 2023-11-29 → B.
//!
//! **What it does not flag.** Dates at different granularities that contain each other ("in
//! November" and "Nov. 29", "November 28-29" and "November 29"); relative dates resolved from each article's own date that land on
//! the same day ("Wednesday" in an article of Thursday 30 November = 29 November); articles
//! further apart than the rule's `window-days` (a later meeting is another event; a longer
//! run of coverage is cut at its widest gap between article dates, as in `numeric-conflict`, and
//! neighbouring groups that disagree the same way are one finding);
//! claims in undated articles whose relative dates cannot be resolved (a note says so).

use super::{numeric_conflict, Context, Output};

/// The check's id.
pub(crate) const ID: &str = "date-conflict";

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    numeric_conflict::run_facts(ctx, ID, |f| f.kind == crate::rules::FactKind::Date)
}
