//! Baselines: the fingerprints of known findings, so CI fails on new findings only.
//!
//! A baseline is a JSON file written by `--write-baseline` and read by `--baseline`. Findings
//! are matched on their fingerprint, which names the check, the rule, the articles and the
//! values involved but no line numbers: editing elsewhere in an article keeps a finding known.
//! Entries that no longer match anything are reported so the baseline can be refreshed.

use crate::finding::Finding;
use std::collections::BTreeSet;
use std::path::Path;

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// One known finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Its check, for people reading the file.
    pub check: String,
    /// Its rule, for people reading the file.
    #[serde(default)]
    pub rule: Option<String>,
    /// Its primary article, for people reading the file.
    pub path: String,
    /// Its message when the baseline was written.
    pub message: String,
}

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// Known findings, sorted.
    pub findings: Vec<Entry>,
}

/// A baseline that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read.
    #[error("{path}: could not read the baseline ({source}); write one with --write-baseline {path}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a baseline.
    #[error("{path}:{line}:{column}: not a factdiff baseline ({message}); write a new one with --write-baseline {path}")]
    Parse {
        /// The file.
        path: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
        /// What serde said.
        message: String,
    },
    /// A newer format.
    #[error("{path}: baseline version {found} is not supported (this factdiff reads version {BASELINE_VERSION}); write a new one with --write-baseline")]
    Version {
        /// The file.
        path: String,
        /// The version found.
        found: u32,
    },
}

impl Baseline {
    /// The baseline of these findings.
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                check: f.check.to_string(),
                rule: f.rule.clone(),
                path: f.primary.path.clone(),
                message: f.message.clone(),
            })
            .collect();
        entries.sort();
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline { version: BASELINE_VERSION, findings: entries }
    }

    /// Read a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read { path: shown.clone(), source })?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| BaselineError::Parse {
            path: shown.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if b.version != BASELINE_VERSION {
            return Err(BaselineError::Version { path: shown, found: b.version });
        }
        Ok(b)
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Drop the findings the baseline knows. Returns how many were hidden and the entries that
    /// matched nothing (as "check rule path").
    pub fn apply(&self, findings: &mut Vec<Finding>) -> (usize, Vec<String>) {
        let known: BTreeSet<&str> = self.findings.iter().map(|e| e.fingerprint.as_str()).collect();
        let present: BTreeSet<String> = findings.iter().map(|f| f.fingerprint.clone()).collect();
        let before = findings.len();
        findings.retain(|f| !known.contains(f.fingerprint.as_str()));
        let unmatched = self
            .findings
            .iter()
            .filter(|e| !present.contains(&e.fingerprint))
            .map(|e| format!("{} {} {}", e.check, e.rule.as_deref().unwrap_or("-"), e.path))
            .collect();
        (before - findings.len(), unmatched)
    }
}
