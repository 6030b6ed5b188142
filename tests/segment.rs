//! Furniture without markers: a trailing run of headline-like lines is a link list; a short
//! subheading inside the body is not.

mod common;

#[test]
fn a_trailing_run_of_headlines_is_removed_and_a_subheading_kept() {
    let out = common::stdout(&common::run(&["debug", "segments", "tests/fixtures/structural/page.txt"]));
    assert!(out.lines().any(|l| l.contains("removed") && l.contains("4 headline-like lines after the body")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("5:1 [") && l.ends_with("Pos pengungsian")), "the subheading stays: {out}");
    let r = common::library_report(&[common::fixtures().join("structural")]);
    let texts: Vec<&str> = r["claims"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert!(texts.iter().any(|t| t.contains("1.200 warga")), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains("40 Persen") && !t.contains("Tiga Tersangka")), "no claim from the link list: {texts:?}");
}
