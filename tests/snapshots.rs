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
    assert!(out.contains("single-source"));
    insta::assert_snapshot!("table_seeds_all", out);
}

#[test]
fn json_report_of_the_seeds() {
    let out = check(&["check", "--format", "json", "--pretty", "seeds/"]);
    // The exact bytes (the report is a contract: order and formatting are part of it), indented
    // so that a change reads as a diff.
    insta::assert_snapshot!("json_seeds", out);
    // By default the same report, compact on one line, and no claim carries its sentence.
    let compact = check(&["check", "--format", "json", "seeds/"]);
    assert_eq!(compact.lines().count(), 1, "compact JSON is one line");
    let (a, b): (serde_json::Value, serde_json::Value) = (serde_json::from_str(&compact).unwrap(), serde_json::from_str(&out).unwrap());
    assert_eq!(a, b, "--pretty changes only the whitespace");
    assert!(!compact.contains("\"sentence\""));
    // --sentences gives each claim its whole sentence.
    let with = check(&["check", "--format", "json", "--sentences", "seeds/"]);
    let w: serde_json::Value = serde_json::from_str(&with).unwrap();
    assert!(w["claims"].as_array().unwrap().iter().all(|c| c["sentence"].as_str().is_some_and(|s| !s.is_empty())));
}

#[test]
fn table_of_an_update_is_a_timeline() {
    // A death toll stated at two times: oldest first, each with its time, the latest marked.
    let out = check(&["check", "tests/fixtures/time-id/update"]);
    let first = out.find("62 deaths").expect("the earlier figure");
    let second = out.find("103 deaths").expect("the later figure");
    assert!(first < second, "oldest to newest");
    assert!(out.contains("← latest"));
    insta::assert_snapshot!("table_update_timeline", out);
}

#[test]
fn table_of_a_conflict_comes_first_and_exits_1() {
    let o = common::run(&["check", "tests/fixtures/who-id/city"]);
    assert_eq!(common::code(&o), 1, "a conflict fails the default gate");
    let out = common::stdout(&o);
    assert!(out.find("conflict (error)").unwrap() < out.find("corroborated").unwrap(), "conflicts first");
    insta::assert_snapshot!("table_city_conflict", out);
}

/// The display width of a line (every character the table draws is one column wide).
fn columns(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn table_fits_80_and_120_columns() {
    // The seeds (Indonesian, no outlets) and an English story with outlets, an update, a
    // conflict and a quotation.
    for (name, path) in [("seeds", "seeds/"), ("en", "tests/fixtures/report-en")] {
        for width in [80, 120] {
            let o = common::run(&["check", "--fail-on", "never", "--width", &width.to_string(), path]);
            assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
            let out = common::stdout(&o);
            let table: Vec<&str> = out.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└'])).collect();
            assert!(!table.is_empty(), "{out}");
            for l in &table {
                assert_eq!(columns(l), width, "{name} at {width}: every row is as wide as asked:\n{l}");
            }
            assert!(!out.contains('\u{1b}'), "no colour in a pipe");
            insta::assert_snapshot!(format!("table_{name}_{width}"), out);
        }
    }
}

#[test]
fn table_names_outlets_and_people_and_phrases_values() {
    // Wide enough that no value wraps.
    let out = check(&["check", "--fail-on", "never", "--width", "220", "tests/fixtures/report-en"]);
    // Outlets from the front matter, people by name, values as written.
    for want in ["Coastal Wire", "Ridwan Kamil", "BNPB", "162 deaths", "about 700 injured", "more than 2,000 houses", "Mon 21 Nov 2022"] {
        assert!(out.contains(want), "{want}:\n{out}");
    }
    for unwanted in ["ridwan_kamil", "person of", "c.md:7:43"] {
        assert!(!out.contains(unwanted), "{unwanted}:\n{out}");
    }
    // The tally: who says each value, with the number of articles.
    assert!(out.contains("162 deaths — Ridwan Kamil, Metro Post (2 articles)"), "{out}");
    // An update is a timeline, oldest first, the latest marked.
    let a = out.find("62 deaths [Mon 21 Nov 2022]").expect("the first figure");
    let b = out.find("→ 103 deaths [Tue 22 Nov 2022]").expect("the next figure");
    assert!(a < b && out.contains("← latest"), "{out}");
}

#[test]
fn only_filters_rows_and_the_summary_says_so() {
    let all = check(&["check", "--fail-on", "never", "--width", "120", "tests/fixtures/report-en"]);
    // The exit code still follows every reported finding (the conflicts here are warnings).
    let o = common::run(&["check", "--fail-on", "warning", "--width", "120", "--only", "updated", "tests/fixtures/report-en"]);
    assert_eq!(common::code(&o), 1, "{}", common::stderr(&o));
    let o = common::run(&["check", "--fail-on", "never", "--width", "120", "--only", "conflict,updated", "tests/fixtures/report-en"]);
    let only = common::stdout(&o);
    let verdicts = |s: &str| s.lines().filter_map(|l| l.strip_prefix("│ ")).filter_map(|l| l.split_whitespace().next()).filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase()) && *w != "verdict").map(str::to_string).collect::<Vec<_>>();
    let shown = verdicts(&only);
    assert!(!shown.is_empty() && shown.iter().all(|v| v == "conflict" || v == "updated"), "{shown:?}\n{only}");
    assert!(verdicts(&all).iter().any(|v| v == "corroborated"));
    let summary = |s: &str| s.lines().last().unwrap_or("").to_string();
    let counts = |s: &str| summary(s).split(" (").next().unwrap_or("").to_string();
    assert_eq!(counts(&only), counts(&all), "the summary keeps every count");
    assert!(summary(&only).contains("(showing only conflict, updated)"), "{}", summary(&only));
    // Naming single-source shows them without --all; repeating the flag adds to the set.
    let single = check(&["check", "--fail-on", "never", "--only", "single-source", "--only", "conflict", "tests/fixtures/report-en"]);
    assert!(single.contains("single-source") && !single.contains("single-source rows hidden"), "{single}");
    // Markdown follows --only too.
    let md = check(&["check", "--fail-on", "never", "--format", "markdown", "--only", "conflict", "tests/fixtures/report-en"]);
    assert!(md.contains("showing only conflict") && md.contains("**conflict**") && !md.contains("**corroborated**"), "{md}");
    // Machine formats are not filtered.
    let (_, rep, _) = common::check_json(&["--only", "conflict", "tests/fixtures/report-en"]);
    assert!(!common::findings_with(&rep, "corroborated").is_empty());
    let o = common::run(&["check", "--only", "nonsense", "seeds/"]);
    assert_eq!(common::code(&o), 2);
}

#[test]
fn colour_is_asked_for_and_width_comes_from_columns() {
    let args = |c: &'static str| vec!["check", "--fail-on", "never", "--color", c, "tests/fixtures/report-en"];
    let always = check(&args("always"));
    assert!(always.contains("\u{1b}["), "ANSI colour when asked");
    assert!(!check(&args("never")).contains('\u{1b}'));
    assert!(!check(&args("auto")).contains('\u{1b}'), "auto: not a terminal");
    let o = common::run_with(&args("auto"), None, &[("NO_COLOR", "1")]);
    assert!(!common::stdout(&o).contains('\u{1b}'));
    // Without --width and a terminal: COLUMNS, else 100.
    let width = |out: &str| out.lines().next().map(columns).unwrap_or(0);
    let o = common::run_with(&["check", "--fail-on", "never", "tests/fixtures/report-en"], None, &[("COLUMNS", "90")]);
    assert_eq!(width(&common::stdout(&o)), 90);
    assert_eq!(width(&check(&["check", "--fail-on", "never", "tests/fixtures/report-en"])), 100);
    let o = common::run(&["check", "--width", "20", "seeds/"]);
    assert_eq!(common::code(&o), 2, "too narrow to draw");
}
