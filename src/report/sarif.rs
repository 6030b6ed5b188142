//! SARIF 2.1.0, for code-scanning tools (GitHub code scanning, VS Code's SARIF viewer).
//!
//! - one `result` per shown finding; `ruleId` is `<verdict>/<kind of key>` (`conflict/quantity`),
//!   `level` follows the severity (error → `error`, warning → `warning`, info → `note`), the
//!   message is the explanation;
//! - every claim of the finding is a `location`: the file as named (a relative URI, or a
//!   `file://` URI for an absolute path), a region with start/end line and column (columns in
//!   Unicode code points, `columnKind` says so; the end is the character after the claim) and
//!   `byteOffset`/`byteLength` into the file as read, the claim's words as the snippet;
//! - the fingerprint is `partialFingerprints["claimcheck/v1"]`;
//! - `tool.driver.rules` lists the rule ids used, sorted; results point at them by index;
//! - with a baseline, reported results are `baselineState: "new"`, and the findings it hid are
//!   included as `unchanged` results carrying a `suppressions` entry (its `justification` is the
//!   reason they were accepted), as SARIF viewers expect of a baseline;
//! - unreadable inputs and warnings are `toolExecutionNotifications` of the invocation.
//!
//! The output is checked against the official schema in `tests/formats.rs`.

use std::collections::BTreeMap;

use serde_json::{Value as J, json};

use super::{Options, locate, rule_id, shown};
use crate::judge::{Finding, Severity, Verdict, describe};
use crate::Report;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file name as a URI reference: unreserved characters and `/` kept, the rest
/// percent-encoded; absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule_text(verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Conflict => ("Sources contradict each other", "Two claims about the same thing cannot both hold at the same time (or, inside one article, a check such as a weekday that does not match its date fails)."),
        Verdict::Updated => ("A running figure was updated", "A running count is stated at different times with different values; every figure is listed, the newest named."),
        Verdict::Compatible => ("Claims are compatible", "The values do not contradict each other: one is vaguer, or one interval holds the other."),
        Verdict::Corroborated => ("Claims corroborate each other", "Independent sources state the same value."),
        Verdict::SingleSource => ("Only one source states this", "A claim that no other article states."),
    }
}

fn default_level(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Conflict => "error",
        _ => "note",
    }
}

pub fn render(rep: &Report, opts: Options) -> String {
    let reported: Vec<&Finding> = rep.findings.iter().filter(|f| shown(f, opts)).collect();
    let hidden: Vec<(&Finding, Option<&str>)> = rep.suppressed.iter().filter(|s| shown(&s.finding, opts)).map(|s| (&s.finding, s.reason.as_deref())).collect();
    // The rules used, sorted by id; results refer to them by index.
    let mut rules: BTreeMap<String, Verdict> = BTreeMap::new();
    for f in reported.iter().copied().chain(hidden.iter().map(|(f, _)| *f)) {
        rules.entry(rule_id(f)).or_insert(f.verdict);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let rules_json: Vec<J> = rules
        .iter()
        .map(|(id, &v)| {
            let (short, full) = rule_text(v);
            let kind = id.split('/').nth(1).unwrap_or("");
            json!({
                "id": id,
                "shortDescription": {"text": format!("{short} ({kind})")},
                "fullDescription": {"text": full},
                "defaultConfiguration": {"level": default_level(v)},
                "properties": {"tags": [v.name(), kind]},
            })
        })
        .collect();
    let result = |f: &Finding, suppressed: Option<Option<&str>>| -> J {
        let id = rule_id(f);
        let locations: Vec<J> = f
            .claims
            .iter()
            .enumerate()
            .map(|(n, &ci)| {
                let l = locate(rep, ci);
                json!({
                    "id": n,
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&l.doc.path), "index": rep.claims[ci].doc},
                        "region": {
                            "startLine": l.line, "startColumn": l.column,
                            "endLine": l.end_line, "endColumn": l.end_column,
                            "byteOffset": l.start, "byteLength": l.end - l.start,
                            "snippet": {"text": l.text},
                        },
                    },
                    "message": {"text": describe(&rep.claims[ci])},
                })
            })
            .collect();
        let mut r = json!({
            "ruleId": id,
            "ruleIndex": index.get(id.as_str()).copied().unwrap_or(0),
            "level": level(f.severity),
            "message": {"text": rep.explanation(f)},
            "locations": locations,
            "partialFingerprints": {"claimcheck/v1": f.fingerprint},
            "properties": {"verdict": f.verdict.name(), "severity": f.severity.name(), "key": f.key, "topic": f.topic, "inDocument": f.in_document},
        });
        if rep.baseline.is_some() {
            r["baselineState"] = J::from(if suppressed.is_some() { "unchanged" } else { "new" });
        }
        if let Some(reason) = suppressed {
            let mut s = json!({"kind": "external"});
            if let Some(why) = reason {
                s["status"] = J::from("accepted");
                s["justification"] = J::from(why);
            }
            r["suppressions"] = J::Array(vec![s]);
        }
        r
    };
    let mut results: Vec<J> = reported.iter().map(|f| result(f, None)).collect();
    results.extend(hidden.iter().map(|(f, reason)| result(f, Some(*reason))));
    let artifacts: Vec<J> = rep.documents.iter().map(|d| json!({"location": {"uri": uri(&d.path)}, "length": d.text.len()})).collect();
    let mut notes: Vec<J> = rep
        .input_errors
        .iter()
        .map(|e| json!({"level": "error", "message": {"text": e.reason}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}]}))
        .collect();
    notes.extend(rep.warnings.iter().map(|w| json!({"level": "warning", "message": {"text": w}})));
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules_json,
            }},
            "invocations": [{"executionSuccessful": rep.input_errors.is_empty(), "toolExecutionNotifications": notes}],
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("seeds/000_97e6.txt"), "seeds/000_97e6.txt");
        assert_eq!(uri("a b/c#d.md"), "a%20b/c%23d.md");
        assert_eq!(uri("/tmp/x.txt"), "file:///tmp/x.txt");
        assert_eq!(uri("berita/é.txt"), "berita/%C3%A9.txt");
    }
}
