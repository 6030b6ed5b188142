//! Every output format on the same two scenarios — the seeds (no conflict) and the seeds with
//! one figure changed (a conflict) — snapshot-tested byte for byte, with its exit code; then
//! what each format promises: SARIF valid against the official 2.1.0 schema, one JSON object
//! per JSONL line, one annotation per claim, escaped Markdown, CSV that parses back, and
//! `--output` written atomically.
//!
//! `tests/fixtures/sarif-schema-2.1.0.json` is `sarif-2.1.0.json` as shipped in the npm package
//! `@microsoft/sarif-multitool-linux` 5.7.0 (MIT): Microsoft's copy of the SARIF 2.1.0 schema
//! (declared as JSON Schema 2020-12), used offline; formats are validated too.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value as J;

use common::{code, run, run_in, stderr, stdout};

const FORMATS: [&str; 7] = ["table", "json", "jsonl", "sarif", "github", "markdown", "csv"];

/// The seeds with 004's vague amount of munitions made a figure that contradicts 002's "more
/// than 11,000" (`sejumlah besar amunisi` → `sekitar 5.000 kontainer amunisi`): one conflict.
fn conflict() -> common::TempDir {
    common::mutated_seeds("004", "sejumlah besar amunisi", "sekitar 5.000 kontainer amunisi")
}

/// JSON indented (`--pretty`) so that its snapshot reads as a diff; compact is tested in
/// `tests/snapshots.rs`.
fn seeds_in(format: &str) -> std::process::Output {
    let pretty: &[&str] = if format == "json" { &["--pretty"] } else { &[] };
    run(&[&["check", "--format", format], pretty, &["seeds/"]].concat())
}

/// Run in the folder itself so that paths in the output do not name the temporary folder.
fn conflict_in(dir: &Path, format: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--format", format];
    if format == "json" {
        args.push("--pretty");
    }
    args.extend_from_slice(extra);
    args.push(".");
    run_in(dir, &args)
}

#[test]
fn every_format_of_the_seeds_exits_0_and_is_snapshotted() {
    for f in FORMATS {
        let o = seeds_in(f);
        assert_eq!(code(&o), 0, "{f}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{f}");
        let again = seeds_in(f);
        assert_eq!(o.stdout, again.stdout, "{f}: same input, same bytes");
        insta::assert_snapshot!(format!("format_{f}_seeds"), stdout(&o));
    }
}

#[test]
fn every_format_of_a_conflict_exits_1_and_is_snapshotted() {
    let dir = conflict();
    for f in FORMATS {
        let o = conflict_in(dir.path(), f, &[]);
        assert_eq!(code(&o), 1, "{f}: a conflict fails the default gate\n{}", stderr(&o));
        insta::assert_snapshot!(format!("format_{f}_conflict"), stdout(&o));
        assert_eq!(code(&conflict_in(dir.path(), f, &["--fail-on", "never"])), 0, "{f} --fail-on never");
        assert_eq!(code(&conflict_in(dir.path(), f, &["--fail-on", "warning"])), 1, "{f} --fail-on warning");
    }
}

// --- SARIF -----------------------------------------------------------------------------------

fn sarif_validator() -> jsonschema::Validator {
    let schema: J = serde_json::from_str(&std::fs::read_to_string(common::fixtures().join("sarif-schema-2.1.0.json")).unwrap()).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).expect("the SARIF schema compiles")
}

fn assert_valid_sarif(v: &jsonschema::Validator, log: &J, what: &str) {
    let errors: Vec<String> = v.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: SARIF schema violations:\n{}", errors.join("\n"));
}

#[test]
fn sarif_validates_against_the_official_schema_and_carries_each_claim() {
    let v = sarif_validator();
    let dir = conflict();
    let (_, rep, _) = {
        let o = conflict_in(dir.path(), "json", &[]);
        (code(&o), serde_json::from_slice::<J>(&o.stdout).unwrap(), ())
    };
    for (what, out) in [("seeds", seeds_in("sarif")), ("seeds --all", run(&["check", "--format", "sarif", "--all", "seeds/"])), ("conflict", conflict_in(dir.path(), "sarif", &[]))] {
        let log: J = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
        assert_valid_sarif(&v, &log, what);
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "claimcheck");
        let rules: Vec<&str> = run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
        let mut sorted = rules.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(rules, sorted, "{what}: rules sorted, each once");
        for r in run["results"].as_array().unwrap() {
            let id = r["ruleId"].as_str().unwrap();
            assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize], id, "{what}: ruleIndex points at ruleId");
            assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
            assert!(r["partialFingerprints"]["claimcheck/v1"].as_str().is_some_and(|f| f.len() == 32));
            for l in r["locations"].as_array().unwrap() {
                let region = &l["physicalLocation"]["region"];
                for k in ["startLine", "startColumn", "endLine", "endColumn", "byteOffset", "byteLength"] {
                    assert!(region[k].as_u64().is_some(), "{what}: region has {k}: {region}");
                }
            }
        }
    }
    // The conflict's result: one location per claim, at the claim's bytes, with its fingerprint.
    let out = conflict_in(dir.path(), "sarif", &[]);
    let log: J = serde_json::from_slice(&out.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let f = common::findings_with(&rep, "conflict").pop().expect("a conflict");
    let r = results.iter().find(|r| r["partialFingerprints"]["claimcheck/v1"] == f["fingerprint"]).expect("the conflict is a result");
    assert_eq!(r["ruleId"], "conflict/quantity");
    assert_eq!(r["level"], "error");
    assert_eq!(r["message"]["text"], f["explanation"]);
    let claims = common::claims_by_id(&rep);
    let locs = r["locations"].as_array().unwrap();
    assert_eq!(locs.len(), f["claims"].as_array().unwrap().len());
    for (l, cid) in locs.iter().zip(f["claims"].as_array().unwrap()) {
        let c = &claims[cid.as_str().unwrap()];
        let region = &l["physicalLocation"]["region"];
        assert_eq!(region["byteOffset"], c["span"]["start"]);
        assert_eq!(region["byteLength"].as_u64().unwrap(), c["span"]["end"].as_u64().unwrap() - c["span"]["start"].as_u64().unwrap());
        assert_eq!(region["startLine"], c["span"]["line"]);
        assert_eq!(region["startColumn"], c["span"]["column"]);
        assert_eq!(region["snippet"]["text"], c["text"]);
        let uri = l["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(uri, format!("./{}.txt", c["doc"].as_str().unwrap()));
        let bytes = std::fs::read(dir.path().join(uri)).unwrap();
        let (s, n) = (region["byteOffset"].as_u64().unwrap() as usize, region["byteLength"].as_u64().unwrap() as usize);
        assert_eq!(&bytes[s..s + n], c["text"].as_str().unwrap().as_bytes());
    }
}

#[test]
fn sarif_with_a_baseline_and_an_unreadable_input_is_still_valid() {
    let v = sarif_validator();
    let dir = conflict();
    let o = run_in(dir.path(), &["check", "--write-baseline", "base.toml", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Accept one finding, then add a contradicting article and a missing one.
    let text = std::fs::read_to_string(dir.join("base.toml")).unwrap();
    let text = text.replacen("verdict = \"corroborated\"\n", "verdict = \"corroborated\"\nreason = \"both figures are on record\"\n", 1);
    std::fs::write(dir.join("base.toml"), text).unwrap();
    dir.write("new/late.txt", "Berita\n\nNATO menuduh Korea Utara memasok lebih dari 11.000 kontainer amunisi ke Rusia.\n");
    let o = run_in(dir.path(), &["check", "--format", "sarif", "--baseline", "base.toml", ".", "missing.txt"]);
    assert_eq!(code(&o), 2, "an unreadable input is exit 2");
    let log: J = serde_json::from_slice(&o.stdout).unwrap();
    assert_valid_sarif(&v, &log, "baseline");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["baselineState"] == "new"), "the new article's findings are new");
    let accepted: Vec<&J> = results.iter().filter(|r| r["suppressions"][0]["status"] == "accepted").collect();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["baselineState"], "unchanged");
    assert_eq!(accepted[0]["suppressions"][0]["justification"], "both figures are on record");
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "missing.txt");
}

// --- JSON Lines ------------------------------------------------------------------------------

#[test]
fn jsonl_is_one_typed_object_per_line_matching_the_json_report() {
    let (_, rep, _) = common::check_json(&["seeds/"]);
    let out = stdout(&seeds_in("jsonl"));
    let lines: Vec<J> = out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    assert_eq!(lines.first().unwrap(), &serde_json::json!({"type": "report", "version": 1}));
    assert_eq!(lines.last().unwrap()["type"], "summary");
    let of = |t: &str| lines.iter().filter(|l| l["type"] == t).cloned().collect::<Vec<J>>();
    let strip = |mut v: J| {
        v.as_object_mut().unwrap().remove("type");
        v
    };
    for (t, key) in [("document", "documents"), ("claim", "claims"), ("finding", "findings"), ("error", "errors")] {
        let got: Vec<J> = of(t).into_iter().map(strip).collect();
        assert_eq!(&J::Array(got), &rep[key], "{t} lines are the JSON report's {key}");
    }
    let summary = lines.last().unwrap();
    assert_eq!(summary["findings"].as_u64().unwrap() as usize, rep["findings"].as_array().unwrap().len());
    assert_eq!(summary["single_source"].as_u64().unwrap() as usize, common::findings_with(&rep, "single_source").len());
    // Records come in a fixed order of types.
    let order = ["report", "document", "claim", "finding", "suppressed", "error", "warning", "summary"];
    let ranks: Vec<usize> = lines.iter().map(|l| order.iter().position(|t| l["type"] == *t).expect("known type")).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "types in order");
}

// --- GitHub annotations ------------------------------------------------------------------------

#[test]
fn github_annotates_every_claim_of_every_shown_finding() {
    let dir = conflict();
    let o = conflict_in(dir.path(), "json", &[]);
    let rep: J = serde_json::from_slice(&o.stdout).unwrap();
    let out = stdout(&conflict_in(dir.path(), "github", &[]));
    let lines: Vec<&str> = out.lines().collect();
    let shown: usize = rep["findings"].as_array().unwrap().iter().filter(|f| f["verdict"] != "single_source").map(|f| f["claims"].as_array().unwrap().len()).sum();
    assert_eq!(lines.len(), shown + 1, "one line per claim of each shown finding, then the summary");
    assert!(lines.last().unwrap().starts_with("claimcheck: 5 documents,"));
    let re = regex::Regex::new(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::\S.*$").unwrap();
    for l in &lines[..lines.len() - 1] {
        assert!(re.is_match(l), "a workflow command: {l}");
        assert!(!l.contains('\n') && !l.contains('\r'));
    }
    // The conflict is an error on both of its claims' lines; the changed article is one of them.
    let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 2, "{out}");
    assert!(errors.iter().any(|l| l.contains("file=./002_5f812b772f151371.txt,line=15,")), "{out}");
    assert!(errors[0].contains("title=claimcheck conflict (quantity%3A munitions)::"), "{}", errors[0]);
    // --all adds the single-source findings as notices.
    let all = stdout(&conflict_in(dir.path(), "github", &["--all"]));
    assert!(all.lines().count() > lines.len());
}

// --- Markdown ----------------------------------------------------------------------------------

#[test]
fn markdown_puts_conflicts_first_and_escapes_article_text() {
    // A file name full of Markdown: it is printed in every row that cites the article.
    let dir = conflict();
    let src = common::seed_in(dir.path(), "002");
    std::fs::rename(&src, dir.join("002|*x*_[y].txt")).unwrap();
    let out = stdout(&conflict_in(dir.path(), "markdown", &[]));
    assert!(out.starts_with("## claimcheck\n\n**1 error, 0 warnings** · 5 documents,"), "{out}");
    let conflicts = out.find("### Conflicts and warnings").expect("a conflicts table");
    let details = out.find("<details>").expect("the rest folded");
    assert!(conflicts < details);
    assert!(out.contains("002\\|\\*x\\*\\_\\[y\\].txt:15"), "{out}");
    // Every table row has exactly five unescaped pipes: the name did not split a cell.
    for row in out.lines().filter(|l| l.starts_with("| ")) {
        let mut pipes = 0;
        let mut escaped = false;
        for ch in row.chars() {
            if ch == '|' && !escaped {
                pipes += 1;
            }
            escaped = ch == '\\' && !escaped;
        }
        assert_eq!(pipes, 5, "{row}");
    }
    // The seeds have nothing to flag.
    let seeds = stdout(&seeds_in("markdown"));
    assert!(seeds.contains("No conflicts or warnings."), "{seeds}");
}

// --- CSV ---------------------------------------------------------------------------------------

#[test]
fn csv_has_a_row_per_claim_per_finding_and_parses_back() {
    let (_, rep, _) = common::check_json(&["seeds/"]);
    let out = seeds_in("csv").stdout;
    let mut r = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["fingerprint", "verdict", "severity", "key", "document", "path", "line", "column", "text", "value", "explanation"]);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let expected: usize = rep["findings"].as_array().unwrap().iter().map(|f| f["claims"].as_array().unwrap().len()).sum();
    assert_eq!(rows.len(), expected);
    let claims = common::claims_by_id(&rep);
    let mut i = 0;
    for f in rep["findings"].as_array().unwrap() {
        for cid in f["claims"].as_array().unwrap() {
            let (row, c) = (&rows[i], &claims[cid.as_str().unwrap()]);
            assert_eq!(&row[0], f["fingerprint"].as_str().unwrap());
            assert_eq!(&row[4], c["doc"].as_str().unwrap());
            assert_eq!(row[6].parse::<u64>().unwrap(), c["span"]["line"].as_u64().unwrap());
            assert_eq!(&row[8], c["text"].as_str().unwrap());
            let value: J = serde_json::from_str(&row[9]).unwrap();
            assert_eq!(value, c["value"], "the value column is the claim's value as JSON");
            assert!(!row[9].contains('\n') && !row[9].contains(": "), "compact: {}", &row[9]);
            assert_eq!(&row[10], f["explanation"].as_str().unwrap());
            i += 1;
        }
    }
}

// --- --output ----------------------------------------------------------------------------------

#[test]
fn output_writes_the_same_bytes_to_a_file_atomically() {
    let tmp = common::TempDir::new("output");
    let mut expected = BTreeMap::new();
    for f in FORMATS {
        let target = tmp.join(&format!("report.{f}"));
        let o = run(&["check", "--format", f, "--output", target.to_str().unwrap(), "seeds/"]);
        assert_eq!(code(&o), 0, "{f}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{f}: nothing on standard output");
        assert_eq!(std::fs::read(&target).unwrap(), run(&["check", "--format", f, "seeds/"]).stdout, "{f}");
        expected.insert(f, target);
    }
    // Overwrites in place, and leaves no temporary file behind.
    let o = run(&["check", "--format", "json", "--output", expected["json"].to_str().unwrap(), "seeds/"]);
    assert_eq!(code(&o), 0);
    let names: Vec<String> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), FORMATS.len(), "{names:?}");
    // An output that cannot be written: message and exit 2, even though the check passed.
    let bad = tmp.join("no/such/folder/report.json");
    let o = run(&["check", "--output", bad.to_str().unwrap(), "seeds/"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), format!("claimcheck: cannot write {}: no such folder\n", bad.display()));
    let o = run(&["check", "--output", tmp.path().to_str().unwrap(), "seeds/"]);
    assert_eq!(code(&o), 2, "a folder is not an output file");
    assert!(stderr(&o).starts_with("claimcheck: cannot write "), "{}", stderr(&o));
    // The exit code still follows the findings when the file is written.
    let dir = conflict();
    assert_eq!(code(&run_in(dir.path(), &["check", "--output", "r.txt", "."])), 1);
}
