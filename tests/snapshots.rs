//! Snapshots of what people and machines read for the seeds: the table (default and `--all`)
//! and the JSON report. Review changes with `cargo insta review` (or run with
//! `INSTA_UPDATE=always` and read the diff of `tests/snapshots/*.snap`).

mod common;

fn check(args: &[&str]) -> String {
    let o = common::run(args);
    assert_eq!(common::code(&o), 0, "{args:?}: {}", common::stderr(&o));
    assert_eq!(common::stderr(&o), "", "{args:?}");
    common::stdout(&o)
}

#[test]
fn table_of_the_seeds() {
    let out = check(&["check", "seeds/"]);
    assert!(out.contains("single-source rows hidden; --all shows them"));
    insta::assert_snapshot!("table_seeds", out);
}

#[test]
fn table_of_the_seeds_with_single_source_rows() {
    let out = check(&["check", "--all", "seeds/"]);
    assert!(out.contains("single_source (info)"));
    insta::assert_snapshot!("table_seeds_all", out);
}

#[test]
fn json_report_of_the_seeds() {
    let out = check(&["check", "--format", "json", "seeds/"]);
    // The exact bytes (the report is a contract: order and formatting are part of it).
    insta::assert_snapshot!("json_seeds", out);
}

#[test]
fn table_of_an_update_is_a_timeline() {
    // A death toll stated at two times: oldest first, each with its time, the latest marked.
    let out = check(&["check", "tests/fixtures/time-id/update"]);
    let first = out.find("62 person of deaths").expect("the earlier figure");
    let second = out.find("103 person of deaths").expect("the later figure");
    assert!(first < second, "oldest to newest");
    assert!(out.contains("← latest"));
    insta::assert_snapshot!("table_update_timeline", out);
}

#[test]
fn table_of_a_conflict_comes_first_and_exits_1() {
    let o = common::run(&["check", "tests/fixtures/who-id/city"]);
    assert_eq!(common::code(&o), 1, "a conflict fails the default gate");
    let out = common::stdout(&o);
    assert!(out.find("conflict (error)").unwrap() < out.find("corroborated (info)").unwrap(), "conflicts first");
    insta::assert_snapshot!("table_city_conflict", out);
}
