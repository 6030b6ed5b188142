//! JSON Lines: the JSON report as a stream of typed records, one compact object per line, for
//! tools that read line by line (`jq -c 'select(.type == "finding")'`, log pipelines).
//!
//! Every line has a `"type"` field first; the other fields are exactly those of the matching
//! object in the JSON report (docs/report-contract.md), so one parser serves both. Order:
//!
//! 1. `{"type":"report","version":1}`
//! 2. one `document` line per document, in input order
//! 3. one `claim` line per claim (ids `c1`, `c2`, … as in the JSON report)
//! 4. one `finding` line per reported finding (its `claims` name claim lines above)
//! 5. one `suppressed` line per finding a baseline hid
//! 6. one `error` line per unreadable input, one `warning` line (`{"type":"warning","message":…}`)
//!    per warning
//! 7. `{"type":"summary", …}`: the counts, last, so a reader knows the stream is complete.

use serde::Serialize;

use crate::judge::Verdict;
use crate::Report;

#[derive(Serialize)]
struct Typed<T: Serialize> {
    r#type: &'static str,
    #[serde(flatten)]
    inner: T,
}

#[derive(Serialize)]
struct Header {
    version: u32,
}

#[derive(Serialize)]
struct Warning<'a> {
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    claims: usize,
    findings: usize,
    conflict: usize,
    updated: usize,
    compatible: usize,
    corroborated: usize,
    single_source: usize,
    suppressed: usize,
    accepted: usize,
    errors: usize,
}

fn line<T: Serialize>(w: &mut dyn std::io::Write, kind: &'static str, inner: T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, &Typed { r#type: kind, inner })?;
    w.write_all(b"\n")
}

/// Stream the records to `w` (claims without their sentences).
pub fn write(rep: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_with(rep, false, w)
}

/// Stream the records to `w`; each claim with its whole sentence when `sentences`.
pub fn write_with(rep: &Report, sentences: bool, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    line(w, "report", Header { version: 1 })?;
    for d in super::json::documents(rep) {
        line(w, "document", d)?;
    }
    for i in 0..rep.claims.len() {
        line(w, "claim", super::json::claim(rep, i, sentences))?;
    }
    for i in 0..rep.findings.len() {
        line(w, "finding", super::json::finding(rep, i))?;
    }
    for s in &rep.suppressed {
        line(w, "suppressed", super::json::suppressed_finding(rep, s))?;
    }
    for e in super::json::errors(rep) {
        line(w, "error", e)?;
    }
    for m in &rep.warnings {
        line(w, "warning", Warning { message: m })?;
    }
    let count = |v: Verdict| rep.findings.iter().filter(|f| f.verdict == v).count();
    let summary = Summary {
        documents: rep.documents.len(),
        claims: rep.claims.len(),
        findings: rep.findings.len(),
        conflict: count(Verdict::Conflict),
        updated: count(Verdict::Updated),
        compatible: count(Verdict::Compatible),
        corroborated: count(Verdict::Corroborated),
        single_source: count(Verdict::SingleSource),
        suppressed: rep.suppressed.len(),
        accepted: rep.suppressed.iter().filter(|s| s.reason.is_some()).count(),
        errors: rep.input_errors.len(),
    };
    line(w, "summary", summary)
}

pub fn render(rep: &Report) -> String {
    let mut buf = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(rep, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}
