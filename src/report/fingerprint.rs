//! Fingerprints: a stable name for a finding, computed from what it says — never from claim or
//! finding ids, input order or file paths — so a baseline written today still names the same
//! finding tomorrow, whatever else was added to the corpus.
//!
//! The hashed parts: a format tag, the verdict, the finding's alignment key, the sorted set of
//! claim kinds, and the sorted list of (document id, normalised value) of its claims. Values are
//! written as canonical JSON (object keys sorted at every depth, compact) so that the hash does
//! not depend on how a `serde_json` map happens to order its keys in this build. The hash is
//! SHA-256; the fingerprint is the first 16 bytes in lower-case hex (32 characters).
//!
//! What changes a fingerprint: a different verdict, key or claim value, or a claim from
//! another document joining or leaving the finding (a new article that repeats a known figure
//! makes a new corroboration). What does not: the order of the inputs, the folders they sit in,
//! articles that share no block with the finding, the wording of the explanation.

use serde_json::Value as J;
use sha2::{Digest, Sha256};

use super::value_json;
use crate::claim::Claim;
use crate::judge::Finding;
use crate::Document;

/// Bumped if the parts or their encoding ever change (old baselines then match nothing).
const TAG: &str = "claimcheck-fingerprint/1";

/// The fingerprint of a finding over the claims and documents of its report. The claims'
/// canonical values are written one after another into one buffer for the finding and dropped
/// with it: none is kept for the whole report (a claim is in two findings on average, and
/// keeping every value once cost more memory than writing some twice costs time).
pub fn compute(docs: &[Document], claims: &[Claim], f: &Finding) -> String {
    let mut kinds: Vec<&str> = f.claims.iter().filter_map(|&i| claims.get(i)).map(|c| c.kind.name()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut buf: Vec<u8> = Vec::new();
    let mut parts: Vec<(&str, std::ops::Range<usize>)> = Vec::with_capacity(f.claims.len());
    for c in f.claims.iter().filter_map(|&i| claims.get(i)) {
        let start = buf.len();
        value_json::write_canonical(c, &mut buf);
        parts.push((docs.get(c.doc).map_or("", |d| d.id.as_str()), start..buf.len()));
    }
    // Canonical JSON is UTF-8 (`write_canonical` writes the claims' strings and ASCII).
    let text = std::str::from_utf8(&buf).unwrap_or("");
    let value = |r: &std::ops::Range<usize>| text.get(r.clone()).unwrap_or("");
    parts.sort_unstable_by(|(da, ra), (db, rb)| da.cmp(db).then_with(|| value(ra).cmp(value(rb))));
    digest(f, &kinds, parts.iter().map(|(d, r)| (*d, value(r))))
}

/// The hash of a finding's verdict and key, its claims' kinds (sorted, unique) and its claims'
/// (document id, canonical value) pairs (sorted).
fn digest<'a>(f: &Finding, kinds: &[&str], parts: impl ExactSizeIterator<Item = (&'a str, &'a str)>) -> String {
    // Length-prefixed fields: no choice of separator can be confused with the text it separates.
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field(TAG);
    field(f.verdict.name());
    field(&f.key);
    field(&kinds.len().to_string());
    for k in kinds {
        field(k);
    }
    field(&parts.len().to_string());
    for (doc, value) in parts {
        field(doc);
        field(value);
    }
    let digest = h.finalize();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(32);
    for b in digest.iter().take(16) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// Compact JSON with object keys sorted at every depth: the form `value_json::canonical`
/// writes a claim's value in without a tree.
pub fn canonical(v: &J) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &J, out: &mut String) {
    match v {
        J::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&J::String((*k).clone()).to_string());
                out.push(':');
                if let Some(x) = m.get(*k) {
                    write_canonical(x, out);
                }
            }
            out.push('}');
        }
        J::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let a: J = serde_json::from_str(r#"{"b": 1, "a": {"y": [2, {"d": null, "c": "x"}], "x": 1.5}}"#).unwrap();
        assert_eq!(canonical(&a), r#"{"a":{"x":1.5,"y":[2,{"c":"x","d":null}]},"b":1}"#);
    }
}
