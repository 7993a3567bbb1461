//! `factdiff.toml`: project settings, found upward from the working directory (or given with
//! `--config`, or ignored with `--isolated`). Command-line flags win over the file, and the file
//! over the defaults. Strict like the rules: an unknown key is an error naming its line.
//!
//! ```toml
//! rules = "rules"                  # rule file or folder, relative to this file
//! paths = ["corpus"]               # what `factdiff check` reads by default
//! exclude = ["corpus/drafts/**"]   # globs of articles to leave out
//! fail-on = "warning"
//!
//! [near-verbatim]                  # overrides the rules' [near-verbatim] table
//! min-words = 30
//! similarity = 0.85
//!
//! [[per-path]]                     # checks switched off for some articles
//! paths = ["corpus/archive/**"]
//! ignore = ["stale-fact"]
//!
//! [jsonl]                          # field names of .jsonl articles (these are the defaults)
//! id = "id"
//! text = "text"
//! ```

use crate::cli::FailOn;
use crate::error::RuleError;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = "factdiff.toml";

#[derive(Debug, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rules: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    paths: Option<Vec<PathBuf>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    exclude: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fail_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    near_verbatim: Option<NearVerbatimOverride>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    per_path: Vec<PerPathRaw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jsonl: Option<crate::corpus::JsonlFields>,
}

/// Overrides of the `[near-verbatim]` settings.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NearVerbatimOverride {
    /// Shortest passage reported, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_words: Option<usize>,
    /// Required word similarity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
}

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PerPathRaw {
    paths: Vec<String>,
    ignore: Vec<String>,
}

/// Checks switched off for some articles.
#[derive(Debug, Clone)]
pub struct PerPath {
    /// The globs as written.
    pub paths: Vec<String>,
    /// Matcher of the globs.
    pub set: GlobSet,
    /// Check or rule ids ignored there.
    pub ignore: Vec<String>,
}

/// The resolved project configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from (`None`: defaults only).
    pub file: Option<PathBuf>,
    /// Rules path, resolved against the file's folder.
    pub rules: Option<PathBuf>,
    /// Article paths, resolved against the file's folder.
    pub paths: Option<Vec<PathBuf>>,
    /// Exclusion globs as written.
    pub exclude: Vec<String>,
    /// Matcher of the exclusion globs.
    pub exclude_set: Option<GlobSet>,
    /// Failure threshold.
    pub fail_on: Option<FailOn>,
    /// Near-verbatim overrides.
    pub near_verbatim: NearVerbatimOverride,
    /// Per-path check switches.
    pub per_path: Vec<PerPath>,
    /// Explain compatible values as notes (`--verbose`; not a file setting).
    pub verbose: bool,
    /// Field names of `.jsonl` articles.
    pub jsonl: crate::corpus::JsonlFields,
}

/// The nearest `factdiff.toml` in `start` or its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

fn glob_set(path: &Path, src: &str, globs: &[String]) -> Result<GlobSet, RuleError> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| RuleError {
            path: path.to_path_buf(),
            at: src.find(g.as_str()).map(|i| crate::corpus::LineIndex::new(src).line_col(src, i)),
            message: format!("invalid glob `{g}`: {e}"),
            hint: Some("globs look like `corpus/drafts/**` or `**/*.txt`".into()),
        })?;
        b.add(glob);
    }
    b.build().map_err(|e| RuleError { path: path.to_path_buf(), at: None, message: e.to_string(), hint: None })
}

/// The folder of the configuration file as a path from the working directory: `` (here),
/// `../..` (a parent, the usual case after discovery), or as given. Keeps reported article
/// paths short and relative.
fn relative_base(dir: &Path) -> PathBuf {
    let (Ok(cwd), Ok(abs)) = (std::env::current_dir(), dir.canonicalize()) else { return dir.to_path_buf() };
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    match cwd.strip_prefix(&abs) {
        Ok(down) => down.components().map(|_| "..").collect(),
        Err(_) => dir.to_path_buf(),
    }
}

/// Read a configuration file.
pub fn load(path: &Path) -> Result<Config, RuleError> {
    let src = std::fs::read_to_string(path).map_err(|e| RuleError {
        path: path.to_path_buf(),
        at: None,
        message: format!("could not read the configuration: {e}"),
        hint: Some("pass --isolated to run without it".into()),
    })?;
    let raw: Raw = toml::from_str(&src).map_err(|e| RuleError {
        path: path.to_path_buf(),
        at: e.span().map(|s| crate::corpus::LineIndex::new(&src).line_col(&src, s.start)),
        message: e.message().trim().to_string(),
        hint: Some("the keys are rules, paths, exclude, fail-on, [near-verbatim], [[per-path]] and [jsonl]; see README.md".into()),
    })?;
    let base = relative_base(path.parent().unwrap_or(Path::new(".")));
    let rel = |p: PathBuf| if p.is_absolute() || base.as_os_str().is_empty() { p } else { base.join(p) };
    let fail_on = match raw.fail_on.as_deref() {
        None => None,
        Some("error") => Some(FailOn::Error),
        Some("warning") => Some(FailOn::Warning),
        Some("info") => Some(FailOn::Info),
        Some("never") => Some(FailOn::Never),
        Some(other) => {
            return Err(RuleError {
                path: path.to_path_buf(),
                at: src.find("fail-on").map(|i| crate::corpus::LineIndex::new(&src).line_col(&src, i)),
                message: format!("invalid fail-on `{other}`"),
                hint: Some("one of error, warning, info, never".into()),
            })
        }
    };
    // The same bounds as a rule file's [near-verbatim] (docs/rules.md).
    let near_verbatim = raw.near_verbatim.unwrap_or_default();
    let bad = |key: &str, message: String, hint: &str| RuleError {
        path: path.to_path_buf(),
        at: src.find(key).map(|i| crate::corpus::LineIndex::new(&src).line_col(&src, i)),
        message,
        hint: Some(hint.into()),
    };
    if let Some(m) = near_verbatim.min_words.filter(|m| !(5..=10000).contains(m)) {
        return Err(bad(
            "min-words",
            format!("min-words must be between 5 and 10000, found {m}"),
            "shorter passages are common phrases, not copies",
        ));
    }
    if let Some(x) = near_verbatim.similarity.filter(|x| !(0.5..=1.0).contains(x)) {
        return Err(bad(
            "similarity",
            format!("similarity must be between 0.5 and 1.0, found {x}"),
            "1.0 reports only exact copies; 0.85 is the default",
        ));
    }
    let mut per_path = Vec::new();
    for p in raw.per_path {
        per_path.push(PerPath { set: glob_set(path, &src, &p.paths)?, paths: p.paths, ignore: p.ignore });
    }
    Ok(Config {
        file: Some(path.to_path_buf()),
        rules: raw.rules.map(rel),
        paths: raw.paths.map(|ps| ps.into_iter().map(rel).collect()),
        exclude_set: if raw.exclude.is_empty() { None } else { Some(glob_set(path, &src, &raw.exclude)?) },
        exclude: raw.exclude,
        fail_on,
        near_verbatim,
        per_path,
        verbose: false,
        jsonl: raw.jsonl.unwrap_or_default(),
    })
}

impl Config {
    /// The configuration as TOML, for `factdiff config`.
    pub fn to_toml(&self, rules: &Path, paths: &[PathBuf], fail_on: FailOn) -> String {
        let raw = Raw {
            rules: Some(rules.to_path_buf()),
            paths: Some(paths.to_vec()),
            exclude: self.exclude.clone(),
            fail_on: Some(format!("{fail_on:?}").to_lowercase()),
            // Only the overrides: the rules' own [near-verbatim] settings apply otherwise (an
            // empty table said nothing).
            near_verbatim: (self.near_verbatim.min_words.is_some() || self.near_verbatim.similarity.is_some())
                .then(|| self.near_verbatim.clone()),
            per_path: self.per_path.iter().map(|p| PerPathRaw { paths: p.paths.clone(), ignore: p.ignore.clone() }).collect(),
            // The field names in force, defaults too: what a .jsonl line must hold.
            jsonl: Some(self.jsonl.clone()),
        };
        let origin = match &self.file {
            Some(f) => format!("# resolved from {}\n", f.display()),
            None => "# no factdiff.toml found: defaults\n".to_string(),
        };
        origin + &toml::to_string_pretty(&raw).unwrap_or_default()
    }
}

impl Config {
    /// Whether `path` (as displayed) is excluded.
    pub fn excludes(&self, path: &str) -> bool {
        self.exclude_set.as_ref().is_some_and(|s| s.is_match(path))
    }

    /// Whether findings of `check`/`rule` are switched off for `path`.
    pub fn ignores(&self, path: &str, check: &str, rule: Option<&str>) -> bool {
        self.per_path.iter().any(|p| p.set.is_match(path) && p.ignore.iter().any(|i| i == check || Some(i.as_str()) == rule))
    }
}
