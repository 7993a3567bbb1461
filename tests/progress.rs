//! Progress reports (issue #6): `check` says which stage it is in and how far along, through the
//! library's `Progress` trait; reporting changes nothing in the findings, and a run whose
//! standard error is not a terminal draws nothing.

use factdiff::progress::Progress;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Default)]
struct Recorder(Mutex<Vec<(String, u64, u64)>>);

impl Progress for Recorder {
    fn start(&self, stage: &str, total: u64) {
        self.0.lock().unwrap().push((stage.to_string(), total, 0));
    }
    fn advance(&self, n: u64) {
        if let Some(last) = self.0.lock().unwrap().last_mut() {
            last.2 += n;
        }
    }
    fn finish(&self) {}
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn stages_are_reported_in_order_and_counted_to_the_end() {
    let rules = factdiff::rules::load(&root().join("rules")).unwrap();
    let paths = [root().join("corpus")];
    let rec = Recorder::default();
    let run = factdiff::app::analyze_with(&paths, &rules, &[], &factdiff::config::Config::default(), None, &rec).unwrap();
    let stages = rec.0.into_inner().unwrap();
    let n = factdiff::checks::CHECKS.len() as u64;
    assert_eq!(stages, vec![("reading".into(), 5, 5), ("extracting".into(), 5, 5), ("checking".into(), n, n)]);
    let quiet = factdiff::app::analyze(&paths, &rules, &[]).unwrap();
    assert_eq!(serde_json::to_string(&run.output.findings).unwrap(), serde_json::to_string(&quiet.output.findings).unwrap());
}

#[test]
fn the_cache_path_reports_extraction_too() {
    let dir = tempfile::tempdir().unwrap();
    let rules = factdiff::rules::load(&root().join("rules")).unwrap();
    let cache: PathBuf = dir.path().join("cache.db");
    for _ in 0..2 {
        // Cold, then warm: cached articles count as done.
        let rec = Recorder::default();
        factdiff::app::analyze_with(&[root().join("corpus")], &rules, &[], &Default::default(), Some(&cache), &rec).unwrap();
        let stages = rec.0.into_inner().unwrap();
        assert_eq!(stages[1], ("extracting".into(), 5, 5));
    }
}

#[test]
fn nothing_is_drawn_when_standard_error_is_not_a_terminal() {
    let out = assert_cmd::Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(root())
        .args(["check", "corpus", "--rules", "rules", "--no-cache"])
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
