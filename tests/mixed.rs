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

/// The documents a finding rests on, sorted.
fn docs_of(r: &Value, f: &Value) -> Vec<String> {
    common::finding_docs(r, f).into_iter().collect()
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
    assert!(ex.contains("162 — en.md") && ex.contains("62 — id.md"), "{ex}");
    // Both tolls are dated only by same-day articles: a conflict, flagged as unsure.
    assert_eq!(f["severity"], "warning");
}

#[test]
fn an_english_wire_checked_against_the_indonesian_seeds() {
    // Our own English wire report of the treaty, read with the five Indonesian seeds.
    let both = [common::root().join("seeds"), common::fixtures().join("wire-en")];
    let r = common::library_report(&both);
    let docs_of = |f: &Value| docs_of(&r, f);
    let f = r["findings"].as_array().unwrap();
    for topic in ["sign", "summit", "invite", "munitions"] {
        let hit = f.iter().find(|x| x["topic"] == topic && docs_of(x).iter().any(|d| d == "treaty-wire")).unwrap_or_else(|| panic!("{topic} does not reach the English wire"));
        assert!(matches!(hit["verdict"].as_str(), Some("corroborated" | "compatible")), "{hit}");
        assert!(docs_of(hit).len() >= 3, "{topic}: {:?}", docs_of(hit));
    }
    // "his first since 2000" (English) = "pertama kalinya dalam 24 tahun" (2024) = "sejak tahun 2000".
    let visit = f.iter().find(|x| x["explanation"].as_str().unwrap().contains("The previous visit was in 2000")).expect("recency aligns");
    assert!(docs_of(visit).contains(&"treaty-wire".to_string()));
    // "if either country is attacked" is a condition, not an event.
    assert!(r["claims"].as_array().unwrap().iter().all(|c| c["value"]["event"] != "attack"));
    assert!(f.iter().all(|x| x["verdict"] != "conflict"), "{f:#?}");
}

#[test]
fn a_changed_wire_figure_conflicts_with_the_indonesian_seed() {
    let wire = std::fs::read_to_string(common::fixtures().join("wire-en/treaty-wire.md")).unwrap();
    let changed = wire.replace("more than 11,000 containers", "about 5,000 containers");
    assert_ne!(wire, changed);
    let tmp = common::TempDir::new("wire-changed");
    tmp.write("treaty-wire.md", changed);
    let r = common::library_report(&[common::root().join("seeds"), tmp.path().to_path_buf()]);
    let c: Vec<&Value> = r["findings"].as_array().unwrap().iter().filter(|f| f["verdict"] == "conflict").collect();
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0]["topic"], "munitions");
    let ex = c[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("about 5,000 containers") && ex.contains("lebih dari 11.000 kontainer amunisi"), "{ex}");
}

/// A short Indonesian text with no front matter and few function words is still Indonesian:
/// the language is told by every word of its rules (numbers, units, counted things), so
/// "5.000 orang" is five thousand people, not five.
#[test]
fn a_short_indonesian_text_is_read_as_indonesian() {
    let tmp = common::TempDir::new("short-id");
    let txt = tmp.write("pendek.txt", "Banjir bandang: 5.000 orang mengungsi, 12 tewas.\n");
    let (code, rep, err) = common::check_json(&[txt.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(rep["documents"][0]["language"], "id", "{}", rep["documents"][0]);
    let five_thousand = rep["claims"].as_array().unwrap().iter().any(|c| c["value"]["low"] == 5000.0);
    assert!(five_thousand, "5.000 read as five thousand: {:#}", rep["claims"]);
}

/// A text with hardly a word of any language's rules is read with a warning, never silently.
#[test]
fn an_unsure_language_is_a_warning() {
    let tmp = common::TempDir::new("unsure-lang");
    let txt = tmp.write("kurz.txt", "Hochwasser: 5.000 Menschen evakuiert.\n");
    let (code, _rep, err) = common::check_json(&[txt.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("language unsure"), "{err}");
}
