//! The binary: exit codes, messages, inputs (missing, binary, non-UTF-8, stdin, folders), help,
//! and deterministic output.

mod common;

use serde_json::Value as J;

use common::{check_json, code, run, run_with, stderr, stdout};

// --- exit codes -------------------------------------------------------------------------------

#[test]
fn seeds_exit_0_with_the_default_fail_on() {
    let o = run(&["check", "seeds/"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no message on a clean run");
    assert!(stdout(&o).contains("5 documents,"), "{}", stdout(&o));
    let (c, rep, _) = check_json(&["seeds/"]);
    assert_eq!(c, 0);
    assert!(common::findings_with(&rep, "conflict").is_empty());
    // Nothing reaches a warning either.
    assert_eq!(code(&run(&["check", "--fail-on", "warning", "seeds/"])), 0);
}

#[test]
fn a_conflict_exits_1_unless_fail_on_never() {
    let dir = common::mutated_seeds("001", "dalam 24 tahun", "dalam 18 tahun");
    let d = dir.path().to_str().unwrap();
    let o = run(&["check", d]);
    assert_eq!(code(&o), 1, "a conflict fails the run\n{}", stdout(&o));
    assert!(stdout(&o).contains("conflict (error)"), "the table shows it: {}", stdout(&o));
    assert!(stdout(&o).contains(": 1 conflict,"), "the summary counts it: {}", stdout(&o));
    assert_eq!(code(&run(&["check", "--fail-on", "error", d])), 1);
    assert_eq!(code(&run(&["check", "--fail-on", "warning", d])), 1);
    assert_eq!(code(&run(&["check", "--fail-on", "never", d])), 0);
    assert_eq!(code(&run(&["check", "--format", "json", "--fail-on", "never", d])), 0);
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["check"][..], &["check", "--format", "xml", "seeds/"], &["check", "--fail-on", "sometimes", "seeds/"], &["frobnicate"]] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("error"), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
    }
}

// --- unreadable inputs --------------------------------------------------------------------------

#[test]
fn missing_file_exits_2_and_the_other_inputs_are_still_reported() {
    let o = run(&["check", "--format", "json", "seeds/", "no/such/article.txt"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), "claimcheck: no/such/article.txt: no such file or folder\n");
    let rep: J = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rep["documents"].as_array().unwrap().len(), 5, "the seeds are still checked");
    assert!(rep["claims"].as_array().unwrap().len() > 10);
    assert_eq!(rep["errors"], serde_json::json!([{"path": "no/such/article.txt", "reason": "no such file or folder"}]));
    // The table is printed too, and the exit code is 2 even with --fail-on never.
    let o = run(&["check", "--fail-on", "never", "no/such/article.txt", "seeds/"]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).contains("5 documents,"), "{}", stdout(&o));
}

#[test]
fn broken_rule_file_exits_2_with_path_line_and_column() {
    let tmp = common::TempDir::new("broken-rules");
    tmp.write("id/broken.yaml", "about: a rule file with a typo\nnumber_words:\n  satu: one\n");
    let o = run(&["check", "--rules", tmp.path().to_str().unwrap(), "seeds/"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "", "nothing is checked with broken rules");
    let err = stderr(&o).replace(tmp.path().to_str().unwrap(), "[RULES]");
    assert!(err.starts_with("claimcheck: [RULES]/id/broken.yaml:3:9: "), "{err}");
    insta::assert_snapshot!("broken_rule_file", err);
    // An unknown section is an error too, not a no-op.
    tmp.write("id/broken.yaml", "about: x\nnumber_wrods:\n  satu: 1\n");
    let o = run(&["check", "--rules", tmp.path().to_str().unwrap(), "seeds/"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o).replace(tmp.path().to_str().unwrap(), "[RULES]");
    assert!(err.starts_with("claimcheck: [RULES]/id/broken.yaml:2:1: unknown field `number_wrods`"), "{err}");
    // The other rule commands refuse it as well.
    assert_eq!(code(&run(&["rules", "list", "--rules", tmp.path().to_str().unwrap()])), 2);
}

#[test]
fn binary_file_is_skipped_with_a_clear_message() {
    let tmp = common::TempDir::new("binary");
    let bin = tmp.write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00");
    let seed = common::seed_files()[1].clone();
    let o = run(&["check", "--format", "json", bin.to_str().unwrap(), seed.to_str().unwrap()]);
    let shown = bin.display().to_string();
    assert_eq!(stderr(&o), format!("claimcheck: {shown}: binary file (NUL bytes or mostly control characters), skipped\n"));
    // An input that cannot be used is an input error: exit 2, listed under `errors`.
    assert_eq!(code(&o), 2);
    let rep: J = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rep["errors"][0]["path"], shown.as_str());
    let docs: Vec<&str> = rep["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(docs, vec!["001_7aec66c95eb54fa0"], "the other input is still checked");
}

#[test]
fn latin1_file_is_decoded_with_a_warning_and_its_spans_index_the_original_bytes() {
    let tmp = common::TempDir::new("latin1");
    // "Café" in Latin-1 (byte 0xE9, not UTF-8) before two claims.
    let mut bytes = b"Laporan dari Caf\xe9 Pyongyang\n\nKata pemilik caf\xe9 itu, NATO menuduh Korea Utara memasok lebih dari 11.000 kontainer amunisi ke Rusia.\n".to_vec();
    bytes.extend_from_slice(b"Sebanyak 62 orang tewas akibat gempa tersebut.\n");
    let p = tmp.write("latin1.txt", &bytes);
    let o = run(&["check", "--format", "json", p.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let shown = p.display().to_string();
    assert_eq!(stderr(&o), format!("claimcheck: warning: {shown}: not UTF-8; read as windows-1252 (guessed from its bytes), spans point at the file's bytes\n"));
    let rep: J = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rep["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(rep["documents"][0]["title"], "Laporan dari Café Pyongyang", "decoded, not replaced");
    let claims = rep["claims"].as_array().unwrap();
    assert!(claims.iter().any(|c| c["text"].as_str().unwrap().contains("11.000")), "{rep}");
    for c in claims {
        let (s, e) = (c["span"]["start"].as_u64().unwrap() as usize, c["span"]["end"].as_u64().unwrap() as usize);
        let (want, _, _) = encoding_rs::WINDOWS_1252.encode(c["text"].as_str().unwrap());
        assert_eq!(&bytes[s..e], &*want, "span {s}..{e} holds the claim's text in the file's bytes");
    }
}

#[test]
fn dash_reads_standard_input() {
    let seed = common::seed_files()[1].clone();
    let bytes = std::fs::read(&seed).unwrap();
    let o = run_with(&["check", "--format", "json", "-"], Some(&bytes), &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rep: J = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rep["documents"][0]["id"], "stdin");
    assert_eq!(rep["documents"][0]["path"], "-");
    // The same claims as reading the file.
    let (_, from_file, _) = check_json(&[seed.to_str().unwrap()]);
    let texts = |r: &J| r["claims"].as_array().unwrap().iter().map(|c| (c["span"].clone(), c["text"].clone(), c["value"].clone())).collect::<Vec<_>>();
    assert!(!texts(&rep).is_empty());
    assert_eq!(texts(&rep), texts(&from_file));
    // Standard input mixes with files.
    let o = run_with(&["check", "--format", "json", "-", "seeds/000_97e606655609c318.txt"], Some(&bytes), &[]);
    let rep: J = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = rep["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["000_97e606655609c318", "stdin"], "standard input comes last");
}

#[test]
fn folders_are_read_recursively_in_sorted_order() {
    let tmp = common::TempDir::new("tree");
    let seeds = common::seed_files();
    let text = |i: usize| std::fs::read(&seeds[i]).unwrap();
    // Written out of order; only .txt and .md are read from folders.
    tmp.write("z/deep/er/e.txt", text(4));
    tmp.write("b.md", text(1));
    tmp.write("a.txt", text(0));
    tmp.write("z/c.txt", text(2));
    tmp.write("m/d.txt", text(3));
    tmp.write("m/notes.csv", "a,b\n1,2\n");
    tmp.write("m/image.png", b"\x89PNG\x00\x00");
    let (c, rep, err) = check_json(&[tmp.path().to_str().unwrap()]);
    assert_eq!(c, 0, "{err}");
    assert_eq!(err, "", "files with other extensions are skipped silently in folders");
    let root = tmp.path().display().to_string();
    let paths: Vec<String> = rep["documents"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().replace(&root, "")).collect();
    assert_eq!(paths, vec!["/a.txt", "/b.md", "/m/d.txt", "/z/c.txt", "/z/deep/er/e.txt"]);
    let ids: Vec<&str> = rep["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["a", "b", "d", "c", "e"]);
}

// --- help -------------------------------------------------------------------------------------

#[test]
fn help_mentions_every_flag_and_command() {
    let top = stdout(&run(&["--help"]));
    for w in ["check", "rules", "debug", "completions", "--help", "--version", "Examples:"] {
        assert!(top.contains(w), "top-level --help mentions {w}:\n{top}");
    }
    let o = run(&["check", "--help"]);
    assert_eq!(code(&o), 0);
    let check = stdout(&o);
    for w in ["--rules <DIR>", "--format <FORMAT>", "--fail-on <FAIL_ON>", "--all", "--help", "[PATH]...", "table", "json", "jsonl", "sarif", "github", "markdown", "csv", "error", "warning", "never", "standard input", "--output <FILE>", "--baseline <FILE>", "--write-baseline <FILE>", "--config <FILE>", "--exclude <GLOB>", "--show-config"] {
        assert!(check.contains(w), "check --help mentions {w}:\n{check}");
    }
    let rules = stdout(&run(&["rules", "--help"]));
    for w in ["list", "explain", "test"] {
        assert!(rules.contains(w), "rules --help mentions {w}:\n{rules}");
    }
    for sub in ["list", "explain"] {
        let h = stdout(&run(&["rules", sub, "--help"]));
        assert!(h.contains("--rules <DIR>"), "rules {sub} --help mentions --rules:\n{h}");
    }
    let debug = stdout(&run(&["debug", "--help"]));
    for w in ["segments", "claims", "graph"] {
        assert!(debug.contains(w), "debug --help mentions {w}:\n{debug}");
    }
    for sub in ["segments", "claims", "graph"] {
        let h = stdout(&run(&["debug", sub, "--help"]));
        assert!(h.contains("--rules <DIR>") && h.contains("<PATH>"), "debug {sub} --help:\n{h}");
    }
    let v = run(&["--version"]);
    assert_eq!(stdout(&v), format!("claimcheck {}\n", env!("CARGO_PKG_VERSION")));
}

// --- determinism ------------------------------------------------------------------------------

#[test]
fn output_is_deterministic() {
    for args in [&["check", "--format", "json", "seeds/"][..], &["check", "--all", "seeds/"], &["debug", "claims", "seeds/"], &["debug", "graph", "seeds/"]] {
        let a = run(args);
        let b = run(args);
        assert!(!a.stdout.is_empty(), "{args:?}");
        assert_eq!(a.stdout, b.stdout, "{args:?}: two runs give the same bytes");
        // Parallel extraction collects in input order whatever the thread count.
        let one = run_with(args, None, &[("RAYON_NUM_THREADS", "1")]);
        let many = run_with(args, None, &[("RAYON_NUM_THREADS", "7")]);
        assert_eq!(one.stdout, a.stdout, "{args:?}: one thread");
        assert_eq!(many.stdout, a.stdout, "{args:?}: seven threads");
    }
    // The order of the inputs on the command line changes nothing: documents are sorted by path.
    let fwd = run(&["check", "--format", "json", "seeds/000_97e606655609c318.txt", "seeds/001_7aec66c95eb54fa0.txt"]);
    let rev = run(&["check", "--format", "json", "seeds/001_7aec66c95eb54fa0.txt", "seeds/000_97e606655609c318.txt"]);
    assert!(!fwd.stdout.is_empty());
    assert_eq!(fwd.stdout, rev.stdout, "the same bytes whatever the argument order");
}

// --- the JSON contract --------------------------------------------------------------------------

#[test]
fn json_report_keeps_contract_v1() {
    let (_, rep, _) = check_json(&["seeds/"]);
    assert_eq!(rep["version"], 1);
    for key in ["documents", "claims", "findings", "errors", "warnings"] {
        assert!(rep[key].is_array(), "{key} is a list");
    }
    let files: std::collections::BTreeMap<String, Vec<u8>> = rep["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            for k in ["id", "path", "title", "outlet", "published", "language"] {
                assert!(d.get(k).is_some(), "document has {k}: {d}");
            }
            let p = d["published"].as_str();
            assert!(p.is_none_or(|p| p.len() == 10 && p.as_bytes()[4] == b'-'), "published is YYYY-MM-DD or null: {d}");
            (d["id"].as_str().unwrap().to_string(), std::fs::read(common::root().join(d["path"].as_str().unwrap())).unwrap())
        })
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    for c in rep["claims"].as_array().unwrap() {
        assert!(ids.insert(c["id"].as_str().unwrap().to_string()), "claim ids are unique: {c}");
        let bytes = &files[c["doc"].as_str().unwrap()];
        let (s, e) = (c["span"]["start"].as_u64().unwrap() as usize, c["span"]["end"].as_u64().unwrap() as usize);
        assert!(s < e && e <= bytes.len(), "{c}");
        assert_eq!(&bytes[s..e], c["text"].as_str().unwrap().as_bytes(), "span is a byte range of the file: {c}");
        // line and column are 1-based, the column counted in characters.
        let line = bytes[..s].iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = bytes[..s].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&bytes[line_start..s]).chars().count() + 1;
        assert_eq!((c["span"]["line"].as_u64().unwrap() as usize, c["span"]["column"].as_u64().unwrap() as usize), (line, col), "{c}");
        assert!(c["kind"].as_str().is_some_and(|k| !k.is_empty()), "{c}");
        assert!(c["rule"].as_str().is_some_and(|r| !r.is_empty()), "{c}");
    }
    let verdicts = ["corroborated", "compatible", "conflict", "updated", "single_source"];
    for f in rep["findings"].as_array().unwrap() {
        let v = f["verdict"].as_str().unwrap();
        assert!(verdicts.contains(&v), "{f}");
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()), "{f}");
        let cs = f["claims"].as_array().unwrap();
        assert!(!cs.is_empty() && cs.iter().all(|c| ids.contains(c.as_str().unwrap())), "a finding rests on reported claims: {f}");
        let docs = common::finding_docs(&rep, f);
        if v != "single_source" && f["in_document"] == false {
            assert!(docs.len() >= 2, "a cross-article finding rests on two documents: {f}");
        }
    }
}
