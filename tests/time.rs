//! Time: updates vs conflicts, statements on different days, office holders, weekday typos,
//! event dates and clock times — Indonesian scenarios written in the style of the seeds.


use serde_json::Value;

mod common;

fn report(dir: &str) -> Value {
    common::library_report(&[common::fixtures().join(dir)])
}

fn findings(r: &Value, verdict: &str) -> Vec<Value> {
    common::findings_with(r, verdict)
}

/// The fixture yields exactly one conflict: an in-document weekday warning.
fn one_weekday_warning(dir: &str) -> Value {
    let r = report(dir);
    let c = findings(&r, "conflict");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0]["severity"], "warning");
    assert_eq!(c[0]["in_document"], true);
    c[0].clone()
}

fn claim<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["claims"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()
}

#[test]
fn a_death_toll_that_rose_overnight_is_an_update_naming_the_newest() {
    let r = report("time-id/update");
    assert!(findings(&r, "conflict").is_empty(), "{:#?}", findings(&r, "conflict"));
    let up = findings(&r, "updated");
    assert_eq!(up.len(), 1);
    let f = &up[0];
    assert_eq!(f["topic"], "deaths");
    assert_eq!(f["severity"], "info");
    // Oldest first: 62 (Monday 20:00 WIB) then 103 (Tuesday 09:55 WIB), and the newest named.
    let ids: Vec<&str> = f["claims"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(claim(&r, ids[0])["value"]["low"], 62);
    assert_eq!(claim(&r, ids[1])["value"]["low"], 103);
    let ex = f["explanation"].as_str().unwrap();
    assert!(ex.contains("62 as of 2022-11-21 20:00 UTC+07:00 (a.md: suharyanto) → 103 as of 2022-11-22 09:55 UTC+07:00 (b.md)"), "{ex}");
    assert!(ex.contains("the latest is b.md:7"), "{ex}");
}

#[test]
fn two_authorities_disagreeing_at_the_same_time_is_a_named_conflict() {
    let r = report("time-id/authorities");
    let c = findings(&r, "conflict");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0]["severity"], "error");
    let ex = c[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("62 — ") && ex.contains("162 — "), "{ex}");
    // The explanation names who gave each figure.
    assert!(ex.contains("suharyanto") && ex.contains("disagree"), "{ex}");
}

#[test]
fn a_weekday_that_does_not_match_its_date_is_a_warning_in_that_article_only() {
    // Only the wrong pair fires, not Rabu (4/9/2019).
    let c = one_weekday_warning("time-id/weekday");
    assert_eq!(c["explanation"], "a.md:6:41 'Sabtu (3/9/2019)' names a Saturday but 2019-09-03 was a Tuesday.");
}

#[test]
fn the_same_office_in_june_and_november_is_two_people() {
    let r = report("time-id/office");
    assert!(findings(&r, "conflict").is_empty());
    let speakers: Vec<&str> = r["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "statement").filter_map(|c| c["speaker"].as_str()).collect();
    assert_eq!(speakers, vec!["jens_stoltenberg", "mark_rutte"]);
}

#[test]
fn the_same_event_at_two_clock_times_conflicts_and_about_a_minute_apart_does_not() {
    let r = report("time-id/quake-time");
    let c = findings(&r, "conflict");
    assert_eq!(c.len(), 1);
    assert!(c[0]["explanation"].as_str().unwrap().contains("13:21 UTC+07:00"));
    assert!(c[0]["explanation"].as_str().unwrap().contains("15:40 UTC+07:00"));
    let ok = report("time-id/quake-time-ok");
    assert!(findings(&ok, "conflict").is_empty());
    let quake: Vec<Value> = findings(&ok, "corroborated").into_iter().filter(|f| f["topic"] == "earthquake").collect();
    assert_eq!(quake.len(), 1, "{quake:#?}");
}

#[test]
fn a_bare_weekday_resolves_against_the_article_date_and_can_conflict() {
    let r = report("time-id/signing-days");
    let c = findings(&r, "conflict");
    assert_eq!(c.len(), 1);
    let ex = c[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("2024-03-11") && ex.contains("2024-03-13"), "{ex}");
}

#[test]
fn seeds_relative_dates_resolve_against_each_articles_own_date() {
    let r = common::library_report(&[common::seeds_dir()]);
    let docs = r["documents"].as_array().unwrap();
    let published: Vec<(&str, &str)> = docs.iter().map(|d| (d["published"].as_str().unwrap_or("-"), d["published_source"].as_str().unwrap_or("-"))).collect();
    assert_eq!(
        published,
        vec![
            ("2024-06-20", "stated"),   // "Kamis, 20 Juni 2024 - 08:19 WIB"
            ("2024-06-19", "inferred"), // "Rabu (19/6/2024)" in the body
            ("2024-06-18", "inferred"), // "Selasa (18/6)": year from the corpus, weekday checked
            ("2024-11-09", "inferred"), // "Sabtu (9/11/2024)"
            ("2024-06-20", "inferred"), // "melansir Reuters 20 Juni"
        ]
    );
    // 004's "kemarin" is the day before its date; "Hari Rabu" the latest Wednesday before it.
    let texts: Vec<(&str, &str)> = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["doc"] == "004_c30608f5e524478c" && c["kind"] == "event" && c["value"]["event"] == "sign")
        .filter_map(|c| Some((c["text"].as_str()?, c["value"]["date"].as_str()?)))
        .collect();
    assert!(texts.iter().any(|(t, d)| t.ends_with("kemarin") && *d == "2024-06-19"), "{texts:?}");
    assert!(texts.iter().any(|(t, d)| t.ends_with("Hari Rabu") && *d == "2024-06-19"), "{texts:?}");
}

// --- English ---------------------------------------------------------------------------------

#[test]
fn english_a_rising_toll_is_an_update_with_local_times() {
    let r = report("time-en/update");
    assert!(findings(&r, "conflict").is_empty());
    let up = findings(&r, "updated");
    assert_eq!(up.len(), 1);
    let ex = up[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("14 as of 2023-03-06 20:00 local time (a.md") && ex.contains("→ 31 as of 2023-03-07 09:30 local time (b.md"), "{ex}");
}

#[test]
fn english_weekday_typo_is_an_in_document_warning() {
    let c = one_weekday_warning("time-en/weekday");
    assert!(c["explanation"].as_str().unwrap().contains("2019-09-03 was a Tuesday"));
}

#[test]
fn english_about_3pm_and_3_45pm_conflict_but_about_2_45_and_2_46_agree() {
    let r = report("time-en/clock");
    let c = findings(&r, "conflict");
    assert_eq!(c.len(), 1);
    let ex = c[0]["explanation"].as_str().unwrap();
    assert!(ex.contains("about 15:00") && ex.contains("15:45"), "{ex}");
    let ok = report("time-en/clock-ok");
    assert!(findings(&ok, "conflict").is_empty(), "{:#}", ok["findings"]);
}

#[test]
fn english_statements_on_different_days_are_different_statements() {
    let r = report("time-en/statements");
    assert!(findings(&r, "conflict").is_empty());
    let dates: Vec<&str> = r["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "date").filter_map(|c| c["value"]["date"].as_str()).collect();
    assert_eq!(dates, vec!["2022-06-28", "2022-06-30"], "Tuesday and Thursday, each against its own article's date");
    let speakers: Vec<&str> = r["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "date").filter_map(|c| c["value"]["principal"].as_str()).collect();
    assert_eq!(speakers, vec!["jens_stoltenberg", "jens_stoltenberg"]);
}

/// A web address is never read for dates or figures: "…/news/2/9/75470" in a metadata line
/// once dated an article to the year 9934.
#[test]
fn digits_in_a_web_address_date_nothing() {
    let rules = claimcheck::rules::RuleSet::builtin().unwrap();
    for (lang, text) in [
        ("id", "Gempa guncang Cianjur\n\nSource: example.com | Date: unknown | URL: http://www.example.com/news/2/9/75470\n\nGempa bermagnitudo 5,6 mengguncang Cianjur pada Senin (21/11/2022) dan menewaskan 62 orang.\n"),
        ("en", "Quake hits Cianjur\n\nSee https://example.com/2022/11/21/quake-kills-62 and www.example.org/7/8/1999 for more.\n\nThe earthquake struck Cianjur on November 21, 2022, killing 62 people.\n"),
    ] {
        let a = claimcheck::ingest::decode("a.txt", "a", text.as_bytes().to_vec(), "txt").unwrap();
        let rep = claimcheck::check(vec![a], &rules).unwrap();
        let r: Value = serde_json::from_str(&claimcheck::report::json::render(&rep)).unwrap();
        assert_eq!(r["documents"][0]["published"], "2022-11-21", "{lang}: {}", r["documents"][0]);
        for c in r["claims"].as_array().unwrap() {
            assert!(!c["text"].as_str().unwrap().contains("example"), "{lang}: a claim from a web address: {c}");
        }
    }
}
