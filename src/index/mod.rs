//! The archive index: a SQLite file that keeps every archived article (its bytes, its date and
//! metadata) with the blocking keys of its claims and the unknown names they refer to, so
//! that a few new articles are checked against a large archive by looking up only the archived
//! articles they share a key with (`gate`), never by reading the whole archive.
//!
//! Invariants:
//! - Every write is one `BEGIN IMMEDIATE … COMMIT` transaction holding whole documents (a
//!   document's row, bytes, keys, names and date count go in or out together), in WAL mode: a
//!   process killed at any moment leaves an index that opens, passes `PRAGMA integrity_check` and
//!   holds only whole documents.
//! - The keys are `align::key` of the claims `claimcheck::check` finds in the article, so they
//!   are exactly what blocks claims in a check; the rules (and the claimcheck version) they were
//!   made with are fingerprinted, and an index made with others is refreshed by `add` and refused
//!   by `gate`.
//! - A stored article is rebuilt from its bytes by `ingest` exactly as a check reads the file.
//! - Nothing here prints: the CLI (`src/cli/index.rs`) says what happened.
//!
//! Schema: `schema.rs`; rows: `store.rs`; the gate: `gate.rs`.

mod gate;
mod schema;
mod store;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use rusqlite::{Connection, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::extract::Extractor;
use crate::ingest::{self, InputError};
use crate::rules::RuleSet;
use crate::{Corpus, align, names};

pub use gate::{Gate, MAX_PER_KEY};
pub use schema::{APPLICATION_ID, Mode, VERSION};

/// Documents extracted and written per transaction: a killed `add` loses at most one batch.
const BATCH: usize = 64;

/// An index that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{path}: no such index (`claimcheck index add {path} PATH...` builds one)")]
    Missing { path: String },
    #[error("{path}: not a claimcheck index ({why})")]
    NotAnIndex { path: String, why: String },
    #[error("{path}: the index has schema version {found}, newer than this claimcheck reads ({VERSION}); use a newer claimcheck")]
    Newer { path: String, found: i64 },
    #[error("{path}: the index is locked by another process (an `index add` still running?); try again when it has finished")]
    Locked { path: String },
    #[error("{path}: the index was built with other rules or another claimcheck ({stored}; these are {current}); `claimcheck index add {path} PATH...` with the same --rules refreshes it")]
    OtherRules { path: String, stored: String, current: String },
    #[error("{path}: {message}")]
    Sqlite { path: String, message: String },
}

impl IndexError {
    fn from_sqlite(path: &str, e: rusqlite::Error) -> IndexError {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => IndexError::Locked { path: path.to_string() },
            Some(ErrorCode::NotADatabase) => IndexError::NotAnIndex { path: path.to_string(), why: "not a SQLite database".into() },
            Some(ErrorCode::CannotOpen) => IndexError::Sqlite { path: path.to_string(), message: "cannot open the file (is its folder there and writable?)".into() },
            Some(ErrorCode::ReadOnly) => IndexError::Sqlite { path: path.to_string(), message: "the index is read-only".into() },
            Some(ErrorCode::DiskFull) => IndexError::Sqlite { path: path.to_string(), message: "the disk is full; nothing of the last batch was written".into() },
            _ => IndexError::Sqlite { path: path.to_string(), message: e.to_string() },
        }
    }
}

/// The fingerprint of what made the keys: every loaded rule file (its path under the rules root
/// and its text) and claimcheck's version. SHA-256, the first 16 bytes in hex.
pub fn rules_fingerprint(rules: &RuleSet) -> String {
    let mut files: Vec<(&str, &str)> = rules.files.iter().map(|f| (f.rel.as_str(), f.text.as_str())).collect();
    files.sort_unstable();
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field(concat!("claimcheck ", env!("CARGO_PKG_VERSION")));
    for (rel, text) in files {
        field(rel);
        field(text);
    }
    hex(&h.finalize()[..16])
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// What `add` did.
#[derive(Debug, Default)]
pub struct Added {
    /// Stored paths of new documents.
    pub added: Vec<String>,
    /// Stored paths of documents whose file changed: their claims were replaced.
    pub replaced: Vec<String>,
    pub unchanged: usize,
    /// Documents extracted again because the rules (or claimcheck) changed.
    pub refreshed: usize,
    /// Undated documents keyed again because the archive's median date moved.
    pub rekeyed: usize,
    /// With `prune`: stored paths under a folder given whose files the folder no longer holds.
    pub pruned: Vec<String>,
    pub errors: Vec<InputError>,
    pub warnings: Vec<String>,
}

/// What `remove` did.
#[derive(Debug, Default)]
pub struct Removed {
    pub removed: Vec<String>,
    /// Paths given that the index does not hold.
    pub absent: Vec<String>,
    pub rekeyed: usize,
}

/// What the index holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub documents: u64,
    pub claims: u64,
    /// (document, key) rows and distinct keys.
    pub key_rows: u64,
    pub distinct_keys: u64,
    pub name_rows: u64,
    pub bytes: u64,
    /// The file's size (pages in use, WAL included once checkpointed).
    pub file_size: u64,
    pub rules: Option<String>,
    pub schema: i64,
    pub dated: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// An open index.
pub struct Index {
    conn: Connection,
    /// The file as named, for messages.
    shown: String,
    /// The index's folder, canonical: stored paths are relative to it.
    dir: PathBuf,
}

impl Index {
    /// Open (with `Mode::Create`, create) the index at `path`.
    pub fn open(path: &Path, mode: Mode) -> Result<Index, IndexError> {
        let shown = path.display().to_string();
        let conn = schema::open(path, mode)?;
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let dir = std::fs::canonicalize(parent).unwrap_or_else(|_| absolute(parent));
        Ok(Index { conn, shown, dir })
    }

    /// The index file as named.
    pub fn name(&self) -> &str {
        &self.shown
    }

    fn sql(&self) -> impl Fn(rusqlite::Error) -> IndexError + '_ {
        move |e| IndexError::from_sqlite(&self.shown, e)
    }

    /// How a file is named in the index: its path relative to the index's folder with `/`
    /// between folders (the path a check run from that folder shows), else its absolute path.
    /// Symbolic links are resolved, so one file has one name however it is reached; a file that
    /// no longer exists is named from its folder.
    pub fn path_key(&self, file: &Path) -> String {
        let abs = std::fs::canonicalize(file).unwrap_or_else(|_| {
            let abs = absolute(file);
            match (abs.parent().and_then(|p| std::fs::canonicalize(p).ok()), abs.file_name()) {
                (Some(p), Some(name)) => p.join(name),
                _ => abs,
            }
        });
        // The index's folder itself is the empty path: every file named relative to it.
        match abs.strip_prefix(&self.dir) {
            Ok(rel) => rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"),
            _ => abs.to_string_lossy().into_owned(),
        }
    }

    /// The rules fingerprint the index was built with (`None` for an index with no document yet).
    pub fn rules(&self) -> Result<Option<String>, IndexError> {
        store::meta(&self.conn, "rules").map_err(self.sql())
    }

    /// Refuse an index built with other rules than `ex`'s.
    pub fn check_rules(&self, ex: &Extractor<'_>) -> Result<(), IndexError> {
        let current = rules_fingerprint(ex.rules);
        match self.rules()? {
            Some(stored) if stored != current => Err(IndexError::OtherRules { path: self.shown.clone(), stored: format!("rules {stored}"), current }),
            _ => Ok(()),
        }
    }

    /// The archive's dates for the corpus's median date, less the documents in `leave_out`.
    fn other_dates(&self, leave_out: &[Option<String>]) -> Result<Vec<(jiff::civil::Date, usize)>, IndexError> {
        let mut out: Vec<(jiff::civil::Date, usize)> = Vec::new();
        let mut minus: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for d in leave_out.iter().flatten() {
            *minus.entry(d.as_str()).or_default() += 1;
        }
        for (day, n) in store::dates(&self.conn).map_err(self.sql())? {
            let n = n.saturating_sub(minus.get(day.as_str()).copied().unwrap_or(0));
            if let (true, Ok(d)) = (n > 0, day.parse::<jiff::civil::Date>()) {
                out.push((d, n));
            }
        }
        Ok(out)
    }

    fn median(&self) -> Result<Option<String>, IndexError> {
        let dates = self.other_dates(&[])?;
        Ok(crate::normalise::median_with(&[], &dates).map(|d| d.to_string()))
    }

    /// Add the files that `inputs` name or hold (walked as `check` walks folders): a new file is
    /// extracted and stored, a changed one (other bytes) replaces its claims, an unchanged one is
    /// left alone (same size and modification time, or the same bytes). When the index was made
    /// with other rules, every stored document is extracted again first. With `prune`, documents
    /// stored under a folder of `inputs` that the walk no longer finds there (deleted, or now
    /// ignored) are removed, so the index mirrors the folder.
    pub fn add(&mut self, ex: &Extractor<'_>, inputs: &[PathBuf], walk: &ingest::WalkOptions, prune: bool) -> Result<Added, IndexError> {
        let mut out = Added::default();
        let (files, errors) = ingest::list_files(inputs, walk);
        out.errors = errors;
        // A folder that could not be listed whole is never pruned by what was missed.
        if prune && out.errors.is_empty() {
            out.pruned = self.prune(inputs, &files)?;
        }
        let current = rules_fingerprint(ex.rules);
        if self.rules()?.as_deref() != Some(current.as_str()) {
            out.refreshed = self.refresh(ex, &current)?;
        }
        let context = Corpus { other_dates: self.other_dates(&[])?, focus: None };
        for chunk in files.chunks(BATCH) {
            let mut plans = Vec::with_capacity(chunk.len());
            for f in chunk {
                let key = self.path_key(f);
                let stored = store::stored(&self.conn, &key).map_err(self.sql())?;
                plans.push((f, key, stored));
            }
            let outcomes: Vec<Outcome> = plans.par_iter().map(|(f, key, stored)| plan(ex, &context, f, key, stored.as_ref())).collect();
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| IndexError::from_sqlite(&self.shown, e))?;
            for o in outcomes {
                match o {
                    Outcome::Unchanged => out.unchanged += 1,
                    Outcome::Touch { id, size, mtime_ns } => {
                        store::touch(&tx, id, size, mtime_ns).map_err(|e| IndexError::from_sqlite(&self.shown, e))?;
                        out.unchanged += 1;
                    }
                    Outcome::Put { record, replaces, warnings } => {
                        store::put(&tx, &record, replaces).map_err(|e| IndexError::from_sqlite(&self.shown, e))?;
                        out.warnings.extend(warnings);
                        if replaces.is_some() { out.replaced.push(record.path) } else { out.added.push(record.path) }
                    }
                    Outcome::Failed(e) => out.errors.push(e),
                }
            }
            tx.commit().map_err(|e| IndexError::from_sqlite(&self.shown, e))?;
        }
        out.rekeyed = self.rekey_undated(ex)?;
        out.errors.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Remove what is stored under the folders of `inputs` but not among `found`.
    fn prune(&mut self, inputs: &[PathBuf], found: &[PathBuf]) -> Result<Vec<String>, IndexError> {
        let found: BTreeSet<String> = found.iter().map(|f| self.path_key(f)).collect();
        let folders: Vec<String> = inputs.iter().filter(|p| p.is_dir()).map(|p| self.path_key(p)).collect();
        let shown = self.shown.clone();
        let sql = |e| IndexError::from_sqlite(&shown, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        let mut gone = Vec::new();
        for folder in folders {
            for (id, path, _) in store::at_or_under(&tx, &folder).map_err(sql)? {
                if !found.contains(&path) && !gone.contains(&path) {
                    store::delete(&tx, id).map_err(sql)?;
                    gone.push(path);
                }
            }
        }
        tx.commit().map_err(sql)?;
        Ok(gone)
    }

    /// Remove the documents at these paths or under these folders (the files need not exist).
    pub fn remove(&mut self, ex: &Extractor<'_>, paths: &[PathBuf]) -> Result<Removed, IndexError> {
        let mut out = Removed::default();
        let shown = self.shown.clone();
        let sql = |e| IndexError::from_sqlite(&shown, e);
        let keys: Vec<(String, String)> = paths.iter().map(|p| (p.display().to_string(), self.path_key(p))).collect();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        for (given, key) in keys {
            let docs = store::at_or_under(&tx, &key).map_err(sql)?;
            if docs.is_empty() {
                out.absent.push(given);
            }
            for (id, path, _) in docs {
                store::delete(&tx, id).map_err(sql)?;
                out.removed.push(path);
            }
        }
        tx.commit().map_err(sql)?;
        out.rekeyed = self.rekey_undated(ex)?;
        Ok(out)
    }

    /// Extract every stored document again (other rules), then record the rules.
    fn refresh(&mut self, ex: &Extractor<'_>, current: &str) -> Result<usize, IndexError> {
        let ids = store::all_ids(&self.conn).map_err(self.sql())?;
        let n = self.reextract(ex, &ids)?;
        let shown = self.shown.clone();
        let sql = |e| IndexError::from_sqlite(&shown, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        store::set_meta(&tx, "rules", current).map_err(sql)?;
        store::set_meta(&tx, "claimcheck", env!("CARGO_PKG_VERSION")).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(n)
    }

    /// An undated article resolves year-less dates against the corpus's median date, so its keys
    /// depend on the archive: when the median moved since they were made, make them again.
    fn rekey_undated(&mut self, ex: &Extractor<'_>) -> Result<usize, IndexError> {
        let median = self.median()?.unwrap_or_default();
        if store::meta(&self.conn, "median").map_err(self.sql())?.as_deref() == Some(median.as_str()) {
            return Ok(0);
        }
        let ids = store::undated(&self.conn).map_err(self.sql())?;
        let n = self.reextract(ex, &ids)?;
        let shown = self.shown.clone();
        let sql = |e| IndexError::from_sqlite(&shown, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        store::set_meta(&tx, "median", &median).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(n)
    }

    /// Extract stored documents again from their bytes, a batch per transaction.
    fn reextract(&mut self, ex: &Extractor<'_>, ids: &[i64]) -> Result<usize, IndexError> {
        let shown = self.shown.clone();
        let sql = |e| IndexError::from_sqlite(&shown, e);
        let context = Corpus { other_dates: self.other_dates(&[])?, focus: None };
        let mut n = 0;
        for chunk in ids.chunks(BATCH) {
            let mut loaded = Vec::with_capacity(chunk.len());
            for &id in chunk {
                if let (Some(l), Some(facts)) = (store::load(&self.conn, id).map_err(sql)?, store::file_facts(&self.conn, id).map_err(sql)?) {
                    loaded.push((l, facts));
                }
            }
            let records: Vec<(i64, Extracted)> = loaded.into_par_iter().map(|(l, (hash, size, mtime_ns))| (l.id, record(ex, &context, &l.path, l.bytes, hash, size, mtime_ns))).collect();
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
            for (id, r) in records {
                // A stored document always decoded once; should it no longer, it stays as it was.
                if let Ok((rec, _)) = r {
                    store::put(&tx, &rec, Some(id)).map_err(sql)?;
                    n += 1;
                }
            }
            tx.commit().map_err(sql)?;
        }
        Ok(n)
    }

    /// What the index holds. Counting reads every row: this is for people, not for the gate.
    pub fn stats(&self) -> Result<Stats, IndexError> {
        let sql = self.sql();
        let one = |q: &str| -> Result<u64, IndexError> { self.conn.query_row(q, [], |r| r.get::<_, Option<i64>>(0)).map(|v| v.unwrap_or(0) as u64).map_err(&sql) };
        let page_count = one("PRAGMA page_count")?;
        let page_size = one("PRAGMA page_size")?;
        let (first_date, last_date): (Option<String>, Option<String>) = self.conn.query_row("SELECT min(day), max(day) FROM dates", [], |r| Ok((r.get(0)?, r.get(1)?))).map_err(&sql)?;
        Ok(Stats {
            documents: one("SELECT count(*) FROM documents")?,
            claims: one("SELECT sum(claims) FROM documents")?,
            key_rows: one("SELECT count(*) FROM keys")?,
            distinct_keys: one("SELECT count(DISTINCT key) FROM keys")?,
            name_rows: one("SELECT count(*) FROM names")?,
            bytes: one("SELECT sum(size) FROM documents")?,
            file_size: page_count * page_size,
            rules: self.rules()?,
            schema: self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(&sql)?,
            dated: one("SELECT sum(documents) FROM dates")?,
            first_date,
            last_date,
        })
    }
}

/// A document's record and the warnings met reading it, or why it could not be read.
type Extracted = Result<(store::Record, Vec<String>), InputError>;

/// What to do with one file.
enum Outcome {
    Unchanged,
    /// The same bytes with a new modification time.
    Touch { id: i64, size: u64, mtime_ns: Option<i64> },
    Put { record: Box<store::Record>, replaces: Option<i64>, warnings: Vec<String> },
    Failed(InputError),
}

fn plan(ex: &Extractor<'_>, context: &Corpus, file: &Path, key: &str, stored: Option<&store::Stored>) -> Outcome {
    let meta = match std::fs::metadata(file) {
        Ok(m) => m,
        Err(e) => return Outcome::Failed(InputError { path: file.display().to_string(), reason: e.to_string() }),
    };
    let mtime_ns = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).and_then(|d| i64::try_from(d.as_nanos()).ok());
    if let Some(s) = stored {
        if s.size == meta.len() && s.mtime_ns.is_some() && s.mtime_ns == mtime_ns {
            return Outcome::Unchanged;
        }
    }
    let bytes = match ingest::read_bytes(file) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(e),
    };
    let hash = hex(&Sha256::digest(&bytes));
    let size = bytes.len() as u64;
    if let Some(s) = stored {
        if s.hash == hash {
            return Outcome::Touch { id: s.id, size, mtime_ns };
        }
    }
    match record(ex, context, key, bytes, hash, size, mtime_ns) {
        Ok((record, mut warnings)) => {
            // Messages name the file as given, like every input message.
            let stored_name = key.to_string();
            for w in &mut warnings {
                if let Some(rest) = w.strip_prefix(&stored_name) {
                    *w = format!("{}{rest}", file.display());
                }
            }
            Outcome::Put { record: Box::new(record), replaces: stored.map(|s| s.id), warnings }
        }
        Err(e) => Outcome::Failed(InputError { path: file.display().to_string(), reason: e.reason }),
    }
}

/// The names and places a document's claims refer to that a check links across articles, each
/// with the blocks it is linked in: unknown names as written (`names::block_keys`), places as
/// `place:<id>` (`places::block_keys`). The gate looks the new articles' ones up in their blocks.
pub(crate) fn lookups(rules: &crate::rules::RuleSet, claims: &[crate::claim::Claim]) -> BTreeMap<String, Vec<String>> {
    let levels = crate::places::Levels::new(rules);
    let mut out = BTreeMap::new();
    for c in claims {
        for n in names::unknown_names(c) {
            out.entry(n.to_string()).or_insert_with(|| names::block_keys(n));
        }
        for p in crate::places::unknown_places(rules, c) {
            out.entry(format!("{PLACE}{p}")).or_insert_with(|| crate::places::block_keys(&levels, p, &rules.thresholds.name_vowels));
        }
    }
    out
}

/// The prefix of a place among a document's looked-up names.
pub(crate) const PLACE: &str = "place:";

/// Extract one article alone into its record. An article with a date of its own (stated, or
/// the latest full date of its body) is the same whatever the corpus; one without takes the year
/// of its year-less dates from the corpus's median date, so it is extracted again with the
/// archive's dates as its corpus (`context`), as a check of the whole archive would date it.
fn record(ex: &Extractor<'_>, context: &Corpus, path: &str, bytes: Vec<u8>, hash: String, size: u64, mtime_ns: Option<i64>) -> Extracted {
    let article = ingest::article_from_bytes(Path::new(path), bytes.clone())?;
    let stem = article.id.clone();
    let alone = crate::check_with(ex, vec![article.clone()]);
    let own = alone.documents.first().and_then(|d| d.published.date);
    let rep = if own.is_none() && !context.other_dates.is_empty() { crate::check_in(ex, vec![article], context) } else { alone };
    let keys: BTreeSet<String> = rep.claims.iter().filter_map(|c| align::key(ex.rules, c)).collect();
    let names = lookups(ex.rules, &rep.claims);
    let doc = rep.documents.first();
    let record = store::Record {
        path: path.to_string(),
        stem,
        hash,
        size,
        mtime_ns,
        bytes,
        title: doc.and_then(|d| d.title.clone()),
        outlet: doc.and_then(|d| d.outlet.clone()),
        // Only the article's own date: one taken from the corpus would move the median with it.
        published: own.map(|d| d.to_string()),
        language: doc.map(|d| d.language.clone()).unwrap_or_default(),
        claims: rep.claims.len(),
        keys,
        names,
    };
    Ok((record, rep.warnings))
}

/// `path` made absolute against the working directory, `.` and `..` resolved in the text.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
