//! `rules::load_str` on arbitrary UTF-8: every rule file either compiles or gives errors that
//! each name the file (and a line:col inside it when they have one); it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|src: &str| {
    let path = Path::new("fuzz.toml");
    match factdiff::rules::load_str(path, src) {
        Ok(set) => {
            // A rule set that compiles is used: extract from a small article.
            let a = factdiff::corpus::Article::from_text(
                "a.md",
                "+++\ndate = 2023-11-29\n+++\nNATO is an alliance of 30 member countries. Kiev got $60bn.\n".to_string(),
            )
            .expect("fixed article");
            let _ = factdiff::app::extract_all(std::slice::from_ref(&a), &set);
        }
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for e in &errors.0 {
                assert_eq!(e.path, path);
                assert!(!e.message.is_empty());
                if let Some(at) = e.at {
                    assert!(at.line >= 1 && at.column >= 1);
                    assert!(at.line <= src.split('\n').count() + 1, "line {} past the end: {e}", at.line);
                }
            }
            let _ = errors.to_string();
        }
    }
});
