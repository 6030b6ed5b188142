//! The worked example of docs/rules.md works as written: a newsroom folder adds a unit and a
//! concept in two languages, its examples pass, and articles align through it. Odd inputs
//! (empty, blank, only furniture, CRLF) are read without error.

mod common;

#[test]
fn the_documented_newsroom_rules_work() {
    let (code, rep, err) = common::check_json(&["--rules", "tests/fixtures/rules-newsroom", "tests/fixtures/newsroom"]);
    assert_eq!(code, 0, "{err}");
    let f = rep["findings"].as_array().unwrap();
    let burnt = f.iter().find(|f| f["topic"] == "burnt_forest").expect("the new concept aligns across languages");
    assert_eq!(burnt["verdict"], "corroborated");
    let o = common::run(&["rules", "test", "tests/fixtures/rules-newsroom"]);
    assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
    // Without the folder the hectares are not a concept at all.
    let (_, plain, _) = common::check_json(&["tests/fixtures/newsroom"]);
    assert!(plain["findings"].as_array().unwrap().iter().all(|f| f["topic"] != "burnt_forest"));
}

#[test]
fn odd_inputs_are_read_without_error() {
    let tmp = common::TempDir::new("odd");
    tmp.write("empty.txt", "");
    tmp.write("blank.txt", "   \n\n\t\n");
    tmp.write("furniture.txt", "Judul\r\n\r\nBerita Terkait\r\n5 Orang Tewas\r\n");
    tmp.write("crlf.txt", "Judul\r\n\r\nSebanyak 12 orang tewas dalam banjir, kata BNPB.\r\n");
    let (code, rep, err) = common::check_json(&[tmp.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(rep["errors"].as_array().unwrap().is_empty());
    assert_eq!(rep["documents"].as_array().unwrap().len(), 4);
    let claims: Vec<&serde_json::Value> = rep["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "quantity").collect();
    assert_eq!(claims.len(), 1, "only the CRLF article's figure: {claims:#?}");
    assert!(rep["claims"].as_array().unwrap().iter().all(|c| c["doc"] == "crlf"), "claims come only from the CRLF article");
    assert_eq!(claims[0]["span"], serde_json::json!({"start": 9, "end": 32, "line": 3, "column": 1}));
}
