//! The incremental cache: per-article work that does not depend on other articles — the
//! mentions the quantity grammar reads and the passage fingerprints of the near-verbatim check
//! — stored in an embedded SQLite database (`.factdiff/cache.db` by default), keyed by the
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

use crate::dupes::DocPrints;
use crate::quantity::Mention;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Version of the cache's table layout and stored formats.
const FORMAT: &str = "4";
/// Default location, relative to the working directory.
pub const DEFAULT_PATH: &str = ".factdiff/cache.db";

/// What the cache keeps for one article.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Every mention, spans relative to the article file.
    pub mentions: Vec<Mention>,
    /// Near-verbatim fingerprints of the body.
    pub prints: DocPrints,
}

/// An open cache.
pub struct Cache {
    conn: Connection,
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

/// The rules' part of the key: every rule file's path and content, and the tool version.
pub fn salt(rule_files: &[PathBuf], extra: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(extra.as_bytes());
    for f in rule_files {
        h.update(f.to_string_lossy().as_bytes());
        h.update(&std::fs::read(f).unwrap_or_default());
    }
    h.finalize().to_hex().to_string()
}

fn open_at(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(2))?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, mentions BLOB NOT NULL, prints BLOB NOT NULL);
         CREATE TABLE IF NOT EXISTS runs (name TEXT PRIMARY KEY, salt TEXT NOT NULL, data BLOB NOT NULL);",
    )?;
    let format: Option<String> = conn.query_row("SELECT v FROM meta WHERE k = 'format'", [], |r| r.get(0)).optional()?;
    match format.as_deref() {
        Some(FORMAT) => {}
        None => {
            conn.execute("INSERT INTO meta (k, v) VALUES ('format', ?1)", params![FORMAT])?;
        }
        Some(_) => return Err(rusqlite::Error::InvalidQuery),
    }
    // Touch the table so a corrupt file shows now, not halfway through a run.
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?;
    Ok(conn)
}

impl Cache {
    /// Open (or create) the cache at `path`. Problems become warnings in `warn`; `None` means
    /// the run goes on without a cache.
    pub fn open(path: &Path, salt: String, warn: &mut Vec<String>) -> Option<Cache> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(dir) {
                warn.push(format!("{}: could not create the cache folder ({e}); running without a cache", dir.display()));
                return None;
            }
        }
        match open_at(path) {
            Ok(conn) => Some(Cache { conn, salt }),
            Err(e) if is_locked(&e) => {
                warn.push(format!("{}: the cache is locked by another run; running without it", path.display()));
                None
            }
            Err(e) => {
                warn.push(format!("{}: the cache is unreadable or from another version ({e}); rebuilding it", path.display()));
                let _ = std::fs::remove_file(path);
                match open_at(path) {
                    Ok(conn) => Some(Cache { conn, salt }),
                    Err(e) => {
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
    /// or it cannot be read: that article is then simply recomputed).
    pub fn get_all(&self, keys: &[String]) -> Vec<Option<Entry>> {
        let Ok(mut stmt) = self.conn.prepare_cached("SELECT mentions, prints FROM articles WHERE key = ?1") else {
            return vec![None; keys.len()];
        };
        keys.iter()
            .map(|k| {
                let row =
                    stmt.query_row(params![k], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))).optional().ok().flatten()?;
                Some(Entry { mentions: serde_json::from_slice(&row.0).ok()?, prints: DocPrints::from_bytes(&row.1)? })
            })
            .collect()
    }

    /// Store entries in one transaction; failures are warnings, never errors.
    pub fn put_all(&mut self, entries: &[(String, &Entry)], warn: &mut Vec<String>) {
        let result = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            {
                let mut stmt = tx.prepare_cached("INSERT OR REPLACE INTO articles (key, mentions, prints) VALUES (?1, ?2, ?3)")?;
                for (k, e) in entries {
                    stmt.execute(params![k, serde_json::to_vec(&e.mentions).unwrap_or_default(), e.prints.to_bytes()])?;
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
        self.conn
            .query_row("SELECT data FROM runs WHERE name = ?1 AND salt = ?2", params![name, salt], |r| r.get::<_, Vec<u8>>(0))
            .optional()
            .ok()
            .flatten()
    }

    /// Store a cross-article stage's result under `name`, replacing the earlier one; failures
    /// are warnings, never errors.
    pub fn put_run(&mut self, name: &str, data: &[u8], warn: &mut Vec<String>) {
        let salt = self.salt.clone();
        self.put_run_under(name, &salt, data, warn);
    }

    /// Store a result under `name` and `salt` (its inputs' digest), replacing the earlier one.
    pub fn put_run_under(&mut self, name: &str, salt: &str, data: &[u8], warn: &mut Vec<String>) {
        if let Err(e) = self.conn.execute("INSERT OR REPLACE INTO runs (name, salt, data) VALUES (?1, ?2, ?3)", params![name, salt, data]) {
            warn.push(format!("could not update the cache ({e}); the results are unaffected"));
        }
    }
}

fn is_locked(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// Delete the cache file at `path`.
pub fn clear(path: &Path) -> std::io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}
