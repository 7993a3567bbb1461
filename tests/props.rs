//! Properties (issue #10): quantities round-trip through their canonical text, the scan never
//! panics and keeps its spans sane on any text, line:col agrees with a naive count, the HTML
//! reader's source map keeps its promises on any page (the invariants of the `html` fuzz
//! target), and the findings do not depend on file order or thread count.

use factdiff::corpus::LineIndex;
use factdiff::error::LineCol;
use factdiff::quantity::{canonical, parse_one, scan, NaiveDate, ScanOptions};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// Generators of plausible amounts, as a reporter would write them.

fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn digits() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..100).prop_map(|n| n.to_string()),
        (100u64..10_000_000).prop_map(with_commas),
        (1u64..1000, 1u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        (1u32..10).prop_map(|d| format!(".{d}5")),
        (1u64..100).prop_map(|n| format!("{n} 000")),
    ]
}

fn words() -> impl Strategy<Value = String> {
    const UNITS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    const TEENS: &[&str] = &["ten", "eleven", "twelve", "thirteen", "fifteen", "eighteen"];
    prop_oneof![
        prop::sample::select(UNITS).prop_map(str::to_string),
        prop::sample::select(TEENS).prop_map(str::to_string),
        (prop::sample::select(TENS), prop::sample::select(UNITS)).prop_map(|(t, u)| format!("{t}-{u}")),
        prop::sample::select(TENS).prop_map(str::to_string),
        prop::sample::select(UNITS).prop_map(|u| format!("{u} hundred")),
        prop::sample::select(&["two and a half", "a dozen", "two thirds", "half a", "a hundred"][..]).prop_map(str::to_string),
    ]
}

fn amount() -> impl Strategy<Value = String> {
    let qualifier = || prop::sample::select(&["", "", "about ", "more than ", "nearly ", "some ", "up to ", "less than "][..]);
    let scale = || prop::sample::select(&["", "", " million", " billion", "bn", "-billion", " thousand", "m", "k", " trillion"][..]);
    let money_prefix = || prop::sample::select(&["$", "€", "£", "US$", "USD ", "C$", "¥", "₹"][..]);
    let money_suffix = || prop::sample::select(&[" dollars", " euros", " pounds", " EUR", " yen", " hryvnias"][..]);
    let after = || {
        prop::sample::select(
            &[
                "%",
                " percent",
                " per cent",
                " percentage points",
                " km",
                " kilometres",
                " miles",
                " kg",
                " tonnes",
                " sq km",
                " km/h",
                " degrees Celsius",
                " years",
                " hours",
                "",
            ][..],
        )
    };
    prop_oneof![
        (qualifier(), money_prefix(), digits(), scale()).prop_map(|(q, c, n, s)| format!("{q}{c}{n}{s}")),
        (qualifier(), digits(), scale(), money_suffix()).prop_map(|(q, n, s, c)| format!("{q}{n}{s}{c}")),
        (qualifier(), digits(), after()).prop_map(|(q, n, a)| format!("{q}{n}{a}")),
        (qualifier(), words(), after()).prop_map(|(q, n, a)| format!("{q}{n}{a}")),
        (words(), prop::sample::select(&[" million", " billion", " thousand"][..]), money_suffix())
            .prop_map(|(n, s, c)| format!("{n}{s}{c}")),
        (money_prefix(), 1u32..100, 1u32..100).prop_map(|(c, a, b)| format!("between {c}{a} and {c}{} billion", a + b)),
        (1u32..60, 1u32..40).prop_map(|(a, b)| format!("{a}-{} km", a + b)),
        (1u32..28, prop::sample::select(&["January", "Nov.", "March", "December"][..]), 1990i32..2030)
            .prop_map(|(d, m, y)| format!("{m} {d}, {y}")),
        (1u32..28, 1u32..13, 1990i32..2030).prop_map(|(d, m, y)| format!("{y}-{m:02}-{d:02}")),
        (1u32..1000, 1u32..1000).prop_map(|(a, b)| format!("{a} km ({b} miles)")),
        (1990i32..2030).prop_map(|y| format!("in {y}")),
    ]
}

/// Prose around a few amounts.
fn sentence() -> impl Strategy<Value = String> {
    let filler = prop::sample::select(
        &["The package of", "officials said", "rose to", "with", "and", "of the", "costing", "—", "(", ")", ",", "."][..],
    );
    prop::collection::vec(prop_oneof![amount(), filler.prop_map(str::to_string)], 1..8).prop_map(|v| v.join(" "))
}

// ---------------------------------------------------------------------------------------------

fn assert_spans_sane(text: &str, spans: &[std::ops::Range<usize>]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for s in spans {
        prop_assert!(s.start < s.end, "empty span {:?}", s);
        prop_assert!(s.start >= last, "unsorted or overlapping span {:?} after {}", s, last);
        prop_assert!(s.end <= text.len(), "span {:?} past the end ({})", s, text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "span {:?} not on char boundaries", s);
        last = s.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// `parse_one(canonical(v))` gives back `v` for every mention a scan of plausible text finds.
    #[test]
    fn quantities_round_trip_through_canonical_text(text in sentence()) {
        let o = ScanOptions::default();
        for m in scan(&text, &o) {
            let c = canonical(&m.value);
            let back = parse_one(&c, &o).map(|b| b.value);
            prop_assert_eq!(back.as_ref(), Some(&m.value), "canonical {:?} of {:?} in {:?}", c, &text[m.span.clone()], text);
        }
    }

    /// The same with an article date (relative and partial dates resolve against it).
    #[test]
    fn scan_spans_are_sane_on_plausible_text(text in sentence(), day in 0i64..20_000) {
        let date = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono_days(day);
        let o = ScanOptions { article_date: Some(date) };
        let spans: Vec<_> = scan(&text, &o).into_iter().map(|m| m.span).collect();
        assert_spans_sane(&text, &spans)?;
    }

    /// Any text at all: the scan does not panic, and its spans are on char boundaries, sorted
    /// and non-overlapping. `parse_one` does not panic either.
    #[test]
    fn scan_never_panics_on_any_text(
        text in prop_oneof![
            any::<String>(),
            prop::collection::vec(prop_oneof![any::<String>(), amount(), Just("\r\n".to_string()), Just("\u{a0}".to_string())], 0..12)
                .prop_map(|v| v.concat()),
        ]
    ) {
        for o in [ScanOptions::default(), ScanOptions { article_date: NaiveDate::from_ymd_opt(2023, 11, 29) }] {
            let ms = scan(&text, &o);
            let spans: Vec<_> = ms.iter().map(|m| m.span.clone()).collect();
            assert_spans_sane(&text, &spans)?;
            for m in &ms {
                if let Some(c) = &m.conversion {
                    prop_assert!(c.span.start >= m.span.start && c.span.end <= m.span.end, "conversion outside its mention");
                }
            }
            if let Some(m) = parse_one(&text, &o) {
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            }
        }
    }

    /// `LineIndex::line_col` agrees with counting `\n`s and characters, at every char boundary.
    #[test]
    fn line_col_agrees_with_a_naive_count(
        text in prop_oneof![
            any::<String>(),
            "[a\r\n€“😀é\u{2028}\u{85} ]{0,80}",
        ]
    ) {
        let idx = LineIndex::new(&text);
        for off in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
            let before = &text[..off];
            let naive = LineCol {
                line: before.matches('\n').count() + 1,
                column: before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1,
            };
            prop_assert_eq!(idx.line_col(&text, off), naive, "offset {} in {:?}", off, text);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The HTML reader's source map (the same invariants as fuzz/fuzz_targets/html.rs).

/// Pieces of HTML, well-formed and not, to be strung together.
fn html_piece() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<div class=\"x\">",
        "</div>",
        "<br>",
        "<br/>",
        "<em>",
        "</em>",
        "<a href='a>b'>",
        "</a>",
        "<li>",
        "<pre>",
        "</pre>",
        "<title>",
        "</title>",
        "<head>",
        "</head>",
        "<body>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<svg>",
        "</svg>",
        "<template>",
        "</template>",
        "<!--",
        "-->",
        "<!-- factdiff-ignore stale-fact: why -->",
        "<!doctype html>",
        "<",
        ">",
        "&",
        "&amp;",
        "&amp",
        "&nbsp;",
        "&#8217;",
        "&#x201D;",
        "&#146;",
        "&#",
        "&#x;",
        "&#0;",
        "&#99999999999;",
        "&mdash;",
        "&acE;",
        "&fjlig;",
        "&bogus;",
        "&notit;",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "é",
        "€",
        "😀",
        "\u{a0}",
        "\u{feff}",
        "30",
        "$60",
        "billion",
        "NATO",
        "Kiev",
        "<meta name=date content=2023-11-29>",
        "<time datetime=\"2022-11-30\">",
        "+++\n",
    ];
    prop_oneof![prop::sample::select(PIECES).prop_map(str::to_string), "[a-z<>&#;/!= \\-]{1,6}", any::<String>()]
}

fn assert_source_map_sound(html: &str) -> Result<(), TestCaseError> {
    // Bad front matter is a warning, not a page.
    let Ok(a) = factdiff::corpus::Article::from_html("p.html", html.to_string()) else { return Ok(()) };
    let map = a.source_map.as_deref().unwrap();
    let (src, text) = (map.source(), &a.text);
    prop_assert_eq!(src, html);
    let (mut last_start, mut last_end) = (0, 0);
    for t in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
        let (s, e) = (map.to_source(t), map.to_source_end(t));
        prop_assert!(s <= src.len() && src.is_char_boundary(s), "start {} of readable offset {} in {:?}", s, t, html);
        prop_assert!(e <= src.len() && src.is_char_boundary(e), "end {} of readable offset {} in {:?}", e, t, html);
        prop_assert!(s >= last_start && e >= last_end && e >= last_start, "not monotonic at readable offset {} in {:?}", t, html);
        prop_assert!(e <= s, "a span ending at {} ends past where one starting there starts, in {:?}", t, html);
        if text[t..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            let b = src.as_bytes().get(s).copied().unwrap_or(0);
            prop_assert!(
                b.is_ascii_alphanumeric() || matches!(b, b'&' | b'#' | b';'),
                "offset {} maps to {:?} in {:?}",
                t,
                b as char,
                html
            );
        }
        (last_start, last_end) = (s, e);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any page: reading it does not panic, and readable offsets map into the HTML source, onto
    /// character boundaries, monotonically; letters and digits map to themselves or into a
    /// character reference.
    #[test]
    fn html_source_map_is_sound_on_any_page(pieces in prop::collection::vec(html_piece(), 0..40)) {
        assert_source_map_sound(&pieces.concat())?;
    }
}

#[test]
fn html_fuzz_seeds_keep_the_source_map_sound() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/html");
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert_source_map_sound(&String::from_utf8_lossy(&bytes)).unwrap();
    }
}

fn chrono_days(n: i64) -> chrono::TimeDelta {
    chrono::TimeDelta::days(n)
}

// ---------------------------------------------------------------------------------------------
// Findings do not depend on file order or thread count.

/// One small article: a date and a few claims that give stale facts, conflicts and variants.
fn article() -> impl Strategy<Value = String> {
    let date = prop::sample::select(&["2022-11-30", "2023-11-29", "2023-12-01", "2024-12-03"][..]);
    let claim = prop_oneof![
        (29u32..33).prop_map(|n| format!("NATO is an alliance of {n} member countries.")),
        (29u32..33).prop_map(|n| format!("Foreign ministers from all {n} NATO member states met in Brussels.")),
        prop::sample::select(&["$60bn", "$61bn", "$60-billion", "about $61bn", "$50bn"][..])
            .prop_map(|a| format!("Congress stalled a {a} package of proposed U.S. aid to Ukraine.")),
        prop::sample::select(&["Kyiv", "Kiev", "Zelensky", "Zelenskyy"][..]).prop_map(|w| format!("Support for {w} continued.")),
        Just(
            "Ukrainian President Volodymyr Zelenskyy has expressed his gratitude to German Chancellor Olaf Scholz for the support."
                .to_string()
        ),
        prop::sample::select(&["Biden", "Scholz", "he", "Zelensky"][..])
            .prop_map(|who| format!("“We will stand with Ukraine for as long as it takes and beyond,” {who} said.")),
        prop::sample::select(&["Ministry of Defence", "air defence", "air defense"][..]).prop_map(|w| format!("The {w} was discussed.")),
    ];
    (date, prop::collection::vec(claim, 1..5)).prop_map(|(d, cs)| format!("+++\ndate = {d}\n+++\n{}\n", cs.join("\n\n")))
}

fn corpus_case() -> impl Strategy<Value = (Vec<(String, String)>, Vec<usize>, Vec<usize>)> {
    prop::collection::vec(article(), 2..6).prop_flat_map(|arts| {
        let n = arts.len();
        let names = prop::collection::hash_set("[a-z][a-z0-9 _-]{0,8}", n..=n).prop_map(|s| s.into_iter().collect::<Vec<_>>());
        let order: Vec<usize> = (0..n).collect();
        (Just(arts), names, Just(order.clone()).prop_shuffle(), Just(order).prop_shuffle()).prop_map(|(arts, names, o1, o2)| {
            let files = names.into_iter().zip(arts).map(|(name, text)| (format!("{name}.md"), text)).collect();
            (files, o1, o2)
        })
    })
}

/// Write `files` into a fresh folder `dir/sub` in the given creation order.
fn write_in_order(dir: &Path, sub: &str, files: &[(String, String)], order: &[usize]) -> PathBuf {
    let d = dir.join(sub);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir(&d).unwrap();
    for &i in order {
        std::fs::write(d.join(&files[i].0), &files[i].1).unwrap();
    }
    d
}

fn findings_json(paths: &[PathBuf], threads: usize) -> String {
    let rules = factdiff::rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    let run = pool.install(|| factdiff::app::analyze(paths, &rules, &[])).unwrap();
    assert!(run.corpus.warnings.is_empty(), "{:?}", run.corpus.warnings);
    serde_json::to_string(&run.output.findings).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn findings_do_not_depend_on_file_order_or_threads((files, order1, order2) in corpus_case()) {
        // The same folder each time (paths and so fingerprints must match), its files created
        // in two different orders: walked with one thread, then walked with two and named one
        // by one in a shuffled order with two.
        let tmp = tempfile::tempdir().unwrap();
        let c = write_in_order(tmp.path(), "c", &files, &order1);
        let one = findings_json(std::slice::from_ref(&c), 1);
        let c = write_in_order(tmp.path(), "c", &files, &order2);
        let walked_two = findings_json(std::slice::from_ref(&c), 2);
        let listed: Vec<PathBuf> = order1.iter().map(|&i| c.join(&files[i].0)).collect();
        let listed_two = findings_json(&listed, 2);
        prop_assert_eq!(&one, &walked_two);
        prop_assert_eq!(&one, &listed_two);
    }
}

// ---------------------------------------------------------------------------------------------
// Every check survives any text: quotation marks, names, speech verbs and multi-byte letters in
// any order (the attribution and name heuristics slice around quotations).

fn any_article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(
            &[
                "“",
                "”",
                "\"",
                "‘",
                "’",
                "'",
                ":",
                ",",
                ".",
                "\n",
                "\n\n",
                " ",
                "é",
                "—",
                "…",
                "[",
                "]",
                "NATO",
                "said",
                "told",
                "Biden",
                "Defence",
                "defense",
                "Kiev",
                "32",
                "member states",
                "$61bn",
                "package",
                "Ukraine",
                "met",
                "in",
                "Brussels",
                "on",
                "Nov. 29"
            ][..]
        )
        .prop_map(str::to_string),
        "[a-zA-Zé ]{1,12}",
    ];
    prop::collection::vec(piece, 0..120).prop_map(|p| format!("+++\ndate = 2023-11-29\n+++\n{}", p.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_check_survives_any_text(a in any_article(), b in any_article()) {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.md"), &a).unwrap();
        std::fs::write(tmp.path().join("b.md"), &b).unwrap();
        let json = findings_json(&[tmp.path().to_path_buf()], 2);
        prop_assert!(json.starts_with('['));
    }
}

// Found by `quantities_round_trip_through_canonical_text`: "2 km one mile" was summed into one
// compound length (2 km + 1 mi = 3.6 km) like "7 feet 10 inches"; units of different systems
// are two quantities.
#[test]
fn regression_km_then_miles_is_not_a_compound_length() {
    use factdiff::quantity::{scan, ScanOptions, Value};
    for text in ["1-2 km one miles", "a 2 km one mile walk"] {
        let found = scan(text, &ScanOptions::default());
        for m in &found {
            if let Value::Quantity { amount, unit } = &m.value {
                if unit.symbol == "km" {
                    assert!(amount.high.map_or(amount.low.value, |h| h.value) <= 2.0, "{text}: {m:?}");
                }
            }
        }
    }
    let feet = scan("He is 7 feet 10 inches tall", &ScanOptions::default());
    assert!(
        feet.iter().any(|m| matches!(&m.value, Value::Quantity { unit, amount } if unit.symbol == "in" && amount.low.value == 94.0)),
        "{feet:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The sentence around a span, found by splitting only the lines around it, is the one the
// split of the whole text gives (claims, conversions, weekdays and spellings take their
// excerpt from it).

fn prose_with_breaks() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(
            &[".", ". ", "! ", "? ", "\n", "\n\n", " \n", "”", "\"", ")", "Mr.", "Nov.", "No. 5", "U.S.", "e.g.", "é", " ", "  ", "3.5"][..]
        )
        .prop_map(str::to_string),
        "[a-zA-Z]{1,8}",
        "[A-Z][a-z]{0,6}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|p| p.join(""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_sentence_around_a_span_is_the_one_of_the_whole_split(
        head in "[a-z ]{0,5}",
        body in prose_with_breaks(),
        spans in prop::collection::vec((0.0f64..1.0, 0usize..12), 1..8),
    ) {
        let text = format!("{head}{body}");
        let range = head.len()..text.len();
        let whole = factdiff::text::sentences(&text, range.clone());
        // One memo for all the spans (lines split once and looked up again), and the one-off
        // function for each.
        let mut memo = factdiff::text::SentenceMemo::new(&text, range.clone());
        for (at, len) in spans {
            let mut start = range.start + ((range.end - range.start) as f64 * at) as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(range.end);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let span = start..end.max(start);
            let want = whole.iter().find(|s| s.start <= span.start && span.end <= s.end).cloned().unwrap_or(span.clone());
            prop_assert_eq!(memo.around(span.clone()), want.clone(), "{:?} {:?}", text, span);
            prop_assert_eq!(factdiff::text::sentence_around(&text, range.clone(), span), want);
        }
    }
}
