//! The article loader. The first input byte picks the path:
//! * even: `Article::from_text` on the rest as UTF-8 (front matter, date detection, line
//!   index), then the body's mentions and a few line:col lookups;
//! * odd: the raw bytes through `corpus::read_article` on a temporary `.md` file, which
//!   reaches the private byte decoder (BOM, NUL, invalid UTF-8 handling).
#![no_main]

use factdiff::corpus::{self, Article};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fn exercise(a: &Article) {
    assert!(a.body.start <= a.body.end && a.body.end <= a.text.len());
    assert!(a.text.is_char_boundary(a.body.start));
    let _ = a.body_text();
    let _ = factdiff::extract::mentions(a);
    for off in [0, a.body.start, a.text.len() / 2, a.text.len()] {
        let lc = a.line_col(off);
        assert!(lc.line >= 1 && lc.column >= 1);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode % 2 == 0 {
        let Ok(text) = std::str::from_utf8(rest) else { return };
        if let Ok(a) = Article::from_text("fuzz.md", text.to_string()) {
            exercise(&a);
        }
    } else {
        thread_local! {
            static FILE: tempfile_path::TempPath = tempfile_path::TempPath::new();
        }
        FILE.with(|p| {
            let mut f = std::fs::File::create(&p.0).expect("create temp file");
            f.write_all(rest).expect("write temp file");
            drop(f);
            match corpus::read_article(&p.0) {
                Ok(a) => exercise(&a),
                Err(w) => assert!(!w.message.is_empty() && !w.path.is_empty()),
            }
        });
    }
});

/// One temporary file per fuzzing thread, removed at exit.
mod tempfile_path {
    pub struct TempPath(pub std::path::PathBuf);
    impl TempPath {
        pub fn new() -> Self {
            let p = std::env::temp_dir().join(format!("factdiff-fuzz-{}-{:?}.md", std::process::id(), std::thread::current().id()));
            TempPath(p)
        }
    }
    impl Drop for TempPath {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}
