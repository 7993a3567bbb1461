//! Tests: pipeline behaviour on small constructed texts, and acceptance on the real
//! seed articles.

use super::*;
use std::path::PathBuf;

/// Directory holding the seed articles: `<manifest_dir>/corpus/*.md`, each a seed with a
/// `+++` TOML front matter on top.
fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Strip a leading `+++ ... +++` front matter block, if any (no-op for raw .txt).
fn body(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix("+++") {
        if let Some(end) = rest.find("\n+++") {
            let after = &rest[end + 4..];
            return after.strip_prefix('\n').unwrap_or(after);
        }
    }
    s
}

/// Seed texts sorted by file name (000…004).
fn seeds() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seed_dir())
        .expect("seed dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    files.sort();
    files.iter().map(|p| body(&std::fs::read_to_string(p).expect("read seed")).to_string()).collect()
}

fn run(texts: &[String], cfg: &DupesConfig) -> Vec<Group> {
    let docs: Vec<Doc<'_>> = texts.iter().map(|t| Doc { text: t }).collect();
    find_groups(&docs, cfg)
}

fn show(texts: &[String], groups: &[Group]) -> String {
    let mut s = String::new();
    for g in groups {
        s.push_str(&format!("{:?} sim={:.3}\n", g.kind, g.similarity));
        for p in &g.passages {
            s.push_str(&format!(
                "  doc {} {:?} words={} quoted={} :: {}\n",
                p.doc,
                p.span,
                p.words,
                p.quoted,
                &texts[p.doc][p.span.clone()]
            ));
        }
    }
    s
}

#[test]
fn seeds_default_config_reports_nothing() {
    let texts = seeds();
    let groups = run(&texts, &DupesConfig::default());
    assert!(groups.is_empty(), "unexpected groups:\n{}", show(&texts, &groups));
}

#[test]
fn seeds_nato_communique_shared_quotation() {
    // The shared quotation is 20 words ("to help rebuild … in the long term"), below
    // the default min_words, so it is found with min_words = 15.
    let texts = seeds();
    let cfg = DupesConfig { min_words: 15, ..DupesConfig::default() };
    let groups = run(&texts, &cfg);
    let g = groups
        .iter()
        .find(|g| g.passages.iter().map(|p| p.doc).collect::<Vec<_>>() == vec![0, 1])
        .unwrap_or_else(|| panic!("no 000-001 group:\n{}", show(&texts, &groups)));
    assert_eq!(g.kind, PassageKind::SharedQuotation, "{}", show(&texts, &groups));
    for p in &g.passages {
        let t = &texts[p.doc][p.span.clone()];
        assert!(t.contains("help rebuild the Ukrainian security"), "{t}");
        assert!(t.ends_with("in the long term"), "{t}");
        assert!(p.words >= 19);
    }
    assert!(g.similarity > 0.99);
    // Nothing else at this threshold either.
    assert_eq!(groups.len(), 1, "{}", show(&texts, &groups));
}

#[test]
fn seeds_internal_repetition_in_003() {
    // What repeats in 003 is the 13-word lead of the gratitude sentence:
    // "Ukrainian President Volodymyr Zelenskyy has expressed his gratitude to German
    // Chancellor Olaf Scholz" vs "… Zelenskyy expressed his heartfelt gratitude to
    // German Chancellor Olaf Scholz" (one word dropped, one inserted).
    let texts = seeds();
    let cfg = DupesConfig { min_words: 12, ..DupesConfig::default() };
    let only003 = vec![texts[3].clone()];
    let groups = run(&only003, &cfg);
    assert_eq!(groups.len(), 1, "{}", show(&only003, &groups));
    let g = &groups[0];
    assert_eq!(g.passages.len(), 2);
    assert!(g.passages.iter().all(|p| p.doc == 0));
    assert_eq!(g.kind, PassageKind::CopiedProse);
    for p in &g.passages {
        let t = &only003[0][p.span.clone()];
        assert!(t.starts_with("Ukrainian President Volodymyr Zelenskyy"), "{t}");
        assert!(t.ends_with("Olaf Scholz"), "{t}");
    }
}

const BASE: &str = "The regional council approved a new budget on Tuesday after months of \
tense negotiations between the ruling coalition and opposition parties, who had demanded \
more money for rural hospitals, school buses and the repair of flood defences along the \
river valley that was badly damaged last winter.";

#[test]
fn cross_document_copy_with_edits() {
    let a = format!("Local news. {BASE} Other unrelated words follow here today.");
    // Case, punctuation, British->American spelling, a substitution, a deletion,
    // curly quotes and a line break inside the copy.
    let b = "Elsewhere: THE REGIONAL COUNCIL approved a new budget on Wednesday after months of \
tense negotiations between the ruling coalition and opposition parties, who demanded\n\
more money for rural hospitals, school buses, and the repair of flood defenses along the \
river valley that was badly damaged last winter. Something else entirely is said.";
    let texts = vec![a.clone(), b.to_string()];
    let groups = run(&texts, &DupesConfig::default());
    assert_eq!(groups.len(), 1, "{}", show(&texts, &groups));
    let g = &groups[0];
    assert_eq!(g.kind, PassageKind::CopiedProse);
    assert_eq!(g.passages.len(), 2);
    let p0 = &texts[0][g.passages[0].span.clone()];
    assert!(p0.starts_with("The regional council"), "{p0}");
    assert!(p0.ends_with("last winter"), "{p0}");
    assert!(g.similarity >= 0.9 && g.similarity < 1.0);
}

#[test]
fn many_documents_one_group_and_quotes() {
    let quoted = format!("“{BASE}”");
    let texts: Vec<String> =
        (0..5).map(|i| format!("Report number {i} opens with filler text. The minister said {quoted} Then more filler {i}.")).collect();
    let groups = run(&texts, &DupesConfig::default());
    assert_eq!(groups.len(), 1, "{}", show(&texts, &groups));
    assert_eq!(groups[0].passages.len(), 5);
    assert_eq!(groups[0].kind, PassageKind::SharedQuotation);
}

#[test]
fn internal_repetition_single_line() {
    let t = format!("{BASE} In between there is a long stretch of different words about weather, sport and culture in the city. {BASE}");
    let texts = vec![t];
    let groups = run(&texts, &DupesConfig::default());
    assert_eq!(groups.len(), 1, "{}", show(&texts, &groups));
    assert_eq!(groups[0].passages.len(), 2);
    assert!(groups[0].passages[0].span.end <= groups[0].passages[1].span.start);
}

#[test]
fn boilerplate_by_phrase_and_frequency() {
    let cfg = DupesConfig { boilerplate_min_docs: 3, ..DupesConfig::default() };
    let texts: Vec<String> = (0..4)
        .map(|i| format!("Story {i} about item {i}.\nSubscribe to our daily briefing now\nAdvertisement • Scroll to continue.\nEnd {i}."))
        .collect();
    let groups = run(&texts, &cfg);
    assert_eq!(groups.len(), 2, "{}", show(&texts, &groups));
    assert!(groups.iter().all(|g| g.kind == PassageKind::Boilerplate));
    assert!(groups.iter().all(|g| g.passages.len() == 4));
}

#[test]
fn arbitrary_utf8_no_panic_and_deterministic() {
    let weird = "“Quoted — text” ‘single’ € 5\u{a0}non-breaking… Ünïcödé 日本語 テキスト 'x' \"y\" ’’ ‘‘ ";
    let t1 = format!("{weird}{BASE}{weird}");
    let t2 = format!("{BASE}\u{a0}{weird}");
    let texts = vec![t1, t2, weird.to_string(), String::new()];
    let g1 = run(&texts, &DupesConfig::default());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let g2 = pool.install(|| run(&texts, &DupesConfig::default()));
    assert_eq!(g1, g2);
    for g in &g1 {
        for p in &g.passages {
            assert!(texts[p.doc].is_char_boundary(p.span.start));
            assert!(texts[p.doc].is_char_boundary(p.span.end));
        }
    }
}

#[test]
fn word_diff_segments() {
    let d = word_diff("The cat sat on the mat.", "the cat sat upon the mat");
    assert_eq!(
        d,
        vec![
            (DiffTag::Equal, "The cat sat".to_string()),
            (DiffTag::Delete, "on".to_string()),
            (DiffTag::Insert, "upon".to_string()),
            (DiffTag::Equal, "the mat".to_string()),
        ]
    );
}

#[test]
fn spelling_and_tokens() {
    let t = normalize::tokenize("Colour; COLOR — organised organized centre center travelled traveled defence defense Ukraine’s Ukraine's");
    let h = &t.hashes;
    for i in (0..h.len()).step_by(2) {
        assert_eq!(h[i], h[i + 1], "pair {i}");
    }
}

#[test]
fn prints_roundtrip_serde() {
    let p = fingerprint(BASE, &DupesConfig::default());
    let s = serde_json::to_string(&p).unwrap();
    let q: DocPrints = serde_json::from_str(&s).unwrap();
    assert_eq!(p.len(), q.len());
    let cfg: DupesConfig = serde_json::from_str("{\"min_words\": 40}").unwrap();
    assert_eq!(cfg.min_words, 40);
    assert_eq!(cfg.boilerplate_min_docs, 20);
}

mod tokenizer_equivalence {
    use super::normalize::{tokenize, tokenize_reference};
    use proptest::prelude::*;

    fn same(text: &str) {
        let (a, b) = (tokenize(text), tokenize_reference(text));
        assert_eq!(a.hashes, b.hashes, "{text:?}");
        assert_eq!(a.spans, b.spans, "{text:?}");
        assert_eq!(a.quoted, b.quoted, "{text:?}");
        assert_eq!(a.lines, b.lines, "{text:?}");
    }

    #[test]
    fn fast_tokenizer_matches_the_reference_on_news_text() {
        for t in [
            "NATO’s 32 member states — “to help rebuild the Ukrainian security and defence sector” —\n'quoted' it's rock'n'roll",
            "Café société: l’Ukraine, Zelenskyy's \"aid\" ‘package’ of $61bn; colour organise centre travelled catalogue",
            "",
            "a",
            "'tis 'the' end'",
        ] {
            same(t);
        }
    }

    proptest! {
        #[test]
        fn fast_tokenizer_matches_the_reference(text in "[a-zA-Z0-9 '’‘\"“”«»„\\n.,éüß—ʼ-]{0,80}") {
            same(&text);
        }
    }
}

/// Keys as the cache makes them: the text under a salt.
fn keys_of(texts: &[String]) -> Vec<String> {
    texts.iter().map(|t| crate::cache::key(t, "test")).collect()
}

fn run_reusing(texts: &[String], cfg: &DupesConfig, memo: Option<&Memo>) -> (Vec<Group>, Memo, Reused) {
    let docs: Vec<Doc<'_>> = texts.iter().map(|t| Doc { text: t }).collect();
    let keys = keys_of(texts);
    let (groups, made) = find_groups_reusing(&docs, fingerprint_all(&docs, cfg), cfg, Some(Reuse { keys: &keys, memo, before: &[] }));
    let (memo, reused) = made.expect("a memo with reuse");
    (groups, memo, reused)
}

/// A shown group comes with what renders it: each passage's word hash and the word diff of
/// its first two passages, the same as computing them from the text; boilerplate (not shown
/// unless asked) comes without. Spans that do not fit the passages give no diff text.
#[test]
fn groups_carry_what_renders_them() {
    let cfg = DupesConfig { min_words: 12, boilerplate_min_docs: 4, ..DupesConfig::default() };
    let footer = "\n\nThis story was distributed by the Example Wire Service to its member newspapers today.\n";
    let mut texts: Vec<String> = seeds().iter().map(|s| format!("{s}{footer}")).collect();
    texts.push(seeds()[1].replacen("the", "a", 3));
    let groups = run(&texts, &cfg);
    let text = |p: &Passage| &texts[p.doc][p.span.clone()];
    let mut shown = 0;
    for g in &groups {
        let Some(r) = &g.rendered else {
            assert_eq!(g.kind, PassageKind::Boilerplate, "{g:?}");
            continue;
        };
        shown += 1;
        let words: Vec<u64> = g.passages.iter().map(|p| crate::finding::words_fnv1a(text(p))).collect();
        assert_eq!(r.words, words);
        let (a, b) = (text(&g.passages[0]), text(&g.passages[1]));
        assert_eq!(crate::dupes::diff_text(a, b, &r.diff), Some(word_diff(a, b)));
    }
    assert!(shown >= 2, "{}", show(&texts, &groups));
    assert!(groups.iter().any(|g| g.kind == PassageKind::Boilerplate && g.rendered.is_none()));
    let spans = |segments: Vec<(DiffTag, u32)>, ranges: Vec<(u32, u32)>| crate::dupes::align::DiffSpans { segments, ranges };
    let fits = spans(vec![(DiffTag::Equal, 1), (DiffTag::Insert, 1)], vec![(0, 3), (2, 3)]);
    assert_eq!(
        crate::dupes::diff_text("one two", "a b c", &fits),
        Some(vec![(DiffTag::Equal, "one".into()), (DiffTag::Insert, "b".into())])
    );
    let beyond = spans(vec![(DiffTag::Equal, 1), (DiffTag::Insert, 1)], vec![(0, 3), (2, 40)]);
    assert_eq!(crate::dupes::diff_text("one two", "a b c", &beyond), None);
    let unaccounted = spans(vec![(DiffTag::Equal, 1)], vec![(0, 3), (4, 7)]);
    assert_eq!(crate::dupes::diff_text("one two", "a b c", &unaccounted), None);
}

#[test]
fn a_memo_reuses_unchanged_work_and_changes_nothing() {
    let cfg = DupesConfig { min_words: 12, boilerplate_min_docs: 4, ..DupesConfig::default() };
    let seeds = seeds();
    // The seeds, two lightly edited wire copies of 001, and a footer line shared by five
    // articles (boilerplate at this cap).
    let footer = "\n\nThis story was distributed by the Example Wire Service to its member newspapers today.\n";
    let mut v1: Vec<String> = seeds.iter().map(|s| format!("{s}{footer}")).collect();
    v1.push(seeds[1].replacen("Wednesday", "Thursday", 1));
    v1.push(seeds[1].replacen("the", "a", 3));
    let (g1, memo1, r1) = run_reusing(&v1, &cfg, None);
    assert_eq!(g1, run(&v1, &cfg), "a run that makes a memo finds what a plain run finds");
    assert!(g1.len() >= 3, "{}", show(&v1, &g1));
    assert_eq!((r1.pairs, r1.groups), (0, 0));
    assert!(r1.pairs_computed > 0 && r1.groups_computed > 0);

    // Nothing changed: everything comes from the memo, and the memo stays the same.
    let (g, memo, r) = run_reusing(&v1, &cfg, Some(&memo1));
    assert_eq!(g, g1);
    assert_eq!((r.pairs_computed, r.groups_computed), (0, 0), "{r:?}");
    assert_eq!(memo, memo1);

    // One copy edited inside the copied text, a new article first in the order (every index
    // shifts) and the last one removed: the result is what a plain run finds, and the work on
    // the untouched articles is reused.
    let mut v2 = v1.clone();
    let edited = v2[5].replacen("Ukraine", "Kyiv", 2);
    v2[5] = edited;
    v2.pop();
    v2.insert(0, format!("{}{footer}", seeds[3].replacen("Zelenskyy", "Zelensky", 1)));
    let (g2, _, r2) = run_reusing(&v2, &cfg, Some(&memo1));
    assert_eq!(g2, run(&v2, &cfg), "{}", show(&v2, &g2));
    assert_ne!(g2, g1);
    assert!(r2.pairs > 0 && r2.pairs_computed > 0, "{r2:?}");
    assert!(r2.groups > 0 && r2.groups_computed > 0, "{r2:?}");
}

#[test]
fn prints_from_an_older_cache_in_word_order_give_the_same_groups() {
    let cfg = DupesConfig { min_words: 12, ..DupesConfig::default() };
    let texts = seeds();
    let docs: Vec<Doc<'_>> = texts.iter().map(|t| Doc { text: t }).collect();
    let mut prints = fingerprint_all(&docs, &cfg);
    assert!(prints.iter().all(|p| p.prints.is_sorted()), "prints are made sorted by hash");
    for p in &mut prints {
        p.prints.sort_unstable_by_key(|&(h, pos)| (pos, h));
    }
    let groups = find_groups_from(&docs, prints, &cfg);
    assert!(!groups.is_empty());
    assert_eq!(groups, find_groups(&docs, &cfg));
}

/// Boilerplate that is not reported is not measured: the chain edges between runs of frequent
/// fingerprints (here two different seed paragraphs that share twelve words) are diffed only
/// with `measure_boilerplate`, and nothing but a boilerplate group's similarity depends on it.
#[test]
fn unreported_boilerplate_is_not_measured_and_nothing_else_changes() {
    let s = seeds();
    let words = |t: &str, from: usize, n: usize| t.split_whitespace().skip(from).take(n).collect::<Vec<_>>().join(" ");
    let p = words(&s[1], 0, 40);
    let q = format!("{} {} {}", words(&s[2], 0, 30), words(&p, 14, 12), words(&s[2], 30, 20));
    let copied = words(&s[3], 0, 45);
    let mut texts: Vec<String> =
        (0..4).map(|i| format!("{p}\n\nStory {i} tells of item {i} at length.\n\n{q}\n\nThe end of story {i}.")).collect();
    texts.extend((4..6).map(|i| format!("Other story {i} opens here.\n\n{copied}\n\nClosing words of story {i}.")));
    let measured = DupesConfig { boilerplate_min_docs: 3, measure_boilerplate: true, ..DupesConfig::default() };
    let unmeasured = DupesConfig { measure_boilerplate: false, ..measured.clone() };
    let (with, without) = (run(&texts, &measured), run(&texts, &unmeasured));
    assert_eq!(with.len(), without.len(), "{}", show(&texts, &with));
    let boiler = |g: &&Group| g.kind == PassageKind::Boilerplate;
    let b = with.iter().find(boiler).unwrap_or_else(|| panic!("a boilerplate group: {}", show(&texts, &with)));
    assert!(b.passages.len() >= 4 && b.similarity < 0.9, "the paragraphs' runs are tied and measured: {}", show(&texts, &with));
    // Without measuring, only the verified pairs inside the group count.
    let unmeasured_sim = without.iter().find(boiler).map_or(0.0, |g| g.similarity);
    assert!(unmeasured_sim > b.similarity, "{}", show(&texts, &without));
    for (x, y) in with.iter().zip(&without) {
        assert_eq!((x.kind, &x.passages), (y.kind, &y.passages));
        if x.kind != PassageKind::Boilerplate {
            assert_eq!(x.similarity, y.similarity);
        }
    }
    assert!(with.iter().any(|g| g.kind == PassageKind::CopiedProse), "{}", show(&texts, &with));
}
