//! The one output model. Checks produce [`Finding`]s; printers only format them.
//!
//! A finding has a check, a severity, the rule it comes from, a one-sentence message, a primary
//! piece of evidence and related evidence (the other articles of a disagreement), and a
//! fingerprint built from what the finding is about — check, rule, files and values, never line
//! numbers — so a baseline survives edits elsewhere in an article.

use crate::corpus::Article;
use crate::error::LineCol;
use crate::rules::Severity;
use chrono::NaiveDate;
use std::ops::Range;

/// One place in one article that a finding points at.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// Article path.
    pub path: String,
    /// Byte span in the article's text ([`Article::text`]: the file, or an HTML page's
    /// readable text).
    pub span: Range<usize>,
    /// Byte span in the file when it differs from `span` (HTML articles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_span: Option<Range<usize>>,
    /// Start line and column (1-based).
    pub start: LineCol,
    /// End line and column (1-based, exclusive column).
    pub end: LineCol,
    /// The sentence around the span, shortened.
    pub excerpt: String,
    /// The value stated there, for display.
    pub value: Option<String>,
    /// The article's date.
    pub date: Option<NaiveDate>,
    /// What this piece of evidence shows.
    pub note: Option<String>,
    /// Shown for context only (what other articles say beside a stale claim): the finding is
    /// not about this place, so `--changed-since` does not count it as involved.
    pub context: bool,
}

/// Most characters of an excerpt.
const EXCERPT_CHARS: usize = 110;

impl Evidence {
    /// Evidence for `span` in `article`, with the excerpt taken from `context` (a sentence).
    pub fn new(article: &Article, span: Range<usize>, context: Range<usize>) -> Evidence {
        let file = article.file_span(&span);
        Evidence {
            path: article.path.clone(),
            start: article.file_line_col(file.start),
            end: article.file_line_col(file.end),
            excerpt: excerpt(&article.text, &context, &span),
            file_span: (file != span).then_some(file),
            span,
            value: None,
            date: article.date,
            note: None,
            context: false,
        }
    }

    /// The byte span in the file (what `start` and `end` locate).
    pub fn in_file(&self) -> Range<usize> {
        self.file_span.clone().unwrap_or_else(|| self.span.clone())
    }

    /// With a displayed value.
    pub fn with_value(mut self, v: impl Into<String>) -> Self {
        self.value = Some(v.into());
        self
    }

    /// With a note.
    pub fn with_note(mut self, n: impl Into<String>) -> Self {
        self.note = Some(n.into());
        self
    }
}

/// The sentence around `span`, whitespace collapsed, cut to about [`EXCERPT_CHARS`] characters
/// centred on the span.
pub fn excerpt(text: &str, context: &Range<usize>, span: &Range<usize>) -> String {
    let spanned = text.get(span.clone()).unwrap_or("");
    let chars = spanned.chars().count();
    if chars > EXCERPT_CHARS {
        // A long span (a copied passage): its beginning and end, cut where those characters
        // start (without decoding the span, or its context, into characters first).
        let at = |n: usize| spanned.char_indices().nth(n).map_or(spanned.len(), |(i, _)| i);
        let (head, tail) = (&spanned[..at(EXCERPT_CHARS * 3 / 5)], &spanned[at(chars - EXCERPT_CHARS * 2 / 5)..]);
        return format!("{head} … {tail}").split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let ctx = context.start.min(span.start)..context.end.max(span.end).min(text.len());
    let before: Vec<char> = text.get(ctx.start..span.start).unwrap_or("").chars().collect();
    let inner: Vec<char> = spanned.chars().collect();
    let after: Vec<char> = text.get(span.end..ctx.end).unwrap_or("").chars().collect();
    let room = EXCERPT_CHARS.saturating_sub(inner.len()) / 2;
    let (b_cut, b) = if before.len() > room { (true, &before[before.len() - room..]) } else { (false, &before[..]) };
    let (a_cut, a) = if after.len() > room { (true, &after[..room]) } else { (false, &after[..]) };
    let mut s = String::new();
    if b_cut {
        s.push('…');
    }
    s.extend(b.iter());
    s.extend(inner.iter());
    s.extend(a.iter());
    if a_cut {
        s.push('…');
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A finding.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    /// The check that found it (`numeric-conflict`, ...).
    #[serde(deserialize_with = "check_id")]
    pub check: CheckId,
    /// How serious it is.
    pub severity: Severity,
    /// The fact or term rule id, when it comes from a rule.
    pub rule: Option<String>,
    /// One sentence: what is wrong and why.
    pub message: String,
    /// Where to look first.
    pub primary: Evidence,
    /// The other places involved.
    pub related: Vec<Evidence>,
    /// Stable identity for baselines (no line numbers).
    pub fingerprint: String,
    /// A word-level diff between the primary passage and the first related one, for checks
    /// that compare wording (`near-verbatim`).
    pub diff: Option<Vec<DiffSegment>>,
}

/// One segment of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DiffSegment {
    /// Equal, delete (only in the primary passage) or insert (only in the other).
    pub tag: crate::dupes::DiffTag,
    /// The words.
    pub text: String,
}

impl Finding {
    /// A finding whose fingerprint is made from `key` parts (plus check and rule).
    pub fn new(
        check: &'static str,
        severity: Severity,
        rule: Option<String>,
        message: String,
        primary: Evidence,
        related: Vec<Evidence>,
        key: &[String],
    ) -> Finding {
        let mut parts = vec![check.to_string(), rule.clone().unwrap_or_default()];
        parts.extend(key.iter().cloned());
        let fingerprint = format!("{:016x}", fnv1a(parts.join("\u{1f}").as_bytes()));
        Finding { check, severity, rule, message, primary, related, fingerprint, diff: None }
    }

    /// Every article path the finding involves (context evidence excluded).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.primary.path.as_str()).chain(self.related.iter().filter(|e| !e.context).map(|e| e.path.as_str()))
    }

    /// Sort key: most severe first, then file, position, check, rule, message.
    pub fn sort_key(&self) -> (std::cmp::Reverse<Severity>, &str, usize, &str, &str, &str) {
        (
            std::cmp::Reverse(self.severity),
            &self.primary.path,
            self.primary.span.start,
            self.check,
            self.rule.as_deref().unwrap_or(""),
            &self.message,
        )
    }
}

/// A check's id, one of the registry's strings. An alias because serde's derive borrows any field
/// spelled `&str` from its input (which would tie a read-back finding to the input's lifetime);
/// the ids are read back through [`check_id`] instead.
pub type CheckId = &'static str;

/// A check id read back (from a stored result): the registry's own `&'static str`, so an id
/// no check has (a result stored by another version) is an error, not a new check.
fn check_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let id = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    crate::checks::info(&id).map(|c| c.id).ok_or_else(|| serde::de::Error::custom(format!("unknown check `{id}`")))
}

/// 64-bit FNV-1a. Written here because fingerprints must never change between Rust releases or
/// crate versions (std's `DefaultHasher` may), and FNV is six lines.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_more(FNV_START, bytes)
}

/// The FNV-1a state before any byte.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes` continued from state `h`: `fnv1a_more(fnv1a(a), b) == fnv1a(a ++ b)`.
pub fn fnv1a_more(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// FNV-1a of the words of `text` (runs of alphanumeric characters), lower-cased and joined by
/// single spaces — what identifies a passage in a fingerprint whatever its punctuation and
/// layout — computed without building that string (an archive has tens of thousands of
/// passages).
pub fn words_fnv1a(text: &str) -> u64 {
    let mut h = FNV_START;
    let mut first = true;
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !first {
            h = fnv1a_more(h, b" ");
        }
        first = false;
        if w.is_ascii() {
            for b in w.bytes() {
                h = fnv1a_more(h, &[b.to_ascii_lowercase()]);
            }
        } else {
            // A word alone lower-cases as it does inside the joined text: the space around it
            // is neither cased nor case-ignorable, so even a final sigma reads the same.
            h = fnv1a_more(h, w.to_lowercase().as_bytes());
        }
    }
    h
}

/// Something a check could not do, said instead of guessing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Note {
    /// The check.
    #[serde(deserialize_with = "check_id")]
    pub check: CheckId,
    /// What it could not do and why.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fnv1a_is_the_hash_of_the_lowercased_words_joined() {
        for text in ["", "  ", "The Alliance's 32 members, “in Kyiv”!", "ΟΔΟΣ ΣΟΦΟΣ. Straße İstanbul", "a\n\nb—c 3.5"] {
            let joined: String = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            assert_eq!(words_fnv1a(text), fnv1a(joined.to_lowercase().as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn excerpt_centres_and_marks_cuts() {
        let text = format!("{}VALUE{}", "a ".repeat(100), " b".repeat(100));
        let start = text.find("VALUE").unwrap();
        let e = excerpt(&text, &(0..text.len()), &(start..start + 5));
        assert!(e.starts_with('…') && e.ends_with('…') && e.contains("VALUE"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 2);
    }

    /// A span longer than an excerpt shows its first three fifths and last two fifths of
    /// characters, multi-byte ones counted as one, whatever its context.
    #[test]
    fn a_long_span_shows_its_beginning_and_end() {
        let text = format!("before “{}” after", "Kyiv’s façade — ünïcode words ".repeat(8));
        let span = text.find('“').unwrap()..text.find('”').unwrap() + '”'.len_utf8();
        let chars: Vec<char> = text[span.clone()].chars().collect();
        let head: String = chars[..EXCERPT_CHARS * 3 / 5].iter().collect();
        let tail: String = chars[chars.len() - EXCERPT_CHARS * 2 / 5..].iter().collect();
        let want = format!("{head} … {tail}").split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(excerpt(&text, &(0..text.len()), &span), want);
        assert_eq!(excerpt(&text, &span, &span), want);
        assert!(want.starts_with('“') && want.ends_with('”') && want.contains(" … "), "{want}");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
