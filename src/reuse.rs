//! Reuse of a whole earlier result when nothing it depends on has changed.
//!
//! A `check` result is a function of the articles, the rules, the project configuration, the
//! selected checks and the program. When a run with a cache ends, its result is stored in the
//! cache (`runs` table) under the **content digest** of those inputs: every article's path and
//! cache key (its text, the rules and the version), the input warnings, the configuration and
//! the program. A later run that reads the same articles prints the stored result without
//! running a check — after a fresh clone, a `touch` or a `git checkout` that changed nothing.
//!
//! It can do better when no file changed: the run also stores a **stat digest** — each file's
//! path and stat signature (size, modification and status-change times in nanoseconds, inode)
//! with everything else above — that points to the content digest. The next run walks the
//! folders, stats every file and, when the stat digest is the same, prints the stored result
//! without opening an article.
//!
//! The stat signature is how git, make and ruff's cache tell a file unchanged. Its one blind
//! spot is a file rewritten with the same size within the file system's timestamp granularity
//! after it was read ("racy" files in git's terms). So when any file was modified less than
//! [`RACY_SECONDS`] before the run started, the stat digest is not stored: the next run reads
//! the articles and goes by their content. The status-change time cannot be set back by `touch`
//! or `cp -p`, so restoring an old modification time does not hide an edit. Any doubt — a file
//! that cannot be stat'ed, a folder that could not be walked, a platform without these fields —
//! means the articles are read.

use crate::corpus::Files;
use crate::error::InputWarning;
use crate::finding::{Finding, Note};
use rayon::prelude::*;
use std::path::Path;

/// Name of the stored result in the cache's `runs` table (stored under its content digest).
pub const RUN_NAME: &str = "check-result";
/// Name of the stat digest's row: stored under the stat digest, it holds the content digest.
pub const STAT_NAME: &str = "check-result-stat";

/// A file modified less than this many seconds before the run started may change again within
/// its timestamp's granularity (two seconds on FAT) without its signature changing.
pub const RACY_SECONDS: i128 = 2;

/// What a run's result depends on, as one digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// BLAKE3 of everything the result depends on, in hex.
    pub digest: String,
    /// Some file was modified too recently for its signature to be trusted.
    pub racy: bool,
    /// Each file's displayed path (an article's path) with its signature, for the files whose
    /// signature can be trusted (not modified too recently).
    pub settled: std::collections::HashMap<String, Signature>,
}

/// A file's stat signature: size, modification and status-change times (ns), inode.
pub type Signature = [i128; 4];

/// The signature recorded for a file modified too recently to trust its own (no file has it).
pub const UNSETTLED: Signature = [i128::MIN; 4];

/// The stat signature of one file: size, modification time, status-change time (ns), inode.
#[cfg(unix)]
fn signature(path: &Path) -> Option<[i128; 4]> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    Some([i128::from(m.size()), ns(m.mtime(), m.mtime_nsec()), ns(m.ctime(), m.ctime_nsec()), i128::from(m.ino())])
}

/// Without a status-change time and an inode a signature can be fooled by restoring a
/// modification time: no reuse.
#[cfg(not(unix))]
fn signature(_path: &Path) -> Option<[i128; 4]> {
    None
}

/// The program itself (size and modification time of the executable), so a rebuilt factdiff of
/// the same version never reuses a result of the earlier build.
fn program() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_else(|_| "unknown program".to_string())
}

/// A digest begun with what both digests share: the version, the program and `context`.
fn hasher(context: &str) -> blake3::Hasher {
    let mut h = blake3::Hasher::new();
    for part in [env!("CARGO_PKG_VERSION"), &program(), context] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    h
}

/// Nanoseconds since the Unix epoch, now.
pub fn now_ns() -> i128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as i128).unwrap_or(0)
}

/// The inputs of a run over `files`, with `context` naming everything else the result depends
/// on (rules, configuration, selected checks). `None` when a file cannot be stat'ed or the walk
/// met problems: such a run is neither reused nor stored.
pub fn inputs(files: &Files, context: &str, started_ns: i128) -> Option<Inputs> {
    if !files.warnings.is_empty() {
        return None;
    }
    let sigs: Vec<[i128; 4]> = files.files.par_iter().map(|f| signature(f)).collect::<Option<Vec<_>>>()?;
    let mut h = hasher(context);
    let mut racy = false;
    let mut settled = std::collections::HashMap::with_capacity(sigs.len());
    for (f, s) in files.files.iter().zip(&sigs) {
        h.update(f.to_string_lossy().as_bytes());
        h.update(&[0]);
        for v in s {
            h.update(&v.to_le_bytes());
        }
        let recent = s[1] >= started_ns - RACY_SECONDS * 1_000_000_000;
        racy |= recent;
        if !recent {
            settled.insert(crate::corpus::display_path(f), *s);
        }
    }
    Some(Inputs { digest: h.finalize().to_hex().to_string(), racy, settled })
}

/// Name of the row of article keys by file signature ([`KnownKeys`]).
pub const KEYS_NAME: &str = "article-keys";

/// Articles' cache keys as an earlier run computed them, by path and file signature: an article
/// whose file has the same signature now (and was not modified too recently) has the same
/// content, so its key is taken from here instead of hashing its text again (100k articles:
/// 0.35 s of two cores). Stored under the cache's salt and the program, like a result.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KnownKeys(std::collections::HashMap<String, (Signature, String)>);

const KEYS_MAGIC: &[u8] = b"factdiff article keys 1\n";

impl KnownKeys {
    /// The key of the article at `path`, when its file's signature now is `now` and is the one
    /// the key was computed under.
    pub fn get(&self, path: &str, now: Option<&Signature>) -> Option<&str> {
        let (was, key) = self.0.get(path)?;
        (Some(was) == now).then_some(key.as_str())
    }

    /// The key the article at `path` had, whatever its file's signature now (what it was
    /// before a change).
    pub fn key_of(&self, path: &str) -> Option<&str> {
        self.0.get(path).map(|(_, key)| key.as_str())
    }

    /// The keys of `articles` (their `keys`), each with its file's signature when it is settled
    /// in `inputs` (otherwise with [`UNSETTLED`], which no file has: the key is never taken for
    /// the file as it is, only named as what it was).
    pub fn of(articles: &[crate::corpus::Article], keys: &[String], inputs: &Inputs) -> KnownKeys {
        KnownKeys(
            articles
                .iter()
                .zip(keys)
                .map(|(a, k)| (a.path.clone(), (inputs.settled.get(&a.path).copied().unwrap_or(UNSETTLED), k.clone())))
                .collect(),
        )
    }

    /// The stored form: the magic line, then per entry the path's length (u32), the path, the
    /// signature (four i128), the key's length (u32) and the key, sorted by path.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut entries: Vec<_> = self.0.iter().collect();
        entries.sort();
        let mut b = KEYS_MAGIC.to_vec();
        for (path, (sig, key)) in entries {
            b.extend_from_slice(&(path.len() as u32).to_le_bytes());
            b.extend_from_slice(path.as_bytes());
            for v in sig {
                b.extend_from_slice(&v.to_le_bytes());
            }
            b.extend_from_slice(&(key.len() as u32).to_le_bytes());
            b.extend_from_slice(key.as_bytes());
        }
        b
    }

    /// Read the stored form; `None` for anything that is not whole (the keys are then computed).
    pub fn from_bytes(b: &[u8]) -> Option<KnownKeys> {
        let b = b.strip_prefix(KEYS_MAGIC)?;
        let mut at = 0usize;
        let mut take = |n: usize| -> Option<&[u8]> {
            let piece = b.get(at..at.checked_add(n)?)?;
            at += n;
            Some(piece)
        };
        let mut map = std::collections::HashMap::new();
        let mut left = b.len();
        while left > 0 {
            let len = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
            let path = String::from_utf8(take(len)?.to_vec()).ok()?;
            let mut sig = [0i128; 4];
            for v in &mut sig {
                *v = i128::from_le_bytes(take(16)?.try_into().ok()?);
            }
            let len = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
            let key = String::from_utf8(take(len)?.to_vec()).ok()?;
            left -= 4 + path.len() + 64 + 4 + key.len();
            map.insert(path, (sig, key));
        }
        Some(KnownKeys(map))
    }
}

/// The salt the known keys are stored under: the cache's (rules, settings, version) and the
/// program build, since a rebuilt program may read the same file into a different article.
pub fn keys_salt(cache_salt: &str) -> String {
    format!("{cache_salt}\0{}", program())
}

/// The content digest of a run: `context` (rules, configuration, selected checks), the
/// program, and every article's path and cache key and every input warning, in order.
pub fn content_digest(context: &str, articles: &[crate::corpus::Article], keys: &[String], warnings: &[InputWarning]) -> String {
    let mut h = hasher(context);
    for (a, k) in articles.iter().zip(keys) {
        h.update(a.path.as_bytes());
        h.update(&[0]);
        h.update(k.as_bytes());
        h.update(&[0]);
    }
    h.update(&[1]);
    for w in warnings {
        h.update(w.to_string().as_bytes());
        h.update(&[0]);
    }
    h.finalize().to_hex().to_string()
}

/// What a `check` run hands to its report, stored whole.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Result {
    /// Findings after suppressions and configured ignores, sorted.
    pub findings: Vec<Finding>,
    /// What checks could not do.
    pub notes: Vec<Note>,
    /// Files skipped or partly read.
    pub warnings: Vec<InputWarning>,
    /// Articles read.
    pub articles: usize,
    /// Claims extracted.
    pub claims: usize,
}

/// Everything of a [`Result`] but its findings: the first line of the stored form.
#[derive(serde::Serialize, serde::Deserialize)]
struct Head {
    notes: Vec<Note>,
    warnings: Vec<InputWarning>,
    articles: usize,
    claims: usize,
    findings: usize,
}

/// Findings serialized (and parsed) per task: an archive's result has tens of thousands.
const FINDINGS_PER_TASK: usize = 512;

impl Result {
    /// The stored form: the content digest, then a line of everything but the findings, then
    /// one finding per line, all JSON (a JSON value never holds a raw line break), so the
    /// findings are written and read in parallel.
    pub fn to_bytes(&self, content: &str) -> Option<Vec<u8>> {
        let mut b = format!("{content}\n").into_bytes();
        let head = Head {
            notes: self.notes.clone(),
            warnings: self.warnings.clone(),
            articles: self.articles,
            claims: self.claims,
            findings: self.findings.len(),
        };
        serde_json::to_writer(&mut b, &head).ok()?;
        b.push(b'\n');
        let chunks: Vec<Vec<u8>> = self
            .findings
            .par_chunks(FINDINGS_PER_TASK)
            .map(|chunk| {
                let mut out = Vec::new();
                for f in chunk {
                    serde_json::to_writer(&mut out, f).ok()?;
                    out.push(b'\n');
                }
                Some(out)
            })
            .collect::<Option<_>>()?;
        b.reserve(chunks.iter().map(Vec::len).sum());
        for c in chunks {
            b.extend_from_slice(&c);
        }
        Some(b)
    }

    /// The stored result when it was made from exactly the inputs of `content` (`None` for
    /// other inputs or bytes that do not read back: the run then recomputes).
    pub fn from_bytes(bytes: &[u8], content: &str) -> Option<Result> {
        let rest = bytes.strip_prefix(content.as_bytes())?.strip_prefix(b"\n")?;
        let mut lines = rest.split(|&c| c == b'\n');
        let head: Head = serde_json::from_slice(lines.next()?).ok()?;
        let lines: Vec<&[u8]> = lines.collect();
        // Every finding line ends with a line break, so the last piece is empty.
        if lines.len() != head.findings + 1 || lines.last().is_some_and(|l| !l.is_empty()) {
            return None;
        }
        let findings: Vec<Finding> = lines[..head.findings]
            .par_chunks(FINDINGS_PER_TASK)
            .map(|chunk| chunk.iter().map(|l| serde_json::from_slice::<Finding>(l).ok()).collect::<Option<Vec<_>>>())
            .collect::<Option<Vec<Vec<Finding>>>>()?
            .into_iter()
            .flatten()
            .collect();
        Some(Result { findings, notes: head.notes, warnings: head.warnings, articles: head.articles, claims: head.claims })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn files(dir: &Path, names: &[&str]) -> Files {
        Files { files: names.iter().map(|n| dir.join(n)).collect::<Vec<PathBuf>>(), warnings: Vec::new() }
    }

    fn age(path: &Path, seconds: u64) {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(seconds)).unwrap();
    }

    #[test]
    fn the_digest_follows_names_contents_and_context() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one").unwrap();
        std::fs::write(dir.path().join("b.md"), "two").unwrap();
        age(&dir.path().join("a.md"), 3600);
        age(&dir.path().join("b.md"), 3600);
        let now = now_ns();
        let both = inputs(&files(dir.path(), &["a.md", "b.md"]), "rules", now).unwrap();
        assert!(!both.racy);
        assert_eq!(inputs(&files(dir.path(), &["a.md", "b.md"]), "rules", now).unwrap(), both);
        assert_ne!(inputs(&files(dir.path(), &["a.md"]), "rules", now).unwrap().digest, both.digest);
        assert_ne!(inputs(&files(dir.path(), &["a.md", "b.md"]), "other rules", now).unwrap().digest, both.digest);
        // Same size, modification time set back to what it was: the status-change time differs.
        let mtime = std::fs::metadata(dir.path().join("b.md")).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.path().join("b.md"), "TWO").unwrap();
        std::fs::File::options().write(true).open(dir.path().join("b.md")).unwrap().set_modified(mtime).unwrap();
        assert_ne!(inputs(&files(dir.path(), &["a.md", "b.md"]), "rules", now).unwrap().digest, both.digest);
    }

    #[test]
    fn recently_modified_files_are_racy_and_missing_ones_give_no_inputs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one").unwrap();
        assert!(inputs(&files(dir.path(), &["a.md"]), "", now_ns()).unwrap().racy);
        assert!(inputs(&files(dir.path(), &["a.md", "gone.md"]), "", now_ns()).is_none());
        let mut walked = files(dir.path(), &["a.md"]);
        walked.warnings.push(InputWarning { path: "x".into(), at: None, message: "could not walk".into() });
        assert!(inputs(&walked, "", now_ns()).is_none());
    }

    #[test]
    fn a_stored_result_reads_back_only_for_its_own_inputs() {
        let r = Result { findings: Vec::new(), notes: Vec::new(), warnings: Vec::new(), articles: 3, claims: 7 };
        let (a, b) = ("aa".repeat(32), "bb".repeat(32));
        let bytes = r.to_bytes(&a).unwrap();
        assert_eq!(Result::from_bytes(&bytes, &a), Some(r));
        assert_eq!(Result::from_bytes(&bytes, &b), None);
        assert_eq!(Result::from_bytes(&bytes[..bytes.len() - 3], &a), None);
    }

    /// Known keys read back as written; cut short or with a bad length they are refused.
    #[test]
    fn known_keys_round_trip_and_damage_is_refused() {
        let mut map = std::collections::HashMap::new();
        map.insert("corpus/a.md".to_string(), ([1, -2, 3, 1 << 70], "k".repeat(64)));
        map.insert("ü/b.html".to_string(), ([0, 0, 0, 0], "x".to_string()));
        let known = KnownKeys(map);
        let b = known.to_bytes();
        assert_eq!(KnownKeys::from_bytes(&b), Some(known.clone()));
        assert_eq!(KnownKeys::from_bytes(KEYS_MAGIC), Some(KnownKeys::default()));
        for cut in [1, 5, 60, b.len() - KEYS_MAGIC.len() - 1] {
            assert_eq!(KnownKeys::from_bytes(&b[..b.len() - cut]), None, "cut by {cut}");
        }
        assert_eq!(known.get("corpus/a.md", Some(&[1, -2, 3, 1 << 70])), Some("k".repeat(64).as_str()));
        assert_eq!(known.get("corpus/a.md", Some(&[1, -2, 4, 1 << 70])), None, "another status-change time");
        assert_eq!(known.get("corpus/a.md", None), None, "no settled signature now");
        assert_eq!(known.get("corpus/c.md", Some(&[0, 0, 0, 0])), None);
    }

    /// The seed corpus's findings, repeated past several tasks' worth, read back as they were;
    /// a lost, added or damaged finding line makes the stored result unreadable, never wrong.
    #[test]
    fn findings_are_stored_line_by_line_and_every_line_is_checked() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = crate::rules::load(&root.join("rules")).unwrap();
        let run = crate::app::analyze(&[root.join("corpus")], &rules, &[]).unwrap();
        assert!(!run.output.findings.is_empty());
        let findings: Vec<Finding> = run.output.findings.iter().cycle().take(3 * FINDINGS_PER_TASK + 7).cloned().collect();
        let r = Result { findings, notes: run.output.notes.clone(), warnings: Vec::new(), articles: 5, claims: run.claims.len() };
        let content = "cc".repeat(32);
        let bytes = r.to_bytes(&content).unwrap();
        assert_eq!(Result::from_bytes(&bytes, &content).as_ref(), Some(&r));
        let lines: Vec<&[u8]> = bytes.split_inclusive(|&c| c == b'\n').collect();
        assert_eq!(lines.len(), 2 + r.findings.len());
        let without =
            |i: usize| lines.iter().enumerate().filter(|&(j, _)| j != i).flat_map(|(_, l)| l.iter().copied()).collect::<Vec<u8>>();
        assert_eq!(Result::from_bytes(&without(lines.len() - 1), &content), None, "the last finding lost");
        assert_eq!(Result::from_bytes(&without(700), &content), None, "a finding lost");
        let mut added = bytes.clone();
        added.extend_from_slice(lines[2]);
        assert_eq!(Result::from_bytes(&added, &content), None, "a finding added");
        let mut damaged = bytes.clone();
        let at = lines[..900].iter().map(|l| l.len()).sum::<usize>() + 1;
        damaged[at] = b'#';
        assert_eq!(Result::from_bytes(&damaged, &content), None, "a finding damaged");
    }
}
