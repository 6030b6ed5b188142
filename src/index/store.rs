//! Rows: what one archived document is in the tables (`Record`), and the reads and writes of
//! them. Every write function takes a transaction: a document's rows are written or removed
//! together, never one without the others.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// One archived document as stored.
#[derive(Debug, Clone)]
pub struct Record {
    pub path: String,
    pub stem: String,
    pub hash: String,
    pub size: u64,
    pub mtime_ns: Option<i64>,
    pub bytes: Vec<u8>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// ISO date, as read from the article alone.
    pub published: Option<String>,
    pub language: String,
    pub claims: usize,
    pub keys: BTreeSet<String>,
    /// Unknown names (`Ref::Name`) and places its claims refer to, each with the blocks it is
    /// linked in (`index::lookups`).
    pub names: BTreeMap<String, Vec<String>>,
}

/// What is stored of a file, to tell whether it changed.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: i64,
    pub hash: String,
    pub size: u64,
    pub mtime_ns: Option<i64>,
}

/// An archived document to check again: where it was, its date and its bytes.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub id: i64,
    pub path: String,
    pub published: Option<String>,
    pub bytes: Vec<u8>,
}

pub fn meta(conn: &Connection, name: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| r.get(0)).optional()
}

pub fn set_meta(tx: &Transaction<'_>, name: &str, value: &str) -> rusqlite::Result<()> {
    tx.execute("INSERT INTO meta (name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value", params![name, value])?;
    Ok(())
}

pub fn stored(conn: &Connection, path: &str) -> rusqlite::Result<Option<Stored>> {
    conn.query_row("SELECT id, hash, size, mtime_ns FROM documents WHERE path = ?1", [path], |r| {
        Ok(Stored { id: r.get(0)?, hash: r.get(1)?, size: r.get::<_, i64>(2)? as u64, mtime_ns: r.get(3)? })
    })
    .optional()
}

/// Store a document, replacing the one with id `replaces` (its rows all go first).
pub fn put(tx: &Transaction<'_>, rec: &Record, replaces: Option<i64>) -> rusqlite::Result<i64> {
    if let Some(id) = replaces {
        delete(tx, id)?;
    }
    tx.execute(
        "INSERT INTO documents (path, stem, hash, size, mtime_ns, title, outlet, published, language, claims, keys, names) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![rec.path, rec.stem, rec.hash, rec.size as i64, rec.mtime_ns, rec.title, rec.outlet, rec.published, rec.language, rec.claims as i64, rec.keys.len() as i64, rec.names.len() as i64],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute("INSERT INTO texts (doc, bytes) VALUES (?1, ?2)", params![id, rec.bytes])?;
    let mut k = tx.prepare_cached("INSERT INTO keys (key, doc, published) VALUES (?1, ?2, ?3)")?;
    for key in &rec.keys {
        k.execute(params![key, id, rec.published])?;
    }
    let mut n = tx.prepare_cached("INSERT INTO names (block, name, doc, published) VALUES (?1, ?2, ?3, ?4)")?;
    for (name, blocks) in &rec.names {
        for block in blocks {
            n.execute(params![block, name, id, rec.published])?;
        }
    }
    if let Some(day) = &rec.published {
        tx.execute("INSERT INTO dates (day, documents) VALUES (?1, 1) ON CONFLICT(day) DO UPDATE SET documents = documents + 1", [day])?;
    }
    Ok(id)
}

/// Remove a document and all its rows.
pub fn delete(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    let published: Option<Option<String>> = tx.query_row("SELECT published FROM documents WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    if let Some(Some(day)) = published {
        tx.execute("UPDATE dates SET documents = documents - 1 WHERE day = ?1", [&day])?;
        tx.execute("DELETE FROM dates WHERE day = ?1 AND documents <= 0", [&day])?;
    }
    tx.execute("DELETE FROM keys WHERE doc = ?1", [id])?;
    tx.execute("DELETE FROM names WHERE doc = ?1", [id])?;
    tx.execute("DELETE FROM texts WHERE doc = ?1", [id])?;
    tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
    Ok(())
}

/// A file whose bytes did not change: only its size and modification time are updated.
pub fn touch(tx: &Transaction<'_>, id: i64, size: u64, mtime_ns: Option<i64>) -> rusqlite::Result<()> {
    tx.execute("UPDATE documents SET size = ?2, mtime_ns = ?3 WHERE id = ?1", params![id, size as i64, mtime_ns])?;
    Ok(())
}

/// The documents with this key, most recent first (undated last, then by id), at most `limit`:
/// one walk of `keys_by_key`.
pub fn with_key(conn: &Connection, key: &str, limit: usize) -> rusqlite::Result<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT doc FROM keys WHERE key = ?1 ORDER BY published DESC, doc LIMIT ?2")?;
    let rows = st.query_map(params![key, limit as i64], |r| r.get(0))?;
    rows.collect()
}

/// (document, name) of the names in this block, most recent document first: one walk of
/// `names_by_block`, as long as the block (names of those initials), never the archive.
pub fn in_block(conn: &Connection, block: &str) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut st = conn.prepare_cached("SELECT doc, name FROM names WHERE block = ?1 ORDER BY published DESC, doc")?;
    let rows = st.query_map([block], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

pub fn load(conn: &Connection, id: i64) -> rusqlite::Result<Option<Loaded>> {
    conn.query_row("SELECT d.id, d.path, d.published, t.bytes FROM documents d JOIN texts t ON t.doc = d.id WHERE d.id = ?1", [id], |r| {
        Ok(Loaded { id: r.get(0)?, path: r.get(1)?, published: r.get(2)?, bytes: r.get(3)? })
    })
    .optional()
}

/// (id, path, published) of the documents whose file name without extension is `stem`.
pub fn with_stem(conn: &Connection, stem: &str) -> rusqlite::Result<Vec<(i64, String, Option<String>)>> {
    let mut st = conn.prepare_cached("SELECT id, path, published FROM documents WHERE stem = ?1 ORDER BY id")?;
    let rows = st.query_map([stem], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// (id, path, published) of the document at `path` or under the folder `path` (the empty path is
/// the index's own folder: every path relative to it).
pub fn at_or_under(conn: &Connection, path: &str) -> rusqlite::Result<Vec<(i64, String, Option<String>)>> {
    let (sql, args) = if path.is_empty() {
        ("SELECT id, path, published FROM documents WHERE substr(path, 1, 1) != '/' ORDER BY path", vec![])
    } else {
        // '/' + 1 is '0': the range holds exactly the paths that start with `path/`.
        ("SELECT id, path, published FROM documents WHERE path = ?1 OR (path >= ?2 AND path < ?3) ORDER BY path", vec![path.to_string(), format!("{path}/"), format!("{path}0")])
    };
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// How many documents have each date, by date.
pub fn dates(conn: &Connection) -> rusqlite::Result<Vec<(String, usize)>> {
    let mut st = conn.prepare_cached("SELECT day, documents FROM dates WHERE documents > 0 ORDER BY day")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
    rows.collect()
}

/// The documents without a date (their keys depend on the corpus's date).
pub fn undated(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT id FROM documents WHERE published IS NULL ORDER BY id")?;
    let rows = st.query_map([], |r| r.get(0))?;
    rows.collect()
}

pub fn all_ids(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let mut st = conn.prepare("SELECT id FROM documents ORDER BY id")?;
    let rows = st.query_map([], |r| r.get(0))?;
    rows.collect()
}

/// (hash, size, mtime) of a stored document, to keep them when it is extracted again.
pub fn file_facts(conn: &Connection, id: i64) -> rusqlite::Result<Option<(String, u64, Option<i64>)>> {
    conn.query_row("SELECT hash, size, mtime_ns FROM documents WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?))).optional()
}
