//! The seed articles scored against their gold annotation (`tests/gold/seeds.yaml`) with the
//! Rust port of `score.py` (`tests/common/score.rs`): the bar the issue sets, a regression guard
//! at today's figures, and tests of the scorer itself (including agreement with `score.py`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value as J, json};

use common::score::{Metrics, score, score_gold};

fn seeds_report() -> J {
    common::library_report(&[common::seeds_dir()])
}

fn seeds_metrics() -> Metrics {
    score(&seeds_report(), &common::gold_path(), &common::seeds_dir())
}

fn explain(m: &Metrics) -> String {
    format!(
        "{}\nmissing claims: {:?}\nwrong values: {:?}\nfacts missing: {:?}\n{}\n{}\n{}",
        m.line(),
        m.missing_claims,
        m.wrong_values,
        m.facts_missing,
        m.false_conflict_details.join("\n"),
        m.false_in_document_details.join("\n"),
        m.boilerplate_claim_details.join("\n")
    )
}

/// What the issue requires of the seeds.
#[test]
fn seeds_meet_the_issue_bar() {
    let m = seeds_metrics();
    let why = explain(&m);
    assert_eq!(m.claims_gold, 30, "the gold copy has 30 claims\n{why}");
    assert_eq!(m.facts_gold, 8, "the gold copy has 8 facts\n{why}");
    assert!(m.claims_found >= 18, "at least 18 of 30 gold claims found\n{why}");
    assert!(m.values_checked > 0, "some found claims carry an expected value\n{why}");
    assert_eq!(m.values_correct, m.values_checked, "every checked value is correct\n{why}");
    assert!(m.facts_found >= 4, "at least 4 of 8 facts found\n{why}");
    for required in ["first_visit_since_2000", "munitions_supplied"] {
        assert!(m.facts_found_ids.iter().any(|f| f == required), "fact {required} found\n{why}");
    }
    assert_eq!(m.false_conflicts, 0, "no false cross-article conflict\n{why}");
    assert_eq!(m.boilerplate_claims, 0, "no claim from page furniture\n{why}");
}

/// Regression guard: today the seeds score the maximum. A drop below these figures means a
/// change lost a claim, a value or a fact; raise the bar, never lower it silently.
#[test]
fn regression_guard_seeds_score_30_of_30_claims_18_of_18_values_8_of_8_facts() {
    let m = seeds_metrics();
    let why = explain(&m);
    assert_eq!((m.claims_found, m.claims_gold), (30, 30), "claims\n{why}");
    assert_eq!((m.values_correct, m.values_checked), (18, 18), "values\n{why}");
    assert_eq!((m.facts_found, m.facts_gold), (8, 8), "facts\n{why}");
    assert_eq!(m.false_conflicts, 0, "false conflicts\n{why}");
    assert_eq!(m.false_in_document, 0, "false in-document findings\n{why}");
    assert_eq!(m.boilerplate_claims, 0, "boilerplate claims\n{why}");
    assert_eq!(m.conflicts_reported, 0, "the seeds agree: no cross-article conflict or update\n{why}");
    assert_eq!(
        m.line(),
        "claims 30/30 (values 18/18) · facts 8/8 · conflicts 0/0 · false conflicts 0 · boilerplate claims 0"
    );
}

/// The binary's JSON and the library's report agree on claims and findings.
#[test]
fn binary_and_library_report_the_same_claims_and_findings() {
    let lib = seeds_report();
    // The library report carries sentences (tests read them); so does the binary's with the flag.
    let (code, bin, err) = common::check_json(&["--sentences", "seeds/"]);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(lib["claims"], bin["claims"]);
    assert_eq!(lib["findings"], bin["findings"]);
    let ids = |r: &J| r["documents"].as_array().unwrap().iter().map(|d| d["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&lib), ids(&bin));
    // The binary's score is the library's score.
    assert_eq!(score(&bin, &common::gold_path(), &common::seeds_dir()).to_json(), seeds_metrics().to_json());
}

// ---------------------------------------------------------------------------------------------
// The scorer itself: synthetic reports whose scores are known.
// ---------------------------------------------------------------------------------------------

fn gold() -> J {
    let y: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(common::gold_path()).unwrap()).unwrap();
    serde_json::to_value(y).unwrap()
}

fn doc_text(doc: &str) -> Vec<u8> {
    std::fs::read(common::seed_files().into_iter().find(|p| p.file_stem().unwrap().to_str().unwrap() == doc).unwrap()).unwrap()
}

/// A report claim `id` over the first occurrence of `quote` in seed `doc`.
fn claim_at(id: &str, doc: &str, quote: &str, value: J) -> J {
    claim_of("quantity", id, doc, quote, value)
}

/// A claim of another kind: the scorer credits a gold claim only with a claim of a fitting kind.
fn claim_of(kind: &str, id: &str, doc: &str, quote: &str, value: J) -> J {
    let text = doc_text(doc);
    let q = quote.as_bytes();
    let start = text.windows(q.len()).position(|w| w == q).unwrap_or_else(|| panic!("{quote:?} not in {doc}"));
    json!({"id": id, "doc": doc, "span": {"start": start, "end": start + q.len(), "line": 1, "column": 1},
           "text": quote, "kind": kind, "value": value})
}

fn finding(id: &str, verdict: &str, severity: &str, claims: &[&str]) -> J {
    json!({"id": id, "verdict": verdict, "severity": severity, "claims": claims, "explanation": "", "topic": "t", "in_document": false})
}

fn report(claims: Vec<J>, findings: Vec<J>) -> J {
    let docs: Vec<J> = common::seed_files()
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_str().unwrap();
            json!({"id": id, "path": format!("seeds/{id}.txt"), "language": "id"})
        })
        .collect();
    json!({"version": 1, "documents": docs, "claims": claims, "findings": findings, "errors": [], "warnings": []})
}

const D0: &str = "000_97e606655609c318";
const D1: &str = "001_7aec66c95eb54fa0";
const D2: &str = "002_5f812b772f151371";
const D3: &str = "003_b77f3cb8875c04d4";
const D4: &str = "004_c30608f5e524478c";

/// A synthetic report exercising every branch: hits with right and wrong values, a boilerplate
/// claim, facts, a false conflict, a tolerated warning, an error on a tolerated pair, an
/// in-document finding, and (against `extended_gold`) a true conflict and an update.
fn synthetic_report() -> J {
    let claims = vec![
        claim_of("duration", "c1", D1, "dalam 24 tahun", json!({"years": 24})),
        claim_of("duration", "c2", D2, "sejak tahun 2000", json!({"since": "2000"})), // a numeric string counts as 2000
        claim_at("c3", D2, "lebih dari 11.000 kontainer amunisi", json!({"low": 12000})), // wrong value
        claim_at("c4", D0, "amunisi dalam jumlah besar", json!({})),
        claim_at("c5", D4, "sejumlah besar amunisi", json!({})),
        claim_at("c6", D0, "Putin Panggil 160.000 Pemuda", json!({"low": 160000})), // forbidden
        claim_of("event", "c7", D2, "Korea Utara pada Selasa (18/6)", json!({"date": "2024-06-18T00:00"})), // startswith match
        claim_of("date", "c8", D1, "Rabu (19/6/2024)", json!({"date": "2024-06-19"})),
        claim_at("c9", D3, "lebih dari 10.000 tentara", json!({"low": 10000})),
        claim_of("duration", "c10", D4, "selama satu abad", json!({"years": 100})),
        json!({"id": "c11", "doc": "unknown-doc", "span": {"start": 0, "end": 5}, "text": "x", "value": {}}),
        json!({"id": "c12", "doc": D1, "span": {"start": 0.0, "end": 5.0}, "text": "x", "value": {}}),
    ];
    let findings = vec![
        finding("f1", "corroborated", "info", &["c1", "c2"]),       // fact first_visit_since_2000
        finding("f2", "compatible", "info", &["c3", "c4", "c5"]),   // fact munitions_supplied
        finding("f3", "conflict", "error", &["c1", "c2"]),          // false conflict (no gold conflicts)
        finding("f4", "conflict", "warning", &["c7", "c8"]),        // tolerated as a warning
        finding("f5", "conflict", "error", &["c7", "c8"]),          // tolerated only below error
        finding("f6", "conflict", "warning", &["c3"]),              // in-document, matches nothing
        finding("f7", "updated", "info", &["c9", "c3"]),            // no_conflict pair → false
        finding("f8", "corroborated", "info", &["c1", "c10"]),      // wrong verdict for no fact
        finding("f9", "conflict", "error", &["c11", "c12"]),        // an unmapped doc counts as a doc
        finding("f10", "updated", "info", &["c10", "c1"]),          // no_conflict pair / gold update
    ];
    report(claims, findings)
}

/// The seeds gold plus a conflict (with `odd`), a conflict without `odd`, an update and an
/// in-document check, so that every branch of the finding rules is reachable.
fn extended_gold() -> J {
    let mut g = gold();
    g["conflicts"] = json!([
        {"id": "ammo_vs_troops", "claims": ["s2_ammo", "s3_troops"], "odd": ["s3_troops"]},
        {"id": "visit_years", "claims": ["s1_first_in_24", "s2_since_2000"]},
    ]);
    g["updates"] = json!([{"id": "century_update", "claims": ["s4_century", "s1_first_in_24"]}]);
    g["in_document"] = json!([{"id": "ammo_alone", "claims": ["s2_ammo"]}]);
    g
}

#[test]
fn scorer_counts_each_kind_of_hit_and_miss() {
    let m = score_gold(&synthetic_report(), &gold(), &common::seeds_dir());
    let why = format!("{m:#?}");
    assert_eq!(m.claims_reported, 12, "{why}");
    // c1 c2 c3 c4 c5 c7 c8 c9 c10 hit one gold claim each; c6 is furniture, c11/c12 unplaceable.
    assert_eq!(m.claims_found, 9, "{why}");
    assert!(m.missing_claims.contains(&"s0_signed".to_string()), "{why}");
    // Checked: s1_first_in_24, s2_since_2000, s2_ammo (wrong), s2_trip_tuesday, s1_putin_said,
    // s3_troops, s4_century; s0_ammo and s4_ammo carry no `expect`.
    assert_eq!((m.values_correct, m.values_checked), (6, 7), "{why}");
    assert!(m.wrong_values[0].starts_with("s2_ammo"), "{why}");
    assert_eq!(m.boilerplate_claims, 1, "{why}");
    assert_eq!(m.facts_found_ids, vec!["first_visit_since_2000", "munitions_supplied"], "{why}");
    // False: f3 (no gold conflict), f5 (an error on a tolerated pair), f7 and f10 (updates on
    // no_conflict pairs), f9 (an unmapped document counts as a second document, as in
    // score.py). f4 is tolerated (a warning); f6 rests on one document.
    assert_eq!(m.false_conflicts, 5, "{why}");
    assert!(m.false_conflict_details.iter().any(|d| d.contains("different things")), "{why}");
    assert!(m.false_conflict_details.iter().any(|d| d.contains("a promise about the future")), "{why}");
    assert_eq!(m.conflicts_reported, 6, "{why}");
    assert_eq!(m.false_in_document, 1, "f6: {why}");
    assert_eq!(m.conflict_recall, None);
    assert_eq!(m.claim_recall, 0.3);
}

#[test]
fn scorer_matches_gold_conflicts_updates_and_in_document_checks() {
    let m = score_gold(&synthetic_report(), &extended_gold(), &common::seeds_dir());
    let why = format!("{m:#?}");
    // f3 rests on s1_first_in_24 and s2_since_2000, which disagree (different `expect`).
    assert!(m.conflicts_found_ids.contains("visit_years"), "{why}");
    // f7 is an update over s3_troops/s2_ammo: matches the conflict with `odd` but is not a
    // conflict verdict, and matches no gold update: neither found nor false.
    assert!(!m.conflicts_found_ids.contains("ammo_vs_troops"), "{why}");
    // f10 is an update over the gold update's claims; f8 (corroborated) is not a candidate.
    assert_eq!(m.updates_found_ids.iter().collect::<Vec<_>>(), vec!["century_update"], "{why}");
    assert_eq!(m.in_document_found_ids.iter().collect::<Vec<_>>(), vec!["ammo_alone"], "{why}");
    assert_eq!(m.false_in_document, 0, "{why}");
    assert_eq!(m.false_conflicts, 2, "f5 (an error on a tolerated pair) and f9: {why}");
    assert_eq!(m.conflict_recall, Some(0.5), "{why}");
}

#[test]
fn scorer_finds_nothing_in_an_empty_report() {
    let m = score_gold(&report(vec![], vec![]), &gold(), &common::seeds_dir());
    assert_eq!((m.claims_found, m.facts_found, m.false_conflicts, m.boilerplate_claims), (0, 0, 0, 0));
    assert_eq!(m.missing_claims.len(), 30);
    assert_eq!(m.facts_missing.len(), 8);
}

#[test]
#[should_panic(expected = "report has no list 'claims'")]
fn scorer_rejects_a_report_without_claims() {
    score_gold(&json!({"documents": [], "findings": []}), &gold(), &common::seeds_dir());
}

// ---------------------------------------------------------------------------------------------
// Agreement with score.py (a copy in tests/gold/score.py), when python3 with PyYAML is here.
// ---------------------------------------------------------------------------------------------

fn python_with_yaml() -> bool {
    Command::new("python3").args(["-c", "import yaml"]).output().is_ok_and(|o| o.status.success())
}

fn python_metrics(report: &J, gold: &Path, docs: &Path, tmp: &common::TempDir) -> J {
    let rp = tmp.write("report.json", serde_json::to_vec(report).unwrap());
    let script = common::root().join("tests/gold/score.py");
    let o = Command::new("python3")
        .arg(&script)
        .arg(&rp)
        .arg("--gold")
        .arg(gold)
        .arg("--docs")
        .arg(docs)
        .arg("--json")
        .output()
        .expect("run score.py");
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.code() == Some(0), "score.py failed: {out}\n{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(out.lines().next().expect("a JSON line")).expect("score.py --json prints JSON")
}

fn assert_agree(label: &str, report: &J, gold: &Path, docs: &Path) {
    let tmp = common::TempDir::new("score-py");
    let py = python_metrics(report, gold, docs, &tmp);
    let gold_v: J = {
        let y: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(gold).unwrap()).unwrap();
        serde_json::to_value(y).unwrap()
    };
    let rs = score_gold(report, &gold_v, docs).to_json();
    let py_map = py.as_object().unwrap();
    let rs_map = rs.as_object().unwrap();
    assert_eq!(py_map.keys().collect::<Vec<_>>().len(), rs_map.len(), "{label}: same metric names\npy {py}\nrs {rs}");
    for (k, pv) in py_map {
        let rv = rs_map.get(k).unwrap_or_else(|| panic!("{label}: the port lacks metric {k}"));
        let same = match (pv.as_f64(), rv.as_f64()) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            _ => pv == rv,
        };
        assert!(same, "{label}: {k}: score.py {pv}, port {rv}\npy {py}\nrs {rs}");
    }
}

#[test]
fn rust_scorer_agrees_with_score_py() {
    if !python_with_yaml() {
        eprintln!("skipped: python3 with PyYAML is not available");
        return;
    }
    let seeds = common::seeds_dir();
    assert_agree("seeds", &seeds_report(), &common::gold_path(), &seeds);
    // A report with a real cross-article conflict: "24" → "18" keeps every byte offset, so the
    // report scores against the unmodified seeds.
    let dir = common::mutated_seeds("001", "dalam 24 tahun", "dalam 18 tahun");
    let mutated = common::library_report(&[dir.path().to_path_buf()]);
    assert_agree("seeds with 18 years", &mutated, &common::gold_path(), &seeds);
    assert!(score(&mutated, &common::gold_path(), &seeds).false_conflicts >= 1, "the 18-year conflict is false against the seeds gold");
    // Every branch of the finding rules, with the extended gold written as YAML (JSON is YAML).
    let tmp = common::TempDir::new("gold-ext");
    let gp: PathBuf = tmp.write("gold.yaml", serde_json::to_vec_pretty(&extended_gold()).unwrap());
    assert_agree("synthetic, seeds gold", &synthetic_report(), &common::gold_path(), &seeds);
    assert_agree("synthetic, extended gold", &synthetic_report(), &gp, &seeds);
}

/// The scorer changed: a quotation never stands for the figure inside it, and conflict credit
/// needs two gold claims whose expected values both exist and differ.
#[test]
fn scorer_credits_a_claim_only_of_a_fitting_kind() {
    let figure = "lebih dari 11.000 kontainer amunisi";
    let as_quote = report(vec![claim_of("quote", "c1", D2, figure, json!({"low": 11000}))], vec![]);
    let m = score_gold(&as_quote, &gold(), &common::seeds_dir());
    assert!(m.missing_claims.contains(&"s2_ammo".to_string()), "a quote does not stand for a figure: {m:#?}");
    let as_figure = report(vec![claim_of("quantity", "c1", D2, figure, json!({"low": 11000}))], vec![]);
    let m = score_gold(&as_figure, &gold(), &common::seeds_dir());
    assert!(!m.missing_claims.contains(&"s2_ammo".to_string()), "{m:#?}");
    // A date may be carried by the event it dates.
    let by_event = report(vec![claim_of("event", "c1", D1, "Rabu (19/6/2024)", json!({"date": "2024-06-19"}))], vec![]);
    let m = score_gold(&by_event, &gold(), &common::seeds_dir());
    assert!(m.missing_claims.len() < 30, "{m:#?}");
}

#[test]
fn scorer_gives_no_conflict_credit_when_a_side_has_no_expected_value() {
    let mut g = gold();
    // s0_ammo carries no `expect`: without `odd`, a pair with it cannot be a credited conflict.
    g["conflicts"] = json!([{"id": "ammo", "claims": ["s0_ammo", "s2_ammo"]}]);
    let claims = vec![
        claim_at("c1", D0, "amunisi dalam jumlah besar", json!({})),
        claim_at("c2", D2, "lebih dari 11.000 kontainer amunisi", json!({"low": 11000})),
    ];
    let m = score_gold(&report(claims, vec![finding("f1", "conflict", "error", &["c1", "c2"])]), &g, &common::seeds_dir());
    assert!(m.conflicts_found_ids.is_empty(), "{m:#?}");
}
