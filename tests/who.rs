//! Who, where and in whose words: name variants, places, quotations, sets (Indonesian).


use serde_json::Value;

mod common;

fn report(dir: &str) -> Value {
    common::library_report(&[common::fixtures().join(dir)])
}

fn verdicts(r: &Value) -> Vec<(String, String)> {
    r["findings"].as_array().unwrap().iter().map(|f| (f["verdict"].as_str().unwrap().to_string(), f["topic"].as_str().unwrap().to_string())).collect()
}

fn speakers(r: &Value) -> Vec<String> {
    r["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "quote").map(|c| c["speaker"].as_str().unwrap_or("-").to_string()).collect()
}

#[test]
fn romanisation_variants_of_one_name_merge_and_are_noted() {
    let r = report("who-id/names");
    let s = speakers(&r);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0], s[1], "Lee Sung-kwon and Lee Seong-kweun are one speaker");
    assert!(s[0].starts_with("lee_"), "{s:?}");
    let v = verdicts(&r);
    assert!(v.contains(&("corroborated".into(), s[0].clone())), "{v:?}");
    assert!(v.contains(&("compatible".into(), "name".into())), "the variant spelling is noted: {v:?}");
}

#[test]
fn different_names_with_a_shared_start_stay_apart() {
    let r = report("who-id/names-distinct");
    let s = speakers(&r);
    assert_ne!(s[0], s[1], "Park Ji-won is not Park Ji-hoon");
    // The two quotations stay apart: each is a single source.
    let quotes: Vec<&Value> = r["findings"].as_array().unwrap().iter().filter(|f| f["key"].as_str().unwrap().starts_with("quote|")).collect();
    assert_eq!(quotes.len(), 2, "{quotes:#?}");
    assert!(quotes.iter().all(|f| f["verdict"] == "single_source"), "{quotes:#?}");
}

#[test]
fn a_misspelled_name_next_to_a_known_person_is_that_person() {
    // Seed 003 writes "kata Rote" two lines after "Mark Rutte mengatakan".
    let r = common::library_report(&[common::seeds_dir().join("003_b77f3cb8875c04d4.txt")]);
    let quote = r["claims"].as_array().unwrap().iter().find(|c| c["kind"] == "quote" && c["text"].as_str().unwrap().starts_with("Peran Korea Utara")).unwrap();
    assert_eq!(quote["speaker"], "mark_rutte");
}

#[test]
fn two_cities_for_one_summit_conflict() {
    let r = report("who-id/city");
    let c = common::findings_with(&r, "conflict");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0]["topic"], "summit");
    let ex = c[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("washington") && ex.contains("vilnius"), "{ex}");
}

#[test]
fn a_quotation_whose_meaning_changes_is_a_conflict_showing_the_words() {
    let r = report("who-id/misquote");
    let c = common::findings_with(&r, "conflict");
    assert_eq!(c.len(), 1);
    let ex = c[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("belum") && ex.contains("sudah"), "the differing words are shown: {ex}");
}

#[test]
fn a_translation_variant_of_a_quotation_is_compatible() {
    // Seeds 000 and 004: "Tiongkok" vs "China" and light rewording.
    let root = common::seeds_dir();
    let r = common::library_report(&[root.join("000_97e606655609c318.txt"), root.join("004_c30608f5e524478c.txt")]);
    let f = r["findings"].as_array().unwrap().iter().find(|f| f["explanation"].as_str().unwrap().contains("light rewording")).expect("a rewording finding");
    assert_eq!(f["verdict"], "compatible");
    assert_eq!(f["topic"], "jens_stoltenberg");
}

#[test]
fn a_subset_of_members_is_compatible() {
    let r = report("who-id/subset");
    let v = verdicts(&r);
    assert!(v.contains(&("compatible".into(), "invite".into())), "{v:?}");
    assert!(!v.iter().any(|(v, _)| v == "conflict"));
}

#[test]
fn figures_record_who_states_them_and_whether_they_are_hedged() {
    // Seed 002: "NATO bahkan menuduh Korea Utara memasok … lebih dari 11.000 kontainer amunisi".
    let r = common::library_report(&[common::seeds_dir().join("002_5f812b772f151371.txt")]);
    let ammo = r["claims"].as_array().unwrap().iter().find(|c| c["text"] == "lebih dari 11.000 kontainer amunisi").unwrap();
    assert_eq!(ammo["source"], "nato");
    assert_eq!(ammo["subject"], "north_korea");
    assert_eq!(ammo["hedged"], true);
}

// --- English ---------------------------------------------------------------------------------

#[test]
fn english_romanisation_variants_merge() {
    let r = report("who-en/names");
    let s = speakers(&r);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0], s[1], "Kim Myung-soo and Kim Myeong-su are one speaker");
    assert!(verdicts(&r).contains(&("compatible".into(), "name".into())));
}

#[test]
fn english_two_cities_for_one_summit_conflict() {
    let r = report("who-en/city");
    let v = verdicts(&r);
    assert!(v.contains(&("conflict".into(), "summit".into())), "{v:?}");
    assert!(v.contains(&("corroborated".into(), "invite".into())), "{v:?}");
}

#[test]
fn english_never_and_often_is_a_misquotation() {
    let r = report("who-en/misquote");
    let c = common::findings_with(&r, "conflict");
    assert_eq!(c.len(), 1);
    let ex = c[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("never") && ex.contains("often"), "{ex}");
}

#[test]
fn english_a_subset_is_compatible() {
    let r = report("who-en/subset");
    // The list is one set claim; "from Malaysia, Singapore …" also names each country, a place
    // of its own, never one inside the next.
    let v = verdicts(&r);
    assert_eq!(v[0], ("compatible".to_string(), "invite".to_string()));
    let rest: Vec<(&str, &str)> = v[1..].iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(rest, vec![("corroborated", "malaysia"), ("corroborated", "singapore"), ("corroborated", "thailand"), ("single_source", "philippines")]);
}

#[test]
fn english_two_authorities_disagreeing_are_named() {
    let r = report("who-en/authorities");
    let c = common::findings_with(&r, "conflict");
    assert_eq!(c.len(), 1);
    let ex = c[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("dewi_lestari and rahmat_santoso disagree"), "{ex}");
}

#[test]
fn kim_jong_un_is_never_kim_yong_nam() {
    let rules = claimcheck::rules::RuleSet::builtin().unwrap();
    let text = "---\nlanguage: en\ntitle: t\npublished: 2024-06-20\n---\n\"The treaty is purely defensive and peaceful in nature,\" said Kim Jong Un.\n\n\"The treaty is purely defensive and peaceful in nature,\" said Kim Yong Nam.\n";
    let a = claimcheck::ingest::decode("a.md", "a", text.as_bytes().to_vec(), "md").unwrap();
    let rep = claimcheck::check(vec![a], &rules).unwrap();
    let r: Value = serde_json::from_str(&claimcheck::report::json::render(&rep)).unwrap();
    assert_eq!(speakers(&r), vec!["kim_jong_un".to_string(), "kim_yong_nam".to_string()]);
}

// --- Pages as published, with their furniture ------------------------------------------------

#[test]
fn pages_with_furniture_yield_claims_only_from_the_article() {
    let r = common::library_report(&[common::fixtures().join("pages")]);
    // No claim from "Baca juga", related lists, "Artikel ini telah tayang", "Read Next".
    for c in r["claims"].as_array().unwrap() {
        let t = c["sentence"].as_str().unwrap();
        for furniture in ["Banjir Bandang Terjang", "Gempa M 5,1", "4 Kendaraan", "telah tayang", "Floods kill 12", "Reporting by"] {
            assert!(!t.contains(furniture), "claim from furniture: {c}");
        }
    }
    // The pages' own dates: a portal's date line, a wire's date line after its byline.
    let published: Vec<(&str, &str)> = r["documents"].as_array().unwrap().iter().map(|d| (d["published"].as_str().unwrap(), d["published_source"].as_str().unwrap())).collect();
    assert_eq!(published, vec![("2025-02-12", "stated"), ("2025-02-13", "stated"), ("2025-02-12", "stated")]);
    let f = r["findings"].as_array().unwrap();
    // The landslide on Tuesday 11 February, in Indonesian and English, the dateline aside.
    let slide = f.iter().find(|f| f["topic"] == "landslide").expect("the landslide aligns");
    assert_eq!(slide["verdict"], "corroborated");
    assert!(slide["explanation"].as_str().unwrap().contains("2025-02-11"));
    // The toll rose from 18 to 21 between the reports: an update naming the latest.
    let toll = f.iter().find(|f| f["topic"] == "deaths").expect("the toll aligns");
    assert_eq!(toll["verdict"], "updated");
    assert!(toll["explanation"].as_str().unwrap().contains("→ 21 as of 2025-02-13 06:00 UTC+07:00"), "{toll}");
    // Seven missing, then four: people were found. A count that may fall is a plain update.
    let missing = f.iter().find(|f| f["topic"] == "missing").expect("the missing align");
    assert_eq!((missing["verdict"].as_str(), missing["severity"].as_str()), (Some("updated"), Some("info")));
    assert!(f.iter().all(|f| f["verdict"] != "conflict"), "{f:#?}");
}

#[test]
fn look_alike_figures_measuring_different_things_never_conflict() {
    // Percentages of different candidates and regions, this year's and 2019's budget, turnout
    // 81 vs 82 percent: without a stated concept a percentage or an amount is not compared.
    let r = common::library_report(&[common::fixtures().join("election")]);
    let f = r["findings"].as_array().unwrap();
    assert!(f.iter().all(|f| f["verdict"] != "conflict"), "{f:#?}");
    // "up from 25.6 trillion in 2019" is a previous figure.
    let previous: Vec<&Value> = r["claims"].as_array().unwrap().iter().filter(|c| c["value"]["other"] == true).collect();
    assert!(!previous.is_empty(), "the 2019 figures are marked as previous");
    // The institute's director, named after his title in both languages, spoke on Wednesday.
    let said = f.iter().find(|f| f["key"] == "date|2024-02-14").expect("the statement date aligns");
    assert_eq!(said["verdict"], "corroborated");
    assert!(said["explanation"].as_str().unwrap().contains("a statement by budi_hartono"), "{said}");
}
