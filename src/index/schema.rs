//! The index's schema: what a claimcheck index file holds, how it is recognised (application id,
//! `PRAGMA user_version`), and how a connection is set up (WAL, `synchronous=NORMAL`, a busy
//! timeout). Changing a table is a new `VERSION`.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::IndexError;

/// The schema this build reads and writes (`PRAGMA user_version`).
pub const VERSION: i64 = 1;

/// `PRAGMA application_id` of a claimcheck index: "ccix" in ASCII. A SQLite file without it is
/// someone else's database and is never written to.
pub const APPLICATION_ID: i64 = 0x6363_6978;

/// How long a writer waits for another one (a second `index add`) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The tables. `keys` and `names` repeat the document's date so that "the most recent documents
/// with this key" is one walk of an index, however many documents share the key.
const TABLES: &str = "
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per archived file. `path` is the file's path relative to the index's folder (absolute
-- when the file lies outside it); `stem` is its file name without extension (the document id a
-- check gives it, unless another file shares it). `published` is the article's date as read
-- from the article alone (front matter, page header, else the latest full date of its body),
-- ISO `YYYY-MM-DD`. `keys` counts its rows in `keys`: a document is whole when they are all there.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    stem TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER,
    title TEXT,
    outlet TEXT,
    published TEXT,
    language TEXT NOT NULL,
    claims INTEGER NOT NULL,
    keys INTEGER NOT NULL,
    names INTEGER NOT NULL
);
CREATE INDEX documents_by_stem ON documents(stem);
CREATE INDEX documents_by_published ON documents(published);

-- The file's bytes as read: a gate run rebuilds the article from them exactly as a check would
-- read the file (encoding, HTML, front matter).
CREATE TABLE texts (
    doc INTEGER PRIMARY KEY,
    bytes BLOB NOT NULL
);

-- The blocking keys (`align::key`) of the document's claims, each once.
CREATE TABLE keys (
    key TEXT NOT NULL,
    doc INTEGER NOT NULL,
    published TEXT,
    PRIMARY KEY (doc, key)
) WITHOUT ROWID;
CREATE INDEX keys_by_key ON keys(key, published DESC, doc);

-- The unknown names its claims refer to, each once per block (`names::block_keys`): names
-- are linked across articles inside a block, so a new article's names look up, in their blocks,
-- the archived articles with names that may be linked to them.
CREATE TABLE names (
    block TEXT NOT NULL,
    name TEXT NOT NULL,
    doc INTEGER NOT NULL,
    published TEXT,
    PRIMARY KEY (doc, name, block)
) WITHOUT ROWID;
CREATE INDEX names_by_block ON names(block, published DESC, doc);

-- How many documents have each date: the archive's part of the corpus's median date, read in
-- one walk over distinct days rather than over documents.
CREATE TABLE dates (
    day TEXT PRIMARY KEY,
    documents INTEGER NOT NULL
) WITHOUT ROWID;
";

/// How to open an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Create the file and its tables when it does not exist (`index add`).
    Create,
    /// The index must exist (`index rm`, `index stats`, `check --against`).
    Existing,
}

/// Open `path` and check that it is a claimcheck index of this schema (creating one with
/// `Mode::Create` when the file is missing or empty).
pub fn open(path: &Path, mode: Mode) -> Result<Connection, IndexError> {
    let shown = path.display().to_string();
    let sql = |e: rusqlite::Error| IndexError::from_sqlite(&shown, e);
    let exists = path.exists();
    if !exists && mode == Mode::Existing {
        return Err(IndexError::Missing { path: shown });
    }
    if path.is_dir() {
        return Err(IndexError::NotAnIndex { path: shown, why: "it is a folder".into() });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | if mode == Mode::Create { OpenFlags::SQLITE_OPEN_CREATE } else { OpenFlags::empty() };
    let conn = Connection::open_with_flags(path, flags).map_err(sql)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
    // Reading the header tells a claimcheck index from any other file: SQLite refuses a file that
    // is not a database here (SQLITE_NOTADB).
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(sql)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(sql)?;
    if app == 0 && version == 0 && tables == 0 {
        if mode == Mode::Existing {
            return Err(IndexError::NotAnIndex { path: shown, why: "an empty database".into() });
        }
        create(&conn).map_err(sql)?;
    } else if app != APPLICATION_ID {
        return Err(IndexError::NotAnIndex { path: shown, why: "a SQLite database of another program".into() });
    } else if version > VERSION {
        return Err(IndexError::Newer { path: shown, found: version });
    } else if version < VERSION {
        return Err(IndexError::NotAnIndex { path: shown, why: format!("schema version {version}, older than this claimcheck reads ({VERSION}); delete it and build it again") });
    }
    // With WAL, NORMAL is durable across a killed process and loses at most the last commits on a
    // power cut; the index is rebuilt from the articles in the worst case.
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(sql)?;
    Ok(conn)
}

/// The tables of a new index, in one transaction; WAL mode first (it cannot change inside one).
fn create(conn: &Connection) -> rusqlite::Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    let _ = mode;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let made = (|| {
        // Another process may have created it meanwhile: then there is nothing to do.
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if tables == 0 {
            conn.execute_batch(TABLES)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            conn.pragma_update(None, "user_version", VERSION)?;
        }
        Ok(())
    })();
    match made {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}
