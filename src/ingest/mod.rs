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

/// Extensions read when walking a folder. Named files are read whatever their extension.
const FOLDER_EXTENSIONS: &[&str] = &["txt", "md"];

/// Read every input. Errors do not stop the others.
pub fn read_inputs(inputs: &[PathBuf], stdin: &mut dyn Read) -> (Vec<Article>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
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
                if let Err(e) = walk(input, &mut found) {
                    errors.push(InputError { path: input.display().to_string(), reason: format!("cannot list folder: {e}") });
                }
                found.sort();
                // Files are read in parallel and kept in sorted order.
                let read: Vec<Result<Article, InputError>> = found.par_iter().map(|f| read_file(f)).collect();
                for r in read {
                    match r {
                        Ok(a) => articles.push(a),
                        Err(e) => errors.push(e),
                    }
                }
            }
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

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let p = entry.path();
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(&p, out)?;
        } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| FOLDER_EXTENSIONS.contains(&e)) {
            out.push(p);
        }
    }
    Ok(())
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
