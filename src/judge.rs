//! Judge: decides how the claims of one block relate — corroborated, compatible, conflict,
//! updated or single-source — with a severity and one sentence a person can check.
//!
//! "No false alarms" is the design goal: a conflict needs two claims that cannot both hold
//! for the same thing at the same time; anything unsure is compatible or a warning.

use std::collections::BTreeSet;

use crate::align::Block;
use crate::claim::*;
use crate::normalise::{dates_compatible, days_between};
use crate::rules::{EntityType, RuleSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Conflict,
    Updated,
    Compatible,
    Corroborated,
    SingleSource,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Updated => "updated",
            Verdict::Compatible => "compatible",
            Verdict::Corroborated => "corroborated",
            Verdict::SingleSource => "single_source",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub verdict: Verdict,
    pub severity: Severity,
    pub claims: Vec<usize>,
    pub explanation: String,
    /// What the finding is about, for grouping in the table ("munitions", "sign").
    pub topic: String,
    /// Rests on one document (a check inside one article).
    pub in_document: bool,
    /// The alignment key of the block the finding was judged in (`quantity|deaths`,
    /// `weekday`, `name`): what the finding is about, stable across runs.
    pub key: String,
    /// A stable name for what the finding says (`report::fingerprint`), filled when the
    /// report is assembled; baselines match findings by it.
    pub fingerprint: String,
}

/// A block's findings and the relations (claim, claim, verdict) they add to the graph.
pub type Judged = (Vec<Finding>, Vec<(usize, usize, String)>);

/// How to name a claim in an explanation: `doc:line 'text'`.
pub trait Cite: Sync {
    fn cite(&self, claim: usize) -> String;
    fn doc_of(&self, claim: usize) -> usize;
}

pub struct Judge<'a> {
    pub rules: &'a RuleSet,
    pub claims: &'a [Claim],
    pub cite: &'a dyn Cite,
}

/// Pairwise checks look at no more than this many claims of one block, so cost stays linear in
/// the corpus however many articles repeat one fact.
const PAIR_SCAN: usize = 64;

fn finding(verdict: Verdict, severity: Severity, claims: Vec<usize>, topic: &str, explanation: String) -> Finding {
    Finding { verdict, severity, claims, explanation, topic: topic.to_string(), in_document: false, key: String::new(), fingerprint: String::new() }
}

impl<'a> Judge<'a> {
    fn docs(&self, ids: &[usize]) -> usize {
        ids.iter().map(|&i| self.cite.doc_of(i)).collect::<BTreeSet<_>>().len()
    }

    /// Judge one block. Returns findings and the graph edges they rest on.
    pub fn block(&self, b: &Block) -> Judged {
        let topic = b.key.split('|').nth(1).unwrap_or("").to_string();
        if self.docs(&b.claims) < 2 {
            let ex = format!("Only {} states this ({}).", self.cite.cite(b.claims[0]).split(' ').next().unwrap_or(""), describe(&self.claims[b.claims[0]]));
            let mut f = finding(Verdict::SingleSource, Severity::Info, b.claims.clone(), &topic, ex);
            f.key = b.key.clone();
            return (vec![f], vec![]);
        }
        let found = match &self.claims[b.claims[0]].value {
            Value::Quantity(_) => self.quantities(b, &topic),
            Value::Event(_) => self.events(b, &topic),
            Value::Date { .. } => self.statement_dates(b, &topic),
            Value::Recency(_) => self.recency(b, &topic),
            Value::Quote(_) => self.quotes(b, &topic),
            Value::Set { .. } => self.sets(b, &topic),
            Value::Duration { .. } => vec![],
        };
        let mut found = found;
        for f in &mut found {
            f.key = b.key.clone();
        }
        let mut edges = Vec::new();
        for f in &found {
            let rel = f.verdict.name().to_string();
            for w in f.claims.windows(2) {
                edges.push((w[0], w[1], rel.clone()));
            }
        }
        (found, edges)
    }

    /// Figures are compared only with figures of the same scope and the same measure: units
    /// of one dimension are converted exactly (km → m); different currencies or units are
    /// never compared. A figure without a stated unit (a vague amount) joins the only unit
    /// of its block.
    fn quantities(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let q = |i: usize| match &self.claims[i].value {
            Value::Quantity(q) => Some(q),
            _ => None,
        };
        let measure = |i: usize| -> Option<String> {
            let u = q(i)?.unit.clone()?;
            Some(self.unit_rule(&u).and_then(|r| r.dimension.clone()).unwrap_or(u))
        };
        let needs_unit = self.rules.languages.values().flat_map(|p| p.concepts.iter()).any(|c| c.id == topic && c.needs_unit);
        // Where the count applies: the scope phrase after it, else a place named as its subject
        // ("In Thessaloniki, 20,000 marched"). Who the count is about: an actor subject.
        let kind_of = |r: &Ref| match r {
            Ref::Entity(id) => self.rules.entities.get(id).and_then(|e| e.kind),
            _ => None,
        };
        let is_place = |k: Option<EntityType>| matches!(k, Some(EntityType::City | EntityType::Place));
        // "another 20,000" with nothing saying where is a group of its own.
        let scope = |i: usize| -> Option<String> {
            let v = q(i)?;
            v.scope.clone().or_else(|| self.claims[i].subject.as_ref().filter(|r| is_place(kind_of(r))).map(|r| r.id().to_string())).or_else(|| v.other.then(|| format!("other#{i}")))
        };
        // Any named subject that is not a place acts: a country, an organisation, a person, a ship.
        let actor = |i: usize| -> Option<String> {
            self.claims[i].subject.as_ref().filter(|r| !is_place(kind_of(r)) && kind_of(r) != Some(EntityType::Outlet)).map(|r| r.id().to_string())
        };
        let ids: Vec<usize> = b.claims.iter().copied().filter(|&i| !(needs_unit && q(i).is_some_and(|v| v.unit.is_none()))).collect();
        // Agreement needs no partition: equal figures corroborate whatever scope or actor the
        // sentences name. Only a conflict needs the same scope and actor (`quantity_group`), so
        // figures are grouped here by what they are measured in alone.
        let mut parts: std::collections::BTreeMap<Option<String>, Vec<usize>> = Default::default();
        for &i in &ids {
            parts.entry(measure(i)).or_default().push(i);
        }
        // Unit-less figures (a vague amount) join the one measure of the block, if there is one.
        let measured: Vec<Option<String>> = parts.keys().filter(|k| k.is_some()).cloned().collect();
        if measured.len() == 1 {
            if let Some(moved) = parts.remove(&None) {
                parts.entry(measured[0].clone()).or_default().extend(moved);
            }
        }
        // An amount with a stated conversion ("85 million euros ($108 million)") is also compared,
        // through that conversion, with figures in the other currency. Never through live rates.
        for &i in &ids {
            let Some((_, cu)) = q(i).and_then(|v| v.converted.as_ref()) else { continue };
            let m = Some(self.unit_rule(cu).and_then(|r| r.dimension.clone()).unwrap_or_else(|| cu.clone()));
            if let Some(p) = parts.get_mut(&m) {
                if !p.contains(&i) {
                    p.push(i);
                }
            }
        }
        let raw: std::collections::BTreeMap<usize, (Option<String>, Option<String>)> = ids.iter().map(|&i| (i, (scope(i), actor(i)))).collect();
        let mut out = Vec::new();
        // Amounts in different currencies with no stated conversion between them: noted, never
        // compared (no live exchange rates).
        let currencies: BTreeSet<String> = parts
            .iter()
            .filter(|(k, ids)| k.as_deref().is_some_and(|m| self.is_currency(m)) && !ids.is_empty())
            .filter_map(|(k, _)| k.clone())
            .collect();
        if currencies.len() > 1 {
            let mut ids: Vec<usize> = parts.iter().filter(|(k, _)| k.as_ref().is_some_and(|m| currencies.contains(m))).flat_map(|(_, v)| v.iter().copied()).collect();
            ids.sort();
            ids.dedup();
            if self.docs(&ids) >= 2 {
                let list: Vec<String> = currencies.iter().cloned().collect();
                let ex = format!("{topic} is given in {} without a stated conversion between them; amounts in different currencies are not compared: {}.", list.join(", "), self.cites(&ids));
                out.push(finding(Verdict::Compatible, Severity::Info, ids, topic, ex));
            }
        }
        for (m, mut ids) in parts {
            ids.sort();
            if self.docs(&ids) >= 2 {
                out.extend(self.quantity_group(ids, topic, &raw, m.as_deref()));
            }
        }
        out
    }

    /// A unit written before amounts of money in some language ("$", "Rp", "€").
    fn is_currency(&self, id: &str) -> bool {
        self.rules.languages.values().flat_map(|p| p.units.iter()).any(|u| u.id == id && u.prefix && u.dimension.is_none() && u.of.is_none())
    }

    fn unit_rule(&self, id: &str) -> Option<&crate::rules::UnitRule> {
        self.rules.languages.values().flat_map(|p| p.units.iter()).find(|u| u.id == id)
    }

    /// A figure's interval in the base unit of its dimension.
    fn base_interval(&self, q: &Quantity) -> Interval {
        let f = q.unit.as_deref().and_then(|u| self.unit_rule(u)).and_then(|r| r.dimension.as_ref().and(r.factor)).unwrap_or(1.0);
        Interval { low: q.interval.low.map(|v| v * f), high: q.interval.high.map(|v| v * f), ..q.interval }
    }

    /// `raw`: each claim's scope and actor as written. A conflict needs two figures with the
    /// same ones (unknown only matches unknown); agreement may rest on a settled guess.
    fn quantity_group(&self, ids: Vec<usize>, topic: &str, raw: &std::collections::BTreeMap<usize, (Option<String>, Option<String>)>, measure: Option<&str>) -> Vec<Finding> {
        // Each figure seen in the partition's measure: its own value, or its stated conversion.
        let views: std::collections::BTreeMap<usize, Quantity> = ids
            .iter()
            .filter_map(|&i| match &self.claims[i].value {
                Value::Quantity(q) => {
                    let own = q.unit.as_deref().map(|u| self.unit_rule(u).and_then(|r| r.dimension.as_deref()).unwrap_or(u));
                    match (&q.converted, measure) {
                        (Some((iv, cu)), Some(m)) if own != Some(m) && (cu == m || self.unit_rule(cu).and_then(|r| r.dimension.as_deref()) == Some(m)) => {
                            Some((i, Quantity { interval: *iv, unit: Some(cu.clone()), converted: None, ..q.clone() }))
                        }
                        _ => Some((i, q.clone())),
                    }
                }
                _ => None,
            })
            .collect();
        let q = |i: usize| views.get(&i);
        let mut disjoint = false;
        // Find two claims that cannot both hold. In a large group only the figures with the
        // lowest upper bounds and the highest lower bounds can be the disjoint pair: checking
        // those keeps this O(n log n).
        let candidates: Vec<usize> = if ids.len() <= 64 {
            ids.clone()
        } else {
            let key_hi = |i: &usize| q(*i).and_then(|v| self.base_interval(v).high).unwrap_or(f64::INFINITY);
            let key_lo = |i: &usize| q(*i).and_then(|v| self.base_interval(v).low).unwrap_or(f64::NEG_INFINITY);
            let mut by_hi = ids.clone();
            by_hi.sort_by(|a, b| key_hi(a).total_cmp(&key_hi(b)).then(a.cmp(b)));
            let mut by_lo = ids.clone();
            by_lo.sort_by(|a, b| key_lo(b).total_cmp(&key_lo(a)).then(a.cmp(b)));
            let mut c: Vec<usize> = by_hi.into_iter().take(16).chain(by_lo.into_iter().take(16)).collect();
            c.sort();
            c.dedup();
            c
        };
        let mut worst: Option<(usize, usize)> = None;
        // A running count stated at different times is an update whoever gave each figure.
        let running = self.rules.languages.values().flat_map(|p| p.concepts.iter()).any(|c| c.running && topic.split('.').next() == Some(c.id.as_str()));
        let mut moved_in_time = false;
        for &x in &candidates {
            for &y in &candidates {
                if x >= y || self.cite.doc_of(x) == self.cite.doc_of(y) {
                    continue;
                }
                let (Some(a), Some(bq)) = (q(x), q(y)) else { continue };
                if !self.base_interval(a).overlaps(&self.base_interval(bq)) && !borderline(a, bq) {
                    disjoint = true;
                    if running && matches!((stamp_of(a), stamp_of(bq)), (Some(sa), Some(sb)) if sa != sb) {
                        moved_in_time = true;
                    }
                    if worst.is_none() && raw.get(&x) == raw.get(&y) && !apart(a, bq) {
                        worst = Some((x, y));
                    }
                }
            }
        }
        if moved_in_time && worst.is_none_or(|(x, y)| q(x).and_then(stamp_of) != q(y).and_then(stamp_of)) {
            return vec![self.timeline(&ids, topic)];
        }
        if let Some((x, y)) = worst {
            let stamp = |i: usize| q(i).and_then(stamp_of);
            let (sx, sy) = (stamp(x), stamp(y));
            if let (Some(sx), Some(sy)) = (sx, sy) {
                if sx != sy && running {
                    return vec![self.timeline(&ids, topic)];
                }
                // Other figures may simply have changed between two times the sentences state;
                // articles' own dates only separate figures when weeks apart.
                // An inferred article date is a guess: it never sets two figures apart.
                let stated = |i: usize| q(i).is_some_and(|v| !v.as_of_article);
                let firm = |i: usize| q(i).is_some_and(|v| !v.as_of_article || !v.as_of_inferred);
                let days = days_between(sx.0, sy.0).abs();
                if (stated(x) && stated(y) && days >= 2) || (firm(x) && firm(y) && days > 30) {
                    return vec![];
                }
            }
            let (a, bq) = (q(x).map(|v| self.base_interval(v)), q(y).map(|v| self.base_interval(v)));
            let (Some(a), Some(bq)) = (a, bq) else { return vec![] };
            // Everything on the same side as each extreme joins its side.
            let side_a: Vec<usize> = ids.iter().copied().filter(|&i| q(i).is_some_and(|v| self.base_interval(v).overlaps(&a) && !self.base_interval(v).overlaps(&bq))).collect();
            let side_b: Vec<usize> = ids.iter().copied().filter(|&i| q(i).is_some_and(|v| self.base_interval(v).overlaps(&bq) && !self.base_interval(v).overlaps(&a))).collect();
            let mut all = side_a.clone();
            all.extend(side_b.iter().copied());
            all.sort();
            let hedge = if self.claims[x].hedged || self.claims[y].hedged { " (at least one figure is an accusation or estimate)" } else { "" };
            let sources = match (&self.claims[x].source, &self.claims[y].source) {
                (Some(sa), Some(sb)) if sa != sb => format!(" — {} and {} disagree", sa.id(), sb.id()),
                _ => String::new(),
            };
            // Two running counts dated only by their articles' same day may be an unstated update.
            let unsure = running && q(x).is_some_and(|v| v.as_of_article) && q(y).is_some_and(|v| v.as_of_article);
            let (severity, note) = if unsure { (Severity::Warning, "; both are dated only by their articles, so one may be a later update") } else { (Severity::Error, "") };
            let ex = format!(
                "{} ({}) and {} ({}) cannot both hold for {} at the same time{}{}{}.",
                self.cite.cite(x),
                a.describe(),
                self.cite.cite(y),
                bq.describe(),
                topic,
                sources,
                hedge,
                note
            );
            return vec![finding(Verdict::Conflict, severity, all, topic, ex)];
        }
        if disjoint {
            // The figures differ but may count different groups: report only exact agreement.
            let mut by_value: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
            for &i in &ids {
                if let Some(v) = q(i).filter(|v| v.vague.is_none()) {
                    by_value.entry(format!("{:?}", self.base_interval(v))).or_default().push(i);
                }
            }
            return by_value
                .into_values()
                .filter(|g| self.docs(g) >= 2)
                .map(|g| {
                    let v = q(g[0]).map(|v| v.interval.describe()).unwrap_or_default();
                    let ex = format!("{} sources agree on {topic}: {v} ({}); other figures for {topic} count other groups or places.", self.docs(&g), self.cites(&g));
                    finding(Verdict::Corroborated, Severity::Info, g, topic, ex)
                })
                .collect();
        }
        let all_same = ids.windows(2).all(|w| q(w[0]).map(|v| self.base_interval(v)) == q(w[1]).map(|v| self.base_interval(v)));
        if all_same && q(ids[0]).is_some_and(|v| v.vague.is_none()) {
            let v = q(ids[0]).map(|v| v.interval.describe()).unwrap_or_default();
            let ex = format!("{} sources agree on {topic}: {v} ({}).", self.docs(&ids), self.cites(&ids));
            return vec![finding(Verdict::Corroborated, Severity::Info, ids, topic, ex)];
        }
        let parts: Vec<String> = ids.iter().map(|&i| format!("{} ({})", self.cite.cite(i), q(i).map(|v| v.interval.describe()).unwrap_or_default())).collect();
        let ex = format!("The figures for {topic} fit together — each range overlaps the others: {}.", parts.join("; "));
        vec![finding(Verdict::Compatible, Severity::Info, ids, topic, ex)]
    }

    /// Figures of a running count ordered by the time each was stated, oldest first.
    fn timeline(&self, ids: &[usize], topic: &str) -> Finding {
        let mut order: Vec<usize> = ids.to_vec();
        let key = |i: usize| match &self.claims[i].value {
            Value::Quantity(q) => stamp_of(q),
            _ => None,
        };
        order.sort_by_key(|&i| (key(i), i));
        let iv = |i: usize| match &self.claims[i].value {
            Value::Quantity(q) => Some(q.interval),
            _ => None,
        };
        // Runs of the same figure read as one step: "18 as of A … B → 21 as of C".
        let mut steps: Vec<String> = Vec::new();
        let mut k = 0;
        while k < order.len() {
            let mut e = k;
            while e + 1 < order.len() && iv(order[e + 1]) == iv(order[k]) {
                e += 1;
            }
            let when = |i: usize| match &self.claims[i].value {
                Value::Quantity(q) => describe_stamp(q),
                _ => String::new(),
            };
            let span = if e > k { format!("{} … {}", when(order[k]), when(order[e])) } else { when(order[k]) };
            steps.push(format!("{} as of {span}", iv(order[k]).map(|v| v.describe()).unwrap_or_default()));
            k = e + 1;
        }
        // Most counts only rise: a later figure below an earlier one is a revision worth a look,
        // unless the count may fall (rules: `may_fall`).
        let may_fall = self.rules.languages.values().flat_map(|p| p.concepts.iter()).any(|c| c.may_fall && topic.split('.').next() == Some(c.id.as_str()));
        let falls = !may_fall && order.windows(2).any(|w| match (iv(w[0]), iv(w[1])) {
            (Some(a), Some(b)) => matches!((a.low, b.high), (Some(lo), Some(hi)) if hi < lo),
            _ => false,
        });
        let newest = order.last().map(|&i| self.cite.cite(i)).unwrap_or_default();
        let ex = format!(
            "The {topic} figure changed over time: {}; the latest is {newest}{}.",
            steps.join(" → "),
            if falls { " (a later figure is lower: a revision, check it)" } else { "" }
        );
        let mut f = finding(Verdict::Updated, if falls { Severity::Warning } else { Severity::Info }, order, topic, ex);
        f.in_document = false;
        f
    }

    fn cites(&self, ids: &[usize]) -> String {
        ids.iter().map(|&i| self.cite.cite(i)).collect::<Vec<_>>().join(", ")
    }

    fn events(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let ev = |i: usize| match &self.claims[i].value {
            Value::Event(e) => Some(e),
            _ => None,
        };
        let Some(first) = ev(b.claims[0]) else { return vec![] };
        let Some(rule) = self.rules.languages.values().flat_map(|p| p.events.iter()).find(|r| r.id == first.event) else { return vec![] };
        let resolved = |i: usize| ev(i).and_then(|e| e.date.as_ref()).and_then(|d| d.resolved.clone());
        let dated: Vec<usize> = b.claims.iter().copied().filter(|&i| resolved(i).is_some()).collect();
        let undated: Vec<usize> = b.claims.iter().copied().filter(|&i| resolved(i).is_none()).collect();
        let mut out = Vec::new();
        // Occurrences: dates further apart than the event's window are different events.
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        let mut sorted = dated.clone();
        sorted.sort_by_key(|&i| resolved(i).map(|r| r.date));
        for i in sorted {
            let d = resolved(i).map(|r| r.date);
            match clusters.last_mut() {
                Some(c) if {
                    let last = resolved(c[c.len() - 1]).map(|r| r.date);
                    matches!((last, d), (Some(a), Some(b)) if days_between(a, b).abs() <= rule.window_days)
                } =>
                {
                    c.push(i)
                }
                _ => clusters.push(vec![i]),
            }
        }
        let biggest = clusters.iter().enumerate().max_by_key(|(k, c)| (self.docs(c), usize::MAX - k)).map(|(k, _)| k);
        for (k, c) in clusters.iter().enumerate() {
            let mut ids = c.clone();
            if Some(k) == biggest {
                ids.extend(undated.iter().copied());
                ids.sort();
            }
            if self.docs(&ids) < 2 {
                continue;
            }
            let dates: Vec<Resolved> = c.iter().filter_map(|&i| resolved(i)).collect();
            let all_agree = dates.windows(2).all(|w| dates_compatible(&w[0], &w[1]));
            let places = self.place_conflict(&ids, |i| ev(i).and_then(|e| e.place.clone()));
            let how: Vec<String> = c
                .iter()
                .filter_map(|&i| resolved(i).map(|r| format!("{} → {}{}", self.cite.cite(i), r.iso(), if r.relative { format!(" ({})", r.how) } else { String::new() })))
                .collect();
            if let Some((x, y, px, py)) = places {
                if rule.once {
                    let ex = format!("{} puts the {topic} in {px} but {} in {py}; one event cannot be in both places.", self.cite.cite(x), self.cite.cite(y));
                    out.push(finding(Verdict::Conflict, Severity::Error, vec![x, y], topic, ex));
                    continue;
                }
            }
            if all_agree && rule.once {
                if let Some((x, y)) = self.time_conflict(c, |i| ev(i).and_then(|e| e.time)) {
                    let (tx, ty) = (ev(x).and_then(|e| e.time), ev(y).and_then(|e| e.time));
                    let (Some(tx), Some(ty)) = (tx, ty) else { continue };
                    let ex = format!("{} puts the {topic} at {} but {} at {}; the same day, different times.", self.cite.cite(x), tx.describe(), self.cite.cite(y), ty.describe());
                    out.push(finding(Verdict::Conflict, Severity::Error, vec![x, y], topic, ex));
                    continue;
                }
            }
            if all_agree {
                let dated_docs = self.docs(c);
                let verdict = if dated_docs >= 2 { Verdict::Corroborated } else { Verdict::Compatible };
                let d = dates.first().map(|r| r.iso()).unwrap_or_default();
                let extra = if undated.is_empty() || Some(k) != biggest { String::new() } else { format!("; {} more mention(s) give no date", undated.len()) };
                let places: BTreeSet<String> = ids.iter().filter_map(|&i| ev(i).and_then(|e| e.place.clone())).collect();
                let places: Vec<String> = places.into_iter().collect();
                // Places that lie inside one of the others are the same place, more precisely.
                let outer: Vec<&String> = places.iter().filter(|p| !places.iter().any(|o| o != *p && self.rules.place_within(p, o))).collect();
                let inner: Vec<String> = places.iter().filter(|p| !outer.contains(p)).map(|p| format!("{p} lies in {}", outer.iter().find(|o| self.rules.place_within(p, o)).map_or("", |o| o.as_str()))).collect();
                let place = match (outer.is_empty(), inner.is_empty()) {
                    (true, _) => String::new(),
                    (false, true) => format!(" in {}", outer.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" / ")),
                    (false, false) => format!(" in {} ({})", outer.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" / "), inner.join("; ")),
                };
                let ex = format!("{} sources date the {topic} to {d}{place}: {}{extra}.", self.docs(&ids), how.join(", "));
                out.push(finding(verdict, Severity::Info, ids, topic, ex));
            } else if rule.once {
                // Group the cluster by day; the day most articles give is the reference. Another
                // day from another article conflicts with it; a disagreement inside one article
                // is that article's problem, not a cross-article conflict.
                let mut days: Vec<Vec<usize>> = Vec::new();
                for &i in c {
                    let Some(ri) = resolved(i) else { continue };
                    match days.iter_mut().find(|g| resolved(g[0]).is_some_and(|r0| dates_compatible(&r0, &ri))) {
                        Some(g) => g.push(i),
                        None => days.push(vec![i]),
                    }
                }
                days.sort_by_key(|g| (usize::MAX - self.docs(g), g[0]));
                let Some(main) = days.first().cloned() else { continue };
                let mut agreeing = main.clone();
                if Some(k) == biggest {
                    agreeing.extend(undated.iter().copied());
                    agreeing.sort();
                }
                if self.docs(&agreeing) >= 2 {
                    let d = resolved(main[0]).map(|r| r.iso()).unwrap_or_default();
                    let verdict = if self.docs(&main) >= 2 { Verdict::Corroborated } else { Verdict::Compatible };
                    let ex = format!("{} sources date the {topic} to {d}: {}.", self.docs(&agreeing), self.cites(&main));
                    out.push(finding(verdict, Severity::Info, agreeing, topic, ex));
                }
                for g in &days[1..] {
                    for &y in g {
                        let Some(x) = main.iter().copied().find(|&x| self.cite.doc_of(x) != self.cite.doc_of(y)) else { continue };
                        let (Some(rx), Some(ry)) = (resolved(x), resolved(y)) else { continue };
                        let ex = format!("{} dates the {topic} to {} but {} to {}; it happened once.", self.cite.cite(y), ry.iso(), self.cite.cite(x), rx.iso());
                        let unsure = rx.year_inferred || ry.year_inferred;
                        let (verdict, sev) = if unsure { (Verdict::Compatible, Severity::Warning) } else { (Verdict::Conflict, Severity::Error) };
                        let mut pair = vec![x, y];
                        pair.sort();
                        out.push(finding(verdict, sev, pair, topic, ex));
                        break;
                    }
                }
            } else {
                let span = dates.first().zip(dates.last()).map(|(a, b)| days_between(a.date, b.date).abs()).unwrap_or(0);
                if span <= rule.span_days {
                    let ex = format!("The {topic} is dated {}; a {topic} can last {} days, so the dates fit.", how.join(", "), rule.span_days);
                    out.push(finding(Verdict::Compatible, Severity::Info, c.clone(), topic, ex));
                }
                // Further apart: different occurrences of a repeatable event, no finding.
            }
        }
        if clusters.is_empty() && self.docs(&undated) >= 2 {
            let ex = format!("{} sources report the {topic} (no date given): {}.", self.docs(&undated), self.cites(&undated));
            out.push(finding(Verdict::Compatible, Severity::Info, undated, topic, ex));
        }
        out
    }

    /// Two claims from different articles whose clock times cannot be the same moment. Times
    /// compare only when both zones are known or both unstated.
    fn time_conflict(&self, ids: &[usize], time: impl Fn(usize) -> Option<TimeMention>) -> Option<(usize, usize)> {
        // Only claims that state a time can clash; few do, and at most PAIR_SCAN are paired.
        let timed: Vec<usize> = ids.iter().copied().filter(|&i| time(i).is_some()).take(PAIR_SCAN).collect();
        for &x in &timed {
            for &y in &timed {
                if x >= y || self.cite.doc_of(x) == self.cite.doc_of(y) {
                    continue;
                }
                let (Some(tx), Some(ty)) = (time(x), time(y)) else { continue };
                if tx.zone.is_some() != ty.zone.is_some() || tx.local != ty.local && (tx.zone.is_none() || ty.zone.is_none()) {
                    continue;
                }
                let (a, b) = (tx.interval(), ty.interval());
                if a.1 < b.0 || b.1 < a.0 {
                    return Some((x, y));
                }
            }
        }
        None
    }

    /// Two claims whose places cannot be the same (neither lies within the other).
    fn place_conflict(&self, ids: &[usize], place: impl Fn(usize) -> Option<String>) -> Option<(usize, usize, String, String)> {
        // One claim per distinct place is enough to find two places that cannot both hold.
        let mut seen = BTreeSet::new();
        let placed: Vec<usize> = ids.iter().copied().filter(|&i| place(i).is_some_and(|p| seen.insert((p, self.cite.doc_of(i))))).take(PAIR_SCAN).collect();
        for &x in &placed {
            for &y in &placed {
                if x >= y || self.cite.doc_of(x) == self.cite.doc_of(y) {
                    continue;
                }
                if let (Some(px), Some(py)) = (place(x), place(y)) {
                    if !self.rules.place_within(&px, &py) && !self.rules.place_within(&py, &px) {
                        // Unknown places (no containment facts) are not judged.
                        if self.rules.entities.contains_key(&px) && self.rules.entities.contains_key(&py) {
                            let kx = self.rules.entities.get(&px).and_then(|e| e.kind);
                            let ky = self.rules.entities.get(&py).and_then(|e| e.kind);
                            if kx == ky {
                                return Some((x, y, px, py));
                            }
                        }
                    }
                }
            }
        }
        None
    }

    /// Dates of statements by one speaker: the same day corroborates; other days are other
    /// statements and never conflict.
    fn statement_dates(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let res = |i: usize| match &self.claims[i].value {
            Value::Date { date, .. } => date.resolved.clone(),
            _ => None,
        };
        let mut by_day: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for &i in &b.claims {
            if let Some(r) = res(i) {
                by_day.entry(r.iso()).or_default().push(i);
            }
        }
        let mut out = Vec::new();
        for (day, ids) in by_day {
            if self.docs(&ids) >= 2 {
                let who = b.key.split('|').nth(2).unwrap_or(topic);
                let ex = format!("{} sources date a {topic} by {who} to {day}: {}.", self.docs(&ids), self.cites(&ids));
                out.push(finding(Verdict::Corroborated, Severity::Info, ids, topic, ex));
            }
        }
        out
    }

    fn recency(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let r = |i: usize| match &self.claims[i].value {
            Value::Recency(r) => Some(r),
            _ => None,
        };
        let ids: Vec<usize> = b.claims.iter().copied().filter(|&i| r(i).is_some_and(|r| r.since.is_some())).collect();
        if self.docs(&ids) < 2 {
            return vec![];
        }
        // Destinations, when both are stated, must match.
        let dest: BTreeSet<String> = ids.iter().filter_map(|&i| r(i).and_then(|r| r.destination.clone())).collect();
        if dest.len() > 1 {
            return vec![];
        }
        let since = |i: usize| r(i).and_then(|r| r.since).unwrap_or((0, 0));
        let how: Vec<String> = ids.iter().map(|&i| format!("{}: {}", self.cite.cite(i), r(i).and_then(|r| r.since_how.clone()).unwrap_or_default())).collect();
        let lo = ids.iter().map(|&i| since(i).0).max().unwrap_or(0);
        let hi = ids.iter().map(|&i| since(i).1).min().unwrap_or(0);
        let all_points_equal = ids.iter().all(|&i| since(i) == since(ids[0])) && since(ids[0]).0 == since(ids[0]).1;
        if all_points_equal {
            let ex = format!("The previous {topic} was in {}: {}.", since(ids[0]).0, how.join("; "));
            return vec![finding(Verdict::Corroborated, Severity::Info, ids, topic, ex)];
        }
        // Rounding "24 years" may shift the year by one.
        if lo <= hi + 1 {
            let ex = format!("The dates of the previous {topic} fit within a year: {}.", how.join("; "));
            return vec![finding(Verdict::Compatible, Severity::Info, ids, topic, ex)];
        }
        let ex = format!("The previous {topic} cannot be both: {}.", how.join("; "));
        vec![finding(Verdict::Conflict, Severity::Error, ids, topic, ex)]
    }

    fn quotes(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let words = |i: usize| match &self.claims[i].value {
            Value::Quote(q) => q.words.clone(),
            _ => vec![],
        };
        let neg: BTreeSet<String> = self.rules.languages.values().flat_map(|p| p.speech.negations.iter().map(|n| n.to_lowercase())).collect();
        let threshold = self.rules.thresholds.quote_same;
        // Greedy clustering against each cluster's first quotation: linear in the block.
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for &i in &b.claims {
            let wi = words(i);
            let hit = clusters.iter_mut().find(|c| similarity(&words(c[0]), &wi) >= threshold);
            match hit {
                Some(c) => c.push(i),
                None => clusters.push(vec![i]),
            }
        }
        let mut out = Vec::new();
        for c in clusters {
            if self.docs(&c) < 2 {
                continue;
            }
            let w0 = words(c[0]);
            let mut changed: Option<(usize, Vec<String>)> = None;
            for &i in &c[1..] {
                let wi = words(i);
                let diff = sym_diff(&w0, &wi);
                let meaning = diff.iter().any(|d| neg.contains(d) || d.chars().any(|ch| ch.is_ascii_digit()));
                if meaning && changed.is_none() {
                    changed = Some((i, diff));
                }
            }
            if let Some((i, diff)) = changed {
                let ex = format!("The quotation of {topic} differs in meaning between {} and {}: {}.", self.cite.cite(c[0]), self.cite.cite(i), diff.join(", "));
                out.push(finding(Verdict::Conflict, Severity::Error, vec![c[0], i], topic, ex));
                continue;
            }
            let identical = c.iter().all(|&i| words(i) == w0);
            if identical {
                let ex = format!("{} sources quote {topic} word for word: {}.", self.docs(&c), self.cites(&c));
                out.push(finding(Verdict::Corroborated, Severity::Info, c, topic, ex));
            } else {
                let sim = c[1..].iter().map(|&i| similarity(&w0, &words(i))).fold(1.0f64, f64::min);
                let ex = format!("{} sources quote {topic} with light rewording ({:.0}% of words aligned): {}.", self.docs(&c), sim * 100.0, self.cites(&c));
                out.push(finding(Verdict::Compatible, Severity::Info, c, topic, ex));
            }
        }
        out
    }

    fn sets(&self, b: &Block, topic: &str) -> Vec<Finding> {
        let m = |i: usize| -> BTreeSet<String> {
            match &self.claims[i].value {
                Value::Set { members, .. } => members.iter().cloned().collect(),
                _ => BTreeSet::new(),
            }
        };
        let ids = b.claims.clone();
        let first = m(ids[0]);
        if ids.iter().all(|&i| m(i) == first) {
            let list: Vec<String> = first.iter().cloned().collect();
            let ex = format!("{} sources list the same members ({}) as {topic}: {}.", self.docs(&ids), list.join(", "), self.cites(&ids));
            return vec![finding(Verdict::Corroborated, Severity::Info, ids, topic, ex)];
        }
        for &x in ids.iter().take(PAIR_SCAN) {
            for &y in ids.iter().take(PAIR_SCAN) {
                if x < y && self.cite.doc_of(x) != self.cite.doc_of(y) && m(x).is_disjoint(&m(y)) {
                    let ex = format!("{} and {} name no member in common for {topic}.", self.cite.cite(x), self.cite.cite(y));
                    return vec![finding(Verdict::Conflict, Severity::Warning, vec![x, y], topic, ex)];
                }
            }
        }
        let ex = format!("The lists for {topic} overlap; one may be partial: {}.", self.cites(&ids));
        vec![finding(Verdict::Compatible, Severity::Info, ids, topic, ex)]
    }
}

/// Figures an order of magnitude apart, one of them qualified (an estimate, "more than") or
/// vague, most likely count different groups ("an estimated 1,500 pirates" in a region vs
/// "23 pirates" captured; "more than 300 crew members" held vs "sixteen crew members" aboard).
fn apart(a: &Quantity, b: &Quantity) -> bool {
    let approx = |q: &Quantity| q.vague.is_some() || q.qualifier.as_ref().is_some_and(|(_, op)| *op != crate::rules::QualifierOp::Exact);
    let mid = |q: &Quantity| match (q.interval.low, q.interval.high) {
        (Some(l), Some(h)) => (l + h) / 2.0,
        (Some(l), None) => l,
        (None, Some(h)) => h,
        (None, None) => 0.0,
    };
    let (x, y) = (mid(a).abs(), mid(b).abs());
    (approx(a) || approx(b)) && x.min(y) > 0.0 && x.max(y) / x.min(y) >= 10.0
}

/// Two qualified figures that only touch ("nearly 300" and "more than 300") or miss by a hair
/// (within 1 %) are read as compatible: such wording is not that precise.
fn borderline(a: &Quantity, b: &Quantity) -> bool {
    if a.qualifier.is_none() && b.qualifier.is_none() {
        return false;
    }
    let (x, y) = (a.interval, b.interval);
    let gap = match (x.high, y.low, y.high, x.low) {
        (Some(xh), Some(yl), _, _) if xh <= yl => yl - xh,
        (_, _, Some(yh), Some(xl)) if yh <= xl => xl - yh,
        _ => return false,
    };
    let scale = [x.low, x.high, y.low, y.high].iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    gap <= (scale * 0.01).max(0.0)
}

/// When a figure was stated: its date and, when given, its clock time in UTC minutes
/// (or local minutes when no zone is known).
pub fn stamp_of(q: &Quantity) -> Option<(jiff::civil::Date, Option<i32>)> {
    let d = q.as_of.as_ref()?.resolved.as_ref()?;
    Some((d.date, q.as_of_time.map(|t| t.interval().0)))
}

fn describe_stamp(q: &Quantity) -> String {
    let d = q.as_of.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| r.iso()).unwrap_or_else(|| "an unknown date".into());
    let t = q.as_of_time.map(|t| format!(" {}", t.describe())).unwrap_or_default();
    let src = if q.as_of_article { " (article date)" } else { "" };
    format!("{d}{t}{src}")
}

/// Word-level similarity: 1 − normalised Levenshtein distance over words (strsim).
pub fn similarity(a: &[String], b: &[String]) -> f64 {
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&a.to_vec(), &b.to_vec()) as f64 / n as f64
}

fn sym_diff(a: &[String], b: &[String]) -> Vec<String> {
    let sa: BTreeSet<&String> = a.iter().collect();
    let sb: BTreeSet<&String> = b.iter().collect();
    sa.symmetric_difference(&sb).map(|s| (*s).clone()).collect()
}

/// A short description of a claim's value, for explanations and the table.
pub fn describe(c: &Claim) -> String {
    match &c.value {
        Value::Quantity(q) => {
            let unit = q.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            format!("{}{unit} of {}", q.interval.describe(), q.of.as_deref().or(q.noun.as_deref()).unwrap_or("?"))
        }
        Value::Date { date, .. } => date.resolved.as_ref().map_or("an unresolved date".into(), |r| r.iso()),
        Value::Duration { amount, unit } => format!("{} {}(s)", amount.describe(), unit.name()),
        Value::Recency(r) => match r.since {
            Some((a, b)) if a == b => format!("previous {} in {a}", r.event.as_deref().unwrap_or("occurrence")),
            Some((a, b)) => format!("previous {} in {a}–{b}", r.event.as_deref().unwrap_or("occurrence")),
            None => format!("ordinal {}", r.ordinal),
        },
        Value::Event(e) => {
            let d = e.date.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| format!(" on {}", r.iso())).unwrap_or_default();
            let p = e.place.as_ref().map(|p| format!(" in {p}")).unwrap_or_default();
            format!("{}{d}{p}", e.event)
        }
        Value::Quote(q) => format!("\u{201c}{}\u{201d}", truncate(&q.text, 60)),
        Value::Set { members, predicate } => format!("{predicate}: {}", members.join(", ")),
    }
}

pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let t: String = s.chars().take(n).collect();
    format!("{t}…")
}
