//! `review` and `diff` on the seed corpus: what they must show, and snapshots of the terminal
//! and Markdown reports.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs factdiff in the project folder; a review there runs without the cache (tests run in
/// parallel and must not share one).
fn run(args: &[&str]) -> (Option<i32>, String) {
    let mut args = args.to_vec();
    if args.first() == Some(&"review") {
        args.push("--no-cache");
    }
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args(&args)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

const A004: &str = "corpus/004_e49305c45f08ffdc.md";

#[test]
fn review_of_004_shows_its_30_against_003s_32_the_reference_and_its_overlap_with_001() {
    let (code, json) = run(&["review", A004, "--format", "json"]);
    assert_eq!(code, Some(0));
    let r: Value = serde_json::from_str(&json).unwrap();
    let count = r["facts"].as_array().unwrap().iter().find(|f| f["fact"] == "nato-member-count").expect("the member count");
    assert_eq!(count["value"], "30");
    assert_eq!(count["verdict"], "stale");
    assert!(count["reference"].as_str().unwrap().contains("31 since 2023-04-04 (Finland joins NATO)"));
    let others = count["others"].as_array().unwrap();
    assert!(others
        .iter()
        .any(|o| o["value"] == "32" && o["evidence"]["path"].as_str().unwrap().contains("003_") && o["relation"] == "another time"));
    assert!(r["most_important"].as_str().unwrap().contains("stale-fact"));
    let shared = r["shared_wording"].as_array().unwrap();
    assert!(shared.first().is_some_and(|s| s["other"].as_str().unwrap().contains("001_")), "{shared:#?}");
}

/// Among findings of one severity, the most important is one placed in the reviewed article,
/// not a cross-article finding whose primary place is in another (which sorts first by path).
#[test]
fn the_most_important_fix_is_in_the_reviewed_article() {
    let dir = tempfile::tempdir().unwrap();
    let article = |name: &str, body: &str| write_article(dir.path(), name, "2023-11-29", body);
    article("a.md", "Congress stalled a $50bn package of proposed U.S. aid to Ukraine.");
    article(
        "b.md",
        "Congress stalled a $60bn package of proposed U.S. aid to Ukraine.\n\nSome $70bn in proposed U.S. aid to Ukraine is held up.",
    );
    let b = dir.path().join("b.md");
    let (code, json) = run(&[
        "review",
        b.to_str().unwrap(),
        "--against",
        dir.path().to_str().unwrap(),
        "--rules",
        root().join("rules").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    let r: Value = serde_json::from_str(&json).unwrap();
    let top = r["most_important"].as_str().unwrap();
    assert!(top.contains("[internal-conflict]") && top.contains("b.md"), "{top}");
}

#[test]
fn review_reports_snapshot() {
    let (_, text) = run(&["review", A004]);
    insta::assert_snapshot!("review_004_text", text);
    let (_, md) = run(&["review", A004, "--format", "markdown"]);
    insta::assert_snapshot!("review_004_markdown", md);
}

#[test]
fn diff_of_000_and_001_lists_shared_quotes_and_facts_only_one_has() {
    let (code, json) = run(&["diff", "corpus/000_403504f9cde028e1.md", "corpus/001_8b071bb04ba13979.md", "--format", "json"]);
    assert_eq!(code, Some(0));
    let d: Value = serde_json::from_str(&json).unwrap();
    let quotes = d["quotes"].as_array().unwrap();
    assert!(quotes.iter().any(|q| q["b"]["excerpt"].as_str().unwrap().contains("help rebuild the Ukrainian security and defence sector")
        && q["changes"].as_array().unwrap().is_empty()));
    let only_b: Vec<&str> = d["only_b"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap()).collect();
    assert!(only_b.contains(&"$60bn") && only_b.contains(&"more than $40bn"), "{only_b:?}");
    assert!(d["only_a"].as_array().unwrap().iter().any(|c| c["fact"] == "nato-ministers-meeting-date"));
    assert!(d["same"].as_array().unwrap().iter().any(|p| p[0]["value"] == "Brussels"));
    let (_, text) = run(&["diff", "corpus/000_403504f9cde028e1.md", "corpus/001_8b071bb04ba13979.md"]);
    insta::assert_snapshot!("diff_000_001_text", text);
    let (_, md) = run(&["diff", "corpus/000_403504f9cde028e1.md", "corpus/001_8b071bb04ba13979.md", "--format", "markdown", "--text"]);
    insta::assert_snapshot!("diff_000_001_markdown", md);
}

#[test]
fn diff_of_two_versions_in_git_names_the_changed_value_and_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let git = |args: &[&str]| {
        assert!(std::process::Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@e.org"])
            .args(args)
            .status()
            .unwrap()
            .success());
    };
    git(&["init", "-q"]);
    std::fs::write(dir.join("a.md"), "+++\ndate = 2023-11-29\n+++\nNATO is an alliance of 31 member countries.\n\nIt met in Brussels.\n")
        .unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "v1"]);
    std::fs::write(dir.join("a.md"), "+++\ndate = 2023-11-29\n+++\nNATO is an alliance of 30 member countries.\n\nIt met in Brussels.\n")
        .unwrap();
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(dir)
        .args(["diff", "git:HEAD:a.md", "a.md", "--text", "--format", "json", "--rules"])
        .arg(root().join("rules"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["a"], "git:HEAD:a.md");
    let different = d["different"].as_array().unwrap();
    assert_eq!(different.len(), 1);
    assert_eq!((different[0][0]["value"].as_str(), different[0][1]["value"].as_str()), (Some("31"), Some("30")));
    let sentences = d["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 1);
    assert!(sentences[0]["a"].as_str().unwrap().contains("31 member"));
    let bad = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(dir)
        .args(["diff", "git:nope:a.md", "a.md", "--rules"])
        .arg(root().join("rules"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("git:nope:a.md"));
}

/// An article with only a date in its front matter.
fn write_article(dir: &Path, name: &str, date: &str, body: &str) {
    std::fs::write(dir.join(name), format!("+++\ndate = {date}\n+++\n{body}\n")).unwrap();
}

fn review_json(dir: &Path, article: &str) -> Value {
    let path = dir.join(article);
    let (code, json) = run(&[
        "review",
        path.to_str().unwrap(),
        "--against",
        dir.to_str().unwrap(),
        "--rules",
        root().join("rules").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(matches!(code, Some(0 | 1)), "{json}");
    serde_json::from_str(&json).unwrap()
}

/// An archive holds many stories with the same figure: the list under a claim is a sample, the
/// verdict counts them all, and the one story that disagrees comes first even when a dozen
/// agreeing ones are nearer in time. A figure more than `max-ratio` apart (a $1bn weapons
/// package beside the $60bn bill) is another thing, not a disagreement.
#[test]
fn review_lists_disagreements_first_and_counts_every_other_claim() {
    let dir = tempfile::tempdir().unwrap();
    let article = |name: &str, date: &str, body: &str| write_article(dir.path(), name, date, body);
    article("a.md", "2024-01-20", "Congress stalled the $60bn aid package for Ukraine.");
    for i in 0..14 {
        article(&format!("same{i:02}.md"), "2024-01-20", "Congress stalled the $60bn aid package for Ukraine again.");
    }
    article("zz-other.md", "2024-01-27", "Congress stalled the $61bn aid package for Ukraine.");
    article("weapons.md", "2024-01-20", "Congress stalled a $1bn aid package for Ukraine.");
    let r = review_json(dir.path(), "a.md");
    let fact = &r["facts"][0];
    assert_eq!(fact["verdict"], "disagrees", "{fact:#}");
    assert_eq!(fact["counts"]["agree"], 14);
    assert_eq!(fact["counts"]["disagree"], 1);
    assert_eq!(fact["counts"]["another_figure"], 1);
    let others = fact["others"].as_array().unwrap();
    assert_eq!(others.len(), 12);
    assert_eq!(others[0]["relation"], "disagrees");
    assert!(others[0]["evidence"]["path"].as_str().unwrap().ends_with("zz-other.md"));
    assert!(others.iter().all(|o| o["relation"] != "another figure"), "the sample shows what was compared first");
    let (_, text) = run(&[
        "review",
        dir.path().join("a.md").to_str().unwrap(),
        "--against",
        dir.path().to_str().unwrap(),
        "--rules",
        root().join("rules").to_str().unwrap(),
    ]);
    assert!(text.contains("… and 4 more; of all 16 claims elsewhere: 1 disagree, 14 agree, 1 another figure"), "{text}");
}

/// A stock line that dozens of articles carry (a newsletter plug) is not anyone's rewording: it
/// is named once as stock wording, and only the article that shares real wording is listed.
#[test]
fn review_tells_stock_wording_from_shared_wording() {
    let dir = tempfile::tempdir().unwrap();
    let plug = "Sign up for the morning briefing newsletter to get these stories first.";
    let article = |name: &str, body: &str| write_article(dir.path(), name, "2024-01-20", body);
    article("a.md", &format!("Farmers near Kherson replanted their fields after the floods receded in the spring.\n\n{plug}"));
    for i in 0..25 {
        article(&format!("plug{i:02}.md"), &format!("Story number {i} about something else entirely, told briefly.\n\n{plug}"));
    }
    article("reworded.md", "In the spring, farmers near Kherson replanted their fields after the floods receded there.");
    let r = review_json(dir.path(), "a.md");
    let shared = r["shared_wording"].as_array().unwrap();
    assert_eq!(shared.len(), 1, "{shared:#?}");
    assert!(shared[0]["other"].as_str().unwrap().ends_with("reworded.md"));
    let stock = r["stock_wording"].as_array().unwrap();
    assert_eq!(stock.len(), 1, "{stock:#?}");
    assert!(stock[0]["evidence"]["excerpt"].as_str().unwrap().contains("morning briefing newsletter"));
    assert_eq!(stock[0]["articles"], 25);
}

/// A claim that matches the reference in force is not "disagreeing" with a stale figure in
/// another article: that one is "stale there", and `stale-fact` reports it where it is.
#[test]
fn review_tells_a_stale_figure_elsewhere_from_a_disagreement() {
    let dir = tempfile::tempdir().unwrap();
    let article = |name: &str, body: &str| write_article(dir.path(), name, "2024-04-05", body);
    article("a.md", "NATO now has 32 member states.");
    article("b.md", "NATO now has 30 member states.");
    let r = review_json(dir.path(), "a.md");
    let fact = &r["facts"][0];
    assert_eq!(fact["verdict"], "agrees with the reference; the others are stale", "{fact:#}");
    assert_eq!(fact["counts"]["stale_there"], 1);
    assert_eq!(fact["counts"]["disagree"], 0);
    assert_eq!(r["counts"]["disagreements"], 0);
}

/// A claim that names its own period ("In 2023, NATO had 31 members") is right if it was true at
/// any time in it, as `stale-fact` reads it: review shows the reference that agrees then, not the
/// one in force on the first day of the year.
#[test]
fn review_reads_a_named_period_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    write_article(dir.path(), "a.md", "2024-04-04", "In 2023, NATO had 31 members.");
    write_article(dir.path(), "b.md", "2024-04-05", "NATO now has 32 members.");
    let r = review_json(dir.path(), "a.md");
    let fact = &r["facts"][0];
    let reference = fact["reference"].as_str().unwrap_or_default();
    assert!(reference.starts_with("matches the reference in force on 2023-04-04: 31"), "{fact:#}");
}
