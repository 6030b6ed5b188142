//! Facts: a finding as people read it, shared by the table and the HTML report — who says what
//! (the finding's claims grouped by value, each value with the names that state it and how many
//! articles), the timeline of an updated figure, the explanation with its citations shortened
//! to outlet names, and every citation once.
//!
//! Grouping follows the phrased value: two claims a reader would write the same way are one
//! value. Order is fixed (most articles first, then first in the input), so output is stable.

use std::collections::BTreeSet;

use crate::Report;
use crate::claim::Value;
use crate::judge::{Finding, Severity, Verdict};

use super::phrase::Phraser;

/// One value of a fact and who states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The value as a person writes it ("162 deaths").
    pub value: String,
    /// Who states it, in order of first appearance (sources and speakers, else outlets).
    pub who: Vec<String>,
    /// The documents that state it.
    pub docs: BTreeSet<usize>,
    /// The claims, in input order.
    pub claims: Vec<usize>,
    /// For a step of a timeline: when the figure was stated ("Tue 22 Nov 2022, 09:30 WIB").
    pub when: Option<String>,
}

impl Group {
    /// "162 deaths — Ridwan Kamil, Metro Post (2 articles)".
    pub fn line(&self) -> String {
        let n = self.docs.len();
        let when = self.when.as_ref().map(|w| format!(" [{w}]")).unwrap_or_default();
        format!("{}{when} — {} ({n} article{})", self.value, self.who.join(", "), if n == 1 { "" } else { "s" })
    }
}

/// A finding ready to show.
#[derive(Debug, Clone)]
pub struct Fact {
    pub verdict: Verdict,
    pub severity: Severity,
    /// What it is about ("deaths", "quote · Jens Stoltenberg").
    pub title: String,
    /// The values and who states them; for an update, the steps oldest first.
    pub groups: Vec<Group>,
    /// The groups are a timeline (an updated figure).
    pub timeline: bool,
    /// The explanation, citations replaced by outlet names and ids by names.
    pub why: String,
    /// Every cited line once: "a.md:7,11 · b.md:7".
    pub cites: String,
}

/// "conflict (error)", "updated (warning)", "corroborated": the severity is named when it
/// asks for attention.
pub fn verdict_label(v: Verdict, s: Severity) -> String {
    let name = v.name().replace('_', "-");
    if s == Severity::Info { name } else { format!("{name} ({})", s.name()) }
}

/// When a figure was stated, for ordering a timeline: its date (or none) and its clock time in
/// UTC minutes (or none).
fn stamp(rep: &Report, ci: usize) -> (Option<jiff::civil::Date>, Option<i32>) {
    match &rep.claims[ci].value {
        Value::Quantity(q) => (q.as_of.as_ref().and_then(|m| m.resolved.as_ref()).map(|r| r.date), q.as_of_time.map(|t| t.minutes - t.zone.unwrap_or(0))),
        _ => (None, None),
    }
}

fn when(p: &Phraser<'_>, ci: usize) -> Option<String> {
    let c = &p.rep.claims[ci];
    let Value::Quantity(q) = &c.value else { return None };
    let date = p.date_of(q.as_of.as_ref());
    let time = q.as_of_time.map(|t| p.time(&t, c.doc));
    match (date, time) {
        (Some(d), Some(t)) => Some(format!("{d}, {t}")),
        (Some(d), None) => Some(d),
        (None, Some(t)) => Some(t),
        (None, None) => None,
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Who says what: the claims grouped by phrased value, most articles first.
pub fn tally(p: &Phraser<'_>, claims: &[usize]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for &ci in claims {
        let value = p.value(ci);
        let doc = p.rep.claims[ci].doc;
        let g = match groups.iter_mut().position(|g| g.value == value) {
            Some(i) => &mut groups[i],
            None => {
                groups.push(Group { value, who: vec![], docs: BTreeSet::new(), claims: vec![], when: None });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        push_unique(&mut g.who, p.who(ci));
        g.docs.insert(doc);
        g.claims.push(ci);
    }
    // A stable sort: equal counts keep their order of first appearance.
    groups.sort_by_key(|g| std::cmp::Reverse(g.docs.len()));
    groups
}

/// The steps of an updated figure, oldest first: consecutive claims with the same value and
/// time are one step.
pub fn timeline(p: &Phraser<'_>, claims: &[usize]) -> Vec<Group> {
    let mut order: Vec<usize> = claims.to_vec();
    order.sort_by_key(|&ci| (stamp(p.rep, ci), ci));
    let mut steps: Vec<Group> = Vec::new();
    for ci in order {
        let value = p.value(ci);
        let w = when(p, ci);
        let doc = p.rep.claims[ci].doc;
        match steps.last_mut() {
            Some(g) if g.value == value && g.when == w => {
                push_unique(&mut g.who, p.who(ci));
                g.docs.insert(doc);
                g.claims.push(ci);
            }
            _ => steps.push(Group { value, who: vec![p.who(ci)], docs: BTreeSet::from([doc]), claims: vec![ci], when: w }),
        }
    }
    steps
}

/// Every cited line once, grouped by file in input order: "a.md:7,11 · b.md:7".
pub fn cites(rep: &Report, claims: &[usize]) -> String {
    let mut by_doc: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut sorted = claims.to_vec();
    sorted.sort();
    for ci in sorted {
        let c = &rep.claims[ci];
        let (line, _) = rep.documents[c.doc].line_col(c.span.start);
        match by_doc.iter_mut().find(|(d, _)| *d == c.doc) {
            Some((_, lines)) => {
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
            None => by_doc.push((c.doc, vec![line])),
        }
    }
    by_doc
        .iter()
        .map(|(d, lines)| format!("{}:{}", rep.documents[*d].file_name(), lines.iter().map(usize::to_string).collect::<Vec<_>>().join(",")))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Characters that may stand inside an id in an explanation.
fn id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The explanation for people: each claim's citation (`file:line:col 'words'`, the form
/// `Report::cite` gives) becomes the outlet that prints it, file names become outlets, ISO
/// dates are phrased, and the ids of the finding's people, places and things become their
/// names. Whatever the judge writes otherwise stays as it is.
pub fn why(p: &Phraser<'_>, f: &Finding) -> String {
    let rep = p.rep;
    let mut text = rep.explanation(f).into_owned();
    let mut docs: Vec<usize> = f.claims.iter().map(|&ci| rep.claims[ci].doc).collect();
    docs.sort();
    docs.dedup();
    for &ci in &f.claims {
        text = text.replace(&rep.cite(ci), &p.outlet(rep.claims[ci].doc));
    }
    for &d in &docs {
        let file = rep.documents[d].file_name();
        // A file name is replaced only where it stands alone, not inside a longer one.
        text = replace_token(&text, file, &p.outlet(d), |c| id_char(c) || c == '.');
    }
    // Ids of what the claims name, each with its display name.
    let mut names: Vec<(String, String)> = Vec::new();
    for &ci in &f.claims {
        let c = &rep.claims[ci];
        for r in [&c.subject, &c.speaker, &c.source].into_iter().flatten() {
            names.push((r.id().to_string(), p.reference(r, c)));
        }
        match &c.value {
            Value::Quantity(q) => {
                if let Some(of) = &q.of {
                    for part in of.split('.') {
                        names.push((part.to_string(), rep.labels.concept(part, None)));
                    }
                }
            }
            Value::Location { place, within, .. } => {
                for id in std::iter::once(place).chain(within) {
                    names.push((id.clone(), p.place(id, c)));
                }
            }
            Value::Event(e) => {
                names.push((e.event.clone(), rep.labels.event(&e.event)));
                for id in e.place.iter().chain(&e.destination).chain(&e.parties) {
                    names.push((id.clone(), p.place(id, c)));
                }
                if let Some(r) = &e.principal {
                    names.push((r.id().to_string(), p.reference(r, c)));
                }
            }
            Value::Set { members, .. } => {
                for m in members {
                    names.push((m.clone(), p.name(m, c)));
                }
            }
            _ => {}
        }
    }
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    names.dedup_by(|a, b| a.0 == b.0);
    text = map_tokens(&text, |tok| names.iter().find(|(id, _)| id == tok).map(|(_, n)| n.clone()));
    phrase_dates(p, &text)
}

/// Replace `from` with `to` where it is not part of a longer token (`inner` tells token chars).
fn replace_token(text: &str, from: &str, to: &str, inner: impl Fn(char) -> bool) -> String {
    if from.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before = rest[..i].chars().last();
        let mut tail = rest[i + from.len()..].chars();
        // A full stop after the name ends the sentence unless a token goes on after it.
        let after_joined = match tail.next() {
            Some('.') => tail.next().is_some_and(&inner),
            Some(c) => inner(c),
            None => false,
        };
        let joined = before.is_some_and(&inner) || after_joined;
        out.push_str(&rest[..i]);
        out.push_str(if joined { from } else { to });
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Apply `f` to every id-like token (letters, digits, `_`), keeping the rest.
fn map_tokens(text: &str, f: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (id_char(c) && i < text.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let tok = &text[s..i];
                // Only ids: a token with an underscore, or all lower-case (names are capitalised).
                let id_like = tok.contains('_') || tok.chars().all(|c| !c.is_uppercase());
                match f(tok).filter(|_| id_like) {
                    Some(n) => out.push_str(&n),
                    None => out.push_str(tok),
                }
                start = None;
                if i < text.len() {
                    out.push(c);
                }
            }
            (false, None) => {
                if i < text.len() {
                    out.push(c);
                }
            }
            (true, Some(_)) => {}
        }
    }
    out
}

/// ISO dates ("2022-11-22") in an explanation, phrased ("Tue 22 Nov 2022").
fn phrase_dates(p: &Phraser<'_>, text: &str) -> String {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let Some(re) = RE.get_or_init(|| regex::Regex::new(r"\b\d{4}-\d{2}-\d{2}\b").ok()) else { return text.to_string() };
    re.replace_all(text, |m: &regex::Captures<'_>| {
        let s = &m[0];
        match s.parse::<jiff::civil::Date>() {
            Ok(date) => p.date(&crate::claim::Resolved { date, precision: crate::claim::Precision::Day, slack: 0, year_inferred: false, relative: false, how: None }),
            Err(_) => s.to_string(),
        }
    })
    .into_owned()
}

/// A finding, ready to show.
pub fn fact(rep: &Report, f: &Finding) -> Fact {
    let p = Phraser::new(rep);
    let is_timeline = f.verdict == Verdict::Updated && f.claims.iter().all(|&ci| matches!(rep.claims[ci].value, Value::Quantity(_)));
    let groups = if is_timeline { timeline(&p, &f.claims) } else { tally(&p, &f.claims) };
    Fact { verdict: f.verdict, severity: f.severity, title: p.fact(f), groups, timeline: is_timeline, why: why(&p, f), cites: cites(rep, &f.claims) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_replaced_only_whole() {
        let inner = |c: char| id_char(c) || c == '.';
        assert_eq!(replace_token("a.md says; aa.md and a.md.", "a.md", "Wire", inner), "Wire says; aa.md and Wire.");
        assert_eq!(replace_token("(a.md: bnpb)", "a.md", "Wire", inner), "(Wire: bnpb)");
    }

    #[test]
    fn only_lower_case_ids_are_mapped() {
        let f = |t: &str| (t == "bnpb" || t == "nico_afianta").then(|| t.to_uppercase());
        assert_eq!(map_tokens("bnpb and nico_afianta, not Bnpb.", f), "BNPB and NICO_AFIANTA, not Bnpb.");
    }
}
