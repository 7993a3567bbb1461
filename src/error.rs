//! Errors a caller can act on: each names the file, the line and column where it applies, what
//! is wrong and a hint on what to do. The application edge (`app`) wraps the rest with context.

use std::fmt;
use std::path::PathBuf;

/// A position in a file, 1-based line and column (columns count Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// An error in a rule file (or the configuration), pinned to a place in that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The file the error is in.
    pub path: PathBuf,
    /// Where in the file; `None` when the error concerns the whole file.
    pub at: Option<LineCol>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{}:{}:{}: {}", self.path.display(), at.line, at.column, self.message)?,
            None => write!(f, "{}: {}", self.path.display(), self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}

/// Every error found in the rule files, reported all at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_all(.0))]
pub struct RuleErrors(pub Vec<RuleError>);

fn render_all(errors: &[RuleError]) -> String {
    let mut out = String::new();
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&e.to_string());
    }
    out
}

/// A problem with one input article. The run goes on without it; `--strict` makes it fail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputWarning {
    /// The file that was skipped or partly read.
    pub path: String,
    /// Where in the file, when the problem is at one place.
    pub at: Option<LineCol>,
    /// What is wrong and what was done about it.
    pub message: String,
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{}:{}:{}: {}", self.path, at.line, at.column, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
