//! Fingerprints name what a finding says: the same finding keeps its fingerprint when the
//! inputs are given in another order, sit in another folder, or come with unrelated articles;
//! a changed value makes a new one.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value as J;

/// (verdict, key, the (document, text) of each claim, sorted).
type Said = (String, String, Vec<(String, String)>);

/// fingerprint → what the finding says.
fn by_fingerprint(rep: &J) -> BTreeMap<String, Said> {
    let claims = common::claims_by_id(rep);
    let mut out = BTreeMap::new();
    for f in rep["findings"].as_array().unwrap() {
        let fp = f["fingerprint"].as_str().unwrap().to_string();
        assert!(fp.len() == 32 && fp.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "32 lower-case hex digits: {fp}");
        let mut cs: Vec<(String, String)> = f["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let c = &claims[c.as_str().unwrap()];
                (c["doc"].as_str().unwrap().to_string(), c["text"].as_str().unwrap().to_string())
            })
            .collect();
        cs.sort();
        let prev = out.insert(fp.clone(), (f["verdict"].as_str().unwrap().to_string(), f["key"].as_str().unwrap().to_string(), cs));
        assert!(prev.is_none(), "fingerprint {fp} names two findings of one report");
    }
    out
}

#[test]
fn input_order_does_not_change_fingerprints() {
    let seeds = common::seed_files();
    let forward = by_fingerprint(&common::library_report(&seeds));
    let mut reversed = seeds.clone();
    reversed.reverse();
    let backward = by_fingerprint(&common::library_report(&reversed));
    assert!(forward.len() > 20, "the seeds have findings: {}", forward.len());
    assert_eq!(forward, backward, "the same findings under the same fingerprints");
}

#[test]
fn folders_and_file_paths_do_not_change_fingerprints() {
    let seeds = common::seed_files();
    let here = by_fingerprint(&common::library_report(&seeds));
    let tmp = common::TempDir::new("fp-moved");
    for (i, f) in seeds.iter().enumerate() {
        tmp.write(&format!("deep/{i}/{}", f.file_name().unwrap().to_str().unwrap()), std::fs::read(f).unwrap());
    }
    let moved = by_fingerprint(&common::library_report(&[tmp.path().to_path_buf()]));
    assert_eq!(here.keys().collect::<Vec<_>>(), moved.keys().collect::<Vec<_>>());
}

#[test]
fn unrelated_articles_leave_the_other_fingerprints_alone() {
    let seeds = common::seed_files();
    let base = by_fingerprint(&common::library_report(&seeds));
    let extra: Vec<PathBuf> = vec![common::fixtures().join("election/quick-count-en.txt"), common::fixtures().join("election/quick-count-id.txt")];
    let all: Vec<PathBuf> = extra.iter().cloned().chain(seeds.iter().cloned()).collect();
    let with = by_fingerprint(&common::library_report(&all));
    let new_docs: BTreeSet<String> = extra.iter().map(|p| p.file_stem().unwrap().to_str().unwrap().to_string()).collect();
    let touches = |cs: &[(String, String)]| cs.iter().any(|(d, _)| new_docs.contains(d));
    let mut kept = 0;
    for (fp, (verdict, key, cs)) in &with {
        if touches(cs) {
            continue;
        }
        assert!(base.contains_key(fp), "a finding the new articles take no part in keeps its fingerprint: {verdict} {key} {cs:?}");
        kept += 1;
    }
    // A seed finding that is gone is one the new articles joined (same key, now with them).
    for (fp, (_, key, _)) in &base {
        if !with.contains_key(fp) {
            assert!(with.values().any(|(_, k, cs)| k == key && touches(cs)), "{key}: gone without a new article joining it");
        }
    }
    assert!(kept > 20, "most seed findings are untouched: {kept}");
}

#[test]
fn a_changed_figure_changes_only_its_fingerprint() {
    let base = by_fingerprint(&common::library_report(&common::seed_files()));
    let dir = common::mutated_seeds("002", "lebih dari 11.000", "lebih dari 12.000");
    let changed = by_fingerprint(&common::library_report(&[dir.path().to_path_buf()]));
    let gone: Vec<&Said> = base.iter().filter(|(fp, _)| !changed.contains_key(*fp)).map(|(_, v)| v).collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(gone[0].1, "quantity|munitions");
    assert_eq!(base.len(), changed.len());
}
