//! `spelling-variant`: a term is spelled inconsistently across the corpus.
//!
//! **What it finds.** For a `[[term]]` rule with a `preferred` form and `variants`, every use of
//! a variant ("Kiev" where the house style is "Kyiv"). For a rule with `either` (no preferred
//! form), the forms the corpus uses less often than its majority form ("defense" in a corpus
//! that mostly writes "defence").
//!
//! **Why.** Consistent names are house style, and for place names like Kyiv the choice is
//! itself editorial.
//!
//! **Example.** "Kiev" in one article, "Kyiv" in two others → one info finding on the first
//! "Kiev", listing every variant use and where the preferred form appears.
//!
//! **What it does not flag.** The preferred or majority form; with `ignore-in-quotes`, uses
//! inside quotation marks, straight single quotes, guillemets or a Markdown blockquote (a quoted
//! statement or a reprinted report keeps its own spelling); a web or e-mail address
//! ("defense.gov"); the word spoken of as a word ("write Zelensky", "prefer Zelensky"); a lower-case term
//! capitalized inside a sentence, which is part of a name ("Ministry of Defence", "Department
//! of Defense" keep their official spelling); a use inside a name the term's `not-in` lists
//! ("chicken Kiev"); an `either` term the
//! corpus spells one way only. Matching is whole-word, so "Zelensky" does not match inside
//! "Zelenskyy".

use super::{Context, Output};
use crate::corpus::Article;
use crate::finding::{Evidence, Finding};
use crate::rules::RuleSet;
use crate::text;
use rayon::prelude::*;

/// The check's id.
pub(crate) const ID: &str = "spelling-variant";

/// Most uses listed in one finding; the message gives the full counts.
const MAX_EVIDENCE: usize = 20;

/// A use of a lower-case form written with a capital inside a sentence is part of a name
/// ("Ministry of Defence"); at the start of a sentence or a line it is the plain word.
fn in_a_name(text: &str, span: &std::ops::Range<usize>, form: &str) -> bool {
    let starts_lower = form.chars().next().is_some_and(char::is_lowercase);
    let written_upper = text[span.clone()].chars().next().is_some_and(char::is_uppercase);
    if !starts_lower || !written_upper {
        return false;
    }
    let before = text[..span.start].trim_end_matches(|c: char| c == ' ' || c == '\t' || "\"'“‘([*_#>-".contains(c));
    match before.chars().last() {
        None | Some('!' | '?' | ':' | '\n' | '\r' | '…') => followed_by_a_name(&text[span.end..]),
        Some('.') => after_abbreviation(before) || followed_by_a_name(&text[span.end..]),
        Some(_) => true,
    }
}

/// Whether the next word is capitalized: at the start of a sentence "Defence Secretary Grant
/// Shapps" and "Defense Ministry" are names, "Defence spending rose" is the plain word.
fn followed_by_a_name(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else { return false };
    rest.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the full stop that ends `before` closes an abbreviation rather than a sentence:
/// initials ("U.S. Defense Secretary", "U.K. Ministry of Defence") or a title ("Gen.", "Sen.").
fn after_abbreviation(before: &str) -> bool {
    const TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Maj", "Sgt", "Adm", "Capt", "Prof", "St"];
    let word = before.trim_end_matches('.').rsplit(|c: char| c.is_whitespace() || "(\"“'‘".contains(c)).next().unwrap_or("");
    let initials = !word.is_empty() && word.split('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    initials && word.contains('.') || TITLES.contains(&word)
}

/// One use of a term's form in an article, as the check counts it (uses inside quotations of a
/// term that ignores them, and uses that are part of a name, are left out). Per article and
/// independent of the rest of the corpus, so the cache keeps them with the article's other
/// per-article work and a re-check does not search unchanged articles again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TermUse {
    /// Index of the term in the rules.
    pub term: u32,
    /// Index of the form in the term's forms.
    pub form: u32,
    /// Byte span in the article text.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
}

/// Every use of every term's forms in `a`: by term, then form, then position.
pub fn uses(a: &Article, rules: &RuleSet) -> Vec<TermUse> {
    // The article's quotation spans, computed only if a term that ignores quotations matched.
    let quotes = std::sync::OnceLock::new();
    let mut found = Vec::new();
    if a.is_corrections_column() {
        return found;
    }
    // factdiff's own comments name rules ("<!-- factdiff-ignore kyiv-spelling: ... -->"), not
    // places: no use is read inside them.
    let own: Vec<std::ops::Range<usize>> = own_comments(a.body_text());
    for (ti, term) in rules.terms.iter().enumerate() {
        for (fi, re) in term.regexes.iter().enumerate() {
            for m in re.find_iter(a.body_text()) {
                if own.iter().any(|c| c.start <= m.start() && m.end() <= c.end) {
                    continue;
                }
                let span = a.body.start + m.start()..a.body.start + m.end();
                if term.ignore_in_quotes && text::in_quotes(quotes.get_or_init(|| text::quoted_regions(&a.text, a.body.clone())), &span) {
                    continue;
                }
                if in_a_name(&a.text, &span, &term.forms[fi]) {
                    continue;
                }
                if inside_a_kept_name(a.body_text(), &term.not_in, m.start()..m.end()) {
                    continue;
                }
                if about_the_word(a.body_text(), m.start()..m.end(), &term.regexes) || in_a_correction(a, &span) {
                    continue;
                }
                if in_an_address(a.body_text(), m.start()..m.end()) {
                    continue;
                }
                found.push(TermUse { term: ti as u32, form: fi as u32, start: span.start, end: span.end });
            }
        }
    }
    found
}

/// The byte ranges of factdiff's own comments in `body` (`<!-- factdiff-... -->`).
fn own_comments(body: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = body[at..].find("<!--").map(|i| at + i) {
        let Some(close) = body[open + 4..].find("-->").map(|i| open + 4 + i + 3) else { break };
        if body[open + 4..close - 3].trim_start().starts_with("factdiff-") {
            out.push(open..close);
        }
        at = close;
    }
    out
}

/// Words before a form that make it the word itself, not a use: "write Zelensky", "the word
/// Kiev", "knew the club as Dynamo Kiev", "spelled as Kiev".
static WORD_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r#"(?i)\b(?:write|writes|wrote|written|writing|spell|spells|spelled|spelt|spelling|transliterat\w+|prefers?|preferred|preferring|favou?rs?|favou?red|(?:switched|switch|switches|changed|moved) to|(?:the|a|this|that) (?:word|name|form|spelling|term|transliteration|version)|(?:known|knew|know|called|named|referred to|spelled|spelt|spelling|written|wrote|rendered|transliterated)(?: [\w'’-]+){0,6} as)\s*["“‘']?(?:[A-Z]\w+ )?$"#,
    )
    .expect("static regex")
});

/// Words after a form that make it the word itself: "Kiev comes from the Russian form", "Kiev
/// is the Russian spelling".
static WORD_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"^["”’']?,? (?:comes from|derives from|is (?:the|a) (?:\w+ )?(?:spelling|transliteration|form|name)|was (?:the|a) (?:\w+ )?(?:spelling|transliteration|form|name))\b"#)
        .expect("static regex")
});

/// Whether the use at `span` of `body` is the word spoken of as a word (built in for every term,
/// beside its `not-in`): after "write", "spell", "the word", "known as"; before "comes from",
/// "is the Russian spelling"; or paired with another form of the same term ("defence or
/// defense", "Kyiv, not Kiev", "Kiev, Kyiv and the rest").
fn about_the_word(body: &str, span: std::ops::Range<usize>, forms: &[regex::Regex]) -> bool {
    let floor = |mut i: usize| {
        while !body.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let before = &body[floor(span.start.saturating_sub(60))..span.start];
    let after = &body[span.end..floor((span.end + 60).min(body.len()))];
    if WORD_BEFORE.is_match(before) || WORD_AFTER.is_match(after) {
        return true;
    }
    // "defence or defense": another form of the term joined to this one by or/and/not/versus.
    // (Commas are dropped first, so "Kiev, Kyiv and the rest" joins by a space.)
    const JOINS: &[&str] = &[" or ", " and ", " not ", " vs ", " vs. ", " versus ", " rather than ", " instead of ", "/", " to ", " "];
    let clean = |s: &str| s.chars().filter(|c| !"\"“”‘’',".contains(*c)).collect::<String>();
    let (next, prev) = (clean(after), clean(before));
    let starts_with_form = |t: &str| forms.iter().any(|re| re.find(t).is_some_and(|m| m.start() == 0));
    let ends_with_form = |t: &str| forms.iter().any(|re| re.find_iter(t).last().is_some_and(|m| m.end() == t.len()));
    JOINS.iter().any(|j| next.strip_prefix(j).is_some_and(starts_with_form) || prev.strip_suffix(j).is_some_and(ends_with_form))
}

/// Whether the form at `span` of `body` is part of a web or e-mail address ("defense.gov",
/// "www.kyivindependent.com", "press@defence.gov.uk"): an address is spelt as registered.
fn in_an_address(body: &str, span: std::ops::Range<usize>) -> bool {
    let before = body[..span.start].chars().next_back();
    let mut after = body[span.end..].chars();
    let dot_then_word = after.next() == Some('.') && after.next().is_some_and(|c| c.is_ascii_alphanumeric());
    before.is_some_and(|c| "./@".contains(c)) || dot_then_word
}

/// Whether the use at `span` sits in a sentence that corrects an earlier text ("An earlier
/// version of this article misspelled the name as Zelensky"): the wrong form is quoted on
/// purpose.
fn in_a_correction(a: &Article, span: &std::ops::Range<usize>) -> bool {
    let sentence = text::sentence_around(&a.text, a.body.clone(), span.clone());
    crate::extract::is_correction(&a.text[sentence])
}

/// Whether `span` of `body` lies inside a match of one of a term's `not-in` names ("chicken
/// Kiev"). Only the text around the use is searched.
fn inside_a_kept_name(body: &str, names: &[regex::Regex], span: std::ops::Range<usize>) -> bool {
    if names.is_empty() {
        return false;
    }
    let floor = |mut i: usize| {
        while !body.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (from, to) = (floor(span.start.saturating_sub(120)), floor((span.end + 120).min(body.len())));
    names.iter().any(|re| re.find_iter(&body[from..to]).any(|m| from + m.start() <= span.start && span.end <= from + m.end()))
}

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    let mut out = Output::default();
    if ctx.rules.terms.is_empty() {
        return out;
    }
    // The uses per article: from the per-article stage when it found them, else searched here
    // (in parallel, gathered in article order).
    let searched: Vec<Vec<TermUse>>;
    let per_article: &[Vec<TermUse>] = match ctx.term_uses {
        Some(u) => u,
        None => {
            searched = ctx.articles.par_iter().map(|a| uses(a, ctx.rules)).collect();
            &searched
        }
    };
    // by_term[term][form] = (article, span) in corpus order
    let mut by_term: Vec<Vec<Uses>> = ctx.rules.terms.iter().map(|t| vec![Vec::new(); t.forms.len()]).collect();
    for (ai, (found, a)) in per_article.iter().zip(ctx.articles).enumerate() {
        // A stored use always lies in its article (the entry is keyed by the text); one that
        // does not, from a damaged cache row that still parsed, is passed over, not a panic.
        for u in found.iter().filter(|u| a.text.get(u.start..u.end).is_some()) {
            if let Some(list) = by_term.get_mut(u.term as usize).and_then(|t| t.get_mut(u.form as usize)) {
                list.push((ai, u.start..u.end));
            }
        }
    }
    for (term, uses) in ctx.rules.terms.iter().zip(by_term) {
        let counts: Vec<usize> = uses.iter().map(Vec::len).collect();
        let standard = match &term.preferred {
            Some(_) => 0,
            // Majority decides; a tie goes to the form listed first.
            None => (0..counts.len()).max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a))).unwrap_or(0),
        };
        let variant_uses: Vec<(usize, &(usize, std::ops::Range<usize>))> =
            uses.iter().enumerate().filter(|(fi, _)| *fi != standard).flat_map(|(fi, u)| u.iter().map(move |x| (fi, x))).collect();
        if variant_uses.is_empty() {
            continue;
        }
        let std_form = &term.forms[standard];
        let std_articles: std::collections::BTreeSet<usize> = uses[standard].iter().map(|(a, _)| *a).collect();
        let mut variant_summary = Vec::new();
        for (fi, u) in uses.iter().enumerate() {
            if fi == standard || u.is_empty() {
                continue;
            }
            let arts: std::collections::BTreeSet<usize> = u.iter().map(|(a, _)| *a).collect();
            variant_summary.push(format!(
                "“{}” {} time{} in {} article{}",
                term.forms[fi],
                u.len(),
                plural(u.len()),
                arts.len(),
                plural(arts.len())
            ));
        }
        let basis = if term.preferred.is_some() { "the preferred spelling" } else { "the corpus majority" };
        let standard_uses = if counts[standard] == 0 {
            "not used in the corpus".to_string()
        } else {
            format!("{} use{} in {} article{}", counts[standard], plural(counts[standard]), std_articles.len(), plural(std_articles.len()))
        };
        let message = format!("{} used instead of {basis} “{std_form}” ({standard_uses})", variant_summary.join(", "));
        let ev = |form: usize, ai: usize, span: &std::ops::Range<usize>, note: &str| {
            let a = &ctx.articles[ai];
            let sentence = text::sentence_around(&a.text, a.body.clone(), span.clone());
            Evidence::new(a, span.clone(), sentence).with_value(term.forms[form].clone()).with_note(note.to_string())
        };
        let mut evidence: Vec<Evidence> =
            variant_uses.iter().take(MAX_EVIDENCE).map(|(fi, (ai, span))| ev(*fi, *ai, span, "variant")).collect();
        // One example of the standard form per article that uses it.
        let mut seen = std::collections::BTreeSet::new();
        for (ai, span) in &uses[standard] {
            if seen.insert(*ai) && seen.len() <= MAX_EVIDENCE {
                let mut e = ev(standard, *ai, span, basis);
                e.context = true;
                evidence.push(e);
            }
        }
        let mut key: Vec<String> =
            variant_uses.iter().map(|(fi, (ai, _))| format!("{}:{}", ctx.articles[*ai].path, term.forms[*fi])).collect();
        key.sort();
        key.dedup();
        let primary = evidence.remove(0);
        out.findings.push(Finding::new(ID, term.severity, Some(term.id.clone()), message, primary, evidence, &key));
    }
    out
}

/// The uses of one form: (article, span), in corpus order.
type Uses = Vec<(usize, std::ops::Range<usize>)>;

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
