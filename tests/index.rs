//! The archive index and the gate (`index add|rm|stats`, `check --against`): the gate gives the
//! findings a full check of archive + new article gives for the new article (on the CLI, and
//! through the library on the test corpora); adding is idempotent and replaces changed files;
//! killing `index add` leaves a whole index; unusable indexes are clear exit-2 errors; one new
//! article against a generated 1,000-article index (the benchmark's smallest case).

mod common;

#[path = "../benches/archive.rs"]
mod archive;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value as J;

use common::{TempDir, code, run_in, stderr, stdout};

/// An article that contradicts seed 002's "lebih dari 11.000 kontainer amunisi".
const CONTRADICTING: &str = "Pasokan amunisi\n\nNATO menuduh Korea Utara memasok sekitar 5.000 kontainer amunisi ke Rusia.\n";
/// One that repeats it.
const HARMLESS: &str = "Pasokan amunisi\n\nNATO menuduh Korea Utara memasok lebih dari 11.000 kontainer amunisi ke Rusia.\n";

fn json(o: &std::process::Output) -> J {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(o), stderr(o)))
}

/// fingerprint → (verdict, severity, explanation) of the findings with a claim of document `doc`.
fn findings_of(rep: &J, doc: &str) -> BTreeMap<String, (String, String, String)> {
    rep["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| common::finding_docs(rep, f).contains(doc))
        .map(|f| (f["fingerprint"].as_str().unwrap().to_string(), (f["verdict"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string(), f["explanation"].as_str().unwrap().to_string())))
        .collect()
}

fn articles_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md") && !p.file_name().unwrap().to_str().unwrap().starts_with("SOURCES"))
        .collect();
    v.sort();
    v
}

// --- the gate equals a full check ---------------------------------------------------------------

#[test]
fn against_an_index_gives_the_findings_a_full_check_gives_for_the_new_article() {
    let corpora = [common::seeds_dir(), common::fixtures().join("report-en"), common::root().join("../shared/corpora/id-tragedi-kanjuruhan-2022")];
    let mut compared = 0;
    for corpus in &corpora {
        let files = articles_in(corpus);
        assert!(files.len() >= 4, "{}", corpus.display());
        for new in &files {
            // The archive is every other article of the story; the new one is outside it.
            let tmp = TempDir::new("index-equal");
            for f in files.iter().filter(|f| *f != new) {
                tmp.write(&format!("archive/{}", f.file_name().unwrap().to_str().unwrap()), std::fs::read(f).unwrap());
            }
            let name = new.file_name().unwrap().to_str().unwrap();
            tmp.write(&format!("new/{name}"), std::fs::read(new).unwrap());
            let d = tmp.path();
            let o = run_in(d, &["index", "add", "index.db", "archive"]);
            assert_eq!(code(&o), 0, "{}", stderr(&o));
            let new_rel = format!("new/{name}");
            let gate = run_in(d, &["check", "--format", "json", "--against", "index.db", &new_rel]);
            let full = run_in(d, &["check", "--format", "json", &new_rel, "archive"]);
            let id = Path::new(name).file_stem().unwrap().to_str().unwrap();
            let (g, f) = (json(&gate), json(&full));
            let (gf, ff) = (findings_of(&g, id), findings_of(&f, id));
            assert_eq!(gf, ff, "{}: the gate's findings for {name} differ from a full check's", corpus.display());
            // Only findings with a claim of the new article are reported, and the exit code
            // follows them: a full check's exit code when they are all it has.
            assert_eq!(g["findings"].as_array().unwrap().len(), gf.len(), "{name}");
            let fails = |m: &BTreeMap<String, (String, String, String)>| m.values().any(|(v, s, _)| v == "conflict" && s == "error");
            assert_eq!(code(&gate), i32::from(fails(&gf)), "{name}: {}", stderr(&gate));
            compared += gf.len();
        }
    }
    assert!(compared > 100, "the comparison covers findings: {compared}");
}

/// Every article of the test corpora (one per story of the larger ECB+ collection), checked
/// against an index of its whole corpus (which holds the article too, as in CI: the stored
/// version is left out by its path): the findings for it are a full check's, explanations and all.
#[test]
fn the_gate_equals_a_full_check_on_the_test_corpora() {
    let rules = claimcheck::rules::RuleSet::builtin().unwrap();
    let ex = claimcheck::extract::Extractor::new(&rules).unwrap();
    let mut dirs = vec![common::seeds_dir()];
    for root in [common::fixtures(), common::root().join("../shared/corpora")] {
        let mut stack = vec![root];
        while let Some(d) = stack.pop() {
            let mut subs: Vec<PathBuf> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir() && !p.to_str().unwrap().contains("rules-")).collect();
            subs.sort();
            stack.extend(subs.into_iter().rev());
            if articles_in(&d).len() >= 2 {
                dirs.push(d);
            }
        }
    }
    let tmp = TempDir::new("index-corpora");
    let (mut findings, mut articles) = (0, 0);
    for (n, dir) in dirs.iter().enumerate() {
        // Absolute paths on both sides: the index lies elsewhere, so it stores them absolute.
        let dir = std::fs::canonicalize(dir).unwrap();
        let (arts, errs) = claimcheck::ingest::read_inputs(std::slice::from_ref(&dir), &mut std::io::empty());
        assert!(errs.is_empty(), "{errs:?}");
        let full = claimcheck::check_with(&ex, arts.clone());
        let db = tmp.join(&format!("{n}.db"));
        let mut index = claimcheck::index::Index::open(&db, claimcheck::index::Mode::Create).unwrap();
        index.add(&ex, std::slice::from_ref(&dir), &Default::default(), false).unwrap();
        let sampled = dir.to_str().unwrap().contains("ecbplus-more");
        for a in arts.iter().take(if sampled { 1 } else { usize::MAX }) {
            let gate = index.gate(&ex, vec![a.clone()]).unwrap();
            let of = |rep: &claimcheck::Report| -> BTreeMap<String, String> {
                rep.findings.iter().filter(|f| f.claims.iter().any(|&c| rep.documents[rep.claims[c].doc].id == a.id)).map(|f| (f.fingerprint.clone(), format!("{} {}", f.verdict.name(), rep.explanation(f)))).collect()
            };
            let (g, f) = (of(&gate.report), of(&full));
            assert_eq!(g, f, "{} / {}", dir.display(), a.id);
            findings += f.len();
            articles += 1;
        }
    }
    assert!(articles > 150 && findings > 1000, "{articles} articles, {findings} findings");
}

// --- the gate in use ----------------------------------------------------------------------------

#[test]
fn the_gate_reports_only_what_new_articles_bring_and_fails_on_it() {
    let tmp = common::copy_seeds("index-gate");
    let d = tmp.path();
    // The archive holds a conflict of its own: a full check fails on it, the gate does not.
    tmp.write("wire-old.txt", CONTRADICTING);
    let o = run_in(d, &["index", "add", "index.db", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "index.db: 6 added, 0 replaced, 0 unchanged\n");
    tmp.write("new/quake.txt", "Gempa bumi\n\nSebanyak 62 orang tewas akibat gempa tersebut.\n");
    assert_eq!(code(&run_in(d, &["check", "new/quake.txt", "."])), 1, "the archive's own conflict fails a full check");
    let o = run_in(d, &["check", "--format", "json", "--against", "index.db", "new/quake.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("claimcheck: against index.db: "), "{}", stderr(&o));
    let rep = json(&o);
    assert!(!rep["findings"].as_array().unwrap().is_empty());
    for f in rep["findings"].as_array().unwrap() {
        assert!(common::finding_docs(&rep, f).contains("quake"), "{f}");
    }
    // An article that repeats one side of the known conflict takes part in it: that is a new
    // finding, reported with the archived articles it cites among the documents, and only those.
    tmp.write("new/harmless.txt", HARMLESS);
    let o = run_in(d, &["check", "--format", "json", "--against", "index.db", "new/harmless.txt"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let rep = json(&o);
    let conflicts = common::findings_with(&rep, "conflict");
    assert_eq!(conflicts.len(), 1, "{}", common::describe_findings(&rep));
    assert!(common::finding_docs(&rep, &conflicts[0]).contains("harmless") && common::finding_docs(&rep, &conflicts[0]).contains("wire-old"));
    let docs: BTreeSet<String> = rep["documents"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect();
    let cited: BTreeSet<String> = rep["findings"].as_array().unwrap().iter().flat_map(|f| common::finding_docs(&rep, f)).collect();
    assert!(docs.contains("harmless"), "{docs:?}");
    assert_eq!(docs, cited, "the documents are the new one and the archived ones its findings cite");
    // A contradicting new article fails the gate; --fail-on never does not; a baseline written
    // through the gate hides its findings next time.
    tmp.write("new/contradiction.txt", CONTRADICTING.replace("5.000", "4.000"));
    let o = run_in(d, &["check", "--against", "index.db", "new/contradiction.txt"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).contains("conflict (error)"), "{}", stdout(&o));
    assert_eq!(code(&run_in(d, &["check", "--against", "index.db", "--fail-on", "never", "new/contradiction.txt"])), 0);
    assert_eq!(code(&run_in(d, &["check", "--against", "index.db", "--write-baseline", "b.toml", "new/contradiction.txt"])), 0);
    let o = run_in(d, &["check", "--format", "json", "--against", "index.db", "--baseline", "b.toml", "new/contradiction.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["findings"].as_array().unwrap().len(), 0);
    // An article that is in the index itself is checked as the file now reads, not as stored.
    tmp.write("wire-old.txt", HARMLESS);
    let o = run_in(d, &["check", "--format", "json", "--against", "index.db", "wire-old.txt"]);
    let rep = json(&o);
    let texts: Vec<String> = rep["claims"].as_array().unwrap().iter().filter(|c| c["doc"] == "wire-old").map(|c| c["text"].as_str().unwrap().to_string()).collect();
    assert!(texts.iter().any(|t| t.contains("11.000")) && !texts.iter().any(|t| t.contains("5.000")), "{texts:?}");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn adding_again_is_a_no_op_a_changed_file_replaces_its_claims_and_rm_removes() {
    let tmp = common::copy_seeds("index-add");
    let d = tmp.path();
    let add = |args: &[&str]| {
        let mut a = vec!["index", "add", "index.db"];
        a.extend_from_slice(args);
        let o = run_in(d, &a);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(add(&["."]), "index.db: 5 added, 0 replaced, 0 unchanged\n");
    let stats = |d: &Path| stdout(&run_in(d, &["index", "stats", "index.db"]));
    let before = stats(d);
    assert!(before.starts_with("index            index.db\nschema version   1\ndocuments        5 ("), "{before}");
    assert!(before.contains("\nrules            ") && before.contains("(the rules in use)"), "{before}");
    // Unchanged: nothing is written (the same size and time, or the same bytes).
    assert_eq!(add(&["."]), "index.db: 0 added, 0 replaced, 5 unchanged\n");
    let seed = common::seed_in(d, "002");
    std::fs::write(&seed, std::fs::read(&seed).unwrap()).unwrap();
    assert_eq!(add(&["./"]), "index.db: 0 added, 0 replaced, 5 unchanged\n", "the same bytes under another name of the folder");
    assert_eq!(stats(d), before);
    // Changed: its claims are replaced, and the gate sees the new text.
    let text = std::fs::read_to_string(&seed).unwrap();
    assert_eq!(text.matches("lebih dari 11.000").count(), 1);
    std::fs::write(&seed, text.replace("lebih dari 11.000", "sekitar 5.000")).unwrap();
    assert_eq!(add(&[seed.to_str().unwrap()]), "index.db: 0 added, 1 replaced, 0 unchanged\n");
    tmp.write("new/wire.txt", HARMLESS);
    let rep = json(&run_in(d, &["check", "--format", "json", "--against", "index.db", "new/wire.txt"]));
    assert_eq!(common::findings_with(&rep, "conflict").len(), 1, "{}", common::describe_findings(&rep));
    // rm: a file, then a folder's files; a path the index does not hold is said, not an error.
    let o = run_in(d, &["index", "rm", "index.db", seed.to_str().unwrap(), "no-such.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "index.db: 1 removed\n");
    assert_eq!(stderr(&o), "claimcheck: no-such.txt: not in index.db\n");
    assert!(stats(d).contains("\ndocuments        4 ("), "{}", stats(d));
    let rep = json(&run_in(d, &["check", "--format", "json", "--against", "index.db", "new/wire.txt"]));
    assert!(common::findings_with(&rep, "conflict").is_empty(), "{}", common::describe_findings(&rep));
    // --prune: what the folder no longer holds goes.
    std::fs::write(&seed, &text).unwrap();
    assert_eq!(add(&["--prune", "."]), "index.db: 2 added, 0 replaced, 4 unchanged, 0 removed\n", "the seed and new/wire.txt");
    std::fs::remove_file(&seed).unwrap();
    std::fs::remove_file(d.join("new/wire.txt")).unwrap();
    assert_eq!(add(&["--prune", "."]), "index.db: 0 added, 0 replaced, 4 unchanged, 2 removed\n");
    let o = run_in(d, &["index", "rm", "index.db", "."]);
    assert_eq!(stdout(&o), "index.db: 4 removed\n", "{}", stderr(&o));
    let s = stats(d);
    assert!(s.contains("\ndocuments        0 (none dated)\nclaims           0\nkeys             0 distinct, 0 (document, key) pairs\n"), "{s}");
    // A file that cannot be read is named and is exit 2; the others are still added.
    tmp.write("binary.txt", b"\0\0\0\x01\x02");
    let o = run_in(d, &["index", "add", "index.db", "."]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "index.db: 4 added, 0 replaced, 0 unchanged, 1 not readable\n");
    assert!(stderr(&o).contains("binary.txt"), "{}", stderr(&o));
}

#[test]
fn an_index_built_with_other_rules_is_refused_by_the_gate_and_refreshed_by_add() {
    let tmp = common::copy_seeds("index-rules");
    let d = tmp.path();
    let rules = common::fixtures().join("rules-newsroom");
    let o = run_in(d, &["index", "add", "--rules", rules.to_str().unwrap(), "index.db", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    tmp.write("new/wire.txt", CONTRADICTING);
    let o = run_in(d, &["check", "--against", "index.db", "new/wire.txt"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).starts_with("claimcheck: index.db: the index was built with other rules or another claimcheck ("), "{}", stderr(&o));
    assert!(stdout(&run_in(d, &["index", "stats", "index.db"])).contains("(not the rules in use, "));
    // The same --rules pass.
    assert_eq!(code(&run_in(d, &["check", "--rules", rules.to_str().unwrap(), "--against", "index.db", "new/wire.txt"])), 1);
    // `index add` with the rules in use extracts every stored article again.
    let o = run_in(d, &["index", "add", "index.db", "new"]);
    assert_eq!(stdout(&o), "index.db: 1 added, 0 replaced, 0 unchanged; 5 extracted again with the rules in use\n", "{}", stderr(&o));
    assert_eq!(code(&run_in(d, &["check", "--against", "index.db", "new/wire.txt"])), 1);
}

#[test]
fn an_index_that_cannot_be_used_is_a_clear_exit_2() {
    let tmp = TempDir::new("index-errors");
    let d = tmp.path();
    tmp.write("new.txt", CONTRADICTING);
    let refuse = |args: &[&str], expected: &str| {
        let o = run_in(d, args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
        assert_eq!(stderr(&o), format!("claimcheck: {expected}\n"), "{args:?}");
    };
    let missing = "missing.db: no such index (`claimcheck index add missing.db PATH...` builds one)";
    refuse(&["check", "--against", "missing.db", "new.txt"], missing);
    refuse(&["index", "stats", "missing.db"], missing);
    refuse(&["index", "rm", "missing.db", "new.txt"], missing);
    assert!(!d.join("missing.db").exists(), "reading never creates an index");
    tmp.write("text.db", "not a database at all, just some text that is long enough to be a header\n".repeat(20));
    refuse(&["check", "--against", "text.db", "new.txt"], "text.db: not a claimcheck index (not a SQLite database)");
    refuse(&["index", "add", "text.db", "new.txt"], "text.db: not a claimcheck index (not a SQLite database)");
    {
        let c = rusqlite::Connection::open(d.join("other.db")).unwrap();
        c.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
    }
    refuse(&["index", "add", "other.db", "new.txt"], "other.db: not a claimcheck index (a SQLite database of another program)");
    let c = rusqlite::Connection::open(d.join("other.db")).unwrap();
    let n: i64 = c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "another program's database is left alone");
    drop(c);
    // A newer schema.
    assert_eq!(code(&run_in(d, &["index", "add", "index.db", "new.txt"])), 0);
    {
        let c = rusqlite::Connection::open(d.join("index.db")).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    refuse(&["index", "stats", "index.db"], "index.db: the index has schema version 99, newer than this claimcheck reads (1); use a newer claimcheck");
    {
        let c = rusqlite::Connection::open(d.join("index.db")).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
    }
    // Locked: another writer holds the index past the wait.
    let c = rusqlite::Connection::open(d.join("index.db")).unwrap();
    c.execute_batch("BEGIN IMMEDIATE; UPDATE meta SET value = value;").unwrap();
    tmp.write("more.txt", HARMLESS);
    refuse(&["index", "add", "index.db", "more.txt"], "index.db: the index is locked by another process (an `index add` still running?); try again when it has finished");
    c.execute_batch("ROLLBACK").unwrap();
    drop(c);
    assert_eq!(code(&run_in(d, &["index", "add", "index.db", "more.txt"])), 0);
    // Standard input cannot be archived.
    let o = run_in(d, &["index", "add", "index.db", "-"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("-: standard input cannot be used here"), "{}", stderr(&o));
}

// --- a killed index add -------------------------------------------------------------------------

/// (documents, documents whose keys, names, bytes or date count are not all there).
fn whole(db: &Path) -> (i64, i64) {
    let c = rusqlite::Connection::open(db).unwrap();
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let docs: i64 = c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap();
    let broken: i64 = c
        .query_row(
            "SELECT count(*) FROM documents d WHERE d.keys != (SELECT count(*) FROM keys k WHERE k.doc = d.id)
               OR d.names != (SELECT count(DISTINCT name) FROM names n WHERE n.doc = d.id)
               OR NOT EXISTS (SELECT 1 FROM texts t WHERE t.doc = d.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let strays: i64 = c.query_row("SELECT (SELECT count(*) FROM keys WHERE doc NOT IN (SELECT id FROM documents)) + (SELECT count(*) FROM texts WHERE doc NOT IN (SELECT id FROM documents))", [], |r| r.get(0)).unwrap();
    let dated: i64 = c.query_row("SELECT count(*) FROM documents WHERE published IS NOT NULL", [], |r| r.get(0)).unwrap();
    let counted: i64 = c.query_row("SELECT coalesce(sum(documents), 0) FROM dates", [], |r| r.get(0)).unwrap();
    assert_eq!(dated, counted, "the date counts hold whole documents");
    (docs, broken + strays)
}

#[test]
fn killing_index_add_leaves_an_index_that_opens_and_holds_only_whole_documents() {
    let tmp = TempDir::new("index-kill");
    let total = 3000;
    archive::write_archive(&tmp.join("archive"), total);
    let db = tmp.join("index.db");
    let mut killed_midway = 0;
    for wait_for in [1, 400, 1200] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(["index", "add", "index.db", "archive"])
            .current_dir(tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn claimcheck");
        // Kill it once it has committed `wait_for` more documents (or after a while).
        let start = Instant::now();
        let before = if db.exists() { whole(&db).0 } else { 0 };
        loop {
            std::thread::sleep(Duration::from_millis(20));
            let now = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0)))
                .unwrap_or(0);
            if now >= before + wait_for || start.elapsed() > Duration::from_secs(60) {
                break;
            }
        }
        let running = child.try_wait().expect("try_wait").is_none();
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let (docs, broken) = whole(&db);
        assert_eq!(broken, 0, "only whole documents after a kill at {docs} documents");
        if running && docs < total as i64 {
            killed_midway += 1;
        }
    }
    assert!(killed_midway >= 1, "a run was killed mid-way");
    // Adding again finishes the job.
    let o = run_in(tmp.path(), &["index", "add", "index.db", "archive"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(whole(&db), (total as i64, 0));
}

// --- the benchmark's smallest case --------------------------------------------------------------

#[test]
fn one_new_article_against_a_1000_article_index() {
    let tmp = TempDir::new("index-1k");
    let dir = tmp.join("archive");
    archive::write_archive(&dir, 1000);
    let rules = claimcheck::rules::RuleSet::builtin().unwrap();
    let ex = claimcheck::extract::Extractor::new(&rules).unwrap();
    let db = tmp.join("index.db");
    let mut index = claimcheck::index::Index::open(&db, claimcheck::index::Mode::Create).unwrap();
    let added = index.add(&ex, std::slice::from_ref(&dir), &Default::default(), false).unwrap();
    assert_eq!(added.added.len(), 1000);
    let new = tmp.write("new.md", archive::new_article(40));
    let (articles, _) = claimcheck::ingest::read_inputs(&[new], &mut std::io::empty());
    let start = Instant::now();
    let gate = index.gate(&ex, articles).unwrap();
    let took = start.elapsed();
    println!("gate: 1 new article against 1,000: {took:?}, {} archived articles checked, {} keys", gate.archived, gate.keys);
    // The story's eight articles are checked: they give the new article's date of the event.
    let rep = &gate.report;
    let story_docs = |f: &claimcheck::judge::Finding| -> std::collections::BTreeSet<&str> { f.claims.iter().map(|&c| rep.documents[rep.claims[c].doc].id.as_str()).collect() };
    let dated = rep.findings.iter().find(|f| f.key.starts_with("date|") && f.verdict == claimcheck::judge::Verdict::Corroborated && story_docs(f).contains("new"));
    let docs = dated.map(story_docs).unwrap_or_default();
    assert!(docs.iter().filter(|d| d.starts_with("a00032")).count() >= 4, "{docs:?}");
    assert!(rep.findings.iter().any(|f| f.key == "quantity|deaths" && story_docs(f).contains("new")));
    // Every article has the keys of the figures counted: they are cut to the most recent.
    assert!(gate.truncated.contains(&"quantity|deaths".to_string()), "{:?}", gate.truncated);
    assert!(rep.warnings.iter().any(|w| w.contains("more than 200 archived articles share 'quantity|deaths'")), "{:?}", rep.warnings);
    assert!(gate.archived <= claimcheck::index::MAX_PER_KEY * (gate.keys + gate.names) && gate.archived < 1000, "{}", gate.archived);
    // The time limit holds for optimised builds (`scripts/bench-index` measures it); a debug
    // build is only kept within reason.
    let limit = if cfg!(debug_assertions) { Duration::from_secs(5) } else { Duration::from_millis(100) };
    assert!(took < limit, "{took:?}");
}
