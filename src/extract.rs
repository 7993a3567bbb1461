//! Claims: what each article says about each tracked fact.
//!
//! Takes an [`Article`] and the [`RuleSet`]; hands on [`Claim`]s, each with the value, its
//! exact span, the sentence it stands in, and its scope (subject, role, date). The quantity
//! grammar reads every mention once; each mention is replaced by a kind token in a masked copy
//! of the body, and the facts' patterns run over that copy (see `rules::pattern`).

use crate::corpus::Article;
use crate::quantity::{self, Mention, ScanOptions};
use crate::rules::{self, Fact, FactKind, Pattern, RuleSet, ScopeRule};
use crate::text;
use chrono::NaiveDate;
use std::ops::Range;

/// A claim's value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum ClaimValue {
    /// A value the quantity grammar read.
    Mention(Mention),
    /// A word or name (text facts), as written.
    Text(String),
}

/// One statement of a tracked fact in one article. The cache keeps an article's claims
/// without their article index (`cache::Entry::claims`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    /// Index of the fact in the rule set.
    pub fact: usize,
    /// Index of the article in the corpus.
    #[serde(skip)]
    pub article: usize,
    /// Byte span of the value (with its qualifier words) in the article text.
    pub span: Range<usize>,
    /// Byte span of the whole pattern match.
    pub matched: Range<usize>,
    /// Byte span of the sentence.
    pub sentence: Range<usize>,
    /// The value.
    pub value: ClaimValue,
    /// The subject label, when the fact distinguishes subjects.
    pub subject: Option<String>,
    /// The role label, when the fact distinguishes roles.
    pub role: Option<String>,
    /// The date the claim speaks for: the start of the period it names ("as of Friday", "in
    /// 2022"), else the article's date.
    pub date: Option<NaiveDate>,
    /// The period the claim itself names, `[from, until)`, when it names one.
    pub as_of: Option<Range<NaiveDate>>,
}

/// The body with every mention replaced by a kind token, and the way back to original offsets.
struct Masked {
    text: String,
    /// (masked start, masked end, original start, original end) of each token, in order.
    tokens: Vec<(usize, usize, usize, usize)>,
    /// Original offset of masked offset 0.
    base: usize,
}

impl Masked {
    fn new(body: &str, base: usize, mentions: &[Mention]) -> Masked {
        let mut text = String::with_capacity(body.len() + mentions.len() * 4);
        let mut tokens = Vec::with_capacity(mentions.len());
        let mut pos = 0;
        for (i, m) in mentions.iter().enumerate() {
            let (s, e) = (m.span.start - base, m.span.end - base);
            if s < pos || e > body.len() {
                continue;
            }
            text.push_str(&body[pos..s]);
            let start = text.len();
            text.push_str(&rules::token(m.kind(), i));
            tokens.push((start, text.len(), m.span.start, m.span.end));
            pos = e;
        }
        text.push_str(&body[pos..]);
        Masked { text, tokens, base }
    }

    /// Original offset of a masked offset.
    fn original(&self, offset: usize) -> usize {
        let i = self.tokens.partition_point(|t| t.0 <= offset);
        if i == 0 {
            return self.base + offset;
        }
        let (ms, me, os, oe) = self.tokens[i - 1];
        if offset < me {
            if offset == ms {
                os
            } else {
                oe
            }
        } else {
            oe + (offset - me)
        }
    }

    fn span(&self, r: Range<usize>) -> Range<usize> {
        self.original(r.start)..self.original(r.end)
    }
}

/// The mention index in a token's text.
fn token_index(token: &str) -> Option<usize> {
    token.trim_start_matches(rules::TOKEN_OPEN).trim_end_matches(rules::TOKEN_CLOSE).get(1..)?.parse().ok()
}

/// Every mention in an article's body, with spans into the article text.
pub fn mentions(article: &Article) -> Vec<Mention> {
    let opts = ScanOptions { article_date: article.date };
    let base = article.body.start;
    let mut found = quantity::scan(article.body_text(), &opts);
    for m in &mut found {
        shift(m, base);
    }
    found
}

fn shift(m: &mut Mention, by: usize) {
    m.span = m.span.start + by..m.span.end + by;
    if let Some(c) = &mut m.conversion {
        shift(c, by);
    }
}

/// All claims of all facts in one article, reading its mentions first.
pub fn claims(article_index: usize, article: &Article, rules: &RuleSet) -> Vec<Claim> {
    claims_from(article_index, article, rules, &mentions(article))
}

/// All claims of all facts in one article, given its mentions (from [`mentions`]).
pub fn claims_from(article_index: usize, article: &Article, rules: &RuleSet, mentions: &[Mention]) -> Vec<Claim> {
    if rules.facts.is_empty() || article.is_corrections_column() {
        return Vec::new();
    }
    // Most articles mention no fact's context: mask the body only for one that does.
    let masked_once = std::cell::OnceCell::new();
    let mut sentences = text::SentenceMemo::new(&article.text, article.body.clone());
    let mut out = Vec::new();
    for (fi, fact) in rules.facts.iter().enumerate() {
        // A fact with a context is read only in articles that mention it (title or text).
        if !fact.context.is_empty() && !fact.context.iter().any(|re| re.is_match(&article.text)) {
            continue;
        }
        let masked = masked_once.get_or_init(|| Masked::new(article.body_text(), article.body.start, mentions));
        // Paragraphs (of the masked text) where a pattern matched: `not-when` is searched there
        // only, so its cost follows the claims, not the article's length (a not-when match holds
        // the claim's value, and no pattern crosses a blank line).
        let mut windows: Vec<Range<usize>> = Vec::new();
        let mut found: Vec<(Range<usize>, Range<usize>, ClaimValue)> = Vec::new();
        // Subject and role named by the pattern itself: `(?P<subject>...)`, `(?P<role>...)`.
        let mut named: Vec<(Range<usize>, Option<String>, Option<String>)> = Vec::new();
        for p in &fact.patterns {
            for caps in p.regex.captures_iter(&masked.text) {
                let Some(whole) = caps.get(0) else { continue };
                if let Some((span, value)) = value_of(fact, p, &caps, masked, mentions, article) {
                    let label = |g: &str| {
                        caps.name(g)
                            .map(|m| article.text[masked.span(m.range())].split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
                    };
                    let (subject, role) = (label("subject"), label("role"));
                    if subject.is_some() || role.is_some() {
                        named.push((span.clone(), subject, role));
                    }
                    found.push((span, masked.span(whole.range()), value));
                    windows.push(paragraph(&masked.text, whole.range()));
                }
            }
        }
        if !fact.regexes.is_empty() {
            // The escape hatch matches the original text: search all of it.
            windows.push(0..masked.text.len());
        }
        // Overlapping windows are searched once, as their union: a paragraph with a claim in
        // every sentence (15k in a 1 MB single-line article) was searched 8 KB per claim.
        windows.sort_by_key(|w| (w.start, std::cmp::Reverse(w.end)));
        windows.dedup_by(|b, a| {
            let overlaps = b.start <= a.end;
            if overlaps {
                a.end = a.end.max(b.end);
            }
            overlaps
        });
        let voided: Vec<Range<usize>> = if found.is_empty() && fact.regexes.is_empty() {
            Vec::new()
        } else {
            windows
                .iter()
                .flat_map(|w| {
                    let hay = &masked.text[w.clone()];
                    fact.not_when
                        .iter()
                        .flat_map(move |p| p.regex.find_iter(hay).map(move |m| masked.span(w.start + m.start()..w.start + m.end())))
                })
                .collect()
        };
        for re in &fact.regexes {
            let body = article.body_text();
            for caps in re.captures_iter(body) {
                let (Some(whole), Some(v)) = (caps.get(0), caps.name("value")) else { continue };
                let base = article.body.start;
                let span = base + v.start()..base + v.end();
                let value = if fact.kind == FactKind::Text {
                    Some(ClaimValue::Text(v.as_str().to_string()))
                } else {
                    quantity::parse_one(v.as_str(), &ScanOptions { article_date: article.date })
                        .filter(|m| Some(m.kind()) == fact.value_kind())
                        .map(|mut m| {
                            shift(&mut m, span.start);
                            ClaimValue::Mention(m)
                        })
                };
                if let Some(value) = value {
                    found.push((span, base + whole.start()..base + whole.end(), value));
                }
            }
        }
        // One claim per value span, however many patterns matched it.
        found.sort_by_key(|f| (f.0.start, f.0.end));
        found.dedup_by(|a, b| a.0 == b.0);
        // Whether the article names the fact's rivals more than its context (once per fact).
        let rivals_named_most = std::cell::OnceCell::new();
        for (span, matched, value) in found {
            if voided.iter().any(|v| v.start <= span.start && span.end <= v.end) {
                continue;
            }
            if outside_values(fact, &value) {
                continue;
            }
            let sentence = sentences.around(span.clone());
            if about_a_rival(fact, article, &span, sentence.start, &rivals_named_most) {
                continue;
            }
            if refutes(&article.text[sentence.clone()]) || asks(&article.text[sentence.clone()], span.end.saturating_sub(sentence.start)) {
                continue;
            }
            let clause = text::clause(&article.text, sentence.clone(), span.start);
            if is_correction(&article.text[clause.clone()]) {
                continue;
            }
            let given = named.iter().find(|n| n.0 == span);
            let subject =
                given.and_then(|n| n.1.clone()).or_else(|| scope_label(&fact.subject, &article.text, &clause, &matched, &span, true));
            let role = given.and_then(|n| n.2.clone()).or_else(|| scope_label(&fact.role, &article.text, &clause, &matched, &span, false));
            let value = ahead_if_said_so(value, &article.text[clause.start..span.start.max(clause.start)], article.date);
            let as_of = named_period(&article.text, mentions, &clause, &span, fact.kind, article.date);
            // A figure that changes over time, stated of a past moment the sentence names without
            // a date, cannot be checked against any time.
            if as_of.is_none()
                && !fact.references.is_empty()
                && undated_past(&article.text[sentence.clone()], &article.text[clause.clone()])
            {
                continue;
            }
            let date = far_moment(fact.kind, &value, article.date).or(as_of.as_ref().map(|p| p.start)).or(article.date);
            out.push(Claim { fact: fi, article: article_index, span, matched, sentence, value, subject, role, date, as_of });
        }
    }
    out
}

fn value_of(
    fact: &Fact,
    p: &Pattern,
    caps: &regex::Captures<'_>,
    masked: &Masked,
    mentions: &[Mention],
    article: &Article,
) -> Option<(Range<usize>, ClaimValue)> {
    // A `value` group decides when it took part in the match; otherwise the placeholders do.
    if let Some(v) = caps.name("value").filter(|_| p.has_value_group) {
        let span = masked.span(v.range());
        if fact.kind == FactKind::Text {
            return Some((span.clone(), ClaimValue::Text(article.text[span].to_string())));
        }
        // A value group around a placeholder: the mention inside it.
        let idx = token_index(v.as_str().trim())?;
        let m = mentions.get(idx)?;
        return (Some(m.kind()) == fact.value_kind()).then(|| (m.span.clone(), ClaimValue::Mention(m.clone())));
    }
    let kind = fact.value_kind()?;
    // The first placeholder of the fact's kind that took part in the match (a pattern with
    // alternatives may hold several).
    let g = p.placeholders.iter().filter(|(_, k)| *k == kind).find_map(|(group, _)| caps.name(group))?;
    let m = mentions.get(token_index(g.as_str())?)?;
    Some((m.span.clone(), ClaimValue::Mention(m.clone())))
}

/// The paragraph of `text` (between blank lines) around `r`, at most [`REACH`] bytes either
/// side of it (a not-when pattern reaches a sentence, not a page).
fn paragraph(text: &str, r: Range<usize>) -> Range<usize> {
    let mut lo = r.start.saturating_sub(REACH);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (r.end + REACH).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    let start = text[lo..r.start].rfind("\n\n").map_or(lo, |i| lo + i + 2);
    let end = text[r.end..hi].find("\n\n").map_or(hi, |i| r.end + i);
    start..end
}

/// How far around a pattern match `not-when` is searched.
const REACH: usize = 4096;

/// Words by which a sentence reports a figure to refute it: "Posts claiming NATO has 50 members
/// are false", "the claim that the US sent $150 billion was wrong". A fact-check states the
/// wrong figure on purpose; the sentence is not the article's own claim.
static REFUTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:false|falsely|untrue|not true|fake|misleading|debunk\w*|hoax|disinformation|misinformation|baseless|fabricated|doctored|claiming|claims? that|(?:is|was|are|were) (?:also |simply )?wrong)\b",
    )
    .expect("static regex")
});

/// A date fact's value more than [`FAR_DAYS`] from the article's date names another moment ("the
/// Council's first meeting in Brussels, on Monday, October 16, 1967" in a story of 2024; "met in
/// Oslo on May 31 and June 1, 2023" in one of April 2024): the claim speaks for that date, so it
/// is compared only with claims about that time.
fn far_moment(kind: FactKind, value: &ClaimValue, written: Option<NaiveDate>) -> Option<NaiveDate> {
    let (FactKind::Date, ClaimValue::Mention(m), Some(written)) = (kind, value, written) else { return None };
    let quantity::Value::Date { date } = &m.value else { return None };
    date.resolved.filter(|d| (*d - written).num_days().abs() > FAR_DAYS)
}

/// A past moment named without a date: "When I joined the foreign service, NATO had 16
/// members", "By then NATO had 30 members" (the date is in another sentence, or nowhere),
/// "Before Finland joined, the alliance had 30 members" (an event).
static UNDATED_PAST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:when (?:I|he|she|we|they|you)|by then|by that time|until then|at the time|at that time|back then|in those days|in (?:his|her|my|their|our) (?:day|days|time)|(?:when|before|until|by the time) (?:[\w'’]+,? ){1,5}(?:joined|applied|acceded|signed|entered|arrived|took office|was elected|were elected))\b",
    )
    .expect("static regex")
});

/// Words that put a clause in the present whatever its other words: "When I joined, NATO had
/// 16 members; now it had grown to 32" (the second clause).
static PRESENT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:now|today|currently|at present|these days|this (?:week|month|year))\b").expect("static regex")
});

/// Whether a figure's clause speaks of a past moment its sentence names without a date (see
/// [`UNDATED_PAST`]): written in the past, with such a moment in the sentence and no word of
/// the present in the clause.
fn undated_past(sentence: &str, clause: &str) -> bool {
    // "at the time of the 2022 Madrid summit" names its moment with a year (the sentence's
    // dating reads it); "at the time of the Madrid summit" names one without a date, as
    // undated as "at the time".
    let named = |m: regex::Match<'_>| {
        let Some(rest) = sentence[m.end()..].trim_start().strip_prefix("of ") else { return false };
        let phrase = rest.split([',', ';', ':', '.']).next().unwrap_or("");
        phrase.split_whitespace().take(8).any(|w| {
            let digits = w.trim_matches(|c: char| !c.is_ascii_digit());
            digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit())
        })
    };
    in_the_past(clause) && UNDATED_PAST.find_iter(sentence).any(|m| !named(m)) && !PRESENT.is_match(clause)
}

/// A decade: "in the 1970s", "during the early 1990s", "the 16-nation alliance of the 1980s".
static DECADE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:in|during|through|throughout|by|of) the (?:(?:early|mid|late)[- ])?(1[89]\d|20\d)0s\b")
        .expect("static regex")
});

/// The decade named in `clause` nearest `value` and within [`DATING_REACH`] of it, as a period.
fn decade(text: &str, clause: &Range<usize>, value: &Range<usize>) -> Option<(usize, Range<NaiveDate>)> {
    let hay = &text[clause.clone()];
    DECADE
        .captures_iter(hay)
        .filter_map(|c| {
            let (whole, digits) = (c.get(0)?, c.get(1)?);
            let start = digits.as_str().parse::<i32>().ok()? * 10;
            let at = clause.start + whole.start()..clause.start + whole.end();
            let distance = if at.end <= value.start { value.start - at.end } else { at.start.saturating_sub(value.end) };
            let period = NaiveDate::from_ymd_opt(start, 1, 1)?..NaiveDate::from_ymd_opt(start + 10, 1, 1)?;
            (distance <= DATING_REACH).then_some((distance, period))
        })
        .min_by_key(|(d, _)| *d)
}

/// Words of a correction: "An earlier version of this article said the meeting took place in
/// Prague", "incorrectly described the bill as a $95bn package for Ukraine".
static CORRECTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:an? (?:earlier|previous|prior|original) (?:version|edition|draft|caption|headline|story|report|article)|(?:previously|originally|incorrectly|erroneously|mistakenly|wrongly) (?:said|stated|reported|described|gave|put|called|spelled|spelt|named|written|wrote|referred)|misspell\w*|misstated|misreported|misidentified|misquoted|(?:we|this article|our \w+) (?:said|reported|stated) in error|(?:a|our|the|an old|the original) (?:headline|caption|standfirst|subheading)\b[^.;]{0,40}? (?:called|described|said|gave|put|read)\b)\b",
    )
    .expect("static regex")
});

/// Whether a sentence (or clause) corrects an earlier text, repeating what it got wrong (see
/// [`CORRECTION`]): its figures are no claims.
pub(crate) fn is_correction(sentence: &str) -> bool {
    CORRECTION.is_match(sentence)
}

/// How far (in days) from its article's date a date fact's value names another moment: news
/// of an event is written within weeks of it, so a wrong day of the event is still compared
/// with the others.
const FAR_DAYS: i64 = 45;

/// Whether the text around a claim is about one of the fact's `rivals` rather than its
/// `context` ("Foreign ministers met in Skopje" in a story about the OSCE that names NATO once):
/// the nearer named before the claim in its sentence decides, then in its paragraph and the one
/// before; where neither names one, the body the article names most (its title counts twice).
fn about_a_rival(
    fact: &Fact,
    article: &Article,
    span: &Range<usize>,
    sentence_start: usize,
    named_most: &std::cell::OnceCell<bool>,
) -> bool {
    if fact.rivals.is_empty() {
        return false;
    }
    let text = &article.text;
    let last = |res: &[regex::Regex], hay: &str| res.iter().filter_map(|re| re.find_iter(hay).last().map(|m| m.end())).max();
    let body = article.body.clone();
    // At most REACH bytes back, so the cost per claim does not grow with the article.
    let mut floor = span.start.saturating_sub(REACH).max(body.start);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let sentence_start = sentence_start.max(floor);
    let para = text[floor..span.start].rfind("\n\n").map_or(floor, |i| floor + i);
    let prev_para = text[floor..para].rfind("\n\n").map_or(floor, |i| floor + i);
    for from in [sentence_start, prev_para] {
        let hay = &text[from..span.start];
        match (last(&fact.context, hay), last(&fact.rivals, hay)) {
            (Some(c), Some(r)) => return r > c,
            (None, Some(_)) => return true,
            (Some(_), None) => return false,
            (None, None) => {}
        }
    }
    *named_most.get_or_init(|| {
        let count = |res: &[regex::Regex]| {
            let title = article.title.as_deref().unwrap_or("");
            res.iter().map(|re| re.find_iter(&text[body.clone()]).count() + 2 * re.find_iter(title).count()).sum::<usize>()
        };
        count(&fact.rivals) > count(&fact.context)
    })
}

/// Whether a figure lies outside the fact's `values-within` (another body's members: "all 193
/// member states" of the UN in a story that names NATO).
fn outside_values(fact: &Fact, value: &ClaimValue) -> bool {
    let (Some((lo, hi)), ClaimValue::Mention(m)) = (fact.values_within, value) else { return false };
    crate::compare::of_mention(m, crate::rules::Tolerance::Exact)
        .as_ref()
        .and_then(crate::checks::size_of)
        .is_some_and(|v| v < lo || v > hi)
}

/// A fact-check's label for the claim it examines: "Claim: NATO has 33 members", "**The
/// claim:** ...", "Viral claim - ...".
static CLAIM_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^[\s*_#>-]*(?:the |viral |online |false |social media )?claims?\s*(?:\*\*|__)?\s*[:\u{2013}\u{2014}-]")
        .expect("static regex")
});

/// Whether a sentence states no figure of the article's own: it reports one to refute it (see
/// [`REFUTED`]) or sets out the claim a fact-check examines (see [`CLAIM_LABEL`]).
fn refutes(sentence: &str) -> bool {
    REFUTED.is_match(sentence) || CLAIM_LABEL.is_match(sentence)
}

/// Whether the figure ending at byte `end` of `sentence` is asked about, not stated: the
/// sentence is a question and no colon, semicolon or dash after the figure starts the question
/// on its own ("## A meeting in Kyiv?", "Did NATO really have 40 members?"; but "When the
/// ministers met in Mons, the question was: what happens next?" states where they met).
fn asks(sentence: &str, end: usize) -> bool {
    let question = sentence.trim_end().trim_end_matches(['*', '_', '"', '”', '’', '\'', ')']).ends_with('?');
    let rest = sentence.get(end.min(sentence.len())..).unwrap_or("");
    question && !rest.contains([':', ';', '—', '–'])
}

/// How far (in bytes) from a figure a date in its clause may be and still date it.
const DATING_REACH: usize = 80;

/// Words before a date that make it the moment a figure speaks for.
const AS_OF: &[&str] = &["as of", "as at", "as on", "on", "in", "by the end of", "at the end of", "until", "by"];

/// The period a claim names for itself: a date or year in its clause introduced by "as of",
/// "on", "in", ... ("5,000 dead as of Friday", "NATO had 30 members in 2022"). The nearest such
/// date to the value wins. Date facts have no period of their own (their value is the date).
fn named_period(
    text: &str,
    mentions: &[Mention],
    clause: &Range<usize>,
    value: &Range<usize>,
    kind: FactKind,
    written: Option<NaiveDate>,
) -> Option<Range<NaiveDate>> {
    use crate::quantity::Value;
    if kind == FactKind::Date {
        return None;
    }
    let mut best: Option<(usize, Range<NaiveDate>)> = None;
    // Mentions are sorted by start: only the clause's are looked at (a one-line article of
    // thousands of claims made this a scan of every mention per claim).
    let first = mentions.partition_point(|m| m.span.start < clause.start);
    for m in mentions[first..].iter().take_while(|m| m.span.start < clause.end).filter(|m| m.span.end <= clause.end && m.span != *value) {
        let before = text[clause.start..m.span.start].trim_end().to_lowercase();
        let Some(word) = AS_OF
            .iter()
            .find(|w| before.ends_with(*w) && before[..before.len() - w.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        else {
            continue;
        };
        // "since the war in February 2022" starts a running total; it does not date the figure,
        // nor does the date of an event it is measured from ("marking 75 years since the treaty
        // was signed on 4 April 1949").
        // "from" governs a date right after it ("from 4 April 1949"); further back it belongs
        // to another phrase ("when seven countries, from Estonia to Slovenia, joined in 2004").
        // "after" and "before" open a clause of their own event ("after Finland joined on 4
        // April 2023").
        let lead: Vec<&str> = before.split_whitespace().rev().take(8).collect();
        if lead.iter().any(|w| matches!(*w, "since" | "after" | "before" | "anniversary" | "marking" | "marks"))
            || lead.iter().take(3).any(|w| *w == "from")
        {
            continue;
        }
        // "Today the alliance counts 32 members, after ...": a word of the present just before
        // the figure says it speaks for the article's date.
        if present_before(text, clause, value) {
            continue;
        }
        // "in" dates a figure with a year ("in 2022", "in May 2023") or a month ("At the summit
        // in July, the alliance had 31 members"), not with a day alone, which in news prose
        // more often names an event than the moment a figure speaks for. A month without a year
        // is the last one up to the article's date: a figure is stated as it was, and a coming
        // month ("will meet in July") says nothing of what the figure is now.
        // Only in a clause written in the past ("had", "was"): "the 32-member alliance will
        // hold its summit in July" speaks of now.
        // "NATO, whose 31 members will meet in Washington in July, had urged Congress": a
        // month the clause puts ahead ("will", "next") is not the past.
        let month_alone = |d: &crate::quantity::DateValue| {
            d.year.is_none()
                && d.day.is_none()
                && d.month.is_some()
                && in_the_past(&text[clause.clone()])
                && !in_the_future(&text[clause.clone()])
        };
        let period = match &m.value {
            Value::Year { year } => NaiveDate::from_ymd_opt(*year, 1, 1).zip(NaiveDate::from_ymd_opt(year + 1, 1, 1)).map(|(a, b)| a..b),
            Value::Date { date } if *word == "in" && month_alone(date) => {
                date.month.zip(written).and_then(|(month, w)| last_month_by(month, w))
            }
            Value::Date { date } if *word == "in" && date.year.is_none() => None,
            Value::Date { date } => date.resolved.zip(date.end()).map(|(d, e)| d..e),
            _ => None,
        };
        let Some(period) = period else { continue };
        let distance = if m.span.end <= value.start { value.start - m.span.end } else { m.span.start.saturating_sub(value.end) };
        // A date far along a long clause dates something else in it ("the 31-member alliance's
        // governments still to approve the application, which Sweden submitted in May 2022").
        if distance > DATING_REACH {
            continue;
        }
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, period));
        }
    }
    for (distance, period) in decade(text, clause, value).into_iter().chain(ago(text, clause, value, written)) {
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, period));
        }
    }
    best.map(|(_, p)| p).or_else(|| heading_date(text, mentions, value))
}

/// Time counted back from the article's date: "a year ago", "two years ago", "a decade ago",
/// "last year".
static AGO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (year|decade)s? ago|(last|previous) year)\b",
    )
    .expect("static regex")
});

/// The period of a time counted back from `written` in `clause`, nearest `value` and within
/// [`DATING_REACH`] of it: "N years ago" is that year give or take six months (a round figure
/// of speech), "a decade ago" ten years give or take one, "last year" the calendar year before.
fn ago(text: &str, clause: &Range<usize>, value: &Range<usize>, written: Option<NaiveDate>) -> Option<(usize, Range<NaiveDate>)> {
    use chrono::{Datelike, Months};
    let written = written?;
    let hay = &text[clause.clone()];
    AGO.captures_iter(hay)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let period = if c.get(3).is_some() {
                NaiveDate::from_ymd_opt(written.year() - 1, 1, 1)?..NaiveDate::from_ymd_opt(written.year(), 1, 1)?
            } else {
                let n: u32 = match c.get(1)?.as_str().to_lowercase().as_str() {
                    "a" | "an" => 1,
                    w => w.parse().ok().or_else(|| crate::quantity::cardinal_word(w))?,
                };
                let decade = c.get(2)?.as_str().eq_ignore_ascii_case("decade");
                let (months, slack) = if decade { (n * 120, 12) } else { (n * 12, 6) };
                let at = written.checked_sub_months(Months::new(months))?;
                at.checked_sub_months(Months::new(slack))?..at.checked_add_months(Months::new(slack))?
            };
            let at = clause.start + whole.start()..clause.start + whole.end();
            let distance = if at.end <= value.start { value.start - at.end } else { at.start.saturating_sub(value.end) };
            (distance <= DATING_REACH).then_some((distance, period))
        })
        .min_by_key(|(d, _)| *d)
}

/// The date a line opens with as its heading, for a figure on that line: a timeline's
/// "**March 29, 2004** – Seven countries join. NATO had 26 members." (the date, set off by a dash
/// or a colon, may be bold).
fn heading_date(text: &str, mentions: &[Mention], value: &Range<usize>) -> Option<Range<NaiveDate>> {
    use crate::quantity::Value;
    // The line's start, looked for at most REACH bytes back (a heading further back is not
    // what opens the figure's line, and the search must not grow with a one-line article).
    let mut floor = value.start.saturating_sub(REACH);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let line_start = match text[floor..value.start].rfind('\n') {
        Some(i) => floor + i + 1,
        None if floor == 0 => 0,
        None => return None,
    };
    let markup = |c: char| "*_#>-+ \t".contains(c);
    // Mentions are in text order: the first one at or after the line's start.
    let first = mentions.partition_point(|m| m.span.start < line_start);
    let m = mentions[first..]
        .iter()
        .take_while(|m| m.span.start < value.start)
        .find(|m| m.span.end <= value.start && text[line_start..m.span.start].chars().all(markup))?;
    let after = text[m.span.end..].trim_start_matches(['*', '_', ' ', '\t']);
    if !after.starts_with(['–', '—', '-', ':']) {
        return None;
    }
    match &m.value {
        Value::Year { year } => NaiveDate::from_ymd_opt(*year, 1, 1).zip(NaiveDate::from_ymd_opt(year + 1, 1, 1)).map(|(a, b)| a..b),
        Value::Date { date } => date.resolved.zip(date.end()).map(|(d, e)| d..e),
        _ => None,
    }
}

/// Whether a clause speaks of the past in so many words: "had", "was", "were", or "last".
fn in_the_past(clause: &str) -> bool {
    clause.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "had" | "was" | "were" | "last"))
}

/// Words by which the words leading to a weekday put it ahead of the article's date: "The
/// meeting continues on Wednesday" in a story of Tuesday is tomorrow, "Ministers will meet in
/// Brussels on Wednesday" too; "The summit met on Wednesday to continue talks" is yesterday. Only
/// the six words before the weekday are read: the verb that governs it.
pub(crate) fn said_ahead(before: &str) -> bool {
    let (ahead, past) = tense_words(before);
    ahead && !past
}

/// Whether the words leading to a date put it before the article's date in so many words: "when
/// Finland joined on Tuesday, April 4", "the ministers met on ...". A verb of saying does not:
/// in "Stoltenberg said on Tuesday, April 4 would be a day to celebrate" the date is ahead.
pub(crate) fn said_past(before: &str) -> bool {
    let near = last_words(before);
    let event = |w: &str| {
        matches!(w, "joined" | "signed" | "became" | "took" | "arrived" | "visited" | "passed" | "approved" | "acceded" | "died" | "ago")
    };
    let past = near.iter().any(|w| PAST_WORDS.contains(&w.as_str()) || event(w));
    past && !near.iter().any(|w| AHEAD_WORDS.contains(&w.as_str()))
}

/// The six words before a weekday or date, lowercased: the verb that governs it.
fn last_words(before: &str) -> Vec<String> {
    let words: Vec<&str> = before.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words[words.len().saturating_sub(6)..].iter().map(|w| w.to_lowercase()).collect()
}

/// Words that put a weekday or date ahead of the article's date; "meet" and the like are the
/// present of a preview ("ministers meet in Bucharest on Tuesday").
const AHEAD_WORDS: &[&str] = &[
    "will",
    "next",
    "upcoming",
    "forthcoming",
    "continues",
    "resumes",
    "begins",
    "opens",
    "due",
    "scheduled",
    "expected",
    "meet",
    "meets",
    "gather",
    "gathers",
    "convene",
    "convenes",
];

/// Words that put a weekday or date before the article's date.
const PAST_WORDS: &[&str] =
    &["had", "was", "were", "last", "met", "gathered", "convened", "held", "ended", "agreed", "went", "began", "opened"];

/// Whether the six words before a weekday or date put it ahead of the article's date, and
/// whether they put it before (see [`said_ahead`]); here "said" puts it before ("the minister
/// said on Wednesday" is not ahead).
fn tense_words(before: &str) -> (bool, bool) {
    let near = last_words(before);
    let ahead = near.iter().any(|w| AHEAD_WORDS.contains(&w.as_str()));
    let past = near.iter().any(|w| w == "said" || PAST_WORDS.contains(&w.as_str()));
    (ahead, past)
}

/// A weekday alone ("on Wednesday") reads as the last such day up to the article's date; after
/// words that put it ahead ([`said_ahead`], given the clause's text up to the figure) it is the
/// next one from it.
fn ahead_if_said_so(value: ClaimValue, before: &str, written: Option<NaiveDate>) -> ClaimValue {
    use chrono::Datelike;
    let ClaimValue::Mention(mut m) = value else { return value };
    if let (quantity::Value::Date { date }, Some(written)) = (&mut m.value, written) {
        if let (Some(wd), None, true) = (date.weekday, date.month, date.relative) {
            if said_ahead(before) {
                let fwd = (7 + wd.num_days_from_monday() - written.weekday().num_days_from_monday()) % 7;
                date.resolved = written.checked_add_signed(chrono::Duration::days(i64::from(fwd)));
            }
        }
    }
    ClaimValue::Mention(m)
}

/// Whether the text before a subject's match ends with "to" or "for" (its recipient), allowing
/// an article between: "to allies", "for the allies".
fn recipient_before(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    let is_to = |w: &str| matches!(w.to_lowercase().as_str(), "to" | "for");
    match words.as_slice() {
        [w, ..] if is_to(w) => true,
        [a, w] => matches!(a.to_lowercase().as_str(), "the" | "its" | "their" | "other") && is_to(w),
        _ => false,
    }
}

/// Whether a word of the present ("now", "today", "currently") stands within 40 bytes before
/// `value` in its clause.
fn present_before(text: &str, clause: &Range<usize>, value: &Range<usize>) -> bool {
    let mut from = value.start.saturating_sub(40).max(clause.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    PRESENT.is_match(&text[from..value.start])
}

/// Whether a clause speaks of what is to come: "will", "next", "upcoming".
fn in_the_future(clause: &str) -> bool {
    clause.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "will" | "next" | "upcoming" | "forthcoming"))
}

/// The month `month` (1-12) that ends the latest on or before `written`'s month: July in an
/// article of April 2024 is July 2023, in one of July 2024 the current month.
fn last_month_by(month: u32, written: NaiveDate) -> Option<Range<NaiveDate>> {
    use chrono::Datelike;
    let year = if month <= written.month() { written.year() } else { written.year() - 1 };
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    let end = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(year, month + 1, 1)? };
    Some(start..end)
}

/// The label of the scope regex matching nearest the claim: inside the pattern match first,
/// then in the claim's clause by distance; else the rule's default. Where matches of two labels
/// overlap, the longer one is the phrase the text says ("in Turkey and Syria" is not "in
/// Turkey"), so the shorter is set aside.
///
/// A subject is who the figure is about, so with `subject` a match right after "to" or "for" is
/// the figure's recipient and set aside: "the $66 billion for Ukraine ... that also sends money
/// to allies in the Indo-Pacific" is not the allies' figure.
fn scope_label(
    rule: &ScopeRule,
    text: &str,
    clause: &Range<usize>,
    matched: &Range<usize>,
    value: &Range<usize>,
    subject: bool,
) -> Option<String> {
    if rule.labels.is_empty() {
        return rule.default.clone();
    }
    let region = clause.start.min(matched.start)..clause.end.max(matched.end);
    let hay = &text[region.clone()];
    let mut found: Vec<(Range<usize>, &str)> = Vec::new();
    for (label, re) in &rule.labels {
        for m in re.find_iter(hay) {
            let (s, e) = (region.start + m.start(), region.start + m.end());
            if s < value.end && value.start < e {
                continue; // the value itself ("US$") is not its subject
            }
            if subject && recipient_before(&text[region.start..s]) {
                continue;
            }
            found.push((s..e, label.as_str()));
        }
    }
    let covered = |r: &Range<usize>| found.iter().any(|(o, _)| o.start < r.end && r.start < o.end && o.len() > r.len());
    let mut best: Option<(usize, &str)> = None;
    for (r, label) in found.iter().filter(|(r, _)| !covered(r)) {
        let inside = matched.start <= r.start && r.end <= matched.end;
        let distance = if r.end <= value.start { value.start - r.end } else { r.start.saturating_sub(value.end) };
        let key = if inside { distance } else { distance + text.len() };
        if best.is_none_or(|(d, _)| key < d) {
            best = Some((key, label));
        }
    }
    best.map(|(_, l)| l.to_string()).or_else(|| rule.default.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn article(body: &str, date: &str) -> Article {
        Article::from_text("t.md", format!("+++\ndate = {date}\n+++\n{body}")).unwrap()
    }

    fn rules(src: &str) -> RuleSet {
        rules::load_str(Path::new("r.toml"), src).unwrap()
    }

    #[test]
    fn placeholder_claims_with_exact_spans() {
        let r = rules("[[fact]]\nid='n'\ntitle='t'\nkind='count'\npatterns=['{count} member countries']\n");
        let a = article("An alliance comprising 30 member countries, mostly.", "2023-11-29");
        let c = claims(0, &a, &r);
        assert_eq!(c.len(), 1);
        assert_eq!(&a.text[c[0].span.clone()], "30");
        assert_eq!(&a.text[c[0].matched.clone()], "30 member countries");
    }

    #[test]
    fn not_when_voids_the_claim() {
        let r = rules("[[fact]]\nid='n'\ntitle='t'\nkind='count'\npatterns=['{count} (?:allies|nations)']\nnot-when=['other {count}']\n");
        let a = article("The United States and 50 other nations. NATO has 32 allies.", "2024-12-03");
        let c = claims(0, &a, &r);
        assert_eq!(c.iter().map(|c| &a.text[c.span.clone()]).collect::<Vec<_>>(), vec!["32"]);
    }

    #[test]
    fn not_when_is_searched_in_each_claims_paragraph() {
        let r = rules("[[fact]]\nid='n'\ntitle='t'\nkind='count'\npatterns=['{count} (?:allies|nations)']\nnot-when=['other {count}']\n");
        let filler = "Talks went on. ".repeat(400);
        let body = format!("NATO has 32 allies.\n\n{filler}\n\nThe United States and 50 other nations.\n\n{filler}The 31 allies met.");
        let a = article(&body, "2024-12-03");
        let c = claims(0, &a, &r);
        assert_eq!(c.iter().map(|c| &a.text[c.span.clone()]).collect::<Vec<_>>(), vec!["32", "31"]);
    }

    #[test]
    fn subject_is_the_nearest_in_the_clause() {
        let r = rules(
            "[[fact]]\nid='p'\ntitle='t'\nkind='money'\npatterns=['{money}[- ]package', '{money} in proposed']\n[fact.subject]\nus='U\\.S\\.|Congress'\neu='European Union'\n",
        );
        let a = article("But some $61bn in proposed U.S. aid is held up by the U.S. Congress, while another $50bn package from the European Union is stuck.", "2023-11-29");
        let c = claims(0, &a, &r);
        let got: Vec<(&str, Option<&str>)> = c.iter().map(|c| (&a.text[c.span.clone()], c.subject.as_deref())).collect();
        assert_eq!(got, vec![("some $61bn", Some("us")), ("$50bn", Some("eu"))]);
    }

    #[test]
    fn the_longer_of_overlapping_subjects_wins() {
        let r = rules(
            "[[fact]]\nid='d'\ntitle='t'\nkind='count'\npatterns=['{count} people were killed']\n[fact.subject]\nturkey='(?i)in Turkey'\nall='Turkey and Syria'\n",
        );
        let a = article("At least 1,500 people were killed in Turkey and Syria. In Turkey alone, 912 people were killed.", "2023-02-06");
        let c = claims(0, &a, &r);
        let got: Vec<(&str, Option<&str>)> = c.iter().map(|c| (&a.text[c.span.clone()], c.subject.as_deref())).collect();
        assert_eq!(got, vec![("At least 1,500", Some("all")), ("912", Some("turkey"))]);
    }

    #[test]
    fn a_fact_with_a_context_is_read_only_where_the_article_mentions_it() {
        let r = rules("[[fact]]\nid='n'\ntitle='t'\nkind='count'\npatterns=['alliance of {count}']\ncontext=['NATO']\n");
        let coalition = article("An alliance of 12 parties will govern.", "2023-11-29");
        assert!(claims(0, &coalition, &r).is_empty());
        let nato = article("NATO is an alliance of 31 countries.", "2023-11-29");
        assert_eq!(claims(0, &nato, &r).len(), 1);
        let titled =
            Article::from_text("t.md", "+++\ntitle = \"NATO at 75\"\ndate = 2024-04-04\n+++\nThe alliance of 32 meets.".to_string())
                .unwrap();
        assert_eq!(claims(0, &titled, &r).len(), 1, "the title counts as context");
    }

    #[test]
    fn text_fact_with_value_group() {
        let r = rules("[[fact]]\nid='m'\ntitle='t'\nkind='text'\npatterns=['ministers (?:met )?in (?P<value>Brussels|Bucharest)']\n");
        let a = article("NATO foreign ministers met in Bucharest on Tuesday.", "2022-11-30");
        let c = claims(0, &a, &r);
        assert_eq!(c[0].value, ClaimValue::Text("Bucharest".into()));
    }
}
