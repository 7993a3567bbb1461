//! `quantity::scan` on arbitrary UTF-8 (with and without an article date), and `parse_one` on
//! the same text and on each mention's canonical text. Checks the invariants the rest of the
//! pipeline relies on: spans on char boundaries, sorted, non-overlapping, inside the text.
#![no_main]

use factdiff::quantity::{self, NaiveDate, ScanOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for opts in [ScanOptions::default(), ScanOptions { article_date: NaiveDate::from_ymd_opt(2023, 11, 29) }] {
        let mentions = quantity::scan(text, &opts);
        let mut last_end = 0;
        for m in &mentions {
            assert!(m.span.start < m.span.end, "empty span {:?}", m.span);
            assert!(m.span.start >= last_end, "overlapping or unsorted spans at {:?}", m.span);
            assert!(m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            last_end = m.span.end;
            let _ = quantity::display(&m.value);
            let _ = quantity::parse_one(&quantity::canonical(&m.value), &opts);
        }
        if let Some(m) = quantity::parse_one(text, &opts) {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!(m.span.end <= text.len());
        }
    }
});
