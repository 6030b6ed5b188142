//! Every example in every rule file behaves as its file says (`claimcheck rules test`), and a
//! language added with `--rules DIR` works end to end: a small Malay fixture under
//! `tests/fixtures/rules-ms/ms/` and a Malay article under `tests/fixtures/ms/`.
//!
//! A full run of the built-in examples takes seconds in a debug build (each example runs the
//! whole pipeline), so it runs once here; the other tests run only the examples they are about.

mod common;

use std::path::PathBuf;

use claimcheck::rules::{COMMON, RuleSet};
use claimcheck::ruletest;

/// The built-in rules carry at least this many examples that pass; an empty or broken run (no
/// examples loaded, every example skipped) fails. Raise it as examples are added.
const MIN_BUILTIN_PASSED: usize = 60;

/// Examples the files of `rules` carry (what `ruletest::run` runs: every file but `common/`).
fn example_count(rules: &RuleSet, only_language: Option<&str>) -> usize {
    rules
        .files
        .iter()
        .filter(|f| f.language != COMMON && only_language.is_none_or(|l| f.language == l))
        .filter_map(|f| f.file.examples.as_ref())
        .map(|e| e.matches.len() + e.no_match.len())
        .sum()
}

fn ms_rules_dir() -> PathBuf {
    common::fixtures().join("rules-ms")
}

/// The built-in rules plus the Malay fixture, with only the Malay files' examples kept.
fn ms_rules_only_ms_examples() -> RuleSet {
    let mut rules = RuleSet::load(Some(&ms_rules_dir())).unwrap_or_else(|e| panic!("the Malay fixture loads: {e:?}"));
    for f in &mut rules.files {
        if f.language != "ms" {
            f.file.examples = None;
        }
    }
    rules
}

#[test]
fn builtin_rule_examples_all_pass() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let run = ruletest::run(&rules);
    let failures: Vec<String> = run.failures.iter().map(|f| f.to_string()).collect();
    assert!(failures.is_empty(), "{} rule example(s) failed:\n{}", failures.len(), failures.join("\n"));
    assert!(run.passed >= MIN_BUILTIN_PASSED, "only {} examples passed (expected at least {MIN_BUILTIN_PASSED})", run.passed);
    // Every example was run and counted exactly once.
    assert_eq!(run.passed + run.known_gaps + run.failures.len(), example_count(&rules, None));
    // Both built-in languages carry examples that must match.
    for lang in ["id", "en"] {
        assert!(
            rules.files.iter().any(|f| f.language == lang && f.file.examples.as_ref().is_some_and(|e| !e.matches.is_empty())),
            "rules/{lang}/ carries match examples"
        );
    }
}

#[test]
fn extra_language_folder_loads_and_its_examples_pass() {
    let rules = ms_rules_only_ms_examples();
    let ms = rules.language("ms").expect("a pack for 'ms'");
    assert_eq!(ms.meta.as_ref().map(|m| m.name.as_str()), Some("Malay"));
    assert_eq!(ms.meta.as_ref().map(|m| m.thousands_separator), Some(','));
    assert!(ms.number_words.contains_key("tiga"));
    assert!(ms.concepts.iter().any(|c| c.id == "troops"));
    assert!(ms.qualifiers.iter().any(|q| q.id == "more-than"));
    // The built-in languages are still there, and the fixture's files come from the folder.
    assert!(rules.language("id").is_some() && rules.language("en").is_some());
    let ms_files: Vec<&str> = rules.files.iter().filter(|f| f.language == "ms").map(|f| f.rel.as_str()).collect();
    assert_eq!(ms_files, vec!["ms/concepts.yaml", "ms/language.yaml", "ms/numbers.yaml"]);

    let run = ruletest::run(&rules);
    let failures: Vec<String> = run.failures.iter().map(|f| f.to_string()).collect();
    assert!(failures.is_empty(), "Malay examples failed:\n{}", failures.join("\n"));
    assert_eq!(example_count(&rules, Some("ms")), 5, "the fixture carries 5 examples");
    assert_eq!((run.passed, run.known_gaps), (5, 0));
}

/// The Malay article with its language set to `ms` (as front matter would): Malay rules apply.
#[test]
fn extra_language_yields_claims_in_a_malay_article() {
    let rules = ms_rules_only_ms_examples();
    let (mut articles, errors) = claimcheck::ingest::read_inputs(&[common::fixtures().join("ms")], &mut std::io::empty());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(articles.len(), 1);
    articles[0].meta.language = Some("ms".into());
    let rep = claimcheck::check(articles, &rules).expect("check runs");
    let json: serde_json::Value = serde_json::from_str(&claimcheck::report::json::render(&rep)).unwrap();
    assert_eq!(json["documents"][0]["language"], "ms");
    assert_malay_quantities(&json);
}

fn assert_malay_quantities(json: &serde_json::Value) {
    let q: Vec<&serde_json::Value> = json["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "quantity").collect();
    assert!(!q.is_empty(), "a quantity claim in the Malay article: {json}");
    for c in &q {
        // "5,000" is five thousand in Malay (comma groups thousands), not 5.0.
        assert_eq!(c["value"]["low"], 5000, "{c}");
        assert_eq!(c["value"]["low_open"], true, "{c}");
        assert_eq!(c["value"]["of"], "troops", "{c}");
        assert!(c["rule"].as_str().unwrap().starts_with("ms/"), "a Malay rule: {c}");
    }
}

/// The Malay `.txt` has no front matter: its language is detected from function words.
#[test]
fn malay_article_language_is_detected_from_its_stopwords() {
    let (code, rep, err) = common::check_json(&["--rules", "tests/fixtures/rules-ms", "tests/fixtures/ms/"]);
    assert_eq!(code, 0, "{err}");
    // Function words shared with Indonesian ("dan", "di", "itu") credit both languages, so the
    // Malay-only words decide.
    assert_eq!(rep["documents"][0]["language"], "ms", "{}", rep["documents"][0]);
    assert_malay_quantities(&rep);
    // Without the extra folder there is no Malay at all.
    let (_, plain, _) = common::check_json(&["tests/fixtures/ms/"]);
    assert_ne!(plain["documents"][0]["language"], "ms");
}

/// `--rules DIR` on the command line: a Malay article (language in its front matter) is read
/// with the Malay rules, and `rules list` shows them.
#[test]
fn rules_flag_adds_a_language_on_the_command_line() {
    let tmp = common::TempDir::new("ms-md");
    let body = std::fs::read_to_string(common::fixtures().join("ms/berita_sempadan.txt")).unwrap();
    let md = tmp.write("berita.md", format!("---\nlanguage: ms\ntitle: Tentera di sempadan\n---\n{body}"));
    let (code, rep, err) = common::check_json(&["--rules", "tests/fixtures/rules-ms", md.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "no warning: 'ms' has rules");
    assert_eq!(rep["documents"][0]["language"], "ms");
    assert_malay_quantities(&rep);
    // Without the folder, 'ms' has no rules: a warning, and the language is detected instead.
    let (code, rep, err) = common::check_json(&[md.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("no rules for language 'ms'"), "{err}");
    assert_ne!(rep["documents"][0]["language"], "ms");
    // `rules list --rules DIR` shows the Malay rules.
    let o = common::run(&["rules", "list", "--rules", "tests/fixtures/rules-ms"]);
    assert_eq!(common::code(&o), 0);
    let list = common::stdout(&o);
    assert!(list.lines().any(|l| l.starts_with("ms/quantity/more-than ") && l.contains(" ms ")), "{list}");
    assert!(list.lines().any(|l| l.starts_with("ms/concept/troops ")), "{list}");
}

/// `claimcheck rules test DIR`: totals on stdout, exit 0 when every example passes, exit 1 and
/// `path:line:col: …` on stderr for one that does not. To keep it fast, DIR overrides every
/// built-in file with a copy without examples, so only the Malay examples run.
#[test]
fn rules_test_command_reports_totals_and_failures_with_positions() {
    let tmp = common::TempDir::new("rules-test");
    for lang in std::fs::read_dir(common::root().join("rules")).unwrap() {
        let lang = lang.unwrap();
        if !lang.file_type().unwrap().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(lang.path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let mut v: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            if let Some(m) = v.as_mapping_mut() {
                m.remove("examples");
            }
            let rel = format!("{}/{}", lang.file_name().to_str().unwrap(), p.file_name().unwrap().to_str().unwrap());
            tmp.write(&rel, serde_yaml::to_string(&v).unwrap());
        }
    }
    for f in std::fs::read_dir(ms_rules_dir().join("ms")).unwrap() {
        let p = f.unwrap().path();
        tmp.write(&format!("ms/{}", p.file_name().unwrap().to_str().unwrap()), std::fs::read(&p).unwrap());
    }
    let dir = tmp.path().to_str().unwrap();
    let o = common::run(&["rules", "test", dir]);
    assert_eq!(common::stdout(&o), "5 passed, 0 failed, 0 known gaps\n", "{}", common::stderr(&o));
    assert_eq!(common::stderr(&o), "");
    assert_eq!(common::code(&o), 0);

    // One example that cannot hold: reported with its file, line and column; exit 1.
    tmp.write(
        "ms/zz_wrong.yaml",
        "about: an example that does not hold\nexamples:\n  match:\n    - text: \"Lebih daripada 5,000 tentera dihantar.\"\n      kind: quantity\n      value: {low: 6000}\n",
    );
    let o = common::run(&["rules", "test", dir]);
    assert_eq!(common::stdout(&o), "5 passed, 1 failed, 0 known gaps\n");
    let err = common::stderr(&o);
    let want = format!("{dir}/ms/zz_wrong.yaml:4:14: expected a quantity claim with {{\"low\":6000}} in \"Lebih daripada 5,000 tentera dihantar.\"; got [");
    assert!(err.starts_with(&want), "stderr:\n{err}\nwanted a line starting:\n{want}");
    assert_eq!(common::code(&o), 1);
}
