//! The JSON report, contract v1 (`docs/report-contract.md`): a promise to CI users. Fields may
//! be added; none is renamed or dropped without raising `version`.
//!
//! Numbers are JSON numbers (integers without a fraction), intervals are `low`/`high` with
//! `null` for an open end, dates are ISO strings, spans are byte offsets into the file as read.

use serde::Serialize;
use serde_json::{Map, Value as J, json};

use crate::claim::*;
use crate::Report;

/// How the JSON report is written: compact unless `pretty`; each claim's whole sentence only
/// with `sentences` (it is context, not part of the contract, and a long sentence copied into
/// each of its claims makes the report grow with the square of its length).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonOptions {
    pub pretty: bool,
    pub sentences: bool,
}

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    documents: Vec<Doc<'a>>,
    claims: Claims<'a>,
    findings: Findings<'a>,
    errors: Vec<ErrorOut>,
    warnings: &'a [String],
    suppressed: SuppressedOut<'a>,
}

/// The claims, serialised one at a time as they are written (no list of them in memory).
struct Claims<'a>(&'a Report, bool);

impl Serialize for Claims<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..self.0.claims.len()).map(|i| claim(self.0, i, self.1)))
    }
}

struct Findings<'a>(&'a Report);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..self.0.findings.len()).map(|i| finding(self.0, i)))
    }
}

#[derive(Serialize)]
pub(crate) struct Doc<'a> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<String>,
    published_source: Option<&'static str>,
    language: &'a str,
}

#[derive(Serialize)]
pub(crate) struct SpanOut {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
pub(crate) struct ClaimOut<'a> {
    id: ClaimId,
    doc: &'a str,
    span: SpanOut,
    text: &'a str,
    kind: &'static str,
    value: super::value_json::ValueJson<'a>,
    rule: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    hedged: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct FindingOut<'a> {
    id: String,
    verdict: &'static str,
    severity: &'static str,
    claims: Vec<ClaimId>,
    explanation: std::borrow::Cow<'a, str>,
    topic: &'a str,
    in_document: bool,
    key: &'a str,
    fingerprint: &'a str,
}

/// An input that could not be read (`path`, `reason`) or a broken rule file (also `line` and
/// `column`, 1-based).
#[derive(Serialize)]
pub(crate) struct ErrorOut {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    reason: String,
}

/// What a baseline hid: how many, how many of those were accepted, and each one.
#[derive(Serialize)]
pub(crate) struct SuppressedOut<'a> {
    baseline: Option<&'a str>,
    count: usize,
    accepted: usize,
    findings: Vec<SuppressedFindingOut<'a>>,
}

#[derive(Serialize)]
pub(crate) struct SuppressedFindingOut<'a> {
    fingerprint: &'a str,
    verdict: &'static str,
    severity: &'static str,
    key: &'a str,
    topic: &'a str,
    claims: Vec<ClaimId>,
    explanation: std::borrow::Cow<'a, str>,
    reason: Option<&'a str>,
}

/// A number as JSON: integral values print without a fraction.
pub fn num(v: f64) -> J {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        J::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(J::Null, J::Number)
    }
}

fn opt(v: Option<f64>) -> J {
    v.map_or(J::Null, num)
}

fn date_json(d: &Option<DateMention>) -> J {
    d.as_ref().and_then(|m| m.resolved.as_ref()).map_or(J::Null, |r| J::from(r.iso()))
}

/// The normalised value of a claim as a JSON tree, for the rule examples (`ruletest`). The
/// reports and fingerprints write it without a tree (`value_json`): the same JSON.
pub fn value(c: &Claim) -> J {
    let r = |x: &Option<Ref>| x.as_ref().map_or(J::Null, |r| J::from(r.id()));
    match &c.value {
        Value::Quantity(q) => json!({
            "low": opt(q.interval.low), "high": opt(q.interval.high),
            "low_open": q.interval.low_open, "high_open": q.interval.high_open,
            "unit": q.unit.as_deref(), "of": q.of.as_deref(),
            "qualifier": q.qualifier.as_ref().map(|x| x.0.clone()), "vague": q.more().vague,
            "scope": q.more().scope,
            "converted": q.more().converted.as_deref().map(|(iv, u)| json!({"low": opt(iv.low), "high": opt(iv.high), "unit": u})),
            "other": q.other,
            "noun": q.more().noun,
            "predicate": q.more().predicate, "clause": q.more().clause, "owner": q.more().owner,
            "part": q.part, "earlier": q.earlier, "revised": q.revised, "incident": q.more().incident,
            "as_of": q.as_of.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| r.iso()),
            "as_of_time": q.as_of_time.map(|t| t.describe()),
        }),
        Value::Date { date, anchor, principal, place } => json!({
            "date": date_json(&Some((**date).clone())),
            "precision": date.resolved.as_ref().map(|x| format!("{:?}", x.precision).to_lowercase()),
            "resolved": date.resolved.as_ref().map(|x| x.how().into_owned()),
            "dates": anchor, "principal": r(principal), "place": place,
        }),
        Value::Duration { amount, unit } => {
            let mut m = Map::new();
            m.insert("low".into(), opt(amount.low));
            m.insert("high".into(), opt(amount.high));
            m.insert("unit".into(), J::from(unit.name()));
            if let (Some(a), Some(b)) = (amount.low, amount.high) {
                let (ya, yb) = (a * unit.years(), b * unit.years());
                if unit.years() >= 1.0 {
                    if ya == yb { m.insert("years".into(), num(ya)); } else { m.insert("years".into(), json!({"low": num(ya), "high": num(yb)})); }
                }
            }
            J::Object(m)
        }
        Value::Recency(x) => {
            let mut m = Map::new();
            m.insert("ordinal".into(), J::from(x.ordinal));
            m.insert("event".into(), json!(x.event));
            if let Some((iv, unit)) = &x.within {
                if iv.is_point() { m.insert("within".into(), opt(iv.low)); } else { m.insert("within".into(), json!({"low": opt(iv.low), "high": opt(iv.high)})); }
                m.insert("unit".into(), J::from(unit.name()));
            }
            match x.since {
                Some((a, b)) if a == b => { m.insert("since".into(), J::from(a)); }
                Some((a, b)) => { m.insert("since".into(), json!({"low": if a < -100_000 { J::Null } else { J::from(a) }, "high": b})); }
                None => { m.insert("since".into(), J::Null); }
            }
            m.insert("anchor".into(), date_json(&x.anchor));
            m.insert("destination".into(), json!(x.destination));
            m.insert("principal".into(), r(&x.principal));
            if let Some(h) = &x.since_how { m.insert("resolved".into(), J::from(h.clone())); }
            J::Object(m)
        }
        Value::Event(e) => json!({
            "event": e.event, "date": date_json(&e.date),
            "resolved": e.date.as_ref().and_then(|d| d.resolved.as_ref()).map(|x| x.how().into_owned()),
            "place": e.place, "destination": e.destination, "parties": e.parties,
            "principal": r(&e.principal), "years": e.years,
        }),
        Value::Quote(q) => json!({"text": q.text(), "speaker": r(&c.speaker), "words": q.word_count()}),
        Value::Set { members, predicate } => json!({"members": members, "predicate": predicate}),
        Value::Time { time, date, anchor } => {
            let utc = time.zone.map(|z| {
                let m = (time.minutes - z).rem_euclid(24 * 60);
                format!("{:02}:{:02}", m / 60, m % 60)
            });
            json!({
                "time": format!("{:02}:{:02}", time.minutes / 60, time.minutes % 60),
                "zone_offset_minutes": time.zone, "utc": utc, "local": time.local, "approx": time.approx,
                "date": date_json(&date.as_deref().cloned()), "times": anchor,
            })
        }
        Value::Location { place, within, anchor } => json!({"place": place, "within": within, "locates": anchor}),
    }
}

/// The report as compact JSON without sentences (what `check --format json` prints).
pub fn render(rep: &Report) -> String {
    render_with(rep, JsonOptions::default())
}

pub fn render_with(rep: &Report, opts: JsonOptions) -> String {
    let mut buf = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_with(rep, opts, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

pub(crate) fn documents(rep: &Report) -> Vec<Doc<'_>> {
    rep.documents
        .iter()
        .map(|d| Doc {
            id: &d.id,
            path: &d.path,
            title: d.title.as_deref(),
            outlet: d.outlet.as_deref(),
            published: d.published.date.map(|x| x.to_string()),
            published_source: d.published.source.map(|s| s.name()),
            language: &d.language,
        })
        .collect()
}

/// A claim's id in the report ("c12" for the twelfth claim), written without a string of its own.
pub(crate) struct ClaimId(pub usize);

impl Serialize for ClaimId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("c{}", self.0 + 1))
    }
}

pub(crate) fn claim(rep: &Report, i: usize, sentences: bool) -> ClaimOut<'_> {
    let c = &rep.claims[i];
    let d = &rep.documents[c.doc];
    let (line, column) = d.line_col(c.span.start);
    // Spans are promised as byte offsets of the file, not of the decoded text.
    let (start, end) = d.file_span(c.span);
    fn r(x: &Option<Ref>) -> Option<&str> {
        x.as_ref().map(|r| r.id())
    }
    ClaimOut {
        id: ClaimId(i),
        doc: &d.id,
        span: SpanOut { start, end, line, column },
        text: &d.text[c.span.start..c.span.end],
        kind: c.kind.name(),
        value: super::value_json::report(c),
        rule: &c.rule,
        subject: r(&c.subject),
        speaker: r(&c.speaker),
        source: r(&c.source),
        hedged: c.hedged,
        sentence: sentences.then(|| &d.text[c.sentence.range()]),
    }
}

pub(crate) fn finding(rep: &Report, i: usize) -> FindingOut<'_> {
    let f = &rep.findings[i];
    FindingOut {
        id: format!("f{}", i + 1),
        verdict: f.verdict.name(),
        severity: f.severity.name(),
        claims: f.claims.iter().map(|&c| ClaimId(c)).collect(),
        explanation: rep.explanation(f),
        topic: &f.topic,
        in_document: f.in_document,
        key: &f.key,
        fingerprint: &f.fingerprint,
    }
}

pub(crate) fn suppressed_finding<'a>(rep: &Report, s: &'a crate::baseline::Suppressed) -> SuppressedFindingOut<'a> {
    let f = &s.finding;
    SuppressedFindingOut {
        fingerprint: &f.fingerprint,
        verdict: f.verdict.name(),
        severity: f.severity.name(),
        key: &f.key,
        topic: &f.topic,
        claims: f.claims.iter().map(|&c| ClaimId(c)).collect(),
        explanation: rep.explanation(f),
        reason: s.reason.as_deref(),
    }
}

pub(crate) fn suppressed(rep: &Report) -> SuppressedOut<'_> {
    SuppressedOut {
        baseline: rep.baseline.as_deref(),
        count: rep.suppressed.len(),
        accepted: rep.suppressed.iter().filter(|s| s.reason.is_some()).count(),
        findings: rep.suppressed.iter().map(|s| suppressed_finding(rep, s)).collect(),
    }
}

/// Broken rule files (with their positions) first, then inputs that could not be read.
pub(crate) fn errors(rep: &Report) -> Vec<ErrorOut> {
    rep.rule_errors
        .iter()
        .map(|e| ErrorOut { path: e.path.clone(), line: Some(e.line), column: Some(e.column), reason: e.message.clone() })
        .chain(rep.input_errors.iter().map(|e| ErrorOut { path: e.path.clone(), line: None, column: None, reason: e.reason.clone() }))
        .collect()
}

/// Stream the report to `w` as compact JSON without sentences.
pub fn write(rep: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_with(rep, JsonOptions::default(), w)
}

/// Stream the report to `w`: documents, then each claim and finding as it is serialised (no
/// copy of the report, no JSON value tree of it).
pub fn write_with(rep: &Report, opts: JsonOptions, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let out = Out {
        version: 1,
        documents: documents(rep),
        claims: Claims(rep, opts.sentences),
        findings: Findings(rep),
        errors: errors(rep),
        warnings: &rep.warnings,
        suppressed: suppressed(rep),
    };
    if opts.pretty {
        serde_json::to_writer_pretty(&mut *w, &out)?;
    } else {
        write_compact(rep, &out, w)?;
    }
    w.write_all(b"\n")
}

/// Claims or findings serialised at once, in parallel: a window of the output in memory.
const WINDOW: usize = 16_384;

/// The compact report, byte for byte what `serde_json::to_writer(&out)` writes (each element
/// of a list is serialised alone, the same way), with the claims and findings serialised in
/// parallel, a window at a time.
fn write_compact(rep: &Report, out: &Out<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    fn list<T: Serialize + Send>(w: &mut dyn std::io::Write, n: usize, item: &(dyn Fn(usize) -> T + Sync)) -> std::io::Result<()> {
        w.write_all(b"[")?;
        for start in (0..n).step_by(WINDOW) {
            let end = (start + WINDOW).min(n);
            let bufs: Vec<Vec<u8>> = (start..end)
                .into_par_iter()
                .with_min_len(256)
                .fold(Vec::new, |mut buf, i| {
                    if i > 0 {
                        buf.push(b',');
                    }
                    // Writing to memory cannot fail.
                    let _ = serde_json::to_writer(&mut buf, &item(i));
                    buf
                })
                .collect();
            for b in bufs {
                w.write_all(&b)?;
            }
        }
        w.write_all(b"]")
    }
    let json = |w: &mut dyn std::io::Write, v: &dyn erased::Ser| -> std::io::Result<()> { v.write(w) };
    w.write_all(b"{\"version\":")?;
    json(w, &out.version)?;
    w.write_all(b",\"documents\":")?;
    json(w, &out.documents)?;
    w.write_all(b",\"claims\":")?;
    list(w, rep.claims.len(), &|i| claim(rep, i, out.claims.1))?;
    w.write_all(b",\"findings\":")?;
    list(w, rep.findings.len(), &|i| finding(rep, i))?;
    w.write_all(b",\"errors\":")?;
    json(w, &out.errors)?;
    w.write_all(b",\"warnings\":")?;
    json(w, &out.warnings)?;
    w.write_all(b",\"suppressed\":")?;
    json(w, &out.suppressed)?;
    w.write_all(b"}")
}

/// One serialisable value behind a reference to a trait object.
mod erased {
    pub trait Ser {
        fn write(&self, w: &mut dyn std::io::Write) -> std::io::Result<()>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn write(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
            serde_json::to_writer(w, self).map_err(std::io::Error::from)
        }
    }
}
