//! The corpus: walking the paths given on the command line (respecting `.gitignore`, `.ignore`
//! and `.factdiffignore` files), reading each article (Markdown or text, a line of a `.jsonl`
//! file, or the readable text of an HTML page), splitting its front matter, settling its date,
//! and indexing its lines. Hands on [`Article`]s, sorted by path, plus a warning for each file
//! that could not be read — a skipped file is never silent.

mod date;
mod frontmatter;
pub mod html;
mod lines;
mod source_map;

pub use date::{detect_date, DateSource};
pub use frontmatter::{split as split_front_matter, FrontMatter};
pub use lines::LineIndex;
pub use source_map::SourceMap;

use crate::error::{InputWarning, LineCol};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// File extensions read as articles when walking a folder (`.jsonl` holds one article a line;
/// `.html` and `.htm` are read as their readable text).
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "jsonl", "html", "htm"];

/// Whether `p` names an HTML article (`.html`, `.htm`).
pub fn is_html(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Field names of a `.jsonl` article line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct JsonlFields {
    /// The article's id, shown in locations as `file.jsonl#id`.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Date (YYYY-MM-DD, or a timestamp starting with one).
    pub date: String,
    /// Outlet.
    pub source: String,
    /// The article text.
    pub text: String,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields { id: "id".into(), title: "title".into(), date: "date".into(), source: "source".into(), text: "text".into() }
    }
}

/// One article: its text (spans index into it), where the body starts, its metadata and a line
/// index. For Markdown and text files the text is the file as read; for HTML it is the page's
/// readable text, and `source_map` leads from it back to the HTML for locations.
#[derive(Debug, Clone)]
pub struct Article {
    /// The path as shown in reports (as walked from the paths given, `/`-separated).
    pub path: String,
    /// The text checks read; every span in factdiff is a byte range into this. The whole file
    /// for Markdown and text, the readable text for HTML.
    pub text: String,
    /// The article body, after any front matter.
    pub body: Range<usize>,
    /// Headline from front matter.
    pub title: Option<String>,
    /// Outlet or origin from front matter.
    pub source: Option<String>,
    /// The article's date, and where it came from.
    pub date: Option<NaiveDate>,
    /// How the date was found.
    pub date_source: DateSource,
    /// Line starts of the file (of the HTML source for HTML), for output.
    pub lines: LineIndex,
    /// For HTML: readable-text offsets → offsets of the HTML source, which it holds.
    pub source_map: Option<Box<SourceMap>>,
}

impl Article {
    /// Whether the article is a corrections column ("Corrections and clarifications", "For the
    /// record", by its title): it repeats what other articles got wrong on purpose, so its
    /// figures are no claims and its spellings no uses.
    pub fn is_corrections_column(&self) -> bool {
        self.title.as_deref().is_some_and(|t| {
            let t = t.trim().to_lowercase();
            ["correction", "corrections", "clarification", "clarifications", "for the record", "corrections and clarifications"].iter().any(
                |w| t == *w || t.starts_with(&format!("{w}:")) || t.starts_with(&format!("{w} and ")) || t.starts_with(&format!("{w},")),
            )
        })
    }

    /// Build an article from parts (a `.jsonl` line): the text is all body, the date as given
    /// or else found in the text like a file's.
    pub fn from_parts(path: String, text: String, title: Option<String>, date: Option<NaiveDate>, source: Option<String>) -> Article {
        let (date, date_source) = match date {
            Some(d) => (Some(d), DateSource::FrontMatter),
            None => match date::detect_date(&text) {
                Some((d, src)) => (Some(d), src),
                None => (None, DateSource::Unknown),
            },
        };
        let lines = LineIndex::new(&text);
        Article { path, body: 0..text.len(), title, source, date, date_source, lines, text, source_map: None }
    }

    /// Build an article from a file's text. Errors name the line of bad front matter. HTML
    /// comments in the body are not read (see [`blank_comments`]).
    pub fn from_text(path: impl Into<String>, text: String) -> Result<Article, InputWarning> {
        let path = path.into();
        let split = split_or_warn(&path, &text)?;
        let body = split.body_start..text.len();
        let text = blank_comments(text, body.start);
        let (date, date_source) = match split.meta.date {
            Some(d) => (Some(d), DateSource::FrontMatter),
            None => match date::detect_date(&text[body.clone()]) {
                Some((d, src)) => (Some(d), src),
                None => (None, DateSource::Unknown),
            },
        };
        let lines = LineIndex::new(&text);
        Ok(Article { path, body, title: split.meta.title, source: split.meta.source, date, date_source, lines, text, source_map: None })
    }

    /// Build an article from an HTML page: checks read its readable text (see
    /// [`html`]); front matter, if the file has some, wins over the page's own metadata.
    pub fn from_html(path: impl Into<String>, file: String) -> Result<Article, InputWarning> {
        let path = path.into();
        // The source map counts in u32, and decoding a few references (`&nGt;`) lengthens the
        // text a little: 2 GiB keeps both the file and its readable text in range.
        if file.len() > (u32::MAX / 2) as usize {
            return Err(InputWarning {
                path,
                at: None,
                message: "HTML file larger than 2 GiB; factdiff reads HTML articles up to 2 GiB, so the file was skipped".into(),
            });
        }
        let split = split_or_warn(&path, &file)?;
        let lines = LineIndex::new(&file);
        let page = html::extract(file, split.body_start);
        let meta = split.meta;
        let (date, date_source) = match (meta.date, page.date) {
            (Some(d), _) => (Some(d), DateSource::FrontMatter),
            (None, Some(d)) => (Some(d), DateSource::Metadata),
            (None, None) => match date::detect_date(&page.text) {
                Some((d, src)) => (Some(d), src),
                None => (None, DateSource::Unknown),
            },
        };
        Ok(Article {
            path,
            body: 0..page.text.len(),
            title: meta.title.or(page.title),
            source: meta.source.or(page.source),
            date,
            date_source,
            lines,
            text: page.text,
            source_map: Some(Box::new(page.map)),
        })
    }

    /// Build an article from a file's text, read as HTML or as Markdown/text by `path`'s
    /// extension.
    pub fn from_file_text(path: impl Into<String>, text: String) -> Result<Article, InputWarning> {
        let path = path.into();
        if is_html(Path::new(&path)) {
            Article::from_html(path, text)
        } else {
            Article::from_text(path, text)
        }
    }

    /// The body text.
    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// The file as read: the HTML source of an HTML article, else [`Article::text`].
    pub fn file_text(&self) -> &str {
        self.source_map.as_deref().map_or(&self.text, SourceMap::source)
    }

    /// The byte range in the file of a span of [`Article::text`] (the same range except for
    /// HTML).
    pub fn file_span(&self, span: &Range<usize>) -> Range<usize> {
        match &self.source_map {
            Some(m) => m.to_source_span(span),
            None => span.clone(),
        }
    }

    /// Line and column in the file of a byte offset of [`Article::text`].
    pub fn line_col(&self, offset: usize) -> LineCol {
        let at = self.source_map.as_deref().map_or(offset, |m| m.to_source(offset));
        self.file_line_col(at)
    }

    /// Line and column of a byte offset of the file ([`Article::file_text`]).
    pub fn file_line_col(&self, file_offset: usize) -> LineCol {
        self.lines.line_col(self.file_text(), file_offset)
    }

    /// A short name for tables: the file name without folders.
    pub fn short_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// Front matter split off `text`, or a warning naming its line.
fn split_or_warn(path: &str, text: &str) -> Result<frontmatter::Split, InputWarning> {
    frontmatter::split(text).map_err(|e| InputWarning {
        path: path.to_string(),
        at: Some(e.at),
        message: format!("{}; the article was skipped", e.message),
    })
}

/// The articles read and the files that could not be.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Articles, sorted by path.
    pub articles: Vec<Article>,
    /// One warning per file skipped or partly read.
    pub warnings: Vec<InputWarning>,
}

/// A path given on the command line that does not exist: an error, not a warning, because the
/// user named it.
#[derive(Debug, thiserror::Error)]
#[error("{path}: no such file or folder; check the path (paths are relative to the current folder)")]
pub struct MissingPath {
    /// The path as given.
    pub path: String,
}

/// Walk `paths` and read every article. Files named explicitly are read whatever their
/// extension is not; folders contribute their `.md`, `.markdown`, `.txt`, `.jsonl`, `.html` and
/// `.htm` files.
pub fn load(paths: &[PathBuf]) -> Result<Corpus, MissingPath> {
    load_with(paths, &JsonlFields::default(), &crate::progress::Silent)
}

/// [`load`] with the field names of `.jsonl` files, reporting each file read to `progress`.
pub fn load_with(paths: &[PathBuf], fields: &JsonlFields, progress: &dyn crate::progress::Progress) -> Result<Corpus, MissingPath> {
    Ok(read_files(walk(paths)?, fields, progress))
}

/// The article files under `paths`, sorted, one name per file, and the problems met while
/// walking (before anything is read).
#[derive(Debug, Default)]
pub struct Files {
    /// Article files, sorted.
    pub files: Vec<PathBuf>,
    /// Folders that could not be walked.
    pub warnings: Vec<InputWarning>,
}

/// Find the article files under `paths` without reading them.
pub fn walk(paths: &[PathBuf]) -> Result<Files, MissingPath> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        if !p.exists() && p.symlink_metadata().is_err() {
            return Err(MissingPath { path: display_path(p) });
        }
        if p.is_file() {
            files.push(p.clone());
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(p);
        builder.require_git(false).add_custom_ignore_filename(".factdiffignore").follow_links(true).sort_by_file_name(|a, b| a.cmp(b));
        for entry in builder.build() {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file()) && has_article_extension(e.path()) {
                        files.push(e.into_path());
                    }
                }
                Err(err) => warnings.push(InputWarning { path: display_path(p), at: None, message: format!("could not walk: {err}") }),
            }
        }
    }
    files.sort();
    files.dedup();
    if paths.len() > 1 {
        files = one_name_per_file(files, paths);
    }
    Ok(Files { files, warnings })
}

/// Read the files a [`walk`] found (in parallel), reporting each to `progress`.
pub fn read_files(found: Files, fields: &JsonlFields, progress: &dyn crate::progress::Progress) -> Corpus {
    let Files { files, mut warnings } = found;
    progress.start("reading", files.len() as u64);
    let results: Vec<Vec<Result<Article, InputWarning>>> = files
        .par_iter()
        .map(|f| {
            let read =
                if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl")) { read_jsonl(f, fields) } else { vec![read_article(f)] };
            progress.advance(1);
            read
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for r in results.into_iter().flatten() {
        match r {
            Ok(a) => articles.push(a),
            Err(w) => warnings.push(w),
        }
    }
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    Corpus { articles, warnings }
}

/// Several inputs may name one file twice ("a.md" and the folder "." holding it): keep one
/// name per file, so an article is never compared with itself. A file named on the command
/// line keeps that name; otherwise the first name in sorted order wins.
fn one_name_per_file(files: Vec<PathBuf>, inputs: &[PathBuf]) -> Vec<PathBuf> {
    let named: std::collections::HashSet<&PathBuf> = inputs.iter().filter(|p| p.is_file()).collect();
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| !named.contains(&files[i]));
    let mut seen = std::collections::HashSet::new();
    let mut keep = vec![false; files.len()];
    for i in order {
        keep[i] = seen.insert(files[i].canonicalize().unwrap_or_else(|_| files[i].clone()));
    }
    files.into_iter().zip(keep).filter_map(|(f, k)| k.then_some(f)).collect()
}

fn has_article_extension(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The path as shown in reports: `/`-separated, without a leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Read one file as an article, or say why it cannot be read.
pub fn read_article(p: &Path) -> Result<Article, InputWarning> {
    let path = display_path(p);
    let warn = |message: String, at: Option<LineCol>| InputWarning { path: path.clone(), at, message };
    if !has_article_extension(p) {
        return Err(warn(
            format!(
                "unsupported file type; factdiff reads {} files, so the file was skipped",
                ARTICLE_EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ")
            ),
            None,
        ));
    }
    let bytes = std::fs::read(p).map_err(|e| warn(format!("could not read ({e}); the file was skipped"), None))?;
    let text = decode(bytes).map_err(|(msg, at)| warn(msg, at))?;
    if is_html(p) {
        Article::from_html(path.clone(), text)
    } else {
        Article::from_text(path.clone(), text)
    }
}

/// `text` with the HTML comments after byte `from` (`<!-- old figure: 30 members -->`, an
/// editor's note that Markdown does not show) turned to blanks, line breaks kept, so no check
/// reads them and every other byte keeps its offset, line and column. factdiff's own comments
/// (`<!-- factdiff-ignore ... -->`, a fixture's `<!-- expect: ID -->`) stay as written: the
/// suppression pass and `rules test` read them. An unclosed comment is left alone (Markdown
/// shows it as text).
pub fn blank_comments(text: String, from: usize) -> String {
    let Some(first) = text.get(from..).and_then(|t| t.find("<!--")) else { return text };
    let mut out = String::with_capacity(text.len());
    let (mut done, mut at) = (0, from + first);
    while let Some(open) = text[at..].find("<!--").map(|i| at + i) {
        let Some(close) = text[open + 4..].find("-->").map(|i| open + 4 + i + 3) else { break };
        let inner = text[open + 4..close - 3].trim_start();
        if !inner.starts_with("factdiff-") && !inner.starts_with("expect:") {
            out.push_str(&text[done..open]);
            // Each character becomes one blank of its own length in bytes, so offsets, lines
            // and columns (counted in characters) after it stay those of the file.
            out.extend(text[open..close].chars().map(|c| match (c, c.len_utf8()) {
                ('\n' | '\r', _) => c,
                (_, 1) => ' ',
                (_, 2) => '\u{A0}',
                (_, 3) => '\u{2002}',
                _ => '\u{E0020}',
            }));
            done = close;
        }
        at = close;
    }
    out.push_str(&text[done..]);
    out
}

/// Whether `p` is a `.jsonl` file (one article a line).
pub fn is_jsonl(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// Every article of one file: the lines of a `.jsonl` file, else the file as one article.
pub fn read_file_articles(p: &Path, fields: &JsonlFields) -> Vec<Result<Article, InputWarning>> {
    if is_jsonl(p) {
        read_jsonl(p, fields)
    } else {
        vec![read_article(p)]
    }
}

/// The file and article id of `FILE.jsonl#ID`, the way reports locate an article of a `.jsonl`
/// file; `None` for any other spelling (a plain path).
pub fn jsonl_spec(spec: &str) -> Option<(&Path, &str)> {
    let (file, id) = spec.rsplit_once('#')?;
    let file = Path::new(file);
    (is_jsonl(file) && !id.is_empty()).then_some((file, id))
}

/// One article named as a command line names it: a file, or `FILE.jsonl#ID` for one line of a
/// `.jsonl` file. A `.jsonl` file without an id is refused with the ids it holds, since it is
/// many articles.
pub fn read_named(spec: &str, fields: &JsonlFields) -> Result<Article, String> {
    if let Some((file, id)) = jsonl_spec(spec) {
        let all = read_jsonl(file, fields);
        let wanted = format!("{}#{id}", display_path(file));
        let mut ids = Vec::new();
        for a in all {
            match a {
                Ok(a) if a.path == wanted => return Ok(a),
                Ok(a) => ids.push(a.path.rsplit_once('#').map_or(String::new(), |(_, i)| i.to_string())),
                Err(w) if w.at.is_none() => return Err(w.to_string()),
                Err(_) => {}
            }
        }
        return Err(format!("{spec}: {} has no article with the id `{id}`; its ids: {}", display_path(file), list_ids(&ids)));
    }
    let path = Path::new(spec);
    if is_jsonl(path) {
        let ids: Vec<String> = read_jsonl(path, fields)
            .into_iter()
            .filter_map(Result::ok)
            .map(|a| a.path.rsplit_once('#').map_or(String::new(), |(_, i)| i.to_string()))
            .collect();
        return Err(format!("{spec}: a .jsonl file holds one article a line; name one as {spec}#ID (its ids: {})", list_ids(&ids)));
    }
    read_article(path).map_err(|w| w.to_string())
}

/// Ids for a message: the first few, and how many more.
fn list_ids(ids: &[String]) -> String {
    match ids.len() {
        0 => "none".to_string(),
        n if n <= 8 => ids.join(", "),
        n => format!("{}, and {} more", ids[..8].join(", "), n - 8),
    }
}

/// Read a `.jsonl` file: one JSON object a line, one article each, located as
/// `file.jsonl#id`. A bad line is a warning naming its line; the other lines are read.
pub fn read_jsonl(p: &Path, fields: &JsonlFields) -> Vec<Result<Article, InputWarning>> {
    let path = display_path(p);
    let warn = |message: String, line: Option<usize>| InputWarning {
        path: path.clone(),
        at: line.map(|l| LineCol { line: l, column: 1 }),
        message,
    };
    let bytes = match std::fs::read(p) {
        Ok(b) => b,
        Err(e) => return vec![Err(warn(format!("could not read ({e}); the file was skipped"), None))],
    };
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((m, at)) => return vec![Err(InputWarning { path: path.clone(), at, message: m })],
    };
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let n = i + 1;
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.push(Err(warn(format!("line {n} is not a JSON object ({e}); that article was skipped"), Some(n))));
                continue;
            }
        };
        let field = |name: &str| v.get(name).and_then(|x| x.as_str().map(str::to_string).or_else(|| x.as_i64().map(|i| i.to_string())));
        // The text must be a string: `"text": 42` is no article (only an id may be a number).
        let Some(body) = v.get(&fields.text).and_then(|x| x.as_str()).map(str::to_string) else {
            out.push(Err(warn(format!("line {n} has no `{}` field holding the article's text as a string; that article was skipped (set [jsonl] text = \"...\" in factdiff.toml if the field has another name)", fields.text), Some(n))));
            continue;
        };
        let id = field(&fields.id).unwrap_or_else(|| format!("line{n}"));
        if !seen.insert(id.clone()) {
            out.push(Err(warn(format!("line {n} repeats the id `{id}`; that article was skipped"), Some(n))));
            continue;
        }
        let date = match field(&fields.date) {
            None => None,
            Some(d) => match NaiveDate::parse_from_str(d.get(..10).unwrap_or(&d), "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    out.push(Err(warn(
                        format!("line {n}: `{}` must be a date such as 2023-11-29, found `{d}`; that article was skipped", fields.date),
                        Some(n),
                    )));
                    continue;
                }
            },
        };
        out.push(Ok(Article::from_parts(format!("{path}#{id}"), body, field(&fields.title), date, field(&fields.source))));
    }
    out
}

/// Bytes to text, or a message saying why the file is not a UTF-8 article.
fn decode(bytes: Vec<u8>) -> Result<String, (String, Option<LineCol>)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(("UTF-16 text; factdiff reads UTF-8 (convert with `iconv -f UTF-16 -t UTF-8`), so the file was skipped".into(), None));
    }
    // memchr, not a byte loop: 8 KiB is most of a news article, and the loop took a third of
    // the time to read a corpus.
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(("binary file (contains NUL bytes), so it was skipped".into(), None));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let at = LineIndex::new(&prefix).line_col(&prefix, valid);
            Err((
                format!(
                    "invalid UTF-8 at byte {valid}; save the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`), so the file was skipped"
                ),
                Some(at),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Markdown article's HTML comments become spaces (lines and offsets kept, multi-byte
    /// characters inside them too); factdiff's own comments, a fixture's markers, an unclosed
    /// comment and the front matter stay as written.
    #[test]
    fn html_comments_in_markdown_are_not_read() {
        let file = "+++\ntitle = \"<!-- t -->\"\n+++\nA <!-- NATO had\n30 members — “old” -->B\n<!-- factdiff-ignore x: y --> <!-- expect: stale-fact -->\nC <!-- open";
        let a = Article::from_text("a.md", file.to_string()).unwrap();
        assert_eq!(a.text.len(), file.len());
        assert_eq!(a.text.lines().count(), file.lines().count());
        assert!(a.text.starts_with("+++\ntitle = \"<!-- t -->\"\n+++\nA "));
        assert!(!a.text.contains("NATO") && !a.text.contains("30") && !a.text.contains('—'));
        assert!(a.text.contains("<!-- factdiff-ignore x: y --> <!-- expect: stale-fact -->\nC <!-- open"));
        let b = a.text.find('B').unwrap();
        assert_eq!(a.line_col(b), LineIndex::new(file).line_col(file, file.find('B').unwrap()));
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let (msg, at) = decode(b"ok line\nbad \xff here".to_vec()).unwrap_err();
        assert!(msg.contains("invalid UTF-8"), "{msg}");
        assert_eq!(at, Some(LineCol { line: 2, column: 5 }));
    }

    #[test]
    fn utf16_and_binary_are_refused_with_reason() {
        assert!(decode(vec![0xFF, 0xFE, b'a', 0]).unwrap_err().0.contains("UTF-16"));
        assert!(decode(vec![b'a', 0, b'b']).unwrap_err().0.contains("binary"));
    }

    #[test]
    fn article_date_from_front_matter_wins() {
        let a = Article::from_text("a.md", "+++\ndate = 2023-11-29\n+++\nNovember 30, 2022 text".into()).unwrap();
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 11, 29));
        assert_eq!(a.date_source, DateSource::FrontMatter);
    }
}
