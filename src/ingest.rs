//! Ingest: the only reader of article bytes — files, folders (recursively, sorted) and standard
//! input. Owns the encoding policy, the bounds on what is read, the order and ids of documents,
//! and the metadata that a file states about itself.
//!
//! Invariants:
//! - Only regular files are read, at most [`MAX_INPUT_BYTES`] each: a FIFO, a device or a socket
//!   is refused before a byte is read (opened non-blocking, its type checked), so no input can
//!   hang or read forever.
//! - `Article::text` is UTF-8, and `Article::origin` maps every offset of it to the bytes of the
//!   file (decoding: `decode`; text taken out of HTML: `html`). For a UTF-8 text file both maps
//!   are the identity.
//! - Documents come out in a canonical order (sorted by path, standard input last) whatever the
//!   order of the arguments; a file named twice is read once; ids are unique.

mod decode;
mod front_matter;
mod html;
mod offsets;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use decode::looks_binary;
pub use front_matter::{FrontMatter, MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_DEPTH};
pub use offsets::OffsetMap;

/// The largest input read (a file or standard input). News articles are kilobytes; this only
/// stops a runaway input from exhausting memory.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// One article as read.
#[derive(Debug, Clone)]
pub struct Article {
    /// File name without extension (`-` → `stdin`); the path relative to the other inputs of the
    /// same name when two share it (`a/x`, `b/x`).
    pub id: String,
    /// The path as given (or found under a given folder).
    pub path: String,
    /// The article's text, in UTF-8: the file's text, or the text of an HTML page. Shared: its
    /// quotations are ranges of it (`claim::Quote`), not copies.
    pub text: std::sync::Arc<str>,
    /// Byte offset where the body starts (after front matter).
    pub body_start: usize,
    pub meta: FrontMatter,
    /// Problems that did not stop reading (a guessed encoding, replaced bytes, bad front matter).
    pub warnings: Vec<String>,
    /// Where `text` came from: the map back to the file's bytes and lines.
    pub origin: Origin,
}

/// How an article's text relates to its file. Spans are kept in text offsets through the
/// pipeline and translated here when rendered.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The encoding the file was read in ("UTF-8", "UTF-16LE", "windows-1252").
    pub encoding: &'static str,
    /// The file's own text, decoded, when the article's text was taken out of it (an HTML
    /// page's markup); `None` when the article's text is the file's text.
    pub source: Option<String>,
    /// Text offsets → source offsets (identity when `source` is `None`).
    pub to_source: OffsetMap,
    /// Source offsets → byte offsets of the file (identity for UTF-8 without a BOM).
    pub to_file: OffsetMap,
}

impl Origin {
    /// The byte range of the file under the text range `start..end`.
    pub fn file_span(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = self.source_span(start, end);
        let fs = self.to_file.start(s);
        (fs, self.to_file.end(e).max(fs))
    }

    /// The range of the source text (the file's decoded text) under the text range.
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_source.start(start);
        (s, self.to_source.end(end).max(s))
    }
}

/// An input that could not be read: named, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// Extensions read when walking a folder (compared without case). Named files are read
/// whatever their extension; `.html`/`.htm` are yielded for `read_file` to decide.
const FOLDER_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// How folders are walked: what is left out besides `.ignore`/`.gitignore` files.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Gitignore-style globs (`drafts/`, `*.draft.md`), matched against paths relative to each
    /// folder given as input. Files named on the command line are read regardless.
    pub exclude: Vec<String>,
}

impl WalkOptions {
    /// The first glob that does not parse, as `GLOB: reason`.
    pub fn validate(&self) -> Result<(), String> {
        let mut b = ignore::overrides::OverrideBuilder::new(".");
        for g in &self.exclude {
            b.add(&format!("!{g}")).map_err(|e| format!("--exclude '{g}': {e}"))?;
        }
        b.build().map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Read every input. Errors do not stop the others. The articles come out in canonical order
/// (see the module invariants), so permuting the inputs changes nothing.
pub fn read_inputs(inputs: &[PathBuf], stdin: &mut dyn Read) -> (Vec<Article>, Vec<InputError>) {
    read_inputs_with(inputs, stdin, &WalkOptions::default())
}

/// `read_inputs` with folder-walking options (`--exclude`, ignore files).
pub fn read_inputs_with(inputs: &[PathBuf], stdin: &mut dyn Read, walk_opts: &WalkOptions) -> (Vec<Article>, Vec<InputError>) {
    let listed = collect(inputs, Some(stdin), walk_opts);
    let mut errors = listed.errors;
    let (files, duplicates) = (listed.files, listed.duplicates);
    // Files are read in parallel and kept in sorted order.
    let read: Vec<Result<Article, InputError>> = files.par_iter().map(|f| read_file(f)).collect();
    let mut articles = Vec::new();
    for (r, f) in read.into_iter().zip(&files) {
        match r {
            Ok(mut a) => {
                for d in duplicates.get(f).into_iter().flatten() {
                    let shown = d.display().to_string();
                    a.warnings.push(if shown == a.path {
                        format!("{shown}: given more than once; read once")
                    } else {
                        format!("{shown}: the same file as {}; read once", a.path)
                    });
                }
                articles.push(a);
            }
            Err(e) => errors.push(e),
        }
    }
    if let Some(mut a) = listed.stdin {
        if listed.stdin_given > 1 {
            a.warnings.push("-: standard input is given more than once; read once".into());
        }
        articles.push(a);
    }
    unique_ids(&mut articles);
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (articles, errors)
}

/// What the inputs name: the files to read (sorted, each once), the other names a file was given
/// by, standard input when `-` is given and `stdin` is there to read, and the problems met.
struct Listed {
    files: Vec<PathBuf>,
    duplicates: BTreeMap<PathBuf, Vec<PathBuf>>,
    stdin: Option<Article>,
    stdin_given: usize,
    errors: Vec<InputError>,
}

fn collect(inputs: &[PathBuf], mut stdin: Option<&mut dyn Read>, walk_opts: &WalkOptions) -> Listed {
    let mut errors = Vec::new();
    // Every file to read, named or found in a folder; read once the list is complete.
    let mut files: Vec<PathBuf> = Vec::new();
    let mut from_stdin: Option<Article> = None;
    let mut stdin_given = 0usize;
    for input in inputs {
        if input.as_os_str() == "-" {
            stdin_given += 1;
            match stdin.as_deref_mut() {
                Some(r) if stdin_given == 1 => match read_stdin(r) {
                    Ok(a) => from_stdin = Some(a),
                    Err(e) => errors.push(e),
                },
                Some(_) => {}
                None if stdin_given == 1 => errors.push(InputError { path: "-".into(), reason: "standard input cannot be used here: name files or folders".into() }),
                None => {}
            }
            continue;
        }
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                for e in walk(input, walk_opts, &mut found) {
                    errors.push(InputError { path: input.display().to_string(), reason: format!("cannot list folder: {e}") });
                }
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(input.clone()),
            Err(e) => errors.push(InputError { path: input.display().to_string(), reason: io_reason(&e) }),
        }
    }
    let (files, duplicates) = dedup(files);
    Listed { files, duplicates, stdin: from_stdin, stdin_given, errors }
}

/// The files the inputs name or hold, found as `read_inputs_with` finds them (folders walked with
/// the same ignore files and excludes, sorted, a file reached twice listed once), without reading
/// them; `-` is refused. For callers that keep files rather than check them (the archive index).
pub fn list_files(inputs: &[PathBuf], walk_opts: &WalkOptions) -> (Vec<PathBuf>, Vec<InputError>) {
    let listed = collect(inputs, None, walk_opts);
    (listed.files, listed.errors)
}

/// The bytes of one file, bounded and refused as every input is (only regular files, at most
/// [`MAX_INPUT_BYTES`]).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    read_bounded(path).map_err(|reason| InputError { path: path.display().to_string(), reason })
}

/// The article of a file's bytes, exactly as `read_inputs` makes it from the file at `path` (its
/// id the file name without extension, read by its extension). The archive index keeps the bytes
/// and rebuilds its articles through this, so an archived article is the article as first read.
pub fn article_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Article, InputError> {
    let shown = path.display().to_string();
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone());
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("txt").to_ascii_lowercase();
    decode(&shown, &id, bytes, &ext)
}

/// Sorted, without the second and later names of one file (a file given twice, or given and also
/// found in a folder). Returns the files to read and, for each, the other names it was given.
fn dedup(mut files: Vec<PathBuf>) -> (Vec<PathBuf>, BTreeMap<PathBuf, Vec<PathBuf>>) {
    files.sort();
    // One `stat` per name, in parallel.
    let keys: Vec<FileKey> = files.par_iter().map(|f| file_key(f)).collect();
    let mut seen: BTreeMap<FileKey, PathBuf> = BTreeMap::new();
    let mut keep = Vec::with_capacity(files.len());
    let mut duplicates: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for (f, key) in files.into_iter().zip(keys) {
        match seen.get(&key) {
            Some(first) => {
                let names = duplicates.entry(first.clone()).or_default();
                // One warning per name, however many times it was given.
                if !names.contains(&f) {
                    names.push(f);
                }
            }
            None => {
                seen.insert(key, f.clone());
                keep.push(f);
            }
        }
    }
    (keep, duplicates)
}

/// What makes two names one file: the device and inode (a hard link, a symbolic link, `a/../b`),
/// else the canonical path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum FileKey {
    Inode(u64, u64),
    Path(PathBuf),
}

fn file_key(f: &Path) -> FileKey {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(f) {
            return FileKey::Inode(m.dev(), m.ino());
        }
    }
    // A file that cannot be resolved is kept under its own name: reading it reports why.
    FileKey::Path(std::fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf()))
}

/// Make ids unique: an id shared by two inputs becomes each one's path from the folder they
/// share (`a/x`, `b/x`), with its extension if that still collides (`x.txt`, `x.md`).
///
/// Public for the archive index, which assigns the ids a full check of the archive would give.
pub fn unique_ids(articles: &mut [Article]) {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for a in articles.iter() {
        *count.entry(a.id.clone()).or_default() += 1;
    }
    let shared: BTreeSet<String> = count.into_iter().filter(|(_, n)| *n > 1).map(|(id, _)| id).collect();
    for id in &shared {
        let members: Vec<usize> = (0..articles.len()).filter(|&i| &articles[i].id == id && articles[i].path != "-").collect();
        let parts: Vec<Vec<String>> = members
            .iter()
            .map(|&i| {
                // Folder names only: no root, no `.`.
                Path::new(&articles[i].path)
                    .components()
                    .filter(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::ParentDir))
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect()
            })
            .collect();
        // The folders all members share, left out of their ids.
        let mut common = 0;
        if parts.len() > 1 {
            let shortest = parts.iter().map(|p| p.len().saturating_sub(1)).min().unwrap_or(0);
            while common < shortest && parts.iter().all(|p| p[common] == parts[0][common]) {
                common += 1;
            }
        }
        let rel: Vec<String> = parts.iter().map(|p| p[common.min(p.len())..].join("/")).collect();
        let no_ext: Vec<String> = rel
            .iter()
            .map(|r| match r.rsplit_once('.') {
                Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem.to_string(),
                _ => r.clone(),
            })
            .collect();
        let distinct = |v: &[String]| v.iter().collect::<BTreeSet<_>>().len() == v.len() && !v.iter().any(|x| x == "stdin");
        let chosen = if distinct(&no_ext) { no_ext } else { rel };
        for (&i, new) in members.iter().zip(chosen) {
            articles[i].id = new;
        }
    }
    // Whatever is still shared (a path that is another's id) gets a numbered suffix.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for a in articles.iter_mut() {
        let n = seen.entry(a.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            a.id = format!("{}~{n}", a.id);
        }
    }
}

fn read_stdin(stdin: &mut dyn Read) -> Result<Article, InputError> {
    let mut buf = Vec::new();
    let err = |reason: String| InputError { path: "-".into(), reason };
    stdin.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut buf).map_err(|e| err(format!("cannot read standard input: {e}")))?;
    if buf.len() > MAX_INPUT_BYTES {
        return Err(err(too_large()));
    }
    decode("-", "stdin", buf, "txt")
}

fn too_large() -> String {
    format!("larger than {} MiB (the limit for one input), skipped", MAX_INPUT_BYTES / (1024 * 1024))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The article files under `dir`, as ripgrep would find them: `.ignore` files always apply,
/// `.gitignore` (and `.git/info/exclude`) only inside a git repository, ignore files in the
/// folders above `dir` too; hidden files and folders are skipped, symlinked folders are not
/// followed, the user's global git excludes are not read (the same tree gives the same input
/// set on every machine). Returns the problems met; the files found are still listed.
fn walk(dir: &Path, opts: &WalkOptions, out: &mut Vec<PathBuf>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut b = ignore::WalkBuilder::new(dir);
    b.standard_filters(true).git_global(false).require_git(true).follow_links(false);
    if !opts.exclude.is_empty() {
        let mut ob = ignore::overrides::OverrideBuilder::new(dir);
        for g in &opts.exclude {
            if let Err(e) = ob.add(&format!("!{g}")) {
                problems.push(format!("--exclude '{g}': {e}"));
            }
        }
        match ob.build() {
            Ok(o) => {
                b.overrides(o);
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    // Walked on every core (a large archive is tens of thousands of entries, each checked
    // against the ignore files of its folders); the caller sorts what is found, and the
    // problems are sorted here, so the order of the walk does not show.
    let found = std::sync::Mutex::new(Vec::new());
    let failed = std::sync::Mutex::new(Vec::new());
    b.threads(rayon::current_num_threads().max(1));
    b.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(e) => {
                    if let Some(p) = article_path(&e) {
                        found.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(p);
                    }
                }
                Err(e) => failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(e.to_string()),
            }
            ignore::WalkState::Continue
        })
    });
    out.extend(found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner));
    let mut failed = failed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    failed.sort();
    problems.extend(failed);
    problems
}

/// The path of a walked entry that may be an article: not the root, not a folder (nor a symlink
/// to one), with an article's extension. FIFOs and devices are yielded too: reading refuses them
/// with a message naming them, rather than leaving them out unsaid.
fn article_path(entry: &ignore::DirEntry) -> Option<PathBuf> {
    // The walk knows each entry's type: only a symlink (or an entry of unknown type) costs a
    // `stat` to tell a folder.
    let folder = match entry.file_type() {
        Some(t) => t.is_dir() || (t.is_symlink() && entry.path().is_dir()),
        None => entry.path().is_dir(),
    };
    if entry.depth() == 0 || folder {
        return None;
    }
    let p = entry.path();
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| FOLDER_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x))).then(|| p.to_path_buf())
}

fn read_file(path: &Path) -> Result<Article, InputError> {
    article_from_bytes(path, read_bytes(path)?)
}

/// The bytes of a regular file, at most [`MAX_INPUT_BYTES`]. Anything else is refused without
/// reading: a FIFO would block, a device (`/dev/zero`, `/dev/urandom`) never ends.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    // stat first (never blocks) for a clear message…
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(format!("not a regular file ({}), skipped", file_kind(&meta)));
    }
    // …then open without blocking and check again on the open file, in case the path was
    // swapped in between.
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(format!("not a regular file ({}), skipped", file_kind(&meta)));
    }
    if meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The bound holds even if the file grows while it is read.
    file.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Bytes to an article. `ext` says how to read it: `md` (front matter), `html`/`htm` (text out
/// of the markup), anything else plain text. Binary content is refused.
pub fn decode(path: &str, id: &str, bytes: Vec<u8>, ext: &str) -> Result<Article, InputError> {
    let is_html = matches!(ext, "html" | "htm" | "xhtml");
    let declared = if is_html { html::declared_charset(&bytes) } else { None };
    let d = decode::decode_owned(bytes, declared.as_deref()).map_err(|reason| InputError { path: path.into(), reason })?;
    let mut warnings: Vec<String> = d.warning.iter().map(|w| format!("{path}: {w}")).collect();
    let mut origin = Origin { encoding: d.encoding, source: None, to_source: OffsetMap::identity(), to_file: d.map };
    let (text, meta, body_start) = if is_html {
        let page = html::extract(&d.text);
        origin.source = Some(d.text);
        origin.to_source = page.map;
        (page.text, page.meta, 0)
    } else if ext == "md" {
        match front_matter::parse(&d.text) {
            Ok((meta, body_start)) => (d.text, meta, body_start),
            Err(msg) => {
                warnings.push(format!("{path}: {msg}; front matter ignored"));
                (d.text, FrontMatter::default(), 0)
            }
        }
    } else {
        (d.text, FrontMatter::default(), 0)
    };
    Ok(Article { id: id.to_string(), path: path.to_string(), text: text.into(), body_start, meta, warnings, origin })
}
