//! Ingest: the only reader of article bytes — files, folders (recursively, sorted) and standard
//! input. Owns the encoding policy and the metadata that a file states about itself.
//!
//! Invariant: `Article::text` has exactly the bytes of the file where the file is valid UTF-8;
//! each invalid byte is replaced by one ASCII SUB (0x1A) so byte offsets stay true.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

/// One article as read.
#[derive(Debug, Clone)]
pub struct Article {
    /// File name without extension (`-` → `stdin`).
    pub id: String,
    /// The path as given (or found under a given folder).
    pub path: String,
    pub text: String,
    /// Byte offset where the body starts (after front matter).
    pub body_start: usize,
    pub meta: FrontMatter,
    /// Problems that did not stop reading (lossy decoding).
    pub warnings: Vec<String>,
}

/// Metadata from a Markdown file's YAML front matter.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
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

/// Read every input. Errors do not stop the others.
pub fn read_inputs(inputs: &[PathBuf], stdin: &mut dyn Read) -> (Vec<Article>, Vec<InputError>) {
    read_inputs_with(inputs, stdin, &WalkOptions::default())
}

/// `read_inputs` with folder-walking options. A file reached twice (named and inside a named
/// folder, or under two named folders) is read once, where it is first reached.
pub fn read_inputs_with(inputs: &[PathBuf], stdin: &mut dyn Read, walk_opts: &WalkOptions) -> (Vec<Article>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut first_time = |p: &Path| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
    for input in inputs {
        if input.as_os_str() == "-" {
            let mut buf = Vec::new();
            match stdin.read_to_end(&mut buf) {
                Ok(_) => match decode("-", "stdin", buf, "txt") {
                    Ok(a) => articles.push(a),
                    Err(e) => errors.push(e),
                },
                Err(e) => errors.push(InputError { path: "-".into(), reason: format!("cannot read standard input: {e}") }),
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
                found.retain(|f| first_time(f));
                // Files are read in parallel and kept in sorted order.
                let read: Vec<Result<Article, InputError>> = found.par_iter().map(|f| read_file(f)).collect();
                for r in read {
                    match r {
                        Ok(a) => articles.push(a),
                        Err(e) => errors.push(e),
                    }
                }
            }
            Ok(_) if !first_time(input) => {}
            Ok(_) => match read_file(input) {
                Ok(a) => articles.push(a),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(InputError { path: input.display().to_string(), reason: io_reason(&e) }),
        }
    }
    (articles, errors)
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
    for entry in b.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        // The root itself, folders, and symlinks to folders are not articles.
        if entry.depth() == 0 || entry.file_type().is_some_and(|t| t.is_dir()) || !entry.path().is_file() {
            continue;
        }
        let p = entry.path();
        if p.extension().and_then(|e| e.to_str()).is_some_and(|e| FOLDER_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x))) {
            out.push(p.to_path_buf());
        }
    }
    problems
}

fn read_file(path: &Path) -> Result<Article, InputError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| InputError { path: shown.clone(), reason: io_reason(&e) })?;
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone());
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("txt").to_ascii_lowercase();
    decode(&shown, &id, bytes, &ext)
}

/// Bytes to an article. Binary content is refused; invalid UTF-8 is replaced byte for byte.
pub fn decode(path: &str, id: &str, bytes: Vec<u8>, ext: &str) -> Result<Article, InputError> {
    if looks_binary(&bytes) {
        return Err(InputError { path: path.into(), reason: "binary file (NUL bytes or mostly control characters), skipped".into() });
    }
    let mut warnings = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.into_bytes();
            let mut bad = 0usize;
            let mut s = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                s.push_str(chunk.valid());
                for _ in chunk.invalid() {
                    s.push('\u{1a}');
                    bad += 1;
                }
            }
            warnings.push(format!("{path}: not valid UTF-8; {bad} byte(s) replaced, offsets kept"));
            s
        }
    };
    let (meta, body_start) = if ext == "md" {
        match front_matter(&text) {
            Ok(x) => x,
            Err(msg) => {
                warnings.push(format!("{path}: {msg}; front matter ignored"));
                (FrontMatter::default(), 0)
            }
        }
    } else {
        (FrontMatter::default(), 0)
    };
    Ok(Article { id: id.to_string(), path: path.to_string(), text, body_start, meta, warnings })
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let ctrl = head.iter().filter(|&&b| b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)).count();
    !head.is_empty() && ctrl * 10 > head.len()
}

/// `---\n<yaml>\n---\n` at the very start of a Markdown file.
fn front_matter(text: &str) -> Result<(FrontMatter, usize), String> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Ok((FrontMatter::default(), 0));
    };
    let head = text.len() - rest.len();
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..pos];
            let body_start = head + pos + line.len();
            return serde_yaml::from_str::<FrontMatter>(yaml)
                .map(|m| (m, body_start))
                .map_err(|e| format!("front matter is not valid YAML: {e}"));
        }
        pos += line.len();
    }
    Err("front matter is not closed by `---`".into())
}
