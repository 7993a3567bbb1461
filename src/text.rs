//! Sentence, clause and quotation spans of an article body, as byte ranges into the text.
//!
//! Deliberately rule-based: news prose is regular enough that a splitter aware of
//! abbreviations ("U.S.", "Nov.", "Mr.") and of line breaks (many feeds put each paragraph on
//! its own line, some use no breaks at all) gets sentences right, and no maintained crate does
//! byte-exact sentence spans with those abbreviations out of the box.

use std::ops::Range;

/// Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "st", "jr", "sr", "no", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "approx", "fig", "est",
];

/// Sentence spans in `text[range]`, returned as absolute byte ranges, trimmed of surrounding
/// whitespace. A blank line or a line break always ends a sentence.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let slice = &text[range.clone()];
    let base = range.start;
    let mut start = 0;
    let bytes = slice.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary_end = if b == b'\n' {
            Some(i)
        } else if matches!(b, b'.' | b'!' | b'?') && ends_sentence(slice, i) {
            // Keep closing quotes and brackets with the sentence they close.
            let mut j = i + 1;
            while let Some(c) = slice[j..].chars().next() {
                if matches!(c, '"' | '”' | '’' | '\'' | ')' | ']') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            Some(j)
        } else {
            None
        };
        if let Some(end) = boundary_end {
            push_trimmed(&mut out, slice, base, start, end);
            start = end;
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut out, slice, base, start, slice.len());
    out
}

/// The sentence of `text[range]` that holds all of `span`, or `span` itself when none does (it
/// crosses a sentence end): the one [`sentences`] gives, found by splitting only the line
/// around `span`, since a line break always ends a sentence (a finding's excerpt in a 6 KB
/// article: one line split, not the article). For many spans in one text, [`SentenceMemo`]
/// splits each line once.
pub fn sentence_around(text: &str, range: Range<usize>, span: Range<usize>) -> Range<usize> {
    SentenceMemo::new(text, range).around(span)
}

/// The sentences of the lines of one text that spans were looked up in, each line split once
/// (a 1 MB line holding 15 000 claims is split once, not once per claim).
pub struct SentenceMemo<'t> {
    text: &'t str,
    range: Range<usize>,
    /// Line start → (line end, its sentences).
    lines: std::collections::BTreeMap<usize, (usize, Vec<Range<usize>>)>,
}

impl<'t> SentenceMemo<'t> {
    /// For spans in `text[range]`.
    pub fn new(text: &'t str, range: Range<usize>) -> SentenceMemo<'t> {
        SentenceMemo { text, range, lines: Default::default() }
    }

    /// [`sentence_around`], with the lines split so far kept.
    pub fn around(&mut self, span: Range<usize>) -> Range<usize> {
        let (text, range) = (self.text, self.range.clone());
        let inside = range.start <= span.start && span.start <= span.end && span.end <= range.end;
        let sliceable = text.get(range.clone()).is_some() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end);
        if !inside || !sliceable {
            return span;
        }
        let known = self.lines.range(..=span.start).next_back().filter(|(_, (end, _))| span.end <= *end).map(|(start, _)| *start);
        let from = match known {
            Some(from) => from,
            None => {
                let from = text[range.start..span.start].rfind('\n').map_or(range.start, |i| range.start + i + 1);
                let to = text[span.end..range.end].find('\n').map_or(range.end, |i| span.end + i);
                self.lines.insert(from, (to, sentences(text, from..to)));
                from
            }
        };
        let found = self.lines.get(&from).and_then(|(_, ss)| {
            // Sentences in order: the last one starting at or before the span.
            let i = ss.partition_point(|s| s.start <= span.start);
            ss[..i].last().filter(|s| span.end <= s.end).cloned()
        });
        found.unwrap_or(span)
    }
}

fn push_trimmed(out: &mut Vec<Range<usize>>, slice: &str, base: usize, start: usize, end: usize) {
    let piece = &slice[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(base + start + lead..base + end - trail);
    }
}

/// Does the `.`/`!`/`?` at byte `i` end a sentence?
fn ends_sentence(s: &str, i: usize) -> bool {
    let after = &s[i + 1..];
    let next = after.trim_start_matches(['"', '”', '’', '\'', ')', ']']);
    // End of text, or whitespace then something that can start a sentence.
    let Some(first) = next.chars().next() else { return true };
    if !first.is_whitespace() {
        return false;
    }
    let following = next.trim_start().chars().next();
    if let Some(f) = following {
        if f.is_lowercase() {
            return false;
        }
    }
    if s.as_bytes()[i] != b'.' {
        return true;
    }
    // The word before the period: an abbreviation or an initial does not end the sentence.
    let before = &s[..i];
    let word: String =
        before.chars().rev().take_while(|c| c.is_alphanumeric() || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
    let bare = word.trim_matches('.');
    if bare.is_empty() {
        return true;
    }
    let lower = bare.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // "U.S." "U.N." and single initials "J. Smith".
    if word.contains('.') || (bare.chars().count() == 1 && bare.chars().all(char::is_uppercase)) {
        // "...in the U.S. The next" is ambiguous; an uppercase word after an acronym ending in a
        // period is usually a name ("U.S. Congress"), so keep going.
        return false;
    }
    true
}

/// The clause of a sentence containing byte `at`: the sentence cut at semicolons, dashes and
/// contrastive conjunctions ("while", "whereas", ", but"), which in news prose separate
/// statements about different subjects ("$61bn in U.S. aid is held up, while another $50bn
/// package from the European Union ...").
pub fn clause(text: &str, sentence: Range<usize>, at: usize) -> Range<usize> {
    const CUTS: &[&str] = &["; ", " while ", " whereas ", ", but ", " — ", " – ", " - "];
    let s = &text[sentence.clone()];
    let rel = at.saturating_sub(sentence.start).min(s.len());
    let mut start = 0;
    let mut end = s.len();
    for cut in CUTS {
        for (i, _) in s.match_indices(cut) {
            if i + cut.len() <= rel {
                start = start.max(i + cut.len());
            } else if i >= rel {
                end = end.min(i);
            }
        }
    }
    sentence.start + start..sentence.start + end.max(start)
}

/// Spans of quoted text (inside the quotation marks) in `text[range]`: curly double quotes,
/// straight double quotes, and curly single quotes used as quotation marks (not apostrophes).
pub fn quotations(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    // Only `"`, a line break and the curly marks (all starting with byte 0xE2 in UTF-8)
    // matter; memchr jumps between them instead of decoding every character. The neighbours
    // that decide whether `‘`/`’` are quotation marks are decoded only there. Same result as
    // the char-by-char scan (`quotations_reference`, compared in the tests).
    let mut out = Vec::new();
    let slice = &text[range.clone()];
    let b = slice.as_bytes();
    let mut open_curly: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    let prev_char = |i: usize| slice[..i].chars().next_back();
    let next_char = |i: usize| slice[i..].chars().next();
    for i in memchr::memchr3_iter(b'"', b'\n', 0xE2, b) {
        match b[i] {
            b'"' => match open_straight.take() {
                Some(s) => out.push(range.start + s..range.start + i),
                None => open_straight = Some(i + 1),
            },
            b'\n' => {
                if b.get(i + 1) == Some(&b'\n') {
                    // A paragraph break closes nothing in well-formed copy; drop an unbalanced
                    // opener so one stray mark does not swallow the rest of the article.
                    open_straight = None;
                    open_single = None;
                    open_curly = None;
                }
            }
            _ => match b.get(i + 1..i + 3) {
                Some([0x80, 0x9C]) => open_curly = Some(i + 3),
                Some([0x80, 0x9D]) => {
                    if let Some(s) = open_curly.take() {
                        out.push(range.start + s..range.start + i);
                    }
                }
                Some([0x80, 0x98]) if prev_char(i).is_none_or(|p| !p.is_alphanumeric()) => open_single = Some(i + 3),
                Some([0x80, 0x99]) if next_char(i + 3).is_none_or(|n| !n.is_alphanumeric()) => {
                    if let Some(s) = open_single.take() {
                        out.push(range.start + s..range.start + i);
                    }
                }
                _ => {}
            },
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Quoted regions of `text[range]` for what quoted text keeps (a term's spelling): the
/// [`quotations`], words in straight single quotes ('Kiev regime', British style: opened at a
/// word's start, closed at a word's end, so apostrophes never count), guillemets and low-high
/// marks («Kiev regime», „Kiew“) and Markdown blockquote lines ("> ..."). Sorted and merged, for
/// [`in_quotes`].
pub fn quoted_regions(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = quotations(text, range.clone());
    let slice = &text[range.clone()];
    let mut open: Option<usize> = None;
    let mut open_marks: Vec<usize> = Vec::new();
    let mut line_start = 0;
    for (i, c) in slice.char_indices() {
        match c {
            '\n' => {
                let line = &slice[line_start..i];
                if crate::dupes::normalize::blockquote_line(line) {
                    out.push(range.start + line_start..range.start + i);
                }
                line_start = i + 1;
                if slice[i + 1..].starts_with('\n') {
                    open = None;
                    open_marks.clear();
                }
            }
            // Guillemets and low-high marks (« », „ “): quotations in copy translated or set in
            // a European house style.
            '«' | '„' => open_marks.push(i + c.len_utf8()),
            '»' | '“' if !open_marks.is_empty() => {
                if let Some(s) = open_marks.pop() {
                    out.push(range.start + s..range.start + i);
                }
            }
            '\'' => {
                let prev = slice[..i].chars().next_back();
                let next = slice[i + 1..].chars().next();
                let word_before = prev.is_some_and(char::is_alphanumeric);
                let word_after = next.is_some_and(char::is_alphanumeric);
                if !word_before && word_after {
                    open = Some(i + 1);
                } else if word_before && !word_after {
                    if let Some(s) = open.take() {
                        out.push(range.start + s..range.start + i);
                    }
                }
            }
            _ => {}
        }
    }
    if crate::dupes::normalize::blockquote_line(&slice[line_start..]) {
        out.push(range.start + line_start..range.end);
    }
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Is byte range `span` inside any of the (sorted) `quotes`?
pub fn in_quotes(quotes: &[Range<usize>], span: &Range<usize>) -> bool {
    let i = quotes.partition_point(|q| q.start <= span.start);
    i > 0 && quotes[i - 1].end >= span.end
}

/// The char-by-char definition [`quotations`] must agree with (tests only).
#[cfg(test)]
pub(crate) fn quotations_reference(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let slice = &text[range.clone()];
    let mut open_curly: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        match c {
            '“' => open_curly = Some(i + c.len_utf8()),
            '”' => {
                if let Some(s) = open_curly.take() {
                    out.push(range.start + s..range.start + i);
                }
            }
            '"' => match open_straight.take() {
                Some(s) => out.push(range.start + s..range.start + i),
                None => open_straight = Some(i + 1),
            },
            '‘' if prev.is_none_or(|p| !p.is_alphanumeric()) => open_single = Some(i + c.len_utf8()),
            '’' if next.is_none_or(|n| !n.is_alphanumeric()) => {
                if let Some(s) = open_single.take() {
                    out.push(range.start + s..range.start + i);
                }
            }
            '\n' if next == Some('\n') => {
                // A paragraph break closes nothing in well-formed copy; drop an unbalanced
                // opener so one stray mark does not swallow the rest of the article.
                open_straight = None;
                open_single = None;
                open_curly = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    out.sort_by_key(|r| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn quotations_match_the_char_by_char_scan(t in "[a-z \"“”‘’'\n.é—]{0,60}") {
            proptest::prop_assert_eq!(quotations(&t, 0..t.len()), quotations_reference(&t, 0..t.len()));
        }
    }

    #[test]
    fn quoted_regions_take_single_quotes_and_blockquotes() {
        let t = "Peskov said the 'Kiev regime' must yield. The allies' plan stands.\n> Kiev tonight won the cup.\nKiev is quiet.";
        let q = quoted_regions(t, 0..t.len());
        let at = |w: &str, nth: usize| {
            let i = t.match_indices(w).nth(nth).unwrap().0;
            i..i + w.len()
        };
        assert!(in_quotes(&q, &at("Kiev", 0)), "{q:?}");
        assert!(in_quotes(&q, &at("Kiev", 1)), "{q:?}");
        assert!(!in_quotes(&q, &at("Kiev", 2)), "{q:?}");
        assert!(!in_quotes(&q, &at("plan", 0)), "an apostrophe opens nothing: {q:?}");
    }

    fn sents(t: &str) -> Vec<&str> {
        sentences(t, 0..t.len()).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents("The U.S. Congress met on Nov. 29 in Brussels. It agreed. Mr. Smith left."),
            vec!["The U.S. Congress met on Nov. 29 in Brussels.", "It agreed.", "Mr. Smith left."]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_quotes_stay() {
        assert_eq!(sents("“We will.” He said\nNext line"), vec!["“We will.”", "He said", "Next line"]);
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(sents("It grew 2.5 percent. Then fell."), vec!["It grew 2.5 percent.", "Then fell."]);
    }

    #[test]
    fn clause_cuts_at_while() {
        let t = "some $61bn in U.S. aid is held up, while another $50bn package from the EU is stuck.";
        let at = t.find("$50bn").unwrap();
        let c = clause(t, 0..t.len(), at);
        assert!(t[c.clone()].starts_with("another $50bn"), "{}", &t[c]);
        let c0 = clause(t, 0..t.len(), 6);
        assert!(t[c0.clone()].ends_with("held up,"), "{}", &t[c0]);
    }

    #[test]
    fn quotations_curly_straight_and_apostrophes() {
        let t = "He said “we stay” and \"they go\"; Ukraine’s ‘as long as it takes’ pledge.";
        let q: Vec<&str> = quotations(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, vec!["we stay", "they go", "as long as it takes"]);
    }
}
