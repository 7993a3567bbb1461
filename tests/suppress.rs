//! Inline suppressions: the next paragraph, an off/on range, a required reason, and reports of
//! unused and malformed suppressions.

use serde_json::Value;
use std::path::Path;

#[test]
fn suppressions_silence_what_they_cover_and_report_the_rest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = assert_cmd::Command::cargo_bin("factdiff")
        .unwrap()
        .current_dir(root)
        .args(["check", "tests/data/suppress", "--format", "json", "--rules", "rules"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, u64, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["check"].as_str().unwrap().to_string(), f["location"]["line"].as_u64().unwrap(), f["message"].as_str().unwrap().to_string())
        })
        .collect();
    let lines = |check: &str| got.iter().filter(|g| g.0 == check).map(|g| g.1).collect::<Vec<_>>();
    // Line 7 is covered by the ignore on line 6; line 9 (the next paragraph after it) is not;
    // line 21 follows an ignore without a reason, which is therefore not applied.
    assert_eq!(lines("stale-fact"), vec![9, 21], "{got:#?}");
    // The off/on range covers line 12's Kiev; line 15's is reported.
    let sv: Vec<_> = doc["findings"].as_array().unwrap().iter().filter(|f| f["check"] == "spelling-variant").collect();
    assert_eq!(sv.len(), 1);
    assert_eq!(sv[0]["location"]["line"], 15);
    assert!(sv[0]["message"].as_str().unwrap().ends_with("(1 place silenced by a factdiff-ignore comment)"));
    let sup: Vec<&(String, u64, String)> = got.iter().filter(|g| g.0 == "suppression").collect();
    assert_eq!(sup.len(), 2, "{sup:#?}");
    assert!(sup.iter().any(|g| g.1 == 17 && g.2.starts_with("unused suppression of numeric-conflict")));
    assert!(sup.iter().any(|g| g.1 == 20 && g.2.starts_with("suppression without a reason")));
}
