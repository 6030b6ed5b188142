//! A claim's value as JSON, written straight from the claim's types: no `serde_json::Value`
//! tree, no map of keys, no copy of a string. Two forms, both with the keys in sorted order at
//! every depth:
//!
//! - `full`: every field; compact, it is the canonical JSON the fingerprints hash
//!   (`fingerprint::canonical` of `json::value`, byte for byte). `write_canonical` writes the
//!   same bytes without a serializer.
//! - `report`: what the reports write (`value` of a claim in JSON, JSON Lines and CSV): the
//!   fields beyond the contract (`low`, `high`, `unit`, `of`, `date`) that say nothing — `null`,
//!   `false`, `[]`: no scope, not a part, no parties — left out. A reader takes a missing field
//!   as that default.
//!
//! Both are `Serialize`, so a report's serializer, compact or pretty, writes them in place.
//! Numbers are those of `json::num`: integral values as integers, others as `serde_json`
//! writes an `f64`, `null` when not finite.

use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::claim::{Claim, DateMention, Iso, Precision, Ref, Resolved, Value};

/// Value fields the contract names: written even when `null` (an open end of an interval).
const VALUE_KEPT: [&str; 5] = ["low", "high", "unit", "of", "date"];

/// A claim's value, ready to serialise in one of its two forms.
#[derive(Clone, Copy)]
pub struct ValueJson<'a> {
    claim: &'a Claim,
    report: bool,
}

/// The whole value (what fingerprints hash).
pub fn full(c: &Claim) -> ValueJson<'_> {
    ValueJson { claim: c, report: false }
}

/// The value as the reports write it: without the fields beyond the contract that say nothing.
pub fn report(c: &Claim) -> ValueJson<'_> {
    ValueJson { claim: c, report: true }
}

/// The canonical JSON of a claim's value: `full`, compact.
pub fn canonical(c: &Claim) -> String {
    let mut out = Vec::new();
    write_canonical(c, &mut out);
    // Only UTF-8 is written: the claim's strings and ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// The canonical JSON of a claim's value appended to `out`: the bytes `serde_json` writes for
/// `full(c)`, compact, written without a serializer. The fingerprints write the value of every
/// claim of every finding, and most strings need no escape: those are copied whole.
pub fn write_canonical(c: &Claim, out: &mut Vec<u8>) {
    out.push(b'{');
    let mut first = true;
    let _ = fields(c, &mut |k, v| -> Result<(), std::convert::Infallible> {
        if !first {
            out.push(b',');
        }
        first = false;
        // Keys are the code's own ASCII names: nothing to escape.
        debug_assert!(!needs_escape(k));
        out.push(b'"');
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b"\":");
        v.write_json(out);
        Ok(())
    });
    out.push(b'}');
}

/// A byte JSON escapes: a control character, a quote or a backslash. (Without an early exit,
/// so that the test vectorises.)
fn needs_escape(s: &str) -> bool {
    s.bytes().fold(false, |any, b| any | (b < 0x20) | (b == b'"') | (b == b'\\'))
}

/// A JSON string as `serde_json` writes it.
fn write_str(out: &mut Vec<u8>, s: &str) {
    if needs_escape(s) {
        // Writing to memory cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

fn write_int(out: &mut Vec<u8>, i: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes());
}

impl ValueJson<'_> {
    /// Compact JSON.
    pub fn to_json(&self) -> String {
        // Serialising to memory cannot fail: no field has a serialisation that errs.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for ValueJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        fields(self.claim, &mut |k, v| if self.report && !VALUE_KEPT.contains(&k) && v.says_nothing() { Ok(()) } else { m.serialize_entry(k, &v) })?;
        m.end()
    }
}

/// The value of one field.
enum F<'a> {
    Null,
    Bool(bool),
    /// A number as `json::num` writes it.
    Num(f64),
    Int(i64),
    Str(&'a str),
    Owned(String),
    /// A resolved date in ISO form (`Resolved::iso`).
    Iso(&'a Resolved),
    /// Minutes after midnight as `HH:MM`.
    Clock(i32),
    Strs(&'a [String]),
    Ints(&'a [i32]),
    /// `{"high":…,"low":…}` (numbers as `Num`, a `None` end `null`), with `"unit"` when given.
    Range(Option<f64>, Option<f64>, Option<&'a str>),
}

impl F<'_> {
    /// `null`, `false` or `[]`: what the report leaves out beyond the contract's fields.
    fn says_nothing(&self) -> bool {
        match self {
            F::Null | F::Bool(false) => true,
            F::Num(v) => !v.is_finite(),
            F::Strs(a) => a.is_empty(),
            F::Ints(a) => a.is_empty(),
            _ => false,
        }
    }
}

impl Serialize for F<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            F::Null => s.serialize_unit(),
            F::Bool(b) => s.serialize_bool(b),
            F::Num(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(v as i64),
            F::Num(v) if v.is_finite() => s.serialize_f64(v),
            F::Num(_) => s.serialize_unit(),
            F::Int(i) => s.serialize_i64(i),
            F::Str(x) => s.serialize_str(x),
            F::Owned(ref x) => s.serialize_str(x),
            F::Iso(r) => s.collect_str(&Iso(r)),
            F::Clock(m) => s.collect_str(&Clock(m)),
            F::Strs(a) => a.serialize(s),
            F::Ints(a) => a.serialize(s),
            F::Range(low, high, unit) => {
                let mut m = s.serialize_map(Some(2 + usize::from(unit.is_some())))?;
                m.serialize_entry("high", &num(high))?;
                m.serialize_entry("low", &num(low))?;
                if let Some(u) = unit {
                    m.serialize_entry("unit", u)?;
                }
                m.end()
            }
        }
    }
}

impl F<'_> {
    /// The value as its `Serialize` writes it with `serde_json`, compact.
    fn write_json(&self, out: &mut Vec<u8>) {
        match *self {
            F::Null => out.extend_from_slice(b"null"),
            F::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
            F::Num(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => write_int(out, v as i64),
            F::Num(v) if v.is_finite() => {
                let _ = serde_json::to_writer(&mut *out, &v);
            }
            F::Num(_) => out.extend_from_slice(b"null"),
            F::Int(i) => write_int(out, i),
            F::Str(x) => write_str(out, x),
            F::Owned(ref x) => write_str(out, x),
            // Digits written without making a string (ASCII: `from_utf8` cannot fail).
            F::Iso(r) => {
                let mut buf = [0; 10];
                match Iso(r).digits(&mut buf) {
                    Some(n) => write_str(out, std::str::from_utf8(&buf[..n]).unwrap_or("")),
                    None => write_str(out, &Iso(r).to_string()),
                }
            }
            F::Clock(m) => match Clock(m).digits() {
                Some(b) => write_str(out, std::str::from_utf8(&b).unwrap_or("")),
                None => write_str(out, &Clock(m).to_string()),
            },
            F::Strs(a) => {
                out.push(b'[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_str(out, x);
                }
                out.push(b']');
            }
            F::Ints(a) => {
                out.push(b'[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_int(out, i64::from(*x));
                }
                out.push(b']');
            }
            F::Range(low, high, unit) => {
                out.extend_from_slice(b"{\"high\":");
                num(high).write_json(out);
                out.extend_from_slice(b",\"low\":");
                num(low).write_json(out);
                if let Some(u) = unit {
                    out.extend_from_slice(b",\"unit\":");
                    write_str(out, u);
                }
                out.push(b'}');
            }
        }
    }
}

struct Clock(i32);

impl Clock {
    /// `HH:MM` for a time of day (`None` for minutes outside one), as `Display` writes it.
    fn digits(&self) -> Option<[u8; 5]> {
        let m = u16::try_from(self.0).ok().filter(|m| *m < 24 * 60)?;
        let ([h1, h2], [m1, m2]) = (crate::claim::two_digits(m / 60), crate::claim::two_digits(m % 60));
        Some([h1, h2, b':', m1, m2])
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.digits() {
            // ASCII digits and a colon.
            Some(b) => f.write_str(std::str::from_utf8(&b).unwrap_or("")),
            None => write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60),
        }
    }
}

#[cfg(test)]
#[test]
fn clock_digits_are_the_formatted_time() {
    for m in -100..3000 {
        assert_eq!(Clock(m).to_string(), format!("{:02}:{:02}", m / 60, m % 60), "{m} minutes");
    }
}

fn num(v: Option<f64>) -> F<'static> {
    v.map_or(F::Null, F::Num)
}

fn text<S: std::ops::Deref<Target = str>>(v: &Option<S>) -> F<'_> {
    v.as_deref().map_or(F::Null, F::Str)
}

fn id(v: &Option<Ref>) -> F<'_> {
    v.as_ref().map_or(F::Null, |r| F::Str(r.id()))
}

fn resolved(d: Option<&DateMention>) -> Option<&Resolved> {
    d.and_then(|m| m.resolved.as_ref())
}

fn date(d: Option<&Resolved>) -> F<'_> {
    d.map_or(F::Null, F::Iso)
}

/// How a date was resolved (`Resolved::how`), without making a string.
fn how(r: &Resolved) -> F<'_> {
    r.how.as_deref().map_or(F::Iso(r), F::Str)
}

fn precision(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

/// Each field of a claim's value, in sorted key order (the order `json::value`'s map has).
fn fields<'a, E>(c: &'a Claim, f: &mut dyn FnMut(&'static str, F<'a>) -> Result<(), E>) -> Result<(), E> {
    match &c.value {
        Value::Quantity(q) => {
            let iv = &q.interval;
            f("as_of", date(resolved(q.as_of.as_ref())))?;
            f("as_of_time", q.as_of_time.map_or(F::Null, |t| F::Owned(t.describe())))?;
            f("clause", text(&q.more().clause))?;
            f("converted", q.more().converted.as_deref().map_or(F::Null, |(iv, u)| F::Range(iv.low, iv.high, Some(u))))?;
            f("earlier", F::Bool(q.earlier))?;
            f("high", num(iv.high))?;
            f("high_open", F::Bool(iv.high_open))?;
            f("incident", text(&q.more().incident))?;
            f("low", num(iv.low))?;
            f("low_open", F::Bool(iv.low_open))?;
            f("noun", text(&q.more().noun))?;
            f("of", text(&q.of))?;
            f("other", F::Bool(q.other))?;
            f("owner", text(&q.more().owner))?;
            f("part", F::Bool(q.part))?;
            f("predicate", text(&q.more().predicate))?;
            f("qualifier", q.qualifier.as_ref().map_or(F::Null, |x| F::Str(&x.0)))?;
            f("revised", F::Bool(q.revised))?;
            f("scope", text(&q.more().scope))?;
            f("unit", text(&q.unit))?;
            f("vague", text(&q.more().vague))
        }
        Value::Date { date: d, anchor, principal, place } => {
            let r = d.resolved.as_ref();
            f("date", date(r))?;
            f("dates", text(anchor))?;
            f("place", text(place))?;
            f("precision", r.map_or(F::Null, |x| F::Str(precision(x.precision))))?;
            f("principal", id(principal))?;
            f("resolved", r.map_or(F::Null, how))
        }
        Value::Duration { amount, unit } => {
            f("high", num(amount.high))?;
            f("low", num(amount.low))?;
            f("unit", F::Str(unit.name()))?;
            if let (Some(a), Some(b)) = (amount.low, amount.high) {
                let (ya, yb) = (a * unit.years(), b * unit.years());
                if unit.years() >= 1.0 {
                    f("years", if ya == yb { F::Num(ya) } else { F::Range(Some(ya), Some(yb), None) })?;
                }
            }
            Ok(())
        }
        Value::Recency(x) => {
            f("anchor", date(resolved(x.anchor.as_ref())))?;
            f("destination", text(&x.destination))?;
            f("event", text(&x.event))?;
            f("ordinal", F::Int(i64::from(x.ordinal)))?;
            f("principal", id(&x.principal))?;
            if let Some(h) = &x.since_how {
                f("resolved", F::Str(h))?;
            }
            // An open start (before any year written) is `null`; years are exact as numbers.
            f(
                "since",
                match x.since {
                    Some((a, b)) if a == b => F::Int(i64::from(a)),
                    Some((a, b)) => F::Range((a >= -100_000).then_some(f64::from(a)), Some(f64::from(b)), None),
                    None => F::Null,
                },
            )?;
            if let Some((iv, unit)) = &x.within {
                f("unit", F::Str(unit.name()))?;
                f("within", if iv.is_point() { num(iv.low) } else { F::Range(iv.low, iv.high, None) })?;
            }
            Ok(())
        }
        Value::Event(e) => {
            let r = resolved(e.date.as_ref());
            f("date", date(r))?;
            f("destination", text(&e.destination))?;
            f("event", F::Str(&e.event))?;
            f("parties", F::Strs(&e.parties))?;
            f("place", text(&e.place))?;
            f("principal", id(&e.principal))?;
            f("resolved", r.map_or(F::Null, how))?;
            f("years", F::Ints(&e.years))
        }
        Value::Quote(q) => {
            f("speaker", id(&c.speaker))?;
            f("text", F::Str(q.text()))?;
            f("words", F::Int(q.word_count() as i64))
        }
        Value::Set { members, predicate } => {
            f("members", F::Strs(members))?;
            f("predicate", F::Str(predicate))
        }
        Value::Time { time, date: d, anchor } => {
            f("approx", F::Bool(time.approx))?;
            f("date", date(resolved(d.as_deref())))?;
            f("local", F::Bool(time.local))?;
            f("time", F::Clock(time.minutes))?;
            f("times", text(anchor))?;
            f("utc", time.zone.map_or(F::Null, |z| F::Clock((time.minutes - z).rem_euclid(24 * 60))))?;
            f("zone_offset_minutes", time.zone.map_or(F::Null, |z| F::Int(i64::from(z))))
        }
        Value::Location { place, within, anchor } => {
            f("locates", text(anchor))?;
            f("place", F::Str(place))?;
            f("within", F::Strs(within))
        }
    }
}

#[cfg(test)]
#[path = "value_json_tests.rs"]
mod tests;
