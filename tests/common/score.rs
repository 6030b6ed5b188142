//! A faithful Rust port of `score.py` (the project's gold scorer, a copy of which lives in
//! `tests/gold/score.py`): the same metrics, computed the same way, on a JSON report (contract v1)
//! against a gold YAML annotation and the folder holding the gold's documents.
//!
//! Kept deliberately close to the Python, function by function, so that the two can be compared
//! line by line; `gold_seeds.rs` checks that both give the same numbers.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde_json::Value as J;

/// The metrics `score.py --json` prints, plus the ids behind them for failure messages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    pub claims_gold: usize,
    pub claims_found: usize,
    pub claim_recall: f64,
    pub values_correct: usize,
    pub values_checked: usize,
    pub claims_reported: usize,
    pub boilerplate_claims: usize,
    pub facts_gold: usize,
    pub facts_found: usize,
    pub conflicts_gold: usize,
    pub conflicts_found: usize,
    pub conflict_recall: Option<f64>,
    pub conflicts_reported: usize,
    pub updates_gold: usize,
    pub updates_found: usize,
    pub false_conflicts: usize,
    pub in_document_gold: usize,
    pub in_document_found: usize,
    pub false_in_document: usize,

    // Details (what `-v` prints), not part of `--json`.
    pub missing_claims: Vec<String>,
    /// Gold claims found whose `expect` values no reported claim holds.
    pub wrong_values: Vec<String>,
    pub facts_found_ids: Vec<String>,
    pub facts_missing: Vec<String>,
    pub conflicts_found_ids: BTreeSet<String>,
    pub updates_found_ids: BTreeSet<String>,
    pub in_document_found_ids: BTreeSet<String>,
    /// Report claim texts of each false cross-article conflict, with the gold's `why` if any.
    pub false_conflict_details: Vec<String>,
    pub false_in_document_details: Vec<String>,
    pub boilerplate_claim_details: Vec<String>,
}

impl Metrics {
    /// The one-line summary `score.py` prints (without the SHORT suffix).
    pub fn line(&self) -> String {
        let mut s = format!(
            "claims {}/{} (values {}/{}) · facts {}/{} · conflicts {}/{} · ",
            self.claims_found, self.claims_gold, self.values_correct, self.values_checked, self.facts_found, self.facts_gold, self.conflicts_found, self.conflicts_gold
        );
        if self.updates_gold > 0 {
            s.push_str(&format!("updates {}/{} · ", self.updates_found, self.updates_gold));
        }
        s.push_str(&format!("false conflicts {} · ", self.false_conflicts));
        if self.in_document_gold > 0 {
            s.push_str(&format!("in-document {}/{} · ", self.in_document_found, self.in_document_gold));
        }
        if self.false_in_document > 0 {
            s.push_str(&format!("false in-document {} · ", self.false_in_document));
        }
        s.push_str(&format!("boilerplate claims {}", self.boilerplate_claims));
        s
    }

    /// The metrics as `score.py --json` prints them.
    pub fn to_json(&self) -> J {
        serde_json::json!({
            "claims_gold": self.claims_gold,
            "claims_found": self.claims_found,
            "claim_recall": self.claim_recall,
            "values_correct": self.values_correct,
            "values_checked": self.values_checked,
            "claims_reported": self.claims_reported,
            "boilerplate_claims": self.boilerplate_claims,
            "facts_gold": self.facts_gold,
            "facts_found": self.facts_found,
            "conflicts_gold": self.conflicts_gold,
            "conflicts_found": self.conflicts_found,
            "conflict_recall": self.conflict_recall,
            "conflicts_reported": self.conflicts_reported,
            "updates_gold": self.updates_gold,
            "updates_found": self.updates_found,
            "false_conflicts": self.false_conflicts,
            "in_document_gold": self.in_document_gold,
            "in_document_found": self.in_document_found,
            "false_in_document": self.false_in_document,
        })
    }
}

fn fail(msg: String) -> ! {
    panic!("score: {msg}")
}

fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(from.min(hay.len()));
    }
    if from > hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// `find_span`: the first occurrence of the quote's UTF-8 bytes.
fn find_span(text: &[u8], quote: &str, where_: &str) -> (i64, i64) {
    let q = quote.as_bytes();
    match find_bytes(text, q, 0) {
        Some(i) => (i as i64, (i + q.len()) as i64),
        None => fail(format!("gold quote not found in {where_}: {quote:?}")),
    }
}

fn overlaps(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A scalar of a claim's value, as `values_in` sees it: numbers as floats, strings as-is.
#[derive(Debug, Clone, PartialEq)]
enum Scalar {
    Num(f64),
    Str(String),
}

/// Python's `float(str)`: surrounding whitespace allowed, `_` between digits allowed,
/// `inf`/`infinity`/`nan` in any case with an optional sign.
fn py_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return None;
    }
    let b = t.as_bytes();
    let mut cleaned = String::with_capacity(t.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let ok = i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit();
            if !ok {
                return None;
            }
        } else {
            cleaned.push(c as char);
        }
    }
    if !cleaned.is_ascii() {
        return None;
    }
    let body = cleaned.trim_start_matches(['+', '-']);
    if cleaned.len() - body.len() > 1 {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" || lower == "nan" {
        let v = if lower == "nan" { f64::NAN } else { f64::INFINITY };
        return Some(if cleaned.starts_with('-') { -v } else { v });
    }
    // Rust accepts a few forms Python rejects and vice versa only at the edges above.
    if !body.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-')) {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

/// `values_in`: every scalar inside a claim's value (dict values, list items), depth first.
fn values_in(obj: &J) -> Vec<Scalar> {
    let mut out = Vec::new();
    match obj {
        J::Object(m) => {
            for v in m.values() {
                out.extend(values_in(v));
            }
        }
        J::Array(a) => {
            for v in a {
                out.extend(values_in(v));
            }
        }
        J::Bool(_) | J::Null => {}
        J::Number(n) => out.push(Scalar::Num(n.as_f64().unwrap_or(f64::NAN))),
        J::String(s) => {
            out.push(Scalar::Str(s.clone()));
            if let Some(f) = py_float(s) {
                out.push(Scalar::Num(f));
            }
        }
    }
    out
}

/// Python's `str()` of a YAML scalar that is not a number.
fn py_str(v: &J) -> String {
    match v {
        J::String(s) => s.clone(),
        J::Null => "None".into(),
        J::Bool(true) => "True".into(),
        J::Bool(false) => "False".into(),
        other => other.to_string(),
    }
}

/// `expect_met`: every expected number is among the value's numbers; every expected string
/// starts one of the value's strings.
fn expect_met(expect: &J, claim: &J) -> bool {
    let vals = values_in(claim.get("value").unwrap_or(&J::Null));
    for e in expect.as_array().map(|a| a.as_slice()).unwrap_or(&[]) {
        // In Python a bool is an int: True == 1.0.
        let num = match e {
            J::Number(n) => n.as_f64(),
            J::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            _ => None,
        };
        if let Some(x) = num {
            if !vals.iter().any(|v| matches!(v, Scalar::Num(y) if *y == x)) {
                return false;
            }
        } else {
            let want = py_str(e);
            if !vals.iter().any(|v| matches!(v, Scalar::Str(s) if s.starts_with(&want))) {
                return false;
            }
        }
    }
    true
}

/// Python truthiness of a JSON value.
fn truthy(v: Option<&J>) -> bool {
    match v {
        None | Some(J::Null) => false,
        Some(J::Bool(b)) => *b,
        Some(J::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(J::String(s)) => !s.is_empty(),
        Some(J::Array(a)) => !a.is_empty(),
        Some(J::Object(m)) => !m.is_empty(),
    }
}

fn list(v: Option<&J>) -> &[J] {
    v.and_then(|x| x.as_array()).map(|a| a.as_slice()).unwrap_or(&[])
}

fn s<'a>(v: &'a J, key: &str) -> &'a str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or_else(|| fail(format!("gold entry without string '{key}': {v}")))
}

/// A Python-style `round(x, 3)` for the recall figures (half to even on the scaled value).
fn round3(x: f64) -> f64 {
    let y = x * 1000.0;
    let r = y.round();
    let r = if (y - y.trunc()).abs() == 0.5 && r % 2.0 != 0.0 { r - y.signum() } else { r };
    r / 1000.0
}

/// Python's `os.path.splitext(name)[0]`.
fn stem_of(name: &str) -> &str {
    let base_start = name.rfind('/').map_or(0, |i| i + 1);
    let base = &name[base_start..];
    let lead = base.len() - base.trim_start_matches('.').len();
    match base[lead..].rfind('.') {
        Some(i) => &name[..base_start + lead + i],
        None => name,
    }
}

/// Score `report` (a parsed JSON report) against the gold at `gold_path`, reading the gold's
/// documents from `docs_dir`. Panics (like `score.py` exits 2) on bad input.
pub fn score(report: &J, gold_path: &Path, docs_dir: &Path) -> Metrics {
    let gold_text = std::fs::read_to_string(gold_path).unwrap_or_else(|e| fail(format!("cannot read gold {}: {e}", gold_path.display())));
    let gold_yaml: serde_yaml::Value = serde_yaml::from_str(&gold_text).unwrap_or_else(|e| fail(format!("gold is not YAML: {e}")));
    let gold: J = serde_json::to_value(gold_yaml).unwrap_or_else(|e| fail(format!("gold does not convert to JSON: {e}")));
    score_gold(report, &gold, docs_dir)
}

/// Which reported claim kinds may stand for a gold claim of each kind (score.py's `KINDS`): a
/// date or time may be carried by the event it dates, a place by the event it locates; a
/// quotation never stands for the figure inside it.
fn kind_fits(gold: &str, reported: &str) -> bool {
    let fits: &[&str] = match gold {
        "quantity" => &["quantity"],
        "date" => &["date", "event", "time"],
        "time" => &["time", "date", "event"],
        "duration" => &["duration", "recency"],
        "location" => &["location", "event"],
        "event" => &["event"],
        "quote" => &["quote", "statement"],
        "set" => &["set"],
        other => return other == reported,
    };
    fits.contains(&reported)
}

/// As `score`, with the gold already parsed (YAML converted to JSON).
pub fn score_gold(report: &J, gold: &J, docs_dir: &Path) -> Metrics {
    for key in ["documents", "claims", "findings"] {
        if !report.get(key).is_some_and(|v| v.is_array()) {
            fail(format!("report has no list '{key}' (see report-contract.md)"));
        }
    }
    let report_docs = list(report.get("documents"));
    let report_claims = list(report.get("claims"));
    let report_findings = list(report.get("findings"));

    // The gold's documents, by id, from files whose stem is the id.
    let mut entries: Vec<String> = std::fs::read_dir(docs_dir)
        .unwrap_or_else(|e| fail(format!("cannot list {}: {e}", docs_dir.display())))
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    entries.sort();
    let gold_docs = gold.get("documents").and_then(|d| d.as_object()).unwrap_or_else(|| fail("gold has no documents".into()));
    let mut texts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for doc_id in gold_docs.keys() {
        let Some(f) = entries.iter().find(|f| stem_of(f) == doc_id) else { fail(format!("document {doc_id} not found in {}", docs_dir.display())) };
        let bytes = std::fs::read(docs_dir.join(f)).unwrap_or_else(|e| fail(format!("cannot read {f}: {e}")));
        texts.insert(doc_id.clone(), bytes);
    }

    // Map the report's document ids onto gold ids (by id, else by file stem of path).
    let mut doc_map: HashMap<Option<String>, String> = HashMap::new();
    for d in report_docs {
        let rid = d.get("id").and_then(|x| x.as_str()).map(str::to_string);
        let path = d.get("path").and_then(|x| x.as_str()).unwrap_or("");
        let base = path.rsplit('/').next().unwrap_or(path);
        let stem = stem_of(base).to_string();
        for c in [rid.clone(), Some(stem)].into_iter().flatten() {
            if texts.contains_key(&c) {
                doc_map.insert(rid.clone(), c);
                break;
            }
        }
    }
    let doc_of_claim = |rc: &J| -> Option<String> {
        let key = rc.get("doc").and_then(|x| x.as_str()).map(str::to_string);
        doc_map.get(&key).cloned()
    };

    // Gold spans.
    let gold_claims = list(gold.get("claims"));
    let mut gspan: BTreeMap<String, (String, (i64, i64))> = BTreeMap::new();
    let mut gkind: BTreeMap<String, String> = BTreeMap::new();
    for c in gold_claims {
        let doc = s(c, "doc").to_string();
        gkind.insert(s(c, "id").to_string(), c.get("kind").and_then(|k| k.as_str()).unwrap_or("quantity").to_string());
        let text = texts.get(&doc).unwrap_or_else(|| fail(format!("gold claim in unknown document {doc}")));
        gspan.insert(s(c, "id").to_string(), (doc.clone(), find_span(text, s(c, "quote"), &doc)));
    }
    let mut boiler: Vec<(String, (i64, i64))> = Vec::new();
    for (doc_id, meta) in gold_docs {
        let t = &texts[doc_id];
        for b in list(meta.get("boilerplate")) {
            let (st, _) = find_span(t, s(b, "from"), doc_id);
            let e = if truthy(b.get("to_end_of_file")) {
                t.len() as i64
            } else {
                find_bytes(t, b"\n", st as usize).map_or(t.len() as i64, |i| i as i64)
            };
            boiler.push((doc_id.clone(), (st, e)));
        }
    }
    for f in list(gold.get("forbidden")) {
        let doc = s(f, "doc").to_string();
        let t = texts.get(&doc).unwrap_or_else(|| fail(format!("forbidden quote in unknown document {doc}")));
        let sp = find_span(t, s(f, "quote"), &doc);
        boiler.push((doc, sp));
    }

    // Which gold claims each reported claim hits (in report order, like Python's dict).
    let mut hits: Vec<(String, BTreeSet<String>)> = Vec::new();
    let mut boiler_claims: Vec<&J> = Vec::new();
    for rc in report_claims {
        let Some(gdoc) = doc_of_claim(rc) else { continue };
        let span = rc.get("span");
        let int = |k: &str| span.and_then(|sp| sp.get(k)).and_then(|x| if x.is_i64() || x.is_u64() { x.as_i64() } else { None });
        let (Some(st), Some(en)) = (int("start"), int("end")) else { continue };
        let rkind = rc.get("kind").and_then(|k| k.as_str()).unwrap_or("");
        let hs: BTreeSet<String> = gspan
            .iter()
            .filter(|(g, (d, sp))| *d == gdoc && overlaps((st, en), *sp) && kind_fits(&gkind[*g], rkind))
            .map(|(g, _)| g.clone())
            .collect();
        let rid = rc.get("id").map(py_str).unwrap_or_default();
        // A repeated id replaces the earlier entry in place, as a dict assignment would.
        match hits.iter_mut().find(|(r, _)| *r == rid) {
            Some(e) => e.1 = hs,
            None => hits.push((rid, hs)),
        }
        if boiler.iter().any(|(d, sp)| *d == gdoc && overlaps((st, en), *sp)) {
            boiler_claims.push(rc);
        }
    }
    let mut by_id: HashMap<String, &J> = HashMap::new();
    for rc in report_claims {
        by_id.insert(rc.get("id").map(py_str).unwrap_or_default(), rc);
    }
    let hits_of = |rid: &str| -> Option<&BTreeSet<String>> { hits.iter().find(|(r, _)| r == rid).map(|(_, h)| h) };

    let mut m = Metrics::default();
    let mut found_claims: BTreeSet<String> = BTreeSet::new();
    for c in gold_claims {
        let gid = s(c, "id");
        let rcs: Vec<&J> = hits.iter().filter(|(_, hs)| hs.contains(gid)).map(|(r, _)| by_id[r]).collect();
        if !rcs.is_empty() {
            found_claims.insert(gid.to_string());
            if truthy(c.get("expect")) {
                m.values_checked += 1;
                let expect = &c["expect"];
                if rcs.iter().any(|rc| expect_met(expect, rc)) {
                    m.values_correct += 1;
                } else {
                    let got: Vec<String> = rcs.iter().map(|rc| format!("{} {}", rc["text"], rc["value"])).collect();
                    m.wrong_values.push(format!("{gid}: expected {expect} in one of {got:?}"));
                }
            }
        } else {
            m.missing_claims.push(gid.to_string());
        }
    }

    // gold id -> doc, for the gold claims a finding's claims hit.
    let gold_hits_of = |f: &J| -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for rid in list(f.get("claims")) {
            if let Some(hs) = hits_of(&py_str(rid)) {
                for gid in hs {
                    out.insert(gid.clone(), gspan[gid].0.clone());
                }
            }
        }
        out
    };
    let covers = |f: &J, gold_ids: &[J]| -> bool {
        let gh = gold_hits_of(f);
        let docs: BTreeSet<&String> = gold_ids.iter().filter_map(|g| gh.get(&py_str(g))).collect();
        docs.len() >= 2
    };
    let expect_of: HashMap<String, Option<&J>> = gold_claims.iter().map(|c| (s(c, "id").to_string(), c.get("expect"))).collect();
    let disagree = |x: &str, y: &str| -> bool {
        let ex = expect_of.get(x).copied().flatten();
        let ey = expect_of.get(y).copied().flatten();
        truthy(ex) && truthy(ey) && ex != ey
    };
    let covers_conflict = |f: &J, g: &J| -> bool {
        let gh = gold_hits_of(f);
        let ids: Vec<String> = list(g.get("claims")).iter().map(py_str).filter(|i| gh.contains_key(i)).collect();
        let odd: BTreeSet<String> = list(g.get("odd")).iter().map(py_str).collect();
        for i in &ids {
            for j in &ids {
                if gh[i] == gh[j] || i >= j {
                    continue;
                }
                if !odd.is_empty() {
                    if odd.contains(i) != odd.contains(j) {
                        return true;
                    }
                } else if disagree(i, j) {
                    return true;
                }
            }
        }
        false
    };
    let docs_of = |f: &J| -> BTreeSet<Option<String>> {
        list(f.get("claims")).iter().filter_map(|c| by_id.get(&py_str(c))).map(|rc| doc_of_claim(rc)).collect()
    };
    let verdict_of = |f: &J| -> Option<String> { f.get("verdict").and_then(|v| v.as_str()).map(str::to_string) };
    let texts_of = |f: &J| -> Vec<String> { list(f.get("claims")).iter().filter_map(|c| by_id.get(&py_str(c))).map(|rc| py_str(rc.get("text").unwrap_or(&J::Null))).collect() };

    let facts = list(gold.get("facts"));
    for fact in facts {
        let accepted: Vec<String> = list(fact.get("verdict")).iter().map(py_str).collect();
        let ok = report_findings.iter().any(|f| verdict_of(f).is_some_and(|v| accepted.contains(&v)) && covers(f, list(fact.get("claims"))));
        if ok {
            m.facts_found_ids.push(s(fact, "id").to_string());
        } else {
            m.facts_missing.push(s(fact, "id").to_string());
        }
    }

    let gold_conflicts = list(gold.get("conflicts"));
    let gold_updates = list(gold.get("updates"));
    let tolerated = list(gold.get("tolerated"));
    let no_conflict = list(gold.get("no_conflict"));
    let in_doc_gold = list(gold.get("in_document"));
    let mut cross: Vec<&J> = Vec::new();
    let mut false_in_doc: Vec<&J> = Vec::new();
    for f in report_findings {
        if !matches!(verdict_of(f).as_deref(), Some("conflict" | "updated")) {
            continue;
        }
        if docs_of(f).len() >= 2 {
            cross.push(f);
            continue;
        }
        let gh = gold_hits_of(f);
        let matched: Vec<String> = in_doc_gold.iter().filter(|g| list(g.get("claims")).iter().any(|c| gh.contains_key(&py_str(c)))).map(|g| s(g, "id").to_string()).collect();
        if !matched.is_empty() {
            m.in_document_found_ids.extend(matched);
        } else {
            false_in_doc.push(f);
        }
    }
    let mut false_conf: Vec<(&J, Vec<String>)> = Vec::new();
    for &f in &cross {
        let matched: Vec<String> = gold_conflicts.iter().filter(|g| covers_conflict(f, g)).map(|g| s(g, "id").to_string()).collect();
        if !matched.is_empty() && verdict_of(f).as_deref() == Some("conflict") {
            m.conflicts_found_ids.extend(matched);
            continue;
        }
        let upd: Vec<String> = gold_updates.iter().filter(|g| covers(f, list(g.get("claims")))).map(|g| s(g, "id").to_string()).collect();
        if !upd.is_empty() {
            m.updates_found_ids.extend(upd);
            continue;
        }
        if !matched.is_empty() {
            // A real conflict reported as a mere update: neither found nor false.
            continue;
        }
        let severity = f.get("severity").and_then(|x| x.as_str());
        if severity != Some("error") && tolerated.iter().any(|t| covers(f, list(t.get("claims")))) {
            continue;
        }
        let why: Vec<String> = no_conflict.iter().filter(|n| covers(f, list(n.get("claims")))).map(|n| n.get("why").map(py_str).unwrap_or_default()).collect();
        false_conf.push((f, why));
    }

    m.claims_gold = gold_claims.len();
    m.claims_found = found_claims.len();
    m.claim_recall = round3(found_claims.len() as f64 / gold_claims.len().max(1) as f64);
    m.claims_reported = report_claims.len();
    m.boilerplate_claims = boiler_claims.len();
    m.facts_gold = facts.len();
    m.facts_found = m.facts_found_ids.len();
    m.conflicts_gold = gold_conflicts.len();
    m.conflicts_found = m.conflicts_found_ids.len();
    m.conflict_recall = if gold_conflicts.is_empty() { None } else { Some(round3(m.conflicts_found as f64 / gold_conflicts.len() as f64)) };
    m.conflicts_reported = cross.len();
    m.updates_gold = gold_updates.len();
    m.updates_found = m.updates_found_ids.len();
    m.false_conflicts = false_conf.len();
    m.in_document_gold = in_doc_gold.len();
    m.in_document_found = m.in_document_found_ids.len();
    m.false_in_document = false_in_doc.len();
    m.false_conflict_details = false_conf
        .iter()
        .map(|(f, why)| format!("false {}: {:?}{}", verdict_of(f).unwrap_or_default(), texts_of(f), why.first().map(|w| format!(" — {w}")).unwrap_or_default()))
        .collect();
    m.false_in_document_details = false_in_doc
        .iter()
        .map(|f| format!("false in-document {}: {:?} {}", verdict_of(f).unwrap_or_default(), texts_of(f), f.get("explanation").map(py_str).unwrap_or_default()))
        .collect();
    m.boilerplate_claim_details = boiler_claims.iter().map(|rc| format!("boilerplate claim: {} {} {}", rc["doc"], rc["span"], rc["text"])).collect();
    m
}

