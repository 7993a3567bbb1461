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
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum ClaimValue {
    /// A value the quantity grammar read.
    Mention(Mention),
    /// A word or name (text facts), as written.
    Text(String),
}

/// One statement of a tracked fact in one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Index of the fact in the rule set.
    pub fact: usize,
    /// Index of the article in the corpus.
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
    /// The date the claim speaks for: the article's date.
    pub date: Option<NaiveDate>,
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

/// All claims of all facts in one article.
pub fn claims(article_index: usize, article: &Article, rules: &RuleSet) -> Vec<Claim> {
    if rules.facts.is_empty() {
        return Vec::new();
    }
    let mentions = mentions(article);
    let masked = Masked::new(article.body_text(), article.body.start, &mentions);
    let sentences = text::sentences(&article.text, article.body.clone());
    let mut out = Vec::new();
    for (fi, fact) in rules.facts.iter().enumerate() {
        let voided: Vec<Range<usize>> =
            fact.not_when.iter().flat_map(|p| p.regex.find_iter(&masked.text).map(|m| masked.span(m.range()))).collect();
        let mut found: Vec<(Range<usize>, Range<usize>, ClaimValue)> = Vec::new();
        for p in &fact.patterns {
            for caps in p.regex.captures_iter(&masked.text) {
                let Some(whole) = caps.get(0) else { continue };
                if let Some((span, value)) = value_of(fact, p, &caps, &masked, &mentions, article) {
                    found.push((span, masked.span(whole.range()), value));
                }
            }
        }
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
        for (span, matched, value) in found {
            if voided.iter().any(|v| v.start <= span.start && span.end <= v.end) {
                continue;
            }
            let sentence = sentences.iter().find(|s| s.start <= span.start && span.end <= s.end).cloned().unwrap_or_else(|| span.clone());
            let clause = text::clause(&article.text, sentence.clone(), span.start);
            let subject = scope_label(&fact.subject, &article.text, &clause, &matched, &span);
            let role = scope_label(&fact.role, &article.text, &clause, &matched, &span);
            out.push(Claim { fact: fi, article: article_index, span, matched, sentence, value, subject, role, date: article.date });
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
    if p.has_value_group {
        let v = caps.name("value")?;
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
    let (group, _) = p.placeholders.iter().find(|(_, k)| *k == kind)?;
    let g = caps.name(group)?;
    let m = mentions.get(token_index(g.as_str())?)?;
    Some((m.span.clone(), ClaimValue::Mention(m.clone())))
}

/// The label of the scope regex matching nearest the claim: inside the pattern match first,
/// then in the claim's clause by distance; else the rule's default.
fn scope_label(rule: &ScopeRule, text: &str, clause: &Range<usize>, matched: &Range<usize>, value: &Range<usize>) -> Option<String> {
    if rule.labels.is_empty() {
        return rule.default.clone();
    }
    let mut best: Option<(usize, &str)> = None;
    let region = clause.start.min(matched.start)..clause.end.max(matched.end);
    let hay = &text[region.clone()];
    for (label, re) in &rule.labels {
        for m in re.find_iter(hay) {
            let (s, e) = (region.start + m.start(), region.start + m.end());
            if s < value.end && value.start < e {
                continue; // the value itself ("US$") is not its subject
            }
            let inside = matched.start <= s && e <= matched.end;
            let distance = if e <= value.start { value.start - e } else { s.saturating_sub(value.end) };
            let key = if inside { distance } else { distance + text.len() };
            if best.is_none_or(|(d, _)| key < d) {
                best = Some((key, label));
            }
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
    fn text_fact_with_value_group() {
        let r = rules("[[fact]]\nid='m'\ntitle='t'\nkind='text'\npatterns=['ministers (?:met )?in (?P<value>Brussels|Bucharest)']\n");
        let a = article("NATO foreign ministers met in Bucharest on Tuesday.", "2022-11-30");
        let c = claims(0, &a, &r);
        assert_eq!(c[0].value, ClaimValue::Text("Bucharest".into()));
    }
}
