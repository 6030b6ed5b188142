//! The direct writers against the tree they replace: `json::value` through
//! `fingerprint::canonical` (what fingerprints hashed) and through the filter the reports
//! applied to it (what they wrote), on the claims of the repository's articles and on generated
//! values of every variant with odd numbers and strings.

use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value as J;

use super::*;
use crate::claim::{Event, Interval, Kind, More, Particulars, Quantity, Quote, RawDate, Recency, TimeMention};
use crate::report::{fingerprint, json};
use crate::rules::{QualifierOp, TimeUnit};
use crate::segment::Span;

/// The report's value as it was made before `value_json`: `json::value` without the fields
/// beyond the contract that are `null`, `false` or `[]`.
fn old_report(c: &Claim) -> J {
    match json::value(c) {
        J::Object(m) => J::Object(m.into_iter().filter(|(k, x)| VALUE_KEPT.contains(&k.as_str()) || !matches!(x, J::Null | J::Bool(false)) && !matches!(x, J::Array(a) if a.is_empty())).collect()),
        other => other,
    }
}

#[derive(Serialize)]
struct Wrap<V> {
    id: u8,
    value: V,
}

/// A record of JSON Lines: the claim's fields flattened after a type.
#[derive(Serialize)]
struct Typed<V> {
    r#type: &'static str,
    #[serde(flatten)]
    inner: Wrap<V>,
}

fn assert_same(c: &Claim) {
    let tree = json::value(c);
    assert_eq!(canonical(c), fingerprint::canonical(&tree), "canonical of {c:?}");
    assert_eq!(canonical(c), serde_json::to_string(&full(c)).unwrap(), "canonical written directly, and by serde_json, of {c:?}");
    assert_eq!(serde_json::to_value(full(c)).unwrap(), tree, "tree of {c:?}");
    let old = old_report(c);
    let new = report(c).to_json();
    assert_eq!(new, serde_json::to_string(&old).unwrap(), "report value of {c:?}");
    assert_eq!(new, fingerprint::canonical(&old), "CSV value of {c:?}");
    let pretty = serde_json::to_string_pretty(&Wrap { id: 1, value: report(c) }).unwrap();
    assert_eq!(pretty, serde_json::to_string_pretty(&Wrap { id: 1, value: &old }).unwrap(), "pretty value of {c:?}");
    let typed = serde_json::to_string(&Typed { r#type: "claim", inner: Wrap { id: 1, value: report(c) } }).unwrap();
    assert_eq!(typed, serde_json::to_string(&Typed { r#type: "claim", inner: Wrap { id: 1, value: &old } }).unwrap(), "JSON Lines value of {c:?}");
}

/// Integral values below 9e15 as integers; others as `serde_json` writes an `f64` (so a big
/// integral one keeps a fraction or an exponent); not finite as `null`.
#[test]
fn numbers_are_written_as_json_num_writes_them() {
    let cases: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "0"),
        (1.0, "1"),
        (-1.0, "-1"),
        (62.0, "62"),
        (1.5, "1.5"),
        (-2.25, "-2.25"),
        (0.1 + 0.2, "0.30000000000000004"),
        (5.6e9, "5600000000"),
        (123_456_789.125, "123456789.125"),
        (8_999_999_999_999_998.0, "8999999999999998"),
        (-8_999_999_999_999_998.0, "-8999999999999998"),
        (9.0e15, "9000000000000000.0"),
        (-9.0e15, "-9000000000000000.0"),
        (1.0e16, "1e+16"),
        (1.0e300, "1e+300"),
        (f64::MAX, "1.7976931348623157e+308"),
        (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        (5e-324, "5e-324"),
        (1e-7, "1e-7"),
        (f64::NAN, "null"),
        (f64::INFINITY, "null"),
        (f64::NEG_INFINITY, "null"),
    ];
    let old: Vec<(f64, String)> = cases.iter().map(|&(v, _)| (v, json::num(v).to_string())).collect();
    let want: Vec<(f64, String)> = cases.iter().map(|&(v, w)| (v, w.to_string())).collect();
    assert_eq!(format!("{old:?}"), format!("{want:?}"), "json::num");
    for &(v, want) in cases {
        assert_eq!(serde_json::to_string(&F::Num(v)).unwrap(), want, "F::Num({v:e})");
        assert_eq!(serde_json::to_value(F::Num(v)).unwrap(), json::num(v), "F::Num({v:e}) as a tree");
        assert_eq!(F::Num(v).says_nothing(), json::num(v).is_null());
    }
}

/// Each odd number in each numeric field: an interval's ends, a conversion, a duration and the
/// years it makes (left out of the report when not finite), a recency's window.
#[test]
fn odd_numbers_in_every_numeric_field_are_written_as_before() {
    use TimeUnit::*;
    let odd = [0.0, -0.0, 1.5, -3.0, 9.0e15, 1.0e16, -1.0e300, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
    for v in odd {
        let point = Interval::exact(v);
        let span = Interval { high: Some(1.0), ..point };
        let mut values = vec![Value::Quantity(Box::new(Quantity { more: More::of(Particulars { converted: Some(Box::new((span, "usd".into()))), ..Particulars::default() }), ..Quantity::new(point) }))];
        for unit in [Second, Day, Month, Year, Decade, Century] {
            values.push(Value::Duration { amount: point, unit });
            values.push(Value::Duration { amount: span, unit });
            for within in [point, span] {
                let r = Recency { ordinal: 1, event: None, destination: None, principal: None, within: Some((within, unit)), since_year: None, anchor: None, since: None, since_how: None };
                values.push(Value::Recency(Box::new(r)));
            }
        }
        for value in values {
            assert_same(&Claim { value, ..blank() });
        }
    }
}

#[test]
fn precision_names_are_the_lower_case_variant_names() {
    for p in [Precision::Day, Precision::Month, Precision::Year] {
        assert_eq!(precision(p), format!("{p:?}").to_lowercase());
    }
}

/// Every claim of the repository's articles (the seeds and the test fixtures) and of the shared
/// Kanjuruhan and ECB+ corpora beside the checkout (`tests/gold_shared.rs` requires them).
#[test]
fn claims_of_the_articles_are_written_as_before() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = crate::rules::RuleSet::builtin().expect("built-in rules load");
    let mut seen = std::collections::BTreeSet::new();
    let mut n = 0;
    let shared = ["../shared/corpora/id-tragedi-kanjuruhan-2022", "../shared/corpora/ecbplus"];
    for dir in ["seeds", "tests/fixtures"].into_iter().chain(shared.into_iter().filter(|d| root.join(d).is_dir())) {
        let (articles, _) = crate::ingest::read_inputs(&[root.join(dir)], &mut std::io::empty());
        let rep = crate::check(articles, &rules).expect("check runs");
        for c in &rep.claims {
            assert_same(c);
            seen.insert(c.kind.name());
            n += 1;
        }
    }
    assert!(n > 500, "claims checked: {n}");
    assert!(seen.len() >= 8, "kinds seen: {seen:?}");
}

fn number() -> BoxedStrategy<f64> {
    prop_oneof![
        any::<f64>(),
        (-1_000_000i64..1_000_000).prop_map(|v| v as f64),
        any::<i64>().prop_map(|v| v as f64),
        -1.0e4..1.0e4f64,
        prop::sample::select(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 9.0e15, -9.0e15, 8_999_999_999_999_999.0, 1.0e300, 5e-324]),
    ]
    .boxed()
}

fn words() -> BoxedStrategy<String> {
    prop_oneof![any::<String>(), "[a-z_]{1,8}", Just("\"\\\n\t\u{1}\u{7f}\u{2028}é😀".to_string())].boxed()
}

fn opt_words() -> BoxedStrategy<Option<String>> {
    prop::option::of(words()).boxed()
}

fn interval() -> BoxedStrategy<Interval> {
    (prop::option::of(number()), prop::option::of(number()), any::<bool>(), any::<bool>(), any::<bool>())
        .prop_map(|(low, high, low_open, high_open, point)| Interval { low, high: if point { low } else { high }, low_open, high_open })
        .boxed()
}

fn resolved() -> BoxedStrategy<Resolved> {
    (-9999i16..=9999, 1i8..=12, 1i8..=28, prop::sample::select(vec![Precision::Day, Precision::Month, Precision::Year]), prop::option::of(words()))
        .prop_map(|(y, m, d, precision, how)| Resolved { date: jiff::civil::Date::new(y, m, d).expect("a valid date"), precision, slack: 0, year_inferred: false, relative: false, how: how.map(Into::into) })
        .boxed()
}

fn mention() -> BoxedStrategy<DateMention> {
    prop::option::of(resolved()).prop_map(|resolved| DateMention { span: Span { start: 0, end: 0 }, raw: RawDate::Year { year: 2000 }, resolved }).boxed()
}

fn time() -> BoxedStrategy<TimeMention> {
    (-3000i32..3000, prop::option::of(-1000i32..1000), any::<bool>(), any::<bool>(), any::<bool>())
        .prop_map(|(minutes, zone, local, approx, hour_only)| TimeMention { span: Span { start: 0, end: 0 }, minutes, zone, local, approx, hour_only })
        .boxed()
}

fn reference() -> BoxedStrategy<Option<Ref>> {
    prop::option::of(prop_oneof![words().prop_map(|w| Ref::Entity(w.into())), words().prop_map(|w| Ref::Role(w.into())), words().prop_map(|w| Ref::Name(w.into()))]).boxed()
}

fn unit() -> impl Strategy<Value = TimeUnit> {
    use TimeUnit::*;
    prop::sample::select(vec![Second, Minute, Hour, Day, Week, Month, Year, Decade, Century])
}

fn quantity() -> BoxedStrategy<Value> {
    let op = prop::sample::select(vec![QualifierOp::Gt, QualifierOp::About, QualifierOp::Exact]);
    (
        (interval(), opt_words(), opt_words(), prop::option::of((words(), op)), opt_words(), prop::option::of(mention()), prop::option::of(time())),
        (opt_words(), prop::option::of((interval(), words())), any::<bool>(), opt_words(), opt_words(), opt_words(), opt_words()),
        (any::<bool>(), any::<bool>(), any::<bool>(), opt_words()),
    )
        .prop_map(|((interval, unit, of, qualifier, vague, as_of, as_of_time), (scope, converted, other, noun, predicate, clause, owner), (part, earlier, revised, incident))| {
            let more = Particulars {
                vague,
                scope,
                converted: converted.map(Box::new),
                noun,
                predicate,
                clause: clause.map(String::into_boxed_str),
                owner: owner.map(String::into_boxed_str),
                incident: incident.map(String::into_boxed_str),
            };
            Value::Quantity(Box::new(Quantity { unit: unit.map(Into::into), of: of.map(Into::into), qualifier, as_of, as_of_time, other, part, earlier, revised, more: More::of(more), ..Quantity::new(interval) }))
        })
        .boxed()
}

fn value() -> BoxedStrategy<Value> {
    let list = || prop::collection::vec(words(), 0..3);
    prop_oneof![
        quantity(),
        (mention(), opt_words(), reference(), opt_words()).prop_map(|(date, anchor, principal, place)| Value::Date { date: Box::new(date), anchor: anchor.map(Into::into), principal, place: place.map(Into::into) }).boxed(),
        (interval(), unit()).prop_map(|(amount, unit)| Value::Duration { amount, unit }).boxed(),
        (
            any::<u32>(),
            opt_words(),
            opt_words(),
            reference(),
            prop::option::of((interval(), unit())),
            prop::option::of(mention()),
            prop::option::of((any::<i32>(), any::<i32>(), any::<bool>())),
            opt_words()
        )
            .prop_map(|(ordinal, event, destination, principal, within, anchor, since, since_how)| Value::Recency(Box::new(Recency {
                ordinal,
                event,
                destination,
                principal,
                within,
                since_year: None,
                anchor,
                since: since.map(|(a, b, same)| if same { (a, a) } else { (a, b) }),
                since_how,
            })))
            .boxed(),
        (words(), prop::option::of(mention()), opt_words(), opt_words(), list(), reference(), prop::collection::vec(any::<i32>(), 0..3))
            .prop_map(|(event, date, place, destination, parties, principal, years)| Value::Event(Box::new(Event {
                event,
                date,
                date_near: false,
                time: None,
                place,
                destination,
                parties,
                principal,
                years
            })))
            .boxed(),
        (words(), list()).prop_map(|(text, words)| Value::Quote(Quote::new(text, words))).boxed(),
        (list(), words()).prop_map(|(members, predicate)| Value::Set { members, predicate }).boxed(),
        (time(), prop::option::of(mention()), opt_words()).prop_map(|(time, date, anchor)| Value::Time { time, date: date.map(Box::new), anchor: anchor.map(Into::into) }).boxed(),
        (words(), list(), opt_words()).prop_map(|(place, within, anchor)| Value::Location { place, within: within.into(), anchor: anchor.map(Into::into) }).boxed(),
    ]
    .boxed()
}

/// A claim of no value in particular: the writers read only its value and speaker.
fn blank() -> Claim {
    Claim {
        doc: 0,
        span: Span { start: 0, end: 0 },
        sentence: Span { start: 0, end: 0 }.into(),
        kind: Kind::Quantity,
        value: Value::Set { members: vec![], predicate: String::new() },
        rule: String::new().into(),
        subject: None,
        speaker: None,
        source: None,
        hedged: false,
    }
}

fn claim() -> impl Strategy<Value = Claim> {
    (value(), reference()).prop_map(|(value, speaker)| Claim { value, speaker, ..blank() })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn generated_values_are_written_as_before(c in claim()) {
        assert_same(&c);
    }
}
