//! `near-verbatim`: passages repeated near-verbatim, across articles or inside one.
//!
//! **What it finds.** Passages of at least `min-words` words (default 30) whose wording agrees
//! to at least `similarity` (default 0.85) after ignoring case, punctuation, quote style, dashes,
//! line breaks and British/American spelling: syndicated wire copy, a press release pasted with
//! light edits, a paragraph repeated inside one article. When several articles share one
//! passage, one finding lists them all. Each finding is classified: `shared quotation` when the
//! words lie inside quotation marks on every side (outlets quoting the same statement, an
//! attribution clause beside the marks counted with them: ",” said Mara Linden, a spokeswoman
//! for the forum."; info by default), else `copied prose` (warning by default).
//!
//! **Why.** Copied prose without attribution is an editorial problem; a paragraph pasted twice
//! is a production error; and knowing which outlets quote the same statement shows where a
//! quote came from.
//!
//! **Example.** Two articles quoting NATO's communiqué, "to help rebuild the Ukrainian security
//! and defence sector and to support Ukraine’s deterrence and defence in the long term" (one
//! spelling it "defense") → one `shared quotation` finding with both spans and a word diff.
//!
//! **What it does not flag.** Rewording: a paraphrase shares only short runs of words (seed 004
//! rewrites passages of 001 and shares runs of at most about ten words), far below any useful
//! `min-words`, so it is deliberately left to a reader. Versions of one story: a wire's updates
//! ("UPDATE 2-...", "(Adds ...)" in the title) repeating its earlier take, all from the same
//! `source`. An interview's answers (an article titled "Q&A: ..." or "Interview: ...") are
//! speech: quoted in other articles, they are a shared quotation, not copied prose. Credited
//! syndication is still reported, as information: when of every two articles from different
//! `source`s one names the other's source in its text ("From the Riverside Press Service",
//! "(Reuters)"), the message says who credits whom; so is an outlet's own text repeated across
//! its articles (every article of the group gives the same `source`: a newsletter's footer, a
//! standing background paragraph). Stock phrases shorter than `min-words`
//! ("as long as it takes"). Boilerplate — the configured phrases, passages found in at least
//! `boilerplate-min-docs` articles, and a list repeated inside one article (a live blog's "Key
//! points" box, every line a list item) — is dropped, or reported once as info with
//! `report-boilerplate = true`. Wording common to many different press releases (a template)
//! does not seed comparisons, so it cannot swamp real copies.

use super::{Context, Output};
use crate::dupes::{self, Doc, PassageKind};
use crate::finding::{DiffSegment, Evidence, Finding};
use crate::rules::Severity;
use rayon::prelude::*;

/// The check's id.
pub(crate) const ID: &str = "near-verbatim";

pub(crate) fn run(ctx: &Context<'_>) -> Output {
    let mut out = Output::default();
    let nv = &ctx.rules.near_verbatim;
    let docs: Vec<Doc<'_>> = ctx.articles.iter().map(|a| Doc { text: a.body_text() }).collect();
    let prints = ctx.prints.and_then(|p| p.take()).unwrap_or_else(|| dupes::fingerprint_all(&docs, &nv.dupes));
    let reuse = ctx.memo.map(|m| dupes::Reuse { keys: &m.keys, memo: m.earlier.as_ref(), before: &m.before });
    let (groups, made) = dupes::find_groups_reusing(&docs, prints, &nv.dupes, reuse);
    if let (Some(cell), Some(made)) = (ctx.memo, made) {
        *cell.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(made);
    }
    // Findings are rendered in parallel (an archive has tens of thousands of groups), in order.
    out.findings = groups.into_par_iter().filter_map(|group| finding(ctx, group)).collect();
    out
}

/// Whether an article is an interview by its title ("Q&A: ...", "Interview: ...").
fn is_interview(a: &crate::corpus::Article) -> bool {
    static MARK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)^\s*(?:q\s*&\s*a|q\s+and\s+a|interview)\b").expect("static regex"));
    a.title.as_deref().is_some_and(|t| MARK.is_match(t))
}

/// A wire service's update of its own story: "UPDATE 2-US House passes ...", "(Adds Senate
/// vote)", "(Corrects ...)" in the title.
static UPDATE_MARK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\bupdate\s*\d+\b|\((?:updates?|adds|corrects|recasts|rewrites|changes)\b").expect("static regex")
});

/// Whether the articles of a group are versions of one story: the same source, and every one
/// but the first take marked as an update in its title. A wire's later takes repeat its earlier
/// paragraphs by design.
fn versions_of_one_story(ctx: &Context<'_>, articles: &std::collections::BTreeSet<usize>) -> bool {
    if articles.len() < 2 {
        return false;
    }
    let of = |i: &usize| ctx.articles.get(*i);
    let Some(source) = articles.iter().next().and_then(of).and_then(|a| a.source.as_deref()).filter(|s| !s.trim().is_empty()) else {
        return false;
    };
    let same_source = articles.iter().all(|i| of(i).and_then(|a| a.source.as_deref()) == Some(source));
    let updates = articles.iter().filter(|i| of(i).and_then(|a| a.title.as_deref()).is_some_and(|t| UPDATE_MARK.is_match(t))).count();
    same_source && updates + 1 >= articles.len()
}

/// The name a source goes by in running text: "Continental Press Agency (CPA)" without its
/// bracketed abbreviation; none when too short to name anything (fewer than four letters).
fn source_name(source: &str) -> Option<&str> {
    let name = source.split(['(', '[']).next().unwrap_or("").trim();
    (name.chars().filter(|c| c.is_alphabetic()).count() >= 4).then_some(name)
}

/// Whether `text` names `name` as a whole phrase, in any case: "From the Continental Press
/// Agency", "(Reuters)".
fn names(text: &str, name: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // Lowercasing both whole articles for every pair of a multi-outlet group took 5.7% of the
    // samples of a one-article re-check of a 100k corpus. An ASCII name is found in place instead, case
    // folded byte by byte, except in a text holding one of the two characters whose lowercase
    // is (or holds) ASCII (KELVIN SIGN, and DOTTED CAPITAL I, whose lowercase adds a combining
    // mark): those go the long way. Matches are taken leftmost and without overlap, as
    // `match_indices` takes them, so both ways agree.
    let bytes = text.as_bytes();
    let folds_to_ascii = |c: &str| memchr::memmem::find(bytes, c.as_bytes()).is_some();
    if name.is_ascii() && !name.is_empty() && !folds_to_ascii("\u{212A}") && !folds_to_ascii("\u{0130}") {
        let needle = name.as_bytes();
        let (lower, upper) = (needle[0].to_ascii_lowercase(), needle[0].to_ascii_uppercase());
        let mut from = 0;
        while let Some(i) = memchr::memchr2(lower, upper, &bytes[from..]) {
            let (at, end) = (from + i, from + i + needle.len());
            let Some(found) = bytes.get(at..end) else { break };
            if found.eq_ignore_ascii_case(needle) {
                if !word(text[..at].chars().next_back()) && !word(text[end..].chars().next()) {
                    return true;
                }
                from = end;
            } else {
                from = at + 1;
            }
        }
        return false;
    }
    names_by_lowercasing(text, name)
}

/// [`names`] by its definition: both sides lowercased, matches leftmost and without overlap, a
/// whole phrase.
fn names_by_lowercasing(text: &str, name: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let (text, name) = (text.to_lowercase(), name.to_lowercase());
    text.match_indices(&name).any(|(at, m)| !word(text[..at].chars().next_back()) && !word(text[at + m.len()..].chars().next()))
}

/// The credit of a copy between outlets: every two articles of the group from different
/// sources have one naming the other's source in its text ("From the Continental Press
/// Agency", "(Reuters)"): a syndicated story, credited. Returns who names whom, for the message.
fn credited(ctx: &Context<'_>, articles: &std::collections::BTreeSet<usize>) -> Option<String> {
    let members: Vec<(&crate::corpus::Article, &str)> = articles
        .iter()
        .map(|&i| {
            let a = ctx.articles.get(i)?;
            Some((a, a.source.as_deref().map(str::trim).filter(|s| !s.is_empty())?))
        })
        .collect::<Option<_>>()?;
    let mut credits: Vec<String> = Vec::new();
    for (i, (a, sa)) in members.iter().enumerate() {
        for (b, sb) in &members[i + 1..] {
            if sa == sb {
                continue;
            }
            let (na, nb) = (source_name(sa)?, source_name(sb)?);
            let credit = if names(b.body_text(), na) {
                format!("{sb} names {na}")
            } else if names(a.body_text(), nb) {
                format!("{sa} names {nb}")
            } else {
                return None;
            };
            if !credits.contains(&credit) {
                credits.push(credit);
            }
        }
    }
    (!credits.is_empty()).then(|| credits.join("; "))
}

/// The one `source` every article of the group gives, if they all give the same.
fn one_source<'a>(ctx: &Context<'a>, articles: &std::collections::BTreeSet<usize>) -> Option<&'a str> {
    let mut sources = articles.iter().map(|&i| ctx.articles.get(i).and_then(|a| a.source.as_deref()).map(str::trim));
    let first = sources.next()??;
    (!first.is_empty() && sources.all(|s| s == Some(first))).then_some(first)
}

/// The finding of one group (none for boilerplate unless it is reported).
fn finding(ctx: &Context<'_>, mut group: dupes::Group) -> Option<Finding> {
    let nv = &ctx.rules.near_verbatim;
    // An interview's answers are speech set out without quotation marks: quoted elsewhere,
    // they are a shared quotation.
    let speech = |p: &dupes::Passage| p.quoted || ctx.articles.get(p.doc).is_some_and(is_interview);
    if group.kind == PassageKind::CopiedProse && group.passages.iter().all(speech) {
        group.kind = PassageKind::SharedQuotation;
    }
    let (mut severity, label) = match group.kind {
        PassageKind::SharedQuotation => (nv.quotation_severity, "shared quotation"),
        PassageKind::CopiedProse => (nv.prose_severity, "copied prose"),
        PassageKind::Boilerplate if nv.report_boilerplate => (Severity::Info, "boilerplate"),
        PassageKind::Boilerplate => return None,
    };
    let articles: std::collections::BTreeSet<usize> = group.passages.iter().map(|p| p.doc).collect();
    if versions_of_one_story(ctx, &articles) {
        return None;
    }
    // Copy that names where it comes from is syndication, not plagiarism: still reported (an
    // editor may want to know what runs where), as information.
    let credit = (group.kind == PassageKind::CopiedProse && articles.len() > 1).then(|| credited(ctx, &articles)).flatten();
    // An outlet repeating its own text across its articles (a newsletter's footer, a standing
    // background paragraph) copies from no one: reported as information, naming the outlet.
    let own = (group.kind == PassageKind::CopiedProse && articles.len() > 1).then(|| one_source(ctx, &articles)).flatten();
    if credit.is_some() || own.is_some() {
        severity = Severity::Info;
    }
    let words = group.passages.iter().map(|p| p.words).max().unwrap_or(0);
    let where_ = if articles.len() == 1 {
        format!("repeated {} times inside one article", group.passages.len())
    } else {
        format!("in {} articles", articles.len())
    };
    let mut message = format!("{label}: a {words}-word passage appears near-verbatim {where_} (similarity {:.2})", group.similarity);
    if let Some(credit) = credit {
        message.push_str(&format!("; credited: {credit}"));
    }
    if let Some(source) = own {
        message.push_str(&format!("; all from one source, {source}"));
    }
    let mut evidence: Vec<Evidence> = group
        .passages
        .iter()
        .filter_map(|p| {
            let a = ctx.articles.get(p.doc)?;
            let span = a.body.start + p.span.start..a.body.start + p.span.end;
            let e = Evidence::new(a, span.clone(), span);
            let note = format!("{} words to {}:{}{}", p.words, e.end.line, e.end.column, if p.quoted { ", quoted" } else { "" });
            Some(e.with_note(note))
        })
        .collect();
    if evidence.is_empty() {
        return None;
    }
    let primary = evidence.remove(0);
    // What was found with the group (kept in the memo): the passages' word hashes and the diff;
    // computed here when the group came without it.
    let rendered = group.rendered.as_ref().filter(|r| r.words.len() == group.passages.len());
    let text = |x: &dupes::Passage| ctx.articles.get(x.doc).and_then(|a| a.body_text().get(x.span.clone()));
    // The first two passages, by their article index (never a search by path: that would
    // be quadratic in the corpus).
    let diff = match (group.passages.first(), group.passages.get(1)) {
        (Some(p), Some(q)) => {
            let (a, b) = (text(p).unwrap_or(""), text(q).unwrap_or(""));
            let segments = rendered.and_then(|r| dupes::diff_text(a, b, &r.diff)).unwrap_or_else(|| dupes::word_diff(a, b));
            Some(segments.into_iter().map(|(tag, text)| DiffSegment { tag, text }).collect())
        }
        _ => None,
    };
    let mut key: Vec<String> = group
        .passages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let a = ctx.articles.get(p.doc)?;
            let passage = text(p)?;
            let words = rendered.map_or_else(|| crate::finding::words_fnv1a(passage), |r| r.words[i]);
            Some(format!("{}:{words:016x}", a.path))
        })
        .collect();
    key.sort();
    key.push(label.to_string());
    let mut f = Finding::new(ID, severity, None, message, primary, evidence, &key);
    f.diff = diff;
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::{names, names_by_lowercasing as by_lowercasing};

    #[test]
    fn names_a_source_in_place_as_lowercasing_would() {
        let cases = [
            ("From the Continental Press Agency, Brussels.", "Continental Press Agency", true),
            ("(REUTERS) - Allies met.", "Reuters", true),
            ("Reutersville reported it.", "Reuters", false),
            ("A Reuters-style report.", "Reuters", true),
            ("Ünreuters is a word.", "reuters", false),
            ("Ü-REUTERS", "reuters", true),
            ("éReuters follows a letter.", "Reuters", false),
            // The first match fails its boundary and the overlapping one would pass: matches
            // do not overlap, as with `match_indices`.
            ("xA B A B A", "A B A", false),
            // Lowercase of DOTTED CAPITAL I ends in a combining mark, not a letter.
            ("\u{130}Reuters", "Reuters", true),
            // KELVIN SIGN lowercases to an ASCII k.
            ("the \u{212A}yiv Post", "Kyiv Post", true),
            ("Kyiv Post", "Kyiv Post", true),
            ("Kyiv Pos", "Kyiv Post", false),
            ("", "Reuters", false),
        ];
        for (text, name, expected) in cases {
            assert_eq!(by_lowercasing(text, name), expected, "reference on {text:?} / {name:?}");
            assert_eq!(names(text, name), expected, "{text:?} / {name:?}");
        }
    }
}
