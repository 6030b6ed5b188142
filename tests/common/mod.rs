//! Helpers shared by the integration tests (`mod common;` in each test file): where things are,
//! running the binary, temporary folders, copies of the seeds with one edit, and the gold scorer.
#![allow(dead_code)]

pub mod score;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value as J;

/// The crate root: the binary is run from here so that paths in its output are stable.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds_dir() -> PathBuf {
    root().join("seeds")
}

pub fn gold_path() -> PathBuf {
    root().join("tests/gold/seeds.yaml")
}

pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// The five seed files, sorted.
pub fn seed_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("seeds/ is readable")
        .map(|e| e.expect("seeds/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "expected the five seed articles in seeds/");
    v
}

/// A folder under the system temp dir, unique per process and call, removed on drop.
pub struct TempDir {
    path: PathBuf,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("claimcheck-test-{}-{n}-{label}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir { path }
    }
    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn join(&self, p: &str) -> PathBuf {
        self.path.join(p)
    }
    /// Write a file (creating parent folders).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&p, bytes).expect("write temp file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The five seeds copied (content only; the originals are read-only) into a fresh folder.
pub fn copy_seeds(label: &str) -> TempDir {
    let dir = TempDir::new(label);
    for f in seed_files() {
        let bytes = std::fs::read(&f).expect("read seed");
        dir.write(f.file_name().and_then(|n| n.to_str()).expect("seed name"), bytes);
    }
    dir
}

/// The seed file whose name starts with `prefix` ("004") inside `dir`.
pub fn seed_in(dir: &Path, prefix: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt")))
        .collect();
    assert_eq!(found.len(), 1, "one seed named {prefix}_* in {}", dir.display());
    found.remove(0)
}

/// The seeds copied with `from` replaced by `to` in the seed `prefix`. `from` must occur exactly
/// once, so that a change to the seeds cannot make a mutation silently edit nothing.
pub fn mutated_seeds(prefix: &str, from: &str, to: &str) -> TempDir {
    let dir = copy_seeds(&format!("mut-{prefix}"));
    let p = seed_in(dir.path(), prefix);
    let text = std::fs::read_to_string(&p).expect("seed is UTF-8");
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur exactly once in seed {prefix}");
    std::fs::write(&p, text.replacen(from, to, 1)).expect("write mutated seed");
    dir
}

/// Run the binary from the crate root.
pub fn run(args: &[&str]) -> Output {
    run_with(args, None, &[])
}

/// Run the binary with optional standard input and extra environment variables.
pub fn run_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    run_in_with(&root(), args, stdin, env)
}

/// Run the binary from `dir` (paths in its output are then relative to `dir`).
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_in_with(dir, args, None, &[])
}

/// Run the binary from `dir` with optional standard input and extra environment variables.
pub fn run_in_with(dir: &Path, args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.args(args).current_dir(dir).stdout(Stdio::piped()).stderr(Stdio::piped());
    // The table's width and colour must not depend on the shell the tests run in.
    cmd.env_remove("COLUMNS").env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().expect("spawn claimcheck");
    if let Some(input) = stdin {
        let mut si = child.stdin.take().expect("stdin");
        si.write_all(input).expect("write stdin");
    }
    child.wait_with_output().expect("wait for claimcheck")
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code (not killed by a signal)")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// `check --format json ARGS…` → (exit code, parsed report, stderr).
pub fn check_json(args: &[&str]) -> (i32, J, String) {
    let mut a = vec!["check", "--format", "json"];
    a.extend_from_slice(args);
    let o = run(&a);
    let rep: J = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}\nstderr: {}", stdout(&o), stderr(&o)));
    (code(&o), rep, stderr(&o))
}

/// The pipeline through the library on `paths` with the built-in rules, as the JSON report.
pub fn library_report(paths: &[PathBuf]) -> J {
    let rules = claimcheck::rules::RuleSet::builtin().expect("built-in rules load");
    let (articles, errors) = claimcheck::ingest::read_inputs(paths, &mut std::io::empty());
    assert!(errors.is_empty(), "input errors: {errors:?}");
    let rep = claimcheck::check(articles, &rules).expect("check runs");
    let opts = claimcheck::report::json::JsonOptions { pretty: false, sentences: true };
    serde_json::from_str(&claimcheck::report::json::render_with(&rep, opts)).expect("report is JSON")
}

/// Claim id → claim object of a report.
pub fn claims_by_id(rep: &J) -> std::collections::BTreeMap<String, J> {
    rep["claims"].as_array().expect("claims").iter().map(|c| (c["id"].as_str().expect("claim id").to_string(), c.clone())).collect()
}

/// The document ids a finding's claims come from.
pub fn finding_docs(rep: &J, f: &J) -> std::collections::BTreeSet<String> {
    let by = claims_by_id(rep);
    f["claims"].as_array().expect("finding claims").iter().map(|c| by[c.as_str().expect("id")]["doc"].as_str().expect("doc").to_string()).collect()
}

/// The texts of a finding's claims.
pub fn finding_texts(rep: &J, f: &J) -> Vec<String> {
    let by = claims_by_id(rep);
    f["claims"].as_array().expect("finding claims").iter().map(|c| by[c.as_str().expect("id")]["text"].as_str().expect("text").to_string()).collect()
}

/// Findings with this verdict.
pub fn findings_with(rep: &J, verdict: &str) -> Vec<J> {
    rep["findings"].as_array().expect("findings").iter().filter(|f| f["verdict"] == verdict).cloned().collect()
}

/// A one-line summary of every conflict/updated finding, for failure messages.
pub fn describe_findings(rep: &J) -> String {
    rep["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["verdict"] != "single_source")
        .map(|f| format!("{} {} {} docs={:?} texts={:?}", f["id"], f["verdict"], f["severity"], finding_docs(rep, f), finding_texts(rep, f)))
        .collect::<Vec<_>>()
        .join("\n")
}
