//! The CI gate: baselines (write → rerun → nothing new; a contradicting article → only its
//! findings), accepted findings, strict baseline and configuration files, configuration
//! discovery and precedence, folder walking (`.ignore`, `.gitignore`, `--exclude`), an input set
//! with no article, and shell completions.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value as J;

use common::{code, run, run_in, stderr, stdout};

fn json(o: &std::process::Output) -> J {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(o), stderr(o)))
}

/// An article that contradicts seed 002's "lebih dari 11.000 kontainer amunisi".
const CONTRADICTING: &str = "Pasokan amunisi\n\nNATO menuduh Korea Utara memasok sekitar 5.000 kontainer amunisi ke Rusia.\n";

// --- baselines ---------------------------------------------------------------------------------

#[test]
fn baseline_round_trip_reports_only_what_a_new_article_brings() {
    let dir = common::copy_seeds("gate-round-trip");
    let d = dir.path();
    // What the seeds report today: every finding goes into the baseline.
    let before = json(&run_in(d, &["check", "--format", "json", "."]));
    let n = before["findings"].as_array().unwrap().len();
    let n_claims = before["claims"].as_array().unwrap().len();
    assert!(n > 10, "the seeds give findings to record");
    // Write: every current finding is recorded; the run itself passes.
    let o = run_in(d, &["check", "--write-baseline", "baseline.toml", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), format!("claimcheck: wrote {n} findings to baseline.toml\n"));
    let text = std::fs::read_to_string(d.join("baseline.toml")).unwrap();
    assert!(text.starts_with("# claimcheck baseline"), "{text}");
    assert_eq!(text.matches("[[finding]]").count(), n);
    for k in ["fingerprint = ", "verdict = ", "key = ", "summary = "] {
        assert_eq!(text.matches(k).count(), n, "{k}");
    }
    // The same bytes when written again: the file diffs cleanly.
    assert_eq!(code(&run_in(d, &["check", "--write-baseline", "again.toml", "."])), 0);
    assert_eq!(std::fs::read_to_string(d.join("again.toml")).unwrap(), text);
    std::fs::remove_file(d.join("again.toml")).unwrap();

    // Rerun with the baseline: nothing is reported, everything is counted as suppressed.
    let o = run_in(d, &["check", "--format", "json", "--baseline", "baseline.toml", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rep = json(&o);
    assert_eq!(rep["findings"], serde_json::json!([]));
    assert_eq!(rep["suppressed"]["count"], n);
    assert_eq!(rep["suppressed"]["accepted"], 0);
    assert_eq!(rep["suppressed"]["baseline"], "baseline.toml");
    assert_eq!(rep["suppressed"]["findings"].as_array().unwrap().len(), n);
    let table = stdout(&run_in(d, &["check", "--baseline", "baseline.toml", "."]));
    assert_eq!(table, format!("5 documents, {n_claims} claims: 0 conflict, 0 updated, 0 compatible, 0 corroborated, 0 single-source; {n} findings suppressed by the baseline (0 accepted)\n"));

    // A contradicting article: only findings it takes part in are reported, and the gate fails.
    dir.write("new/contradiction.txt", CONTRADICTING);
    let o = run_in(d, &["check", "--format", "json", "--baseline", "baseline.toml", "new/contradiction.txt", "."]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let rep = json(&o);
    let findings = rep["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert!(common::finding_docs(&rep, f).contains("contradiction"), "only the new article's findings: {f}");
    }
    let conflicts = common::findings_with(&rep, "conflict");
    assert_eq!(conflicts.len(), 1, "{}", common::describe_findings(&rep));
    assert_eq!(conflicts[0]["key"], "quantity|munitions");
    // The document is read once although it is named and inside the folder.
    assert_eq!(rep["documents"].as_array().unwrap().len(), 6);
    // --fail-on follows the reported findings only; --no-baseline shows everything again.
    assert_eq!(code(&run_in(d, &["check", "--baseline", "baseline.toml", "--fail-on", "never", "."])), 0);
    let all = json(&run_in(d, &["check", "--format", "json", "--no-baseline", "."]));
    assert_eq!(all["suppressed"]["count"], 0);
    assert_eq!(all["suppressed"]["baseline"], J::Null);
}

#[test]
fn an_accepted_conflict_no_longer_fails_and_keeps_its_reason_when_rewritten() {
    let dir = common::copy_seeds("gate-accept");
    let d = dir.path();
    dir.write("wire.txt", CONTRADICTING);
    assert_eq!(code(&run_in(d, &["check", "."])), 1, "the conflict fails the gate");
    assert_eq!(code(&run_in(d, &["check", "--write-baseline", "b.toml", "."])), 0);
    let text = std::fs::read_to_string(d.join("b.toml")).unwrap();
    let accepted = text.replacen("verdict = \"conflict\"\n", "verdict = \"conflict\"\nreason = \"the wire's figure is on record as an early estimate\"\n", 1);
    assert_ne!(accepted, text);
    std::fs::write(d.join("b.toml"), &accepted).unwrap();
    let o = run_in(d, &["check", "--format", "json", "--baseline", "b.toml", "."]);
    assert_eq!(code(&o), 0);
    let rep = json(&o);
    assert_eq!(rep["suppressed"]["accepted"], 1);
    let acc: Vec<&J> = rep["suppressed"]["findings"].as_array().unwrap().iter().filter(|f| !f["reason"].is_null()).collect();
    assert_eq!(acc.len(), 1);
    assert_eq!(acc[0]["verdict"], "conflict");
    assert_eq!(acc[0]["reason"], "the wire's figure is on record as an early estimate");
    let table = stdout(&run_in(d, &["check", "--baseline", "b.toml", "."]));
    assert!(table.ends_with("findings suppressed by the baseline (1 accepted)\n"), "{table}");
    // Rewriting the baseline through itself keeps the reason (in the file's own order), and
    // rewriting once more changes nothing.
    assert_eq!(code(&run_in(d, &["check", "--baseline", "b.toml", "--write-baseline", "b.toml", "."])), 0);
    let rewritten = std::fs::read_to_string(d.join("b.toml")).unwrap();
    assert_eq!(rewritten.matches("reason = \"the wire's figure is on record as an early estimate\"\n").count(), 1, "{rewritten}");
    assert_eq!(rewritten.matches("[[finding]]").count(), text.matches("[[finding]]").count());
    assert_eq!(code(&run_in(d, &["check", "--baseline", "b.toml", "--write-baseline", "b.toml", "."])), 0);
    assert_eq!(std::fs::read_to_string(d.join("b.toml")).unwrap(), rewritten);
    assert_eq!(code(&run_in(d, &["check", "--baseline", "b.toml", "."])), 0);
}

#[test]
fn a_broken_baseline_is_exit_2_with_path_line_and_column() {
    let tmp = common::TempDir::new("gate-bad-baseline");
    let p = tmp.write("b.toml", "version = 1\n\n[[finding]]\nfingerprint = \"0123456789abcdef0123456789abcdef\"\nreasn = \"typo\"\n");
    let o = run(&["check", "--baseline", p.to_str().unwrap(), "seeds/"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "", "nothing is checked with a broken baseline");
    assert_eq!(stderr(&o), format!("claimcheck: {}:5:1: unknown field `reasn`, expected one of `fingerprint`, `verdict`, `key`, `summary`, `reason`\n", p.display()));
    let o = run(&["check", "--baseline", tmp.join("missing.toml").to_str().unwrap(), "seeds/"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.toml: cannot read baseline: no such file"), "{}", stderr(&o));
}

// --- configuration -----------------------------------------------------------------------------

#[test]
fn config_is_discovered_upwards_and_flags_override_it() {
    let dir = common::copy_seeds("gate-config");
    let d = dir.path();
    dir.write("claimcheck.toml", "# newsroom settings\nformat = \"json\"\nfail-on = \"never\"\nexclude = [\"003_*\"]\n");
    dir.write("sub/deeper/.keep", "");
    let deeper = d.join("sub/deeper");
    // Found from a folder below: JSON, 003 left out.
    let o = run_in(&deeper, &["check", "../.."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rep = json(&o);
    let ids: Vec<&str> = rep["documents"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 4);
    assert!(!ids.iter().any(|i| i.starts_with("003")), "{ids:?}");
    // Where each value came from.
    let shown = stdout(&run_in(&deeper, &["check", "--show-config", "--format", "csv"]));
    let cfg = d.join("claimcheck.toml").display().to_string();
    assert!(shown.starts_with(&format!("# configuration file: {cfg} (found above the working directory)\n")), "{shown}");
    let line = |left: &str, origin: &str| format!("{left:<40} # {origin}\n");
    assert!(shown.contains(&line("fail-on = \"never\"", &format!("{cfg}:3"))), "{shown}");
    assert!(shown.contains(&line("format = \"csv\"", "--format")), "{shown}");
    assert!(shown.contains(&line("exclude = [\"003_*\"]", &format!("{cfg}:4"))), "{shown}");
    assert!(shown.contains(&line("rules = []", "default")), "{shown}");
    assert!(shown.contains(&line("# baseline is not set", "default")), "{shown}");
    // Flags win: table format, and --fail-on error makes a conflict fail again.
    dir.write("wire.txt", CONTRADICTING);
    let o = run_in(d, &["check", "--format", "table", "."]);
    assert_eq!(code(&o), 0, "fail-on never from the file");
    assert!(stdout(&o).contains("conflict (error)"), "{}", stdout(&o));
    assert_eq!(code(&run_in(d, &["check", "--fail-on", "error", "."])), 1);
    // --exclude replaces the file's list: 003 is back.
    let rep = json(&run_in(d, &["check", "--exclude", "nothing-matches", "."]));
    assert_eq!(rep["documents"].as_array().unwrap().len(), 6);
    // --no-config: the defaults (table, fail on error).
    let o = run_in(d, &["check", "--no-config", "."]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).starts_with('┌'));
    // --config names another file; its relative paths are relative to it.
    dir.write("ci/claimcheck.toml", "format = \"jsonl\"\nbaseline = \"known.toml\"\noutput = \"../report.jsonl\"\n");
    assert_eq!(code(&run_in(d, &["check", "--no-config", "--write-baseline", "ci/known.toml", "."])), 0);
    let o = run_in(d, &["check", "--config", "ci/claimcheck.toml", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let report = std::fs::read_to_string(d.join("report.jsonl")).unwrap();
    let last: J = serde_json::from_str(report.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["findings"], 0, "the baseline named by the file applies");
    assert!(last["suppressed"].as_u64().unwrap() > 20);
}

#[test]
fn a_broken_config_is_exit_2_with_path_line_and_column() {
    let tmp = common::TempDir::new("gate-bad-config");
    for (text, pos, msg) in [
        ("format = \"json\"\nfial-on = \"error\"\n", "2:1", "unknown field `fial-on`, expected one of `rules`, `fail-on`, `format`, `exclude`, `baseline`, `output`"),
        ("fail-on = \"sometimes\"\n", "1:11", "unknown variant `sometimes`, expected one of `error`, `warning`, `never`"),
        ("format = \"xml\"\n", "1:10", "unknown variant `xml`, expected one of `table`, `json`, `jsonl`, `sarif`, `github`, `markdown`, `csv`, `html`"),
        ("rules = \"one-folder\"\n", "1:9", "invalid type: string \"one-folder\", expected a sequence"),
    ] {
        let p = tmp.write("claimcheck.toml", text);
        let o = run_in(tmp.path(), &["check", "../../no/matter"]);
        assert_eq!(code(&o), 2, "{text}");
        assert_eq!(stdout(&o), "", "{text}");
        assert_eq!(stderr(&o), format!("claimcheck: claimcheck.toml:{pos}: {msg}\n"), "{text}");
        // Named with --config: the same error, under the name given.
        let o = run(&["check", "--config", p.to_str().unwrap(), "seeds/"]);
        assert_eq!(stderr(&o), format!("claimcheck: {}:{pos}: {msg}\n", p.display()));
        assert_eq!(code(&run(&["check", "--config", p.to_str().unwrap(), "--show-config"])), 2);
    }
    let o = run(&["check", "--config", tmp.join("missing.toml").to_str().unwrap(), "seeds/"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.toml: cannot read configuration:"), "{}", stderr(&o));
    // The debug views read the same configuration.
    tmp.write("claimcheck.toml", "rules = [\"no-such-folder\"]\n");
    let seed = common::seed_files()[0].display().to_string();
    let o = run_in(tmp.path(), &["debug", "claims", &seed]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no-such-folder"), "{}", stderr(&o));
}

// --- folder walking ------------------------------------------------------------------------------

fn doc_paths(rep: &J, root: &Path) -> Vec<String> {
    let root = format!("{}/", root.display());
    rep["documents"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().replace(&root, "")).collect()
}

#[test]
fn ignore_files_and_excludes_are_honoured() {
    let tmp = common::TempDir::new("gate-walk");
    let seeds = common::seed_files();
    let text = |i: usize| std::fs::read(&seeds[i]).unwrap();
    tmp.write("a.txt", text(0));
    tmp.write("README.md", text(1));
    tmp.write("SOURCES.md", text(2));
    tmp.write("notes/b.md", text(3));
    tmp.write("drafts/c.txt", text(4));
    tmp.write("d.html", "<p>Sebanyak 62 orang tewas akibat gempa tersebut.</p>\n");
    tmp.write("E.TXT", text(1));
    tmp.write(".hidden/f.txt", text(2));
    tmp.write(".ignore", "# Not articles\nREADME.md\nSOURCES.md\n");
    tmp.write(".gitignore", "notes/\n");
    let root = tmp.path().to_str().unwrap();
    let (c, rep, err) = common::check_json(&[root]);
    assert_eq!(c, 0, "{err}");
    // .ignore applies; .gitignore does not outside a git repository; hidden folders are skipped;
    // .html is yielded; extensions are compared without case.
    assert_eq!(doc_paths(&rep, tmp.path()), vec!["E.TXT", "a.txt", "d.html", "drafts/c.txt", "notes/b.md"]);
    // --exclude, repeatable, gitignore-style.
    let (_, rep, _) = common::check_json(&["--exclude", "drafts/", "--exclude", "*.html", root]);
    assert_eq!(doc_paths(&rep, tmp.path()), vec!["E.TXT", "a.txt", "notes/b.md"]);
    // A file named on the command line is read whatever the ignore files say.
    let readme = tmp.join("README.md");
    let (_, rep, _) = common::check_json(&["--exclude", "*", readme.to_str().unwrap()]);
    assert_eq!(rep["documents"].as_array().unwrap().len(), 1);
    // Inside a git repository .gitignore applies too.
    let git = Command::new("git").args(["init", "-q"]).current_dir(tmp.path()).output().expect("git runs");
    assert!(git.status.success(), "{}", String::from_utf8_lossy(&git.stderr));
    let (_, rep, _) = common::check_json(&[root]);
    assert_eq!(doc_paths(&rep, tmp.path()), vec!["E.TXT", "a.txt", "d.html", "drafts/c.txt"]);
    // A glob that does not parse is a usage error.
    let o = run(&["check", "--exclude", "a{b", root]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("claimcheck: --exclude 'a{b': "), "{}", stderr(&o));
}

#[test]
fn the_shared_corpora_leave_their_notes_out() {
    // The corpora carry `.ignore` files naming README.md, SOURCES.md and MANIFEST.tsv.
    let corpus = common::root().join("../shared/corpora/id-tragedi-kanjuruhan-2022");
    assert!(corpus.join("SOURCES.md").is_file(), "the shared corpus is beside the repository: {}", corpus.display());
    let (c, rep, err) = common::check_json(&[corpus.to_str().unwrap()]);
    assert!(c < 2, "{err}");
    let ids: Vec<&str> = rep["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["01_kompas", "02_jpnn", "03_krjogja", "04_kompastv", "05_tribunnews", "06_liputan6", "07_detik"]);
}

#[test]
fn an_input_set_with_no_article_is_exit_2_never_a_pass() {
    let tmp = common::TempDir::new("gate-empty");
    tmp.write("data/notes.csv", "a,b\n");
    tmp.write("ignored/a.txt", "Sebanyak 62 orang tewas.\n");
    tmp.write("ignored/.ignore", "*.txt\n");
    let expected = "claimcheck: no article to check: the inputs hold no readable .txt, .md, .html or .htm file (folders skip what .ignore, .gitignore and --exclude leave out)\n";
    let empty = tmp.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    for args in [
        vec!["check", empty.to_str().unwrap()],
        vec!["check", "--fail-on", "never", tmp.join("data").to_str().unwrap()],
        vec!["check", "--format", "json", tmp.join("ignored").to_str().unwrap()],
        vec!["check", "--exclude", "*.txt", "seeds/"],
        vec!["debug", "claims", empty.to_str().unwrap()],
    ] {
        let o = run(&args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert_eq!(stderr(&o), expected, "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
    }
    // Only a missing file: its error, then the same refusal.
    let o = run(&["check", "no/such.txt"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), format!("claimcheck: no/such.txt: no such file or folder\n{expected}"));
}

// --- completions -------------------------------------------------------------------------------

#[test]
fn completions_for_bash_zsh_and_fish() {
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef claimcheck"), ("fish", "complete -c claimcheck")] {
        let o = run(&["completions", shell]);
        assert_eq!(code(&o), 0, "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(s.contains(marker), "{shell}: {}", &s[..s.len().min(300)]);
        for w in ["check", "--baseline", "--write-baseline", "--format", "sarif"] {
            assert!(s.contains(w), "{shell} completes {w}");
        }
    }
    assert_eq!(code(&run(&["completions", "tcsh"])), 2);
}
