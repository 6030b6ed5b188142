//! Units and currencies: a figure and its bracketed conversion are one claim; amounts in
//! different currencies are compared only through a conversion the text states.

mod common;

use serde_json::Value;

fn report(dir: &str) -> Value {
    common::library_report(&[common::fixtures().join("units").join(dir)])
}

#[test]
fn different_currencies_without_a_stated_conversion_are_noted_not_compared() {
    let r = report("no-conversion");
    let f = r["findings"].as_array().unwrap();
    assert!(f.iter().all(|f| f["verdict"] != "conflict"), "{f:#?}");
    let note = f.iter().find(|f| f["verdict"] == "compatible").expect("a note");
    assert!(note["explanation"].as_str().unwrap().contains("without a stated conversion"), "{note}");
}

#[test]
fn a_stated_conversion_is_one_claim_and_is_compared_in_that_currency() {
    let r = report("conversion");
    let claims = r["claims"].as_array().unwrap();
    let a: Vec<&Value> = claims.iter().filter(|c| c["doc"] == "a").collect();
    assert_eq!(a.len(), 1, "85 million euros ($108 million) is one claim: {a:#?}");
    assert_eq!(a[0]["value"]["unit"], "eur");
    assert_eq!(a[0]["value"]["converted"]["unit"], "usd");
    assert_eq!(a[0]["value"]["converted"]["low"], 108_000_000);
    // $108 million (converted) against $102 million: the same haul cannot be both.
    let c = r["findings"].as_array().unwrap().iter().find(|f| f["verdict"] == "conflict").expect("compared through the conversion");
    assert_eq!(c["topic"], "jewels");
}

#[test]
fn a_letter_scale_counts_after_a_currency_only() {
    let rules = claimcheck::rules::RuleSet::builtin().unwrap();
    let money = claimcheck::ruletest::claims_of(&rules, "en", "Thieves took jewels worth €85m from the store.", None, "quantity");
    assert_eq!(money[0]["low"], 85_000_000);
    let plain = claimcheck::ruletest::claims_of(&rules, "en", "The police found 85m of cable in the van.", None, "quantity");
    assert!(plain.iter().all(|v| v["low"] != 85_000_000), "{plain:?}");
}
