//! Front matter at the top of an article: `+++` TOML or `---` YAML, holding `title`, `date`
//! and `source`. Other keys are allowed (newsroom CMS exports carry many) and ignored; a key we
//! read with a value of the wrong shape is an error naming the line.

use crate::error::LineCol;
use chrono::NaiveDate;

/// What the front matter says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Outlet or origin.
    pub source: Option<String>,
}

/// The front matter of `text` and the byte offset where the body begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// Parsed front matter (default when there is none).
    pub meta: FrontMatter,
    /// Byte offset of the first byte of the body.
    pub body_start: usize,
}

/// A front matter block that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// Where in the file.
    pub at: LineCol,
    /// What is wrong and what to do.
    pub message: String,
}

/// Split `text` into front matter and body. Text without a front matter fence is all body.
pub fn split(text: &str) -> Result<Split, FrontMatterError> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let rest = &text[bom..];
    let fence = if rest.starts_with("+++") {
        "+++"
    } else if rest.starts_with("---") {
        "---"
    } else {
        return Ok(Split { meta: FrontMatter::default(), body_start: 0 });
    };
    let first_line_end = match rest.find('\n') {
        Some(i) => i + 1,
        None => return Ok(Split { meta: FrontMatter::default(), body_start: 0 }),
    };
    if rest[..first_line_end].trim_end() != fence {
        // "---" followed by text is a Markdown rule or prose, not a fence.
        return Ok(Split { meta: FrontMatter::default(), body_start: 0 });
    }
    let mut offset = first_line_end;
    let mut close = None;
    for line in rest[first_line_end..].split_inclusive('\n') {
        if line.trim_end() == fence {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((block_end, body_start)) = close else {
        return Err(FrontMatterError {
            at: LineCol { line: 1, column: 1 },
            message: format!("front matter opened with `{fence}` is never closed; add a line `{fence}` after it"),
        });
    };
    let block = &rest[first_line_end..block_end];
    // Line numbers in the block are reported relative to the file.
    let line_offset = 1;
    let meta = if fence == "+++" { parse_toml(block, line_offset)? } else { parse_yaml(block, line_offset)? };
    Ok(Split { meta, body_start: bom + body_start })
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    // Accept a full timestamp too ("2023-11-29T10:00:00Z"): the day is what matters.
    let day = v.get(..10).unwrap_or(v);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

fn parse_toml(block: &str, line_offset: usize) -> Result<FrontMatter, FrontMatterError> {
    let table: toml::Table = block.parse().map_err(|e: toml::de::Error| {
        let at = e.span().map(|s| offset_to_linecol(block, s.start, line_offset)).unwrap_or(LineCol { line: line_offset + 1, column: 1 });
        FrontMatterError { at, message: format!("invalid TOML front matter: {}", e.message()) }
    })?;
    let mut meta = FrontMatter::default();
    for (key, value) in &table {
        let at = key_line(block, key, line_offset);
        match key.as_str() {
            "title" | "source" => {
                let s = value.as_str().ok_or_else(|| FrontMatterError { at, message: format!("`{key}` must be a string") })?;
                if key == "title" {
                    meta.title = Some(s.to_string());
                } else {
                    meta.source = Some(s.to_string());
                }
            }
            "date" => {
                let parsed = match value {
                    toml::Value::Datetime(d) => parse_date(&d.to_string()),
                    toml::Value::String(s) => parse_date(s),
                    _ => None,
                };
                meta.date = Some(parsed.ok_or_else(|| FrontMatterError {
                    at,
                    message: format!("`date` must be a date such as 2023-11-29, found `{value}`"),
                })?);
            }
            _ => {}
        }
    }
    Ok(meta)
}

fn parse_yaml(block: &str, line_offset: usize) -> Result<FrontMatter, FrontMatterError> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(block).map_err(|e| FrontMatterError {
        at: LineCol { line: line_offset + e.marker().line(), column: e.marker().col() + 1 },
        message: format!("invalid YAML front matter: {}", e.info()),
    })?;
    let mut meta = FrontMatter::default();
    let Some(doc) = docs.first() else { return Ok(meta) };
    let Yaml::Hash(map) = doc else {
        return Err(FrontMatterError {
            at: LineCol { line: line_offset + 1, column: 1 },
            message: "YAML front matter must be a mapping of keys to values (title: ..., date: ...)".into(),
        });
    };
    for (k, v) in map {
        let Some(key) = k.as_str() else { continue };
        let at = key_line(block, key, line_offset);
        let text = match v {
            Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            _ => None,
        };
        match key {
            "title" => meta.title = text,
            "source" => meta.source = text,
            "date" => {
                meta.date = Some(
                    text.as_deref()
                        .and_then(parse_date)
                        .ok_or_else(|| FrontMatterError { at, message: "`date` must be a date such as 2023-11-29".into() })?,
                )
            }
            _ => {}
        }
    }
    Ok(meta)
}

fn key_line(block: &str, key: &str, line_offset: usize) -> LineCol {
    for (i, line) in block.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with(key) && t[key.len()..].trim_start().starts_with(['=', ':']) {
            return LineCol { line: line_offset + i + 1, column: line.len() - t.len() + 1 };
        }
    }
    LineCol { line: line_offset + 1, column: 1 }
}

fn offset_to_linecol(block: &str, offset: usize, line_offset: usize) -> LineCol {
    let offset = offset.min(block.len());
    let before = block.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    LineCol { line: line + line_offset, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter() {
        let s = split("+++\ntitle = \"T\"\ndate = 2023-11-29\nsource = \"S\"\ntags = [\"x\"]\n+++\nBody").unwrap();
        assert_eq!(s.meta.title.as_deref(), Some("T"));
        assert_eq!(s.meta.date, NaiveDate::from_ymd_opt(2023, 11, 29));
        assert_eq!(s.meta.source.as_deref(), Some("S"));
        assert_eq!(&"+++\ntitle = \"T\"\ndate = 2023-11-29\nsource = \"S\"\ntags = [\"x\"]\n+++\nBody"[s.body_start..], "Body");
    }

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: A title\ndate: 2022-11-30\n---\nBody";
        let s = split(text).unwrap();
        assert_eq!(s.meta.title.as_deref(), Some("A title"));
        assert_eq!(s.meta.date, NaiveDate::from_ymd_opt(2022, 11, 30));
        assert_eq!(&text[s.body_start..], "Body");
    }

    #[test]
    fn bad_date_names_its_line() {
        let e = split("+++\ntitle = \"T\"\ndate = \"yesterday\"\n+++\nBody").unwrap_err();
        assert_eq!(e.at.line, 3);
        assert!(e.message.contains("date"), "{}", e.message);
    }

    #[test]
    fn unclosed_fence_is_an_error() {
        assert!(split("+++\ntitle = \"T\"\nBody").is_err());
    }

    #[test]
    fn markdown_rule_is_not_a_fence() {
        assert_eq!(split("--- not a fence\ntext").unwrap().body_start, 0);
        assert_eq!(split("No front matter").unwrap().body_start, 0);
    }
}
