//! Mutation tests: the five seeds copied to a temp folder with one figure changed. A change that
//! truly contradicts another source must give a cross-article `conflict` (severity error, claims
//! from two documents) and exit code 1; a change that stays compatible must give no conflict and
//! exit code 0.

mod common;

use serde_json::Value as J;

/// Run the binary on the mutated copy: (exit code, report).
fn check(dir: &common::TempDir) -> (i32, J) {
    let (code, rep, err) = common::check_json(&[dir.path().to_str().unwrap()]);
    assert!(!err.contains("error"), "no input or rule error: {err}");
    (code, rep)
}

/// Conflicts (severity error) resting on claims from at least two documents.
fn cross_errors(rep: &J) -> Vec<J> {
    common::findings_with(rep, "conflict")
        .into_iter()
        .filter(|f| f["severity"] == "error" && common::finding_docs(rep, f).len() >= 2)
        .collect()
}

/// Assert a cross-article error conflict between a claim of `doc_a` whose text contains `text_a`
/// and a claim of `doc_b` whose text contains `text_b`; and exit code 1.
fn assert_conflict(code: i32, rep: &J, doc_a: &str, text_a: &str, doc_b: &str, text_b: &str) {
    let all = common::describe_findings(rep);
    let by = common::claims_by_id(rep);
    let has = |f: &J, doc: &str, text: &str| {
        f["claims"].as_array().unwrap().iter().any(|c| {
            let c = &by[c.as_str().unwrap()];
            c["doc"].as_str().unwrap().starts_with(doc) && c["text"].as_str().unwrap().contains(text)
        })
    };
    let hit = cross_errors(rep).into_iter().find(|f| has(f, doc_a, text_a) && has(f, doc_b, text_b));
    let Some(f) = hit else { panic!("expected a conflict between {doc_a} '{text_a}' and {doc_b} '{text_b}'; findings:\n{all}") };
    assert_eq!(f["in_document"], false, "a cross-article conflict is not in-document: {f}");
    assert!(f["explanation"].as_str().unwrap().len() > 20, "the conflict explains itself: {f}");
    assert_eq!(code, 1, "a conflict fails the run with --fail-on error (default)");
}

/// Assert no conflict at all and exit code 0.
fn assert_no_conflict(code: i32, rep: &J) {
    let conflicts = common::findings_with(rep, "conflict");
    assert!(conflicts.is_empty(), "expected no conflict; findings:\n{}", common::describe_findings(rep));
    assert_eq!(code, 0);
}

/// The verdict of the finding whose claims include a claim of `doc` containing `text`.
fn verdicts_on(rep: &J, doc: &str, text: &str) -> Vec<String> {
    let by = common::claims_by_id(rep);
    rep["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["claims"].as_array().unwrap().iter().any(|c| {
                let c = &by[c.as_str().unwrap()];
                c["doc"].as_str().unwrap().starts_with(doc) && c["text"].as_str().unwrap().contains(text)
            })
        })
        .map(|f| f["verdict"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn unmodified_copy_has_no_conflict() {
    let dir = common::copy_seeds("unmodified");
    let (code, rep) = check(&dir);
    assert_no_conflict(code, &rep);
    assert_eq!(rep["documents"].as_array().unwrap().len(), 5);
}

// --- munitions: 004 "sejumlah besar amunisi" vs 002 "lebih dari 11.000 kontainer amunisi" ----

#[test]
fn about_5000_containers_contradicts_more_than_11000() {
    let dir = common::mutated_seeds("004", "sejumlah besar amunisi", "sekitar 5.000 kontainer amunisi");
    let (code, rep) = check(&dir);
    // The figure is extracted as about 5,000 containers of munitions…
    let by = common::claims_by_id(&rep);
    let c = by.values().find(|c| c["text"].as_str().unwrap().contains("5.000 kontainer")).expect("the 5.000 figure is a claim");
    assert_eq!((c["value"]["low"].as_f64(), c["value"]["high"].as_f64(), c["value"]["of"].as_str()), (Some(4500.0), Some(5500.0), Some("munitions")));
    // …and contradicts 002's "more than 11,000 containers": about 5,000 cannot also be more
    // than 11,000. Both figures are dated only by their articles (two days apart), which is not
    // a reason to take them as different moments.
    assert_conflict(code, &rep, "004", "5.000", "002", "11.000");
}

#[test]
fn twelve_thousand_containers_is_compatible_with_more_than_11000() {
    let dir = common::mutated_seeds("004", "sejumlah besar amunisi", "12.000 kontainer amunisi");
    let (code, rep) = check(&dir);
    assert_no_conflict(code, &rep);
    let v = verdicts_on(&rep, "004", "12.000 kontainer");
    assert!(v.iter().any(|v| v == "compatible" || v == "corroborated"), "12,000 fits 'more than 11,000': {v:?}\n{}", common::describe_findings(&rep));
}

#[test]
fn more_than_10000_is_compatible_with_large_amounts() {
    let dir = common::mutated_seeds("002", "lebih dari 11.000", "lebih dari 10.000");
    let (code, rep) = check(&dir);
    assert_no_conflict(code, &rep);
    let v = verdicts_on(&rep, "002", "lebih dari 10.000 kontainer");
    assert!(v.iter().any(|v| v == "compatible"), "'more than 10,000' fits 'large amounts': {v:?}");
}

// --- recency: 001 "pertama kalinya terjadi dalam 24 tahun" vs 002 "sejak tahun 2000" ----------

#[test]
fn first_in_18_years_contradicts_first_since_2000() {
    let dir = common::mutated_seeds("001", "dalam 24 tahun", "dalam 18 tahun");
    let (code, rep) = check(&dir);
    assert_conflict(code, &rep, "001", "18 tahun", "002", "sejak tahun 2000");
}

#[test]
fn first_in_nearly_a_quarter_century_is_compatible_with_since_2000() {
    let dir = common::mutated_seeds("001", "dalam 24 tahun", "dalam hampir seperempat abad");
    let (code, rep) = check(&dir);
    assert_no_conflict(code, &rep);
    let v = verdicts_on(&rep, "001", "seperempat abad");
    assert!(v.iter().any(|v| v == "compatible" || v == "corroborated"), "'nearly a quarter century' fits 2000: {v:?}\n{}", common::describe_findings(&rep));
}

// --- the signing: 004 "Pyongyang Hari Rabu" (19 June) → "Senin" (17 June) ----------------------

#[test]
fn signing_on_monday_contradicts_signing_on_19_june() {
    let dir = common::mutated_seeds("004", "Pyongyang Hari Rabu", "Pyongyang Hari Senin");
    let (code, rep) = check(&dir);
    // The Monday resolves to 2024-06-17 against 004's date (2024-06-20).
    let by = common::claims_by_id(&rep);
    assert!(
        by.values().any(|c| c["text"].as_str().unwrap().contains("Hari Senin") && c["value"]["date"] == "2024-06-17"),
        "'Hari Senin' dates the signing to 2024-06-17"
    );
    let conflicts = common::findings_with(&rep, "conflict");
    let sign: Vec<&J> = conflicts.iter().filter(|f| f["topic"] == "sign").collect();
    assert_eq!(sign.len(), 1, "one conflict about the signing:\n{}", common::describe_findings(&rep));
    assert!(sign[0]["explanation"].as_str().unwrap().contains("2024-06-17"), "{}", sign[0]);
    assert_eq!(sign[0]["severity"], "error");
    assert_eq!(code, 1);
    // It rests on two documents: 004's Monday against a 19 June signing from another article,
    // while the articles that agree on 19 June still corroborate each other.
    let docs = common::finding_docs(&rep, sign[0]);
    assert_eq!(docs.len(), 2, "the conflict cites two articles: {docs:?}");
    assert!(docs.iter().any(|d| d.starts_with("004")) && docs.iter().any(|d| !d.starts_with("004")), "{docs:?}");
    assert_eq!(sign[0]["in_document"], false);
    let agree = common::findings_with(&rep, "corroborated");
    assert!(agree.iter().any(|f| f["topic"] == "sign" && f["explanation"].as_str().unwrap().contains("2024-06-19")), "{}", common::describe_findings(&rep));
}
