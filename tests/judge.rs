//! Judgement that generalises (issue 9), in both languages, on fixtures written for these
//! tests (`tests/fixtures/judge/`): who states a figure and when decides between a timeline
//! and a conflict; other incidents, parts and revised figures are never rivals; counted things
//! the rules do not name align by their noun; organisations and anaphora are speakers; copies
//! of one article are one source.

use serde_json::Value;

mod common;

fn report(dir: &str) -> Value {
    common::library_report(&[common::fixtures().join("judge").join(dir)])
}

fn about<'a>(r: &'a Value, verdict: &str, key: &str) -> Vec<&'a Value> {
    r["findings"].as_array().unwrap().iter().filter(|f| f["verdict"] == verdict && f["key"] == key).collect()
}

fn conflicts(r: &Value) -> Vec<&Value> {
    r["findings"].as_array().unwrap().iter().filter(|f| f["verdict"] == "conflict").collect()
}

/// One authority's rising toll is its own timeline; another authority's figure on the same day
/// is a conflict that names both.
#[test]
fn a_rising_toll_is_a_timeline_and_another_authority_the_same_day_a_conflict() {
    for lang in ["id", "en"] {
        let r = report(&format!("timeline-{lang}"));
        let up = about(&r, "updated", "quantity|deaths");
        assert_eq!(up.len(), 1, "{lang}: {up:#?}");
        let ex = up[0]["explanation"].as_str().unwrap();
        assert!(ex.starts_with("bnpb's figure for deaths changed over time: 12 as of 2025-02-10 08:00"), "{lang}: {ex}");
        assert!(ex.contains("→ 19 as of 2025-02-10 17:00"), "{lang}: {ex}");
        let c = about(&r, "conflict", "quantity|deaths");
        assert_eq!(c.len(), 1, "{lang}: one conflict for the day: {c:#?}");
        let ex = c[0]["explanation"].as_str().unwrap();
        assert!(ex.contains("bnpb and rahmat_santoso disagree"), "{lang}: {ex}");
        assert!(ex.contains("31 — c.md"), "{lang}: {ex}");
        // BNPB's own figures at two clock times are no conflict with each other: both sides of
        // the conflict are BNPB's and the governor's, never BNPB against BNPB alone.
        assert!(common::finding_docs(&r, c[0]).contains("c"), "{lang}");
        // Every conflict explains itself with citations a person can check.
        assert!(ex.contains("a.md:7:") && ex.contains("c.md:7:"), "{lang}: {ex}");
    }
}

/// Another incident of the story (a year the clause names) is never compared with this one.
#[test]
fn two_incidents_of_one_story_are_never_compared() {
    for lang in ["id", "en"] {
        let r = report(&format!("incidents-{lang}"));
        assert!(conflicts(&r).is_empty(), "{lang}: {:#?}", conflicts(&r));
        let agree = about(&r, "corroborated", "quantity|deaths");
        assert_eq!(agree.len(), 1, "{lang}");
        assert!(agree[0]["explanation"].as_str().unwrap().contains(": 8 ("), "{lang}: {}", agree[0]);
        let background: Vec<&Value> = r["claims"].as_array().unwrap().iter().filter(|c| c["value"]["incident"] == "year:2006").collect();
        assert_eq!(background.len(), 1, "{lang}: the 2006 toll is its own incident");
    }
}

/// "tujuh jembatan" / "seven bridges": a counted thing the rules do not name corroborates.
#[test]
fn an_unnamed_counted_thing_corroborates_across_articles() {
    for (lang, key) in [("id", "quantity|n:jembatan"), ("en", "quantity|n:bridge")] {
        let r = report(&format!("open-{lang}"));
        let agree = about(&r, "corroborated", key);
        assert_eq!(agree.len(), 1, "{lang}: {:#}", r["findings"]);
        assert_eq!(common::finding_docs(&r, agree[0]).len(), 2, "{lang}");
    }
}

/// A figure the text says was revised ("direvisi menjadi", "revised down to") is an update of
/// the figure before it, not a conflict with it.
#[test]
fn a_stated_revision_is_an_update_not_a_conflict() {
    for lang in ["id", "en"] {
        let r = report(&format!("revised-{lang}"));
        assert!(conflicts(&r).is_empty(), "{lang}: {:#?}", conflicts(&r));
        let up = about(&r, "updated", "quantity|deaths");
        assert_eq!(up.len(), 1, "{lang}: {:#}", r["findings"]);
        assert!(up[0]["explanation"].as_str().unwrap().starts_with("The deaths figure 14 was revised to 11"), "{lang}: {}", up[0]);
    }
}

/// "21 died inside the stadium" beside "60 died" in one article is a part of the toll: another
/// article's 60 is corroborated, and the 21 is nobody's rival.
#[test]
fn a_part_of_the_toll_is_no_rival_of_the_total() {
    for lang in ["id", "en"] {
        let r = report(&format!("parts-{lang}"));
        assert!(conflicts(&r).is_empty(), "{lang}: {:#?}", conflicts(&r));
        let agree = about(&r, "corroborated", "quantity|deaths");
        assert_eq!(agree.len(), 1, "{lang}");
        assert!(agree[0]["explanation"].as_str().unwrap().contains("60"), "{lang}");
    }
}

/// A body states figures ("The Defence Ministry said", "keterangan BPBD", "BPBD mencatat"); a
/// quotation after "added the doctor" / "tambahnya" is the last person named.
#[test]
fn organisations_state_figures_and_anaphora_resolve_to_the_last_person() {
    let r = report("orgs-en");
    let drones: Vec<&Value> = r["claims"].as_array().unwrap().iter().filter(|c| c["value"]["of"] == "drones").collect();
    assert_eq!(drones.len(), 2);
    assert!(drones.iter().all(|c| c["source"] == "defence_ministry"), "{drones:#?}");
    let quotes: Vec<&str> = r["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "quote").map(|c| c["speaker"].as_str().unwrap_or("-")).collect();
    assert_eq!(quotes, vec!["amina_rahman", "amina_rahman"], "'added the doctor' is Dr. Amina Rahman");
    let r = report("orgs-id");
    let displaced: Vec<&Value> = r["claims"].as_array().unwrap().iter().filter(|c| c["value"]["of"] == "displaced").collect();
    assert_eq!(displaced.len(), 2);
    assert!(displaced.iter().all(|c| c["source"] == "bpbd"), "{displaced:#?}");
    let quotes: Vec<&str> = r["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "quote").map(|c| c["speaker"].as_str().unwrap_or("-")).collect();
    assert_eq!(quotes, vec!["rahmat_hidayat", "rahmat_hidayat"], "'tambahnya' is the village head named before; a village name is part of his title");
    assert_eq!(about(&r, "corroborated", "quantity|displaced").len(), 1);
}

/// The same file given twice is read once, and an identical copy under another name is one
/// source with a note: neither corroborates itself.
#[test]
fn copies_of_one_article_are_one_source() {
    let a = common::fixtures().join("judge/open-en/a.md");
    let (code, rep, err) = common::check_json(&[a.to_str().unwrap(), a.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(rep["documents"].as_array().unwrap().len(), 1, "read once");
    assert!(rep["findings"].as_array().unwrap().iter().all(|f| f["verdict"] == "single_source"), "{:#}", rep["findings"]);
    let tmp = common::TempDir::new("copy");
    let text = std::fs::read_to_string(&a).unwrap();
    tmp.write("a.md", &text);
    tmp.write("copy-of-a.md", &text);
    let (code, rep, err) = common::check_json(&[tmp.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(rep["documents"].as_array().unwrap().len(), 2);
    assert!(rep["findings"].as_array().unwrap().iter().all(|f| f["verdict"] == "single_source"), "a copy corroborates nothing: {:#}", rep["findings"]);
    assert!(err.contains("copy-of-a.md has the same text as") && err.contains("counted as one source"), "{err}");
    assert!(rep["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains("counted as one source")));
}

/// A place lies in one place of each level: two articles that put one village in two districts
/// conflict; a one-letter slip in a long name is the same place, with a note; a list of places
/// after "from" is no chain of places inside each other.
#[test]
fn a_place_in_two_places_of_one_level_conflicts_and_a_slip_is_one_place() {
    for (lang, place, a, b, hall, slip) in [
        ("id", "desa_karangsari", "Kecamatan Wonoasri", "Kecamatan Sumberjati", "location|balai_desa_karangsari", "'Balai Desa Karangsarii' in b.md"),
        ("en", "riverton", "Harlan County", "Garland County", "location|riverton_community_hall", "'Riverton Comunity Hall' in b.md"),
    ] {
        let r = report(&format!("places-{lang}"));
        let c = conflicts(&r);
        assert_eq!(c.len(), 1, "{lang}: {c:#?}");
        assert_eq!(c[0]["key"], format!("location|{place}"), "{lang}");
        let ex = c[0]["explanation"].as_str().unwrap();
        assert!(ex.contains(a) && ex.contains(b) && ex.ends_with("a place lies in one place of that level."), "{lang}: {ex}");
        let note = about(&r, "compatible", hall);
        assert_eq!(note.len(), 1, "{lang}: {:#?}", r["findings"]);
        assert!(note[0]["explanation"].as_str().unwrap().starts_with(slip), "{lang}: {}", note[0]["explanation"]);
        assert_eq!(about(&r, "corroborated", hall).len(), 1, "{lang}: the two spellings corroborate");
        // "dari Malangsari, Tegalrejo dan Sukamaju": three places, each named by two articles.
        let members = if lang == "id" { ["malangsari", "tegalrejo", "sukamaju"] } else { ["ashford", "milbrook", "dunmore"] };
        for m in members {
            assert_eq!(about(&r, "corroborated", &format!("location|{m}")).len(), 1, "{lang}: {m}");
        }
        for cl in r["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "location") {
            if members.contains(&cl["value"]["place"].as_str().unwrap()) {
                // An empty list is not written (`value` leaves out fields that say nothing).
                assert!(cl["value"].get("within").is_none_or(|w| w == &serde_json::json!([])), "{lang}: a list member lies in no other member: {cl}");
            }
        }
    }
}

/// One eruption's clock times more than the tolerance apart conflict; "about" five minutes off
/// is within what the wording allows.
#[test]
fn one_events_clock_times_conflict_beyond_the_tolerance() {
    for lang in ["id", "en"] {
        let r = report(&format!("times-{lang}"));
        let c = conflicts(&r);
        assert_eq!(c.len(), 1, "{lang}: {c:#?}");
        assert_eq!(c[0]["key"], "event|eruption", "{lang}");
        let ex = c[0]["explanation"].as_str().unwrap();
        assert!(ex.contains("14:50") && ex.contains("15:40") && ex.contains("more than 15 minutes apart for one event"), "{lang}: {ex}");
        assert!(!common::finding_docs(&r, c[0]).contains("c"), "{lang}: 'about 14:55' is no rival of 14:50");
    }
    // A speaker the text does not name ("kata petugas pos pengamatan") is nobody, never the
    // sentence's subject.
    let r = report("times-id");
    assert!(r["claims"].as_array().unwrap().iter().all(|c| c["speaker"] != "gunung_lewotobi"), "{:#?}", r["claims"]);
}

/// A death toll lower on a later day in another source cannot hold: a running count only grows.
#[test]
fn a_running_count_that_falls_in_another_source_conflicts() {
    for lang in ["id", "en"] {
        let r = report(&format!("falling-{lang}"));
        let c = about(&r, "conflict", "quantity|deaths");
        assert_eq!(c.len(), 1, "{lang}: {:#?}", r["findings"]);
        let ex = c[0]["explanation"].as_str().unwrap();
        assert!(ex.starts_with("The deaths count only grows, but") && ex.contains("gives 21 on 2025-02-03") && ex.contains("gives 14 on 2025-02-04"), "{lang}: {ex}");
        assert!(about(&r, "updated", "quantity|deaths").is_empty(), "{lang}: the two figures are the conflict, not also a timeline");
    }
}

/// "the mother of 12 children", "one of her 12 children": a count a person has, never a rival
/// of the children at the scene.
#[test]
fn what_a_person_has_is_no_rival_of_the_storys_count() {
    let r = report("holders-en");
    assert!(conflicts(&r).is_empty(), "{:#?}", r["findings"]);
    assert_eq!(about(&r, "corroborated", "quantity|children@holder").len(), 1, "{:#?}", r["findings"]);
}

/// A quake of magnitude 6.2 on Sunday and one of 3.9 on Monday are two quakes (an aftershock),
/// not one quake dated twice; magnitudes further apart than the unit's `distinct_beyond` are
/// never rivals.
#[test]
fn magnitudes_far_apart_are_two_quakes() {
    for lang in ["en", "id"] {
        let r = report(&format!("magnitudes-{lang}"));
        assert!(conflicts(&r).is_empty(), "{lang}: {:#?}", r["findings"]);
        let mags: Vec<f64> = r["claims"].as_array().unwrap().iter().filter(|c| c["value"]["of"] == "quake_magnitude").map(|c| c["value"]["low"].as_f64().unwrap()).collect();
        assert_eq!(mags, vec![6.2, 3.9], "{lang}: both magnitudes are read");
    }
}

/// One day written five ways — a bare ordinal ("on the 25th", "tanggal 25"), a holiday
/// ("Christmas Day", "Hari Natal"), an offset from each article's own date ("three days ago",
/// "empat hari lalu") and a full date — is one day the three articles corroborate; a year alone
/// ("in 2014") is read but corroborates nothing, being no day.
#[test]
fn one_day_written_as_ordinal_holiday_offset_and_date_corroborates() {
    for lang in ["en", "id"] {
        let r = report(&format!("days-{lang}"));
        assert!(conflicts(&r).is_empty(), "{lang}: {:#?}", conflicts(&r));
        let agree = about(&r, "corroborated", "date|2024-12-25");
        assert_eq!(agree.len(), 1, "{lang}: {:#}", r["findings"]);
        assert_eq!(common::finding_docs(&r, agree[0]).len(), 3, "{lang}: {}", agree[0]);
        let ex = agree[0]["explanation"].as_str().unwrap();
        let (ordinal, holiday, offset) = if lang == "en" { ("'25th'", "'Christmas Day'", "'three days ago'") } else { ("'tanggal 25'", "'Hari Natal'", "'tiga hari lalu'") };
        for w in [ordinal, holiday, offset] {
            assert!(ex.contains(w), "{lang}: {w} in {ex}");
        }
        let year: Vec<&Value> = r["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "date" && c["value"]["resolved"] == "2014").collect();
        assert_eq!(year.len(), 1, "{lang}: the year alone is a date claim");
        assert_eq!(year[0]["value"]["precision"], "year", "{lang}");
        assert!(about(&r, "corroborated", "date|2014").is_empty(), "{lang}");
    }
}
