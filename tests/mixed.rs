//! Across languages: an Indonesian and an English report of one event align through shared
//! concept and event ids; a changed figure conflicts across the two.


use serde_json::Value;

mod common;

fn report(dir: &str) -> Value {
    common::library_report(&[common::fixtures().join("mixed").join(dir)])
}

fn finding<'a>(r: &'a Value, verdict: &str, topic: &str) -> Option<&'a Value> {
    r["findings"].as_array().unwrap().iter().find(|f| f["verdict"] == verdict && f["topic"] == topic)
}

fn docs_of(r: &Value, f: &Value) -> Vec<String> {
    let mut d: Vec<String> = f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| r["claims"].as_array().unwrap().iter().find(|x| x["id"] == *c).unwrap()["doc"].as_str().unwrap().to_string())
        .collect();
    d.sort();
    d.dedup();
    d
}

#[test]
fn languages_are_detected_per_article() {
    let r = report("same");
    let langs: Vec<(&str, &str)> = r["documents"].as_array().unwrap().iter().map(|d| (d["id"].as_str().unwrap(), d["language"].as_str().unwrap())).collect();
    assert_eq!(langs, vec![("en", "en"), ("id", "id")]);
}

#[test]
fn the_same_facts_corroborate_across_indonesian_and_english() {
    let r = report("same");
    for topic in ["deaths", "quake_magnitude", "earthquake"] {
        let f = finding(&r, "corroborated", topic).unwrap_or_else(|| panic!("no corroboration of {topic}: {:#}", r["findings"]));
        assert_eq!(docs_of(&r, f), vec!["en", "id"], "{topic} rests on both languages");
    }
    // "menewaskan 62 orang" and "killed 62 people"; "in 30 years" (2022) and "sejak tahun 1992".
    let deaths = finding(&r, "corroborated", "deaths").unwrap();
    assert!(deaths["explanation"].as_str().unwrap().contains("62"));
    let recency = r["findings"].as_array().unwrap().iter().find(|f| f["explanation"].as_str().unwrap().contains("1992")).expect("the recency claims align");
    assert_eq!(recency["verdict"], "corroborated");
    assert!(r["findings"].as_array().unwrap().iter().all(|f| f["verdict"] != "conflict"));
}

#[test]
fn a_changed_figure_conflicts_across_the_two_languages() {
    let r = report("changed");
    let f = finding(&r, "conflict", "deaths").expect("a conflict on the death toll");
    assert_eq!(docs_of(&r, f), vec!["en", "id"]);
    let ex = f["explanation"].as_str().unwrap();
    assert!(ex.contains("(162)") && ex.contains("(62)"), "{ex}");
    // Both tolls are dated only by same-day articles: a conflict, flagged as unsure.
    assert_eq!(f["severity"], "warning");
}
