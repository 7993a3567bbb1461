//! Other inputs: the seed articles as one `.jsonl` file, or as HTML pages, give the same
//! findings as the Markdown corpus (issue #6), located as `file.jsonl#id:line:col` and at the
//! words in the HTML source; bad JSONL lines are warnings naming their line; what HTML does not
//! show (scripts, styles, comments) is not read.

use assert_cmd::Command;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn findings(path: &Path, extra: &[&str]) -> (Value, String) {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(root())
        .args(["check", "--format", "json", "--no-cache", "--rules", "rules"])
        .arg(path)
        .args(extra)
        .output()
        .unwrap();
    (serde_json::from_slice(&out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// What a finding says, without where (line numbers differ: Markdown has front matter).
fn gist(doc: &Value) -> BTreeSet<String> {
    doc["findings"].as_array().unwrap().iter().map(finding_gist).collect()
}

fn finding_gist(f: &Value) -> String {
    let values: Vec<String> =
        std::iter::once(&f["location"]).chain(f["related"].as_array().unwrap()).map(|l| l["value"].to_string()).collect();
    format!("{} {} {} | {} | {}", f["severity"], f["check"], f["rule"], f["message"], values.join(", "))
}

#[test]
fn jsonl_gives_the_same_findings_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    let mut names: Vec<_> = std::fs::read_dir(root().join("corpus")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in &names {
        let a = factdiff::corpus::read_article(p).unwrap();
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let line = json!({ "id": id, "title": a.title, "date": a.date.map(|d| d.to_string()), "source": a.source, "text": a.body_text() });
        lines.push_str(&format!("{line}\n"));
    }
    let file = dir.path().join("seeds.jsonl");
    std::fs::write(&file, lines).unwrap();
    let (md, _) = findings(&root().join("corpus"), &[]);
    let (jl, err) = findings(&file, &[]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(gist(&md), gist(&jl));
    let stale = jl["findings"].as_array().unwrap().iter().find(|f| f["check"] == "stale-fact").unwrap();
    let path = stale["location"]["path"].as_str().unwrap();
    assert!(path.ends_with("seeds.jsonl#004_e49305c45f08ffdc"), "{path}");
    // Markdown line 18 is line 13 of the text field (five lines of front matter).
    assert_eq!(stale["location"]["line"], 13);
    assert_eq!(stale["location"]["column"], 113);
}

#[test]
fn bad_jsonl_lines_are_warnings_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"id\": \"ok\", \"date\": \"2023-11-29\", \"text\": \"NATO is an alliance of 30 member countries.\"}\n",
            "not json\n",
            "{\"id\": \"notext\"}\n",
            "{\"id\": \"ok\", \"text\": \"duplicate id\"}\n",
            "{\"id\": \"baddate\", \"date\": \"yesterday\", \"text\": \"x\"}\n",
            "{\"id\": \"number\", \"text\": 42}\n",
        ),
    )
    .unwrap();
    let (doc, err) = findings(&file, &[]);
    assert_eq!(doc["summary"]["articles"], 1);
    for (line, what) in [
        (2, "not a JSON object"),
        (3, "no `text` field holding the article's text"),
        (4, "repeats the id `ok`"),
        (5, "must be a date"),
        (6, "no `text` field holding the article's text as a string"),
    ] {
        assert!(err.contains(&format!("a.jsonl:{line}:1: line {line}")) && err.contains(what), "{line}: {err}");
    }
}

#[test]
fn jsonl_field_names_come_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("factdiff.toml"),
        format!(
            "rules = \"{}\"\n[jsonl]\nid = \"slug\"\ntext = \"body\"\ndate = \"published\"\ntitle = \"headline\"\nsource = \"outlet\"\n",
            root().join("rules").display()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.jsonl"),
        "{\"slug\": \"s1\", \"published\": \"2023-11-29T10:00:00Z\", \"body\": \"NATO is an alliance of 30 member countries.\"}\n",
    )
    .unwrap();
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "a.jsonl", "--format", "json", "--no-cache"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["location"]["path"], "a.jsonl#s1");
    assert_eq!(doc["findings"][0]["check"], "stale-fact");
}

// ---------------------------------------------------------------------------------------------
// HTML

/// A word of Markdown as an HTML page would write it: markup characters escaped, typographic
/// ones as character references of every kind (named, decimal, hexadecimal).
fn encode_word(w: &str) -> String {
    let mut s = String::new();
    for c in w.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '’' => s.push_str("&rsquo;"),
            '‘' => s.push_str("&#8216;"),
            '“' => s.push_str("&ldquo;"),
            '”' => s.push_str("&#x201D;"),
            '—' => s.push_str("&mdash;"),
            '€' => s.push_str("&euro;"),
            c => s.push(c),
        }
    }
    s
}

/// One line of Markdown as HTML: words encoded, some wrapped in inline tags, the space after a
/// figure written `&nbsp;` ("$60&nbsp;billion").
fn html_line(line: &str, n: &mut usize) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(if words[i - 1].ends_with(|c: char| c.is_ascii_digit()) { "&nbsp;" } else { " " });
        }
        *n += 1;
        let e = encode_word(w);
        match *n % 7 {
            0 if !w.is_empty() => out.push_str(&format!("<em>{e}</em>")),
            3 if !w.is_empty() => out.push_str(&format!("<a href=\"https://example.org/{n}?a=1&amp;b=2\">{e}</a>")),
            _ => out.push_str(&e),
        }
    }
    out
}

/// A seed article as an HTML page: metadata in `<head>`, paragraphs as `<p>` or `<div>` (lines
/// within one joined by `<br>`), bullet lines as a list, and scripts, styles and comments full
/// of claims that must not be read.
fn html_page(a: &factdiff::corpus::Article, k: usize) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;");
    let mut h = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    if let Some(t) = &a.title {
        h.push_str(&format!("<title>{}</title>\n", esc(t)));
    }
    if let Some(d) = a.date {
        h.push_str(&if k.is_multiple_of(2) {
            format!("<meta name=\"date\" content=\"{d}\">\n")
        } else {
            format!("<meta property=\"article:published_time\" content=\"{d}T09:30:00Z\">\n")
        });
    }
    if let Some(s) = &a.source {
        h.push_str(&format!("<meta property=\"og:site_name\" content=\"{}\">\n", esc(s)));
    }
    h.push_str("<style>\n  p { margin: 0 } /* NATO is an alliance of 29 member countries */\n</style>\n");
    h.push_str("<script>\n  var note = \"Foreign ministers from all 31 NATO member states met in Kiev\";\n  if (1 < 2) { document.write('<p>$99bn for Kiev</p>'); }\n</script>\n");
    h.push_str("</head>\n<body>\n<article>\n");
    let mut n = 0;
    for (i, block) in a.body_text().split("\n\n").enumerate() {
        let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            continue;
        }
        if i % 5 == 2 {
            h.push_str("<!-- NATO: 28 member countries; Kiev; Zelensky -->\n<noscript>Kiev needs $1bn</noscript>\n");
        }
        if lines.iter().all(|l| l.starts_with('•')) {
            h.push_str("<ul>\n");
            for l in &lines {
                h.push_str(&format!("  <li>{}</li>\n", html_line(l, &mut n)));
            }
            h.push_str("</ul>\n");
            continue;
        }
        let body = lines.iter().map(|l| html_line(l, &mut n)).collect::<Vec<_>>().join("<br>\n");
        h.push_str(&if i % 4 == 3 { format!("<div class=\"para\">\n  {body}\n</div>\n") } else { format!("<p>{body}</p>\n") });
    }
    h.push_str("</article>\n<footer><script>track(\"Zelensky\")</script></footer>\n</body>\n</html>\n");
    h
}

/// The HTML at `line:col` (1-based, columns in characters) of `html`.
fn at_line_col(html: &str, line: u64, col: u64) -> String {
    html.split('\n').nth(line as usize - 1).unwrap().chars().skip(col as usize - 1).collect()
}

#[test]
fn html_gives_the_same_findings_as_markdown_located_in_the_html_source() {
    let dir = tempfile::tempdir().unwrap();
    let mut names: Vec<_> = std::fs::read_dir(root().join("corpus")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for (k, p) in names.iter().enumerate() {
        let a = factdiff::corpus::read_article(p).unwrap();
        let ext = if k == 1 { "htm" } else { "html" };
        std::fs::write(dir.path().join(format!("{}.{ext}", p.file_stem().unwrap().to_string_lossy())), html_page(&a, k)).unwrap();
    }
    let (md, _) = findings(&root().join("corpus"), &[]);
    let (html, err) = findings(dir.path(), &[]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(gist(&md), gist(&html));
    assert_eq!(md["summary"]["articles"], html["summary"]["articles"]);

    // Every location points at the same words, now in the HTML source.
    let mut md_findings: Vec<&Value> = md["findings"].as_array().unwrap().iter().collect();
    let mut html_findings: Vec<&Value> = html["findings"].as_array().unwrap().iter().collect();
    md_findings.sort_by_key(|f| finding_gist(f));
    html_findings.sort_by_key(|f| finding_gist(f));
    let mut checked = 0;
    for (m, h) in md_findings.iter().zip(&html_findings) {
        let locs =
            |f: &Value| std::iter::once(f["location"].clone()).chain(f["related"].as_array().unwrap().iter().cloned()).collect::<Vec<_>>();
        for (ml, hl) in locs(m).iter().zip(locs(h)) {
            let md_file = std::fs::read_to_string(root().join(ml["path"].as_str().unwrap())).unwrap();
            let surface = &md_file[ml["byte_start"].as_u64().unwrap() as usize..ml["byte_end"].as_u64().unwrap() as usize];
            let first = encode_word(surface.split_whitespace().next().unwrap());
            let html_file = std::fs::read_to_string(hl["path"].as_str().unwrap()).unwrap();
            let here = at_line_col(&html_file, hl["line"].as_u64().unwrap(), hl["column"].as_u64().unwrap());
            assert!(here.starts_with(&first), "{}:{}:{} should start with {first:?}: {here:.60}", hl["path"], hl["line"], hl["column"]);
            let (bs, be) = (hl["byte_start"].as_u64().unwrap() as usize, hl["byte_end"].as_u64().unwrap() as usize);
            assert!(html_file[bs..be].starts_with(&first), "bytes {bs}..{be}: {:.60}", &html_file[bs..be]);
            let end = at_line_col(&html_file, hl["end_line"].as_u64().unwrap(), hl["end_column"].as_u64().unwrap());
            assert!(html_file[be..].starts_with(&end), "end_line/end_column and byte_end agree");
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} locations checked");
}

#[test]
fn html_that_a_reader_does_not_see_gives_no_claims() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hidden.html"),
        "<html><head><meta name=date content=2023-11-29><title>Alliance news</title>\n\
         <style>/* NATO is an alliance of 30 member countries */ .kiev { }</style>\n\
         <script>var s = 'NATO is an alliance of 30 member countries in Kiev'; if (a<b) {}</script>\n\
         <script type=\"application/ld+json\">{\"articleBody\": \"Congress stalled a $60bn package of proposed U.S. aid to Ukraine\"}</script></head>\n\
         <body><!-- NATO is an alliance of 30 member countries. Kiev. -->\n\
         <noscript>NATO is an alliance of 30 member countries.</noscript>\n\
         <template><p>NATO is an alliance of 30 member countries.</p></template>\n\
         <p data-note=\"NATO is an alliance of 30 member countries\">Nothing to see here.</p></body></html>\n",
    )
    .unwrap();
    let (doc, err) = findings(dir.path(), &[]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(doc["summary"]["articles"], 1);
    assert_eq!(doc["summary"]["claims"], 0, "{doc:#}");
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0, "{doc:#}");
}

#[test]
fn html_suppressions_work_and_show_source_shows_the_html_line() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><meta name=\"date\" content=\"2023-11-29\"></head><body>\n\
                <p>NATO is an alliance of 30 member countries.</p>\n\
                <!-- factdiff-ignore stale-fact: quoting the 2020 fact sheet -->\n\
                <p>The fact sheet said: NATO is an alliance of <b>30</b> member countries.</p>\n\
                <p><!-- factdiff-ignore kyiv-spelling -->Support for Kiev continued.</p>\n\
                </body></html>\n";
    std::fs::write(dir.path().join("a.html"), html).unwrap();
    let (doc, _) = findings(dir.path(), &[]);
    let got: Vec<(String, u64, u64)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["check"].as_str().unwrap().to_string(), f["location"]["line"].as_u64().unwrap(), f["location"]["column"].as_u64().unwrap())
        })
        .collect();
    // The first paragraph's stale count is reported where "30" is in the HTML; the second is
    // silenced; the Kiev suppression has no reason, so it is reported and not applied.
    let col = |line: usize, word: &str| html.lines().nth(line - 1).unwrap().find(word).unwrap() as u64 + 1;
    assert_eq!(
        got,
        vec![
            ("stale-fact".to_string(), 2, col(2, "30")),
            ("suppression".to_string(), 5, col(5, "<!--")),
            ("spelling-variant".to_string(), 5, col(5, "Kiev")),
        ]
    );

    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["check", "--format", "concise", "--show-source", "--no-cache", "--rules", "rules", "--select", "stale-fact"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("a.html:2:{}: error stale-fact", col(2, "30"))), "{text}");
    assert!(text.contains("2 | <p>NATO is an alliance of 30 member countries.</p>"), "{text}");
    assert!(text.contains("^^"), "{text}");
}

/// A file reached through two inputs ("corpus" and "./corpus/003_....md") is one article: it
/// is not compared with itself, and the name given on the command line is kept.
#[test]
fn a_file_named_twice_is_one_article() {
    let dir = root().join("corpus");
    let file = dir.join(".").join("003_25fc6714e320a4db.md");
    let rules = factdiff::rules::load(&root().join("rules")).unwrap();
    let once = factdiff::app::analyze(std::slice::from_ref(&dir), &rules, &[]).unwrap();
    let twice = factdiff::app::analyze(&[dir.clone(), file.clone()], &rules, &[]).unwrap();
    assert_eq!(twice.corpus.articles.len(), once.corpus.articles.len());
    assert!(twice.corpus.articles.iter().any(|a| Path::new(&a.path) == file), "the named path is kept");
    let gist = |r: &factdiff::app::Run| r.output.findings.iter().map(|f| (f.check, f.message.clone())).collect::<Vec<_>>();
    assert_eq!(gist(&twice), gist(&once), "no finding of an article against itself");
}

/// The commands that take one article or a few files read a `.jsonl` file's lines as articles:
/// `quantities` lists what each line's text holds (not the JSON around it), `review` and `diff`
/// take `FILE.jsonl#ID`, and a `.jsonl` file without an id is refused with the ids it holds.
#[test]
fn jsonl_articles_for_quantities_review_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"id\": \"a1\", \"title\": \"NATO one\", \"date\": \"2023-11-29\", \"text\": \"NATO is an alliance of 30 member countries.\"}\n",
            "{\"id\": \"a2\", \"date\": \"2024-04-05\", \"text\": \"NATO now has 32 members, its ministers said on Thursday.\"}\n",
        ),
    )
    .unwrap();
    let factdiff = |args: &[&str]| {
        let out = Command::cargo_bin("factdiff").unwrap().current_dir(dir.path()).env("NO_COLOR", "1").args(args).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, out, err) = factdiff(&["quantities", "feed.jsonl", "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let rows: Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    let surfaces: Vec<(&str, &str)> = rows.iter().map(|r| (r["path"].as_str().unwrap(), r["surface"].as_str().unwrap())).collect();
    assert!(surfaces.contains(&("feed.jsonl#a1", "30")), "{surfaces:?}");
    assert!(surfaces.contains(&("feed.jsonl#a2", "Thursday")), "{surfaces:?}");
    // The id, the date field and the title are not text: "2023-11-29" is read once, in no row.
    assert!(rows.iter().all(|r| r["surface"] != "2023-11-29" && r["surface"] != "one"), "{surfaces:?}");
    // "on Thursday" in the second line is read against that line's own date (2024-04-05).
    let thursday = rows.iter().find(|r| r["surface"] == "Thursday").unwrap();
    assert_eq!(thursday["value"]["date"]["resolved"], "2024-04-04", "{thursday}");
    let rules = root().join("rules");
    let rules = rules.to_str().unwrap();
    let (code, out, err) =
        factdiff(&["review", "feed.jsonl#a1", "--against", "feed.jsonl", "--rules", rules, "--no-cache", "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("feed.jsonl#a1"), "{out}");
    let (code, _, err) = factdiff(&["review", "feed.jsonl", "--against", "feed.jsonl", "--rules", rules, "--no-cache"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("name one as feed.jsonl#ID") && err.contains("a1, a2"), "{err}");
    let (code, out, err) = factdiff(&["diff", "feed.jsonl#a1", "feed.jsonl#a2", "--rules", rules, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("feed.jsonl#a2"), "{out}");
    let (code, _, err) = factdiff(&["diff", "feed.jsonl#a1", "feed.jsonl#a9", "--rules", rules]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no article with the id `a9`") && err.contains("a1, a2"), "{err}");
}
