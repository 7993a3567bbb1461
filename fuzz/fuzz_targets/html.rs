//! The HTML reader: arbitrary bytes (as UTF-8, invalid sequences replaced, as a file that
//! passed the byte decoder would be) through `Article::from_html`. It never panics, and its
//! source map keeps its promises at every character boundary of the readable text: offsets map
//! into the HTML source, onto character boundaries, monotonically; a span's end never maps past
//! the start of the next; a letter or digit maps to itself or into a character reference. The
//! same properties run as a proptest in tests/props.rs.
#![no_main]

use factdiff::corpus::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data).into_owned();
    let Ok(a) = Article::from_html("fuzz.html", html) else { return };
    let map = a.source_map.as_deref().expect("an HTML article has a source map");
    let src = map.source();
    let text = &a.text;
    assert_eq!(a.body, 0..text.len());
    let (mut last_start, mut last_end) = (0, 0);
    for t in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
        let (s, e) = (map.to_source(t), map.to_source_end(t));
        assert!(s <= src.len() && src.is_char_boundary(s), "start {s} of readable offset {t}");
        assert!(e <= src.len() && src.is_char_boundary(e), "end {e} of readable offset {t}");
        assert!(s >= last_start && e >= last_end && e >= last_start, "not monotonic at readable offset {t}");
        assert!(e <= s, "a span ending at {t} ends past where one starting there starts");
        if text[t..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            let b = src.as_bytes().get(s).copied().unwrap_or(0);
            assert!(b.is_ascii_alphanumeric() || matches!(b, b'&' | b'#' | b';'), "readable offset {t} maps to {:?}", b as char);
        }
        (last_start, last_end) = (s, e);
    }
    for t in [0, text.len() / 2, text.len()] {
        let lc = a.line_col(t);
        assert!(lc.line >= 1 && lc.column >= 1);
    }
    let _ = factdiff::extract::mentions(&a);
});
