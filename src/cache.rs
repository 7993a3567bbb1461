//! The incremental cache: per-article work that does not depend on other articles — the
//! mentions the quantity grammar reads, the passage fingerprints of the near-verbatim check and
//! the uses of spelling terms and the quotations — stored in an embedded SQLite database (`.factdiff/cache.db` by default), keyed by the
//! article's content hash, a hash of the rules and the tool version. A changed article, changed
//! rules or a new factdiff never meet a stale entry: their key differs.
//!
//! Cross-article stages may keep one result per run too (`runs`: the near-verbatim check's
//! memo of verified pairs and groups, see [`crate::dupes::memo`]; the whole result of the last
//! `check`, see [`crate::reuse`]), reused only where its own digests show the inputs unchanged.
//!
//! The cache never fails a run: a file that cannot be opened, is locked by another run, is
//! corrupt or was written by another version of the cache format is set aside with a warning
//! (rebuilt when possible, else the run goes on without a cache). Results with and without the
//! cache are identical (a test checks it).

use crate::checks::{QuoteSpan, TermUse};
use crate::dupes::DocPrints;
use crate::quantity::Mention;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Version of the cache's table layout and stored formats, and of what the per-article work
/// yields: raised whenever extraction reads the same text differently (13: a month alone
/// dates a claim written in the past, "U.S. Defense" is a name; 14: "Defence Secretary" at the
/// start of a sentence is a name, a date measured from does not date a claim; 15: "nearly" is
/// its own qualifier; 16: a refuted figure is no claim, a date fact's far value dates its claim,
/// "Swedish crowns"; 17: a date dates a claim only within 80 bytes of its figure; 18: pattern
/// word boundaries are ASCII ones; 19: a past moment without a date and a decade; 20: corrections,
/// the word as a word, a day joined to a later one takes its year; 21: time counted back,
/// timeline headings, events; 22: a month ahead, values-within; 23: a weekday ahead; 24: a word of the present before a
/// figure, a subject's recipient; 25: single quotes and blockquotes for spelling, blockquote
/// words quoted for near-verbatim; 26: a list repeated inside one article is boilerplate; 27:
/// all-numeric dates; 28: rivals; 29: a decade "of the 1980s"; 30: a weekday ahead only by
/// the words leading to it, "Kiev, Kyiv" as words; 31: questions and a fact-check's "Claim:"
/// state no claim, a preview's present puts a weekday ahead, addresses and guillemets for
/// spelling; 35: a quotation's long lead-in and a list of names in the near-verbatim memo's
/// groups; 36: HTML furniture named by class, id or a dialog role is not read; 37: HTML comments
/// in Markdown are not read, nor spelling uses inside factdiff's comments), so no stale entry is
/// reused.
const FORMAT: &str = "37";
/// Default location, relative to the working directory.
pub const DEFAULT_PATH: &str = ".factdiff/cache.db";

/// What the cache keeps for one article.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Every mention, spans relative to the article file.
    pub mentions: Vec<Mention>,
    /// The claims the rules read in the article (their `article` index is the reader's to set:
    /// the same content may sit at another place in another run's corpus).
    pub claims: Vec<crate::extract::Claim>,
    /// Near-verbatim fingerprints of the body.
    pub prints: DocPrints,
    /// The uses of the rules' spelling terms.
    pub terms: Vec<TermUse>,
    /// The quotations quote-drift compares.
    pub quotes: Vec<QuoteSpan>,
}

/// An open cache.
pub struct Cache {
    conn: Connection,
    /// Where it is (reads in parallel open their own connections).
    path: PathBuf,
    /// Hash of the rules and the tool version, part of every key.
    salt: String,
}

/// The key of a text's entry.
pub fn key(text: &str, salt: &str) -> String {
    key_of_parts(&[text.as_bytes()], salt)
}

/// The key of an article: everything its analysis and its findings' locations depend on besides
/// its path — the text, and where they differ from it the file (an HTML page: locations are
/// mapped back to it) and the date, title and source given beside the text (a `.jsonl` line's
/// fields; relative dates such as "today" are read against the date).
pub fn article_key(a: &crate::corpus::Article, salt: &str) -> String {
    let file = a.file_text();
    let file = if std::ptr::eq(file, a.text.as_str()) { &b""[..] } else { file.as_bytes() };
    let meta = format!("{:?}\0{:?}\0{:?}\0{:?}", a.date, a.date_source, a.title, a.source);
    key_of_parts(&[a.text.as_bytes(), file, meta.as_bytes()], salt)
}

fn key_of_parts(parts: &[&[u8]], salt: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(salt.as_bytes());
    for p in parts {
        h.update(&[0]);
        h.update(p);
    }
    h.finalize().to_hex().to_string()
}

/// The rules' part of the key: every rule file's content, in order, and the tool version.
pub fn salt(rule_files: &[PathBuf], extra: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(extra.as_bytes());
    // The files' contents in order, not their paths: what an entry holds (term and form
    // indices, fingerprints) follows from the rules' text, so the same rules reached through
    // another path (`rules` and `/abs/rules`, a CI checkout in another folder) keep the cache.
    // The stored result, which may name the files, is keyed on their paths as well
    // (`reuse_context` in app.rs).
    for f in rule_files {
        let text = std::fs::read(f).unwrap_or_default();
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(&text);
    }
    h.finalize().to_hex().to_string()
}

/// Page size of a new cache file. An article's fingerprints take about 7 KiB; with SQLite's
/// default 4 KiB pages each row spilled onto a chain of overflow pages, read one by one. With
/// 64 KiB pages nearly every row lies in one page (the file is about a fifth larger), and the
/// entries are read in parallel: 100k articles, the stage that computes the keys and reads the
/// entries took 2.6 s, now 1.7 s (the whole re-check after one changed article ~8% faster,
/// both builds measured in the same runs). A memory map of the file was no faster and counted
/// the file's pages as resident memory.
const PAGE_SIZE: u32 = 65536;

/// Article entries the cache may hold beyond twice the run's articles before it is pruned
/// ([`Cache::prune`]), so a small corpus is not pruned after every few edits.
pub const PRUNE_SLACK: usize = 64;

/// The page cache of each connection that reads entries in parallel (16 MiB).
const READ_CACHE_PRAGMA: &str = "PRAGMA cache_size = -16384;";

/// Every connection waits this long for another run's write to finish.
fn tune(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(2))
}

/// Why a cache file could not be opened.
enum OpenError {
    /// Written by a build with another cache format (the one it names).
    Format(String),
    /// Corrupt, locked, not a database, ...
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        OpenError::Sqlite(e)
    }
}

fn open_at(path: &Path) -> Result<Connection, OpenError> {
    let conn = Connection::open(path)?;
    tune(&conn)?;
    // Takes effect only on a new, empty file.
    conn.execute_batch(&format!("PRAGMA page_size = {PAGE_SIZE};"))?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, mentions BLOB NOT NULL, prints BLOB NOT NULL, terms BLOB NOT NULL, quotes BLOB NOT NULL, claims BLOB NOT NULL);
         CREATE TABLE IF NOT EXISTS runs (name TEXT PRIMARY KEY, salt TEXT NOT NULL, data BLOB NOT NULL);",
    )?;
    let format: Option<String> = conn.query_row("SELECT v FROM meta WHERE k = 'format'", [], |r| r.get(0)).optional()?;
    match format.as_deref() {
        Some(FORMAT) => {}
        None => {
            conn.execute("INSERT INTO meta (k, v) VALUES ('format', ?1)", params![FORMAT])?;
        }
        Some(other) => return Err(OpenError::Format(other.to_string())),
    }
    // Touch the table so a corrupt file shows now, not halfway through a run.
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?;
    Ok(conn)
}

/// Why the file at `path` is not a factdiff cache, when it is something else: a file that is not
/// an SQLite database, or a database with tables factdiff does not make. `None` for no file, an
/// empty one, or one that may be a factdiff cache (a corrupt one too: its header is SQLite's,
/// and it is rebuilt). A cache path that names the wrong file must never overwrite or delete it.
pub fn not_a_cache(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).ok()?;
    let n = f.read(&mut head).ok()?;
    if n == 0 {
        return None;
    }
    if n < head.len() || &head != b"SQLite format 3\0" {
        return Some("not an SQLite database".to_string());
    }
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").ok()?;
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).ok()?.filter_map(Result::ok).collect();
    let others: Vec<&String> = names.iter().filter(|t| !matches!(t.as_str(), "meta" | "articles" | "runs")).collect();
    (!others.is_empty()).then(|| {
        format!(
            "an SQLite database with tables factdiff does not make ({})",
            others.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")
        )
    })
}

impl Cache {
    /// Open (or create) the cache at `path`. Problems become warnings in `warn`; `None` means
    /// the run goes on without a cache.
    pub fn open(path: &Path, salt: String, warn: &mut Vec<String>) -> Option<Cache> {
        if let Some(what) = not_a_cache(path).filter(|_| !in_own_folder(path)) {
            warn.push(format!(
                "{}: not a factdiff cache ({what}), so it is left as it is and this run goes without a cache; give --cache a path of its own",
                path.display()
            ));
            return None;
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(dir) {
                warn.push(format!("{}: could not create the cache folder ({e}); running without a cache", dir.display()));
                return None;
            }
            // factdiff's own folder keeps itself out of git (a corpus is often a repository).
            let ignore = dir.join(".gitignore");
            if in_own_folder(path) && !ignore.exists() {
                let _ = std::fs::write(&ignore, "# Written by factdiff: its cache is never committed.\n*\n");
            }
        }
        match open_at(path) {
            Ok(conn) => Some(Cache { conn, path: path.to_path_buf(), salt }),
            Err(OpenError::Sqlite(e)) if is_locked(&e) => {
                warn.push(format!("{}: the cache is locked by another run; running without it", path.display()));
                None
            }
            Err(e) => {
                warn.push(match e {
                    OpenError::Format(found) => format!(
                        "{}: the cache was written by another version of factdiff (cache format {found}, this build's is {FORMAT}); rebuilding it",
                        path.display()
                    ),
                    OpenError::Sqlite(e) => format!("{}: the cache is unreadable ({e}); rebuilding it", path.display()),
                });
                let _ = std::fs::remove_file(path);
                match open_at(path) {
                    Ok(conn) => Some(Cache { conn, path: path.to_path_buf(), salt }),
                    Err(e) => {
                        let e = match e {
                            OpenError::Format(found) => format!("cache format {found}"),
                            OpenError::Sqlite(e) => e.to_string(),
                        };
                        warn.push(format!("{}: could not rebuild the cache ({e}); running without it", path.display()));
                        None
                    }
                }
            }
        }
    }

    /// The salt of this cache's keys.
    pub fn salt(&self) -> &str {
        &self.salt
    }

    /// The entries stored under `keys`, decoded as they are read (`None` where there is none
    /// or it cannot be read: that article is then simply recomputed). The keys are read in
    /// parallel, one read-only connection per slice (SQLite serves concurrent readers); a slice
    /// whose connection cannot be opened is read through this one.
    pub fn get_all(&self, keys: &[String]) -> Vec<Option<Entry>> {
        self.get_all_with(keys, None::<&fn(u32) -> bool>)
    }

    /// [`Cache::get_all`], keeping of each entry's winnowed fingerprints only those whose hash
    /// `keep` accepts ([`DocPrints::from_bytes_keeping`]).
    pub fn get_all_keeping(&self, keys: &[String], keep: &(impl Fn(u32) -> bool + Sync)) -> Vec<Option<Entry>> {
        self.get_all_with(keys, Some(keep))
    }

    fn get_all_with<F: Fn(u32) -> bool + Sync>(&self, keys: &[String], keep: Option<&F>) -> Vec<Option<Entry>> {
        use rayon::prelude::*;
        let slices = rayon::current_num_threads().max(1);
        let per = keys.len().div_ceil(slices).max(1);
        let path = self.path.as_path();
        let chunks: Vec<Option<Vec<Option<Entry>>>> = keys
            .par_chunks(per)
            .map(|chunk| {
                let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn = Connection::open_with_flags(path, flags).ok()?;
                tune(&conn).ok()?;
                // Room for the whole key index (8 MB at 100k articles: 64-byte keys) beside the rows
                // being read: with SQLite's default 2 MB each lookup read index pages again.
                // 100k articles, one changed: this stage 3.5-4.0 -> 2.6-2.9 s; 8 and 32 MB
                // were no better than 16 (a larger archive outgrows it and reads as before).
                conn.execute_batch(READ_CACHE_PRAGMA).ok()?;
                // One read transaction for the slice: outside one, every row's query took and
                // dropped the file's shared lock and checked for a hot journal and a changed
                // file (four system calls a row). A writer elsewhere waits for the slice at most
                // (the busy timeout), as it waited for each row before.
                let txn = conn.execute_batch("BEGIN").is_ok();
                let got = read_entries(&conn, chunk, keep);
                if txn {
                    let _ = conn.execute_batch("COMMIT");
                }
                Some(got)
            })
            .collect();
        chunks
            .into_iter()
            .zip(keys.chunks(per))
            .flat_map(|(got, chunk)| got.unwrap_or_else(|| read_entries(&self.conn, chunk, keep)))
            .collect()
    }

    /// Keep the article entries from outgrowing the corpus: when the cache holds more than
    /// twice as many as `keys` (the run's articles) and [`PRUNE_SLACK`] more, every entry not
    /// under one of `keys` is deleted (the versions of articles that have since changed, or
    /// of articles that left the corpus). Returns how many were deleted; failures are warnings.
    /// A cache shared by two corpora loses the other one's entries then, which only means
    /// reading those articles again.
    pub fn prune(&mut self, keys: &[String], warn: &mut Vec<String>) -> usize {
        let result = (|| -> rusqlite::Result<usize> {
            let rows: i64 = self.conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
            let distinct = keys.iter().collect::<std::collections::HashSet<_>>().len();
            if usize::try_from(rows).unwrap_or(0) <= 2 * distinct + PRUNE_SLACK {
                return Ok(0);
            }
            let tx = self.conn.transaction()?;
            tx.execute_batch("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY); DELETE FROM keep;")?;
            {
                let mut stmt = tx.prepare("INSERT OR IGNORE INTO keep (key) VALUES (?1)")?;
                for k in keys {
                    stmt.execute(params![k])?;
                }
            }
            let deleted = tx.execute("DELETE FROM articles WHERE key NOT IN (SELECT key FROM keep)", [])?;
            tx.execute_batch("DROP TABLE keep;")?;
            tx.commit()?;
            Ok(deleted)
        })();
        result.unwrap_or_else(|e| {
            warn.push(format!("could not prune the cache ({e}); the results are unaffected"));
            0
        })
    }

    /// Store entries in one transaction; failures are warnings, never errors.
    pub fn put_all(&mut self, entries: &[(String, &Entry)], warn: &mut Vec<String>) {
        let result = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            {
                let mut stmt = tx.prepare_cached(
                    "INSERT OR REPLACE INTO articles (key, mentions, prints, terms, quotes, claims) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?;
                for (k, e) in entries {
                    let mentions = serde_json::to_vec(&e.mentions).unwrap_or_default();
                    let terms = serde_json::to_vec(&e.terms).unwrap_or_default();
                    let quotes = serde_json::to_vec(&e.quotes).unwrap_or_default();
                    let claims = serde_json::to_vec(&e.claims).unwrap_or_default();
                    stmt.execute(params![k, mentions, e.prints.to_bytes(), terms, quotes, claims])?;
                }
            }
            tx.commit()
        })();
        if let Err(e) = result {
            warn.push(format!("could not update the cache ({e}); the results are unaffected"));
        }
    }
}

impl Cache {
    /// The result a cross-article stage stored under `name` for these rules (`None` when there
    /// is none, it was made under other rules or it cannot be read).
    pub fn get_run(&self, name: &str) -> Option<Vec<u8>> {
        self.get_run_under(name, &self.salt)
    }

    /// The result stored under `name` and exactly `salt` (its inputs' digest): a result made from
    /// other inputs is never read.
    pub fn get_run_under(&self, name: &str, salt: &str) -> Option<Vec<u8>> {
        // Read through a blob handle into one buffer of the right size: selecting the column
        // would have SQLite assemble the whole value (an archive's result is 100 MB) in a buffer
        // of its own first, and the copy would hold twice the memory for a moment.
        let row: i64 = self
            .conn
            .query_row("SELECT rowid FROM runs WHERE name = ?1 AND salt = ?2", params![name, salt], |r| r.get(0))
            .optional()
            .ok()??;
        let blob = self.conn.blob_open(rusqlite::MAIN_DB, "runs", "data", row, true).ok()?;
        // The handle's length is in bytes whatever the value's type (SQL `length` counts the
        // characters of a text value).
        let mut data = vec![0u8; blob.len()];
        blob.read_at_exact(&mut data, 0).ok()?;
        Some(data)
    }

    /// Store results (name, salt, data) in one transaction, each replacing the earlier one under
    /// its name and salt; failures are warnings, never errors.
    pub fn put_runs(&mut self, rows: &[(&str, &str, &[u8])], warn: &mut Vec<String>) {
        let result = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            for (name, salt, data) in rows {
                // A row of zeros of the right length, then the data written into it through a
                // blob handle: binding the data instead would have SQLite copy it (and build
                // its record) in memory first, 100 MB more at the peak of an archive's run.
                let len = i64::try_from(data.len()).map_err(|_| rusqlite::Error::ToSqlConversionFailure("result too large".into()))?;
                tx.execute("INSERT OR REPLACE INTO runs (name, salt, data) VALUES (?1, ?2, zeroblob(?3))", params![name, salt, len])?;
                let mut blob = tx.blob_open(rusqlite::MAIN_DB, "runs", "data", tx.last_insert_rowid(), false)?;
                blob.write_all_at(data, 0)?;
            }
            tx.commit()
        })();
        if let Err(e) = result {
            warn.push(format!("could not update the cache ({e}); the results are unaffected"));
        }
    }

    /// Store a result under `name` and `salt` (its inputs' digest), replacing the earlier one.
    pub fn put_run_under(&mut self, name: &str, salt: &str, data: &[u8], warn: &mut Vec<String>) {
        self.put_runs(&[(name, salt, data)], warn);
    }
}

/// The entries under `keys`, read through `conn`, decoded straight from SQLite's buffers (the
/// fingerprints through `keep`, when given).
fn read_entries<F: Fn(u32) -> bool>(conn: &Connection, keys: &[String], keep: Option<&F>) -> Vec<Option<Entry>> {
    let Ok(mut stmt) = conn.prepare_cached("SELECT mentions, prints, terms, quotes, claims FROM articles WHERE key = ?1") else {
        return vec![None; keys.len()];
    };
    keys.iter()
        .map(|k| {
            stmt.query_row(params![k], |r| {
                let mentions = serde_json::from_slice(r.get_ref(0)?.as_blob()?).ok();
                let prints = match keep {
                    None => DocPrints::from_bytes(r.get_ref(1)?.as_blob()?),
                    Some(keep) => DocPrints::from_bytes_keeping(r.get_ref(1)?.as_blob()?, keep),
                };
                let terms = serde_json::from_slice(r.get_ref(2)?.as_blob()?).ok();
                let quotes = serde_json::from_slice(r.get_ref(3)?.as_blob()?).ok();
                let claims = serde_json::from_slice(r.get_ref(4)?.as_blob()?).ok();
                Ok(mentions.zip(prints).zip(terms.zip(quotes)).zip(claims).map(|(((mentions, prints), (terms, quotes)), claims)| Entry {
                    mentions,
                    claims,
                    prints,
                    terms,
                    quotes,
                }))
            })
            .optional()
            .ok()
            .flatten()
            .flatten()
        })
        .collect()
}

fn is_locked(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// Whether `path` is in a folder named `.factdiff` (the default cache's): whatever is there is
/// factdiff's own, so a file there that is not a cache is a damaged one, rebuilt or removed.
fn in_own_folder(path: &Path) -> bool {
    path.parent().and_then(Path::file_name).is_some_and(|n| n == ".factdiff")
}

/// Delete the cache file at `path`; a file that is not a factdiff cache ([`not_a_cache`]) is
/// refused, not deleted, unless it is in factdiff's own folder.
pub fn clear(path: &Path) -> std::io::Result<bool> {
    if let Some(what) = not_a_cache(path).filter(|_| !in_own_folder(path)) {
        return Err(std::io::Error::other(format!("it is not a factdiff cache ({what}); it was left as it is")));
    }
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> Entry {
        let a = crate::corpus::Article::from_text("a.md", text.to_string()).unwrap();
        // A use per entry that differs with the text, so a round trip shows it came back.
        let terms = vec![TermUse { term: 0, form: 1, start: 0, end: text.len() }];
        let quotes = vec![QuoteSpan { start: 1, end: text.len(), speaker: Some(text[..4].to_string()) }];
        let prints = crate::dupes::fingerprint(a.body_text(), &Default::default());
        let mentions = crate::extract::mentions(&a);
        Entry { claims: Vec::new(), mentions, prints, terms, quotes }
    }

    /// Past twice the run's articles and the slack, entries under other keys go; below it,
    /// nothing does; the run's own entries are always kept.
    #[test]
    fn entries_of_other_contents_are_pruned_once_they_outnumber_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let mut warn = Vec::new();
        let mut cache = Cache::open(&dir.path().join("c.db"), "salt".to_string(), &mut warn).unwrap();
        let one = entry("NATO has 32 members.");
        let keys: Vec<String> = (0..2 * 3 + PRUNE_SLACK + 1).map(|i| format!("key {i}")).collect();
        let stored: Vec<(String, &Entry)> = keys.iter().map(|k| (k.clone(), &one)).collect();
        cache.put_all(&stored[..2 * 3 + PRUNE_SLACK], &mut warn);
        let run: Vec<String> = vec![keys[0].clone(), keys[5].clone(), keys[9].clone(), keys[5].clone()];
        assert_eq!(cache.prune(&run, &mut warn), 0, "at the threshold nothing is pruned");
        cache.put_all(&stored[2 * 3 + PRUNE_SLACK..], &mut warn);
        assert_eq!(cache.prune(&run, &mut warn), keys.len() - 3);
        let left: Vec<bool> = cache.get_all(&keys).iter().map(Option::is_some).collect();
        assert_eq!(left.iter().filter(|l| **l).count(), 3);
        assert!(left[0] && left[5] && left[9]);
        assert_eq!(cache.prune(&run, &mut warn), 0, "pruned again: nothing left to prune");
        assert!(warn.is_empty(), "{warn:?}");
    }

    /// Run rows come back byte for byte whatever their size (none, one byte, many pages), a
    /// later row replaces the earlier one under its name, a row is read only under its own
    /// salt, and a row stored by binding the bytes (as earlier builds did) reads the same.
    #[test]
    fn run_rows_round_trip_through_blob_handles() {
        let dir = tempfile::tempdir().unwrap();
        let mut warn = Vec::new();
        let mut cache = Cache::open(&dir.path().join("c.db"), "salt".to_string(), &mut warn).unwrap();
        let big: Vec<u8> = (0..3 * PAGE_SIZE + 17).map(|i| (i % 251) as u8).collect();
        cache.put_runs(&[("empty", "s", b""), ("one", "s", b"x"), ("big", "s", &big)], &mut warn);
        assert_eq!(cache.get_run_under("empty", "s"), Some(Vec::new()));
        assert_eq!(cache.get_run_under("one", "s"), Some(b"x".to_vec()));
        assert_eq!(cache.get_run_under("big", "s"), Some(big.clone()));
        assert_eq!(cache.get_run_under("big", "other salt"), None);
        assert_eq!(cache.get_run_under("missing", "s"), None);
        cache.put_run_under("big", "t", b"shorter", &mut warn);
        assert_eq!(cache.get_run_under("big", "t"), Some(b"shorter".to_vec()));
        assert_eq!(cache.get_run_under("big", "s"), None, "replaced under its name");
        cache.conn.execute("INSERT OR REPLACE INTO runs (name, salt, data) VALUES ('bound', 's', ?1)", params![&big]).unwrap();
        assert_eq!(cache.get_run_under("bound", "s"), Some(big));
        // A text value (a damaged row) comes back as its bytes, multi-byte characters whole.
        cache.conn.execute("INSERT OR REPLACE INTO runs (name, salt, data) VALUES ('text', 's', 'é€x')", []).unwrap();
        assert_eq!(cache.get_run_under("text", "s"), Some("é€x".as_bytes().to_vec()));
        assert!(warn.is_empty(), "{warn:?}");
    }

    /// A new cache file has pages large enough for an article's fingerprints.
    #[test]
    fn a_new_cache_file_has_large_pages() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        drop(Cache::open(&path, "salt".to_string(), &mut Vec::new()).unwrap());
        let conn = Connection::open(&path).unwrap();
        assert_eq!(conn.query_row("PRAGMA page_size", [], |r| r.get::<_, u32>(0)).unwrap(), PAGE_SIZE);
    }

    /// Entries read in parallel slices come back in the order of the keys, with `None` where
    /// nothing is stored, whatever the number of threads.
    #[test]
    fn entries_read_in_parallel_come_back_in_key_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let mut warn = Vec::new();
        let mut cache = Cache::open(&path, "salt".to_string(), &mut warn).unwrap();
        let texts: Vec<String> =
            (0..7).map(|i| format!("NATO has {} members and spent ${i} billion on the {i}th summit's agenda.", 30 + i)).collect();
        let stored: Vec<(String, Entry)> =
            texts.iter().enumerate().filter(|(i, _)| i % 3 != 1).map(|(_, t)| (key(t, "salt"), entry(t))).collect();
        cache.put_all(&stored.iter().map(|(k, e)| (k.clone(), e)).collect::<Vec<_>>(), &mut warn);
        drop(cache);
        let keys: Vec<String> = texts.iter().map(|t| key(t, "salt")).collect();
        for threads in [1, 2, 3, 8] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let got = pool.install(|| Cache::open(&path, "salt".to_string(), &mut Vec::new()).unwrap().get_all(&keys));
            assert_eq!(got.len(), keys.len());
            for (i, (g, t)) in got.iter().zip(&texts).enumerate() {
                match g {
                    Some(g) => {
                        assert_ne!(i % 3, 1, "{threads} threads: entry {i} was never stored");
                        let want = entry(t);
                        assert_eq!(g.mentions, want.mentions, "{threads} threads, entry {i}");
                        assert_eq!(g.prints.to_bytes(), want.prints.to_bytes(), "{threads} threads, entry {i}");
                        assert_eq!(g.terms, want.terms, "{threads} threads, entry {i}");
                        assert_eq!(g.quotes, want.quotes, "{threads} threads, entry {i}");
                    }
                    None => assert_eq!(i % 3, 1, "{threads} threads: stored entry {i} not read"),
                }
            }
        }
        assert!(warn.is_empty(), "{warn:?}");
    }
}
